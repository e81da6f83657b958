#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace confab::ui {

// Text that tells the user what is going on: an error, the connection's
// state, who is typing, a notice. Screen readers get it as a notification
// whose name is the visible text itself (what it is for goes in the
// description), and hear it when it appears or says something new, wherever
// the focus is.
class LiveText {
public:
    // Makes `label` live text; `purpose` says what it is for ("Error").
    // Done right after the label is made, before anything asks for its
    // accessible interface.
    static void mark(QLabel* label, const QString& purpose);
    // Shows `text` in `label` (hidden while empty) and has it read out,
    // also when it says the same as before.
    static void show(QLabel* label, const QString& text);
    // Sets the text and, when shown, has it read out.
    static void setText(QLabel* label, const QString& text);
    // Has the shown text of `label` read out (again).
    static void announce(QLabel* label);
};

} // namespace confab::ui

#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace confab::ui {

// Text that tells the user what is going on: an error, the connection's
// state, who is typing, a notice. A screen reader reads a label by its
// accessible name, so that is the visible text itself (what the text is
// for goes in the description), and every change is sent as an
// accessibility event, to be read out wherever the focus is.
class LiveText {
public:
    // Makes `label` live text; `purpose` says what it is for ("Error").
    static void mark(QLabel* label, const QString& purpose);
    // Shows `text` in `label` (hidden while empty) and has it read out,
    // also when it says the same as before.
    static void show(QLabel* label, const QString& text);
    // Sets the text and has it read out; the label stays as shown or hidden.
    static void setText(QLabel* label, const QString& text);
    // Tells screen readers that `widget` has something new to say.
    static void announce(QWidget* widget);
};

} // namespace confab::ui

#pragma once

class QLineEdit;
class QListView;
class QString;
class QWidget;

// The parts of a dialog that searches as the user types and lists what it
// found (the room directory, the user picker).
namespace confab::ui::searchlist {

// How long typing must pause before a search goes out.
constexpr int kDelayMs = 250;

QLineEdit* makeField(const QString& placeholder, QWidget* parent);
QListView* makeView(QWidget* parent);

} // namespace confab::ui::searchlist

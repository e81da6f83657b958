#pragma once

#include <QAccessibleWidget>
#include <QHash>
#include <QPersistentModelIndex>
#include <QPointer>

namespace confab::ui {

class TimelineView;

// The timeline as screen readers see it: a list whose items are the rows,
// each named by what it says (MessageDelegate::spokenText()) and carrying
// the actions of its menu (Reply, Edit, Delete…, Copy text). Items keep
// their identity while rows arrive above and below them, so a screen
// reader stays on its message when a new one comes in.
class TimelineAccessible : public QAccessibleWidget {
public:
    explicit TimelineAccessible(TimelineView* view);
    ~TimelineAccessible() override;

    // The factory that gives every TimelineView this interface.
    static QAccessibleInterface* factory(const QString& className, QObject* object);

    int childCount() const override;
    QAccessibleInterface* child(int index) const override;
    int indexOfChild(const QAccessibleInterface* child) const override;
    QAccessibleInterface* childAt(int x, int y) const override;
    QAccessibleInterface* focusChild() const override;

private:
    TimelineView* view() const;
    void purge() const;

    // Interfaces handed out, by a key that stays with the row.
    mutable QHash<QString, QAccessible::Id> m_items;
};

} // namespace confab::ui

#include "chat/TimelineAccessible.h"

#include "chat/TimelineView.h"
#include "dialogs/AccessibleItem.h"
#include "models/TimelineModel.h"

#include <QScrollBar>

namespace confab::ui {

using core::TimelineModel;

namespace {

// What stays with a row while others come and go: its seq once stored, its
// client id while on its way.
QString rowKey(const QModelIndex& index)
{
    const quint64 seq = index.data(TimelineModel::SeqRole).toULongLong();
    return seq != 0
               ? QStringLiteral("s") + QString::number(seq)
               : QStringLiteral("c") + index.data(TimelineModel::ClientMessageIdRole).toString();
}

// One row of the timeline.
class TimelineItemAccessible : public AccessibleItem {
public:
    TimelineItemAccessible(TimelineView* view, const QModelIndex& index)
        : AccessibleItem(view), m_view(view), m_index(index)
    {}

    QModelIndex index() const { return m_index; }

    bool isValid() const override { return m_view && m_index.isValid(); }

    QString text(QAccessible::Text t) const override
    {
        if (!isValid()) {
            return {};
        }
        if (t == QAccessible::Name) {
            return m_index.data(Qt::AccessibleTextRole).toString();
        }
        return {};
    }
    QRect rect() const override
    {
        if (!isValid()) {
            return {};
        }
        const QRect local = m_view->visualRect(m_index);
        return QRect(m_view->viewport()->mapToGlobal(local.topLeft()), local.size());
    }
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override
    {
        QAccessible::State st;
        if (!isValid()) {
            st.invalid = true;
            return st;
        }
        st.focusable = true;
        st.selectable = true;
        st.readOnly = true;
        const bool current = m_view->currentIndex() == QModelIndex(m_index);
        st.focused = current && m_view->hasFocus();
        st.selected = current;
        if (!m_view->viewport()->rect().intersects(m_view->visualRect(m_index))) {
            st.offscreen = true;
        }
        if (!m_view->isVisible()) {
            st.invisible = true;
        }
        return st;
    }

    QStringList actionNames() const override
    {
        QStringList names;
        if (!isValid()) {
            return names;
        }
        names << setFocusAction();
        for (TimelineView::MessageAction action : TimelineView::actionsFor(m_index)) {
            names << TimelineView::actionName(action);
        }
        if (names.size() > 1) {
            names << showMenuAction();
        }
        return names;
    }
    QString localizedActionName(const QString& name) const override
    {
        for (TimelineView::MessageAction action : TimelineView::actionsFor(m_index)) {
            if (TimelineView::actionName(action) == name) {
                return TimelineView::actionText(action).remove(QLatin1Char('&'));
            }
        }
        return QAccessibleActionInterface::localizedActionName(name);
    }
    void doAction(const QString& name) override
    {
        if (!isValid()) {
            return;
        }
        if (name == setFocusAction()) {
            m_view->setCurrentIndex(m_index);
            m_view->setFocus(Qt::OtherFocusReason);
            return;
        }
        if (name == showMenuAction()) {
            m_view->setCurrentIndex(m_index);
            m_view->showMenuFor(m_index);
            return;
        }
        for (TimelineView::MessageAction action : TimelineView::actionsFor(m_index)) {
            if (TimelineView::actionName(action) == name) {
                emit m_view->messageActionRequested(m_index, action);
                return;
            }
        }
    }
    QStringList keyBindingsForAction(const QString& name) const override
    {
        if (name == showMenuAction()) {
            return {QStringLiteral("Shift+F10")};
        }
        return AccessibleItem::keyBindingsForAction(name);
    }

private:
    QPointer<TimelineView> m_view;
    QPersistentModelIndex m_index;
};

} // namespace

TimelineAccessible::TimelineAccessible(TimelineView* view)
    : QAccessibleWidget(view, QAccessible::List)
{}

TimelineAccessible::~TimelineAccessible()
{
    for (QAccessible::Id id : std::as_const(m_items)) {
        QAccessible::deleteAccessibleInterface(id);
    }
}

QAccessibleInterface* TimelineAccessible::factory(const QString& className, QObject* object)
{
    if (className == QLatin1String("confab::ui::TimelineView")) {
        return new TimelineAccessible(static_cast<TimelineView*>(object));
    }
    return nullptr;
}

TimelineView* TimelineAccessible::view() const
{
    return static_cast<TimelineView*>(widget());
}

int TimelineAccessible::childCount() const
{
    const QAbstractItemModel* model = view()->model();
    return model ? model->rowCount() : 0;
}

QAccessibleInterface* TimelineAccessible::child(int index) const
{
    const QAbstractItemModel* model = view()->model();
    if (!model || index < 0 || index >= model->rowCount()) {
        return nullptr;
    }
    const QModelIndex row = model->index(index, 0);
    const QString key = rowKey(row);
    if (const auto it = m_items.constFind(key); it != m_items.cend()) {
        auto* item = static_cast<TimelineItemAccessible*>(QAccessible::accessibleInterface(*it));
        if (item && item->index() == row) {
            return item;
        }
        QAccessible::deleteAccessibleInterface(*it);
        m_items.erase(it);
    }
    if (m_items.size() > 2 * model->rowCount() + 64) {
        purge();
    }
    auto* item = new TimelineItemAccessible(view(), row);
    m_items.insert(key, QAccessible::registerAccessibleInterface(item));
    return item;
}

// Forgets the rows that are gone.
void TimelineAccessible::purge() const
{
    for (auto it = m_items.begin(); it != m_items.end();) {
        QAccessibleInterface* item = QAccessible::accessibleInterface(*it);
        if (!item || !item->isValid()) {
            QAccessible::deleteAccessibleInterface(*it);
            it = m_items.erase(it);
        } else {
            ++it;
        }
    }
}

int TimelineAccessible::indexOfChild(const QAccessibleInterface* child) const
{
    if (!child || child->role() != QAccessible::ListItem || child->parent() != this) {
        return -1;
    }
    const auto* item = static_cast<const TimelineItemAccessible*>(child);
    return item->isValid() ? item->index().row() : -1;
}

QAccessibleInterface* TimelineAccessible::childAt(int x, int y) const
{
    const QModelIndex index = view()->indexAt(view()->viewport()->mapFromGlobal(QPoint(x, y)));
    return index.isValid() ? child(index.row()) : nullptr;
}

QAccessibleInterface* TimelineAccessible::focusChild() const
{
    const QModelIndex current = view()->currentIndex();
    if (view()->hasFocus() && current.isValid()) {
        return child(current.row());
    }
    return nullptr;
}

} // namespace confab::ui

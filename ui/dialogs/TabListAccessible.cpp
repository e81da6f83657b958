#include "dialogs/TabListAccessible.h"

#include "dialogs/AccessibleItem.h"

#include <QPointer>
#include <QTabBar>

namespace confab::ui {

namespace {

// One tab of a TabListAccessible.
class TabAccessible : public AccessibleItem {
public:
    TabAccessible(QTabBar* tabBar, int index)
        : AccessibleItem(tabBar), m_tabBar(tabBar), m_index(index)
    {}

    int index() const { return m_index; }

    bool isValid() const override { return m_tabBar && m_index < m_tabBar->count(); }

    QString text(QAccessible::Text t) const override
    {
        if (!isValid() || t != QAccessible::Name) {
            return {};
        }
        QString name = m_tabBar->tabText(m_index);
        return name.remove(QLatin1Char('&'));
    }
    QRect rect() const override
    {
        if (!isValid()) {
            return {};
        }
        const QRect local = m_tabBar->tabRect(m_index);
        return QRect(m_tabBar->mapToGlobal(local.topLeft()), local.size());
    }
    QAccessible::Role role() const override { return QAccessible::PageTab; }
    QAccessible::State state() const override
    {
        QAccessible::State st;
        if (!isValid()) {
            st.invalid = true;
            return st;
        }
        const bool current = m_tabBar->currentIndex() == m_index;
        st.selectable = true;
        st.selected = current;
        st.focusable = true;
        st.focused = current && m_tabBar->hasFocus();
        st.disabled = !m_tabBar->isTabEnabled(m_index) || !m_tabBar->isEnabled();
        st.invisible = !m_tabBar->isVisible();
        return st;
    }

    QStringList actionNames() const override { return {pressAction()}; }
    void doAction(const QString& name) override
    {
        if (name == pressAction() && isValid() && m_tabBar->isTabEnabled(m_index)) {
            m_tabBar->setCurrentIndex(m_index);
        }
    }

private:
    QPointer<QTabBar> m_tabBar;
    int m_index;
};

QAccessibleInterface* tabListFactory(const QString& className, QObject* object)
{
    if (className == QLatin1String("QTabBar")) {
        auto* tabBar = static_cast<QTabBar*>(object);
        if (!tabBar->accessibleName().isEmpty()) {
            return new TabListAccessible(tabBar);
        }
    }
    return nullptr;
}

} // namespace

TabListAccessible::TabListAccessible(QTabBar* tabBar)
    : QAccessibleWidget(tabBar, QAccessible::PageTabList)
{}

TabListAccessible::~TabListAccessible()
{
    for (QAccessible::Id id : std::as_const(m_tabs)) {
        QAccessible::deleteAccessibleInterface(id);
    }
}

void TabListAccessible::install()
{
    static const bool installed = [] {
        QAccessible::installFactory(&tabListFactory);
        return true;
    }();
    Q_UNUSED(installed);
}

QTabBar* TabListAccessible::tabBar() const
{
    return static_cast<QTabBar*>(widget());
}

QString TabListAccessible::text(QAccessible::Text t) const
{
    if (t == QAccessible::Name) {
        return tabBar()->accessibleName();
    }
    return QAccessibleWidget::text(t);
}

int TabListAccessible::childCount() const
{
    return tabBar()->count();
}

QAccessibleInterface* TabListAccessible::child(int index) const
{
    if (index < 0 || index >= tabBar()->count()) {
        return nullptr;
    }
    while (m_tabs.size() <= index) {
        m_tabs.append(QAccessible::registerAccessibleInterface(
            new TabAccessible(tabBar(), static_cast<int>(m_tabs.size()))));
    }
    return QAccessible::accessibleInterface(m_tabs.at(index));
}

int TabListAccessible::indexOfChild(const QAccessibleInterface* child) const
{
    if (!child || child->role() != QAccessible::PageTab || child->parent() != this) {
        return -1;
    }
    return static_cast<const TabAccessible*>(child)->index();
}

QAccessibleInterface* TabListAccessible::childAt(int x, int y) const
{
    const int index = tabBar()->tabAt(tabBar()->mapFromGlobal(QPoint(x, y)));
    return index >= 0 ? child(index) : nullptr;
}

QAccessibleInterface* TabListAccessible::focusChild() const
{
    return tabBar()->hasFocus() ? child(tabBar()->currentIndex()) : nullptr;
}

} // namespace confab::ui

#pragma once

#include <QAccessibleWidget>
#include <QList>

class QTabBar;

namespace confab::ui {

// A tab bar as screen readers see it: a page tab list named for what its
// tabs hold (its accessible name, which Qt's own interface replaces with
// the current tab's text), with a page tab for each tab that can be
// pressed. Used for tab bars that have an accessible name.
class TabListAccessible : public QAccessibleWidget {
public:
    explicit TabListAccessible(QTabBar* tabBar);
    ~TabListAccessible() override;

    // Installs the factory (once); call before the tab bar is shown.
    static void install();

    QString text(QAccessible::Text t) const override;
    int childCount() const override;
    QAccessibleInterface* child(int index) const override;
    int indexOfChild(const QAccessibleInterface* child) const override;
    QAccessibleInterface* childAt(int x, int y) const override;
    QAccessibleInterface* focusChild() const override;

private:
    QTabBar* tabBar() const;

    mutable QList<QAccessible::Id> m_tabs;
};

} // namespace confab::ui

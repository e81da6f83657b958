#pragma once

#include <QAccessible>
#include <QString>
#include <QWidget>

namespace confab::test {

// What a screen reader gets of a widget.
inline QString accessibleText(QObject* object, QAccessible::Text what = QAccessible::Name)
{
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(object);
    return iface ? iface->text(what) : QString();
}

inline QAccessible::Role accessibleRole(QObject* object)
{
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(object);
    return iface ? iface->role() : QAccessible::NoRole;
}

} // namespace confab::test

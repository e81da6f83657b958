#include "dialogs/LiveText.h"

#include <QAccessible>
#include <QLabel>

namespace confab::ui {

void LiveText::mark(QLabel* label, const QString& purpose)
{
    label->setAccessibleName(QString());
    label->setAccessibleDescription(purpose);
}

void LiveText::show(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
    if (!text.isEmpty()) {
        announce(label);
    }
}

void LiveText::setText(QLabel* label, const QString& text)
{
    label->setText(text);
    if (!text.isEmpty() && label->isVisible()) {
        announce(label);
    }
}

void LiveText::announce(QWidget* widget)
{
    if (!QAccessible::isActive()) {
        return;
    }
    QAccessibleEvent changed(widget, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&changed);
}

} // namespace confab::ui

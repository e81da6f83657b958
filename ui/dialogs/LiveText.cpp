#include "dialogs/LiveText.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QLabel>

namespace confab::ui {

namespace {

constexpr char kLiveProperty[] = "confabLiveText";

// A live label as screen readers see it: a notification named by its text.
// Orca and others speak a notification when it shows.
class LiveTextAccessible : public QAccessibleWidget {
public:
    explicit LiveTextAccessible(QLabel* label) : QAccessibleWidget(label, QAccessible::Notification)
    {}

    QString text(QAccessible::Text t) const override
    {
        auto* label = static_cast<QLabel*>(widget());
        if (t == QAccessible::Name && label->accessibleName().isEmpty()) {
            return label->text();
        }
        return QAccessibleWidget::text(t);
    }
};

// Asked before Qt's own factory (the last installed is asked first); only
// for labels marked live.
QAccessibleInterface* liveTextFactory(const QString& className, QObject* object)
{
    if (className == QLatin1String("QLabel") && object->property(kLiveProperty).toBool()) {
        return new LiveTextAccessible(static_cast<QLabel*>(object));
    }
    return nullptr;
}

} // namespace

void LiveText::mark(QLabel* label, const QString& purpose)
{
    static const bool installed = [] {
        QAccessible::installFactory(&liveTextFactory);
        return true;
    }();
    Q_UNUSED(installed);
    label->setProperty(kLiveProperty, true);
    label->setAccessibleName(QString());
    label->setAccessibleDescription(purpose);
}

void LiveText::show(QLabel* label, const QString& text)
{
    const bool same = label->text() == text && label->isVisible();
    label->setText(text);
    label->setVisible(!text.isEmpty());
    // Showing it was heard; said again, it is told again.
    if (same) {
        announce(label);
    }
}

void LiveText::setText(QLabel* label, const QString& text)
{
    if (label->text() == text) {
        return;
    }
    label->setText(text);
    announce(label);
}

void LiveText::announce(QLabel* label)
{
    if (!QAccessible::isActive() || label->text().isEmpty() || !label->isVisible()) {
        return;
    }
    // What a screen reader gets when a notification appears.
    QAccessibleEvent shown(label, QAccessible::ObjectShow);
    QAccessible::updateAccessibility(&shown);
}

} // namespace confab::ui

#pragma once

#include <QColor>
#include <QObject>
#include <QPalette>
#include <QPointer>
#include <QString>

class QDBusMessage;
class QDBusPendingCallWatcher;
Q_MOC_INCLUDE(<QtDBus / QDBusMessage>)

namespace confab::ui {

enum class ThemeChoice { System, Light, Dark };

// The app's light and dark looks (Fusion with palettes of our own), and
// which one is in use: the user's choice, or what the desktop prefers
// (the freedesktop portal's color-scheme, else GTK_THEME, else how light the
// platform's own palette is). One instance, made with the QApplication.
class Theme : public QObject {
    Q_OBJECT

public:
    // Colours the palette has no role for, tuned for each look.
    struct Colors {
        QColor ownBubble;
        QColor ownBubbleText;
        QColor otherBubble;
        QColor otherBubbleText;
        QColor mutedText;
        QColor separator;
        QColor badge; // unread count
        QColor badgeText;
        QColor online;
        QColor banner; // "offline" and other notices over the chat
        QColor bannerText;
        QColor failed;
        QColor quoteBar; // the bar beside a quoted reply
    };

    // Follows the desktop portal on the session bus.
    explicit Theme(QObject* parent = nullptr);
    // Follows the portal owned by `portalService` on the session bus (tests).
    Theme(const QString& portalService, QObject* parent);
    ~Theme() override;

    // The instance alive now, or nullptr.
    static Theme* instance();

    // The values kept in Settings::theme(); anything unknown is System.
    static ThemeChoice choiceFromKey(const QString& key);
    static QString keyOf(ThemeChoice choice);

    static QPalette palette(bool dark);
    static const Colors& colors(bool dark);
    // The colours of the look in use (the light ones when there is no instance).
    static const Colors& currentColors();

    void setChoice(ThemeChoice choice);
    ThemeChoice choice() const { return m_choice; }
    bool isDark() const { return m_dark; }
    // What the desktop prefers, as far as is known yet.
    bool systemPrefersDark() const;
    const Colors& colors() const { return colors(m_dark); }

signals:
    // The look changed between light and dark (the palette is set already).
    void changed(bool dark);

private slots:
    void onPortalSettingChanged(const QDBusMessage& message);

private:
    // The portal's answer: 1 prefers dark, 2 prefers light, 0 no preference.
    enum class PortalScheme { Unknown, NoPreference, Dark, Light };

    static PortalScheme schemeOf(const QVariant& value);
    void watchPortal();
    void onPortalRead(QDBusPendingCallWatcher* call);
    void setPortalScheme(PortalScheme scheme);
    void apply(bool force = false);

    QPointer<Theme> m_previous;
    QString m_portalService;
    ThemeChoice m_choice = ThemeChoice::System;
    PortalScheme m_portalScheme = PortalScheme::Unknown;
    bool m_platformDark = false; // from GTK_THEME or the platform's palette
    bool m_dark = false;
};

} // namespace confab::ui

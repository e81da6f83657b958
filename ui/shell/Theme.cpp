#include "shell/Theme.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QStyle>
#include <QStyleFactory>
#include <QtDBus/QDBusConnection>
#include <QtDBus/QDBusError>
#include <QtDBus/QDBusMessage>
#include <QtDBus/QDBusPendingCallWatcher>
#include <QtDBus/QDBusVariant>

#include <utility>

namespace confab::ui {

namespace {

Q_LOGGING_CATEGORY(lcTheme, "confab.ui.theme")

Theme* s_instance = nullptr;

const QString kPortalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kSettingsInterface = QStringLiteral("org.freedesktop.portal.Settings");
const QString kAppearance = QStringLiteral("org.freedesktop.appearance");
const QString kColorScheme = QStringLiteral("color-scheme");

// Read() answers a variant that holds the value's variant; newer portals
// may drop a level, so unwrap whatever is there.
QVariant unwrap(QVariant value)
{
    while (value.metaType() == QMetaType::fromType<QDBusVariant>()) {
        value = value.value<QDBusVariant>().variant();
    }
    return value;
}

bool gtkThemeIsDark()
{
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME").toLower();
    return gtkTheme.endsWith(QLatin1String(":dark")) || gtkTheme.contains(QLatin1String("-dark"));
}

struct Tones {
    QColor window, windowText, base, alternateBase, text, placeholder, button, buttonText;
    QColor light, midlight, mid, dark, shadow;
    QColor highlight, highlightedText, link, linkVisited, toolTipBase, toolTipText;
    QColor disabledText, disabledButton, disabledBase, disabledHighlight, disabledPlaceholder;
};

QPalette paletteOf(const Tones& t)
{
    QPalette p;
    const auto set = [&p](QPalette::ColorRole role, const QColor& colour) {
        p.setColor(QPalette::All, role, colour);
    };
    set(QPalette::Window, t.window);
    set(QPalette::WindowText, t.windowText);
    set(QPalette::Base, t.base);
    set(QPalette::AlternateBase, t.alternateBase);
    set(QPalette::Text, t.text);
    set(QPalette::PlaceholderText, t.placeholder);
    set(QPalette::Button, t.button);
    set(QPalette::ButtonText, t.buttonText);
    set(QPalette::BrightText, QColor(0xff, 0xff, 0xff));
    set(QPalette::Light, t.light);
    set(QPalette::Midlight, t.midlight);
    set(QPalette::Mid, t.mid);
    set(QPalette::Dark, t.dark);
    set(QPalette::Shadow, t.shadow);
    set(QPalette::Highlight, t.highlight);
    set(QPalette::HighlightedText, t.highlightedText);
    set(QPalette::Link, t.link);
    set(QPalette::LinkVisited, t.linkVisited);
    set(QPalette::ToolTipBase, t.toolTipBase);
    set(QPalette::ToolTipText, t.toolTipText);
    for (QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText,
          QPalette::Link, QPalette::LinkVisited}) {
        p.setColor(QPalette::Disabled, role, t.disabledText);
    }
    p.setColor(QPalette::Disabled, QPalette::Button, t.disabledButton);
    p.setColor(QPalette::Disabled, QPalette::Base, t.disabledBase);
    p.setColor(QPalette::Disabled, QPalette::Highlight, t.disabledHighlight);
    p.setColor(QPalette::Disabled, QPalette::PlaceholderText, t.disabledPlaceholder);
    return p;
}

// One accent for both looks, so that the app is recognisably itself.
const QColor kAccent(0x3d, 0x7e, 0xff);

const Tones kLight{
    .window = QColor(0xf5, 0xf6, 0xf8),
    .windowText = QColor(0x1d, 0x1f, 0x23),
    .base = QColor(0xff, 0xff, 0xff),
    .alternateBase = QColor(0xf0, 0xf2, 0xf5),
    .text = QColor(0x1d, 0x1f, 0x23),
    .placeholder = QColor(0x8a, 0x8f, 0x98),
    .button = QColor(0xfb, 0xfb, 0xfc),
    .buttonText = QColor(0x1d, 0x1f, 0x23),
    .light = QColor(0xff, 0xff, 0xff),
    .midlight = QColor(0xec, 0xee, 0xf1),
    .mid = QColor(0xc9, 0xcd, 0xd3),
    .dark = QColor(0x9a, 0xa0, 0xa8),
    .shadow = QColor(0x5a, 0x5e, 0x66),
    .highlight = kAccent,
    .highlightedText = QColor(0xff, 0xff, 0xff),
    .link = QColor(0x1f, 0x62, 0xe0),
    .linkVisited = QColor(0x7a, 0x4f, 0xd6),
    .toolTipBase = QColor(0x2b, 0x2d, 0x31),
    .toolTipText = QColor(0xf2, 0xf3, 0xf5),
    .disabledText = QColor(0xa0, 0xa5, 0xad),
    .disabledButton = QColor(0xee, 0xf0, 0xf3),
    .disabledBase = QColor(0xf5, 0xf6, 0xf8),
    .disabledHighlight = QColor(0xc9, 0xcd, 0xd3),
    .disabledPlaceholder = QColor(0xb8, 0xbc, 0xc3),
};

const Tones kDark{
    .window = QColor(0x1e, 0x1f, 0x22),
    .windowText = QColor(0xe6, 0xe6, 0xe6),
    .base = QColor(0x2b, 0x2d, 0x31),
    .alternateBase = QColor(0x31, 0x33, 0x38),
    .text = QColor(0xe6, 0xe6, 0xe6),
    .placeholder = QColor(0x8a, 0x8f, 0x98),
    .button = QColor(0x31, 0x33, 0x38),
    .buttonText = QColor(0xe6, 0xe6, 0xe6),
    .light = QColor(0x45, 0x48, 0x4f),
    .midlight = QColor(0x3a, 0x3c, 0x42),
    .mid = QColor(0x26, 0x27, 0x2b),
    .dark = QColor(0x16, 0x17, 0x19),
    .shadow = QColor(0x00, 0x00, 0x00),
    .highlight = kAccent,
    .highlightedText = QColor(0xff, 0xff, 0xff),
    .link = QColor(0x7d, 0xa6, 0xff),
    .linkVisited = QColor(0xb3, 0x9b, 0xff),
    .toolTipBase = QColor(0x11, 0x12, 0x14),
    .toolTipText = QColor(0xe6, 0xe6, 0xe6),
    .disabledText = QColor(0x6d, 0x71, 0x78),
    .disabledButton = QColor(0x26, 0x27, 0x2b),
    .disabledBase = QColor(0x24, 0x25, 0x29),
    .disabledHighlight = QColor(0x3a, 0x3c, 0x42),
    .disabledPlaceholder = QColor(0x55, 0x59, 0x60),
};

} // namespace

Theme::Theme(QObject* parent) : Theme(kPortalService, parent)
{}

Theme::Theme(const QString& portalService, QObject* parent)
    : QObject(parent), m_portalService(portalService)
{
    // A second theme (a test's) stands in for the first until it goes.
    m_previous = std::exchange(s_instance, this);
    // Taken before the first of our palettes replaces the platform's.
    static const bool platformDark =
        gtkThemeIsDark() || QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
    m_platformDark = platformDark;
    if (qobject_cast<QApplication*>(QCoreApplication::instance())) {
        // Fusion draws with the palette alone, so both looks are complete.
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }
    watchPortal();
    apply(true);
}

Theme::~Theme()
{
    if (s_instance == this) {
        s_instance = m_previous;
        if (m_previous) {
            m_previous->apply(true);
        }
    }
}

Theme* Theme::instance()
{
    return s_instance;
}

ThemeChoice Theme::choiceFromKey(const QString& key)
{
    if (key == QLatin1String("light")) {
        return ThemeChoice::Light;
    }
    if (key == QLatin1String("dark")) {
        return ThemeChoice::Dark;
    }
    return ThemeChoice::System;
}

QString Theme::keyOf(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

const Theme::Colors& Theme::currentColors()
{
    const Theme* theme = instance();
    return colors(theme && theme->isDark());
}

QPalette Theme::palette(bool dark)
{
    return paletteOf(dark ? kDark : kLight);
}

const Theme::Colors& Theme::colors(bool dark)
{
    static const Colors light{
        .ownBubble = QColor(0xd9, 0xe6, 0xff),
        .ownBubbleText = QColor(0x10, 0x1c, 0x33),
        .otherBubble = QColor(0xec, 0xee, 0xf2),
        .otherBubbleText = QColor(0x1d, 0x1f, 0x23),
        .mutedText = QColor(0x6b, 0x72, 0x80),
        .separator = QColor(0xdc, 0xdf, 0xe4),
        .badge = kAccent,
        .badgeText = QColor(0xff, 0xff, 0xff),
        .online = QColor(0x2f, 0xb3, 0x44),
        .banner = QColor(0xff, 0xf4, 0xd6),
        .bannerText = QColor(0x5c, 0x44, 0x00),
        .failed = QColor(0xd9, 0x30, 0x25),
        .quoteBar = kAccent,
    };
    static const Colors dark_{
        .ownBubble = QColor(0x2a, 0x47, 0x80),
        .ownBubbleText = QColor(0xee, 0xf3, 0xff),
        .otherBubble = QColor(0x38, 0x3a, 0x40),
        .otherBubbleText = QColor(0xe6, 0xe6, 0xe6),
        .mutedText = QColor(0x9a, 0xa0, 0xa8),
        .separator = QColor(0x3a, 0x3c, 0x42),
        .badge = kAccent,
        .badgeText = QColor(0xff, 0xff, 0xff),
        .online = QColor(0x3f, 0xc9, 0x5a),
        .banner = QColor(0x4a, 0x3b, 0x12),
        .bannerText = QColor(0xff, 0xe6, 0xa3),
        .failed = QColor(0xff, 0x6b, 0x6b),
        .quoteBar = QColor(0x7d, 0xa6, 0xff),
    };
    return dark ? dark_ : light;
}

void Theme::setChoice(ThemeChoice choice)
{
    m_choice = choice;
    apply();
}

bool Theme::systemPrefersDark() const
{
    switch (m_portalScheme) {
    case PortalScheme::Dark:
        return true;
    case PortalScheme::Light:
        return false;
    case PortalScheme::Unknown:
    case PortalScheme::NoPreference:
        break;
    }
    return m_platformDark;
}

void Theme::watchPortal()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCInfo(lcTheme) << "No session bus: the look follows GTK_THEME and the platform palette";
        return;
    }
    // Listen before asking, so that no change falls between the two.
    if (!bus.connect(m_portalService, kPortalPath, kSettingsInterface,
                     QStringLiteral("SettingChanged"), this,
                     SLOT(onPortalSettingChanged(QDBusMessage)))) {
        qCInfo(lcTheme) << "Cannot listen to the desktop portal:" << bus.lastError().message();
    }
    QDBusMessage read = QDBusMessage::createMethodCall(m_portalService, kPortalPath,
                                                       kSettingsInterface, QStringLiteral("Read"));
    read << kAppearance << kColorScheme;
    // The portal may be started on demand: never wait for it here.
    auto* call = new QDBusPendingCallWatcher(bus.asyncCall(read), this);
    connect(call, &QDBusPendingCallWatcher::finished, this, &Theme::onPortalRead);
}

void Theme::onPortalRead(QDBusPendingCallWatcher* call)
{
    call->deleteLater();
    const QDBusMessage reply = call->reply();
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        qCInfo(lcTheme) << "No color-scheme from the desktop portal:" << reply.errorMessage();
        return;
    }
    setPortalScheme(schemeOf(reply.arguments().constFirst()));
}

void Theme::onPortalSettingChanged(const QDBusMessage& message)
{
    const QList<QVariant> arguments = message.arguments();
    if (arguments.size() < 3 || arguments.at(0).toString() != kAppearance ||
        arguments.at(1).toString() != kColorScheme) {
        return;
    }
    setPortalScheme(schemeOf(arguments.at(2)));
}

Theme::PortalScheme Theme::schemeOf(const QVariant& value)
{
    bool ok = false;
    switch (unwrap(value).toUInt(&ok)) {
    case 1:
        return PortalScheme::Dark;
    case 2:
        return PortalScheme::Light;
    default:
        return ok ? PortalScheme::NoPreference : PortalScheme::Unknown;
    }
}

void Theme::setPortalScheme(PortalScheme scheme)
{
    qCDebug(lcTheme) << "The desktop portal's color-scheme:"
                     << (scheme == PortalScheme::Dark      ? "dark"
                         : scheme == PortalScheme::Light   ? "light"
                         : scheme == PortalScheme::Unknown ? "unreadable"
                                                           : "no preference");
    m_portalScheme = scheme;
    apply();
}

void Theme::apply(bool force)
{
    const bool dark =
        m_choice == ThemeChoice::Dark || (m_choice == ThemeChoice::System && systemPrefersDark());
    if (dark == m_dark && !force) {
        return;
    }
    m_dark = dark;
    if (qobject_cast<QApplication*>(QCoreApplication::instance())) {
        QApplication::setPalette(palette(dark));
    } else {
        QGuiApplication::setPalette(palette(dark));
    }
    if (!force) {
        emit changed(dark);
    }
}

} // namespace confab::ui

#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>

namespace confab::core {

// What the app remembers between runs, in QSettings (never a token).
class Settings {
public:
    Settings() = default;
    // A settings file of its own (tests).
    explicit Settings(const QString& fileName) : m_settings(fileName, QSettings::IniFormat) {}

    // "local" (the server this app runs) or "remote".
    QString serverMode() const { return value("server/mode", "local").toString(); }
    void setServerMode(const QString& mode) { m_settings.setValue("server/mode", mode); }

    QString remoteAddress() const { return value("server/address").toString(); }
    void setRemoteAddress(const QString& address)
    {
        m_settings.setValue("server/address", address);
    }

    // A CA certificate file to trust for the remote server; empty for the system's.
    QString caFile() const { return value("server/caFile").toString(); }
    void setCaFile(const QString& file) { m_settings.setValue("server/caFile", file); }

    // Plain text to the remote server (only ever by explicit choice).
    bool insecure() const { return value("server/insecure", false).toBool(); }
    void setInsecure(bool insecure) { m_settings.setValue("server/insecure", insecure); }

    // The certificate (PEM) the user accepted for a server, when it is not
    // one the system trusts.
    QByteArray pinnedCertificate(const QString& server) const
    {
        return value("pins/" + keyOf(server)).toByteArray();
    }
    void pinCertificate(const QString& server, const QByteArray& pem)
    {
        m_settings.setValue("pins/" + keyOf(server), pem);
    }

    QString lastUsername(const QString& server) const
    {
        return value("accounts/" + keyOf(server)).toString();
    }
    void setLastUsername(const QString& server, const QString& username)
    {
        m_settings.setValue("accounts/" + keyOf(server), username);
    }

    bool remember() const { return value("accounts/remember", true).toBool(); }
    void setRemember(bool remember) { m_settings.setValue("accounts/remember", remember); }

    QByteArray windowGeometry(const QString& window) const
    {
        return value("windows/" + window).toByteArray();
    }
    void setWindowGeometry(const QString& window, const QByteArray& geometry)
    {
        m_settings.setValue("windows/" + window, geometry);
    }

    // The language of the user interface ("de", "zh_CN", "ko", "en"); empty
    // follows the system.
    QString language() const { return value("ui/language").toString(); }
    void setLanguage(const QString& language) { m_settings.setValue("ui/language", language); }

    // "system" (light or dark as the desktop prefers), "light" or "dark".
    // Closing the main window leaves the app running in the system tray.
    bool closeToTray() const { return value("ui/closeToTray", true).toBool(); }
    void setCloseToTray(bool keep) { m_settings.setValue("ui/closeToTray", keep); }
    bool trayNoticeShown() const { return value("ui/trayNoticeShown", false).toBool(); }
    void setTrayNoticeShown(bool shown) { m_settings.setValue("ui/trayNoticeShown", shown); }

    QString theme() const { return value("ui/theme", "system").toString(); }
    void setTheme(const QString& theme) { m_settings.setValue("ui/theme", theme); }

    void sync() { m_settings.sync(); }

private:
    QVariant value(const QString& key, const QVariant& fallback = {}) const
    {
        return m_settings.value(key, fallback);
    }
    // Keys may not hold '/' or ':' safely.
    static QString keyOf(const QString& server)
    {
        return QString::fromLatin1(server.toUtf8().toHex());
    }

    QSettings m_settings;
};

} // namespace confab::core

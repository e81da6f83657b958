#pragma once

#include "net/EventStream.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QHash>
#include <QObject>

namespace confab::core {

class ChatClient;

// Desktop notifications for new messages by others in rooms that are not
// muted and not in view, through the freedesktop notification service
// (one notification per room, replaced as more arrive and closed once the
// room is read). What was missed while offline comes as one summary per
// room once the stream is live again, not as a burst.
class Notifier : public QObject {
    Q_OBJECT

public:
    explicit Notifier(ChatClient& chat, QObject* parent = nullptr);
    // The notification service under another name (tests).
    Notifier(ChatClient& chat, QDBusConnection bus, QString service, QObject* parent = nullptr);
    ~Notifier() override;

    // The room on screen (empty: none) and whether the window has focus;
    // messages there are seen, not notified.
    void setViewedRoom(const QString& roomId);
    void setWindowActive(bool active);
    void setEnabled(bool enabled) { m_enabled = enabled; }
    // False once the notification service failed to answer: the app shows
    // notificationPosted() its own way (the tray icon).
    bool usesDesktopService() const { return m_serviceWorks; }

signals:
    // Every notification, whether or not the service took it.
    void notificationPosted(const QString& roomId, const QString& title, const QString& body);
    // The user clicked a notification.
    void roomActivated(const QString& roomId);

private:
    struct Shown {
        uint id = 0;
        int count = 0;
        QString lastBody;
    };

    void onEvent(const v1::Event& event);
    void onStateChanged(EventStream::State state);
    // Catching up after a (re)connect: what comes is collected, not shown.
    bool isCatchingUp() const;
    bool isSeen(const QString& roomId) const;
    QString bodyOf(const QString& roomId, const v1::Message& message) const;
    void post(const QString& roomId, int added, const QString& body);
    // An invitation: a notification of its own, not counted with messages.
    void postInvite(const QString& roomId, const QString& title, const QString& body);
    // The Notify call of the desktop's notification service.
    QDBusMessage notifyCall(uint replaces, const QString& title, const QString& body,
                            const QString& category) const;
    void close(const QString& roomId);

private slots:
    void onActionInvoked(uint id, const QString& action);
    void onNotificationClosed(uint id, uint reason);

private:
    ChatClient& m_chat;
    QDBusConnection m_bus;
    QString m_service;
    QString m_viewedRoom;
    bool m_windowActive = false;
    bool m_enabled = true;
    bool m_serviceWorks = true;
    QHash<QString, Shown> m_shown;
    // Missed while offline: room -> (count, newest body), posted once live.
    QHash<QString, std::pair<int, QString>> m_missed;
};

} // namespace confab::core

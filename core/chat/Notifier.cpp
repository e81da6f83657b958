#include "chat/Notifier.h"

#include "Logging.h"

#include "account/Session.h"
#include "chat/ChatClient.h"
#include "net/ProtoConvert.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>

#include <QDBusPendingReply>
#include <QPointer>
#include <algorithm>

namespace confab::core {

namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
constexpr int kPreviewLength = 160;

} // namespace

Notifier::Notifier(ChatClient& chat, QObject* parent)
    : Notifier(chat, QDBusConnection::sessionBus(), kService, parent)
{}

Notifier::Notifier(ChatClient& chat, QDBusConnection bus, QString service, QObject* parent)
    : QObject(parent), m_chat(chat), m_bus(std::move(bus)), m_service(std::move(service))
{
    connect(m_chat.stream(), &EventStream::eventReceived, this,
            [this](const v1::Event& event) { onEvent(event); });
    connect(m_chat.stream(), &EventStream::stateChanged, this,
            [this](EventStream::State state) { onStateChanged(state); });
    connect(m_chat.rooms(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& first, const QModelIndex& last) {
                for (int row = first.row(); row <= last.row(); ++row) {
                    const QString roomId = m_chat.rooms()->roomIdAt(row);
                    if (m_shown.contains(roomId) && m_chat.rooms()->unreadCount(roomId) == 0) {
                        close(roomId); // read here or on another device
                    }
                }
            });
    connect(&m_chat, &ChatClient::roomRemoved, this, [this](const QString& roomId) {
        close(roomId);
        m_missed.remove(roomId);
    });
    if (m_bus.isConnected()) {
        m_bus.connect(m_service, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                      SLOT(onActionInvoked(uint, QString)));
        m_bus.connect(m_service, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                      SLOT(onNotificationClosed(uint, uint)));
    } else {
        m_serviceWorks = false;
    }
}

Notifier::~Notifier()
{
    for (auto it = m_shown.cbegin(); it != m_shown.cend(); ++it) {
        if (it->id != 0) {
            m_bus.asyncCall(QDBusMessage::createMethodCall(m_service, kPath, kInterface,
                                                           QStringLiteral("CloseNotification"))
                            << it->id);
        }
    }
}

void Notifier::setViewedRoom(const QString& roomId)
{
    m_viewedRoom = roomId;
    if (isSeen(roomId)) {
        close(roomId);
        m_missed.remove(roomId);
    }
}

void Notifier::setWindowActive(bool active)
{
    m_windowActive = active;
    if (isSeen(m_viewedRoom)) {
        close(m_viewedRoom);
        m_missed.remove(m_viewedRoom);
    }
}

bool Notifier::isSeen(const QString& roomId) const
{
    return !roomId.isEmpty() && roomId == m_viewedRoom && m_windowActive;
}

void Notifier::onEvent(const v1::Event& event)
{
    if (!m_enabled) {
        return;
    }
    if (event.has_invited() && !isCatchingUp()) {
        const v1::Invite& invite = event.invited();
        const QString roomId = toQString(invite.room().id());
        if (m_chat.rooms()->contains(roomId)) {
            return;
        }
        const QString inviter = toQString(invite.inviter().display_name()).isEmpty()
                                    ? toQString(invite.inviter().username())
                                    : toQString(invite.inviter().display_name());
        const QString room =
            invite.room().direct() ? tr("a direct conversation") : toQString(invite.room().name());
        postInvite(roomId, tr("Invitation"), tr("%1 invited you to %2").arg(inviter, room));
        return;
    }
    if (!event.has_room_event() || !event.room_event().has_message_posted()) {
        return;
    }
    const v1::Message& message = event.room_event().message_posted();
    const QString roomId = toQString(event.room_event().room_id());
    const auto& mentioned = message.mentioned_user_ids();
    // A muted room still tells of a message that mentions this user.
    const bool mentionsMe = std::find(mentioned.begin(), mentioned.end(),
                                      m_chat.myId().toStdString()) != mentioned.end();
    if (toQString(message.author_id()) == m_chat.myId() ||
        (m_chat.rooms()->isMuted(roomId) && !mentionsMe) || isSeen(roomId) ||
        m_chat.rooms()->readSeq(roomId) >= event.room_event().seq()) {
        return;
    }
    const QString body = bodyOf(roomId, message);
    if (isCatchingUp()) {
        auto& [count, newest] = m_missed[roomId];
        ++count;
        newest = body;
        return;
    }
    post(roomId, 1, body);
}

bool Notifier::isCatchingUp() const
{
    return m_chat.connectionState() != EventStream::State::Live;
}

void Notifier::onStateChanged(EventStream::State state)
{
    if (state != EventStream::State::Live) {
        return;
    }
    const auto missed = std::exchange(m_missed, {});
    for (auto it = missed.cbegin(); it != missed.cend(); ++it) {
        if (!isSeen(it.key()) && m_chat.rooms()->unreadCount(it.key()) > 0) {
            post(it.key(), it->first, it->second);
        }
    }
}

QString Notifier::bodyOf(const QString& roomId, const v1::Message& message) const
{
    QString text = toQString(message.text()).simplified();
    if (text.size() > kPreviewLength) {
        text = text.left(kPreviewLength - 1) + QChar(0x2026);
    }
    const bool direct =
        m_chat.rooms()
            ->data(m_chat.rooms()->index(m_chat.rooms()->rowOf(roomId)), RoomsModel::DirectRole)
            .toBool();
    if (direct) {
        return text;
    }
    QString author = m_chat.users()->displayName(toQString(message.author_id()));
    if (author.isEmpty()) {
        author = toQString(message.author_id()).left(8);
    }
    return tr("%1: %2").arg(author, text);
}

void Notifier::postInvite(const QString& roomId, const QString& title, const QString& body)
{
    emit notificationPosted(roomId, title, body);
    if (m_serviceWorks) {
        m_bus.asyncCall(notifyCall(0, title, body, QStringLiteral("im")));
    }
}

QDBusMessage Notifier::notifyCall(uint replaces, const QString& title, const QString& body,
                                  const QString& category) const
{
    QDBusMessage call =
        QDBusMessage::createMethodCall(m_service, kPath, kInterface, QStringLiteral("Notify"));
    const QVariantMap hints{{QStringLiteral("desktop-entry"), QStringLiteral("confab")},
                            {QStringLiteral("category"), category}};
    call << QStringLiteral("Confab") << replaces << QStringLiteral("confab") << title << body
         << QStringList{QStringLiteral("default"), tr("Open")} << hints << -1;
    return call;
}

void Notifier::post(const QString& roomId, int added, const QString& body)
{
    Shown& shown = m_shown[roomId];
    shown.count += added;
    shown.lastBody = body;
    QString name = m_chat.rooms()->name(roomId);
    if (name.isEmpty()) {
        name = tr("New message");
    }
    const QString title =
        shown.count > 1 ? tr("%1 (%n new)", nullptr, shown.count).arg(name) : name;
    emit notificationPosted(roomId, title, body);
    if (!m_serviceWorks) {
        return;
    }
    auto* watcher = new QDBusPendingCallWatcher(
        m_bus.asyncCall(notifyCall(shown.id, title, body, QStringLiteral("im.received"))), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, roomId](QDBusPendingCallWatcher* finished) {
                finished->deleteLater();
                const QDBusPendingReply<uint> reply = *finished;
                if (reply.isError()) {
                    qCInfo(lcNotify) << "no desktop notifications:" << reply.error().message();
                    m_serviceWorks = false;
                    return;
                }
                const auto it = m_shown.find(roomId);
                if (it != m_shown.end()) {
                    it->id = reply.value();
                } else {
                    // Read while the call was under way.
                    m_bus.asyncCall(
                        QDBusMessage::createMethodCall(m_service, kPath, kInterface,
                                                       QStringLiteral("CloseNotification"))
                        << reply.value());
                }
            });
}

void Notifier::close(const QString& roomId)
{
    const auto it = m_shown.constFind(roomId);
    if (it == m_shown.cend()) {
        return;
    }
    const uint id = it->id;
    m_shown.erase(it);
    if (id != 0 && m_serviceWorks) {
        m_bus.asyncCall(QDBusMessage::createMethodCall(m_service, kPath, kInterface,
                                                       QStringLiteral("CloseNotification"))
                        << id);
    }
}

void Notifier::onActionInvoked(uint id, const QString& action)
{
    if (action != QLatin1String("default")) {
        return;
    }
    for (auto it = m_shown.cbegin(); it != m_shown.cend(); ++it) {
        if (it->id == id && id != 0) {
            emit roomActivated(it.key());
            return;
        }
    }
}

void Notifier::onNotificationClosed(uint id, uint /*reason*/)
{
    for (auto it = m_shown.begin(); it != m_shown.end(); ++it) {
        if (it->id == id && id != 0) {
            // Dismissed: the next message starts a new count.
            m_shown.erase(it);
            return;
        }
    }
}

} // namespace confab::core

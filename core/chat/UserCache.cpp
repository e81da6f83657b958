#include "chat/UserCache.h"

#include "account/Session.h"
#include "net/ProtoConvert.h"

#include <QDateTime>

namespace confab::core {

UserCache::UserCache(Session& session, QObject* parent) : QObject(parent), m_session(session)
{
    // The user's own profile is the session's: its edits show in every view.
    connect(&m_session, &Session::userChanged, this,
            [this] { emit userChanged(toQString(m_session.user().id())); });
}

UserCache::~UserCache() = default;

void UserCache::insertFromLog(const v1::User& user)
{
    v1::User withoutPresence = user;
    withoutPresence.clear_presence();
    insert(withoutPresence);
}

void UserCache::insert(const v1::User& user)
{
    const QString id = toQString(user.id());
    if (id.isEmpty()) {
        return;
    }
    v1::User copy = user;
    if (!user.avatar().empty() || user.avatar_sha256().empty()) {
        // Lists leave the picture out; a full profile carries it (or none).
        m_avatars.insert(id, {user.avatar_sha256(), QByteArray::fromStdString(user.avatar())});
    }
    copy.clear_avatar(); // kept apart, once per picture
    auto it = m_users.find(id);
    if (it != m_users.end()) {
        if (copy.presence() == v1::PRESENCE_UNSPECIFIED) {
            copy.set_presence(it->presence());
        }
        if (it->SerializeAsString() == copy.SerializeAsString()) {
            return;
        }
        *it = std::move(copy);
    } else {
        m_users.insert(id, std::move(copy));
    }
    emit userChanged(id);
}

void UserCache::setPresence(const QString& userId, v1::Presence presence)
{
    auto it = m_users.find(userId);
    if (it == m_users.end()) {
        v1::User user;
        user.set_id(userId.toStdString());
        user.set_presence(presence);
        // Not worth a name yet; fetched when someone asks for it.
        m_users.insert(userId, user);
        m_fetching.remove(userId);
        emit userChanged(userId);
        return;
    }
    if (it->presence() != presence) {
        it->set_presence(presence);
        emit userChanged(userId);
    }
}

const v1::User* UserCache::find(const QString& userId) const
{
    const auto it = m_users.constFind(userId);
    return it == m_users.cend() ? nullptr : &*it;
}

QString UserCache::displayName(const QString& userId)
{
    if (userId.isEmpty()) {
        return {};
    }
    const v1::User* user = find(userId);
    if (toQString(m_session.user().id()) == userId && (!user || user->username().empty())) {
        user = &m_session.user();
    }
    if (!user || (user->username().empty() && !user->deleted())) {
        fetch(userId);
        return {};
    }
    if (user->deleted()) {
        return deletedUserName();
    }
    return toQString(user->display_name().empty() ? user->username() : user->display_name());
}

bool UserCache::isOnline(const QString& userId) const
{
    const v1::User* user = find(userId);
    return user && user->presence() == v1::PRESENCE_ONLINE;
}

QByteArray UserCache::avatar(const QString& userId)
{
    const v1::User* user = find(userId);
    if (toQString(m_session.user().id()) == userId) {
        return QByteArray::fromStdString(m_session.user().avatar());
    }
    if (!user || user->deleted()) {
        return {};
    }
    const auto known = m_avatars.constFind(userId);
    if (known != m_avatars.cend() && known->sha256 == user->avatar_sha256()) {
        return known->bytes;
    }
    if (!user->avatar_sha256().empty()) {
        fetchAvatar(userId, user->avatar_sha256());
    }
    // An older picture is better than none while the new one comes.
    return known != m_avatars.cend() ? known->bytes : QByteArray();
}

void UserCache::fetchAvatar(const QString& userId, const std::string& sha256)
{
    if (m_fetchingAvatars.contains(userId) || failedLately(userId)) {
        return;
    }
    m_fetchingAvatars.insert(userId);
    getUser(userId, [this, userId, sha256](const Error& error, const v1::User& user) {
        m_fetchingAvatars.remove(userId);
        if (!error.ok()) {
            m_failedAt.insert(userId, QDateTime::currentMSecsSinceEpoch());
            return;
        }
        if (user.avatar_sha256() != sha256) {
            // Changed again meanwhile: what came is the newest anyway.
            insert(user);
        } else {
            m_avatars.insert(userId, {sha256, QByteArray::fromStdString(user.avatar())});
        }
        emit userChanged(userId);
    });
}

void UserCache::fetch(const QString& userId)
{
    const v1::User* known = find(userId);
    if (userId.isEmpty() || m_fetching.contains(userId) || failedLately(userId) ||
        (known && (!known->username().empty() || known->deleted()))) {
        return;
    }
    m_fetching.insert(userId);
    getUser(userId, [this, userId](const Error& error, v1::User user) {
        m_fetching.remove(userId);
        if (error.code == Error::Code::NotFound) {
            // Gone for good: show it as deleted rather than asking again.
            user.set_id(userId.toStdString());
            user.set_deleted(true);
        } else if (!error.ok()) {
            m_failedAt.insert(userId, QDateTime::currentMSecsSinceEpoch());
            return;
        }
        m_failedAt.remove(userId);
        insert(user);
    });
}

bool UserCache::failedLately(const QString& userId) const
{
    // Asked again later, not at every repaint while offline.
    constexpr qint64 kRetryAfterMs = 30 * 1000;
    const auto failed = m_failedAt.constFind(userId);
    return failed != m_failedAt.cend() &&
           QDateTime::currentMSecsSinceEpoch() - *failed < kRetryAfterMs;
}

void UserCache::getUser(const QString& userId, std::function<void(const Error&, v1::User)> done)
{
    v1::GetUserRequest request;
    request.set_user_id(userId.toStdString());
    m_session.call(&AccountsApi::GetUser, request, this, std::move(done));
}

} // namespace confab::core

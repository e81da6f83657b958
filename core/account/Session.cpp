#include "account/Session.h"

#include "Logging.h"

#include <google/protobuf/util/time_util.h>

#include <QDateTime>

namespace confab::core {

namespace {

// Refresh this long before the access token runs out.
constexpr qint64 kRefreshMarginMs = 60 * 1000;
// Try again this soon when a refresh failed for want of a network.
constexpr int kRefreshRetryMs = 15 * 1000;

} // namespace

Session::Session(std::shared_ptr<Connection> connection, QString serverKey, TokenStore* tokens,
                 QObject* parent)
    : QObject(parent),
      m_connection(std::move(connection)),
      m_lifeline(std::make_shared<Lifeline>(this)),
      m_serverKey(std::move(serverKey)),
      m_tokens(tokens)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] { refresh(); });
    if (m_tokens) {
        connect(m_tokens, &TokenStore::writeFinished, this,
                [this](const QString& key, TokenStore::Status status, const QString& detail) {
                    if (key != tokenKey()) {
                        return;
                    }
                    if (status == TokenStore::Status::Ok) {
                        setNotice({});
                    } else {
                        qCWarning(lcSession) << "keychain unavailable:" << detail;
                        setNotice(tr("Your sign-in could not be saved in the system keychain "
                                     "(%1). You will stay signed in until you quit Confab.")
                                      .arg(detail));
                    }
                });
    }
}

Session::~Session()
{
    m_lifeline->cut();
}

QString Session::tokenKey() const
{
    return TokenStore::keyFor(m_serverKey, username());
}

void Session::setState(State state)
{
    if (m_state != state) {
        m_state = state;
        emit stateChanged(state);
    }
}

void Session::setNotice(const QString& notice)
{
    if (m_notice != notice) {
        m_notice = notice;
        emit noticeChanged(notice);
    }
}

void Session::setUser(const v1::User& user)
{
    m_user = user;
    emit userChanged();
}

void Session::adopt(const v1::Session& session)
{
    m_accessToken = session.access_token();
    m_refreshToken = session.refresh_token();
    m_sessionId = QString::fromStdString(session.session_id());
    m_user = session.user();
    scheduleRefresh(session.access_expires_at());
    keepRefreshToken();
    emit userChanged();
    setState(State::SignedIn);
}

void Session::keepRefreshToken()
{
    if (!m_tokens) {
        return;
    }
    if (m_remember) {
        m_tokens->write(tokenKey(), QString::fromStdString(m_refreshToken));
    }
}

void Session::scheduleRefresh(const google::protobuf::Timestamp& expiresAt)
{
    const qint64 expiresMs = google::protobuf::util::TimeUtil::TimestampToMilliseconds(expiresAt);
    const qint64 in = expiresMs - QDateTime::currentMSecsSinceEpoch() - kRefreshMarginMs;
    m_refreshTimer.start(static_cast<int>(std::clamp<qint64>(in, 1000, 24LL * 3600 * 1000)));
}

QString Session::deviceName()
{
    // "Confab on Debian GNU/Linux 12 (bookworm), anna-laptop": the app, the
    // system and the computer, as the devices list shows it.
    const QString name = tr("Confab on %1, %2", "the operating system, the computer's name")
                             .arg(QSysInfo::prettyProductName(), QSysInfo::machineHostName());
    return name.left(64);
}

void Session::registerAccount(const QString& username, const QString& password,
                              const QString& displayName, bool remember)
{
    m_remember = remember;
    setState(State::SigningIn);
    v1::RegisterRequest request;
    request.set_username(username.toStdString());
    request.set_password(password.toStdString());
    request.set_display_name(displayName.toStdString());
    request.set_device_name(deviceName().toStdString());
    callAsync(*m_connection, &AuthApi::Register, request, {}, m_lifeline,
              [this](const grpc::Status& status, v1::Session session) {
                  if (!status.ok()) {
                      setState(State::SignedOut);
                      emit signInFailed(Error::fromStatus(status));
                      return;
                  }
                  adopt(session);
              });
}

void Session::signIn(const QString& username, const QString& password, bool remember)
{
    m_remember = remember;
    setState(State::SigningIn);
    v1::LoginRequest request;
    request.set_username(username.toStdString());
    request.set_password(password.toStdString());
    request.set_device_name(deviceName().toStdString());
    callAsync(*m_connection, &AuthApi::Login, request, {}, m_lifeline,
              [this, remember](const grpc::Status& status, v1::Session session) {
                  if (!status.ok()) {
                      setState(State::SignedOut);
                      emit signInFailed(Error::fromStatus(status));
                      return;
                  }
                  adopt(session);
                  if (!remember && m_tokens) {
                      // A sign-in that is not to be remembered replaces one that was.
                      m_tokens->remove(tokenKey());
                  }
              });
}

void Session::restore(const QString& username)
{
    if (!m_tokens) {
        emit signInFailed(Error::of(Error::Code::Unauthenticated));
        return;
    }
    m_remember = true;
    m_user.set_username(username.toStdString());
    setState(State::SigningIn);
    const QString key = tokenKey();
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(
        m_tokens, &TokenStore::readFinished, this,
        [this, key, connection](const QString& readKey, const QString& token,
                                TokenStore::Status status, const QString& detail) {
            if (readKey != key) {
                return;
            }
            disconnect(*connection);
            if (status != TokenStore::Status::Ok) {
                setState(State::SignedOut);
                if (status == TokenStore::Status::Unavailable) {
                    setNotice(tr("The system keychain is not available (%1), so you need to "
                                 "sign in again.")
                                  .arg(detail));
                }
                emit signInFailed(Error::of(Error::Code::Unauthenticated));
                return;
            }
            m_refreshToken = token.toStdString();
            refresh([this](bool ok) {
                if (!ok) {
                    setState(State::SignedOut);
                    emit signInFailed(Error::of(Error::Code::Unauthenticated));
                }
            });
        });
    m_tokens->read(key);
}

void Session::refresh(std::function<void(bool)> then)
{
    if (then) {
        m_afterRefresh.push_back(std::move(then));
    }
    if (m_refreshing) {
        return;
    }
    if (m_refreshToken.empty()) {
        auto waiting = std::exchange(m_afterRefresh, {});
        for (auto& fn : waiting) {
            fn(false);
        }
        return;
    }
    m_refreshing = true;
    v1::RefreshRequest request;
    request.set_refresh_token(m_refreshToken);
    callAsync(*m_connection, &AuthApi::Refresh, request, {}, m_lifeline,
              [this](const grpc::Status& status, v1::Session session) {
                  m_refreshing = false;
                  const bool ok = status.ok();
                  if (ok) {
                      adopt(session);
                  } else if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
                      qCInfo(lcSession) << "the server ended the session";
                      const bool wasSignedIn = m_state == State::SignedIn;
                      forget();
                      if (wasSignedIn) {
                          emit sessionEnded();
                      }
                  } else {
                      // No answer (offline, server restarting): keep the session
                      // and try again soon.
                      m_refreshTimer.start(kRefreshRetryMs);
                  }
                  auto waiting = std::exchange(m_afterRefresh, {});
                  for (auto& fn : waiting) {
                      fn(ok);
                  }
              });
}

void Session::logout(bool allDevices)
{
    if (m_state != State::SignedIn) {
        forget();
        return;
    }
    v1::LogoutRequest request;
    request.set_all_devices(allDevices);
    call(&AuthApi::Logout, request, this, [](const Error& error, v1::LogoutResponse) {
        if (!error.ok()) {
            qCWarning(lcSession) << "logout on the server failed:" << error.reason;
        }
    });
    forget();
}

void Session::close()
{
    m_lifeline->cut();
    m_refreshTimer.stop();
    m_afterRefresh.clear();
    blockSignals(true);
}

void Session::forget()
{
    if (m_tokens && !username().isEmpty()) {
        m_tokens->remove(tokenKey());
    }
    m_refreshTimer.stop();
    m_accessToken.clear();
    m_refreshToken.clear();
    m_sessionId.clear();
    setState(State::SignedOut);
}

} // namespace confab::core

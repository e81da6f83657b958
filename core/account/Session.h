#pragma once

#include "account/TokenStore.h"
#include "net/Call.h"
#include "net/Error.h"
#include "net/Rpc.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <type_traits>
#include <vector>

namespace confab::core {

// A signed-in account on one server: registers, logs in, keeps the access
// token fresh (before it expires, and once more when the server says
// UNAUTHENTICATED), keeps the refresh token in the OS keychain, and logs out.
// Lives on the GUI thread; no call ever blocks it.
class Session : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)

public:
    enum class State { SignedOut, SigningIn, SignedIn };
    Q_ENUM(State)

    // `serverKey` names the server in the keychain ("local", or its address).
    Session(std::shared_ptr<Connection> connection, QString serverKey, TokenStore* tokens,
            QObject* parent = nullptr);
    ~Session() override;

    // How this device is named in the account's list of sessions.
    static QString deviceName();

    void registerAccount(const QString& username, const QString& password,
                         const QString& displayName, bool remember);
    void signIn(const QString& username, const QString& password, bool remember);
    // Signs `username` in again with the refresh token kept in the keychain.
    void restore(const QString& username);
    // Revokes this session (or all of the user's) on the server, and forgets it here.
    void logout(bool allDevices = false);
    // Forgets the session here only (the server has ended it).
    void forget();
    // Done for good, ahead of a deferred deletion: no call result reaches
    // it any more, the refresh timer stops, and it emits nothing.
    void close();

    State state() const { return m_state; }
    const v1::User& user() const { return m_user; }
    QString username() const { return QString::fromStdString(m_user.username()); }
    QString sessionId() const { return m_sessionId; }
    QString serverKey() const { return m_serverKey; }
    // Why the sign-in is not remembered, in plain words; empty when all is well.
    QString notice() const { return m_notice; }
    Connection& connection() { return *m_connection; }
    const std::shared_ptr<Lifeline>& lifeline() const { return m_lifeline; }
    // The current access token, for the calls call() cannot make
    // (the Subscribe stream, which has no deadline). Empty when signed out.
    const std::string& accessToken() const { return m_accessToken; }

    // Replaces the cached profile (after an edit) and tells the views.
    void setUser(const v1::User& user);

    // An authorized unary call of `method` (`&ChatApi::SendMessage`): it
    // carries the access token; when the server answers UNAUTHENTICATED, the
    // token is refreshed once and the call made again. `done` runs on this
    // object's thread, and only while `receiver` lives: a result never
    // reaches an object that is gone.
    template <typename Api, typename Request, typename Response>
    void call(UnaryMethod<Api, Request, Response> method, std::type_identity_t<Request> request,
              QObject* receiver,
              std::type_identity_t<std::function<void(const Error&, Response)>> done)
    {
        callAuthorized(method, std::move(request),
                       [receiver = QPointer<QObject>(receiver),
                        done = std::move(done)](const Error& error, Response response) {
                           if (receiver) {
                               done(error, std::move(response));
                           }
                       });
    }

    // Gets a fresh access token now; `then(ok)` runs when done. Only one
    // refresh is ever in flight (a refresh token works once).
    void refresh(std::function<void(bool)> then = {});

signals:
    void stateChanged(confab::core::Session::State state);
    void userChanged();
    void noticeChanged(const QString& notice);
    // Register, sign-in or restore did not work.
    void signInFailed(const confab::core::Error& error);
    // The server ended the session (revoked elsewhere, expired, account gone).
    void sessionEnded();

private:
    template <typename Api, typename Request, typename Response>
    void callAuthorized(UnaryMethod<Api, Request, Response> method,
                        std::type_identity_t<Request> request,
                        std::type_identity_t<std::function<void(const Error&, Response)>> done,
                        bool retried = false)
    {
        callAsync(
            *m_connection, method, request, m_accessToken, m_lifeline,
            [this, method, request, done, retried](const grpc::Status& status, Response response) {
                if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED && !retried &&
                    m_state == State::SignedIn) {
                    refresh([this, method, request, done](bool ok) {
                        if (!ok) {
                            done(Error::of(Error::Code::Unauthenticated), Response());
                            return;
                        }
                        callAuthorized(method, request, done, true);
                    });
                    return;
                }
                done(Error::fromStatus(status), std::move(response));
            });
    }

    void setState(State state);
    void setNotice(const QString& notice);
    void adopt(const v1::Session& session);
    void keepRefreshToken();
    void scheduleRefresh(const google::protobuf::Timestamp& expiresAt);
    QString tokenKey() const;

    std::shared_ptr<Connection> m_connection;
    std::shared_ptr<Lifeline> m_lifeline;
    QString m_serverKey;
    QPointer<TokenStore> m_tokens;
    State m_state = State::SignedOut;
    bool m_remember = true;
    v1::User m_user;
    QString m_sessionId;
    std::string m_accessToken;
    std::string m_refreshToken;
    QString m_notice;
    QTimer m_refreshTimer;
    bool m_refreshing = false;
    std::vector<std::function<void(bool)>> m_afterRefresh;
};

} // namespace confab::core

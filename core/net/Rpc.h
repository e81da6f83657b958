#pragma once

#include "confab/v1/account.grpc.pb.h"
#include "confab/v1/auth.grpc.pb.h"
#include "confab/v1/chat.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>

namespace confab::core {

// A channel to one server and the stubs on it. Thread-safe.
// gRPC 1.51 runs the callbacks of every channel on one process-wide
// completion queue, torn down when the last channel that used it goes and
// built again for the next one; the two can race (an abort in
// grpc_cq_internal_unref, e.g. when the local server's probe channel goes
// just as the session's channel makes its first call). Holding that queue
// for the life of the process keeps it from being torn down. Idempotent.
void holdCallbackQueue();

// The callback interfaces of the services. A unary method of one of them
// (`&ChatApi::SendMessage`) names a call: its request, its response, and the
// stub it goes out on (see net/Call.h).
using AuthApi = v1::Auth::StubInterface::async_interface;
using AccountsApi = v1::Accounts::StubInterface::async_interface;
using ChatApi = v1::Chat::StubInterface::async_interface;

class Connection {
public:
    struct Security {
        bool tls = false;
        // Roots to trust (PEM); empty means the system's. A pinned
        // self-signed certificate is its own root.
        QByteArray rootCertificates;
        // The name to check the certificate against, when not the host.
        QString serverName;
    };

    Connection(const QString& target, const Security& security);

    const QString& target() const { return m_target; }
    const std::shared_ptr<grpc::Channel>& channel() const { return m_channel; }
    v1::Auth::Stub& auth() { return *m_auth; }
    v1::Accounts::Stub& accounts() { return *m_accounts; }
    v1::Chat::Stub& chat() { return *m_chat; }
    // The callback interface `Api` (AuthApi, AccountsApi or ChatApi) on this channel.
    template <typename Api>
    Api& api();
    // Connect at the next call rather than after the channel's backoff (the
    // network is back, the machine woke, the local server restarted).
    void resetBackoff();

private:
    QString m_target;
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<v1::Auth::Stub> m_auth;
    std::unique_ptr<v1::Accounts::Stub> m_accounts;
    std::unique_ptr<v1::Chat::Stub> m_chat;
};

template <>
inline AuthApi& Connection::api<AuthApi>()
{
    return *m_auth->async();
}

template <>
inline AccountsApi& Connection::api<AccountsApi>()
{
    return *m_accounts->async();
}

template <>
inline ChatApi& Connection::api<ChatApi>()
{
    return *m_chat->async();
}

// Lets gRPC threads hand results to a QObject that may be gone by then:
// the owner cuts the line in its destructor, and nothing is posted after.
class Lifeline {
public:
    explicit Lifeline(QObject* target) : m_target(target) {}

    // Posts `fn` to the target's thread unless the line was cut. Either
    // way `fn` is destroyed on the application's thread, never on the
    // calling gRPC thread: what it holds (a call's ClientContext, and with it
    // the channel) must not be released there, since dropping the last
    // reference to a channel on a gRPC callback thread makes that thread
    // join itself (grpc/grpc#32584).
    void post(std::function<void()> fn)
    {
        std::lock_guard lock(m_mutex);
        if (m_target) {
            QMetaObject::invokeMethod(m_target, std::move(fn), Qt::QueuedConnection);
        } else if (QCoreApplication* app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(
                app, [keep = std::move(fn)] {}, Qt::QueuedConnection);
        }
    }

    void cut()
    {
        std::lock_guard lock(m_mutex);
        m_target = nullptr;
    }

private:
    std::mutex m_mutex;
    QObject* m_target;
};

} // namespace confab::core

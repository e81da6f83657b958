#include "net/Rpc.h"

#include <grpcpp/generic/generic_stub.h>

namespace confab::core {

void holdCallbackQueue()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // One call on a channel of its own takes a reference to the queue;
        // the channel is never destroyed, so neither is the queue. It is
        // left for the process's end on purpose: destroying a channel during
        // static destruction is not safe.
        struct Holder {
            std::shared_ptr<grpc::Channel> channel =
                grpc::CreateChannel("127.0.0.1:9", grpc::InsecureChannelCredentials());
            grpc::GenericStub stub{channel};
            grpc::ClientContext context;
            grpc::ByteBuffer request;
            grpc::ByteBuffer response;
        };
        static Holder* const holder = new Holder;
        grpc::Slice empty;
        holder->request = grpc::ByteBuffer(&empty, 1);
        // Already past its deadline: it fails at once, without connecting.
        holder->context.set_deadline(std::chrono::system_clock::now());
        holder->stub.UnaryCall(&holder->context, "/confab.v1.Hold/Hold", grpc::StubOptions(),
                               &holder->request, &holder->response, [](grpc::Status) {});
    });
}

Connection::Connection(const QString& target, const Security& security) : m_target(target)
{
    holdCallbackQueue();
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 20000);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
    args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    args.SetMaxReceiveMessageSize(8 * 1024 * 1024);
    // gRPC's own reconnect backoff reaches 2 min; the event stream keeps to
    // its own (at most 30 s), which a longer channel backoff would defeat.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 1000);
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 1000);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 10000);
    std::shared_ptr<grpc::ChannelCredentials> credentials;
    if (security.tls) {
        grpc::SslCredentialsOptions options;
        options.pem_root_certs = security.rootCertificates.toStdString();
        credentials = grpc::SslCredentials(options);
        if (!security.serverName.isEmpty()) {
            args.SetSslTargetNameOverride(security.serverName.toStdString());
        }
    } else {
        credentials = grpc::InsecureChannelCredentials();
    }
    m_channel = grpc::CreateCustomChannel(target.toStdString(), credentials, args);
    m_auth = v1::Auth::NewStub(m_channel);
    m_accounts = v1::Accounts::NewStub(m_channel);
    m_chat = v1::Chat::NewStub(m_channel);
}

void Connection::resetBackoff()
{
    grpc::experimental::ChannelResetConnectionBackoff(m_channel.get());
}

} // namespace confab::core

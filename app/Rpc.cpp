#include "Rpc.h"

namespace confab::core {

Connection::Connection(const QString& target, const Security& security) : m_target(target)
{
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 20000);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
    args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    args.SetMaxReceiveMessageSize(8 * 1024 * 1024);
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

} // namespace confab::core

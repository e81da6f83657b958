#include "net/ServerAddress.h"

#include <QHostAddress>
#include <QUrl>

namespace confab::core {

std::optional<ServerAddress> ServerAddress::parse(const QString& text, quint16 defaultPort)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(QLatin1Char('/'))) {
        return std::nullopt;
    }
    // QUrl does the host and port grammar, IPv6 brackets included.
    const QUrl url(QStringLiteral("grpc://") + trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() ||
        !url.path().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return std::nullopt;
    }
    const int port = url.port(defaultPort);
    if (port <= 0 || port > 65535) {
        return std::nullopt;
    }
    return ServerAddress{url.host(), static_cast<quint16>(port)};
}

bool ServerAddress::isLoopback() const
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString ServerAddress::target() const
{
    const bool v6 = host.contains(QLatin1Char(':'));
    return (v6 ? QLatin1Char('[') + host + QLatin1Char(']') : host) + QLatin1Char(':') +
           QString::number(port);
}

} // namespace confab::core

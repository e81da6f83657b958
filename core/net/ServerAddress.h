#pragma once

#include <QString>

#include <optional>

namespace confab::core {

// A server the client talks to: "host:port", with IPv6 hosts in brackets.
struct ServerAddress {
    QString host;
    quint16 port = 0;

    // Parses "host", "host:port" or "[v6]:port"; the port defaults to
    // `defaultPort`. Empty when the text is not an address.
    static std::optional<ServerAddress> parse(const QString& text, quint16 defaultPort = 40052);

    bool isLoopback() const;
    // The gRPC target string ("127.0.0.1:40052", "[::1]:40052").
    QString target() const;

    bool operator==(const ServerAddress&) const = default;
};

} // namespace confab::core

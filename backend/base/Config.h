#pragma once

#include "base/Cidr.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace confab::backend {

// Field and request limits (API.md defaults).
struct Limits {
    std::size_t usernameMin = 3;
    std::size_t usernameMax = 32;
    std::size_t passwordMinBytes = 8;
    std::size_t passwordMaxBytes = 1024;
    std::size_t displayNameMax = 64;
    std::size_t bioMax = 500;
    std::size_t statusTextMax = 100;
    std::size_t deviceNameMax = 64;
    std::size_t avatarMaxBytes = 256 * 1024;
    std::size_t messageTextMax = 4000;
    std::size_t roomNameMax = 80;
    std::size_t roomTopicMax = 500;
    std::size_t searchLimitDefault = 20;
    std::size_t searchLimitMax = 50;
    std::size_t requestMaxBytes = 1024 * 1024;
    // A GetHistory page holds at most this much (and always one event).
    std::size_t historyPageMaxBytes = 256 * 1024;
    // Reactions: one emoji of at most this many bytes; so many per user
    // and message.
    std::size_t emojiMaxBytes = 32;
    std::size_t reactionsPerUserAndMessage = 20;
    // Attachments: the largest file, the largest upload chunk, thumbnails,
    // file names (characters), attachments of one message.
    std::uint64_t attachmentMaxBytes = 25 * 1024 * 1024;
    std::size_t chunkMaxBytes = 64 * 1024;
    std::size_t thumbnailMaxBytes = 64 * 1024;
    std::size_t fileNameMax = 255;
    std::size_t attachmentsPerMessage = 10;
};

// Attachments: what one user may upload, how long an unsent upload is
// kept, and the transfers (uploads and downloads) open at once.
struct MediaConfig {
    // Bytes one user may upload in a day.
    std::uint64_t quotaBytesPerDay = std::uint64_t{2} * 1024 * 1024 * 1024;
    std::chrono::seconds quotaWindow{24 * 3600};
    // An upload no message carries is removed after this.
    std::chrono::seconds unsentExpiry{24 * 3600};
    // How often expired uploads are looked for.
    std::chrono::seconds expiryInterval{600};
    std::size_t transfersPerUser = 8;
    std::size_t transfersMax = 256;
    // A transfer that moves no bytes this long is ended.
    std::chrono::milliseconds idleTimeout{60000};
};

// Failed-login throttling. Every attempt counts as a failure until it
// succeeds, so parallel guesses are throttled as well as serial ones.
struct ThrottleConfig {
    int freeFailuresPerAccount = 5;
    int freeFailuresPerAddress = 50;
    std::chrono::milliseconds baseDelay{1000};
    std::chrono::milliseconds maxDelay{15 * 60 * 1000};
    // Failures older than this are forgotten.
    std::chrono::milliseconds window{60 * 60 * 1000};
};

// What one user may do per minute, with a burst on top (rpc/RateLimits.h);
// 0 per minute: no limit.
struct RateLimitsConfig {
    struct Rate {
        double perMinute;
        double burst;
    };
    Rate messages{600, 30}; // sends, edits and deletions
    Rate rooms{30, 10};     // new rooms and direct rooms
    Rate invites{120, 10};
    Rate searches{120, 10}; // user search and the public-room directory
    Rate uploads{60, 10};   // attachments uploaded
    // New accounts from one client address, and on the whole server.
    Rate registrationsPerAddress{20.0 / 60, 5};
    Rate registrations{60, 10};

    // The burst that goes with a rate given as a flag.
    static double burstFor(double perMinute) { return std::max(10.0, perMinute / 20); }

    // No limit on anything (tests that are not about the limits).
    static RateLimitsConfig unlimited()
    {
        RateLimitsConfig config;
        for (Rate* rate :
             {&config.messages, &config.rooms, &config.invites, &config.searches, &config.uploads,
              &config.registrationsPerAddress, &config.registrations}) {
            *rate = {0, 0};
        }
        return config;
    }
};

struct ServerConfig {
    std::string listen = "127.0.0.1:40052";
    std::filesystem::path dataDir;
    // Where the data is: empty for the SQLite file in dataDir (one
    // instance); a PostgreSQL connection string (postgresql://… or libpq's
    // key=value form) for a database several instances share.
    std::string database;
    // The bus between instances: empty for one instance (in process);
    // redis://host:port or unix:///path/redis.sock for several.
    std::string bus;
    // Proxies (the nginx edge) whose `x-real-ip` names the client: for
    // connections from these networks, per-address limits count that
    // address instead of the proxy's.
    std::vector<Cidr> trustedProxies;
    // With a bus: how often this instance compares its streams with the
    // store, for an event committed elsewhere and never published.
    std::chrono::milliseconds recheckInterval{30000};
    // With a bus: an instance silent this long is dead (its users go
    // offline everywhere).
    std::chrono::milliseconds instanceTimeout{20000};
    std::string tlsCertFile;
    std::string tlsKeyFile;
    bool insecure = false;

    std::chrono::seconds accessTtl{15 * 60};
    std::chrono::seconds refreshTtl{30 * 24 * 3600};

    // argon2id cost; defaults are libsodium's INTERACTIVE limits.
    unsigned long long passwordOpsLimit = 2;
    std::size_t passwordMemLimit = 64 * 1024 * 1024;
    std::size_t hashThreads = 2;
    std::size_t hashQueue = 64;

    // Live events queued for one Subscribe stream before it is ended as too
    // slow (it then resumes from its cursors).
    std::size_t subscriberMaxQueued = 1024;
    // Subscribe streams open at once per account and per session (device).
    std::size_t streamsPerUser = 32;
    std::size_t streamsPerSession = 4;
    // Bus messages waiting to be published; past this, room events are kept
    // as one "the log reached seq N" per room (bus/Publisher.h).
    std::size_t publishQueueMax = 65536;

    // Calls open at once on one connection (HTTP/2 streams), and the memory
    // gRPC may use for all connections together (past it, new work waits or
    // is refused).
    std::size_t streamsPerConnection = 100;
    std::size_t memoryQuotaBytes = std::size_t{512} * 1024 * 1024;
    // A connection that has not finished its handshake within this is closed.
    std::chrono::milliseconds handshakeTimeout{5000};
    // The server pings a connection that has been quiet this long, and
    // closes it when the answer takes longer than keepaliveTimeout. Proxies
    // (nginx's grpc_read_timeout) end a stream that hears nothing, and a
    // client behind a dead network is noticed.
    std::chrono::milliseconds keepaliveInterval{30000};
    std::chrono::milliseconds keepaliveTimeout{10000};
    // The listener's self-check (Server::onListenerDead): every so often,
    // and how many failures in a row mean it is dead; 0 s: no check.
    std::chrono::seconds listenerProbeInterval{5};
    // How often the database is asked whether it answers (health).
    std::chrono::milliseconds storeCheckInterval{2000};
    int listenerProbeFailures = 3;

    std::size_t workerThreads = 64;
    std::size_t workerQueue = 10000;

    ThrottleConfig throttle;
    RateLimitsConfig rates;
    Limits limits;
    MediaConfig media;
};

// True for 127.0.0.0/8, ::1 and "localhost" (with or without a port).
bool isLoopbackAddress(const std::string& listen);

} // namespace confab::backend

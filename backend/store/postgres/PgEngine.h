#pragma once

#include "store/postgres/Pg.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace confab::backend::pg {

// Throws `error` as the ApiError UNAVAILABLE when the database cannot be
// reached; as it is otherwise.
[[noreturn]] void rethrowUnavailable(const Error& error);

// A PostgreSQL database shared by the PostgreSQL stores and by every
// confabd of a deployment.
//
// Writes go through a few writer threads, each with a connection of its
// own, that commit whatever is queued for them together in one transaction
// (group commit; each job in a savepoint of its own so that one failing job
// does not undo its neighbours). A write names its shard: every write that
// touches a room's rows names the room, so one room's writes are batched by
// one writer and no two writers ever wait for each other's row locks
// (accounts and sessions have a writer of their own). Reads run on a small
// pool of connections. Connections that break are opened again; what fails
// because the database cannot be reached is thrown as UNAVAILABLE.
class Engine {
public:
    // Applies the `migrations` not yet applied, in order, under an advisory
    // lock, so that instances starting together migrate once.
    Engine(std::string conninfo, std::span<const char* const> migrations, std::size_t writers = 4,
           std::size_t readers = 4);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    struct WriteJob {
        std::function<void(Connection&)> run;
        // Called on the writer thread once the transaction is durable (or
        // failed): null, or what the job or the commit threw.
        std::function<void(std::exception_ptr)> done;
    };

    // The shard of writes about accounts and sessions.
    static constexpr std::string_view kAccounts{};

    // Queues `job` for the next group commit of the shard of `key` (a room
    // id, or kAccounts).
    void enqueue(std::string_view key, WriteJob job);
    // The writer that takes the writes of `key`.
    std::size_t writerOf(std::string_view key) const;

    // Runs `fn` on the writer of `key` inside its next group commit and
    // returns its result once that transaction is durable. `fn` may run
    // more than once (after a deadlock): it must only write to the database
    // and to its result.
    template <typename F>
    auto write(std::string_view key, F&& fn) -> std::invoke_result_t<F, Connection&>
    {
        using Result = std::invoke_result_t<F, Connection&>;
        WriteJob job;
        std::promise<void> promise;
        std::future<void> done = promise.get_future();
        job.done = [&promise](std::exception_ptr error) {
            if (error) {
                promise.set_exception(error);
            } else {
                promise.set_value();
            }
        };
        std::optional<std::conditional_t<std::is_void_v<Result>, int, Result>> result;
        job.run = [&fn, &result](Connection& db) {
            if constexpr (std::is_void_v<Result>) {
                fn(db);
                result.emplace(0);
            } else {
                result.emplace(fn(db));
            }
        };
        enqueue(key, std::move(job));
        done.get();
        if constexpr (!std::is_void_v<Result>) {
            return std::move(*result);
        }
    }

    // Runs `fn` on a reader connection of its own (in autocommit: each
    // statement sees what is committed when it starts).
    template <typename F>
    auto read(F&& fn) -> std::invoke_result_t<F, Connection&>
    {
        for (int attempt = 0;; ++attempt) {
            auto db = acquireReader();
            struct Release {
                Engine* engine;
                std::unique_ptr<Connection>& db;
                ~Release() { engine->releaseReader(std::move(db)); }
            } release{this, db};
            try {
                return fn(*db);
            } catch (const Error& e) {
                // A pooled connection that broke while idle: once more on
                // a new one (reads change nothing).
                if (!e.connectionLost() || attempt > 0) {
                    rethrowUnavailable(e);
                }
                discardIdleReaders();
            }
        }
    }

    // Whether the database answers now (a round trip on a reader).
    bool reachable();
    int schemaVersion();

private:
    struct Writer {
        std::mutex mutex;
        std::condition_variable wake;
        std::deque<WriteJob> queue;
        bool stopping = false;
        std::unique_ptr<Connection> connection;
        std::thread thread;
    };

    void migrate(std::span<const char* const> migrations);
    void writerLoop(Writer& writer);
    void commitBatch(Writer& writer, std::vector<WriteJob>& batch,
                     std::vector<std::exception_ptr>& errors);
    std::unique_ptr<Connection> acquireReader();
    void releaseReader(std::unique_ptr<Connection> db);
    // Closes the pooled connections: after one broke, the others that
    // waited through the same restart are broken too.
    void discardIdleReaders();

    std::string m_conninfo;
    std::vector<std::unique_ptr<Writer>> m_writers;

    std::mutex m_readMutex;
    std::condition_variable m_readerFree;
    std::vector<std::unique_ptr<Connection>> m_readers;
    std::size_t m_readersOpen = 0;
    std::size_t m_readersMax;
};

} // namespace confab::backend::pg

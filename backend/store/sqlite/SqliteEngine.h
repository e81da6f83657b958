#pragma once

#include "store/sqlite/Sqlite.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <type_traits>
#include <vector>

namespace confab::backend::sqlite {

// One SQLite database file shared by the SQLite stores: WAL,
// synchronous=FULL, versioned migrations. All writes go through one writer
// thread that commits whatever is queued together in one transaction (group
// commit), each job in a savepoint of its own so that one failing job does
// not undo its neighbours. Reads run on a small pool of connections of their
// own.
class Engine {
public:
    // Applies the `migrations` not yet applied, in order (PRAGMA
    // user_version counts them).
    Engine(const std::filesystem::path& file, std::span<const char* const> migrations,
           std::size_t readers = 4);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    struct WriteJob {
        std::function<void(Database&)> run;
        // Called on the writer thread once the transaction is durable (or
        // failed): null, or what the job or the commit threw.
        std::function<void(std::exception_ptr)> done;
    };

    // Queues `job` for the next group commit.
    void enqueue(WriteJob job);

    // Runs `fn` on the writer thread inside the next group commit and
    // returns its result once that transaction is durable.
    template <typename F>
    auto write(F&& fn) -> std::invoke_result_t<F, Database&>
    {
        using Result = std::invoke_result_t<F, Database&>;
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
        job.run = [&fn, &result](Database& db) {
            if constexpr (std::is_void_v<Result>) {
                fn(db);
                result.emplace(0);
            } else {
                result.emplace(fn(db));
            }
        };
        enqueue(std::move(job));
        done.get();
        if constexpr (!std::is_void_v<Result>) {
            return std::move(*result);
        }
    }

    // Runs `fn` on a reader connection of its own.
    template <typename F>
    auto read(F&& fn) -> std::invoke_result_t<F, Database&>
    {
        auto db = acquireReader();
        struct Release {
            Engine* engine;
            std::unique_ptr<Database>& db;
            ~Release() { engine->releaseReader(std::move(db)); }
        } release{this, db};
        return fn(*db);
    }

    // "ok" when the database is sound; SQLite's findings otherwise.
    std::string integrityCheck();
    int schemaVersion();

private:
    void migrate(std::span<const char* const> migrations);
    void writerLoop();
    std::unique_ptr<Database> acquireReader();
    void releaseReader(std::unique_ptr<Database> db);

    std::filesystem::path m_file;
    std::unique_ptr<Database> m_writer;

    std::mutex m_writeMutex;
    std::condition_variable m_writeWake;
    std::deque<WriteJob> m_writeQueue;
    bool m_stopping = false;
    std::thread m_writerThread;

    std::mutex m_readMutex;
    std::condition_variable m_readerFree;
    std::vector<std::unique_ptr<Database>> m_readers;
    std::size_t m_readersOpen = 0;
    std::size_t m_readersMax;
};

} // namespace confab::backend::sqlite

#include "store/postgres/PgEngine.h"

#include "base/ApiError.h"
#include "base/Log.h"

#include <pthread.h>

#include <functional>

namespace confab::backend::pg {

namespace {

constexpr std::size_t kMaxBatch = 512;
// Times a job runs again after a deadlock or serialization failure.
constexpr int kRetries = 3;
// The advisory lock held while migrating (any number, the same everywhere).
constexpr std::int64_t kMigrationLock = 0x636f6e666162; // "confab"

ApiError unavailable()
{
    return {grpc::StatusCode::UNAVAILABLE, "database: not reachable now; try again"};
}

} // namespace

void rethrowUnavailable(const Error& error)
{
    if (error.connectionLost()) {
        log::store().warn("{}", error.what());
        throw unavailable();
    }
    throw error;
}

Engine::Engine(std::string conninfo, std::span<const char* const> migrations, std::size_t writers,
               std::size_t readers)
    : m_conninfo(std::move(conninfo)), m_readersMax(std::max<std::size_t>(readers, 1))
{
    migrate(migrations);
    // One writer for accounts and sessions, the others share the rooms.
    const std::size_t count = std::max<std::size_t>(writers, 2);
    for (std::size_t i = 0; i < count; ++i) {
        m_writers.push_back(std::make_unique<Writer>());
    }
    for (std::size_t i = 0; i < count; ++i) {
        Writer& writer = *m_writers[i];
        writer.thread = std::thread([this, &writer, i] {
            const std::string name = "pg-writer-" + std::to_string(i);
            pthread_setname_np(pthread_self(), name.c_str());
            writerLoop(writer);
        });
    }
}

Engine::~Engine()
{
    for (auto& writer : m_writers) {
        {
            std::lock_guard lock(writer->mutex);
            writer->stopping = true;
        }
        writer->wake.notify_all();
    }
    for (auto& writer : m_writers) {
        if (writer->thread.joinable()) {
            writer->thread.join();
        }
    }
    std::lock_guard lock(m_readMutex);
    m_readers.clear();
}

void Engine::migrate(std::span<const char* const> migrations)
{
    Connection db(m_conninfo);
    db.run("BEGIN");
    try {
        db.query("SELECT pg_advisory_xact_lock($1)", static_cast<long long>(kMigrationLock));
        db.run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        auto current = db.query("SELECT version FROM schema_version");
        int version = current.empty() ? 0 : static_cast<int>(current.integer(0, 0));
        if (current.empty()) {
            db.run("INSERT INTO schema_version VALUES (0)");
        }
        const int target = static_cast<int>(migrations.size());
        if (version > target) {
            throw std::runtime_error("the database was written by a newer confabd (schema " +
                                     std::to_string(version) + ")");
        }
        for (; version < target; ++version) {
            db.run(migrations[static_cast<std::size_t>(version)]);
            db.query("UPDATE schema_version SET version = $1", version + 1);
            log::store().info("database schema migrated to version {}", version + 1);
        }
        db.run("COMMIT");
    } catch (...) {
        if (db.ok()) {
            db.run("ROLLBACK");
        }
        throw;
    }
}

int Engine::schemaVersion()
{
    return read([](Connection& db) {
        return static_cast<int>(db.query("SELECT version FROM schema_version").integer(0, 0));
    });
}

bool Engine::reachable()
{
    try {
        return read([](Connection& db) { return !db.query("SELECT 1").empty(); });
    } catch (const std::exception&) {
        return false;
    }
}

std::size_t Engine::writerOf(std::string_view key) const
{
    return key.empty() ? 0 : 1 + std::hash<std::string_view>{}(key) % (m_writers.size() - 1);
}

void Engine::enqueue(std::string_view key, WriteJob job)
{
    Writer& writer = *m_writers[writerOf(key)];
    {
        std::lock_guard lock(writer.mutex);
        writer.queue.push_back(std::move(job));
    }
    writer.wake.notify_one();
}

void Engine::writerLoop(Writer& writer)
{
    std::vector<WriteJob> batch;
    std::vector<std::exception_ptr> errors;
    for (;;) {
        batch.clear();
        {
            std::unique_lock lock(writer.mutex);
            writer.wake.wait(lock, [&] { return writer.stopping || !writer.queue.empty(); });
            if (writer.queue.empty()) {
                return;
            }
            while (!writer.queue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(writer.queue.front()));
                writer.queue.pop_front();
            }
        }
        errors.assign(batch.size(), nullptr);
        commitBatch(writer, batch, errors);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            try {
                batch[i].done(errors[i]);
            } catch (const std::exception& e) {
                log::store().error("after commit: {}", e.what());
            }
        }
    }
}

void Engine::commitBatch(Writer& writer, std::vector<WriteJob>& batch,
                         std::vector<std::exception_ptr>& errors)
{
    try {
        if (!writer.connection || !writer.connection->ok()) {
            writer.connection.reset();
            writer.connection = std::make_unique<Connection>(m_conninfo);
        }
        try {
            writer.connection->run("BEGIN");
        } catch (const Error& e) {
            // A connection that broke while idle (the server restarted)
            // says so at its first use: nothing was sent, so a new one
            // starts the batch.
            if (!e.connectionLost()) {
                throw;
            }
            writer.connection.reset();
            writer.connection = std::make_unique<Connection>(m_conninfo);
            writer.connection->run("BEGIN");
        }
        Connection& db = *writer.connection;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            for (int attempt = 0;; ++attempt) {
                db.run("SAVEPOINT job");
                try {
                    batch[i].run(db);
                    db.run("RELEASE job");
                    break;
                } catch (const Error& e) {
                    if (e.connectionLost()) {
                        throw;
                    }
                    db.run("ROLLBACK TO job");
                    db.run("RELEASE job");
                    if (!e.isRetryable() || attempt == kRetries) {
                        errors[i] = std::current_exception();
                        break;
                    }
                } catch (...) {
                    errors[i] = std::current_exception();
                    db.run("ROLLBACK TO job");
                    db.run("RELEASE job");
                    break;
                }
            }
        }
        db.run("COMMIT");
    } catch (...) {
        // The transaction itself failed (the database went away, or the
        // commit failed): nothing of the batch is stored, and every job
        // hears so.
        std::exception_ptr failure = std::current_exception();
        try {
            std::rethrow_exception(failure);
        } catch (const Error& e) {
            if (e.connectionLost()) {
                log::store().warn("{}", e.what());
                failure = std::make_exception_ptr(unavailable());
            }
        } catch (...) {
        }
        if (writer.connection && writer.connection->ok()) {
            try {
                writer.connection->run("ROLLBACK");
            } catch (...) {
            }
        }
        for (auto& error : errors) {
            error = failure;
        }
    }
}

std::unique_ptr<Connection> Engine::acquireReader()
{
    std::unique_lock lock(m_readMutex);
    for (;;) {
        while (!m_readers.empty()) {
            auto db = std::move(m_readers.back());
            m_readers.pop_back();
            if (db->ok()) {
                return db;
            }
            --m_readersOpen;
        }
        if (m_readersOpen < m_readersMax) {
            ++m_readersOpen;
            lock.unlock();
            try {
                return std::make_unique<Connection>(m_conninfo);
            } catch (const Error& e) {
                lock.lock();
                --m_readersOpen;
                lock.unlock();
                rethrowUnavailable(e);
            }
        }
        m_readerFree.wait(lock);
    }
}

void Engine::discardIdleReaders()
{
    std::vector<std::unique_ptr<Connection>> idle;
    {
        std::lock_guard lock(m_readMutex);
        idle.swap(m_readers);
        m_readersOpen -= idle.size();
    }
    m_readerFree.notify_all();
}

void Engine::releaseReader(std::unique_ptr<Connection> db)
{
    {
        std::lock_guard lock(m_readMutex);
        if (db->ok()) {
            m_readers.push_back(std::move(db));
        } else {
            --m_readersOpen;
        }
    }
    m_readerFree.notify_one();
}

} // namespace confab::backend::pg

#include "store/sqlite/SqliteEngine.h"

#include "base/Log.h"

#include <pthread.h>

namespace confab::backend::sqlite {

namespace {
constexpr std::size_t kMaxBatch = 512;
} // namespace

Engine::Engine(const std::filesystem::path& file, std::span<const char* const> migrations,
               std::size_t readers)
    : m_file(file), m_readersMax(std::max<std::size_t>(readers, 1))
{
    m_writer = std::make_unique<Database>(file, false);
    m_writer->exec("PRAGMA journal_mode = WAL");
    m_writer->exec("PRAGMA synchronous = FULL");
    m_writer->exec("PRAGMA foreign_keys = ON");
    // The default 2 MB page cache thrashes on a database of a few hundred MB;
    // memory-mapped reads spare a copy per page and are shared by all
    // connections.
    m_writer->exec("PRAGMA cache_size = -65536");
    m_writer->exec("PRAGMA mmap_size = 1073741824");
    migrate(migrations);
    m_writerThread = std::thread([this] {
        pthread_setname_np(pthread_self(), "sqlite-writer");
        writerLoop();
    });
}

Engine::~Engine()
{
    {
        std::lock_guard lock(m_writeMutex);
        m_stopping = true;
    }
    m_writeWake.notify_all();
    if (m_writerThread.joinable()) {
        m_writerThread.join();
    }
    std::lock_guard lock(m_readMutex);
    m_readers.clear();
}

void Engine::migrate(std::span<const char* const> migrations)
{
    const int current = schemaVersion();
    const int target = static_cast<int>(migrations.size());
    if (current > target) {
        throw std::runtime_error("the database was written by a newer confabd (schema " +
                                 std::to_string(current) + ")");
    }
    for (int version = current; version < target; ++version) {
        m_writer->exec("BEGIN IMMEDIATE");
        try {
            m_writer->exec(migrations[static_cast<std::size_t>(version)]);
            m_writer->exec("PRAGMA user_version = " + std::to_string(version + 1));
            m_writer->exec("COMMIT");
        } catch (...) {
            m_writer->exec("ROLLBACK");
            throw;
        }
        log::store().info("database schema migrated to version {}", version + 1);
    }
}

int Engine::schemaVersion()
{
    Statement st(m_writer->handle(), "PRAGMA user_version");
    st.step();
    return static_cast<int>(st.integer(0));
}

std::string Engine::integrityCheck()
{
    return read([](Database& db) {
        Statement st(db.handle(), "PRAGMA integrity_check");
        std::string result;
        while (st.step()) {
            result += (result.empty() ? "" : "\n") + st.text(0);
        }
        return result;
    });
}

void Engine::writerLoop()
{
    std::vector<WriteJob> batch;
    std::vector<std::exception_ptr> errors;
    for (;;) {
        batch.clear();
        {
            std::unique_lock lock(m_writeMutex);
            m_writeWake.wait(lock, [this] { return m_stopping || !m_writeQueue.empty(); });
            if (m_writeQueue.empty()) {
                return;
            }
            while (!m_writeQueue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(m_writeQueue.front()));
                m_writeQueue.pop_front();
            }
        }
        errors.assign(batch.size(), nullptr);
        try {
            m_writer->exec("BEGIN IMMEDIATE");
            for (std::size_t i = 0; i < batch.size(); ++i) {
                m_writer->exec("SAVEPOINT job");
                try {
                    batch[i].run(*m_writer);
                    m_writer->exec("RELEASE job");
                } catch (...) {
                    errors[i] = std::current_exception();
                    m_writer->exec("ROLLBACK TO job");
                    m_writer->exec("RELEASE job");
                }
            }
            m_writer->resetAll();
            m_writer->exec("COMMIT");
        } catch (...) {
            // The transaction itself failed (disk full, I/O error): nothing of
            // the batch is stored, and every job hears so.
            const auto failure = std::current_exception();
            try {
                m_writer->exec("ROLLBACK");
            } catch (...) {
            }
            for (auto& error : errors) {
                if (!error) {
                    error = failure;
                }
            }
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            try {
                batch[i].done(errors[i]);
            } catch (const std::exception& e) {
                log::store().error("after commit: {}", e.what());
            }
        }
    }
}

void Engine::enqueue(WriteJob job)
{
    {
        std::lock_guard lock(m_writeMutex);
        m_writeQueue.push_back(std::move(job));
    }
    m_writeWake.notify_one();
}

std::unique_ptr<Database> Engine::acquireReader()
{
    std::unique_lock lock(m_readMutex);
    for (;;) {
        if (!m_readers.empty()) {
            auto db = std::move(m_readers.back());
            m_readers.pop_back();
            return db;
        }
        if (m_readersOpen < m_readersMax) {
            ++m_readersOpen;
            lock.unlock();
            try {
                auto db = std::make_unique<Database>(m_file, false);
                db->exec("PRAGMA query_only = ON");
                db->exec("PRAGMA cache_size = -16384");
                db->exec("PRAGMA mmap_size = 1073741824");
                return db;
            } catch (...) {
                lock.lock();
                --m_readersOpen;
                throw;
            }
        }
        m_readerFree.wait(lock);
    }
}

void Engine::releaseReader(std::unique_ptr<Database> db)
{
    db->resetAll();
    {
        std::lock_guard lock(m_readMutex);
        m_readers.push_back(std::move(db));
    }
    m_readerFree.notify_one();
}

} // namespace confab::backend::sqlite

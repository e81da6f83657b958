#pragma once

#include "store/Store.h"
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
#include <thread>
#include <type_traits>
#include <vector>

namespace confab::backend {

// The SQLite store: WAL, synchronous=FULL, versioned migrations. All writes
// go through one writer thread that commits whatever is queued together in
// one transaction (group commit), each job in a savepoint of its own so that
// one failing job does not undo its neighbours. Reads run on a small pool of
// connections of their own.
class SqliteStore : public Store {
public:
    explicit SqliteStore(const std::filesystem::path& file, std::size_t readers = 4);
    ~SqliteStore() override;

    void createUser(const UserRecord& user) override;
    std::optional<UserRecord> userById(const std::string& id, bool withAvatar) override;
    std::optional<UserRecord> userByUsername(const std::string& username, bool withAvatar) override;
    std::vector<UserRecord> searchUsers(const std::string& prefix, std::size_t limit) override;
    UserRecord updateProfile(const std::string& userId, const ProfileUpdate& update) override;
    void setPasswordHash(const std::string& userId, const std::string& hash) override;
    std::vector<std::string> deleteUser(const std::string& userId) override;

    void createSession(const SessionRecord& session, const TokenHashes& tokens) override;
    std::optional<Principal> authenticate(const std::string& accessHash, Micros now) override;
    RotateResult rotateRefreshToken(const std::string& refreshHash, const TokenHashes& next,
                                    Micros now) override;
    std::vector<SessionRecord> listSessions(const std::string& userId) override;
    bool revokeSession(const std::string& userId, const std::string& sessionId) override;
    std::vector<std::string> revokeUserSessions(const std::string& userId,
                                                const std::string& keepSessionId) override;
    void touchSession(const std::string& sessionId, Micros now) override;
    void purgeExpired(Micros now) override;

    void createRoom(const NewRoom& room, Appended* appended) override;
    std::optional<RoomRecord> room(const std::string& roomId) override;
    std::optional<RoomRecord> directRoom(const std::string& directKey) override;
    std::optional<Membership> membership(const std::string& roomId,
                                         const std::string& userId) override;
    v1::Room roomView(const std::string& roomId, const std::string& userId) override;
    std::vector<v1::Room> roomsOf(const std::string& userId) override;
    std::vector<v1::Room> publicRooms(const std::string& prefix, std::size_t limit) override;
    void joinRoom(const std::string& roomId, const std::string& userId, Micros now,
                  Appended* appended) override;
    void addMember(const std::string& roomId, const std::string& userId, Micros now,
                   Appended* appended) override;
    void leaveRoom(const std::string& roomId, const std::string& userId, Micros now,
                   Appended* appended) override;
    void invite(const std::string& roomId, const std::string& inviterId,
                const std::string& inviteeId, Micros now) override;
    std::vector<v1::Member> members(const std::string& roomId) override;
    std::vector<std::pair<std::string, std::uint64_t>>
    roomSeqsOf(const std::string& userId) override;

    v1::Message sendMessage(const NewMessage& message, Appended* appended) override;
    void sendMessageAsync(NewMessage message, SendDone done) override;
    v1::Message editMessage(const std::string& messageId, const std::string& userId,
                            const std::string& text, Micros now, Appended* appended) override;
    void deleteMessage(const std::string& messageId, const std::string& userId, Micros now,
                       Appended* appended) override;
    std::optional<v1::Message> message(const std::string& messageId) override;
    std::vector<v1::RoomEvent> events(const std::string& roomId, std::uint64_t afterSeq,
                                      std::uint64_t beforeSeq, std::size_t limit,
                                      bool newest) override;
    std::uint64_t markRead(const std::string& roomId, const std::string& userId,
                           std::uint64_t seq) override;

    // "ok" when the database is sound; SQLite's findings otherwise.
    std::string integrityCheck();
    int schemaVersion();

private:
    struct WriteJob {
        std::function<void(sqlite::Database&)> run;
        // Called on the writer thread once the transaction is durable (or
        // failed): null, or what the job or the commit threw.
        std::function<void(std::exception_ptr)> done;
    };

    // Runs `fn` on the writer thread inside the next group commit and
    // returns its result once that transaction is durable.
    template <typename F>
    auto write(F&& fn) -> std::invoke_result_t<F, sqlite::Database&>
    {
        using Result = std::invoke_result_t<F, sqlite::Database&>;
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
        job.run = [&fn, &result](sqlite::Database& db) {
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
    auto read(F&& fn) -> std::invoke_result_t<F, sqlite::Database&>
    {
        auto db = acquireReader();
        struct Release {
            SqliteStore* store;
            std::unique_ptr<sqlite::Database>& db;
            ~Release() { store->releaseReader(std::move(db)); }
        } release{this, db};
        return fn(*db);
    }

    void enqueue(WriteJob job);

    void migrate();
    void writerLoop();
    std::unique_ptr<sqlite::Database> acquireReader();
    void releaseReader(std::unique_ptr<sqlite::Database> db);

    std::filesystem::path m_file;
    std::unique_ptr<sqlite::Database> m_writer;

    std::mutex m_writeMutex;
    std::condition_variable m_writeWake;
    std::deque<WriteJob> m_writeQueue;
    bool m_stopping = false;
    std::thread m_writerThread;

    std::mutex m_readMutex;
    std::condition_variable m_readerFree;
    std::vector<std::unique_ptr<sqlite::Database>> m_readers;
    std::size_t m_readersOpen = 0;
    std::size_t m_readersMax;
};

} // namespace confab::backend

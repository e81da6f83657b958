#pragma once

#include "StoreBackends.h"
#include "TestServer.h"

#include "base/ApiError.h"
#include "base/Crypto.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace confab::test {

// Whether `fn` throws an ApiError with `expected` as its code.
template <typename F>
::testing::AssertionResult throwsApiError(F&& fn, grpc::StatusCode expected)
{
    try {
        fn();
    } catch (const backend::ApiError& e) {
        if (e.code() == expected) {
            return ::testing::AssertionSuccess();
        }
        return ::testing::AssertionFailure() << "code " << e.code() << " (" << e.what() << ")";
    }
    return ::testing::AssertionFailure() << "nothing was thrown";
}

#define EXPECT_API_ERROR(statement, expected)                                                      \
    EXPECT_TRUE(::confab::test::throwsApiError([&] { statement; }, expected)) << #statement

// The fixture of the store contract suite: every test runs once per store
// in storeBackends(), each time on an empty store.
class StoreTest : public ::testing::TestWithParam<StoreBackend> {
protected:
    void SetUp() override { m_store = GetParam().open(m_dir.path()); }
    void TearDown() override { m_store.reset(); }

    backend::Store& store() { return *m_store; }
    backend::UserStore& users() { return m_store->users(); }
    backend::SessionStore& sessions() { return m_store->sessions(); }
    backend::RoomStore& rooms() { return m_store->rooms(); }
    backend::MessageStore& messages() { return m_store->messages(); }

    // A user with id "u-<username>".
    backend::UserRecord addUser(const std::string& username, const std::string& displayName = {})
    {
        backend::UserRecord user;
        user.id = "u-" + username;
        user.username = username;
        user.displayName = displayName.empty() ? username : displayName;
        user.passwordHash = "hash-of-" + username;
        user.createdAt = 1000;
        users().create(user);
        return user;
    }

    // A room owned by `ownerId` with `memberIds`; returns its id.
    std::string addRoom(const std::string& name, const std::string& ownerId,
                        std::vector<std::string> memberIds = {},
                        v1::Visibility visibility = v1::VISIBILITY_PRIVATE,
                        backend::Appended* appended = nullptr)
    {
        backend::NewRoom room;
        room.id = "r-" + name;
        room.name = name;
        room.visibility = visibility;
        room.creatorId = ownerId;
        room.memberIds = std::move(memberIds);
        room.createdAt = 2000;
        rooms().create(room, appended);
        return room.id;
    }

    backend::NewMessage newMessage(const std::string& roomId, const std::string& authorId,
                                   const std::string& text, const std::string& clientId = {})
    {
        backend::NewMessage message;
        message.id = backend::crypto::newId();
        message.roomId = roomId;
        message.authorId = authorId;
        message.text = text;
        message.clientMessageId = clientId;
        message.sentAt = 3000 + static_cast<backend::Micros>(m_sent++);
        return message;
    }

    backend::MessageRecord post(const std::string& roomId, const std::string& authorId,
                                const std::string& text, backend::Appended* appended = nullptr)
    {
        return messages().send(newMessage(roomId, authorId, text), appended);
    }

    // Every event of a room's log, ascending.
    std::vector<v1::RoomEvent> log(const std::string& roomId)
    {
        return messages().events(roomId, 0, 0, 100000, false);
    }

private:
    TempDir m_dir;
    std::unique_ptr<backend::Store> m_store;
    int m_sent = 0;
};

inline std::string backendName(const ::testing::TestParamInfo<StoreBackend>& info)
{
    return info.param.name;
}

#define CONFAB_STORE_SUITE(Suite)                                                                  \
    using Suite = StoreTest;                                                                       \
    INSTANTIATE_TEST_SUITE_P(Stores, Suite, ::testing::ValuesIn(storeBackends()), backendName)

} // namespace confab::test

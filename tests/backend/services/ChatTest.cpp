#include "StatusMatchers.h"
#include "Subscription.h"
#include "TestServer.h"

#include <gtest/gtest.h>

#include <future>
#include <set>

namespace confab::test {
namespace {

class ChatTest : public ::testing::Test {
protected:
    TestServer server{config()};
    Client client{server.channel()};
    v1::Session anna = client.registerUser("anna");
    v1::Session bob = client.registerUser("bob");
    v1::Session carol = client.registerUser("carol");

    virtual backend::ServerConfig config() { return testConfig({}); }

    v1::Room createRoom(const v1::Session& who, const std::string& name,
                        v1::Visibility visibility = v1::VISIBILITY_PRIVATE,
                        const std::vector<std::string>& members = {})
    {
        v1::CreateRoomRequest request;
        request.set_name(name);
        request.set_visibility(visibility);
        for (const auto& member : members) {
            request.add_member_usernames(member);
        }
        v1::Room room;
        EXPECT_OK(
            client.chat->CreateRoom(Client::context(who.access_token()).get(), request, &room));
        return room;
    }

    grpc::Status send(const v1::Session& who, const std::string& roomId, const std::string& text,
                      v1::Message* message = nullptr, const std::string& clientId = {},
                      const std::string& replyTo = {})
    {
        v1::SendMessageRequest request;
        request.set_room_id(roomId);
        request.set_text(text);
        request.set_client_message_id(clientId);
        request.set_reply_to_message_id(replyTo);
        v1::Message ignored;
        return client.chat->SendMessage(Client::context(who.access_token()).get(), request,
                                        message ? message : &ignored);
    }

    v1::Message sendOk(const v1::Session& who, const std::string& roomId, const std::string& text)
    {
        v1::Message message;
        EXPECT_OK(send(who, roomId, text, &message));
        return message;
    }

    grpc::Status history(const v1::Session& who, const std::string& roomId, std::uint64_t beforeSeq,
                         std::uint32_t limit, v1::GetHistoryResponse* response)
    {
        v1::GetHistoryRequest request;
        request.set_room_id(roomId);
        request.set_before_seq(beforeSeq);
        request.set_limit(limit);
        return client.chat->GetHistory(Client::context(who.access_token()).get(), request,
                                       response);
    }

    std::vector<v1::Room> rooms(const v1::Session& who)
    {
        v1::ListRoomsResponse response;
        EXPECT_OK(client.chat->ListRooms(Client::context(who.access_token()).get(), {}, &response));
        return {response.rooms().begin(), response.rooms().end()};
    }

    v1::Room roomOf(const v1::Session& who, const std::string& roomId)
    {
        for (const auto& room : rooms(who)) {
            if (room.id() == roomId) {
                return room;
            }
        }
        ADD_FAILURE() << "room " << roomId << " not in the list";
        return {};
    }

    grpc::Status join(const v1::Session& who, const std::string& roomId)
    {
        v1::JoinRoomRequest request;
        request.set_room_id(roomId);
        v1::Room room;
        return client.chat->JoinRoom(Client::context(who.access_token()).get(), request, &room);
    }

    grpc::Status leave(const v1::Session& who, const std::string& roomId)
    {
        v1::LeaveRoomRequest request;
        request.set_room_id(roomId);
        v1::LeaveRoomResponse response;
        return client.chat->LeaveRoom(Client::context(who.access_token()).get(), request,
                                      &response);
    }

    grpc::Status invite(const v1::Session& who, const std::string& roomId,
                        const std::string& username)
    {
        v1::InviteMemberRequest request;
        request.set_room_id(roomId);
        request.set_username(username);
        v1::InviteMemberResponse response;
        return client.chat->InviteMember(Client::context(who.access_token()).get(), request,
                                         &response);
    }
};

TEST_F(ChatTest, CreateRoomMakesMembersAtOnce)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob", "anna"});
    EXPECT_FALSE(room.id().empty());
    EXPECT_EQ(room.name(), "Team");
    EXPECT_EQ(room.visibility(), v1::VISIBILITY_PRIVATE);
    EXPECT_FALSE(room.direct());
    EXPECT_EQ(room.member_count(), 2u);
    // room_updated, then anna and bob joining.
    EXPECT_EQ(room.last_seq(), 3u);

    v1::ListMembersRequest request;
    request.set_room_id(room.id());
    v1::ListMembersResponse members;
    ASSERT_OK(
        client.chat->ListMembers(Client::context(bob.access_token()).get(), request, &members));
    ASSERT_EQ(members.members_size(), 2);
    EXPECT_EQ(members.members(0).user().username(), "anna");
    EXPECT_EQ(members.members(0).role(), v1::ROLE_OWNER);
    EXPECT_EQ(members.members(1).user().username(), "bob");
    EXPECT_EQ(members.members(1).role(), v1::ROLE_MEMBER);
    EXPECT_EQ(members.members(1).user().presence(), v1::PRESENCE_OFFLINE);

    EXPECT_EQ(roomOf(bob, room.id()).name(), "Team");
    EXPECT_TRUE(rooms(carol).empty());
    EXPECT_STATUS(
        client.chat->ListMembers(Client::context(carol.access_token()).get(), request, &members),
        PERMISSION_DENIED, "room_id: ");
}

TEST_F(ChatTest, CreateRoomRejectsBadInput)
{
    const auto create = [&](const std::string& name, int visibility,
                            const std::vector<std::string>& members = {}) {
        v1::CreateRoomRequest request;
        request.set_name(name);
        request.set_visibility(static_cast<v1::Visibility>(visibility));
        for (const auto& m : members) {
            request.add_member_usernames(m);
        }
        v1::Room room;
        return client.chat->CreateRoom(Client::context(anna.access_token()).get(), request, &room);
    };
    EXPECT_STATUS(create("", 1), INVALID_ARGUMENT, "name: must be 1-80 characters");
    EXPECT_STATUS(create(std::string(81, 'r'), 1), INVALID_ARGUMENT, "name: ");
    EXPECT_STATUS(create("   ", 1), INVALID_ARGUMENT, "name: must not be only whitespace");
    EXPECT_STATUS(create("ok", 9), INVALID_ARGUMENT, "visibility: ");
    EXPECT_STATUS(create("ok", 1, {"nobody"}), NOT_FOUND, "member_usernames: ");
    EXPECT_TRUE(rooms(anna).empty());
    EXPECT_OK(create(std::string(80, 'r'), 0));
    EXPECT_EQ(rooms(anna).at(0).visibility(), v1::VISIBILITY_PRIVATE);
}

TEST_F(ChatTest, PublicDirectoryAndJoining)
{
    const v1::Room lobby = createRoom(anna, "Lobby", v1::VISIBILITY_PUBLIC);
    const v1::Room lounge = createRoom(anna, "lounge", v1::VISIBILITY_PUBLIC);
    const v1::Room secret = createRoom(anna, "Lodge", v1::VISIBILITY_PRIVATE);

    v1::ListPublicRoomsRequest request;
    request.set_query("lo");
    v1::ListPublicRoomsResponse directory;
    ASSERT_OK(client.chat->ListPublicRooms(Client::context(bob.access_token()).get(), request,
                                           &directory));
    ASSERT_EQ(directory.rooms_size(), 2);
    EXPECT_EQ(directory.rooms(0).name(), "Lobby");
    EXPECT_EQ(directory.rooms(1).name(), "lounge");
    request.set_query("lou");
    ASSERT_OK(client.chat->ListPublicRooms(Client::context(bob.access_token()).get(), request,
                                           &directory));
    ASSERT_EQ(directory.rooms_size(), 1);

    EXPECT_OK(join(bob, lobby.id()));
    EXPECT_OK(join(bob, lobby.id())); // already a member: nothing changes
    EXPECT_EQ(roomOf(bob, lobby.id()).member_count(), 2u);
    EXPECT_STATUS(join(bob, secret.id()), PERMISSION_DENIED, "room_id: ");
    EXPECT_STATUS(join(bob, "no-such-room"), NOT_FOUND, "room_id: ");
    EXPECT_STATUS(join(bob, ""), INVALID_ARGUMENT, "room_id: ");

    EXPECT_STATUS(invite(carol, secret.id(), "bob"), PERMISSION_DENIED);
    EXPECT_STATUS(invite(anna, secret.id(), "nobody"), NOT_FOUND, "username: ");
    EXPECT_OK(invite(anna, secret.id(), "bob"));
    EXPECT_OK(join(bob, secret.id()));
    EXPECT_STATUS(invite(anna, secret.id(), "bob"), ALREADY_EXISTS);
    EXPECT_EQ(rooms(bob).size(), 2u);
    EXPECT_STATUS(join(carol, secret.id()), PERMISSION_DENIED);
    (void)lounge;
}

TEST_F(ChatTest, LeavingEndsAccess)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    sendOk(bob, room.id(), "hello");
    EXPECT_STATUS(leave(carol, room.id()), PERMISSION_DENIED);
    ASSERT_OK(leave(bob, room.id()));
    EXPECT_TRUE(rooms(bob).empty());
    EXPECT_STATUS(send(bob, room.id(), "still here?"), PERMISSION_DENIED, "room_id: ");
    v1::GetHistoryResponse page;
    EXPECT_STATUS(history(bob, room.id(), 0, 10, &page), PERMISSION_DENIED);
    ASSERT_OK(history(anna, room.id(), 0, 10, &page));
    ASSERT_TRUE(page.events(page.events_size() - 1).has_member_left());
    EXPECT_EQ(page.events(page.events_size() - 1).member_left().user().username(), "bob");
}

TEST_F(ChatTest, DirectRoomsAreOnePerPair)
{
    v1::OpenDirectRoomRequest request;
    request.set_username("bob");
    v1::Room fromAnna;
    ASSERT_OK(client.chat->OpenDirectRoom(Client::context(anna.access_token()).get(), request,
                                          &fromAnna));
    EXPECT_TRUE(fromAnna.direct());
    EXPECT_EQ(fromAnna.name(), "bob");
    EXPECT_EQ(fromAnna.member_count(), 2u);

    request.set_username("anna");
    v1::Room fromBob;
    ASSERT_OK(
        client.chat->OpenDirectRoom(Client::context(bob.access_token()).get(), request, &fromBob));
    EXPECT_EQ(fromBob.id(), fromAnna.id());
    EXPECT_EQ(fromBob.name(), "anna");
    ASSERT_OK(
        client.chat->OpenDirectRoom(Client::context(bob.access_token()).get(), request, &fromBob));
    EXPECT_EQ(fromBob.id(), fromAnna.id());

    request.set_username("bob");
    v1::Room self;
    EXPECT_STATUS(
        client.chat->OpenDirectRoom(Client::context(bob.access_token()).get(), request, &self),
        INVALID_ARGUMENT, "username: ");
    request.set_username("nobody");
    EXPECT_STATUS(
        client.chat->OpenDirectRoom(Client::context(bob.access_token()).get(), request, &self),
        NOT_FOUND, "username: ");
    EXPECT_STATUS(invite(anna, fromAnna.id(), "carol"), PERMISSION_DENIED);
    EXPECT_STATUS(join(carol, fromAnna.id()), PERMISSION_DENIED);

    // Leaving and opening again brings the same room back.
    ASSERT_OK(leave(bob, fromBob.id()));
    ASSERT_OK(client.chat->OpenDirectRoom(
        Client::context(bob.access_token()).get(),
        [] {
            v1::OpenDirectRoomRequest r;
            r.set_username("anna");
            return r;
        }(),
        &fromBob));
    EXPECT_EQ(fromBob.id(), fromAnna.id());
    EXPECT_EQ(fromBob.member_count(), 2u);
}

TEST_F(ChatTest, SendMessageValidatesAndIsIdempotent)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    v1::Message first;
    ASSERT_OK(send(anna, room.id(), "Hello, Bob", &first, "c-1"));
    EXPECT_EQ(first.room_id(), room.id());
    EXPECT_EQ(first.author_id(), anna.user().id());
    EXPECT_EQ(first.text(), "Hello, Bob");
    EXPECT_EQ(first.seq(), room.last_seq() + 1);
    EXPECT_EQ(first.client_message_id(), "c-1");
    EXPECT_FALSE(first.has_edited_at());
    EXPECT_GT(first.sent_at().seconds(), 0);

    v1::Message retry;
    ASSERT_OK(send(anna, room.id(), "Hello, Bob (resent)", &retry, "c-1"));
    EXPECT_EQ(retry.id(), first.id());
    EXPECT_EQ(retry.seq(), first.seq());
    EXPECT_EQ(retry.text(), "Hello, Bob");
    EXPECT_EQ(roomOf(anna, room.id()).last_seq(), first.seq());
    // The same client id in another room is another message.
    const v1::Room other = createRoom(anna, "Other");
    v1::Message elsewhere;
    ASSERT_OK(send(anna, other.id(), "Hi", &elsewhere, "c-1"));
    EXPECT_NE(elsewhere.id(), first.id());

    EXPECT_STATUS(send(anna, room.id(), ""), INVALID_ARGUMENT, "text: must be 1-4000");
    EXPECT_STATUS(send(anna, room.id(), " \n\t "), INVALID_ARGUMENT, "text: must not be only");
    EXPECT_STATUS(send(anna, room.id(), std::string(4001, 'x')), INVALID_ARGUMENT, "text: ");
    EXPECT_OK(send(anna, room.id(), std::string(4000, 'x')));
    EXPECT_STATUS(send(anna, "no-such-room", "hi"), NOT_FOUND, "room_id: ");
    EXPECT_STATUS(send(carol, room.id(), "hi"), PERMISSION_DENIED, "room_id: ");
    EXPECT_STATUS(send(anna, room.id(), "hi", nullptr, std::string(65, 'k')), INVALID_ARGUMENT,
                  "client_message_id: ");
    EXPECT_STATUS(send(anna, room.id(), "re", nullptr, {}, elsewhere.id()), NOT_FOUND,
                  "reply_to_message_id: ");

    v1::Message reply;
    ASSERT_OK(send(bob, room.id(), "Hi Anna", &reply, {}, first.id()));
    EXPECT_EQ(reply.reply_to_message_id(), first.id());
}

TEST_F(ChatTest, EditsAndDeletesAreEventsOfTheirOwn)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob", "carol"});
    const v1::Message message = sendOk(bob, room.id(), "helo");

    v1::EditMessageRequest edit;
    edit.set_message_id(message.id());
    edit.set_text("hello");
    v1::Message edited;
    EXPECT_STATUS(
        client.chat->EditMessage(Client::context(anna.access_token()).get(), edit, &edited),
        PERMISSION_DENIED, "message_id: ");
    ASSERT_OK(client.chat->EditMessage(Client::context(bob.access_token()).get(), edit, &edited));
    EXPECT_EQ(edited.id(), message.id());
    EXPECT_EQ(edited.seq(), message.seq());
    EXPECT_EQ(edited.text(), "hello");
    EXPECT_TRUE(edited.has_edited_at());
    edit.set_text("");
    EXPECT_STATUS(
        client.chat->EditMessage(Client::context(bob.access_token()).get(), edit, &edited),
        INVALID_ARGUMENT, "text: ");
    edit.set_message_id("no-such-message");
    edit.set_text("x");
    EXPECT_STATUS(
        client.chat->EditMessage(Client::context(bob.access_token()).get(), edit, &edited),
        NOT_FOUND, "message_id: ");

    v1::GetHistoryResponse page;
    ASSERT_OK(history(anna, room.id(), 0, 50, &page));
    const auto& posted = page.events(page.events_size() - 2);
    const auto& edit1 = page.events(page.events_size() - 1);
    ASSERT_TRUE(posted.has_message_posted());
    EXPECT_EQ(posted.seq(), message.seq());
    EXPECT_EQ(posted.message_posted().text(), "hello"); // shows the message as it is now
    ASSERT_TRUE(edit1.has_message_edited());
    EXPECT_EQ(edit1.seq(), message.seq() + 1);
    EXPECT_EQ(edit1.message_edited().text(), "hello");

    v1::DeleteMessageRequest del;
    del.set_message_id(message.id());
    v1::DeleteMessageResponse deleted;
    EXPECT_STATUS(
        client.chat->DeleteMessage(Client::context(carol.access_token()).get(), del, &deleted),
        PERMISSION_DENIED, "message_id: ");
    // The owner of the room may delete anyone's message.
    ASSERT_OK(
        client.chat->DeleteMessage(Client::context(anna.access_token()).get(), del, &deleted));
    ASSERT_OK(client.chat->DeleteMessage(Client::context(bob.access_token()).get(), del, &deleted));
    edit.set_message_id(message.id());
    EXPECT_STATUS(
        client.chat->EditMessage(Client::context(bob.access_token()).get(), edit, &edited),
        FAILED_PRECONDITION);

    ASSERT_OK(history(anna, room.id(), 0, 50, &page));
    ASSERT_EQ(page.events(page.events_size() - 1).seq(), message.seq() + 2);
    ASSERT_TRUE(page.events(page.events_size() - 1).has_message_deleted());
    EXPECT_EQ(page.events(page.events_size() - 1).message_deleted().message_id(), message.id());
    // The text is gone from the log, from the posting and the edit alike.
    for (const auto& event : page.events()) {
        if (event.has_message_posted()) {
            EXPECT_TRUE(event.message_posted().deleted());
            EXPECT_EQ(event.message_posted().text(), "");
        }
        if (event.has_message_edited()) {
            EXPECT_EQ(event.message_edited().text(), "");
        }
    }
    EXPECT_FALSE(roomOf(anna, room.id()).has_last_message());
}

TEST_F(ChatTest, HistoryPagesBackwards)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    for (int i = 0; i < 250; ++i) {
        sendOk(i % 2 ? anna : bob, room.id(), "message " + std::to_string(i));
    }
    const std::uint64_t last = room.last_seq() + 250;

    std::vector<std::uint64_t> seen;
    std::uint64_t before = 0;
    bool more = true;
    int pages = 0;
    while (more) {
        v1::GetHistoryResponse page;
        ASSERT_OK(history(anna, room.id(), before, 100, &page));
        ++pages;
        const auto seqs = seqsOf({page.events().begin(), page.events().end()});
        ASSERT_FALSE(seqs.empty());
        EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end()));
        if (before) {
            EXPECT_EQ(seqs.back(), before - 1);
        }
        seen.insert(seen.begin(), seqs.begin(), seqs.end());
        before = seqs.front();
        more = page.has_more();
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, range(1, last));

    v1::GetHistoryResponse capped;
    ASSERT_OK(history(anna, room.id(), 0, 1000, &capped));
    EXPECT_EQ(capped.events_size(), 200);
    ASSERT_OK(history(anna, room.id(), 0, 0, &capped));
    EXPECT_EQ(capped.events_size(), 50);
    ASSERT_OK(history(anna, room.id(), 1, 10, &capped));
    EXPECT_EQ(capped.events_size(), 0);
    EXPECT_FALSE(capped.has_more());

    EXPECT_STATUS(history(carol, room.id(), 0, 10, &capped), PERMISSION_DENIED);
    EXPECT_STATUS(history(carol, "no-such-room", 0, 10, &capped), NOT_FOUND);
    // A public room can be read before joining it.
    const v1::Room lobby = createRoom(anna, "Lobby", v1::VISIBILITY_PUBLIC);
    sendOk(anna, lobby.id(), "welcome");
    ASSERT_OK(history(carol, lobby.id(), 0, 10, &capped));
    EXPECT_EQ(capped.events(capped.events_size() - 1).message_posted().text(), "welcome");
}

TEST_F(ChatTest, UnreadCountsAndReadMarkers)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    sendOk(anna, room.id(), "mine");
    sendOk(bob, room.id(), "one");
    const v1::Message two = sendOk(bob, room.id(), "two");
    const v1::Message three = sendOk(bob, room.id(), "three");

    v1::Room view = roomOf(anna, room.id());
    EXPECT_EQ(view.unread_count(), 3u); // her own message does not count
    EXPECT_EQ(view.last_seq(), three.seq());
    EXPECT_EQ(view.last_message().text(), "three");
    EXPECT_EQ(roomOf(bob, room.id()).unread_count(), 1u);

    const auto markRead = [&](std::uint64_t seq) {
        v1::MarkReadRequest request;
        request.set_room_id(room.id());
        request.set_seq(seq);
        v1::MarkReadResponse response;
        return client.chat->MarkRead(Client::context(anna.access_token()).get(), request,
                                     &response);
    };
    ASSERT_OK(markRead(two.seq()));
    view = roomOf(anna, room.id());
    EXPECT_EQ(view.read_seq(), two.seq());
    EXPECT_EQ(view.unread_count(), 1u);
    ASSERT_OK(markRead(1)); // never backwards
    EXPECT_EQ(roomOf(anna, room.id()).read_seq(), two.seq());
    ASSERT_OK(markRead(1000)); // never past the end
    view = roomOf(anna, room.id());
    EXPECT_EQ(view.read_seq(), three.seq());
    EXPECT_EQ(view.unread_count(), 0u);

    v1::MarkReadRequest outsider;
    outsider.set_room_id(room.id());
    v1::MarkReadResponse response;
    EXPECT_STATUS(
        client.chat->MarkRead(Client::context(carol.access_token()).get(), outsider, &response),
        PERMISSION_DENIED);

    // A deleted unread message is not unread any more.
    const v1::Message four = sendOk(bob, room.id(), "four");
    EXPECT_EQ(roomOf(anna, room.id()).unread_count(), 1u);
    v1::DeleteMessageRequest del;
    del.set_message_id(four.id());
    v1::DeleteMessageResponse deleted;
    ASSERT_OK(client.chat->DeleteMessage(Client::context(bob.access_token()).get(), del, &deleted));
    EXPECT_EQ(roomOf(anna, room.id()).unread_count(), 0u);
}

TEST_F(ChatTest, SubscribeBackfillsThenGoesLive)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    sendOk(anna, room.id(), "before");
    const std::uint64_t backlog = room.last_seq() + 1;

    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    EXPECT_EQ(seqsOf(sub.roomEvents(room.id())), range(1, backlog));
    EXPECT_EQ(sub.syncedAt(), static_cast<int>(backlog));

    sendOk(anna, room.id(), "live");
    ASSERT_TRUE(sub.waitRoomEvents(room.id(), backlog + 1));
    const auto events = sub.roomEvents(room.id());
    EXPECT_EQ(events.back().message_posted().text(), "live");
    EXPECT_EQ(seqsOf(events), range(1, backlog + 1));
    // The marker came once, between the backfill and the live event.
    const auto all = sub.events();
    EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const auto& e) { return e.has_synced(); }),
              1);
}

TEST_F(ChatTest, SubscribeResumesFromCursors)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    const v1::Room other = createRoom(anna, "Other", v1::VISIBILITY_PRIVATE, {"bob"});
    for (int i = 0; i < 5; ++i) {
        sendOk(anna, room.id(), "m" + std::to_string(i));
    }
    std::uint64_t cursor = 0;
    {
        Subscription sub(*client.chat, bob.access_token());
        ASSERT_TRUE(sub.waitSynced());
        cursor = sub.roomEvents(room.id()).back().seq();
    }
    for (int i = 0; i < 7; ++i) {
        sendOk(anna, room.id(), "missed " + std::to_string(i));
    }
    v1::RoomCursor roomCursor;
    roomCursor.set_room_id(room.id());
    roomCursor.set_last_seq(cursor);
    // A cursor for a room bob is not in is ignored and leaks nothing.
    const v1::Room secret = createRoom(carol, "Secret");
    sendOk(carol, secret.id(), "private");
    v1::RoomCursor foreign;
    foreign.set_room_id(secret.id());
    foreign.set_last_seq(0);

    Subscription sub(*client.chat, bob.access_token(), {roomCursor, foreign});
    ASSERT_TRUE(sub.waitSynced());
    EXPECT_EQ(seqsOf(sub.roomEvents(room.id())), range(cursor + 1, cursor + 7));
    EXPECT_EQ(sub.roomEvents(room.id()).front().message_posted().text(), "missed 0");
    // A room without a cursor starts at the beginning.
    EXPECT_EQ(seqsOf(sub.roomEvents(other.id())), range(1, other.last_seq()));
    EXPECT_TRUE(sub.roomEvents(secret.id()).empty());
}

TEST_F(ChatTest, RoomsJoinedWhileSubscribedArriveFromTheStart)
{
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    const v1::Message hello = sendOk(anna, room.id(), "hello");
    ASSERT_TRUE(sub.waitRoomEvents(room.id(), hello.seq()));
    EXPECT_EQ(seqsOf(sub.roomEvents(room.id())), range(1, hello.seq()));

    const v1::Room lobby = createRoom(anna, "Lobby", v1::VISIBILITY_PUBLIC);
    sendOk(anna, lobby.id(), "earlier");
    ASSERT_OK(join(bob, lobby.id()));
    const std::uint64_t lobbyLast = roomOf(bob, lobby.id()).last_seq();
    ASSERT_TRUE(sub.waitRoomEvents(lobby.id(), lobbyLast));
    EXPECT_EQ(seqsOf(sub.roomEvents(lobby.id())), range(1, lobbyLast));

    ASSERT_OK(leave(bob, lobby.id()));
    ASSERT_TRUE(sub.waitFor([&](const auto& events) {
        return std::any_of(events.begin(), events.end(), [&](const v1::Event& e) {
            return e.has_room_removed() && e.room_removed().room_id() == lobby.id();
        });
    }));
    sendOk(anna, lobby.id(), "after bob left");
    sendOk(anna, room.id(), "still in this one");
    ASSERT_TRUE(sub.waitRoomEvents(room.id(), hello.seq() + 1));
    for (const auto& event : sub.roomEvents(lobby.id())) {
        EXPECT_NE(event.message_posted().text(), "after bob left");
    }
}

TEST_F(ChatTest, TypingReadMarkersProfilesAndPresenceReachMembers)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());

    const auto has = [&](auto predicate) {
        return sub.waitFor([&](const auto& events) {
            return std::any_of(events.begin(), events.end(), predicate);
        });
    };

    {
        Subscription annaOnline(*client.chat, anna.access_token());
        ASSERT_TRUE(annaOnline.waitSynced());
        EXPECT_TRUE(has([&](const v1::Event& e) {
            return e.has_presence() && e.presence().user_id() == anna.user().id() &&
                   e.presence().presence() == v1::PRESENCE_ONLINE;
        }));
        v1::GetUserRequest who;
        who.set_user_id(anna.user().id());
        v1::User user;
        ASSERT_OK(client.accounts->GetUser(Client::context(bob.access_token()).get(), who, &user));
        EXPECT_EQ(user.presence(), v1::PRESENCE_ONLINE);
    }
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_presence() && e.presence().user_id() == anna.user().id() &&
               e.presence().presence() == v1::PRESENCE_OFFLINE;
    }));

    v1::SetTypingRequest typing;
    typing.set_room_id(room.id());
    typing.set_typing(true);
    v1::SetTypingResponse typed;
    ASSERT_OK(client.chat->SetTyping(Client::context(anna.access_token()).get(), typing, &typed));
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_typing() && e.typing().user_id() == anna.user().id() && e.typing().typing();
    }));
    EXPECT_STATUS(
        client.chat->SetTyping(Client::context(carol.access_token()).get(), typing, &typed),
        PERMISSION_DENIED);
    // Sending a message ends the typing notice.
    sendOk(anna, room.id(), "done typing");
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_typing() && e.typing().user_id() == anna.user().id() && !e.typing().typing();
    }));

    v1::MarkReadRequest read;
    read.set_room_id(room.id());
    read.set_seq(room.last_seq());
    v1::MarkReadResponse marked;
    ASSERT_OK(client.chat->MarkRead(Client::context(anna.access_token()).get(), read, &marked));
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_read() && e.read().user_id() == anna.user().id() &&
               e.read().seq() == room.last_seq();
    }));

    v1::UpdateProfileRequest profile;
    profile.set_display_name("Anna K.");
    v1::User updated;
    ASSERT_OK(client.accounts->UpdateProfile(Client::context(anna.access_token()).get(), profile,
                                             &updated));
    EXPECT_TRUE(has([&](const v1::Event& e) {
        return e.has_profile() && e.profile().user().display_name() == "Anna K.";
    }));
}

TEST_F(ChatTest, TypingRunsOutAfterSixSeconds)
{
    const v1::Room room = createRoom(anna, "Team", v1::VISIBILITY_PRIVATE, {"bob"});
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    v1::SetTypingRequest typing;
    typing.set_room_id(room.id());
    typing.set_typing(true);
    v1::SetTypingResponse typed;
    const auto start = std::chrono::steady_clock::now();
    ASSERT_OK(client.chat->SetTyping(Client::context(anna.access_token()).get(), typing, &typed));
    ASSERT_TRUE(sub.waitFor(
        [](const auto& events) {
            return std::any_of(events.begin(), events.end(), [](const v1::Event& e) {
                return e.has_typing() && !e.typing().typing();
            });
        },
        std::chrono::seconds(9)));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_GE(elapsed, std::chrono::seconds(6));
}

TEST_F(ChatTest, RevokingTheSessionEndsItsStreams)
{
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    v1::LogoutResponse response;
    ASSERT_OK(client.auth->Logout(Client::context(bob.access_token()).get(), {}, &response));
    const auto status = sub.waitFinished();
    ASSERT_TRUE(status.has_value());
    EXPECT_STATUS(*status, UNAUTHENTICATED);

    Subscription refused(*client.chat, bob.access_token());
    const auto again = refused.waitFinished();
    ASSERT_TRUE(again.has_value());
    EXPECT_STATUS(*again, UNAUTHENTICATED);
}

TEST_F(ChatTest, ConcurrentSendersReachEverySubscriberOnceInOrder)
{
    const v1::Room room = createRoom(anna, "Busy", v1::VISIBILITY_PRIVATE, {"bob", "carol"});
    std::vector<std::unique_ptr<Subscription>> subs;
    for (const auto* who : {&anna, &bob, &carol}) {
        subs.push_back(std::make_unique<Subscription>(*client.chat, who->access_token()));
        ASSERT_TRUE(subs.back()->waitSynced());
    }

    constexpr int kSenders = 4;
    constexpr int kEach = 150;
    std::vector<std::future<int>> senders;
    for (int s = 0; s < kSenders; ++s) {
        senders.push_back(std::async(std::launch::async, [&, s] {
            const v1::Session& who = s % 2 ? bob : carol;
            int sent = 0;
            for (int i = 0; i < kEach; ++i) {
                sent += send(who, room.id(), "s" + std::to_string(s) + " #" + std::to_string(i),
                             nullptr, "s" + std::to_string(s) + "-" + std::to_string(i))
                            .ok();
            }
            return sent;
        }));
    }
    for (auto& sender : senders) {
        EXPECT_EQ(sender.get(), kEach);
    }
    const std::uint64_t last = room.last_seq() + kSenders * kEach;
    for (const auto& sub : subs) {
        ASSERT_TRUE(sub->waitRoomEvents(room.id(), last, std::chrono::seconds(30)));
        const auto events = sub->roomEvents(room.id());
        EXPECT_EQ(seqsOf(events), range(1, last));
        std::set<std::string> texts;
        for (const auto& event : events) {
            if (event.has_message_posted()) {
                texts.insert(event.message_posted().text());
            }
        }
        EXPECT_EQ(texts.size(), static_cast<std::size_t>(kSenders * kEach));
    }
}

class SlowSubscriberTest : public ChatTest {
protected:
    backend::ServerConfig config() override
    {
        backend::ServerConfig c = testConfig({});
        c.subscriberMaxQueued = 16;
        return c;
    }
};

TEST_F(SlowSubscriberTest, IsEndedAndLosesNothingOnResubscribe)
{
    const v1::Room room = createRoom(anna, "Flood", v1::VISIBILITY_PRIVATE, {"bob"});
    // A client whose flow-control window stays small, so that what it does
    // not read backs up on the server.
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    auto stub = v1::Chat::NewStub(
        grpc::CreateCustomChannel(server.target(), grpc::InsecureChannelCredentials(), args));
    auto slow = std::make_unique<Subscription>(*stub, bob.access_token());
    ASSERT_TRUE(slow->waitSynced());
    // Live now; from here on the client stops reading.
    slow->pause();

    const std::string text(3000, 'x');
    int sent = 0;
    for (int i = 0; i < 3000; ++i) {
        sent += send(anna, room.id(), text + std::to_string(i)).ok();
    }
    ASSERT_EQ(sent, 3000);
    slow->resume();
    const auto status = slow->waitFinished(std::chrono::seconds(30));
    ASSERT_TRUE(status.has_value()) << slow->roomEvents(room.id()).size() << " events arrived";
    EXPECT_STATUS(*status, RESOURCE_EXHAUSTED, "subscriber: ");

    // What it did get is gap-free; resuming from there brings the rest.
    const auto got = slow->roomEvents(room.id());
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(seqsOf(got), range(1, got.back().seq()));
    const std::uint64_t last = room.last_seq() + 3000;
    ASSERT_LT(got.back().seq(), last);
    v1::RoomCursor cursor;
    cursor.set_room_id(room.id());
    cursor.set_last_seq(got.back().seq());
    Subscription resumed(*client.chat, bob.access_token(), {cursor});
    ASSERT_TRUE(resumed.waitSynced(std::chrono::seconds(30)));
    EXPECT_EQ(seqsOf(resumed.roomEvents(room.id())), range(got.back().seq() + 1, last));
}

} // namespace
} // namespace confab::test

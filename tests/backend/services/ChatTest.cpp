#include "ChatServerFixture.h"
#include "StatusMatchers.h"
#include "Subscription.h"
#include "TestServer.h"

#include <gtest/gtest.h>

#include <limits>

namespace confab::test {
namespace {

using ChatTest = ChatServerFixture;

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
    // A "before" past every seq, even past 2^63: the newest page.
    for (const std::uint64_t past :
         {std::uint64_t{1} << 63, std::numeric_limits<std::uint64_t>::max()}) {
        ASSERT_OK(history(anna, room.id(), past, 10, &capped));
        ASSERT_EQ(capped.events_size(), 10) << past;
        EXPECT_EQ(capped.events(9).seq(), last);
        EXPECT_TRUE(capped.has_more());
    }

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

TEST_F(ChatTest, ReactionsReachTheRoomAndShowOnTheMessage)
{
    const v1::Room room = createRoom(anna, "Lunch", v1::VISIBILITY_PRIVATE, {"bob"});
    const v1::Message message = sendOk(anna, room.id(), "noon?");
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    const auto react = [&](const v1::Session& who, const std::string& emoji, bool remove = false) {
        v1::ReactRequest request;
        request.set_message_id(message.id());
        request.set_emoji(emoji);
        request.set_remove(remove);
        v1::ReactResponse response;
        return client.chat->React(Client::context(who.access_token()).get(), request, &response);
    };
    EXPECT_OK(react(bob, "👍🏽"));
    EXPECT_OK(react(bob, "👍🏽")); // idempotent
    EXPECT_OK(react(anna, "👨‍👩‍👧"));
    ASSERT_TRUE(sub.waitRoomEvents(room.id(), 4 + 2));
    const auto events = sub.roomEvents(room.id());
    EXPECT_EQ(events[4].reaction_added().emoji(), "👍🏽");
    EXPECT_EQ(events[4].reaction_added().user_id(), bob.user().id());
    EXPECT_EQ(events[5].reaction_added().emoji(), "👨‍👩‍👧");

    v1::GetHistoryRequest history;
    history.set_room_id(room.id());
    v1::GetHistoryResponse page;
    ASSERT_OK(client.chat->GetHistory(Client::context(bob.access_token()).get(), history, &page));
    const auto& posted = page.events(3).message_posted();
    ASSERT_EQ(posted.id(), message.id());
    ASSERT_EQ(posted.reactions_size(), 2);
    EXPECT_EQ(posted.reactions(0).emoji(), "👍🏽");
    EXPECT_EQ(posted.reactions(0).count(), 1u);
    EXPECT_EQ(posted.reactions(0).user_ids(0), bob.user().id());

    EXPECT_STATUS(react(bob, "🙂🙃"), INVALID_ARGUMENT,
                  "emoji: must be one emoji, not several characters");
    EXPECT_STATUS(react(bob, "a"), INVALID_ARGUMENT, "emoji: must be an emoji");
    EXPECT_STATUS(react(bob, ""), INVALID_ARGUMENT, "emoji: ");
    EXPECT_STATUS(react(carol, "👍"), PERMISSION_DENIED, "room_id: ");
    v1::ReactRequest unknown;
    unknown.set_message_id("no-such-message");
    unknown.set_emoji("👍");
    v1::ReactResponse ignored;
    EXPECT_STATUS(client.chat->React(Client::context(bob.access_token()).get(), unknown, &ignored),
                  NOT_FOUND, "message_id: ");
    EXPECT_OK(react(bob, "👍🏽", true));
    ASSERT_TRUE(sub.waitRoomEvents(room.id(), 4 + 3));
    EXPECT_EQ(sub.roomEvents(room.id()).back().reaction_removed().emoji(), "👍🏽");
}

TEST_F(ChatTest, InvitationsArePushedListedAcceptedAndDeclined)
{
    const v1::Room room = createRoom(anna, "Book club");
    Subscription sub(*client.chat, bob.access_token());
    ASSERT_TRUE(sub.waitSynced());
    const auto invite = [&](const std::string& roomId) {
        v1::InviteMemberRequest request;
        request.set_room_id(roomId);
        request.set_username("bob");
        v1::InviteMemberResponse response;
        return client.chat->InviteMember(Client::context(anna.access_token()).get(), request,
                                         &response);
    };
    const auto list = [&] {
        v1::ListInvitesResponse response;
        EXPECT_OK(
            client.chat->ListInvites(Client::context(bob.access_token()).get(), {}, &response));
        return response;
    };
    const auto decline = [&](const std::string& roomId) {
        v1::DeclineInviteRequest request;
        request.set_room_id(roomId);
        v1::DeclineInviteResponse response;
        return client.chat->DeclineInvite(Client::context(bob.access_token()).get(), request,
                                          &response);
    };

    ASSERT_OK(invite(room.id()));
    ASSERT_TRUE(sub.waitFor([](const auto& events) {
        return std::any_of(events.begin(), events.end(),
                           [](const v1::Event& e) { return e.has_invited(); });
    }));
    v1::Invite pushed;
    for (const auto& event : sub.events()) {
        if (event.has_invited()) {
            pushed = event.invited();
        }
    }
    EXPECT_EQ(pushed.room().id(), room.id());
    EXPECT_EQ(pushed.room().name(), "Book club");
    EXPECT_EQ(pushed.room().member_count(), 1u);
    EXPECT_EQ(pushed.inviter().username(), "anna");
    EXPECT_TRUE(pushed.has_invited_at());

    auto listed = list();
    ASSERT_EQ(listed.invites_size(), 1);
    EXPECT_EQ(listed.invites(0).room().id(), room.id());
    EXPECT_EQ(listed.invites(0).inviter().id(), anna.user().id());

    ASSERT_OK(decline(room.id()));
    EXPECT_EQ(list().invites_size(), 0);
    EXPECT_STATUS(decline(room.id()), NOT_FOUND, "room_id: no invitation to this room");
    EXPECT_STATUS(decline(""), INVALID_ARGUMENT, "room_id: ");
    v1::JoinRoomRequest join;
    join.set_room_id(room.id());
    v1::Room joined;
    EXPECT_STATUS(client.chat->JoinRoom(Client::context(bob.access_token()).get(), join, &joined),
                  PERMISSION_DENIED);

    ASSERT_OK(invite(room.id()));
    EXPECT_OK(client.chat->JoinRoom(Client::context(bob.access_token()).get(), join, &joined));
    EXPECT_EQ(list().invites_size(), 0) << "joining accepts it";
}

TEST_F(ChatTest, SearchMessagesFindsWordsInTheCallersRoomsPageByPage)
{
    const v1::Room room = createRoom(anna, "Trips", v1::VISIBILITY_PRIVATE, {"bob"});
    const v1::Room secret = createRoom(carol, "Secret");
    for (int i = 0; i < 5; ++i) {
        sendOk(anna, room.id(), "Trip to Lisbon, day " + std::to_string(i));
    }
    sendOk(carol, secret.id(), "trip to lisbon, carol's own");
    const auto search = [&](const v1::Session& who, const std::string& query,
                            const std::string& roomId, std::uint32_t limit,
                            const std::string& token, v1::SearchMessagesResponse* response) {
        v1::SearchMessagesRequest request;
        request.set_query(query);
        request.set_room_id(roomId);
        request.set_limit(limit);
        request.set_page_token(token);
        return client.chat->SearchMessages(Client::context(who.access_token()).get(), request,
                                           response);
    };
    v1::SearchMessagesResponse page;
    ASSERT_OK(search(bob, "LISBON trip!", "", 3, "", &page));
    ASSERT_EQ(page.hits_size(), 3);
    EXPECT_EQ(page.hits(0).message().text(), "Trip to Lisbon, day 4") << "newest first";
    EXPECT_NE(page.hits(0).snippet().find("\x02Lisbon\x03"), std::string::npos);
    ASSERT_FALSE(page.next_page_token().empty());
    v1::SearchMessagesResponse rest;
    ASSERT_OK(search(bob, "lisbon trip", "", 3, page.next_page_token(), &rest));
    ASSERT_EQ(rest.hits_size(), 2) << "carol's room is not bob's";
    EXPECT_EQ(rest.hits(1).message().text(), "Trip to Lisbon, day 0");
    EXPECT_TRUE(rest.next_page_token().empty());

    v1::SearchMessagesResponse ignored;
    EXPECT_STATUS(search(bob, "", "", 0, "", &ignored), INVALID_ARGUMENT, "query: ");
    EXPECT_STATUS(search(bob, "?!", "", 0, "", &ignored), INVALID_ARGUMENT,
                  "query: must have a word to look for");
    EXPECT_STATUS(search(bob, "trip", "", 0, "not-a-token", &ignored), INVALID_ARGUMENT,
                  "page_token: ");
    EXPECT_STATUS(search(bob, "trip", secret.id(), 0, "", &ignored), PERMISSION_DENIED,
                  "room_id: ");
    EXPECT_STATUS(search(bob, std::string(201, 'a'), "", 0, "", &ignored), INVALID_ARGUMENT,
                  "query: ");

    // A room bob has left is searched no more, alone or with the rest.
    ASSERT_OK(leave(bob, room.id()));
    EXPECT_STATUS(search(bob, "trip", room.id(), 0, "", &ignored), PERMISSION_DENIED, "room_id: ");
    v1::SearchMessagesResponse after;
    ASSERT_OK(search(bob, "lisbon trip", "", 0, "", &after));
    EXPECT_EQ(after.hits_size(), 0);
}

} // namespace
} // namespace confab::test

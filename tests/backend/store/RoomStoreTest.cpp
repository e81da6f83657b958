#include "StoreTest.h"

#include <algorithm>

namespace confab::test {
namespace {

using backend::Appended;

CONFAB_STORE_SUITE(RoomStoreTest);

std::vector<std::uint64_t> seqsOf(const Appended& events)
{
    std::vector<std::uint64_t> seqs;
    for (const auto& event : events) {
        seqs.push_back(event.seq());
    }
    return seqs;
}

std::vector<std::string> memberNames(backend::RoomStore& rooms, const std::string& roomId)
{
    std::vector<std::string> names;
    for (const auto& member : rooms.members(roomId)) {
        names.push_back(member.user.username);
    }
    return names;
}

TEST_P(RoomStoreTest, CreatingARoomLogsItAndItsMembers)
{
    addUser("anna");
    addUser("bob");
    addUser("carl");
    Appended appended;
    const auto id =
        addRoom("Plans", "u-anna", {"u-carl", "u-bob"}, v1::VISIBILITY_PUBLIC, &appended);

    ASSERT_EQ(seqsOf(appended), (std::vector<std::uint64_t>{1, 2, 3, 4}));
    EXPECT_TRUE(appended[0].has_room_updated());
    EXPECT_EQ(appended[0].room_updated().name(), "Plans");
    EXPECT_EQ(appended[1].member_joined().user().username(), "anna");
    EXPECT_EQ(appended[2].member_joined().user().username(), "carl");
    EXPECT_EQ(appended[3].member_joined().user().username(), "bob");
    for (const auto& event : appended) {
        EXPECT_EQ(event.room_id(), id);
        EXPECT_TRUE(event.has_at());
    }
    EXPECT_EQ(log(id).size(), 4u) << "what was appended is what the log holds";

    const auto room = rooms().byId(id);
    ASSERT_TRUE(room);
    EXPECT_EQ(room->name, "Plans");
    EXPECT_EQ(room->visibility, v1::VISIBILITY_PUBLIC);
    EXPECT_EQ(room->lastSeq, 4u);
    EXPECT_FALSE(room->direct());
    EXPECT_EQ(rooms().membership(id, "u-anna")->role, v1::ROLE_OWNER);
    EXPECT_EQ(rooms().membership(id, "u-bob")->role, v1::ROLE_MEMBER);
    EXPECT_FALSE(rooms().membership(id, "u-nobody"));
    EXPECT_EQ(memberNames(rooms(), id), (std::vector<std::string>{"anna", "bob", "carl"}))
        << "owners first, then by username";
    EXPECT_FALSE(rooms().byId("r-none"));
}

TEST_P(RoomStoreTest, RoomIdsAreUnique)
{
    addUser("anna");
    addRoom("Plans", "u-anna");
    EXPECT_API_ERROR(addRoom("Plans", "u-anna"), grpc::StatusCode::ALREADY_EXISTS);
    EXPECT_EQ(log("r-Plans").size(), 2u) << "the failed create left nothing";
}

TEST_P(RoomStoreTest, DirectRoomIsFoundByItsPairAndHasNoOwner)
{
    addUser("anna");
    addUser("bob");
    backend::NewRoom room;
    room.id = "r-dm";
    room.directKey = "u-anna:u-bob";
    room.creatorId = "u-anna";
    room.memberIds = {"u-bob"};
    room.createdAt = 5;
    rooms().create(room, nullptr);

    const auto found = rooms().direct("u-anna:u-bob");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, "r-dm");
    EXPECT_TRUE(found->direct());
    EXPECT_FALSE(rooms().direct("u-bob:u-carl"));
    EXPECT_EQ(rooms().membership("r-dm", "u-anna")->role, v1::ROLE_MEMBER);
    room.id = "r-dm2";
    EXPECT_API_ERROR(rooms().create(room, nullptr), grpc::StatusCode::ALREADY_EXISTS)
        << "one direct room per pair";
    EXPECT_API_ERROR(rooms().join("r-dm", "u-carl", 6, nullptr),
                     grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(rooms().invite("r-dm", "u-anna", "u-carl", 6),
                     grpc::StatusCode::PERMISSION_DENIED);
}

TEST_P(RoomStoreTest, PublicRoomsAreOpenPrivateOnesNeedAnInvitation)
{
    addUser("anna");
    addUser("bob");
    addUser("carl");
    const auto open = addRoom("Open", "u-anna", {}, v1::VISIBILITY_PUBLIC);
    const auto closed = addRoom("Closed", "u-anna");

    Appended joined;
    rooms().join(open, "u-bob", 10, &joined);
    ASSERT_EQ(joined.size(), 1u);
    EXPECT_EQ(joined[0].member_joined().user().id(), "u-bob");
    Appended again;
    rooms().join(open, "u-bob", 11, &again);
    EXPECT_TRUE(again.empty()) << "joining twice changes nothing";

    EXPECT_API_ERROR(rooms().join(closed, "u-bob", 12, nullptr),
                     grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(rooms().invite(closed, "u-bob", "u-carl", 12),
                     grpc::StatusCode::PERMISSION_DENIED)
        << "only members invite";
    EXPECT_API_ERROR(rooms().invite(closed, "u-anna", "u-anna", 12),
                     grpc::StatusCode::ALREADY_EXISTS);
    rooms().invite(closed, "u-anna", "u-bob", 12);
    rooms().invite(closed, "u-anna", "u-bob", 13); // again: still one invitation
    rooms().join(closed, "u-bob", 14, nullptr);
    EXPECT_TRUE(rooms().membership(closed, "u-bob"));
    rooms().leave(closed, "u-bob", 15, nullptr);
    EXPECT_API_ERROR(rooms().join(closed, "u-bob", 16, nullptr),
                     grpc::StatusCode::PERMISSION_DENIED)
        << "the invitation was used up";
    EXPECT_API_ERROR(rooms().join("r-none", "u-bob", 16, nullptr), grpc::StatusCode::NOT_FOUND);
}

TEST_P(RoomStoreTest, UnknownUsersAreNotFoundAndChangeNothing)
{
    addUser("anna");
    const auto open = addRoom("Open", "u-anna", {}, v1::VISIBILITY_PUBLIC);
    const auto closed = addRoom("Closed", "u-anna");
    const auto before = log(open).size();

    EXPECT_API_ERROR(rooms().join(open, "u-nobody", 10, nullptr), grpc::StatusCode::NOT_FOUND);
    EXPECT_API_ERROR(rooms().addMember(open, "u-nobody", 10, nullptr), grpc::StatusCode::NOT_FOUND);
    EXPECT_API_ERROR(rooms().invite(closed, "u-anna", "u-nobody", 10), grpc::StatusCode::NOT_FOUND);
    backend::NewRoom room;
    room.id = "r-with-a-stranger";
    room.name = "With a stranger";
    room.creatorId = "u-anna";
    room.memberIds = {"u-nobody"};
    EXPECT_API_ERROR(rooms().create(room, nullptr), grpc::StatusCode::NOT_FOUND);

    EXPECT_EQ(log(open).size(), before);
    EXPECT_FALSE(rooms().byId(room.id)) << "a room that failed to be made is not half made";
    EXPECT_EQ(memberNames(rooms(), open), std::vector<std::string>{"anna"});
}

TEST_P(RoomStoreTest, InvitationsAreListedUntilJoinedOrDeclined)
{
    addUser("anna");
    addUser("bob");
    const auto closed = addRoom("Closed", "u-anna");
    const auto other = addRoom("Other", "u-anna");
    EXPECT_TRUE(rooms().invitesOf("u-bob").empty());

    rooms().invite(closed, "u-anna", "u-bob", 100);
    rooms().invite(other, "u-anna", "u-bob", 200);
    rooms().invite(closed, "u-anna", "u-bob", 300); // again: still one, newer
    auto invites = rooms().invitesOf("u-bob");
    ASSERT_EQ(invites.size(), 2u);
    EXPECT_EQ(invites[0].room.id, closed) << "newest first";
    EXPECT_EQ(invites[0].room.name, "Closed");
    EXPECT_EQ(invites[0].inviterId, "u-anna");
    EXPECT_EQ(invites[0].invitedAt, 300);
    EXPECT_EQ(invites[0].memberCount, 1u);
    EXPECT_EQ(invites[1].room.id, other);

    rooms().decline(other, "u-bob");
    EXPECT_API_ERROR(rooms().decline(other, "u-bob"), grpc::StatusCode::NOT_FOUND);
    EXPECT_API_ERROR(rooms().join(other, "u-bob", 400, nullptr),
                     grpc::StatusCode::PERMISSION_DENIED)
        << "a declined invitation lets no one in";
    rooms().join(closed, "u-bob", 500, nullptr);
    EXPECT_TRUE(rooms().invitesOf("u-bob").empty()) << "joining accepts the invitation";
}

TEST_P(RoomStoreTest, LeavingLogsItAndNeedsMembership)
{
    addUser("anna");
    addUser("bob");
    const auto id = addRoom("Plans", "u-anna", {"u-bob"});
    Appended left;
    rooms().leave(id, "u-bob", 20, &left);
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].seq(), 4u);
    EXPECT_EQ(left[0].member_left().user().username(), "bob");
    EXPECT_FALSE(rooms().membership(id, "u-bob"));
    EXPECT_API_ERROR(rooms().leave(id, "u-bob", 21, nullptr), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(rooms().leave("r-none", "u-bob", 21, nullptr), grpc::StatusCode::NOT_FOUND);

    Appended back;
    rooms().addMember(id, "u-bob", 22, &back);
    EXPECT_EQ(seqsOf(back), (std::vector<std::uint64_t>{5}));
    Appended twice;
    rooms().addMember(id, "u-bob", 23, &twice);
    EXPECT_TRUE(twice.empty());
}

TEST_P(RoomStoreTest, ActivityCountsWhatTheViewerHasNotRead)
{
    addUser("anna");
    addUser("bob");
    const auto id = addRoom("Plans", "u-anna", {"u-bob"}); // seq 1-3
    post(id, "u-anna", "one");                             // 4
    post(id, "u-bob", "two");                              // 5
    const auto three = post(id, "u-anna", "three");        // 6
    const auto four = post(id, "u-anna", "four");          // 7
    messages().remove(four.id, "u-anna", 50, nullptr);     // 8

    auto bob = rooms().activity(id, "u-bob");
    EXPECT_EQ(bob.room.id, id);
    EXPECT_EQ(bob.room.lastSeq, 8u);
    EXPECT_EQ(bob.memberCount, 2u);
    ASSERT_TRUE(bob.membership);
    EXPECT_EQ(bob.membership->readSeq, 0u);
    EXPECT_EQ(bob.unreadCount, 2u) << "others' messages, not deleted";
    ASSERT_TRUE(bob.lastMessage);
    EXPECT_EQ(bob.lastMessage->id, three.id) << "the newest message that is not deleted";
    EXPECT_EQ(bob.lastMessage->text, "three");

    EXPECT_EQ(rooms().markRead(id, "u-bob", 4), 4u);
    EXPECT_EQ(rooms().activity(id, "u-bob").unreadCount, 1u);
    EXPECT_EQ(rooms().activity(id, "u-anna").unreadCount, 1u) << "bob's message";

    addUser("carl");
    const auto carl = rooms().activity(id, "u-carl");
    EXPECT_FALSE(carl.membership);
    EXPECT_EQ(carl.unreadCount, 0u);
    EXPECT_FALSE(carl.lastMessage);
    EXPECT_API_ERROR(rooms().activity("r-none", "u-bob"), grpc::StatusCode::NOT_FOUND);
}

TEST_P(RoomStoreTest, ActivityOfListsTheUsersRoomsNewestFirst)
{
    addUser("anna");
    addUser("bob");
    const auto a = addRoom("A", "u-anna", {"u-bob"});
    const auto b = addRoom("B", "u-anna");
    const auto c = addRoom("C", "u-bob");
    post(a, "u-anna", "x");
    post(a, "u-anna", "y");

    const auto list = rooms().activityOf("u-anna");
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].room.id, a);
    EXPECT_EQ(list[1].room.id, b);
    EXPECT_EQ(list[0].unreadCount, 0u) << "her own messages";
    EXPECT_EQ(rooms().activityOf("u-bob")[0].unreadCount, 2u);

    std::vector<std::string> bobs;
    for (const auto& room : rooms().seqsOf("u-bob")) {
        bobs.push_back(room.roomId + "@" + std::to_string(room.lastSeq));
    }
    std::sort(bobs.begin(), bobs.end());
    EXPECT_EQ(bobs, (std::vector<std::string>{a + "@5", c + "@2"}));
    EXPECT_TRUE(rooms().seqsOf("u-nobody").empty());
}

TEST_P(RoomStoreTest, PublicRoomsAreListedByNamePrefix)
{
    addUser("anna");
    addUser("bob");
    addRoom("Gardening", "u-anna", {"u-bob"}, v1::VISIBILITY_PUBLIC);
    addRoom("garages", "u-anna", {}, v1::VISIBILITY_PUBLIC);
    addRoom("Garden secrets", "u-anna", {}, v1::VISIBILITY_PRIVATE);
    addRoom("Cooking", "u-anna", {}, v1::VISIBILITY_PUBLIC);
    addRoom("100%_sure", "u-anna", {}, v1::VISIBILITY_PUBLIC);
    addRoom("100 things", "u-anna", {}, v1::VISIBILITY_PUBLIC);

    auto list = rooms().publicRooms("Gar", 10);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].room.name, "garages") << "by name, case aside";
    EXPECT_EQ(list[1].room.name, "Gardening");
    EXPECT_EQ(list[1].memberCount, 2u);
    EXPECT_EQ(rooms().publicRooms("", 3).size(), 3u);
    EXPECT_EQ(rooms().publicRooms("", 10).size(), 5u);
    list = rooms().publicRooms("100%", 10);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].room.name, "100%_sure");
}

TEST_P(RoomStoreTest, ReadPositionOnlyMovesForwardAndStaysInTheLog)
{
    addUser("anna");
    addUser("bob");
    const auto id = addRoom("Plans", "u-anna", {"u-bob"});
    post(id, "u-anna", "one"); // seq 4
    EXPECT_EQ(rooms().markRead(id, "u-bob", 2), 2u);
    EXPECT_EQ(rooms().markRead(id, "u-bob", 1), 2u) << "never back";
    EXPECT_EQ(rooms().markRead(id, "u-bob", 99), 4u) << "never past the log";
    EXPECT_EQ(rooms().membership(id, "u-bob")->readSeq, 4u);
    for (const auto& member : rooms().members(id)) {
        EXPECT_EQ(member.readSeq, member.user.id == "u-bob" ? 4u : 0u);
    }
    addUser("carl");
    EXPECT_API_ERROR(rooms().markRead(id, "u-carl", 1), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(rooms().markRead("r-none", "u-bob", 1), grpc::StatusCode::NOT_FOUND);
}

TEST_P(RoomStoreTest, MembersShowDeletedAccountsWithoutTheirProfile)
{
    addUser("anna");
    addUser("bob", "Bob B");
    const auto id = addRoom("Plans", "u-anna", {"u-bob"});
    users().remove("u-bob");
    const auto members = rooms().members(id);
    ASSERT_EQ(members.size(), 2u);
    const auto& bob = members[1];
    EXPECT_EQ(bob.user.id, "u-bob");
    EXPECT_TRUE(bob.user.deleted);
    EXPECT_TRUE(bob.user.displayName.empty());
    EXPECT_TRUE(bob.user.passwordHash.empty());
    EXPECT_EQ(bob.role, v1::ROLE_MEMBER);
    EXPECT_EQ(bob.joinedAt, 2000);
}

} // namespace
} // namespace confab::test

#include "StoreTest.h"

#include "store/Mentions.h"

#include <atomic>
#include <future>
#include <limits>
#include <set>
#include <thread>

namespace confab::test {
namespace {

using backend::Appended;
using backend::MessageRecord;

class MessageStoreRoom : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        addUser("anna");
        addUser("bob");
        addUser("carl");
        m_room = addRoom("Plans", "u-anna", {"u-bob"}); // seq 1-3
    }
    std::string m_room;
};

INSTANTIATE_TEST_SUITE_P(Stores, MessageStoreRoom, ::testing::ValuesIn(storeBackends()),
                         backendName);

TEST_P(MessageStoreRoom, SendStoresTheMessageAndPostsItToTheLog)
{
    auto message = newMessage(m_room, "u-bob", "hello", "client-1");
    message.sentAt = 123456;
    Appended appended;
    const MessageRecord stored = messages().send(message, &appended);
    EXPECT_EQ(stored.id, message.id);
    EXPECT_EQ(stored.roomId, m_room);
    EXPECT_EQ(stored.seq, 4u);
    EXPECT_EQ(stored.authorId, "u-bob");
    EXPECT_EQ(stored.text, "hello");
    EXPECT_EQ(stored.sentAt, 123456);
    EXPECT_FALSE(stored.editedAt);
    EXPECT_FALSE(stored.deleted);
    EXPECT_EQ(stored.clientMessageId, "client-1");

    ASSERT_EQ(appended.size(), 1u);
    EXPECT_EQ(appended[0].seq(), 4u);
    EXPECT_EQ(appended[0].message_posted().id(), message.id);
    EXPECT_EQ(appended[0].message_posted().seq(), 4u);
    EXPECT_EQ(appended[0].message_posted().text(), "hello");
    EXPECT_EQ(log(m_room).back().SerializeAsString(), appended[0].SerializeAsString());

    const auto read = messages().byId(message.id);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->seq, 4u);
    EXPECT_EQ(read->text, "hello");
    EXPECT_FALSE(messages().byId("m-none"));
    EXPECT_EQ(rooms().byId(m_room)->lastSeq, 4u);
}

TEST_P(MessageStoreRoom, SendingAgainWithTheSameClientIdStoresNothing)
{
    const auto first = messages().send(newMessage(m_room, "u-bob", "hello", "c1"), nullptr);
    Appended appended;
    const auto again =
        messages().send(newMessage(m_room, "u-bob", "hello (retry)", "c1"), &appended);
    EXPECT_EQ(again.id, first.id);
    EXPECT_EQ(again.seq, first.seq);
    EXPECT_EQ(again.text, "hello");
    EXPECT_TRUE(appended.empty());
    EXPECT_EQ(rooms().byId(m_room)->lastSeq, 4u);

    EXPECT_API_ERROR(messages().send(newMessage(m_room, "u-anna", "mine", "c1"), nullptr),
                     grpc::StatusCode::ALREADY_EXISTS)
        << "another author's client id";
    // Without a client id every send is new.
    post(m_room, "u-bob", "a");
    post(m_room, "u-bob", "a");
    EXPECT_EQ(rooms().byId(m_room)->lastSeq, 6u);
}

TEST_P(MessageStoreRoom, SendChecksRoomMembershipAndReply)
{
    EXPECT_API_ERROR(post(m_room, "u-carl", "let me in"), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(post("r-none", "u-bob", "where"), grpc::StatusCode::NOT_FOUND);

    const auto other = addRoom("Other", "u-bob");
    const auto elsewhere = post(other, "u-bob", "elsewhere");
    auto reply = newMessage(m_room, "u-bob", "re");
    reply.replyTo = elsewhere.id;
    EXPECT_API_ERROR(messages().send(reply, nullptr), grpc::StatusCode::NOT_FOUND);
    reply.replyTo = "m-none";
    EXPECT_API_ERROR(messages().send(reply, nullptr), grpc::StatusCode::NOT_FOUND);

    const auto original = post(m_room, "u-anna", "question");
    reply.replyTo = original.id;
    EXPECT_EQ(messages().send(reply, nullptr).replyTo, original.id);
    EXPECT_EQ(rooms().byId(m_room)->lastSeq, 5u) << "refused sends used no seq";
}

TEST_P(MessageStoreRoom, SendAsyncReportsTheStoredMessageOrTheError)
{
    std::promise<std::pair<MessageRecord, Appended>> stored;
    messages().sendAsync(newMessage(m_room, "u-bob", "async"),
                         [&](std::exception_ptr error, MessageRecord message, Appended appended) {
                             EXPECT_FALSE(error);
                             stored.set_value({std::move(message), std::move(appended)});
                         });
    const auto [message, appended] = stored.get_future().get();
    EXPECT_EQ(message.seq, 4u);
    EXPECT_EQ(message.text, "async");
    ASSERT_EQ(appended.size(), 1u);
    EXPECT_EQ(appended[0].message_posted().id(), message.id);

    std::promise<grpc::StatusCode> refused;
    messages().sendAsync(newMessage(m_room, "u-carl", "no"),
                         [&](std::exception_ptr error, MessageRecord, Appended) {
                             try {
                                 std::rethrow_exception(error);
                             } catch (const backend::ApiError& e) {
                                 refused.set_value(e.code());
                             } catch (...) {
                                 refused.set_value(grpc::StatusCode::UNKNOWN);
                             }
                         });
    EXPECT_EQ(refused.get_future().get(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_P(MessageStoreRoom, ConcurrentWritersGetGapFreeSeqsInCommitOrder)
{
    constexpr int kThreads = 8;
    constexpr int kEach = 40;
    std::vector<std::thread> writers;
    std::mutex mutex;
    std::set<std::uint64_t> seqs;
    std::atomic<int> asyncLeft{kThreads * kEach / 2};
    std::promise<void> asyncDone;
    for (int t = 0; t < kThreads; ++t) {
        writers.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                auto message = newMessage(m_room, t % 2 ? "u-anna" : "u-bob",
                                          "m" + std::to_string(t) + "-" + std::to_string(i));
                if (t < kThreads / 2) {
                    const auto stored = messages().send(message, nullptr);
                    std::lock_guard lock(mutex);
                    EXPECT_TRUE(seqs.insert(stored.seq).second) << "seq " << stored.seq;
                } else {
                    messages().sendAsync(
                        message, [&](std::exception_ptr error, MessageRecord stored, Appended) {
                            EXPECT_FALSE(error);
                            {
                                std::lock_guard lock(mutex);
                                EXPECT_TRUE(seqs.insert(stored.seq).second) << "seq " << stored.seq;
                            }
                            if (--asyncLeft == 0) {
                                asyncDone.set_value();
                            }
                        });
                }
            }
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
    asyncDone.get_future().wait();

    const std::uint64_t total = 3 + kThreads * kEach;
    ASSERT_EQ(seqs.size(), static_cast<std::size_t>(kThreads * kEach));
    EXPECT_EQ(*seqs.begin(), 4u);
    EXPECT_EQ(*seqs.rbegin(), total);
    const auto events = log(m_room);
    ASSERT_EQ(events.size(), total);
    for (std::uint64_t i = 0; i < total; ++i) {
        EXPECT_EQ(events[i].seq(), i + 1);
    }
    EXPECT_EQ(rooms().byId(m_room)->lastSeq, total);
}

// Sends queued at once may be stored together (the PostgreSQL store writes
// what waits for its writer as one batch): each keeps the outcome it would
// have alone, in the order they were given.
TEST_P(MessageStoreRoom, SendsQueuedTogetherKeepTheirOwnOutcomes)
{
    const std::string other = addRoom("Other", "u-carl", {"u-bob"});
    struct Outcome {
        std::promise<void> done;
        std::exception_ptr error;
        MessageRecord stored;
        Appended appended;
    };
    std::vector<std::unique_ptr<Outcome>> outcomes;
    std::vector<backend::NewMessage> sent;
    const auto send = [&](backend::NewMessage message) {
        outcomes.push_back(std::make_unique<Outcome>());
        sent.push_back(message);
        Outcome* outcome = outcomes.back().get();
        messages().sendAsync(std::move(message), [outcome](std::exception_ptr error,
                                                           MessageRecord stored, Appended events) {
            outcome->error = error;
            outcome->stored = std::move(stored);
            outcome->appended = std::move(events);
            outcome->done.set_value();
        });
    };
    for (int round = 0; round < 5; ++round) {
        const std::string n = std::to_string(round);
        send(newMessage(m_room, "u-bob", "plain " + n));              // stored
        send(newMessage(m_room, "u-carl", "stranger " + n));          // not a member
        send(newMessage(m_room, "u-anna", "first " + n, "cid-" + n)); // stored
        send(newMessage(m_room, "u-anna", "again " + n, "cid-" + n)); // the first one
        send(newMessage(m_room, "u-bob", "taken " + n, "cid-" + n));  // another's id
        auto reply = newMessage(m_room, "u-bob", "reply " + n);
        reply.replyTo = sent[sent.size() - 3].id; // "first", just sent
        send(reply);                              // stored
        auto astray = newMessage(other, "u-bob", "astray " + n);
        astray.replyTo = sent[sent.size() - 4].id;              // of the other room
        send(astray);                                           // not found
        send(newMessage(other, "u-carl", "other " + n));        // stored
        send(newMessage("r-nowhere", "u-bob", "nowhere " + n)); // no such room
    }
    for (auto& outcome : outcomes) {
        outcome->done.get_future().wait();
    }
    const auto codeOf = [&](std::size_t i) {
        try {
            if (outcomes[i]->error) {
                std::rethrow_exception(outcomes[i]->error);
            }
        } catch (const backend::ApiError& e) {
            return e.code();
        }
        return grpc::StatusCode::OK;
    };
    std::map<std::string, std::uint64_t> lastSeq{{m_room, 3}, {other, 3}};
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        const std::size_t kind = i % 9;
        const auto expected = std::vector<grpc::StatusCode>{grpc::StatusCode::OK,
                                                            grpc::StatusCode::PERMISSION_DENIED,
                                                            grpc::StatusCode::OK,
                                                            grpc::StatusCode::OK,
                                                            grpc::StatusCode::ALREADY_EXISTS,
                                                            grpc::StatusCode::OK,
                                                            grpc::StatusCode::NOT_FOUND,
                                                            grpc::StatusCode::OK,
                                                            grpc::StatusCode::NOT_FOUND}[kind];
        EXPECT_EQ(codeOf(i), expected) << "send " << i << ": " << sent[i].text;
        if (expected != grpc::StatusCode::OK) {
            continue;
        }
        const MessageRecord& stored = outcomes[i]->stored;
        if (kind == 3) {
            // The repeated client id: the first message, nothing appended.
            EXPECT_EQ(stored.id, outcomes[i - 1]->stored.id);
            EXPECT_EQ(stored.text, sent[i - 1].text);
            EXPECT_TRUE(outcomes[i]->appended.empty());
            continue;
        }
        // In the order given, each the next of its room.
        EXPECT_EQ(stored.seq, ++lastSeq[sent[i].roomId]) << sent[i].text;
        EXPECT_EQ(stored.text, sent[i].text);
        ASSERT_EQ(outcomes[i]->appended.size(), 1u);
        EXPECT_EQ(outcomes[i]->appended[0].seq(), stored.seq);
        EXPECT_EQ(outcomes[i]->appended[0].message_posted().reply_to_message_id(), sent[i].replyTo);
    }
    for (const auto& [roomId, last] : lastSeq) {
        const auto events = log(roomId);
        ASSERT_EQ(events.size(), last);
        for (std::size_t i = 0; i < events.size(); ++i) {
            EXPECT_EQ(events[i].seq(), i + 1);
        }
        EXPECT_EQ(rooms().byId(roomId)->lastSeq, last);
    }
}

// Reactions are room events; the message's stored events show the summary
// as it is now (each emoji in the order first used, its users in order).
TEST_P(MessageStoreRoom, ReactionsAreIdempotentEventsSummedUpOnTheMessage)
{
    const MessageRecord message = post(m_room, "u-bob", "lunch?");
    const auto summaryOf = [&](const std::string& messageId) {
        std::vector<std::string> out;
        for (const auto& event : log(m_room)) {
            if (event.has_message_posted() && event.message_posted().id() == messageId) {
                for (const auto& s : event.message_posted().reactions()) {
                    std::string users;
                    for (const auto& user : s.user_ids()) {
                        users += (users.empty() ? "" : ",") + user;
                    }
                    out.push_back(s.emoji() + " " + std::to_string(s.count()) + " " + users);
                }
            }
        }
        return out;
    };
    Appended appended;
    EXPECT_TRUE(messages().react(message.id, "u-anna", "👍", false, 20, 10, &appended));
    ASSERT_EQ(appended.size(), 1u);
    EXPECT_EQ(appended[0].seq(), message.seq + 1);
    EXPECT_EQ(appended[0].reaction_added().message_id(), message.id);
    EXPECT_EQ(appended[0].reaction_added().user_id(), "u-anna");
    EXPECT_EQ(appended[0].reaction_added().emoji(), "👍");
    Appended again;
    EXPECT_FALSE(messages().react(message.id, "u-anna", "👍", false, 20, 11, &again));
    EXPECT_TRUE(again.empty()) << "reacting twice with one emoji changes nothing";
    EXPECT_TRUE(messages().react(message.id, "u-bob", "❤️", false, 20, 12, nullptr));
    EXPECT_TRUE(messages().react(message.id, "u-bob", "👍", false, 20, 13, nullptr));
    EXPECT_EQ(summaryOf(message.id),
              (std::vector<std::string>{"👍 2 u-anna,u-bob", "❤️ 1 u-bob"}));
    EXPECT_EQ(messages().byId(message.id)->reactions.size(), 2u);

    // An edit keeps them; taking one back, too.
    messages().edit(message.id, "u-bob", "lunch at noon?", 14, nullptr);
    Appended removed;
    EXPECT_TRUE(messages().react(message.id, "u-anna", "👍", true, 20, 15, &removed));
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(removed[0].reaction_removed().user_id(), "u-anna");
    EXPECT_FALSE(messages().react(message.id, "u-anna", "👍", true, 20, 16, nullptr));
    // 👍 is now first used by bob, after his ❤️.
    EXPECT_EQ(summaryOf(message.id), (std::vector<std::string>{"❤️ 1 u-bob", "👍 1 u-bob"}));

    EXPECT_API_ERROR(messages().react(message.id, "u-carl", "👍", false, 20, 17, nullptr),
                     grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(messages().react("m-none", "u-anna", "👍", false, 20, 17, nullptr),
                     grpc::StatusCode::NOT_FOUND);
    // A user's reactions on one message are bounded.
    EXPECT_TRUE(messages().react(message.id, "u-anna", "🎉", false, 2, 18, nullptr));
    EXPECT_TRUE(messages().react(message.id, "u-anna", "🙂", false, 2, 19, nullptr));
    EXPECT_API_ERROR(messages().react(message.id, "u-anna", "🙃", false, 2, 20, nullptr),
                     grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_FALSE(messages().react(message.id, "u-anna", "🎉", false, 2, 21, nullptr))
        << "one already there is no new one";

    // Deleted: the reactions go with the text, and none can be added.
    messages().remove(message.id, "u-bob", 22, nullptr);
    EXPECT_TRUE(summaryOf(message.id).empty());
    EXPECT_API_ERROR(messages().react(message.id, "u-anna", "👍", false, 20, 23, nullptr),
                     grpc::StatusCode::FAILED_PRECONDITION);
    const auto events = log(m_room);
    for (std::size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i].seq(), i + 1);
    }
}

TEST(Mentions, UsernamesAfterAnAtSign)
{
    using backend::mentionedUsernames;
    using Names = std::vector<std::string>;
    EXPECT_EQ(mentionedUsernames("@anna hi"), Names{"anna"});
    EXPECT_EQ(mentionedUsernames("hi @Bob. and (@carl.d), @anna-"),
              (Names{"bob", "carl.d", "anna"}));
    EXPECT_EQ(mentionedUsernames("anna@example.org @@bob @ alone"), Names{});
    EXPECT_EQ(mentionedUsernames("@x @x @X"), Names{"x"});
    EXPECT_EQ(mentionedUsernames("@a @b @c", 2), (Names{"a", "b"}));
}

// @username mentions members only, each once, in the order written; the
// room counts the unread ones that mention the viewer.
TEST_P(MessageStoreRoom, MentionsAreResolvedAtSendAndEditAndCounted)
{
    const MessageRecord message =
        post(m_room, "u-anna", "hi @bob and @carl, @BOB again; mail anna@example.org");
    EXPECT_EQ(message.mentionedUserIds, std::vector<std::string>{"u-bob"})
        << "carl is no member, bob once, an e-mail address mentions no one";
    const auto posted = [&] {
        for (const auto& event : log(m_room)) {
            if (event.has_message_posted() && event.message_posted().id() == message.id) {
                return event.message_posted();
            }
        }
        return v1::Message();
    };
    ASSERT_EQ(posted().mentioned_user_ids_size(), 1);
    EXPECT_EQ(posted().mentioned_user_ids(0), "u-bob");
    EXPECT_EQ(messages().byId(message.id)->mentionedUserIds, std::vector<std::string>{"u-bob"});
    EXPECT_EQ(rooms().activity(m_room, "u-bob").mentionCount, 1u);
    EXPECT_EQ(rooms().activity(m_room, "u-anna").mentionCount, 0u);
    post(m_room, "u-bob", "thanks @anna, and @bob (myself)");
    EXPECT_EQ(rooms().activity(m_room, "u-anna").mentionCount, 1u);
    EXPECT_EQ(rooms().activity(m_room, "u-bob").mentionCount, 1u) << "not one's own";

    messages().edit(message.id, "u-anna", "never mind", 50, nullptr);
    EXPECT_TRUE(posted().mentioned_user_ids().empty());
    EXPECT_EQ(rooms().activity(m_room, "u-bob").mentionCount, 0u);
    messages().edit(message.id, "u-anna", "@bob, lunch?", 51, nullptr);
    EXPECT_EQ(posted().mentioned_user_ids_size(), 1);
    EXPECT_EQ(rooms().activity(m_room, "u-bob").mentionCount, 1u);

    rooms().markRead(m_room, "u-bob", message.seq);
    EXPECT_EQ(rooms().activity(m_room, "u-bob").mentionCount, 0u) << "read";
    const MessageRecord later = post(m_room, "u-anna", "@bob?");
    EXPECT_EQ(rooms().activity(m_room, "u-bob").mentionCount, 1u);
    messages().remove(later.id, "u-anna", 52, nullptr);
    EXPECT_EQ(rooms().activity(m_room, "u-bob").mentionCount, 0u) << "deleted";
}

// Whole words, every one of them, newest first, only the user's rooms;
// edits found by their new words, deletions never; paged by the last hit.
TEST_P(MessageStoreRoom, SearchFindsWholeWordsInTheUsersRoomsNewestFirst)
{
    const std::string other = addRoom("Other", "u-carl");
    auto at = [&](const std::string& roomId, const std::string& author, const std::string& text,
                  backend::Micros sentAt) {
        auto message = newMessage(roomId, author, text);
        message.sentAt = sentAt;
        return messages().send(message, nullptr);
    };
    const auto lunch = at(m_room, "u-anna", "Lunch at noon, the usual place?", 100);
    const auto late = at(m_room, "u-bob", "lunch is late today at the usual place", 200);
    at(m_room, "u-bob", "dinner at the usual", 300);
    const auto hidden = at(other, "u-carl", "lunch at the usual place", 400);
    const auto typo = at(m_room, "u-anna", "lnch plans", 500);
    const auto ids = [](const std::vector<backend::SearchHitRecord>& hits) {
        std::vector<std::string> out;
        for (const auto& hit : hits) {
            out.push_back(hit.message.id);
        }
        return out;
    };
    using Ids = std::vector<std::string>;

    auto hits = messages().search("u-bob", {"lunch", "place"}, {}, 10, std::nullopt);
    EXPECT_EQ(ids(hits), (Ids{late.id, lunch.id})) << "newest first, not carl's room";
    ASSERT_FALSE(hits.empty());
    EXPECT_NE(hits[0].snippet.find("\x02lunch\x03"), std::string::npos) << hits[0].snippet;
    EXPECT_TRUE(messages().search("u-bob", {"lun"}, {}, 10, std::nullopt).empty())
        << "whole words, not their beginnings";
    EXPECT_EQ(ids(messages().search("u-carl", {"lunch"}, {}, 10, std::nullopt)), Ids{hidden.id});
    EXPECT_EQ(ids(messages().search("u-bob", {"lunch"}, other, 10, std::nullopt)), Ids{})
        << "a room the user is no member of";

    // Paged: after the last hit of a page.
    const auto first = messages().search("u-anna", {"usual"}, {}, 2, std::nullopt);
    ASSERT_EQ(first.size(), 2u);
    const backend::SearchCursor cursor{first.back().message.sentAt, first.back().message.id};
    EXPECT_EQ(ids(messages().search("u-anna", {"usual"}, {}, 2, cursor)), Ids{lunch.id});

    // Edited: found by the new words only; deleted: never.
    messages().edit(typo.id, "u-anna", "lunch plans", 600, nullptr);
    EXPECT_EQ(ids(messages().search("u-anna", {"plans", "lunch"}, m_room, 10, std::nullopt)),
              Ids{typo.id});
    EXPECT_TRUE(messages().search("u-anna", {"lnch"}, {}, 10, std::nullopt).empty());
    messages().remove(late.id, "u-bob", 700, nullptr);
    EXPECT_EQ(ids(messages().search("u-anna", {"late"}, {}, 10, std::nullopt)), Ids{});
    EXPECT_EQ(ids(messages().search("u-anna", {"lunch", "place"}, {}, 10, std::nullopt)),
              Ids{lunch.id});
}

TEST_P(MessageStoreRoom, OnlyTheAuthorEditsAndTheLogShowsTheNewText)
{
    const auto message = post(m_room, "u-bob", "teh plan"); // 4
    EXPECT_API_ERROR(messages().edit(message.id, "u-anna", "hijack", 10, nullptr),
                     grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(messages().edit(message.id, "u-carl", "x", 10, nullptr),
                     grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(messages().edit("m-none", "u-bob", "x", 10, nullptr),
                     grpc::StatusCode::NOT_FOUND);

    Appended appended;
    const auto edited = messages().edit(message.id, "u-bob", "the plan", 777, &appended);
    EXPECT_EQ(edited.text, "the plan");
    EXPECT_EQ(edited.seq, 4u) << "a message keeps the seq that posted it";
    EXPECT_EQ(edited.editedAt, 777);
    ASSERT_EQ(appended.size(), 1u);
    EXPECT_EQ(appended[0].seq(), 5u);
    EXPECT_EQ(appended[0].message_edited().text(), "the plan");

    const auto events = log(m_room);
    ASSERT_EQ(events.size(), 5u);
    EXPECT_EQ(events[3].message_posted().text(), "the plan") << "a replay shows the message as now";
    EXPECT_TRUE(events[3].message_posted().has_edited_at());
    EXPECT_EQ(messages().byId(message.id)->text, "the plan");

    messages().remove(message.id, "u-bob", 800, nullptr);
    EXPECT_API_ERROR(messages().edit(message.id, "u-bob", "again", 900, nullptr),
                     grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_P(MessageStoreRoom, AuthorOrOwnerDeletesAndTheTextLeavesTheLog)
{
    const auto bobs = post(m_room, "u-bob", "secret");                // 4
    messages().edit(bobs.id, "u-bob", "secret, edited", 10, nullptr); // 5
    const auto annas = post(m_room, "u-anna", "owner's");             // 6

    EXPECT_API_ERROR(messages().remove(annas.id, "u-bob", 20, nullptr),
                     grpc::StatusCode::PERMISSION_DENIED)
        << "a member deletes only their own";
    EXPECT_API_ERROR(messages().remove(bobs.id, "u-carl", 20, nullptr),
                     grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(messages().remove("m-none", "u-bob", 20, nullptr),
                     grpc::StatusCode::NOT_FOUND);

    Appended appended;
    messages().remove(bobs.id, "u-anna", 30, &appended); // the owner may
    ASSERT_EQ(appended.size(), 1u);
    EXPECT_EQ(appended[0].seq(), 7u);
    EXPECT_EQ(appended[0].message_deleted().message_id(), bobs.id);
    EXPECT_EQ(appended[0].message_deleted().room_id(), m_room);

    Appended twice;
    messages().remove(bobs.id, "u-bob", 40, &twice);
    EXPECT_TRUE(twice.empty()) << "deleting again changes nothing";

    const auto gone = messages().byId(bobs.id);
    ASSERT_TRUE(gone);
    EXPECT_TRUE(gone->deleted);
    EXPECT_TRUE(gone->text.empty());
    for (const auto& event : log(m_room)) {
        EXPECT_EQ(event.SerializeAsString().find("secret"), std::string::npos)
            << "seq " << event.seq() << " still holds the text";
    }
    const auto events = log(m_room);
    EXPECT_TRUE(events[3].message_posted().deleted());
    EXPECT_TRUE(events[4].message_edited().deleted());
}

TEST_P(MessageStoreRoom, EventsArePagedFromEitherEnd)
{
    for (int i = 0; i < 10; ++i) {
        post(m_room, "u-bob", "m" + std::to_string(i)); // seq 4..13
    }
    const auto seqs = [](const std::vector<v1::RoomEvent>& events) {
        std::vector<std::uint64_t> out;
        for (const auto& event : events) {
            out.push_back(event.seq());
        }
        return out;
    };
    EXPECT_EQ(seqs(messages().events(m_room, 0, 0, 3, false)),
              (std::vector<std::uint64_t>{1, 2, 3}));
    EXPECT_EQ(seqs(messages().events(m_room, 0, 0, 3, true)),
              (std::vector<std::uint64_t>{11, 12, 13}))
        << "the newest, ascending";
    EXPECT_EQ(seqs(messages().events(m_room, 0, 11, 3, true)),
              (std::vector<std::uint64_t>{8, 9, 10}))
        << "before is exclusive";
    EXPECT_EQ(seqs(messages().events(m_room, 10, 0, 100, false)),
              (std::vector<std::uint64_t>{11, 12, 13}))
        << "after is exclusive";
    EXPECT_EQ(seqs(messages().events(m_room, 5, 8, 100, false)),
              (std::vector<std::uint64_t>{6, 7}));
    EXPECT_TRUE(messages().events(m_room, 13, 0, 100, false).empty());
    EXPECT_TRUE(messages().events("r-none", 0, 0, 100, false).empty());
    // Bounds past any seq (2^63 and up do not fit SQL's integers): "before"
    // then bounds nothing, "after" leaves nothing.
    constexpr std::uint64_t huge = std::numeric_limits<std::uint64_t>::max();
    constexpr std::uint64_t half = std::uint64_t{1} << 63;
    EXPECT_EQ(seqs(messages().events(m_room, 0, half, 3, true)),
              (std::vector<std::uint64_t>{11, 12, 13}));
    EXPECT_EQ(seqs(messages().events(m_room, 0, huge, 3, true)),
              (std::vector<std::uint64_t>{11, 12, 13}));
    EXPECT_TRUE(messages().events(m_room, half, 0, 100, false).empty());
    EXPECT_TRUE(messages().events(m_room, huge, 0, 100, false).empty());
}

} // namespace
} // namespace confab::test

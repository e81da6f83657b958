#include "ChatFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <set>

namespace confab::test {
namespace {

using core::Outbox;
using core::OutboxItem;
using core::TimelineModel;
using Tester = QAbstractItemModelTester;

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

class OutboxTest : public ChatFixture {
protected:
    static QJsonArray savedItems(const Outbox& outbox)
    {
        QFile file(outbox.filePath());
        if (!file.open(QIODevice::ReadOnly)) {
            return {};
        }
        return QJsonDocument::fromJson(file.readAll()).object().value("items").toArray();
    }

    static bool allSent(const TimelineModel& timeline, std::size_t count)
    {
        const auto rows = messageRows(timeline);
        return rows.size() == count && std::all_of(rows.begin(), rows.end(), [&](int row) {
                   return sendState(timeline, row) == TimelineModel::SendState::Sent;
               });
    }
};

TEST_F(OutboxTest, MessagesWrittenOfflineArriveOnceAndInOrder)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    const QString roomId = pair.roomId;
    TimelineModel* annaTimeline = openTimeline(*anna, roomId);
    TimelineModel* bobTimeline = openTimeline(*bob, roomId);
    Tester annaTester(annaTimeline, kFatal);
    Tester bobTester(bobTimeline, kFatal);
    QSignalSpy sent(anna->chat->outbox(), &Outbox::messageSent);

    stopServer();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return anna->chat->connectionState() == core::EventStream::State::Waiting; }, 10000));
    const QStringList texts = numbered(QStringLiteral("offline "), 0, 20);
    for (const QString& text : texts) {
        anna->chat->sendMessage(roomId, text);
    }
    // Shown at once, pending; still pending while the server is away.
    for (int pass = 0; pass < 2; ++pass) {
        const auto rows = messageRows(*annaTimeline);
        ASSERT_EQ(rows.size(), 20u);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            EXPECT_EQ(sendState(*annaTimeline, rows[i]), TimelineModel::SendState::Pending);
            EXPECT_EQ(value(*annaTimeline, rows[i], TimelineModel::TextRole).toString(),
                      texts[static_cast<int>(i)]);
        }
        QTest::qWait(1500); // tries go on meanwhile
    }
    EXPECT_EQ(anna->chat->outbox()->size(), 20);
    EXPECT_EQ(savedItems(*anna->chat->outbox()).size(), 20);
    EXPECT_EQ(sent.count(), 0);
    EXPECT_TRUE(messageRows(*bobTimeline).empty());

    startServer();
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageTexts(*bobTimeline).size() >= 20; }, 15000))
        << messageTexts(*bobTimeline).size();
    ASSERT_TRUE(QTest::qWaitFor([&] { return allSent(*annaTimeline, 20); }, 10000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return sent.count() >= 20; }, 10000));
    QTest::qWait(500); // room for duplicates to show up, if there were any

    EXPECT_EQ(messageTexts(*bobTimeline), texts);
    EXPECT_EQ(messageTexts(*annaTimeline), texts);
    EXPECT_TRUE(allSent(*annaTimeline, 20));
    EXPECT_EQ(confirmedSeqs(*bobTimeline), confirmedSeqs(*annaTimeline));
    EXPECT_EQ(sent.count(), 20);
    std::set<QString> clientIds;
    for (const auto& signal : sent) {
        clientIds.insert(signal.at(1).toString());
    }
    EXPECT_EQ(clientIds.size(), 20u);
    EXPECT_EQ(anna->chat->outbox()->size(), 0);
    EXPECT_EQ(savedItems(*anna->chat->outbox()).size(), 0);
    EXPECT_EQ(bob->rooms().unreadCount(roomId), 20);
}

TEST_F(OutboxTest, UnsentMessagesSurviveARestartOfTheApp)
{
    auto anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ASSERT_TRUE(startLive(*bob));
    const QString roomId =
        createRoom(*anna, QStringLiteral("Plans"), {QStringLiteral("bob")}, {bob.get()});
    TimelineModel* bobTimeline = openTimeline(*bob, roomId);

    // Anna's client is not started: nothing goes out.
    const QStringList texts{QStringLiteral("first"), QStringLiteral("second"),
                            QStringLiteral("third")};
    QStringList clientIds;
    for (const QString& text : texts) {
        clientIds.append(anna->chat->sendMessage(roomId, text));
    }
    const QString file = anna->chat->outbox()->filePath();
    const QJsonArray saved = savedItems(*anna->chat->outbox());
    ASSERT_EQ(saved.size(), 3);
    EXPECT_EQ(saved.at(0).toObject().value("text").toString(), "first");
    EXPECT_EQ(saved.at(0).toObject().value("roomId").toString(), roomId);
    EXPECT_EQ(saved.at(0).toObject().value("clientMessageId").toString(), clientIds[0]);
    EXPECT_EQ(saved.at(0).toObject().value("state").toString(), "pending");
    {
        QFile raw(file);
        ASSERT_TRUE(raw.open(QIODevice::ReadOnly));
        const QByteArray content = raw.readAll();
        EXPECT_FALSE(content.contains(QByteArray::fromStdString(anna->token())));
        EXPECT_FALSE(content.contains("token"));
        EXPECT_EQ(raw.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                  QFileDevice::Permissions());
    }

    // "Restart": a new client on the same data directory.
    anna->chat.reset();
    anna->chat = newChat(*anna);
    ASSERT_EQ(anna->chat->outbox()->size(), 3);
    const auto items = anna->chat->outbox()->items(roomId);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(items[static_cast<std::size_t>(i)].clientMessageId, clientIds[i]);
        EXPECT_EQ(items[static_cast<std::size_t>(i)].state, OutboxItem::State::Pending);
    }
    TimelineModel* annaTimeline = anna->chat->timeline(roomId);
    Tester annaTester(annaTimeline, kFatal);
    ASSERT_EQ(annaTimeline->rowCount(), 3); // the outbox rows, before the history is in
    EXPECT_EQ(sendState(*annaTimeline, 0), TimelineModel::SendState::Pending);
    EXPECT_EQ(value(*annaTimeline, 2, TimelineModel::TextRole).toString(), "third");

    anna->chat->start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageTexts(*bobTimeline).size() >= 3; }, 10000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return allSent(*annaTimeline, 3); }, 10000));
    QTest::qWait(300);
    EXPECT_EQ(messageTexts(*bobTimeline), texts);
    EXPECT_EQ(messageTexts(*annaTimeline), texts);
    EXPECT_EQ(anna->chat->outbox()->size(), 0);
}

TEST_F(OutboxTest, RefusedMessageFailsAndCanBeEditedRetriedOrDiscarded)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    const QString roomId = pair.roomId;
    TimelineModel* annaTimeline = openTimeline(*anna, roomId);
    TimelineModel* bobTimeline = openTimeline(*bob, roomId);
    Tester annaTester(annaTimeline, kFatal);
    Outbox* outbox = anna->chat->outbox();

    const QString tooLong = outbox->send(roomId, QString(4001, QLatin1Char('a')));
    const QString fine = outbox->send(roomId, QStringLiteral("this one is fine"));
    const QString alsoTooLong = outbox->send(roomId, QString(4001, QLatin1Char('b')));
    const auto failedRow = [&](const QString& clientId) {
        const int row = annaTimeline->rowOfClientMessage(clientId);
        return row >= 0 && sendState(*annaTimeline, row) == TimelineModel::SendState::Failed;
    };
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return failedRow(tooLong) && failedRow(alsoTooLong); }, 10000));
    // A refusal does not hold up the messages behind it.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return messageTexts(*bobTimeline) == QStringList{"this one is fine"}; }, 10000));

    const int row = annaTimeline->rowOfClientMessage(tooLong);
    const auto error = value(*annaTimeline, row, TimelineModel::ErrorRole).value<core::Error>();
    EXPECT_EQ(error.code, core::Error::Code::InvalidInput);
    EXPECT_EQ(error.field, "text");
    EXPECT_FALSE(value(*annaTimeline, row, TimelineModel::ErrorTextRole).toString().isEmpty());
    ASSERT_NE(outbox->find(tooLong), nullptr);
    EXPECT_EQ(outbox->find(tooLong)->state, OutboxItem::State::Failed);
    // The failed ones stay after the sent one, in the order written.
    EXPECT_GT(annaTimeline->rowOfClientMessage(tooLong), annaTimeline->rowOfClientMessage(fine));
    EXPECT_LT(annaTimeline->rowOfClientMessage(tooLong),
              annaTimeline->rowOfClientMessage(alsoTooLong));

    // Failed ones are kept across restarts, as failed.
    {
        Outbox reloaded(*anna->session, anna->dataDir);
        ASSERT_EQ(reloaded.size(), 2);
        EXPECT_EQ(reloaded.find(tooLong)->state, OutboxItem::State::Failed);
        EXPECT_EQ(reloaded.find(tooLong)->error.code, core::Error::Code::InvalidInput);
        EXPECT_EQ(reloaded.find(tooLong)->error.field, "text");
    }

    // Discarded: gone from the timeline and the outbox.
    EXPECT_FALSE(outbox->discard(QStringLiteral("no-such-message")));
    ASSERT_TRUE(outbox->discard(alsoTooLong));
    EXPECT_EQ(annaTimeline->rowOfClientMessage(alsoTooLong), -1);
    EXPECT_EQ(outbox->size(), 1);

    // Edited and retried: sent once, with the new text.
    EXPECT_FALSE(outbox->retry(fine)); // not failed (and sent already)
    ASSERT_TRUE(outbox->edit(tooLong, QStringLiteral("shorter now")));
    EXPECT_EQ(
        value(*annaTimeline, annaTimeline->rowOfClientMessage(tooLong), TimelineModel::TextRole)
            .toString(),
        "shorter now");
    EXPECT_EQ(sendState(*annaTimeline, annaTimeline->rowOfClientMessage(tooLong)),
              TimelineModel::SendState::Failed);
    ASSERT_TRUE(outbox->retry(tooLong));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageTexts(*bobTimeline).size() == 2; }, 10000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return allSent(*annaTimeline, 2); }, 10000));
    EXPECT_EQ(messageTexts(*bobTimeline), (QStringList{"this one is fine", "shorter now"}));
    EXPECT_EQ(messageTexts(*annaTimeline), messageTexts(*bobTimeline));
    EXPECT_EQ(outbox->size(), 0);
    EXPECT_EQ(savedItems(*outbox).size(), 0);
}

} // namespace
} // namespace confab::test

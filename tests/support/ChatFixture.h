#pragma once

#include "TestServer.h"
#include "account/Session.h"
#include "chat/ChatClient.h"
#include "net/Rpc.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>
#include <vector>

// Readable values in gtest's messages.
inline void PrintTo(const QString& text, std::ostream* os)
{
    *os << '"' << text.toStdString() << '"';
}

namespace confab::test {

// Two or more real client stacks (Session + ChatClient) against a real
// server in this process. The server keeps its data in a directory of the
// test and can be stopped and started again on the same port.
class ChatFixture : public ::testing::Test {
protected:
    struct User {
        QString username;
        std::unique_ptr<core::Session> session;
        std::unique_ptr<core::ChatClient> chat;
        QString dataDir;
        QString settingsFile;

        core::RoomsModel& rooms() { return *chat->rooms(); }
        std::string token() const { return session->accessToken(); }
        QString id() const { return QString::fromStdString(session->user().id()); }
    };

    TempDir dir;
    std::unique_ptr<TestServer> server;
    int port = 0;

    // Server settings; tests may change them before startServer().
    backend::ServerConfig serverConfig = testConfig({});

    void SetUp() override { startServer(); }

    void startServer()
    {
        backend::ServerConfig config = serverConfig;
        config.dataDir = dir.path() / "server";
        config.listen = "127.0.0.1:" + std::to_string(port);
        server = std::make_unique<TestServer>(config);
        port = server->server().port();
    }

    void stopServer() { server.reset(); }

    QString target() const { return QStringLiteral("127.0.0.1:%1").arg(port); }

    // Registers `username` and signs in; the chat client is made but not started.
    std::unique_ptr<User> newUser(const QString& username, const QString& displayName)
    {
        auto user = std::make_unique<User>();
        user->username = username;
        auto connection =
            std::make_shared<core::Connection>(target(), core::Connection::Security{});
        user->session =
            std::make_unique<core::Session>(connection, QStringLiteral("local"), nullptr);
        user->session->registerAccount(username, QStringLiteral("correct horse"), displayName,
                                       false);
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return user->session->state() == core::Session::State::SignedIn; }, 10000))
            << username.toStdString() << " did not sign in";
        const auto base = dir.path() / ("client-" + username.toStdString());
        user->dataDir = QString::fromStdString((base / "data").string());
        user->settingsFile = QString::fromStdString((base / "settings.ini").string());
        user->chat = newChat(*user);
        return user;
    }

    // A chat client on the user's session and data directory, with short
    // backoffs so that the tests do not wait long for reconnects.
    // `dataDir` defaults to the user's (another device would have its own).
    std::unique_ptr<core::ChatClient> newChat(User& user, const QString& dataDir = {})
    {
        auto chat = std::make_unique<core::ChatClient>(
            *user.session, core::ChatClient::Options{dataDir.isEmpty() ? user.dataDir : dataDir,
                                                     user.settingsFile});
        chat->stream()->setBackoffLimits(std::chrono::milliseconds(100),
                                         std::chrono::milliseconds(1000));
        chat->outbox()->setBackoffLimits(std::chrono::milliseconds(100),
                                         std::chrono::milliseconds(1000));
        return chat;
    }

    static bool waitLive(core::ChatClient& chat, int timeoutMs = 10000)
    {
        return QTest::qWaitFor(
            [&] { return chat.connectionState() == core::EventStream::State::Live; }, timeoutMs);
    }

    static bool startLive(User& user)
    {
        user.chat->start();
        return waitLive(*user.chat);
    }

    // Creates a room as `owner` with `members` in it; waits until every
    // client given in `seenBy` has it in its room list.
    QString createRoom(User& owner, const QString& name, const QStringList& members,
                       const std::vector<User*>& seenBy, bool isPublic = false,
                       const QString& topic = {})
    {
        QSignalSpy created(owner.chat.get(), &core::ChatClient::roomCreated);
        owner.chat->createRoom(name, topic, isPublic, members);
        EXPECT_TRUE(created.count() > 0 || created.wait(10000)) << "room not created";
        if (created.isEmpty()) {
            return {};
        }
        const QString roomId = created.at(0).at(0).toString();
        for (User* user : seenBy) {
            EXPECT_TRUE(QTest::qWaitFor([&] { return user->rooms().contains(roomId); }, 10000))
                << user->username.toStdString() << " did not get the room";
        }
        return roomId;
    }

    // Anna and Bob, both live, in a private room "Plans" that Anna made.
    struct Pair {
        std::unique_ptr<User> anna;
        std::unique_ptr<User> bob;
        QString roomId;
    };

    // Fills `pair`; call it under ASSERT_NO_FATAL_FAILURE.
    void annaAndBobInARoom(Pair& pair)
    {
        pair.anna = newUser(QStringLiteral("anna"), QStringLiteral("Anna"));
        pair.bob = newUser(QStringLiteral("bob"), QStringLiteral("Bob"));
        ASSERT_TRUE(startLive(*pair.anna));
        ASSERT_TRUE(startLive(*pair.bob));
        pair.roomId = createRoom(*pair.anna, QStringLiteral("Plans"), {QStringLiteral("bob")},
                                 {pair.anna.get(), pair.bob.get()});
        ASSERT_FALSE(pair.roomId.isEmpty());
    }

    // Loads the timeline and waits for it.
    static core::TimelineModel* openTimeline(User& user, const QString& roomId)
    {
        core::TimelineModel* timeline = user.chat->timeline(roomId);
        EXPECT_TRUE(QTest::qWaitFor([&] { return timeline->isLoaded(); }, 10000));
        return timeline;
    }

    static QVariant value(const QAbstractItemModel& model, int row, int role)
    {
        return model.data(model.index(row, 0), role);
    }

    // Rows that are messages (not member events), in model order.
    static std::vector<int> messageRows(const core::TimelineModel& timeline)
    {
        std::vector<int> rows;
        for (int row = 0; row < timeline.rowCount(); ++row) {
            if (value(timeline, row, core::TimelineModel::KindRole)
                    .value<core::TimelineModel::Kind>() == core::TimelineModel::Kind::Message) {
                rows.push_back(row);
            }
        }
        return rows;
    }

    // Message texts without sendRaw's padding.
    static QStringList messageTexts(const core::TimelineModel& timeline)
    {
        QStringList texts;
        for (int row : messageRows(timeline)) {
            texts.append(value(timeline, row, core::TimelineModel::TextRole)
                             .toString()
                             .section(QLatin1Char('|'), 0, 0));
        }
        return texts;
    }

    // A row's reactions as "🎂2 👍🏽1": each emoji with how many chose it.
    static QString reactionsOf(const core::TimelineModel& timeline, int row)
    {
        QStringList parts;
        for (const auto& reaction : value(timeline, row, core::TimelineModel::ReactionsRole)
                                        .value<QList<core::Reaction>>()) {
            parts.append(reaction.emoji + QString::number(reaction.userIds.size()));
        }
        return parts.join(QLatin1Char(' '));
    }

    static std::vector<quint64> confirmedSeqs(const core::TimelineModel& timeline)
    {
        std::vector<quint64> seqs;
        for (int row = 0; row < timeline.rowCount(); ++row) {
            const quint64 seq = value(timeline, row, core::TimelineModel::SeqRole).toULongLong();
            if (seq != 0) {
                seqs.push_back(seq);
            }
        }
        return seqs;
    }

    static core::TimelineModel::SendState sendState(const core::TimelineModel& timeline, int row)
    {
        return value(timeline, row, core::TimelineModel::SendStateRole)
            .value<core::TimelineModel::SendState>();
    }

    static QStringList numbered(const QString& prefix, int from, int to)
    {
        QStringList texts;
        for (int i = from; i < to; ++i) {
            texts.append(prefix + QString::number(i));
        }
        return texts;
    }

    // Sends straight through the stubs (blocking), as another client would.
    void sendRaw(const User& user, const QString& roomId, const QStringList& texts, int padding = 0)
    {
        Client client(server->channel());
        for (const QString& text : texts) {
            v1::SendMessageRequest request;
            request.set_room_id(roomId.toStdString());
            // Padding makes the events big (to fill the stream's buffers).
            request.set_text((padding > 0 ? text + QLatin1Char('|') + QString(padding, 'x') : text)
                                 .toStdString());
            v1::Message message;
            const grpc::Status status =
                client.chat->SendMessage(Client::context(user.token()).get(), request, &message);
            ASSERT_TRUE(status.ok()) << status.error_message();
        }
    }
};

} // namespace confab::test

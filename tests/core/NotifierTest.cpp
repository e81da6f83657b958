#include "chat/Notifier.h"
#include "ChatFixture.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QVariantMap>

namespace confab::test {
namespace {

// A desktop's notification service, on the test's session bus.
class FakeNotifications : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Posted {
        uint id;
        uint replaces;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
    };
    std::vector<Posted> posted;
    std::vector<uint> closed;

public slots:
    uint Notify(const QString& /*app*/, uint replaces, const QString& /*icon*/,
                const QString& summary, const QString& body, const QStringList& actions,
                const QVariantMap& hints, int /*timeout*/)
    {
        const uint id = replaces != 0 ? replaces : ++m_next;
        posted.push_back({id, replaces, summary, body, actions, hints});
        return id;
    }
    void CloseNotification(uint id) { closed.push_back(id); }

private:
    uint m_next = 100;
};

class NotifierTest : public ChatFixture {
protected:
    QDBusConnection bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus,
                                                        QStringLiteral("fake-notifications"));
    // A name of its own: tests running side by side share the session bus.
    const QString name =
        QStringLiteral("org.confab.test.Notifications.p%1").arg(QCoreApplication::applicationPid());
    FakeNotifications service;

    void SetUp() override
    {
        ChatFixture::SetUp();
        if (!bus.isConnected()) {
            GTEST_SKIP() << "no session bus (scripts/test runs these inside dbus-run-session)";
        }
        ASSERT_TRUE(bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &service,
                                       QDBusConnection::ExportAllSlots));
        ASSERT_TRUE(bus.registerService(name)) << bus.lastError().message().toStdString();
    }

    void TearDown() override
    {
        bus.unregisterService(name);
        bus.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("fake-notifications"));
    }

    bool postedCount(std::size_t count)
    {
        return QTest::qWaitFor([&] { return service.posted.size() >= count; }, 10000);
    }

    static bool lastMessageIs(User& user, const QString& roomId, const QString& text)
    {
        return QTest::qWaitFor(
            [&] {
                const int row = user.rooms().rowOf(roomId);
                return row >= 0 &&
                       value(user.rooms(), row, core::RoomsModel::LastMessageRole) == text;
            },
            10000);
    }

    void invoke(uint id)
    {
        QDBusMessage signal = QDBusMessage::createSignal(
            QStringLiteral("/org/freedesktop/Notifications"),
            QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("ActionInvoked"));
        signal << id << QStringLiteral("default");
        bus.send(signal);
    }
};

TEST_F(NotifierTest, NotifiesNewMessagesOfRoomsNotInViewOncePerRoom)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    core::Notifier notifier(*pair.bob->chat, QDBusConnection::sessionBus(), name);
    QSignalSpy activated(&notifier, &core::Notifier::roomActivated);

    pair.anna->chat->sendMessage(pair.roomId, QStringLiteral("the boat leaves at nine"));
    ASSERT_TRUE(postedCount(1));
    const FakeNotifications::Posted first = service.posted.at(0);
    EXPECT_EQ(first.summary, QStringLiteral("Plans"));
    EXPECT_EQ(first.body, QStringLiteral("Anna: the boat leaves at nine"));
    EXPECT_EQ(first.replaces, 0u);
    EXPECT_TRUE(first.actions.contains(QStringLiteral("default")));
    EXPECT_EQ(first.hints.value(QStringLiteral("desktop-entry")).toString(),
              QStringLiteral("confab"));

    // A second message replaces the room's notification and counts.
    pair.anna->chat->sendMessage(pair.roomId, QStringLiteral("bring a jacket"));
    ASSERT_TRUE(postedCount(2));
    EXPECT_EQ(service.posted.at(1).replaces, first.id);
    EXPECT_EQ(service.posted.at(1).summary, QStringLiteral("Plans (2 new)"));
    EXPECT_EQ(service.posted.at(1).body, QStringLiteral("Anna: bring a jacket"));

    // A click opens the room.
    invoke(first.id);
    ASSERT_TRUE(activated.wait(5000) || activated.count() == 1);
    EXPECT_EQ(activated.at(0).at(0).toString(), pair.roomId);

    // On screen in the focused window: seen, not notified; the old one closes.
    notifier.setViewedRoom(pair.roomId);
    notifier.setWindowActive(true);
    ASSERT_TRUE(QTest::qWaitFor([&] { return service.closed.size() == 1; }, 5000));
    EXPECT_EQ(service.closed.at(0), first.id);
    pair.anna->chat->sendMessage(pair.roomId, QStringLiteral("seen as it comes"));
    ASSERT_TRUE(lastMessageIs(*pair.bob, pair.roomId, QStringLiteral("seen as it comes")));
    QTest::qWait(200);
    EXPECT_EQ(service.posted.size(), 2u);

    // Muted: nothing, even when not in view. Own messages: never.
    notifier.setWindowActive(false);
    pair.bob->chat->setMuted(pair.roomId, true);
    pair.anna->chat->sendMessage(pair.roomId, QStringLiteral("muted news"));
    pair.bob->chat->sendMessage(pair.roomId, QStringLiteral("my own words"));
    ASSERT_TRUE(lastMessageIs(*pair.bob, pair.roomId, QStringLiteral("my own words")));
    QTest::qWait(200);
    EXPECT_EQ(service.posted.size(), 2u);

    pair.bob->chat->setMuted(pair.roomId, false);
    pair.anna->chat->sendMessage(pair.roomId, QStringLiteral("unmuted again"));
    ASSERT_TRUE(postedCount(3));
    EXPECT_EQ(service.posted.at(2).replaces, 0u); // a new notification after the close
    EXPECT_EQ(service.posted.at(2).body, QStringLiteral("Anna: unmuted again"));
}

TEST_F(NotifierTest, AMentionNotifiesEvenInAMutedRoomAndSoDoesAnInvitation)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    core::Notifier notifier(*pair.bob->chat, QDBusConnection::sessionBus(), name);
    pair.bob->chat->setMuted(pair.roomId, true);
    pair.anna->chat->sendMessage(pair.roomId, QStringLiteral("muted chatter"));
    pair.anna->chat->sendMessage(pair.roomId, QStringLiteral("@bob your turn"));
    ASSERT_TRUE(postedCount(1));
    EXPECT_EQ(service.posted.at(0).body, QStringLiteral("Anna: @bob your turn"));
    QTest::qWait(200);
    EXPECT_EQ(service.posted.size(), 1u);

    const QString party = createRoom(*pair.anna, QStringLiteral("Party"), {}, {pair.anna.get()});
    pair.anna->chat->invite(party, QStringLiteral("bob"));
    ASSERT_TRUE(postedCount(2));
    EXPECT_EQ(service.posted.at(1).summary, QStringLiteral("Invitation"));
    EXPECT_EQ(service.posted.at(1).body, QStringLiteral("Anna invited you to Party"));
}

TEST_F(NotifierTest, WhatWasMissedOfflineComesAsOneSummaryPerRoom)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    core::Notifier notifier(*pair.bob->chat, QDBusConnection::sessionBus(), name);
    pair.bob->chat->stop();
    for (int i = 1; i <= 5; ++i) {
        pair.anna->chat->sendMessage(pair.roomId, QStringLiteral("missed %1").arg(i));
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return pair.anna->chat->outbox()->size() == 0; }, 10000));
    ASSERT_TRUE(startLive(*pair.bob));
    ASSERT_TRUE(postedCount(1));
    QTest::qWait(300);
    ASSERT_EQ(service.posted.size(), 1u);
    EXPECT_EQ(service.posted.at(0).summary, QStringLiteral("Plans (5 new)"));
    EXPECT_EQ(service.posted.at(0).body, QStringLiteral("Anna: missed 5"));
}

} // namespace
} // namespace confab::test

#include "NotifierTest.moc"

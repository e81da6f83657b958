#include "ChatFixture.h"
#include "dialogs/CreateRoomDialog.h"
#include "dialogs/DirectoryDialog.h"
#include "dialogs/UserPickerDialog.h"
#include "shell/Theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QtDBus/QDBusConnection>
#include <QtDBus/QDBusMessage>
#include <QtDBus/QDBusVariant>
#include <QtDBus/QDBusVirtualObject>

#include <gtest/gtest.h>

#include <atomic>
#include <memory>

namespace confab::test {
namespace {

// The chat core's two-user fixture, with the dialogs on top.
class RoomDialogsTest : public ChatFixture {
protected:
    // Registers, signs in and starts the chat; waits until it is live.
    std::unique_ptr<User> liveUser(const QString& username, const QString& displayName)
    {
        auto user = newUser(username, displayName);
        EXPECT_TRUE(startLive(*user)) << username.toStdString() << " is not live";
        return user;
    }

    static void type(QLineEdit* field, const QString& text)
    {
        field->clear();
        QTest::keyClicks(field, text);
    }

    static int rowNamed(const QAbstractItemModel& model, int role, const QString& value)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(role).toString() == value) {
                return row;
            }
        }
        return -1;
    }
};

TEST_F(RoomDialogsTest, CreateRoomDialogCreatesAPublicRoom)
{
    auto anna = liveUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    ui::CreateRoomDialog dialog(*anna->chat);
    dialog.show();
    EXPECT_TRUE(dialog.publicBox()->isChecked());
    EXPECT_FALSE(dialog.createButton()->isEnabled());
    type(dialog.nameField(), QStringLiteral("   "));
    EXPECT_FALSE(dialog.createButton()->isEnabled());

    type(dialog.nameField(), QStringLiteral("Garden club"));
    type(dialog.topicField(), QStringLiteral("Seeds and weeds"));
    ASSERT_TRUE(dialog.createButton()->isEnabled());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    // Busy until the server answers.
    EXPECT_FALSE(dialog.nameField()->isEnabled());
    EXPECT_EQ(dialog.createButton()->text(), QStringLiteral("Creating…"));
    ASSERT_TRUE(accepted.wait(10000)) << dialog.errorLabel()->text().toStdString();

    const QString roomId = dialog.createdRoomId();
    ASSERT_FALSE(roomId.isEmpty());
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    ASSERT_TRUE(anna->rooms().contains(roomId));
    EXPECT_EQ(anna->rooms().name(roomId), QStringLiteral("Garden club"));
    const QModelIndex row = anna->rooms().index(anna->rooms().rowOf(roomId), 0);
    EXPECT_TRUE(row.data(core::RoomsModel::PublicRole).toBool());
    EXPECT_EQ(row.data(core::RoomsModel::TopicRole).toString(), QStringLiteral("Seeds and weeds"));
}

TEST_F(RoomDialogsTest, CreateRoomDialogShowsTheServersErrorNextToTheName)
{
    auto anna = liveUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    ui::CreateRoomDialog dialog(*anna->chat);
    dialog.show();
    // The server takes at most 80 characters (API.md); the dialog leaves
    // the limit to it.
    type(dialog.nameField(), QString(81, QLatin1Char('x')));
    QSignalSpy failed(anna->chat.get(), &core::ChatClient::actionFailed);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(failed.at(0).at(1).value<core::Error>().field, QStringLiteral("name"));

    EXPECT_TRUE(dialog.nameError()->isVisible());
    EXPECT_TRUE(dialog.nameError()->text().contains(QStringLiteral("80")))
        << dialog.nameError()->text().toStdString();
    EXPECT_FALSE(dialog.errorLabel()->isVisible());
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    EXPECT_TRUE(dialog.createdRoomId().isEmpty());
    // Ready for another try, and editing the name clears the error.
    EXPECT_TRUE(dialog.nameField()->isEnabled());
    EXPECT_EQ(dialog.createButton()->text(), QStringLiteral("Create"));
    EXPECT_EQ(anna->rooms().rowCount(), 0);
    QTest::keyClick(dialog.nameField(), Qt::Key_Backspace);
    EXPECT_FALSE(dialog.nameError()->isVisible());
}

TEST_F(RoomDialogsTest, DirectoryDialogFindsAndJoinsAPublicRoom)
{
    auto anna = liveUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = liveUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    const QString lobby = createRoom(*anna, QStringLiteral("Lobby"), {}, {anna.get()}, true);
    createRoom(*anna, QStringLiteral("Hidden"), {}, {anna.get()}, false);
    ASSERT_FALSE(lobby.isEmpty());

    ui::DirectoryDialog dialog(*bob->chat);
    QAbstractItemModel& model = *dialog.view()->model();
    dialog.show(); // searches for everything at once
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == 1; }, 10000));
    EXPECT_EQ(model.index(0, 0).data(core::DirectoryModel::NameRole).toString(), "Lobby");
    EXPECT_EQ(model.index(0, 0).data(core::DirectoryModel::MemberCountRole).toInt(), 1);

    // Nothing by that name: the list says so.
    QSignalSpy searched(bob->chat->directory(), &core::DirectoryModel::searchFinished);
    type(dialog.searchField(), QStringLiteral("zzz"));
    ASSERT_TRUE(searched.wait(5000));
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(dialog.statusLabel()->text(), QStringLiteral("No public rooms match “zzz”."));
    EXPECT_FALSE(dialog.joinButton()->isEnabled());

    type(dialog.searchField(), QStringLiteral("Lob"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == 1; }, 5000));
    EXPECT_FALSE(dialog.statusLabel()->isVisible());
    dialog.view()->setCurrentIndex(model.index(0, 0));
    EXPECT_EQ(dialog.joinButton()->text(), QStringLiteral("Join"));
    ASSERT_TRUE(dialog.joinButton()->isEnabled());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(dialog.joinButton(), Qt::LeftButton);
    ASSERT_TRUE(accepted.wait(10000)) << dialog.statusLabel()->text().toStdString();
    EXPECT_EQ(dialog.joinedRoomId(), lobby);
    EXPECT_TRUE(bob->rooms().contains(lobby));
    EXPECT_EQ(bob->rooms().name(lobby), QStringLiteral("Lobby"));

    // A room the user is in already opens without asking the server.
    ui::DirectoryDialog again(*bob->chat);
    again.show();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return again.view()->model()->rowCount() == 1 && again.view()->currentIndex().isValid();
        },
        10000));
    EXPECT_TRUE(again.view()->currentIndex().data(core::DirectoryModel::JoinedRole).toBool());
    EXPECT_EQ(again.joinButton()->text(), QStringLiteral("Open"));
    QSignalSpy joined(bob->chat.get(), &core::ChatClient::roomJoined);
    QTest::mouseClick(again.joinButton(), Qt::LeftButton);
    EXPECT_EQ(again.result(), QDialog::Accepted);
    EXPECT_EQ(again.joinedRoomId(), lobby);
    EXPECT_EQ(joined.count(), 0);
}

TEST_F(RoomDialogsTest, UserPickerDialogOpensADirectRoom)
{
    auto anna = liveUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = liveUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    ui::UserPickerDialog dialog(*anna->chat, ui::UserPickerDialog::Purpose::DirectMessage);
    dialog.show();
    EXPECT_EQ(dialog.windowTitle(), QStringLiteral("New direct message"));
    EXPECT_EQ(dialog.actionButton()->text(), QStringLiteral("Start chat"));
    QAbstractItemModel& model = *dialog.view()->model();

    // Anna finds herself, but cannot pick herself.
    type(dialog.searchField(), QStringLiteral("an"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == 1; }, 10000));
    const QModelIndex self = model.index(0, 0);
    EXPECT_TRUE(self.data(core::UserSearchModel::SelfRole).toBool());
    EXPECT_FALSE(model.flags(self) & Qt::ItemIsSelectable);
    EXPECT_FALSE(model.flags(self) & Qt::ItemIsEnabled);
    EXPECT_FALSE(dialog.actionButton()->isEnabled());

    type(dialog.searchField(), QStringLiteral("bo"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return rowNamed(model, core::UserSearchModel::UsernameRole, "bob") >= 0 &&
                   dialog.view()->currentIndex().isValid();
        },
        10000));
    EXPECT_EQ(dialog.view()->currentIndex().data(core::UserSearchModel::UsernameRole).toString(),
              "bob");
    EXPECT_TRUE(dialog.view()->currentIndex().data(core::UserSearchModel::OnlineRole).toBool());
    ASSERT_TRUE(dialog.actionButton()->isEnabled());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(dialog.actionButton(), Qt::LeftButton);
    ASSERT_TRUE(accepted.wait(10000)) << dialog.statusLabel()->text().toStdString();

    const QString roomId = dialog.roomId();
    ASSERT_FALSE(roomId.isEmpty());
    const int row = anna->rooms().rowOf(roomId);
    ASSERT_GE(row, 0);
    EXPECT_TRUE(anna->rooms().index(row, 0).data(core::RoomsModel::DirectRole).toBool());
    EXPECT_EQ(anna->rooms().name(roomId), QStringLiteral("Bob"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return bob->rooms().contains(roomId); }, 10000));
}

TEST_F(RoomDialogsTest, UserPickerDialogInvitesAndStaysOpen)
{
    auto anna = liveUser(QStringLiteral("anna"), QStringLiteral("Anna"));
    auto bob = liveUser(QStringLiteral("bob"), QStringLiteral("Bob"));
    const QString plans = createRoom(*anna, QStringLiteral("Plans"), {}, {anna.get()}, false);
    ASSERT_FALSE(plans.isEmpty());
    // A private room: Bob cannot join uninvited.
    QSignalSpy bobFailed(bob->chat.get(), &core::ChatClient::actionFailed);
    bob->chat->joinRoom(plans);
    ASSERT_TRUE(bobFailed.wait(10000));

    ui::UserPickerDialog dialog(*anna->chat, ui::UserPickerDialog::Purpose::Invite, plans);
    dialog.show();
    EXPECT_EQ(dialog.windowTitle(), QStringLiteral("Invite to Plans"));
    EXPECT_EQ(dialog.actionButton()->text(), QStringLiteral("Invite"));
    type(dialog.searchField(), QStringLiteral("bob"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.actionButton()->isEnabled(); }, 10000));
    QSignalSpy invited(anna->chat.get(), &core::ChatClient::memberInvited);
    QTest::mouseClick(dialog.actionButton(), Qt::LeftButton);
    ASSERT_TRUE(invited.wait(10000)) << dialog.statusLabel()->text().toStdString();
    EXPECT_EQ(invited.at(0).at(1).toString(), QStringLiteral("bob"));
    EXPECT_EQ(dialog.statusLabel()->text(), QStringLiteral("Bob was invited."));
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    EXPECT_TRUE(dialog.actionButton()->isEnabled()); // ready for the next person

    // The invitation lets Bob in, and Anna's member list shows him.
    QSignalSpy joined(bob->chat.get(), &core::ChatClient::roomJoined);
    bob->chat->joinRoom(plans);
    ASSERT_TRUE(joined.wait(10000));
    EXPECT_TRUE(bob->rooms().contains(plans));
    core::MembersModel* members = anna->chat->members(plans);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return rowNamed(*members, core::MembersModel::UsernameRole, "bob") >= 0; }, 10000));

    // Refusals show in the dialog: Bob is in the room now.
    QSignalSpy failed(anna->chat.get(), &core::ChatClient::actionFailed);
    type(dialog.searchField(), QStringLiteral("bob"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.actionButton()->isEnabled(); }, 10000));
    QTest::mouseClick(dialog.actionButton(), Qt::LeftButton);
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(failed.at(0).at(0).value<core::ChatClient::Action>(),
              core::ChatClient::Action::Invite);
    EXPECT_EQ(failed.at(0).at(1).value<core::Error>().code, core::Error::Code::AlreadyExists);
    EXPECT_EQ(dialog.statusLabel()->text(), QStringLiteral("Bob is in this room already."));
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_EQ(dialog.actionButton()->text(), QStringLiteral("Invite"));
}

// Answers the portal's Settings.Read for the color-scheme, as
// xdg-desktop-portal does: a variant inside a variant.
class FakePortal : public QDBusVirtualObject {
public:
    std::atomic<uint> scheme{0};

    QString introspect(const QString&) const override { return {}; }

    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override
    {
        if (message.interface() != QLatin1String("org.freedesktop.portal.Settings") ||
            message.member() != QLatin1String("Read")) {
            return false;
        }
        const QList<QVariant> arguments = message.arguments();
        if (arguments.value(0).toString() != QLatin1String("org.freedesktop.appearance") ||
            arguments.value(1).toString() != QLatin1String("color-scheme")) {
            connection.send(message.createErrorReply(
                QStringLiteral("org.freedesktop.portal.Error.NotFound"), QStringLiteral("none")));
            return true;
        }
        const QDBusVariant inner(QVariant::fromValue(scheme.load()));
        connection.send(
            message.createReply(QVariant::fromValue(QDBusVariant(QVariant::fromValue(inner)))));
        return true;
    }
};

// A bus name of this process only: ctest runs tests side by side on one bus.
QString uniqueName(const char* what)
{
    return QStringLiteral("org.confab.test.%1.p%2")
        .arg(QLatin1String(what))
        .arg(QCoreApplication::applicationPid());
}

TEST(Theme, LightAndDarkSetTheWholePalette)
{
    // Nobody owns this name: no portal, so System would use the fallbacks.
    ui::Theme theme(uniqueName("noportal"), nullptr);
    EXPECT_EQ(ui::Theme::instance(), &theme);
    EXPECT_EQ(QApplication::style()->name().toLower(), QStringLiteral("fusion"));

    theme.setChoice(ui::ThemeChoice::Light);
    EXPECT_FALSE(theme.isDark());
    EXPECT_EQ(theme.choice(), ui::ThemeChoice::Light);
    QPalette palette = QApplication::palette();
    EXPECT_GT(palette.color(QPalette::Window).lightness(), 230);
    EXPECT_EQ(palette.color(QPalette::Base), QColor(Qt::white));
    EXPECT_LT(palette.color(QPalette::Text).lightness(), 60);

    QSignalSpy changed(&theme, &ui::Theme::changed);
    theme.setChoice(ui::ThemeChoice::Dark);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_TRUE(changed.at(0).at(0).toBool());
    EXPECT_TRUE(theme.isDark());
    palette = QApplication::palette();
    EXPECT_LT(palette.color(QPalette::Window).lightness(), 50);
    EXPECT_GT(palette.color(QPalette::Text).lightness(), 200);
    // Disabled text is told apart, and a placeholder is not the text.
    EXPECT_LT(palette.color(QPalette::Disabled, QPalette::Text).lightness(),
              palette.color(QPalette::Active, QPalette::Text).lightness());
    EXPECT_NE(palette.color(QPalette::PlaceholderText), palette.color(QPalette::Text));
    EXPECT_LT(theme.colors().ownBubble.lightness(), ui::Theme::colors(false).ownBubble.lightness());

    // The same choice again changes nothing.
    theme.setChoice(ui::ThemeChoice::Dark);
    EXPECT_EQ(changed.count(), 1);
    theme.setChoice(ui::ThemeChoice::Light);
    ASSERT_EQ(changed.count(), 2);
    EXPECT_FALSE(changed.at(1).at(0).toBool());
    EXPECT_GT(QApplication::palette().color(QPalette::Window).lightness(), 230);

    // A theme made for a while stands in for this one, and gives way again.
    {
        ui::Theme other(uniqueName("noportal"), nullptr);
        other.setChoice(ui::ThemeChoice::Dark);
        EXPECT_EQ(ui::Theme::instance(), &other);
        EXPECT_LT(QApplication::palette().color(QPalette::Window).lightness(), 50);
    }
    EXPECT_EQ(ui::Theme::instance(), &theme);
    EXPECT_GT(QApplication::palette().color(QPalette::Window).lightness(), 230);

    EXPECT_EQ(ui::Theme::choiceFromKey(QStringLiteral("dark")), ui::ThemeChoice::Dark);
    EXPECT_EQ(ui::Theme::choiceFromKey(QStringLiteral("light")), ui::ThemeChoice::Light);
    EXPECT_EQ(ui::Theme::choiceFromKey(QStringLiteral("nonsense")), ui::ThemeChoice::System);
    EXPECT_EQ(ui::Theme::keyOf(ui::ThemeChoice::System), QStringLiteral("system"));
}

TEST(Theme, SystemFollowsTheDesktopPortal)
{
    if (!QDBusConnection::sessionBus().isConnected()) {
        GTEST_SKIP() << "no session bus (scripts/test runs the tests in dbus-run-session)";
    }
    FakePortal portal;
    portal.scheme = 1; // prefers dark
    const QString service = uniqueName("portal");
    QDBusConnection bus =
        QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-portal"));
    ASSERT_TRUE(bus.isConnected());
    ASSERT_TRUE(
        bus.registerVirtualObject(QStringLiteral("/org/freedesktop/portal/desktop"), &portal));
    ASSERT_TRUE(bus.registerService(service));
    const auto settingChanged = [&bus](const QString& key, uint value) {
        QDBusMessage signal = QDBusMessage::createSignal(
            QStringLiteral("/org/freedesktop/portal/desktop"),
            QStringLiteral("org.freedesktop.portal.Settings"), QStringLiteral("SettingChanged"));
        signal << QStringLiteral("org.freedesktop.appearance") << key
               << QVariant::fromValue(QDBusVariant(value));
        EXPECT_TRUE(bus.send(signal));
    };

    {
        ui::Theme theme(service, nullptr);
        EXPECT_EQ(theme.choice(), ui::ThemeChoice::System);
        QSignalSpy changed(&theme, &ui::Theme::changed);
        // The answer comes later, never while the constructor waits.
        ASSERT_TRUE(QTest::qWaitFor([&] { return theme.isDark(); }, 5000));
        EXPECT_TRUE(theme.systemPrefersDark());
        EXPECT_LT(QApplication::palette().color(QPalette::Window).lightness(), 50);

        // The desktop switches to light; a change of another setting is
        // not one of the color-scheme (one sender keeps its order).
        changed.clear();
        settingChanged(QStringLiteral("accent-color"), 1);
        settingChanged(QStringLiteral("color-scheme"), 2);
        ASSERT_TRUE(changed.wait(5000));
        ASSERT_EQ(changed.count(), 1);
        EXPECT_FALSE(changed.at(0).at(0).toBool());
        EXPECT_FALSE(theme.isDark());
        EXPECT_GT(QApplication::palette().color(QPalette::Window).lightness(), 230);

        // A choice of the user's own wins over the desktop's.
        settingChanged(QStringLiteral("color-scheme"), 1);
        ASSERT_TRUE(changed.wait(5000));
        EXPECT_TRUE(theme.isDark());
        theme.setChoice(ui::ThemeChoice::Light);
        EXPECT_FALSE(theme.isDark());
        EXPECT_TRUE(theme.systemPrefersDark());
        theme.setChoice(ui::ThemeChoice::System);
        EXPECT_TRUE(theme.isDark());
    }
    bus.unregisterService(service);
    bus.unregisterObject(QStringLiteral("/org/freedesktop/portal/desktop"));
    QDBusConnection::disconnectFromBus(QStringLiteral("fake-portal"));
}

} // namespace
} // namespace confab::test

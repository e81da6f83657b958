#include "Accessibility.h"
#include "TestServer.h"
#include "Widgets.h"
#include "account/AccountContext.h"
#include "account/Client.h"
#include "account/Settings.h"
#include "chat/ChatClient.h"
#include "dialogs/ProfileDialog.h"
#include "dialogs/SettingsDialog.h"
#include "shell/AppController.h"
#include "shell/MainWindow.h"
#include "shell/SignInWindow.h"
#include "shell/Theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>

namespace confab::test {
namespace {

// The app's data, settings and keychain entries in `dir` (and a service
// name of its own), with the confabd of this build.
core::Client::Options appOptions(const TempDir& dir)
{
    core::Client::Options options;
    options.tokenService = QStringLiteral("confab-ui-test-") + QUuid::createUuid().toString();
    options.dataDir = QString::fromStdString(dir.path().string());
    options.confabd = QStringLiteral(CONFABD_PATH);
    options.settingsFile = QString::fromStdString((dir.path() / "settings.ini").string());
    return options;
}

// One run of the app: creates the account anna, "remember me" on, and quits
// (the local server stops with it).
void createAccountAndQuit(const core::Client::Options& options)
{
    core::Client client(options);
    ui::AppController controller(client);
    controller.start();
    ui::SignInWindow& signIn = *controller.signInWindow();
    ASSERT_TRUE(QTest::qWaitFor([&] { return signIn.submitButton()->isEnabled(); }, 20000));
    signIn.modeTabs()->setCurrentIndex(1);
    QTest::keyClicks(signIn.usernameField(), QStringLiteral("anna"));
    QTest::keyClicks(signIn.passwordField(), QStringLiteral("correct horse"));
    QTest::keyClicks(signIn.confirmField(), QStringLiteral("correct horse"));
    QTest::mouseClick(signIn.submitButton(), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return controller.mainWindow() != nullptr; }, 20000));
    client.settings().sync();
}

// The whole app against the real confabd that it starts itself.
class SignInTest : public ::testing::Test {
protected:
    TempDir dir;
    core::Client client{options()};
    ui::AppController controller{client};

    core::Client::Options options() { return appOptions(dir); }

    bool waitFor(const std::function<bool()>& done, int ms = 20000)
    {
        return QTest::qWaitFor(done, ms);
    }

    ui::SignInWindow& signIn() { return *controller.signInWindow(); }

    void startLocal()
    {
        controller.start();
        ASSERT_TRUE(waitFor([&] { return client.state() == core::Client::State::Ready; }))
            << client.errorString().toStdString();
        ASSERT_TRUE(waitFor([&] { return signIn().submitButton()->isEnabled(); }));
    }

    void type(QLineEdit* field, const QString& text)
    {
        field->clear();
        QTest::keyClicks(field, text);
    }

    void createAccount(const QString& username, const QString& password)
    {
        signIn().modeTabs()->setCurrentIndex(1);
        type(signIn().usernameField(), username);
        type(signIn().displayNameField(), QStringLiteral("Anna Example"));
        type(signIn().passwordField(), password);
        type(signIn().confirmField(), password);
        QTest::mouseClick(signIn().submitButton(), Qt::LeftButton);
    }
};

TEST_F(SignInTest, CreatesAnAccountOnTheLocalServerAndEditsTheProfile)
{
    startLocal();
    EXPECT_TRUE(signIn().serverStatus()->text().contains(QStringLiteral("running")))
        << signIn().serverStatus()->text().toStdString();

    createAccount(QStringLiteral("anna"), QStringLiteral("correct horse"));
    ASSERT_TRUE(waitFor([&] { return controller.mainWindow() != nullptr; }));
    ui::MainWindow& main = *controller.mainWindow();
    EXPECT_EQ(main.nameLabel()->text(), QStringLiteral("Anna Example"));
    EXPECT_FALSE(signIn().isVisible());

    // The signed-in account is the registry's; the window shows it.
    ASSERT_EQ(client.accounts().rowCount(), 1);
    core::AccountContext* account = client.accounts().at(0);
    EXPECT_EQ(main.accountContext(), account);
    ui::ProfileDialog dialog(*client.session(), *account->account(), &main);
    dialog.show();
    type(dialog.displayNameField(), QStringLiteral("Anna K."));
    type(dialog.statusField(), QStringLiteral("at the lake"));
    QImage picture(640, 480, QImage::Format_RGB32);
    picture.fill(QColor(30, 120, 200));
    dialog.setAvatarImage(picture);
    QSignalSpy saved(account->account(), &core::Account::profileUpdated);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    ASSERT_TRUE(saved.wait(10000)) << dialog.profileMessage()->text().toStdString();
    EXPECT_EQ(main.nameLabel()->text(), QStringLiteral("Anna K."));
    EXPECT_EQ(client.session()->user().status_text(), "at the lake");
    EXPECT_FALSE(client.session()->user().avatar().empty());
    EXPECT_LE(client.session()->user().avatar().size(), 256u * 1024);

    // A bad value is refused with the field named, and nothing changes.
    type(dialog.displayNameField(), QStringLiteral("   "));
    QSignalSpy failed(account->account(), &core::Account::profileUpdateFailed);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_TRUE(dialog.profileMessage()->text().startsWith(QStringLiteral("Display name")))
        << dialog.profileMessage()->text().toStdString();
    EXPECT_EQ(main.nameLabel()->text(), QStringLiteral("Anna K."));

    // The devices: which app and system each is, and when it was last used.
    dialog.tabs()->setCurrentIndex(2);
    QAbstractItemModel* devices = dialog.devicesView()->model();
    ASSERT_TRUE(waitFor([&] { return devices->rowCount() == 1; }));
    const QString device = devices->index(0, 0).data().toString();
    EXPECT_TRUE(device.startsWith(QStringLiteral("Confab on ") + QSysInfo::prettyProductName()))
        << device.toStdString();
    EXPECT_TRUE(device.contains(QStringLiteral("This device"))) << device.toStdString();
    EXPECT_FALSE(devices->index(0, 0).data(Qt::AccessibleTextRole).toString().isEmpty());
}

TEST_F(SignInTest, SigningOutReturnsToAnEmptySignInTab)
{
    startLocal();
    createAccount(QStringLiteral("anna"), QStringLiteral("correct horse"));
    ASSERT_TRUE(waitFor([&] { return controller.mainWindow() != nullptr; }));
    emit controller.mainWindow()->signOutRequested(false);
    ASSERT_TRUE(
        waitFor([&] { return signIn().isVisible() && controller.mainWindow() == nullptr; }));
    EXPECT_EQ(signIn().modeTabs()->currentIndex(), 0) << "the Sign in tab, not Create account";
    EXPECT_TRUE(signIn().usernameField()->text().isEmpty());
    EXPECT_TRUE(signIn().passwordField()->text().isEmpty());
    EXPECT_TRUE(signIn().confirmField()->text().isEmpty());
    EXPECT_TRUE(signIn().displayNameField()->text().isEmpty());
    EXPECT_FALSE(signIn().displayNameField()->isVisible());
}

TEST_F(SignInTest, ShowsEachErrorNextToItsField)
{
    startLocal();
    createAccount(QStringLiteral("Not Valid!"), QStringLiteral("correct horse"));
    QLabel* usernameError = signIn().fieldError(QStringLiteral("username"));
    ASSERT_TRUE(waitFor([&] { return usernameError->isVisible(); }));
    EXPECT_TRUE(usernameError->text().contains(QStringLiteral("3 to 32")))
        << usernameError->text().toStdString();

    createAccount(QStringLiteral("anna"), QStringLiteral("short"));
    QLabel* passwordError = signIn().fieldError(QStringLiteral("password"));
    ASSERT_TRUE(waitFor([&] { return passwordError->isVisible(); }));
    EXPECT_TRUE(passwordError->text().contains(QStringLiteral("8 characters")));

    // The two passwords differ: caught before anything is sent.
    signIn().modeTabs()->setCurrentIndex(1);
    type(signIn().usernameField(), QStringLiteral("anna"));
    type(signIn().passwordField(), QStringLiteral("correct horse"));
    type(signIn().confirmField(), QStringLiteral("correct hose"));
    QTest::mouseClick(signIn().submitButton(), Qt::LeftButton);
    EXPECT_TRUE(signIn().fieldError(QStringLiteral("confirm"))->isVisible());

    // Wrong password on sign-in: a message for the form.
    createAccount(QStringLiteral("bob"), QStringLiteral("correct horse"));
    ASSERT_TRUE(waitFor([&] { return controller.mainWindow() != nullptr; }));
    client.session()->logout();
    ASSERT_TRUE(waitFor([&] { return signIn().isVisible(); }));
    signIn().modeTabs()->setCurrentIndex(0);
    type(signIn().usernameField(), QStringLiteral("bob"));
    type(signIn().passwordField(), QStringLiteral("wrong password"));
    QTest::mouseClick(signIn().submitButton(), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return signIn().errorLabel()->isVisible(); }));
    EXPECT_TRUE(signIn().errorLabel()->text().contains(QStringLiteral("not correct")))
        << signIn().errorLabel()->text().toStdString();

    // Errors are in the theme's error colour, not the selection's.
    const QColor error = ui::Theme::currentColors().failed;
    EXPECT_EQ(signIn().errorLabel()->palette().color(QPalette::WindowText), error);
    EXPECT_EQ(usernameError->palette().color(QPalette::WindowText), error);
    EXPECT_NE(error, signIn().palette().color(QPalette::Highlight));
}

// A screen reader gets what the form says: errors and the server's state
// are exposed as text (not as a purpose name) and linked to their field, and
// focus goes where the user has to act. (That changes are read out is heard
// through AT-SPI in the a11y walk.)
TEST_F(SignInTest, ErrorsAreHeardAndLinkedToTheirFieldWhichGetsTheFocus)
{
    startLocal();
    EXPECT_EQ(signIn().focusWidget(), signIn().usernameField()) << "first focus";
    EXPECT_EQ(accessibleRole(&signIn()), QAccessible::Window);
    // The tab list is named for what it holds, its tabs by theirs.
    QAccessibleInterface* modes = QAccessible::queryAccessibleInterface(signIn().modeTabs());
    ASSERT_NE(modes, nullptr);
    EXPECT_EQ(modes->role(), QAccessible::PageTabList);
    EXPECT_EQ(modes->text(QAccessible::Name), QStringLiteral("Sign in or create an account"));
    ASSERT_EQ(modes->childCount(), 2);
    EXPECT_EQ(modes->child(1)->text(QAccessible::Name), QStringLiteral("Create account"));
    EXPECT_EQ(modes->child(1)->role(), QAccessible::PageTab);
    EXPECT_TRUE(modes->child(0)->state().selected);
    EXPECT_EQ(modes->indexOfChild(modes->child(1)), 1);
    modes->child(1)->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
    EXPECT_EQ(signIn().modeTabs()->currentIndex(), 1);
    EXPECT_TRUE(modes->child(1)->state().selected);
    signIn().modeTabs()->setCurrentIndex(0);
    QLabel* status = signIn().serverStatus();
    EXPECT_EQ(accessibleText(status), status->text());
    EXPECT_FALSE(status->text().isEmpty());

    createAccount(QStringLiteral("Not Valid!"), QStringLiteral("correct horse"));
    QLabel* usernameError = signIn().fieldError(QStringLiteral("username"));
    ASSERT_TRUE(waitFor([&] { return usernameError->isVisible(); }));
    EXPECT_EQ(accessibleText(usernameError), usernameError->text());
    // Screen readers speak a notification when it shows.
    EXPECT_EQ(accessibleRole(usernameError), QAccessible::Notification);
    EXPECT_EQ(accessibleText(usernameError, QAccessible::Description), QStringLiteral("Error"));
    EXPECT_EQ(accessibleText(signIn().usernameField(), QAccessible::Description),
              usernameError->text());
    EXPECT_EQ(signIn().focusWidget(), signIn().usernameField());

    // Put right, the field no longer describes an error.
    createAccount(QStringLiteral("bob"), QStringLiteral("correct horse"));
    ASSERT_TRUE(waitFor([&] { return controller.mainWindow() != nullptr; }));
    EXPECT_TRUE(accessibleText(signIn().usernameField(), QAccessible::Description).isEmpty());
    client.session()->logout();
    ASSERT_TRUE(waitFor([&] { return signIn().isVisible(); }));

    // A wrong password: heard, and the password is where to type again.
    for (int attempt = 0; attempt < 2; ++attempt) {
        type(signIn().usernameField(), QStringLiteral("bob"));
        type(signIn().passwordField(), QStringLiteral("wrong password"));
        QTest::mouseClick(signIn().submitButton(), Qt::LeftButton);
        ASSERT_TRUE(waitFor([&] { return signIn().errorLabel()->isVisible(); }));
        QLabel* error = signIn().errorLabel();
        EXPECT_EQ(accessibleText(error), error->text());
        EXPECT_TRUE(error->text().contains(QStringLiteral("not correct")));
        EXPECT_EQ(signIn().focusWidget(), signIn().passwordField()) << attempt;
        ASSERT_TRUE(waitFor([&] { return signIn().submitButton()->isEnabled(); }));
    }
}

TEST(AppRestart, SignsInFromTheKeychainWithoutAPassword)
{
    TempDir dir;
    const core::Client::Options options = appOptions(dir);
    ASSERT_NO_FATAL_FAILURE(createAccountAndQuit(options));

    core::Client client(options);
    ui::AppController controller(client);
    controller.start();
    // No typing at all this time.
    ASSERT_TRUE(QTest::qWaitFor([&] { return controller.mainWindow() != nullptr; }, 20000))
        << client.errorString().toStdString();
    EXPECT_EQ(controller.mainWindow()->nameLabel()->text(), QStringLiteral("anna"));
    EXPECT_EQ(client.session()->state(), core::Session::State::SignedIn);
}

TEST_F(SignInTest, SaysWhenTheLocalServerDiesAndRestartsItOnItsOwn)
{
    startLocal();
    createAccount(QStringLiteral("anna"), QStringLiteral("correct horse"));
    ASSERT_TRUE(waitFor([&] { return controller.mainWindow() != nullptr; }));
    ui::MainWindow* main = controller.mainWindow();
    EXPECT_FALSE(main->noticeLabel()->isVisible());
    core::Session* session = client.session();
    ASSERT_TRUE(
        waitFor([&] { return main->chat()->connectionState() == core::EventStream::State::Live; }));

    core::LocalServer* server = client.localServer();
    ASSERT_NE(server, nullptr);
    const qint64 firstPid = server->processId();
    const int port = server->port();
    ASSERT_GT(firstPid, 0);
    QSignalSpy restarting(&client, &core::Client::localServerRestarting);
    ::kill(static_cast<pid_t>(firstPid), SIGKILL);
    ASSERT_TRUE(waitFor([&] { return main->noticeLabel()->isVisible(); }));
    EXPECT_TRUE(main->noticeLabel()->text().contains(QStringLiteral("Starting it again")))
        << main->noticeLabel()->text().toStdString();
    EXPECT_EQ(restarting.count(), 1);

    // Back on the same port: the same window and session carry on, live.
    ASSERT_TRUE(waitFor([&] {
        return server->state() == core::LocalServer::State::Running &&
               !main->noticeLabel()->isVisible();
    }));
    EXPECT_NE(server->processId(), firstPid);
    EXPECT_EQ(server->port(), port);
    EXPECT_EQ(controller.mainWindow(), main);
    EXPECT_EQ(client.session(), session);
    EXPECT_EQ(session->state(), core::Session::State::SignedIn);
    ASSERT_TRUE(
        waitFor([&] { return main->chat()->connectionState() == core::EventStream::State::Live; }));
}

TEST_F(SignInTest, KeepsRestartingTheLocalServerUntilItComesBack)
{
    startLocal();
    createAccount(QStringLiteral("anna"), QStringLiteral("correct horse"));
    ASSERT_TRUE(waitFor([&] { return controller.mainWindow() != nullptr; }));
    ui::MainWindow* main = controller.mainWindow();
    core::LocalServer* server = client.localServer();
    ASSERT_TRUE(
        waitFor([&] { return main->chat()->connectionState() == core::EventStream::State::Live; }));
    const int port = server->port();

    // The server dies, and its next start fails too: its database is not
    // one, for now.
    const std::filesystem::path data = dir.path() / "server" / "server";
    const std::filesystem::path aside = dir.path() / "aside";
    std::filesystem::create_directories(aside);
    QSignalSpy restarting(&client, &core::Client::localServerRestarting);
    ::kill(static_cast<pid_t>(server->processId()), SIGKILL);
    for (const char* name : {"confab.db", "confab.db-wal", "confab.db-shm"}) {
        if (std::filesystem::exists(data / name)) {
            std::filesystem::rename(data / name, aside / name);
        }
    }
    std::ofstream(data / "confab.db") << std::string(8192, 'x');
    ASSERT_TRUE(waitFor([&] { return restarting.count() >= 2; }))
        << "a failed restart is tried again; restarts: " << restarting.count();
    const QString notice = main->noticeLabel()->text();
    EXPECT_TRUE(main->noticeLabel()->isVisible());
    EXPECT_FALSE(notice.contains(QStringLiteral("not a database")) ||
                 notice.contains(QStringLiteral("critical")) ||
                 notice.contains(QStringLiteral("exited with code")))
        << "the notice is a sentence, not the server's log: " << notice.toStdString();

    // The database is back: so is the server, on its port, with the session.
    for (const char* name : {"confab.db", "confab.db-wal", "confab.db-shm"}) {
        std::filesystem::remove(data / name);
        if (std::filesystem::exists(aside / name)) {
            std::filesystem::rename(aside / name, data / name);
        }
    }
    ASSERT_TRUE(waitFor(
        [&] {
            return server->state() == core::LocalServer::State::Running &&
                   !main->noticeLabel()->isVisible();
        },
        40000));
    EXPECT_EQ(server->port(), port);
    EXPECT_EQ(controller.mainWindow(), main);
    ASSERT_TRUE(
        waitFor([&] { return main->chat()->connectionState() == core::EventStream::State::Live; }));
}

TEST_F(SignInTest, RestartFromTheSettingsSignsInAgainFromTheKeychain)
{
    startLocal();
    createAccount(QStringLiteral("anna"), QStringLiteral("correct horse"));
    ASSERT_TRUE(waitFor([&] { return controller.mainWindow() != nullptr; }));

    // What "Restart the server" in the settings does.
    client.restartLocalServer();
    ASSERT_TRUE(waitFor([&] { return client.state() == core::Client::State::Ready; }));
    EXPECT_EQ(client.localServer()->state(), core::LocalServer::State::Running);
    // Signed in again from the keychain, on a fresh main window.
    ASSERT_TRUE(waitFor([&] {
        return client.session()->state() == core::Session::State::SignedIn &&
               controller.mainWindow() != nullptr;
    }));
    EXPECT_EQ(controller.mainWindow()->nameLabel()->text(), QStringLiteral("Anna Example"));
}

TEST_F(SignInTest, SignInGoesOnlyToTheServerTheFormShows)
{
    // A second server, as another machine would run it.
    TestServer other;
    startLocal();

    // "Another server" chosen and its address typed, Connect not pressed:
    // the form no longer shows the server the app is connected to.
    signIn().remoteChoice()->setChecked(true);
    type(signIn().addressField(), QString::fromStdString(other.target()));
    signIn().modeTabs()->setCurrentIndex(1);
    type(signIn().usernameField(), QStringLiteral("anna"));
    type(signIn().passwordField(), QStringLiteral("correct horse"));
    type(signIn().confirmField(), QStringLiteral("correct horse"));
    EXPECT_FALSE(signIn().submitButton()->isEnabled());
    QTest::keyClick(signIn().confirmField(), Qt::Key_Return);
    QTest::qWait(300);
    EXPECT_EQ(controller.mainWindow(), nullptr) << "nothing was sent to the local server";
    EXPECT_TRUE(signIn().serverStatus()->text().contains(QStringLiteral("Connect")))
        << signIn().serverStatus()->text().toStdString();

    // Unencrypted, as the test server is; once connected, it is that server
    // the account is made on.
    signIn().insecureBox()->setChecked(true);
    QTest::mouseClick(signIn().connectButton(), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] {
        return client.state() == core::Client::State::Ready && signIn().submitButton()->isEnabled();
    }));
    EXPECT_EQ(client.serverKey().toStdString(), other.target());
    QTest::mouseClick(signIn().submitButton(), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return controller.mainWindow() != nullptr; }));
    Client raw(other.channel());
    v1::Session session;
    EXPECT_TRUE(raw.login("anna", "correct horse", &session).ok())
        << "the account is on the server the form showed";
}

// Run by ctest where no keychain can be had (no secret service on the bus);
// skipped elsewhere.
TEST(KeychainUnavailableApp, SaysTheKeychainIsMissingRatherThanABadPassword)
{
    if (qEnvironmentVariableIsEmpty("CONFAB_TEST_EXPECT_NO_KEYCHAIN")) {
        GTEST_SKIP() << "needs a session bus without a secret service";
    }
    TempDir dir;
    const core::Client::Options options = appOptions(dir);
    // Signed in for this run only: the token had nowhere to go.
    ASSERT_NO_FATAL_FAILURE(createAccountAndQuit(options));

    // The next start finds no keychain to sign in from, and says so.
    core::Client client(options);
    ui::AppController controller(client);
    controller.start();
    ui::SignInWindow& signIn = *controller.signInWindow();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return client.state() == core::Client::State::Ready &&
                   signIn.submitButton()->isEnabled();
        },
        20000));
    EXPECT_EQ(controller.mainWindow(), nullptr);
    const QString shown = signIn.errorLabel()->text();
    EXPECT_TRUE(shown.contains(QStringLiteral("keychain"))) << shown.toStdString();
    EXPECT_FALSE(shown.contains(QStringLiteral("not correct"))) << shown.toStdString();
}

TEST_F(SignInTest, RestartTheServerFromTheSettingsDialogKeepsTheAppRunning)
{
    startLocal();
    createAccount(QStringLiteral("anna"), QStringLiteral("correct horse"));
    ASSERT_TRUE(waitFor([&] { return controller.mainWindow() != nullptr; }));
    QPointer<ui::MainWindow> main = controller.mainWindow();
    QAction* settings = menuAction(main, ui::MainWindow::tr("&Settings…"));
    ASSERT_NE(settings, nullptr);

    // The action returns at once, the dialog open (a dialog run inside the
    // action's call would still be running here, and outlive its window).
    // Should it not return, the dialog is closed after a while so that the
    // test fails instead of hanging.
    QTimer::singleShot(3000, [] {
        if (QWidget* modal = QApplication::activeModalWidget()) {
            modal->close();
        }
    });
    settings->trigger();
    QPointer<ui::SettingsDialog> dialog = main->findChild<ui::SettingsDialog*>();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(dialog->isVisible());
    ASSERT_TRUE(dialog->restartButton()->isVisible());
    // The address others on this computer can use, ready to copy.
    const QString address = client.localServer()->target();
    ASSERT_TRUE(address.startsWith(QStringLiteral("127.0.0.1:"))) << address.toStdString();
    ASSERT_NE(dialog->serverAddress(), nullptr);
    EXPECT_TRUE(dialog->serverAddress()->isVisible());
    EXPECT_TRUE(dialog->serverAddress()->isReadOnly());
    EXPECT_EQ(dialog->serverAddress()->text(), address);
    EXPECT_FALSE(dialog->serverAddress()->accessibleName().isEmpty());

    // Restarting ends the session, and with it the window and its dialog.
    QTest::mouseClick(dialog->restartButton(), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return client.state() == core::Client::State::Ready; }));
    ASSERT_TRUE(waitFor([&] {
        return client.session()->state() == core::Session::State::SignedIn &&
               controller.mainWindow() != nullptr;
    }));
    EXPECT_TRUE(main.isNull()) << "the old window is gone";
    EXPECT_TRUE(dialog.isNull()) << "and its dialog with it";
    EXPECT_EQ(controller.mainWindow()->nameLabel()->text(), QStringLiteral("Anna Example"));
    EXPECT_EQ(client.localServer()->state(), core::LocalServer::State::Running);
    // On the same address as before.
    EXPECT_EQ(client.localServer()->target(), address);
}

// Someone who uses another server does not get an idle server of their own.
TEST(AppStart, AnotherServerChosenStartsNoLocalServer)
{
    TempDir dir;
    const core::Client::Options options = appOptions(dir);
    {
        core::Settings settings(options.settingsFile);
        settings.setServerMode(QStringLiteral("remote"));
        settings.setRemoteAddress(QStringLiteral("127.0.0.1:1"));
        settings.setInsecure(true);
    }
    core::Client client(options);
    ui::AppController controller(client);
    controller.start();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return client.state() == core::Client::State::Ready ||
                   client.state() == core::Client::State::Failed;
        },
        20000));
    EXPECT_EQ(client.serverKey(), QStringLiteral("127.0.0.1:1"));
    EXPECT_EQ(client.localServer(), nullptr);
}

} // namespace
} // namespace confab::test

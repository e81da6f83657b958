// Drives the real app through its first screens and saves a PNG of each,
// taken from the screen (run it under Xvfb: scripts/screenshot).

#include "AppController.h"
#include "Client.h"
#include "MainWindow.h"
#include "ProfileDialog.h"
#include "SignInWindow.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QTabBar>
#include <QTest>
#include <QUuid>

#include <cstdio>

namespace {

bool save(QWidget* window, const QDir& dir, const QString& name)
{
    window->raise();
    window->activateWindow();
    QTest::qWait(400);
    const QPixmap shot = window->screen()->grabWindow(window->winId());
    const QString path = dir.filePath(name + QStringLiteral(".png"));
    if (shot.isNull() || !shot.save(path)) {
        std::fprintf(stderr, "could not save %s\n", qPrintable(path));
        return false;
    }
    std::printf("%s\n", qPrintable(path));
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("confab"));
    QApplication::setOrganizationName(QStringLiteral("confab"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    QDir out(QString::fromLocal8Bit(argv[1]));
    out.mkpath(QStringLiteral("."));

    confab::core::Client::Options options;
    options.confabd = QStringLiteral(CONFABD_PATH);
    confab::core::Client client(options);
    confab::ui::AppController controller(client);
    controller.start();
    confab::ui::SignInWindow& signIn = *controller.signInWindow();
    if (!QTest::qWaitFor([&] { return signIn.submitButton()->isEnabled(); }, 30000)) {
        std::fprintf(stderr, "the local server did not start: %s\n",
                     qPrintable(client.errorString()));
        return 1;
    }
    signIn.modeTabs()->setCurrentIndex(1);
    QTest::keyClicks(signIn.usernameField(), QStringLiteral("anna"));
    QTest::keyClicks(signIn.displayNameField(), QStringLiteral("Anna Lindqvist"));
    QTest::keyClicks(signIn.passwordField(), QStringLiteral("correct horse"));
    QTest::keyClicks(signIn.confirmField(), QStringLiteral("correct horse"));
    bool ok = save(&signIn, out, QStringLiteral("sign-in"));

    QTest::mouseClick(signIn.submitButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return controller.mainWindow() != nullptr; }, 30000)) {
        std::fprintf(stderr, "sign-in did not complete\n");
        return 1;
    }
    confab::ui::MainWindow& main = *controller.mainWindow();
    confab::ui::ProfileDialog profile(*client.session(), *client.account(), &main);
    profile.show();
    profile.statusField()->setText(QStringLiteral("Working from the lake house"));
    QImage picture(400, 400, QImage::Format_RGB32);
    for (int y = 0; y < picture.height(); ++y) {
        for (int x = 0; x < picture.width(); ++x) {
            picture.setPixelColor(x, y, QColor::fromHsv((x + y) / 3 % 360, 120, 200));
        }
    }
    profile.setAvatarImage(picture);
    QTest::mouseClick(profile.saveButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return !client.session()->user().avatar().empty(); }, 10000)) {
        std::fprintf(stderr, "the profile was not saved\n");
        ok = false;
    }
    ok = save(&profile, out, QStringLiteral("profile")) && ok;
    profile.hide();
    ok = save(&main, out, QStringLiteral("main-window")) && ok;
    return ok ? 0 : 1;
}

// Drives the real app through its first screens and saves a PNG of each,
// taken from the screen (run it under Xvfb: scripts/screenshot).

#include "account/AccountContext.h"
#include "account/Client.h"
#include "chat/Attaching.h"
#include "chat/AttachmentTray.h"
#include "chat/ChatClient.h"
#include "chat/ChatView.h"
#include "chat/Composer.h"
#include "chat/ImageViewer.h"
#include "chat/SearchPanel.h"
#include "delegates/Avatar.h"
#include "dialogs/DirectoryDialog.h"
#include "dialogs/ProfileDialog.h"
#include "shell/AppController.h"
#include "shell/MainWindow.h"
#include "shell/SignInWindow.h"
#include "shell/Theme.h"
#include "shell/Translations.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUuid>

#include <cstdio>

namespace {

QImage gradient(int hue)
{
    QImage picture(400, 400, QImage::Format_RGB32);
    for (int y = 0; y < picture.height(); ++y) {
        for (int x = 0; x < picture.width(); ++x) {
            picture.setPixelColor(x, y, QColor::fromHsv((hue + (x + y) / 3) % 360, 120, 200));
        }
    }
    return picture;
}

// Another person on the same server, through the chat core.
struct Peer {
    std::unique_ptr<confab::core::Session> session;
    std::unique_ptr<confab::core::Account> account;
    std::unique_ptr<confab::core::ChatClient> chat;
};

// A picture to share: a lake under mountains at `hour` (morning or evening).
QImage landscape(int width, int height, bool evening)
{
    QImage image(width, height, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, height * 0.6);
    sky.setColorAt(0, evening ? QColor(58, 44, 110) : QColor(70, 140, 220));
    sky.setColorAt(1, evening ? QColor(250, 150, 90) : QColor(190, 225, 250));
    painter.fillRect(image.rect(), sky);
    painter.setPen(Qt::NoPen);
    painter.setBrush(evening ? QColor(255, 210, 120) : QColor(255, 250, 220));
    painter.drawEllipse(QPointF(width * 0.72, height * 0.28), height * 0.08, height * 0.08);
    const auto ridge = [&](double base, double peak, QColor colour, int seed) {
        QPainterPath path;
        path.moveTo(0, height * base);
        for (int i = 0; i <= 8; ++i) {
            const double x = width * i / 8.0;
            const double y = height * (base - ((i * 37 + seed) % 5) * peak / 4.0);
            path.lineTo(x, y);
        }
        path.lineTo(width, height);
        path.lineTo(0, height);
        painter.setBrush(colour);
        painter.drawPath(path);
    };
    ridge(0.55, 0.22, evening ? QColor(90, 60, 110) : QColor(110, 130, 160), 3);
    ridge(0.62, 0.14, evening ? QColor(60, 40, 80) : QColor(60, 100, 80), 1);
    QLinearGradient lake(0, height * 0.7, 0, height);
    lake.setColorAt(0, evening ? QColor(200, 120, 110) : QColor(90, 160, 210));
    lake.setColorAt(1, evening ? QColor(40, 30, 70) : QColor(30, 80, 130));
    painter.fillRect(QRectF(0, height * 0.72, width, height * 0.28), lake);
    return image;
}

bool wait(const std::function<bool()>& done, const char* what, int ms = 15000)
{
    if (QTest::qWaitFor(done, ms)) {
        return true;
    }
    std::fprintf(stderr, "timed out: %s\n", what);
    return false;
}

std::unique_ptr<Peer> signUp(const QString& target, const QString& username,
                             const QString& displayName, const QString& dataDir)
{
    auto peer = std::make_unique<Peer>();
    peer->session = std::make_unique<confab::core::Session>(
        std::make_shared<confab::core::Connection>(target, confab::core::Connection::Security{}),
        QStringLiteral("local"), nullptr);
    peer->session->registerAccount(username, QStringLiteral("correct horse"), displayName, false);
    if (!wait([&] { return peer->session->state() == confab::core::Session::State::SignedIn; },
              "peer sign-up")) {
        return nullptr;
    }
    peer->account = std::make_unique<confab::core::Account>(*peer->session);
    peer->chat = std::make_unique<confab::core::ChatClient>(
        *peer->session, confab::core::ChatClient::Options{dataDir, {}});
    peer->chat->start();
    return peer;
}

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
    confab::ui::Theme theme;
    theme.setChoice(confab::ui::ThemeChoice::Light);
    confab::ui::installTranslations(QStringLiteral("en"));
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
    // A failed sign-in, with its error.
    QTest::keyClicks(signIn.usernameField(), QStringLiteral("anna"));
    QTest::keyClicks(signIn.passwordField(), QStringLiteral("wrong horse"));
    QTest::mouseClick(signIn.submitButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return signIn.errorLabel()->isVisible(); }, 10000)) {
        std::fprintf(stderr, "the failed sign-in showed no error\n");
        return 1;
    }
    bool ok = save(&signIn, out, QStringLiteral("sign-in-failed"));
    signIn.usernameField()->clear();
    signIn.passwordField()->clear();

    signIn.modeTabs()->setCurrentIndex(1);
    QTest::keyClicks(signIn.usernameField(), QStringLiteral("anna"));
    QTest::keyClicks(signIn.displayNameField(), QStringLiteral("Anna Lindqvist"));
    QTest::keyClicks(signIn.passwordField(), QStringLiteral("correct horse"));
    QTest::keyClicks(signIn.confirmField(), QStringLiteral("correct horse"));
    ok = save(&signIn, out, QStringLiteral("sign-in")) && ok;

    QTest::mouseClick(signIn.submitButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return controller.mainWindow() != nullptr; }, 30000)) {
        std::fprintf(stderr, "sign-in did not complete\n");
        return 1;
    }
    confab::ui::MainWindow& main = *controller.mainWindow();
    confab::ui::ProfileDialog profile(*client.session(), *main.accountContext()->account(), &main);
    profile.show();
    profile.statusField()->setText(QStringLiteral("Working from the lake house"));
    profile.setAvatarImage(gradient(0));
    QTest::mouseClick(profile.saveButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return !client.session()->user().avatar().empty(); }, 10000)) {
        std::fprintf(stderr, "the profile was not saved\n");
        ok = false;
    }
    ok = save(&profile, out, QStringLiteral("profile")) && ok;
    profile.hide();

    // Bob and Chen join the server; Bob has a picture.
    const QString target = client.localServer()->target();
    QTemporaryDir peersDir;
    const QString peers = peersDir.path();
    auto bob = signUp(target, QStringLiteral("bob"), QStringLiteral("Bob Marsh"), peers + "/bob");
    auto chen = signUp(target, QStringLiteral("chen"), QStringLiteral("Chen Wei"), peers + "/chen");
    if (!bob || !chen) {
        return 1;
    }
    confab::core::Account::ProfileChange bobsPicture;
    bobsPicture.avatar = confab::ui::encodeAvatar(gradient(200));
    bobsPicture.statusText = QStringLiteral("Packing");
    bob->account->updateProfile(bobsPicture);

    confab::core::ChatClient& anna = *main.chat();
    // A quiet room, a direct conversation, and the trip, busiest last.
    QSignalSpy created(bob->chat.get(), &confab::core::ChatClient::roomCreated);
    bob->chat->createRoom(QStringLiteral("Book club"), QStringLiteral("March: The Overstory"), true,
                          {QStringLiteral("anna"), QStringLiteral("chen")});
    wait([&] { return created.count() == 1; }, "room");
    const QString bookClub = created.at(0).at(0).toString();
    bob->chat->sendMessage(bookClub, QStringLiteral("Chapter 4 is where it gets good"));
    QSignalSpy direct(chen->chat.get(), &confab::core::ChatClient::directRoomOpened);
    chen->chat->openDirectRoom(QStringLiteral("anna"));
    wait([&] { return direct.count() == 1; }, "direct room");
    const QString dm = direct.at(0).at(0).toString();
    chen->chat->sendMessage(dm, QStringLiteral("Are you coming on Saturday?"));
    bob->chat->createRoom(QStringLiteral("Weekend trip"), QStringLiteral("Lake Tahoe, 14–16 March"),
                          false, {QStringLiteral("anna"), QStringLiteral("chen")});
    wait([&] { return created.count() == 2; }, "room");
    const QString trip = created.at(1).at(0).toString();
    wait([&] { return anna.rooms()->contains(trip) && anna.rooms()->contains(dm); },
         "rooms at Anna's");
    main.openRoom(trip);

    struct Line {
        confab::core::ChatClient* who;
        const char* text;
    };
    const std::vector<Line> script = {
        {bob->chat.get(), "Morning! Cabin is booked for Friday to Sunday"},
        {&anna, "Amazing, thank you for sorting that out"},
        {chen->chat.get(), "Who is driving?"},
        {bob->chat.get(), "I can take four in the van"},
        {&anna, "I'll bring the camera and the board games"},
        {chen->chat.get(), "Count me in for the van"},
        {bob->chat.get(), "Weather says sunny on Saturday, snow on Sunday morning"},
        {&anna, "Then let's do the long hike on Saturday"},
        {chen->chat.get(), "The ridge trail? It's about 14 km"},
        {&anna, "Yes, the ridge trail. We start early, around eight"},
        {bob->chat.get(), "Eight it is. I'll bring coffee in the big thermos"},
        {chen->chat.get(), "What about food for Friday night?"},
        {&anna, "Pasta night? I can cook"},
        {bob->chat.get(), "Yes please"},
        {chen->chat.get(), "I'll get the groceries on the way"},
        {&anna, "Shopping list:\n- pasta and tomatoes\n- parmesan\n- something green"},
        {bob->chat.get(), "Add marshmallows, there is a fire pit"},
        {chen->chat.get(), "Done, added"},
        {&anna, "Does anyone have snow chains?"},
        {bob->chat.get(), "The van has them"},
        {chen->chat.get(), "Leaving from mine at 5 on Friday?"},
        {&anna, "5 works for me"},
        {bob->chat.get(), "Same. See you all then"},
        {chen->chat.get(), "Can't wait"},
        {&anna, "Me neither. Packing tonight"},
        {bob->chat.get(), "Don't forget warm socks"},
        {&anna, "Noted. Should we split the cabin cost now?"},
        {chen->chat.get(), "Send me the total and I'll pay my part"},
        {bob->chat.get(), "It's 480 for three nights, so 160 each"},
        {&anna, "Sent!"},
        {chen->chat.get(), "Sent as well"},
        {bob->chat.get(), "Got both, thanks"},
    };
    for (const Line& line : script) {
        const quint64 before = anna.rooms()->lastSeq(trip);
        line.who->sendMessage(trip, QString::fromUtf8(line.text));
        ok = wait([&] { return anna.rooms()->lastSeq(trip) > before; }, "message") && ok;
    }
    confab::core::TimelineModel* timeline = anna.timeline(trip);
    auto rowOf = [&](const QString& text) {
        for (int row = timeline->rowCount() - 1; row >= 0; --row) {
            if (timeline->index(row).data(confab::core::TimelineModel::TextRole) == text) {
                return row;
            }
        }
        return -1;
    };
    // Anna fixes a message, Bob answers one with a reply, and types.
    const QString packing = timeline->index(rowOf(QStringLiteral("Me neither. Packing tonight")))
                                .data(confab::core::TimelineModel::IdRole)
                                .toString();
    anna.editMessage(packing, QStringLiteral("Me neither. Packing tonight, all of it"));
    const QString split =
        timeline->index(rowOf(QStringLiteral("Noted. Should we split the cabin cost now?")))
            .data(confab::core::TimelineModel::IdRole)
            .toString();
    const quint64 beforeReply = anna.rooms()->lastSeq(trip);
    bob->chat->sendMessage(trip, QStringLiteral("Yes, I'll post the numbers in a minute"), split);
    ok = wait([&] { return anna.rooms()->lastSeq(trip) > beforeReply + 1; }, "reply") && ok;
    bob->chat->userTyping(trip);
    main.chatView()->composer()->setPlainText(QStringLiteral("See you Friday!"));
    main.chatView()->membersButton()->setChecked(true);
    wait([&] { return !main.chatView()->typingLabel()->text().isEmpty(); }, "typing", 5000);
    QTest::qWait(500);
    ok = save(&main, out, QStringLiteral("main-window")) && ok;

    confab::ui::Theme::instance()->setChoice(confab::ui::ThemeChoice::Dark);
    bob->chat->userTyping(trip);
    QTest::qWait(300);
    ok = save(&main, out, QStringLiteral("main-window-dark")) && ok;
    confab::ui::Theme::instance()->setChoice(confab::ui::ThemeChoice::Light);

    // Joining a public room: the directory.
    confab::ui::DirectoryDialog directory(anna, &main);
    directory.show();
    wait([&] { return anna.directory()->rowCount() > 0; }, "directory", 5000);
    ok = save(&directory, out, QStringLiteral("join-room")) && ok;
    directory.hide();

    // A conversation in emoji, as people write.
    created.clear();
    bob->chat->createRoom(QStringLiteral("Party 🎉"), QStringLiteral("Saturday at Chen's 🏠"), false,
                          {QStringLiteral("anna"), QStringLiteral("chen")});
    wait([&] { return created.count() == 1; }, "room");
    const QString party = created.at(0).at(0).toString();
    wait([&] { return anna.rooms()->contains(party); }, "party at Anna's");
    main.openRoom(party);
    const std::vector<Line> emoji = {
        {bob->chat.get(), "Chen got the job!!! 🎉🎉🎉"},
        {&anna, "Congratulations! 🥳👏"},
        {chen->chat.get(), "Thank you 😊 party at mine on Saturday 🍕🎂"},
        {bob->chat.get(), "👍👍"},
        {&anna, "I'll bring the family 👩‍👩‍👧‍👦 and a cake 🍰"},
        {chen->chat.get(), "❤️ see you all ☀️"},
        {chen->chat.get(),
         "For the GPS, **door code** `4812`:\n```\n12 Ridge Road\nTahoe City, CA\n```\n"
         "Map: https://www.openstreetmap.org/#map=15/39.17/-120.14"},
        {&anna, "> party at mine on Saturday\n\nWhat time? *I'll be late*"},
    };
    for (const Line& line : emoji) {
        const quint64 before = anna.rooms()->lastSeq(party);
        line.who->sendMessage(party, QString::fromUtf8(line.text));
        ok = wait([&] { return anna.rooms()->lastSeq(party) > before; }, "message") && ok;
    }
    // Reactions, a mention of Anna, and an invitation waiting in the list.
    confab::core::TimelineModel* partyTimeline = anna.timeline(party);
    const auto partyMessage = [&](const char* text) {
        for (int row = partyTimeline->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = partyTimeline->index(row);
            if (index.data(confab::core::TimelineModel::TextRole) == QString::fromUtf8(text)) {
                return index.data(confab::core::TimelineModel::IdRole).toString();
            }
        }
        return QString();
    };
    const QString job = partyMessage("Chen got the job!!! 🎉🎉🎉");
    anna.react(job, QStringLiteral("🎉"));
    chen->chat->react(job, QStringLiteral("❤️"));
    bob->chat->react(job, QStringLiteral("🎉"));
    const QString cake =
        partyMessage("I'll bring the family 👩‍👩‍👧‍👦 and a cake 🍰");
    chen->chat->react(cake, QStringLiteral("😂"));
    bob->chat->sendMessage(party, QStringLiteral("@anna can you bring the speaker too?"));
    QSignalSpy chensRooms(chen->chat.get(), &confab::core::ChatClient::roomCreated);
    chen->chat->createRoom(QStringLiteral("Climbing Tuesdays"), {}, false, {});
    if (!wait([&] { return chensRooms.count() == 1; }, "climbing room")) {
        return 1;
    }
    const QString climbing = chensRooms.at(0).at(0).toString();
    chen->chat->invite(climbing, QStringLiteral("anna"));
    ok = wait([&] { return anna.invites()->rowCount() == 1; }, "invitation") && ok;
    ok = wait(
             [&] {
                 const int row = partyTimeline->rowCount() - 1;
                 return row >= 0 &&
                        partyTimeline->index(row)
                            .data(confab::core::TimelineModel::MentionsMeRole)
                            .toBool() &&
                        partyTimeline->index(partyTimeline->rowOfMessage(job))
                                .data(confab::core::TimelineModel::ReactionsRole)
                                .value<QList<confab::core::Reaction>>()
                                .size() == 2;
             },
             "reactions and mention") &&
         ok;
    main.chatView()->composer()->clear();
    QTest::qWait(500);
    ok = save(&main, out, QStringLiteral("emoji-conversation")) && ok;

    // Pictures and a file: two pictures from Bob, the cabin's bill from
    // Chen, and one more picture in Anna's composer, ready to go.
    {
        QTemporaryDir files;
        const QString lakePath = files.filePath(QStringLiteral("lake-morning.jpg"));
        const QString duskPath = files.filePath(QStringLiteral("lake-evening.jpg"));
        landscape(1600, 1067, false).save(lakePath, "JPEG", 85);
        landscape(1200, 900, true).save(duskPath, "JPEG", 85);
        const QString billPath = files.filePath(QStringLiteral("cabin-bill.pdf"));
        {
            QFile bill(billPath);
            bill.open(QIODevice::WriteOnly);
            bill.write(QByteArray("%PDF-1.4\n") + QByteArray(180 * 1024, 'x'));
        }
        main.openRoom(trip);
        const quint64 before = anna.rooms()->lastSeq(trip);
        bob->chat->sendMessage(
            trip, QStringLiteral("Sunrise and sunset from the dock 🌄"), {},
            {confab::ui::attaching::fromPath(lakePath), confab::ui::attaching::fromPath(duskPath)});
        ok = wait([&] { return anna.rooms()->lastSeq(trip) >= before + 1; }, "pictures") && ok;
        chen->chat->sendMessage(trip, QStringLiteral("Here's the bill, split four ways"), {},
                                {confab::ui::attaching::fromPath(billPath)});
        ok = wait([&] { return anna.rooms()->lastSeq(trip) >= before + 2; }, "the bill") && ok;
        main.chatView()->attachFiles({lakePath});
        main.chatView()->composer()->setPlainText(QStringLiteral("One more from me"));
        QTest::qWait(800);
        ok = save(&main, out, QStringLiteral("pictures-and-files")) && ok;
        main.chatView()->attachmentTray()->clear();
        main.chatView()->composer()->clear();

        // The first picture, full size.
        confab::core::TimelineModel* tripTimeline = anna.timeline(trip);
        for (int row = tripTimeline->rowCount() - 1; row >= 0; --row) {
            const auto attachments = tripTimeline->index(row)
                                         .data(confab::core::TimelineModel::AttachmentsRole)
                                         .value<QList<confab::core::Attachment>>();
            if (!attachments.isEmpty() && attachments[0].isPicture()) {
                confab::ui::ImageViewer viewer(*anna.downloads(), attachments[0], &main);
                viewer.resize(900, 680);
                viewer.show();
                ok = wait([&] { return viewer.isComplete(); }, "picture viewer") && ok;
                QTest::qWait(300);
                ok = save(&viewer, out, QStringLiteral("picture-viewer")) && ok;
                break;
            }
        }
    }

    // Search: Ctrl+F, all rooms, a few words.
    main.openRoom(trip);
    main.findMessages();
    main.searchPanel()->allRoomsBox()->setChecked(true);
    main.searchPanel()->queryField()->setText(QStringLiteral("ridge trail"));
    QTest::keyClick(main.searchPanel()->queryField(), Qt::Key_Return);
    ok = wait([&] { return anna.messageSearch()->rowCount() >= 2; }, "search results") && ok;
    QTest::qWait(500);
    ok = save(&main, out, QStringLiteral("search-panel")) && ok;
    main.searchPanel()->hide();

    // The same account in German: a window made after the language changed.
    confab::ui::installTranslations(QStringLiteral("de"));
    QLocale::setDefault(QLocale(QStringLiteral("de")));
    main.hide();
    confab::ui::MainWindow german(client, *main.accountContext());
    german.show();
    german.openRoom(trip);
    wait([&] { return german.chat()->timeline(trip)->isLoaded(); }, "German timeline");
    QTest::qWait(500);
    ok = save(&german, out, QStringLiteral("main-window-de")) && ok;
    german.hide();

    // Offline: the server is gone, a message waits to be sent.
    confab::ui::installTranslations(QStringLiteral("en"));
    QLocale::setDefault(QLocale(QStringLiteral("en")));
    main.show();
    main.openRoom(trip);
    anna.stream()->setBackoffLimits(std::chrono::milliseconds(20000),
                                    std::chrono::milliseconds(30000));
    client.localServer()->stop();
    ok = wait([&] { return main.banner()->isVisible(); }, "offline banner", 15000) && ok;
    main.chatView()->composer()->setPlainText(QStringLiteral("Is the server down again?"));
    QTest::keyClick(main.chatView()->composer(), Qt::Key_Return);
    QTest::qWait(1500);
    ok = save(&main, out, QStringLiteral("offline")) && ok;
    return ok ? 0 : 1;
}

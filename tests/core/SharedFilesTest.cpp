#include "ChatFixture.h"

#include "chat/Transfer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace confab::test {
namespace {

using core::Attachment;
using core::Downloads;
using core::Outbox;
using core::OutgoingFile;
using core::TimelineModel;
using Tester = QAbstractItemModelTester;

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

// The bytes of a PNG (what the server recognises a picture by), then noise.
QByteArray pictureBytes(int size)
{
    QByteArray bytes("\x89PNG\r\n\x1a\n", 8);
    while (bytes.size() < size) {
        const quint32 word = QRandomGenerator::global()->generate();
        bytes.append(reinterpret_cast<const char*>(&word), sizeof word);
    }
    bytes.truncate(size);
    return bytes;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

class SharedFilesTest : public ChatFixture {
protected:
    QString path(const QString& name) const
    {
        return QString::fromStdString((dir.path() / name.toStdString()).string());
    }

    static QList<Attachment> attachmentsOf(const TimelineModel& timeline, int row)
    {
        return value(timeline, row, TimelineModel::AttachmentsRole).value<QList<Attachment>>();
    }

    // Waits until `attachment` is saved at `to` (or failed); true when saved.
    static bool saved(Downloads& downloads, const Attachment& attachment, const QString& to)
    {
        downloads.save(attachment, to);
        return QTest::qWaitFor(
                   [&] {
                       const auto state = downloads.status(attachment.id).state;
                       return state == Downloads::State::Done || state == Downloads::State::Failed;
                   },
                   15000) &&
               downloads.status(attachment.id).state == Downloads::State::Done;
    }
};

TEST_F(SharedFilesTest, APictureAndAFileReachTheOtherSideAndDownloadIdentical)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    TimelineModel* annaTimeline = openTimeline(*anna, pair.roomId);
    TimelineModel* bobTimeline = openTimeline(*bob, pair.roomId);
    Tester annaTester(annaTimeline, kFatal);
    Tester bobTester(bobTimeline, kFatal);

    const QByteArray picture = pictureBytes(700 * 1024);
    const QByteArray thumbnail = pictureBytes(2000);
    QByteArray notes;
    for (int i = 0; notes.size() < 300 * 1024; ++i) {
        notes += "line " + QByteArray::number(i) + " of the notes\n";
    }
    ASSERT_TRUE(writeAll(path("notes.txt"), notes));
    OutgoingFile pictureFile;
    pictureFile.bytes = picture; // as pasted
    pictureFile.fileName = QStringLiteral("beach.png");
    pictureFile.mimeType = QStringLiteral("image/png");
    pictureFile.width = 800;
    pictureFile.height = 600;
    pictureFile.thumbnail = thumbnail;
    OutgoingFile notesFile;
    notesFile.sourcePath = path("notes.txt"); // as chosen
    notesFile.mimeType = QStringLiteral("text/plain");

    QList<double> progress;
    QObject::connect(annaTimeline, &QAbstractItemModel::dataChanged, annaTimeline,
                     [&](const QModelIndex& from, const QModelIndex&, const QList<int>& roles) {
                         if (roles.contains(TimelineModel::UploadProgressRole)) {
                             progress.append(
                                 from.data(TimelineModel::UploadProgressRole).toDouble());
                         }
                     });
    const QString clientId = anna->chat->sendMessage(pair.roomId, QStringLiteral("the beach"), {},
                                                     {pictureFile, notesFile});
    ASSERT_FALSE(clientId.isEmpty());
    // Shown at once, with the picture's thumbnail and its size.
    const int pendingRow = annaTimeline->rowOfClientMessage(clientId);
    ASSERT_GE(pendingRow, 0);
    const auto pending = attachmentsOf(*annaTimeline, pendingRow);
    ASSERT_EQ(pending.size(), 2);
    EXPECT_TRUE(pending[0].isPicture());
    EXPECT_EQ(pending[0].thumbnail, thumbnail);
    EXPECT_EQ(pending[0].width, 800);
    EXPECT_EQ(pending[1].fileName, QStringLiteral("notes.txt"));
    EXPECT_EQ(pending[1].size, static_cast<quint64>(notes.size()));

    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*bobTimeline).size() == 1; }, 15000));
    const int bobRow = messageRows(*bobTimeline)[0];
    EXPECT_EQ(value(*bobTimeline, bobRow, TimelineModel::TextRole).toString(),
              QStringLiteral("the beach"));
    const auto arrived = attachmentsOf(*bobTimeline, bobRow);
    ASSERT_EQ(arrived.size(), 2);
    EXPECT_TRUE(arrived[0].isPicture());
    EXPECT_EQ(arrived[0].mimeType, QStringLiteral("image/png"));
    EXPECT_EQ(arrived[0].thumbnail, thumbnail);
    EXPECT_EQ(arrived[0].width, 800);
    EXPECT_EQ(arrived[0].height, 600);
    EXPECT_EQ(arrived[1].fileName, QStringLiteral("notes.txt"));
    EXPECT_EQ(arrived[1].mimeType, QStringLiteral("text/plain"));
    EXPECT_FALSE(arrived[1].isPicture());
    // The upload was told as it went, rising, up to all of it.
    ASSERT_FALSE(progress.isEmpty());
    EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
    EXPECT_DOUBLE_EQ(progress.last(), 1.0);
    EXPECT_GT(
        std::count_if(progress.begin(), progress.end(), [](double p) { return p > 0 && p < 1; }),
        1);
    // Once sent, Anna's row is the server's, with the ids.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const int row = messageRows(*annaTimeline)[0];
            return sendState(*annaTimeline, row) == TimelineModel::SendState::Sent &&
                   attachmentsOf(*annaTimeline, row).value(0).id == arrived[0].id;
        },
        10000));
    EXPECT_EQ(value(*annaTimeline, messageRows(*annaTimeline)[0], TimelineModel::UploadProgressRole)
                  .toDouble(),
              -1.0);
    // Its copies are gone with the outbox entry.
    EXPECT_TRUE(
        QDir(anna->dataDir + QStringLiteral("/outbox-files")).entryList(QDir::Files).isEmpty());

    // Bob saves both: byte for byte what Anna sent.
    Downloads& downloads = *bob->chat->downloads();
    ASSERT_TRUE(saved(downloads, arrived[0], path("saved-beach.png")))
        << downloads.status(arrived[0].id).error.reason.toStdString();
    EXPECT_EQ(readAll(path("saved-beach.png")), picture);
    ASSERT_TRUE(saved(downloads, arrived[1], path("saved-notes.txt")));
    EXPECT_EQ(readAll(path("saved-notes.txt")), notes);
    EXPECT_FALSE(QFile::exists(path("saved-notes.txt.part")));

    // A download that broke off goes on from the part it left.
    ASSERT_TRUE(writeAll(path("resumed.png.part"), picture.left(300 * 1024)));
    QList<quint64> received;
    auto watch =
        QObject::connect(&downloads, &Downloads::changed, &downloads, [&](const QString& id) {
            if (id == arrived[0].id) {
                received.append(downloads.status(id).received);
            }
        });
    ASSERT_TRUE(saved(downloads, arrived[0], path("resumed.png")));
    QObject::disconnect(watch);
    EXPECT_EQ(readAll(path("resumed.png")), picture);
    ASSERT_FALSE(received.isEmpty());
    EXPECT_EQ(received.first(), 300u * 1024);

    // A part that is not the file's beginning is found out by its hash and dropped.
    QByteArray wrong = picture.left(200 * 1024);
    wrong[100] = static_cast<char>(wrong[100] ^ 0x5a);
    ASSERT_TRUE(writeAll(path("damaged.png.part"), wrong));
    EXPECT_FALSE(saved(downloads, arrived[0], path("damaged.png")));
    EXPECT_EQ(downloads.status(arrived[0].id).error.reason, QStringLiteral("arrived damaged"));
    EXPECT_FALSE(QFile::exists(path("damaged.png")));
    EXPECT_FALSE(QFile::exists(path("damaged.png.part")));
    ASSERT_TRUE(saved(downloads, arrived[0], path("damaged.png"))); // then from the start
    EXPECT_EQ(readAll(path("damaged.png")), picture);

    // Asked to view while it is being saved: the saving goes on, and the
    // viewer has the saved file.
    downloads.save(arrived[0], path("while-viewing.png"));
    downloads.fetch(arrived[0]);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return downloads.status(arrived[0].id).state == Downloads::State::Done; }, 15000));
    EXPECT_EQ(downloads.status(arrived[0].id).path, path("while-viewing.png"));
    EXPECT_EQ(readAll(path("while-viewing.png")), picture);

    // The viewer's copy is fetched once, then found in the cache.
    downloads.fetch(arrived[0]);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return downloads.status(arrived[0].id).state == Downloads::State::Done; }, 15000));
    const QString cached = downloads.status(arrived[0].id).path;
    EXPECT_EQ(cached, downloads.cachePath(arrived[0]));
    EXPECT_EQ(readAll(cached), picture);
    QSignalSpy changed(&downloads, &Downloads::changed);
    downloads.fetch(arrived[0]);
    EXPECT_EQ(changed.count(), 1); // at once, no call
    EXPECT_EQ(downloads.status(arrived[0].id).state, Downloads::State::Done);

    // Someone outside the room cannot have it.
    auto carol = newUser(QStringLiteral("carol"), QStringLiteral("Carol"));
    EXPECT_FALSE(saved(*carol->chat->downloads(), arrived[1], path("carol.txt")));
    EXPECT_EQ(carol->chat->downloads()->status(arrived[1].id).error.code,
              core::Error::Code::PermissionDenied);
    EXPECT_FALSE(QFile::exists(path("carol.txt")));
}

TEST_F(SharedFilesTest, AFileSentOfflineWaitsInTheOutboxAndArrivesOnce)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    TimelineModel* annaTimeline = openTimeline(*anna, pair.roomId);
    TimelineModel* bobTimeline = openTimeline(*bob, pair.roomId);
    Tester bobTester(bobTimeline, kFatal);
    QSignalSpy sent(anna->chat->outbox(), &Outbox::messageSent);

    stopServer();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return anna->chat->connectionState() == core::EventStream::State::Waiting; }, 10000));
    const QByteArray report = pictureBytes(200 * 1024).mid(8); // not a picture
    ASSERT_TRUE(writeAll(path("report.bin"), report));
    OutgoingFile file;
    file.sourcePath = path("report.bin");
    file.mimeType = QStringLiteral("application/octet-stream");
    const QString clientId = anna->chat->sendMessage(pair.roomId, {}, {}, {file});
    ASSERT_FALSE(clientId.isEmpty()); // no words needed with a file
    // The outbox has its own copy: the original may go.
    ASSERT_TRUE(QFile::remove(path("report.bin")));
    QFile saved(anna->chat->outbox()->filePath());
    ASSERT_TRUE(saved.open(QIODevice::ReadOnly));
    const auto items = QJsonDocument::fromJson(saved.readAll()).object()["items"].toArray();
    ASSERT_EQ(items.size(), 1);
    ASSERT_EQ(items[0].toObject()["files"].toArray().size(), 1);
    QTest::qWait(1500); // tries go on meanwhile
    EXPECT_EQ(sendState(*annaTimeline, annaTimeline->rowOfClientMessage(clientId)),
              TimelineModel::SendState::Pending);

    startServer();
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*bobTimeline).size() >= 1; }, 20000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return sent.count() >= 1; }, 10000));
    QTest::qWait(1000); // room for a second copy to show up, if there were one
    ASSERT_EQ(messageRows(*bobTimeline).size(), 1u);
    EXPECT_EQ(sent.count(), 1);
    const auto arrived = attachmentsOf(*bobTimeline, messageRows(*bobTimeline)[0]);
    ASSERT_EQ(arrived.size(), 1);
    EXPECT_EQ(arrived[0].fileName, QStringLiteral("report.bin"));
    EXPECT_EQ(arrived[0].size, static_cast<quint64>(report.size()));
    EXPECT_EQ(anna->chat->outbox()->size(), 0);
    EXPECT_TRUE(
        QDir(anna->dataDir + QStringLiteral("/outbox-files")).entryList(QDir::Files).isEmpty());
    ASSERT_TRUE(SharedFilesTest::saved(*bob->chat->downloads(), arrived[0], path("report.copy")));
    EXPECT_EQ(readAll(path("report.copy")), report);
}

TEST_F(SharedFilesTest, AnUploadCanBeStoppedAndARefusedFileSaysWhy)
{
    stopServer();
    serverConfig.limits.attachmentMaxBytes = 4 * 1024 * 1024;
    startServer();
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    TimelineModel* annaTimeline = openTimeline(*anna, pair.roomId);
    TimelineModel* bobTimeline = openTimeline(*bob, pair.roomId);

    // Stopped halfway: the message goes, nothing reaches the room.
    OutgoingFile big;
    big.bytes = pictureBytes(3 * 1024 * 1024);
    big.fileName = QStringLiteral("big.png");
    big.mimeType = QStringLiteral("image/png");
    const QString stopped = anna->chat->sendMessage(pair.roomId, QStringLiteral("big"), {}, {big});
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const double p = value(*annaTimeline, annaTimeline->rowOfClientMessage(stopped),
                                   TimelineModel::UploadProgressRole)
                                 .toDouble();
            return p > 0;
        },
        10000));
    ASSERT_TRUE(anna->chat->discardMessage(stopped));
    EXPECT_EQ(annaTimeline->rowOfClientMessage(stopped), -1);
    EXPECT_EQ(anna->chat->outbox()->size(), 0);

    // Too big for this server: failed with the server's reason, kept to
    // be discarded (the room goes on meanwhile).
    OutgoingFile huge;
    huge.bytes = pictureBytes(5 * 1024 * 1024);
    huge.fileName = QStringLiteral("huge.bin");
    const QString refused =
        anna->chat->sendMessage(pair.roomId, QStringLiteral("huge"), {}, {huge});
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return sendState(*annaTimeline, annaTimeline->rowOfClientMessage(refused)) ==
                   TimelineModel::SendState::Failed;
        },
        10000));
    const auto error = anna->chat->outbox()->find(refused)->error;
    EXPECT_EQ(error.code, core::Error::Code::InvalidInput);
    EXPECT_EQ(error.field, QStringLiteral("size"));
    anna->chat->sendMessage(pair.roomId, QStringLiteral("after"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*bobTimeline).size() == 1; }, 10000));
    QTest::qWait(300);
    EXPECT_EQ(messageTexts(*bobTimeline), QStringList{QStringLiteral("after")});
    EXPECT_TRUE(anna->chat->discardMessage(refused));

    // A file that cannot be read is refused before anything is queued.
    QSignalSpy failed(anna->chat.get(), &core::ChatClient::actionFailed);
    OutgoingFile missing;
    missing.sourcePath = path("no-such-file");
    EXPECT_TRUE(anna->chat->sendMessage(pair.roomId, {}, {}, {missing}).isEmpty());
    ASSERT_EQ(failed.count(), 1);
    EXPECT_EQ(failed.at(0).at(0).value<core::ChatClient::Action>(),
              core::ChatClient::Action::Attach);
    EXPECT_EQ(failed.at(0).at(1).value<core::Error>().field, QStringLiteral("file"));
    EXPECT_EQ(anna->chat->outbox()->size(), 0);
    EXPECT_TRUE(
        QDir(anna->dataDir + QStringLiteral("/outbox-files")).entryList(QDir::Files).isEmpty());
}

TEST_F(SharedFilesTest, ADownloadWithoutTheServerGoesOnOnceItIsBackOrIsCancelled)
{
    Pair pair;
    ASSERT_NO_FATAL_FAILURE(annaAndBobInARoom(pair));
    auto& anna = pair.anna;
    auto& bob = pair.bob;
    TimelineModel* bobTimeline = openTimeline(*bob, pair.roomId);
    OutgoingFile file;
    file.bytes = pictureBytes(600 * 1024).mid(8);
    file.fileName = QStringLiteral("minutes.bin");
    anna->chat->sendMessage(pair.roomId, QStringLiteral("minutes"), {}, {file});
    ASSERT_TRUE(QTest::qWaitFor([&] { return messageRows(*bobTimeline).size() == 1; }, 15000));
    const auto arrived = attachmentsOf(*bobTimeline, messageRows(*bobTimeline)[0]);
    ASSERT_EQ(arrived.size(), 1);
    Downloads& downloads = *bob->chat->downloads();
    downloads.setBackoffLimits(std::chrono::milliseconds(100), std::chrono::milliseconds(500));

    // The server is away: the download waits and tries again; once the
    // server is back it completes without being asked twice.
    stopServer();
    downloads.save(arrived[0], path("minutes.bin"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto status = downloads.status(arrived[0].id);
            return status.state == Downloads::State::Running && status.error.isTransient();
        },
        10000));
    QTest::qWait(700); // a few tries
    EXPECT_EQ(downloads.status(arrived[0].id).state, Downloads::State::Running);
    startServer();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return downloads.status(arrived[0].id).state == Downloads::State::Done; }, 15000));
    EXPECT_EQ(readAll(path("minutes.bin")), file.bytes);

    // Waiting between tries, it can still be cancelled: it stops there.
    stopServer();
    bool cancelled = false;
    QObject::connect(&downloads, &Downloads::changed, &downloads, [&](const QString& id) {
        if (!cancelled && downloads.status(id).error.isTransient()) {
            cancelled = true; // the first try failed; the next waits
            downloads.cancel(id);
        }
    });
    downloads.save(arrived[0], path("again.bin"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return cancelled && downloads.status(arrived[0].id).state == Downloads::State::Idle;
        },
        5000));
    QTest::qWait(700);
    EXPECT_EQ(downloads.status(arrived[0].id).state, Downloads::State::Idle);
    EXPECT_FALSE(QFile::exists(path("again.bin")));
}

} // namespace
} // namespace confab::test

#include "StoreTest.h"

#include "store/sqlite/SqliteStore.h"

#include <sys/stat.h>
#include <utime.h>

#include <fstream>
#include <future>

namespace confab::test {
namespace {

using backend::AttachmentRecord;
using backend::Micros;

constexpr std::uint64_t kNoQuota = std::uint64_t{1} << 40;

class AttachmentStoreRoom : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        addUser("anna");
        addUser("bob");
        addUser("carl");
        m_room = addRoom("Plans", "u-anna", {"u-bob"});
        m_other = addRoom("Elsewhere", "u-anna");
    }

    backend::AttachmentStore& attachments() { return store().attachments(); }

    AttachmentRecord newUpload(const std::string& roomId, const std::string& uploaderId,
                               std::uint64_t size, Micros createdAt = 5000)
    {
        AttachmentRecord upload;
        upload.id = backend::crypto::newId();
        upload.roomId = roomId;
        upload.uploaderId = uploaderId;
        upload.fileName = "plan.pdf";
        upload.mimeType = "application/pdf";
        upload.size = size;
        upload.width = 0;
        upload.height = 0;
        upload.thumbnail = std::string("\x89PNG\r\n\x1a\n", 8) + "thumb";
        upload.createdAt = createdAt;
        return upload;
    }

    // A complete upload of `bytes`, appended in pieces of `piece`.
    AttachmentRecord upload(const std::string& roomId, const std::string& uploaderId,
                            const std::string& bytes, std::size_t piece = 1000,
                            Micros createdAt = 5000)
    {
        const auto record = newUpload(roomId, uploaderId, bytes.size(), createdAt);
        attachments().begin(record, kNoQuota, 0);
        for (std::size_t at = 0; at < bytes.size(); at += piece) {
            attachments().append(record.id, at, std::string_view(bytes).substr(at, piece));
        }
        return attachments().finish(record.id, backend::crypto::sha256Hex(bytes),
                                    "application/pdf");
    }

    // Every byte from `offset` on, read as a download does.
    std::string readAll(const std::string& id, std::uint64_t offset = 0, std::size_t max = 700)
    {
        std::string out;
        for (;;) {
            const std::string piece = attachments().read(id, offset + out.size(), max);
            if (piece.empty()) {
                return out;
            }
            EXPECT_LE(piece.size(), max);
            out += piece;
        }
    }

    static std::string bytesOf(std::size_t size)
    {
        std::string bytes(size, '\0');
        for (std::size_t i = 0; i < size; ++i) {
            bytes[i] = static_cast<char>((i * 131 + i / 251) & 0xff);
        }
        return bytes;
    }

    std::string m_room;
    std::string m_other;
};

INSTANTIATE_TEST_SUITE_P(Stores, AttachmentStoreRoom, ::testing::ValuesIn(storeBackends()),
                         backendName);

TEST_P(AttachmentStoreRoom, AnUploadReadsBackByteForByteFromAnyOffset)
{
    const std::string bytes = bytesOf(10000);
    const auto stored = upload(m_room, "u-bob", bytes, 3000);
    EXPECT_TRUE(stored.complete);
    EXPECT_EQ(stored.sha256, backend::crypto::sha256Hex(bytes));

    const auto found = attachments().byId(stored.id);
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->complete);
    EXPECT_EQ(found->size, 10000u);
    EXPECT_EQ(found->fileName, "plan.pdf");
    EXPECT_EQ(found->mimeType, "application/pdf");
    EXPECT_EQ(found->uploaderId, "u-bob");
    EXPECT_EQ(found->roomId, m_room);
    EXPECT_EQ(found->thumbnail, std::string("\x89PNG\r\n\x1a\n", 8) + "thumb");
    EXPECT_EQ(found->createdAt, 5000);
    EXPECT_TRUE(found->messageId.empty());

    EXPECT_EQ(readAll(stored.id), bytes);
    // Resumed inside a piece, at a piece's edge, at the last byte.
    EXPECT_EQ(readAll(stored.id, 4321), bytes.substr(4321));
    EXPECT_EQ(readAll(stored.id, 6000), bytes.substr(6000));
    EXPECT_EQ(readAll(stored.id, 9999), bytes.substr(9999));
    EXPECT_EQ(attachments().read(stored.id, 10000, 100), "");
    EXPECT_EQ(attachments().read(stored.id, 1u << 31, 100), "");
    EXPECT_API_ERROR(attachments().read(backend::crypto::newId(), 0, 100),
                     grpc::StatusCode::NOT_FOUND);
}

TEST_P(AttachmentStoreRoom, AnEmptyFileIsAnUploadToo)
{
    const auto stored = upload(m_room, "u-bob", "");
    EXPECT_EQ(stored.size, 0u);
    EXPECT_EQ(readAll(stored.id), "");
}

TEST_P(AttachmentStoreRoom, OnlyMembersUploadToARoomThatExists)
{
    EXPECT_API_ERROR(attachments().begin(newUpload(m_room, "u-carl", 10), kNoQuota, 0),
                     grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_API_ERROR(attachments().begin(newUpload("r-none", "u-bob", 10), kNoQuota, 0),
                     grpc::StatusCode::NOT_FOUND);
}

TEST_P(AttachmentStoreRoom, TheQuotaCountsTheUploadsBegunSinceTheWindowStarted)
{
    attachments().begin(newUpload(m_room, "u-bob", 600, 5000), 1000, 0);
    EXPECT_API_ERROR(attachments().begin(newUpload(m_room, "u-bob", 500, 6000), 1000, 0),
                     grpc::StatusCode::RESOURCE_EXHAUSTED);
    // Another user has a quota of their own.
    attachments().begin(newUpload(m_room, "u-anna", 1000, 6000), 1000, 0);
    // Once the first upload is older than the window, there is room again.
    attachments().begin(newUpload(m_room, "u-bob", 400, 6000), 1000, 0);
    attachments().begin(newUpload(m_room, "u-bob", 500, 7000), 1000, 5001);
}

TEST_P(AttachmentStoreRoom, FinishingWithBytesMissingFailsAndTheUploadIsNotReadable)
{
    const auto record = newUpload(m_room, "u-bob", 100);
    attachments().begin(record, kNoQuota, 0);
    attachments().append(record.id, 0, std::string(60, 'x'));
    EXPECT_API_ERROR(attachments().finish(record.id, "digest", "application/pdf"),
                     grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_FALSE(attachments().byId(record.id)->complete);
    EXPECT_API_ERROR(attachments().read(record.id, 0, 10), grpc::StatusCode::NOT_FOUND);

    attachments().abort(record.id);
    EXPECT_FALSE(attachments().byId(record.id));
    EXPECT_API_ERROR(attachments().finish(record.id, "digest", "application/pdf"),
                     grpc::StatusCode::NOT_FOUND);
}

TEST_P(AttachmentStoreRoom, ASentMessageCarriesItsAttachmentsIntoTheLogAndHistory)
{
    const auto picture = upload(m_room, "u-bob", bytesOf(2000));
    const auto file = upload(m_room, "u-bob", bytesOf(10));
    auto message = newMessage(m_room, "u-bob", "");
    message.attachmentIds = {file.id, picture.id};
    backend::Appended appended;
    const auto sent = messages().send(message, &appended);
    ASSERT_EQ(sent.attachments.size(), 2u);
    EXPECT_EQ(sent.attachments[0].id(), file.id);
    EXPECT_EQ(sent.attachments[1].id(), picture.id);
    EXPECT_EQ(sent.attachments[1].size(), 2000u);
    EXPECT_EQ(sent.attachments[1].sha256(), picture.sha256);
    EXPECT_EQ(sent.attachments[1].thumbnail(), picture.thumbnail);
    ASSERT_EQ(appended.size(), 1u);
    ASSERT_EQ(appended[0].message_posted().attachments_size(), 2);
    EXPECT_EQ(appended[0].message_posted().attachments(1).id(), picture.id);
    EXPECT_EQ(log(m_room).back().message_posted().attachments(0).file_name(), "plan.pdf");
    EXPECT_EQ(messages().byId(sent.id)->attachments.size(), 2u);
    EXPECT_EQ(attachments().byId(picture.id)->messageId, sent.id);

    // An edit keeps them.
    const auto edited = messages().edit(sent.id, "u-bob", "the plan", 9000, nullptr);
    EXPECT_EQ(edited.attachments.size(), 2u);
    EXPECT_EQ(messages().byId(sent.id)->attachments.size(), 2u);
    EXPECT_EQ(log(m_room).back().message_edited().attachments_size(), 2);
}

TEST_P(AttachmentStoreRoom, OnlyTheSendersOwnFinishedUnsentUploadsToTheRoomAttach)
{
    const auto bobs = upload(m_room, "u-bob", "bytes");
    const auto annas = upload(m_room, "u-anna", "bytes");
    const auto elsewhere = upload(m_other, "u-anna", "bytes");
    const auto unfinished = newUpload(m_room, "u-bob", 100);
    attachments().begin(unfinished, kNoQuota, 0);

    const auto lastSeq = log(m_room).back().seq();
    for (const auto& [author, id] :
         std::vector<std::pair<std::string, std::string>>{{"u-bob", annas.id},
                                                          {"u-anna", elsewhere.id},
                                                          {"u-bob", unfinished.id},
                                                          {"u-bob", "nothing-like-it"}}) {
        auto message = newMessage(m_room, author, "look");
        message.attachmentIds = {id};
        EXPECT_API_ERROR(messages().send(message, nullptr), grpc::StatusCode::NOT_FOUND) << id;
    }
    EXPECT_EQ(log(m_room).back().seq(), lastSeq);

    auto first = newMessage(m_room, "u-bob", "one", "client-one");
    first.attachmentIds = {bobs.id};
    messages().send(first, nullptr);
    auto second = newMessage(m_room, "u-bob", "again");
    second.attachmentIds = {bobs.id};
    EXPECT_API_ERROR(messages().send(second, nullptr), grpc::StatusCode::FAILED_PRECONDITION);
    // Sending the first once more is a retry: the stored message, nothing new.
    EXPECT_EQ(messages().send(first, nullptr).id, first.id);
    EXPECT_EQ(attachments().byId(bobs.id)->messageId, first.id);
}

TEST_P(AttachmentStoreRoom, TwoSendsQueuedTogetherCannotBothTakeOneUpload)
{
    const auto bobs = upload(m_room, "u-bob", "bytes");
    std::vector<std::future<grpc::StatusCode>> outcomes;
    std::vector<std::string> ids;
    for (int i = 0; i < 4; ++i) {
        auto message = newMessage(m_room, "u-bob", "take " + std::to_string(i));
        message.attachmentIds = {bobs.id};
        ids.push_back(message.id);
        auto promise = std::make_shared<std::promise<grpc::StatusCode>>();
        outcomes.push_back(promise->get_future());
        messages().sendAsync(message, [promise](std::exception_ptr error, backend::MessageRecord,
                                                backend::Appended) {
            if (!error) {
                promise->set_value(grpc::StatusCode::OK);
                return;
            }
            try {
                std::rethrow_exception(error);
            } catch (const backend::ApiError& e) {
                promise->set_value(e.code());
            } catch (...) {
                promise->set_value(grpc::StatusCode::INTERNAL);
            }
        });
    }
    int ok = 0;
    std::string winner;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        const auto code = outcomes[i].get();
        if (code == grpc::StatusCode::OK) {
            ++ok;
            winner = ids[i];
        } else {
            EXPECT_EQ(code, grpc::StatusCode::FAILED_PRECONDITION);
        }
    }
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(attachments().byId(bobs.id)->messageId, winner);
}

TEST_P(AttachmentStoreRoom, DeletingTheMessageRemovesItsAttachments)
{
    const std::string bytes = bytesOf(5000);
    const auto file = upload(m_room, "u-bob", bytes);
    auto message = newMessage(m_room, "u-bob", "the file");
    message.attachmentIds = {file.id};
    const auto sent = messages().send(message, nullptr);
    EXPECT_EQ(readAll(file.id), bytes);

    messages().remove(sent.id, "u-anna", 9000, nullptr); // the owner
    EXPECT_FALSE(attachments().byId(file.id));
    EXPECT_API_ERROR(attachments().read(file.id, 0, 100), grpc::StatusCode::NOT_FOUND);
    EXPECT_TRUE(messages().byId(sent.id)->attachments.empty());
    for (const auto& event : log(m_room)) {
        if (event.has_message_posted() && event.message_posted().id() == sent.id) {
            EXPECT_EQ(event.message_posted().attachments_size(), 0);
            EXPECT_TRUE(event.message_posted().deleted());
        }
    }
}

TEST_P(AttachmentStoreRoom, ExpiryRemovesOnlyOldUploadsNoMessageCarries)
{
    const auto oldUnsent = upload(m_room, "u-bob", "a", 1000, 1000);
    const auto oldSent = upload(m_room, "u-bob", "b", 1000, 1000);
    const auto newUnsent = upload(m_room, "u-bob", "c", 1000, 9000);
    const auto oldUnfinished = newUpload(m_room, "u-bob", 10, 1000);
    attachments().begin(oldUnfinished, kNoQuota, 0);
    attachments().append(oldUnfinished.id, 0, "12345");
    auto message = newMessage(m_room, "u-bob", "sent");
    message.attachmentIds = {oldSent.id};
    messages().send(message, nullptr);

    EXPECT_EQ(attachments().expire(5000), 2u);
    EXPECT_FALSE(attachments().byId(oldUnsent.id));
    EXPECT_FALSE(attachments().byId(oldUnfinished.id));
    EXPECT_EQ(readAll(oldSent.id), "b");
    EXPECT_EQ(readAll(newUnsent.id), "c");
    EXPECT_EQ(attachments().expire(5000), 0u);
}

TEST(SqliteAttachmentStore, FilesLeftWithoutARowAreRemovedByExpiry)
{
    TempDir dir;
    backend::SqliteStore store(dir.path() / "confab.db");
    const auto files = dir.path() / "attachments";
    const std::string orphan = backend::crypto::newId();
    const std::string fresh = backend::crypto::newId();
    std::ofstream(files / orphan) << "left behind";
    std::ofstream(files / fresh) << "being written";
    std::ofstream(files / "README") << "not ours";
    utimbuf old{1000, 1000};
    ASSERT_EQ(::utime((files / orphan).c_str(), &old), 0);
    ASSERT_EQ(::utime((files / "README").c_str(), &old), 0);

    store.attachments().expire(backend::nowMicros() - 3600 * backend::kMicrosPerSecond);
    EXPECT_FALSE(std::filesystem::exists(files / orphan));
    EXPECT_TRUE(std::filesystem::exists(files / fresh));
    EXPECT_TRUE(std::filesystem::exists(files / "README"));
}

} // namespace
} // namespace confab::test

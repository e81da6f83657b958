#include "ChatServerFixture.h"
#include "StatusMatchers.h"
#include "TestServer.h"

#include "base/Crypto.h"
#include "base/Time.h"
#include "store/Store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace confab::test {
namespace {

using namespace std::chrono_literals;

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8);

// Bytes of a file: `head` and then a pattern up to `size`.
std::string fileBytes(std::size_t size, const std::string& head = {})
{
    std::string bytes = head.substr(0, size);
    while (bytes.size() < size) {
        bytes += static_cast<char>((bytes.size() * 7 + bytes.size() / 1000) & 0xff);
    }
    return bytes;
}

struct Upload {
    std::string roomId;
    std::string fileName = "notes.txt";
    std::string mimeType = "text/plain";
    std::string bytes;
    std::string thumbnail;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    // Announced size; the bytes' size when not set.
    std::optional<std::uint64_t> size;
    std::size_t chunk = 64 * 1024;
};

struct Downloaded {
    grpc::Status status;
    std::string bytes;
    bool contiguous = true;
};

class AttachmentsTest : public ChatServerFixture {
protected:
    explicit AttachmentsTest(backend::ServerConfig config = testConfig({}))
        : ChatServerFixture(std::move(config))
    {}

    grpc::Status upload(const v1::Session& who, const Upload& file, v1::Attachment* out = nullptr,
                        bool headerFirst = true)
    {
        auto ctx = Client::context(who.access_token());
        v1::Attachment ignored;
        auto writer = client.chat->UploadAttachment(ctx.get(), out ? out : &ignored);
        v1::UploadAttachmentRequest header;
        auto* h = header.mutable_header();
        h->set_room_id(file.roomId);
        h->set_file_name(file.fileName);
        h->set_mime_type(file.mimeType);
        h->set_size(file.size.value_or(file.bytes.size()));
        h->set_thumbnail(file.thumbnail);
        h->set_width(file.width);
        h->set_height(file.height);
        if (headerFirst) {
            writer->Write(header);
        }
        for (std::size_t at = 0; at < file.bytes.size(); at += file.chunk) {
            v1::UploadAttachmentRequest chunk;
            chunk.set_chunk(file.bytes.substr(at, file.chunk));
            if (!writer->Write(chunk)) {
                break; // the server has answered already
            }
        }
        writer->WritesDone();
        return writer->Finish();
    }

    v1::Attachment uploadOk(const v1::Session& who, const Upload& file)
    {
        v1::Attachment attachment;
        EXPECT_OK(upload(who, file, &attachment));
        return attachment;
    }

    Downloaded download(const v1::Session& who, const std::string& id, std::uint64_t offset = 0)
    {
        auto ctx = Client::context(who.access_token());
        v1::DownloadAttachmentRequest request;
        request.set_attachment_id(id);
        request.set_offset(offset);
        auto reader = client.chat->DownloadAttachment(ctx.get(), request);
        Downloaded out;
        v1::AttachmentChunk chunk;
        while (reader->Read(&chunk)) {
            if (chunk.offset() != offset + out.bytes.size() || chunk.data().empty()) {
                out.contiguous = false;
            }
            out.bytes += chunk.data();
        }
        out.status = reader->Finish();
        return out;
    }

    grpc::Status sendWith(const v1::Session& who, const std::string& roomId,
                          const std::vector<std::string>& attachmentIds, v1::Message* message,
                          const std::string& text = {})
    {
        v1::SendMessageRequest request;
        request.set_room_id(roomId);
        request.set_text(text);
        for (const auto& id : attachmentIds) {
            request.add_attachment_ids(id);
        }
        return client.chat->SendMessage(Client::context(who.access_token()).get(), request,
                                        message);
    }

    v1::Room room = createRoom(anna, "Pictures", v1::VISIBILITY_PRIVATE, {"bob"});
};

TEST_F(AttachmentsTest, APictureUploadedSentAndDownloadedByAnotherMemberArrivesWhole)
{
    Upload file;
    file.roomId = room.id();
    file.fileName = "beach.png";
    file.mimeType = "application/octet-stream"; // the bytes say otherwise
    file.bytes = fileBytes(700 * 1024 + 17, kPng);
    file.thumbnail = kPng + "small";
    file.width = 1600;
    file.height = 1200;
    file.chunk = 50 * 1000; // not a multiple of anything the server uses
    const auto attachment = uploadOk(anna, file);
    EXPECT_FALSE(attachment.id().empty());
    EXPECT_EQ(attachment.room_id(), room.id());
    EXPECT_EQ(attachment.file_name(), "beach.png");
    EXPECT_EQ(attachment.mime_type(), "image/png");
    EXPECT_EQ(attachment.size(), file.bytes.size());
    EXPECT_EQ(attachment.sha256(), backend::crypto::sha256Hex(file.bytes));
    EXPECT_EQ(attachment.width(), 1600u);
    EXPECT_EQ(attachment.height(), 1200u);
    EXPECT_EQ(attachment.thumbnail(), file.thumbnail);
    EXPECT_EQ(attachment.uploader_id(), anna.user().id());
    EXPECT_GT(attachment.created_at().seconds(), 0);

    // Before it is sent, only its uploader sees it.
    EXPECT_STATUS(download(bob, attachment.id()).status, NOT_FOUND, "attachment_id:");
    EXPECT_OK(download(anna, attachment.id()).status);

    v1::Message message;
    ASSERT_OK(sendWith(anna, room.id(), {attachment.id()}, &message)); // no text needed
    ASSERT_EQ(message.attachments_size(), 1);
    EXPECT_EQ(message.attachments(0).id(), attachment.id());
    EXPECT_EQ(message.attachments(0).thumbnail(), file.thumbnail);

    v1::GetHistoryResponse page;
    ASSERT_OK(history(bob, room.id(), 0, 10, &page));
    ASSERT_TRUE(page.events().rbegin()->has_message_posted());
    EXPECT_EQ(page.events().rbegin()->message_posted().attachments(0).sha256(),
              attachment.sha256());

    const auto whole = download(bob, attachment.id());
    EXPECT_OK(whole.status);
    EXPECT_TRUE(whole.contiguous);
    EXPECT_EQ(whole.bytes.size(), file.bytes.size());
    EXPECT_TRUE(whole.bytes == file.bytes);

    // A download that broke resumes where it stopped.
    const auto rest = download(bob, attachment.id(), 300001);
    EXPECT_OK(rest.status);
    EXPECT_TRUE(rest.contiguous);
    EXPECT_TRUE(rest.bytes == file.bytes.substr(300001));
    const auto atEnd = download(bob, attachment.id(), file.bytes.size());
    EXPECT_OK(atEnd.status);
    EXPECT_TRUE(atEnd.bytes.empty());
}

TEST_F(AttachmentsTest, EveryBadUploadGetsItsCodeAndLeavesNothing)
{
    Upload good;
    good.roomId = room.id();
    good.bytes = fileBytes(1000);

    Upload shortOfSize = good;
    shortOfSize.size = 2000;
    EXPECT_STATUS(upload(anna, shortOfSize), INVALID_ARGUMENT, "size:");
    Upload pastSize = good;
    pastSize.size = 999;
    EXPECT_STATUS(upload(anna, pastSize), INVALID_ARGUMENT, "size:");
    Upload overLimit = good;
    overLimit.size = 25 * 1024 * 1024 + 1;
    EXPECT_STATUS(upload(anna, overLimit), INVALID_ARGUMENT, "size:");
    Upload bigChunk = good;
    bigChunk.bytes = fileBytes(70 * 1024);
    bigChunk.chunk = 70 * 1024;
    EXPECT_STATUS(upload(anna, bigChunk), INVALID_ARGUMENT, "chunk:");
    Upload gifThumbnail = good;
    gifThumbnail.thumbnail = "GIF89a" + std::string(100, 'x');
    EXPECT_STATUS(upload(anna, gifThumbnail), INVALID_ARGUMENT, "thumbnail:");
    Upload bigThumbnail = good;
    bigThumbnail.thumbnail = kPng + std::string(64 * 1024, 'x');
    EXPECT_STATUS(upload(anna, bigThumbnail), INVALID_ARGUMENT, "thumbnail:");
    for (const std::string name : {"", "../etc/passwd", "a/b.txt", "a\\b.txt", "..", "x\ny"}) {
        Upload badName = good;
        badName.fileName = name;
        EXPECT_STATUS(upload(anna, badName), INVALID_ARGUMENT, "file_name:") << name;
    }
    Upload badType = good;
    badType.mimeType = "not a type";
    EXPECT_STATUS(upload(anna, badType), INVALID_ARGUMENT, "mime_type:");
    Upload noHeader = good;
    EXPECT_STATUS(upload(anna, noHeader, nullptr, false), INVALID_ARGUMENT, "header:");

    Upload strangers = good;
    strangers.roomId = createRoom(carol, "Carol's").id();
    EXPECT_STATUS(upload(anna, strangers), PERMISSION_DENIED, "room_id:");
    Upload nowhere = good;
    nowhere.roomId = "no-such-room";
    EXPECT_STATUS(upload(anna, nowhere), NOT_FOUND, "room_id:");
    EXPECT_STATUS(upload(v1::Session{}, good), UNAUTHENTICATED);

    // None of them left an upload behind.
    const auto rows = server.server().store().attachments().expire(backend::nowMicros() + 1);
    EXPECT_EQ(rows, 0u);
    // And the good one goes through.
    EXPECT_EQ(uploadOk(anna, good).size(), 1000u);
}

TEST_F(AttachmentsTest, AFileThatOnlyClaimsToBeAPictureIsStoredAsBytes)
{
    Upload fake;
    fake.roomId = room.id();
    fake.fileName = "cat.png";
    fake.mimeType = "image/png";
    fake.bytes = "<html><script>alert(1)</script></html>";
    const auto attachment = uploadOk(anna, fake);
    EXPECT_EQ(attachment.mime_type(), "application/octet-stream");

    Upload gif;
    gif.roomId = room.id();
    gif.fileName = "dance.gif";
    gif.mimeType = "";
    gif.bytes = fileBytes(5000, "GIF89a");
    EXPECT_EQ(uploadOk(anna, gif).mime_type(), "image/gif");
    Upload text = gif;
    text.bytes = "plain words";
    text.mimeType = "Text/Plain";
    EXPECT_EQ(uploadOk(anna, text).mime_type(), "text/plain");
}

TEST_F(AttachmentsTest, DownloadsAreForMembersOfTheRoomUntilTheMessageIsDeleted)
{
    Upload file;
    file.roomId = room.id();
    file.bytes = fileBytes(100 * 1024);
    const auto attachment = uploadOk(anna, file);
    v1::Message message;
    ASSERT_OK(sendWith(anna, room.id(), {attachment.id()}, &message, "the notes"));

    EXPECT_STATUS(download(carol, attachment.id()).status, PERMISSION_DENIED, "attachment_id:");
    EXPECT_STATUS(download(bob, "no-such-attachment").status, NOT_FOUND, "attachment_id:");
    EXPECT_STATUS(download(bob, "").status, INVALID_ARGUMENT, "attachment_id:");
    EXPECT_STATUS(download(bob, attachment.id(), file.bytes.size() + 1).status, OUT_OF_RANGE,
                  "offset:");
    EXPECT_STATUS(download(v1::Session{}, attachment.id()).status, UNAUTHENTICATED);
    EXPECT_OK(download(bob, attachment.id()).status);

    ASSERT_OK(leave(bob, room.id()));
    EXPECT_STATUS(download(bob, attachment.id()).status, PERMISSION_DENIED);

    v1::DeleteMessageRequest remove;
    remove.set_message_id(message.id());
    v1::DeleteMessageResponse removed;
    ASSERT_OK(
        client.chat->DeleteMessage(Client::context(anna.access_token()).get(), remove, &removed));
    EXPECT_STATUS(download(anna, attachment.id()).status, NOT_FOUND);
    v1::GetHistoryResponse page;
    ASSERT_OK(history(anna, room.id(), 0, 10, &page));
    for (const auto& event : page.events()) {
        if (event.has_message_posted() && event.message_posted().id() == message.id()) {
            EXPECT_EQ(event.message_posted().attachments_size(), 0);
        }
    }
}

TEST_F(AttachmentsTest, SendingAttachmentsIsCheckedLikeTheRestOfTheMessage)
{
    Upload file;
    file.roomId = room.id();
    file.bytes = "some bytes";
    const auto annas = uploadOk(anna, file);
    v1::Message message;
    EXPECT_STATUS(sendWith(bob, room.id(), {annas.id()}, &message), NOT_FOUND, "attachment_ids:");
    EXPECT_STATUS(sendWith(anna, room.id(), {annas.id(), annas.id()}, &message), INVALID_ARGUMENT,
                  "attachment_ids:");
    EXPECT_STATUS(sendWith(anna, room.id(), std::vector<std::string>(11, annas.id()), &message),
                  INVALID_ARGUMENT, "attachment_ids:");
    EXPECT_STATUS(sendWith(anna, room.id(), {}, &message), INVALID_ARGUMENT, "text:");
    EXPECT_STATUS(sendWith(anna, room.id(), {annas.id()}, &message, "   "), INVALID_ARGUMENT,
                  "text:");
    ASSERT_OK(sendWith(anna, room.id(), {annas.id()}, &message, "with words"));
    EXPECT_EQ(message.text(), "with words");
    EXPECT_STATUS(sendWith(anna, room.id(), {annas.id()}, &message), FAILED_PRECONDITION,
                  "attachment_ids:");
}

backend::ServerConfig tightConfig()
{
    auto config = testConfig({});
    config.media.quotaBytesPerDay = 1024 * 1024;
    config.media.transfersPerUser = 1;
    config.media.idleTimeout = 500ms;
    return config;
}

class TightAttachmentsTest : public AttachmentsTest {
protected:
    TightAttachmentsTest() : AttachmentsTest(tightConfig()) {}
};

TEST_F(TightAttachmentsTest, TheDailyQuotaStopsUploadsPastIt)
{
    Upload file;
    file.roomId = room.id();
    file.bytes = fileBytes(700 * 1024);
    uploadOk(anna, file);
    EXPECT_STATUS(upload(anna, file), RESOURCE_EXHAUSTED, "size:");
    uploadOk(bob, file); // a quota of his own
}

TEST_F(TightAttachmentsTest, AStalledUploadIsEndedAndFreesItsPlace)
{
    auto ctx = Client::context(anna.access_token());
    v1::Attachment stalledAttachment;
    auto stalled = client.chat->UploadAttachment(ctx.get(), &stalledAttachment);
    v1::UploadAttachmentRequest header;
    header.mutable_header()->set_room_id(room.id());
    header.mutable_header()->set_file_name("slow.bin");
    header.mutable_header()->set_size(1000);
    ASSERT_TRUE(stalled->Write(header));
    v1::UploadAttachmentRequest chunk;
    chunk.set_chunk(std::string(10, 'x'));
    ASSERT_TRUE(stalled->Write(chunk));

    // Anna's one transfer is taken while the stalled upload lasts.
    std::this_thread::sleep_for(100ms);
    Upload file;
    file.roomId = room.id();
    file.bytes = "quick";
    EXPECT_STATUS(upload(anna, file), RESOURCE_EXHAUSTED, "upload:");

    // The server ends it after half a second of silence (and the sweep).
    const auto start = std::chrono::steady_clock::now();
    EXPECT_STATUS(stalled->Finish(), CANCELLED);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    uploadOk(anna, file);
    // And it left no upload behind.
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(server.server().store().attachments().expire(backend::nowMicros() + 1), 1u);
}

backend::ServerConfig expiringConfig()
{
    auto config = testConfig({});
    config.media.unsentExpiry = 1s;
    config.media.expiryInterval = 1s;
    return config;
}

class ExpiringAttachmentsTest : public AttachmentsTest {
protected:
    ExpiringAttachmentsTest() : AttachmentsTest(expiringConfig()) {}
};

TEST_F(ExpiringAttachmentsTest, AnUploadNoMessageCarriesIsRemovedOnceItExpires)
{
    Upload file;
    file.roomId = room.id();
    file.bytes = fileBytes(5000);
    const auto unsent = uploadOk(anna, file);
    const auto sent = uploadOk(anna, file);
    v1::Message message;
    ASSERT_OK(sendWith(anna, room.id(), {sent.id()}, &message));
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (download(anna, unsent.id()).status.ok() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(200ms);
    }
    EXPECT_STATUS(download(anna, unsent.id()).status, NOT_FOUND);
    EXPECT_OK(download(bob, sent.id()).status);
}

} // namespace
} // namespace confab::test

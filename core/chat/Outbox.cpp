#include "chat/Outbox.h"

#include "Logging.h"

#include "account/Session.h"
#include "chat/Transfer.h"
#include "net/ProtoConvert.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>

namespace confab::core {

namespace {

constexpr int kFileVersion = 1;

QString stateName(OutboxItem::State state)
{
    return state == OutboxItem::State::Failed ? QStringLiteral("failed")
                                              : QStringLiteral("pending");
}

} // namespace

Outbox::Outbox(Session& session, const QString& dataDir, QObject* parent)
    : QObject(parent), m_session(session)
{
    QDir().mkpath(dataDir);
    m_filePath = QDir(dataDir).filePath(QStringLiteral("outbox.json"));
    m_filesDir = QDir(dataDir).filePath(QStringLiteral("outbox-files"));
    load();
}

Outbox::~Outbox() = default;

void Outbox::setBackoffLimits(std::chrono::milliseconds initial, std::chrono::milliseconds max)
{
    m_backoffInitial = initial;
    m_backoffMax = max;
    for (auto& [roomId, queue] : m_queues) {
        queue.backoff.setLimits(initial, max);
    }
}

Outbox::RoomQueue& Outbox::queue(const QString& roomId)
{
    auto it = m_queues.find(roomId);
    if (it == m_queues.end()) {
        it = m_queues.try_emplace(roomId).first;
        RoomQueue& queue = it->second;
        queue.backoff.setLimits(m_backoffInitial, m_backoffMax);
        queue.retryTimer = std::make_unique<QTimer>();
        queue.retryTimer->setSingleShot(true);
        connect(queue.retryTimer.get(), &QTimer::timeout, this,
                [this, roomId] { sendNext(roomId); });
    }
    return it->second;
}

OutboxItem* Outbox::findItem(const QString& clientMessageId)
{
    for (auto& item : m_items) {
        if (item.clientMessageId == clientMessageId) {
            return &item;
        }
    }
    return nullptr;
}

const OutboxItem* Outbox::find(const QString& clientMessageId) const
{
    return const_cast<Outbox*>(this)->findItem(clientMessageId);
}

std::vector<OutboxItem> Outbox::items(const QString& roomId) const
{
    std::vector<OutboxItem> result;
    for (const auto& item : m_items) {
        if (roomId.isEmpty() || item.roomId == roomId) {
            result.push_back(item);
        }
    }
    return result;
}

void Outbox::start()
{
    m_started = true;
    retryNow();
}

void Outbox::stop()
{
    m_started = false;
    for (auto& [roomId, queue] : m_queues) {
        queue.retryTimer->stop();
    }
}

QString Outbox::send(const QString& roomId, const QString& text, const QString& replyTo,
                     const QList<OutgoingFile>& files, Error* error)
{
    if (roomId.isEmpty() || (text.trimmed().isEmpty() && files.isEmpty())) {
        return {};
    }
    OutboxItem item;
    item.roomId = roomId;
    item.clientMessageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    item.text = text;
    item.replyTo = replyTo;
    item.createdAt = QDateTime::currentDateTimeUtc();
    const auto refuse = [&](const QString& reason) {
        removeFiles(item);
        if (error) {
            *error = Error{Error::Code::InvalidInput, QStringLiteral("file"), reason};
        }
        return QString();
    };
    QDir().mkpath(m_filesDir);
    for (const OutgoingFile& outgoing : files) {
        OutboxFile file;
        file.path = QDir(m_filesDir)
                        .filePath(item.clientMessageId + QLatin1Char('-') +
                                  QString::number(item.files.size()));
        file.fileName = outgoing.fileName;
        if (file.fileName.isEmpty()) {
            file.fileName = QFileInfo(outgoing.sourcePath).fileName();
        }
        file.mimeType = outgoing.mimeType;
        file.width = outgoing.width;
        file.height = outgoing.height;
        file.thumbnail = outgoing.thumbnail;
        if (outgoing.sourcePath.isEmpty()) {
            QFile copy(file.path);
            if (!copy.open(QIODevice::WriteOnly) ||
                copy.write(outgoing.bytes) != outgoing.bytes.size()) {
                return refuse(copy.errorString());
            }
            file.size = static_cast<quint64>(outgoing.bytes.size());
        } else {
            const QFileInfo source(outgoing.sourcePath);
            if (!source.isFile() || !source.isReadable()) {
                return refuse(QStringLiteral("cannot be read"));
            }
            if (static_cast<quint64>(source.size()) > kMaxFileBytes) {
                return refuse(QStringLiteral("must be at most 1 GiB"));
            }
            // Copied, so that what is sent is what was chosen, even when the
            // original changes or goes before the network is back.
            if (!QFile::copy(outgoing.sourcePath, file.path)) {
                return refuse(QStringLiteral("cannot be read"));
            }
            file.size = static_cast<quint64>(QFileInfo(file.path).size());
        }
        item.files.append(file);
    }
    m_items.push_back(item);
    save();
    emit itemAdded(item);
    sendNext(roomId);
    return item.clientMessageId;
}

bool Outbox::edit(const QString& clientMessageId, const QString& text)
{
    OutboxItem* item = findItem(clientMessageId);
    if (!item || item->state != OutboxItem::State::Failed ||
        (text.trimmed().isEmpty() && item->files.isEmpty())) {
        return false;
    }
    item->text = text;
    const OutboxItem copy = *item;
    save();
    emit itemChanged(copy);
    return true;
}

bool Outbox::retry(const QString& clientMessageId)
{
    OutboxItem* item = findItem(clientMessageId);
    if (!item || item->state != OutboxItem::State::Failed) {
        return false;
    }
    item->state = OutboxItem::State::Pending;
    item->error = {};
    const OutboxItem copy = *item;
    save();
    emit itemChanged(copy);
    RoomQueue& q = queue(copy.roomId);
    q.held = false;
    q.backoff.reset();
    q.retryTimer->stop();
    sendNext(copy.roomId);
    return true;
}

bool Outbox::discard(const QString& clientMessageId)
{
    const auto it = std::find_if(m_items.begin(), m_items.end(), [&](const OutboxItem& item) {
        return item.clientMessageId == clientMessageId;
    });
    if (it == m_items.end()) {
        return false;
    }
    const QString roomId = it->roomId;
    if (it->state == OutboxItem::State::Sending) {
        // Only while its files go up: the message itself is not out yet.
        RoomQueue& q = queue(roomId);
        if (q.uploading != clientMessageId || !q.upload) {
            return false;
        }
        q.upload->cancel(); // onUploaded finds the message gone
    }
    const OutboxItem gone = *it;
    m_items.erase(it);
    removeFiles(gone);
    save();
    emit itemDiscarded(roomId, clientMessageId);
    return true;
}

void Outbox::removeFiles(const OutboxItem& item)
{
    for (const auto& file : item.files) {
        QFile::remove(file.path);
    }
}

void Outbox::retryNow()
{
    QStringList rooms;
    for (const auto& item : m_items) {
        if (item.state == OutboxItem::State::Pending && !rooms.contains(item.roomId)) {
            rooms.append(item.roomId);
        }
    }
    for (const QString& roomId : rooms) {
        RoomQueue& q = queue(roomId);
        q.held = false;
        q.backoff.reset();
        q.retryTimer->stop();
        sendNext(roomId);
    }
}

void Outbox::confirm(const v1::Message& message)
{
    const QString clientMessageId = toQString(message.client_message_id());
    if (!clientMessageId.isEmpty() && findItem(clientMessageId)) {
        finish(clientMessageId, message);
    }
}

void Outbox::finish(const QString& clientMessageId, const v1::Message& message)
{
    const auto it = std::find_if(m_items.begin(), m_items.end(), [&](const OutboxItem& item) {
        return item.clientMessageId == clientMessageId;
    });
    if (it == m_items.end()) {
        return;
    }
    const QString roomId = it->roomId;
    const OutboxItem sent = *it;
    m_items.erase(it);
    removeFiles(sent);
    save();
    emit messageSent(roomId, clientMessageId, message);
}

void Outbox::sendNext(const QString& roomId)
{
    if (!m_started || m_session.state() != Session::State::SignedIn) {
        return;
    }
    RoomQueue& q = queue(roomId);
    if (q.inFlight || q.held || q.retryTimer->isActive()) {
        return;
    }
    OutboxItem* item = nullptr;
    for (auto& candidate : m_items) {
        if (candidate.roomId == roomId && candidate.state == OutboxItem::State::Pending) {
            item = &candidate;
            break;
        }
    }
    if (!item) {
        return;
    }
    q.inFlight = true;
    item->state = OutboxItem::State::Sending;
    const OutboxItem sending = *item;
    emit itemChanged(sending);

    const QDateTime freshSince = QDateTime::currentDateTimeUtc().addSecs(-kUploadFreshSecs);
    for (int i = 0; i < item->files.size(); ++i) {
        const OutboxFile& file = item->files[i];
        if (file.attachmentId.isEmpty() || file.uploadedAt < freshSince) {
            upload(roomId, *item, i);
            return;
        }
    }

    v1::SendMessageRequest request;
    request.set_room_id(roomId.toStdString());
    request.set_client_message_id(sending.clientMessageId.toStdString());
    request.set_text(sending.text.toStdString());
    request.set_reply_to_message_id(sending.replyTo.toStdString());
    for (const auto& file : sending.files) {
        request.add_attachment_ids(file.attachmentId.toStdString());
    }
    m_session.call(&ChatApi::SendMessage, request, this,
                   [this, roomId, clientMessageId = sending.clientMessageId](const Error& error,
                                                                             v1::Message message) {
                       onSent(roomId, clientMessageId, error, message);
                   });
}

void Outbox::upload(const QString& roomId, OutboxItem& item, int file)
{
    const OutboxFile& outboxFile = item.files[file];
    quint64 before = 0;
    for (int i = 0; i < file; ++i) {
        before += item.files[i].size;
    }
    item.uploadedBytes = before;
    v1::AttachmentHeader header;
    header.set_room_id(roomId.toStdString());
    header.set_file_name(outboxFile.fileName.toStdString());
    header.set_mime_type(outboxFile.mimeType.toStdString());
    header.set_size(outboxFile.size);
    header.set_width(static_cast<quint32>(std::max(0, outboxFile.width)));
    header.set_height(static_cast<quint32>(std::max(0, outboxFile.height)));
    header.set_thumbnail(outboxFile.thumbnail.toStdString());
    RoomQueue& q = queue(roomId);
    q.uploading = item.clientMessageId;
    q.upload = std::make_unique<Upload>(m_session, std::move(header), outboxFile.path);
    const QString clientMessageId = item.clientMessageId;
    connect(q.upload.get(), &Upload::progress, this,
            [this, clientMessageId, before](quint64 sent, quint64) {
                if (OutboxItem* item = findItem(clientMessageId)) {
                    item->uploadedBytes = before + sent;
                    emit itemChanged(*item);
                }
            });
    connect(q.upload.get(), &Upload::finished, this,
            [this, roomId, clientMessageId, file](const Error& error,
                                                  const v1::Attachment& attachment) {
                onUploaded(roomId, clientMessageId, file, error, attachment);
            });
    q.upload->start();
}

void Outbox::onUploaded(const QString& roomId, const QString& clientMessageId, int file,
                        const Error& error, const v1::Attachment& attachment)
{
    RoomQueue& q = queue(roomId);
    // The upload goes once its signal is over.
    q.upload.release()->deleteLater();
    q.uploading.clear();
    q.inFlight = false;
    OutboxItem* item = findItem(clientMessageId);
    if (!item) {
        sendNext(roomId); // discarded while its file went up
        return;
    }
    if (!error.ok()) {
        onFailed(roomId, clientMessageId, error);
        return;
    }
    OutboxFile& uploaded = item->files[file];
    uploaded.attachmentId = toQString(attachment.id());
    uploaded.uploadedAt = QDateTime::currentDateTimeUtc();
    item->state = OutboxItem::State::Pending; // the next file, or the message
    save();
    sendNext(roomId);
}

void Outbox::onSent(const QString& roomId, const QString& clientMessageId, const Error& error,
                    const v1::Message& message)
{
    RoomQueue& q = queue(roomId);
    q.inFlight = false;
    OutboxItem* item = findItem(clientMessageId);
    if (error.ok()) {
        q.backoff.reset();
        finish(clientMessageId, message);
        sendNext(roomId);
        return;
    }
    if (!item) {
        // Confirmed by the stream (or discarded) while under way.
        sendNext(roomId);
        return;
    }
    onFailed(roomId, clientMessageId, error);
}

void Outbox::onFailed(const QString& roomId, const QString& clientMessageId, const Error& error)
{
    RoomQueue& q = queue(roomId);
    OutboxItem* item = findItem(clientMessageId);
    if (error.isTransient() || error.code == Error::Code::Unauthenticated) {
        item->state = OutboxItem::State::Pending;
        const OutboxItem copy = *item;
        emit itemChanged(copy);
        if (error.code == Error::Code::Unauthenticated) {
            q.held = true; // until the session is back (retryNow)
        } else {
            const auto delay = q.backoff.next();
            qCDebug(lcOutbox) << "send failed for now; again in" << delay.count() << "ms";
            if (m_started) {
                q.retryTimer->start(delay);
            }
        }
        return;
    }
    if (error.field == QLatin1String("attachment_ids")) {
        // The server no longer has an upload (it expired): made again on retry.
        for (auto& file : item->files) {
            file.attachmentId.clear();
        }
    }
    qCInfo(lcOutbox) << "message refused:" << static_cast<int>(error.code) << error.field;
    item->state = OutboxItem::State::Failed;
    item->error = error;
    const OutboxItem copy = *item;
    save();
    emit itemChanged(copy);
    sendNext(roomId);
}

void Outbox::load()
{
    QFile file(m_filePath);
    if (!file.exists()) {
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcOutbox) << "cannot read the outbox:" << file.errorString();
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCWarning(lcOutbox) << "the outbox file is damaged:" << parseError.errorString();
        return;
    }
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("version")).toInt() != kFileVersion) {
        qCWarning(lcOutbox) << "the outbox file has an unknown version";
        return;
    }
    for (const QJsonValue& value : root.value(QStringLiteral("items")).toArray()) {
        const QJsonObject object = value.toObject();
        OutboxItem item;
        item.roomId = object.value(QStringLiteral("roomId")).toString();
        item.clientMessageId = object.value(QStringLiteral("clientMessageId")).toString();
        item.text = object.value(QStringLiteral("text")).toString();
        item.replyTo = object.value(QStringLiteral("replyTo")).toString();
        item.createdAt = QDateTime::fromMSecsSinceEpoch(
            static_cast<qint64>(object.value(QStringLiteral("createdAt")).toDouble()), Qt::UTC);
        for (const QJsonValue& fileValue : object.value(QStringLiteral("files")).toArray()) {
            const QJsonObject f = fileValue.toObject();
            OutboxFile file;
            file.path = f.value(QStringLiteral("path")).toString();
            file.fileName = f.value(QStringLiteral("fileName")).toString();
            file.mimeType = f.value(QStringLiteral("mimeType")).toString();
            file.size = static_cast<quint64>(f.value(QStringLiteral("size")).toDouble());
            file.width = f.value(QStringLiteral("width")).toInt();
            file.height = f.value(QStringLiteral("height")).toInt();
            file.thumbnail =
                QByteArray::fromBase64(f.value(QStringLiteral("thumbnail")).toString().toLatin1());
            file.attachmentId = f.value(QStringLiteral("attachmentId")).toString();
            file.uploadedAt = QDateTime::fromMSecsSinceEpoch(
                static_cast<qint64>(f.value(QStringLiteral("uploadedAt")).toDouble()), Qt::UTC);
            if (!file.path.isEmpty() && QFileInfo::exists(file.path)) {
                item.files.append(file);
            }
        }
        if (object.value(QStringLiteral("state")).toString() == QLatin1String("failed")) {
            item.state = OutboxItem::State::Failed;
            const QJsonObject error = object.value(QStringLiteral("error")).toObject();
            item.error.code = static_cast<Error::Code>(error.value(QStringLiteral("code")).toInt());
            item.error.field = error.value(QStringLiteral("field")).toString();
            item.error.reason = error.value(QStringLiteral("reason")).toString();
        }
        if (item.roomId.isEmpty() || item.clientMessageId.isEmpty() ||
            (item.text.isEmpty() && item.files.isEmpty()) || findItem(item.clientMessageId)) {
            continue;
        }
        m_items.push_back(item);
    }
    qCInfo(lcOutbox) << "loaded" << m_items.size() << "unsent messages";
}

void Outbox::save()
{
    QJsonArray items;
    for (const auto& item : m_items) {
        QJsonObject object{
            {QStringLiteral("roomId"), item.roomId},
            {QStringLiteral("clientMessageId"), item.clientMessageId},
            {QStringLiteral("text"), item.text},
            {QStringLiteral("replyTo"), item.replyTo},
            {QStringLiteral("state"), stateName(item.state)},
            {QStringLiteral("createdAt"), static_cast<double>(item.createdAt.toMSecsSinceEpoch())},
        };
        if (!item.files.isEmpty()) {
            QJsonArray files;
            for (const auto& file : item.files) {
                files.append(QJsonObject{
                    {QStringLiteral("path"), file.path},
                    {QStringLiteral("fileName"), file.fileName},
                    {QStringLiteral("mimeType"), file.mimeType},
                    {QStringLiteral("size"), static_cast<double>(file.size)},
                    {QStringLiteral("width"), file.width},
                    {QStringLiteral("height"), file.height},
                    {QStringLiteral("thumbnail"), QString::fromLatin1(file.thumbnail.toBase64())},
                    {QStringLiteral("attachmentId"), file.attachmentId},
                    {QStringLiteral("uploadedAt"),
                     static_cast<double>(file.uploadedAt.toMSecsSinceEpoch())},
                });
            }
            object.insert(QStringLiteral("files"), files);
        }
        if (item.state == OutboxItem::State::Failed) {
            object.insert(QStringLiteral("error"),
                          QJsonObject{{QStringLiteral("code"), static_cast<int>(item.error.code)},
                                      {QStringLiteral("field"), item.error.field},
                                      {QStringLiteral("reason"), item.error.reason}});
        }
        items.append(object);
    }
    const QJsonObject root{{QStringLiteral("version"), kFileVersion},
                           {QStringLiteral("items"), items}};
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcOutbox) << "cannot write the outbox:" << file.errorString();
        emit saveFailed(file.errorString());
        return;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        qCWarning(lcOutbox) << "cannot write the outbox:" << file.errorString();
        emit saveFailed(file.errorString());
    }
}

} // namespace confab::core

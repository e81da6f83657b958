#include "chat/Downloads.h"

#include "Logging.h"

#include "chat/Transfer.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

namespace confab::core {

Downloads::Downloads(Session& session, QString cacheDir, QObject* parent)
    : QObject(parent), m_session(session), m_cacheDir(std::move(cacheDir))
{}

Downloads::~Downloads() = default;

void Downloads::setBackoffLimits(std::chrono::milliseconds initial, std::chrono::milliseconds max)
{
    m_backoffInitial = initial;
    m_backoffMax = max;
}

QString Downloads::cachePath(const Attachment& attachment) const
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    const QString name = hex.match(attachment.sha256).hasMatch()
                             ? attachment.sha256
                             : QString::fromLatin1(attachment.id.toUtf8().toHex());
    const QString suffix = QFileInfo(attachment.fileName).suffix();
    return QDir(m_cacheDir).filePath(suffix.isEmpty() ? name : name + QLatin1Char('.') + suffix);
}

void Downloads::fetch(const Attachment& attachment)
{
    if (m_running.contains(attachment.id)) {
        return; // being saved already: the viewer shows it from there once in
    }
    const QString path = cachePath(attachment);
    if (QFileInfo(path).size() == static_cast<qint64>(attachment.size) && QFileInfo::exists(path)) {
        set(attachment.id, Status{State::Done, attachment.size, attachment.size, path, {}});
        return;
    }
    begin(attachment, path);
}

void Downloads::save(const Attachment& attachment, const QString& path)
{
    begin(attachment, path);
}

void Downloads::begin(const Attachment& attachment, const QString& path)
{
    const auto running = m_running.find(attachment.id);
    if (running != m_running.end()) {
        if (running->second.download->path() == path) {
            return; // under way already
        }
        m_running.erase(running); // to another place now
    }
    Running& entry = m_running[attachment.id];
    entry.backoff.setLimits(m_backoffInitial, m_backoffMax);
    entry.download = std::make_unique<Download>(m_session, attachment.id, attachment.size,
                                                attachment.sha256, path);
    Download* download = entry.download.get();
    const QString id = attachment.id;
    connect(download, &Download::progress, this, [this, id, path](quint64 received, quint64 total) {
        set(id, Status{State::Running, received, total, path, {}});
    });
    connect(download, &Download::finished, this,
            [this, id](const Error& error) { onFinished(id, error); });
    download->start();
    set(id, Status{State::Running, download->received(), attachment.size, path, {}});
}

void Downloads::cancel(const QString& attachmentId)
{
    const auto it = m_running.find(attachmentId);
    if (it == m_running.end()) {
        return;
    }
    Download* download = it->second.download.get();
    if (download->isActive()) {
        download->cancel(); // finished(Cancelled) follows
        return;
    }
    // Waiting to try again: it ends here (the part stays, to resume).
    const Status status{State::Idle, download->received(), download->total(), download->path(),
                        Error::of(Error::Code::Cancelled)};
    m_running.erase(it);
    set(attachmentId, status);
}

void Downloads::onFinished(const QString& attachmentId, const Error& error)
{
    const auto it = m_running.find(attachmentId);
    if (it == m_running.end()) {
        return;
    }
    Download* download = it->second.download.get();
    Status status{State::Done, download->received(), download->total(), download->path(), {}};
    if (error.isTransient()) {
        // The part stays; the same download goes on after a pause.
        const auto delay = it->second.backoff.next();
        qCDebug(lcChat) << "download of" << attachmentId << "broke; again in" << delay.count()
                        << "ms";
        QTimer::singleShot(delay, this, [this, attachmentId, download] {
            const auto again = m_running.find(attachmentId);
            if (again != m_running.end() && again->second.download.get() == download) {
                download->start();
            }
        });
        status.state = State::Running;
        status.error = error;
        set(attachmentId, status);
        return;
    }
    if (!error.ok()) {
        status.state = error.code == Error::Code::Cancelled ? State::Idle : State::Failed;
        status.error = error;
    }
    // The download goes once its signal is over.
    it->second.download.release()->deleteLater();
    m_running.erase(it);
    set(attachmentId, status);
}

void Downloads::set(const QString& attachmentId, const Status& status)
{
    m_status.insert(attachmentId, status);
    emit changed(attachmentId);
}

} // namespace confab::core

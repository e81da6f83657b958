#include "chat/ImageViewer.h"

#include "chat/Downloads.h"
#include "delegates/MessageDelegate.h"
#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"

#include <QDialogButtonBox>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

namespace {

// Paints the picture as large as fits, centred, never larger than it is.
class Canvas : public QWidget {
public:
    explicit Canvas(const QImage* image, QWidget* parent) : QWidget(parent), m_image(image)
    {
        setMinimumSize(200, 150);
        setFocusPolicy(Qt::StrongFocus);
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), palette().color(QPalette::Window).darker(115));
        if (m_image->isNull()) {
            return;
        }
        QSize size = m_image->size();
        if (size.width() > width() || size.height() > height()) {
            size = size.scaled(this->size(), Qt::KeepAspectRatio);
        }
        const QRect target(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2),
                           size);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(target, *m_image);
    }

private:
    const QImage* m_image;
};

} // namespace

ImageViewer::ImageViewer(core::Downloads& downloads, const core::Attachment& attachment,
                         QWidget* parent)
    : QDialog(parent), m_downloads(downloads), m_attachment(attachment)
{
    setWindowTitle(attachment.fileName);
    setAccessibleName(MessageDelegate::attachmentText(attachment));
    auto* layout = new QVBoxLayout(this);
    m_canvas = new Canvas(&m_image, this);
    m_canvas->setAccessibleName(MessageDelegate::attachmentText(attachment));
    layout->addWidget(m_canvas, 1);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    LiveText::mark(m_status, tr("Picture status"));
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* save = buttons->addButton(tr("Save…"), QDialogButtonBox::ActionRole);
    connect(save, &QPushButton::clicked, this, [this] { emit saveRequested(m_attachment); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_image.loadFromData(attachment.thumbnail);
    // As large as the picture, within most of the screen.
    QSize wanted(std::max(attachment.width, 320), std::max(attachment.height, 240));
    wanted = wanted.boundedTo(QSize(1200, 800));
    resize(wanted + QSize(24, 90));

    connect(&m_downloads, &core::Downloads::changed, this, [this](const QString& id) {
        if (id == m_attachment.id) {
            update();
        }
    });
    m_downloads.fetch(m_attachment);
    update();
    m_canvas->setFocus();
}

void ImageViewer::update()
{
    if (m_complete) {
        return;
    }
    const core::Downloads::Status status = m_downloads.status(m_attachment.id);
    switch (status.state) {
    case core::Downloads::State::Done: {
        QImageReader reader(status.path);
        reader.setAutoTransform(true);
        const QImage full = reader.read();
        if (full.isNull()) {
            m_status->setText(tr("This picture cannot be shown."));
            return;
        }
        m_image = full;
        m_complete = true;
        m_status->setText(
            tr("%1 × %2, %3", "width, height, size")
                .arg(QLocale().toString(full.width()), QLocale().toString(full.height()),
                     QLocale().formattedDataSize(static_cast<qint64>(m_attachment.size))));
        m_canvas->update();
        return;
    }
    case core::Downloads::State::Failed:
        m_status->setText(
            tr("The picture could not be loaded: %1").arg(ErrorText::describe(status.error)));
        return;
    case core::Downloads::State::Running:
    case core::Downloads::State::Idle: {
        const int percent =
            status.total > 0 ? static_cast<int>(status.received * 100 / status.total) : 0;
        m_status->setText(
            status.error.ok()
                ? tr("Loading… %1 %").arg(QLocale().toString(percent))
                : tr("Waiting for the connection (%1 %)").arg(QLocale().toString(percent)));
        return;
    }
    }
}

} // namespace confab::ui

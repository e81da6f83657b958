#include "chat/AttachmentTray.h"

#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QToolButton>

namespace confab::ui {

namespace {

constexpr int kPreview = 36;

qint64 sizeOf(const core::OutgoingFile& file)
{
    return file.sourcePath.isEmpty() ? file.bytes.size() : QFileInfo(file.sourcePath).size();
}

} // namespace

AttachmentTray::AttachmentTray(QWidget* parent) : QWidget(parent), m_row(new QHBoxLayout(this))
{
    m_row->setContentsMargins(0, 0, 0, 0);
    m_row->setSpacing(6);
    setAccessibleName(tr("Files to send"));
    hide();
}

bool AttachmentTray::add(const core::OutgoingFile& file)
{
    if (m_files.size() >= kMaxFiles) {
        return false;
    }
    m_files.append(file);
    rebuild();
    emit changed();
    return true;
}

void AttachmentTray::setFiles(const QList<core::OutgoingFile>& files)
{
    m_files = files;
    rebuild();
    emit changed();
}

void AttachmentTray::rebuild()
{
    while (QLayoutItem* item = m_row->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < m_files.size(); ++i) {
        const core::OutgoingFile& file = m_files[i];
        auto* chip = new QFrame(this);
        chip->setObjectName(QStringLiteral("attachmentChip"));
        chip->setFrameShape(QFrame::StyledPanel);
        chip->setAutoFillBackground(true);
        chip->setBackgroundRole(QPalette::AlternateBase);
        auto* layout = new QHBoxLayout(chip);
        layout->setContentsMargins(4, 3, 2, 3);
        layout->setSpacing(6);
        auto* preview = new QLabel(chip);
        preview->setFixedSize(kPreview, kPreview);
        preview->setAlignment(Qt::AlignCenter);
        QPixmap pixmap;
        if (!file.thumbnail.isEmpty() && pixmap.loadFromData(file.thumbnail)) {
            preview->setPixmap(
                pixmap.scaled(kPreview, kPreview, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        } else {
            const QString kind = QFileInfo(file.fileName).suffix().left(4).toUpper();
            preview->setText(kind.isEmpty() ? QStringLiteral("…") : kind);
        }
        auto* name = new QLabel(chip);
        name->setTextFormat(Qt::PlainText);
        const QString size = QLocale().formattedDataSize(sizeOf(file));
        name->setText(name->fontMetrics().elidedText(file.fileName, Qt::ElideMiddle, 160) +
                      QLatin1Char('\n') + size);
        auto* remove = new QToolButton(chip);
        remove->setText(QStringLiteral("✕"));
        remove->setAutoRaise(true);
        remove->setToolTip(tr("Do not send %1").arg(file.fileName));
        remove->setAccessibleName(tr("Remove %1").arg(file.fileName));
        connect(remove, &QToolButton::clicked, this, [this, i] {
            if (i < m_files.size()) {
                m_files.removeAt(i);
                rebuild();
                emit changed();
            }
        });
        layout->addWidget(preview);
        layout->addWidget(name);
        layout->addWidget(remove);
        chip->setAccessibleName(tr("%1, %2", "file name, size").arg(file.fileName, size));
        m_row->addWidget(chip);
    }
    m_row->addStretch(1);
    setVisible(!m_files.isEmpty());
}

} // namespace confab::ui

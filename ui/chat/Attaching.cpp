#include "chat/Attaching.h"

#include "delegates/Avatar.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImageReader>
#include <QMimeDatabase>

namespace confab::ui::attaching {

QByteArray thumbnailOf(const QImage& image)
{
    if (image.isNull()) {
        return {};
    }
    int side = kThumbnailSide;
    while (side >= 32) {
        const QImage small =
            image.width() <= side && image.height() <= side
                ? image
                : image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (small.hasAlphaChannel()) {
            const QByteArray png = encodeImage(small, "PNG");
            if (png.size() <= kThumbnailMaxBytes) {
                return png;
            }
        } else {
            for (const int quality : {82, 65, 45}) {
                const QByteArray jpeg = encodeImage(small, "JPEG", quality);
                if (jpeg.size() <= kThumbnailMaxBytes) {
                    return jpeg;
                }
            }
        }
        side = side * 3 / 4;
    }
    return {};
}

core::OutgoingFile fromPath(const QString& path)
{
    core::OutgoingFile file;
    file.sourcePath = path;
    file.fileName = QFileInfo(path).fileName();
    file.mimeType = QMimeDatabase().mimeTypeForFile(path).name();
    if (file.mimeType.startsWith(QLatin1String("image/"))) {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QImage image = reader.read();
        if (!image.isNull()) {
            file.width = image.width();
            file.height = image.height();
            file.thumbnail = thumbnailOf(image);
        }
    }
    return file;
}

core::OutgoingFile fromImage(const QImage& image, const QString& fileName)
{
    core::OutgoingFile file;
    QBuffer buffer(&file.bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    file.fileName = fileName;
    file.mimeType = QStringLiteral("image/png");
    file.width = image.width();
    file.height = image.height();
    file.thumbnail = thumbnailOf(image);
    return file;
}

} // namespace confab::ui::attaching

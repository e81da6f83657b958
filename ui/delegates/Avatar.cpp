#include "delegates/Avatar.h"

#include <QBuffer>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>

namespace confab::ui {

QByteArray encodeImage(const QImage& image, const char* format, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return bytes;
}

QByteArray encodeAvatar(const QImage& source, qsizetype maxBytes)
{
    if (source.isNull()) {
        return {};
    }
    const int side = std::min(source.width(), source.height());
    QImage square =
        source.copy((source.width() - side) / 2, (source.height() - side) / 2, side, side);
    for (int size = std::min(side, 512); size >= 64; size = size * 3 / 4) {
        const QImage scaled =
            square.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QByteArray png = encodeImage(scaled, "PNG", -1);
        if (png.size() <= maxBytes) {
            return png;
        }
        const QImage opaque = scaled.convertToFormat(QImage::Format_RGB32);
        for (int quality = 90; quality >= 50; quality -= 10) {
            QByteArray jpeg = encodeImage(opaque, "JPEG", quality);
            if (jpeg.size() <= maxBytes) {
                return jpeg;
            }
        }
    }
    return {};
}

QPixmap avatarPixmap(const QByteArray& bytes, const QString& name, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath circle;
    circle.addEllipse(0, 0, size, size);
    painter.setClipPath(circle);
    QImage image;
    if (!bytes.isEmpty() && image.loadFromData(bytes)) {
        painter.drawImage(
            QRect(0, 0, size, size),
            image.scaled(size, size, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation));
        return pixmap;
    }
    const QColor colour = QColor::fromHsl(static_cast<int>(qHash(name) % 360), 140, 120);
    painter.fillRect(0, 0, size, size, colour);
    const QString initials = initialsOf(name);
    QFont font = painter.font();
    font.setPixelSize(size * 2 / 5);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRect(0, 0, size, size), Qt::AlignCenter, initials);
    return pixmap;
}

QString initialsOf(const QString& name)
{
    // The first letter or digit of the first two words that start with one
    // (whole code points: "Party 🎉" is "P", never half an emoji).
    QString initials;
    int taken = 0;
    for (const QString& part : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QList<uint> points = part.toUcs4();
        if (points.isEmpty() || !QChar::isLetterOrNumber(points.front())) {
            continue;
        }
        initials +=
            QString::fromUcs4(reinterpret_cast<const char32_t*>(points.constData()), 1).toUpper();
        if (++taken == 2) {
            break;
        }
    }
    return initials;
}

QPixmap cachedAvatarPixmap(const QByteArray& bytes, const QString& name, int size)
{
    const QString key = QStringLiteral("avatar:%1:%2:%3")
                            .arg(QString::number(qHash(bytes), 16), name, QString::number(size));
    QPixmap pixmap;
    if (!QPixmapCache::find(key, &pixmap)) {
        pixmap = avatarPixmap(bytes, name, size);
        QPixmapCache::insert(key, pixmap);
    }
    return pixmap;
}

QColor userColour(const QString& key, bool dark)
{
    const int hue = static_cast<int>(qHash(key) % 360);
    return QColor::fromHsl(hue, dark ? 150 : 170, dark ? 170 : 95);
}

} // namespace confab::ui

#pragma once

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QPixmap>
#include <QString>

namespace confab::ui {

// Turns a picture the user chose into avatar bytes the server accepts:
// square-cropped, scaled to at most 512 px, PNG when small enough, else
// JPEG at the best quality that fits `maxBytes`. Empty when the image
// cannot be read.
// `image` in `format` ("PNG", "JPEG"; `quality` 0-100, -1 for the default).
QByteArray encodeImage(const QImage& image, const char* format, int quality = -1);
QByteArray encodeAvatar(const QImage& image, qsizetype maxBytes = 256 * 1024);

// A round avatar of `size` px: the image, or the initials of `name` on a
// colour of its own.
QPixmap avatarPixmap(const QByteArray& bytes, const QString& name, int size);

// The same, kept in QPixmapCache: for delegates that paint it often.
QPixmap cachedAvatarPixmap(const QByteArray& bytes, const QString& name, int size);

// A colour of the user's own for names, readable on the window's background.
QColor userColour(const QString& key, bool dark);

// What stands for a name without a picture: up to two initials.
QString initialsOf(const QString& name);

} // namespace confab::ui

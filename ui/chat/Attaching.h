#pragma once

#include "chat/Outbox.h"

#include <QImage>
#include <QString>

// Files and pictures made ready for the outbox: their type (by content,
// then by name), and for pictures their size and a thumbnail, so that the
// other side shows them at once and at the right size.
namespace confab::ui::attaching {

// The largest thumbnail the server takes, and the longest side it gets.
constexpr qsizetype kThumbnailMaxBytes = 64 * 1024;
constexpr int kThumbnailSide = 320;

// A file chosen, dropped or pasted by name.
core::OutgoingFile fromPath(const QString& path);
// A picture pasted: sent as a PNG named `fileName`.
core::OutgoingFile fromImage(const QImage& image, const QString& fileName);
// A JPEG (PNG when it has transparency) of at most kThumbnailMaxBytes whose
// longest side is at most kThumbnailSide; empty for a null image.
QByteArray thumbnailOf(const QImage& image);

} // namespace confab::ui::attaching

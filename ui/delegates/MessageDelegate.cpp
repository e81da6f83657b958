#include "delegates/MessageDelegate.h"

#include "delegates/Painting.h"

#include "chat/Downloads.h"
#include "delegates/Avatar.h"
#include "delegates/RichText.h"
#include "dialogs/ErrorText.h"
#include "models/TimelineModel.h"
#include "shell/Theme.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QFileInfo>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolTip>

namespace confab::ui {

using core::TimelineModel;

namespace {

constexpr int kMargin = 12;
constexpr int kAvatar = 32;
constexpr int kGap = 8;
constexpr int kPadH = 11;
constexpr int kPadV = 7;
constexpr int kRadius = 14;
constexpr int kDayHeight = 34;
constexpr int kEventHeight = 24;
constexpr int kMaxBubble = 620;
constexpr qint64 kRunGapSecs = 5 * 60;
constexpr int kChipPad = 8;
constexpr int kChipGap = 6;
// Pictures in a bubble: at most this big, at least this small.
constexpr int kPictureMaxW = 320;
constexpr int kPictureMaxH = 240;
constexpr int kPictureMin = 48;
constexpr int kFileMaxW = 300;
constexpr int kAttachmentGap = 6;
constexpr int kAttachmentRadius = 8;

QFont smallFont(const QFont& base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.82);
    return font;
}

QFont nameFont(const QFont& base)
{
    QFont font = smallFont(base);
    font.setBold(true);
    return font;
}

// Message text as QTextLayout wants it: line breaks as line separators.
QString layoutText(QString text)
{
    text.replace(QLatin1Char('\n'), QChar::LineSeparator);
    return text;
}

struct TextSize {
    int width = 0;
    int height = 0;
    int lastLine = 0;
};

// Lays `text` out within `width`; draws it at `at` when a painter is given.
TextSize layOut(const QString& text, const QFont& font, int width, QPainter* painter = nullptr,
                QPointF at = {})
{
    QTextLayout layout(layoutText(text), font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.setFormats(painting::emojiFormats(layout.text()));
    layout.beginLayout();
    qreal y = 0;
    qreal widest = 0;
    qreal last = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
        widest = std::max(widest, line.naturalTextWidth());
        last = line.naturalTextWidth();
    }
    layout.endLayout();
    if (painter) {
        layout.draw(painter, at);
    }
    return {static_cast<int>(std::ceil(widest)), static_cast<int>(std::ceil(y)),
            static_cast<int>(std::ceil(last))};
}

QString shownText(const QModelIndex& index)
{
    return index.data(TimelineModel::DeletedRole).toBool()
               ? TimelineModel::deletedMessageText()
               : index.data(TimelineModel::TextRole).toString();
}

QList<core::Attachment> attachmentsOf(const QModelIndex& index)
{
    if (index.data(TimelineModel::DeletedRole).toBool()) {
        return {};
    }
    return index.data(TimelineModel::AttachmentsRole).value<QList<core::Attachment>>();
}

// The decoded thumbnail, scaled to `size`; kept while it is on screen.
QPixmap thumbnailPixmap(const QByteArray& thumbnail, const QSize& size, qreal ratio)
{
    const QString key = QStringLiteral("confab-thumb-%1-%2x%3@%4")
                            .arg(qHash(thumbnail))
                            .arg(size.width())
                            .arg(size.height())
                            .arg(ratio);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap)) {
        return pixmap;
    }
    QImage image;
    if (!image.loadFromData(thumbnail)) {
        return {};
    }
    pixmap = QPixmap::fromImage(
        image.scaled(size * ratio, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(ratio);
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

QDateTime sentAt(const QModelIndex& index)
{
    return index.data(TimelineModel::SentAtRole).toDateTime().toLocalTime();
}

} // namespace

MessageDelegate::MessageDelegate(QObject* parent) : QStyledItemDelegate(parent)
{}

QString MessageDelegate::dayText(const QDate& day)
{
    const QDate today = QDate::currentDate();
    if (day == today) {
        return tr("Today");
    }
    if (day == today.addDays(-1)) {
        return tr("Yesterday");
    }
    const QLocale locale;
    if (day.year() == today.year()) {
        return locale.toString(day, tr("dddd, d MMMM", "date of a day this year"));
    }
    return locale.toString(day, QLocale::LongFormat);
}

QString MessageDelegate::timeText(const QTime& time)
{
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    // Some locales' short format (C's among them) still has seconds.
    format.remove(QStringLiteral(":ss"));
    return locale.toString(time, format);
}

QString MessageDelegate::footerText(const QModelIndex& index)
{
    switch (TimelineModel::sendStateAt(index)) {
    case TimelineModel::SendState::Pending: {
        const double uploaded = index.data(TimelineModel::UploadProgressRole).toDouble();
        if (uploaded >= 0 && uploaded < 1) {
            return tr("Uploading %1 %", "percent done")
                .arg(QLocale().toString(static_cast<int>(uploaded * 100)));
        }
        return tr("Sending…");
    }
    case TimelineModel::SendState::Failed:
        return tr("Not sent");
    case TimelineModel::SendState::Sent:
        break;
    }
    const QString time = timeText(sentAt(index).time());
    if (index.data(TimelineModel::EditedRole).toBool() &&
        !index.data(TimelineModel::DeletedRole).toBool()) {
        return tr("edited %1", "time of a message that was edited").arg(time);
    }
    return time;
}

QString MessageDelegate::chipText(const core::Reaction& reaction)
{
    return reaction.emoji + QChar(0x2009) + QLocale().toString(reaction.userIds.size());
}

QString MessageDelegate::reactorsText(const QModelIndex& index, int reaction)
{
    const auto reactions = index.data(TimelineModel::ReactionsRole).value<QList<core::Reaction>>();
    const auto names = index.data(TimelineModel::ReactorNamesRole).value<QList<QStringList>>();
    if (reaction < 0 || reaction >= reactions.size() || reaction >= names.size()) {
        return {};
    }
    return tr("%1 reacted with %2", "who, emoji")
        .arg(QLocale().createSeparatedList(names[reaction]), reactions[reaction].emoji);
}

QTextDocument* MessageDelegate::formatted(const QString& text, const QFont& font, int width) const
{
    if (!richtext::looksFormatted(text)) {
        return nullptr;
    }
    const QString key = font.key() + QChar(0x1f) + text;
    QTextDocument* doc = m_documents.object(key);
    if (!doc) {
        doc = richtext::document(text, font).release();
        m_documents.insert(key, doc);
    }
    if (doc->textWidth() != width) {
        doc->setTextWidth(width);
    }
    return doc;
}

QString MessageDelegate::linkAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                                const QPoint& pos) const
{
    const Layout l = layout(option, index);
    if (!l.text.contains(pos) || index.data(TimelineModel::DeletedRole).toBool()) {
        return {};
    }
    QTextDocument* doc = formatted(shownText(index), option.font, l.textWidth);
    if (!doc) {
        return {};
    }
    return doc->documentLayout()->anchorAt(QPointF(pos - l.text.topLeft()));
}

QSize MessageDelegate::attachmentSize(const core::Attachment& attachment, int maxWidth,
                                      const QFont& font)
{
    if (attachment.isPicture()) {
        const int boundW = std::max(kPictureMin, std::min(maxWidth, kPictureMaxW));
        if (attachment.width <= 0 || attachment.height <= 0) {
            return {boundW, boundW * 3 / 4};
        }
        QSize size(attachment.width, attachment.height);
        if (size.width() > boundW || size.height() > kPictureMaxH) {
            size = size.scaled(boundW, kPictureMaxH, Qt::KeepAspectRatio);
        }
        return size.expandedTo(QSize(kPictureMin, kPictureMin))
            .boundedTo(QSize(boundW, kPictureMaxH));
    }
    const QFontMetrics metrics(smallFont(font));
    return {std::max(kPictureMin, std::min(maxWidth, kFileMaxW)), 2 * metrics.height() + 14};
}

QString MessageDelegate::attachmentText(const core::Attachment& attachment)
{
    if (attachment.isPicture() && attachment.width > 0 && attachment.height > 0) {
        return tr("Picture %1, %2 × %3", "file name, width, height")
            .arg(attachment.fileName, QLocale().toString(attachment.width),
                 QLocale().toString(attachment.height));
    }
    return tr("File %1, %2", "file name, size")
        .arg(attachment.fileName,
             QLocale().formattedDataSize(static_cast<qint64>(attachment.size)));
}

QString MessageDelegate::fileStatusText(const core::Attachment& attachment) const
{
    const QString size = QLocale().formattedDataSize(static_cast<qint64>(attachment.size));
    if (attachment.id.isEmpty()) {
        return size; // still on its way up
    }
    const core::Downloads::Status status =
        m_downloads ? m_downloads->status(attachment.id) : core::Downloads::Status{};
    switch (status.state) {
    case core::Downloads::State::Running: {
        const int percent =
            status.total > 0 ? static_cast<int>(status.received * 100 / status.total) : 0;
        return status.error.ok()
                   ? tr("Saving %1 % of %2", "percent, size").arg(QLocale().toString(percent), size)
                   : tr("Waiting for the connection (%1 %)").arg(QLocale().toString(percent));
    }
    case core::Downloads::State::Done:
        return tr("%1 · Saved · Open", "size").arg(size);
    case core::Downloads::State::Failed:
        return tr("%1 · Not saved: %2", "size, why").arg(size, ErrorText::describe(status.error));
    case core::Downloads::State::Idle:
        break;
    }
    return tr("%1 · Save", "size").arg(size);
}

int MessageDelegate::attachmentAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                                  const QPoint& pos) const
{
    const Layout l = layout(option, index);
    for (int i = 0; i < l.attachments.size(); ++i) {
        if (l.attachments[i].contains(pos)) {
            return i;
        }
    }
    return -1;
}

void MessageDelegate::paintAttachment(QPainter* painter, const QStyleOptionViewItem& option,
                                      const core::Attachment& attachment, const QRect& box,
                                      const QColor& ink, double progress) const
{
    QPainterPath shape;
    shape.addRoundedRect(QRectF(box), kAttachmentRadius, kAttachmentRadius);
    QColor back = ink;
    back.setAlpha(24);
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    if (attachment.isPicture()) {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const QPixmap pixmap = attachment.thumbnail.isEmpty()
                                   ? QPixmap()
                                   : thumbnailPixmap(attachment.thumbnail, box.size(), ratio);
        painter->save();
        painter->setClipPath(shape);
        if (pixmap.isNull()) {
            painter->fillPath(shape, back);
            painter->setFont(small);
            painter->setPen(ink);
            painter->drawText(box.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                              attachment.fileName);
        } else {
            // Centred, cut to the box (the thumbnail may not be the
            // picture's exact proportions).
            const QSizeF shown = QSizeF(pixmap.size()) / pixmap.devicePixelRatio();
            painter->drawPixmap(QPointF(box.left() + (box.width() - shown.width()) / 2,
                                        box.top() + (box.height() - shown.height()) / 2),
                                pixmap);
        }
        painter->restore();
    } else {
        painter->fillPath(shape, back);
        // The file's kind, as its ending says it.
        const QRect badge(box.left() + 8, box.top() + (box.height() - 30) / 2, 26, 30);
        QPainterPath badgePath;
        badgePath.addRoundedRect(QRectF(badge), 4, 4);
        QColor badgeBack = ink;
        badgeBack.setAlpha(60);
        painter->fillPath(badgePath, badgeBack);
        QFont kindFont = small;
        kindFont.setPointSizeF(small.pointSizeF() * 0.7);
        kindFont.setBold(true);
        painter->setFont(kindFont);
        painter->setPen(ink);
        const QString kind = QFileInfo(attachment.fileName).suffix().left(4).toUpper();
        painter->drawText(badge, Qt::AlignCenter, kind.isEmpty() ? QStringLiteral("…") : kind);
        const int textLeft = badge.right() + 9;
        const int textWidth = box.right() - 8 - textLeft;
        painter->setFont(nameFont(option.font));
        const QFontMetrics nameMetrics(painter->font());
        painter->drawText(QRect(textLeft, box.top() + 6, textWidth, nameMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          nameMetrics.elidedText(attachment.fileName, Qt::ElideMiddle, textWidth));
        painter->setFont(small);
        QColor muted = ink;
        muted.setAlpha(170);
        painter->setPen(muted);
        painter->drawText(
            QRect(textLeft, box.top() + 8 + nameMetrics.height(), textWidth, smallMetrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            smallMetrics.elidedText(fileStatusText(attachment), Qt::ElideRight, textWidth));
        // A file being saved: how much of it is in.
        if (m_downloads && !attachment.id.isEmpty()) {
            const auto status = m_downloads->status(attachment.id);
            if (status.state == core::Downloads::State::Running && status.total > 0) {
                progress = static_cast<double>(status.received) / static_cast<double>(status.total);
            }
        }
    }
    if (progress >= 0 && progress < 1) {
        const QRectF track(box.left() + 6, box.bottom() - 6, box.width() - 12, 3);
        QColor trackColour = attachment.isPicture() ? QColor(0, 0, 0, 90) : back;
        painter->fillRect(track, trackColour);
        painter->fillRect(QRectF(track.left(), track.top(), track.width() * progress, 3),
                          attachment.isPicture() ? QColor(Qt::white) : ink);
    }
}

QString MessageDelegate::reactionAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                                    const QPoint& pos) const
{
    const Layout l = layout(option, index);
    for (int i = 0; i < l.reactions.size(); ++i) {
        if (l.reactions[i].contains(pos)) {
            const auto reactions =
                index.data(TimelineModel::ReactionsRole).value<QList<core::Reaction>>();
            return i < reactions.size() ? reactions[i].emoji : QString();
        }
    }
    return {};
}

QString MessageDelegate::spokenText(const QModelIndex& index)
{
    const QString who = index.data(TimelineModel::AuthorNameRole).toString();
    const QString time = timeText(sentAt(index).time());
    QString spoken;
    switch (TimelineModel::kindAt(index)) {
    case TimelineModel::Kind::MemberJoined:
        spoken = tr("%1 joined, %2", "who, time").arg(who, time);
        break;
    case TimelineModel::Kind::MemberLeft:
        spoken = tr("%1 left, %2", "who, time").arg(who, time);
        break;
    case TimelineModel::Kind::Message: {
        const bool deleted = index.data(TimelineModel::DeletedRole).toBool();
        spoken = tr("%1, %2: %3", "author, time: text")
                     .arg(who, time, richtext::plainText(shownText(index)));
        if (!deleted && index.data(TimelineModel::EditedRole).toBool()) {
            spoken += QLatin1Char(' ') + tr("(edited)");
        }
        if (!deleted && index.data(TimelineModel::MentionsMeRole).toBool()) {
            spoken += QLatin1Char(' ') + tr("Mentions you.");
        }
        for (const auto& attachment : attachmentsOf(index)) {
            spoken += QLatin1Char(' ') + attachmentText(attachment) + QLatin1Char('.');
        }
        const auto reactions =
            index.data(TimelineModel::ReactionsRole).value<QList<core::Reaction>>();
        if (!deleted && !reactions.isEmpty()) {
            QStringList counted;
            for (int i = 0; i < reactions.size(); ++i) {
                counted.append(reactorsText(index, i));
            }
            spoken +=
                QLatin1Char(' ') + tr("Reactions: %1.").arg(counted.join(QStringLiteral("; ")));
        }
        if (!deleted && !index.data(TimelineModel::ReplyToRole).toString().isEmpty()) {
            const QString author = index.data(TimelineModel::ReplyAuthorNameRole).toString();
            const QString preview =
                richtext::plainText(index.data(TimelineModel::ReplyPreviewRole).toString())
                    .simplified();
            spoken += QLatin1Char(' ') + (author.isEmpty()
                                              ? tr("In reply to an earlier message.")
                                              : tr("In reply to %1: %2").arg(author, preview));
        }
        switch (TimelineModel::sendStateAt(index)) {
        case TimelineModel::SendState::Pending:
            spoken += QLatin1Char(' ') + tr("Sending…");
            break;
        case TimelineModel::SendState::Failed:
            spoken += QLatin1Char(' ') +
                      tr("Not sent: %1")
                          .arg(ErrorText::describe(
                              index.data(TimelineModel::ErrorRole).value<core::Error>()));
            break;
        case TimelineModel::SendState::Sent:
            break;
        }
        break;
    }
    }
    if (startsDay(index)) {
        spoken = dayText(sentAt(index).date()) + QStringLiteral(". ") + spoken;
    }
    return spoken;
}

bool MessageDelegate::startsDay(const QModelIndex& index)
{
    const QModelIndex previous = index.siblingAtRow(index.row() - 1);
    return !previous.isValid() || sentAt(previous).date() != sentAt(index).date();
}

bool MessageDelegate::startsRun(const QModelIndex& index) const
{
    const QModelIndex previous = index.siblingAtRow(index.row() - 1);
    if (!previous.isValid() || startsDay(index) ||
        TimelineModel::kindAt(previous) != TimelineModel::Kind::Message) {
        return true;
    }
    if (previous.data(TimelineModel::AuthorIdRole) != index.data(TimelineModel::AuthorIdRole)) {
        return true;
    }
    return sentAt(previous).secsTo(sentAt(index)) > kRunGapSecs;
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem& option,
                                                const QModelIndex& index) const
{
    Layout out;
    const QRect r = option.rect;
    int y = r.top();
    if (startsDay(index)) {
        out.daySeparator = QRect(r.left(), y, r.width(), kDayHeight);
        y += kDayHeight;
    }
    if (TimelineModel::kindAt(index) != TimelineModel::Kind::Message) {
        out.memberEvent = QRect(r.left(), y, r.width(), kEventHeight);
        out.height = y + kEventHeight - r.top();
        return out;
    }

    const bool own = index.data(TimelineModel::OwnRole).toBool();
    const bool runStart = startsRun(index);
    y += runStart ? 10 : 3;
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    const QFontMetrics nameMetrics(nameFont(option.font));
    const int usable = r.width() - 2 * kMargin - kAvatar - kGap;
    const int maxBubble = std::clamp(usable * 4 / 5, 120, kMaxBubble);
    const int contentMax = maxBubble - 2 * kPadH;
    const int left = r.left() + kMargin + kAvatar + kGap;

    if (!own && runStart) {
        out.avatar = QRect(r.left() + kMargin, y, kAvatar, kAvatar);
        if (m_showNames) {
            out.name = QRect(left + kPadH, y, contentMax, nameMetrics.height());
            y += nameMetrics.height() + 2;
        }
    }

    int contentWidth = 0;
    int quoteHeight = 0;
    if (!index.data(TimelineModel::ReplyToRole).toString().isEmpty() &&
        !index.data(TimelineModel::DeletedRole).toBool()) {
        const QString author = index.data(TimelineModel::ReplyAuthorNameRole).toString();
        const QString preview =
            richtext::plainText(index.data(TimelineModel::ReplyPreviewRole).toString())
                .simplified();
        const int wanted = std::max(nameMetrics.horizontalAdvance(author),
                                    smallMetrics.horizontalAdvance(preview));
        contentWidth = std::min(contentMax, wanted + 14);
        quoteHeight = nameMetrics.height() + smallMetrics.height() + 8;
    }

    // Attachments: stacked in the bubble, over the text.
    const QList<core::Attachment> attachments = attachmentsOf(index);
    QList<QSize> boxes;
    int attachmentsHeight = 0;
    for (const auto& attachment : attachments) {
        boxes.append(attachmentSize(attachment, contentMax, option.font));
        attachmentsHeight += boxes.last().height() + kAttachmentGap;
        contentWidth = std::max(contentWidth, boxes.last().width());
    }

    QFont textFont = option.font;
    textFont.setItalic(index.data(TimelineModel::DeletedRole).toBool());
    TextSize text;
    int wrapWidth = contentMax;
    if (shownText(index).isEmpty() && !attachments.isEmpty()) {
        // Files alone: the time goes under them.
        text.lastLine = contentMax;
    } else if (QTextDocument* doc = formatted(shownText(index), textFont, contentMax)) {
        text.width = std::min(contentMax, static_cast<int>(std::ceil(doc->idealWidth())));
        text.height = static_cast<int>(std::ceil(doc->size().height()));
        // The footer goes on a line of its own after formatted text.
        text.lastLine = contentMax;
        // Laid out again as wide as its widest line: the same lines, and the
        // shading of code and quotes ends with the bubble.
        wrapWidth = std::max(1, text.width);
    } else {
        text = layOut(shownText(index), textFont, contentMax);
    }
    out.textWidth = wrapWidth;
    const int footerWidth = smallMetrics.horizontalAdvance(footerText(index));
    out.footerInline = text.lastLine + 10 + footerWidth <= contentMax;
    contentWidth = std::max({contentWidth, text.width,
                             out.footerInline ? text.lastLine + 10 + footerWidth : footerWidth});
    const int attachmentsTop = kPadV + (quoteHeight > 0 ? quoteHeight + 4 : 0);
    const int textTop = attachmentsTop + attachmentsHeight;
    const int bubbleHeight =
        textTop + text.height + (out.footerInline ? 0 : smallMetrics.height()) + kPadV;
    const int bubbleWidth = contentWidth + 2 * kPadH;
    const int bubbleLeft = own ? r.right() - kMargin - bubbleWidth + 1 : left;
    out.bubble = QRect(bubbleLeft, y, bubbleWidth, bubbleHeight);
    if (quoteHeight > 0) {
        out.quote = QRect(bubbleLeft + kPadH, y + kPadV, contentWidth, quoteHeight);
    }
    int boxTop = y + attachmentsTop;
    for (const QSize& box : boxes) {
        out.attachments.append(QRect(QPoint(bubbleLeft + kPadH, boxTop), box));
        boxTop += box.height() + kAttachmentGap;
    }
    out.text = QRect(bubbleLeft + kPadH, y + textTop, contentWidth, text.height);
    const int footerTop =
        out.footerInline ? out.text.bottom() + 1 - smallMetrics.height() : out.text.bottom() + 1;
    out.footer = QRect(out.bubble.right() - kPadH - footerWidth + 1, footerTop, footerWidth,
                       smallMetrics.height());
    out.height = out.bubble.bottom() + 1 - r.top() + 2;

    // Reactions: chips under the bubble, on its side, wrapping as needed.
    const auto reactions = index.data(TimelineModel::ReactionsRole).value<QList<core::Reaction>>();
    if (!reactions.isEmpty() && !index.data(TimelineModel::DeletedRole).toBool()) {
        const QFontMetrics chipMetrics(option.font);
        const int chipHeight = chipMetrics.height() + 6;
        const int lineWidth = std::max(maxBubble, out.bubble.width());
        std::vector<std::vector<QRect>> lines(1);
        int x = 0;
        for (const auto& reaction : reactions) {
            const int width = layOut(chipText(reaction), option.font, 10000).width + 2 * kChipPad;
            if (x > 0 && x + width > lineWidth) {
                lines.emplace_back();
                x = 0;
            }
            lines.back().push_back(QRect(x, 0, width, chipHeight));
            x += width + kChipGap;
        }
        int lineTop = out.bubble.bottom() + 1 + 4;
        for (auto& line : lines) {
            const int used = line.back().right() + 1;
            const int start = own ? out.bubble.right() + 1 - used : out.bubble.left();
            for (const QRect& chip : line) {
                out.reactions.append(chip.translated(start, lineTop));
            }
            lineTop += chipHeight + 4;
        }
        out.height = lineTop - r.top() + 2;
    }
    if (out.avatar.isValid()) {
        out.height = std::max(out.height, out.avatar.bottom() + 1 - r.top() + 2);
    }
    return out;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // The row's height depends on the width it wraps in: the viewport's.
    QStyleOptionViewItem opt = option;
    const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
    opt.rect = QRect(0, 0, view ? view->viewport()->width() : option.rect.width(), 0);
    return {opt.rect.width(), layout(opt, index).height};
}

bool MessageDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view,
                                const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid()) {
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    }
    const Layout l = layout(option, index);
    for (int i = 0; i < l.reactions.size(); ++i) {
        if (l.reactions[i].contains(event->pos())) {
            const bool mine = index.data(TimelineModel::MyReactionsRole)
                                  .toStringList()
                                  .contains(index.data(TimelineModel::ReactionsRole)
                                                .value<QList<core::Reaction>>()
                                                .value(i)
                                                .emoji);
            QToolTip::showText(
                event->globalPos(),
                reactorsText(index, i) + QLatin1Char('\n') +
                    (mine ? tr("Click to take yours back.") : tr("Click to react the same way.")),
                view);
            return true;
        }
    }
    if (!l.bubble.contains(event->pos()) && !l.memberEvent.contains(event->pos())) {
        QToolTip::hideText();
        return true;
    }
    QString tip = QLocale().toString(sentAt(index), QLocale::LongFormat);
    if (index.data(TimelineModel::EditedRole).toBool()) {
        tip += QLatin1Char('\n') +
               tr("Edited %1")
                   .arg(QLocale().toString(
                       index.data(TimelineModel::EditedAtRole).toDateTime().toLocalTime(),
                       QLocale::ShortFormat));
    }
    if (TimelineModel::sendStateAt(index) == TimelineModel::SendState::Failed) {
        tip = tr("Not sent: %1\nRight-click to edit, retry or discard it.")
                  .arg(ErrorText::describe(
                      index.data(TimelineModel::ErrorRole).value<core::Error>()));
    }
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    const Theme::Colors& c = Theme::currentColors();
    const bool dark = Theme::instance() && Theme::instance()->isDark();
    const Layout l = layout(option, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (index.row() == m_highlighted) {
        QColor glow = option.palette.highlight().color();
        glow.setAlpha(45);
        painter->fillRect(option.rect, glow);
    }
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);

    if (l.daySeparator.isValid()) {
        painter->setFont(nameFont(option.font));
        const QString day = dayText(sentAt(index).date());
        const int width = QFontMetrics(painter->font()).horizontalAdvance(day) + 24;
        const QRect pill(l.daySeparator.center().x() - width / 2, l.daySeparator.top() + 7, width,
                         l.daySeparator.height() - 12);
        painter->setPen(QPen(c.separator, 1));
        const int mid = pill.center().y();
        painter->drawLine(l.daySeparator.left() + kMargin, mid, pill.left() - 8, mid);
        painter->drawLine(pill.right() + 8, mid, l.daySeparator.right() - kMargin, mid);
        painter->setPen(c.mutedText);
        painter->drawText(pill, Qt::AlignCenter, day);
    }

    if (l.memberEvent.isValid()) {
        const QString who = index.data(TimelineModel::AuthorNameRole).toString();
        const QString what = TimelineModel::kindAt(index) == TimelineModel::Kind::MemberJoined
                                 ? tr("%1 joined").arg(who)
                                 : tr("%1 left").arg(who);
        painter->setFont(small);
        painter->setPen(c.mutedText);
        painter->drawText(l.memberEvent, Qt::AlignCenter,
                          what + QStringLiteral("  ·  ") + footerText(index));
        if (option.state & QStyle::State_HasFocus) {
            painter->setPen(QPen(option.palette.highlight().color(), 2));
            painter->drawRoundedRect(QRectF(l.memberEvent).adjusted(kMargin, 1, -kMargin, -1),
                                     kRadius, kRadius);
        }
        painter->restore();
        return;
    }

    const bool own = index.data(TimelineModel::OwnRole).toBool();
    const bool deleted = index.data(TimelineModel::DeletedRole).toBool();
    const auto state = TimelineModel::sendStateAt(index);
    const QString author = index.data(TimelineModel::AuthorNameRole).toString();
    const QString authorId = index.data(TimelineModel::AuthorIdRole).toString();

    if (l.avatar.isValid()) {
        painter->drawPixmap(
            l.avatar.topLeft(),
            cachedAvatarPixmap(index.data(TimelineModel::AuthorAvatarRole).toByteArray(),
                               author.isEmpty() ? QStringLiteral("?") : author, kAvatar));
    }
    if (l.name.isValid()) {
        painter->setFont(nameFont(option.font));
        painter->setPen(userColour(authorId, dark));
        painter->drawText(
            l.name, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(painter->font())
                .elidedText(author.isEmpty() ? tr("…") : author, Qt::ElideRight, l.name.width()));
    }

    QColor fill = own ? c.ownBubble : c.otherBubble;
    QColor ink = own ? c.ownBubbleText : c.otherBubbleText;
    if (deleted) {
        fill.setAlpha(90);
        ink = c.mutedText;
    } else if (state == TimelineModel::SendState::Pending) {
        fill.setAlpha(170);
    }
    QPainterPath bubble;
    bubble.addRoundedRect(QRectF(l.bubble).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
    painter->fillPath(bubble, fill);
    if (state == TimelineModel::SendState::Failed) {
        painter->setPen(QPen(c.failed, 1.5));
        painter->drawPath(bubble);
    } else if (!deleted && index.data(TimelineModel::MentionsMeRole).toBool()) {
        // A message that mentions this user stands out.
        painter->setPen(QPen(c.badge, 2));
        painter->drawPath(bubble);
        painter->fillRect(
            QRect(l.bubble.left() - 6, l.bubble.top() + 6, 3, std::max(0, l.bubble.height() - 12)),
            c.badge);
    }
    // The message the keyboard is on.
    if (option.state & QStyle::State_HasFocus) {
        QPainterPath ring;
        ring.addRoundedRect(QRectF(l.bubble).adjusted(-2.5, -2.5, 2.5, 2.5), kRadius + 2,
                            kRadius + 2);
        painter->setPen(QPen(option.palette.highlight().color(), 2));
        painter->drawPath(ring);
    }

    if (l.quote.isValid()) {
        const QString quotedAuthor = index.data(TimelineModel::ReplyAuthorNameRole).toString();
        const QString preview =
            richtext::plainText(index.data(TimelineModel::ReplyPreviewRole).toString())
                .simplified();
        QColor back = ink;
        back.setAlpha(22);
        QPainterPath quote;
        quote.addRoundedRect(QRectF(l.quote), 6, 6);
        painter->fillPath(quote, back);
        painter->fillRect(QRect(l.quote.left(), l.quote.top(), 3, l.quote.height()),
                          own ? ink : userColour(quotedAuthor, dark));
        const QRect inner = l.quote.adjusted(9, 4, -4, -4);
        painter->setFont(nameFont(option.font));
        painter->setPen(own ? ink : userColour(quotedAuthor, dark));
        const QFontMetrics nameMetrics(painter->font());
        painter->drawText(
            QRect(inner.left(), inner.top(), inner.width(), nameMetrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            nameMetrics.elidedText(quotedAuthor.isEmpty() ? tr("Earlier message") : quotedAuthor,
                                   Qt::ElideRight, inner.width()));
        painter->setFont(small);
        painter->setPen(ink);
        painter->drawText(QRect(inner.left(), inner.top() + nameMetrics.height(), inner.width(),
                                smallMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics.elidedText(preview.isEmpty() ? tr("Not loaded") : preview,
                                                  Qt::ElideRight, inner.width()));
    }

    if (!l.attachments.isEmpty()) {
        const auto attachments = attachmentsOf(index);
        const double uploaded = index.data(TimelineModel::UploadProgressRole).toDouble();
        for (int i = 0; i < l.attachments.size() && i < attachments.size(); ++i) {
            paintAttachment(painter, option, attachments[i], l.attachments[i], ink, uploaded);
        }
    }

    QFont textFont = option.font;
    textFont.setItalic(deleted);
    painter->setPen(ink);
    if (QTextDocument* doc = formatted(shownText(index), textFont, l.textWidth)) {
        painter->save();
        painter->translate(l.text.topLeft());
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = option.palette;
        context.palette.setColor(QPalette::Text, ink);
        QColor link = own ? ink : option.palette.link().color();
        context.palette.setColor(QPalette::Link, link);
        context.clip = QRectF(0, 0, l.textWidth, l.text.height());
        doc->documentLayout()->draw(painter, context);
        painter->restore();
    } else {
        layOut(shownText(index), textFont, l.textWidth, painter, l.text.topLeft());
    }

    painter->setFont(small);
    QColor footerInk = state == TimelineModel::SendState::Failed ? c.failed : ink;
    if (state != TimelineModel::SendState::Failed) {
        footerInk.setAlpha(150);
    }
    painter->setPen(footerInk);
    painter->drawText(l.footer, Qt::AlignRight | Qt::AlignVCenter, footerText(index));

    if (!l.reactions.isEmpty()) {
        const auto reactions =
            index.data(TimelineModel::ReactionsRole).value<QList<core::Reaction>>();
        const QStringList mine = index.data(TimelineModel::MyReactionsRole).toStringList();
        const QColor accent = option.palette.highlight().color();
        for (int i = 0; i < l.reactions.size() && i < reactions.size(); ++i) {
            const QRectF chip = QRectF(l.reactions[i]).adjusted(0.5, 0.5, -0.5, -0.5);
            QColor back = c.otherBubble;
            QColor edge = c.separator;
            if (mine.contains(reactions[i].emoji)) {
                back = accent;
                back.setAlpha(dark ? 90 : 40);
                edge = accent;
            }
            QPainterPath path;
            path.addRoundedRect(chip, chip.height() / 2, chip.height() / 2);
            painter->fillPath(path, back);
            painter->setPen(QPen(edge, 1));
            painter->drawPath(path);
            painter->setPen(c.otherBubbleText);
            layOut(chipText(reactions[i]), option.font, 10000, painter,
                   QPointF(l.reactions[i].left() + kChipPad, l.reactions[i].top() + 3));
        }
    }
    painter->restore();
}

} // namespace confab::ui

#include "delegates/RoomDelegate.h"

#include "delegates/Painting.h"

#include "chat/ChatClient.h"
#include "chat/RoomListPanel.h"
#include "delegates/Avatar.h"
#include "delegates/MessageDelegate.h"
#include "delegates/RichText.h"
#include "models/RoomsModel.h"
#include "shell/Theme.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace confab::ui {

using core::RoomsModel;

namespace {

constexpr int kRowHeight = 58;
constexpr int kAvatar = 38;

QString activityText(const QDateTime& at)
{
    if (!at.isValid()) {
        return {};
    }
    const QDateTime local = at.toLocalTime();
    const QDate today = QDate::currentDate();
    const QLocale locale;
    if (local.date() == today) {
        return MessageDelegate::timeText(local.time());
    }
    if (local.date().daysTo(today) < 7) {
        return locale.dayName(local.date().dayOfWeek(), QLocale::ShortFormat);
    }
    return locale.toString(local.date(), QLocale::ShortFormat);
}

} // namespace

RoomDelegate::RoomDelegate(core::ChatClient& chat, QObject* parent)
    : QStyledItemDelegate(parent), m_chat(chat)
{}

QSize RoomDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    return {option.rect.width(), kRowHeight};
}

QString RoomDelegate::previewText(const QModelIndex& index) const
{
    const bool direct = index.data(RoomsModel::DirectRole).toBool();
    const bool muted = index.data(RoomsModel::MutedRole).toBool();
    QString preview =
        richtext::plainText(index.data(RoomsModel::LastMessageRole).toString()).simplified();
    const QString authorId = index.data(RoomsModel::LastMessageAuthorIdRole).toString();
    if (!preview.isEmpty() && authorId == m_chat.myId()) {
        preview = RoomListPanel::tr("You: %1").arg(preview);
    } else if (!preview.isEmpty() && !direct && !authorId.isEmpty()) {
        const QString author = m_chat.users()->displayName(authorId);
        if (!author.isEmpty()) {
            preview = RoomListPanel::tr("%1: %2").arg(author, preview);
        }
    }
    if (preview.isEmpty()) {
        preview =
            direct ? RoomListPanel::tr("Direct message") : RoomListPanel::tr("No messages yet");
    }
    if (muted) {
        preview = RoomListPanel::tr("Muted · %1").arg(preview);
    }
    return preview;
}

QString RoomDelegate::spokenText(const QModelIndex& index) const
{
    QString spoken = index.data(RoomsModel::NameRole).toString();
    if (index.data(RoomsModel::DirectRole).toBool()) {
        spoken = RoomListPanel::tr("%1, direct message").arg(spoken);
    }
    const int unread = index.data(RoomsModel::UnreadCountRole).toInt();
    if (unread > 0) {
        spoken += QStringLiteral(", ") + RoomListPanel::tr("%n unread", nullptr, unread);
    }
    const int mentions = index.data(RoomsModel::MentionCountRole).toInt();
    if (mentions > 0) {
        spoken += QStringLiteral(", ") + RoomListPanel::tr("%n mentioning you", nullptr, mentions);
    }
    return spoken + QStringLiteral(". ") + previewText(index);
}

void RoomDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                         const QModelIndex& index) const
{
    const Theme::Colors& c = Theme::currentColors();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(6, 2, -6, -2);
    const bool selected = option.state & QStyle::State_Selected;
    if (selected || (option.state & QStyle::State_MouseOver)) {
        QColor back = option.palette.highlight().color();
        back.setAlpha(selected ? 60 : 22);
        QPainterPath path;
        path.addRoundedRect(QRectF(r), 8, 8);
        painter->fillPath(path, back);
    }
    const QString name = index.data(RoomsModel::NameRole).toString();
    const int unread = index.data(RoomsModel::UnreadCountRole).toInt();
    const bool muted = index.data(RoomsModel::MutedRole).toBool();

    const QRect avatar(r.left() + 8, r.center().y() - kAvatar / 2 + 1, kAvatar, kAvatar);
    painter->drawPixmap(avatar.topLeft(), cachedAvatarPixmap({}, name, kAvatar));

    const int textLeft = avatar.right() + 10;
    QFont nameFont = option.font;
    nameFont.setBold(unread > 0 && !muted);
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.88);
    const QFontMetrics nameMetrics(nameFont);
    const QFontMetrics smallMetrics(small);

    const QString when = activityText(index.data(RoomsModel::LastActivityRole).toDateTime());
    const int whenWidth = smallMetrics.horizontalAdvance(when);
    const int top = r.top() + (r.height() - nameMetrics.height() - smallMetrics.height() - 3) / 2;
    const QRect nameRect(textLeft, top, r.right() - 10 - whenWidth - 8 - textLeft,
                         nameMetrics.height());
    painter->setFont(nameFont);
    painter->setPen(option.palette.text().color());
    painting::drawTextLine(painter, nameRect, name);
    painter->setFont(small);
    painter->setPen(c.mutedText);
    painter->drawText(QRect(r.right() - 10 - whenWidth, top, whenWidth, nameMetrics.height()),
                      Qt::AlignRight | Qt::AlignVCenter, when);

    QString badge;
    if (unread > 0) {
        badge = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    }
    // Messages that mention the user: "@" before the count, in the badge's
    // colour even when the room is muted.
    const int mentions = index.data(RoomsModel::MentionCountRole).toInt();
    if (mentions > 0) {
        badge = QStringLiteral("@ ") + badge;
    }
    const int badgeWidth =
        badge.isEmpty() ? 0 : std::max(smallMetrics.horizontalAdvance(badge) + 12, 20);
    const int secondTop = top + nameMetrics.height() + 3;
    if (!badge.isEmpty()) {
        const QRect pill(r.right() - 10 - badgeWidth, secondTop, badgeWidth,
                         smallMetrics.height() + 2);
        QPainterPath path;
        path.addRoundedRect(QRectF(pill), pill.height() / 2.0, pill.height() / 2.0);
        painter->fillPath(path, muted && mentions == 0 ? c.mutedText : c.badge);
        QFont bold = small;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(c.badgeText);
        painter->drawText(pill, Qt::AlignCenter, badge);
        painter->setFont(small);
    }
    const QString preview = previewText(index);
    const QRect previewRect(textLeft, secondTop,
                            r.right() - 10 - (badgeWidth ? badgeWidth + 8 : 0) - textLeft,
                            smallMetrics.height() + 2);
    painter->setPen(c.mutedText);
    painting::drawTextLine(painter, previewRect, preview);
    painter->restore();
}

} // namespace confab::ui

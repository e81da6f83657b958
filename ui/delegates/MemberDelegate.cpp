#include "delegates/MemberDelegate.h"

#include "chat/MembersPanel.h"
#include "delegates/Avatar.h"
#include "delegates/Painting.h"
#include "models/MembersModel.h"
#include "shell/Theme.h"

#include <QPainter>

namespace confab::ui {

using core::MembersModel;
using painting::drawPresenceDot;

namespace {
constexpr int kAvatar = 30;
} // namespace

QSize MemberDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    return {option.rect.width(), kAvatar + 12};
}

void MemberDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                           const QModelIndex& index) const
{
    const Theme::Colors& c = Theme::currentColors();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect;
    const QString name = index.data(MembersModel::DisplayNameRole).toString();
    const bool online = index.data(MembersModel::OnlineRole).toBool();
    const QRect avatar(r.left() + 10, r.center().y() - kAvatar / 2 + 1, kAvatar, kAvatar);
    if (!online) {
        painter->setOpacity(0.55);
    }
    painter->drawPixmap(avatar.topLeft(),
                        cachedAvatarPixmap(index.data(MembersModel::AvatarRole).toByteArray(),
                                           name.isEmpty() ? QStringLiteral("?") : name, kAvatar));
    painter->setOpacity(1.0);
    drawPresenceDot(painter, avatar, online, option.palette.base().color());

    QString tag;
    if (index.data(MembersModel::OwnerRole).toBool()) {
        tag = MembersPanel::tr("owner");
    }
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    const int tagWidth = tag.isEmpty() ? 0 : QFontMetrics(small).horizontalAdvance(tag) + 8;
    const QRect text(avatar.right() + 10, r.top(), r.right() - 8 - tagWidth - avatar.right() - 10,
                     r.height());
    painter->setPen(online ? option.palette.text().color() : c.mutedText);
    painter->setFont(option.font);
    painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(name, Qt::ElideRight, text.width()));
    if (!tag.isEmpty()) {
        painter->setFont(small);
        painter->setPen(c.mutedText);
        painter->drawText(QRect(r.right() - 8 - tagWidth, r.top(), tagWidth, r.height()),
                          Qt::AlignRight | Qt::AlignVCenter, tag);
    }
    painter->restore();
}

} // namespace confab::ui

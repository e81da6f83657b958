#include "delegates/UserDelegate.h"

#include "chat/UserCache.h"
#include "delegates/Avatar.h"
#include "delegates/Painting.h"
#include "dialogs/UserPickerDialog.h"
#include "models/UserSearchModel.h"

#include <QPainter>

#include <algorithm>

namespace confab::ui {

using namespace painting;

namespace {
constexpr int kAvatarSize = 36;
} // namespace

UserDelegate::UserDelegate(core::UserCache& users, QObject* parent)
    : QStyledItemDelegate(parent), m_users(users)
{}

void UserDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                         const QModelIndex& index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    drawBackground(painter, opt);

    using Model = core::UserSearchModel;
    const QString userId = index.data(Model::UserIdRole).toString();
    const QString name = index.data(Model::DisplayNameRole).toString();
    const QString username = index.data(Model::UsernameRole).toString();
    const bool online = index.data(Model::OnlineRole).toBool();
    const bool self = index.data(Model::SelfRole).toBool();

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect area = opt.rect.adjusted(kPadX, kPadY, -kPadX, -kPadY);
    const QRect avatarRect(area.left(), area.center().y() - kAvatarSize / 2 + 1, kAvatarSize,
                           kAvatarSize);
    // Known users (room members, say) have their picture in the cache
    // already; for anyone else the initials do.
    const QPixmap avatar = avatarPixmap(m_users.avatar(userId), name, kAvatarSize);
    if (opt.state & QStyle::State_Enabled) {
        painter->drawPixmap(avatarRect, avatar);
    } else {
        painter->setOpacity(0.5);
        painter->drawPixmap(avatarRect, avatar);
        painter->setOpacity(1.0);
    }
    if (online) {
        drawPresenceDot(painter, avatarRect, true,
                        opt.palette.color(groupOf(opt),
                                          isSelected(opt) ? QPalette::Highlight : QPalette::Base));
    }

    const int textLeft = avatarRect.right() + 1 + kPadX;
    const QFont bold = boldOf(opt.font);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(opt.font);
    const int textWidth = std::max(0, area.right() + 1 - textLeft);
    const int textHeight = boldMetrics.height() + kLineGap + metrics.height();
    const int top = area.center().y() - textHeight / 2 + 1;
    const QRect firstLine(textLeft, top, textWidth, boldMetrics.height());
    const QRect secondLine(textLeft, firstLine.bottom() + 1 + kLineGap, textWidth,
                           metrics.height());
    painter->setFont(bold);
    painter->setPen(textColour(opt));
    painter->drawText(firstLine, Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(name, Qt::ElideRight, textWidth));
    const QString handle =
        self ? UserPickerDialog::tr("@%1 (you)").arg(username) : QLatin1Char('@') + username;
    painter->setFont(opt.font);
    painter->setPen(mutedColour(opt));
    painter->drawText(secondLine, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(handle, Qt::ElideRight, textWidth));
    painter->restore();
}

QSize UserDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    return {std::max(opt.rect.width(), 200), std::max(twoLineHeight(opt), kAvatarSize + 2 * kPadY)};
}

} // namespace confab::ui

#include "delegates/PublicRoomDelegate.h"

#include "delegates/Painting.h"
#include "dialogs/DirectoryDialog.h"
#include "models/DirectoryModel.h"

#include <QPainter>

#include <algorithm>

namespace confab::ui {

using namespace painting;

void PublicRoomDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    drawBackground(painter, opt);

    using Model = core::DirectoryModel;
    const QString name = index.data(Model::NameRole).toString();
    const QString topic = index.data(Model::TopicRole).toString();
    const int members = index.data(Model::MemberCountRole).toInt();
    const bool joined = index.data(Model::JoinedRole).toBool();

    painter->save();
    const QRect area = opt.rect.adjusted(kPadX, kPadY, -kPadX, -kPadY);
    const QFont bold = boldOf(opt.font);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(opt.font);
    const QRect firstLine(area.left(), area.top(), area.width(), boldMetrics.height());
    const QRect secondLine(area.left(), firstLine.bottom() + 1 + kLineGap, area.width(),
                           metrics.height());

    const QString count = DirectoryDialog::tr("%n member(s)", nullptr, members);
    const int countWidth = metrics.horizontalAdvance(count);
    painter->setFont(opt.font);
    painter->setPen(mutedColour(opt));
    painter->drawText(firstLine, Qt::AlignRight | Qt::AlignVCenter, count);

    const QString joinedText = joined ? DirectoryDialog::tr("Joined") : QString();
    const int joinedWidth = joined ? metrics.horizontalAdvance(joinedText) : 0;
    if (joined) {
        painter->setPen(isSelected(opt) ? textColour(opt)
                                        : opt.palette.color(groupOf(opt), QPalette::Link));
        painter->drawText(secondLine, Qt::AlignRight | Qt::AlignVCenter, joinedText);
    }

    painter->setFont(bold);
    painter->setPen(textColour(opt));
    const int nameWidth = std::max(0, firstLine.width() - countWidth - kPadX);
    painter->drawText(firstLine.adjusted(0, 0, -(firstLine.width() - nameWidth), 0),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(name, Qt::ElideRight, nameWidth));

    if (!topic.isEmpty()) {
        painter->setFont(opt.font);
        painter->setPen(mutedColour(opt));
        const int topicWidth = std::max(0, secondLine.width() - (joined ? joinedWidth + kPadX : 0));
        // A topic may hold line breaks; one line of it is enough here.
        const QString oneLine = topic.simplified();
        painter->drawText(secondLine.adjusted(0, 0, -(secondLine.width() - topicWidth), 0),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(oneLine, Qt::ElideRight, topicWidth));
    }
    painter->restore();
}

QSize PublicRoomDelegate::sizeHint(const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    return {std::max(opt.rect.width(), 200), twoLineHeight(opt)};
}

} // namespace confab::ui

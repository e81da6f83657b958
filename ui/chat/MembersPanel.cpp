#include "chat/MembersPanel.h"

#include "chat/ChatClient.h"
#include "delegates/Avatar.h"
#include "shell/Theme.h"

#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace confab::ui {

using core::MembersModel;

namespace {

constexpr int kAvatar = 30;

// Online first, then by name.
class MemberOrder : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override
    {
        const bool leftOnline = left.data(MembersModel::OnlineRole).toBool();
        const bool rightOnline = right.data(MembersModel::OnlineRole).toBool();
        if (leftOnline != rightOnline) {
            return leftOnline;
        }
        return QString::localeAwareCompare(left.data(MembersModel::DisplayNameRole).toString(),
                                           right.data(MembersModel::DisplayNameRole).toString()) <
               0;
    }
};

class MemberDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override
    {
        return {option.rect.width(), kAvatar + 12};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
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
                                               name.isEmpty() ? QStringLiteral("?") : name,
                                               kAvatar));
        painter->setOpacity(1.0);
        const QRectF dot(avatar.right() - 9, avatar.bottom() - 9, 11, 11);
        painter->setPen(QPen(option.palette.base().color(), 2));
        painter->setBrush(online ? c.online : c.mutedText);
        painter->drawEllipse(dot);

        QString tag;
        if (index.data(MembersModel::OwnerRole).toBool()) {
            tag = MembersPanel::tr("owner");
        }
        QFont small = option.font;
        small.setPointSizeF(option.font.pointSizeF() * 0.85);
        const int tagWidth = tag.isEmpty() ? 0 : QFontMetrics(small).horizontalAdvance(tag) + 8;
        const QRect text(avatar.right() + 10, r.top(),
                         r.right() - 8 - tagWidth - avatar.right() - 10, r.height());
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
};

} // namespace

MembersPanel::MembersPanel(core::ChatClient& chat, QWidget* parent) : QWidget(parent), m_chat(chat)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 12, 0, 0);
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setContentsMargins(12, 0, 12, 4);
    layout->addWidget(m_title);
    m_sorted = new MemberOrder(this);
    m_sorted->setDynamicSortFilter(true);
    m_view = new QListView(this);
    m_view->setModel(m_sorted);
    m_view->setItemDelegate(new MemberDelegate(m_view));
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setAccessibleName(tr("Members"));
    layout->addWidget(m_view, 1);
    connect(m_sorted, &QAbstractItemModel::rowsInserted, this, &MembersPanel::updateTitle);
    connect(m_sorted, &QAbstractItemModel::rowsRemoved, this, &MembersPanel::updateTitle);
    connect(m_sorted, &QAbstractItemModel::modelReset, this, &MembersPanel::updateTitle);
    connect(m_sorted, &QAbstractItemModel::dataChanged, this, &MembersPanel::updateTitle);
    updateTitle();
}

void MembersPanel::setRoom(const QString& roomId)
{
    m_roomId = roomId;
    core::MembersModel* members = roomId.isEmpty() ? nullptr : m_chat.members(roomId);
    m_sorted->setSourceModel(members);
    if (members) {
        m_sorted->sort(0);
    }
    updateTitle();
}

void MembersPanel::updateTitle()
{
    int online = 0;
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        online += m_sorted->index(row, 0).data(MembersModel::OnlineRole).toBool() ? 1 : 0;
    }
    m_title->setText(tr("Members — %1 online of %2").arg(online).arg(m_sorted->rowCount()));
}

} // namespace confab::ui

#include "chat/MembersPanel.h"

#include "chat/ChatClient.h"
#include "delegates/MemberDelegate.h"

#include <QLabel>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace confab::ui {

using core::MembersModel;

namespace {

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

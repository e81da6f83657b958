#include "chat/RoomListPanel.h"

#include "chat/ChatClient.h"
#include "chat/InvitationsPanel.h"
#include "delegates/RoomDelegate.h"
#include "shell/Theme.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace confab::ui {

using core::RoomsModel;

namespace {

// The rooms, filtered by the search field, each said to screen readers as
// the delegate shows it.
class RoomFilter : public QSortFilterProxyModel {
public:
    RoomFilter(const RoomDelegate* delegate, QObject* parent)
        : QSortFilterProxyModel(parent), m_delegate(delegate)
    {}

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::AccessibleTextRole && index.isValid()) {
            return m_delegate->spokenText(index);
        }
        return QSortFilterProxyModel::data(index, role);
    }

private:
    const RoomDelegate* m_delegate;
};

} // namespace

RoomListPanel::RoomListPanel(core::ChatClient& chat, QWidget* parent)
    : QWidget(parent), m_chat(chat)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(8, 0, 8, 0);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search rooms"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search rooms"));
    m_search->installEventFilter(this);
    m_new = new QToolButton(this);
    m_new->setText(tr("New"));
    m_new->setToolTip(tr("Start a conversation or join a room"));
    m_new->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_new);
    menu->addAction(tr("New &room…"), this, &RoomListPanel::createRoomRequested);
    menu->addAction(tr("&Join a room…"), this, &RoomListPanel::joinRoomRequested);
    menu->addAction(tr("New &direct message…"), this, &RoomListPanel::directMessageRequested);
    m_new->setMenu(menu);
    top->addWidget(m_search, 1);
    top->addWidget(m_new);
    layout->addLayout(top);

    m_invitations = new InvitationsPanel(m_chat, this);
    connect(m_invitations, &InvitationsPanel::roomAccepted, this, &RoomListPanel::roomSelected);
    layout->addWidget(m_invitations);

    m_view = new QListView(this);
    auto* delegate = new RoomDelegate(m_chat, m_view);
    m_filter = new RoomFilter(delegate, this);
    m_filter->setSourceModel(m_chat.rooms());
    m_filter->setFilterRole(RoomsModel::NameRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setFilterFixedString(text.trimmed());
        updateEmpty();
    });

    m_view->setModel(m_filter);
    m_view->setItemDelegate(delegate);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setUniformItemSizes(true);
    m_view->setMouseTracking(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Rooms"));
    m_view->viewport()->setAttribute(Qt::WA_Hover);
    layout->addWidget(m_view, 1);

    m_empty = new QLabel(tr("No rooms yet. Use “New” to create one, join a public room, or "
                            "message someone."),
                         this);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(m_empty);

    // The arrow keys browse the list (a screen reader reads each room); a
    // click, Enter or activation opens the room.
    auto open = [this](const QModelIndex& index) {
        const QString roomId = index.data(RoomsModel::IdRole).toString();
        if (!roomId.isEmpty()) {
            m_selected = roomId;
            emit roomSelected(roomId);
        }
    };
    connect(m_view, &QListView::clicked, this, open);
    connect(m_view, &QListView::activated, this, open);
    connect(m_view, &QListView::customContextMenuRequested, this, &RoomListPanel::showMenu);
    // Rows move as activity changes: the selection follows its room.
    connect(m_filter, &QAbstractItemModel::rowsMoved, this, [this] { selectRoom(m_selected); });
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, [this] { selectRoom(m_selected); });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] { updateEmpty(); });
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, [this] { updateEmpty(); });
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] {
        updateEmpty();
        selectRoom(m_selected);
    });
    updateEmpty();
}

void RoomListPanel::jumpToRoom()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void RoomListPanel::openNeighbour(int step)
{
    const int rows = m_filter->rowCount();
    if (rows == 0) {
        return;
    }
    const int sourceRow = m_chat.rooms()->rowOf(m_selected);
    const QModelIndex current = m_filter->mapFromSource(m_chat.rooms()->index(sourceRow));
    const int row = current.isValid() ? std::clamp(current.row() + step, 0, rows - 1)
                                      : (step > 0 ? 0 : rows - 1);
    const QString roomId = m_filter->index(row, 0).data(RoomsModel::IdRole).toString();
    if (!roomId.isEmpty() && roomId != m_selected) {
        m_selected = roomId;
        emit roomSelected(roomId);
    }
}

bool RoomListPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            m_filter->rowCount() > 0) {
            const QString roomId = m_filter->index(0, 0).data(RoomsModel::IdRole).toString();
            m_selected = roomId;
            emit roomSelected(roomId);
            return true;
        }
        if (key->key() == Qt::Key_Down && m_filter->rowCount() > 0) {
            m_view->setFocus(Qt::TabFocusReason);
            m_view->setCurrentIndex(m_filter->index(0, 0));
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RoomListPanel::updateEmpty()
{
    const bool none = m_chat.rooms()->rowCount() == 0;
    m_empty->setVisible(none);
    m_view->setVisible(!none);
}

void RoomListPanel::selectRoom(const QString& roomId)
{
    m_selected = roomId;
    const int sourceRow = m_chat.rooms()->rowOf(roomId);
    const QModelIndex index = m_filter->mapFromSource(m_chat.rooms()->index(sourceRow));
    if (!index.isValid()) {
        m_view->selectionModel()->clearSelection();
        return;
    }
    if (m_view->currentIndex() != index) {
        const QSignalBlocker block(m_view->selectionModel());
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        m_view->viewport()->update();
    }
}

QString RoomListPanel::selectedRoom() const
{
    return m_selected;
}

void RoomListPanel::showMenu(const QPoint& pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid()) {
        return;
    }
    const QString roomId = index.data(RoomsModel::IdRole).toString();
    const bool muted = index.data(RoomsModel::MutedRole).toBool();
    // Popped up, not run: nothing waits inside this call.
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(muted ? tr("Un&mute notifications") : tr("&Mute notifications"), this,
                    [this, roomId, muted] { m_chat.setMuted(roomId, !muted); });
    if (!index.data(RoomsModel::DirectRole).toBool()) {
        menu->addAction(tr("&Invite…"), this, [this, roomId] { emit inviteRequested(roomId); });
    }
    menu->addSeparator();
    menu->addAction(tr("&Leave…"), this, [this, roomId] { emit leaveRequested(roomId); });
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

} // namespace confab::ui

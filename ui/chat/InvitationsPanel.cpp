#include "chat/InvitationsPanel.h"

#include "chat/ChatClient.h"
#include "dialogs/ElidedLabel.h"
#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"
#include "models/InvitesModel.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

using core::InvitesModel;

InvitationsPanel::InvitationsPanel(core::ChatClient& chat, QWidget* parent)
    : QWidget(parent), m_chat(chat)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 8, 4);
    layout->setSpacing(4);
    m_heading = new QLabel(this);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    layout->addWidget(m_heading);
    m_rows = new QVBoxLayout;
    m_rows->setSpacing(4);
    layout->addLayout(m_rows);

    InvitesModel* invites = m_chat.invites();
    connect(invites, &QAbstractItemModel::modelReset, this, &InvitationsPanel::rebuild);
    connect(invites, &QAbstractItemModel::rowsInserted, this, &InvitationsPanel::rebuild);
    connect(invites, &QAbstractItemModel::rowsRemoved, this, &InvitationsPanel::rebuild);
    connect(invites, &QAbstractItemModel::dataChanged, this, &InvitationsPanel::rebuild);
    connect(&m_chat, &core::ChatClient::roomJoined, this, [this](const QString& roomId) {
        if (roomId == m_accepting) {
            m_accepting.clear();
            emit roomAccepted(roomId);
        }
    });
    rebuild();
}

void InvitationsPanel::rebuild()
{
    // Keyboard focus on a button of a row that stays is given back after.
    QString focusedRoom;
    bool focusedAccept = false;
    if (auto* focused = qobject_cast<QPushButton*>(focusWidget())) {
        focusedRoom = focused->property("roomId").toString();
        focusedAccept = focused->property("accept").toBool();
    }
    while (QLayoutItem* item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    InvitesModel* invites = m_chat.invites();
    const int count = invites->rowCount();
    m_heading->setText(tr("Invitations (%1)").arg(count));
    setVisible(count > 0);
    QPushButton* refocus = nullptr;
    for (int row = 0; row < count; ++row) {
        const QModelIndex index = invites->index(row);
        const QString roomId = index.data(InvitesModel::RoomIdRole).toString();
        const QString room = index.data(InvitesModel::RoomNameRole).toString();
        const QString inviter = index.data(InvitesModel::InviterNameRole).toString();
        const int members = index.data(InvitesModel::MemberCountRole).toInt();

        auto* frame = new QFrame(this);
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setAccessibleName(tr("Invitation to %1").arg(room));
        auto* box = new QVBoxLayout(frame);
        box->setContentsMargins(8, 6, 8, 6);
        box->setSpacing(2);
        auto* name = new ElidedLabel(frame);
        name->setText(room);
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        box->addWidget(name);
        auto* who = new ElidedLabel(frame);
        who->setText(tr("%1 invited you · %n member(s)", nullptr, members).arg(inviter));
        who->setForegroundRole(QPalette::PlaceholderText);
        box->addWidget(who);
        auto* status = new QLabel(frame);
        status->setWordWrap(true);
        status->hide();
        box->addWidget(status);
        auto* buttons = new QHBoxLayout;
        auto* accept = new QPushButton(tr("Accept"), frame);
        accept->setAccessibleName(tr("Accept the invitation to %1").arg(room));
        accept->setProperty("roomId", roomId);
        accept->setProperty("accept", true);
        auto* decline = new QPushButton(tr("Decline"), frame);
        decline->setAccessibleName(tr("Decline the invitation to %1").arg(room));
        decline->setProperty("roomId", roomId);
        buttons->addStretch();
        buttons->addWidget(decline);
        buttons->addWidget(accept);
        box->addLayout(buttons);
        connect(accept, &QPushButton::clicked, this, [this, roomId, accept, decline, status] {
            m_accepting = roomId;
            accept->setEnabled(false);
            decline->setEnabled(false);
            m_chat.acceptInvite(roomId);
            // A refusal (the room is gone, say) comes back as actionFailed.
            connect(&m_chat, &core::ChatClient::actionFailed, status,
                    [this, roomId, accept, decline, status](core::ChatClient::Action action,
                                                            const core::Error& error) {
                        if (action != core::ChatClient::Action::JoinRoom || m_accepting != roomId) {
                            return;
                        }
                        m_accepting.clear();
                        accept->setEnabled(true);
                        decline->setEnabled(true);
                        status->show();
                        LiveText::show(status, ErrorText::describe(error));
                    });
        });
        connect(decline, &QPushButton::clicked, this, [this, roomId, accept, decline] {
            accept->setEnabled(false);
            decline->setEnabled(false);
            m_chat.declineInvite(roomId);
        });
        m_rows->addWidget(frame);
        if (roomId == focusedRoom) {
            refocus = focusedAccept ? accept : decline;
        }
    }
    if (refocus) {
        refocus->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace confab::ui

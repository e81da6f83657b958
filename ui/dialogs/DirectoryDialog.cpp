#include "dialogs/DirectoryDialog.h"

#include "delegates/PublicRoomDelegate.h"
#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"
#include "dialogs/SearchList.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace confab::ui {

DirectoryDialog::DirectoryDialog(core::ChatClient& chat, QWidget* parent)
    : QDialog(parent), m_chat(chat)
{
    setWindowTitle(tr("Join a room"));
    auto* layout = new QVBoxLayout(this);
    m_search = searchlist::makeField(tr("Search public rooms"), this);
    layout->addWidget(m_search);
    m_view = searchlist::makeView(this);
    m_view->setAccessibleName(tr("Public rooms"));
    m_view->setModel(m_chat.directory());
    m_view->setItemDelegate(new PublicRoomDelegate(m_view));
    layout->addWidget(m_view, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    LiveText::mark(m_status, tr("Status"));
    m_status->hide();
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_join = buttons->addButton(tr("Join"), QDialogButtonBox::AcceptRole);
    m_join->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    layout->addWidget(buttons);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(searchlist::kDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &DirectoryDialog::search);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));

    core::DirectoryModel* directory = m_chat.directory();
    connect(directory, &core::DirectoryModel::searchFinished, this, &DirectoryDialog::showResults);
    connect(directory, &core::DirectoryModel::searchFailed, this, [this](const core::Error& error) {
        LiveText::show(m_status, ErrorText::describe(error));
    });
    // The Joined flag changes when the room list does.
    connect(directory, &QAbstractItemModel::dataChanged, this, &DirectoryDialog::updateButton);
    connect(directory, &QAbstractItemModel::modelReset, this, &DirectoryDialog::updateButton);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &DirectoryDialog::updateButton);
    connect(m_view, &QListView::doubleClicked, this, &DirectoryDialog::join);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { join(m_view->currentIndex()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(&m_chat, &core::ChatClient::roomJoined, this, [this](const QString& roomId) {
        if (roomId != m_joiningRoomId) {
            return;
        }
        m_joiningRoomId.clear();
        m_joinedRoomId = roomId;
        accept();
    });
    connect(&m_chat, &core::ChatClient::actionFailed, this,
            [this](core::ChatClient::Action action, const core::Error& error) {
                if (action != core::ChatClient::Action::JoinRoom || m_joiningRoomId.isEmpty()) {
                    return;
                }
                m_joiningRoomId.clear();
                LiveText::show(m_status, ErrorText::describe(error));
                updateButton();
            });
    updateButton();
    setMinimumSize(420, 460);
}

void DirectoryDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    if (!m_searchedOnce) {
        m_searchedOnce = true;
        m_search->setFocus();
        search();
    }
}

void DirectoryDialog::search()
{
    m_searchTimer->stop();
    m_chat.directory()->search(m_search->text().trimmed());
}

void DirectoryDialog::showResults()
{
    core::DirectoryModel* directory = m_chat.directory();
    if (directory->rowCount() > 0) {
        LiveText::show(m_status, {});
        if (!m_view->currentIndex().isValid()) {
            m_view->setCurrentIndex(directory->index(0, 0));
        }
    } else {
        LiveText::show(m_status, directory->query().isEmpty()
                                     ? tr("No public rooms yet.")
                                     : tr("No public rooms match “%1”.").arg(directory->query()));
    }
    updateButton();
}

void DirectoryDialog::updateButton()
{
    const QModelIndex current = m_view->currentIndex();
    const bool joined = current.data(core::DirectoryModel::JoinedRole).toBool();
    const bool joining = !m_joiningRoomId.isEmpty();
    m_join->setText(joining ? tr("Joining…") : joined ? tr("Open") : tr("Join"));
    m_join->setEnabled(current.isValid() && !joining);
}

void DirectoryDialog::join(const QModelIndex& index)
{
    if (!index.isValid() || !m_joiningRoomId.isEmpty()) {
        return;
    }
    const QString roomId = index.data(core::DirectoryModel::IdRole).toString();
    if (index.data(core::DirectoryModel::JoinedRole).toBool()) {
        m_joinedRoomId = roomId;
        accept();
        return;
    }
    m_joiningRoomId = roomId;
    m_status->hide();
    updateButton();
    m_chat.joinRoom(roomId);
}

} // namespace confab::ui

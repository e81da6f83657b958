#include "dialogs/UserPickerDialog.h"

#include "delegates/UserDelegate.h"
#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"
#include "dialogs/SearchList.h"

#include <QDialogButtonBox>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace confab::ui {

namespace {

// The signed-in user shows among the results but cannot be picked.
class PickableUsers : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    Qt::ItemFlags flags(const QModelIndex& index) const override
    {
        Qt::ItemFlags flags = QIdentityProxyModel::flags(index);
        if (index.data(core::UserSearchModel::SelfRole).toBool()) {
            flags &= ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        }
        return flags;
    }
};

} // namespace

UserPickerDialog::UserPickerDialog(core::ChatClient& chat, Purpose purpose, const QString& roomId,
                                   QWidget* parent)
    : QDialog(parent), m_chat(chat), m_purpose(purpose), m_roomId(roomId)
{
    const bool inviting = m_purpose == Purpose::Invite;
    setWindowTitle(inviting ? tr("Invite to %1").arg(m_chat.rooms()->name(m_roomId))
                            : tr("New direct message"));
    auto* layout = new QVBoxLayout(this);
    m_search = searchlist::makeField(tr("Search by name or username"), this);
    layout->addWidget(m_search);
    // Results of an earlier search are not this one's.
    m_chat.userSearch()->search(QString());
    auto* users = new PickableUsers(this);
    users->setSourceModel(m_chat.userSearch());
    m_view = searchlist::makeView(this);
    m_view->setAccessibleName(tr("People"));
    m_view->setModel(users);
    m_view->setItemDelegate(new UserDelegate(*m_chat.users(), m_view));
    layout->addWidget(m_view, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    LiveText::mark(m_status, tr("Status"));
    layout->addWidget(m_status);
    auto* buttons =
        new QDialogButtonBox(inviting ? QDialogButtonBox::Close : QDialogButtonBox::Cancel, this);
    m_action = buttons->addButton(inviting ? tr("Invite") : tr("Start chat"),
                                  QDialogButtonBox::AcceptRole);
    m_action->setDefault(true);
    buttons->button(inviting ? QDialogButtonBox::Close : QDialogButtonBox::Cancel)
        ->setAutoDefault(false);
    layout->addWidget(buttons);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(searchlist::kDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &UserPickerDialog::search);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));

    core::UserSearchModel* search = m_chat.userSearch();
    connect(search, &core::UserSearchModel::searchFinished, this, &UserPickerDialog::showResults);
    connect(search, &core::UserSearchModel::searchFailed, this, [this](const core::Error& error) {
        LiveText::setText(m_status, ErrorText::describe(error));
    });
    connect(search, &QAbstractItemModel::modelReset, this, &UserPickerDialog::updateButton);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &UserPickerDialog::updateButton);
    // Pictures arrive after the list.
    connect(m_chat.users(), &core::UserCache::userChanged, m_view->viewport(),
            qOverload<>(&QWidget::update));
    connect(m_view, &QListView::doubleClicked, this, &UserPickerDialog::act);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { act(m_view->currentIndex()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(&m_chat, &core::ChatClient::directRoomOpened, this, [this](const QString& roomId) {
        if (m_purpose != Purpose::DirectMessage || m_pendingUsername.isEmpty()) {
            return;
        }
        m_roomId = roomId;
        setBusy(false);
        accept();
    });
    connect(&m_chat, &core::ChatClient::memberInvited, this,
            [this](const QString& roomId, const QString& username) {
                if (m_purpose != Purpose::Invite || roomId != m_roomId ||
                    username != m_pendingUsername) {
                    return;
                }
                // Stays open: inviting several people is common.
                LiveText::setText(m_status, tr("%1 was invited.").arg(m_pendingName));
                setBusy(false);
                m_search->selectAll();
                m_search->setFocus();
            });
    connect(&m_chat, &core::ChatClient::actionFailed, this,
            [this](core::ChatClient::Action action, const core::Error& error) {
                const auto mine = m_purpose == Purpose::Invite
                                      ? core::ChatClient::Action::Invite
                                      : core::ChatClient::Action::OpenDirectRoom;
                if (action != mine || m_pendingUsername.isEmpty()) {
                    return;
                }
                // The one refusal of an invitation that names its reason.
                LiveText::setText(m_status,
                                  action == core::ChatClient::Action::Invite &&
                                          error.code == core::Error::Code::AlreadyExists
                                      ? tr("%1 is in this room already.").arg(m_pendingName)
                                      : ErrorText::describe(error));
                setBusy(false);
            });
    LiveText::setText(m_status, tr("Type a name to find people."));
    m_search->setFocus();
    updateButton();
    setMinimumSize(420, 460);
}

void UserPickerDialog::search()
{
    m_searchTimer->stop();
    m_chat.userSearch()->search(m_search->text().trimmed());
}

void UserPickerDialog::showResults()
{
    const QString query = m_search->text().trimmed();
    if (m_view->model()->rowCount() > 0) {
        LiveText::setText(m_status, {});
        selectFirst();
    } else {
        LiveText::setText(m_status, query.isEmpty() ? tr("Type a name to find people.")
                                                    : tr("No one matches “%1”.").arg(query));
    }
    updateButton();
}

void UserPickerDialog::selectFirst()
{
    if (m_view->currentIndex().isValid()) {
        return;
    }
    QAbstractItemModel* model = m_view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (model->flags(index) & Qt::ItemIsSelectable) {
            m_view->setCurrentIndex(index);
            return;
        }
    }
}

void UserPickerDialog::updateButton()
{
    const QModelIndex current = m_view->currentIndex();
    m_action->setEnabled(m_pendingUsername.isEmpty() && current.isValid() &&
                         (current.flags() & Qt::ItemIsSelectable));
}

void UserPickerDialog::setBusy(bool busy)
{
    if (!busy) {
        m_pendingUsername.clear();
        m_pendingName.clear();
    }
    const bool inviting = m_purpose == Purpose::Invite;
    m_action->setText(busy ? (inviting ? tr("Inviting…") : tr("Opening…"))
                           : (inviting ? tr("Invite") : tr("Start chat")));
    m_view->setEnabled(!busy);
    updateButton();
}

void UserPickerDialog::act(const QModelIndex& index)
{
    if (!index.isValid() || !(index.flags() & Qt::ItemIsSelectable) ||
        !m_pendingUsername.isEmpty()) {
        return;
    }
    m_pendingUsername = index.data(core::UserSearchModel::UsernameRole).toString();
    m_pendingName = index.data(core::UserSearchModel::DisplayNameRole).toString();
    LiveText::setText(m_status, {});
    setBusy(true);
    if (m_purpose == Purpose::Invite) {
        m_chat.invite(m_roomId, m_pendingUsername);
    } else {
        m_chat.openDirectRoom(m_pendingUsername);
    }
}

} // namespace confab::ui

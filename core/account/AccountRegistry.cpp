#include "account/AccountRegistry.h"

#include "account/AccountContext.h"

#include <QCoreApplication>

#include <utility>

namespace confab::core {

AccountRegistry::AccountRegistry(QObject* parent) : QAbstractListModel(parent)
{}

AccountRegistry::~AccountRegistry()
{
    clear();
}

int AccountRegistry::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_accounts.size());
}

QVariant AccountRegistry::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    AccountContext* account = m_accounts[static_cast<std::size_t>(index.row())].get();
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return account->displayName();
    case AccountRole:
        return QVariant::fromValue(account);
    case UserIdRole:
        return account->userId();
    case UsernameRole:
        return account->username();
    case ServerRole:
        return account->server();
    default:
        return {};
    }
}

QHash<int, QByteArray> AccountRegistry::roleNames() const
{
    return {{AccountRole, "account"},
            {UserIdRole, "userId"},
            {UsernameRole, "username"},
            {DisplayNameRole, "displayName"},
            {ServerRole, "server"}};
}

AccountContext* AccountRegistry::add(std::unique_ptr<AccountContext> account)
{
    AccountContext* added = account.get();
    const int row = static_cast<int>(m_accounts.size());
    beginInsertRows({}, row, row);
    m_accounts.push_back(std::move(account));
    endInsertRows();
    connect(added, &AccountContext::userChanged, this, [this, added] {
        const int changed = rowOf(added);
        if (changed >= 0) {
            emit dataChanged(index(changed), index(changed),
                             {Qt::DisplayRole, DisplayNameRole, UsernameRole, UserIdRole});
        }
    });
    added->start();
    emit accountAdded(added);
    return added;
}

void AccountRegistry::remove(AccountContext* account)
{
    if (std::unique_ptr<AccountContext> removed = take(account)) {
        m_leaving.emplace_back(removed.get());
        removed.release()->deleteLater();
    }
}

void AccountRegistry::clear()
{
    while (!m_accounts.empty()) {
        take(m_accounts.back().get()).reset();
    }
    for (const QPointer<AccountContext>& leaving : std::exchange(m_leaving, {})) {
        if (leaving) {
            QCoreApplication::sendPostedEvents(leaving, QEvent::DeferredDelete);
        }
    }
}

std::unique_ptr<AccountContext> AccountRegistry::take(AccountContext* account)
{
    const int row = rowOf(account);
    if (row < 0) {
        return {};
    }
    emit accountAboutToBeRemoved(account);
    emit account->aboutToBeRemoved();
    account->stop();
    const QString server = account->server();
    const QString userId = account->userId();
    beginRemoveRows({}, row, row);
    std::unique_ptr<AccountContext> taken = std::move(m_accounts[static_cast<std::size_t>(row)]);
    m_accounts.erase(m_accounts.begin() + row);
    endRemoveRows();
    disconnect(taken.get(), nullptr, this, nullptr);
    emit accountRemoved(server, userId);
    return taken;
}

AccountContext* AccountRegistry::at(int row) const
{
    return row >= 0 && row < rowCount() ? m_accounts[static_cast<std::size_t>(row)].get() : nullptr;
}

int AccountRegistry::rowOf(const AccountContext* account) const
{
    for (std::size_t i = 0; i < m_accounts.size(); ++i) {
        if (m_accounts[i].get() == account) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

AccountContext* AccountRegistry::find(const QString& server, const QString& userId) const
{
    for (const auto& account : m_accounts) {
        if (account->server() == server && account->userId() == userId) {
            return account.get();
        }
    }
    return nullptr;
}

} // namespace confab::core

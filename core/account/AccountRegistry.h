#pragma once

#include "account/AccountContext.h"

#include <QAbstractListModel>
#include <QPointer>

#include <memory>
#include <vector>

namespace confab::core {

// The signed-in accounts of the app, one row each. It owns them; views pick
// one to show and never own it. Removing an account tells everyone first
// (accountAboutToBeRemoved, and the account's own aboutToBeRemoved), stops
// it, and deletes it once control returns to the event loop, so that views
// have let go by then and removal may come from inside one of the account's
// own callbacks (the account was deleted, the server ended the session).
class AccountRegistry : public QAbstractListModel {
    Q_OBJECT

public:
    enum Roles {
        AccountRole = Qt::UserRole + 1, // AccountContext*
        UserIdRole,
        UsernameRole,
        DisplayNameRole,
        ServerRole,
    };
    Q_ENUM(Roles)

    explicit AccountRegistry(QObject* parent = nullptr);
    ~AccountRegistry() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Takes `account` in and starts it.
    AccountContext* add(std::unique_ptr<AccountContext> account);
    // Stops `account` and drops it (see above). Nothing when it is not here.
    void remove(AccountContext* account);
    // Removes every account and deletes it now, with those removed earlier
    // and not deleted yet (the sessions they use are about to go).
    void clear();

    AccountContext* at(int row) const;
    int rowOf(const AccountContext* account) const;
    // The account of `userId` on `server`, or nullptr.
    AccountContext* find(const QString& server, const QString& userId) const;
    bool isEmpty() const { return m_accounts.empty(); }

signals:
    void accountAdded(confab::core::AccountContext* account);
    void accountAboutToBeRemoved(confab::core::AccountContext* account);
    void accountRemoved(const QString& server, const QString& userId);

private:
    // Tells everyone, stops the account and hands it over.
    std::unique_ptr<AccountContext> take(AccountContext* account);

    std::vector<std::unique_ptr<AccountContext>> m_accounts;
    // Removed, with their deletion pending.
    std::vector<QPointer<AccountContext>> m_leaving;
};

} // namespace confab::core

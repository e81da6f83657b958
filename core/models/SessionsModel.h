#pragma once

#include "confab/v1/account.pb.h"

#include <QAbstractListModel>

#include <vector>

namespace confab::core {

// The signed-in user's sessions on every device, for the "where you are
// signed in" list.
class SessionsModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Roles {
        SessionIdRole = Qt::UserRole + 1,
        DeviceNameRole,
        CreatedAtRole,
        LastUsedAtRole,
        CurrentRole,
    };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void reset(const std::vector<v1::SessionInfo>& sessions);
    void removeSession(const QString& sessionId);

private:
    std::vector<v1::SessionInfo> m_sessions;
};

} // namespace confab::core

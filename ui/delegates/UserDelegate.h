#pragma once

#include <QStyledItemDelegate>

namespace confab::core {
class UserCache;
}

namespace confab::ui {

// A person found by a search: picture (or initials), name, @username, and a
// dot when online.
class UserDelegate : public QStyledItemDelegate {
public:
    UserDelegate(core::UserCache& users, QObject* parent);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    core::UserCache& m_users;
};

} // namespace confab::ui

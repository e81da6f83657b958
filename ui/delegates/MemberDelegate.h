#pragma once

#include <QStyledItemDelegate>

namespace confab::ui {

// A room member: picture with a presence dot, name, and "owner".
class MemberDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace confab::ui

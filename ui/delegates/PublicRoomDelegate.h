#pragma once

#include <QStyledItemDelegate>

namespace confab::ui {

// A public room in the directory: name and member count, topic, and whether
// the user is in it already.
class PublicRoomDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace confab::ui

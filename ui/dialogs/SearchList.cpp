#include "dialogs/SearchList.h"

#include <QLineEdit>
#include <QListView>

namespace confab::ui::searchlist {

QLineEdit* makeField(const QString& placeholder, QWidget* parent)
{
    auto* field = new QLineEdit(parent);
    field->setPlaceholderText(placeholder);
    field->setAccessibleName(placeholder);
    field->setClearButtonEnabled(true);
    return field;
}

QListView* makeView(QWidget* parent)
{
    auto* view = new QListView(parent);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setUniformItemSizes(true);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    return view;
}

} // namespace confab::ui::searchlist

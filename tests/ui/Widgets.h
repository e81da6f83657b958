#pragma once

#include <QAction>
#include <QWidget>

namespace confab::test {

// The action of a window's menus with this text.
inline QAction* menuAction(QWidget* window, const QString& text)
{
    for (QAction* action : window->findChildren<QAction*>()) {
        if (action->text() == text) {
            return action;
        }
    }
    return nullptr;
}

// The visible child of `parent` of type T, if there is one.
template <typename T>
T* visibleChild(QWidget* parent)
{
    for (T* child : parent->findChildren<T*>()) {
        if (child->isVisible()) {
            return child;
        }
    }
    return nullptr;
}

} // namespace confab::test

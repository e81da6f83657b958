#include "chat/Composer.h"

#include <QAbstractTextDocumentLayout>
#include <QKeyEvent>
#include <QTextBlock>

namespace confab::ui {

namespace {
constexpr int kMaxLines = 8;
}

Composer::Composer(QWidget* parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setAccessibleName(tr("Message"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            [this] { fitHeight(); });
    fitHeight();
}

int Composer::heightFor(int lines) const
{
    const QMargins margins = contentsMargins();
    return lines * fontMetrics().lineSpacing() +
           static_cast<int>(2 * document()->documentMargin()) + margins.top() + margins.bottom() +
           2;
}

void Composer::fitHeight()
{
    // QPlainTextEdit's document size counts visual lines, wrapped ones too.
    const int lines = std::clamp(
        static_cast<int>(document()->documentLayout()->documentSize().height()), 1, kMaxLines);
    setFixedHeight(heightFor(lines));
}

QSize Composer::sizeHint() const
{
    return {QPlainTextEdit::sizeHint().width(), height()};
}

QSize Composer::minimumSizeHint() const
{
    return {100, heightFor(1)};
}

void Composer::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (enter && mods == Qt::NoModifier) {
        emit sendRequested();
        return;
    }
    if (enter && (mods & Qt::ShiftModifier)) {
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    if (event->key() == Qt::Key_Up && mods == Qt::NoModifier && document()->isEmpty()) {
        emit editLastRequested();
        return;
    }
    // Page Up/Down page through the timeline while writing.
    if ((event->key() == Qt::Key_PageUp || event->key() == Qt::Key_PageDown) &&
        mods == Qt::NoModifier) {
        emit pageRequested(event->key() == Qt::Key_PageUp ? -1 : 1);
        return;
    }
    if (event->key() == Qt::Key_Escape && mods == Qt::NoModifier) {
        emit cancelRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace confab::ui

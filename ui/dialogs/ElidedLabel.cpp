#include "dialogs/ElidedLabel.h"

#include "delegates/Painting.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QStyle>
#include <QToolTip>

namespace confab::ui {

ElidedLabel::ElidedLabel(QWidget* parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

QString ElidedLabel::shownText() const
{
    const QRect area = contentsRect();
    // One line: line breaks in a topic or status become spaces.
    const QString line = text().simplified();
    return fontMetrics().elidedText(line, Qt::ElideRight, area.width());
}

bool ElidedLabel::isElided() const
{
    return shownText() != text().simplified();
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QSize hint = QLabel::minimumSizeHint();
    return {fontMetrics().horizontalAdvance(QStringLiteral("…")) * 3, hint.height()};
}

QSize ElidedLabel::sizeHint() const
{
    const QSize hint = QLabel::sizeHint();
    return {std::min(hint.width(), fontMetrics().averageCharWidth() * 40), hint.height()};
}

void ElidedLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setPen(
        palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, foregroundRole()));
    painting::drawTextLine(&painter, contentsRect(), text().simplified(), alignment());
}

bool ElidedLabel::event(QEvent* event)
{
    // The whole text, when it does not fit.
    if (event->type() == QEvent::ToolTip && toolTip().isEmpty()) {
        if (isElided()) {
            QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), text(), this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QLabel::event(event);
}

} // namespace confab::ui

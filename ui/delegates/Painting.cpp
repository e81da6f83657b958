#include "delegates/Painting.h"

#include "shell/Theme.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QPen>
#include <QStyle>

namespace confab::ui::painting {

QPalette::ColorGroup groupOf(const QStyleOptionViewItem& option)
{
    if (!(option.state & QStyle::State_Enabled)) {
        return QPalette::Disabled;
    }
    return option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
}

bool isSelected(const QStyleOptionViewItem& option)
{
    return option.state & QStyle::State_Selected;
}

QColor textColour(const QStyleOptionViewItem& option)
{
    return option.palette.color(groupOf(option),
                                isSelected(option) ? QPalette::HighlightedText : QPalette::Text);
}

QColor mutedColour(const QStyleOptionViewItem& option)
{
    const Theme* theme = Theme::instance();
    if (theme && !isSelected(option) && (option.state & QStyle::State_Enabled)) {
        return theme->colors().mutedText;
    }
    const QColor text = textColour(option);
    const QColor back = option.palette.color(
        groupOf(option), isSelected(option) ? QPalette::Highlight : QPalette::Base);
    return QColor::fromRgbF(text.redF() * 0.65f + back.redF() * 0.35f,
                            text.greenF() * 0.65f + back.greenF() * 0.35f,
                            text.blueF() * 0.65f + back.blueF() * 0.35f);
}

void drawBackground(QPainter* painter, const QStyleOptionViewItem& option)
{
    QStyleOptionViewItem background(option);
    background.text.clear();
    background.icon = QIcon();
    background.features &= ~QStyleOptionViewItem::HasDisplay;
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
}

QFont boldOf(const QFont& font)
{
    QFont bold(font);
    bold.setBold(true);
    return bold;
}

int twoLineHeight(const QStyleOptionViewItem& option)
{
    return 2 * kPadY + QFontMetrics(boldOf(option.font)).height() + kLineGap +
           QFontMetrics(option.font).height();
}

void drawPresenceDot(QPainter* painter, const QRect& avatar, bool online, const QColor& ring)
{
    const Theme::Colors& colours = Theme::currentColors();
    const int dot = 11;
    painter->setPen(QPen(ring, 2));
    painter->setBrush(online ? colours.online : colours.mutedText);
    painter->drawEllipse(QRectF(avatar.right() - dot + 2, avatar.bottom() - dot + 2, dot, dot));
}

} // namespace confab::ui::painting

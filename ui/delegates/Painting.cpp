#include "delegates/Painting.h"

#include "shell/Theme.h"

#include <QApplication>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QPainter>
#include <QPen>
#include <QStyle>
#include <QTextBoundaryFinder>

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

// The colour emoji font from the system (Debian: fonts-noto-color-emoji).
QString emojiFamily()
{
    static const QString family = [] {
        for (const QString& candidate :
             {QStringLiteral("Noto Color Emoji"), QStringLiteral("Twemoji"),
              QStringLiteral("Apple Color Emoji"), QStringLiteral("Segoe UI Emoji")}) {
            if (QFontDatabase::hasFamily(candidate)) {
                return candidate;
            }
        }
        return QString();
    }();
    return family;
}

namespace {

bool isPictograph(char32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x1FC00 && cp <= 0x1FFFD);
}

} // namespace

QList<QTextLayout::FormatRange> emojiFormats(const QString& text)
{
    QList<QTextLayout::FormatRange> formats;
    if (emojiFamily().isEmpty()) {
        return formats;
    }
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text);
    qsizetype start = 0;
    for (qsizetype end = graphemes.toNextBoundary(); end != -1; end = graphemes.toNextBoundary()) {
        const QStringView cluster = QStringView(text).mid(start, end - start);
        const QList<uint> points = cluster.toUcs4();
        const bool emoji =
            !points.isEmpty() && (isPictograph(points.front()) || points.contains(0xFE0F) ||
                                  points.contains(0x200D) || points.contains(0x20E3));
        if (emoji) {
            if (!formats.isEmpty() &&
                formats.back().start + formats.back().length == static_cast<int>(start)) {
                formats.back().length += static_cast<int>(end - start);
            } else {
                QTextLayout::FormatRange range;
                range.start = static_cast<int>(start);
                range.length = static_cast<int>(end - start);
                range.format.setFontFamilies({emojiFamily()});
                formats.append(range);
            }
        }
        start = end;
    }
    return formats;
}

void drawTextLine(QPainter* painter, const QRect& rect, const QString& text,
                  Qt::Alignment alignment)
{
    const QFontMetrics metrics(painter->font());
    const QString shown = metrics.elidedText(text, Qt::ElideRight, rect.width());
    QTextLayout layout(shown, painter->font());
    QTextOption option(alignment);
    option.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(option);
    layout.setFormats(emojiFormats(shown));
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid()) {
        line.setLineWidth(rect.width());
    }
    layout.endLayout();
    if (!line.isValid()) {
        return;
    }
    qreal y = rect.top();
    if (alignment & Qt::AlignVCenter) {
        y += (rect.height() - line.height()) / 2.0;
    } else if (alignment & Qt::AlignBottom) {
        y += rect.height() - line.height();
    }
    // In the painter's pen, as drawText() would.
    layout.draw(painter, QPointF(rect.left(), y));
}

} // namespace confab::ui::painting

#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QStyleOptionViewItem>
#include <QTextLayout>

class QPainter;
class QRect;

// What the list delegates paint alike: colours of an item in its state, the
// style's background, fonts and the presence dot.
namespace confab::ui::painting {

constexpr int kPadX = 10;
constexpr int kPadY = 7;
constexpr int kLineGap = 2;

QPalette::ColorGroup groupOf(const QStyleOptionViewItem& option);
bool isSelected(const QStyleOptionViewItem& option);
// The item's text colour, on a selection too.
QColor textColour(const QStyleOptionViewItem& option);
// Secondary text: the theme's muted colour, or on a selection (and without a
// theme) the text colour faded into its background.
QColor mutedColour(const QStyleOptionViewItem& option);
// The item's background, selection and focus as the style draws them.
void drawBackground(QPainter* painter, const QStyleOptionViewItem& option);
QFont boldOf(const QFont& font);
// A bold line over a plain one, with the padding around them.
int twoLineHeight(const QStyleOptionViewItem& option);
// The dot at the bottom right of an avatar: green when online, else muted,
// ringed in `ring` so that it stands off the picture.
void drawPresenceDot(QPainter* painter, const QRect& avatar, bool online, const QColor& ring);

// Where `text` has emoji meant to be shown in colour (a pictograph, a
// sequence joined with ZWJ, or a symbol asked for as emoji with U+FE0F such
// as ❤️ or ☀️): ranges in the colour emoji font, which takes them before a
// text font that has a plain glyph for the symbol. Empty without such a font.
QList<QTextLayout::FormatRange> emojiFormats(const QString& text);
// The colour emoji font's family, or empty when there is none.
QString emojiFamily();
// One line of `text` in `rect` (cut with an ellipsis to fit), its emoji in
// colour.
void drawTextLine(QPainter* painter, const QRect& rect, const QString& text,
                  Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter);

} // namespace confab::ui::painting

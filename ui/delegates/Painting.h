#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QStyleOptionViewItem>

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

} // namespace confab::ui::painting

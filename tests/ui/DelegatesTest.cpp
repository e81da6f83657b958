#include "delegates/Avatar.h"
#include "delegates/Painting.h"

#include <QFontDatabase>

#include <gtest/gtest.h>

namespace confab::test {
namespace {

TEST(Delegates, InitialsAreWholeLettersNeverHalfAnEmoji)
{
    EXPECT_EQ(ui::initialsOf(QStringLiteral("Weekend trip")), QStringLiteral("WT"));
    EXPECT_EQ(ui::initialsOf(QStringLiteral("Party 🎉")), QStringLiteral("P"));
    EXPECT_EQ(ui::initialsOf(QStringLiteral("🎉 party time")), QStringLiteral("PT"));
    EXPECT_EQ(ui::initialsOf(QStringLiteral("émile zola")), QStringLiteral("ÉZ"));
    EXPECT_EQ(ui::initialsOf(QStringLiteral("𝐁old")), QStringLiteral("𝐁"));
    EXPECT_EQ(ui::initialsOf(QStringLiteral("🎉")), QString());
    // No unpaired surrogate ever.
    for (const QString& name : {QStringLiteral("a 😀"), QStringLiteral("😀 😀 b")}) {
        for (QChar c : ui::initialsOf(name)) {
            EXPECT_FALSE(c.isSurrogate()) << name.toStdString();
        }
    }
}

TEST(Delegates, EmojiAskedForAsEmojiUseTheColourFont)
{
    ASSERT_TRUE(QFontDatabase::hasFamily(QStringLiteral("Noto Color Emoji")))
        << "fonts-noto-color-emoji is in scripts/bootstrap";
    // ❤️ and ☀️ are a text symbol with U+FE0F: DejaVu has a plain glyph for
    // each, so only a range in the emoji font shows them in colour.
    const QString text =
        QStringLiteral("see you ❤️ and ☀️, 👩‍👩‍👧‍👦 too ❤ plain");
    const auto formats = ui::painting::emojiFormats(text);
    QStringList covered;
    for (const auto& range : formats) {
        covered << text.mid(range.start, range.length);
        EXPECT_EQ(range.format.fontFamilies().toStringList(),
                  QStringList{QStringLiteral("Noto Color Emoji")});
    }
    EXPECT_EQ(covered, (QStringList{QStringLiteral("❤️"), QStringLiteral("☀️"),
                                    QStringLiteral("👩‍👩‍👧‍👦")}));
    EXPECT_TRUE(ui::painting::emojiFormats(QStringLiteral("plain text, 12 €")).isEmpty());
}

} // namespace
} // namespace confab::test

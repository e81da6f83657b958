#include "delegates/Avatar.h"
#include "delegates/Painting.h"
#include "delegates/RichText.h"

#include <QFontDatabase>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>

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

// Every link of a document, as (text, href).
std::vector<std::pair<QString, QString>> linksOf(const QTextDocument& doc)
{
    std::vector<std::pair<QString, QString>> links;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.isValid() && fragment.charFormat().isAnchor()) {
                links.emplace_back(fragment.text(), fragment.charFormat().anchorHref());
            }
        }
    }
    return links;
}

bool anyImage(const QTextDocument& doc)
{
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().isValid() && it.fragment().charFormat().isImageFormat()) {
                return true;
            }
        }
    }
    return false;
}

TEST(RichText, TheMarkdownSubsetIsRenderedAndCopiedAsPlainText)
{
    using namespace ui::richtext;
    EXPECT_FALSE(looksFormatted(QStringLiteral("plain words, 12 € and a smile 🙂")));
    EXPECT_TRUE(looksFormatted(QStringLiteral("**bold**")));
    EXPECT_TRUE(looksFormatted(QStringLiteral("see https://example.org")));
    EXPECT_TRUE(looksFormatted(QStringLiteral("> a quote")));

    const QString text =
        QStringLiteral("**Bold** and *italic* and `code`\n\n> quoted\n\n```\nint x = 1;\n```");
    const auto doc = document(text, QFont());
    EXPECT_EQ(doc->toPlainText(), QStringLiteral("Bold and italic and code\nquoted\nint x = 1;"));
    const QTextBlock first = doc->begin();
    bool bold = false;
    bool italic = false;
    bool mono = false;
    for (auto it = first.begin(); !it.atEnd(); ++it) {
        const QTextCharFormat format = it.fragment().charFormat();
        bold = bold || (it.fragment().text() == QStringLiteral("Bold") &&
                        format.fontWeight() >= QFont::Bold);
        italic =
            italic || (it.fragment().text() == QStringLiteral("italic") && format.fontItalic());
        mono = mono || (it.fragment().text() == QStringLiteral("code") && format.fontFixedPitch());
    }
    EXPECT_TRUE(bold);
    EXPECT_TRUE(italic);
    EXPECT_TRUE(mono);
    EXPECT_GT(first.next().blockFormat().intProperty(QTextFormat::BlockQuoteLevel), 0);
    EXPECT_EQ(plainText(text), doc->toPlainText());
    EXPECT_EQ(plainText(QStringLiteral("no markup")), QStringLiteral("no markup"));
}

TEST(RichText, NoHtmlNoPicturesAndOnlyWebLinks)
{
    using namespace ui::richtext;
    // HTML is shown as typed.
    const auto html =
        document(QStringLiteral("<b>hi</b> <img src=\"https://evil.example/x.png\">"), QFont());
    EXPECT_EQ(html->toPlainText(),
              QStringLiteral("<b>hi</b> <img src=\"https://evil.example/x.png\">"));
    EXPECT_FALSE(anyImage(*html));
    // A picture is never fetched: its words stand in for it.
    const auto picture =
        document(QStringLiteral(
                     "look ![the cat](https://evil.example/track.png) and ![](file:///etc/passwd)"),
                 QFont());
    EXPECT_FALSE(anyImage(*picture));
    EXPECT_EQ(picture->toPlainText().trimmed(), QStringLiteral("look [the cat] and"))
        << picture->toPlainText().toStdString();
    // Links: markdown, angle brackets and bare addresses; javascript: and
    // file: are words only.
    const auto links = document(QStringLiteral("[docs](https://example.org/a) <https://b.example> "
                                               "https://c.example/x?y=1 "
                                               "[x](javascript:alert(1)) [f](file:///etc/passwd)"),
                                QFont());
    const auto found = linksOf(*links);
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0],
              (std::pair{QStringLiteral("docs"), QStringLiteral("https://example.org/a")}));
    EXPECT_EQ(found[1].second, QStringLiteral("https://b.example"));
    EXPECT_EQ(found[2].second, QStringLiteral("https://c.example/x?y=1"));
    EXPECT_TRUE(isOpenable(QUrl(QStringLiteral("mailto:a@example.org"))));
    EXPECT_FALSE(isOpenable(QUrl(QStringLiteral("javascript:alert(1)"))));
    EXPECT_FALSE(isOpenable(QUrl(QStringLiteral("file:///etc/passwd"))));
}

} // namespace
} // namespace confab::test

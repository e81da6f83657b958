#include "delegates/RichText.h"

#include "delegates/Painting.h"

#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextFragment>

namespace confab::ui::richtext {

namespace {

constexpr auto kDialect = QTextDocument::MarkdownDialectGitHub;
const auto kFeatures = QTextDocument::MarkdownFeatures(kDialect | QTextDocument::MarkdownNoHTML);

// Pictures become their words; links other than http(s) and mailto become
// plain text.
void makeSafe(QTextDocument& doc)
{
    struct Change {
        int position;
        int length;
        QString text;
        QTextCharFormat format;
    };
    std::vector<Change> changes;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid()) {
                continue;
            }
            QTextCharFormat format = fragment.charFormat();
            if (format.isImageFormat()) {
                const QString words = format.stringProperty(QTextFormat::ImageAltText);
                QTextCharFormat plain;
                changes.push_back({fragment.position(), fragment.length(),
                                   QStringLiteral("[%1]").arg(
                                       words.isEmpty() ? QStringLiteral("picture") : words),
                                   plain});
            } else if (format.isAnchor() && !isOpenable(QUrl(format.anchorHref()))) {
                format.setAnchor(false);
                format.setAnchorHref({});
                format.setFontUnderline(false);
                format.clearForeground();
                changes.push_back(
                    {fragment.position(), fragment.length(), fragment.text(), format});
            }
        }
    }
    // From the end, so that earlier positions stay right.
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
        QTextCursor cursor(&doc);
        cursor.setPosition(it->position);
        cursor.setPosition(it->position + it->length, QTextCursor::KeepAnchor);
        cursor.insertText(it->text, it->format);
    }
}

// Code and quotes stand apart from the text around them (on either
// bubble's colour: a shade of grey over it).
void shadeCodeAndQuotes(QTextDocument& doc)
{
    const QColor code(127, 127, 127, 45);
    const QColor quote(127, 127, 127, 28);
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        QTextBlockFormat format = block.blockFormat();
        const bool fenced = format.hasProperty(QTextFormat::BlockCodeFence) ||
                            format.hasProperty(QTextFormat::BlockCodeLanguage);
        const bool quoted = format.intProperty(QTextFormat::BlockQuoteLevel) > 0;
        if (fenced || quoted) {
            QTextCursor cursor(block);
            format.setBackground(fenced ? code : quote);
            if (quoted) {
                format.setLeftMargin(6);
                format.setRightMargin(6);
            }
            cursor.setBlockFormat(format);
            continue;
        }
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.isValid() && fragment.charFormat().fontFixedPitch()) {
                QTextCursor cursor(&doc);
                cursor.setPosition(fragment.position());
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor::KeepAnchor);
                QTextCharFormat shaded;
                shaded.setBackground(code);
                cursor.mergeCharFormat(shaded);
            }
        }
    }
}

void colourEmoji(QTextDocument& doc)
{
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (const auto& range : painting::emojiFormats(block.text())) {
            QTextCursor cursor(&doc);
            cursor.setPosition(block.position() + range.start);
            cursor.setPosition(block.position() + range.start + range.length,
                               QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(range.format);
        }
    }
}

} // namespace

bool isOpenable(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("https") || scheme == QLatin1String("http") ||
                             scheme == QLatin1String("mailto"));
}

bool looksFormatted(const QString& text)
{
    static const QRegularExpression markup(
        QStringLiteral(R"([*_`~\[<]|^\s*(>|#|[-+*] |\d+[.)] )|https?://|www\.)"),
        QRegularExpression::MultilineOption);
    return markup.match(text).hasMatch();
}

std::unique_ptr<QTextDocument> document(const QString& text, const QFont& font)
{
    auto doc = std::make_unique<QTextDocument>();
    doc->setDefaultFont(font);
    doc->setDocumentMargin(0);
    doc->setUndoRedoEnabled(false);
    if (looksFormatted(text)) {
        doc->setMarkdown(text, kFeatures);
        makeSafe(*doc);
        shadeCodeAndQuotes(*doc);
    } else {
        doc->setPlainText(text);
    }
    colourEmoji(*doc);
    return doc;
}

QString plainText(const QString& text)
{
    if (!looksFormatted(text)) {
        return text;
    }
    return document(text, QFont())->toPlainText();
}

} // namespace confab::ui::richtext

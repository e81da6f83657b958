#pragma once

#include <QFont>
#include <QString>
#include <QUrl>

#include <memory>

class QTextDocument;

namespace confab::ui::richtext {

// Message text is a Markdown subset: **bold**, *italic*, `code`, fenced
// code blocks, > quotes, lists, and links ([words](url), <url>, or a bare
// https:// address). It is shown safely: HTML is shown as typed, never
// interpreted; pictures are never fetched (their words are shown instead);
// only http, https and mailto links are links.

// Whether Markdown would change anything in `text` (plain text is laid
// out the quick way).
bool looksFormatted(const QString& text);
// The text as a document in `font`, its emoji in colour.
std::unique_ptr<QTextDocument> document(const QString& text, const QFont& font);
// The text as a reader sees it: the markup gone (what "Copy text" copies
// and a screen reader says).
QString plainText(const QString& text);
// A link shown to the user is opened only with these schemes.
bool isOpenable(const QUrl& url);

} // namespace confab::ui::richtext

#pragma once

#include "chat/Attachment.h"

#include <QCache>
#include <QStyledItemDelegate>

class QTextDocument;

namespace confab::core {
class Downloads;
}

namespace confab::ui {

// Paints a timeline row: a day separator when the day changes, member
// events as a quiet line, messages as bubbles (own on the right, others on
// the left with avatar and name at the start of a run by one author), with
// the quoted message of a reply, "edited", the time, and the state of a
// message still on its way or refused.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    // Where the parts of a row go, for painting and for clicks.
    struct Layout {
        int height = 0;
        QRect daySeparator;
        QRect avatar;
        QRect name;
        QRect bubble;
        QRect quote;
        QRect text;
        QRect footer;
        int textWidth = 0; // the width the text is wrapped to
        bool footerInline = false;
        QRect memberEvent;
        // One chip per emoji under the bubble, in the order of ReactionsRole.
        QList<QRect> reactions;
        // One box per attachment in the bubble, over the text, in order.
        QList<QRect> attachments;
    };

    explicit MessageDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

    Layout layout(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    // Direct rooms have two people: no names over the bubbles.
    void setShowNames(bool show) { m_showNames = show; }
    // The row to highlight briefly (the original of a clicked reply).
    void setHighlightedRow(int row) { m_highlighted = row; }
    // Where files being saved stand (their rows show it); may be null.
    void setDownloads(core::Downloads* downloads) { m_downloads = downloads; }

    // The box an attachment takes in a bubble whose content may be
    // `maxWidth` wide: a picture at its proportions (from the width and
    // height the message carries, so nothing moves when it loads), a file
    // as a row of two lines.
    static QSize attachmentSize(const core::Attachment& attachment, int maxWidth,
                                const QFont& font);
    // "Picture beach.png, 800 × 600" / "File notes.txt, 300 KB".
    static QString attachmentText(const core::Attachment& attachment);
    // What a file's row says under its name: its size, and how saving it goes.
    QString fileStatusText(const core::Attachment& attachment) const;
    // The attachment under `pos`, or -1.
    int attachmentAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                     const QPoint& pos) const;

    static QString dayText(const QDate& day);
    // Hours and minutes, the locale's way.
    static QString timeText(const QTime& time);
    static QString footerText(const QModelIndex& index);
    // A reaction chip's words: the emoji and how many chose it.
    static QString chipText(const core::Reaction& reaction);
    // "Anna and you reacted with 🎂", for a chip's tooltip.
    static QString reactorsText(const QModelIndex& index, int reaction);
    // The link under `pos` in a message's text, or empty.
    QString linkAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                   const QPoint& pos) const;
    // The emoji of the chip at `pos` in a row laid out by `layout`, or empty.
    QString reactionAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                       const QPoint& pos) const;
    // A row as a screen reader says it: who, when, what, whether edited,
    // what it replies to, and whether it is still on its way.
    static QString spokenText(const QModelIndex& index);

private:
    bool startsRun(const QModelIndex& index) const;
    static bool startsDay(const QModelIndex& index);

    // The formatted text of a message (richtext::document) laid out at
    // `width`; kept for the rows on screen. Null for plain text.
    QTextDocument* formatted(const QString& text, const QFont& font, int width) const;

    // One attachment in its box; a bar shows `progress` (0-1) of an upload,
    // or of a file being saved.
    void paintAttachment(QPainter* painter, const QStyleOptionViewItem& option,
                         const core::Attachment& attachment, const QRect& box, const QColor& ink,
                         double progress) const;

    bool m_showNames = true;
    core::Downloads* m_downloads = nullptr;
    int m_highlighted = -1;
    mutable QCache<QString, QTextDocument> m_documents{300};
};

} // namespace confab::ui

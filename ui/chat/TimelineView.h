#pragma once

#include "models/TimelineModel.h"

#include <QListView>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QTimer>

namespace confab::ui {

class MessageDelegate;

// A room's timeline: newest at the bottom, kept there while the user is
// there; scrolling near the top loads older messages without moving what
// is on screen; a click on a quoted message goes to it.
class TimelineView : public QListView {
    Q_OBJECT

public:
    // What can be done with a row (its menu, and its accessible actions).
    enum class MessageAction { Reply, React, Open, Edit, Delete, Retry, Discard, Copy };
    Q_ENUM(MessageAction)

    explicit TimelineView(QWidget* parent = nullptr);

    // The actions a row offers, in menu order.
    static QList<MessageAction> actionsFor(const QModelIndex& index);
    // Its name for screen readers' actions (not translated) and its menu text.
    static QString actionName(MessageAction action);
    static QString actionText(MessageAction action);
    // Opens the menu of a row, as the Menu key does for the current one.
    void showMenuFor(const QModelIndex& index);
    // A sent message that is not deleted: one can react to it.
    static bool canReact(const QModelIndex& index);
    // The bar of quick reactions over the row under the mouse (or, while
    // the view has the keyboard, over the current row; keys 1-6 choose).
    QWidget* reactionBar() const { return m_reactionBar; }

    void setTimeline(core::TimelineModel* timeline);
    core::TimelineModel* timeline() const { return m_timeline; }
    MessageDelegate* messageDelegate() const { return m_delegate; }

    bool isAtBottom() const;
    // Scrolls a page up (-1) or down (1), as Page Up/Down do.
    void scrollPage(int direction);
    void scrollToNewest();
    // Scrolls to a message and makes it glow for a moment; false when it is
    // not loaded.
    bool showMessage(const QString& messageId);

signals:
    // The newest message is on screen (after a scroll, a new message, a switch).
    void newestShown();
    void messageMenuRequested(const QModelIndex& index, const QPoint& globalPos);
    void messageActionRequested(const QModelIndex& index,
                                confab::ui::TimelineView::MessageAction action);
    // The user's reaction `emoji` to a row is to be added, or taken back
    // when it is theirs already (a chip, the bar, or keys 1-6).
    void reactionToggled(const QModelIndex& index, const QString& emoji);
    // A link in a message's text was clicked.
    void linkActivated(const QUrl& url);
    // Attachment `attachment` of a row was clicked (or Enter pressed on the
    // row: its first).
    void attachmentActivated(const QModelIndex& index, int attachment);

protected:
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex& parent, int start, int end) override;
    void dataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                     const QList<int>& roles) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void currentChanged(const QModelIndex& current, const QModelIndex& previous) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void onScrolled(int value);
    void rememberAnchor(int start);
    void maybeFetchOlder();
    void settle();
    // Puts the reaction bar over `index`'s bubble, or hides it.
    void placeReactionBar(const QModelIndex& index);

    QPointer<core::TimelineModel> m_timeline;
    MessageDelegate* m_delegate;
    bool m_stick = true;
    // While older rows go in at the top: the row at the top of the screen
    // and where it was, to keep it there.
    QPersistentModelIndex m_anchor;
    int m_anchorTop = 0;
    bool m_adjusting = false;
    QTimer m_glow;
    QWidget* m_reactionBar = nullptr;
    QPersistentModelIndex m_barIndex;
};

} // namespace confab::ui

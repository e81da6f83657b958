#include "chat/TimelineView.h"

#include "chat/EmojiPicker.h"
#include "chat/TimelineAccessible.h"
#include "delegates/MessageDelegate.h"
#include "models/TimelineModel.h"

#include <QAccessible>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QMouseEvent>
#include <QScrollBar>
#include <QToolButton>

namespace confab::ui {

using core::TimelineModel;

namespace {

// Item views fetch more whenever the last row is on screen, which in a
// timeline is always: older pages are asked for here, near the top only.
class NoAutoFetch : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex&) const override { return false; }
    void fetchMore(const QModelIndex&) override {}
    // How a screen reader says each row.
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::AccessibleTextRole && index.isValid()) {
            return MessageDelegate::spokenText(index);
        }
        return QIdentityProxyModel::data(index, role);
    }
};

constexpr int kStickSlackPx = 6;
constexpr int kGlowMs = 1600;

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QListView(parent), m_delegate(new MessageDelegate(this))
{
    setItemDelegate(m_delegate);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Reached with Tab and read row by row with the arrow keys.
    static const bool factoryInstalled = [] {
        QAccessible::installFactory(&TimelineAccessible::factory);
        return true;
    }();
    Q_UNUSED(factoryInstalled);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setUniformItemSizes(false);
    // Re-lays rows out when the width changes (their heights depend on it).
    setWordWrap(true);
    setMouseTracking(true);
    verticalScrollBar()->setSingleStep(24);
    setAccessibleName(tr("Messages"));
    viewport()->setAutoFillBackground(true);

    m_glow.setSingleShot(true);
    connect(&m_glow, &QTimer::timeout, this, [this] {
        m_delegate->setHighlightedRow(-1);
        viewport()->update();
    });
    // The quick reactions: mouse targets (the keyboard has keys 1-6 and
    // the row's menu), so they never take the focus.
    auto* bar = new QFrame(viewport());
    bar->setObjectName(QStringLiteral("reactionBar"));
    bar->setFrameShape(QFrame::StyledPanel);
    bar->setAutoFillBackground(true);
    bar->setAccessibleName(tr("Quick reactions"));
    auto* barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(3, 2, 3, 2);
    barLayout->setSpacing(0);
    const QStringList& quick = EmojiPicker::quickEmoji();
    for (int i = 0; i < quick.size(); ++i) {
        auto* button = new QToolButton(bar);
        button->setText(quick[i]);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::NoFocus);
        button->setToolTip(tr("React with %1 (key %2)").arg(quick[i]).arg(i + 1));
        button->setAccessibleName(tr("React with %1").arg(quick[i]));
        connect(button, &QToolButton::clicked, this, [this, emoji = quick[i]] {
            if (m_barIndex.isValid()) {
                emit reactionToggled(m_barIndex, emoji);
            }
        });
        barLayout->addWidget(button);
    }
    auto* more = new QToolButton(bar);
    more->setText(QStringLiteral("…"));
    more->setAutoRaise(true);
    more->setFocusPolicy(Qt::NoFocus);
    more->setToolTip(tr("More reactions"));
    more->setAccessibleName(tr("More reactions"));
    connect(more, &QToolButton::clicked, this, [this] {
        if (m_barIndex.isValid()) {
            emit messageActionRequested(m_barIndex, MessageAction::React);
        }
    });
    barLayout->addWidget(more);
    bar->adjustSize();
    bar->hide();
    m_reactionBar = bar;

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &TimelineView::onScrolled);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this] { placeReactionBar(hasFocus() ? currentIndex() : QModelIndex()); });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        if (m_stick && !m_adjusting) {
            settle();
        }
    });
}

void TimelineView::setTimeline(TimelineModel* timeline)
{
    if (QAbstractItemModel* old = model()) {
        setModel(nullptr);
        old->deleteLater();
    }
    if (m_timeline) {
        disconnect(m_timeline, nullptr, this, nullptr);
    }
    m_timeline = timeline;
    m_stick = true;
    m_anchor = QPersistentModelIndex();
    m_delegate->setHighlightedRow(-1);
    if (timeline) {
        auto* proxy = new NoAutoFetch(this);
        proxy->setSourceModel(timeline);
        connect(timeline, &QObject::destroyed, proxy, &QObject::deleteLater);
        setModel(proxy);
        connect(proxy, &QAbstractItemModel::rowsAboutToBeInserted, this,
                [this](const QModelIndex&, int start) { rememberAnchor(start); });
        timeline->load();
        connect(timeline, &TimelineModel::loadedChanged, this, &TimelineView::settle);
    }
    settle();
}

bool TimelineView::isAtBottom() const
{
    const QScrollBar* bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - kStickSlackPx;
}

void TimelineView::scrollPage(int direction)
{
    QScrollBar* bar = verticalScrollBar();
    bar->triggerAction(direction < 0 ? QAbstractSlider::SliderPageStepSub
                                     : QAbstractSlider::SliderPageStepAdd);
}

void TimelineView::scrollToNewest()
{
    m_stick = true;
    settle();
}

bool TimelineView::showMessage(const QString& messageId)
{
    if (!m_timeline || messageId.isEmpty()) {
        return false;
    }
    const int row = m_timeline->rowOfMessage(messageId);
    if (row < 0) {
        return false;
    }
    executeDelayedItemsLayout();
    m_stick = false;
    scrollTo(model()->index(row, 0), QAbstractItemView::PositionAtCenter);
    m_delegate->setHighlightedRow(row);
    m_glow.start(kGlowMs);
    viewport()->update();
    return true;
}

void TimelineView::settle()
{
    if (!model()) {
        return;
    }
    m_adjusting = true;
    executeDelayedItemsLayout();
    QScrollBar* bar = verticalScrollBar();
    if (m_stick) {
        bar->setValue(bar->maximum());
    } else if (m_anchor.isValid()) {
        bar->setValue(bar->value() + visualRect(m_anchor).top() - m_anchorTop);
    }
    m_anchor = QPersistentModelIndex();
    m_adjusting = false;
    if (m_stick && isVisible() && m_timeline && m_timeline->isLoaded()) {
        emit newestShown();
    }
    maybeFetchOlder();
}

void TimelineView::rememberAnchor(int start)
{
    // Rows about to go in above what is shown: what is shown stays put.
    if (m_stick || m_anchor.isValid() || model()->rowCount() == 0) {
        return;
    }
    const QModelIndex top = indexAt(QPoint(1, 1));
    if (top.isValid() && start <= top.row()) {
        m_anchor = top;
        m_anchorTop = visualRect(top).top();
    }
}

void TimelineView::rowsInserted(const QModelIndex& parent, int start, int end)
{
    QListView::rowsInserted(parent, start, end);
    // Once per burst (a page of history, a catch-up), not once per row.
    QMetaObject::invokeMethod(this, &TimelineView::settle, Qt::QueuedConnection);
}

void TimelineView::rowsAboutToBeRemoved(const QModelIndex& parent, int start, int end)
{
    QListView::rowsAboutToBeRemoved(parent, start, end);
    QMetaObject::invokeMethod(this, &TimelineView::settle, Qt::QueuedConnection);
}

void TimelineView::dataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                               const QList<int>& roles)
{
    QListView::dataChanged(topLeft, bottomRight, roles);
    // An edit, a deletion, a name that arrived: the row's height may differ.
    scheduleDelayedItemsLayout();
    if (m_stick) {
        QMetaObject::invokeMethod(this, &TimelineView::settle, Qt::QueuedConnection);
    }
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QListView::resizeEvent(event);
    if (m_stick) {
        QMetaObject::invokeMethod(this, &TimelineView::settle, Qt::QueuedConnection);
    }
}

void TimelineView::onScrolled(int value)
{
    if (m_adjusting) {
        return;
    }
    m_stick = value >= verticalScrollBar()->maximum() - kStickSlackPx;
    if (m_stick) {
        emit newestShown();
    }
    maybeFetchOlder();
}

void TimelineView::maybeFetchOlder()
{
    if (!m_timeline || !m_timeline->isLoaded() || m_timeline->isFetching()) {
        return;
    }
    // Within a screen of the top, or everything fits on one screen.
    if (verticalScrollBar()->value() < viewport()->height() &&
        m_timeline->canFetchMore(QModelIndex())) {
        m_timeline->fetchMore(QModelIndex());
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (index.isValid() && event->button() == Qt::LeftButton) {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.rect = visualRect(index);
        const MessageDelegate::Layout layout = m_delegate->layout(option, index);
        if (layout.quote.contains(event->position().toPoint())) {
            showMessage(index.data(TimelineModel::ReplyToRole).toString());
            return;
        }
        const QString link = m_delegate->linkAt(option, index, event->position().toPoint());
        if (!link.isEmpty()) {
            emit linkActivated(QUrl(link));
            return;
        }
        const int attachment = m_delegate->attachmentAt(option, index, event->position().toPoint());
        if (attachment >= 0) {
            emit attachmentActivated(index, attachment);
            return;
        }
        const QString emoji = m_delegate->reactionAt(option, index, event->position().toPoint());
        if (!emoji.isEmpty() && canReact(index)) {
            emit reactionToggled(index, emoji);
            return;
        }
        if (layout.bubble.contains(event->position().toPoint()) &&
            TimelineModel::sendStateAt(index) == TimelineModel::SendState::Failed) {
            emit messageMenuRequested(index, event->globalPosition().toPoint());
            return;
        }
    }
    QListView::mouseReleaseEvent(event);
}

bool TimelineView::canReact(const QModelIndex& index)
{
    return index.isValid() && TimelineModel::kindAt(index) == TimelineModel::Kind::Message &&
           TimelineModel::sendStateAt(index) == TimelineModel::SendState::Sent &&
           !index.data(TimelineModel::DeletedRole).toBool() &&
           !index.data(TimelineModel::IdRole).toString().isEmpty();
}

void TimelineView::placeReactionBar(const QModelIndex& index)
{
    if (!canReact(index)) {
        m_barIndex = QPersistentModelIndex();
        m_reactionBar->hide();
        return;
    }
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    const QRect bubble = m_delegate->layout(option, index).bubble;
    const QSize size = m_reactionBar->sizeHint();
    const bool own = index.data(TimelineModel::OwnRole).toBool();
    int x = own ? bubble.left() - size.width() / 3 : bubble.right() - size.width() * 2 / 3;
    x = std::clamp(x, 2, std::max(2, viewport()->width() - size.width() - 2));
    const int y = std::max(0, bubble.top() - size.height() + 6);
    m_barIndex = index;
    m_reactionBar->setGeometry(QRect(QPoint(x, y), size));
    m_reactionBar->show();
    m_reactionBar->raise();
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    QListView::mouseMoveEvent(event);
    {
        // A hand over links.
        const QModelIndex under = indexAt(event->position().toPoint());
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.rect = visualRect(under);
        const bool overLink =
            under.isValid() &&
            (!m_delegate->linkAt(option, under, event->position().toPoint()).isEmpty() ||
             m_delegate->attachmentAt(option, under, event->position().toPoint()) >= 0);
        viewport()->setCursor(overLink ? Qt::PointingHandCursor : Qt::ArrowCursor);
    }
    if (m_reactionBar->geometry().contains(event->position().toPoint())) {
        return;
    }
    const QModelIndex index = indexAt(event->position().toPoint());
    if (index != m_barIndex) {
        placeReactionBar(index.isValid() ? index : (hasFocus() ? currentIndex() : QModelIndex()));
    }
}

void TimelineView::leaveEvent(QEvent* event)
{
    QListView::leaveEvent(event);
    if (!m_reactionBar->underMouse()) {
        placeReactionBar(hasFocus() ? currentIndex() : QModelIndex());
    }
}

void TimelineView::focusOutEvent(QFocusEvent* event)
{
    QListView::focusOutEvent(event);
    if (!viewport()->underMouse()) {
        placeReactionBar({});
    }
}

void TimelineView::currentChanged(const QModelIndex& current, const QModelIndex& previous)
{
    QListView::currentChanged(current, previous);
    if (hasFocus()) {
        placeReactionBar(current);
    }
}

QList<TimelineView::MessageAction> TimelineView::actionsFor(const QModelIndex& index)
{
    QList<MessageAction> actions;
    if (!index.isValid() || TimelineModel::kindAt(index) != TimelineModel::Kind::Message) {
        return actions;
    }
    const bool own = index.data(TimelineModel::OwnRole).toBool();
    const bool deleted = index.data(TimelineModel::DeletedRole).toBool();
    switch (TimelineModel::sendStateAt(index)) {
    case TimelineModel::SendState::Sent:
        if (!deleted) {
            actions << MessageAction::Reply << MessageAction::React;
            if (!index.data(TimelineModel::AttachmentsRole)
                     .value<QList<core::Attachment>>()
                     .isEmpty()) {
                actions << MessageAction::Open;
            }
        }
        if (own && !deleted) {
            actions << MessageAction::Edit << MessageAction::Delete;
        }
        break;
    case TimelineModel::SendState::Failed:
        actions << MessageAction::Retry << MessageAction::Edit << MessageAction::Discard;
        break;
    case TimelineModel::SendState::Pending:
        actions << MessageAction::Discard;
        break;
    }
    if (!deleted) {
        actions << MessageAction::Copy;
    }
    return actions;
}

QString TimelineView::actionName(MessageAction action)
{
    switch (action) {
    case MessageAction::Reply:
        return QStringLiteral("Reply");
    case MessageAction::React:
        return QStringLiteral("React");
    case MessageAction::Open:
        return QStringLiteral("Open");
    case MessageAction::Edit:
        return QStringLiteral("Edit");
    case MessageAction::Delete:
        return QStringLiteral("Delete");
    case MessageAction::Retry:
        return QStringLiteral("Retry");
    case MessageAction::Discard:
        return QStringLiteral("Discard");
    case MessageAction::Copy:
        return QStringLiteral("Copy");
    }
    return {};
}

QString TimelineView::actionText(MessageAction action)
{
    switch (action) {
    case MessageAction::Reply:
        return tr("&Reply");
    case MessageAction::React:
        return tr("Re&act…");
    case MessageAction::Open:
        return tr("&Open attachment");
    case MessageAction::Edit:
        return tr("&Edit");
    case MessageAction::Delete:
        return tr("&Delete…");
    case MessageAction::Retry:
        return tr("&Retry");
    case MessageAction::Discard:
        return tr("&Discard");
    case MessageAction::Copy:
        return tr("&Copy text");
    }
    return {};
}

void TimelineView::showMenuFor(const QModelIndex& index)
{
    if (actionsFor(index).isEmpty()) {
        return;
    }
    scrollTo(index);
    const QRect rect = visualRect(index);
    emit messageMenuRequested(
        index, viewport()->mapToGlobal(QPoint(rect.left() + rect.width() / 3, rect.center().y())));
}

void TimelineView::contextMenuEvent(QContextMenuEvent* event)
{
    // The Menu key and Shift+F10 open the menu of the row the keyboard is on.
    if (event->reason() == QContextMenuEvent::Keyboard) {
        showMenuFor(currentIndex());
        return;
    }
    const QModelIndex index = indexAt(event->pos());
    if (actionsFor(index).isEmpty()) {
        return;
    }
    emit messageMenuRequested(index, event->globalPos());
}

void TimelineView::focusInEvent(QFocusEvent* event)
{
    // Coming in, the keyboard is on the newest row (the one after what was
    // last read is where a reader picks up).
    if (!currentIndex().isValid() && model() && model()->rowCount() > 0) {
        selectionModel()->setCurrentIndex(model()->index(model()->rowCount() - 1, 0),
                                          QItemSelectionModel::NoUpdate);
    }
    QListView::focusInEvent(event);
    placeReactionBar(currentIndex());
    if (QAccessible::isActive() && currentIndex().isValid()) {
        QAccessibleEvent focus(this, QAccessible::Focus);
        focus.setChild(currentIndex().row());
        QAccessible::updateAccessibility(&focus);
    }
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    const QModelIndex current = currentIndex();
    // Keys 1-6: the quick reactions, on the message the keyboard is on.
    if (event->modifiers() == Qt::NoModifier && event->key() >= Qt::Key_1 &&
        event->key() < Qt::Key_1 + EmojiPicker::quickEmoji().size() && canReact(current)) {
        emit reactionToggled(current, EmojiPicker::quickEmoji()[event->key() - Qt::Key_1]);
        event->accept();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // On files: the first opens. On a reply: to the message it quotes.
        if (current.isValid() && actionsFor(current).contains(MessageAction::Open)) {
            emit attachmentActivated(current, 0);
        } else if (current.isValid()) {
            const QString quoted = current.data(TimelineModel::ReplyToRole).toString();
            if (!quoted.isEmpty() && showMessage(quoted)) {
                setCurrentIndex(model()->index(m_timeline->rowOfMessage(quoted), 0));
            }
        }
        event->accept();
        return;
    case Qt::Key_Home:
    case Qt::Key_End:
        if (event->modifiers() == Qt::ControlModifier || event->modifiers() == Qt::NoModifier) {
            if (model() && model()->rowCount() > 0) {
                const bool end = event->key() == Qt::Key_End;
                setCurrentIndex(model()->index(end ? model()->rowCount() - 1 : 0, 0));
                if (end) {
                    scrollToNewest();
                } else {
                    scrollTo(currentIndex(), PositionAtTop);
                }
            }
            event->accept();
            return;
        }
        break;
    default:
        break;
    }
    QListView::keyPressEvent(event);
}

} // namespace confab::ui

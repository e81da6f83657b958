#include "chat/TimelineView.h"

#include "chat/TimelineAccessible.h"
#include "delegates/MessageDelegate.h"
#include "models/TimelineModel.h"

#include <QAccessible>
#include <QContextMenuEvent>
#include <QIdentityProxyModel>
#include <QMouseEvent>
#include <QScrollBar>

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
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &TimelineView::onScrolled);
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
        if (layout.bubble.contains(event->position().toPoint()) &&
            TimelineModel::sendStateAt(index) == TimelineModel::SendState::Failed) {
            emit messageMenuRequested(index, event->globalPosition().toPoint());
            return;
        }
    }
    QListView::mouseReleaseEvent(event);
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
            actions << MessageAction::Reply;
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
    if (QAccessible::isActive() && currentIndex().isValid()) {
        QAccessibleEvent focus(this, QAccessible::Focus);
        focus.setChild(currentIndex().row());
        QAccessible::updateAccessibility(&focus);
    }
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    const QModelIndex current = currentIndex();
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // On a reply: to the message it quotes.
        if (current.isValid()) {
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

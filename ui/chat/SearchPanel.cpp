#include "chat/SearchPanel.h"

#include "chat/ChatClient.h"
#include "delegates/MessageDelegate.h"
#include "delegates/Painting.h"
#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"
#include "models/SearchModel.h"
#include "shell/Theme.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QToolButton>
#include <QVBoxLayout>

namespace confab::ui {

using core::SearchModel;

namespace {

constexpr int kPad = 8;

QString whereText(const QModelIndex& index)
{
    const QDateTime at = index.data(SearchModel::SentAtRole).toDateTime().toLocalTime();
    const QString when = at.date() == QDate::currentDate()
                             ? MessageDelegate::timeText(at.time())
                             : QLocale().toString(at.date(), QLocale::ShortFormat);
    return SearchPanel::tr("%1 · %2 · %3", "room · author · when")
        .arg(index.data(SearchModel::RoomNameRole).toString(),
             index.data(SearchModel::AuthorNameRole).toString(), when);
}

// Two lines a result: where it was said, then the snippet with the matched
// words in bold on the highlight colour.
class HitDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override
    {
        const QFontMetrics metrics(option.font);
        return {option.rect.width(), 2 * kPad + metrics.height() * 3 + 2};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        painting::drawBackground(painter, option);
        painter->save();
        const QRect r = option.rect.adjusted(kPad, kPad / 2, -kPad, -kPad / 2);
        QFont small = option.font;
        small.setPointSizeF(option.font.pointSizeF() * 0.88);
        const QFontMetrics smallMetrics(small);
        painter->setFont(small);
        painter->setPen(painting::mutedColour(option));
        painting::drawTextLine(painter, QRect(r.left(), r.top(), r.width(), smallMetrics.height()),
                               whereText(index));

        const QString snippet = index.data(SearchModel::SnippetRole).toString();
        QTextLayout layout(snippet, option.font);
        QTextOption wrap;
        wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(wrap);
        QList<QTextLayout::FormatRange> formats = painting::emojiFormats(snippet);
        for (const auto& [start, length] :
             index.data(SearchModel::HighlightsRole).value<QList<QPair<int, int>>>()) {
            QTextLayout::FormatRange range;
            range.start = start;
            range.length = length;
            range.format.setFontWeight(QFont::Bold);
            QColor back = option.palette.highlight().color();
            back.setAlpha(70);
            range.format.setBackground(back);
            formats.append(range);
        }
        layout.setFormats(formats);
        layout.beginLayout();
        qreal y = 0;
        const int maxHeight = r.height() - smallMetrics.height() - 2;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(r.width());
            if (y + line.height() > maxHeight) {
                break;
            }
            line.setPosition(QPointF(0, y));
            y += line.height();
        }
        layout.endLayout();
        painter->setPen(painting::textColour(option));
        layout.draw(painter, QPointF(r.left(), r.top() + smallMetrics.height() + 2));
        painter->restore();
    }
};

// Each result read out whole.
class SpokenHits : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::AccessibleTextRole && index.isValid()) {
            return whereText(index) + QStringLiteral(": ") +
                   index.data(SearchModel::SnippetRole).toString();
        }
        return QIdentityProxyModel::data(index, role);
    }
};

} // namespace

SearchPanel::SearchPanel(core::ChatClient& chat, QWidget* parent) : QWidget(parent), m_chat(chat)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 12, 8, 8);
    layout->setSpacing(6);
    auto* top = new QHBoxLayout;
    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(tr("Search messages"));
    m_query->setAccessibleName(tr("Search messages"));
    m_query->setClearButtonEnabled(true);
    m_query->installEventFilter(this);
    auto* closeButton = new QToolButton(this);
    closeButton->setText(QStringLiteral("✕"));
    closeButton->setAutoRaise(true);
    closeButton->setToolTip(tr("Close search (Esc)"));
    closeButton->setAccessibleName(tr("Close search"));
    top->addWidget(m_query, 1);
    top->addWidget(closeButton);
    layout->addLayout(top);
    m_allRooms = new QCheckBox(tr("In all rooms"), this);
    layout->addWidget(m_allRooms);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_status);

    SearchModel* model = m_chat.messageSearch();
    m_results = new QListView(this);
    auto* spoken = new SpokenHits(this);
    spoken->setSourceModel(model);
    m_results->setModel(spoken);
    m_results->setItemDelegate(new HitDelegate(m_results));
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->setUniformItemSizes(true);
    m_results->setAccessibleName(tr("Messages found"));
    m_results->installEventFilter(this);
    layout->addWidget(m_results, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &SearchPanel::search);
    connect(m_query, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        search();
    });
    connect(m_allRooms, &QCheckBox::toggled, this, &SearchPanel::search);
    connect(closeButton, &QToolButton::clicked, this, &SearchPanel::close);
    connect(m_results, &QListView::activated, this, &SearchPanel::choose);
    connect(m_results, &QListView::clicked, this, &SearchPanel::choose);
    connect(model, &SearchModel::searchingChanged, this, [this](bool searching) {
        if (searching) {
            m_status->setText(tr("Searching…"));
        }
    });
    connect(model, &SearchModel::searchFinished, this, [this, model] {
        LiveText::show(
            m_status, model->rowCount() == 0
                          ? tr("No messages found.")
                          : tr("%n message(s) found", nullptr, model->rowCount()) +
                                (model->canFetchMore({}) ? tr(", more as you scroll") : QString()));
    });
    connect(model, &SearchModel::searchFailed, this, [this](const core::Error& error) {
        LiveText::show(m_status, ErrorText::describe(error));
    });
}

void SearchPanel::setRoom(const QString& roomId)
{
    const bool changed = roomId != m_roomId;
    m_roomId = roomId;
    if (changed && isVisible() && !m_allRooms->isChecked()) {
        search();
    }
}

void SearchPanel::start()
{
    show();
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

void SearchPanel::search()
{
    const QString query = m_query->text().trimmed();
    if (query.isEmpty()) {
        m_chat.messageSearch()->clear();
        m_status->clear();
        return;
    }
    m_chat.messageSearch()->search(query, m_allRooms->isChecked() ? QString() : m_roomId);
}

void SearchPanel::choose(const QModelIndex& index)
{
    if (!index.isValid()) {
        return;
    }
    emit hitChosen(index.data(SearchModel::RoomIdRole).toString(),
                   index.data(SearchModel::MessageIdRole).toString(),
                   index.data(SearchModel::SeqRole).toULongLong());
}

void SearchPanel::close()
{
    hide();
    emit closed();
}

bool SearchPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape) {
            close();
            return true;
        }
        // Down from the query goes to the results.
        if (watched == m_query && key->key() == Qt::Key_Down &&
            m_results->model()->rowCount() > 0) {
            m_results->setFocus(Qt::TabFocusReason);
            if (!m_results->currentIndex().isValid()) {
                m_results->setCurrentIndex(m_results->model()->index(0, 0));
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace confab::ui

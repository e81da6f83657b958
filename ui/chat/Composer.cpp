#include "chat/Composer.h"

#include "models/MembersModel.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QCompleter>
#include <QIdentityProxyModel>
#include <QImage>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QTextBlock>

namespace confab::ui {

namespace {
constexpr int kMaxLines = 8;
}

namespace {

// Members as @ offers them: "Bob Marsh (@bob)", matched by username.
class MentionNames : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
            const QString name =
                QIdentityProxyModel::data(index, core::MembersModel::DisplayNameRole).toString();
            const QString username =
                QIdentityProxyModel::data(index, core::MembersModel::UsernameRole).toString();
            return name.isEmpty() || name == username
                       ? QStringLiteral("@") + username
                       : QStringLiteral("%1 (@%2)").arg(name, username);
        }
        return QIdentityProxyModel::data(index, role);
    }
};

} // namespace

Composer::Composer(QWidget* parent)
    : QPlainTextEdit(parent), m_completer(new QCompleter(this)), m_mentionNames(nullptr)
{
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setAccessibleName(tr("Message"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            [this] { fitHeight(); });
    fitHeight();

    m_mentionNames = new MentionNames(this);
    m_completer->setModel(m_mentionNames);
    m_completer->setCompletionRole(core::MembersModel::UsernameRole);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(this);
    m_completer->popup()->setAccessibleName(tr("Members to mention"));
    connect(m_completer, qOverload<const QModelIndex&>(&QCompleter::activated), this,
            [this](const QModelIndex& index) {
                insertMention(index.data(core::MembersModel::UsernameRole).toString());
            });
}

int Composer::heightFor(int lines) const
{
    const QMargins margins = contentsMargins();
    return lines * fontMetrics().lineSpacing() +
           static_cast<int>(2 * document()->documentMargin()) + margins.top() + margins.bottom() +
           2;
}

void Composer::fitHeight()
{
    // QPlainTextEdit's document size counts visual lines, wrapped ones too.
    const int lines = std::clamp(
        static_cast<int>(document()->documentLayout()->documentSize().height()), 1, kMaxLines);
    setFixedHeight(heightFor(lines));
}

QSize Composer::sizeHint() const
{
    return {QPlainTextEdit::sizeHint().width(), height()};
}

QSize Composer::minimumSizeHint() const
{
    return {100, heightFor(1)};
}

void Composer::setMentionModel(QAbstractItemModel* members)
{
    m_mentionNames->setSourceModel(members);
}

QString Composer::mentionPrefix() const
{
    QTextCursor cursor = textCursor();
    if (cursor.hasSelection()) {
        return {};
    }
    const QString block = cursor.block().text().left(cursor.positionInBlock());
    const qsizetype at = block.lastIndexOf(QLatin1Char('@'));
    if (at < 0 || (at > 0 && !block.at(at - 1).isSpace() && block.at(at - 1) != QLatin1Char('('))) {
        return {};
    }
    const QString word = block.mid(at + 1);
    for (const QChar c : word) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') ||
              c == QLatin1Char('-'))) {
            return {};
        }
    }
    return word.isNull() ? QStringLiteral("") : word;
}

void Composer::updateCompletion()
{
    const QString prefix = mentionPrefix();
    if (prefix.isNull() || !m_mentionNames->sourceModel()) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = cursorRect();
    rect.setWidth(std::max(220, m_completer->popup()->sizeHintForColumn(0) +
                                    m_completer->popup()->verticalScrollBar()->sizeHint().width()));
    m_completer->complete(rect);
    if (!m_completer->popup()->currentIndex().isValid()) {
        m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    }
}

void Composer::insertMention(const QString& username)
{
    const QString prefix = mentionPrefix();
    if (prefix.isNull()) {
        return;
    }
    QTextCursor cursor = textCursor();
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor,
                        static_cast<int>(prefix.size()) + 1);
    cursor.insertText(QStringLiteral("@") + username + QLatin1Char(' '));
    setTextCursor(cursor);
}

namespace {

// The local files `source` names, when it names only local files.
QStringList localFiles(const QMimeData* source)
{
    QStringList paths;
    if (!source->hasUrls()) {
        return paths;
    }
    for (const QUrl& url : source->urls()) {
        if (!url.isLocalFile()) {
            return {};
        }
        paths.append(url.toLocalFile());
    }
    return paths;
}

} // namespace

bool Composer::canInsertFromMimeData(const QMimeData* source) const
{
    return source->hasImage() || !localFiles(source).isEmpty() ||
           QPlainTextEdit::canInsertFromMimeData(source);
}

void Composer::insertFromMimeData(const QMimeData* source)
{
    if (const QStringList files = localFiles(source); !files.isEmpty()) {
        emit filesPasted(files);
        return;
    }
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (!image.isNull()) {
            emit imagePasted(image);
            return;
        }
    }
    QPlainTextEdit::insertFromMimeData(source);
}

void Composer::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    // The list of members is open: its keys are its own.
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
        case Qt::Key_Escape:
            event->ignore();
            return;
        default:
            break;
        }
    }
    if (enter && mods == Qt::NoModifier) {
        emit sendRequested();
        return;
    }
    if (enter && (mods & Qt::ShiftModifier)) {
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    if (event->key() == Qt::Key_Up && mods == Qt::NoModifier && document()->isEmpty()) {
        emit editLastRequested();
        return;
    }
    // Page Up/Down page through the timeline while writing.
    if ((event->key() == Qt::Key_PageUp || event->key() == Qt::Key_PageDown) &&
        mods == Qt::NoModifier) {
        emit pageRequested(event->key() == Qt::Key_PageUp ? -1 : 1);
        return;
    }
    if (event->key() == Qt::Key_Escape && mods == Qt::NoModifier) {
        emit cancelRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    updateCompletion();
}

} // namespace confab::ui

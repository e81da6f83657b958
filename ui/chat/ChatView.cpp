#include "chat/ChatView.h"

#include "chat/Attaching.h"
#include "chat/AttachmentTray.h"
#include "chat/ChatClient.h"
#include "chat/Composer.h"
#include "chat/EmojiPicker.h"
#include "chat/ImageViewer.h"
#include "chat/TimelineView.h"
#include "delegates/MessageDelegate.h"
#include "delegates/RichText.h"
#include "dialogs/ElidedLabel.h"
#include "dialogs/LiveText.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QShortcut>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace confab::ui {

using core::RoomsModel;
using core::TimelineModel;

ChatView::ChatView(core::ChatClient& chat, QWidget* parent) : QWidget(parent), m_chat(chat)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(buildHeader());
    buildTimeline(layout);
    layout->addWidget(buildComposer());
    connect(m_chat.rooms(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& first, const QModelIndex& last) {
                const int row = m_chat.rooms()->rowOf(m_roomId);
                if (row >= first.row() && row <= last.row()) {
                    updateHeader();
                }
            });
    connect(m_chat.rooms(), &QAbstractItemModel::modelReset, this, &ChatView::updateHeader);
    setRoom({});
}

// The room's name and topic, and its actions: invite, members, mute, leave.
QWidget* ChatView::buildHeader()
{
    auto* header = new QWidget(this);
    header->setObjectName(QStringLiteral("roomHeader"));
    auto* headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(16, 10, 10, 10);
    auto* titles = new QVBoxLayout;
    titles->setSpacing(0);
    m_title = new ElidedLabel(header);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setAccessibleDescription(tr("Room name"));
    m_subtitle = new ElidedLabel(header);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setAccessibleDescription(tr("Room topic"));
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    headerLayout->addLayout(titles, 1);

    m_inviteButton = new QToolButton(header);
    m_inviteButton->setText(tr("Invite…"));
    m_inviteButton->setAutoRaise(true);
    m_inviteButton->setToolTip(tr("Invite someone to this room"));
    connect(m_inviteButton, &QToolButton::clicked, this,
            [this] { emit inviteRequested(m_roomId); });
    m_membersButton = new QToolButton(header);
    m_membersButton->setText(tr("Members"));
    m_membersButton->setCheckable(true);
    m_membersButton->setAutoRaise(true);
    m_membersButton->setToolTip(tr("Show who is in this room"));
    connect(m_membersButton, &QToolButton::toggled, this, &ChatView::membersToggled);
    m_moreButton = new QToolButton(header);
    m_moreButton->setText(tr("More"));
    m_moreButton->setAutoRaise(true);
    m_moreButton->setPopupMode(QToolButton::InstantPopup);
    m_moreButton->setAccessibleName(tr("More room actions"));
    auto* more = new QMenu(m_moreButton);
    m_muteAction = more->addAction(tr("&Mute notifications"));
    m_muteAction->setCheckable(true);
    connect(m_muteAction, &QAction::toggled, this, [this](bool muted) {
        if (!m_roomId.isEmpty() && m_chat.rooms()->isMuted(m_roomId) != muted) {
            m_chat.setMuted(m_roomId, muted);
        }
    });
    more->addSeparator();
    more->addAction(tr("&Leave room…"), this, [this] { emit leaveRequested(m_roomId); });
    m_moreButton->setMenu(more);
    headerLayout->addWidget(m_inviteButton);
    headerLayout->addWidget(m_membersButton);
    headerLayout->addWidget(m_moreButton);
    return header;
}

void ChatView::buildTimeline(QVBoxLayout* layout)
{
    auto* line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    line->setForegroundRole(QPalette::Midlight);
    layout->addWidget(line);

    m_timeline = new TimelineView(this);
    layout->addWidget(m_timeline, 1);
    connect(m_timeline, &TimelineView::newestShown, this, [this] {
        if (window()->isActiveWindow()) {
            markSeen();
        }
    });
    connect(m_timeline, &TimelineView::messageMenuRequested, this, &ChatView::showMessageMenu);
    connect(m_timeline, &TimelineView::messageActionRequested, this, &ChatView::runMessageAction);
    connect(m_timeline, &TimelineView::reactionToggled, this, &ChatView::toggleReaction);
    connect(m_timeline, &TimelineView::linkActivated, this, &ChatView::openLink);
    connect(m_timeline, &TimelineView::attachmentActivated, this, &ChatView::openAttachment);
    m_timeline->messageDelegate()->setDownloads(m_chat.downloads());
    connect(m_chat.downloads(), &core::Downloads::changed, m_timeline->viewport(),
            qOverload<>(&QWidget::update));
}

// Under the timeline: who is typing, what a reply or an edit refers to, and
// the composer.
QWidget* ChatView::buildComposer()
{
    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(16, 0, 16, 12);
    bottomLayout->setSpacing(4);
    m_typing = new QLabel(bottom);
    m_typing->setForegroundRole(QPalette::PlaceholderText);
    QFont typingFont = m_typing->font();
    typingFont.setItalic(true);
    typingFont.setPointSizeF(typingFont.pointSizeF() * 0.9);
    m_typing->setFont(typingFont);
    m_typing->setFixedHeight(QFontMetrics(typingFont).height() + 4);
    LiveText::mark(m_typing, tr("Who is typing"));
    bottomLayout->addWidget(m_typing);

    m_contextBar = new QWidget(bottom);
    auto* contextLayout = new QHBoxLayout(m_contextBar);
    contextLayout->setContentsMargins(8, 4, 4, 4);
    m_contextText = new QLabel(m_contextBar);
    m_contextText->setTextFormat(Qt::PlainText);
    LiveText::mark(m_contextText, tr("Replying or editing"));
    auto* cancelButton = new QToolButton(m_contextBar);
    cancelButton->setText(tr("Cancel"));
    cancelButton->setAutoRaise(true);
    cancelButton->setToolTip(tr("Cancel (Esc)"));
    connect(cancelButton, &QToolButton::clicked, this, &ChatView::cancel);
    contextLayout->addWidget(m_contextText, 1);
    contextLayout->addWidget(cancelButton);
    m_contextBar->setAutoFillBackground(true);
    m_contextBar->setBackgroundRole(QPalette::AlternateBase);
    m_contextBar->hide();
    bottomLayout->addWidget(m_contextBar);

    m_tray = new AttachmentTray(bottom);
    bottomLayout->addWidget(m_tray);
    connect(m_tray, &AttachmentTray::changed, this, &ChatView::updateSendButton);

    auto* composerRow = new QHBoxLayout;
    composerRow->setSpacing(6);
    m_attachButton = new QToolButton(bottom);
    m_attachButton->setText(tr("Attach"));
    m_attachButton->setToolTip(tr("Attach pictures or files (Ctrl+U)"));
    m_attachButton->setAccessibleName(tr("Attach pictures or files"));
    m_attachButton->setEnabled(false);
    composerRow->addWidget(m_attachButton, 0, Qt::AlignBottom);
    connect(m_attachButton, &QToolButton::clicked, this, &ChatView::chooseFiles);
    auto* attachShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_U), this);
    attachShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(attachShortcut, &QShortcut::activated, this, &ChatView::chooseFiles);
    m_composer = new Composer(bottom);
    m_sendButton = new QToolButton(bottom);
    m_sendButton->setText(tr("Send"));
    m_sendButton->setToolTip(tr("Send (Enter)"));
    m_sendButton->setEnabled(false);
    composerRow->addWidget(m_composer, 1);
    composerRow->addWidget(m_sendButton, 0, Qt::AlignBottom);
    bottomLayout->addLayout(composerRow);
    connect(m_sendButton, &QToolButton::clicked, this, &ChatView::send);
    connect(m_composer, &Composer::sendRequested, this, &ChatView::send);
    connect(m_composer, &Composer::editLastRequested, this, &ChatView::editLast);
    connect(m_composer, &Composer::cancelRequested, this, &ChatView::cancel);
    connect(m_composer, &Composer::pageRequested, m_timeline, &TimelineView::scrollPage);
    connect(m_composer, &QPlainTextEdit::textChanged, this, &ChatView::onTextChanged);
    connect(m_composer, &Composer::imagePasted, this, &ChatView::attachImage);
    connect(m_composer, &Composer::filesPasted, this, &ChatView::attachFiles);
    setAcceptDrops(true);
    return bottom;
}

void ChatView::setRoom(const QString& roomId)
{
    if (roomId == m_roomId && !roomId.isEmpty()) {
        return;
    }
    if (!m_roomId.isEmpty()) {
        cancel();
        m_drafts.insert(m_roomId, m_composer->text());
        if (!m_tray->isEmpty()) {
            m_stagedFiles.insert(m_roomId, m_tray->files());
        }
        m_chat.stopTyping(m_roomId);
    }
    if (TimelineModel* old = m_timeline->timeline()) {
        disconnect(old, nullptr, this, nullptr);
    }
    m_roomId = roomId;
    m_settingText = true;
    m_composer->setPlainText(m_drafts.take(roomId));
    m_composer->moveCursor(QTextCursor::End);
    m_settingText = false;
    m_tray->setFiles(m_stagedFiles.take(roomId));
    m_attachButton->setEnabled(!roomId.isEmpty());
    if (roomId.isEmpty()) {
        m_timeline->setTimeline(nullptr);
        m_composer->setMentionModel(nullptr);
        updateHeader();
        updateTyping();
        return;
    }
    m_composer->setMentionModel(m_chat.members(roomId));
    TimelineModel* timeline = m_chat.timeline(roomId);
    m_timeline->setTimeline(timeline);
    connect(timeline, &TimelineModel::typingUsersChanged, this, &ChatView::updateTyping);
    updateHeader();
    updateTyping();
    m_composer->setFocus();
}

void ChatView::updateHeader()
{
    RoomsModel* rooms = m_chat.rooms();
    const int row = rooms->rowOf(m_roomId);
    if (row < 0) {
        m_title->clear();
        m_subtitle->clear();
        return;
    }
    const QModelIndex index = rooms->index(row);
    const bool direct = index.data(RoomsModel::DirectRole).toBool();
    m_title->setText(index.data(RoomsModel::NameRole).toString());
    const QString topic = index.data(RoomsModel::TopicRole).toString();
    if (direct) {
        m_subtitle->setText(tr("Direct message"));
    } else if (!topic.isEmpty()) {
        m_subtitle->setText(topic);
    } else {
        m_subtitle->setText(
            tr("%n member(s)", nullptr, index.data(RoomsModel::MemberCountRole).toInt()));
    }
    m_inviteButton->setVisible(!direct);
    m_timeline->messageDelegate()->setShowNames(!direct);
    const bool muted = index.data(RoomsModel::MutedRole).toBool();
    if (m_muteAction->isChecked() != muted) {
        m_muteAction->setChecked(muted);
    }
    m_composer->setPlaceholderText(direct ? tr("Message %1").arg(m_title->text())
                                          : tr("Message #%1").arg(m_title->text()));
}

void ChatView::updateTyping()
{
    TimelineModel* timeline = m_timeline->timeline();
    const QStringList names = timeline ? timeline->typingUsers() : QStringList();
    switch (names.size()) {
    case 0:
        m_typing->clear();
        break;
    case 1:
        LiveText::setText(m_typing, tr("%1 is typing…").arg(names.at(0)));
        break;
    case 2:
        LiveText::setText(m_typing, tr("%1 and %2 are typing…").arg(names.at(0), names.at(1)));
        break;
    default:
        LiveText::setText(m_typing, tr("Several people are typing…"));
        break;
    }
}

void ChatView::updateSendButton()
{
    m_sendButton->setText(m_editId.isEmpty() ? tr("Send") : tr("Save"));
    m_sendButton->setEnabled(!m_roomId.isEmpty() &&
                             (!m_composer->toPlainText().trimmed().isEmpty() ||
                              (m_editId.isEmpty() && !m_tray->isEmpty())));
}

void ChatView::onTextChanged()
{
    updateSendButton();
    if (m_settingText || m_roomId.isEmpty() || !m_editId.isEmpty()) {
        return;
    }
    if (m_composer->document()->isEmpty()) {
        m_chat.stopTyping(m_roomId);
    } else {
        m_chat.userTyping(m_roomId);
    }
}

void ChatView::setContext(const QString& text)
{
    m_contextText->setText(text);
    m_contextBar->setVisible(!text.isEmpty());
    LiveText::announce(m_contextText);
    updateSendButton();
}

void ChatView::startReply(const QModelIndex& index)
{
    const QString messageId = index.data(TimelineModel::IdRole).toString();
    if (messageId.isEmpty()) {
        return;
    }
    if (!m_editId.isEmpty()) {
        cancel();
    }
    m_replyTo = messageId;
    const QString preview = index.data(TimelineModel::TextRole).toString().simplified();
    setContext(tr("Replying to %1: %2")
                   .arg(index.data(TimelineModel::AuthorNameRole).toString(),
                        m_contextText->fontMetrics().elidedText(preview, Qt::ElideRight, 320)));
    m_composer->setFocus();
}

bool ChatView::startEdit(const QModelIndex& index)
{
    if (!index.data(TimelineModel::OwnRole).toBool() ||
        index.data(TimelineModel::DeletedRole).toBool()) {
        return false;
    }
    const auto state = TimelineModel::sendStateAt(index);
    if (state == TimelineModel::SendState::Pending) {
        return false;
    }
    if (m_editId.isEmpty()) {
        m_draftBeforeEdit = m_composer->text();
    }
    m_replyTo.clear();
    m_editingFailed = state == TimelineModel::SendState::Failed;
    m_editId = m_editingFailed ? index.data(TimelineModel::ClientMessageIdRole).toString()
                               : index.data(TimelineModel::IdRole).toString();
    setContext(m_editingFailed ? tr("Editing a message that was not sent")
                               : tr("Editing your message"));
    m_settingText = true;
    m_composer->setPlainText(index.data(TimelineModel::TextRole).toString());
    m_composer->moveCursor(QTextCursor::End);
    m_settingText = false;
    m_composer->setFocus();
    return true;
}

void ChatView::editLast()
{
    TimelineModel* timeline = m_timeline->timeline();
    if (!timeline) {
        return;
    }
    for (int row = timeline->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = timeline->index(row);
        if (TimelineModel::kindAt(index) == TimelineModel::Kind::Message && startEdit(index)) {
            return;
        }
    }
}

void ChatView::cancel()
{
    const bool wasEditing = !m_editId.isEmpty();
    m_replyTo.clear();
    m_editId.clear();
    m_editingFailed = false;
    setContext({});
    if (wasEditing) {
        m_settingText = true;
        m_composer->setPlainText(std::exchange(m_draftBeforeEdit, {}));
        m_composer->moveCursor(QTextCursor::End);
        m_settingText = false;
    }
}

void ChatView::send()
{
    const QString text = m_composer->text().trimmed();
    if (m_roomId.isEmpty()) {
        return;
    }
    if (!m_editId.isEmpty()) {
        if (text.isEmpty()) {
            return; // an empty edit is not a deletion; the menu has that
        }
        if (m_editingFailed) {
            m_chat.retryMessage(m_editId, text);
        } else {
            const int row = m_timeline->timeline()->rowOfMessage(m_editId);
            if (row < 0 || m_timeline->timeline()->index(row).data(TimelineModel::TextRole) !=
                               QVariant(text)) {
                m_chat.editMessage(m_editId, text);
            }
        }
        m_draftBeforeEdit.clear();
        m_editId.clear();
        m_editingFailed = false;
        setContext({});
        m_settingText = true;
        m_composer->clear();
        m_settingText = false;
        return;
    }
    if (text.isEmpty() && m_tray->isEmpty()) {
        return;
    }
    if (m_chat.sendMessage(m_roomId, text, m_replyTo, m_tray->files()).isEmpty()) {
        return; // a file could not be kept; the text and the files stay
    }
    m_tray->clear();
    m_replyTo.clear();
    setContext({});
    m_settingText = true;
    m_composer->clear();
    m_settingText = false;
    m_timeline->scrollToNewest();
}

void ChatView::markSeen()
{
    if (!m_roomId.isEmpty() && m_timeline->timeline() && m_timeline->timeline()->isLoaded() &&
        m_timeline->isAtBottom()) {
        m_chat.markRead(m_roomId);
    }
}

void ChatView::showMessageMenu(const QModelIndex& index, const QPoint& globalPos)
{
    const QList<TimelineView::MessageAction> actions = TimelineView::actionsFor(index);
    if (actions.isEmpty()) {
        return;
    }
    const QPersistentModelIndex row(index);
    // Popped up, not run: nothing waits inside this call, and the menu goes
    // with the view should the view go first.
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setAccessibleName(tr("Message actions"));
    for (TimelineView::MessageAction action : actions) {
        if (action == TimelineView::MessageAction::Copy) {
            menu->addSeparator();
        }
        if (action == TimelineView::MessageAction::Open) {
            // One entry per attachment, by name.
            const auto attachments =
                index.data(TimelineModel::AttachmentsRole).value<QList<core::Attachment>>();
            for (int i = 0; i < attachments.size(); ++i) {
                const core::Attachment& attachment = attachments[i];
                QString text = tr("Save %1…").arg(attachment.fileName);
                if (attachment.isPicture()) {
                    text = tr("View %1").arg(attachment.fileName);
                } else if (m_chat.downloads()->status(attachment.id).state ==
                           core::Downloads::State::Done) {
                    text = tr("Open %1").arg(attachment.fileName); // saved: a click opens it
                }
                menu->addAction(text, this, [this, row, i] { openAttachment(row, i); });
            }
            continue;
        }
        menu->addAction(TimelineView::actionText(action), this,
                        [this, row, action] { runMessageAction(row, action); });
    }
    menu->popup(globalPos);
}

void ChatView::revealMessage(const QString& messageId, quint64 seq)
{
    TimelineModel* timeline = m_roomId.isEmpty() ? nullptr : m_chat.timeline(m_roomId);
    if (!timeline) {
        return;
    }
    const auto show = [this, timeline, messageId] {
        if (m_timeline->timeline() != timeline || !m_timeline->showMessage(messageId)) {
            return;
        }
        m_timeline->setCurrentIndex(
            m_timeline->model()->index(timeline->rowOfMessage(messageId), 0));
        m_timeline->setFocus(Qt::OtherFocusReason);
    };
    if (timeline->rowOfMessage(messageId) >= 0) {
        show();
        return;
    }
    connect(
        timeline, &TimelineModel::revealed, this,
        [show](quint64, bool found) {
            if (found) {
                show();
            }
        },
        Qt::SingleShotConnection);
    timeline->reveal(seq);
}

void ChatView::openLink(const QUrl& url)
{
    if (!richtext::isOpenable(url)) {
        return;
    }
    // The whole address first: what a link says may not be where it goes.
    auto* question = new QMessageBox(QMessageBox::Question, tr("Open link"),
                                     tr("Open this address in your web browser?\n\n%1")
                                         .arg(url.toDisplayString(QUrl::FullyEncoded)),
                                     QMessageBox::Open | QMessageBox::Cancel, this);
    question->setAttribute(Qt::WA_DeleteOnClose);
    question->setObjectName(QStringLiteral("openLinkQuestion"));
    question->setDefaultButton(QMessageBox::Cancel);
    connect(question, &QMessageBox::finished, this, [url](int answer) {
        if (answer == QMessageBox::Open) {
            QDesktopServices::openUrl(url);
        }
    });
    question->open();
}

void ChatView::attachFiles(const QStringList& paths)
{
    if (m_roomId.isEmpty()) {
        return;
    }
    for (const QString& path : paths) {
        if (!QFileInfo(path).isFile()) {
            continue; // folders are not sent
        }
        if (!m_tray->add(attaching::fromPath(path))) {
            QMessageBox::information(
                this, tr("Attach"),
                tr("A message can carry %n files at most.", nullptr, AttachmentTray::kMaxFiles));
            break;
        }
    }
    m_composer->setFocus();
}

void ChatView::attachImage(const QImage& image)
{
    if (m_roomId.isEmpty() || image.isNull()) {
        return;
    }
    const QString name =
        tr("Pasted picture %1.png", "date and time")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH.mm.ss")));
    m_tray->add(attaching::fromImage(image, name));
}

void ChatView::chooseFiles()
{
    if (m_roomId.isEmpty()) {
        return;
    }
    auto* dialog = new QFileDialog(this, tr("Attach pictures or files"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("attachDialog"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setDirectory(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation));
    connect(dialog, &QFileDialog::filesSelected, this, &ChatView::attachFiles);
    dialog->open();
}

void ChatView::dragEnterEvent(QDragEnterEvent* event)
{
    const QMimeData* data = event->mimeData();
    bool files = data->hasUrls();
    for (const QUrl& url : data->urls()) {
        files = files && url.isLocalFile();
    }
    if (!m_roomId.isEmpty() && (files || data->hasImage())) {
        event->acceptProposedAction();
    }
}

void ChatView::dropEvent(QDropEvent* event)
{
    const QMimeData* data = event->mimeData();
    QStringList paths;
    for (const QUrl& url : data->urls()) {
        if (url.isLocalFile()) {
            paths.append(url.toLocalFile());
        }
    }
    if (!paths.isEmpty()) {
        attachFiles(paths);
    } else if (data->hasImage()) {
        attachImage(qvariant_cast<QImage>(data->imageData()));
    }
    event->acceptProposedAction();
}

void ChatView::openAttachment(const QModelIndex& index, int n)
{
    const auto attachments =
        index.data(TimelineModel::AttachmentsRole).value<QList<core::Attachment>>();
    if (n < 0 || n >= attachments.size() || attachments[n].id.isEmpty()) {
        return; // still on its way up
    }
    const core::Attachment& attachment = attachments[n];
    core::Downloads* downloads = m_chat.downloads();
    if (attachment.isPicture()) {
        auto* viewer = new ImageViewer(*downloads, attachment, this);
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        viewer->setObjectName(QStringLiteral("imageViewer"));
        connect(viewer, &ImageViewer::saveRequested, this, &ChatView::saveAttachment);
        viewer->open();
        return;
    }
    const core::Downloads::Status status = downloads->status(attachment.id);
    if (status.state == core::Downloads::State::Running) {
        downloads->cancel(attachment.id);
        return;
    }
    if (status.state == core::Downloads::State::Done && QFileInfo::exists(status.path)) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(status.path));
        return;
    }
    saveAttachment(attachment);
}

void ChatView::saveAttachment(const core::Attachment& attachment)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (folder.isEmpty()) {
        folder = QDir::homePath();
    }
    const QString suggested = QDir(folder).filePath(QFileInfo(attachment.fileName).fileName());
    const QString path = m_saveLocation
                             ? m_saveLocation(suggested)
                             : QFileDialog::getSaveFileName(this, tr("Save file"), suggested);
    if (!path.isEmpty()) {
        m_chat.downloads()->save(attachment, path);
    }
}

void ChatView::toggleReaction(const QModelIndex& index, const QString& emoji)
{
    if (!TimelineView::canReact(index)) {
        return;
    }
    const bool mine = index.data(TimelineModel::MyReactionsRole).toStringList().contains(emoji);
    m_chat.react(index.data(TimelineModel::IdRole).toString(), emoji, mine);
}

void ChatView::runMessageAction(const QModelIndex& index, TimelineView::MessageAction action)
{
    if (!index.isValid()) {
        return;
    }
    switch (action) {
    case TimelineView::MessageAction::Reply:
        startReply(index);
        break;
    case TimelineView::MessageAction::React: {
        auto* picker = new EmojiPicker(this);
        picker->setAttribute(Qt::WA_DeleteOnClose);
        const QPersistentModelIndex row(index);
        connect(picker, &EmojiPicker::chosen, this,
                [this, row](const QString& emoji) { toggleReaction(row, emoji); });
        picker->open();
        break;
    }
    case TimelineView::MessageAction::Edit:
        startEdit(index);
        break;
    case TimelineView::MessageAction::Delete: {
        const QString messageId = index.data(TimelineModel::IdRole).toString();
        auto* question = new QMessageBox(QMessageBox::Question, tr("Delete message"),
                                         tr("Delete this message for everyone in the room?"),
                                         QMessageBox::Yes | QMessageBox::Cancel, this);
        question->setAttribute(Qt::WA_DeleteOnClose);
        connect(question, &QMessageBox::finished, this, [this, messageId](int answer) {
            if (answer == QMessageBox::Yes) {
                m_chat.deleteMessage(messageId);
            }
        });
        question->open();
        break;
    }
    case TimelineView::MessageAction::Open:
        openAttachment(index, 0);
        break;
    case TimelineView::MessageAction::Retry:
        m_chat.retryMessage(index.data(TimelineModel::ClientMessageIdRole).toString());
        break;
    case TimelineView::MessageAction::Discard:
        m_chat.discardMessage(index.data(TimelineModel::ClientMessageIdRole).toString());
        break;
    case TimelineView::MessageAction::Copy:
        // As the reader sees it, without the markup.
        QApplication::clipboard()->setText(
            richtext::plainText(index.data(TimelineModel::TextRole).toString()));
        break;
    }
}

} // namespace confab::ui

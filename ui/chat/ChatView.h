#pragma once

#include "chat/TimelineView.h"

#include "chat/Outbox.h"

#include <QHash>
#include <QPersistentModelIndex>
#include <QWidget>

#include <functional>

class QLabel;
class QToolButton;
class QAction;

namespace confab::core {
class ChatClient;
}

class QVBoxLayout;

namespace confab::ui {

class AttachmentTray;
class Composer;

// One room on screen: its name and topic, the timeline, who is typing, and
// the composer with the message being replied to or edited. Keeps each
// room's unsent draft while the user looks at another.
class ChatView : public QWidget {
    Q_OBJECT

public:
    explicit ChatView(core::ChatClient& chat, QWidget* parent = nullptr);

    void setRoom(const QString& roomId);
    const QString& roomId() const { return m_roomId; }

    // Replying to a message / editing one of the user's (a row of the
    // timeline); cancel() ends either.
    void startReply(const QModelIndex& index);
    bool startEdit(const QModelIndex& index);
    void editLast();
    void cancel();
    void send();
    // Scrolls to a message of this room, loading older history until it is
    // in, and makes it glow; the keyboard goes to it.
    void revealMessage(const QString& messageId, quint64 seq);
    // Asks with the whole address shown, then opens a link in the browser.
    void openLink(const QUrl& url);
    // Adds the user's `emoji` to a message, or takes it back if it is theirs.
    void toggleReaction(const QModelIndex& index, const QString& emoji);
    // Files to go with the next message (chosen, dropped or pasted).
    void attachFiles(const QStringList& paths);
    void attachImage(const QImage& image);
    // Asks for files to attach (the Attach button, Ctrl+U).
    void chooseFiles();
    // Attachment `n` of a row: a picture opens in the viewer; a file is
    // saved where the user says (or, once saved, opened; while it is being
    // saved, the saving stops).
    void openAttachment(const QModelIndex& index, int n);
    // Saves an attachment where the user says.
    void saveAttachment(const core::Attachment& attachment);
    // Where "Save" puts a file: asked with a file dialog unless a test says.
    void setSaveLocationChooser(std::function<QString(const QString& suggested)> chooser)
    {
        m_saveLocation = std::move(chooser);
    }
    // The window gained focus: what is on screen has been seen.
    void markSeen();

    TimelineView* timelineView() const { return m_timeline; }
    Composer* composer() const { return m_composer; }
    QLabel* titleLabel() const { return m_title; }
    QLabel* topicLabel() const { return m_subtitle; }
    QLabel* typingLabel() const { return m_typing; }
    QLabel* contextLabel() const { return m_contextText; }
    QWidget* contextBar() const { return m_contextBar; }
    QToolButton* membersButton() const { return m_membersButton; }
    QToolButton* sendButton() const { return m_sendButton; }
    QToolButton* attachButton() const { return m_attachButton; }
    AttachmentTray* attachmentTray() const { return m_tray; }
    // The message being edited (its id, or a failed one's client id).
    const QString& editingId() const { return m_editId; }
    const QString& replyingTo() const { return m_replyTo; }

signals:
    void inviteRequested(const QString& roomId);
    void leaveRequested(const QString& roomId);
    void membersToggled(bool shown);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* buildHeader();
    void buildTimeline(QVBoxLayout* layout);
    QWidget* buildComposer();
    void updateHeader();
    void updateTyping();
    void showMessageMenu(const QModelIndex& index, const QPoint& globalPos);
    void runMessageAction(const QModelIndex& index, TimelineView::MessageAction action);
    void setContext(const QString& text);
    void onTextChanged();
    void updateSendButton();

    core::ChatClient& m_chat;
    QString m_roomId;
    QLabel* m_title;
    QLabel* m_subtitle;
    QToolButton* m_inviteButton;
    QToolButton* m_membersButton;
    QToolButton* m_moreButton;
    QAction* m_muteAction;
    TimelineView* m_timeline;
    QLabel* m_typing;
    QToolButton* m_sendButton;
    QToolButton* m_attachButton;
    AttachmentTray* m_tray;
    QHash<QString, QList<core::OutgoingFile>> m_stagedFiles;
    std::function<QString(const QString&)> m_saveLocation;
    QWidget* m_contextBar;
    QLabel* m_contextText;
    Composer* m_composer;
    QHash<QString, QString> m_drafts;
    QString m_replyTo;
    QString m_editId; // message id, or client id of a failed message
    bool m_editingFailed = false;
    QString m_draftBeforeEdit;
    bool m_settingText = false;
};

} // namespace confab::ui

#pragma once

#include "chat/ChatClient.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QPushButton;
class QTimer;

namespace confab::ui {

// A new room: name, topic, and whether anyone on the server may find it.
class CreateRoomDialog : public QDialog {
    Q_OBJECT

public:
    explicit CreateRoomDialog(core::ChatClient& chat, QWidget* parent = nullptr);

    // The room made, once the dialog is accepted.
    const QString& createdRoomId() const { return m_createdRoomId; }

    QLineEdit* nameField() const { return m_name; }
    QLineEdit* topicField() const { return m_topic; }
    QCheckBox* publicBox() const { return m_public; }
    QPushButton* createButton() const { return m_create; }
    QLabel* errorLabel() const { return m_error; }
    QLabel* nameError() const { return m_nameError; }
    QLabel* topicError() const { return m_topicError; }

private:
    void submit();
    void setBusy(bool busy);
    void showError(const core::Error& error);
    void updateButton();

    core::ChatClient& m_chat;
    QLineEdit* m_name;
    QLabel* m_nameError;
    QLineEdit* m_topic;
    QLabel* m_topicError;
    QCheckBox* m_public;
    QLabel* m_error;
    QPushButton* m_create;
    bool m_busy = false;
    QString m_createdRoomId;
};

// "Join a room": the server's public rooms, searched by name.
class DirectoryDialog : public QDialog {
    Q_OBJECT

public:
    explicit DirectoryDialog(core::ChatClient& chat, QWidget* parent = nullptr);

    // The room joined (or opened, when the user was in it already).
    const QString& joinedRoomId() const { return m_joinedRoomId; }

    QLineEdit* searchField() const { return m_search; }
    QListView* view() const { return m_view; }
    QPushButton* joinButton() const { return m_join; }
    QLabel* statusLabel() const { return m_status; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void search();
    void join(const QModelIndex& index);
    void updateButton();
    void showResults();

    core::ChatClient& m_chat;
    QLineEdit* m_search;
    QTimer* m_searchTimer;
    QListView* m_view;
    QLabel* m_status;
    QPushButton* m_join;
    bool m_searchedOnce = false;
    QString m_joiningRoomId;
    QString m_joinedRoomId;
};

// Finds a person to start a direct conversation with, or to invite to a room.
class UserPickerDialog : public QDialog {
    Q_OBJECT

public:
    enum class Purpose { DirectMessage, Invite };

    // `roomId` is the room to invite to (Invite only).
    UserPickerDialog(core::ChatClient& chat, Purpose purpose, const QString& roomId = {},
                     QWidget* parent = nullptr);

    Purpose purpose() const { return m_purpose; }
    // The direct room opened (DirectMessage, once accepted), or the room
    // invited to.
    const QString& roomId() const { return m_roomId; }

    QLineEdit* searchField() const { return m_search; }
    QListView* view() const { return m_view; }
    QPushButton* actionButton() const { return m_action; }
    QLabel* statusLabel() const { return m_status; }

private:
    void search();
    void act(const QModelIndex& index);
    void setBusy(bool busy);
    void updateButton();
    void showResults();
    void selectFirst();

    core::ChatClient& m_chat;
    Purpose m_purpose;
    QString m_roomId;
    QLineEdit* m_search;
    QTimer* m_searchTimer;
    QListView* m_view;
    QLabel* m_status;
    QPushButton* m_action;
    QString m_pendingUsername;
    QString m_pendingName;
};

} // namespace confab::ui

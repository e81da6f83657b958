#pragma once

#include "chat/ChatClient.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QPushButton;
class QTimer;

namespace confab::ui {

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

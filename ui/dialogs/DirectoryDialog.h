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

} // namespace confab::ui

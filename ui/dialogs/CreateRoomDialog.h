#pragma once

#include "chat/ChatClient.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

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

} // namespace confab::ui

#pragma once

#include "account/Account.h"
#include "account/Session.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace confab::ui {

// Everything about the user's own account: profile and avatar, password,
// signed-in devices, deletion.
class ProfileDialog : public QDialog {
    Q_OBJECT

public:
    ProfileDialog(core::Session& session, core::Account& account, QWidget* parent = nullptr);

    // Uses this picture as the new avatar (what "Choose picture…" does after
    // the file dialog).
    void setAvatarImage(const QImage& image);

    QLineEdit* displayNameField() const { return m_displayName; }
    QLineEdit* statusField() const { return m_status; }
    QPlainTextEdit* bioField() const { return m_bio; }
    QPushButton* saveButton() const { return m_save; }
    QLabel* profileMessage() const { return m_profileMessage; }
    QTabWidget* tabs() const { return m_tabs; }
    QListView* devicesView() const { return m_devices; }

private:
    QWidget* profilePage();
    QWidget* passwordPage();
    QWidget* devicesPage();
    QWidget* deletePage();
    void loadFromSession();
    void save();
    void chooseAvatar();
    void showAvatar();

    core::Session& m_session;
    core::Account& m_account;
    QTabWidget* m_tabs;
    QLabel* m_avatar;
    std::optional<QByteArray> m_newAvatar;
    QLineEdit* m_displayName;
    QLineEdit* m_status;
    QPlainTextEdit* m_bio;
    QPushButton* m_save;
    QLabel* m_profileMessage;
    QLineEdit* m_oldPassword;
    QLineEdit* m_newPassword;
    QLineEdit* m_repeatPassword;
    QLabel* m_passwordMessage;
    QListView* m_devices;
    QLabel* m_devicesMessage;
    QLineEdit* m_deletePassword;
    QLabel* m_deleteMessage;
};

} // namespace confab::ui

#pragma once

#include "account/Client.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTabBar;

class QVBoxLayout;

namespace confab::ui {

// The first window: where to connect (this computer, or a server), then
// sign in or create an account.
class SignInWindow : public QWidget {
    Q_OBJECT

public:
    explicit SignInWindow(core::Client& client, QWidget* parent = nullptr);

    // Connects as the settings say and signs the last account in, if the
    // keychain still holds its token.
    void start();
    // Back to an empty "Sign in" tab (after signing out).
    void clearForm();

    // For tests: the controls by role.
    QLineEdit* usernameField() const { return m_username; }
    QLineEdit* passwordField() const { return m_password; }
    QLineEdit* displayNameField() const { return m_displayName; }
    QLineEdit* confirmField() const { return m_confirm; }
    QPushButton* submitButton() const { return m_submit; }
    QLabel* errorLabel() const { return m_error; }
    QLabel* fieldError(const QString& field) const;
    QTabBar* modeTabs() const { return m_mode; }
    QLabel* serverStatus() const { return m_serverStatus; }
    QRadioButton* localChoice() const { return m_local; }
    QRadioButton* remoteChoice() const { return m_remote; }
    QLineEdit* addressField() const { return m_address; }
    QPushButton* connectButton() const { return m_connect; }
    QCheckBox* insecureBox() const { return m_insecure; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildTitle(QVBoxLayout* layout);
    void buildServerChoice(QVBoxLayout* layout);
    void buildForm(QVBoxLayout* layout);
    void loadSettings();
    void connectSignals();
    QString formServer() const;
    bool formShowsConnectedServer() const;
    void serverChoiceChanged();
    void updateSubmit();
    void connectToServer();
    void submit();
    void setBusy(bool busy, const QString& text = {});
    void clearErrors();
    QLineEdit* fieldOf(const QString& field) const;
    // Moves the focus to `field` and selects its text.
    void focusField(QLineEdit* field);
    void showError(const core::Error& error);
    void updateMode();
    void onClientState(core::Client::State state);
    void onSessionCreated(core::Session* session);

    core::Client& m_client;
    QRadioButton* m_local;
    QRadioButton* m_remote;
    QLineEdit* m_address;
    QCheckBox* m_insecure;
    QPushButton* m_caButton;
    QString m_caFile;
    QPushButton* m_connect;
    QLabel* m_serverStatus;
    QTabBar* m_mode;
    QLineEdit* m_username;
    QLabel* m_usernameError;
    QLabel* m_displayNameLabel;
    QLineEdit* m_displayName;
    QLabel* m_displayNameError;
    QLineEdit* m_password;
    QLabel* m_passwordError;
    QLabel* m_confirmLabel;
    QLineEdit* m_confirm;
    QLabel* m_confirmError;
    QCheckBox* m_remember;
    QLabel* m_error;
    QPushButton* m_submit;
    bool m_restoring = false;
    bool m_busy = false;
    // Where the focus was when the form went busy; it returns there after.
    QPointer<QWidget> m_focusBeforeBusy;
    // formServer() when Connect was last pressed (or the app started).
    QString m_connectedServer;
};

} // namespace confab::ui

#pragma once

#include "account/Client.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace confab::ui {

class MainWindow;
class SignInWindow;

// Which window shows when: sign-in until an account is signed in, then the
// main window showing it, and back when the account leaves the registry.
class AppController : public QObject {
    Q_OBJECT

public:
    explicit AppController(core::Client& client, QObject* parent = nullptr);
    ~AppController() override;

    void start();

    SignInWindow* signInWindow() const { return m_signIn.get(); }
    MainWindow* mainWindow() const { return m_main.get(); }

private:
    void showMain(core::AccountContext& account);
    void showSignIn(const QString& message = {});

    core::Client& m_client;
    std::unique_ptr<SignInWindow> m_signIn;
    std::unique_ptr<MainWindow> m_main;
    // The delay of the local server's next restart, as last announced.
    int m_localRestartSeconds = 0;
};

} // namespace confab::ui

#include "shell/AppController.h"

#include "shell/MainWindow.h"
#include "shell/SignInWindow.h"

#include <QLabel>
#include <QTimer>

namespace confab::ui {

AppController::AppController(core::Client& client, QObject* parent)
    : QObject(parent), m_client(client), m_signIn(std::make_unique<SignInWindow>(client))
{
    connect(&m_client, &core::Client::sessionCreated, this, [this](core::Session* session) {
        // A new connection (a restarted local server, another server): the
        // main window belonged to the old session; the keychain may sign
        // the account in again at once.
        if (m_main) {
            showSignIn();
        }
        connect(session, &core::Session::stateChanged, this, [this](core::Session::State state) {
            if (state == core::Session::State::SignedIn && !m_main) {
                showMain();
            } else if (state == core::Session::State::SignedOut && m_main) {
                showSignIn();
            }
        });
        connect(session, &core::Session::sessionEnded, this, [this] {
            showSignIn(tr("You were signed out: this session was ended on the server "
                          "(from another device, or after a password change)."));
        });
    });
    connect(&m_client, &core::Client::sessionEnding, this, [this] {
        if (m_main) {
            m_main->stopChat();
        }
    });
    connect(&m_client, &core::Client::stateChanged, this, [this](core::Client::State state) {
        if (!m_main) {
            return;
        }
        if (state == core::Client::State::Failed) {
            m_main->noticeLabel()->setText(
                m_client.isRestartingLocalServer()
                    ? tr("The local server stopped (%1). Starting it again…")
                          .arg(m_client.errorString())
                    : tr("The connection to the server failed: %1 Open Confab → Settings to "
                         "restart it.")
                          .arg(m_client.errorString()));
            m_main->noticeLabel()->show();
        }
    });
    connect(&m_client, &core::Client::localServerRecovered, this, [this] {
        if (m_main) {
            const QString notice = m_client.session() ? m_client.session()->notice() : QString();
            m_main->noticeLabel()->setText(notice);
            m_main->noticeLabel()->setVisible(!notice.isEmpty());
        }
    });
}

AppController::~AppController() = default;

void AppController::start()
{
    m_signIn->show();
    m_signIn->start();
}

void AppController::showMain()
{
    m_main = std::make_unique<MainWindow>(m_client);
    connect(m_main.get(), &MainWindow::signOutRequested, this, [this](bool allDevices) {
        if (core::Session* session = m_client.session()) {
            session->logout(allDevices);
        }
    });
    m_main->show();
    m_signIn->hide();
}

void AppController::showSignIn(const QString& message)
{
    if (m_main) {
        m_main->close();
        // Not deleted here: this may run inside one of its own slots.
        m_main.release()->deleteLater();
    }
    m_signIn->errorLabel()->setText(message);
    m_signIn->errorLabel()->setVisible(!message.isEmpty());
    m_signIn->show();
}

} // namespace confab::ui

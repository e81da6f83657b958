#include "shell/AppController.h"

#include "account/AccountContext.h"
#include "dialogs/LiveText.h"
#include "shell/MainWindow.h"
#include "shell/SignInWindow.h"

#include <QLabel>
#include <QTimer>

namespace confab::ui {

AppController::AppController(core::Client& client, QObject* parent)
    : QObject(parent), m_client(client), m_signIn(std::make_unique<SignInWindow>(client))
{
    core::AccountRegistry& accounts = m_client.accounts();
    connect(&accounts, &core::AccountRegistry::accountAdded, this,
            [this](core::AccountContext* account) {
                if (!m_main) {
                    showMain(*account);
                }
            });
    connect(&accounts, &core::AccountRegistry::accountAboutToBeRemoved, this,
            [this](core::AccountContext* account) {
                if (m_main && m_main->accountContext() == account) {
                    showSignIn();
                }
            });
    connect(&m_client, &core::Client::sessionCreated, this, [this](core::Session* session) {
        connect(session, &core::Session::sessionEnded, this, [this] {
            showSignIn(tr("You were signed out: this session was ended on the server "
                          "(from another device, or after a password change)."));
        });
    });
    connect(&m_client, &core::Client::localServerRestarting, this,
            [this](int seconds) { m_localRestartSeconds = seconds; });
    connect(&m_client, &core::Client::stateChanged, this, [this](core::Client::State state) {
        if (!m_main) {
            return;
        }
        if (state == core::Client::State::Failed) {
            // The server's own words (its log) are in Settings; the notice
            // says what is going on.
            LiveText::show(
                m_main->noticeLabel(),
                m_client.isRestartingLocalServer()
                    ? (m_localRestartSeconds == 0
                           ? tr("The server on this computer stopped. Starting it again…")
                           : tr("The server on this computer did not start. Starting it again "
                                "in %1 s; its log is in Confab → Settings.")
                                 .arg(m_localRestartSeconds))
                    : tr("The connection to the server failed: %1 Open Confab → Settings to "
                         "restart it.")
                          .arg(m_client.errorString()));
        }
    });
    connect(&m_client, &core::Client::localServerRecovered, this, [this] {
        if (m_main) {
            const QString notice = m_client.session() ? m_client.session()->notice() : QString();
            LiveText::show(m_main->noticeLabel(), notice);
        }
    });
}

AppController::~AppController() = default;

void AppController::start()
{
    m_signIn->show();
    m_signIn->start();
}

void AppController::showMain(core::AccountContext& account)
{
    m_main = std::make_unique<MainWindow>(m_client, account);
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
        m_main->closeForGood();
        // Not deleted here: this may run inside one of its own slots.
        m_main.release()->deleteLater();
    }
    m_signIn->clearForm();
    m_signIn->errorLabel()->setText(message);
    m_signIn->errorLabel()->setVisible(!message.isEmpty());
    m_signIn->show();
}

} // namespace confab::ui

#include "shell/SignInWindow.h"

#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"
#include "dialogs/TabListAccessible.h"
#include "shell/StartupTrace.h"

#include <QAccessibleWidget>
#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTabBar>
#include <QTimer>
#include <QVBoxLayout>

namespace confab::ui {

namespace {

// A top-level QWidget is a "filler" to screen readers; this one is a window.
QAccessibleInterface* signInWindowFactory(const QString& className, QObject* object)
{
    if (className == QLatin1String("confab::ui::SignInWindow")) {
        return new QAccessibleWidget(static_cast<QWidget*>(object), QAccessible::Window);
    }
    return nullptr;
}

} // namespace

namespace {} // namespace

SignInWindow::SignInWindow(core::Client& client, QWidget* parent)
    : QWidget(parent), m_client(client)
{
    static const bool factoryInstalled = [] {
        QAccessible::installFactory(&signInWindowFactory);
        return true;
    }();
    Q_UNUSED(factoryInstalled);
    setWindowTitle(tr("Sign in to Confab"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(12);
    buildTitle(layout);
    buildServerChoice(layout);
    buildForm(layout);
    loadSettings();
    connectSignals();
    updateMode();
    resize(460, 640);
}

void SignInWindow::buildTitle(QVBoxLayout* layout)
{
    auto* title = new QLabel(tr("Confab"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
}

// Where to sign in: this computer's server, or another one by address (with
// its TLS choices and a line that says how connecting goes).
void SignInWindow::buildServerChoice(QVBoxLayout* layout)
{
    auto* serverBox = new QGroupBox(tr("Server"), this);
    auto* serverLayout = new QVBoxLayout(serverBox);
    m_local = new QRadioButton(tr("&This computer"), serverBox);
    m_local->setAccessibleName(tr("Use a server on this computer"));
    m_remote = new QRadioButton(tr("&Another server"), serverBox);
    m_remote->setAccessibleName(tr("Use another server"));
    auto* addressRow = new QHBoxLayout;
    m_address = new QLineEdit(serverBox);
    m_address->setPlaceholderText(tr("chat.example.org:40052"));
    m_address->setAccessibleName(tr("Server address"));
    m_connect = new QPushButton(tr("C&onnect"), serverBox);
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(m_connect);
    m_insecure =
        new QCheckBox(tr("Unencrypted connection (only on a network you trust)"), serverBox);
    m_caButton = new QPushButton(serverBox);
    m_caButton->setAccessibleName(tr("Certificate authority to trust"));
    m_serverStatus = new QLabel(serverBox);
    m_serverStatus->setWordWrap(true);
    LiveText::mark(m_serverStatus, tr("Server status"));
    serverLayout->addWidget(m_local);
    serverLayout->addWidget(m_remote);
    serverLayout->addLayout(addressRow);
    serverLayout->addWidget(m_insecure);
    serverLayout->addWidget(m_caButton, 0, Qt::AlignLeft);
    serverLayout->addWidget(m_serverStatus);
    layout->addWidget(serverBox);
}

// Sign in or create an account: the fields with their errors, "remember me",
// the form's error line and the button.
void SignInWindow::buildForm(QVBoxLayout* layout)
{
    TabListAccessible::install();
    m_mode = new QTabBar(this);
    m_mode->addTab(tr("Sign in"));
    m_mode->addTab(tr("Create account"));
    m_mode->setAccessibleName(tr("Sign in or create an account"));
    m_mode->setExpanding(true);
    layout->addWidget(m_mode);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    ErrorText::addField(this, form, tr("&Username"), tr("Username"), m_username, m_usernameError);
    m_displayNameLabel = ErrorText::addField(this, form, tr("&Display name"), tr("Display name"),
                                             m_displayName, m_displayNameError);
    ErrorText::addField(this, form, tr("&Password"), tr("Password"), m_password, m_passwordError);
    m_confirmLabel = ErrorText::addField(this, form, tr("&Repeat password"), tr("Repeat password"),
                                         m_confirm, m_confirmError);
    m_password->setEchoMode(QLineEdit::Password);
    m_confirm->setEchoMode(QLineEdit::Password);
    m_displayName->setPlaceholderText(tr("How others see you (optional)"));
    layout->addLayout(form);

    m_remember = new QCheckBox(tr("R&emember me on this computer"), this);
    m_remember->setChecked(m_client.settings().remember());
    layout->addWidget(m_remember);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    LiveText::mark(m_error, tr("Error"));
    ErrorText::styleAsError(m_error);
    m_error->hide();
    layout->addWidget(m_error);

    m_submit = new QPushButton(tr("Sign in"), this);
    m_submit->setDefault(true);
    m_submit->setAutoDefault(true);
    // Enabled once a server is ready (updateSubmit()).
    m_submit->setEnabled(false);
    layout->addWidget(m_submit);
    layout->addStretch();
}

// The server chosen last time, and its TLS choices.
void SignInWindow::loadSettings()
{
    const bool remote = m_client.settings().serverMode() == QLatin1String("remote");
    m_remote->setChecked(remote);
    m_local->setChecked(!remote);
    m_address->setText(m_client.settings().remoteAddress());
    m_insecure->setChecked(m_client.settings().insecure());
    m_caFile = m_client.settings().caFile();
    const auto showCa = [this] {
        m_caButton->setText(
            m_caFile.isEmpty()
                ? tr("Trust a certificate &authority…")
                : tr("&Authority: %1 (click to clear)").arg(QFileInfo(m_caFile).fileName()));
    };
    showCa();
    connect(m_caButton, &QPushButton::clicked, this, [this, showCa] {
        if (!m_caFile.isEmpty()) {
            m_caFile.clear();
            showCa();
            serverChoiceChanged();
            return;
        }
        auto* chooser = new QFileDialog(this, tr("Certificate authority of your server"), {},
                                        tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        chooser->setFileMode(QFileDialog::ExistingFile);
        chooser->setAttribute(Qt::WA_DeleteOnClose);
        connect(chooser, &QFileDialog::fileSelected, this, [this, showCa](const QString& file) {
            m_caFile = file;
            showCa();
            serverChoiceChanged();
        });
        chooser->open();
    });
}

void SignInWindow::connectSignals()
{
    connect(m_mode, &QTabBar::currentChanged, this, [this] { updateMode(); });
    connect(m_submit, &QPushButton::clicked, this, &SignInWindow::submit);
    for (QLineEdit* field : {m_username, m_displayName, m_password, m_confirm}) {
        connect(field, &QLineEdit::returnPressed, this, &SignInWindow::submit);
    }
    connect(m_local, &QRadioButton::toggled, this, [this](bool on) {
        if (on) {
            connectToServer();
        }
        updateMode();
    });
    connect(m_remote, &QRadioButton::toggled, this, [this] {
        updateMode();
        serverChoiceChanged();
    });
    connect(m_address, &QLineEdit::textChanged, this, &SignInWindow::serverChoiceChanged);
    connect(m_insecure, &QCheckBox::toggled, this, &SignInWindow::serverChoiceChanged);
    connect(m_connect, &QPushButton::clicked, this, &SignInWindow::connectToServer);
    connect(m_address, &QLineEdit::returnPressed, this, &SignInWindow::connectToServer);
    connect(&m_client, &core::Client::stateChanged, this, &SignInWindow::onClientState);
    connect(&m_client, &core::Client::sessionCreated, this, &SignInWindow::onSessionCreated);
    connect(&m_client, &core::Client::certificateNeedsApproval, this,
            [this](const QString& fingerprint, const QString& subject) {
                auto* question = new QMessageBox(
                    QMessageBox::Question, tr("Trust this server?"),
                    tr("The server presents a certificate that this computer does not "
                       "trust:\n\n%1\n\nSHA-256 fingerprint:\n%2\n\nCompare the fingerprint with "
                       "the one your server's administrator gave you. Trust it from now on?")
                        .arg(subject, fingerprint),
                    QMessageBox::Yes | QMessageBox::No, this);
                question->setAttribute(Qt::WA_DeleteOnClose);
                connect(question, &QMessageBox::finished, this, [this](int answer) {
                    if (answer == QMessageBox::Yes) {
                        m_client.acceptCertificate();
                    } else {
                        LiveText::setText(m_serverStatus,
                                          tr("Not connected: the certificate was not trusted."));
                    }
                });
                question->open();
            });
}

void SignInWindow::start()
{
    m_username->setFocus(Qt::OtherFocusReason);
    connectToServer();
}

void SignInWindow::clearForm()
{
    for (QLineEdit* field : {m_username, m_displayName, m_password, m_confirm}) {
        field->clear();
    }
    m_mode->setCurrentIndex(0);
    updateMode();
    m_username->setFocus();
}

QLabel* SignInWindow::fieldError(const QString& field) const
{
    const QLineEdit* edit = fieldOf(field);
    return edit == m_username      ? m_usernameError
           : edit == m_password    ? m_passwordError
           : edit == m_displayName ? m_displayNameError
           : edit == m_confirm     ? m_confirmError
                                   : nullptr;
}

void SignInWindow::updateMode()
{
    const bool creating = m_mode->currentIndex() == 1;
    m_displayNameLabel->setVisible(creating);
    m_displayName->setVisible(creating);
    m_confirmLabel->setVisible(creating);
    m_confirm->setVisible(creating);
    m_submit->setText(creating ? tr("Create account") : tr("Sign in"));
    const bool remote = m_remote->isChecked();
    m_address->setEnabled(remote);
    m_connect->setEnabled(remote);
    m_insecure->setEnabled(remote);
    m_caButton->setEnabled(remote);
    clearErrors();
}

// The server the form shows, with the way to reach it.
QString SignInWindow::formServer() const
{
    if (!m_remote->isChecked()) {
        return QStringLiteral("local");
    }
    return m_address->text().trimmed() + QLatin1Char('|') +
           (m_insecure->isChecked() ? QStringLiteral("plain") : QStringLiteral("tls")) +
           QLatin1Char('|') + m_caFile;
}

// Signing in goes to the server the app is connected to; that must be the
// one the form shows, or the account would be made or looked for elsewhere.
bool SignInWindow::formShowsConnectedServer() const
{
    return formServer() == m_connectedServer;
}

void SignInWindow::serverChoiceChanged()
{
    updateSubmit();
    if (!formShowsConnectedServer()) {
        LiveText::setText(m_serverStatus, tr("Not connected to this server yet: press Connect."));
    }
}

void SignInWindow::connectToServer()
{
    clearErrors();
    m_connectedServer = formServer();
    if (m_remote->isChecked()) {
        m_client.useRemote(m_address->text(), m_insecure->isChecked(), m_caFile);
    } else {
        m_client.useLocal();
    }
}

void SignInWindow::onClientState(core::Client::State state)
{
    switch (state) {
    case core::Client::State::Idle:
        break;
    case core::Client::State::Connecting:
        LiveText::setText(m_serverStatus, m_local->isChecked()
                                              ? tr("Starting the server on this computer…")
                                              : tr("Connecting…"));
        setBusy(true);
        break;
    case core::Client::State::Ready:
        LiveText::setText(m_serverStatus, m_local->isChecked()
                                              ? tr("The server on this computer is running.")
                                              : tr("Connected to %1.").arg(m_client.serverKey()));
        setBusy(false);
        // Restoring may fail before restoreLastAccount() returns (no keychain
        // at all answers at once): the failure must be seen as a restore's.
        m_restoring = true;
        if (m_client.restoreLastAccount()) {
            setBusy(true, tr("Signing you in…"));
        } else {
            m_restoring = false;
        }
        break;
    case core::Client::State::Failed:
        LiveText::setText(m_serverStatus, tr("Not connected: %1").arg(m_client.errorString()));
        setBusy(false);
        break;
    }
}

void SignInWindow::onSessionCreated(core::Session* session)
{
    connect(session, &core::Session::signInFailed, this, [this](const core::Error& error) {
        setBusy(false);
        if (m_restoring) {
            // The remembered sign-in is gone: the form is there, nothing to
            // report unless the keychain itself failed.
            m_restoring = false;
            const QString notice = m_client.session() ? m_client.session()->notice() : QString();
            ErrorText::show(m_error, notice);
            return;
        }
        showError(error);
    });
    connect(session, &core::Session::stateChanged, this, [this](core::Session::State state) {
        if (state != core::Session::State::SigningIn) {
            // A failed restore is told by signInFailed, which comes after
            // this: it needs to know it was a restore.
            if (state == core::Session::State::SignedIn) {
                m_restoring = false;
            }
            setBusy(false);
        }
        if (state == core::Session::State::SignedIn) {
            m_password->clear();
            m_confirm->clear();
        }
    });
}

// Submitting takes a connected server that is the one the form shows, and
// nothing else under way.
void SignInWindow::updateSubmit()
{
    m_submit->setEnabled(!m_busy && m_client.state() == core::Client::State::Ready &&
                         formShowsConnectedServer());
    if (m_submit->isEnabled() && isVisible()) {
        StartupTrace::signInUsable();
    }
}

void SignInWindow::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    StartupTrace::signInShown();
    updateSubmit();
}

void SignInWindow::setBusy(bool busy, const QString& text)
{
    if (busy && !m_busy) {
        m_focusBeforeBusy = focusWidget();
    }
    for (QWidget* widget :
         std::initializer_list<QWidget*>{m_username, m_displayName, m_password, m_confirm,
                                         m_remember, m_mode, m_local, m_remote}) {
        widget->setEnabled(!busy);
    }
    m_busy = busy;
    updateSubmit();
    const bool creating = m_mode->currentIndex() == 1;
    m_submit->setText(busy && !text.isEmpty() ? text
                      : creating              ? tr("Create account")
                                              : tr("Sign in"));
    if (!busy) {
        m_address->setEnabled(m_remote->isChecked());
        // Disabling moved the focus away; it goes back where the user was.
        if (m_focusBeforeBusy && m_focusBeforeBusy->isEnabled() &&
            focusWidget() != m_focusBeforeBusy) {
            m_focusBeforeBusy->setFocus(Qt::OtherFocusReason);
        }
        m_focusBeforeBusy = nullptr;
    }
}

void SignInWindow::clearErrors()
{
    for (QLabel* label :
         {m_usernameError, m_displayNameError, m_passwordError, m_confirmError, m_error}) {
        ErrorText::show(label, {});
    }
}

void SignInWindow::showError(const core::Error& error)
{
    clearErrors();
    const QString text = ErrorText::describe(error);
    if (QLabel* label = fieldError(error.field)) {
        ErrorText::show(label, text);
    } else {
        ErrorText::show(m_error, text);
    }
    // Where to act on it: the field in error; after wrong credentials, the
    // password.
    QLineEdit* field = fieldOf(error.field);
    if (!field && error.code == core::Error::Code::Unauthenticated) {
        field = m_password;
    }
    focusField(field ? field : m_username);
}

QLineEdit* SignInWindow::fieldOf(const QString& field) const
{
    if (field == QLatin1String("username")) {
        return m_username;
    }
    if (field == QLatin1String("password") || field == QLatin1String("new_password")) {
        return m_password;
    }
    if (field == QLatin1String("display_name")) {
        return m_displayName;
    }
    if (field == QLatin1String("confirm")) {
        return m_confirm;
    }
    return nullptr;
}

void SignInWindow::focusField(QLineEdit* field)
{
    field->setFocus(Qt::OtherFocusReason);
    field->selectAll();
}

void SignInWindow::submit()
{
    if (!m_submit->isEnabled() || !m_client.session()) {
        return;
    }
    clearErrors();
    const bool creating = m_mode->currentIndex() == 1;
    const QString username = m_username->text().trimmed();
    if (username.isEmpty()) {
        ErrorText::show(m_usernameError, tr("Enter your username."));
        m_username->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        ErrorText::show(m_passwordError, tr("Enter your password."));
        m_password->setFocus();
        return;
    }
    if (creating && m_confirm->text() != m_password->text()) {
        ErrorText::show(m_confirmError, tr("The two passwords are not the same."));
        m_confirm->setFocus();
        return;
    }
    m_client.settings().setRemember(m_remember->isChecked());
    setBusy(true, creating ? tr("Creating your account…") : tr("Signing in…"));
    if (creating) {
        m_client.session()->registerAccount(
            username, m_password->text(), m_displayName->text().trimmed(), m_remember->isChecked());
    } else {
        m_client.session()->signIn(username, m_password->text(), m_remember->isChecked());
    }
}

} // namespace confab::ui

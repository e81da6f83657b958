#include "dialogs/SettingsDialog.h"

#include "dialogs/LiveText.h"
#include "shell/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

namespace confab::ui {

SettingsDialog::SettingsDialog(core::Client& client, QWidget* parent)
    : QDialog(parent), m_client(client)
{
    setWindowTitle(tr("Settings"));
    auto* layout = new QVBoxLayout(this);
    auto* server = new QGroupBox(tr("Server"), this);
    auto* serverLayout = new QVBoxLayout(server);
    m_state = new QLabel(server);
    m_state->setWordWrap(true);
    LiveText::mark(m_state, tr("Server state"));
    serverLayout->addWidget(m_state);
    auto* addressRow = new QHBoxLayout;
    m_addressLabel = new QLabel(tr("&Address for other apps on this computer:"), server);
    m_address = new QLineEdit(server);
    m_address->setReadOnly(true);
    m_address->setAccessibleName(tr("Address for other apps on this computer"));
    m_addressLabel->setBuddy(m_address);
    addressRow->addWidget(m_addressLabel);
    addressRow->addWidget(m_address, 1);
    serverLayout->addLayout(addressRow);
    m_log = new QPlainTextEdit(server);
    m_log->setReadOnly(true);
    m_log->setAccessibleName(tr("Server log"));
    m_log->setMaximumBlockCount(2000);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_log->setFont(mono);
    serverLayout->addWidget(m_log);
    m_restart = new QPushButton(tr("&Restart the server"), server);
    serverLayout->addWidget(m_restart, 0, Qt::AlignRight);
    layout->addWidget(server);
    auto* appearance = new QGroupBox(tr("Language"), this);
    auto* appearanceLayout = new QVBoxLayout(appearance);
    m_language = new QComboBox(appearance);
    m_language->setAccessibleName(tr("Language of the user interface"));
    // Each language in its own words, so that anyone can find theirs.
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_client.settings().language())));
    auto* languageNote = new QLabel(appearance);
    languageNote->setWordWrap(true);
    appearanceLayout->addWidget(m_language);
    appearanceLayout->addWidget(languageNote);
    layout->addWidget(appearance);
    connect(m_language, &QComboBox::currentIndexChanged, this, [this, languageNote](int index) {
        m_client.settings().setLanguage(m_language->itemData(index).toString());
        languageNote->setText(tr("Restart Confab to use the new language."));
    });

    auto* themeBox = new QGroupBox(tr("Theme"), this);
    auto* themeLayout = new QVBoxLayout(themeBox);
    m_theme = new QComboBox(themeBox);
    m_theme->setAccessibleName(tr("Light or dark theme"));
    m_theme->addItem(tr("System"), Theme::keyOf(ThemeChoice::System));
    m_theme->addItem(tr("Light"), Theme::keyOf(ThemeChoice::Light));
    m_theme->addItem(tr("Dark"), Theme::keyOf(ThemeChoice::Dark));
    m_theme->setCurrentIndex(std::max(
        0, m_theme->findData(Theme::keyOf(Theme::choiceFromKey(m_client.settings().theme())))));
    themeLayout->addWidget(m_theme);
    layout->addWidget(themeBox);
    // Unlike the language, the theme changes at once.
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString key = m_theme->itemData(index).toString();
        m_client.settings().setTheme(key);
        if (Theme* theme = Theme::instance()) {
            theme->setChoice(Theme::choiceFromKey(key));
        }
    });

    auto* windowBox = new QGroupBox(tr("Window"), this);
    auto* windowLayout = new QVBoxLayout(windowBox);
    m_closeToTray = new QCheckBox(
        tr("&Keep Confab running in the system tray when its window is closed"), windowBox);
    m_closeToTray->setChecked(m_client.settings().closeToTray());
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        m_closeToTray->setEnabled(false);
        m_closeToTray->setToolTip(tr("This desktop has no system tray."));
    }
    windowLayout->addWidget(m_closeToTray);
    layout->addWidget(windowBox);
    connect(m_closeToTray, &QCheckBox::toggled, this,
            [this](bool keep) { m_client.settings().setCloseToTray(keep); });

    auto* close = new QPushButton(tr("Close"), this);
    close->setDefault(true);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(close);
    layout->addLayout(buttons);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    if (core::LocalServer* local = m_client.localServer();
        local && m_client.serverKey() == QLatin1String("local")) {
        m_log->setPlainText(local->log().join(QLatin1Char('\n')));
        connect(local, &core::LocalServer::logAppended, m_log, &QPlainTextEdit::appendPlainText);
        connect(local, &core::LocalServer::stateChanged, this, &SettingsDialog::updateState);
        connect(m_restart, &QPushButton::clicked, this, [this] { m_client.restartLocalServer(); });
    } else {
        m_log->hide();
        m_restart->hide();
    }
    updateState();
    resize(640, 480);
}

void SettingsDialog::updateState()
{
    core::LocalServer* local = m_client.localServer();
    const bool running = local && m_client.serverKey() == QLatin1String("local") &&
                         local->state() == core::LocalServer::State::Running;
    m_address->setText(running ? local->target() : QString());
    m_addressLabel->setVisible(running);
    m_address->setVisible(running);
    if (!local || m_client.serverKey() != QLatin1String("local")) {
        LiveText::setText(m_state, tr("Connected to %1.").arg(m_client.serverKey()));
        return;
    }
    switch (local->state()) {
    case core::LocalServer::State::Stopped:
        LiveText::setText(m_state, tr("The server is stopped."));
        break;
    case core::LocalServer::State::Starting:
        LiveText::setText(m_state, tr("The server is starting…"));
        break;
    case core::LocalServer::State::Running:
        LiveText::setText(m_state,
                          tr("The server on this computer is running. It stays on this address "
                             "when Confab starts again."));
        break;
    case core::LocalServer::State::Failed:
        LiveText::setText(m_state, tr("The server stopped: %1").arg(local->errorString()));
        break;
    }
}

} // namespace confab::ui

#include "MainWindow.h"

#include "Avatar.h"
#include "ProfileDialog.h"
#include "SettingsDialog.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace confab::ui {

MainWindow::MainWindow(core::Client& client, QWidget* parent)
    : QMainWindow(parent), m_client(client)
{
    setWindowTitle(tr("Confab"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);

    auto* header = new QHBoxLayout;
    m_avatar = new QLabel(central);
    m_avatar->setFixedSize(40, 40);
    m_avatar->setAccessibleName(tr("Your picture"));
    auto* who = new QVBoxLayout;
    m_name = new QLabel(central);
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.2);
    m_name->setFont(nameFont);
    m_name->setAccessibleName(tr("Your name"));
    m_status = new QLabel(central);
    m_status->setAccessibleName(tr("Your status"));
    who->addWidget(m_name);
    who->addWidget(m_status);
    auto* profile = new QToolButton(central);
    profile->setText(tr("Profile…"));
    profile->setAccessibleName(tr("Edit your profile"));
    header->addWidget(m_avatar);
    header->addLayout(who, 1);
    header->addWidget(profile);
    layout->addLayout(header);

    m_notice = new QLabel(central);
    m_notice->setWordWrap(true);
    m_notice->setAccessibleName(tr("Notice"));
    m_notice->setStyleSheet(QStringLiteral(
        "background: palette(alternate-base); border: 1px solid palette(mid); padding: 8px;"));
    m_notice->hide();
    layout->addWidget(m_notice);

    auto* placeholder = new QLabel(tr("Your rooms and conversations will appear here."), central);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setEnabled(false);
    layout->addWidget(placeholder, 1);
    setCentralWidget(central);

    auto* account = menuBar()->addMenu(tr("&Account"));
    account->addAction(tr("&Profile…"), this, &MainWindow::openProfile);
    account->addSeparator();
    account->addAction(tr("&Sign out"), this, [this] { emit signOutRequested(false); });
    account->addAction(tr("Sign out &everywhere"), this, [this] { emit signOutRequested(true); });
    auto* app = menuBar()->addMenu(tr("&Confab"));
    app->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    app->addSeparator();
    app->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    connect(profile, &QToolButton::clicked, this, &MainWindow::openProfile);

    if (core::Session* session = m_client.session()) {
        connect(session, &core::Session::userChanged, this, &MainWindow::updateUser);
        connect(session, &core::Session::noticeChanged, this, [this](const QString& notice) {
            m_notice->setText(notice);
            m_notice->setVisible(!notice.isEmpty());
        });
        m_notice->setText(session->notice());
        m_notice->setVisible(!session->notice().isEmpty());
    }
    updateUser();
    if (!restoreGeometry(m_client.settings().windowGeometry(QStringLiteral("main")))) {
        resize(960, 640);
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_client.settings().setWindowGeometry(QStringLiteral("main"), saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::updateUser()
{
    core::Session* session = m_client.session();
    if (!session) {
        return;
    }
    const v1::User& user = session->user();
    const QString name =
        QString::fromStdString(user.display_name().empty() ? user.username() : user.display_name());
    m_name->setText(name);
    m_status->setText(QString::fromStdString(user.status_text()));
    m_avatar->setPixmap(avatarPixmap(QByteArray::fromStdString(user.avatar()), name, 40));
    setWindowTitle(tr("Confab — %1").arg(name));
}

void MainWindow::openProfile()
{
    if (!m_client.session() || !m_client.account()) {
        return;
    }
    ProfileDialog dialog(*m_client.session(), *m_client.account(), this);
    dialog.exec();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_client, this);
    dialog.exec();
}

} // namespace confab::ui

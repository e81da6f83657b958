#include "dialogs/ProfileDialog.h"

#include "delegates/Avatar.h"
#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"
#include "dialogs/TabListAccessible.h"
#include "models/SessionsModel.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace confab::ui {

namespace {

// "Used 5 minutes ago", the way people say it.
QString lastUsedText(const QDateTime& when)
{
    const qint64 seconds = when.secsTo(QDateTime::currentDateTimeUtc());
    if (!when.isValid()) {
        return {};
    }
    if (seconds < 120) {
        return ProfileDialog::tr("Used just now");
    }
    if (seconds < 3600) {
        return ProfileDialog::tr("Used %n minute(s) ago", nullptr, static_cast<int>(seconds / 60));
    }
    if (seconds < 24 * 3600) {
        return ProfileDialog::tr("Used %n hour(s) ago", nullptr, static_cast<int>(seconds / 3600));
    }
    return ProfileDialog::tr("Last used %1")
        .arg(QLocale().toString(when.toLocalTime().date(), QLocale::LongFormat));
}

// Each session as two lines: the app, system and computer it is, then when
// it was last used (and whether it is this one).
class DeviceList : public QIdentityProxyModel {
public:
    DeviceList(QAbstractItemModel* sessions, QObject* parent) : QIdentityProxyModel(parent)
    {
        setSourceModel(sessions);
    }

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole) {
            return QIdentityProxyModel::data(index, role);
        }
        const QString name = index.data(core::SessionsModel::DeviceNameRole).toString();
        QString when = lastUsedText(index.data(core::SessionsModel::LastUsedAtRole).toDateTime());
        if (index.data(core::SessionsModel::CurrentRole).toBool()) {
            when = ProfileDialog::tr("This device");
        }
        return role == Qt::DisplayRole ? name + QLatin1Char('\n') + when
                                       : name + QStringLiteral(". ") + when;
    }
};

QLabel* messageLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    LiveText::mark(label, QObject::tr("Message"));
    return label;
}

} // namespace

ProfileDialog::ProfileDialog(core::Session& session, core::Account& account, QWidget* parent)
    : QDialog(parent), m_session(session), m_account(account)
{
    setWindowTitle(tr("Your profile"));
    auto* layout = new QVBoxLayout(this);
    TabListAccessible::install();
    m_tabs = new QTabWidget(this);
    m_tabs->tabBar()->setAccessibleName(tr("Parts of your account"));
    m_tabs->addTab(profilePage(), tr("&Profile"));
    m_tabs->addTab(passwordPage(), tr("Pass&word"));
    m_tabs->addTab(devicesPage(), tr("&Devices"));
    m_tabs->addTab(deletePage(), tr("De&lete account"));
    layout->addWidget(m_tabs);
    auto* close = new QPushButton(tr("Close"), this);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(close);
    layout->addLayout(buttons);

    connect(&m_account, &core::Account::profileUpdated, this, [this] {
        m_newAvatar.reset();
        loadFromSession();
        m_save->setEnabled(true);
        LiveText::setText(m_profileMessage, tr("Your profile is saved."));
    });
    connect(
        &m_account, &core::Account::profileUpdateFailed, this, [this](const core::Error& error) {
            m_save->setEnabled(true);
            const QString field = error.field == QLatin1String("display_name")  ? tr("Display name")
                                  : error.field == QLatin1String("status_text") ? tr("Status")
                                  : error.field == QLatin1String("bio")         ? tr("About you")
                                  : error.field == QLatin1String("avatar")      ? tr("Picture")
                                                                                : QString();
            const QString text = ErrorText::describe(error);
            LiveText::setText(m_profileMessage,
                              field.isEmpty() ? text : tr("%1: %2").arg(field, text));
        });
    loadFromSession();
    resize(520, 520);
}

QWidget* ProfileDialog::profilePage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* top = new QHBoxLayout;
    m_avatar = new QLabel(page);
    m_avatar->setFixedSize(96, 96);
    m_avatar->setAccessibleName(tr("Your picture"));
    auto* choose = new QPushButton(tr("C&hoose picture…"), page);
    auto* remove = new QPushButton(tr("Re&move picture"), page);
    auto* avatarButtons = new QVBoxLayout;
    avatarButtons->addWidget(choose);
    avatarButtons->addWidget(remove);
    avatarButtons->addStretch();
    top->addWidget(m_avatar);
    top->addLayout(avatarButtons);
    top->addStretch();
    layout->addLayout(top);

    auto* form = new QFormLayout;
    m_displayName = new QLineEdit(page);
    m_displayName->setMaxLength(64);
    m_displayName->setAccessibleName(tr("Display name"));
    m_status = new QLineEdit(page);
    m_status->setMaxLength(100);
    m_status->setPlaceholderText(tr("What are you up to?"));
    m_status->setAccessibleName(tr("Status"));
    m_bio = new QPlainTextEdit(page);
    m_bio->setAccessibleName(tr("About you"));
    m_bio->setTabChangesFocus(true);
    form->addRow(tr("Display &name"), m_displayName);
    form->addRow(tr("&Status"), m_status);
    form->addRow(tr("&About you"), m_bio);
    layout->addLayout(form);
    m_profileMessage = messageLabel(page);
    layout->addWidget(m_profileMessage);
    m_save = new QPushButton(tr("&Save profile"), page);
    m_save->setDefault(true);
    layout->addWidget(m_save, 0, Qt::AlignRight);

    connect(choose, &QPushButton::clicked, this, &ProfileDialog::chooseAvatar);
    connect(remove, &QPushButton::clicked, this, [this] {
        m_newAvatar = QByteArray();
        showAvatar();
    });
    connect(m_save, &QPushButton::clicked, this, &ProfileDialog::save);
    return page;
}

QWidget* ProfileDialog::passwordPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* form = new QFormLayout;
    m_oldPassword = new QLineEdit(page);
    m_newPassword = new QLineEdit(page);
    m_repeatPassword = new QLineEdit(page);
    for (QLineEdit* field : {m_oldPassword, m_newPassword, m_repeatPassword}) {
        field->setEchoMode(QLineEdit::Password);
    }
    m_oldPassword->setAccessibleName(tr("Current password"));
    m_newPassword->setAccessibleName(tr("New password"));
    m_repeatPassword->setAccessibleName(tr("Repeat new password"));
    form->addRow(tr("&Current password"), m_oldPassword);
    form->addRow(tr("&New password"), m_newPassword);
    form->addRow(tr("&Repeat new password"), m_repeatPassword);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Your other devices will be signed out."), page));
    m_passwordMessage = messageLabel(page);
    layout->addWidget(m_passwordMessage);
    auto* change = new QPushButton(tr("C&hange password"), page);
    layout->addWidget(change, 0, Qt::AlignRight);
    layout->addStretch();
    connect(change, &QPushButton::clicked, this, [this, change] {
        if (m_newPassword->text() != m_repeatPassword->text()) {
            LiveText::setText(m_passwordMessage, tr("The new passwords are not the same."));
            return;
        }
        change->setEnabled(false);
        LiveText::setText(m_passwordMessage, tr("Changing your password…"));
        m_account.changePassword(m_oldPassword->text(), m_newPassword->text());
    });
    connect(&m_account, &core::Account::passwordChanged, this, [this, change] {
        change->setEnabled(true);
        for (QLineEdit* field : {m_oldPassword, m_newPassword, m_repeatPassword}) {
            field->clear();
        }
        LiveText::setText(m_passwordMessage,
                          tr("Your password is changed. Other devices were signed out."));
    });
    connect(&m_account, &core::Account::passwordChangeFailed, this,
            [this, change](const core::Error& error) {
                change->setEnabled(true);
                LiveText::setText(m_passwordMessage, ErrorText::describe(error));
            });
    return page;
}

QWidget* ProfileDialog::devicesPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("You are signed in on these devices:"), page));
    m_devices = new QListView(page);
    m_devices->setModel(new DeviceList(m_account.sessions(), m_devices));
    m_devices->setAlternatingRowColors(true);
    m_devices->setAccessibleName(tr("Signed-in devices"));
    layout->addWidget(m_devices);
    m_devicesMessage = messageLabel(page);
    layout->addWidget(m_devicesMessage);
    auto* revoke = new QPushButton(tr("&Sign this device out"), page);
    layout->addWidget(revoke, 0, Qt::AlignRight);
    connect(revoke, &QPushButton::clicked, this, [this] {
        const QModelIndex index = m_devices->currentIndex();
        if (!index.isValid()) {
            LiveText::setText(m_devicesMessage, tr("Choose a device first."));
            return;
        }
        if (index.data(core::SessionsModel::CurrentRole).toBool()) {
            LiveText::setText(m_devicesMessage,
                              tr("This is the device you are using: sign out from the "
                                 "main window instead."));
            return;
        }
        m_account.revokeSession(index.data(core::SessionsModel::SessionIdRole).toString());
    });
    connect(&m_account, &core::Account::sessionRevoked, this,
            [this] { LiveText::setText(m_devicesMessage, tr("The device was signed out.")); });
    connect(&m_account, &core::Account::sessionsFailed, this, [this](const core::Error& error) {
        LiveText::setText(m_devicesMessage, ErrorText::describe(error));
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, page](int) {
        if (m_tabs->currentWidget() == page) {
            m_account.loadSessions();
        }
    });
    return page;
}

QWidget* ProfileDialog::deletePage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* warning = new QLabel(
        tr("Deleting your account removes your profile and signs you out everywhere. Your "
           "messages stay in their rooms, shown as from a deleted user. This cannot be undone."),
        page);
    warning->setWordWrap(true);
    layout->addWidget(warning);
    auto* form = new QFormLayout;
    m_deletePassword = new QLineEdit(page);
    m_deletePassword->setEchoMode(QLineEdit::Password);
    m_deletePassword->setAccessibleName(tr("Password to confirm"));
    form->addRow(tr("&Password"), m_deletePassword);
    layout->addLayout(form);
    m_deleteMessage = messageLabel(page);
    layout->addWidget(m_deleteMessage);
    auto* remove = new QPushButton(tr("&Delete my account"), page);
    layout->addWidget(remove, 0, Qt::AlignRight);
    layout->addStretch();
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_deletePassword->text().isEmpty()) {
            LiveText::setText(m_deleteMessage, tr("Enter your password to confirm."));
            return;
        }
        auto* question = new QMessageBox(
            QMessageBox::Warning, tr("Delete your account?"),
            tr("Your account %1 will be deleted for good.").arg(m_session.username()),
            QMessageBox::Cancel | QMessageBox::Yes, this);
        question->setDefaultButton(QMessageBox::Cancel);
        question->setAttribute(Qt::WA_DeleteOnClose);
        connect(question, &QMessageBox::finished, this, [this](int answer) {
            if (answer == QMessageBox::Yes) {
                m_account.deleteAccount(m_deletePassword->text());
            }
        });
        question->open();
    });
    connect(&m_account, &core::Account::accountDeleted, this, &QDialog::accept);
    connect(&m_account, &core::Account::accountDeletionFailed, this,
            [this](const core::Error& error) {
                LiveText::setText(m_deleteMessage, ErrorText::describe(error));
            });
    return page;
}

void ProfileDialog::loadFromSession()
{
    const v1::User& user = m_session.user();
    m_displayName->setText(QString::fromStdString(user.display_name()));
    m_status->setText(QString::fromStdString(user.status_text()));
    m_bio->setPlainText(QString::fromStdString(user.bio()));
    showAvatar();
}

void ProfileDialog::showAvatar()
{
    const QByteArray bytes =
        m_newAvatar ? *m_newAvatar : QByteArray::fromStdString(m_session.user().avatar());
    m_avatar->setPixmap(avatarPixmap(bytes, m_displayName->text(), 96));
}

void ProfileDialog::chooseAvatar()
{
    auto* chooser = new QFileDialog(this, tr("Choose a picture"), {},
                                    tr("Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif)"));
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString& file) {
        QImageReader reader(file);
        reader.setAutoTransform(true);
        const QImage image = reader.read();
        if (image.isNull()) {
            LiveText::setText(m_profileMessage, tr("That file is not a picture Confab can read."));
            return;
        }
        setAvatarImage(image);
    });
    chooser->open();
}

void ProfileDialog::setAvatarImage(const QImage& image)
{
    const QByteArray bytes = encodeAvatar(image);
    if (bytes.isEmpty()) {
        LiveText::setText(m_profileMessage, tr("That picture cannot be used."));
        return;
    }
    m_newAvatar = bytes;
    showAvatar();
    LiveText::setText(m_profileMessage, tr("Save your profile to use the new picture."));
}

void ProfileDialog::save()
{
    const v1::User& user = m_session.user();
    core::Account::ProfileChange change;
    if (m_displayName->text() != QString::fromStdString(user.display_name())) {
        change.displayName = m_displayName->text();
    }
    if (m_status->text() != QString::fromStdString(user.status_text())) {
        change.statusText = m_status->text();
    }
    if (m_bio->toPlainText() != QString::fromStdString(user.bio())) {
        change.bio = m_bio->toPlainText();
    }
    change.avatar = m_newAvatar;
    m_save->setEnabled(false);
    LiveText::setText(m_profileMessage, tr("Saving…"));
    m_account.updateProfile(change);
}

} // namespace confab::ui

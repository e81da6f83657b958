#include "dialogs/CreateRoomDialog.h"

#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

CreateRoomDialog::CreateRoomDialog(core::ChatClient& chat, QWidget* parent)
    : QDialog(parent), m_chat(chat)
{
    setWindowTitle(tr("New room"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    ErrorText::addField(this, form, tr("&Name"), tr("Room name"), m_name, m_nameError);
    ErrorText::addField(this, form, tr("&Topic"), tr("Topic"), m_topic, m_topicError);
    m_name->setPlaceholderText(tr("e.g. Weekend plans"));
    m_topic->setPlaceholderText(tr("What it is about (optional)"));
    m_public = new QCheckBox(tr("&Anyone on this server can find and join it"), this);
    m_public->setChecked(true);
    form->addRow(QString(), m_public);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    LiveText::mark(m_error, tr("Error"));
    ErrorText::styleAsError(m_error);
    m_error->hide();
    layout->addWidget(m_error);
    layout->addStretch();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setDefault(true);
    // Enter in a field creates; it never cancels.
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &CreateRoomDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        ErrorText::show(m_nameError, {});
        updateButton();
    });
    connect(m_topic, &QLineEdit::textChanged, this, [this] { ErrorText::show(m_topicError, {}); });
    // The chat client does not tell whose request a result answers: only
    // while this dialog waits is one taken as its own.
    connect(&m_chat, &core::ChatClient::roomCreated, this, [this](const QString& roomId) {
        if (!m_busy) {
            return;
        }
        m_createdRoomId = roomId;
        setBusy(false);
        accept();
    });
    connect(&m_chat, &core::ChatClient::actionFailed, this,
            [this](core::ChatClient::Action action, const core::Error& error) {
                if (action != core::ChatClient::Action::CreateRoom || !m_busy) {
                    return;
                }
                setBusy(false);
                showError(error);
            });
    updateButton();
    setMinimumWidth(420);
}

void CreateRoomDialog::updateButton()
{
    m_create->setEnabled(!m_busy && !m_name->text().trimmed().isEmpty());
}

void CreateRoomDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget* widget : std::initializer_list<QWidget*>{m_name, m_topic, m_public}) {
        widget->setEnabled(!busy);
    }
    m_create->setText(busy ? tr("Creating…") : tr("Create"));
    updateButton();
}

void CreateRoomDialog::showError(const core::Error& error)
{
    const QString text = ErrorText::describe(error);
    if (error.field == QLatin1String("name")) {
        ErrorText::show(m_nameError, text);
        m_name->setFocus();
    } else if (error.field == QLatin1String("topic")) {
        ErrorText::show(m_topicError, text);
        m_topic->setFocus();
    } else {
        ErrorText::show(m_error, text);
    }
}

void CreateRoomDialog::submit()
{
    if (!m_create->isEnabled()) {
        return;
    }
    for (QLabel* label : {m_nameError, m_topicError, m_error}) {
        ErrorText::show(label, {});
    }
    setBusy(true);
    m_chat.createRoom(m_name->text().trimmed(), m_topic->text().trimmed(), m_public->isChecked());
}

} // namespace confab::ui

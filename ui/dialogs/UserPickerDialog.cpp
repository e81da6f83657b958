#include "dialogs/RoomDialogs.h"

#include "delegates/Avatar.h"
#include "dialogs/ErrorText.h"
#include "shell/Theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace confab::ui {

namespace {

constexpr int kSearchDelayMs = 250;
constexpr int kPadX = 10;
constexpr int kPadY = 7;
constexpr int kLineGap = 2;
constexpr int kAvatarSize = 36;

QLineEdit* makeSearchField(const QString& placeholder, QWidget* parent)
{
    auto* field = new QLineEdit(parent);
    field->setPlaceholderText(placeholder);
    field->setAccessibleName(placeholder);
    field->setClearButtonEnabled(true);
    return field;
}

QListView* makeListView(QWidget* parent)
{
    auto* view = new QListView(parent);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setUniformItemSizes(true);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    return view;
}

QPalette::ColorGroup groupOf(const QStyleOptionViewItem& option)
{
    if (!(option.state & QStyle::State_Enabled)) {
        return QPalette::Disabled;
    }
    return option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
}

bool isSelected(const QStyleOptionViewItem& option)
{
    return option.state & QStyle::State_Selected;
}

QColor textColour(const QStyleOptionViewItem& option)
{
    return option.palette.color(groupOf(option),
                                isSelected(option) ? QPalette::HighlightedText : QPalette::Text);
}

// Secondary text: the theme's muted colour, or on a selection (and without a
// theme) the text colour faded into its background.
QColor mutedColour(const QStyleOptionViewItem& option)
{
    const Theme* theme = Theme::instance();
    if (theme && !isSelected(option) && (option.state & QStyle::State_Enabled)) {
        return theme->colors().mutedText;
    }
    const QColor text = textColour(option);
    const QColor back = option.palette.color(
        groupOf(option), isSelected(option) ? QPalette::Highlight : QPalette::Base);
    return QColor::fromRgbF(text.redF() * 0.65f + back.redF() * 0.35f,
                            text.greenF() * 0.65f + back.greenF() * 0.35f,
                            text.blueF() * 0.65f + back.blueF() * 0.35f);
}

// The item's background, selection and focus as the style draws them.
void drawBackground(QPainter* painter, const QStyleOptionViewItem& option)
{
    QStyleOptionViewItem background(option);
    background.text.clear();
    background.icon = QIcon();
    background.features &= ~QStyleOptionViewItem::HasDisplay;
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
}

QFont boldOf(const QFont& font)
{
    QFont bold(font);
    bold.setBold(true);
    return bold;
}

int twoLineHeight(const QStyleOptionViewItem& option)
{
    return 2 * kPadY + QFontMetrics(boldOf(option.font)).height() + kLineGap +
           QFontMetrics(option.font).height();
}

// A public room: name and member count, topic and whether the user is in it.
class RoomDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        drawBackground(painter, opt);

        using Model = core::DirectoryModel;
        const QString name = index.data(Model::NameRole).toString();
        const QString topic = index.data(Model::TopicRole).toString();
        const int members = index.data(Model::MemberCountRole).toInt();
        const bool joined = index.data(Model::JoinedRole).toBool();

        painter->save();
        const QRect area = opt.rect.adjusted(kPadX, kPadY, -kPadX, -kPadY);
        const QFont bold = boldOf(opt.font);
        const QFontMetrics boldMetrics(bold);
        const QFontMetrics metrics(opt.font);
        const QRect firstLine(area.left(), area.top(), area.width(), boldMetrics.height());
        const QRect secondLine(area.left(), firstLine.bottom() + 1 + kLineGap, area.width(),
                               metrics.height());

        const QString count = DirectoryDialog::tr("%n member(s)", nullptr, members);
        const int countWidth = metrics.horizontalAdvance(count);
        painter->setFont(opt.font);
        painter->setPen(mutedColour(opt));
        painter->drawText(firstLine, Qt::AlignRight | Qt::AlignVCenter, count);

        const QString joinedText = joined ? DirectoryDialog::tr("Joined") : QString();
        const int joinedWidth = joined ? metrics.horizontalAdvance(joinedText) : 0;
        if (joined) {
            painter->setPen(isSelected(opt) ? textColour(opt)
                                            : opt.palette.color(groupOf(opt), QPalette::Link));
            painter->drawText(secondLine, Qt::AlignRight | Qt::AlignVCenter, joinedText);
        }

        painter->setFont(bold);
        painter->setPen(textColour(opt));
        const int nameWidth = std::max(0, firstLine.width() - countWidth - kPadX);
        painter->drawText(firstLine.adjusted(0, 0, -(firstLine.width() - nameWidth), 0),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          boldMetrics.elidedText(name, Qt::ElideRight, nameWidth));

        if (!topic.isEmpty()) {
            painter->setFont(opt.font);
            painter->setPen(mutedColour(opt));
            const int topicWidth =
                std::max(0, secondLine.width() - (joined ? joinedWidth + kPadX : 0));
            // A topic may hold line breaks; one line of it is enough here.
            const QString oneLine = topic.simplified();
            painter->drawText(secondLine.adjusted(0, 0, -(secondLine.width() - topicWidth), 0),
                              Qt::AlignLeft | Qt::AlignVCenter,
                              metrics.elidedText(oneLine, Qt::ElideRight, topicWidth));
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        return {std::max(opt.rect.width(), 200), twoLineHeight(opt)};
    }
};

// A person: picture (or initials), name, @username, a dot when online.
class UserDelegate : public QStyledItemDelegate {
public:
    UserDelegate(core::UserCache& users, QObject* parent)
        : QStyledItemDelegate(parent), m_users(users)
    {}

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        drawBackground(painter, opt);

        using Model = core::UserSearchModel;
        const QString userId = index.data(Model::UserIdRole).toString();
        const QString name = index.data(Model::DisplayNameRole).toString();
        const QString username = index.data(Model::UsernameRole).toString();
        const bool online = index.data(Model::OnlineRole).toBool();
        const bool self = index.data(Model::SelfRole).toBool();

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRect area = opt.rect.adjusted(kPadX, kPadY, -kPadX, -kPadY);
        const QRect avatarRect(area.left(), area.center().y() - kAvatarSize / 2 + 1, kAvatarSize,
                               kAvatarSize);
        // Known users (room members, say) have their picture in the cache
        // already; for anyone else the initials do.
        const QPixmap avatar = avatarPixmap(m_users.avatar(userId), name, kAvatarSize);
        if (opt.state & QStyle::State_Enabled) {
            painter->drawPixmap(avatarRect, avatar);
        } else {
            painter->setOpacity(0.5);
            painter->drawPixmap(avatarRect, avatar);
            painter->setOpacity(1.0);
        }
        if (online) {
            const int dot = 11;
            const QRectF ring(avatarRect.right() - dot + 2, avatarRect.bottom() - dot + 2, dot,
                              dot);
            const Theme* theme = Theme::instance();
            painter->setPen(
                QPen(opt.palette.color(groupOf(opt),
                                       isSelected(opt) ? QPalette::Highlight : QPalette::Base),
                     2));
            painter->setBrush(theme ? theme->colors().online : QColor(0x2f, 0xb3, 0x44));
            painter->drawEllipse(ring);
        }

        const int textLeft = avatarRect.right() + 1 + kPadX;
        const QFont bold = boldOf(opt.font);
        const QFontMetrics boldMetrics(bold);
        const QFontMetrics metrics(opt.font);
        const int textWidth = std::max(0, area.right() + 1 - textLeft);
        const int textHeight = boldMetrics.height() + kLineGap + metrics.height();
        const int top = area.center().y() - textHeight / 2 + 1;
        const QRect firstLine(textLeft, top, textWidth, boldMetrics.height());
        const QRect secondLine(textLeft, firstLine.bottom() + 1 + kLineGap, textWidth,
                               metrics.height());
        painter->setFont(bold);
        painter->setPen(textColour(opt));
        painter->drawText(firstLine, Qt::AlignLeft | Qt::AlignVCenter,
                          boldMetrics.elidedText(name, Qt::ElideRight, textWidth));
        const QString handle =
            self ? UserPickerDialog::tr("@%1 (you)").arg(username) : QLatin1Char('@') + username;
        painter->setFont(opt.font);
        painter->setPen(mutedColour(opt));
        painter->drawText(secondLine, Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(handle, Qt::ElideRight, textWidth));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        return {std::max(opt.rect.width(), 200),
                std::max(twoLineHeight(opt), kAvatarSize + 2 * kPadY)};
    }

private:
    core::UserCache& m_users;
};

// The signed-in user shows among the results but cannot be picked.
class PickableUsers : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    Qt::ItemFlags flags(const QModelIndex& index) const override
    {
        Qt::ItemFlags flags = QIdentityProxyModel::flags(index);
        if (index.data(core::UserSearchModel::SelfRole).toBool()) {
            flags &= ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        }
        return flags;
    }
};

} // namespace

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
    m_error->setAccessibleName(tr("Error"));
    m_error->setStyleSheet(QStringLiteral("color: palette(highlight);"));
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

DirectoryDialog::DirectoryDialog(core::ChatClient& chat, QWidget* parent)
    : QDialog(parent), m_chat(chat)
{
    setWindowTitle(tr("Join a room"));
    auto* layout = new QVBoxLayout(this);
    m_search = makeSearchField(tr("Search public rooms"), this);
    layout->addWidget(m_search);
    m_view = makeListView(this);
    m_view->setAccessibleName(tr("Public rooms"));
    m_view->setModel(m_chat.directory());
    m_view->setItemDelegate(new RoomDelegate(m_view));
    layout->addWidget(m_view, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));
    m_status->hide();
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_join = buttons->addButton(tr("Join"), QDialogButtonBox::AcceptRole);
    m_join->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    layout->addWidget(buttons);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &DirectoryDialog::search);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));

    core::DirectoryModel* directory = m_chat.directory();
    connect(directory, &core::DirectoryModel::searchFinished, this, &DirectoryDialog::showResults);
    connect(directory, &core::DirectoryModel::searchFailed, this, [this](const core::Error& error) {
        m_status->setText(ErrorText::describe(error));
        m_status->show();
    });
    // The Joined flag changes when the room list does.
    connect(directory, &QAbstractItemModel::dataChanged, this, &DirectoryDialog::updateButton);
    connect(directory, &QAbstractItemModel::modelReset, this, &DirectoryDialog::updateButton);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &DirectoryDialog::updateButton);
    connect(m_view, &QListView::doubleClicked, this, &DirectoryDialog::join);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { join(m_view->currentIndex()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(&m_chat, &core::ChatClient::roomJoined, this, [this](const QString& roomId) {
        if (roomId != m_joiningRoomId) {
            return;
        }
        m_joiningRoomId.clear();
        m_joinedRoomId = roomId;
        accept();
    });
    connect(&m_chat, &core::ChatClient::actionFailed, this,
            [this](core::ChatClient::Action action, const core::Error& error) {
                if (action != core::ChatClient::Action::JoinRoom || m_joiningRoomId.isEmpty()) {
                    return;
                }
                m_joiningRoomId.clear();
                m_status->setText(ErrorText::describe(error));
                m_status->show();
                updateButton();
            });
    updateButton();
    setMinimumSize(420, 460);
}

void DirectoryDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    if (!m_searchedOnce) {
        m_searchedOnce = true;
        m_search->setFocus();
        search();
    }
}

void DirectoryDialog::search()
{
    m_searchTimer->stop();
    m_chat.directory()->search(m_search->text().trimmed());
}

void DirectoryDialog::showResults()
{
    core::DirectoryModel* directory = m_chat.directory();
    if (directory->rowCount() > 0) {
        m_status->clear();
        m_status->hide();
        if (!m_view->currentIndex().isValid()) {
            m_view->setCurrentIndex(directory->index(0, 0));
        }
    } else {
        m_status->setText(directory->query().isEmpty()
                              ? tr("No public rooms yet.")
                              : tr("No public rooms match “%1”.").arg(directory->query()));
        m_status->show();
    }
    updateButton();
}

void DirectoryDialog::updateButton()
{
    const QModelIndex current = m_view->currentIndex();
    const bool joined = current.data(core::DirectoryModel::JoinedRole).toBool();
    const bool joining = !m_joiningRoomId.isEmpty();
    m_join->setText(joining ? tr("Joining…") : joined ? tr("Open") : tr("Join"));
    m_join->setEnabled(current.isValid() && !joining);
}

void DirectoryDialog::join(const QModelIndex& index)
{
    if (!index.isValid() || !m_joiningRoomId.isEmpty()) {
        return;
    }
    const QString roomId = index.data(core::DirectoryModel::IdRole).toString();
    if (index.data(core::DirectoryModel::JoinedRole).toBool()) {
        m_joinedRoomId = roomId;
        accept();
        return;
    }
    m_joiningRoomId = roomId;
    m_status->hide();
    updateButton();
    m_chat.joinRoom(roomId);
}

UserPickerDialog::UserPickerDialog(core::ChatClient& chat, Purpose purpose, const QString& roomId,
                                   QWidget* parent)
    : QDialog(parent), m_chat(chat), m_purpose(purpose), m_roomId(roomId)
{
    const bool inviting = m_purpose == Purpose::Invite;
    setWindowTitle(inviting ? tr("Invite to %1").arg(m_chat.rooms()->name(m_roomId))
                            : tr("New direct message"));
    auto* layout = new QVBoxLayout(this);
    m_search = makeSearchField(tr("Search by name or username"), this);
    layout->addWidget(m_search);
    // Results of an earlier search are not this one's.
    m_chat.userSearch()->search(QString());
    auto* users = new PickableUsers(this);
    users->setSourceModel(m_chat.userSearch());
    m_view = makeListView(this);
    m_view->setAccessibleName(tr("People"));
    m_view->setModel(users);
    m_view->setItemDelegate(new UserDelegate(*m_chat.users(), m_view));
    layout->addWidget(m_view, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));
    layout->addWidget(m_status);
    auto* buttons =
        new QDialogButtonBox(inviting ? QDialogButtonBox::Close : QDialogButtonBox::Cancel, this);
    m_action = buttons->addButton(inviting ? tr("Invite") : tr("Start chat"),
                                  QDialogButtonBox::AcceptRole);
    m_action->setDefault(true);
    buttons->button(inviting ? QDialogButtonBox::Close : QDialogButtonBox::Cancel)
        ->setAutoDefault(false);
    layout->addWidget(buttons);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &UserPickerDialog::search);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));

    core::UserSearchModel* search = m_chat.userSearch();
    connect(search, &core::UserSearchModel::searchFinished, this, &UserPickerDialog::showResults);
    connect(search, &core::UserSearchModel::searchFailed, this,
            [this](const core::Error& error) { m_status->setText(ErrorText::describe(error)); });
    connect(search, &QAbstractItemModel::modelReset, this, &UserPickerDialog::updateButton);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &UserPickerDialog::updateButton);
    // Pictures arrive after the list.
    connect(m_chat.users(), &core::UserCache::userChanged, m_view->viewport(),
            qOverload<>(&QWidget::update));
    connect(m_view, &QListView::doubleClicked, this, &UserPickerDialog::act);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { act(m_view->currentIndex()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(&m_chat, &core::ChatClient::directRoomOpened, this, [this](const QString& roomId) {
        if (m_purpose != Purpose::DirectMessage || m_pendingUsername.isEmpty()) {
            return;
        }
        m_roomId = roomId;
        setBusy(false);
        accept();
    });
    connect(&m_chat, &core::ChatClient::memberInvited, this,
            [this](const QString& roomId, const QString& username) {
                if (m_purpose != Purpose::Invite || roomId != m_roomId ||
                    username != m_pendingUsername) {
                    return;
                }
                // Stays open: inviting several people is common.
                m_status->setText(tr("%1 was invited.").arg(m_pendingName));
                setBusy(false);
                m_search->selectAll();
                m_search->setFocus();
            });
    connect(&m_chat, &core::ChatClient::actionFailed, this,
            [this](core::ChatClient::Action action, const core::Error& error) {
                const auto mine = m_purpose == Purpose::Invite
                                      ? core::ChatClient::Action::Invite
                                      : core::ChatClient::Action::OpenDirectRoom;
                if (action != mine || m_pendingUsername.isEmpty()) {
                    return;
                }
                // The one refusal of an invitation that names its reason.
                m_status->setText(action == core::ChatClient::Action::Invite &&
                                          error.code == core::Error::Code::AlreadyExists
                                      ? tr("%1 is in this room already.").arg(m_pendingName)
                                      : ErrorText::describe(error));
                setBusy(false);
            });
    m_status->setText(tr("Type a name to find people."));
    m_search->setFocus();
    updateButton();
    setMinimumSize(420, 460);
}

void UserPickerDialog::search()
{
    m_searchTimer->stop();
    m_chat.userSearch()->search(m_search->text().trimmed());
}

void UserPickerDialog::showResults()
{
    const QString query = m_search->text().trimmed();
    if (m_view->model()->rowCount() > 0) {
        m_status->clear();
        selectFirst();
    } else {
        m_status->setText(query.isEmpty() ? tr("Type a name to find people.")
                                          : tr("No one matches “%1”.").arg(query));
    }
    updateButton();
}

void UserPickerDialog::selectFirst()
{
    if (m_view->currentIndex().isValid()) {
        return;
    }
    QAbstractItemModel* model = m_view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (model->flags(index) & Qt::ItemIsSelectable) {
            m_view->setCurrentIndex(index);
            return;
        }
    }
}

void UserPickerDialog::updateButton()
{
    const QModelIndex current = m_view->currentIndex();
    m_action->setEnabled(m_pendingUsername.isEmpty() && current.isValid() &&
                         (current.flags() & Qt::ItemIsSelectable));
}

void UserPickerDialog::setBusy(bool busy)
{
    if (!busy) {
        m_pendingUsername.clear();
        m_pendingName.clear();
    }
    const bool inviting = m_purpose == Purpose::Invite;
    m_action->setText(busy ? (inviting ? tr("Inviting…") : tr("Opening…"))
                           : (inviting ? tr("Invite") : tr("Start chat")));
    m_view->setEnabled(!busy);
    updateButton();
}

void UserPickerDialog::act(const QModelIndex& index)
{
    if (!index.isValid() || !(index.flags() & Qt::ItemIsSelectable) ||
        !m_pendingUsername.isEmpty()) {
        return;
    }
    m_pendingUsername = index.data(core::UserSearchModel::UsernameRole).toString();
    m_pendingName = index.data(core::UserSearchModel::DisplayNameRole).toString();
    m_status->clear();
    setBusy(true);
    if (m_purpose == Purpose::Invite) {
        m_chat.invite(m_roomId, m_pendingUsername);
    } else {
        m_chat.openDirectRoom(m_pendingUsername);
    }
}

} // namespace confab::ui

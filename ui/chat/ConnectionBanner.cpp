#include "chat/ConnectionBanner.h"

#include "chat/ChatClient.h"
#include "dialogs/ErrorText.h"
#include "dialogs/LiveText.h"
#include "shell/Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace confab::ui {

using State = core::EventStream::State;

namespace {
constexpr int kGraceMs = 800;
}

ConnectionBanner::ConnectionBanner(core::ChatClient& chat, QWidget* parent)
    : QWidget(parent), m_chat(chat)
{
    setObjectName(QStringLiteral("connectionBanner"));
    setAutoFillBackground(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 6, 10, 6);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    LiveText::mark(m_text, tr("Connection"));
    m_retry = new QPushButton(tr("Reconnect now"), this);
    connect(m_retry, &QPushButton::clicked, this, [this] { m_chat.reconnectNow(); });
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);

    m_grace.setSingleShot(true);
    m_grace.setInterval(kGraceMs);
    connect(&m_grace, &QTimer::timeout, this, &ConnectionBanner::update);
    core::EventStream* stream = m_chat.stream();
    connect(stream, &core::EventStream::stateChanged, this, [this](State state) {
        if (state == State::Connecting || state == State::Syncing) {
            if (!m_grace.isActive() && isHidden()) {
                m_grace.start();
            }
        } else {
            m_grace.stop();
        }
        if (state == State::Live) {
            m_wasLive = true;
        }
        update();
    });
    connect(stream, &core::EventStream::secondsToRetryChanged, this, &ConnectionBanner::update);
    core::Outbox* outbox = m_chat.outbox();
    connect(outbox, &core::Outbox::itemAdded, this, &ConnectionBanner::update);
    connect(outbox, &core::Outbox::itemChanged, this, &ConnectionBanner::update);
    connect(outbox, &core::Outbox::itemDiscarded, this, &ConnectionBanner::update);
    connect(outbox, &core::Outbox::messageSent, this, &ConnectionBanner::update);
    if (Theme* theme = Theme::instance()) {
        connect(theme, &Theme::changed, this, &ConnectionBanner::update);
    }
    update();
}

void ConnectionBanner::update()
{
    const Theme::Colors& c = Theme::currentColors();
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, c.banner);
    palette.setColor(QPalette::WindowText, c.bannerText);
    setPalette(palette);

    core::EventStream* stream = m_chat.stream();
    int waiting = 0;
    for (const core::OutboxItem& item : m_chat.outbox()->items()) {
        waiting += item.state == core::OutboxItem::State::Failed ? 0 : 1;
    }
    QString text;
    bool retry = false;
    switch (stream->state()) {
    case State::Live:
        break;
    case State::Waiting:
        text = tr("Offline: reconnecting in %n second(s).", nullptr, stream->secondsToRetry());
        retry = true;
        break;
    case State::Connecting:
        if (!m_grace.isActive()) {
            text = m_wasLive ? tr("Reconnecting…") : tr("Connecting to the server…");
        }
        break;
    case State::Syncing:
        if (!m_grace.isActive()) {
            text = tr("Catching up on what you missed…");
        }
        break;
    case State::Disconnected:
        if (!stream->lastError().ok()) {
            text = tr("Disconnected: %1").arg(ErrorText::describe(stream->lastError()));
        }
        break;
    }
    if (!text.isEmpty() && waiting > 0) {
        text += QLatin1Char(' ') +
                tr("%n message(s) will be sent once the connection is back.", nullptr, waiting);
    }
    m_text->setText(text);
    m_retry->setVisible(retry);
    setVisible(!text.isEmpty());
    // Read out when the state changes, not at every tick of the countdown.
    const std::pair<int, int> said{static_cast<int>(stream->state()), waiting};
    if (said != m_announced) {
        m_announced = said;
        LiveText::announce(m_text);
    }
}

} // namespace confab::ui

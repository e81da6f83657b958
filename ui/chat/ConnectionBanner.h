#pragma once

#include <QTimer>
#include <QWidget>

#include <utility>

class QLabel;
class QPushButton;

namespace confab::core {
class ChatClient;
}

namespace confab::ui {

// A strip over the timeline that says what the connection is doing when it
// is not simply live: offline with the seconds to the next try (and a
// button to try now), reconnecting, catching up, and how many messages
// wait to be sent. Hidden while all is well.
class ConnectionBanner : public QWidget {
    Q_OBJECT

public:
    explicit ConnectionBanner(core::ChatClient& chat, QWidget* parent = nullptr);

    QLabel* textLabel() const { return m_text; }
    QPushButton* retryButton() const { return m_retry; }

private:
    void update();

    core::ChatClient& m_chat;
    QLabel* m_text;
    QPushButton* m_retry;
    // Connecting and catching up show only when they take a while.
    QTimer m_grace;
    bool m_wasLive = false;
    // The state and waiting count last read out.
    std::pair<int, int> m_announced{-1, 0};
};

} // namespace confab::ui

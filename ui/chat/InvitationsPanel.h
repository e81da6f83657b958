#pragma once

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace confab::core {
class ChatClient;
}

namespace confab::ui {

// The rooms the user is invited to, above the room list: each with who
// invited and buttons to accept (join and open it) or decline. Hidden
// while there are none.
class InvitationsPanel : public QWidget {
    Q_OBJECT

public:
    explicit InvitationsPanel(core::ChatClient& chat, QWidget* parent = nullptr);

    QLabel* heading() const { return m_heading; }

signals:
    // An invitation was accepted and its room joined: open it.
    void roomAccepted(const QString& roomId);

private:
    void rebuild();

    core::ChatClient& m_chat;
    QLabel* m_heading;
    QVBoxLayout* m_rows;
    QString m_accepting;
};

} // namespace confab::ui

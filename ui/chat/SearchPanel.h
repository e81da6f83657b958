#pragma once

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;

namespace confab::core {
class ChatClient;
}

namespace confab::ui {

// Ctrl+F: messages found by their words, in the room on screen or in all
// rooms, newest first, each with where, who, when and a snippet with the
// matches marked. Enter or a click on a result opens it; Escape closes.
class SearchPanel : public QWidget {
    Q_OBJECT

public:
    explicit SearchPanel(core::ChatClient& chat, QWidget* parent = nullptr);

    // The room "this room" means.
    void setRoom(const QString& roomId);
    // Shows the panel with the keyboard in the query.
    void start();

    QLineEdit* queryField() const { return m_query; }
    QCheckBox* allRoomsBox() const { return m_allRooms; }
    QListView* results() const { return m_results; }
    QLabel* statusLabel() const { return m_status; }

signals:
    void hitChosen(const QString& roomId, const QString& messageId, quint64 seq);
    void closed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void search();
    void choose(const QModelIndex& index);
    void close();

    core::ChatClient& m_chat;
    QString m_roomId;
    QLineEdit* m_query;
    QCheckBox* m_allRooms;
    QListView* m_results;
    QLabel* m_status;
    QTimer m_debounce;
};

} // namespace confab::ui

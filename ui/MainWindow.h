#pragma once

#include "Client.h"

#include <QMainWindow>

class QLabel;

namespace confab::ui {

// The window after sign-in: who you are, your account, the app's settings.
// The chat itself lives in its centre.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(core::Client& client, QWidget* parent = nullptr);

    void openProfile();
    void openSettings();
    QLabel* nameLabel() const { return m_name; }
    QLabel* noticeLabel() const { return m_notice; }

signals:
    void signOutRequested(bool allDevices);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void updateUser();

    core::Client& m_client;
    QLabel* m_avatar;
    QLabel* m_name;
    QLabel* m_status;
    QLabel* m_notice;
};

} // namespace confab::ui

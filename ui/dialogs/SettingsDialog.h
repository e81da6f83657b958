#pragma once

#include "account/Client.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace confab::ui {

// Where the app connects, and the state and log of the server it runs on
// this computer.
class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit SettingsDialog(core::Client& client, QWidget* parent = nullptr);

    QLabel* serverState() const { return m_state; }
    // The local server's address, for other apps on this computer.
    QLineEdit* serverAddress() const { return m_address; }
    QPlainTextEdit* serverLog() const { return m_log; }
    QComboBox* languageBox() const { return m_language; }
    QComboBox* themeBox() const { return m_theme; }
    QPushButton* restartButton() const { return m_restart; }
    QCheckBox* closeToTrayBox() const { return m_closeToTray; }

private:
    void updateState();

    core::Client& m_client;
    QLabel* m_state;
    QLabel* m_addressLabel;
    QLineEdit* m_address;
    QPlainTextEdit* m_log;
    QPushButton* m_restart;
    QComboBox* m_language;
    QComboBox* m_theme;
    QCheckBox* m_closeToTray;
};

} // namespace confab::ui

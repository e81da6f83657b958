#pragma once

#include <QMainWindow>

namespace confab::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace confab::ui

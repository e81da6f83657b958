#include "MainWindow.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("confab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Confab"));
    QApplication::setOrganizationName(QStringLiteral("confab"));
    QApplication::setDesktopFileName(QStringLiteral("confab"));

    confab::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}

#include "AppController.h"
#include "Client.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("confab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Confab"));
    QApplication::setOrganizationName(QStringLiteral("confab"));
    QApplication::setDesktopFileName(QStringLiteral("confab"));
    QApplication::setQuitOnLastWindowClosed(true);

    confab::core::Client client;
    confab::ui::AppController controller(client);
    controller.start();
    return QApplication::exec();
}

#include "account/Client.h"
#include "shell/AppController.h"
#include "shell/Theme.h"
#include "shell/Translations.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("confab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Confab"));
    QApplication::setOrganizationName(QStringLiteral("confab"));
    QApplication::setDesktopFileName(QStringLiteral("confab"));
    QApplication::setQuitOnLastWindowClosed(true);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/confab/icons/confab.svg")));

    confab::core::Client client;
    confab::ui::Theme theme;
    theme.setChoice(confab::ui::Theme::choiceFromKey(client.settings().theme()));
    // The chosen language, else the system's.
    confab::ui::installTranslations(client.settings().language());
    confab::ui::AppController controller(client);
    controller.start();
    return QApplication::exec();
}

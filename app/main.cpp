#include "AppController.h"
#include "Client.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

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
    // The chosen language, else the system's; English needs no translator.
    const QString language = client.settings().language();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QTranslator translator;
    if (translator.load(locale, QStringLiteral("confab"), QStringLiteral("_"),
                        QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(&translator);
    }
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(&qtTranslator);
    }
    confab::ui::AppController controller(client);
    controller.start();
    return QApplication::exec();
}

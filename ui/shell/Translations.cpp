#include "shell/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace confab::ui {

void installTranslations(const QString& language)
{
    static std::unique_ptr<QTranslator> app;
    static std::unique_ptr<QTranslator> qt;
    for (auto* old : {app.get(), qt.get()}) {
        if (old) {
            QCoreApplication::removeTranslator(old);
        }
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    app = std::make_unique<QTranslator>();
    if (app->load(locale, QStringLiteral("confab"), QStringLiteral("_"),
                  QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(app.get());
    } else if (app->load(QStringLiteral(":/i18n/confab_en.qm"))) {
        // A language without a translation of its own: English, properly.
        QCoreApplication::installTranslator(app.get());
    }
    qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
    }
}

} // namespace confab::ui

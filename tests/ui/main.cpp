#include "shell/Theme.h"
#include "shell/Translations.h"

#include <QApplication>

#include <gtest/gtest.h>

// Widget tests run on the offscreen platform (scripts/test sets it).
int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("confab-tests"));
    QApplication::setApplicationName(QStringLiteral("confab-ui-tests"));
    // As the app has them: a theme, and English with its plural forms.
    confab::ui::Theme theme;
    theme.setChoice(confab::ui::ThemeChoice::Light);
    confab::ui::installTranslations(QStringLiteral("en"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

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
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

#include <QCoreApplication>

#include <gtest/gtest.h>

// Core tests need an event loop (queued results, QSignalSpy::wait), not a display.
int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("confab-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("confab-core-tests"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

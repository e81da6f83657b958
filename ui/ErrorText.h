#pragma once

#include "Error.h"

#include <QCoreApplication>
#include <QString>

namespace confab::ui {

// Sentences a person understands for the errors of the core.
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    static QString describe(const core::Error& error);

private:
    static QString reasonText(const core::Error& error);
};

} // namespace confab::ui

#pragma once

#include <QString>

namespace confab::ui {

// Installs the app's and Qt's own translations for `language` ("de",
// "zh_CN", "ko", "en"; empty: the system's), replacing those of an earlier
// call. English loads too: it has the plural forms ("1 message").
void installTranslations(const QString& language);

} // namespace confab::ui

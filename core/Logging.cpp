#include "Logging.h"

namespace confab::core {

Q_LOGGING_CATEGORY(lcChat, "confab.core.chat")
Q_LOGGING_CATEGORY(lcKeychain, "confab.core.keychain")
Q_LOGGING_CATEGORY(lcLocalServer, "confab.core.localserver", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "confab.core.net")
Q_LOGGING_CATEGORY(lcNotify, "confab.core.notify")
Q_LOGGING_CATEGORY(lcOutbox, "confab.core.outbox")
Q_LOGGING_CATEGORY(lcSession, "confab.core.session")
Q_LOGGING_CATEGORY(lcStream, "confab.core.stream")
Q_LOGGING_CATEGORY(lcTimeline, "confab.core.timeline")

} // namespace confab::core

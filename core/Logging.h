#pragma once

#include <QLoggingCategory>

// Every logging category of the client core, one per subsystem, so that
// QT_LOGGING_RULES="confab.core.outbox.debug=true" and the like find them
// all in one place. Never log tokens, passwords or message text.
namespace confab::core {

Q_DECLARE_LOGGING_CATEGORY(lcChat)        // confab.core.chat
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)    // confab.core.keychain
Q_DECLARE_LOGGING_CATEGORY(lcLocalServer) // confab.core.localserver (info and up by default)
Q_DECLARE_LOGGING_CATEGORY(lcNet)         // confab.core.net
Q_DECLARE_LOGGING_CATEGORY(lcNotify)      // confab.core.notify
Q_DECLARE_LOGGING_CATEGORY(lcOutbox)      // confab.core.outbox
Q_DECLARE_LOGGING_CATEGORY(lcSession)     // confab.core.session
Q_DECLARE_LOGGING_CATEGORY(lcStream)      // confab.core.stream
Q_DECLARE_LOGGING_CATEGORY(lcTimeline)    // confab.core.timeline

} // namespace confab::core

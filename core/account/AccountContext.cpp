#include "account/AccountContext.h"

#include "account/Account.h"
#include "account/Session.h"
#include "chat/ChatClient.h"
#include "chat/Notifier.h"
#include "net/ConnectivityWatcher.h"
#include "net/ProtoConvert.h"

namespace confab::core {

AccountContext::AccountContext(Session& session, Options options, QObject* parent)
    : QObject(parent),
      m_session(session),
      m_account(std::make_unique<Account>(session)),
      m_chat(std::make_unique<ChatClient>(
          session,
          ChatClient::Options{std::move(options.dataDir), std::move(options.settingsFile)})),
      m_notifier(std::make_unique<Notifier>(*m_chat)),
      m_connectivity(std::make_unique<ConnectivityWatcher>())
{
    connect(m_connectivity.get(), &ConnectivityWatcher::reconnectAdvised, m_chat.get(),
            &ChatClient::reconnectNow);
    connect(&m_session, &Session::userChanged, this, &AccountContext::userChanged);
}

AccountContext::~AccountContext()
{
    m_connectivity.reset();
    m_notifier.reset();
    m_chat.reset();
    m_account.reset();
}

QString AccountContext::userId() const
{
    return toQString(m_session.user().id());
}

QString AccountContext::username() const
{
    return m_session.username();
}

QString AccountContext::displayName() const
{
    const v1::User& user = m_session.user();
    return toQString(user.display_name().empty() ? user.username() : user.display_name());
}

QString AccountContext::server() const
{
    return m_session.serverKey();
}

void AccountContext::start()
{
    m_notifier->setEnabled(true);
    m_chat->start();
}

void AccountContext::stop()
{
    m_connectivity->disconnect(m_chat.get());
    m_chat->stop();
    m_notifier->setEnabled(false);
}

} // namespace confab::core

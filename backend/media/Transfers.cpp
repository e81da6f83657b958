#include "media/Transfers.h"

#include <vector>

namespace confab::backend {

std::optional<Transfers::Id> Transfers::enter(const std::string& userId,
                                              grpc::CallbackServerContext* ctx)
{
    std::lock_guard lock(m_mutex);
    if (m_entries.size() >= m_config.transfersMax) {
        return std::nullopt;
    }
    std::size_t& mine = m_perUser[userId];
    if (mine >= m_config.transfersPerUser) {
        if (mine == 0) {
            m_perUser.erase(userId);
        }
        return std::nullopt;
    }
    ++mine;
    const Id id = m_next++;
    m_entries.emplace(id, Entry{userId, ctx, Clock::now()});
    return id;
}

void Transfers::touch(Id id)
{
    std::lock_guard lock(m_mutex);
    if (const auto it = m_entries.find(id); it != m_entries.end()) {
        it->second.lastActive = Clock::now();
    }
}

void Transfers::leave(Id id)
{
    std::lock_guard lock(m_mutex);
    if (const auto it = m_entries.find(id); it != m_entries.end()) {
        release(it);
    }
}

void Transfers::release(std::unordered_map<Id, Entry>::iterator it)
{
    if (const auto user = m_perUser.find(it->second.userId);
        user != m_perUser.end() && --user->second == 0) {
        m_perUser.erase(user);
    }
    m_entries.erase(it);
}

std::size_t Transfers::cancelIdle(Clock::time_point now)
{
    std::vector<Id> idle;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [id, entry] : m_entries) {
            if (now - entry.lastActive >= m_config.idleTimeout) {
                idle.push_back(id);
            }
        }
    }
    std::size_t cancelled = 0;
    for (const Id id : idle) {
        // The place is given back before the call is cancelled, so a client
        // that sees its upload cancelled can start the next one at once; the
        // reactor's own leave() then finds nothing. Under the lock, so the
        // call is still there (a reactor leaves before it finishes).
        std::lock_guard lock(m_mutex);
        const auto it = m_entries.find(id);
        if (it == m_entries.end()) {
            continue;
        }
        grpc::CallbackServerContext* ctx = it->second.ctx;
        release(it);
        ++cancelled;
        ctx->TryCancel();
    }
    return cancelled;
}

std::size_t Transfers::open() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

} // namespace confab::backend

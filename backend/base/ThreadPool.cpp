#include "base/ThreadPool.h"
#include "base/Log.h"

#include <spdlog/spdlog.h>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace confab::backend {

ThreadPool::ThreadPool(std::string name, std::size_t threads, std::size_t maxQueued, int niceness)
    : m_name(std::move(name)), m_maxQueued(maxQueued)
{
    m_threads.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) {
        m_threads.emplace_back([this, i, niceness] {
            if (niceness > 0) {
                setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), niceness);
            }
            const std::string threadName = (m_name + "-" + std::to_string(i)).substr(0, 15);
            pthread_setname_np(pthread_self(), threadName.c_str());
            run();
        });
    }
}

ThreadPool::~ThreadPool()
{
    stop();
}

bool ThreadPool::tryPost(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_tasks.size() >= m_maxQueued) {
            return false;
        }
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
    return true;
}

void ThreadPool::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

std::size_t ThreadPool::queued() const
{
    std::lock_guard lock(m_mutex);
    return m_tasks.size();
}

void ThreadPool::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping && m_threads.empty()) {
            return;
        }
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& thread : m_threads) {
        if (thread.joinable()) {
            thread.join();
        }
    }
    m_threads.clear();
}

void ThreadPool::run()
{
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
            if (m_tasks.empty()) {
                return;
            }
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        try {
            task();
        } catch (const std::exception& e) {
            log::server().error("{}: task failed: {}", m_name, e.what());
        }
    }
}

} // namespace confab::backend

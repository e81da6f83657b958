#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace confab::backend {

// A fixed set of threads taking tasks from one queue. The queue is bounded so
// that a flood of requests is turned away at once instead of piling up.
class ThreadPool {
public:
    // `niceness` > 0 runs the threads at a lower priority than the rest of
    // the process (Linux nice value, per thread).
    ThreadPool(std::string name, std::size_t threads, std::size_t maxQueued, int niceness = 0);
    ~ThreadPool();

    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    // Queues a task; false when the queue is full or the pool is stopping.
    [[nodiscard]] bool tryPost(std::function<void()> task);
    // Queues a task even past the bound: for continuations of work that was
    // already admitted, which must not be dropped halfway.
    void post(std::function<void()> task);

    std::size_t queued() const;
    std::size_t threadCount() const { return m_threads.size(); }

    // Runs what is queued, then joins the threads. Idempotent.
    void stop();

private:
    void run();

    std::string m_name;
    std::size_t m_maxQueued;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace confab::backend

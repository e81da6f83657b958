#include "Reference.h"

#include "confab/v1/chat.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <csignal>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <utility>

namespace confab::bench {

namespace {

class ReferenceStream;

class Fanout {
public:
    void add(ReferenceStream* stream)
    {
        std::lock_guard lock(m_mutex);
        m_streams.insert(stream);
    }
    void remove(ReferenceStream* stream)
    {
        std::lock_guard lock(m_mutex);
        m_streams.erase(stream);
    }
    void deliver(const std::shared_ptr<const v1::Event>& event);

private:
    std::mutex m_mutex;
    std::unordered_set<ReferenceStream*> m_streams;
};

// One write in flight and a queue, as in confabd, and nothing else.
class ReferenceStream final : public grpc::ServerWriteReactor<v1::Event> {
public:
    explicit ReferenceStream(Fanout& fanout) : m_fanout(fanout)
    {
        auto synced = std::make_shared<v1::Event>();
        synced->mutable_synced();
        m_fanout.add(this);
        push(std::move(synced));
    }

    void push(std::shared_ptr<const v1::Event> event)
    {
        const v1::Event* next = nullptr;
        {
            std::lock_guard lock(m_mutex);
            if (m_done) {
                return;
            }
            m_queue.push_back(std::move(event));
            if (!m_writing) {
                m_writing = true;
                next = m_queue.front().get();
            }
        }
        if (next) {
            StartWrite(next);
        }
    }

    void OnWriteDone(bool ok) override
    {
        const v1::Event* next = nullptr;
        bool finish = false;
        {
            std::lock_guard lock(m_mutex);
            m_queue.pop_front();
            m_writing = false;
            m_done = m_done || !ok;
            if (m_done) {
                finish = !std::exchange(m_finished, true);
            } else if (!m_queue.empty()) {
                m_writing = true;
                next = m_queue.front().get();
            }
        }
        if (next) {
            StartWrite(next);
        } else if (finish) {
            Finish(grpc::Status::CANCELLED);
        }
    }

    void OnCancel() override
    {
        m_fanout.remove(this);
        bool finish = false;
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
            finish = !m_writing && !std::exchange(m_finished, true);
        }
        if (finish) {
            Finish(grpc::Status::CANCELLED);
        }
    }

    void OnDone() override
    {
        m_fanout.remove(this);
        delete this;
    }

private:
    Fanout& m_fanout;
    std::mutex m_mutex;
    std::deque<std::shared_ptr<const v1::Event>> m_queue;
    bool m_writing = false;
    bool m_done = false;
    bool m_finished = false;
};

void Fanout::deliver(const std::shared_ptr<const v1::Event>& event)
{
    std::lock_guard lock(m_mutex);
    for (auto* stream : m_streams) {
        stream->push(event);
    }
}

class ReferenceChat final : public v1::Chat::CallbackService {
public:
    grpc::ServerUnaryReactor* SendMessage(grpc::CallbackServerContext* ctx,
                                          const v1::SendMessageRequest* request,
                                          v1::Message* response) override
    {
        auto event = std::make_shared<v1::Event>();
        v1::RoomEvent* roomEvent = event->mutable_room_event();
        {
            std::lock_guard lock(m_mutex);
            roomEvent->set_seq(++m_seq);
        }
        roomEvent->set_room_id(request->room_id());
        v1::Message* message = roomEvent->mutable_message_posted();
        message->set_id(std::to_string(roomEvent->seq()));
        message->set_room_id(request->room_id());
        message->set_seq(roomEvent->seq());
        message->set_text(request->text());
        message->set_client_message_id(request->client_message_id());
        *response = *message;
        m_fanout.deliver(event);
        auto* reactor = ctx->DefaultReactor();
        reactor->Finish(grpc::Status::OK);
        return reactor;
    }

    grpc::ServerWriteReactor<v1::Event>* Subscribe(grpc::CallbackServerContext*,
                                                   const v1::SubscribeRequest*) override
    {
        return new ReferenceStream(m_fanout);
    }

private:
    std::mutex m_mutex;
    std::uint64_t m_seq = 0;
    Fanout m_fanout;
};

} // namespace

int runReferenceServer(const std::string& portFile)
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    ReferenceChat service;
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service);
    auto server = builder.BuildAndStart();
    if (!server) {
        return 1;
    }
    {
        std::ofstream out(portFile + ".tmp");
        out << port << '\n';
    }
    std::rename((portFile + ".tmp").c_str(), portFile.c_str());
    int signal = 0;
    sigwait(&signals, &signal);
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
    return 0;
}

} // namespace confab::bench

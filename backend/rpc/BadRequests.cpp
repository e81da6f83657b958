#include "rpc/BadRequests.h"

#include "base/Log.h"

#include <google/protobuf/stubs/logging.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

namespace confab::backend {

namespace {

using grpc::experimental::InterceptionHookPoints;

class BadRequestInterceptor : public grpc::experimental::Interceptor {
public:
    explicit BadRequestInterceptor(const char* method) : m_method(method ? method : "") {}
    // (The method's name is gRPC's, alive as long as the server: nothing is
    // copied for the calls that parse.)

    void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override
    {
        if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
            methods->GetRecvMessage() == nullptr) {
            m_unparsed = true;
        }
        if (m_unparsed &&
            methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
            const std::string_view method(m_method);
            const std::string name(method.substr(method.rfind('/') + 1));
            methods->ModifySendStatus(
                {grpc::StatusCode::INVALID_ARGUMENT,
                 "request: not a valid " + name +
                     " request (malformed, or a text field that is not UTF-8)"});
        }
        methods->Proceed();
    }

private:
    const char* const m_method;
    bool m_unparsed = false;
};

class BadRequestFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
public:
    grpc::experimental::Interceptor*
    CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override
    {
        if (info->type() != grpc::experimental::ServerRpcInfo::Type::UNARY) {
            return nullptr;
        }
        return new BadRequestInterceptor(info->method());
    }
};

// At most kBurst lines per minute; the rest are counted and reported.
constexpr int kBurst = 5;

void logHandler(google::protobuf::LogLevel level, const char* /*file*/, int /*line*/,
                const std::string& message)
{
    static std::mutex mutex;
    static auto windowStart = std::chrono::steady_clock::now();
    static int inWindow = 0;
    static long suppressed = 0;
    std::lock_guard lock(mutex);
    const auto now = std::chrono::steady_clock::now();
    if (now - windowStart >= std::chrono::minutes(1)) {
        if (suppressed > 0) {
            log::rpc().warn("{} more protobuf messages like these were left out", suppressed);
        }
        windowStart = now;
        inWindow = 0;
        suppressed = 0;
    }
    if (++inWindow > kBurst) {
        ++suppressed;
        return;
    }
    if (level >= google::protobuf::LOGLEVEL_ERROR) {
        log::rpc().warn("protobuf: {}", message);
    } else {
        log::rpc().debug("protobuf: {}", message);
    }
}

} // namespace

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
badRequestInterceptors()
{
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
    creators.push_back(std::make_unique<BadRequestFactory>());
    return creators;
}

void captureProtobufLogs()
{
    google::protobuf::SetLogHandler(&logHandler);
}

} // namespace confab::backend

// Every unary request of the API, as a stranger and as a signed-in user
// would send it, through the real server: the gRPC stack, the interceptors,
// validation, the handlers and the store. The first byte picks the method,
// the second whether the call carries a valid token, the rest is the request
// as sent on the wire. A crash, a sanitizer report, or an answer that only a
// bug gives (INTERNAL, UNKNOWN, UNIMPLEMENTED) is a finding.
#include "Server.h"

#include "confab/v1/auth.grpc.pb.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <sodium.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

struct World {
    std::filesystem::path dir;
    std::unique_ptr<confab::backend::Server> server;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<grpc::GenericStub> stub;
    std::vector<std::string> methods;
    std::string token;
};

World* world = nullptr;

std::vector<std::string> unaryMethods()
{
    std::vector<std::string> methods;
    const auto* pool = google::protobuf::DescriptorPool::generated_pool();
    for (const char* name : {"confab.v1.Auth", "confab.v1.Accounts", "confab.v1.Chat"}) {
        const auto* service = pool->FindServiceByName(name);
        if (!service) {
            std::fprintf(stderr, "no service %s\n", name);
            std::abort();
        }
        for (int i = 0; i < service->method_count(); ++i) {
            const auto* method = service->method(i);
            if (!method->client_streaming() && !method->server_streaming()) {
                methods.push_back("/" + std::string(name) + "/" + method->name());
            }
        }
    }
    return methods;
}

// A signed-in user of its own: a new account each time (an input may have
// deleted the last one, changed its password or ended its session).
void signIn()
{
    static int accounts = 0;
    auto auth = confab::v1::Auth::NewStub(world->channel);
    grpc::ClientContext context;
    confab::v1::RegisterRequest request;
    request.set_username("fuzzer" + std::to_string(++accounts));
    request.set_password("correct horse");
    confab::v1::Session session;
    const grpc::Status status = auth->Register(&context, request, &session);
    if (!status.ok()) {
        std::fprintf(stderr, "cannot register: %s\n", status.error_message().c_str());
        std::abort();
    }
    world->token = session.access_token();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    world = new World;
    char pattern[] = "/tmp/confab-fuzz-XXXXXX";
    world->dir = mkdtemp(pattern);
    confab::backend::ServerConfig config;
    config.listen = "127.0.0.1:0";
    config.dataDir = world->dir / "data";
    config.passwordOpsLimit = crypto_pwhash_OPSLIMIT_MIN;
    config.passwordMemLimit = crypto_pwhash_MEMLIMIT_MIN;
    config.listenerProbeInterval = std::chrono::seconds(0);
    config.rates = confab::backend::RateLimitsConfig::unlimited();
    config.throttle.baseDelay = std::chrono::milliseconds(0);
    world->server = std::make_unique<confab::backend::Server>(config);
    world->server->start();
    world->channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(world->server->port()),
                                         grpc::InsecureChannelCredentials());
    world->stub = std::make_unique<grpc::GenericStub>(world->channel);
    world->methods = unaryMethods();

    signIn();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2) {
        return 0;
    }
    // Now and then a fresh account, so that most calls run signed in.
    static unsigned long inputs = 0;
    if (++inputs % 500 == 0) {
        signIn();
    }
    const std::string& method = world->methods[data[0] % world->methods.size()];
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (data[1] & 1) {
        context.AddMetadata("authorization", "Bearer " + world->token);
    }
    grpc::Slice slice(data + 2, size - 2);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::CompletionQueue queue;
    auto call = world->stub->PrepareUnaryCall(&context, method, request, &queue);
    call->StartCall();
    grpc::Status status;
    call->Finish(&response, &status, reinterpret_cast<void*>(1));
    void* tag = nullptr;
    bool ok = false;
    queue.Next(&tag, &ok);
    queue.Shutdown();
    while (queue.Next(&tag, &ok)) {
    }
    switch (status.error_code()) {
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::UNIMPLEMENTED:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
        std::fprintf(stderr, "%s answered %d: %s\n", method.c_str(),
                     static_cast<int>(status.error_code()), status.error_message().c_str());
        std::abort();
    default:
        break;
    }
    return 0;
}

#include "StatusMatchers.h"
#include "TestServer.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <set>

namespace confab::test {
namespace {

// One call of any method with raw bytes, unary or streaming alike: one
// request message, half-close, read what comes, then the status.
grpc::Status callRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                     const std::vector<std::pair<std::string, std::string>>& metadata,
                     std::string* firstResponse = nullptr, bool streaming = false)
{
    grpc::GenericStub stub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    for (const auto& [key, value] : metadata) {
        ctx.AddMetadata(key, value);
    }
    grpc::CompletionQueue cq;
    auto call = stub.PrepareCall(&ctx, method, &cq);
    void* tag = nullptr;
    bool ok = false;
    const auto await = [&] {
        EXPECT_TRUE(cq.Next(&tag, &ok));
        return ok;
    };
    call->StartCall(reinterpret_cast<void*>(1));
    await();
    grpc::Slice empty("", 0);
    grpc::ByteBuffer request(&empty, 1);
    call->Write(request, reinterpret_cast<void*>(2));
    await();
    call->WritesDone(reinterpret_cast<void*>(3));
    await();
    grpc::ByteBuffer response;
    call->Read(&response, reinterpret_cast<void*>(4));
    const bool gotOne = await();
    if (gotOne && streaming) {
        // A stream that was let in stays open: that was all we wanted to see.
        ctx.TryCancel();
    }
    if (gotOne && firstResponse) {
        std::vector<grpc::Slice> slices;
        (void)response.Dump(&slices);
        firstResponse->clear();
        for (const auto& slice : slices) {
            firstResponse->append(reinterpret_cast<const char*>(slice.begin()), slice.size());
        }
    }
    grpc::Status status;
    call->Finish(&status, reinterpret_cast<void*>(5));
    await();
    cq.Shutdown();
    while (cq.Next(&tag, &ok)) {
    }
    return status;
}

struct Method {
    std::string path;
    std::string name;
    bool streaming = false;
};

std::vector<Method> everyConfabMethod()
{
    const auto* pool = google::protobuf::DescriptorPool::generated_pool();
    std::vector<Method> methods;
    for (const char* file :
         {"confab/v1/auth.proto", "confab/v1/account.proto", "confab/v1/chat.proto"}) {
        const auto* descriptor = pool->FindFileByName(file);
        EXPECT_NE(descriptor, nullptr) << file;
        if (!descriptor) {
            continue;
        }
        for (int s = 0; s < descriptor->service_count(); ++s) {
            const auto* service = descriptor->service(s);
            for (int m = 0; m < service->method_count(); ++m) {
                const auto* method = service->method(m);
                methods.push_back({"/" + service->full_name() + "/" + method->name(),
                                   method->full_name(), method->server_streaming()});
            }
        }
    }
    return methods;
}

TEST(AuthenticationWalk, EveryMethodButSignInNeedsAValidToken)
{
    TestServer server;
    Client client(server.channel());
    const v1::Session live = client.registerUser("anna");
    const v1::Session revoked = client.registerUser("bob");
    v1::LogoutResponse loggedOut;
    ASSERT_OK(client.auth->Logout(Client::context(revoked.access_token()).get(), {}, &loggedOut));

    const std::set<std::string> open = {"confab.v1.Auth.Register", "confab.v1.Auth.Login",
                                        "confab.v1.Auth.Refresh"};
    const std::vector<std::vector<std::pair<std::string, std::string>>> badCredentials = {
        {},
        {{"authorization", "Bearer garbage"}},
        {{"authorization", "Bearer " + std::string(43, 'A')}},
        {{"authorization", "bearer " + live.access_token()}},
        {{"authorization", "Token " + live.access_token()}},
        {{"authorization", live.access_token()}},
        {{"authorization", "Bearer  " + live.access_token()}},
        {{"authorization", "Bearer " + live.refresh_token()}},
        {{"authorization", "Bearer " + revoked.access_token()}},
    };

    const std::vector<Method> methods = everyConfabMethod();
    int walked = 0;
    for (const Method& method : methods) {
        if (open.contains(method.name)) {
            continue;
        }
        ++walked;
        for (std::size_t i = 0; i < badCredentials.size(); ++i) {
            EXPECT_STATUS(callRaw(server.channel(), method.path, badCredentials[i], nullptr,
                                  method.streaming),
                          UNAUTHENTICATED)
                << method.name << " with credentials #" << i;
        }
        // A live token is accepted: whatever the answer, it is not about
        // authentication. A fresh session each time, since Logout ends one.
        v1::Session fresh;
        ASSERT_OK(client.login("anna", "correct horse", &fresh));
        const grpc::Status withToken = callRaw(
            server.channel(), method.path, {{"authorization", "Bearer " + fresh.access_token()}},
            nullptr, method.streaming);
        EXPECT_NE(withToken.error_code(), grpc::StatusCode::UNAUTHENTICATED)
            << method.name << ": " << withToken.error_message();
    }
    // Auth 4 + Accounts 8 + Chat 21, less the three that sign in.
    EXPECT_EQ(walked, 30);
    EXPECT_EQ(methods.size(), 33u);
}

TEST(AuthenticationWalk, HealthServiceAnswersWithoutToken)
{
    TestServer server;
    std::string response;
    ASSERT_OK(callRaw(server.channel(), "/grpc.health.v1.Health/Check", {}, &response));
    // HealthCheckResponse{status: SERVING}
    EXPECT_EQ(response, std::string("\x08\x01", 2));
}

} // namespace
} // namespace confab::test

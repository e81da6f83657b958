#pragma once

#include "Runtime.h"

#include "confab/v1/chat.grpc.pb.h"

namespace confab::backend {

// The Chat service. Every call authenticates first.
class ChatService final : public v1::Chat::CallbackService {
public:
    explicit ChatService(Runtime& runtime) : m_rt(runtime) {}

#define CONFAB_CHAT_UNARY(Method, Request, Response)                                               \
    grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* ctx, const v1::Request*,         \
                                     v1::Response*) override                                       \
    {                                                                                              \
        return notYet(ctx, #Method);                                                               \
    }
    CONFAB_CHAT_UNARY(CreateRoom, CreateRoomRequest, Room)
    CONFAB_CHAT_UNARY(ListRooms, ListRoomsRequest, ListRoomsResponse)
    CONFAB_CHAT_UNARY(ListPublicRooms, ListPublicRoomsRequest, ListPublicRoomsResponse)
    CONFAB_CHAT_UNARY(JoinRoom, JoinRoomRequest, Room)
    CONFAB_CHAT_UNARY(LeaveRoom, LeaveRoomRequest, LeaveRoomResponse)
    CONFAB_CHAT_UNARY(InviteMember, InviteMemberRequest, InviteMemberResponse)
    CONFAB_CHAT_UNARY(OpenDirectRoom, OpenDirectRoomRequest, Room)
    CONFAB_CHAT_UNARY(ListMembers, ListMembersRequest, ListMembersResponse)
    CONFAB_CHAT_UNARY(SendMessage, SendMessageRequest, Message)
    CONFAB_CHAT_UNARY(EditMessage, EditMessageRequest, Message)
    CONFAB_CHAT_UNARY(DeleteMessage, DeleteMessageRequest, DeleteMessageResponse)
    CONFAB_CHAT_UNARY(GetHistory, GetHistoryRequest, GetHistoryResponse)
    CONFAB_CHAT_UNARY(MarkRead, MarkReadRequest, MarkReadResponse)
    CONFAB_CHAT_UNARY(SetTyping, SetTypingRequest, SetTypingResponse)
#undef CONFAB_CHAT_UNARY

    grpc::ServerWriteReactor<v1::Event>* Subscribe(grpc::CallbackServerContext* ctx,
                                                   const v1::SubscribeRequest* request) override;

private:
    grpc::ServerUnaryReactor* notYet(grpc::CallbackServerContext* ctx, const char* method);

    Runtime& m_rt;
};

} // namespace confab::backend

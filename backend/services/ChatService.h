#pragma once

#include "bus/Publisher.h"
#include "live/Hub.h"
#include "live/Typing.h"
#include "media/Media.h"
#include "rpc/Runtime.h"

#include "confab/v1/chat.grpc.pb.h"

#include <string>

namespace confab::backend {

// The Chat service: rooms, messages, the room logs and the Subscribe
// stream. Every call authenticates first, then checks membership; what a
// call changes is published after commit. Subscribe is served raw by
// live/SubscribeReactor: each event is serialized once, not once per
// stream. The attachment transfers are served raw by media/Media.
class ChatService final
    : public v1::Chat::WithRawCallbackMethod_UploadAttachment<
          v1::Chat::WithRawCallbackMethod_DownloadAttachment<
              v1::Chat::WithRawCallbackMethod_Subscribe<v1::Chat::CallbackService>>> {
public:
    ChatService(Runtime& runtime, Publisher& publisher, Hub& hub, Typing& typing);

    // Tells the user's rooms (and the user's own streams) of a new profile.
    void profileChanged(const UserRecord& user);

    grpc::ServerUnaryReactor* CreateRoom(grpc::CallbackServerContext* ctx,
                                         const v1::CreateRoomRequest* request,
                                         v1::Room* response) override;
    grpc::ServerUnaryReactor* ListRooms(grpc::CallbackServerContext* ctx,
                                        const v1::ListRoomsRequest* request,
                                        v1::ListRoomsResponse* response) override;
    grpc::ServerUnaryReactor* ListPublicRooms(grpc::CallbackServerContext* ctx,
                                              const v1::ListPublicRoomsRequest* request,
                                              v1::ListPublicRoomsResponse* response) override;
    grpc::ServerUnaryReactor* JoinRoom(grpc::CallbackServerContext* ctx,
                                       const v1::JoinRoomRequest* request,
                                       v1::Room* response) override;
    grpc::ServerUnaryReactor* LeaveRoom(grpc::CallbackServerContext* ctx,
                                        const v1::LeaveRoomRequest* request,
                                        v1::LeaveRoomResponse* response) override;
    grpc::ServerUnaryReactor* InviteMember(grpc::CallbackServerContext* ctx,
                                           const v1::InviteMemberRequest* request,
                                           v1::InviteMemberResponse* response) override;
    grpc::ServerUnaryReactor* OpenDirectRoom(grpc::CallbackServerContext* ctx,
                                             const v1::OpenDirectRoomRequest* request,
                                             v1::Room* response) override;
    grpc::ServerUnaryReactor* ListMembers(grpc::CallbackServerContext* ctx,
                                          const v1::ListMembersRequest* request,
                                          v1::ListMembersResponse* response) override;
    grpc::ServerUnaryReactor* SendMessage(grpc::CallbackServerContext* ctx,
                                          const v1::SendMessageRequest* request,
                                          v1::Message* response) override;
    grpc::ServerUnaryReactor* EditMessage(grpc::CallbackServerContext* ctx,
                                          const v1::EditMessageRequest* request,
                                          v1::Message* response) override;
    grpc::ServerUnaryReactor* DeleteMessage(grpc::CallbackServerContext* ctx,
                                            const v1::DeleteMessageRequest* request,
                                            v1::DeleteMessageResponse* response) override;
    grpc::ServerUnaryReactor* ListInvites(grpc::CallbackServerContext* ctx,
                                          const v1::ListInvitesRequest* request,
                                          v1::ListInvitesResponse* response) override;
    grpc::ServerUnaryReactor* DeclineInvite(grpc::CallbackServerContext* ctx,
                                            const v1::DeclineInviteRequest* request,
                                            v1::DeclineInviteResponse* response) override;
    grpc::ServerUnaryReactor* SearchMessages(grpc::CallbackServerContext* ctx,
                                             const v1::SearchMessagesRequest* request,
                                             v1::SearchMessagesResponse* response) override;
    grpc::ServerUnaryReactor* React(grpc::CallbackServerContext* ctx,
                                    const v1::ReactRequest* request,
                                    v1::ReactResponse* response) override;
    grpc::ServerUnaryReactor* GetHistory(grpc::CallbackServerContext* ctx,
                                         const v1::GetHistoryRequest* request,
                                         v1::GetHistoryResponse* response) override;
    grpc::ServerUnaryReactor* MarkRead(grpc::CallbackServerContext* ctx,
                                       const v1::MarkReadRequest* request,
                                       v1::MarkReadResponse* response) override;
    grpc::ServerUnaryReactor* SetTyping(grpc::CallbackServerContext* ctx,
                                        const v1::SetTypingRequest* request,
                                        v1::SetTypingResponse* response) override;
    grpc::ServerWriteReactor<grpc::ByteBuffer>* Subscribe(grpc::CallbackServerContext* ctx,
                                                          const grpc::ByteBuffer* request) override;
    grpc::ServerReadReactor<grpc::ByteBuffer>*
    UploadAttachment(grpc::CallbackServerContext* ctx, grpc::ByteBuffer* response) override;
    grpc::ServerWriteReactor<grpc::ByteBuffer>*
    DownloadAttachment(grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* request) override;

    Runtime& runtime() { return m_rt; }
    Hub& hub() { return m_hub; }

private:
    // The room as the caller sees it.
    v1::Room roomView(const std::string& roomId, const std::string& userId);
    // The room, when the caller may read it: a member, or anyone for a
    // public room. Throws NOT_FOUND / PERMISSION_DENIED.
    RoomRecord readableRoom(const std::string& roomId, const std::string& userId);

    Runtime& m_rt;
    Publisher& m_publisher;
    Hub& m_hub;
    Typing& m_typing;
    Media m_media;
};

} // namespace confab::backend

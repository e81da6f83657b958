#pragma once

#include "StatusMatchers.h"
#include "TestServer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace confab::test {

// A real server with three registered users (anna, bob, carol) and the chat
// calls tests make most, through real stubs.
class ChatServerFixture : public ::testing::Test {
protected:
    explicit ChatServerFixture(backend::ServerConfig config = testConfig({}))
        : server(std::move(config))
    {}

    TestServer server;
    Client client{server.channel()};
    v1::Session anna = client.registerUser("anna");
    v1::Session bob = client.registerUser("bob");
    v1::Session carol = client.registerUser("carol");

    v1::Room createRoom(const v1::Session& who, const std::string& name,
                        v1::Visibility visibility = v1::VISIBILITY_PRIVATE,
                        const std::vector<std::string>& members = {})
    {
        v1::CreateRoomRequest request;
        request.set_name(name);
        request.set_visibility(visibility);
        for (const auto& member : members) {
            request.add_member_usernames(member);
        }
        v1::Room room;
        EXPECT_OK(
            client.chat->CreateRoom(Client::context(who.access_token()).get(), request, &room));
        return room;
    }

    grpc::Status send(const v1::Session& who, const std::string& roomId, const std::string& text,
                      v1::Message* message = nullptr, const std::string& clientId = {},
                      const std::string& replyTo = {})
    {
        v1::SendMessageRequest request;
        request.set_room_id(roomId);
        request.set_text(text);
        request.set_client_message_id(clientId);
        request.set_reply_to_message_id(replyTo);
        v1::Message ignored;
        return client.chat->SendMessage(Client::context(who.access_token()).get(), request,
                                        message ? message : &ignored);
    }

    v1::Message sendOk(const v1::Session& who, const std::string& roomId, const std::string& text)
    {
        v1::Message message;
        EXPECT_OK(send(who, roomId, text, &message));
        return message;
    }

    grpc::Status history(const v1::Session& who, const std::string& roomId, std::uint64_t beforeSeq,
                         std::uint32_t limit, v1::GetHistoryResponse* response)
    {
        v1::GetHistoryRequest request;
        request.set_room_id(roomId);
        request.set_before_seq(beforeSeq);
        request.set_limit(limit);
        return client.chat->GetHistory(Client::context(who.access_token()).get(), request,
                                       response);
    }

    std::vector<v1::Room> rooms(const v1::Session& who)
    {
        v1::ListRoomsResponse response;
        EXPECT_OK(client.chat->ListRooms(Client::context(who.access_token()).get(), {}, &response));
        return {response.rooms().begin(), response.rooms().end()};
    }

    v1::Room roomOf(const v1::Session& who, const std::string& roomId)
    {
        for (const auto& room : rooms(who)) {
            if (room.id() == roomId) {
                return room;
            }
        }
        ADD_FAILURE() << "room " << roomId << " not in the list";
        return {};
    }

    grpc::Status join(const v1::Session& who, const std::string& roomId)
    {
        v1::JoinRoomRequest request;
        request.set_room_id(roomId);
        v1::Room room;
        return client.chat->JoinRoom(Client::context(who.access_token()).get(), request, &room);
    }

    grpc::Status leave(const v1::Session& who, const std::string& roomId)
    {
        v1::LeaveRoomRequest request;
        request.set_room_id(roomId);
        v1::LeaveRoomResponse response;
        return client.chat->LeaveRoom(Client::context(who.access_token()).get(), request,
                                      &response);
    }

    grpc::Status invite(const v1::Session& who, const std::string& roomId,
                        const std::string& username)
    {
        v1::InviteMemberRequest request;
        request.set_room_id(roomId);
        request.set_username(username);
        v1::InviteMemberResponse response;
        return client.chat->InviteMember(Client::context(who.access_token()).get(), request,
                                         &response);
    }
};

} // namespace confab::test

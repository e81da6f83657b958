#pragma once

#include "store/RoomStore.h"
#include "store/postgres/PgEngine.h"

namespace confab::backend {

class PgRoomStore final : public RoomStore {
public:
    explicit PgRoomStore(pg::Engine& engine) : m_db(engine) {}

    void create(const NewRoom& room, Appended* appended) override;
    std::optional<RoomRecord> byId(const std::string& roomId) override;
    std::optional<RoomRecord> direct(const std::string& directKey) override;
    std::optional<Membership> membership(const std::string& roomId,
                                         const std::string& userId) override;
    RoomActivity activity(const std::string& roomId, const std::string& viewerId) override;
    std::vector<RoomActivity> activityOf(const std::string& userId) override;
    std::vector<PublicRoom> publicRooms(const std::string& prefix, std::size_t limit) override;
    void join(const std::string& roomId, const std::string& userId, Micros now,
              Appended* appended) override;
    void addMember(const std::string& roomId, const std::string& userId, Micros now,
                   Appended* appended) override;
    void leave(const std::string& roomId, const std::string& userId, Micros now,
               Appended* appended) override;
    void invite(const std::string& roomId, const std::string& inviterId,
                const std::string& inviteeId, Micros now) override;
    std::vector<InviteRecord> invitesOf(const std::string& userId) override;
    void decline(const std::string& roomId, const std::string& userId) override;
    std::vector<MemberRecord> members(const std::string& roomId) override;
    std::vector<RoomSeq> seqsOf(const std::string& userId) override;
    std::uint64_t markRead(const std::string& roomId, const std::string& userId,
                           std::uint64_t seq) override;

private:
    pg::Engine& m_db;
};

} // namespace confab::backend

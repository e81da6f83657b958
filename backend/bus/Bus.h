#pragma once

#include "confab/v1/chat.pb.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace confab::backend {

// Something every instance's subscribers may need to hear of, published
// after the change it describes is committed.
struct BusMessage {
    enum class Kind {
        RoomEvent,         // a persistent event: roomId, seq, event (or no payload: the
                           // log of roomId reached seq; read it from the store)
        Ephemeral,         // typing, presence, read marker, profile: rooms/users, event
        MembershipAdded,   // userId became a member of roomId (whose log ends at seq)
        MembershipRemoved, // userId is no longer a member of roomId
        SessionsRevoked,   // sessionIds are revoked: end their streams
        Recheck,           // something may have been lost on the way between instances:
                           // compare what the streams know with the store
    };

    Kind kind = Kind::RoomEvent;
    std::string roomId;
    std::uint64_t seq = 0;
    std::string userId;
    // Ephemeral: delivered to the members of these rooms and to these users.
    std::vector<std::string> rooms;
    std::vector<std::string> users;
    std::vector<std::string> sessionIds;
    // The serialized confab.v1.Event (RoomEvent, Ephemeral): encoded once,
    // however many streams it goes to.
    std::shared_ptr<const std::string> payload;
    // Typing and presence: fine to lose now and then (they are repeated or
    // expire), so a bus may send them the cheap way.
    bool lossy = false;

    static std::shared_ptr<const std::string> encode(const v1::Event& event)
    {
        return std::make_shared<const std::string>(event.SerializeAsString());
    }
};

// Live fan-out between the instances of a deployment. The store is the
// truth: the bus only tells subscribers early, and a subscriber that sees a
// gap reads the store.
class Bus {
public:
    using Handler = std::function<void(const BusMessage&)>;

    virtual ~Bus() = default;
    // Delivers to every instance's handler, this one's included. May block
    // on the network: it is called from the Publisher's thread only.
    virtual void publish(const BusMessage& message) = 0;
    // Sets this instance's handler; called once, before the first publish.
    virtual void setHandler(Handler handler) = 0;
    // Whether the user has a stream open on another instance (as far as
    // this one has heard); never blocks.
    virtual bool onlineElsewhere(const std::string& userId) const
    {
        (void)userId;
        return false;
    }
};

} // namespace confab::backend

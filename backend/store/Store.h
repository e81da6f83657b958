#pragma once

#include "store/MessageStore.h"
#include "store/RoomStore.h"
#include "store/SessionStore.h"
#include "store/UserStore.h"

namespace confab::backend {

// A deployment's storage: one object per concern, all on the same database.
// Implementations: store/sqlite (the embedded default).
class Store {
public:
    virtual ~Store() = default;

    virtual UserStore& users() = 0;
    virtual SessionStore& sessions() = 0;
    virtual RoomStore& rooms() = 0;
    virtual MessageStore& messages() = 0;
};

} // namespace confab::backend

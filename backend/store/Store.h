#pragma once

#include "store/AttachmentStore.h"
#include "store/MessageStore.h"
#include "store/RoomStore.h"
#include "store/SessionStore.h"
#include "store/UserStore.h"

namespace confab::backend {

// A deployment's storage: one object per concern, all on the same database.
// Implementations: store/sqlite (the embedded default), store/postgres (a
// database shared by several instances).
class Store {
public:
    virtual ~Store() = default;

    virtual UserStore& users() = 0;
    virtual SessionStore& sessions() = 0;
    virtual RoomStore& rooms() = 0;
    virtual MessageStore& messages() = 0;
    virtual AttachmentStore& attachments() = 0;

    // Whether the database answers now (a networked one may not).
    virtual bool reachable() { return true; }
};

} // namespace confab::backend

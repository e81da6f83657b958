#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace confab::bench {

struct Setup {
    std::string confabd;         // the server binary
    std::string self;            // this binary, for the reference server
    std::filesystem::path work;  // scratch space
    std::filesystem::path cache; // data kept between runs (B7's database)
    std::size_t b7Messages = 1000000;
};

// One run of a workload: metric name -> value.
using Result = std::map<std::string, double>;

Result runB1(const Setup& setup);
Result runB2(const Setup& setup);
Result runB3(const Setup& setup);
Result runB4(const Setup& setup);
Result runB5(const Setup& setup);
Result runB6(const Setup& setup);
Result runB7(const Setup& setup);
// B7 with confabd on PostgreSQL (a durable server of the bench's own).
Result runB7Postgres(const Setup& setup);
// The fan-out of B2 and the latency of B1 on one and on two instances
// sharing PostgreSQL and Redis (servers of the bench's own).
Result runB9(const Setup& setup);
// Floods from one signed-in stranger (registrations, Subscribe streams,
// sends, typing) while a pair of users chats.
Result runB10(const Setup& setup);
// Attachments: a 25 MiB file up and down over loopback, one at a time and
// ten at once (the server's memory meanwhile).
Result runB11(const Setup& setup);

} // namespace confab::bench

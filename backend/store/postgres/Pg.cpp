#include "store/postgres/Pg.h"

#include <libpq-fe.h>

#include <arpa/inet.h>
#include <endian.h>

#include <cstring>

namespace confab::backend::pg {

namespace {

// Type oids of the columns read (pg_type.h is not part of libpq's headers).
constexpr Oid kBool = 16;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;

std::string errorOf(const pg_conn* conn)
{
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    return message;
}

} // namespace

Result::Result(pg_result* result) : m_result(result)
{}

Result::~Result()
{
    if (m_result) {
        PQclear(m_result);
    }
}

Result::Result(Result&& other) noexcept : m_result(other.m_result)
{
    other.m_result = nullptr;
}

int Result::rows() const
{
    return PQntuples(m_result);
}

std::int64_t Result::affected() const
{
    const char* count = PQcmdTuples(m_result);
    return count && *count ? std::strtoll(count, nullptr, 10) : 0;
}

bool Result::isNull(int row, int column) const
{
    return PQgetisnull(m_result, row, column) != 0;
}

std::int64_t Result::integer(int row, int column) const
{
    if (isNull(row, column)) {
        return 0;
    }
    const char* value = PQgetvalue(m_result, row, column);
    switch (PQftype(m_result, column)) {
    case kInt8: {
        std::uint64_t big;
        std::memcpy(&big, value, sizeof big);
        return static_cast<std::int64_t>(be64toh(big));
    }
    case kInt4: {
        std::uint32_t big;
        std::memcpy(&big, value, sizeof big);
        return static_cast<std::int32_t>(ntohl(big));
    }
    case kInt2: {
        std::uint16_t big;
        std::memcpy(&big, value, sizeof big);
        return static_cast<std::int16_t>(ntohs(big));
    }
    case kBool:
        return value[0] != 0;
    default:
        throw std::logic_error("column " + std::to_string(column) + " is not an integer");
    }
}

std::string_view Result::view(int row, int column) const
{
    return {PQgetvalue(m_result, row, column),
            static_cast<std::size_t>(PQgetlength(m_result, row, column))};
}

std::string Result::text(int row, int column) const
{
    return std::string(view(row, column));
}

Connection::Connection(const std::string& conninfo)
{
    // `conninfo` (a postgresql:// URI or key=value pairs) is expanded as the
    // dbname; what follows it overrides: no connection attempt waits long.
    const char* const keywords[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* const values[] = {conninfo.c_str(), "5", "confabd", nullptr};
    m_conn = PQconnectdbParams(keywords, values, 1);
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        const std::string message = errorOf(m_conn);
        PQfinish(m_conn);
        m_conn = nullptr;
        throw Error("08006", "cannot connect to PostgreSQL: " + message, true);
    }
    // Say nothing on stderr of ours: notices are for the server's log.
    PQsetNoticeProcessor(
        m_conn, [](void*, const char*) {}, nullptr);
}

Connection::~Connection()
{
    PQfinish(m_conn);
}

bool Connection::ok() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

void Connection::fail(pg_result* result, const std::string& what)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string message = result ? PQresultErrorMessage(result) : "";
    if (result) {
        PQclear(result);
    }
    if (message.empty()) {
        message = errorOf(m_conn);
    }
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    // Class 08 (connection exception), 57P01..57P03 (the server shuts down
    // or cannot take connections now), or a connection libpq gave up on.
    const bool lost = !ok() || sqlstate.starts_with("08") || sqlstate == "57P01" ||
                      sqlstate == "57P02" || sqlstate == "57P03";
    throw Error(sqlstate.empty() && lost ? "08006" : sqlstate, what + ": " + message, lost);
}

void Connection::run(const std::string& sql)
{
    pg_result* result = PQexec(m_conn, sql.c_str());
    const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        fail(result, "PostgreSQL");
    }
    PQclear(result);
}

Result Connection::exec(const std::string& sql, const Params& params)
{
    auto found = m_prepared.find(sql);
    if (found == m_prepared.end()) {
        std::string name = "s" + std::to_string(m_prepared.size());
        pg_result* prepared = PQprepare(m_conn, name.c_str(), sql.c_str(), 0, nullptr);
        if (!prepared || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
            fail(prepared, "PostgreSQL");
        }
        PQclear(prepared);
        found = m_prepared.emplace(sql, std::move(name)).first;
    }
    const int count = params.size();
    std::vector<const char*> values(static_cast<std::size_t>(count));
    std::vector<int> lengths(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const auto& value = params.values()[static_cast<std::size_t>(i)];
        values[static_cast<std::size_t>(i)] = value ? value->data() : nullptr;
        lengths[static_cast<std::size_t>(i)] = value ? static_cast<int>(value->size()) : 0;
    }
    pg_result* result = PQexecPrepared(m_conn, found->second.c_str(), count, values.data(),
                                       lengths.data(), params.formats().data(), 1);
    const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        fail(result, "PostgreSQL");
    }
    return Result(result);
}

} // namespace confab::backend::pg

#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

// A thin layer over libpq: one connection, statements prepared once per
// connection, parameters sent as text (bytes as binary), results read in
// binary form (no escaping of bytea, integers without parsing).
namespace confab::backend::pg {

class Error : public std::runtime_error {
public:
    Error(std::string sqlstate, const std::string& message, bool connectionLost)
        : std::runtime_error(message),
          m_sqlstate(std::move(sqlstate)),
          m_connectionLost(connectionLost)
    {}
    const std::string& sqlstate() const { return m_sqlstate; }
    // The server is gone or refuses work (network, restart, shutdown): the
    // operation may succeed later on another connection.
    bool connectionLost() const { return m_connectionLost; }
    bool isUniqueViolation() const { return m_sqlstate == "23505"; }
    bool isForeignKeyViolation() const { return m_sqlstate == "23503"; }
    // A deadlock or serialization failure: running it again may succeed.
    bool isRetryable() const { return m_sqlstate == "40P01" || m_sqlstate == "40001"; }

private:
    std::string m_sqlstate;
    bool m_connectionLost;
};

// Bytes for a bytea parameter (sent in binary form).
struct Bytes {
    std::string_view data;
};

// The parameters of one statement, in order ($1, $2, ...).
class Params {
public:
    template <typename... Args>
    explicit Params(const Args&... args)
    {
        (add(args), ...);
    }

    void add(std::nullopt_t) { push(std::nullopt, false); }
    void add(std::string_view text) { push(std::string(text), false); }
    void add(const std::string& text) { push(text, false); }
    void add(const char* text) { push(std::string(text), false); }
    void add(Bytes bytes) { push(std::string(bytes.data), true); }
    void add(bool value) { push(value ? "t" : "f", false); }
    void add(int value) { push(std::to_string(value), false); }
    void add(long value) { push(std::to_string(value), false); }
    void add(long long value) { push(std::to_string(value), false); }
    void add(unsigned long value) { push(std::to_string(value), false); }
    void add(unsigned long long value) { push(std::to_string(value), false); }
    template <typename T>
    void add(const std::optional<T>& value)
    {
        if (value) {
            add(*value);
        } else {
            add(std::nullopt);
        }
    }

    int size() const { return static_cast<int>(m_values.size()); }
    const std::vector<std::optional<std::string>>& values() const { return m_values; }
    const std::vector<int>& formats() const { return m_formats; }

private:
    void push(std::optional<std::string> value, bool binary)
    {
        m_values.push_back(std::move(value));
        m_formats.push_back(binary ? 1 : 0);
    }

    std::vector<std::optional<std::string>> m_values;
    std::vector<int> m_formats;
};

// The rows of one statement, in binary form.
class Result {
public:
    explicit Result(pg_result* result);
    ~Result();
    Result(Result&& other) noexcept;
    Result& operator=(Result&&) = delete;
    Result(const Result&) = delete;

    int rows() const;
    bool empty() const { return rows() == 0; }
    // Rows changed by an INSERT, UPDATE or DELETE.
    std::int64_t affected() const;

    bool isNull(int row, int column) const;
    // int2, int4, int8 or bool columns.
    std::int64_t integer(int row, int column) const;
    // text or bytea columns: their bytes.
    std::string text(int row, int column) const;
    std::string_view view(int row, int column) const;

private:
    pg_result* m_result;
};

// One connection. Not thread-safe: each thread uses its own.
class Connection {
public:
    // Throws Error (connectionLost) when the server cannot be reached.
    explicit Connection(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Statements without parameters or rows (BEGIN, SAVEPOINT, DDL); several
    // may be given at once.
    void run(const std::string& sql);
    // A statement prepared once per connection and reused.
    Result exec(const std::string& sql, const Params& params);
    template <typename... Args>
    Result query(const std::string& sql, const Args&... args)
    {
        return exec(sql, Params(args...));
    }

    // False once the connection is broken; it is then thrown away.
    bool ok() const;

private:
    [[noreturn]] void fail(pg_result* result, const std::string& what);

    pg_conn* m_conn = nullptr;
    std::unordered_map<std::string, std::string> m_prepared;
};

} // namespace confab::backend::pg

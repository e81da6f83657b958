#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace confab::backend::sqlite {

class Error : public std::runtime_error {
public:
    Error(int code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    int code() const { return m_code; }
    bool isConstraint() const;

private:
    int m_code;
};

// A prepared statement; reset and rebound for every use.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::uint64_t value)
    {
        return bind(index, static_cast<std::int64_t>(value));
    }
    Statement& bind(int index, bool value) { return bind(index, value ? 1 : 0); }
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text)
    {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, std::string_view bytes);
    Statement& bindNull(int index);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Binds all values in order from index 1.
    template <typename... Args>
    Statement& with(const Args&... args)
    {
        reset();
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }

    // Advances; true while a row is available.
    bool step();
    // Runs to completion, for statements without rows.
    void run();
    void reset();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    std::string blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// One connection. Not thread-safe: each thread uses its own.
class Database {
public:
    Database(const std::filesystem::path& path, bool readOnly);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    // A statement prepared once per connection and reused; `sql` must be a
    // string literal (its address is the cache key).
    Statement& prepare(const char* sql);
    // Resets every cached statement so that no read transaction stays open.
    void resetAll();
    std::int64_t changes() const;
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    std::map<const char*, std::unique_ptr<Statement>> m_cache;
};

} // namespace confab::backend::sqlite

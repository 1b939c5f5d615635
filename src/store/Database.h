// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace understudy::store {

class Database;

/// @brief A prepared statement owned by its Database's cache; reset on every exec().
class Statement {
public:
    Statement(Database *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, const QString &value);
    Statement &bind(int index, QStringView value);
    Statement &bind(int index, const char16_t *value) { return bind(index, QStringView(value)); }
    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, bool value) { return bind(index, qint64(value ? 1 : 0)); }
    /// @brief Deleted: a narrow string literal would otherwise bind silently as a bool.
    Statement &bind(int index, const char *value) = delete;
    Statement &bind(int index, const QByteArray &blob);
    Statement &bindNull(int index);
    /// @brief Binds a null QString as SQL NULL, anything else as text.
    Statement &bindOptional(int index, const QString &value);

    /// @brief Steps once: true while there is a row, false when done.
    Result<bool> next();
    /// @brief Runs to completion, ignoring rows.
    Status exec();
    /// @brief Runs to completion, calling @p fn on every row; resets the statement afterwards.
    Status forEachRow(const std::function<void(Statement &)> &fn);
    void reset();

    int columnCount() const;
    QString text(int col) const;
    qint64 int64(int col) const;
    double real(int col) const;
    bool isNull(int col) const;
    QByteArray blob(int col) const;

private:
    Database *m_db;
    sqlite3_stmt *m_stmt;
};

/// @brief A thin RAII layer over one sqlite3 connection (one per thread): cached prepared statements,
/// tagged transactions, errors as values, and a fault hook for tests.
class Database {
public:
    struct Options {
        bool readOnly = false;
        int busyTimeoutMs = 5000;
        /// @brief Switch the file to WAL on open. Off lets a caller inspect a file before anything is written to it.
        bool wal = true;
    };
    static Result<std::unique_ptr<Database>> open(const QString &path, const Options &options);
    static Result<std::unique_ptr<Database>> open(const QString &path) { return open(path, Options{}); }
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// @brief Runs one or more statements without parameters.
    Status exec(const QString &sql);
    /// @brief A cached, reset statement; the pointer stays valid as long as the Database.
    /// Calling prepare() again with the same SQL resets it, so don't nest uses of one statement.
    Result<Statement *> prepare(const QString &sql);
    /// @brief A statement of the caller's own (not cached), for iterations whose callbacks may use the cache.
    Result<std::unique_ptr<Statement>> prepareOwned(const QString &sql);

    /// @brief RAII transaction: rolls back unless commit() succeeds. Tagged with a reason for the logs.
    /// Opened while another transaction is open, it is a savepoint inside it: commit() releases the savepoint,
    /// destruction rolls back to it, and only the outermost commit makes the work durable.
    class Transaction {
    public:
        Transaction(Transaction &&other) noexcept;
        ~Transaction();
        Status commit();
        const Status &status() const { return m_begin; }

    private:
        friend class Database;
        Transaction(Database *db, const char *reason);
        Database *m_db;
        const char *m_reason;
        Status m_begin;
        bool m_open = false;
        bool m_nested = false;
    };
    Transaction transaction(const char *reason);

    /// @brief The schema version, or -1 when it cannot be read.
    int userVersion();
    Status setUserVersion(int version);
    int changes() const;
    /// @brief True while a transaction is open on this connection.
    bool inTransaction() const;
    sqlite3 *handle() const { return m_db; }
    QString path() const { return m_path; }

    /// @brief Tests only: the @p n th statement step from now fails with @p code (an SQLITE_* code). 0 disables.
    /// Every Statement::next() and every exec() (BEGIN and COMMIT included) counts as one step.
    void failAfter(int n, int code);

    /// @brief Maps an SQLite result code to an Error (SQLITE_FULL → DiskFull with a clear message).
    Error errorFor(int rc, const QString &context) const;

private:
    friend class Statement;
    explicit Database(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path)) {}
    int injectedFault();
    Result<sqlite3_stmt *> prepareRaw(const QString &sql, unsigned flags);

    sqlite3 *m_db;
    QString m_path;
    QHash<QString, Statement *> m_cache;
    int m_failCountdown = 0;
    int m_failCode = 0;
};

} // namespace understudy::store

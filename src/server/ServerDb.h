// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

struct sqlite3_stmt;

namespace understudy::server {

/// @brief Where the server keeps its data: a SQLite file or a PostgreSQL database.
struct DatabaseConfig {
    enum class Backend { Sqlite, Postgres };
    Backend backend = Backend::Sqlite;
    QString path; ///< SQLite file
    QString host; ///< PostgreSQL
    int port = 5432;
    QString user;
    QString password;
    QString name;           ///< PostgreSQL database name
    QString connectOptions; ///< extra libpq options from the URL's query ("sslmode=require")
    /// SQLite: synchronous=FULL, so an acknowledged commit survives power loss (the WAL is synced at every
    /// commit); false is NORMAL, which survives a crash of the process but may lose the last commits on power
    /// loss (--sqlite-synchronous normal).
    bool sqliteFullSync = true;

    /// @brief Parses "sqlite:///abs/path.db", "sqlite:relative.db" or "postgresql://user:pass@host:port/db".
    static Result<DatabaseConfig> fromUrl(const QString &url);
    /// @brief "sqlite" or "postgresql", as GET /health reports it.
    QString backendName() const;
    /// @brief The URL without the password, for logs.
    QString describe() const;
};

/// @brief The server's database: one lazily opened QSqlDatabase connection per thread (QtSql connections may
/// only be used on the thread that opened them), the schema migrations, and transactions.
///
/// Nothing here keeps state that matters between requests, so several processes may share one PostgreSQL.
class ServerDb {
public:
    explicit ServerDb(DatabaseConfig config);
    ~ServerDb();
    ServerDb(const ServerDb &) = delete;
    ServerDb &operator=(const ServerDb &) = delete;

    const DatabaseConfig &config() const { return m_config; }
    bool isPostgres() const { return m_config.backend == DatabaseConfig::Backend::Postgres; }

    /// @brief This thread's connection, opened on first use.
    Result<QSqlDatabase> connection();

    /// @brief Brings the schema to the current version (forward only); safe when several processes start at once.
    /// @brief Brings the schema to the latest version in one transaction; @p afterVersion (if set) runs inside it
    /// after each version's SQL, for steps SQL cannot express (ServerStore::migrate).
    Status migrate(const std::function<Status(int version)> &afterVersion = {});
    /// @brief The schema version the database is at.
    Result<int> schemaVersion();
    static int currentSchemaVersion();

    /// @brief Runs @p sql with positional '?' @p binds on this thread's connection.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &binds = {});

    /// @brief A statement for execAll(): SQL with positional '?' and its values.
    struct Statement {
        QString sql;
        QVariantList binds;
    };
    /// @brief Runs @p statements in order, as exec() one after the other would, and returns their results. On
    /// PostgreSQL they travel together (libpq's pipeline mode): one round trip for all of them. The first failure
    /// fails the call, and the statements after it do not run (in a transaction, which is then aborted).
    Result<std::vector<QSqlQuery>> execAll(const QList<Statement> &statements);
    /// @brief Inside transaction(): @p statement runs when the transaction commits, just before the COMMIT and in
    /// its round trip on PostgreSQL (elsewhere, now); if it fails the transaction rolls back. For a transaction's
    /// last write, whose result nobody reads, while a lock is held: one round trip less under the lock.
    Status execAtCommit(const Statement &statement);

    /// @brief Inserts rows: @p insertPrefix is "INSERT INTO t (a, b) VALUES ", @p values holds @p columns values per
    /// row. PostgreSQL gets multi-row statements (fewer round trips); SQLite one prepared statement per row
    /// (QSQLITE's positional binding is quadratic in the number of parameters). @p suffix follows the rows
    /// (an ON CONFLICT clause; rows of one call must not conflict with each other).
    Status insertRows(const QString &insertPrefix, int columns, const QVariantList &values, const QString &suffix = {});
    /// @brief insertRows() for rows some of which may be stored already: @p keyColumn is the unique key (named
    /// @p keyName), and a row whose key is taken is skipped. Returns the keys of the rows inserted (PostgreSQL
    /// learns them through RETURNING, SQLite from each row's change count). Keys must not repeat within a call.
    Result<QSet<QString>> insertNewRows(const QString &insertPrefix, int columns, const QVariantList &values,
                                        int keyColumn, const QString &keyName);

    /// @brief Runs @p fn in one transaction and commits, or rolls back on an error. With @p changes the
    /// transaction first takes the change-writer lock, so sequence numbers are handed out in commit order.
    /// Deadlocks and serialisation failures are retried a few times.
    Status transaction(const char *reason, bool changes, const std::function<Status()> &fn);
    /// @brief Takes the change-writer lock inside a transaction begun without it (transaction(…, false, …)), so
    /// that only the transaction's last steps, those that hand out sequence numbers, take turns with the other
    /// writers of the feed (in every process) and the work before them runs beside theirs. Held until the
    /// transaction ends. PostgreSQL only; on SQLite the transaction holds the one write lock already.
    Status lockChanges();
    /// @brief lockChanges() and then exec() of @p sql, in one round trip on PostgreSQL.
    Result<QSqlQuery> lockChangesAnd(const QString &sql, const QVariantList &binds);

    /// @brief A consistent copy of the database in @p file, taken while others read and write: SQLite's
    /// VACUUM INTO (a database file; restore by putting it in place of the old one), PostgreSQL's pg_dump in its
    /// custom format (restore with pg_restore). Written beside @p file first and renamed when complete; an
    /// existing @p file is never overwritten.
    Status backupTo(const QString &file);

    /// @brief SQLite: copies the WAL back into the database on a thread of its own, every @p intervalMs,
    /// rather than in whichever commit crosses the auto-checkpoint size (that writer would hold the write lock
    /// meanwhile, and every other writer would wait). The auto-checkpoint stays as a backstop. A no-op on
    /// PostgreSQL and when already running; stops with this object.
    void startBackgroundCheckpoints(int intervalMs = 200);

private:
    /// Log size (pages) from which a background checkpoint also starts the log over; see checkpoint().
    static constexpr int kRestartFrames = 16384;
    static constexpr int kRestartWaitMs = 20;
    Status dumpPostgres(const QString &file);
    /// @brief One round of the background checkpointer.
    void checkpoint();
    /// @brief PostgreSQL: @p sql with its values as bind parameters (libpq), one round trip.
    Result<QSqlQuery> execPostgres(QSqlDatabase &db, const QString &sql, const QVariantList &binds);
    /// @brief PostgreSQL: execAll() in pipeline mode.
    Result<std::vector<QSqlQuery>> pipelinePostgres(QSqlDatabase &db, const QList<Statement> &statements);
    /// @brief SQLite: this thread's prepared statement for @p sql, prepared on first use and kept for the
    /// connection's life (finalized before it closes).
    Result<sqlite3_stmt *> statement(const QString &sql);
    /// @brief SQLite: binds values [offset, offset + columns) of @p values to @p st, runs it once and resets it.
    static Status stepRow(sqlite3_stmt *st, const QVariantList &values, qsizetype offset, int columns);
    Status begin(bool changes);
    Status finish(bool commit);

    DatabaseConfig m_config;
    quint64 m_instance;
    /// SQLite has one writer at a time anyway; queueing this process's writers here instead of in SQLite's
    /// busy handler (which sleeps and polls) keeps latency fair. Other processes still meet the busy timeout.
    std::mutex m_sqliteWriters;
    std::mutex m_checkpointMutex;
    std::condition_variable m_checkpointStop;
    bool m_stopCheckpoints = false;
    std::atomic<bool> m_backgroundCheckpoints{false};
    std::thread m_checkpointer;
};

} // namespace understudy::server

// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <QLoggingCategory>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace understudy::store {

Q_LOGGING_CATEGORY(lcStoreDb, "understudy.store.db", QtInfoMsg)

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, const QString &value)
{
    return bind(index, QStringView(value));
}

Statement &Statement::bind(int index, QStringView value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &blob)
{
    sqlite3_bind_blob(m_stmt, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement &Statement::bindOptional(int index, const QString &value)
{
    return value.isNull() ? bindNull(index) : bind(index, value);
}

Result<bool> Statement::next()
{
    int rc = m_db->injectedFault();
    if (rc == SQLITE_OK)
        rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const Error e = m_db->errorFor(rc, QString::fromUtf8(sqlite3_sql(m_stmt)).left(80));
    sqlite3_reset(m_stmt);
    return e;
}

Status Statement::exec()
{
    for (;;) {
        auto r = next();
        if (!r)
            return r.error();
        if (!*r)
            break;
    }
    reset();
    return ok();
}

Status Statement::forEachRow(const std::function<void(Statement &)> &fn)
{
    for (;;) {
        auto r = next();
        if (!r)
            return r.error();
        if (!*r)
            break;
        fn(*this);
    }
    reset();
    return ok();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

QString Statement::text(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    if (!p)
        return {};
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col));
}

qint64 Statement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

double Statement::real(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}

bool Statement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

QByteArray Statement::blob(int col) const
{
    const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
    return QByteArray(p, sqlite3_column_bytes(m_stmt, col));
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const Options &options)
{
    sqlite3 *db = nullptr;
    const int flags = (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close(db);
        return Error{Error::Code::Io, u"cannot open the database: %1"_s.arg(msg), path, 0};
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options.busyTimeoutMs);
    std::unique_ptr<Database> out(new Database(db, path));
    // A file that is not a database only fails on its first read: read before any pragma can write to it.
    if (const int check = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
        check != SQLITE_OK) {
        const int primary = check & 0xff;
        if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
            return Error{Error::Code::Invalid,
                         u"not an Understudy database: the file is not SQLite or is damaged (%1)"_s.arg(
                             QString::fromUtf8(sqlite3_errmsg(db))),
                         path, 0};
        const Error e = out->errorFor(check, u"reading the schema"_s);
        return Error{e.code, e.message, path, 0};
    }
    if (!options.readOnly) {
        // NORMAL sync is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
        if (auto s = out->exec(u"PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"_s); !s)
            return Error{s.error().code, s.error().message, path, 0};
        // WAL: readers never block the writer.
        if (options.wal) {
            if (auto s = out->exec(u"PRAGMA journal_mode=WAL"_s); !s)
                return Error{s.error().code, s.error().message, path, 0};
        }
    }
    return out;
}

Database::~Database()
{
    qDeleteAll(m_cache);
    m_cache.clear();
    sqlite3_close(m_db);
}

int Database::injectedFault()
{
    if (m_failCountdown > 0 && --m_failCountdown == 0)
        return m_failCode;
    return SQLITE_OK;
}

void Database::failAfter(int n, int code)
{
    m_failCountdown = n;
    m_failCode = code;
}

Error Database::errorFor(int rc, const QString &context) const
{
    const int primary = rc & 0xff;
    Error e;
    e.file = m_path;
    switch (primary) {
    case SQLITE_FULL:
        e.code = Error::Code::DiskFull;
        e.message = u"the disk is full (or the database reached its size limit); nothing was changed — free some space and try again"_s;
        return e;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        e.code = Error::Code::Busy;
        break;
    case SQLITE_CONSTRAINT:
        e.code = Error::Code::Constraint;
        break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        e.code = Error::Code::Io;
        break;
    default:
        e.code = Error::Code::Generic;
    }
    // The connection's message only describes rc if it came from the connection (not from the fault hook).
    const QString detail = sqlite3_extended_errcode(m_db) == rc ? QString::fromUtf8(sqlite3_errmsg(m_db))
                                                                : QString::fromUtf8(sqlite3_errstr(rc));
    e.message = u"database error: %1 (%2)"_s.arg(detail, context);
    return e;
}

Status Database::exec(const QString &sql)
{
    if (int rc = injectedFault(); rc != SQLITE_OK)
        return errorFor(rc, sql.left(80));
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK)
        return errorFor(rc, sql.left(80));
    return ok();
}

Result<sqlite3_stmt *> Database::prepareRaw(const QString &sql, unsigned flags)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()), flags, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return errorFor(rc, sql.left(80));
    return stmt;
}

Result<Statement *> Database::prepare(const QString &sql)
{
    if (Statement *s = m_cache.value(sql)) {
        s->reset();
        return s;
    }
    auto stmt = prepareRaw(sql, SQLITE_PREPARE_PERSISTENT);
    if (!stmt)
        return stmt.error();
    auto *s = new Statement(this, *stmt);
    m_cache.insert(sql, s);
    return s;
}

Result<std::unique_ptr<Statement>> Database::prepareOwned(const QString &sql)
{
    auto stmt = prepareRaw(sql, 0);
    if (!stmt)
        return stmt.error();
    return std::make_unique<Statement>(this, *stmt);
}

int Database::userVersion()
{
    sqlite3_stmt *stmt = nullptr;
    int v = -1;
    if (sqlite3_prepare_v2(m_db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

Status Database::setUserVersion(int version)
{
    return exec(u"PRAGMA user_version = %1"_s.arg(version));
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

Database::Transaction Database::transaction(const char *reason)
{
    return Transaction(this, reason);
}

Database::Transaction::Transaction(Database *db, const char *reason) : m_db(db), m_reason(reason), m_begin(ok())
{
    m_nested = m_db->inTransaction();
    m_begin = m_db->exec(m_nested ? u"SAVEPOINT nested"_s : u"BEGIN IMMEDIATE"_s);
    m_open = m_begin.ok();
    if (m_open)
        qCDebug(lcStoreDb) << "begin" << reason;
}

Database::Transaction::Transaction(Transaction &&other) noexcept
    : m_db(other.m_db), m_reason(other.m_reason), m_begin(other.m_begin), m_open(other.m_open), m_nested(other.m_nested)
{
    other.m_open = false;
}

Database::Transaction::~Transaction()
{
    if (m_open) {
        qCInfo(lcStoreDb) << "rolling back" << m_reason;
        sqlite3_exec(m_db->m_db, m_nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK", nullptr, nullptr,
                     nullptr);
    }
}

Status Database::Transaction::commit()
{
    if (!m_open)
        return m_begin.ok() ? Status(Error::make(Error::Code::Generic, u"transaction already finished"_s)) : m_begin;
    auto s = m_db->exec(m_nested ? u"RELEASE nested"_s : u"COMMIT"_s);
    if (!s)
        return s; // still open: the destructor rolls back
    m_open = false;
    return ok();
}

} // namespace understudy::store

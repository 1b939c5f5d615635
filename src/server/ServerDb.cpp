// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerDb.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>
#include <QSqlResult>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServerDb, "understudy.server.db")

namespace understudy::server {

namespace {

std::atomic<quint64> g_nextInstance{1};
std::atomic<quint64> g_nextConnection{1};

// Connections this thread opened, by ServerDb instance; closed and removed when the thread ends.
struct ThreadConnections {
    QHash<quint64, QString> names;
    QHash<quint64, QHash<QString, sqlite3_stmt *>> statements; ///< SQLite: kept prepared (ServerDb::statement)
    QHash<quint64, QList<ServerDb::Statement>> atCommit;       ///< PostgreSQL: ServerDb::execAtCommit()

    /// Finalizes the connection's statements (a SQLite connection with live statements does not close).
    void dropStatements(quint64 instance)
    {
        for (sqlite3_stmt *s : statements.take(instance))
            sqlite3_finalize(s);
    }
    void close(quint64 instance)
    {
        dropStatements(instance);
        const QString name = names.take(instance);
        if (name.isEmpty())
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    ~ThreadConnections()
    {
        for (quint64 instance : names.keys())
            close(instance);
    }
};
thread_local ThreadConnections t_connections;

// The schema, one entry per version; never edit a released step, add one.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        {
            u"CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, "
            "disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)"_s,
            u"CREATE TABLE tokens (hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, created_ms BIGINT NOT NULL, "
            "expires_ms BIGINT NOT NULL)"_s,
            u"CREATE INDEX tokens_user ON tokens (user_name)"_s,
            u"CREATE TABLE failed_logins (name TEXT NOT NULL, address TEXT NOT NULL, at_ms BIGINT NOT NULL)"_s,
            u"CREATE INDEX failed_logins_name ON failed_logins (name, at_ms)"_s,
            u"CREATE INDEX failed_logins_address ON failed_logins (address, at_ms)"_s,
            u"CREATE TABLE tickets (id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL, "
            "claimed_by TEXT, data TEXT NOT NULL, updated_ms BIGINT NOT NULL)"_s,
            u"CREATE INDEX tickets_status ON tickets (status, created_at)"_s,
            u"CREATE TABLE articles (id TEXT PRIMARY KEY, origin TEXT, data TEXT NOT NULL, updated_ms BIGINT NOT NULL)"_s,
            u"CREATE TABLE events (id TEXT PRIMARY KEY, agent TEXT NOT NULL, kind TEXT NOT NULL, "
            "ticket_id TEXT NOT NULL, at_ms BIGINT NOT NULL, data TEXT NOT NULL, received_ms BIGINT NOT NULL)"_s,
            u"CREATE INDEX events_agent_at ON events (agent, at_ms)"_s,
            u"CREATE INDEX events_at ON events (at_ms)"_s,
            u"CREATE TABLE replies (idempotency_key TEXT PRIMARY KEY, reply_id TEXT NOT NULL UNIQUE, "
            "ticket_id TEXT NOT NULL, author TEXT NOT NULL, event_id TEXT, body TEXT NOT NULL, at TEXT NOT NULL)"_s,
            u"CREATE TABLE changes (seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL)"_s,
        },
        {
            // v2: the event fields the statistics aggregate, as columns (filled from the stored JSON for old rows);
            // when each agent first saw a draft for each ticket, and on sends that time (open → send); teams.
            u"ALTER TABLE events ADD COLUMN reason TEXT"_s,
            u"ALTER TABLE events ADD COLUMN kept DOUBLE PRECISION"_s,
            u"ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION"_s,
            u"ALTER TABLE events ADD COLUMN engine TEXT"_s,
            u"ALTER TABLE events ADD COLUMN open_ms BIGINT"_s,
            // The knowledge gaps: the ticket's intent, the draft's first source ("kind:id"), and whether the draft
            // had a problem (rejected, flagged, or shown below 50 % or without a source) — examples are found by
            // the two partial indexes below.
            u"ALTER TABLE events ADD COLUMN intent TEXT"_s,
            u"ALTER TABLE events ADD COLUMN source TEXT"_s,
            u"ALTER TABLE events ADD COLUMN problem INTEGER NOT NULL DEFAULT 0"_s,
            // reason holds the code only ("other: free text" → "other")
            u"sqlite:UPDATE events SET reason = json_extract(data, '$.reason'), "
            "kept = json_extract(data, '$.edit.kept'), confidence = json_extract(data, '$.confidence'), "
            "engine = json_extract(data, '$.engine'), intent = json_extract(data, '$.intent'), "
            "source = json_extract(data, '$.sources[0].kind') || ':' || json_extract(data, '$.sources[0].id')"_s,
            u"sqlite:UPDATE events SET reason = trim(substr(reason, 1, instr(reason, ':') - 1)) "
            "WHERE instr(reason, ':') > 0"_s,
            u"pg:UPDATE events SET reason = data::json->>'reason', "
            "kept = (data::json->'edit'->>'kept')::double precision, "
            "confidence = (data::json->>'confidence')::double precision, engine = data::json->>'engine', "
            "intent = data::json->>'intent', "
            "source = (data::json->'sources'->0->>'kind') || ':' || (data::json->'sources'->0->>'id')"_s,
            u"UPDATE events SET problem = 1 WHERE kind IN ('rejected', 'flagged') OR (kind = 'shown' AND "
            "(confidence < 0.5 OR source IS NULL))"_s,
            u"CREATE INDEX events_problem_intent ON events (intent, at_ms) WHERE problem = 1"_s,
            u"CREATE INDEX events_problem_source ON events (source, at_ms) WHERE problem = 1"_s,
            u"CREATE TABLE gap_reviews (kind TEXT NOT NULL, key TEXT NOT NULL, by_name TEXT NOT NULL, "
            "at_ms BIGINT NOT NULL, PRIMARY KEY (kind, key))"_s,
            u"pg:UPDATE events SET reason = trim(split_part(reason, ':', 1)) WHERE strpos(reason, ':') > 0"_s,
            u"CREATE TABLE ticket_opens (agent TEXT NOT NULL, ticket_id TEXT NOT NULL, first_ms BIGINT NOT NULL, "
            "PRIMARY KEY (agent, ticket_id))"_s,
            u"INSERT INTO ticket_opens (agent, ticket_id, first_ms) SELECT agent, ticket_id, MIN(at_ms) FROM events "
            "WHERE kind = 'shown' GROUP BY agent, ticket_id"_s,
            u"UPDATE events SET open_ms = (SELECT first_ms FROM ticket_opens t WHERE t.agent = events.agent AND "
            "t.ticket_id = events.ticket_id) WHERE kind IN ('sent_as_is', 'sent_edited')"_s,
            u"CREATE INDEX events_kind_at ON events (kind, at_ms)"_s,
            // The partial weeks at the ends of a statistics range are read from the events by time: covering.
            u"DROP INDEX events_at"_s,
            u"CREATE INDEX events_at ON events (at_ms, kind, agent, confidence, kept, reason, engine, open_ms, intent, source)"_s,
            // Weekly pre-aggregates the statistics read instead of the events (Statistics.h): per agent and
            // week, counts by metric and key with their sums. Backfilled from the old events here; kept up to
            // date by every ingest.
            // (SQLite: clustered on the key, so a scan of one metric reads no other pages.)
            u"sqlite:CREATE TABLE rollups (metric TEXT NOT NULL, agent TEXT NOT NULL, key TEXT NOT NULL, "
            "week BIGINT NOT NULL, n BIGINT NOT NULL, s1 DOUBLE PRECISION NOT NULL, s2 DOUBLE PRECISION NOT NULL, "
            "k2 BIGINT NOT NULL, PRIMARY KEY (metric, agent, key, week)) WITHOUT ROWID"_s,
            u"pg:CREATE TABLE rollups (metric TEXT NOT NULL, agent TEXT NOT NULL, key TEXT NOT NULL, "
            "week BIGINT NOT NULL, n BIGINT NOT NULL, s1 DOUBLE PRECISION NOT NULL, s2 DOUBLE PRECISION NOT NULL, "
            "k2 BIGINT NOT NULL, PRIMARY KEY (metric, agent, key, week))"_s,
            u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'kind', agent, kind, "
            "(at_ms + 259200000) / 604800000 AS wk, COUNT(*), SUM(COALESCE(confidence, 0)), SUM(COALESCE(kept, 0)), "
            "COUNT(kept) FROM events WHERE kind <> 'flag_resolved' GROUP BY agent, kind, wk"_s,
            u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'reason', agent, "
            "COALESCE(reason, 'unspecified') AS r, (at_ms + 259200000) / 604800000 AS wk, COUNT(*), 0, 0, 0 "
            "FROM events WHERE kind = 'rejected' GROUP BY agent, r, wk"_s,
            u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'engine', agent, engine, "
            "(at_ms + 259200000) / 604800000 AS wk, COUNT(*), 0, 0, 0 FROM events "
            "WHERE kind = 'shown' AND engine IS NOT NULL AND engine <> '' GROUP BY agent, engine, wk"_s,
            u"sqlite:INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'bin', agent, "
            "CAST(MIN(9, MAX(0, CAST(confidence * 10 AS INTEGER))) AS TEXT) AS b, "
            "(at_ms + 259200000) / 604800000 AS wk, COUNT(*), SUM(confidence), "
            "SUM(CASE WHEN kind IN ('sent_as_is', 'sent_edited') THEN 1 ELSE 0 END), 0 FROM events "
            "WHERE confidence IS NOT NULL AND "
            "kind IN ('sent_as_is', 'sent_edited', 'rejected', 'flagged', 'escalated') GROUP BY agent, b, wk"_s,
            u"pg:INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'bin', agent, "
            "CAST(LEAST(9, GREATEST(0, CAST(FLOOR(confidence * 10) AS INTEGER))) AS TEXT) AS b, "
            "(at_ms + 259200000) / 604800000 AS wk, COUNT(*), SUM(confidence), "
            "SUM(CASE WHEN kind IN ('sent_as_is', 'sent_edited') THEN 1 ELSE 0 END), 0 FROM events "
            "WHERE confidence IS NOT NULL AND "
            "kind IN ('sent_as_is', 'sent_edited', 'rejected', 'flagged', 'escalated') GROUP BY agent, b, wk"_s,
            u"sqlite:INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'kept', agent, "
            "CAST(CAST(MIN(1, MAX(0, kept)) * 100 + 0.5 AS INTEGER) AS TEXT) AS b, "
            "(at_ms + 259200000) / 604800000 AS wk, COUNT(*), 0, 0, 0 "
            "FROM events WHERE kind = 'sent_edited' AND kept IS NOT NULL GROUP BY agent, b, wk"_s,
            u"pg:INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'kept', agent, "
            "CAST(CAST(FLOOR(LEAST(1, GREATEST(0, kept)) * 100 + 0.5) AS INTEGER) AS TEXT) AS b, "
            "(at_ms + 259200000) / 604800000 AS wk, "
            "COUNT(*), 0, 0, 0 FROM events WHERE kind = 'sent_edited' AND kept IS NOT NULL GROUP BY agent, b, wk"_s,
            u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'handle', agent, "
            "CAST(CASE WHEN at_ms - open_ms < 3600000 THEN (at_ms - open_ms) / 60000 * 60 "
            "WHEN at_ms - open_ms < 86400000 THEN (at_ms - open_ms) / 600000 * 600 "
            "ELSE (at_ms - open_ms) / 3600000 * 3600 END AS TEXT) AS b, (at_ms + 259200000) / 604800000 AS wk, "
            "COUNT(*), 0, 0, 0 FROM events WHERE kind IN ('sent_as_is', 'sent_edited') AND open_ms IS NOT NULL "
            "AND at_ms >= open_ms GROUP BY agent, b, wk"_s,
            u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'topic', agent, intent, "
            "(at_ms + 259200000) / 604800000 AS wk, COUNT(*), SUM(CASE WHEN confidence < 0.5 THEN 1 ELSE 0 END), "
            "SUM(COALESCE(confidence, 0)), SUM(CASE WHEN source IS NULL THEN 1 ELSE 0 END) FROM events "
            "WHERE kind = 'shown' AND intent IS NOT NULL AND intent <> '' GROUP BY agent, intent, wk"_s,
            u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'topic_' || kind, agent, intent, "
            "(at_ms + 259200000) / 604800000 AS wk, COUNT(*), 0, 0, 0 FROM events "
            "WHERE kind IN ('rejected', 'flagged') AND intent IS NOT NULL AND intent <> '' "
            "GROUP BY kind, agent, intent, wk"_s,
            u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'source_' || kind, agent, source, "
            "(at_ms + 259200000) / 604800000 AS wk, COUNT(*), "
            "SUM(CASE WHEN reason = 'outdated_information' THEN 1 ELSE 0 END), 0, 0 FROM events "
            "WHERE kind IN ('rejected', 'flagged') AND source IS NOT NULL GROUP BY kind, agent, source, wk"_s,
            u"ALTER TABLE users ADD COLUMN team TEXT"_s,
        },
        // 3: the team's learned state travels the feed as one record per key (kind 'learned', replaced on
        // every change); events other than sends, escalations and flag resolutions no longer do
        // (ServerStore::inFeed). ServerStore::migrate folds the events held into the first records.
        {
            u"CREATE INDEX changes_learned ON changes (id) WHERE kind = 'learned'"_s,
            u"CREATE TABLE feed_seq (last_seq BIGINT NOT NULL)"_s,
            u"INSERT INTO feed_seq (last_seq) SELECT COALESCE(MAX(seq), 0) FROM changes"_s,
            u"DELETE FROM changes WHERE kind = 'event' AND id IN "
            "(SELECT id FROM events WHERE kind IN ('shown', 'regenerated', 'rejected', 'flagged'))"_s,
        },
        // 4: helpdesk integrations (issue 17): each with its connector settings and pull cursor; which ticket came
        // from which integration; and the delivery outbox of replies to the helpdesk, one row per idempotency key.
        {
            u"CREATE TABLE helpdesk_integrations (name TEXT PRIMARY KEY, kind TEXT NOT NULL, base_url TEXT NOT NULL, "
            "user_name TEXT, secret TEXT NOT NULL, settings TEXT NOT NULL, cursor TEXT, "
            "created_ms BIGINT NOT NULL, last_poll_ms BIGINT, last_error TEXT)"_s,
            u"CREATE TABLE helpdesk_tickets (ticket_id TEXT PRIMARY KEY, integration TEXT NOT NULL, "
            "external_id TEXT NOT NULL)"_s,
            u"CREATE TABLE helpdesk_outbox (idempotency_key TEXT PRIMARY KEY, integration TEXT NOT NULL, "
            "ticket_id TEXT NOT NULL, external_ticket_id TEXT NOT NULL, author TEXT NOT NULL, body TEXT NOT NULL, "
            "created_at TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
            "next_attempt_ms BIGINT NOT NULL, external_id TEXT, last_error TEXT, delivered_ms BIGINT)"_s,
            u"CREATE INDEX helpdesk_outbox_due ON helpdesk_outbox (state, next_attempt_ms)"_s,
        },
        // 5: the audit log of account and role changes (issue 19), append-only: triggers refuse every UPDATE and
        // DELETE (and TRUNCATE on PostgreSQL), whoever asks. team is the target's team when it happened.
        {
            u"sqlite:CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms BIGINT NOT NULL, "
            "actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, team TEXT, detail TEXT NOT NULL)"_s,
            u"pg:CREATE TABLE audit_log (seq BIGSERIAL PRIMARY KEY, at_ms BIGINT NOT NULL, "
            "actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, team TEXT, detail TEXT NOT NULL)"_s,
            u"CREATE INDEX audit_log_team ON audit_log (team, seq)"_s,
            u"sqlite:CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"_s,
            u"sqlite:CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"_s,
            u"pg:CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "'BEGIN RAISE EXCEPTION ''the audit log is append-only''; END'"_s,
            u"pg:CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"_s,
        },
        // 6: the open → send histogram keeps whole seconds below 10 minutes (issue 18, point 16: sends 6 s and 24 s
        // after opening read "0 s"), rebuilt from the events (Statistics.cpp, handleBucketSeconds).
        {
            u"DELETE FROM rollups WHERE metric = 'handle'"_s,
            u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'handle', agent, "
            "CAST(CASE WHEN at_ms - open_ms < 600000 THEN (at_ms - open_ms) / 1000 "
            "WHEN at_ms - open_ms < 3600000 THEN (at_ms - open_ms) / 60000 * 60 "
            "WHEN at_ms - open_ms < 86400000 THEN (at_ms - open_ms) / 600000 * 600 "
            "ELSE (at_ms - open_ms) / 3600000 * 3600 END AS TEXT) AS b, (at_ms + 259200000) / 604800000 AS wk, "
            "COUNT(*), 0, 0, 0 FROM events WHERE kind IN ('sent_as_is', 'sent_edited') AND open_ms IS NOT NULL "
            "AND at_ms >= open_ms GROUP BY agent, b, wk"_s,
        },
    };
    return steps;
}

// QSQLITE reports every failed step as a ConnectionError; only QPSQL's mean the connection is gone.
bool connectionLost(const QSqlError &e, bool pg)
{
    return pg && e.type() == QSqlError::ConnectionError;
}

Error sqlError(const QSqlError &e, const QString &what, bool pg)
{
    const QString code = e.nativeErrorCode();
    Error::Code c = Error::Code::Generic;
    // PostgreSQL SQLSTATEs; SQLite (extended) result codes.
    if (code == u"23505"_s || code == u"2067"_s || code == u"1555"_s || code == u"19"_s)
        c = Error::Code::Constraint;
    else if (code == u"40P01"_s || code == u"40001"_s || code == u"55P03"_s || code == u"5"_s || code == u"6"_s ||
             code == u"517"_s || code == u"261"_s || connectionLost(e, pg))
        c = Error::Code::Busy;
    else if (code == u"13"_s || code == u"53100"_s)
        c = Error::Code::DiskFull;
    return Error::make(c, u"%1: %2"_s.arg(what, e.text()));
}

// A failed SQLite call as sqlError() reports QSQLITE's (the same codes, so the same Error::Code).
Error sqliteError(sqlite3 *handle, int rc)
{
    const int code = handle ? sqlite3_extended_errcode(handle) : rc;
    return sqlError(QSqlError(u"Unable to fetch row"_s, handle ? QString::fromUtf8(sqlite3_errmsg(handle)) : QString(),
                              QSqlError::StatementError, QString::number(code)),
                    u"database"_s, false);
}

// What QSqlResult counts as NULL when it binds a value (Qt 6's QVariant::isNull() alone is not it).
bool isNullValue(const QVariant &v)
{
    if (v.isNull())
        return true;
    switch (v.metaType().id()) {
    case QMetaType::QString:
        return static_cast<const QString *>(v.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(v.constData())->isNull();
    case QMetaType::QDateTime:
        return static_cast<const QDateTime *>(v.constData())->isNull();
    case QMetaType::QDate:
        return static_cast<const QDate *>(v.constData())->isNull();
    case QMetaType::QTime:
        return static_cast<const QTime *>(v.constData())->isNull();
    default:
        return false;
    }
}

// PostgreSQL: the statement with each positional '?' (outside '…', "…" and `…`, as Qt finds them) numbered
// $1, $2, … for libpq. Empty when the number of values does not match.
QString numberPlaceholders(const QString &sql, qsizetype values)
{
    QString out;
    out.reserve(sql.size() + values * 3);
    qsizetype next = 0;
    QChar closingQuote;
    for (const QChar ch : sql) {
        if (!closingQuote.isNull()) {
            if (ch == closingQuote)
                closingQuote = QChar();
            out += ch;
        } else if (ch == u'?') {
            if (next >= values)
                return {};
            out += u'$' + QString::number(++next);
        } else {
            if (ch == u'\'' || ch == u'"' || ch == u'`')
                closingQuote = ch;
            out += ch;
        }
    }
    return next == values ? out : QString();
}

// PostgreSQL type oids (pg_type.dat) the server's columns and expressions produce.
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26,
              kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;

/// One libpq result as a QSqlResult, so a QSqlQuery reads it like any other (next(), value(), isNull()).
/// Values convert by column type as QPSQL converts them.
class PgResult : public QSqlResult {
public:
    PgResult(const QSqlDriver *driver, PGresult *result) : QSqlResult(driver), m_result(result)
    {
        setActive(true);
        setSelect(PQresultStatus(result) == PGRES_TUPLES_OK);
        setForwardOnly(true);
        setAt(QSql::BeforeFirstRow);
    }
    ~PgResult() override { PQclear(m_result); }
    PgResult(const PgResult &) = delete;
    PgResult &operator=(const PgResult &) = delete;

protected:
    QVariant data(int field) override
    {
        const int row = at();
        if (row < 0 || field < 0 || field >= PQnfields(m_result))
            return {};
        const Oid type = PQftype(m_result, field);
        if (PQgetisnull(m_result, row, field))
            return QVariant(metaType(type));
        const char *text = PQgetvalue(m_result, row, field);
        const int length = PQgetlength(m_result, row, field);
        switch (type) {
        case kBoolOid:
            return QVariant(text[0] == 't');
        case kInt8Oid:
        case kInt2Oid:
        case kInt4Oid:
        case kOidOid:
            return QVariant(QByteArray::fromRawData(text, length).toLongLong());
        case kFloat4Oid:
        case kFloat8Oid:
        case kNumericOid:
            return QVariant(QByteArray::fromRawData(text, length).toDouble());
        case kByteaOid: {
            size_t n = 0;
            unsigned char *raw = PQunescapeBytea(reinterpret_cast<const unsigned char *>(text), &n);
            const QByteArray out(reinterpret_cast<const char *>(raw), qsizetype(n));
            PQfreemem(raw);
            return out;
        }
        default:
            return QString::fromUtf8(text, length);
        }
    }
    bool isNull(int field) override
    {
        return at() < 0 || field < 0 || field >= PQnfields(m_result) || PQgetisnull(m_result, at(), field);
    }
    bool reset(const QString &) override { return false; }
    bool fetch(int row) override
    {
        if (row < 0 || row >= PQntuples(m_result))
            return false;
        setAt(row);
        return true;
    }
    bool fetchFirst() override { return fetch(0); }
    bool fetchLast() override { return fetch(PQntuples(m_result) - 1); }
    int size() override { return isSelect() ? PQntuples(m_result) : -1; }
    int numRowsAffected() override { return QByteArray(PQcmdTuples(m_result)).toInt(); }
    QSqlRecord record() const override
    {
        QSqlRecord r;
        for (int i = 0; i < PQnfields(m_result); ++i)
            r.append(QSqlField(QString::fromUtf8(PQfname(m_result, i)), metaType(PQftype(m_result, i))));
        return r;
    }

private:
    static QMetaType metaType(Oid type)
    {
        switch (type) {
        case kBoolOid:
            return QMetaType::fromType<bool>();
        case kInt8Oid:
        case kInt2Oid:
        case kInt4Oid:
        case kOidOid:
            return QMetaType::fromType<qlonglong>();
        case kFloat4Oid:
        case kFloat8Oid:
        case kNumericOid:
            return QMetaType::fromType<double>();
        case kByteaOid:
            return QMetaType::fromType<QByteArray>();
        default:
            return QMetaType::fromType<QString>();
        }
    }

    PGresult *m_result;
};

/// A value for libpq's text format (bytea in binary), with the type the server should take it as: 0 (unknown,
/// inferred from the context, as for a quoted literal) for text.
struct PgParam {
    QByteArray bytes;
    Oid type = 0;
    bool null = false;
    bool binary = false;
};

PgParam pgParam(const QVariant &v)
{
    if (isNullValue(v))
        return {{}, 0, true, false};
    switch (v.metaType().id()) {
    case QMetaType::Bool:
        return {v.toBool() ? QByteArray("true") : QByteArray("false"), kBoolOid};
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return {QByteArray::number(v.toLongLong()), kInt8Oid};
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = v.toDouble();
        if (std::isnan(d))
            return {QByteArray("NaN"), kFloat8Oid};
        if (std::isinf(d))
            return {d > 0 ? QByteArray("Infinity") : QByteArray("-Infinity"), kFloat8Oid};
        return {QByteArray::number(d, 'g', 17), kFloat8Oid};
    }
    case QMetaType::QByteArray:
        return {v.toByteArray(), kByteaOid, false, true};
    case QMetaType::QDateTime:
        return {v.toDateTime().toUTC().toString(Qt::ISODateWithMs).toUtf8(), 0};
    default:
        return {v.toString().toUtf8(), 0};
    }
}

/// A statement's parameters as the arrays PQexecParams and PQsendQueryParams take (the values point into params).
struct PgParams {
    explicit PgParams(const QVariantList &binds)
    {
        params.reserve(size_t(binds.size()));
        for (const QVariant &v : binds)
            params.push_back(pgParam(v));
        types.resize(params.size());
        values.resize(params.size());
        lengths.resize(params.size());
        formats.resize(params.size());
        for (size_t i = 0; i < params.size(); ++i) {
            types[i] = params[i].type;
            values[i] = params[i].null ? nullptr : params[i].bytes.constData();
            lengths[i] = int(params[i].bytes.size());
            formats[i] = params[i].binary ? 1 : 0;
        }
    }
    PgParams(const PgParams &) = delete;
    PgParams &operator=(const PgParams &) = delete;
    int count() const { return int(params.size()); }

    std::vector<PgParam> params;
    std::vector<Oid> types;
    std::vector<const char *> values;
    std::vector<int> lengths, formats;
};

} // namespace

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &text)
{
    DatabaseConfig c;
    if (text.startsWith(u"sqlite:"_s)) {
        c.backend = Backend::Sqlite;
        QString path = text.mid(7);
        if (path.startsWith(u"//"_s))
            path = QUrl::fromPercentEncoding(path.mid(2).toUtf8()); // sqlite:///abs → /abs
        if (path.isEmpty() || path == u":memory:"_s)
            return Error::make(Error::Code::Invalid,
                               u"--database: a SQLite URL needs a file path (sqlite:///path/server.db)"_s);
        c.path = path;
        return c;
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql"_s && url.scheme() != u"postgres"_s))
        return Error::make(Error::Code::Invalid,
                           u"--database: expected sqlite:///path/server.db or postgresql://user:pass@host:port/db"_s);
    c.backend = Backend::Postgres;
    c.host = url.host().isEmpty() ? u"127.0.0.1"_s : url.host();
    c.port = url.port(5432);
    c.user = url.userName();
    c.password = url.password();
    c.name = url.path().mid(1);
    if (c.name.isEmpty())
        return Error::make(Error::Code::Invalid, u"--database: the PostgreSQL URL names no database"_s);
    QStringList options;
    for (const auto &[k, v] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        options << k + u'=' + v;
    c.connectOptions = options.join(u';');
    return c;
}

QString DatabaseConfig::backendName() const
{
    return backend == Backend::Postgres ? u"postgresql"_s : u"sqlite"_s;
}

QString DatabaseConfig::describe() const
{
    if (backend == Backend::Sqlite)
        return u"sqlite://"_s + path;
    return u"postgresql://%1@%2:%3/%4"_s.arg(user, host).arg(port).arg(name);
}

ServerDb::ServerDb(DatabaseConfig config) : m_config(std::move(config)), m_instance(g_nextInstance++) {}

ServerDb::~ServerDb()
{
    if (m_checkpointer.joinable()) {
        {
            const std::lock_guard lock(m_checkpointMutex);
            m_stopCheckpoints = true;
        }
        m_checkpointStop.notify_all();
        m_checkpointer.join(); // its connection closes as the thread ends
    }
    // Other threads' connections go when their threads end; this thread's goes now.
    t_connections.close(m_instance);
}

int ServerDb::currentSchemaVersion()
{
    return int(migrations().size());
}

Result<QSqlDatabase> ServerDb::connection()
{
    QString name = t_connections.names.value(m_instance);
    if (!name.isEmpty()) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        QSqlDatabase::removeDatabase(name); // closed after a connection error: start over
        t_connections.names.remove(m_instance);
        t_connections.dropStatements(m_instance);
        db = {};
    }
    name = u"understudy-server-%1"_s.arg(g_nextConnection++);
    const bool pg = isPostgres();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(pg ? u"QPSQL"_s : u"QSQLITE"_s, name);
        if (!db.isValid()) {
            db = {};
            QSqlDatabase::removeDatabase(name);
            return Error::make(Error::Code::Generic,
                               u"the Qt SQL driver %1 is not installed"_s.arg(pg ? u"QPSQL"_s : u"QSQLITE"_s));
        }
        if (pg) {
            db.setHostName(m_config.host);
            db.setPort(m_config.port);
            db.setUserName(m_config.user);
            db.setPassword(m_config.password);
            db.setDatabaseName(m_config.name);
            QString options = u"connect_timeout=5;application_name=understudy-server"_s;
            if (!m_config.connectOptions.isEmpty())
                options += u';' + m_config.connectOptions;
            db.setConnectOptions(options);
        } else {
            db.setDatabaseName(m_config.path);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        }
        if (!db.open()) {
            const Error e = sqlError(db.lastError(), u"cannot open the database %1"_s.arg(m_config.describe()), pg);
            db = {};
            QSqlDatabase::removeDatabase(name);
            return Error::make(Error::Code::Busy, e.message);
        }
        t_connections.names.insert(m_instance, name);
    }
    if (!pg) {
        // WAL lets readers run beside the one writer. FULL syncs the WAL at every commit, so what the server
        // acknowledged survives power loss; NORMAL (an option) only survives a crash of the process.
        // The rest is speed under load (bench_server): a page cache of 16 MiB per connection instead of 2 MiB
        // and reads through mmap, so index lookups of an ingest seldom go to pread; the automatic checkpoint
        // after 4000 pages (16 MiB of WAL) instead of 1000, so a page that many commits touch (the tails of the
        // indexes, the rollups) is copied back once rather than once per few commits; a server also checkpoints
        // on a thread of its own (startBackgroundCheckpoints), and this one is then only a backstop. Durability
        // is the same: the WAL is what makes a commit durable, checkpoints only copy it.
        // (The backstop is far higher then, 64 Ki pages: once the WAL is past the threshold and cannot restart
        // yet, every commit would run a checkpoint of its own, with its fsyncs, holding the write lock.)
        const QString autoCheckpoint =
            u"PRAGMA wal_autocheckpoint=%1"_s.arg(m_backgroundCheckpoints.load() ? 65536 : 4000);
        for (const QString &pragma :
             {u"PRAGMA journal_mode=WAL"_s,
              m_config.sqliteFullSync ? u"PRAGMA synchronous=FULL"_s : u"PRAGMA synchronous=NORMAL"_s,
              u"PRAGMA cache_size=-16384"_s, u"PRAGMA mmap_size=268435456"_s, autoCheckpoint,
              u"PRAGMA temp_store=MEMORY"_s}) {
            auto q = exec(pragma);
            if (!q)
                return q.error();
        }
    }
    return QSqlDatabase::database(name, false);
}

Result<QSqlQuery> ServerDb::exec(const QString &sql, const QVariantList &binds)
{
    auto db = connection();
    if (!db)
        return db.error();
    QSqlQuery q(*db);
    q.setForwardOnly(true);
    if (!binds.isEmpty() && isPostgres())
        return execPostgres(*db, sql, binds);
    if (binds.isEmpty()) {
        // Unprepared: PostgreSQL cannot PREPARE utility statements (BEGIN, LOCK, CREATE …).
        if (!q.exec(sql)) {
            const Error e = sqlError(q.lastError(), u"database"_s, isPostgres());
            if (connectionLost(q.lastError(), isPostgres()))
                db->close();
            return e;
        }
        return q;
    }
    if (!q.prepare(sql)) {
        const Error e = sqlError(q.lastError(), u"database"_s, isPostgres());
        if (connectionLost(q.lastError(), isPostgres()))
            db->close(); // reopened by the next connection() call
        return e;
    }
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        const Error e = sqlError(q.lastError(), u"database"_s, isPostgres());
        if (connectionLost(q.lastError(), isPostgres()))
            db->close();
        return e;
    }
    return q;
}

Result<std::vector<QSqlQuery>> ServerDb::execAll(const QList<Statement> &statements)
{
    std::vector<QSqlQuery> out;
    if (!isPostgres() || statements.size() == 1) {
        for (const Statement &st : statements) {
            auto q = exec(st.sql, st.binds);
            if (!q)
                return q.error();
            out.push_back(std::move(*q));
        }
        return out;
    }
    auto db = connection();
    if (!db)
        return db.error();
    return pipelinePostgres(*db, statements);
}

Status ServerDb::execAtCommit(const Statement &statement)
{
    if (!isPostgres()) {
        US_TRY(exec(statement.sql, statement.binds));
        return ok();
    }
    t_connections.atCommit[m_instance] << statement;
    return ok();
}

Result<std::vector<QSqlQuery>> ServerDb::pipelinePostgres(QSqlDatabase &db, const QList<Statement> &statements)
{
    const QVariant h = db.driver()->handle();
    const bool isConn = qstrcmp(h.typeName(), "pg_conn*") == 0 || qstrcmp(h.typeName(), "PGconn*") == 0;
    PGconn *conn = isConn ? *static_cast<PGconn *const *>(h.constData()) : nullptr;
    if (!conn)
        return Error::make(Error::Code::Generic, u"database: no PostgreSQL handle"_s);
    const auto failure = [&](PGresult *result, const QString &fallback) -> Error {
        const bool lost = PQstatus(conn) == CONNECTION_BAD;
        const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const QString code = state ? QString::fromLatin1(state) : QString();
        QString message = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)).trimmed();
        if (message.isEmpty())
            message = fallback;
        const QSqlError e(u"Unable to run query"_s, message,
                          lost ? QSqlError::ConnectionError : QSqlError::StatementError, code);
        if (lost)
            db.close(); // reopened by the next connection() call
        return sqlError(e, u"database"_s, true);
    };
    if (PQenterPipelineMode(conn) != 1)
        return failure(nullptr, u"cannot enter pipeline mode"_s);
    // Everything is sent first, then the results are read: one round trip. The answers are small (the server
    // never blocks on writing them while this side is still sending), so blocking mode cannot deadlock here.
    int sent = 0;
    std::optional<Error> error;
    for (const Statement &st : statements) {
        const QString text = numberPlaceholders(st.sql, st.binds.size());
        if (text.isEmpty() && !st.sql.isEmpty()) {
            error = Error::make(
                Error::Code::Invalid,
                u"database: %1 values for the placeholders of: %2"_s.arg(st.binds.size()).arg(st.sql.left(80)));
            break;
        }
        const PgParams p(st.binds);
        const QByteArray statement = text.toUtf8();
        if (PQsendQueryParams(conn, statement.constData(), p.count(), p.types.data(), p.values.data(), p.lengths.data(),
                              p.formats.data(), 0) != 1) {
            error = failure(nullptr, u"cannot send a statement"_s);
            break;
        }
        ++sent;
    }
    std::vector<QSqlQuery> out;
    if (PQpipelineSync(conn) != 1 && !error)
        error = failure(nullptr, u"cannot send the pipeline"_s);
    // One result (then a null) per statement sent, then the sync; a statement after a failed one is "aborted".
    for (int i = 0; i < sent; ++i) {
        PGresult *result = PQgetResult(conn);
        const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            out.emplace_back(new PgResult(db.driver(), result));
        } else {
            if (!error && status != PGRES_PIPELINE_ABORTED)
                error = failure(result, u"a statement failed"_s);
            PQclear(result);
        }
        while (PGresult *extra = PQgetResult(conn)) // the null that ends this statement's results
            PQclear(extra);
        if (PQstatus(conn) == CONNECTION_BAD)
            break;
    }
    if (PQstatus(conn) != CONNECTION_BAD) {
        for (int guard = 0; guard < 1000; ++guard) { // up to the sync's result
            PGresult *result = PQgetResult(conn);
            if (!result) {
                if (PQstatus(conn) == CONNECTION_BAD)
                    break;
                continue;
            }
            const ExecStatusType status = PQresultStatus(result);
            PQclear(result);
            if (status == PGRES_PIPELINE_SYNC)
                break;
        }
        (void)PQexitPipelineMode(conn);
    } else if (!error) {
        error = failure(nullptr, u"the connection was lost"_s);
    }
    if (error)
        return *error;
    return out;
}

Result<QSqlQuery> ServerDb::execPostgres(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    // Values travel as bind parameters (PQexecParams: parse, bind and execute in one round trip), never inside
    // the statement's text. QPSQL cannot do this: its prepared statements EXECUTE with the values formatted into
    // the text, and cost three round trips.
    const QVariant h = db.driver()->handle();
    // Qt 6 names the type as the compiler spells it ("pg_conn*"); Qt 5 used the macro's "PGconn*".
    const bool isConn = qstrcmp(h.typeName(), "pg_conn*") == 0 || qstrcmp(h.typeName(), "PGconn*") == 0;
    PGconn *conn = isConn ? *static_cast<PGconn *const *>(h.constData()) : nullptr;
    if (!conn)
        return Error::make(Error::Code::Generic, u"database: no PostgreSQL handle"_s);
    const QString text = numberPlaceholders(sql, binds.size());
    if (text.isEmpty())
        return Error::make(Error::Code::Invalid,
                           u"database: %1 values for the placeholders of: %2"_s.arg(binds.size()).arg(sql.left(80)));
    const PgParams p(binds);
    const QByteArray statement = text.toUtf8();
    PGresult *result = PQexecParams(conn, statement.constData(), p.count(), p.types.data(), p.values.data(),
                                    p.lengths.data(), p.formats.data(), 0);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const bool lost = PQstatus(conn) == CONNECTION_BAD;
        const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const QString code = state ? QString::fromLatin1(state) : QString();
        const QString message =
            QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)).trimmed();
        PQclear(result); // state and the message pointed into it
        const QSqlError e(u"Unable to run query"_s, message,
                          lost ? QSqlError::ConnectionError : QSqlError::StatementError, code);
        if (lost)
            db.close(); // reopened by the next connection() call
        return sqlError(e, u"database"_s, true);
    }
    return QSqlQuery(new PgResult(db.driver(), result));
}

Status ServerDb::insertRows(const QString &insertPrefix, int columns, const QVariantList &values, const QString &suffix)
{
    if (columns <= 0 || values.size() % columns != 0)
        return Error::make(Error::Code::Invalid,
                           u"insertRows: %1 values for %2 columns"_s.arg(values.size()).arg(columns));
    const qsizetype rows = values.size() / columns;
    const QString row = u'(' + QStringList(columns, u"?"_s).join(u',') + u')';
    if (isPostgres()) {
        // Bind parameters (exec): at most 65,535 per statement, so rows per statement are capped by the columns;
        // a group-committed batch of thousands of events takes a few round trips.
        const qsizetype chunk = std::min<qsizetype>(500, 65535 / columns);
        for (qsizetype start = 0; start < rows; start += chunk) {
            const qsizetype n = std::min(chunk, rows - start);
            US_TRY(
                exec(insertPrefix + QStringList(n, row).join(u',') + suffix, values.mid(start * columns, n * columns)));
        }
        return ok();
    }
    auto st = statement(insertPrefix + row + suffix);
    if (!st)
        return st.error();
    for (qsizetype r = 0; r < rows; ++r)
        US_TRY(stepRow(*st, values, r * columns, columns));
    return ok();
}

Result<QSet<QString>> ServerDb::insertNewRows(const QString &insertPrefix, int columns, const QVariantList &values,
                                              int keyColumn, const QString &keyName)
{
    if (columns <= 0 || values.size() % columns != 0 || keyColumn < 0 || keyColumn >= columns)
        return Error::make(Error::Code::Invalid,
                           u"insertNewRows: %1 values for %2 columns"_s.arg(values.size()).arg(columns));
    const qsizetype rows = values.size() / columns;
    const QString row = u'(' + QStringList(columns, u"?"_s).join(u',') + u')';
    const QString suffix = u" ON CONFLICT (%1) DO NOTHING"_s.arg(keyName);
    QSet<QString> inserted;
    inserted.reserve(rows);
    if (isPostgres()) {
        const qsizetype chunk = std::min<qsizetype>(500, 65535 / columns); // as insertRows
        for (qsizetype start = 0; start < rows; start += chunk) {
            const qsizetype n = std::min(chunk, rows - start);
            auto q = exec(insertPrefix + QStringList(n, row).join(u',') + suffix + u" RETURNING "_s + keyName,
                          values.mid(start * columns, n * columns));
            if (!q)
                return q.error();
            while (q->next())
                inserted.insert(q->value(0).toString());
        }
        return inserted;
    }
    auto st = statement(insertPrefix + row + suffix);
    if (!st)
        return st.error();
    sqlite3 *handle = sqlite3_db_handle(*st);
    for (qsizetype r = 0; r < rows; ++r) {
        US_TRY(stepRow(*st, values, r * columns, columns));
        if (sqlite3_changes(handle) > 0)
            inserted.insert(values.at(r * columns + keyColumn).toString());
    }
    return inserted;
}

Result<sqlite3_stmt *> ServerDb::statement(const QString &sql)
{
    auto db = connection();
    if (!db)
        return db.error();
    QHash<QString, sqlite3_stmt *> &cache = t_connections.statements[m_instance];
    if (sqlite3_stmt *s = cache.value(sql))
        return s;
    // The plugin links the same libsqlite3 as this library, so its handle is ours to use (on this thread).
    const QVariant v = db->driver()->handle();
    sqlite3 *handle = qstrcmp(v.typeName(), "sqlite3*") == 0 ? *static_cast<sqlite3 *const *>(v.constData()) : nullptr;
    if (!handle)
        return Error::make(Error::Code::Generic, u"database: no SQLite handle"_s);
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt *s = nullptr;
    const int rc =
        sqlite3_prepare_v3(handle, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(s);
        return sqliteError(handle, rc);
    }
    cache.insert(sql, s);
    return s;
}

Status ServerDb::stepRow(sqlite3_stmt *st, const QVariantList &values, qsizetype offset, int columns)
{
    // Bound as QSQLITE binds them (so the stored values are the same), without its per-value bookkeeping.
    int rc = SQLITE_OK;
    for (int c = 0; c < columns && rc == SQLITE_OK; ++c) {
        const QVariant &v = values.at(offset + c);
        if (isNullValue(v)) {
            rc = sqlite3_bind_null(st, c + 1);
            continue;
        }
        switch (v.metaType().id()) {
        case QMetaType::QString: {
            const QString *s = static_cast<const QString *>(v.constData());
            rc = sqlite3_bind_text16(st, c + 1, s->utf16(), int(s->size() * sizeof(QChar)), SQLITE_STATIC);
            break;
        }
        case QMetaType::Int:
        case QMetaType::Bool:
        case QMetaType::UInt:
        case QMetaType::LongLong:
            rc = sqlite3_bind_int64(st, c + 1, v.toLongLong());
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            rc = sqlite3_bind_double(st, c + 1, v.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray *b = static_cast<const QByteArray *>(v.constData());
            rc = sqlite3_bind_blob(st, c + 1, b->constData(), int(b->size()), SQLITE_STATIC);
            break;
        }
        default: {
            const QString s = v.toString();
            rc = sqlite3_bind_text16(st, c + 1, s.utf16(), int(s.size() * sizeof(QChar)), SQLITE_TRANSIENT);
            break;
        }
        }
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    const Status out = rc == SQLITE_DONE || rc == SQLITE_ROW ? ok() : Status(sqliteError(sqlite3_db_handle(st), rc));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st); // the values bound with SQLITE_STATIC are the caller's
    return out;
}

Status ServerDb::begin(bool changes)
{
    if (!isPostgres()) {
        // IMMEDIATE takes SQLite's single write lock up front: writers (and so change sequence numbers) are
        // serialised, and no reader-turned-writer deadlock can happen.
        US_TRY(exec(u"BEGIN IMMEDIATE"_s));
        return ok();
    }
    t_connections.atCommit.remove(m_instance); // left over from a transaction that never finished
    US_TRY(exec(u"BEGIN"_s));
    if (changes) {
        if (auto r = lockChanges(); !r) {
            (void)exec(u"ROLLBACK"_s);
            return r.error();
        }
    }
    return ok();
}

Result<QSqlQuery> ServerDb::lockChangesAnd(const QString &sql, const QVariantList &binds)
{
    if (!isPostgres())
        return exec(sql, binds);
    // One round trip: the query starts once the lock is granted, so it sees every change committed before.
    auto r = execAll({Statement{u"LOCK TABLE changes IN EXCLUSIVE MODE"_s, {}}, Statement{sql, binds}});
    if (!r)
        return r.error();
    return std::move(r->back());
}

Status ServerDb::lockChanges()
{
    if (!isPostgres())
        return ok();
    // Change writers across all server processes take turns; the feed's counter is read under the lock and
    // committed before the next writer reads it, so a reader never sees a gap that fills in later.
    // EXCLUSIVE still lets plain SELECTs (the feed) run.
    US_TRY(exec(u"LOCK TABLE changes IN EXCLUSIVE MODE"_s));
    return ok();
}

Status ServerDb::finish(bool commit)
{
    QList<Statement> last = t_connections.atCommit.take(m_instance);
    if (commit) {
        last << Statement{u"COMMIT"_s, {}};
        auto r = execAll(last);
        if (!r) {
            (void)exec(u"ROLLBACK"_s);
            return r.error();
        }
        return ok();
    }
    US_TRY(exec(u"ROLLBACK"_s));
    return ok();
}

Status ServerDb::transaction(const char *reason, bool changes, const std::function<Status()> &fn)
{
    std::unique_lock<std::mutex> writers(m_sqliteWriters, std::defer_lock);
    if (!isPostgres())
        writers.lock();
    constexpr int attempts = 5;
    for (int attempt = 1;; ++attempt) {
        Status st = begin(changes);
        if (st) {
            st = fn();
            if (st)
                st = finish(true);
            else
                (void)finish(false);
        }
        if (st || st.error().code != Error::Code::Busy || attempt == attempts) {
            if (!st)
                qCWarning(lcServerDb) << "transaction" << reason << "failed:" << st.error().message;
            return st;
        }
        QThread::msleep(20 * attempt);
    }
}

void ServerDb::startBackgroundCheckpoints(int intervalMs)
{
    if (isPostgres() || m_checkpointer.joinable())
        return;
    m_backgroundCheckpoints = true; // connections opened from now on leave checkpoints to this thread
    m_checkpointer = std::thread([this, intervalMs] {
        // The RESTART below waits this long at most for readers of the log (the busy handler), writers paused.
        if (auto q = exec(u"PRAGMA busy_timeout=%1"_s.arg(kRestartWaitMs)); !q)
            qCWarning(lcServerDb) << "checkpointer:" << q.error().message;
        std::unique_lock lock(m_checkpointMutex);
        while (!m_checkpointStop.wait_for(lock, std::chrono::milliseconds(intervalMs),
                                          [this] { return m_stopCheckpoints; })) {
            lock.unlock();
            checkpoint();
            lock.lock();
        }
    });
}

void ServerDb::checkpoint()
{
    // PASSIVE: copies what no reader still needs, never waits for readers or writers.
    const auto passive = [this]() -> int {
        auto q = exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s);
        if (!q) {
            qCWarning(lcServerDb) << "checkpoint failed:" << q.error().message;
            return -1;
        }
        return q->next() ? q->value(1).toInt() : 0;
    };
    const int logFrames = passive();
    // The log only starts over when a writer finds it all copied back, and with commits arriving all the time
    // some always land while a checkpoint runs: it would grow to the auto-checkpoint backstop, and the commit
    // that crosses it would copy a quarter GiB itself while every writer waits (a 70 ms stall every few
    // seconds at 10,000 events/s). So once it is past kRestartFrames, writers pause (this process's, on their
    // mutex) while a RESTART copies the little that came in since the PASSIVEs above and waits, briefly, for
    // the readers still in the log; the next commit starts the log over. That pause is the push p99 now: at
    // 10,000 events/s one every 1.6 s, 5-50 ms, mostly the copy's fsyncs (measured 2026-12-06; a PASSIVE in its
    // place, which never waits for readers, paused as long). Durability is unchanged: the same checkpoints with
    // the same syncs, only another mode.
    if (logFrames < kRestartFrames || passive() < 0) // the second copies what came in during the first
        return;
    const std::lock_guard writers(m_sqliteWriters);
    if (auto r = exec(u"PRAGMA wal_checkpoint(RESTART)"_s); !r)
        qCWarning(lcServerDb) << "checkpoint failed:" << r.error().message;
}

Status ServerDb::backupTo(const QString &file)
{
    if (QFileInfo::exists(file))
        return Error::make(Error::Code::Invalid, u"%1 exists; a backup never overwrites a file"_s.arg(file));
    const QString partial = file + u".partial"_s;
    QFile::remove(partial);
    Status st = ok();
    if (isPostgres()) {
        st = dumpPostgres(partial);
    } else if (auto q = exec(u"VACUUM INTO ?"_s, {partial}); !q) {
        st = q.error();
    } else {
        // VACUUM INTO leaves the copy to the page cache: on disk before it counts as a backup.
        QFile copy(partial);
        if (!copy.open(QIODevice::ReadWrite) || ::fsync(copy.handle()) != 0)
            st = Error::make(Error::Code::Io, u"cannot sync %1: %2"_s.arg(partial, copy.errorString()));
    }
    if (st && !QFile::rename(partial, file))
        st = Error::make(Error::Code::Io, u"cannot rename %1 to %2"_s.arg(partial, file));
    if (!st)
        QFile::remove(partial);
    return st;
}

Status ServerDb::dumpPostgres(const QString &file)
{
    // The password travels in pg_dump's environment, never in its arguments (ps would show it).
    QStringList conninfo{u"host=%1"_s.arg(m_config.host), u"port=%1"_s.arg(m_config.port),
                         u"user=%1"_s.arg(m_config.user), u"dbname=%1"_s.arg(m_config.name)};
    if (!m_config.connectOptions.isEmpty())
        conninfo += m_config.connectOptions.split(u';');
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!m_config.password.isEmpty())
        env.insert(u"PGPASSWORD"_s, m_config.password);
    QProcess dump;
    dump.setProcessEnvironment(env);
    dump.start(u"pg_dump"_s, {u"--format=custom"_s, u"--file"_s, file, u"--dbname"_s, conninfo.join(u' ')});
    if (!dump.waitForStarted())
        return Error::make(Error::Code::Io,
                           u"cannot run pg_dump (install postgresql-client): %1"_s.arg(dump.errorString()));
    dump.waitForFinished(-1);
    if (dump.exitStatus() != QProcess::NormalExit || dump.exitCode() != 0)
        return Error::make(Error::Code::Generic,
                           u"pg_dump failed: %1"_s.arg(QString::fromUtf8(dump.readAllStandardError()).trimmed()));
    return ok();
}

Result<int> ServerDb::schemaVersion()
{
    auto q = exec(u"SELECT version FROM schema_version"_s);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Status ServerDb::migrate(const std::function<Status(int version)> &afterVersion)
{
    const auto &steps = migrations();
    int from = 0;
    Status st = transaction("migrate", false, [&]() -> Status {
        if (isPostgres())
            US_TRY(exec(u"SELECT pg_advisory_xact_lock(8470001)"_s)); // one migrating process at a time
        US_TRY(exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s));
        auto version = schemaVersion();
        if (!version)
            return version.error();
        from = *version;
        if (from > steps.size())
            return Error::make(
                Error::Code::Invalid,
                u"the database is at schema version %1, newer than this server knows (%2)"_s.arg(from).arg(
                    steps.size()));
        auto count = exec(u"SELECT COUNT(*) FROM schema_version"_s);
        if (!count)
            return count.error();
        const bool empty = !count->next() || count->value(0).toInt() == 0;
        count->finish();
        // A step prefixed "sqlite:" or "pg:" runs on that backend only (where their SQL differs).
        const QString mine = isPostgres() ? u"pg:"_s : u"sqlite:"_s;
        const QString theirs = isPostgres() ? u"sqlite:"_s : u"pg:"_s;
        for (int v = from; v < steps.size(); ++v) {
            for (const QString &sql : steps[v]) {
                if (sql.startsWith(theirs))
                    continue;
                US_TRY(exec(sql.startsWith(mine) ? sql.mid(mine.size()) : sql));
            }
            if (afterVersion)
                US_TRY(afterVersion(v + 1));
        }
        if (empty)
            US_TRY(exec(u"INSERT INTO schema_version (version) VALUES (?)"_s, {int(steps.size())}));
        else
            US_TRY(exec(u"UPDATE schema_version SET version = ?"_s, {int(steps.size())}));
        return ok();
    });
    if (st && from < steps.size())
        qCInfo(lcServerDb) << "database migrated from schema version" << from << "to" << steps.size();
    return st;
}

} // namespace understudy::server

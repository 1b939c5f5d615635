// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerStore.h"

#include "Credentials.h"
#include "LearnedState.h"
#include "Statistics.h"

#include <understudy/Clock.h>
#include <understudy/Json.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace understudy::server {

namespace {

Q_LOGGING_CATEGORY(lcServerStore, "understudy.server.store", QtInfoMsg)

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

// PreparedEvents::values per event: the events columns of kInsertEvents but the last, open_ms.
constexpr int kPreparedColumns = 14;
const QString kInsertEvents =
    u"INSERT INTO events (id, agent, kind, ticket_id, at_ms, data, received_ms, reason, kept, "
    "confidence, engine, intent, source, problem, open_ms) VALUES "_s;

User userFromRow(const QSqlQuery &q)
{
    return User{q.value(0).toString(), roleFromName(q.value(1).toString()).value_or(Role::Agent),
                q.value(2).toLongLong() != 0, q.value(3).toString(), q.value(4).toString()};
}

QJsonObject ticketWithClaim(const QString &data, const QVariant &claimedBy)
{
    QJsonObject t = parseObject(data);
    t.insert(u"claimed_by"_s, claimedBy.isNull() ? QJsonValue() : QJsonValue(claimedBy.toString()));
    return t;
}

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Agent:
        return u"agent"_s;
    case Role::Lead:
        return u"lead"_s;
    case Role::Admin:
        return u"admin"_s;
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    if (name == u"agent"_s)
        return Role::Agent;
    if (name == u"lead"_s)
        return Role::Lead;
    if (name == u"admin"_s)
        return Role::Admin;
    return std::nullopt;
}

// ---- accounts ---------------------------------------------------------------------------------------------------

Status ServerStore::addUser(const QString &name, Role role, const QString &passwordHash, const QString &team,
                            const QString &actor)
{
    return m_db.transaction("add user", false, [&]() -> Status {
        auto exists = m_db.exec(u"SELECT 1 FROM users WHERE name = ?"_s, {name});
        if (!exists)
            return exists.error();
        if (exists->next())
            return Error::make(Error::Code::Constraint, u"a user named \"%1\" already exists"_s.arg(name));
        exists->finish();
        US_TRY(m_db.exec(
            u"INSERT INTO users (name, role, password_hash, disabled, created_at, team) VALUES (?, ?, ?, 0, ?, ?)"_s,
            {name, roleName(role), passwordHash, json::formatTime(QDateTime::currentDateTimeUtc()),
             nullableText(team)}));
        return audit(actor, u"user_added"_s, name, {{u"role"_s, roleName(role)}, {u"team"_s, team}});
    });
}

Result<QList<User>> ServerStore::users()
{
    auto q = m_db.exec(u"SELECT name, role, disabled, created_at, team FROM users ORDER BY name"_s);
    if (!q)
        return q.error();
    QList<User> out;
    while (q->next())
        out << userFromRow(*q);
    return out;
}

Result<std::optional<User>> ServerStore::user(const QString &name)
{
    auto q = m_db.exec(u"SELECT name, role, disabled, created_at, team FROM users WHERE name = ?"_s, {name});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<User>();
    return std::optional<User>(userFromRow(*q));
}

Result<std::optional<User>> ServerStore::updateUser(const char *reason, const QString &name, const QString &setSql,
                                                    const QVariantList &binds, const QString &actor,
                                                    const QString &action, const QJsonObject &detail, bool revokeTokens)
{
    std::optional<User> out;
    Status st = m_db.transaction(reason, false, [&]() -> Status {
        auto q = m_db.exec(u"UPDATE users SET %1 WHERE name = ?"_s.arg(setSql), QVariantList(binds) << name);
        if (!q)
            return q.error();
        if (q->numRowsAffected() <= 0)
            return ok();
        q->finish();
        if (revokeTokens)
            US_TRY(m_db.exec(u"DELETE FROM tokens WHERE user_name = ?"_s, {name}));
        US_TRY(audit(actor, action, name, detail));
        auto u = user(name);
        if (!u)
            return u.error();
        out = *u;
        return ok();
    });
    if (!st)
        return st.error();
    return out;
}

Result<std::optional<User>> ServerStore::disableUser(const QString &name, const QString &actor)
{
    return updateUser("disable user", name, u"disabled = 1"_s, {}, actor, u"user_disabled"_s, {}, true);
}

Result<std::optional<User>> ServerStore::enableUser(const QString &name, const QString &actor)
{
    return updateUser("enable user", name, u"disabled = 0"_s, {}, actor, u"user_enabled"_s, {});
}

Result<std::optional<User>> ServerStore::setRole(const QString &name, Role role, const QString &team,
                                                 const QString &actor)
{
    return updateUser("set role", name, u"role = ?, team = ?"_s, {roleName(role), nullableText(team)}, actor,
                      u"role_changed"_s, {{u"role"_s, roleName(role)}, {u"team"_s, team}});
}

Result<bool> ServerStore::deleteUser(const QString &name, const QString &actor)
{
    bool found = false;
    Status st = m_db.transaction("delete user", false, [&]() -> Status {
        auto u = user(name);
        if (!u)
            return u.error();
        if (!(found = u->has_value()))
            return ok();
        US_TRY(audit(actor, u"user_deleted"_s, name, {{u"role"_s, roleName((*u)->role)}}));
        for (const QString &sql :
             {u"DELETE FROM tokens WHERE user_name = ?"_s, u"DELETE FROM failed_logins WHERE name = ?"_s,
              u"DELETE FROM users WHERE name = ?"_s})
            US_TRY(m_db.exec(sql, {name}));
        return ok();
    });
    if (!st)
        return st.error();
    return found;
}

Result<bool> ServerStore::setPassword(const QString &name, const QString &passwordHash, const QString &action,
                                      const QString &actor, const QString &keepTokenHash)
{
    bool found = false;
    Status st = m_db.transaction("set password", false, [&]() -> Status {
        auto q = m_db.exec(u"UPDATE users SET password_hash = ? WHERE name = ?"_s, {passwordHash, name});
        if (!q)
            return q.error();
        if (!(found = q->numRowsAffected() > 0))
            return ok();
        q->finish();
        if (keepTokenHash.isEmpty())
            US_TRY(m_db.exec(u"DELETE FROM tokens WHERE user_name = ?"_s, {name}));
        else
            US_TRY(m_db.exec(u"DELETE FROM tokens WHERE user_name = ? AND hash <> ?"_s, {name, keepTokenHash}));
        US_TRY(m_db.exec(u"DELETE FROM failed_logins WHERE name = ?"_s, {name}));
        return audit(actor, action, name);
    });
    if (!st)
        return st.error();
    return found;
}

Result<QList<SessionInfo>> ServerStore::sessions(const QString &name)
{
    auto q = m_db.exec(u"SELECT substr(hash, 1, 16), created_ms, expires_ms FROM tokens WHERE user_name = ? AND "
                       "expires_ms > ? ORDER BY created_ms DESC"_s,
                       {name, nowMs()});
    if (!q)
        return q.error();
    QList<SessionInfo> out;
    while (q->next())
        out << SessionInfo{q->value(0).toString(), QDateTime::fromMSecsSinceEpoch(q->value(1).toLongLong(), Qt::UTC),
                           QDateTime::fromMSecsSinceEpoch(q->value(2).toLongLong(), Qt::UTC)};
    return out;
}

Result<int> ServerStore::revokeSessions(const QString &name, const QString &id, const QString &actor)
{
    int revoked = 0;
    Status st = m_db.transaction("revoke sessions", false, [&]() -> Status {
        QString sql = u"DELETE FROM tokens WHERE user_name = ?"_s;
        QVariantList binds{name};
        if (!id.isEmpty()) {
            sql += u" AND substr(hash, 1, 16) = ?"_s;
            binds << id;
        }
        auto q = m_db.exec(sql, binds);
        if (!q)
            return q.error();
        revoked = q->numRowsAffected();
        q->finish();
        if (revoked <= 0)
            return ok();
        return audit(actor, u"sessions_revoked"_s, name,
                     {{u"count"_s, revoked}, {u"session"_s, id.isEmpty() ? u"all"_s : id}});
    });
    if (!st)
        return st.error();
    return std::max(revoked, 0);
}

Status ServerStore::audit(const QString &actor, const QString &action, const QString &target, const QJsonObject &detail)
{
    US_TRY(m_db.exec(u"INSERT INTO audit_log (at_ms, actor, action, target, team, detail) "
                     "SELECT ?, ?, ?, ?, (SELECT team FROM users WHERE name = ?), ?"_s,
                     {nowMs(), actor, action, target, target, compact(detail)}));
    return ok();
}

Result<QList<AuditEntry>> ServerStore::auditLog(qint64 afterSeq, int limit, const QString &team)
{
    QString sql = u"SELECT seq, at_ms, actor, action, target, team, detail FROM audit_log WHERE seq > ?"_s;
    QVariantList binds{afterSeq};
    if (!team.isEmpty()) {
        sql += u" AND team = ?"_s;
        binds << team;
    }
    sql += u" ORDER BY seq LIMIT ?"_s;
    binds << limit;
    auto q = m_db.exec(sql, binds);
    if (!q)
        return q.error();
    QList<AuditEntry> out;
    while (q->next())
        out << AuditEntry{q->value(0).toLongLong(),
                          QDateTime::fromMSecsSinceEpoch(q->value(1).toLongLong(), Qt::UTC),
                          q->value(2).toString(),
                          q->value(3).toString(),
                          q->value(4).toString(),
                          q->value(5).toString(),
                          parseObject(q->value(6).toString())};
    return out;
}

QString ServerStore::cliActor()
{
    const passwd *pw = getpwuid(geteuid());
    return u"cli:"_s + (pw ? QString::fromLocal8Bit(pw->pw_name) : QString::number(geteuid()));
}

Result<std::optional<LoginCandidate>> ServerStore::loginCandidate(const QString &name)
{
    auto q =
        m_db.exec(u"SELECT name, role, disabled, created_at, team, password_hash FROM users WHERE name = ?"_s, {name});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<LoginCandidate>();
    return std::optional<LoginCandidate>(LoginCandidate{userFromRow(*q), q->value(5).toString()});
}

// ---- failed logins ----------------------------------------------------------------------------------------------

Result<qint64> ServerStore::beginLoginAttempt(const QString &name, const QString &address, const LoginLimits &limits)
{
    const qint64 now = nowMs();
    const qint64 windowMs = limits.windowSeconds * 1000;
    qint64 retry = 0;
    // For each key at or over its limit: the wait after its latest failure doubles with each failure beyond it.
    const auto check = [&](const QString &column, const QString &value, int limit) -> Status {
        auto q = m_db.exec(u"SELECT COUNT(*), MAX(at_ms) FROM failed_logins WHERE %1 = ? AND at_ms > ?"_s.arg(column),
                           {value, now - windowMs});
        if (!q)
            return q.error();
        if (!q->next())
            return ok();
        const qint64 failures = q->value(0).toLongLong();
        if (failures < limit)
            return ok();
        const qint64 doublings = std::min<qint64>(failures - limit, 30);
        const qint64 waitMs = std::min(windowMs, limits.firstDelaySeconds * 1000 * (qint64(1) << doublings));
        const qint64 untilMs = q->value(1).toLongLong() + waitMs;
        if (untilMs > now)
            retry = std::max(retry, (untilMs - now + 999) / 1000);
        return ok();
    };
    auto st = m_db.transaction("login attempt", false, [&]() -> Status {
        // Check and count in one step: on SQLite the transaction holds the write lock from its start; on
        // PostgreSQL this self-conflicting lock makes concurrent attempts (any process) take turns, while plain
        // reads go on.
        if (m_db.isPostgres())
            US_TRY(m_db.exec(u"LOCK TABLE failed_logins IN SHARE ROW EXCLUSIVE MODE"_s));
        retry = 0;
        US_TRY(check(u"name"_s, name, limits.perAccount));
        US_TRY(check(u"address"_s, address, limits.perAddress));
        if (retry > 0)
            return ok();
        US_TRY(m_db.exec(u"DELETE FROM failed_logins WHERE at_ms < ?"_s, {now - windowMs}));
        US_TRY(m_db.exec(u"INSERT INTO failed_logins (name, address, at_ms) VALUES (?, ?, ?)"_s, {name, address, now}));
        return ok();
    });
    if (!st)
        return st.error();
    return retry;
}

Status ServerStore::clearFailedLogins(const QString &name)
{
    US_TRY(m_db.exec(u"DELETE FROM failed_logins WHERE name = ?"_s, {name}));
    return ok();
}

// ---- tokens -----------------------------------------------------------------------------------------------------

Status ServerStore::storeToken(const QString &tokenHash, const QString &name, const QDateTime &expiresAt)
{
    const qint64 now = nowMs();
    return m_db.transaction("store token", false, [&]() -> Status {
        US_TRY(m_db.exec(u"DELETE FROM tokens WHERE expires_ms <= ?"_s, {now}));
        US_TRY(m_db.exec(u"INSERT INTO tokens (hash, user_name, created_ms, expires_ms) VALUES (?, ?, ?, ?)"_s,
                         {tokenHash, name, now, expiresAt.toMSecsSinceEpoch()}));
        return ok();
    });
}

Result<std::optional<Session>> ServerStore::session(const QString &tokenHash)
{
    auto q = m_db.exec(u"SELECT u.name, u.role, t.expires_ms FROM tokens t JOIN users u ON u.name = t.user_name "
                       "WHERE t.hash = ? AND t.expires_ms > ? AND u.disabled = 0"_s,
                       {tokenHash, nowMs()});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Session>();
    const auto role = roleFromName(q->value(1).toString());
    if (!role)
        return std::optional<Session>();
    return std::optional<Session>(
        Session{q->value(0).toString(), *role, QDateTime::fromMSecsSinceEpoch(q->value(2).toLongLong(), Qt::UTC)});
}

Status ServerStore::revokeToken(const QString &tokenHash)
{
    US_TRY(m_db.exec(u"DELETE FROM tokens WHERE hash = ?"_s, {tokenHash}));
    return ok();
}

// ---- changes ----------------------------------------------------------------------------------------------------

Status ServerStore::appendChanges(const QList<Change> &changes, bool last)
{
    if (changes.isEmpty())
        return ok();
    // Only called inside transaction(…, changes = true, …): the counter cannot move under us. A counter, not
    // MAX(seq): a replaced learned-state record leaves the table, and its seq must never be handed out again (a
    // reader past it would miss the new row).
    if (m_db.isPostgres()) {
        // One round trip per chunk: the counter moves and the rows go in with one statement (the lock is held
        // meanwhile, so the fewer round trips the better). The rows' order is their place in the VALUES list.
        constexpr qsizetype kChunk = 500;
        for (qsizetype start = 0; start < changes.size(); start += kChunk) {
            const qsizetype n = std::min(kChunk, changes.size() - start);
            QStringList rows;
            rows.reserve(n);
            QVariantList values;
            values.reserve(n * 3);
            QVariantList learned; // learned-state records replaced by the new totals in this chunk (foldLearned)
            for (qsizetype i = 0; i < n; ++i) {
                const Change &c = changes[start + i];
                rows << u"(%1, ?, ?, ?)"_s.arg(i + 1);
                values << c.kind << c.id << (c.dataText.isEmpty() ? compact(c.data) : c.dataText);
                if (c.kind == u"learned"_s)
                    learned << c.id;
            }
            // The DELETE sees the table as it was before the statement: it removes the old records, never the new.
            const QString replaced = learned.isEmpty()
                                         ? QString()
                                         : u"d AS (DELETE FROM changes WHERE kind = 'learned' AND id IN (%1)), "_s.arg(
                                               QStringList(learned.size(), u"?"_s).join(u','));
            // Without the counter's row, seq would be NULL: the insert fails rather than appending nothing.
            const QString sql = u"WITH %1s AS (UPDATE feed_seq SET last_seq = last_seq + %2 RETURNING last_seq - %2 AS "
                                "base) INSERT INTO changes (seq, kind, id, data) SELECT (SELECT base FROM s) + v.o, "
                                "v.k, v.i, v.d FROM (VALUES %3) AS v(o, k, i, d)"_s.arg(replaced)
                                    .arg(n)
                                    .arg(rows.join(u", "));
            if (last && start + n == changes.size())
                return m_db.execAtCommit({sql, learned + values});
            auto q = m_db.exec(sql, learned + values);
            if (!q)
                return q.error();
            if (q->numRowsAffected() != n)
                return Error::make(Error::Code::Invalid, u"the feed's sequence counter is missing"_s);
        }
        return ok();
    }
    auto q = m_db.exec(u"SELECT last_seq FROM feed_seq"_s);
    if (!q)
        return q.error();
    if (!q->next())
        return Error::make(Error::Code::Invalid, u"the feed's sequence counter is missing"_s);
    qint64 seq = q->value(0).toLongLong();
    q->finish();
    QVariantList values;
    values.reserve(changes.size() * 4);
    for (const Change &c : changes)
        values << ++seq << c.kind << c.id << (c.dataText.isEmpty() ? compact(c.data) : c.dataText);
    US_TRY(m_db.insertRows(u"INSERT INTO changes (seq, kind, id, data) VALUES "_s, 4, values));
    US_TRY(m_db.exec(u"UPDATE feed_seq SET last_seq = ?"_s, {seq}));
    return ok();
}

Result<ChangesPage> ServerStore::changes(qint64 since, int limit)
{
    // The data column holds compact JSON already: it is handed on as bytes (ChangesPage::dataJson), never parsed
    // here. On SQLite, CAST(… AS BLOB) returns the stored UTF-8 bytes as they are, where QSQLITE would
    // convert the text to UTF-16 (and the caller back again).
    const QString sql =
        m_db.isPostgres()
            ? u"SELECT seq, kind, id, data FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"_s
            : u"SELECT seq, kind, id, CAST(data AS BLOB) FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"_s;
    auto q = m_db.exec(sql, {since, limit + 1});
    if (!q)
        return q.error();
    ChangesPage page;
    page.cursor = since;
    page.changes.reserve(std::min(limit, 1000));
    page.dataJson.reserve(std::min(limit, 1000));
    while (q->next()) {
        if (page.changes.size() == limit) {
            page.more = true;
            break;
        }
        page.cursor = q->value(0).toLongLong();
        page.changes << Change{page.cursor, q->value(1).toString(), q->value(2).toString(), {}, {}};
        page.dataJson << q->value(3).toByteArray();
    }
    return page;
}

// ---- events -----------------------------------------------------------------------------------------------------

PreparedEvents ServerStore::prepareEvents(const QList<FeedbackEvent> &events)
{
    PreparedEvents p;
    auto learned = std::make_shared<engine::LearnedState>();
    QList<RollupRow> rollups;
    QSet<QString> seen;
    seen.reserve(events.size());
    p.values.reserve(events.size() * kPreparedColumns);
    const qint64 received = nowMs();
    for (const FeedbackEvent &e : events) {
        if (seen.contains(e.id))
            continue;
        seen.insert(e.id);
        p.ids << e.id;
        p.events << e;
        const QString text = compact(json::toJson(e));
        p.texts << text;
        p.values << e.id << e.agent << FeedbackEvent::kindName(e.kind) << e.ticketId << e.at.toMSecsSinceEpoch() << text
                 << received << nullableText(e.reasonCode())
                 << (e.edit ? QVariant(e.edit->kept) : QVariant(QMetaType::fromType<double>())) << e.confidence
                 << nullableText(e.engine) << nullableText(e.intent) << nullableText(Statistics::sourceKey(e))
                 << int(Statistics::isProblem(e));
        rollups += Statistics::contributions(e, std::nullopt);
        learned->apply(e);
    }
    p.rollups = Statistics::summed(rollups);
    p.learned = std::move(learned);
    return p;
}

Result<QStringList> ServerStore::ingestEvents(const QList<FeedbackEvent> &events)
{
    const PreparedEvents prepared = prepareEvents(events);
    US_TRY(ingestPrepared({&prepared}));
    return prepared.ids;
}

Status ServerStore::ingestPrepared(const QList<const PreparedEvents *> &group)
{
    // Each id once, at its first place in the group: as if the batches were stored one after the other.
    struct Item {
        const PreparedEvents *batch;
        qsizetype index;
        const FeedbackEvent &event() const { return batch->events[index]; }
        const QString &id() const { return batch->ids[index]; }
    };
    QList<Item> items;
    QList<qsizetype> batchEnd; // per batch: the end of its items
    QList<bool> batchWhole;    // per batch: none of its events came earlier in the group
    {
        QSet<QString> seen;
        for (const PreparedEvents *p : group) {
            bool whole = true;
            for (qsizetype i = 0; i < p->ids.size(); ++i) {
                if (seen.contains(p->ids[i])) {
                    whole = false;
                    continue;
                }
                seen.insert(p->ids[i]);
                items << Item{p, i};
            }
            batchEnd << items.size();
            batchWhole << whole;
        }
    }
    if (items.isEmpty())
        return ok();
    // The change-writer lock is taken late (lockChanges), for the feed's part only: the events, ticket_opens and
    // the rollups go in beside other writers' transactions (other ingest writers, other processes). The primary
    // key tells which events are new, also then: an insert of an id another open transaction inserted waits for
    // it to end and then skips the row (ON CONFLICT DO NOTHING), so each event is new in exactly one transaction.
    // Sends go last: their open_ms comes from the shown events stored before them.
    return m_db.transaction("ingest events", false, [&]() -> Status {
        const QVariant noOpen(QMetaType::fromType<qint64>());
        QVariantList values;
        values.reserve(items.size() * (kPreparedColumns + 1));
        const auto addRow = [&](const Item &it, const QVariant &openMs) {
            for (int c = 0; c < kPreparedColumns; ++c)
                values << it.batch->values.at(it.index * kPreparedColumns + c);
            values << openMs;
        };
        QList<qsizetype> sends;
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (FeedbackEvent::isSend(items[i].event().kind))
                sends << i;
            else
                addRow(items[i], noOpen);
        }
        QSet<QString> fresh;
        if (!values.isEmpty()) {
            auto inserted = m_db.insertNewRows(kInsertEvents, kPreparedColumns + 1, values, 0, u"id"_s);
            if (!inserted)
                return inserted.error();
            fresh = std::move(*inserted);
        }
        // When each agent first saw a draft for each ticket (kept in ticket_opens), so a send records its
        // open → send time; a send usually follows its draft's shown event in the same batch.
        QHash<QPair<QString, QString>, qint64> opens;
        for (const Item &it : std::as_const(items)) {
            const FeedbackEvent &e = it.event();
            if (e.kind != FeedbackEvent::Kind::Shown || !fresh.contains(e.id))
                continue;
            const auto key = qMakePair(e.agent, e.ticketId);
            const qint64 at = e.at.toMSecsSinceEpoch();
            auto o = opens.find(key);
            if (o == opens.end() || at < *o)
                opens.insert(key, at);
        }
        if (!opens.isEmpty()) {
            QVariantList rows;
            for (auto it = opens.cbegin(); it != opens.cend(); ++it)
                rows << it.key().first << it.key().second << it.value();
            US_TRY(m_db.insertRows(u"INSERT INTO ticket_opens (agent, ticket_id, first_ms) VALUES "_s, 3, rows,
                                   u" ON CONFLICT (agent, ticket_id) DO UPDATE SET first_ms = excluded.first_ms "
                                   "WHERE excluded.first_ms < ticket_opens.first_ms"_s));
        }
        if (!sends.isEmpty()) {
            QList<QPair<QString, QString>> missing;
            for (qsizetype i : std::as_const(sends)) {
                const auto key = qMakePair(items[i].event().agent, items[i].event().ticketId);
                if (!opens.contains(key)) {
                    opens.insert(key, -1); // -1: never shown, unless ticket_opens says otherwise
                    missing << key;
                }
            }
            US_TRY(readOpens(missing, opens));
            values.clear();
            for (qsizetype i : std::as_const(sends)) {
                const qint64 open = opens.value(qMakePair(items[i].event().agent, items[i].event().ticketId), -1);
                addRow(items[i], open < 0 ? noOpen : QVariant(open));
            }
            auto inserted = m_db.insertNewRows(kInsertEvents, kPreparedColumns + 1, values, 0, u"id"_s);
            if (!inserted)
                return inserted.error();
            fresh.unite(*inserted);
        }
        // The rollups, the learned state and the feed, from the new events only. A batch whose events are all
        // new (the usual case) brings its sums from prepareEvents(); the others are summed here.
        QList<RollupRow> rollups;
        engine::LearnedState learned;
        QList<Change> changes;
        qsizetype first = 0;
        for (qsizetype b = 0; b < group.size(); ++b) {
            const PreparedEvents *p = group[b];
            bool allNew = batchWhole[b];
            for (qsizetype i = first; allNew && i < batchEnd[b]; ++i)
                allNew = fresh.contains(items[i].id());
            if (allNew) {
                rollups += p->rollups;
                learned.merge(*p->learned);
            }
            for (qsizetype i = first; i < batchEnd[b]; ++i) {
                const Item &it = items[i];
                if (!fresh.contains(it.id()))
                    continue;
                const FeedbackEvent &e = it.event();
                if (!allNew) {
                    rollups += Statistics::contributions(e, std::nullopt);
                    learned.apply(e);
                }
                if (FeedbackEvent::isSend(e.kind)) {
                    const qint64 open = opens.value(qMakePair(e.agent, e.ticketId), -1);
                    if (auto handle =
                            Statistics::handleContribution(e, open < 0 ? std::nullopt : std::optional<qint64>(open)))
                        rollups << *handle;
                }
                if (inFeed(e.kind))
                    changes << Change{0, u"event"_s, it.id(), {}, p->texts.at(it.index)};
            }
            first = batchEnd[b];
        }
        US_TRY(Statistics::addToRollups(m_db, rollups));
        // From here to the commit, change writers take turns: the learned state is read and replaced, and the
        // feed's sequence numbers handed out, in commit order. Two round trips under the lock on PostgreSQL:
        // the lock with the read of the learned state, the feed's rows with the COMMIT.
        US_TRY(foldLearned(learned, changes, true));
        return appendChanges(changes, true);
    });
}

Status ServerStore::readOpens(const QList<QPair<QString, QString>> &keys, QHash<QPair<QString, QString>, qint64> &opens)
{
    // One statement for many keys (PostgreSQL: one round trip); QSQLITE binds positional parameters in time
    // quadratic in their number, so small chunks there.
    const qsizetype chunk = m_db.isPostgres() ? 500 : 25;
    for (qsizetype start = 0; start < keys.size(); start += chunk) {
        const qsizetype n = std::min<qsizetype>(chunk, keys.size() - start);
        QVariantList binds;
        binds.reserve(2 * n);
        for (qsizetype i = start; i < start + n; ++i)
            binds << keys[i].first << keys[i].second;
        auto q = m_db.exec(
            u"SELECT t.agent, t.ticket_id, t.first_ms FROM (VALUES %1) k JOIN ticket_opens t "
            "ON t.agent = k.column1 AND t.ticket_id = k.column2"_s.arg(QStringList(n, u"(?, ?)"_s).join(u", ")),
            binds);
        if (!q)
            return q.error();
        while (q->next())
            opens.insert(qMakePair(q->value(0).toString(), q->value(1).toString()), q->value(2).toLongLong());
    }
    return ok();
}

bool ServerStore::inFeed(FeedbackEvent::Kind kind)
{
    using Kind = FeedbackEvent::Kind;
    return kind == Kind::SentAsIs || kind == Kind::SentEdited || kind == Kind::Escalated || kind == Kind::FlagResolved;
}

Result<EventLogPage> ServerStore::eventLog(const QString &after, int limit, const QString &team)
{
    // COALESCE: an empty QString binds as NULL.
    auto q = m_db.exec(u"SELECT id, data FROM events WHERE id > COALESCE(?, '') AND (COALESCE(?, '') = '' OR agent IN "
                       "(SELECT name FROM users WHERE team = ?)) ORDER BY id LIMIT ?"_s,
                       {after, team, team, limit + 1});
    if (!q)
        return q.error();
    EventLogPage page;
    page.next = after;
    while (q->next()) {
        if (page.events.size() == limit) {
            page.more = true;
            break;
        }
        page.next = q->value(0).toString();
        page.events << parseObject(q->value(1).toString());
    }
    return page;
}

Status ServerStore::foldLearned(const engine::LearnedState &delta, QList<Change> &changes, bool lock)
{
    // Only called inside transaction(…, changes = true, …): no other writer reads or replaces these records
    // between the read and the write.
    const QList<engine::LearnedState::Part> parts = delta.parts();
    if (parts.isEmpty()) {
        if (lock)
            US_TRY(m_db.lockChanges());
        return ok();
    }
    engine::LearnedState total;
    // QSQLITE binds positional parameters in time quadratic in their number: small chunks there.
    const qsizetype chunk = m_db.isPostgres() ? 500 : 50;
    for (qsizetype start = 0; start < parts.size(); start += chunk) {
        const qsizetype n = std::min<qsizetype>(chunk, parts.size() - start);
        QVariantList keys;
        for (qsizetype i = 0; i < n; ++i)
            keys << parts.at(start + i).key;
        const QString in = QStringList(n, u"?"_s).join(u',');
        const QString sql = u"SELECT id, data FROM changes WHERE kind = 'learned' AND id IN (%1)"_s.arg(in);
        auto q = lock && start == 0 ? m_db.lockChangesAnd(sql, keys) : m_db.exec(sql, keys);
        if (!q)
            return q.error();
        while (q->next()) {
            const QString key = q->value(0).toString();
            if (auto st = total.setPart(key, parseObject(q->value(1).toString())); !st)
                return Error::make(Error::Code::Invalid,
                                   u"the stored learned state is damaged: %1"_s.arg(st.error().message));
        }
        q->finish();
        // The feed keeps the latest record per key: a client behind the new one gets it, and only it. (PostgreSQL:
        // appendChanges() deletes the old records in the statement that appends the new ones, one round trip less
        // while the feed's lock is held.)
        if (!m_db.isPostgres())
            US_TRY(m_db.exec(u"DELETE FROM changes WHERE kind = 'learned' AND id IN (%1)"_s.arg(in), keys));
    }
    total.merge(delta);
    for (const engine::LearnedState::Part &p : total.parts())
        changes << Change{0, u"learned"_s, p.key, {}, compact(p.data)};
    return ok();
}

Status ServerStore::migrate()
{
    return m_db.migrate([this](int version) -> Status {
        if (version != 3)
            return ok();
        // Version 3 shares the learned state instead of every event: fold the events held so far.
        engine::LearnedState learned;
        auto q = m_db.exec(u"SELECT data FROM events"_s);
        if (!q)
            return q.error();
        qint64 unreadable = 0;
        while (q->next()) {
            // The fold is a sum: the order of the rows does not matter.
            auto e = json::feedbackEventFromJson(parseObject(q->value(0).toString()));
            if (e)
                learned.apply(*e);
            else
                ++unreadable; // kept in the log all the same (only a hand-edited row can be unreadable)
        }
        q->finish();
        if (unreadable > 0)
            qCWarning(lcServerStore) << unreadable << "stored events could not be read into the learned state";
        QList<Change> changes;
        US_TRY(foldLearned(learned, changes));
        return appendChanges(changes);
    });
}

// ---- tickets ----------------------------------------------------------------------------------------------------

Result<QList<QJsonObject>> ServerStore::tickets(const QString &status, int limit, int offset)
{
    QString sql = u"SELECT data, claimed_by FROM tickets"_s;
    QVariantList binds;
    if (!status.isEmpty()) {
        sql += u" WHERE status = ?"_s;
        binds << status;
    }
    sql += u" ORDER BY created_at DESC, id LIMIT ? OFFSET ?"_s;
    binds << limit << offset;
    auto q = m_db.exec(sql, binds);
    if (!q)
        return q.error();
    QList<QJsonObject> out;
    while (q->next()) {
        QJsonObject t = ticketWithClaim(q->value(0).toString(), q->value(1));
        t.remove(u"messages"_s);
        out << t;
    }
    return out;
}

namespace {
/// A reply's delivery to its helpdesk as the API shows it: state, attempts, the helpdesk's id, the last error.
QJsonObject deliveryJson(const QSqlQuery &q, int from)
{
    QJsonObject d{{u"state"_s, q.value(from).toString()}, {u"attempts"_s, q.value(from + 1).toInt()}};
    if (!q.value(from + 2).isNull())
        d.insert(u"external_id"_s, q.value(from + 2).toString());
    if (!q.value(from + 3).isNull())
        d.insert(u"error"_s, q.value(from + 3).toString());
    return d;
}
} // namespace

Result<std::optional<QJsonObject>> ServerStore::ticket(const QString &id)
{
    auto q = m_db.exec(u"SELECT data, claimed_by FROM tickets WHERE id = ?"_s, {id});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<QJsonObject>();
    QJsonObject t = ticketWithClaim(q->value(0).toString(), q->value(1));
    q->finish();
    // Replies on their way to the ticket's helpdesk (issue 17), so the agent sees queued / delivered / failed.
    auto d = m_db.exec(u"SELECT idempotency_key, state, attempts, external_id, last_error FROM helpdesk_outbox "
                       "WHERE ticket_id = ? ORDER BY created_at"_s,
                       {id});
    if (!d)
        return d.error();
    QJsonArray deliveries;
    while (d->next()) {
        QJsonObject one = deliveryJson(*d, 1);
        one.insert(u"idempotency_key"_s, d->value(0).toString());
        deliveries.append(one);
    }
    if (!deliveries.isEmpty())
        t.insert(u"deliveries"_s, deliveries);
    return std::optional<QJsonObject>(t);
}

Result<ClaimResult> ServerStore::claim(const QString &ticketId, const QString &agent)
{
    ClaimResult result;
    Status st = m_db.transaction("claim ticket", true, [&]() -> Status {
        auto q = m_db.exec(u"SELECT data, claimed_by FROM tickets WHERE id = ?"_s, {ticketId});
        if (!q)
            return q.error();
        if (!q->next()) {
            result.outcome = ClaimResult::Outcome::NotFound;
            return ok();
        }
        const QString data = q->value(0).toString();
        const QVariant current = q->value(1);
        q->finish();
        if (!current.isNull() && current.toString() != agent) {
            result = {ClaimResult::Outcome::Conflict, current.toString()};
            return ok();
        }
        result = {ClaimResult::Outcome::Claimed, agent};
        if (!current.isNull())
            return ok(); // already ours: nothing changes
        US_TRY(
            m_db.exec(u"UPDATE tickets SET claimed_by = ?, updated_ms = ? WHERE id = ?"_s, {agent, nowMs(), ticketId}));
        return appendChanges({Change{0, u"ticket"_s, ticketId, ticketWithClaim(data, agent), {}}}, true);
    });
    if (!st)
        return st.error();
    return result;
}

Result<ReplyResult> ServerStore::reply(const QString &ticketId, const QString &agent, const QString &key,
                                       const QString &text, const QString &eventId)
{
    ReplyResult result;
    Status st = m_db.transaction("reply", true, [&]() -> Status {
        auto prior =
            m_db.exec(u"SELECT ticket_id, reply_id, author, at FROM replies WHERE idempotency_key = ?"_s, {key});
        if (!prior)
            return prior.error();
        if (prior->next()) {
            if (prior->value(0).toString() != ticketId || prior->value(2).toString() != agent) {
                result.outcome = ReplyResult::Outcome::KeyReused;
                return ok();
            }
            result.outcome = ReplyResult::Outcome::Replayed;
            result.answer = {{u"reply_id"_s, prior->value(1).toString()},
                             {u"ticket_id"_s, ticketId},
                             {u"status"_s, u"resolved"_s},
                             {u"author"_s, agent},
                             {u"at"_s, prior->value(3).toString()}};
            prior->finish();
            auto d = m_db.exec(u"SELECT state, attempts, external_id, last_error FROM helpdesk_outbox "
                               "WHERE idempotency_key = ?"_s,
                               {key});
            if (!d)
                return d.error();
            if (d->next()) // sending the same key again is how a client learns how the delivery went
                result.answer.insert(u"delivery"_s, deliveryJson(*d, 0));
            return ok();
        }
        prior->finish();
        auto q = m_db.exec(u"SELECT data, claimed_by FROM tickets WHERE id = ?"_s, {ticketId});
        if (!q)
            return q.error();
        if (!q->next()) {
            result.outcome = ReplyResult::Outcome::NotFound;
            return ok();
        }
        QJsonObject data = parseObject(q->value(0).toString());
        const QVariant claimedBy = q->value(1);
        q->finish();
        if (!claimedBy.isNull() && claimedBy.toString() != agent) {
            result.outcome = ReplyResult::Outcome::Conflict;
            result.claimedBy = claimedBy.toString();
            return ok();
        }
        const QString at = json::formatTime(QDateTime::currentDateTimeUtc());
        QJsonArray messages = data.value(u"messages"_s).toArray();
        messages.append(QJsonObject{{u"author"_s, u"agent"_s}, {u"body"_s, text}, {u"at"_s, at}});
        data.insert(u"messages"_s, messages);
        data.insert(u"status"_s, u"resolved"_s);
        // Answering an unclaimed ticket claims it, so a second agent cannot answer it too.
        US_TRY(m_db.exec(u"UPDATE tickets SET data = ?, status = ?, claimed_by = ?, updated_ms = ? WHERE id = ?"_s,
                         {compact(data), u"resolved"_s, agent, nowMs(), ticketId}));
        const QString replyId = Clock::newId();
        US_TRY(m_db.exec(u"INSERT INTO replies (idempotency_key, reply_id, ticket_id, author, event_id, body, at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                         {key, replyId, ticketId, agent, nullableText(eventId), text, at}));
        // A ticket from a helpdesk: the reply goes there too, exactly once (HelpdeskWorker), under the same key.
        QJsonObject delivery;
        auto hd = m_db.exec(u"SELECT integration, external_id FROM helpdesk_tickets WHERE ticket_id = ?"_s, {ticketId});
        if (!hd)
            return hd.error();
        if (hd->next()) {
            const QString integration = hd->value(0).toString();
            const QString external = hd->value(1).toString();
            hd->finish();
            US_TRY(
                m_db.exec(u"INSERT INTO helpdesk_outbox (idempotency_key, integration, ticket_id, external_ticket_id, "
                          "author, body, created_at, state, attempts, next_attempt_ms) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?)"_s,
                          {key, integration, ticketId, external, agent, text, at, nowMs()}));
            delivery = QJsonObject{{u"state"_s, u"queued"_s}, {u"attempts"_s, 0}};
        }
        result.outcome = ReplyResult::Outcome::Created;
        result.answer = {{u"reply_id"_s, replyId},
                         {u"ticket_id"_s, ticketId},
                         {u"status"_s, u"resolved"_s},
                         {u"author"_s, agent},
                         {u"at"_s, at}};
        if (!delivery.isEmpty())
            result.answer.insert(u"delivery"_s, delivery);
        QJsonObject withClaim = data;
        withClaim.insert(u"claimed_by"_s, agent);
        return appendChanges({Change{0, u"ticket"_s, ticketId, withClaim, {}}}, true);
    });
    if (!st)
        return st.error();
    return result;
}

// ---- knowledge and imports --------------------------------------------------------------------------------------

Result<std::optional<QJsonObject>> ServerStore::article(const QString &id)
{
    auto q = m_db.exec(u"SELECT data FROM articles WHERE id = ?"_s, {id});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(parseObject(q->value(0).toString()));
}

Result<ImportCounts> ServerStore::importArticles(const QList<Article> &articles, const QString &origin)
{
    ImportCounts counts;
    Status st = m_db.transaction("import articles", true, [&]() -> Status {
        counts = {};
        QList<Change> changes;
        QSet<QString> seen;
        for (const Article &a : articles) {
            if (seen.contains(a.id))
                return Error::make(Error::Code::Invalid, u"article \"%1\" appears twice"_s.arg(a.id));
            seen.insert(a.id);
            const QJsonObject data = json::toJson(a);
            const QString text = compact(data);
            auto q = m_db.exec(u"SELECT data FROM articles WHERE id = ?"_s, {a.id});
            if (!q)
                return q.error();
            const bool exists = q->next();
            const bool same = exists && parseObject(q->value(0).toString()) == data;
            q->finish();
            if (same) {
                ++counts.unchanged;
                continue;
            }
            if (exists) {
                US_TRY(m_db.exec(u"UPDATE articles SET data = ?, origin = ?, updated_ms = ? WHERE id = ?"_s,
                                 {text, nullableText(origin), nowMs(), a.id}));
                ++counts.updated;
            } else {
                US_TRY(m_db.exec(u"INSERT INTO articles (id, origin, data, updated_ms) VALUES (?, ?, ?, ?)"_s,
                                 {a.id, nullableText(origin), text, nowMs()}));
                ++counts.added;
            }
            changes << Change{0, u"article"_s, a.id, data, text};
        }
        return appendChanges(changes);
    });
    if (!st)
        return st.error();
    return counts;
}

Result<ImportCounts> ServerStore::importTickets(const QList<Ticket> &tickets)
{
    ImportCounts counts;
    Status st = m_db.transaction("import tickets", true, [&]() -> Status {
        counts = {};
        QList<Change> changes;
        US_TRY(importTicketsIn(tickets, counts, changes));
        return appendChanges(changes);
    });
    if (!st)
        return st.error();
    return counts;
}

Status ServerStore::importTicketsIn(const QList<Ticket> &tickets, ImportCounts &counts, QList<Change> &changes)
{
    QSet<QString> seen;
    for (Ticket t : tickets) {
        if (t.status.isEmpty())
            t.status = u"open"_s;
        if (seen.contains(t.id))
            return Error::make(Error::Code::Invalid, u"ticket \"%1\" appears twice"_s.arg(t.id));
        seen.insert(t.id);
        const QJsonObject data = json::toJson(t);
        const QString text = compact(data);
        auto q = m_db.exec(u"SELECT data, claimed_by FROM tickets WHERE id = ?"_s, {t.id});
        if (!q)
            return q.error();
        const bool exists = q->next();
        const bool same = exists && parseObject(q->value(0).toString()) == data;
        const QVariant claimedBy = exists ? q->value(1) : QVariant();
        q->finish();
        if (same) {
            ++counts.unchanged;
            continue;
        }
        const QString created = t.createdAt.isValid() ? json::formatTime(t.createdAt) : u""_s;
        if (exists) {
            US_TRY(m_db.exec(u"UPDATE tickets SET data = ?, status = ?, created_at = ?, updated_ms = ? WHERE id = ?"_s,
                             {text, t.status, created, nowMs(), t.id}));
            ++counts.updated;
        } else {
            US_TRY(m_db.exec(u"INSERT INTO tickets (id, status, created_at, claimed_by, data, updated_ms) "
                             "VALUES (?, ?, ?, NULL, ?, ?)"_s,
                             {t.id, t.status, created, text, nowMs()}));
            ++counts.added;
        }
        changes << Change{0, u"ticket"_s, t.id, ticketWithClaim(text, claimedBy), {}};
    }
    return ok();
}

// ---- helpdesk integrations --------------------------------------------------------------------------------------

Status ServerStore::addIntegration(const HelpdeskIntegration &i)
{
    return m_db.transaction("add helpdesk", false, [&]() -> Status {
        auto q = m_db.exec(u"SELECT 1 FROM helpdesk_integrations WHERE name = ?"_s, {i.name});
        if (!q)
            return q.error();
        if (q->next())
            return Error::make(Error::Code::Invalid, u"a helpdesk named \"%1\" exists already"_s.arg(i.name));
        q->finish();
        US_TRY(m_db.exec(u"INSERT INTO helpdesk_integrations (name, kind, base_url, user_name, secret, settings, "
                         "cursor, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                         {i.name, i.kind, i.baseUrl, i.user, i.secret, compact(i.settings), i.cursor, nowMs()}));
        return ok();
    });
}

Result<QList<HelpdeskIntegration>> ServerStore::integrations()
{
    auto q = m_db.exec(u"SELECT name, kind, base_url, user_name, secret, settings, cursor, last_poll_ms, last_error "
                       "FROM helpdesk_integrations ORDER BY name"_s);
    if (!q)
        return q.error();
    QList<HelpdeskIntegration> out;
    while (q->next()) {
        HelpdeskIntegration i;
        i.name = q->value(0).toString();
        i.kind = q->value(1).toString();
        i.baseUrl = q->value(2).toString();
        i.user = q->value(3).toString();
        i.secret = q->value(4).toString();
        i.settings = parseObject(q->value(5).toString());
        i.cursor = q->value(6).toString();
        i.lastPollMs = q->value(7).toLongLong();
        i.lastError = q->value(8).toString();
        out << i;
    }
    return out;
}

Result<bool> ServerStore::removeIntegration(const QString &name)
{
    bool removed = false;
    Status st = m_db.transaction("remove helpdesk", false, [&]() -> Status {
        auto q = m_db.exec(u"SELECT 1 FROM helpdesk_integrations WHERE name = ?"_s, {name});
        if (!q)
            return q.error();
        removed = q->next();
        q->finish();
        US_TRY(m_db.exec(u"DELETE FROM helpdesk_integrations WHERE name = ?"_s, {name}));
        return ok();
    });
    if (!st)
        return st.error();
    return removed;
}

Result<ImportCounts> ServerStore::importHelpdeskPage(const QString &integration,
                                                     const QList<QPair<Ticket, QString>> &tickets,
                                                     const QString &cursor, const QString &lastError)
{
    ImportCounts counts;
    Status st = m_db.transaction("import helpdesk page", true, [&]() -> Status {
        counts = {};
        QList<Ticket> plain;
        plain.reserve(tickets.size());
        for (const auto &[t, external] : tickets)
            plain << t;
        QList<Change> changes;
        US_TRY(importTicketsIn(plain, counts, changes));
        for (const auto &[t, external] : tickets) {
            auto q = m_db.exec(u"SELECT 1 FROM helpdesk_tickets WHERE ticket_id = ?"_s, {t.id});
            if (!q)
                return q.error();
            const bool known = q->next();
            q->finish();
            if (!known)
                US_TRY(
                    m_db.exec(u"INSERT INTO helpdesk_tickets (ticket_id, integration, external_id) VALUES (?, ?, ?)"_s,
                              {t.id, integration, external}));
        }
        US_TRY(
            m_db.exec(u"UPDATE helpdesk_integrations SET cursor = ?, last_poll_ms = ?, last_error = ? WHERE name = ?"_s,
                      {cursor, nowMs(), nullableText(lastError), integration}));
        return appendChanges(changes);
    });
    if (!st)
        return st.error();
    return counts;
}

Status ServerStore::recordPollError(const QString &integration, const QString &message)
{
    return m_db.transaction("helpdesk poll error", false, [&]() -> Status {
        US_TRY(m_db.exec(u"UPDATE helpdesk_integrations SET last_poll_ms = ?, last_error = ? WHERE name = ?"_s,
                         {nowMs(), message, integration}));
        return ok();
    });
}

namespace {
HelpdeskDelivery deliveryFromRow(const QSqlQuery &q)
{
    HelpdeskDelivery d;
    d.key = q.value(0).toString();
    d.integration = q.value(1).toString();
    d.ticketId = q.value(2).toString();
    d.externalTicketId = q.value(3).toString();
    d.author = q.value(4).toString();
    d.body = q.value(5).toString();
    d.createdAt = json::parseTime(q.value(6).toString());
    d.state = q.value(7).toString();
    d.attempts = q.value(8).toInt();
    d.externalId = q.value(9).toString();
    d.lastError = q.value(10).toString();
    return d;
}
const QString kDeliveryColumns = u"idempotency_key, integration, ticket_id, external_ticket_id, author, body, "
                                 "created_at, state, attempts, external_id, last_error"_s;
} // namespace

Result<QList<HelpdeskDelivery>> ServerStore::dueDeliveries(qint64 now, int limit)
{
    auto q = m_db.exec(u"SELECT %1 FROM helpdesk_outbox WHERE state = 'queued' AND next_attempt_ms <= ? "
                       "ORDER BY next_attempt_ms, created_at LIMIT ?"_s.arg(kDeliveryColumns),
                       {now, limit});
    if (!q)
        return q.error();
    QList<HelpdeskDelivery> out;
    while (q->next())
        out << deliveryFromRow(*q);
    return out;
}

Result<std::optional<HelpdeskDelivery>> ServerStore::delivery(const QString &key)
{
    auto q = m_db.exec(u"SELECT %1 FROM helpdesk_outbox WHERE idempotency_key = ?"_s.arg(kDeliveryColumns), {key});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<HelpdeskDelivery>();
    return std::optional<HelpdeskDelivery>(deliveryFromRow(*q));
}

Status ServerStore::markDelivered(const QString &key, const QString &externalId)
{
    return m_db.transaction("helpdesk delivered", false, [&]() -> Status {
        US_TRY(m_db.exec(u"UPDATE helpdesk_outbox SET state = 'delivered', external_id = ?, delivered_ms = ?, "
                         "attempts = attempts + 1, last_error = NULL WHERE idempotency_key = ?"_s,
                         {externalId, nowMs(), key}));
        return ok();
    });
}

Status ServerStore::markDeliveryFailed(const QString &key, const QString &error, bool permanent, qint64 nextAttemptMs)
{
    return m_db.transaction("helpdesk delivery failed", false, [&]() -> Status {
        US_TRY(m_db.exec(u"UPDATE helpdesk_outbox SET state = ?, attempts = attempts + 1, last_error = ?, "
                         "next_attempt_ms = ? WHERE idempotency_key = ?"_s,
                         {permanent ? u"failed"_s : u"queued"_s, error, nextAttemptMs, key}));
        return ok();
    });
}

Result<bool> ServerStore::contentEmpty()
{
    auto q = m_db.exec(u"SELECT (SELECT COUNT(*) FROM tickets) + (SELECT COUNT(*) FROM articles)"_s);
    if (!q)
        return q.error();
    return !q->next() || q->value(0).toLongLong() == 0;
}

// ---- statistics -------------------------------------------------------------------------------------------------

Result<std::optional<FeedbackEvent>> ServerStore::event(const QString &id)
{
    auto q = m_db.exec(u"SELECT data FROM events WHERE id = ?"_s, {id});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<FeedbackEvent>();
    auto e = json::feedbackEventFromJson(parseObject(q->value(0).toString()));
    if (!e)
        return e.error();
    return std::optional<FeedbackEvent>(*e);
}

} // namespace understudy::server

// SPDX-License-Identifier: GPL-3.0-or-later
#include "QueueRepository.h"

#include "Rows.h"

#include <understudy/Json.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace understudy::store {

namespace {
// The page is cut first (ids only, over tickets, their queue columns and customers), then only its rows are
// joined with what the queue shows. ticket_queue (migration v5) holds per ticket the latest draft's state and the
// agent's escalation, and the key of the ticket in tickets_fts; triggers keep both current.
QString queueSql(const QString &pageSql, const QString &orderBy)
{
    return u"SELECT t.id, t.subject, t.status, coalesce(c.name, ''), coalesce(c.tier, ''), t.intent, t.created_at, "
           "t.updated_at, (SELECT m.author FROM messages m WHERE m.ticket_id = t.id ORDER BY m.seq DESC LIMIT 1), "
           "q.draft_confidence IS NOT NULL, coalesce(q.draft_confidence, 0), coalesce(q.draft_low, 0), "
           "coalesce(q.draft_escalate, 0), "
           "EXISTS (SELECT 1 FROM feedback_events e WHERE e.ticket_id = t.id AND e.kind = 'shown'), q.escalated "
           "FROM ("_s +
           pageSql +
           u") p JOIN tickets t ON t.id = p.id JOIN ticket_queue q ON q.ticket_id = t.id "
           "LEFT JOIN customers c ON c.id = t.customer_id ORDER BY "_s +
           orderBy;
}

// A ticket's status as the Status order ranks it (the expression of the tickets_status_order index).
QString statusRank()
{
    return u"CASE t.status WHEN 'open' THEN 0 WHEN 'pending' THEN 1 WHEN 'resolved' THEN 2 WHEN 'closed' THEN 3 "
           "ELSE 4 END"_s;
}

// Orders walked over ticket_queue's indexes (v10): their ties break on its copies of created_at and the id.
bool sortsOverQueue(QueueQuery::Sort sort)
{
    using Sort = QueueQuery::Sort;
    return sort == Sort::Confidence || sort == Sort::Escalation;
}

// The sort key of a queue order (NULL-free, so row order is total with the tie-breakers).
QString sortKey(QueueQuery::Sort sort)
{
    switch (sort) {
    case QueueQuery::Sort::Default:
        return u"CASE WHEN t.status IN ('open', 'pending') THEN 0 ELSE 1 END"_s;
    case QueueQuery::Sort::Subject:
        return u"t.subject COLLATE NOCASE"_s;
    case QueueQuery::Sort::Customer:
        return u"coalesce(c.name, '') COLLATE NOCASE"_s;
    case QueueQuery::Sort::Tier:
        return u"CASE c.tier WHEN 'free' THEN 0 WHEN 'pro' THEN 1 WHEN 'enterprise' THEN 2 ELSE 3 END"_s;
    case QueueQuery::Sort::Status:
        return statusRank();
    case QueueQuery::Sort::Waiting:
        return u"coalesce(t.updated_at, t.created_at, '')"_s;
    case QueueQuery::Sort::Confidence:
        return u"coalesce(q.draft_confidence, -1)"_s;
    case QueueQuery::Sort::Escalation:
        return u"(coalesce(q.draft_escalate, 0) != 0 OR q.escalated != 0)"_s;
    }
    return u"0"_s;
}

QString orderBy(const QueueQuery &query)
{
    using Status = QueueQuery::Status;
    // Under a status filter the default order's rank is one value: leaving it out lets SQLite walk an index
    // (tickets_queue_order, tickets_status) instead of sorting every matching row for each page.
    if (query.sort == QueueQuery::Sort::Default && query.status != Status::All)
        return u"t.created_at, t.id"_s;
    const bool desc = query.descending && query.sort != QueueQuery::Sort::Default;
    const QString ties = sortsOverQueue(query.sort) ? u", q.sort_created, q.ticket_id"_s : u", t.created_at, t.id"_s;
    return sortKey(query.sort) + (desc ? u" DESC"_s : QString()) + ties;
}

// "pass wor" → "pass"* "wor"*: every word must begin a token (FTS5 phrase prefix queries, quotes doubled).
// Words without a letter or digit tokenize to nothing and are left out.
QString ftsQuery(const QString &text)
{
    QStringList terms;
    for (const QString &w : text.simplified().split(u' ', Qt::SkipEmptyParts)) {
        if (std::none_of(w.cbegin(), w.cend(), [](QChar ch) { return ch.isLetterOrNumber(); }))
            continue;
        terms << u"\""_s + QString(w).replace(u"\""_s, u"\"\""_s) + u"\"*"_s;
    }
    return terms.join(u' ');
}

// The tables a query's page needs beside tickets (joins cost a lookup per scanned row).
QString queueFrom(const QueueQuery &query)
{
    const bool queue = query.escalatedOnly || query.lowConfidenceOnly || sortsOverQueue(query.sort);
    const bool customers =
        !query.tier.isEmpty() || query.sort == QueueQuery::Sort::Customer || query.sort == QueueQuery::Sort::Tier;
    QString from = u"FROM tickets t "_s;
    if (queue)
        from += u"JOIN ticket_queue q ON q.ticket_id = t.id "_s;
    if (customers)
        from += u"LEFT JOIN customers c ON c.id = t.customer_id "_s;
    return from;
}

// The WHERE clause of @p query and its text parameters, numbered from ?1.
// The status filter, written for the index the order walks: under the Status order as a range of its rank (a
// range of tickets_status_order); under the other orders but the default one with the column hidden from the
// planner ("+"), so it filters the walk of that order's index instead of choosing a status index and sorting all
// it finds.
QString statusCondition(const QueueQuery &query)
{
    using Status = QueueQuery::Status;
    QString names, rank; // the statuses shown, and their ranks in the Status order
    switch (query.status) {
    case Status::All:
        return {};
    case Status::Active:
        names = u"'open', 'pending'"_s, rank = u"<= 1"_s;
        break;
    case Status::Open:
        names = u"'open'"_s, rank = u"= 0"_s;
        break;
    case Status::Pending:
        names = u"'pending'"_s, rank = u"= 1"_s;
        break;
    case Status::Resolved:
        names = u"'resolved'"_s, rank = u"= 2"_s;
        break;
    case Status::Closed:
        names = u"'closed'"_s, rank = u"= 3"_s;
        break;
    }
    if (query.sort == QueueQuery::Sort::Status)
        return statusRank() + u' ' + rank;
    if (query.sort != QueueQuery::Sort::Default)
        return u"+t.status IN ("_s + names + u')';
    if (query.status == Status::Active) // the expression of the tickets_queue_order index: a range of it
        return sortKey(QueueQuery::Sort::Default) + u" = 0"_s;
    return u"t.status = "_s + names;
}

QString queueWhere(const QueueQuery &query, QStringList &params)
{
    QStringList conds;
    if (const QString status = statusCondition(query); !status.isEmpty())
        conds << status;
    if (!query.tier.isEmpty()) {
        params << query.tier;
        conds << u"c.tier = ?%1"_s.arg(params.size());
    }
    if (query.escalatedOnly)
        conds << u"(coalesce(q.draft_escalate, 0) != 0 OR q.escalated != 0)"_s;
    if (query.lowConfidenceOnly)
        conds << u"coalesce(q.draft_low, 0) != 0"_s;
    if (const QString fts = ftsQuery(query.search); !fts.isEmpty()) {
        params << fts;
        // As a list of ticket ids: "q.key IN (…)" made SQLite probe the whole hit list for every scanned row.
        conds << u"t.id IN (SELECT s.ticket_id FROM tickets_fts f JOIN ticket_queue s ON s.key = f.rowid "
                 "WHERE tickets_fts MATCH ?%1)"_s.arg(params.size());
    }
    return conds.isEmpty() ? QString() : u"WHERE "_s + conds.join(u" AND "_s) + u' ';
}

QueueRow queueRow(Statement &q)
{
    QueueRow row;
    row.id = q.text(0);
    row.subject = q.text(1);
    row.status = q.text(2);
    row.customerName = q.text(3);
    row.customerTier = q.text(4);
    row.intent = q.text(5);
    row.createdAt = json::parseTime(q.text(6));
    row.updatedAt = json::parseTime(q.text(7));
    row.lastAuthor = q.text(8);
    row.hasDraft = q.int64(9) != 0;
    row.confidence = q.real(10);
    row.lowConfidence = q.int64(11) != 0;
    row.escalate = q.int64(12) != 0;
    row.seen = q.int64(13) != 0;
    row.escalatedByAgent = q.int64(14) != 0;
    return row;
}
} // namespace

bool QueueRepository::sortsEveryRow(const QueueQuery &query)
{
    return query.sort == QueueQuery::Sort::Customer || query.sort == QueueQuery::Sort::Tier;
}

Result<QList<QueueRow>> QueueRepository::page(const QueueQuery &query, int offset, int limit)
{
    QStringList params;
    const QString where = queueWhere(query, params);
    const QString order = orderBy(query);
    const int n = int(params.size());
    auto q = m_db.prepare(queueSql(u"SELECT t.id "_s + queueFrom(query) + where + u"ORDER BY "_s + order +
                                       u" LIMIT ?%1 OFFSET ?%2"_s.arg(n + 1).arg(n + 2),
                                   order));
    if (!q)
        return q.error();
    for (int i = 0; i < n; ++i)
        (*q)->bind(i + 1, params[i]);
    (*q)->bind(n + 1, qint64(limit)).bind(n + 2, qint64(offset));
    return rows::collect(q, queueRow);
}

Result<std::optional<QueueRow>> QueueRepository::row(const QString &ticketId)
{
    auto q = m_db.prepare(queueSql(u"SELECT id FROM tickets WHERE id = ?1"_s, u"t.id"_s));
    if (q)
        (*q)->bind(1, ticketId);
    return rows::first(q, queueRow);
}

Result<qint64> QueueRepository::size(const QueueQuery &query)
{
    QStringList params;
    const QString where = queueWhere(query, params);
    if (where.isEmpty())
        return rows::scalar(m_db.prepare(u"SELECT count(*) FROM tickets"_s));
    auto q = m_db.prepare(u"SELECT count(*) "_s + queueFrom(query) + where);
    if (q)
        for (int i = 0; i < params.size(); ++i)
            (*q)->bind(i + 1, params[i]);
    return rows::scalar(q);
}

Result<QSet<QString>> QueueRepository::flaggedAmong(const QStringList &ticketIds)
{
    if (ticketIds.isEmpty())
        return QSet<QString>();
    // By the feedback_ticket index: one lookup per ticket, never a scan of the log. A flag still waiting for its
    // reason (held_events: a handful at most) marks its ticket too.
    auto q = m_db.prepare(u"SELECT DISTINCT ticket_id FROM feedback_events WHERE kind = 'flagged' "
                          "AND ticket_id IN (SELECT value FROM json_each(?1)) "
                          "UNION SELECT json_extract(payload, '$.ticket_id') FROM held_events "
                          "WHERE json_extract(payload, '$.kind') = 'flagged'"_s);
    if (q)
        (*q)->bind(
            1, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(ticketIds)).toJson(QJsonDocument::Compact)));
    auto ids = rows::collect(q, [](Statement &row) { return row.text(0); });
    if (!ids)
        return ids.error();
    return QSet<QString>(ids->cbegin(), ids->cend());
}

} // namespace understudy::store

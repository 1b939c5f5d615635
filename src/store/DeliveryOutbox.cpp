// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeliveryOutbox.h"

#include <understudy/Clock.h>
#include <understudy/Json.h>

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace understudy::store {

namespace {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? json::formatTime(t) : QString();
}

QDateTime timeOf(Statement &row, int col)
{
    return row.isNull(col) ? QDateTime() : json::parseTime(row.text(col));
}

LocalHelpdesk helpdeskFromRow(Statement &row)
{
    LocalHelpdesk h;
    h.name = row.text(0);
    h.kind = row.text(1);
    h.baseUrl = row.text(2);
    h.user = row.text(3);
    h.settings = QJsonDocument::fromJson(row.text(4).toUtf8()).object();
    h.ticketCursor = row.text(5);
    h.articleCursor = row.text(6);
    h.lastPullAt = timeOf(row, 7);
    h.lastError = row.text(8);
    return h;
}

const QString kHelpdeskColumns = u"name, kind, base_url, user_name, settings, ticket_cursor, article_cursor, "
                                 "last_pull_at, last_error FROM helpdesk_integrations"_s;
const QString kActionColumns =
    u"a.event_id, a.action, a.integration, coalesce(e.ticket_id, ''), a.external_ticket_id, a.body, a.created_at, "
    "a.state, a.attempts, a.next_attempt_at, a.last_error, a.external_id, a.done_at "
    "FROM helpdesk_actions a LEFT JOIN feedback_events e ON e.id = a.event_id"_s;
/// A ticket's reply before its tag and hand-off (a tag on a ticket whose reply failed would report a send that
/// did not happen yet).
const QString kActionOrder = u"a.created_at, a.event_id, CASE a.action WHEN 'reply' THEN 0 ELSE 1 END"_s;

} // namespace

Status DeliveryOutbox::addIntegration(const LocalHelpdesk &h)
{
    auto exists = integration(h.name);
    if (!exists)
        return exists.error();
    if (exists->has_value())
        return Error::make(Error::Code::Invalid, u"a helpdesk named \"%1\" is already connected"_s.arg(h.name));
    auto q = m_db.prepare(u"INSERT INTO helpdesk_integrations (name, kind, base_url, user_name, settings, "
                          "ticket_cursor, article_cursor, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"_s);
    if (!q)
        return q.error();
    return (*q)
        ->bind(1, h.name)
        .bind(2, h.kind)
        .bind(3, h.baseUrl)
        .bind(4, h.user)
        .bind(5, QString::fromUtf8(QJsonDocument(h.settings).toJson(QJsonDocument::Compact)))
        .bind(6, h.ticketCursor)
        .bind(7, h.articleCursor)
        .bind(8, json::formatTime(Clock::now()))
        .exec();
}

Result<QList<LocalHelpdesk>> DeliveryOutbox::integrations()
{
    auto q = m_db.prepare(u"SELECT "_s + kHelpdeskColumns + u" ORDER BY name"_s);
    if (!q)
        return q.error();
    QList<LocalHelpdesk> out;
    US_TRY((*q)->forEachRow([&](Statement &row) { out.append(helpdeskFromRow(row)); }));
    return out;
}

Result<std::optional<LocalHelpdesk>> DeliveryOutbox::integration(const QString &name)
{
    auto q = m_db.prepare(u"SELECT "_s + kHelpdeskColumns + u" WHERE name = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, name);
    std::optional<LocalHelpdesk> out;
    US_TRY((*q)->forEachRow([&](Statement &row) { out = helpdeskFromRow(row); }));
    return out;
}

Result<bool> DeliveryOutbox::removeIntegration(const QString &name)
{
    auto tx = m_db.transaction("remove helpdesk");
    US_TRY(tx.status());
    auto q = m_db.prepare(u"DELETE FROM helpdesk_integrations WHERE name = ?1"_s);
    if (!q)
        return q.error();
    US_TRY((*q)->bind(1, name).exec());
    const bool removed = m_db.changes() > 0;
    auto map = m_db.prepare(u"DELETE FROM helpdesk_tickets WHERE integration = ?1"_s);
    if (!map)
        return map.error();
    US_TRY((*map)->bind(1, name).exec());
    US_TRY(tx.commit());
    return removed;
}

Status DeliveryOutbox::setTicketCursor(const QString &name, const QString &cursor)
{
    auto q = m_db.prepare(u"UPDATE helpdesk_integrations SET ticket_cursor = ?2 WHERE name = ?1"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, name).bind(2, cursor).exec();
}

Status DeliveryOutbox::setArticleCursor(const QString &name, const QString &cursor)
{
    auto q = m_db.prepare(u"UPDATE helpdesk_integrations SET article_cursor = ?2 WHERE name = ?1"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, name).bind(2, cursor).exec();
}

Status DeliveryOutbox::recordPull(const QString &name, const QString &error)
{
    auto q = m_db.prepare(u"UPDATE helpdesk_integrations SET last_pull_at = ?2, last_error = ?3 WHERE name = ?1"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, name).bind(2, json::formatTime(Clock::now())).bind(3, error).exec();
}

Status DeliveryOutbox::mapTickets(const QString &name, const QList<std::pair<QString, QString>> &tickets)
{
    auto tx = m_db.transaction("map helpdesk tickets");
    US_TRY(tx.status());
    auto q = m_db.prepare(u"INSERT INTO helpdesk_tickets (ticket_id, integration, external_id) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(ticket_id) DO UPDATE SET integration = excluded.integration, "
                          "external_id = excluded.external_id"_s);
    if (!q)
        return q.error();
    for (const auto &[ticketId, externalId] : tickets)
        US_TRY((*q)->bind(1, ticketId).bind(2, name).bind(3, externalId).exec());
    return tx.commit();
}

Result<std::optional<std::pair<QString, QString>>> DeliveryOutbox::helpdeskTicket(const QString &ticketId)
{
    auto q = m_db.prepare(u"SELECT integration, external_id FROM helpdesk_tickets WHERE ticket_id = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, ticketId);
    std::optional<std::pair<QString, QString>> out;
    US_TRY((*q)->forEachRow([&](Statement &row) { out = std::pair(row.text(0), row.text(1)); }));
    return out;
}

Result<QList<HelpdeskAction>> DeliveryOutbox::readActions(Statement &q)
{
    QList<HelpdeskAction> out;
    US_TRY(q.forEachRow([&](Statement &row) {
        HelpdeskAction a;
        a.eventId = row.text(0);
        a.action = row.text(1);
        a.integration = row.text(2);
        a.ticketId = row.text(3);
        a.externalTicketId = row.text(4);
        a.body = row.text(5);
        a.createdAt = timeOf(row, 6);
        a.state = row.text(7);
        a.attempts = int(row.int64(8));
        a.nextAttemptAt = timeOf(row, 9);
        a.lastError = row.text(10);
        a.externalId = row.text(11);
        a.doneAt = timeOf(row, 12);
        out.append(std::move(a));
    }));
    return out;
}

Result<QList<HelpdeskAction>> DeliveryOutbox::due(const QDateTime &now, int limit, const QString &integration)
{
    // Times are stored as formatTime() text (ISO, UTC, fixed width), so they compare as text.
    auto q = m_db.prepare(u"SELECT "_s + kActionColumns +
                          u" WHERE a.state = 'queued' AND (a.next_attempt_at IS NULL OR a.next_attempt_at <= ?1) "
                          "AND (?2 = '' OR a.integration = ?2) ORDER BY "_s +
                          kActionOrder + u" LIMIT ?3"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, json::formatTime(now)).bind(2, integration).bind(3, limit);
    return readActions(**q);
}

Result<QList<HelpdeskAction>> DeliveryOutbox::actionsOfTicket(const QString &ticketId)
{
    auto q = m_db.prepare(u"SELECT "_s + kActionColumns + u" WHERE e.ticket_id = ?1 ORDER BY "_s + kActionOrder);
    if (!q)
        return q.error();
    (*q)->bind(1, ticketId);
    return readActions(**q);
}

Result<std::optional<HelpdeskAction>> DeliveryOutbox::action(const QString &eventId, const QString &action)
{
    auto q = m_db.prepare(u"SELECT "_s + kActionColumns + u" WHERE a.event_id = ?1 AND a.action = ?2"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, eventId).bind(2, action);
    auto rows = readActions(**q);
    if (!rows)
        return rows.error();
    return rows->isEmpty() ? std::optional<HelpdeskAction>() : std::optional<HelpdeskAction>(rows->first());
}

Result<QList<std::pair<QString, qint64>>> DeliveryOutbox::stateCounts()
{
    auto q = m_db.prepare(u"SELECT state, COUNT(*) FROM helpdesk_actions GROUP BY state ORDER BY state"_s);
    if (!q)
        return q.error();
    QList<std::pair<QString, qint64>> out;
    US_TRY((*q)->forEachRow([&](Statement &row) { out.append({row.text(0), row.int64(1)}); }));
    return out;
}

Status DeliveryOutbox::markDone(const QString &eventId, const QString &action, const QString &externalId)
{
    const QString now = json::formatTime(Clock::now());
    auto tx = m_db.transaction("helpdesk action done");
    US_TRY(tx.status());
    auto q =
        m_db.prepare(u"UPDATE helpdesk_actions SET state = 'done', attempts = attempts + 1, external_id = ?3, "
                     "last_error = '', next_attempt_at = NULL, done_at = ?4 WHERE event_id = ?1 AND action = ?2"_s);
    if (!q)
        return q.error();
    US_TRY((*q)->bind(1, eventId).bind(2, action).bind(3, externalId).bind(4, now).exec());
    if (m_db.changes() == 0)
        return Error::make(Error::Code::NotFound, u"no helpdesk %1 of event %2 is queued"_s.arg(action, eventId));
    if (action == u"reply"_s) {
        auto r = m_db.prepare(u"UPDATE reply_deliveries SET state = 'delivered', reply_id = ?2, detail = NULL, "
                              "attempts = attempts + 1, done_at = ?3 WHERE event_id = ?1"_s);
        if (!r)
            return r.error();
        US_TRY((*r)->bind(1, eventId).bind(2, externalId).bind(3, now).exec());
    }
    return tx.commit();
}

Status DeliveryOutbox::markFailed(const QString &eventId, const QString &action, const QString &error, bool permanent,
                                  const QDateTime &nextAttempt)
{
    const QString now = json::formatTime(Clock::now());
    auto tx = m_db.transaction("helpdesk action failed");
    US_TRY(tx.status());
    auto q = m_db.prepare(u"UPDATE helpdesk_actions SET state = ?3, attempts = attempts + 1, last_error = ?4, "
                          "next_attempt_at = ?5, done_at = ?6 WHERE event_id = ?1 AND action = ?2"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, eventId).bind(2, action).bind(3, permanent ? u"failed"_s : u"queued"_s).bind(4, error);
    (*q)->bindOptional(5, permanent ? QString() : timeText(nextAttempt)).bindOptional(6, permanent ? now : QString());
    US_TRY((*q)->exec());
    if (m_db.changes() == 0)
        return Error::make(Error::Code::NotFound, u"no helpdesk %1 of event %2"_s.arg(action, eventId));
    if (action == u"reply"_s) {
        // Still queued, the send stays "pending" with the latest reason as its detail; failed for good, "failed".
        auto r = m_db.prepare(u"UPDATE reply_deliveries SET state = CASE WHEN ?3 != '' THEN 'failed' ELSE state END, "
                              "detail = ?2, attempts = attempts + 1, done_at = nullif(?3, '') WHERE event_id = ?1"_s);
        if (!r)
            return r.error();
        US_TRY((*r)->bind(1, eventId).bind(2, error).bind(3, permanent ? now : QString(u""_s)).exec());
    }
    return tx.commit();
}

Status DeliveryOutbox::retry(const QString &eventId, const QString &action)
{
    auto current = this->action(eventId, action);
    if (!current)
        return current.error();
    if (!current->has_value())
        return Error::make(Error::Code::NotFound, u"no helpdesk %1 of event %2"_s.arg(action, eventId));
    if ((*current)->state == u"done"_s)
        return Error::make(Error::Code::Invalid, u"the helpdesk %1 of event %2 is done already"_s.arg(action, eventId));
    auto tx = m_db.transaction("helpdesk action retry");
    US_TRY(tx.status());
    auto q = m_db.prepare(u"UPDATE helpdesk_actions SET state = 'queued', next_attempt_at = NULL, done_at = NULL "
                          "WHERE event_id = ?1 AND action = ?2"_s);
    if (!q)
        return q.error();
    US_TRY((*q)->bind(1, eventId).bind(2, action).exec());
    if (action == u"reply"_s) {
        auto r = m_db.prepare(u"UPDATE reply_deliveries SET state = 'pending', done_at = NULL "
                              "WHERE event_id = ?1 AND state = 'failed'"_s);
        if (!r)
            return r.error();
        US_TRY((*r)->bind(1, eventId).exec());
    }
    return tx.commit();
}

} // namespace understudy::store

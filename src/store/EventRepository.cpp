// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventRepository.h"

#include "Rows.h"
#include "StoredText.h"

#include <understudy/Clock.h>
#include <understudy/Json.h>

using namespace Qt::StringLiterals;

namespace understudy::store {

namespace {
/// @brief @p event as stored, or Invalid: an event the outbox could not read back would block every later push.
Result<QJsonObject> eventPayload(const FeedbackEvent &event)
{
    QJsonObject payload = json::toJson(event);
    if (event.id.isEmpty())
        return Error::make(Error::Code::Invalid, u"a feedback event needs an id"_s);
    if (auto back = json::feedbackEventFromJson(payload); !back)
        return Error::make(Error::Code::Invalid,
                           u"feedback event %1 cannot be recorded: %2"_s.arg(event.id, back.error().message));
    return payload;
}

// An event from its stored payload (column 0).
Result<FeedbackEvent> eventRow(Statement &q)
{
    return json::feedbackEventFromJson(stored::objectFrom(q.text(0)));
}
} // namespace

Status EventRepository::saveDraft(const Draft &draft)
{
    // What cannot be read back must not be stored: latestDraft() would fail on it for good.
    if (draft.id.isEmpty() || draft.ticketId.isEmpty())
        return Error::make(Error::Code::Invalid, u"a draft needs an id and a ticket id"_s);
    const QJsonObject payload = json::toJson(draft);
    if (auto back = json::draftFromJson(payload); !back)
        return Error::make(Error::Code::Invalid,
                           u"draft %1 cannot be stored: %2"_s.arg(draft.id, back.error().message));
    auto q = m_db.prepare(u"INSERT OR REPLACE INTO drafts (id, ticket_id, created_at, confidence, engine, payload) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, draft.id).bind(2, draft.ticketId).bind(3, json::formatTime(draft.createdAt));
    (*q)->bind(4, draft.confidence).bind(5, draft.engineVersion).bind(6, stored::compact(payload));
    return (*q)->exec();
}

Result<std::optional<Draft>> EventRepository::latestDraft(const QString &ticketId)
{
    auto q =
        m_db.prepare(u"SELECT payload FROM drafts WHERE ticket_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1"_s);
    if (q)
        (*q)->bind(1, ticketId);
    return rows::first(q, [](Statement &s) { return json::draftFromJson(stored::objectFrom(s.text(0))); });
}

Result<bool> EventRepository::wasShown(const QString &ticketId, const QString &draftId)
{
    auto q = m_db.prepare(
        u"SELECT 1 FROM feedback_events WHERE ticket_id = ?1 AND draft_id = ?2 AND kind = 'shown' LIMIT 1"_s);
    if (q)
        (*q)->bind(1, ticketId).bind(2, draftId);
    auto row = rows::first(q, [](Statement &) { return true; });
    if (!row)
        return row.error();
    return row->has_value();
}

Result<bool> EventRepository::append(const FeedbackEvent &event)
{
    auto payload = eventPayload(event);
    if (!payload)
        return payload.error();
    auto insert = m_db.prepare(u"INSERT INTO feedback_events (id, kind, agent, ticket_id, draft_id, at, payload) "
                               u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                               "ON CONFLICT(id) DO NOTHING"_s);
    if (!insert)
        return insert.error();
    (*insert)->bind(1, event.id).bind(2, FeedbackEvent::kindName(event.kind)).bind(3, event.agent);
    (*insert)->bind(4, event.ticketId).bindOptional(5, event.draftId).bind(6, json::formatTime(event.at));
    (*insert)->bind(7, stored::compact(*payload));
    US_TRY((*insert)->exec());
    if (m_db.changes() == 0)
        return false; // already held: idempotent
    auto out = m_db.prepare(u"INSERT INTO outbox (event_id, created_at) VALUES (?1, ?2)"_s);
    if (!out)
        return out.error();
    US_TRY((*out)->bind(1, event.id).bind(2, json::formatTime(Clock::now())).exec());
    return true;
}

Result<bool> EventRepository::appendRemote(const FeedbackEvent &e, const QString &now)
{
    auto insert = m_db.prepare(u"INSERT INTO feedback_events (id, kind, agent, ticket_id, draft_id, at, payload, "
                               u"synced_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(id) DO NOTHING"_s);
    if (!insert)
        return insert.error();
    (*insert)->bind(1, e.id).bind(2, FeedbackEvent::kindName(e.kind)).bind(3, e.agent);
    (*insert)->bind(4, e.ticketId).bindOptional(5, e.draftId).bind(6, json::formatTime(e.at));
    (*insert)->bind(7, stored::compact(json::toJson(e))).bind(8, now);
    US_TRY((*insert)->exec());
    return m_db.changes() > 0;
}

Status EventRepository::record(const FeedbackEvent &event)
{
    auto tx = m_db.transaction("record event");
    US_TRY(tx.status());
    if (auto added = append(event); !added)
        return added.error();
    return tx.commit();
}

Result<QList<FeedbackEvent>> EventRepository::events(const QString &ticketId)
{
    auto q = m_db.prepare(u"SELECT payload FROM feedback_events WHERE ?1 = '' OR ticket_id = ?1 ORDER BY seq"_s);
    if (q)
        (*q)->bind(1, ticketId);
    return rows::collect(q, eventRow);
}

Status EventRepository::hold(const FeedbackEvent &event)
{
    auto payload = eventPayload(event);
    if (!payload)
        return payload.error();
    auto q = m_db.prepare(u"INSERT INTO held_events (id, payload, held_at) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(id) DO NOTHING"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, event.id).bind(2, stored::compact(*payload)).bind(3, json::formatTime(Clock::now())).exec();
}

Result<FeedbackEvent> EventRepository::recordHeld(const QString &eventId, const QString &reason)
{
    auto tx = m_db.transaction("record a held event");
    US_TRY(tx.status());
    auto q = m_db.prepare(u"SELECT payload FROM held_events WHERE id = ?1"_s);
    if (q)
        (*q)->bind(1, eventId);
    auto held = rows::first(q, eventRow);
    if (!held)
        return held.error();
    if (!*held)
        return Error::make(Error::Code::NotFound, u"no event %1 is held"_s.arg(eventId));
    FeedbackEvent event = **held;
    if (!reason.isEmpty())
        event.reason = reason;
    if (auto added = append(event); !added)
        return added.error();
    auto del = m_db.prepare(u"DELETE FROM held_events WHERE id = ?1"_s);
    if (!del)
        return del.error();
    US_TRY((*del)->bind(1, eventId).exec());
    US_TRY(tx.commit());
    return event;
}

Result<int> EventRepository::recordAllHeld()
{
    auto ids = rows::collect(m_db.prepare(u"SELECT id FROM held_events ORDER BY held_at, id"_s),
                             [](Statement &row) { return row.text(0); });
    if (!ids)
        return ids.error();
    for (const QString &id : std::as_const(*ids))
        if (auto r = recordHeld(id, {}); !r)
            return r.error();
    return int(ids->size());
}

Result<QList<FeedbackEvent>> EventRepository::outbox(int limit)
{
    auto q = m_db.prepare(u"SELECT e.payload FROM outbox o JOIN feedback_events e ON e.id = o.event_id "
                          "ORDER BY o.seq LIMIT ?1"_s);
    if (q)
        (*q)->bind(1, qint64(limit));
    return rows::collect(q, eventRow);
}

Result<qint64> EventRepository::outboxSize()
{
    return rows::scalar(m_db.prepare(u"SELECT count(*) FROM outbox"_s));
}

Status EventRepository::acknowledge(const QStringList &eventIds)
{
    auto tx = m_db.transaction("acknowledge events");
    US_TRY(tx.status());
    auto del = m_db.prepare(u"DELETE FROM outbox WHERE event_id = ?1"_s);
    auto stamp = m_db.prepare(u"UPDATE feedback_events SET synced_at = ?2 WHERE id = ?1 AND synced_at IS NULL"_s);
    if (!del)
        return del.error();
    if (!stamp)
        return stamp.error();
    const QString now = json::formatTime(Clock::now());
    for (const QString &id : eventIds) {
        US_TRY((*del)->bind(1, id).exec());
        US_TRY((*stamp)->bind(1, id).bind(2, now).exec());
    }
    return tx.commit();
}

Status EventRepository::setAside(const QString &eventId, int status, const QString &detail)
{
    auto tx = m_db.transaction("set an event aside");
    US_TRY(tx.status());
    auto del = m_db.prepare(u"DELETE FROM outbox WHERE event_id = ?1"_s);
    if (!del)
        return del.error();
    US_TRY((*del)->bind(1, eventId).exec());
    auto ins = m_db.prepare(u"INSERT INTO outbox_set_aside (event_id, status, detail, set_aside_at) "
                            "SELECT id, ?2, ?3, ?4 FROM feedback_events WHERE id = ?1 "
                            "ON CONFLICT(event_id) DO UPDATE SET status = excluded.status, detail = excluded.detail"_s);
    if (!ins)
        return ins.error();
    (*ins)->bind(1, eventId).bind(2, qint64(status)).bind(3, detail).bind(4, json::formatTime(Clock::now()));
    US_TRY((*ins)->exec());
    return tx.commit();
}

Result<QList<SetAsideEvent>> EventRepository::setAsideEvents(int limit)
{
    auto q = m_db.prepare(u"SELECT e.payload, a.status, a.detail, a.set_aside_at FROM outbox_set_aside a "
                          "JOIN feedback_events e ON e.id = a.event_id ORDER BY a.set_aside_at, e.seq LIMIT ?1"_s);
    if (q)
        (*q)->bind(1, qint64(limit));
    return rows::collect(q, [](Statement &s) -> Result<SetAsideEvent> {
        auto e = eventRow(s);
        if (!e)
            return e.error();
        return SetAsideEvent{*e, int(s.int64(1)), s.text(2), json::parseTime(s.text(3))};
    });
}

Result<qint64> EventRepository::setAsideCount()
{
    return rows::scalar(m_db.prepare(u"SELECT count(*) FROM outbox_set_aside"_s));
}

} // namespace understudy::store

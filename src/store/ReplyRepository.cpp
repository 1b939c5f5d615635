// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReplyRepository.h"

#include "Rows.h"

#include <understudy/Clock.h>
#include <understudy/Json.h>

using namespace Qt::StringLiterals;

namespace understudy::store {

Result<QList<PendingReply>> ReplyRepository::pending(int limit)
{
    auto q = m_db.prepare(u"SELECT event_id, ticket_id, text, attempts FROM reply_deliveries "
                          "WHERE state = 'pending' ORDER BY created_at, rowid LIMIT ?1"_s);
    if (q)
        (*q)->bind(1, qint64(limit));
    return rows::collect(q, [](Statement &row) {
        return PendingReply{row.text(0), row.text(1), row.text(2), int(row.int64(3))};
    });
}

Status ReplyRepository::noteAttempt(const QString &eventId)
{
    auto q = m_db.prepare(u"UPDATE reply_deliveries SET attempts = attempts + 1 WHERE event_id = ?1"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, eventId).exec();
}

Status ReplyRepository::markDelivered(const QString &eventId, const QString &replyId)
{
    auto q = m_db.prepare(u"UPDATE reply_deliveries SET state = 'delivered', reply_id = ?2, detail = NULL, "
                          "done_at = ?3 WHERE event_id = ?1"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, eventId).bindOptional(2, replyId).bind(3, json::formatTime(Clock::now())).exec();
}

Status ReplyRepository::markRefused(const QString &eventId, const QString &state, const QString &detail)
{
    if (state != u"conflict"_s && state != u"failed"_s)
        return Error::make(Error::Code::Invalid,
                           u"a refused reply is \"conflict\" or \"failed\", not \"%1\""_s.arg(state));
    auto q = m_db.prepare(u"UPDATE reply_deliveries SET state = ?2, detail = ?3, done_at = ?4 "
                          "WHERE event_id = ?1 AND state = 'pending'"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, eventId).bind(2, state).bind(3, detail).bind(4, json::formatTime(Clock::now())).exec();
}

Result<std::optional<ReplyDelivery>> ReplyRepository::delivery(const QString &eventId)
{
    auto q = m_db.prepare(u"SELECT event_id, ticket_id, state, coalesce(reply_id, ''), coalesce(detail, ''), "
                          "attempts FROM reply_deliveries WHERE event_id = ?1"_s);
    if (q)
        (*q)->bind(1, eventId);
    return rows::first(q, [](Statement &row) {
        return ReplyDelivery{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), int(row.int64(5))};
    });
}

} // namespace understudy::store

// SPDX-License-Identifier: GPL-3.0-or-later
#include "TicketRepository.h"

#include "Rows.h"
#include "SettingsRepository.h"
#include "StoredText.h"

#include <understudy/Json.h>

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace understudy::store {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace {

const QString kTicketColumns =
    u"t.id, t.subject, t.status, t.intent, t.language, t.created_at, c.id, c.name, c.email, c.tier "
    "FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id"_s;

// A ticket without its messages, from a row of kTicketColumns.
Ticket ticketRow(Statement &q)
{
    Ticket t;
    t.id = q.text(0);
    t.subject = q.text(1);
    t.status = q.text(2);
    t.intent = q.text(3);
    t.language = q.text(4);
    t.createdAt = json::parseTime(q.text(5));
    t.customer = Customer{q.text(6), q.text(7), q.text(8), q.text(9)};
    return t;
}

// The statements a ticket import runs for each ticket.
struct TicketWriter {
    Statement *exists, *customer, *upsert, *dropMessages, *addMessage, *addAnswer, *dropAnswer;

    static Result<TicketWriter> prepare(Database &db)
    {
        auto exists = db.prepare(u"SELECT 1 FROM tickets WHERE id = ?1"_s);
        auto customer = db.prepare(
            u"INSERT INTO customers (id, name, email, tier) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET "
            "name = CASE WHEN excluded.name != '' THEN excluded.name ELSE name END, "
            "email = CASE WHEN excluded.email != '' THEN excluded.email ELSE email END, "
            "tier = CASE WHEN excluded.tier != '' THEN excluded.tier ELSE tier END"_s);
        auto upsert = db.prepare(
            u"INSERT INTO tickets (id, subject, customer_id, status, intent, language, created_at, updated_at, origin) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO UPDATE SET subject = excluded.subject, "
            "customer_id = excluded.customer_id, status = excluded.status, intent = excluded.intent, "
            "language = excluded.language, created_at = excluded.created_at, updated_at = excluded.updated_at, "
            "origin = excluded.origin"_s);
        auto dropMessages = db.prepare(u"DELETE FROM messages WHERE ticket_id = ?1"_s);
        auto addMessage =
            db.prepare(u"INSERT INTO messages (ticket_id, seq, author, body, at) VALUES (?1, ?2, ?3, ?4, ?5)"_s);
        auto addAnswer = db.prepare(
            u"INSERT INTO answers (key, question, reply, intent, ticket_id, origin, created_at, language) "
            "VALUES (?1, ?2, ?3, ?4, ?5, 'history', ?6, ?7) ON CONFLICT(key) DO UPDATE SET question = "
            "excluded.question, reply = excluded.reply, intent = excluded.intent, created_at = excluded.created_at, "
            "language = excluded.language"_s);
        auto dropAnswer = db.prepare(u"DELETE FROM answers WHERE key = ?1"_s);
        for (auto *r : {&exists, &customer, &upsert, &dropMessages, &addMessage, &addAnswer, &dropAnswer})
            if (!*r)
                return r->error();
        return TicketWriter{*exists, *customer, *upsert, *dropMessages, *addMessage, *addAnswer, *dropAnswer};
    }

    /// @brief Writes @p t with its customer and messages; counted in @p report.
    Status write(const Ticket &t, const QString &origin, ImportReport &report)
    {
        exists->bind(1, t.id);
        auto row = exists->next();
        if (!row)
            return row.error();
        const bool existed = *row;
        exists->reset();
        QString customerId = t.customer.id;
        if (customerId.isEmpty() && !t.customer.email.isEmpty())
            customerId = t.customer.email.toLower();
        if (!customerId.isEmpty()) {
            customer->bind(1, customerId).bind(2, t.customer.name).bind(3, t.customer.email).bind(4, t.customer.tier);
            US_TRY(customer->exec());
        }
        const QDateTime updated = t.messages.isEmpty() ? t.createdAt : t.messages.last().at;
        const QString language = stored::ticketLanguage(t);
        upsert->bind(1, t.id).bind(2, t.subject).bindOptional(3, customerId.isEmpty() ? QString() : customerId);
        // An unknown status means open, as the schema's default says.
        upsert->bind(4, t.status.isEmpty() ? u"open"_s : t.status).bind(5, t.intent).bind(6, language);
        upsert->bindOptional(7, json::formatTime(t.createdAt)).bindOptional(8, json::formatTime(updated));
        upsert->bind(9, origin);
        US_TRY(upsert->exec());
        US_TRY(dropMessages->bind(1, t.id).exec());
        for (qsizetype i = 0; i < t.messages.size(); ++i) {
            const Message &m = t.messages[i];
            addMessage->bind(1, t.id).bind(2, qint64(i)).bind(3, m.author).bind(4, m.body);
            addMessage->bindOptional(5, json::formatTime(m.at));
            US_TRY(addMessage->exec());
        }
        US_TRY(writeAnswer(t, updated, language, report));
        ++(existed ? report.updated : report.added);
        return ok();
    }

    // A resolved ticket with an agent reply or an intent label is an answer-bank entry; another loses its entry.
    Status writeAnswer(const Ticket &t, const QDateTime &updated, const QString &language, ImportReport &report)
    {
        const QString key = u"ticket:"_s + t.id;
        const QString reply = t.lastAgentReply();
        if (!t.isResolved() || (reply.isEmpty() && t.intent.isEmpty()))
            return dropAnswer->bind(1, key).exec();
        const QString question = questionOf(t);
        addAnswer->bind(1, key).bind(2, question).bind(3, reply).bind(4, t.intent).bind(5, t.id);
        addAnswer->bindOptional(6, json::formatTime(updated));
        addAnswer->bind(7, language.isEmpty() ? stored::answerLanguage({}, reply, question) : language);
        US_TRY(addAnswer->exec());
        ++report.answers;
        return ok();
    }
};

} // namespace

QString questionOf(const Ticket &t)
{
    QStringList parts;
    if (!t.subject.isEmpty())
        parts << t.subject;
    qsizetype end = t.messages.size();
    if (end > 0 && t.messages[end - 1].author == u"agent"_s)
        --end;
    for (qsizetype i = 0; i < end; ++i)
        if (t.messages[i].author == u"customer"_s)
            parts << t.messages[i].body;
    return parts.join(u"\n"_s);
}

Result<ImportReport> TicketRepository::importTickets(const QList<Ticket> &tickets, const QString &origin,
                                                     const Progress &progress)
{
    for (qsizetype i = 0; i < tickets.size(); ++i)
        if (tickets[i].id.isEmpty())
            return Error::make(Error::Code::Invalid,
                               u"ticket %1 of the import (\"%2\") has no id"_s.arg(i + 1).arg(tickets[i].subject));
    ImportReport report;
    auto tx = m_db.transaction("import tickets");
    US_TRY(tx.status());
    auto writer = TicketWriter::prepare(m_db);
    if (!writer)
        return writer.error();
    qsizetype done = 0;
    for (const Ticket &t : tickets) {
        US_TRY(writer->write(t, origin, report));
        if (progress)
            progress(++done, tickets.size());
    }
    if (!tickets.isEmpty())
        US_TRY(m_settings.bumpContentGeneration());
    US_TRY(tx.commit());
    qCInfo(lcStore) << "imported tickets: added" << report.added << "updated" << report.updated << "answers"
                    << report.answers;
    return report;
}

Result<QList<Message>> TicketRepository::messagesOf(const QString &ticketId)
{
    auto q = m_db.prepare(u"SELECT author, body, at FROM messages WHERE ticket_id = ?1 ORDER BY seq"_s);
    if (q)
        (*q)->bind(1, ticketId);
    return rows::collect(q, [](Statement &s) { return Message{s.text(0), s.text(1), json::parseTime(s.text(2))}; });
}

Status TicketRepository::fillMessages(QList<Ticket> &tickets)
{
    for (Ticket &t : tickets) {
        auto m = messagesOf(t.id);
        if (!m)
            return m.error();
        t.messages = *m;
    }
    return ok();
}

Result<QList<Ticket>> TicketRepository::ticketsOf(const Result<Statement *> &q)
{
    return rows::collect(q, ticketRow);
}

Result<std::optional<Ticket>> TicketRepository::ticket(const QString &id)
{
    auto q = m_db.prepare(u"SELECT "_s + kTicketColumns + u" WHERE t.id = ?1"_s);
    if (q)
        (*q)->bind(1, id);
    // The row is copied out (and the statement reset) before messagesOf() runs another statement.
    auto row = rows::first(q, ticketRow);
    if (!row || !*row)
        return row;
    QList<Ticket> one{**row};
    US_TRY(fillMessages(one));
    return std::optional<Ticket>(one.first());
}

Result<QList<Ticket>> TicketRepository::tickets(const QString &status, int limit, bool withMessages)
{
    auto q = m_db.prepare(u"SELECT "_s + kTicketColumns +
                          u" WHERE (?1 = '' OR t.status = ?1) ORDER BY t.created_at, t.id LIMIT ?2"_s);
    if (q)
        (*q)->bind(1, status).bind(2, qint64(limit));
    auto out = ticketsOf(q);
    if (out && withMessages)
        US_TRY(fillMessages(*out));
    return out;
}

Result<QList<Ticket>> TicketRepository::customerHistory(const QString &customerId, const QString &exceptTicket,
                                                        int limit)
{
    auto q = m_db.prepare(u"SELECT "_s + kTicketColumns +
                          u" WHERE t.customer_id = ?1 AND t.id != ?2 ORDER BY t.created_at DESC LIMIT ?3"_s);
    if (q)
        (*q)->bind(1, customerId).bind(2, exceptTicket).bind(3, qint64(limit));
    return ticketsOf(q);
}

Result<bool> TicketRepository::exists(const QString &id)
{
    auto q = m_db.prepare(u"SELECT 1 FROM tickets WHERE id = ?1"_s);
    if (q)
        (*q)->bind(1, id);
    auto row = rows::first(q, [](Statement &) { return true; });
    if (!row)
        return row.error();
    return row->has_value();
}

Status TicketRepository::appendAgentReply(const QString &ticketId, const QString &text, const QDateTime &at)
{
    auto message = m_db.prepare(u"INSERT INTO messages (ticket_id, seq, author, body, at) SELECT ?1, "
                                "coalesce(max(seq) + 1, 0), 'agent', ?2, ?3 FROM messages WHERE ticket_id = ?1"_s);
    auto resolve = m_db.prepare(u"UPDATE tickets SET status = 'resolved', updated_at = ?2 WHERE id = ?1"_s);
    if (!message)
        return message.error();
    if (!resolve)
        return resolve.error();
    const QString time = json::formatTime(at);
    US_TRY((*message)->bind(1, ticketId).bind(2, text).bind(3, time).exec());
    return (*resolve)->bind(1, ticketId).bind(2, time).exec();
}

} // namespace understudy::store

// SPDX-License-Identifier: GPL-3.0-or-later
#include "AnswerRepository.h"

#include "Rows.h"
#include "SettingsRepository.h"
#include "StoredText.h"

#include <understudy/Json.h>

using namespace Qt::StringLiterals;

namespace understudy::store {

namespace {
const QString kAnswerSql =
    u"SELECT id, key, question, reply, intent, ticket_id, origin, created_at, language FROM answers"_s;

Answer answerRow(Statement &s)
{
    return Answer{s.int64(0), s.text(1), s.text(2), s.text(3),
                  s.text(4),  s.text(5), s.text(6), json::parseTime(s.text(7)),
                  s.text(8)};
}
} // namespace

Result<ImportReport> AnswerRepository::add(const QList<Answer> &answers)
{
    for (qsizetype i = 0; i < answers.size(); ++i)
        if (answers[i].key.isEmpty() || answers[i].question.trimmed().isEmpty())
            return Error::make(Error::Code::Invalid, u"answer %1 of the batch needs a key and a question"_s.arg(i + 1));
    ImportReport report;
    auto tx = m_db.transaction("add answers");
    US_TRY(tx.status());
    for (const Answer &a : answers) {
        US_TRY(write(a));
        ++report.answers;
    }
    if (!answers.isEmpty())
        US_TRY(m_settings.bumpContentGeneration());
    US_TRY(tx.commit());
    return report;
}

Status AnswerRepository::write(const Answer &a)
{
    auto upsert = m_db.prepare(
        u"INSERT INTO answers (key, question, reply, intent, ticket_id, origin, created_at, language) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(key) DO UPDATE SET question = excluded.question, "
        "reply = excluded.reply, intent = excluded.intent, ticket_id = excluded.ticket_id, origin = excluded.origin, "
        "created_at = excluded.created_at, language = excluded.language"_s);
    if (!upsert)
        return upsert.error();
    (*upsert)->bind(1, a.key).bind(2, a.question).bind(3, a.reply).bind(4, a.intent);
    (*upsert)->bindOptional(5, a.ticketId).bind(6, a.origin.isEmpty() ? u"import"_s : a.origin);
    (*upsert)->bindOptional(7, json::formatTime(a.createdAt));
    (*upsert)->bind(8, stored::answerLanguage(a.language, a.reply, a.question));
    return (*upsert)->exec();
}

Result<QString> AnswerRepository::learnFromSend(const FeedbackEvent &event, const Ticket &ticket)
{
    // A sent reply answers its ticket's question: it joins the answer bank (key "event:<id>"), so the next similar
    // ticket can reuse it — an edited one included, which is how a correction supersedes the draft it fixed.
    Answer a;
    a.key = u"event:"_s + event.id;
    a.question = questionOf(ticket);
    if (a.question.trimmed().isEmpty())
        return QString();
    a.reply = event.finalText;
    a.language = ticket.language; // the reply was written to this ticket's customer, in the ticket's language
    a.intent = ticket.intent;
    for (qsizetype i = 0; a.intent.isEmpty() && i < event.sources.size(); ++i)
        a.intent = event.sources[i].intent;
    a.ticketId = event.ticketId;
    a.origin = u"correction"_s;
    a.createdAt = event.at;
    US_TRY(write(a));
    US_TRY(m_settings.bumpContentGeneration());
    return a.key;
}

Result<std::optional<Answer>> AnswerRepository::byId(qint64 id)
{
    auto q = m_db.prepare(kAnswerSql + u" WHERE id = ?1"_s);
    if (q)
        (*q)->bind(1, id);
    return rows::first(q, answerRow);
}

Result<std::optional<Answer>> AnswerRepository::byKey(const QString &key)
{
    auto q = m_db.prepare(kAnswerSql + u" WHERE key = ?1"_s);
    if (q)
        (*q)->bind(1, key);
    return rows::first(q, answerRow);
}

Status AnswerRepository::forEach(const std::function<void(const Answer &)> &fn)
{
    auto q = m_db.prepareOwned(kAnswerSql + u" ORDER BY id"_s);
    if (!q)
        return q.error();
    return (*q)->forEachRow([&](Statement &s) { fn(answerRow(s)); });
}

} // namespace understudy::store

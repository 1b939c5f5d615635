// SPDX-License-Identifier: GPL-3.0-or-later
#include "Store.h"

#include "Migrations.h"

#include <understudy/Chunker.h>
#include <understudy/Clock.h>
#include <understudy/Json.h>
#include <understudy/Text.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace understudy::store {

Q_LOGGING_CATEGORY(lcStore, "understudy.store", QtInfoMsg)

namespace {

QString tagsJson(const QStringList &tags)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

QStringList tagsFromJson(const QString &text)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        out << v.toString();
    return out;
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString articleHash(const Article &a)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(compact(json::toJson(a)).toUtf8(), QCryptographicHash::Sha1).toHex());
}

// The language a source is stored with: the given tag as an ISO 639-1 code, else what its text says (empty when
// unsure). One function for every writer, so an import, a sync and a send label the same text alike.
QString languageOf(const QString &given, QStringView text)
{
    const QString code = languageCode(given);
    return code.isEmpty() ? detectLanguage(text) : code;
}

QString ticketLanguage(const Ticket &t)
{
    if (const QString code = languageCode(t.language); !code.isEmpty())
        return code;
    QString text = t.subject;
    for (const Message &m : t.messages)
        if (m.author == u"customer"_s)
            text += u'\n' + m.body;
    return detectLanguage(text);
}

QString answerLanguage(const QString &given, const QString &reply, const QString &question)
{
    return languageOf(given, reply.trimmed().isEmpty() ? question : reply);
}

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

Result<std::unique_ptr<Store>> Store::open(const QString &path)
{
    // Look before touching: a store from a newer build (or a foreign database) is refused without a
    // single write, so switching to WAL waits until the version is known to be ours.
    Database::Options options;
    options.wal = false;
    auto db = Database::open(path, options);
    if (!db)
        return db.error();
    Database &d = **db;
    const int version = d.userVersion();
    if (version > Migrations::latestVersion())
        return Error{Error::Code::Invalid,
                     u"this store has schema version %1, newer than this build understands (%2); use a newer "
                     "Understudy"_s.arg(version)
                         .arg(Migrations::latestVersion()),
                     path, 0};
    if (version == 0) {
        auto tables = d.prepare(u"SELECT count(*) FROM sqlite_master"_s);
        if (!tables)
            return Error{tables.error().code, tables.error().message, path, 0};
        auto r = (*tables)->next();
        if (!r)
            return Error{r.error().code, r.error().message, path, 0};
        const qint64 objects = (*tables)->int64(0);
        (*tables)->reset();
        if (objects > 0)
            return Error{Error::Code::Invalid,
                         u"not an Understudy store: the file is an SQLite database of another program"_s, path, 0};
    }
    if (auto s = d.exec(u"PRAGMA journal_mode=WAL"_s); !s)
        return Error{s.error().code, s.error().message, path, 0};
    if (auto s = Migrations::migrate(d); !s)
        return Error{s.error().code, s.error().message, path, 0};
    return std::unique_ptr<Store>(new Store(std::move(*db)));
}

Result<ImportReport> Store::importArticles(const QList<Article> &articles, const QString &origin, bool markMissing,
                                           const Progress &progress)
{
    for (qsizetype i = 0; i < articles.size(); ++i)
        if (articles[i].id.isEmpty())
            return Error::make(Error::Code::Invalid,
                               u"article %1 of the import (\"%2\") has no id"_s.arg(i + 1).arg(articles[i].title));
    ImportReport report;
    auto tx = m_db->transaction("import articles");
    US_TRY(tx.status());
    auto find = m_db->prepare(u"SELECT content_hash, status, language FROM articles WHERE id = ?1"_s);
    auto upsert = m_db->prepare(
        u"INSERT INTO articles (id, title, body, url, tags, updated_at, status, origin, content_hash, imported_at, "
        "language) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(id) DO UPDATE SET "
        "title = excluded.title, body = excluded.body, url = excluded.url, tags = excluded.tags, "
        "updated_at = excluded.updated_at, status = excluded.status, origin = excluded.origin, "
        "content_hash = excluded.content_hash, imported_at = excluded.imported_at, language = excluded.language"_s);
    auto dropChunks = m_db->prepare(u"DELETE FROM chunks WHERE article_id = ?1"_s);
    auto addChunk =
        m_db->prepare(u"INSERT INTO chunks (article_id, seq, title, heading, body) VALUES (?1, ?2, ?3, ?4, ?5)"_s);
    for (auto *r : {&find, &upsert, &dropChunks, &addChunk})
        if (!*r)
            return r->error();
    const QString now = json::formatTime(Clock::now());
    QSet<QString> seen;
    qsizetype done = 0;
    for (const Article &a : articles) {
        seen.insert(a.id);
        const QString hash = articleHash(a);
        const QString language = languageOf(a.language, QString(a.title + u'\n' + a.body));
        Statement &f = **find;
        f.bind(1, a.id);
        auto row = f.next();
        if (!row)
            return row.error();
        const bool exists = *row;
        const bool same = exists && f.text(0) == hash && f.text(1) == a.status && f.text(2) == language;
        f.reset();
        if (same) {
            ++report.unchanged;
        } else {
            (*upsert)->bind(1, a.id).bind(2, a.title).bind(3, a.body).bind(4, a.url).bind(5, tagsJson(a.tags));
            (*upsert)->bindOptional(6, json::formatTime(a.updatedAt)).bind(7, a.status).bind(8, origin).bind(9, hash);
            (*upsert)->bind(10, now).bind(11, language);
            US_TRY((*upsert)->exec());
            US_TRY((*dropChunks)->bind(1, a.id).exec());
            for (const Chunk &c : splitIntoChunks(a)) {
                (*addChunk)->bind(1, a.id).bind(2, c.seq).bind(3, a.title).bind(4, c.heading).bind(5, c.body);
                US_TRY((*addChunk)->exec());
            }
            ++(exists ? report.updated : report.added);
        }
        if (progress)
            progress(++done, articles.size());
    }
    if (markMissing) {
        auto active = m_db->prepare(u"SELECT id FROM articles WHERE origin = ?1 AND status != 'removed'"_s);
        if (!active)
            return active.error();
        (*active)->bind(1, origin);
        QStringList gone;
        US_TRY((*active)->forEachRow([&](Statement &s) {
            if (!seen.contains(s.text(0)))
                gone << s.text(0);
        }));
        auto mark = m_db->prepare(u"UPDATE articles SET status = 'removed', imported_at = ?2 WHERE id = ?1"_s);
        if (!mark)
            return mark.error();
        for (const QString &id : gone) {
            US_TRY((*mark)->bind(1, id).bind(2, now).exec());
            ++report.removed;
        }
    }
    if (report.added + report.updated + report.removed > 0)
        US_TRY(bumpContentGeneration());
    US_TRY(tx.commit());
    qCInfo(lcStore) << "imported articles: added" << report.added << "updated" << report.updated << "unchanged"
                    << report.unchanged << "removed" << report.removed;
    return report;
}

Result<ImportReport> Store::importTickets(const QList<Ticket> &tickets, const QString &origin, const Progress &progress)
{
    for (qsizetype i = 0; i < tickets.size(); ++i)
        if (tickets[i].id.isEmpty())
            return Error::make(Error::Code::Invalid,
                               u"ticket %1 of the import (\"%2\") has no id"_s.arg(i + 1).arg(tickets[i].subject));
    ImportReport report;
    auto tx = m_db->transaction("import tickets");
    US_TRY(tx.status());
    auto exists = m_db->prepare(u"SELECT 1 FROM tickets WHERE id = ?1"_s);
    auto customer = m_db->prepare(
        u"INSERT INTO customers (id, name, email, tier) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET "
        "name = CASE WHEN excluded.name != '' THEN excluded.name ELSE name END, "
        "email = CASE WHEN excluded.email != '' THEN excluded.email ELSE email END, "
        "tier = CASE WHEN excluded.tier != '' THEN excluded.tier ELSE tier END"_s);
    auto upsert = m_db->prepare(
        u"INSERT INTO tickets (id, subject, customer_id, status, intent, language, created_at, updated_at, origin) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO UPDATE SET subject = excluded.subject, "
        "customer_id = excluded.customer_id, status = excluded.status, intent = excluded.intent, "
        "language = excluded.language, created_at = excluded.created_at, updated_at = excluded.updated_at, "
        "origin = excluded.origin"_s);
    auto dropMessages = m_db->prepare(u"DELETE FROM messages WHERE ticket_id = ?1"_s);
    auto addMessage =
        m_db->prepare(u"INSERT INTO messages (ticket_id, seq, author, body, at) VALUES (?1, ?2, ?3, ?4, ?5)"_s);
    auto addAnswer = m_db->prepare(
        u"INSERT INTO answers (key, question, reply, intent, ticket_id, origin, created_at, language) "
        "VALUES (?1, ?2, ?3, ?4, ?5, 'history', ?6, ?7) ON CONFLICT(key) DO UPDATE SET question = excluded.question, "
        "reply = excluded.reply, intent = excluded.intent, created_at = excluded.created_at, "
        "language = excluded.language"_s);
    auto dropAnswer = m_db->prepare(u"DELETE FROM answers WHERE key = ?1"_s);
    for (auto *r : {&exists, &customer, &upsert, &dropMessages, &addMessage, &addAnswer, &dropAnswer})
        if (!*r)
            return r->error();
    qsizetype done = 0;
    for (const Ticket &t : tickets) {
        (*exists)->bind(1, t.id);
        auto row = (*exists)->next();
        if (!row)
            return row.error();
        const bool existed = *row;
        (*exists)->reset();
        QString customerId = t.customer.id;
        if (customerId.isEmpty() && !t.customer.email.isEmpty())
            customerId = t.customer.email.toLower();
        if (!customerId.isEmpty()) {
            (*customer)
                ->bind(1, customerId)
                .bind(2, t.customer.name)
                .bind(3, t.customer.email)
                .bind(4, t.customer.tier);
            US_TRY((*customer)->exec());
        }
        const QDateTime updated = t.messages.isEmpty() ? t.createdAt : t.messages.last().at;
        const QString language = ticketLanguage(t);
        (*upsert)->bind(1, t.id).bind(2, t.subject).bindOptional(3, customerId.isEmpty() ? QString() : customerId);
        // An unknown status means open, as the schema's default says.
        (*upsert)->bind(4, t.status.isEmpty() ? u"open"_s : t.status).bind(5, t.intent).bind(6, language);
        (*upsert)->bindOptional(7, json::formatTime(t.createdAt)).bindOptional(8, json::formatTime(updated));
        (*upsert)->bind(9, origin);
        US_TRY((*upsert)->exec());
        US_TRY((*dropMessages)->bind(1, t.id).exec());
        for (qsizetype i = 0; i < t.messages.size(); ++i) {
            const Message &m = t.messages[i];
            (*addMessage)->bind(1, t.id).bind(2, qint64(i)).bind(3, m.author).bind(4, m.body);
            (*addMessage)->bindOptional(5, json::formatTime(m.at));
            US_TRY((*addMessage)->exec());
        }
        const QString key = u"ticket:"_s + t.id;
        const QString reply = t.lastAgentReply();
        if (t.isResolved() && (!reply.isEmpty() || !t.intent.isEmpty())) {
            (*addAnswer)->bind(1, key).bind(2, questionOf(t)).bind(3, reply).bind(4, t.intent).bind(5, t.id);
            (*addAnswer)->bindOptional(6, json::formatTime(updated));
            (*addAnswer)->bind(7, language.isEmpty() ? answerLanguage({}, reply, questionOf(t)) : language);
            US_TRY((*addAnswer)->exec());
            ++report.answers;
        } else {
            US_TRY((*dropAnswer)->bind(1, key).exec());
        }
        ++(existed ? report.updated : report.added);
        if (progress)
            progress(++done, tickets.size());
    }
    if (!tickets.isEmpty())
        US_TRY(bumpContentGeneration());
    US_TRY(tx.commit());
    qCInfo(lcStore) << "imported tickets: added" << report.added << "updated" << report.updated << "answers"
                    << report.answers;
    return report;
}

Result<ImportReport> Store::importMacros(const QList<Macro> &macros)
{
    for (qsizetype i = 0; i < macros.size(); ++i)
        if (macros[i].id.isEmpty())
            return Error::make(Error::Code::Invalid,
                               u"macro %1 of the import (\"%2\") has no id"_s.arg(i + 1).arg(macros[i].title));
    ImportReport report;
    auto tx = m_db->transaction("import macros");
    US_TRY(tx.status());
    auto find = m_db->prepare(u"SELECT title, body, tags, language FROM macros WHERE id = ?1"_s);
    auto upsert = m_db->prepare(
        u"INSERT INTO macros (id, title, body, tags, language) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(id) DO UPDATE "
        "SET title = excluded.title, body = excluded.body, tags = excluded.tags, language = excluded.language"_s);
    for (auto *r : {&find, &upsert})
        if (!*r)
            return r->error();
    for (const Macro &m : macros) {
        const QString tags = tagsJson(m.tags);
        const QString language = languageOf(m.language, QString(m.title + u'\n' + m.body));
        Statement &f = **find;
        f.bind(1, m.id);
        auto row = f.next();
        if (!row)
            return row.error();
        const bool exists = *row;
        const bool same =
            exists && f.text(0) == m.title && f.text(1) == m.body && f.text(2) == tags && f.text(3) == language;
        f.reset();
        if (same) {
            ++report.unchanged;
            continue;
        }
        US_TRY((*upsert)->bind(1, m.id).bind(2, m.title).bind(3, m.body).bind(4, tags).bind(5, language).exec());
        ++(exists ? report.updated : report.added);
    }
    if (report.added + report.updated > 0)
        US_TRY(bumpContentGeneration());
    US_TRY(tx.commit());
    return report;
}

Result<ImportReport> Store::addAnswers(const QList<Answer> &answers)
{
    for (qsizetype i = 0; i < answers.size(); ++i)
        if (answers[i].key.isEmpty() || answers[i].question.trimmed().isEmpty())
            return Error::make(Error::Code::Invalid, u"answer %1 of the batch needs a key and a question"_s.arg(i + 1));
    ImportReport report;
    auto tx = m_db->transaction("add answers");
    US_TRY(tx.status());
    for (const Answer &a : answers) {
        US_TRY(writeAnswer(a));
        ++report.answers;
    }
    if (!answers.isEmpty())
        US_TRY(bumpContentGeneration());
    US_TRY(tx.commit());
    return report;
}

Status Store::writeAnswer(const Answer &a)
{
    auto upsert = m_db->prepare(
        u"INSERT INTO answers (key, question, reply, intent, ticket_id, origin, created_at, language) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(key) DO UPDATE SET question = excluded.question, "
        "reply = excluded.reply, intent = excluded.intent, ticket_id = excluded.ticket_id, origin = excluded.origin, "
        "created_at = excluded.created_at, language = excluded.language"_s);
    if (!upsert)
        return upsert.error();
    (*upsert)->bind(1, a.key).bind(2, a.question).bind(3, a.reply).bind(4, a.intent);
    (*upsert)->bindOptional(5, a.ticketId).bind(6, a.origin.isEmpty() ? u"import"_s : a.origin);
    (*upsert)->bindOptional(7, json::formatTime(a.createdAt));
    (*upsert)->bind(8, answerLanguage(a.language, a.reply, a.question));
    return (*upsert)->exec();
}

Result<QString> Store::answerFromSend(const FeedbackEvent &event)
{
    // A sent reply answers its ticket's question: it joins the answer bank (key "event:<id>"), so the next similar
    // ticket can reuse it — an edited one included, which is how a correction supersedes the draft it fixed.
    if (!FeedbackEvent::isSend(event.kind) || event.finalText.trimmed().isEmpty())
        return QString();
    auto t = ticket(event.ticketId);
    if (!t)
        return t.error();
    if (!*t)
        return QString(); // a ticket this store does not hold (another team's queue): nothing to learn here
    Answer a;
    a.key = u"event:"_s + event.id;
    a.question = questionOf(**t);
    if (a.question.trimmed().isEmpty())
        return QString();
    a.reply = event.finalText;
    a.language = (*t)->language; // the reply was written to this ticket's customer, in the ticket's language
    a.intent = (*t)->intent;
    for (qsizetype i = 0; a.intent.isEmpty() && i < event.sources.size(); ++i)
        a.intent = event.sources[i].intent;
    a.ticketId = event.ticketId;
    a.origin = u"correction"_s;
    a.createdAt = event.at;
    US_TRY(writeAnswer(a));
    US_TRY(bumpContentGeneration());
    return a.key;
}

Status Store::bumpContentGeneration()
{
    auto q = m_db->prepare(
        u"INSERT INTO settings (key, value) VALUES ('content.generation', '1') ON CONFLICT(key) DO UPDATE "
        "SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"_s);
    if (!q)
        return q.error();
    return (*q)->exec();
}

Result<qint64> Store::contentGeneration()
{
    auto v = setting(u"content.generation"_s, u"0"_s);
    if (!v)
        return v.error();
    return v->toLongLong();
}

Result<QString> Store::identity()
{
    if (auto held = setting(u"store.id"_s); !held || !held->isEmpty())
        return held;
    auto q = m_db->prepare(u"INSERT INTO settings (key, value) VALUES ('store.id', ?1) ON CONFLICT(key) DO NOTHING"_s);
    if (!q)
        return q.error();
    US_TRY((*q)->bind(1, Clock::newId()).exec());
    return setting(u"store.id"_s);
}

Result<QList<Message>> Store::messagesOf(const QString &ticketId)
{
    auto q = m_db->prepare(u"SELECT author, body, at FROM messages WHERE ticket_id = ?1 ORDER BY seq"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, ticketId);
    QList<Message> out;
    US_TRY((*q)->forEachRow([&](Statement &s) { out << Message{s.text(0), s.text(1), json::parseTime(s.text(2))}; }));
    return out;
}

namespace {
const QString kTicketColumns =
    u"t.id, t.subject, t.status, t.intent, t.language, t.created_at, c.id, c.name, c.email, c.tier "
    "FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id"_s;
}

Result<Ticket> Store::ticketFromRow(Statement &q, bool withMessages)
{
    Ticket t;
    t.id = q.text(0);
    t.subject = q.text(1);
    t.status = q.text(2);
    t.intent = q.text(3);
    t.language = q.text(4);
    t.createdAt = json::parseTime(q.text(5));
    t.customer = Customer{q.text(6), q.text(7), q.text(8), q.text(9)};
    if (withMessages) {
        auto m = messagesOf(t.id);
        if (!m)
            return m.error();
        t.messages = *m;
    }
    return t;
}

Result<std::optional<Ticket>> Store::ticket(const QString &id)
{
    auto q = m_db->prepare(u"SELECT "_s + kTicketColumns + u" WHERE t.id = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, id);
    auto r = (*q)->next();
    if (!r)
        return r.error();
    if (!*r)
        return std::optional<Ticket>();
    // Copy the row out before messagesOf() runs another statement.
    Ticket t;
    {
        auto row = ticketFromRow(**q, false);
        (*q)->reset();
        if (!row)
            return row.error();
        t = *row;
    }
    auto m = messagesOf(t.id);
    if (!m)
        return m.error();
    t.messages = *m;
    return std::optional<Ticket>(t);
}

Result<QList<Ticket>> Store::tickets(const QString &status, int limit, bool withMessages)
{
    auto q = m_db->prepare(u"SELECT "_s + kTicketColumns +
                           u" WHERE (?1 = '' OR t.status = ?1) ORDER BY t.created_at, t.id LIMIT ?2"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, status).bind(2, qint64(limit));
    QList<Ticket> out;
    for (;;) {
        auto r = (*q)->next();
        if (!r)
            return r.error();
        if (!*r)
            break;
        auto t = ticketFromRow(**q, false);
        if (!t)
            return t.error();
        out << *t;
    }
    (*q)->reset();
    if (withMessages) {
        for (Ticket &t : out) {
            auto m = messagesOf(t.id);
            if (!m)
                return m.error();
            t.messages = *m;
        }
    }
    return out;
}

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
} // namespace

Result<QList<QueueRow>> Store::readQueueRows(Statement &q)
{
    QList<QueueRow> out;
    for (;;) {
        auto r = q.next();
        if (!r) {
            q.reset();
            return r.error();
        }
        if (!*r)
            break;
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
        out << row;
    }
    q.reset();
    return out;
}

Result<QList<QueueRow>> Store::queuePage(const QueueQuery &query, int offset, int limit)
{
    QStringList params;
    const QString where = queueWhere(query, params);
    const QString order = orderBy(query);
    const int n = int(params.size());
    auto q = m_db->prepare(queueSql(u"SELECT t.id "_s + queueFrom(query) + where + u"ORDER BY "_s + order +
                                        u" LIMIT ?%1 OFFSET ?%2"_s.arg(n + 1).arg(n + 2),
                                    order));
    if (!q)
        return q.error();
    for (int i = 0; i < n; ++i)
        (*q)->bind(i + 1, params[i]);
    (*q)->bind(n + 1, qint64(limit)).bind(n + 2, qint64(offset));
    return readQueueRows(**q);
}

Result<std::optional<QueueRow>> Store::queueRow(const QString &ticketId)
{
    auto q = m_db->prepare(queueSql(u"SELECT id FROM tickets WHERE id = ?1"_s, u"t.id"_s));
    if (!q)
        return q.error();
    (*q)->bind(1, ticketId);
    auto rows = readQueueRows(**q);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<QueueRow>();
    return std::optional<QueueRow>(rows->first());
}

Result<qint64> Store::queueSize(const QueueQuery &query)
{
    QStringList params;
    const QString where = queueWhere(query, params);
    if (where.isEmpty())
        return scalar(u"SELECT count(*) FROM tickets"_s);
    auto q = m_db->prepare(u"SELECT count(*) "_s + queueFrom(query) + where);
    if (!q)
        return q.error();
    for (int i = 0; i < params.size(); ++i)
        (*q)->bind(i + 1, params[i]);
    auto r = (*q)->next();
    if (!r) {
        (*q)->reset();
        return r.error();
    }
    const qint64 count = *r ? (*q)->int64(0) : 0;
    (*q)->reset();
    return count;
}

Result<qint64> Store::scalar(const QString &sql)
{
    auto q = m_db->prepare(sql);
    if (!q)
        return q.error();
    auto r = (*q)->next();
    if (!r)
        return r.error();
    const qint64 n = *r ? (*q)->int64(0) : 0;
    (*q)->reset();
    return n;
}

Result<QList<Ticket>> Store::customerHistory(const QString &customerId, const QString &exceptTicket, int limit)
{
    auto q = m_db->prepare(u"SELECT "_s + kTicketColumns +
                           u" WHERE t.customer_id = ?1 AND t.id != ?2 ORDER BY t.created_at DESC LIMIT ?3"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, customerId).bind(2, exceptTicket).bind(3, qint64(limit));
    QList<Ticket> out;
    for (;;) {
        auto r = (*q)->next();
        if (!r)
            return r.error();
        if (!*r)
            break;
        auto t = ticketFromRow(**q, false);
        if (!t)
            return t.error();
        out << *t;
    }
    (*q)->reset();
    return out;
}

Result<std::optional<Article>> Store::article(const QString &id)
{
    auto q =
        m_db->prepare(u"SELECT id, title, body, url, tags, updated_at, status, language FROM articles WHERE id = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, id);
    auto r = (*q)->next();
    if (!r)
        return r.error();
    if (!*r)
        return std::optional<Article>();
    Statement &s = **q;
    Article a{s.text(0), s.text(1), s.text(2), s.text(3), tagsFromJson(s.text(4)), json::parseTime(s.text(5)),
              s.text(6), s.text(7)};
    s.reset();
    return std::optional<Article>(a);
}

Result<QList<Chunk>> Store::chunksOf(const QString &articleId)
{
    auto q =
        m_db->prepare(u"SELECT id, article_id, seq, heading, body FROM chunks WHERE article_id = ?1 ORDER BY seq"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, articleId);
    QList<Chunk> out;
    US_TRY((*q)->forEachRow([&](Statement &s) {
        out << Chunk{s.int64(0), s.text(1), int(s.int64(2)), s.text(3), s.text(4)};
    }));
    return out;
}

namespace {
const QString kChunkRowSql = u"SELECT c.id, c.article_id, c.seq, c.heading, c.body, a.title, a.url, a.status, "
                             "a.updated_at, a.language FROM chunks c JOIN articles a ON a.id = c.article_id"_s;

ChunkRow chunkRow(Statement &s)
{
    return ChunkRow{Chunk{s.int64(0), s.text(1), int(s.int64(2)), s.text(3), s.text(4)},
                    s.text(5),
                    s.text(6),
                    s.text(7),
                    json::parseTime(s.text(8)),
                    s.text(9)};
}

Answer answerRow(Statement &s)
{
    return Answer{s.int64(0), s.text(1), s.text(2), s.text(3),
                  s.text(4),  s.text(5), s.text(6), json::parseTime(s.text(7)),
                  s.text(8)};
}
const QString kAnswerSql =
    u"SELECT id, key, question, reply, intent, ticket_id, origin, created_at, language FROM answers"_s;
} // namespace

Result<std::optional<ChunkRow>> Store::chunk(qint64 id)
{
    auto q = m_db->prepare(kChunkRowSql + u" WHERE c.id = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, id);
    auto r = (*q)->next();
    if (!r)
        return r.error();
    std::optional<ChunkRow> out;
    if (*r)
        out = chunkRow(**q);
    (*q)->reset();
    return out;
}

Result<std::optional<Answer>> Store::answer(qint64 id)
{
    auto q = m_db->prepare(kAnswerSql + u" WHERE id = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, id);
    return singleAnswer(**q);
}

Result<std::optional<Answer>> Store::answerByKey(const QString &key)
{
    auto q = m_db->prepare(kAnswerSql + u" WHERE key = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, key);
    return singleAnswer(**q);
}

Result<std::optional<Answer>> Store::singleAnswer(Statement &q)
{
    auto r = q.next();
    if (!r)
        return r.error();
    std::optional<Answer> out;
    if (*r)
        out = answerRow(q);
    q.reset();
    return out;
}

Status Store::forEachChunk(const std::function<void(const ChunkRow &)> &fn)
{
    // A statement of its own (not the cache): fn may call back into the store.
    auto q = m_db->prepareOwned(kChunkRowSql + u" ORDER BY c.id"_s);
    if (!q)
        return q.error();
    US_TRY((*q)->forEachRow([&](Statement &s) { fn(chunkRow(s)); }));
    return ok();
}

Status Store::forEachAnswer(const std::function<void(const Answer &)> &fn)
{
    auto q = m_db->prepareOwned(kAnswerSql + u" ORDER BY id"_s);
    if (!q)
        return q.error();
    US_TRY((*q)->forEachRow([&](Statement &s) { fn(answerRow(s)); }));
    return ok();
}

Result<QList<Macro>> Store::macros()
{
    auto q = m_db->prepare(u"SELECT id, title, body, tags, language FROM macros ORDER BY id"_s);
    if (!q)
        return q.error();
    QList<Macro> out;
    US_TRY((*q)->forEachRow([&](Statement &s) {
        out << Macro{s.text(0), s.text(1), s.text(2), tagsFromJson(s.text(3)), s.text(4)};
    }));
    return out;
}

Result<QList<KnowledgeHit>> Store::searchKnowledge(const QString &query, int limit)
{
    // Each word becomes a quoted prefix term, so user input can never be FTS5 syntax.
    QStringList terms;
    for (const QString &w : query.split(QRegularExpression(u"[^\\w]+"_s), Qt::SkipEmptyParts))
        terms << u"\"%1\"*"_s.arg(w);
    if (terms.isEmpty())
        return QList<KnowledgeHit>();
    auto q = m_db->prepare(
        u"SELECT c.article_id, c.id, c.title, c.heading, snippet(chunks_fts, 2, '[', ']', '…', 16), "
        "bm25(chunks_fts, 5.0, 3.0, 1.0) AS score FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid "
        "JOIN articles a ON a.id = c.article_id WHERE chunks_fts MATCH ?1 AND a.status != 'removed' "
        "ORDER BY score LIMIT ?2"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, terms.join(u" OR "_s)).bind(2, qint64(limit));
    QList<KnowledgeHit> out;
    US_TRY((*q)->forEachRow([&](Statement &s) {
        out << KnowledgeHit{s.text(0), s.int64(1), s.text(2), s.text(3), s.text(4), -s.real(5)};
    }));
    return out;
}

Status Store::saveDraft(const Draft &draft)
{
    // What cannot be read back must not be stored: latestDraft() would fail on it for good.
    if (draft.id.isEmpty() || draft.ticketId.isEmpty())
        return Error::make(Error::Code::Invalid, u"a draft needs an id and a ticket id"_s);
    const QJsonObject payload = json::toJson(draft);
    if (auto back = json::draftFromJson(payload); !back)
        return Error::make(Error::Code::Invalid,
                           u"draft %1 cannot be stored: %2"_s.arg(draft.id, back.error().message));
    auto q = m_db->prepare(
        u"INSERT OR REPLACE INTO drafts (id, ticket_id, created_at, confidence, engine, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, draft.id).bind(2, draft.ticketId).bind(3, json::formatTime(draft.createdAt));
    (*q)->bind(4, draft.confidence).bind(5, draft.engineVersion).bind(6, compact(payload));
    return (*q)->exec();
}

Result<std::optional<Draft>> Store::latestDraft(const QString &ticketId)
{
    auto q = m_db->prepare(
        u"SELECT payload FROM drafts WHERE ticket_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, ticketId);
    auto r = (*q)->next();
    if (!r)
        return r.error();
    if (!*r)
        return std::optional<Draft>();
    const QString payload = (*q)->text(0);
    (*q)->reset();
    auto d = json::draftFromJson(QJsonDocument::fromJson(payload.toUtf8()).object());
    if (!d)
        return d.error();
    return std::optional<Draft>(*d);
}

Result<bool> Store::wasShown(const QString &ticketId, const QString &draftId)
{
    auto q = m_db->prepare(
        u"SELECT 1 FROM feedback_events WHERE ticket_id = ?1 AND draft_id = ?2 AND kind = 'shown' LIMIT 1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, ticketId).bind(2, draftId);
    auto r = (*q)->next();
    if (!r)
        return r.error();
    (*q)->reset();
    return *r;
}

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
} // namespace

Result<bool> Store::appendEvent(const FeedbackEvent &event)
{
    auto payload = eventPayload(event);
    if (!payload)
        return payload.error();
    auto insert = m_db->prepare(u"INSERT INTO feedback_events (id, kind, agent, ticket_id, draft_id, at, payload) "
                                u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                "ON CONFLICT(id) DO NOTHING"_s);
    if (!insert)
        return insert.error();
    (*insert)->bind(1, event.id).bind(2, FeedbackEvent::kindName(event.kind)).bind(3, event.agent);
    (*insert)->bind(4, event.ticketId).bindOptional(5, event.draftId).bind(6, json::formatTime(event.at));
    (*insert)->bind(7, compact(*payload));
    US_TRY((*insert)->exec());
    if (m_db->changes() == 0)
        return false; // already held: idempotent
    auto out = m_db->prepare(u"INSERT INTO outbox (event_id, created_at) VALUES (?1, ?2)"_s);
    if (!out)
        return out.error();
    US_TRY((*out)->bind(1, event.id).bind(2, json::formatTime(Clock::now())).exec());
    return true;
}

Status Store::recordEvent(const FeedbackEvent &event)
{
    auto tx = m_db->transaction("record event");
    US_TRY(tx.status());
    if (auto added = appendEvent(event); !added)
        return added.error();
    return tx.commit();
}

Status Store::recordReply(const FeedbackEvent &event)
{
    if (!FeedbackEvent::isSend(event.kind))
        return Error::make(Error::Code::Invalid, u"event %1 is a %2 event, not a send"_s.arg(
                                                     event.id, FeedbackEvent::kindName(event.kind)));
    if (event.finalText.trimmed().isEmpty())
        return Error::make(Error::Code::Invalid, u"send %1 has no reply text"_s.arg(event.id));
    auto tx = m_db->transaction("record reply");
    US_TRY(tx.status());
    auto exists = m_db->prepare(u"SELECT 1 FROM tickets WHERE id = ?1"_s);
    if (!exists)
        return exists.error();
    (*exists)->bind(1, event.ticketId);
    auto found = (*exists)->next();
    (*exists)->reset();
    if (!found)
        return found.error();
    if (!*found)
        return Error::make(Error::Code::Invalid,
                           u"send %1 answers ticket \"%2\", which is not in the store"_s.arg(event.id, event.ticketId));
    auto added = appendEvent(event);
    if (!added)
        return added.error();
    if (!*added)
        return tx.commit(); // already held: the ticket was changed when it was first recorded
    US_TRY(answerFromSend(event)); // before the reply joins the thread: the question is what the customer asked
    auto message = m_db->prepare(u"INSERT INTO messages (ticket_id, seq, author, body, at) SELECT ?1, "
                                 "coalesce(max(seq) + 1, 0), 'agent', ?2, ?3 FROM messages WHERE ticket_id = ?1"_s);
    auto resolve =
        m_db->prepare(u"UPDATE tickets SET status = 'resolved', updated_at = ?2 WHERE id = ?1"_s);
    if (!message)
        return message.error();
    if (!resolve)
        return resolve.error();
    const QString at = json::formatTime(event.at);
    US_TRY((*message)->bind(1, event.ticketId).bind(2, event.finalText).bind(3, at).exec());
    US_TRY((*resolve)->bind(1, event.ticketId).bind(2, at).exec());
    return tx.commit();
}

namespace {
Result<QList<FeedbackEvent>> readEvents(Statement &q)
{
    QList<FeedbackEvent> out;
    for (;;) {
        auto r = q.next();
        if (!r)
            return r.error();
        if (!*r)
            break;
        auto e = json::feedbackEventFromJson(QJsonDocument::fromJson(q.text(0).toUtf8()).object());
        if (!e) {
            q.reset();
            return e.error();
        }
        out << *e;
    }
    q.reset();
    return out;
}
} // namespace

Result<QList<FeedbackEvent>> Store::events(const QString &ticketId)
{
    auto q = m_db->prepare(u"SELECT payload FROM feedback_events WHERE ?1 = '' OR ticket_id = ?1 ORDER BY seq"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, ticketId);
    return readEvents(**q);
}

Status Store::holdEvent(const FeedbackEvent &event)
{
    auto payload = eventPayload(event);
    if (!payload)
        return payload.error();
    auto q = m_db->prepare(u"INSERT INTO held_events (id, payload, held_at) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT(id) DO NOTHING"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, event.id).bind(2, compact(*payload)).bind(3, json::formatTime(Clock::now())).exec();
}

Result<FeedbackEvent> Store::recordHeldEvent(const QString &eventId, const QString &reason)
{
    auto tx = m_db->transaction("record a held event");
    US_TRY(tx.status());
    auto q = m_db->prepare(u"SELECT payload FROM held_events WHERE id = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, eventId);
    auto held = readEvents(**q);
    if (!held)
        return held.error();
    if (held->isEmpty())
        return Error::make(Error::Code::NotFound, u"no event %1 is held"_s.arg(eventId));
    FeedbackEvent event = held->first();
    if (!reason.isEmpty())
        event.reason = reason;
    if (auto added = appendEvent(event); !added)
        return added.error();
    auto del = m_db->prepare(u"DELETE FROM held_events WHERE id = ?1"_s);
    if (!del)
        return del.error();
    US_TRY((*del)->bind(1, eventId).exec());
    US_TRY(tx.commit());
    return event;
}

Result<int> Store::recordHeldEvents()
{
    QStringList ids;
    auto q = m_db->prepare(u"SELECT id FROM held_events ORDER BY held_at, id"_s);
    if (!q)
        return q.error();
    US_TRY((*q)->forEachRow([&ids](Statement &row) { ids << row.text(0); }));
    for (const QString &id : std::as_const(ids))
        if (auto r = recordHeldEvent(id); !r)
            return r.error();
    return int(ids.size());
}

Result<QList<FeedbackEvent>> Store::outbox(int limit)
{
    auto q = m_db->prepare(u"SELECT e.payload FROM outbox o JOIN feedback_events e ON e.id = o.event_id "
                           "ORDER BY o.seq LIMIT ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, qint64(limit));
    return readEvents(**q);
}

Status Store::acknowledge(const QStringList &eventIds)
{
    auto tx = m_db->transaction("acknowledge events");
    US_TRY(tx.status());
    auto del = m_db->prepare(u"DELETE FROM outbox WHERE event_id = ?1"_s);
    auto stamp = m_db->prepare(u"UPDATE feedback_events SET synced_at = ?2 WHERE id = ?1 AND synced_at IS NULL"_s);
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

Status Store::setAside(const QString &eventId, int status, const QString &detail)
{
    auto tx = m_db->transaction("set an event aside");
    US_TRY(tx.status());
    auto del = m_db->prepare(u"DELETE FROM outbox WHERE event_id = ?1"_s);
    if (!del)
        return del.error();
    US_TRY((*del)->bind(1, eventId).exec());
    auto ins =
        m_db->prepare(u"INSERT INTO outbox_set_aside (event_id, status, detail, set_aside_at) "
                      "SELECT id, ?2, ?3, ?4 FROM feedback_events WHERE id = ?1 "
                      "ON CONFLICT(event_id) DO UPDATE SET status = excluded.status, detail = excluded.detail"_s);
    if (!ins)
        return ins.error();
    US_TRY((*ins)
               ->bind(1, eventId)
               .bind(2, qint64(status))
               .bind(3, detail)
               .bind(4, json::formatTime(Clock::now()))
               .exec());
    return tx.commit();
}

Result<QList<Store::SetAsideEvent>> Store::setAsideEvents(int limit)
{
    auto q = m_db->prepare(u"SELECT e.payload, a.status, a.detail, a.set_aside_at FROM outbox_set_aside a "
                           "JOIN feedback_events e ON e.id = a.event_id ORDER BY a.set_aside_at, e.seq LIMIT ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, qint64(limit));
    QList<SetAsideEvent> out;
    for (;;) {
        auto row = (*q)->next();
        if (!row || !*row) {
            (*q)->reset();
            if (!row)
                return row.error();
            break;
        }
        auto e = json::feedbackEventFromJson(QJsonDocument::fromJson((*q)->text(0).toUtf8()).object());
        if (!e) {
            (*q)->reset();
            return e.error();
        }
        out << SetAsideEvent{*e, int((*q)->int64(1)), (*q)->text(2), json::parseTime((*q)->text(3))};
    }
    return out;
}

Result<qint64> Store::setAsideCount()
{
    return scalar(u"SELECT count(*) FROM outbox_set_aside"_s);
}

Result<QString> Store::setting(const QString &key, const QString &fallback)
{
    auto q = m_db->prepare(u"SELECT value FROM settings WHERE key = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, key);
    auto r = (*q)->next();
    if (!r)
        return r.error();
    const QString v = *r ? (*q)->text(0) : fallback;
    (*q)->reset();
    return v;
}

Status Store::setSetting(const QString &key, const QString &value)
{
    auto q = m_db->prepare(
        u"INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, key).bind(2, value).exec();
}

Result<QString> Store::cursor(const QString &stream)
{
    auto q = m_db->prepare(u"SELECT cursor FROM sync_cursors WHERE stream = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, stream);
    auto r = (*q)->next();
    if (!r)
        return r.error();
    const QString v = *r ? (*q)->text(0) : QString();
    (*q)->reset();
    return v;
}

Status Store::setCursor(const QString &stream, const QString &cursor)
{
    auto q = m_db->prepare(
        u"INSERT INTO sync_cursors (stream, cursor) VALUES (?1, ?2) ON CONFLICT(stream) DO UPDATE SET cursor = excluded.cursor"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, stream).bind(2, cursor).exec();
}

Result<Store::Counts> Store::counts()
{
    auto q = m_db->prepare(
        u"SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM tickets WHERE status IN ('open','pending')), "
        "(SELECT count(*) FROM customers), (SELECT count(*) FROM messages), (SELECT count(*) FROM articles), "
        "(SELECT count(*) FROM articles WHERE status = 'active'), (SELECT count(*) FROM chunks), "
        "(SELECT count(*) FROM answers), (SELECT count(*) FROM macros), (SELECT count(*) FROM drafts), "
        "(SELECT count(*) FROM feedback_events), (SELECT count(*) FROM outbox)"_s);
    if (!q)
        return q.error();
    auto r = (*q)->next();
    if (!r)
        return r.error();
    Statement &s = **q;
    Counts c{s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.int64(4),  s.int64(5),
             s.int64(6), s.int64(7), s.int64(8), s.int64(9), s.int64(10), s.int64(11)};
    s.reset();
    return c;
}

Result<qint64> Store::outboxSize()
{
    return scalar(u"SELECT count(*) FROM outbox"_s);
}

Result<Store::RemoteReport> Store::applyRemoteChanges(const RemoteChanges &changes, const QString &stream,
                                                      const QString &cursor)
{
    // A page may carry several versions of one object (seq order): the last one is current.
    auto lastOfEach = [](const auto &items) {
        QSet<QString> seen;
        std::remove_cvref_t<decltype(items)> out;
        for (auto it = items.crbegin(); it != items.crend(); ++it)
            if (!seen.contains(it->id)) {
                seen.insert(it->id);
                out.prepend(*it);
            }
        return out;
    };
    RemoteReport report;
    auto tx = m_db->transaction("apply remote changes");
    US_TRY(tx.status());
    if (!changes.tickets.isEmpty()) {
        auto r = importTickets(lastOfEach(changes.tickets), u"server"_s);
        if (!r)
            return r.error();
        report.tickets = *r;
    }
    if (!changes.articles.isEmpty()) {
        auto r = importArticles(lastOfEach(changes.articles), u"server"_s, false);
        if (!r)
            return r.error();
        report.articles = *r;
    }
    if (!changes.events.isEmpty()) {
        auto r = recordRemoteEvents(changes.events, &report.answerKeys);
        if (!r)
            return r.error();
        report.events = *r;
    }
    if (!changes.learned.isEmpty()) {
        auto put = m_db->prepare(u"INSERT INTO learned_parts (key, data) VALUES (?1, ?2) "
                                 "ON CONFLICT(key) DO UPDATE SET data = excluded.data"_s);
        if (!put)
            return put.error();
        for (const auto &[key, data] : changes.learned)
            US_TRY((*put)->bind(1, key).bind(2, compact(data)).exec());
        report.learned = int(changes.learned.size());
    }
    US_TRY(setCursor(stream, cursor));
    US_TRY(tx.commit());
    return report;
}

Result<int> Store::recordRemoteEvents(const QList<FeedbackEvent> &events, QStringList *answerKeys)
{
    for (const FeedbackEvent &e : events)
        if (e.id.isEmpty() || !e.at.isValid())
            return Error::make(Error::Code::Invalid, u"an event from the server has no id or no time"_s);
    auto tx = m_db->transaction("record remote events");
    US_TRY(tx.status());
    auto insert = m_db->prepare(u"INSERT INTO feedback_events (id, kind, agent, ticket_id, draft_id, at, payload, "
                                u"synced_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(id) DO NOTHING"_s);
    if (!insert)
        return insert.error();
    const QString now = json::formatTime(Clock::now());
    int added = 0;
    for (const FeedbackEvent &e : events) {
        (*insert)->bind(1, e.id).bind(2, FeedbackEvent::kindName(e.kind)).bind(3, e.agent);
        (*insert)->bind(4, e.ticketId).bindOptional(5, e.draftId).bind(6, json::formatTime(e.at));
        (*insert)->bind(7, compact(json::toJson(e))).bind(8, now);
        US_TRY((*insert)->exec());
        if (m_db->changes() > 0) {
            ++added;
            auto key = answerFromSend(e); // a teammate's sent reply teaches this client too
            if (!key)
                return key.error();
            if (answerKeys && !key->isEmpty())
                *answerKeys << *key;
        }
    }
    US_TRY(tx.commit());
    return added;
}

Result<QList<std::pair<QString, QJsonObject>>> Store::learnedParts()
{
    auto q = m_db->prepare(u"SELECT key, data FROM learned_parts ORDER BY key"_s);
    if (!q)
        return q.error();
    QList<std::pair<QString, QJsonObject>> out;
    US_TRY((*q)->forEachRow([&](Statement &row) {
        out.append({row.text(0), QJsonDocument::fromJson(row.text(1).toUtf8()).object()});
    }));
    return out;
}

Status Store::clearLearnedParts()
{
    auto q = m_db->prepare(u"DELETE FROM learned_parts"_s);
    if (!q)
        return q.error();
    return (*q)->exec();
}

Result<QList<Store::PendingReply>> Store::pendingReplies(int limit)
{
    auto q = m_db->prepare(u"SELECT event_id, ticket_id, text, attempts FROM reply_deliveries "
                           "WHERE state = 'pending' ORDER BY created_at, rowid LIMIT ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, qint64(limit));
    QList<PendingReply> out;
    US_TRY((*q)->forEachRow([&](Statement &row) {
        out << PendingReply{row.text(0), row.text(1), row.text(2), int(row.int64(3))};
    }));
    return out;
}

Status Store::noteReplyAttempt(const QString &eventId)
{
    auto q = m_db->prepare(u"UPDATE reply_deliveries SET attempts = attempts + 1 WHERE event_id = ?1"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, eventId).exec();
}

Status Store::markReplyDelivered(const QString &eventId, const QString &replyId)
{
    auto q = m_db->prepare(u"UPDATE reply_deliveries SET state = 'delivered', reply_id = ?2, detail = NULL, "
                           "done_at = ?3 WHERE event_id = ?1"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, eventId).bindOptional(2, replyId).bind(3, json::formatTime(Clock::now())).exec();
}

Status Store::markReplyRefused(const QString &eventId, const QString &state, const QString &detail)
{
    if (state != u"conflict"_s && state != u"failed"_s)
        return Error::make(Error::Code::Invalid, u"a refused reply is \"conflict\" or \"failed\", not \"%1\""_s.arg(state));
    auto q = m_db->prepare(u"UPDATE reply_deliveries SET state = ?2, detail = ?3, done_at = ?4 "
                           "WHERE event_id = ?1 AND state = 'pending'"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, eventId).bind(2, state).bind(3, detail).bind(4, json::formatTime(Clock::now())).exec();
}

Result<std::optional<Store::ReplyDelivery>> Store::replyDelivery(const QString &eventId)
{
    auto q = m_db->prepare(u"SELECT event_id, ticket_id, state, coalesce(reply_id, ''), coalesce(detail, ''), "
                           "attempts FROM reply_deliveries WHERE event_id = ?1"_s);
    if (!q)
        return q.error();
    (*q)->bind(1, eventId);
    std::optional<ReplyDelivery> out;
    US_TRY((*q)->forEachRow([&](Statement &row) {
        out = ReplyDelivery{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), int(row.int64(5))};
    }));
    return out;
}

} // namespace understudy::store

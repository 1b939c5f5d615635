// SPDX-License-Identifier: GPL-3.0-or-later
#include "Store.h"

#include "AnswerRepository.h"
#include "EventRepository.h"
#include "KnowledgeRepository.h"
#include "Migrations.h"
#include "QueueRepository.h"
#include "ReplyRepository.h"
#include "Rows.h"
#include "SettingsRepository.h"
#include "SyncStateRepository.h"
#include "TicketRepository.h"

#include <understudy/Clock.h>
#include <understudy/Json.h>

#include <QLoggingCategory>
#include <QSet>

using namespace Qt::StringLiterals;

namespace understudy::store {

Q_LOGGING_CATEGORY(lcStore, "understudy.store", QtInfoMsg)

Store::Store(std::unique_ptr<Database> db)
    : m_db(std::move(db)), m_settings(std::make_unique<SettingsRepository>(*m_db)),
      m_tickets(std::make_unique<TicketRepository>(*m_db, *m_settings)),
      m_queue(std::make_unique<QueueRepository>(*m_db)),
      m_knowledge(std::make_unique<KnowledgeRepository>(*m_db, *m_settings)),
      m_answers(std::make_unique<AnswerRepository>(*m_db, *m_settings)),
      m_events(std::make_unique<EventRepository>(*m_db)), m_sync(std::make_unique<SyncStateRepository>(*m_db)),
      m_replies(std::make_unique<ReplyRepository>(*m_db))
{
}

Store::~Store() = default;

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

// The parts: each method is its repository's.

Result<ImportReport> Store::importArticles(const QList<Article> &articles, const QString &origin, bool markMissing,
                                           const Progress &progress)
{
    return m_knowledge->importArticles(articles, origin, markMissing, progress);
}

Result<ImportReport> Store::importTickets(const QList<Ticket> &tickets, const QString &origin, const Progress &progress)
{
    return m_tickets->importTickets(tickets, origin, progress);
}

Result<ImportReport> Store::importMacros(const QList<Macro> &macros)
{
    return m_knowledge->importMacros(macros);
}

Result<ImportReport> Store::addAnswers(const QList<Answer> &answers)
{
    return m_answers->add(answers);
}

Result<qint64> Store::contentGeneration()
{
    return m_settings->contentGeneration();
}

Result<QString> Store::identity()
{
    return m_settings->identity();
}

Result<std::optional<Ticket>> Store::ticket(const QString &id)
{
    return m_tickets->ticket(id);
}

Result<QList<Ticket>> Store::tickets(const QString &status, int limit, bool withMessages)
{
    return m_tickets->tickets(status, limit, withMessages);
}

Result<std::optional<Article>> Store::article(const QString &id)
{
    return m_knowledge->article(id);
}

Result<QList<Chunk>> Store::chunksOf(const QString &articleId)
{
    return m_knowledge->chunksOf(articleId);
}

Result<std::optional<ChunkRow>> Store::chunk(qint64 id)
{
    return m_knowledge->chunk(id);
}

Result<std::optional<Answer>> Store::answer(qint64 id)
{
    return m_answers->byId(id);
}

Result<std::optional<Answer>> Store::answerByKey(const QString &key)
{
    return m_answers->byKey(key);
}

Result<QList<Macro>> Store::macros()
{
    return m_knowledge->macros();
}

Status Store::forEachChunk(const std::function<void(const ChunkRow &)> &fn)
{
    return m_knowledge->forEachChunk(fn);
}

Status Store::forEachAnswer(const std::function<void(const Answer &)> &fn)
{
    return m_answers->forEach(fn);
}

Result<QList<QueueRow>> Store::queuePage(const QueueQuery &query, int offset, int limit)
{
    return m_queue->page(query, offset, limit);
}

Result<std::optional<QueueRow>> Store::queueRow(const QString &ticketId)
{
    return m_queue->row(ticketId);
}

Result<qint64> Store::queueSize(const QueueQuery &query)
{
    return m_queue->size(query);
}

Result<QSet<QString>> Store::flaggedAmong(const QStringList &ticketIds)
{
    return m_queue->flaggedAmong(ticketIds);
}

Result<QList<Ticket>> Store::customerHistory(const QString &customerId, const QString &exceptTicket, int limit)
{
    return m_tickets->customerHistory(customerId, exceptTicket, limit);
}

Result<QList<KnowledgeHit>> Store::searchKnowledge(const QString &query, int limit)
{
    return m_knowledge->search(query, limit);
}

Status Store::saveDraft(const Draft &draft)
{
    return m_events->saveDraft(draft);
}

Result<std::optional<Draft>> Store::latestDraft(const QString &ticketId)
{
    return m_events->latestDraft(ticketId);
}

Result<bool> Store::wasShown(const QString &ticketId, const QString &draftId)
{
    return m_events->wasShown(ticketId, draftId);
}

Status Store::recordEvent(const FeedbackEvent &event)
{
    return m_events->record(event);
}

Status Store::holdEvent(const FeedbackEvent &event)
{
    return m_events->hold(event);
}

Result<FeedbackEvent> Store::recordHeldEvent(const QString &eventId, const QString &reason)
{
    return m_events->recordHeld(eventId, reason);
}

Result<int> Store::recordHeldEvents()
{
    return m_events->recordAllHeld();
}

Result<QList<FeedbackEvent>> Store::events(const QString &ticketId)
{
    return m_events->events(ticketId);
}

Result<QList<FeedbackEvent>> Store::outbox(int limit)
{
    return m_events->outbox(limit);
}

Status Store::acknowledge(const QStringList &eventIds)
{
    return m_events->acknowledge(eventIds);
}

Status Store::setAside(const QString &eventId, int status, const QString &detail)
{
    return m_events->setAside(eventId, status, detail);
}

Result<QList<Store::SetAsideEvent>> Store::setAsideEvents(int limit)
{
    return m_events->setAsideEvents(limit);
}

Result<qint64> Store::setAsideCount()
{
    return m_events->setAsideCount();
}

Result<qint64> Store::outboxSize()
{
    return m_events->outboxSize();
}

Result<QString> Store::setting(const QString &key, const QString &fallback)
{
    return m_settings->value(key, fallback);
}

Status Store::setSetting(const QString &key, const QString &value)
{
    return m_settings->setValue(key, value);
}

Result<QString> Store::cursor(const QString &stream)
{
    return m_sync->cursor(stream);
}

Status Store::setCursor(const QString &stream, const QString &cursor)
{
    return m_sync->setCursor(stream, cursor);
}

Result<QList<std::pair<QString, QJsonObject>>> Store::learnedParts()
{
    return m_sync->learnedParts();
}

Status Store::clearLearnedParts()
{
    return m_sync->clearLearnedParts();
}

Result<QList<Store::PendingReply>> Store::pendingReplies(int limit)
{
    return m_replies->pending(limit);
}

Status Store::noteReplyAttempt(const QString &eventId)
{
    return m_replies->noteAttempt(eventId);
}

Status Store::markReplyDelivered(const QString &eventId, const QString &replyId)
{
    return m_replies->markDelivered(eventId, replyId);
}

Status Store::markReplyRefused(const QString &eventId, const QString &state, const QString &detail)
{
    return m_replies->markRefused(eventId, state, detail);
}

Result<std::optional<Store::ReplyDelivery>> Store::replyDelivery(const QString &eventId)
{
    return m_replies->delivery(eventId);
}

// Operations across parts, each in one transaction.

Result<QString> Store::answerFromSend(const FeedbackEvent &event)
{
    if (!FeedbackEvent::isSend(event.kind) || event.finalText.trimmed().isEmpty())
        return QString();
    auto t = m_tickets->ticket(event.ticketId);
    if (!t)
        return t.error();
    if (!*t)
        return QString(); // a ticket this store does not hold (another team's queue): nothing to learn here
    return m_answers->learnFromSend(event, **t);
}

Status Store::recordReply(const FeedbackEvent &event)
{
    if (!FeedbackEvent::isSend(event.kind))
        return Error::make(Error::Code::Invalid,
                           u"event %1 is a %2 event, not a send"_s.arg(event.id, FeedbackEvent::kindName(event.kind)));
    if (event.finalText.trimmed().isEmpty())
        return Error::make(Error::Code::Invalid, u"send %1 has no reply text"_s.arg(event.id));
    auto tx = m_db->transaction("record reply");
    US_TRY(tx.status());
    auto found = m_tickets->exists(event.ticketId);
    if (!found)
        return found.error();
    if (!*found)
        return Error::make(Error::Code::Invalid,
                           u"send %1 answers ticket \"%2\", which is not in the store"_s.arg(event.id, event.ticketId));
    auto added = m_events->append(event);
    if (!added)
        return added.error();
    if (!*added)
        return tx.commit();        // already held: the ticket was changed when it was first recorded
    US_TRY(answerFromSend(event)); // before the reply joins the thread: the question is what the customer asked
    US_TRY(m_tickets->appendAgentReply(event.ticketId, event.finalText, event.at));
    return tx.commit();
}

Result<Store::Counts> Store::counts()
{
    auto q = m_db->prepare(
        u"SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM tickets WHERE status IN ('open','pending')), "
        "(SELECT count(*) FROM customers), (SELECT count(*) FROM messages), (SELECT count(*) FROM articles), "
        "(SELECT count(*) FROM articles WHERE status = 'active'), (SELECT count(*) FROM chunks), "
        "(SELECT count(*) FROM answers), (SELECT count(*) FROM macros), (SELECT count(*) FROM drafts), "
        "(SELECT count(*) FROM feedback_events), (SELECT count(*) FROM outbox)"_s);
    auto c = rows::first(q, [](Statement &s) {
        return Counts{s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.int64(4),  s.int64(5),
                      s.int64(6), s.int64(7), s.int64(8), s.int64(9), s.int64(10), s.int64(11)};
    });
    if (!c)
        return c.error();
    return c->value_or(Counts{});
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
        US_TRY(m_sync->putLearnedParts(changes.learned));
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
    const QString now = json::formatTime(Clock::now());
    int added = 0;
    for (const FeedbackEvent &e : events) {
        auto inserted = m_events->appendRemote(e, now);
        if (!inserted)
            return inserted.error();
        if (!*inserted)
            continue;
        ++added;
        auto key = answerFromSend(e); // a teammate's sent reply teaches this client too
        if (!key)
            return key.error();
        if (answerKeys && !key->isEmpty())
            *answerKeys << *key;
    }
    US_TRY(tx.commit());
    return added;
}

Status Store::restartSync(const QString &stream, const QString &ownerSetting, const QString &owner)
{
    auto tx = m_db->transaction("sync: new server");
    US_TRY(tx.status());
    US_TRY(m_sync->setCursor(stream, u"0"_s));
    US_TRY(m_settings->setValue(ownerSetting, owner));
    US_TRY(m_sync->clearLearnedParts());
    return tx.commit();
}

} // namespace understudy::store

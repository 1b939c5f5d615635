// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "StoreTypes.h"

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QJsonObject>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

namespace understudy::store {

class AnswerRepository;
class EventRepository;
class KnowledgeRepository;
class QueueRepository;
class ReplyRepository;
class SettingsRepository;
class SyncStateRepository;
class TicketRepository;

/// @brief The local SQLite store (WAL): helpdesk content, knowledge base, answer bank, drafts,
/// the append-only correction log and its outbox, sync cursors and settings.
/// One Store per thread; every write that changes state is one transaction.
class Store {
public:
    using Progress = std::function<void(qsizetype done, qsizetype total)>;

    /// @brief Opens (creating and migrating as needed) the store at @p path. A file that is not SQLite, an SQLite
    /// database of another program, or a store from a newer build is refused with Error::Code::Invalid, unwritten.
    static Result<std::unique_ptr<Store>> open(const QString &path);
    Database &db() { return *m_db; }

    /// @brief Upserts articles by id (chunking them at headings) in one transaction. An article's language is
    /// stored as its ISO 639-1 code (languageCode(): "en-US" → "en"), detected from its text when not given. With
    /// @p markMissing, active articles of the same @p origin that this import no longer has are marked "removed".
    /// All or nothing: on any error (DiskFull included) the store is as before. An article without id is Invalid.
    /// @p progress is called after each record, inside the transaction.
    Result<ImportReport> importArticles(const QList<Article> &articles, const QString &origin, bool markMissing,
                                        const Progress &progress = {});
    /// @brief Upserts tickets, their customers and messages by id in one transaction; resolved tickets
    /// with an agent reply or an intent label become answer-bank entries (a ticket no longer resolved loses its
    /// entry). An empty status is stored as "open"; a customer without id is keyed by lower-cased e-mail. A ticket's
    /// language is stored as its ISO 639-1 code, detected from the subject and customer messages when not given;
    /// its answer-bank entry takes the same language.
    Result<ImportReport> importTickets(const QList<Ticket> &tickets, const QString &origin,
                                       const Progress &progress = {});
    /// @brief Upserts macros by id in one transaction (added / updated / unchanged in the report); the language as
    /// for articles.
    Result<ImportReport> importMacros(const QList<Macro> &macros);
    /// @brief Upserts answer-bank entries by key in one transaction (corrections, bulk loads).
    Result<ImportReport> addAnswers(const QList<Answer> &answers);
    /// @brief Grows whenever articles, answers or macros change; drafting indexes saved with an older
    /// generation are stale.
    Result<qint64> contentGeneration();
    /// @brief A random id this store file is given on the first call and keeps (a setting): what is saved beside
    /// a store under its content generation (the engine's snapshot) never applies to another store, even one
    /// that reached the same generation. A copy of the file keeps the id, as it keeps the content.
    Result<QString> identity();

    Result<std::optional<Ticket>> ticket(const QString &id);
    /// @brief Tickets by status (empty = all), oldest first, without messages unless @p withMessages.
    Result<QList<Ticket>> tickets(const QString &status = {}, int limit = -1, bool withMessages = true);
    Result<std::optional<Article>> article(const QString &id);
    Result<QList<Chunk>> chunksOf(const QString &articleId);
    Result<std::optional<ChunkRow>> chunk(qint64 id);
    Result<std::optional<Answer>> answer(qint64 id);
    Result<std::optional<Answer>> answerByKey(const QString &key);
    Result<QList<Macro>> macros();
    /// @brief Every chunk with its article's status, in id order (for building the drafting index).
    /// @p fn may call back into the store.
    Status forEachChunk(const std::function<void(const ChunkRow &)> &fn);
    Status forEachAnswer(const std::function<void(const Answer &)> &fn);
    /// @brief A page of the queue: open and pending tickets first (oldest first), then the rest; @p offset rows in.
    Result<QList<QueueRow>> queuePage(int offset, int limit) { return queuePage(QueueQuery{}, offset, limit); }
    /// @brief A page of the tickets that pass @p query, in its order; @p offset rows in. Search runs on a
    /// full-text index and the filters and sorts on per-ticket columns kept by triggers, never on drafts' JSON.
    Result<QList<QueueRow>> queuePage(const QueueQuery &query, int offset, int limit);
    /// @brief The queue row of one ticket (after a draft or an action changed it).
    Result<std::optional<QueueRow>> queueRow(const QString &ticketId);
    /// @brief How many rows the queue has (every ticket).
    Result<qint64> queueSize() { return queueSize(QueueQuery{}); }
    /// @brief How many tickets pass @p query.
    Result<qint64> queueSize(const QueueQuery &query);
    /// @brief Previous tickets of a customer (most recent first), excluding @p exceptTicket.
    Result<QList<Ticket>> customerHistory(const QString &customerId, const QString &exceptTicket, int limit = 10);

    /// @brief Full-text search over article chunks (FTS5 BM25, title and heading weighted).
    Result<QList<KnowledgeHit>> searchKnowledge(const QString &query, int limit = 20);

    /// @brief Stores @p draft (replacing one with the same id); a draft without id or ticket id is Invalid.
    Status saveDraft(const Draft &draft);
    Result<std::optional<Draft>> latestDraft(const QString &ticketId);
    /// @brief Whether a shown event of draft @p draftId (of ticket @p ticketId) is in the log.
    Result<bool> wasShown(const QString &ticketId, const QString &draftId);
    /// @brief Appends @p event to the correction log and the outbox in one transaction.
    /// Idempotent: an id already held is a success that changes nothing (even if acknowledged since).
    /// An event that could not be read back (no id, no time, confidence outside [0,1]) is refused as Invalid.
    Status recordEvent(const FeedbackEvent &event);
    /// @brief Records a send (sent_as_is / sent_edited) and its effect on the ticket in ONE transaction: the
    /// event and its outbox row, the final text appended to the ticket as an agent message (at the event's time)
    /// and the ticket's status set to "resolved", and the reply as the answer-bank entry "event:<id>" for the
    /// ticket's question. Idempotent by event id like recordEvent(): an id already held changes nothing.
    /// Another kind, an empty final text or an unknown ticket is Invalid and writes nothing.
    Status recordReply(const FeedbackEvent &event);
    /// @brief Keeps @p event aside, durably, before it enters the log: an event the agent may still add to (a
    /// flag, until the agent gives its reason or moves on). It is in neither the log nor the outbox until
    /// recordHeldEvent(). Refused as Invalid like recordEvent() when it could not be read back.
    Status holdEvent(const FeedbackEvent &event);
    /// @brief Appends the held event @p eventId to the log and the outbox, with @p reason when that is not empty,
    /// and forgets it, in one transaction; the event as recorded. An id not held is NotFound.
    Result<FeedbackEvent> recordHeldEvent(const QString &eventId, const QString &reason = {});
    /// @brief Records every held event as it is (a client that stopped while one was held); how many.
    Result<int> recordHeldEvents();
    Result<QList<FeedbackEvent>> events(const QString &ticketId = {});
    /// @brief Events not yet acknowledged by the server, oldest first.
    Result<QList<FeedbackEvent>> outbox(int limit);
    /// @brief Removes acknowledged ids from the outbox and stamps them synced.
    Status acknowledge(const QStringList &eventIds);
    using SetAsideEvent = store::SetAsideEvent;
    /// @brief Moves @p eventId out of the outbox, in one transaction, into the set-aside list (the event stays in
    /// the correction log, unsynced): a poison event no longer blocks the ones behind it.
    Status setAside(const QString &eventId, int status, const QString &detail);
    /// @brief Events set aside, oldest first.
    Result<QList<SetAsideEvent>> setAsideEvents(int limit = 1000);
    Result<qint64> setAsideCount();

    Result<QString> setting(const QString &key, const QString &fallback = {});
    Status setSetting(const QString &key, const QString &value);
    Result<QString> cursor(const QString &stream);
    Status setCursor(const QString &stream, const QString &cursor);

    using Counts = StoreCounts;
    Result<Counts> counts();
    /// @brief How many events wait in the outbox (cheaper than counts()).
    Result<qint64> outboxSize();

    /// @brief Which of @p ticketIds have a draft flagged as a bad answer (in the log, or held for its reason).
    Result<QSet<QString>> flaggedAmong(const QStringList &ticketIds);

    /// @brief The store's parts, each over the store's connection, for code that works with one part only.
    TicketRepository &ticketRepository() { return *m_tickets; }
    QueueRepository &queueRepository() { return *m_queue; }
    KnowledgeRepository &knowledgeRepository() { return *m_knowledge; }
    AnswerRepository &answerRepository() { return *m_answers; }
    EventRepository &eventRepository() { return *m_events; }
    SettingsRepository &settingsRepository() { return *m_settings; }
    SyncStateRepository &syncStateRepository() { return *m_sync; }
    ReplyRepository &replyRepository() { return *m_replies; }

    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

private:
    explicit Store(std::unique_ptr<Database> db);
    /// @brief For a send: its reply becomes the answer "event:<id>" to its ticket's question, when the store holds
    /// the ticket; the key written, empty when the event taught nothing.
    Result<QString> answerFromSend(const FeedbackEvent &event);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<SettingsRepository> m_settings;
    std::unique_ptr<TicketRepository> m_tickets;
    std::unique_ptr<QueueRepository> m_queue;
    std::unique_ptr<KnowledgeRepository> m_knowledge;
    std::unique_ptr<AnswerRepository> m_answers;
    std::unique_ptr<EventRepository> m_events;
    std::unique_ptr<SyncStateRepository> m_sync;
    std::unique_ptr<ReplyRepository> m_replies;

public:
    // Sync (src/sync): what the server sends, and the replies owed to it.

    using RemoteChanges = store::RemoteChanges;
    using RemoteReport = store::RemoteReport;
    /// @brief Applies @p changes and stores @p cursor for @p stream in ONE transaction: tickets and articles
    /// are upserted (origin "server"; a later entry for the same id wins), events are stored as already
    /// synced and never enter the outbox, learned-state records replace those held under their key.
    /// All or nothing: on error the store and the cursor are as before.
    Result<RemoteReport> applyRemoteChanges(const RemoteChanges &changes, const QString &stream, const QString &cursor);
    /// @brief Appends events that came from the server to the correction log, stamped synced, without
    /// outbox rows (so they are never pushed back nor owe a reply); a teammate's send of a ticket held here also
    /// becomes an answer-bank entry, as in recordReply(). Ids already held are skipped; returns how many were
    /// new. One transaction (a savepoint inside an open one).
    Result<int> recordRemoteEvents(const QList<FeedbackEvent> &events, QStringList *answerKeys = nullptr);
    /// @brief The team's learned state as the server last sent it, in key order (empty before the first pull
    /// from a server that shares it).
    Result<QList<std::pair<QString, QJsonObject>>> learnedParts();
    /// @brief Forgets the server's learned state (pointed at another server).
    Status clearLearnedParts();
    /// @brief Pointed at another server: in ONE transaction, @p stream's feed starts over (cursor "0"), the setting
    /// @p ownerSetting records @p owner as the server the cursor belongs to, and the learned state is forgotten
    /// (the other server's team learned something else). All or nothing.
    Status restartSync(const QString &stream, const QString &ownerSetting, const QString &owner);

    using PendingReply = store::PendingReply;
    using ReplyDelivery = store::ReplyDelivery;
    /// @brief Replies not yet taken by the server, oldest first.
    Result<QList<PendingReply>> pendingReplies(int limit);
    /// @brief Counts one more delivery attempt of @p eventId's reply (before it goes on the wire).
    Status noteReplyAttempt(const QString &eventId);
    /// @brief The server took the reply (201, or 200 for a replay of the same key).
    Status markReplyDelivered(const QString &eventId, const QString &replyId);
    /// @brief The server refused the reply for good: @p state "conflict" (@p detail: who claimed the ticket)
    /// or "failed" (@p detail: the server's reason). It is not retried.
    Status markReplyRefused(const QString &eventId, const QString &state, const QString &detail);
    Result<std::optional<ReplyDelivery>> replyDelivery(const QString &eventId);
};

} // namespace understudy::store

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QJsonObject>

#include <functional>
#include <memory>
#include <optional>

namespace understudy::store {

/// @brief A chunk with what retrieval needs of its article.
struct ChunkRow {
    Chunk chunk;
    QString articleTitle;
    QString url;
    QString status; ///< the article's: "active", "deprecated", "removed"
    QDateTime updatedAt;
    QString language = {}; ///< the article's (ISO 639-1), empty when unknown
};

/// @brief One answer-bank entry: a resolved question and the reply that was sent.
struct Answer {
    qint64 id = 0;
    QString key; ///< "ticket:<id>" for history, "event:<uuid>" for corrections
    QString question;
    QString reply; ///< empty for labelled questions without a reply (intent datasets)
    QString intent;
    QString ticketId;
    QString origin;
    QDateTime createdAt;
    /// ISO 639-1, empty when unknown. Left empty by a writer, the store fills it: the ticket's language, else
    /// detected from the reply (from the question when there is no reply).
    QString language = {};
};

/// @brief A full-text hit in the knowledge base (FTS5), for browsing.
struct KnowledgeHit {
    QString articleId;
    qint64 chunkId = 0;
    QString title;
    QString heading;
    QString snippet; ///< matches wrapped in [ and ]
    double score = 0;
};

/// @brief One row of the agent's queue: a ticket with what the queue shows of its customer and latest draft.
struct QueueRow {
    QString id;
    QString subject;
    QString status;
    QString customerName;
    QString customerTier;
    QString intent;
    QDateTime createdAt;
    QDateTime updatedAt;   ///< time of the latest message
    QString lastAuthor;    ///< "customer" or "agent": who wrote the latest message
    bool hasDraft = false; ///< a draft was stored for the ticket
    double confidence = 0; ///< of the latest draft
    bool lowConfidence = false;
    bool escalate = false; ///< the latest draft escalates
    bool seen = false;     ///< a draft of the ticket was shown to an agent
    bool escalatedByAgent = false; ///< an agent escalated the ticket (an "escalated" event)
};

/// @brief What the queue shows and in which order: search, filters and sort, all applied in SQL so a search
/// finds any ticket of the store without loading the others.
struct QueueQuery {
    enum class Status { All, Active, Open, Pending, Resolved, Closed }; ///< Active = open and pending
    /// @brief Default: open and pending first, oldest first. Subject and Customer sort case-insensitively
    /// (ASCII); Tier free < pro < enterprise; Status open < pending < resolved < closed; Waiting by the latest
    /// message's time (ascending = longest waiting first); Confidence with draftless tickets lowest;
    /// Escalation escalated last (ascending). Ties: oldest first, then id.
    enum class Sort { Default, Subject, Customer, Tier, Status, Waiting, Confidence, Escalation };

    QString search; ///< words; each must begin a word of the ticket's id, subject or customer name
    Status status = Status::All;
    QString tier; ///< "free", "pro", "enterprise", or empty for all
    bool escalatedOnly = false;     ///< the latest draft escalates, or an agent escalated the ticket
    bool lowConfidenceOnly = false; ///< the latest draft is marked low-confidence
    Sort sort = Sort::Default;
    bool descending = false;

    bool operator==(const QueueQuery &) const = default;
};

/// @brief The question an answer answers: the subject and what the customer wrote before the agent's reply.
QString questionOf(const Ticket &t);

/// @brief What an import changed.
struct ImportReport {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int removed = 0;
    int answers = 0; ///< answer-bank entries written
};

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
    /// @brief An event the server refused for good, with its answer.
    struct SetAsideEvent {
        FeedbackEvent event;
        int status = 0; ///< the server's HTTP status (400, 413)
        QString detail; ///< the server's message, naming the field
        QDateTime at;   ///< when the client set it aside
    };
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

    struct Counts {
        qint64 tickets = 0, openTickets = 0, customers = 0, messages = 0, articles = 0, activeArticles = 0, chunks = 0,
               answers = 0, macros = 0, drafts = 0, events = 0, outbox = 0;
    };
    Result<Counts> counts();
    /// @brief How many events wait in the outbox (cheaper than counts()).
    Result<qint64> outboxSize();

private:
    Status bumpContentGeneration();
    Status writeAnswer(const Answer &answer);
    /// @brief For a sent event: its reply becomes the answer "event:<id>" to its ticket's question.
    /// @brief The answer-bank key written for a send, empty when the event taught nothing.
    Result<QString> answerFromSend(const FeedbackEvent &event);
    Result<qint64> scalar(const QString &sql);
    explicit Store(std::unique_ptr<Database> db) : m_db(std::move(db)) {}
    Result<QList<Message>> messagesOf(const QString &ticketId);
    Result<Ticket> ticketFromRow(Statement &row, bool withMessages);
    Result<QList<QueueRow>> readQueueRows(Statement &q);
    Result<std::optional<Answer>> singleAnswer(Statement &q);
    /// @brief Inserts @p event and its outbox row inside the caller's transaction; false if the id was held.
    Result<bool> appendEvent(const FeedbackEvent &event);

    std::unique_ptr<Database> m_db;

public:
    // Sync (src/sync): what the server sends, and the replies owed to it.

    /// @brief One page of the server's changes feed, parsed.
    struct RemoteChanges {
        QList<Ticket> tickets;
        QList<Article> articles;
        QList<FeedbackEvent> events;
        /// @brief Records of the team's learned state (key, data as LearnedState::parts() writes them).
        QList<std::pair<QString, QJsonObject>> learned;
    };
    /// @brief What applying a page changed (events: how many were new to this store).
    struct RemoteReport {
        ImportReport tickets;
        ImportReport articles;
        int events = 0;
        int learned = 0;
        QStringList answerKeys; ///< answers that teammates' sends added (for a running engine to learn)
    };
    /// @brief Applies @p changes and stores @p cursor for @p stream in ONE transaction: tickets and articles
    /// are upserted (origin "server"; a later entry for the same id wins), events are stored as already
    /// synced and never enter the outbox, learned-state records replace those held under their key.
    /// All or nothing: on error the store and the cursor are as before.
    Result<RemoteReport> applyRemoteChanges(const RemoteChanges &changes, const QString &stream,
                                            const QString &cursor);
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

    /// @brief A reply a committed send owes the server (POST /tickets/{id}/replies).
    struct PendingReply {
        QString eventId; ///< also the idempotency key
        QString ticketId;
        QString text;
        int attempts = 0;
    };
    /// @brief Where a send's reply stands: "pending", "delivered", "conflict" or "failed".
    struct ReplyDelivery {
        QString eventId;
        QString ticketId;
        QString state;
        QString replyId;
        QString detail; ///< conflict: who claimed the ticket; failed: why
        int attempts = 0;
    };
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

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

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
    bool escalate = false;         ///< the latest draft escalates
    bool seen = false;             ///< a draft of the ticket was shown to an agent
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
    QString tier;                   ///< "free", "pro", "enterprise", or empty for all
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

/// @brief An event the server refused for good, with its answer.
struct SetAsideEvent {
    FeedbackEvent event;
    int status = 0; ///< the server's HTTP status (400, 413)
    QString detail; ///< the server's message, naming the field
    QDateTime at;   ///< when the client set it aside
};

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

/// @brief How many rows the store's tables hold.
struct StoreCounts {
    qint64 tickets = 0, openTickets = 0, customers = 0, messages = 0, articles = 0, activeArticles = 0, chunks = 0,
           answers = 0, macros = 0, drafts = 0, events = 0, outbox = 0;
};

} // namespace understudy::store

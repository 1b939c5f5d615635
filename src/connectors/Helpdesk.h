// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdlib>
#include <memory>
#include <optional>
#include <utility>
#include <variant>

/// @file
/// @brief The helpdesk connector interface (issue 17), sans-IO.
///
/// A connector (Request Tracker, Zendesk, Freshdesk, …) knows one helpdesk's API: which HTTP requests a call
/// needs and how to read the answers. It never does I/O itself (this layer may not use QtNetwork; see
/// tests/core/tst_layering): every call is a HelpdeskCall, a small state machine that hands out the next
/// HttpRequest and is fed the HttpResponse. Whoever may speak HTTP runs it — HelpdeskExecutor in src/sync
/// (QNetworkAccessManager, retries with Retry-After and backoff), the server's poller, the CLI, or a unit test
/// that feeds canned responses. So a connector is tested with bytes alone, and the same code runs everywhere.
///
/// How to drive a call (the executor does exactly this):
/// @code
///   auto call = connector.pullTickets(cursor, 100);
///   while (auto req = call->nextRequest()) {          // std::nullopt: the call is finished
///       HttpResponse resp = send(*req);                // with retries for transient failures (see retryable())
///       if (auto st = call->handleResponse(resp); !st) // an error that ends the call (auth, server, …)
///           return st.error();
///   }
///   if (auto st = call->finished(); !st)               // an error found at the end
///       return st.error();
///   TicketPage page = call->take();
/// @endcode
///
/// Rules every connector keeps:
/// - **Cursors never lose a step.** A page's @c next cursor only moves past items that are in the page, either as
///   a ticket or as an ItemError; store the page and its cursor in one transaction. Re-pulling from an older cursor
///   is always safe (items come again, the store upserts). The cursor is an opaque string only the connector reads.
/// - **One bad item never stops the rest.** A malformed or deleted ticket becomes an ItemError in the page (with
///   the helpdesk's id and a message naming it); only errors of the whole call (auth, rate limit after retries,
///   server down, an unreadable list) fail the call.
/// - **Exactly-once replies.** A reply carries an idempotency key that the connector stores where the helpdesk
///   keeps it (RtConnector: a transaction custom field, see there), and findReply() finds an already
///   posted reply by that key, or — where the marker is gone — by author + exact text + a time window.
///   postReply() with lookupFirst looks before posting, so rerunning it after a crash never posts twice.
/// - **Secrets stay out of logs.** Auth headers are marked (HttpRequest::sensitiveHeaders); nothing prints them.
/// - **Errors say what and where**: HelpdeskError::message names the helpdesk, the call and the item.
namespace understudy::connectors {

// ---------------------------------------------------------------------------------------------------------------
// HTTP, as plain values

/// @brief One HTTP request a connector wants sent. Relative to the integration's base URL.
struct HttpRequest {
    QByteArray method = "GET"; ///< "GET", "POST", "PUT", "DELETE"
    QString pathAndQuery; ///< percent-encoded path + query, e.g. "/REST/2.0/tickets?query=…"; joined to the base URL
    QList<std::pair<QByteArray, QByteArray>> headers; ///< include Authorization; Content-Type is set from contentType
    QByteArray body;                                  ///< the JSON body (empty for GET)
    QByteArray contentType = "application/json";      ///< sent only when body is not empty
    /// Safe to send twice (GET, PUT of a value, a tag add). A non-idempotent request (POST of a reply) is retried by
    /// the executor only when the helpdesk certainly did not take it (429, 503 with Retry-After, connection refused);
    /// otherwise the call fails with HelpdeskError::outcomeUnknown and the caller reruns it with lookupFirst.
    bool idempotent = true;
    /// What this request is for, for logs and errors ("RT: history of ticket 12"); never includes secrets.
    QString purpose;

    /// @brief Header names whose values must never be logged (Authorization and the like).
    static bool isSensitiveHeader(const QByteArray &name);
    /// @brief "METHOD pathAndQuery (purpose)": what may go to a log.
    QString describe() const;
};

/// @brief The answer to an HttpRequest. status 0 means no HTTP answer at all (see networkError).
struct HttpResponse {
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString networkError;           ///< when status is 0: what the network layer said (refused, timeout, TLS, …)
    bool connectionRefused = false; ///< status 0 because nothing listened: the request certainly did not arrive

    /// @brief The first header of that name (case-insensitive), or an empty array.
    QByteArray header(const QByteArray &name) const;
    /// @brief Retry-After in seconds (delta-seconds or an HTTP-date relative to @p now), when present and valid.
    std::optional<int> retryAfterSeconds(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
};

// ---------------------------------------------------------------------------------------------------------------
// Errors

/// @brief What went wrong talking to a helpdesk. The message is for people (names helpdesk, call and item).
struct HelpdeskError {
    enum class Kind {
        Auth,        ///< 401/403: credentials wrong, expired or lacking the right
        NotFound,    ///< 404, or the item is deleted in the helpdesk
        RateLimited, ///< 429 (or the vendor's equivalent): retryAfterSeconds says how long to wait
        Server,      ///< 5xx
        Network,     ///< no HTTP answer (refused, reset, timeout, TLS)
        Malformed,   ///< an answer that cannot be read (not JSON, fields missing or of the wrong type)
        Rejected,    ///< another 4xx: the helpdesk refused this request (validation, unknown custom field, …)
        Unsupported, ///< the helpdesk has no such thing (e.g. RT has no tags or article locales natively)
        Config,      ///< the integration is set up wrong (bad base URL, missing custom field)
    };

    Kind kind = Kind::Server;
    QString message;
    int httpStatus = 0;         ///< the HTTP status, 0 when there was none
    int retryAfterSeconds = -1; ///< RateLimited (and 503 with Retry-After): seconds to wait; -1 unknown
    QString itemId;             ///< the helpdesk's id of the ticket/article/reply concerned, if any
    /// The request may have reached the helpdesk and been applied (a POST that timed out or got a 5xx): the
    /// caller must look it up (findReply) before trying again.
    bool outcomeUnknown = false;

    static HelpdeskError make(Kind kind, QString message, QString itemId = {});
    /// @brief An error from an HTTP answer that is not 2xx (or status 0), for @p what ("RT: ticket 12").
    static HelpdeskError fromResponse(const HttpResponse &response, const QString &what, bool idempotent = true);

    /// @brief Worth retrying later as is: RateLimited, Server, Network (but see outcomeUnknown).
    bool retryable() const;
    static QString kindName(Kind kind);
    /// @brief "rate limited: …" — the kind and the message.
    QString toString() const;
    /// @brief The same as a project-wide Error (Code::NotFound, Code::Parse, Code::Io, …) for Result<T> callers.
    Error toError() const;
};

/// @brief A value or a HelpdeskError (Result<T> with the helpdesk's error taxonomy).
template <typename T> class [[nodiscard]] HelpdeskResult {
public:
    HelpdeskResult(T value) : m_v(std::move(value)) {}
    HelpdeskResult(HelpdeskError error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    const HelpdeskError &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, HelpdeskError> m_v;
};
using HelpdeskStatus = HelpdeskResult<Ok>;
inline HelpdeskStatus helpdeskOk()
{
    return Ok{};
}

/// @brief An error about one item of a page: the rest of the page is fine.
struct ItemError {
    QString itemId; ///< the helpdesk's id ("12")
    HelpdeskError error;
};

// ---------------------------------------------------------------------------------------------------------------
// What the calls return

/// @brief Where an incremental pull stands; only the connector that made it reads @c value. Empty = from the start.
struct HelpdeskCursor {
    QString value;
    bool isEmpty() const { return value.isEmpty(); }
    bool operator==(const HelpdeskCursor &) const = default;
};

/// @brief One message of a helpdesk ticket with what the domain Message does not carry.
struct HelpdeskMessage {
    QString externalId;     ///< the helpdesk's id (RT: transaction id)
    bool internal = false;  ///< an internal note (RT: comment), not seen by the customer
    QString authorName;     ///< display name, if known
    QString authorEmail;    ///< if known
    QString idempotencyKey; ///< the marker Understudy left on it when it posted it, empty otherwise
    Message message;        ///< author "customer"/"agent", body as plain text (HTML converted), time
};

/// @brief A ticket as pulled from a helpdesk.
struct HelpdeskTicket {
    QString externalId; ///< the helpdesk's id ("12")
    /// The domain ticket: id "<prefix><externalId>" (HelpdeskConfig::idPrefix), subject, customer (requester: id,
    /// name, email, tier where the helpdesk has one), *public* messages in order, status mapped to
    /// open/pending/resolved/closed, language (the helpdesk's, else detected from the text, else empty).
    Ticket ticket;
    QList<HelpdeskMessage> messages; ///< every message, notes included, in order, with their helpdesk metadata
    QStringList tags;
    QString organisation;   ///< the requester's organisation, empty when the helpdesk has none
    QString helpdeskStatus; ///< the status as the helpdesk names it ("stalled")
    QDateTime updatedAt;    ///< the helpdesk's last-updated time
    bool deleted = false;   ///< the helpdesk deleted it (only some helpdesks report this; else an ItemError)
};

/// @brief A page of an incremental ticket pull.
struct TicketPage {
    QList<HelpdeskTicket> tickets;
    QList<ItemError> itemErrors; ///< items in this page that could not be read (counted as passed by @c next)
    HelpdeskCursor next;         ///< resume here; store it with the page, in one transaction
    bool more = false;           ///< another page is ready now (pull again at once); false: caught up
};

/// @brief A knowledge-base article as pulled from a helpdesk.
struct HelpdeskArticle {
    QString externalId;
    Article article; ///< language = the article's locale (ISO 639-1), empty when the helpdesk has none
    QString locale;  ///< the helpdesk's own locale code ("en-us"), empty when none
    bool deleted = false;
};

struct ArticlePage {
    QList<HelpdeskArticle> articles;
    QList<ItemError> itemErrors;
    HelpdeskCursor next;
    bool more = false;
};

/// @brief A reply (or internal note) to deliver.
struct OutgoingReply {
    QString ticketExternalId;
    QString body;          ///< plain text
    bool internal = false; ///< an internal note instead of a public reply
    QString
        idempotencyKey;  ///< unique per reply (the outbox's key); the connector stores it where the helpdesk keeps it
    QDateTime createdAt; ///< when the agent sent it (the time window of the text match is around it)
    QString authorName;  ///< the agent, where the helpdesk can post on their behalf; else the integration's user
    QString statusAfter; ///< optional domain status to set with the reply ("resolved", "pending"), empty: leave it
};

/// @brief A reply that is in the helpdesk (just posted, or found there).
struct PostedReply {
    QString externalId; ///< the helpdesk's id of the message (RT: transaction id)
    QDateTime at;
    bool alreadyThere = false;  ///< found by findReply, not posted by this call
    bool matchedByText = false; ///< found by author + text + time window, not by the marker
    QString warning; ///< posted, but something the helpdesk said is worth logging (e.g. the marker was not kept)
};

/// @brief Where an escalation hands a ticket over: an escalation rule's optional handoff.group / handoff.priority.
struct HelpdeskHandoff {
    QString group; ///< Zendesk/Freshdesk: a group's name (or numeric id); RT: a queue's name. Empty: left as it is
    /// "low", "normal", "high" or "urgent" (RT: also a number, RT's own priority); empty: left as it is
    QString priority;
    bool isEmpty() const { return group.isEmpty() && priority.isEmpty(); }
};

/// @brief How findReply matches when the marker is gone.
struct ReplyLookup {
    QString ticketExternalId;
    QString idempotencyKey;
    QString body;     ///< exact text (compared after trimming and normalising line ends); empty: marker only
    QString author;   ///< helpdesk user name/email that posted; empty: the integration's user
    QDateTime around; ///< the reply's createdAt
    int windowSeconds = 3600;
    bool internal = false;

    /// @brief The lookup of @p reply: its ticket, key, text, time and visibility.
    static ReplyLookup of(const OutgoingReply &reply)
    {
        ReplyLookup lookup;
        lookup.ticketExternalId = reply.ticketExternalId;
        lookup.idempotencyKey = reply.idempotencyKey;
        lookup.body = reply.body;
        lookup.around = reply.createdAt;
        lookup.internal = reply.internal;
        return lookup;
    }
    /// @brief @p at lies within windowSeconds of @c around (always, when @c around is not set).
    bool inWindow(const QDateTime &at) const
    {
        return !around.isValid() || std::abs(around.secsTo(at)) <= qint64(windowSeconds);
    }
};

/// @brief An integration's settings. The secret is held only in memory here; never log or serialise it.
struct HelpdeskConfig {
    QString kind;     ///< "rt", "zendesk", "freshdesk"
    QString baseUrl;  ///< "https://rt.example.com" (RtConnector adds /REST/2.0)
    QString user;     ///< RT: user name (basic auth) or empty with a token; Zendesk: agent email; Freshdesk: unused
    QString secret;   ///< RT: password or auth token; Zendesk: API token; Freshdesk: API key
    QString idPrefix; ///< prefix of domain ticket ids ("rt-"); default "<kind>-"
    QString tagsField = QStringLiteral("Understudy Tags"); ///< RT: the ticket custom field that holds tags
    QString queue; ///< RT: limit pulls to this queue (empty: all the user can see)
    /// RT: the transaction custom field that keeps a reply's idempotency key (invisible to the customer). Empty:
    /// replies carry no marker and findReply() matches by author + exact text + time window only.
    QString markerField = QStringLiteral("Understudy Key");
    /// RT: the IANA time zone RT reads TicketSQL dates in for this user (the user's Timezone, else RT's $Timezone);
    /// empty: UTC.
    QString timezone;
};

// ---------------------------------------------------------------------------------------------------------------
// Calls and the connector

/// @brief One connector call as a state machine: nextRequest() → send → handleResponse() → … until nextRequest()
/// returns std::nullopt, then take(). Not thread-safe; one call is driven by one caller.
class HelpdeskCallBase {
public:
    virtual ~HelpdeskCallBase() = default;
    /// @brief The next request to send, or std::nullopt when the call is finished (then take()).
    /// Must not be called again before handleResponse() got the answer to the previous one.
    virtual std::optional<HttpRequest> nextRequest() = 0;
    /// @brief The answer to the request nextRequest() returned last (after the executor's retries, so it may be an
    /// error answer). An error returned here ends the call; errors of single items are kept in the result instead.
    virtual HelpdeskStatus handleResponse(const HttpResponse &response) = 0;
    /// @brief Called once after nextRequest() returned std::nullopt, before take(): the call's outcome when it ends
    /// in an error no response carried (Unsupported without a request, a single item that could not be read).
    /// Default: success.
    virtual HelpdeskStatus finished() { return helpdeskOk(); }
    /// @brief Requests made so far (for logs and tests).
    int requestsMade() const { return m_requests; }

protected:
    int m_requests = 0;
};

template <typename T> class HelpdeskCall : public HelpdeskCallBase {
public:
    /// @brief The result, once nextRequest() returned std::nullopt. Call once.
    virtual T take() = 0;
};

template <typename T> using HelpdeskCallPtr = std::unique_ptr<HelpdeskCall<T>>;

/// @brief A helpdesk's API as request builders and response parsers. Stateless apart from its config: every call
/// carries its own state, so one connector may serve several calls at once.
class HelpdeskConnector {
public:
    explicit HelpdeskConnector(HelpdeskConfig config) : m_config(std::move(config)) {}
    virtual ~HelpdeskConnector() = default;
    HelpdeskConnector(const HelpdeskConnector &) = delete;
    HelpdeskConnector &operator=(const HelpdeskConnector &) = delete;

    const HelpdeskConfig &config() const { return m_config; }
    /// @brief "rt", "zendesk", "freshdesk".
    virtual QString kind() const = 0;
    /// @brief Human name for messages ("Request Tracker").
    virtual QString displayName() const = 0;

    /// @brief Checks the base URL and the credentials with one cheap request.
    virtual HelpdeskCallPtr<Ok> checkAccess() = 0;
    /// @brief Tickets changed since @p since (empty: all), oldest change first, at most about @p pageSize tickets,
    /// each with its messages, requester, organisation/tier, language, status and tags.
    virtual HelpdeskCallPtr<TicketPage> pullTickets(const HelpdeskCursor &since, int pageSize) = 0;
    /// @brief One ticket by its helpdesk id (NotFound when deleted or gone).
    virtual HelpdeskCallPtr<HelpdeskTicket> fetchTicket(const QString &externalId) = 0;
    /// @brief Knowledge-base articles changed since @p since, with locale where the helpdesk has one.
    /// A helpdesk without a knowledge base (or without locales) says so in its implementation's doc comment;
    /// without a knowledge base the call fails with Kind::Unsupported.
    virtual HelpdeskCallPtr<ArticlePage> pullArticles(const HelpdeskCursor &since, int pageSize) = 0;
    /// @brief Posts a public reply or an internal note carrying its idempotency key. With @p lookupFirst the call
    /// first runs findReply() and, when the reply is already there, returns it (alreadyThere) without posting.
    virtual HelpdeskCallPtr<PostedReply> postReply(const OutgoingReply &reply, bool lookupFirst = true) = 0;
    /// @brief Finds an already-posted reply by its key, else by author + exact text + time window. nullopt: not there.
    virtual HelpdeskCallPtr<std::optional<PostedReply>> findReply(const ReplyLookup &lookup) = 0;
    /// @brief Sets the ticket's status; @p status is a domain status (open/pending/resolved/closed) the connector maps.
    virtual HelpdeskCallPtr<Ok> setStatus(const QString &ticketExternalId, const QString &status) = 0;
    /// @brief Adds tags (keeps the ones already there).
    virtual HelpdeskCallPtr<Ok> addTags(const QString &ticketExternalId, const QStringList &tags) = 0;
    /// @brief Hands the ticket over as an escalation rule says: moves it to the group (RT: queue) and sets the
    /// priority, each only when given. A group the helpdesk does not have, or a priority it does not know, is Rejected
    /// with a message naming it.
    virtual HelpdeskCallPtr<Ok> setHandoff(const QString &ticketExternalId, const HelpdeskHandoff &handoff) = 0;

protected:
    HelpdeskConfig m_config;
};

/// @brief Declares, inside a connector's class, its kind (@p kindId, "rt") and name (@p name, "Request Tracker") and
/// its overrides of every call of HelpdeskConnector (each connector implements them all; its doc comment says how it
/// maps them onto its helpdesk's API).
#define UNDERSTUDY_HELPDESK_CONNECTOR(kindId, name)                                                                    \
    QString kind() const override                                                                                      \
    {                                                                                                                  \
        return QStringLiteral(kindId);                                                                                 \
    }                                                                                                                  \
    QString displayName() const override                                                                               \
    {                                                                                                                  \
        return QStringLiteral(name);                                                                                   \
    }                                                                                                                  \
    HelpdeskCallPtr<Ok> checkAccess() override;                                                                        \
    HelpdeskCallPtr<TicketPage> pullTickets(const HelpdeskCursor &since, int pageSize) override;                       \
    HelpdeskCallPtr<HelpdeskTicket> fetchTicket(const QString &externalId) override;                                   \
    HelpdeskCallPtr<ArticlePage> pullArticles(const HelpdeskCursor &since, int pageSize) override;                     \
    HelpdeskCallPtr<PostedReply> postReply(const OutgoingReply &reply, bool lookupFirst = true) override;              \
    HelpdeskCallPtr<std::optional<PostedReply>> findReply(const ReplyLookup &lookup) override;                         \
    HelpdeskCallPtr<Ok> setStatus(const QString &ticketExternalId, const QString &status) override;                    \
    HelpdeskCallPtr<Ok> addTags(const QString &ticketExternalId, const QStringList &tags) override;                    \
    HelpdeskCallPtr<Ok> setHandoff(const QString &ticketExternalId, const HelpdeskHandoff &handoff) override;

/// @brief The connector for @p config.kind ("rt"; others once they exist), or a Config error naming the kinds known.
HelpdeskResult<std::unique_ptr<HelpdeskConnector>> makeHelpdeskConnector(const HelpdeskConfig &config);

/// @brief Runs @p call against canned answers, in order (unit tests): each nextRequest() gets the next response.
/// Fails with a Config error when the call wants more requests than there are responses.
/// @p sent, when given, receives the requests the call made.
template <typename T>
HelpdeskResult<T> runWithResponses(HelpdeskCall<T> &call, const QList<HttpResponse> &responses,
                                   QList<HttpRequest> *sent = nullptr)
{
    qsizetype i = 0;
    while (auto req = call.nextRequest()) {
        if (sent)
            sent->append(*req);
        if (i >= responses.size())
            return HelpdeskError::make(HelpdeskError::Kind::Config,
                                       QStringLiteral("no canned response for %1").arg(req->describe()));
        if (auto st = call.handleResponse(responses.at(i++)); !st)
            return st.error();
    }
    if (auto st = call.finished(); !st)
        return st.error();
    return call.take();
}

/// @brief An HTTP-date ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 9110 IMF-fixdate; also a numeric zone) in UTC, or an
/// invalid QDateTime.
QDateTime parseHttpDate(const QByteArray &value);

/// @brief The idempotency marker line as connectors write it into a message body: "[understudy:KEY]".
QString idempotencyMarker(const QString &key);
/// @brief The key of the last marker line in @p body, or empty.
QString findIdempotencyMarker(const QString &body);
/// @brief @p body without a trailing marker line (and the blank line before it).
QString stripIdempotencyMarker(const QString &body);
/// @brief Text compared for "exact text" lookups: line ends normalised, trailing whitespace per line and at the end
/// dropped, the marker line removed.
QString normalisedReplyText(const QString &body);

} // namespace understudy::connectors

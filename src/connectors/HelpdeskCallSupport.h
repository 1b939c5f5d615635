// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Helpdesk.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

/// @brief Building blocks for REST connectors (Zendesk, Freshdesk): a call made of queued request steps, and JSON
/// answers read with errors that say what and where.
namespace understudy::connectors::detail {

/// @brief A HelpdeskCall whose requests are queued steps: each step is a request and the function that reads its
/// answer. A handler may queue more steps — next() to run before anything already queued (the next page of the
/// same list), then() after everything queued — or end the call by returning an error. The result is built in
/// a shared state the handlers hold, and taken with take().
template <typename T> class StepCall : public HelpdeskCall<T> {
public:
    using Handler = std::function<HelpdeskStatus(const HttpResponse &)>;

    explicit StepCall(T initial = T()) : m_result(std::make_shared<T>(std::move(initial))) {}

    /// @brief The result the handlers fill.
    std::shared_ptr<T> result() const { return m_result; }
    void then(HttpRequest request, Handler handler) { m_steps.push_back({std::move(request), std::move(handler)}); }
    void next(HttpRequest request, Handler handler) { m_steps.push_front({std::move(request), std::move(handler)}); }

    std::optional<HttpRequest> nextRequest() override
    {
        if (m_steps.empty())
            return std::nullopt;
        ++this->m_requests;
        return m_steps.front().request;
    }
    HelpdeskStatus handleResponse(const HttpResponse &response) override
    {
        Step step = std::move(m_steps.front());
        m_steps.pop_front();
        return step.handle(response);
    }
    /// @brief Ends the call with @p error once the queued steps are done (at once when none are queued).
    void fail(HelpdeskError error) { m_failure = std::move(error); }
    HelpdeskStatus finished() override
    {
        if (m_failure)
            return *m_failure;
        return helpdeskOk();
    }
    T take() override { return std::move(*m_result); }

private:
    struct Step {
        HttpRequest request;
        Handler handle;
    };
    std::deque<Step> m_steps;
    std::shared_ptr<T> m_result;
    std::optional<HelpdeskError> m_failure;
};

/// @brief What every request of a REST connector's call carries: the id prefix of its tickets, the base URL, the
/// Authorization header and, when not empty, an Accept header.
struct RestContext {
    QString prefix;
    QString baseUrl;
    QByteArray authorization;
    QByteArray accept;

    HttpRequest request(QByteArray method, QString pathAndQuery, QString purpose) const
    {
        HttpRequest r;
        r.method = std::move(method);
        r.pathAndQuery = std::move(pathAndQuery);
        r.purpose = std::move(purpose);
        r.headers.append(std::pair<QByteArray, QByteArray>("Authorization", authorization));
        if (!accept.isEmpty())
            r.headers.append(std::pair<QByteArray, QByteArray>("Accept", accept));
        return r;
    }
    /// @brief A request with @p body as compact JSON.
    HttpRequest json(QByteArray method, QString pathAndQuery, QString purpose, const QJsonObject &body) const
    {
        HttpRequest r = request(std::move(method), std::move(pathAndQuery), std::move(purpose));
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return r;
    }
};

/// @brief A call that reads one page (TicketPage, ArticlePage): its result starts with the cursor at @p since, where
/// the page leaves it when it reads nothing.
template <typename Page> std::unique_ptr<StepCall<Page>> pageCall(const HelpdeskCursor &since)
{
    Page start;
    start.next = since;
    return std::make_unique<StepCall<Page>>(std::move(start));
}

/// @brief A call that cannot start (a cursor of another connector, a value the helpdesk does not have): no request,
/// @p error at the end.
template <typename T> HelpdeskCallPtr<T> failingCall(HelpdeskError error)
{
    auto call = std::make_unique<StepCall<T>>();
    call->fail(std::move(error));
    return call;
}

/// @brief The Config error of a cursor @p value that is not one of @p helpdesk's connector.
inline HelpdeskError badCursor(const QString &helpdesk, const QString &value)
{
    return HelpdeskError::make(
        HelpdeskError::Kind::Config,
        QStringLiteral("%1: \"%2\" is not a cursor of this connector").arg(helpdesk, value.left(60)));
}

/// @brief An error of one item (a ticket or an article) that the whole call must stop for: auth, rate limit or
/// server trouble that outlasted the executor's retries (the cursor must not pass the item then).
inline bool stopsTheCall(const HelpdeskError &e)
{
    return e.retryable() || e.kind == HelpdeskError::Kind::Auth;
}

/// @brief @p value percent-encoded for a path segment or a query value.
inline QString percentEncoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

/// @brief The end of a ticket's reading in a page: the ticket joins @p page, or its error the page's item errors.
inline std::function<HelpdeskStatus(HelpdeskResult<HelpdeskTicket>)> intoPage(std::shared_ptr<TicketPage> page)
{
    return [page = std::move(page)](HelpdeskResult<HelpdeskTicket> t) -> HelpdeskStatus {
        if (t)
            page->tickets << std::move(t).value();
        else
            page->itemErrors << ItemError{t.error().itemId, t.error()};
        return helpdeskOk();
    };
}

/// @brief The end of a single ticket's reading: the ticket becomes @p result, or its error the call's.
inline std::function<HelpdeskStatus(HelpdeskResult<HelpdeskTicket>)> intoResult(std::shared_ptr<HelpdeskTicket> result)
{
    return [result = std::move(result)](HelpdeskResult<HelpdeskTicket> t) -> HelpdeskStatus {
        if (!t)
            return t.error();
        *result = std::move(t).value();
        return helpdeskOk();
    };
}

/// @brief A reply the helpdesk holds.
inline PostedReply postedReply(QString externalId, QDateTime at, bool alreadyThere, bool matchedByText)
{
    PostedReply p;
    p.externalId = std::move(externalId);
    p.at = std::move(at);
    p.alreadyThere = alreadyThere;
    p.matchedByText = matchedByText;
    return p;
}

/// @brief 2xx.
inline bool isSuccess(const HttpResponse &r)
{
    return r.status >= 200 && r.status < 300;
}

/// @brief The error of a failed answer (@p r, not 2xx) about one item, for @p what; @p idempotent as
/// HelpdeskError::fromResponse takes it (false for a post, which must not simply be sent again).
inline HelpdeskError itemError(const HttpResponse &r, const QString &what, const QString &itemId,
                               bool idempotent = true)
{
    HelpdeskError e = HelpdeskError::fromResponse(r, what, idempotent);
    e.itemId = itemId;
    return e;
}

/// @brief The error of one item, @p id, of @p kind.
inline HelpdeskError itemError(HelpdeskError::Kind kind, const QString &message, const QString &id)
{
    return HelpdeskError::make(kind, message, id);
}

/// @brief The lookup of a posted reply over a ticket's history (Zendesk audits, Freshdesk conversations), message by
/// message: the one carrying the lookup's key wins; else the first by the integration's user with the lookup's
/// visibility, its exact text and within its time window.
struct ReplySearch {
    /// @brief One message of the history as the search compares it.
    struct Candidate {
        QString id;
        QDateTime at;
        bool keyed = false; ///< it carries the lookup's idempotency key
        QString authorId;
        bool internal = false;
        QString text; ///< normalised the way @c wanted is
    };

    QString agentId; ///< the integration's user
    QString wanted;  ///< the lookup's body, normalised; empty: by key only
    std::optional<PostedReply> byMarker;
    std::optional<PostedReply> byText;

    void consider(const ReplyLookup &lookup, const Candidate &c)
    {
        if (c.keyed) {
            if (!byMarker)
                byMarker = postedReply(c.id, c.at, true, false);
            return;
        }
        if (wanted.isEmpty() || byText)
            return;
        if (c.authorId == agentId && c.internal == lookup.internal && lookup.inWindow(c.at) && c.text == wanted)
            byText = postedReply(c.id, c.at, true, true);
    }
    std::optional<PostedReply> found() const { return byMarker ? byMarker : byText; }
};

/// @brief "Basic base64(user:password)".
QByteArray basicAuthorization(const QString &user, const QString &password);

/// @brief Reads a JSON answer: an object (or, with @p array, an array); a Malformed error naming @p what otherwise —
/// an HTML page (a login or proxy page) and a cut or invalid body are told apart.
HelpdeskResult<QJsonDocument> readJson(const HttpResponse &response, const QString &what, bool array = false);

/// @brief Plain text as a small HTML fragment: escaped, blank lines → paragraphs, line breaks → <br>.
QString plainTextToHtml(const QString &text);

/// @brief The ISO-8601 time of a JSON string value (UTC), invalid when absent or not a time.
QDateTime jsonTime(const QJsonValue &value);

/// @brief A JSON id (exact integer or string) as a string; empty when absent or of another type.
QString jsonId(const QJsonValue &value);

/// @brief The path and query of an absolute URL the helpdesk gave (a next-page link), for a request relative to the
/// base URL; empty when @p url is not under @p baseUrl's host.
QString relativeLink(const QString &url, const QString &baseUrl);

/// @brief The URL of a Link header's rel="next" entry (RFC 8288), or empty.
QString nextLink(const HttpResponse &response);

/// @brief The JSON of a 2xx answer about item @p id; the HTTP error (for the item) otherwise.
inline HelpdeskResult<QJsonDocument> readItemJson(const HttpResponse &r, const QString &what, const QString &id)
{
    if (!isSuccess(r))
        return itemError(r, what, id);
    return readJson(r, what);
}

/// @brief A hand-off's group given as the helpdesk's id (a number) or not at all, so no look-up by name is needed.
inline bool groupNeedsNoLookup(const QString &group)
{
    bool numeric = false;
    group.toLongLong(&numeric);
    return group.isEmpty() || numeric;
}

/// @brief An answer that carries nothing to read: success, else the HTTP error for @p what about item @p id.
inline HelpdeskStatus plainAnswer(const HttpResponse &r, const QString &what, const QString &id)
{
    if (isSuccess(r))
        return helpdeskOk();
    return itemError(r, what, id);
}

/// @brief A list answer: a 2xx JSON object holding the array @p key; the HTTP error, or a Malformed one naming
/// @p what, otherwise.
inline HelpdeskResult<QJsonObject> readListAnswer(const HttpResponse &r, const QString &what, const QString &key)
{
    if (!isSuccess(r))
        return HelpdeskError::fromResponse(r, what);
    auto doc = readJson(r, what);
    if (!doc)
        return doc.error();
    QJsonObject o = doc->object();
    if (!o.value(key).isArray())
        return HelpdeskError::make(HelpdeskError::Kind::Malformed, what + QStringLiteral(": no \"%1\" array").arg(key));
    return o;
}

} // namespace understudy::connectors::detail

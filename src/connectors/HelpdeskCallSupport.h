// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Helpdesk.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

/// @brief The error of a failed answer (@p r, not 2xx) about one item, for @p what.
inline HelpdeskError itemError(const HttpResponse &r, const QString &what, const QString &itemId)
{
    HelpdeskError e = HelpdeskError::fromResponse(r, what);
    e.itemId = itemId;
    return e;
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

} // namespace understudy::connectors::detail

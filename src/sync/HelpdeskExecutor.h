// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Backoff.h"

#include <Helpdesk.h>

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace understudy::sync {

/// @brief How HelpdeskExecutor retries (outside the class so it can be a default argument).
struct HelpdeskExecutorOptions {
    int maxAttempts = 5;          ///< per request, first attempt included
    int requestTimeoutMs = 30000; ///< no answer within this: a network error (retried if idempotent)
    int backoffBaseMs = 500;
    int backoffCapMs = 30000;
    int maxWaitSeconds = 120; ///< longest Retry-After waited out in place
    Backoff::Random random;   ///< jitter source (tests); default: QRandomGenerator
};

/// @brief What to do after a delivery to a helpdesk failed: give up (@c permanent) or try again after @c waitSeconds.
struct DeliveryRetry {
    bool permanent = false;
    qint64 waitSeconds = 0;
};

/// @brief The delivery outboxes' rule (the server's HelpdeskWorker and `understudyctl helpdesk push`): an error that
/// may pass (rate limit, server error, network, or an outcome unknown, which the next try looks up before posting)
/// is retried after @p baseSeconds doubled per earlier attempt, at most @p capSeconds and at least the helpdesk's
/// Retry-After; any other error (auth, not found, rejected, …) and the @p maxAttempts th failure end it for good.
/// @p attemptsBefore: failed tries before this one.
DeliveryRetry deliveryRetry(const connectors::HelpdeskError &error, int attemptsBefore, int baseSeconds, int capSeconds,
                            int maxAttempts);

/// @brief Runs a connector call (connectors::HelpdeskCall, sans-IO) over HTTP: sends each request the call asks for
/// to the integration's base URL with QNetworkAccessManager, retries transient failures, and hands every final
/// answer to the call. Used by the server's poller and delivery, and by understudyctl without a server.
///
/// Retries: an idempotent request (HttpRequest::idempotent) is retried on 429, 5xx and network errors; a
/// non-idempotent one (posting a reply) only when the helpdesk certainly did not take it (429, 503 with
/// Retry-After, connection refused) — otherwise the call gets the answer and fails with outcomeUnknown, and the
/// caller reruns it with lookupFirst. A non-idempotent request's body can be read once only, so Qt's own resend after
/// a connection closed before any answer byte cannot happen below the executor (it ends as a network error). The wait
/// is the answer's Retry-After when it gives one (seconds or an HTTP-date), else exponential backoff with jitter
/// (Backoff). A Retry-After longer than Options::maxWaitSeconds is not waited out: the call fails with RateLimited and
/// the wait, for the caller to schedule.
///
/// Never logs a header value or a body; log lines name the request's method, path and purpose only.
class HelpdeskExecutor : public QObject {
    Q_OBJECT
public:
    using Options = HelpdeskExecutorOptions;
    /// @brief What the executor did, for logs, tests and benchmarks.
    struct Stats {
        int requests = 0; ///< HTTP requests sent, retries included
        int retries = 0;
        qint64 waitedMs = 0; ///< time spent waiting before retries
    };
    using Done = std::function<void(connectors::HelpdeskStatus)>;

    /// @brief @p baseUrl: the helpdesk's base URL (requests' pathAndQuery are appended). @p nam: shared access
    /// manager, or null for one of its own.
    explicit HelpdeskExecutor(QUrl baseUrl, Options options = {}, QNetworkAccessManager *nam = nullptr,
                              QObject *parent = nullptr);
    ~HelpdeskExecutor() override;

    /// @brief Runs @p call to its end asynchronously; @p done gets the call's outcome (take() the value after a
    /// success). If the executor is destroyed first, @p done is not called.
    void run(std::shared_ptr<connectors::HelpdeskCallBase> call, Done done);

    /// @brief Runs @p call and waits for it in a local event loop. For the CLI, the server's worker and tests —
    /// never on a GUI thread.
    template <typename T> connectors::HelpdeskResult<T> runBlocking(std::shared_ptr<connectors::HelpdeskCall<T>> call)
    {
        const connectors::HelpdeskStatus st = runAndWait(call);
        if (!st)
            return st.error();
        return call->take();
    }
    template <typename T> connectors::HelpdeskResult<T> runBlocking(connectors::HelpdeskCallPtr<T> call)
    {
        return runBlocking(std::shared_ptr<connectors::HelpdeskCall<T>>(std::move(call)));
    }

    const Stats &stats() const { return m_stats; }
    const QUrl &baseUrl() const { return m_baseUrl; }
    /// @brief The full URL a request goes to.
    QUrl urlFor(const connectors::HttpRequest &request) const;

private:
    struct Run;
    connectors::HelpdeskStatus runAndWait(std::shared_ptr<connectors::HelpdeskCallBase> call);
    void step(const std::shared_ptr<Run> &run);
    void send(const std::shared_ptr<Run> &run);
    void answered(const std::shared_ptr<Run> &run, QNetworkReply *reply);
    bool shouldRetry(const Run &run, const connectors::HttpResponse &response) const;

    QUrl m_baseUrl;
    Options m_options;
    QNetworkAccessManager *m_nam;
    Stats m_stats;
};

} // namespace understudy::sync

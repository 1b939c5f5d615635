// SPDX-License-Identifier: GPL-3.0-or-later
#include "HelpdeskExecutor.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;
using namespace understudy::connectors;

namespace understudy::sync {

Q_LOGGING_CATEGORY(lcHelpdesk, "understudy.sync.helpdesk", QtInfoMsg)

namespace {

/// @brief A request body that can be read once only. QNetworkAccessManager resends a request by itself when its
/// connection closes before any answer byte (Qt 6.4's QHttpNetworkConnectionChannel takes that for a stale
/// keep-alive connection, whatever the method); for that it resets the upload device. Handed an unbuffered
/// sequential device (QNetworkRequest::DoNotBufferUploadDataAttribute), the reset fails and the reply ends with
/// ContentReSendError instead: a non-idempotent request goes out at most once per attempt, and the executor decides.
class OneShotBody : public QIODevice {
public:
    OneShotBody(QByteArray data, QObject *parent) : QIODevice(parent), m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_pos >= m_data.size() && QIODevice::bytesAvailable() == 0; }
    bool reset() override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min(maxSize, qint64(m_data.size()) - m_pos);
        std::memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

} // namespace

DeliveryRetry deliveryRetry(const HelpdeskError &e, int attemptsBefore, int baseSeconds, int capSeconds,
                            int maxAttempts)
{
    DeliveryRetry r;
    const bool temporary = e.retryable() || e.outcomeUnknown;
    r.permanent = !temporary || attemptsBefore + 1 >= maxAttempts;
    r.waitSeconds = std::min<qint64>(qint64(baseSeconds) << std::clamp(attemptsBefore, 0, 20), capSeconds);
    if (e.retryAfterSeconds > 0)
        r.waitSeconds = std::max<qint64>(r.waitSeconds, e.retryAfterSeconds);
    return r;
}

struct HelpdeskExecutor::Run {
    std::shared_ptr<HelpdeskCallBase> call;
    Done done;
    HttpRequest request;
    int attempt = 0;
    Backoff backoff;
};

HelpdeskExecutor::HelpdeskExecutor(QUrl baseUrl, Options options, QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent), m_baseUrl(std::move(baseUrl)), m_options(std::move(options)),
      m_nam(nam ? nam : new QNetworkAccessManager(this))
{
}

HelpdeskExecutor::~HelpdeskExecutor() = default;

QUrl HelpdeskExecutor::urlFor(const HttpRequest &request) const
{
    QByteArray base = m_baseUrl.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (base.endsWith('/'))
        base.chop(1);
    QByteArray path = request.pathAndQuery.toUtf8();
    if (!path.startsWith('/'))
        path.prepend('/');
    return QUrl::fromEncoded(base + path, QUrl::TolerantMode);
}

void HelpdeskExecutor::run(std::shared_ptr<HelpdeskCallBase> call, Done done)
{
    auto r = std::make_shared<Run>(Run{std::move(call),
                                       std::move(done),
                                       {},
                                       0,
                                       Backoff(m_options.backoffBaseMs, m_options.backoffCapMs, m_options.random)});
    step(r);
}

void HelpdeskExecutor::step(const std::shared_ptr<Run> &r)
{
    std::optional<HttpRequest> next = r->call->nextRequest();
    if (!next) {
        Done done = std::move(r->done);
        done(r->call->finished());
        return;
    }
    r->request = std::move(*next);
    r->attempt = 0;
    r->backoff.reset();
    send(r);
}

void HelpdeskExecutor::send(const std::shared_ptr<Run> &r)
{
    ++r->attempt;
    ++m_stats.requests;
    const HttpRequest &req = r->request;
    QNetworkRequest nr(urlFor(req));
    nr.setTransferTimeout(m_options.requestTimeoutMs);
    // Redirects are not followed: an API that redirects is sending us to a login page (RT does so for browser user
    // agents) or the base URL is wrong, and the Authorization header must not follow to another place.
    nr.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    nr.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Understudy helpdesk connector"));
    // No cookies either way: a helpdesk's session cookie would authenticate the next request in place of (or
    // despite) the integration's own credentials, and one access manager may serve several integrations.
    nr.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    nr.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    for (const auto &[k, v] : req.headers)
        nr.setRawHeader(k, v);
    nr.setRawHeader("Accept", "application/json");
    if (!req.body.isEmpty())
        nr.setHeader(QNetworkRequest::ContentTypeHeader, req.contentType);
    qCDebug(lcHelpdesk) << "->" << req.describe() << "attempt" << r->attempt;
    QNetworkReply *reply = nullptr;
    if (req.idempotent) {
        reply = m_nam->sendCustomRequest(nr, req.method, req.body);
    } else {
        nr.setHeader(QNetworkRequest::ContentLengthHeader, req.body.size());
        nr.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto *body = new OneShotBody(req.body, this);
        reply = m_nam->sendCustomRequest(nr, req.method, body);
        body->setParent(reply);
    }
    connect(reply, &QNetworkReply::finished, this, [this, r, reply] { answered(r, reply); });
}

bool HelpdeskExecutor::shouldRetry(const Run &r, const HttpResponse &resp) const
{
    if (r.attempt >= m_options.maxAttempts)
        return false;
    const bool idem = r.request.idempotent;
    if (resp.status == 0)
        return idem || resp.connectionRefused;
    if (resp.status == 429)
        return true;
    if (resp.status >= 500)
        return idem || (resp.status == 503 && resp.retryAfterSeconds().has_value());
    return false;
}

void HelpdeskExecutor::answered(const std::shared_ptr<Run> &r, QNetworkReply *reply)
{
    reply->deleteLater();
    HttpResponse resp;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    resp.status = status.isValid() ? status.toInt() : 0;
    if (resp.status == 0) {
        resp.networkError = reply->error() == QNetworkReply::ContentReSendError
                                ? u"connection closed before any answer (not resent: the helpdesk may have taken it)"_s
                                : reply->errorString();
        resp.connectionRefused = reply->error() == QNetworkReply::ConnectionRefusedError;
    }
    for (const auto &[k, v] : reply->rawHeaderPairs())
        resp.headers.append({k, v});
    resp.body = reply->readAll();

    if (resp.status != 0 && resp.status < 400) {
        qCDebug(lcHelpdesk) << "<-" << resp.status << r->request.describe();
    } else if (shouldRetry(*r, resp)) {
        const std::optional<int> retryAfter = resp.retryAfterSeconds();
        if (retryAfter && *retryAfter > m_options.maxWaitSeconds) {
            qCInfo(lcHelpdesk) << "helpdesk asks to wait" << *retryAfter << "s for" << r->request.describe()
                               << "; giving up this run";
        } else {
            const int waitMs = retryAfter ? *retryAfter * 1000 : r->backoff.nextDelayMs();
            ++m_stats.retries;
            m_stats.waitedMs += waitMs;
            qCInfo(lcHelpdesk) << "retrying" << r->request.describe() << "in" << waitMs << "ms after"
                               << (resp.status ? QString::number(resp.status) : resp.networkError);
            QTimer::singleShot(waitMs, this, [this, r] { send(r); });
            return;
        }
    } else {
        qCInfo(lcHelpdesk) << "<-" << (resp.status ? QString::number(resp.status) : resp.networkError)
                           << r->request.describe();
    }

    const HelpdeskStatus st = r->call->handleResponse(resp);
    if (!st) {
        Done done = std::move(r->done);
        done(st);
        return;
    }
    step(r);
}

HelpdeskStatus HelpdeskExecutor::runAndWait(std::shared_ptr<HelpdeskCallBase> call)
{
    QEventLoop loop;
    std::optional<HelpdeskStatus> out;
    run(std::move(call), [&](HelpdeskStatus st) {
        out = std::move(st);
        loop.quit();
    });
    if (!out)
        loop.exec();
    return *out;
}

} // namespace understudy::sync

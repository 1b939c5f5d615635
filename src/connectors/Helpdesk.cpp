// SPDX-License-Identifier: GPL-3.0-or-later
#include "Helpdesk.h"

#include "FreshdeskConnector.h"
#include "RtConnector.h"
#include "ZendeskConnector.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

bool HttpRequest::isSensitiveHeader(const QByteArray &name)
{
    const QByteArray n = name.toLower();
    return n == "authorization" || n == "proxy-authorization" || n == "cookie" || n == "x-api-key";
}

QString HttpRequest::describe() const
{
    // The query can be long (TicketSQL); a log line keeps its start.
    QString path = pathAndQuery;
    if (path.size() > 160)
        path = path.left(157) + u"..."_s;
    if (purpose.isEmpty())
        return u"%1 %2"_s.arg(QString::fromLatin1(method), path);
    return u"%1 %2 (%3)"_s.arg(QString::fromLatin1(method), path, purpose);
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

std::optional<int> HttpResponse::retryAfterSeconds(const QDateTime &now) const
{
    const QByteArray raw = header("Retry-After").trimmed();
    if (raw.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qlonglong secs = raw.toLongLong(&ok);
    if (ok)
        return secs < 0 ? std::nullopt : std::optional<int>(int(std::min<qlonglong>(secs, 24 * 3600)));
    const QDateTime at = parseHttpDate(raw);
    if (!at.isValid())
        return std::nullopt;
    const qint64 d = now.secsTo(at);
    return int(std::clamp<qint64>(d, 0, 24 * 3600));
}

QDateTime parseHttpDate(const QByteArray &value)
{
    const QString v = QString::fromLatin1(value.trimmed());
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT" (Qt::RFC2822Date does not take "GMT").
    QString s = v;
    if (s.endsWith(u" GMT"_s) || s.endsWith(u" UTC"_s))
        s.chop(4);
    QDateTime t = QLocale::c().toDateTime(s, u"ddd, dd MMM yyyy HH:mm:ss"_s);
    if (t.isValid()) {
        t.setTimeZone(QTimeZone::utc());
        return t;
    }
    t = QDateTime::fromString(v, Qt::RFC2822Date);
    return t.isValid() ? t.toUTC() : QDateTime();
}

HelpdeskError HelpdeskError::make(Kind kind, QString message, QString itemId)
{
    HelpdeskError e;
    e.kind = kind;
    e.message = std::move(message);
    e.itemId = std::move(itemId);
    return e;
}

HelpdeskError HelpdeskError::fromResponse(const HttpResponse &r, const QString &what, bool idempotent)
{
    HelpdeskError e;
    e.httpStatus = r.status;
    // A short excerpt of the helpdesk's own words helps ("ContentType is a required field"); bodies can be big.
    QString detail = QString::fromUtf8(r.body.left(300)).simplified();
    if (r.status == 0) {
        e.kind = Kind::Network;
        e.message = u"%1: no answer from the helpdesk (%2)"_s.arg(what, r.networkError.isEmpty() ? u"network error"_s
                                                                                                 : r.networkError);
        e.outcomeUnknown = !idempotent && !r.connectionRefused;
        return e;
    }
    const auto suffix = detail.isEmpty() ? QString() : u": "_s + detail;
    if (r.status == 401 || r.status == 403) {
        e.kind = Kind::Auth;
        e.message = u"%1: the helpdesk refused the credentials (HTTP %2)%3"_s.arg(what).arg(r.status).arg(suffix);
    } else if (r.status == 404 || r.status == 410) {
        e.kind = Kind::NotFound;
        e.message = u"%1: not found (HTTP %2)"_s.arg(what).arg(r.status);
    } else if (r.status == 429) {
        e.kind = Kind::RateLimited;
        e.retryAfterSeconds = r.retryAfterSeconds().value_or(-1);
        e.message = e.retryAfterSeconds >= 0
                        ? u"%1: rate limited by the helpdesk; retry after %2 s"_s.arg(what).arg(e.retryAfterSeconds)
                        : u"%1: rate limited by the helpdesk (no Retry-After)"_s.arg(what);
    } else if (r.status >= 500) {
        e.kind = Kind::Server;
        e.retryAfterSeconds = r.retryAfterSeconds().value_or(-1);
        e.message = u"%1: helpdesk server error (HTTP %2)%3"_s.arg(what).arg(r.status).arg(suffix);
        // 503 with Retry-After is the server saying it did not take the request (overloaded, maintenance).
        e.outcomeUnknown = !idempotent && !(r.status == 503 && e.retryAfterSeconds >= 0);
    } else if (r.status >= 400) {
        e.kind = Kind::Rejected;
        e.message = u"%1: the helpdesk rejected the request (HTTP %2)%3"_s.arg(what).arg(r.status).arg(suffix);
    } else if (r.status >= 300) {
        e.kind = Kind::Config;
        e.message = u"%1: the helpdesk redirected (HTTP %2) to \"%3\": a login page (credentials refused?) or a wrong "
                    "base URL"_s.arg(what)
                        .arg(r.status)
                        .arg(QString::fromUtf8(r.header("Location").left(200)));
    } else {
        e.kind = Kind::Malformed;
        e.message = u"%1: unexpected HTTP status %2"_s.arg(what).arg(r.status);
    }
    return e;
}

bool HelpdeskError::retryable() const
{
    return kind == Kind::RateLimited || kind == Kind::Server || kind == Kind::Network;
}

QString HelpdeskError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Auth:
        return u"authentication failed"_s;
    case Kind::NotFound:
        return u"not found"_s;
    case Kind::RateLimited:
        return u"rate limited"_s;
    case Kind::Server:
        return u"server error"_s;
    case Kind::Network:
        return u"network error"_s;
    case Kind::Malformed:
        return u"malformed answer"_s;
    case Kind::Rejected:
        return u"rejected"_s;
    case Kind::Unsupported:
        return u"unsupported"_s;
    case Kind::Config:
        return u"configuration"_s;
    }
    return u"error"_s;
}

QString HelpdeskError::toString() const
{
    return kindName(kind) + u": "_s + message;
}

Error HelpdeskError::toError() const
{
    Error::Code code = Error::Code::Generic;
    switch (kind) {
    case Kind::NotFound:
        code = Error::Code::NotFound;
        break;
    case Kind::Malformed:
        code = Error::Code::Parse;
        break;
    case Kind::RateLimited:
        code = Error::Code::Busy;
        break;
    case Kind::Server:
    case Kind::Network:
        code = Error::Code::Io;
        break;
    case Kind::Rejected:
    case Kind::Config:
    case Kind::Unsupported:
        code = Error::Code::Invalid;
        break;
    case Kind::Auth:
        code = Error::Code::Generic;
        break;
    }
    return Error::make(code, toString());
}

HelpdeskResult<std::unique_ptr<HelpdeskConnector>> makeHelpdeskConnector(const HelpdeskConfig &config)
{
    // Each connector adds its kind here.
    if (config.kind == u"rt")
        return std::unique_ptr<HelpdeskConnector>(std::make_unique<RtConnector>(config));
    if (config.kind == u"zendesk")
        return std::unique_ptr<HelpdeskConnector>(std::make_unique<ZendeskConnector>(config));
    if (config.kind == u"freshdesk")
        return std::unique_ptr<HelpdeskConnector>(std::make_unique<FreshdeskConnector>(config));
    return HelpdeskError::make(HelpdeskError::Kind::Config,
                               u"unknown helpdesk kind \"%1\" (known: rt, zendesk, freshdesk)"_s.arg(config.kind));
}

QString idempotencyMarker(const QString &key)
{
    return u"[understudy:%1]"_s.arg(key);
}

namespace {
const QRegularExpression &markerLine()
{
    static const QRegularExpression re(u"^[ \\t]*\\[understudy:([A-Za-z0-9._:-]{1,128})\\][ \\t]*$"_s,
                                       QRegularExpression::MultilineOption);
    return re;
}
} // namespace

QString findIdempotencyMarker(const QString &body)
{
    QString key;
    auto it = markerLine().globalMatch(body);
    while (it.hasNext())
        key = it.next().captured(1);
    return key;
}

QString stripIdempotencyMarker(const QString &body)
{
    QString text = body;
    while (!text.isEmpty() && text.back().isSpace())
        text.chop(1);
    const qsizetype nl = text.lastIndexOf(u'\n');
    const QString last = text.mid(nl + 1);
    if (markerLine().match(last).hasMatch()) {
        text.truncate(nl < 0 ? 0 : nl);
        while (!text.isEmpty() && text.back().isSpace())
            text.chop(1);
    }
    return text;
}

QString normalisedReplyText(const QString &body)
{
    QString text = body;
    text.replace(u"\r\n"_s, u"\n"_s);
    text.replace(u'\r', u'\n');
    text = stripIdempotencyMarker(text);
    QStringList lines = text.split(u'\n');
    for (QString &l : lines) {
        while (!l.isEmpty() && l.back().isSpace())
            l.chop(1);
    }
    while (!lines.isEmpty() && lines.front().isEmpty())
        lines.removeFirst();
    while (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    return lines.join(u'\n');
}

} // namespace understudy::connectors

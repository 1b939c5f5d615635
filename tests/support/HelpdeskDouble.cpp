// SPDX-License-Identifier: GPL-3.0-or-later
#include "HelpdeskDouble.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace understudy::test {

namespace {

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QDateTime parseIso(const QJsonValue &v)
{
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
    if (t.isValid())
        t.setTimeZone(QTimeZone::utc());
    return t;
}

qint64 idOf(const QJsonObject &o)
{
    return o.value(u"id").toInteger();
}

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    default:
        return "OTHER";
    }
}

// Freshdesk's body_text: the HTML body as text (block ends and <br> become line breaks, tags dropped, entities read).
QString htmlToText(QString html)
{
    static const QRegularExpression breaks(u"<br\\s*/?>|</p>|</div>|</li>|</h[1-6]>"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression scripts(u"<(script|style)\\b.*?</\\1>"_s,
                                            QRegularExpression::CaseInsensitiveOption |
                                                QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tags(u"<[^>]*>"_s);
    html.replace(scripts, QString());
    html.replace(breaks, u"\n"_s);
    html.replace(tags, QString());
    html.replace(u"&lt;"_s, u"<"_s).replace(u"&gt;"_s, u">"_s).replace(u"&quot;"_s, u"\""_s);
    html.replace(u"&#39;"_s, u"'"_s).replace(u"&nbsp;"_s, u" "_s).replace(u"&amp;"_s, u"&"_s);
    return html.trimmed();
}

QString encodeCursor(qint64 a, qint64 b)
{
    return QString::fromLatin1(QByteArray::number(a)
                                   .append(':')
                                   .append(QByteArray::number(b))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool decodeCursor(const QString &cursor, qint64 *a, qint64 *b)
{
    const QByteArray raw = QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding);
    const QList<QByteArray> parts = raw.split(':');
    if (parts.size() != 2)
        return false;
    bool okA = false;
    bool okB = false;
    *a = parts[0].toLongLong(&okA);
    *b = parts[1].toLongLong(&okB);
    return okA && okB;
}

int intParam(const QUrlQuery &query, const QString &key, int fallback)
{
    bool ok = false;
    const int v = query.queryItemValue(key, QUrl::FullyDecoded).toInt(&ok);
    return ok ? v : fallback;
}

} // namespace

HelpdeskDouble::HelpdeskDouble(Vendor vendor, QObject *parent)
    : QObject(parent), m_vendor(vendor), m_server(new QHttpServer(this)),
      m_clock(QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), QTimeZone::utc()))
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, std::move(responder));
    });
}

HelpdeskDouble::~HelpdeskDouble() = default;

bool HelpdeskDouble::listen()
{
    m_port = m_server->listen(QHostAddress::LocalHost, 0);
    if (m_port == 0)
        qWarning("HelpdeskDouble: cannot listen on 127.0.0.1");
    return m_port != 0;
}

QUrl HelpdeskDouble::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

QString HelpdeskDouble::defaultFixture(Vendor vendor)
{
    return QStringLiteral(HELPDESK_DOUBLE_FIXTURES) +
           (vendor == Vendor::Zendesk ? u"/zendesk.json"_s : u"/freshdesk.json"_s);
}

bool HelpdeskDouble::loadFixture(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("HelpdeskDouble: cannot read %s", qPrintable(path));
        return false;
    }
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) {
        qWarning("HelpdeskDouble: %s: %s", qPrintable(path), qPrintable(error.errorString()));
        return false;
    }
    const bool zd = m_vendor == Vendor::Zendesk;
    QDateTime latest = m_clock;
    auto seen = [&latest](const QJsonValue &v) {
        const QDateTime t = parseIso(v);
        if (t.isValid() && t > latest)
            latest = t;
    };
    for (const QJsonValue &v : root.value(zd ? u"users" : u"contacts").toArray())
        m_users.insert(idOf(v.toObject()), v.toObject());
    for (const QJsonValue &v : root.value(zd ? u"organizations" : u"companies").toArray())
        m_orgs.insert(idOf(v.toObject()), v.toObject());
    m_groups = root.value(u"groups").toArray();
    for (const QJsonValue &v : root.value(u"tickets").toArray()) {
        m_tickets.insert(idOf(v.toObject()), v.toObject());
        seen(v.toObject().value(u"updated_at"));
    }
    const QJsonObject comments = root.value(zd ? u"comments" : u"conversations").toObject();
    for (auto it = comments.begin(); it != comments.end(); ++it)
        m_comments.insert(it.key().toLongLong(), it.value().toArray());
    if (zd) {
        for (const QJsonObject &u : std::as_const(m_users))
            if (u.value(u"email").toString() == zendeskEmail())
                m_agentId = idOf(u);
        for (const QJsonValue &v : root.value(u"articles").toArray()) {
            m_articles.insert(idOf(v.toObject()), v.toObject());
            seen(v.toObject().value(u"updated_at"));
        }
        const QJsonObject translations = root.value(u"translations").toObject();
        for (auto it = translations.begin(); it != translations.end(); ++it)
            for (const QJsonValue &t : it.value().toArray()) {
                m_translations[it.key().toLongLong()].insert(t.toObject().value(u"locale").toString(), t.toObject());
                seen(t.toObject().value(u"updated_at"));
            }
    } else {
        m_agentId = idOf(root.value(u"agent").toObject());
        m_agent = root.value(u"agent").toObject();
        m_settings = root.value(u"settings").toObject();
        m_categories = root.value(u"categories").toArray();
        m_folders = root.value(u"folders").toArray();
        for (const QJsonValue &v : root.value(u"solution_articles").toArray())
            m_articles.insert(idOf(v.toObject()), v.toObject());
        const QJsonObject translations = root.value(u"solution_translations").toObject();
        for (auto it = translations.begin(); it != translations.end(); ++it) {
            const QJsonObject byLanguage = it.value().toObject();
            for (auto lt = byLanguage.begin(); lt != byLanguage.end(); ++lt)
                m_translations[it.key().toLongLong()].insert(lt.key(), lt.value().toObject());
        }
    }
    m_clock = std::max(m_clock, latest);
    return true;
}

QDateTime HelpdeskDouble::tick()
{
    if (!m_frozen)
        m_clock = m_clock.addSecs(1);
    return m_clock;
}

void HelpdeskDouble::touch(qint64 ticketId)
{
    QJsonObject &t = m_tickets[ticketId];
    const QDateTime now = tick();
    t.insert(u"updated_at", iso(now));
    if (m_vendor == Vendor::Zendesk)
        t.insert(u"generated_timestamp", now.toSecsSinceEpoch());
}

int HelpdeskDouble::postedCount(qint64 ticketId) const
{
    if (ticketId)
        return m_posted.value(ticketId);
    int n = 0;
    for (int v : m_posted)
        n += v;
    return n;
}

// --- test-side changes ---------------------------------------------------------------------------------------------

qint64 HelpdeskDouble::addTicket(const QString &subject, const QString &body, qint64 requesterId)
{
    if (!requesterId) {
        for (const QJsonObject &u : std::as_const(m_users))
            if (m_vendor == Vendor::Freshdesk || u.value(u"role").toString() == u"end-user") {
                requesterId = idOf(u);
                break;
            }
    }
    const QJsonObject requester = m_users.value(requesterId);
    const qint64 id = m_tickets.isEmpty() ? 1 : m_tickets.lastKey() + 1;
    const QDateTime now = tick();
    QJsonObject t;
    t.insert(u"id", id);
    t.insert(u"subject", subject);
    t.insert(u"requester_id", requesterId);
    t.insert(u"tags", QJsonArray());
    t.insert(u"created_at", iso(now));
    t.insert(u"updated_at", iso(now));
    QJsonObject c;
    if (m_vendor == Vendor::Zendesk) {
        t.insert(u"url", u"/api/v2/tickets/%1.json"_s.arg(id));
        t.insert(u"type", u"question"_s);
        t.insert(u"raw_subject", subject);
        t.insert(u"description", body);
        t.insert(u"status", u"new"_s);
        t.insert(u"priority", QJsonValue::Null);
        t.insert(u"submitter_id", requesterId);
        t.insert(u"assignee_id", QJsonValue::Null);
        t.insert(u"organization_id", requester.value(u"organization_id"));
        t.insert(u"custom_fields", QJsonArray());
        t.insert(u"via", QJsonObject{{u"channel"_s, u"email"_s}});
        t.insert(u"generated_timestamp", now.toSecsSinceEpoch());
        c = QJsonObject{{u"id"_s, ++m_nextId},
                        {u"type"_s, u"Comment"_s},
                        {u"author_id"_s, requesterId},
                        {u"body"_s, body},
                        {u"html_body"_s, u"<p>%1</p>"_s.arg(body.toHtmlEscaped())},
                        {u"plain_body"_s, body},
                        {u"public"_s, true},
                        {u"attachments"_s, QJsonArray()},
                        {u"created_at"_s, iso(now)}};
        m_comments[id].append(c);
    } else {
        t.insert(u"description", u"<div>%1</div>"_s.arg(body.toHtmlEscaped()));
        t.insert(u"description_text", body);
        t.insert(u"status", 2);
        t.insert(u"priority", 1);
        t.insert(u"source", 1);
        t.insert(u"type", QJsonValue::Null);
        t.insert(u"responder_id", QJsonValue::Null);
        t.insert(u"company_id", requester.value(u"company_id"));
        t.insert(u"custom_fields", QJsonObject());
        m_comments.insert(id, QJsonArray());
    }
    m_tickets.insert(id, t);
    return id;
}

void HelpdeskDouble::addCustomerMessage(qint64 ticketId, const QString &body)
{
    if (!m_tickets.contains(ticketId))
        return;
    const qint64 requester = m_tickets.value(ticketId).value(u"requester_id").toInteger();
    touch(ticketId);
    const QString now = m_tickets.value(ticketId).value(u"updated_at").toString();
    if (m_vendor == Vendor::Zendesk) {
        m_comments[ticketId].append(QJsonObject{{u"id"_s, ++m_nextId},
                                                {u"type"_s, u"Comment"_s},
                                                {u"author_id"_s, requester},
                                                {u"body"_s, body},
                                                {u"html_body"_s, u"<p>%1</p>"_s.arg(body.toHtmlEscaped())},
                                                {u"plain_body"_s, body},
                                                {u"public"_s, true},
                                                {u"attachments"_s, QJsonArray()},
                                                {u"created_at"_s, now}});
        m_tickets[ticketId].insert(u"status", u"open"_s);
    } else {
        m_comments[ticketId].append(QJsonObject{{u"id"_s, ++m_nextId},
                                                {u"body"_s, u"<div>%1</div>"_s.arg(body.toHtmlEscaped())},
                                                {u"body_text"_s, body},
                                                {u"incoming"_s, true},
                                                {u"private"_s, false},
                                                {u"user_id"_s, requester},
                                                {u"source"_s, 0},
                                                {u"category"_s, 2},
                                                {u"ticket_id"_s, ticketId},
                                                {u"attachments"_s, QJsonArray()},
                                                {u"created_at"_s, now},
                                                {u"updated_at"_s, now}});
        m_tickets[ticketId].insert(u"status", 2);
    }
}

void HelpdeskDouble::deleteTicket(qint64 ticketId)
{
    if (!m_tickets.contains(ticketId))
        return;
    touch(ticketId);
    if (m_vendor == Vendor::Zendesk)
        m_tickets[ticketId].insert(u"status", u"deleted"_s);
    else
        m_tickets[ticketId].insert(u"deleted", true);
}

qint64 HelpdeskDouble::addArticle(const QString &title, const QString &htmlBody, const QString &locale)
{
    const qint64 id = m_articles.isEmpty() ? 1 : m_articles.lastKey() + 1;
    const QString now = iso(tick());
    QJsonObject a{{u"id"_s, id}, {u"title"_s, title}, {u"created_at"_s, now}, {u"updated_at"_s, now}};
    if (m_vendor == Vendor::Zendesk) {
        a.insert(u"name", title);
        a.insert(u"body", htmlBody);
        a.insert(u"locale", locale);
        a.insert(u"source_locale", locale);
        a.insert(u"html_url", u"https://help.northwind.test/hc/%1/articles/%2"_s.arg(locale).arg(id));
        a.insert(u"draft", false);
        a.insert(u"outdated", false);
        a.insert(u"label_names", QJsonArray());
        a.insert(u"section_id", 4001);
        a.insert(u"edited_at", now);
    } else {
        const QJsonObject folder = m_folders.first().toObject();
        a.insert(u"description", htmlBody);
        a.insert(u"description_text", htmlToText(htmlBody));
        a.insert(u"status", 2);
        a.insert(u"type", 1);
        a.insert(u"folder_id", idOf(folder));
        a.insert(u"category_id", folder.value(u"category_id"));
        a.insert(u"agent_id", m_agentId);
        a.insert(u"tags", QJsonArray());
    }
    m_articles.insert(id, a);
    return id;
}

void HelpdeskDouble::setTranslation(qint64 articleId, const QString &locale, const QString &title,
                                    const QString &htmlBody)
{
    const QString now = iso(tick());
    QJsonObject t = m_translations.value(articleId).value(locale);
    const QJsonObject article = m_articles.value(articleId);
    if (m_vendor == Vendor::Zendesk) {
        if (t.isEmpty())
            t = QJsonObject{
                {u"id"_s, ++m_nextId},
                {u"source_id"_s, articleId},
                {u"source_type"_s, u"Article"_s},
                {u"locale"_s, locale},
                {u"html_url"_s, u"https://help.northwind.test/hc/%1/articles/%2"_s.arg(locale).arg(articleId)},
                {u"draft"_s, false},
                {u"outdated"_s, false},
                {u"created_at"_s, now}};
        t.insert(u"title", title);
        t.insert(u"body", htmlBody);
    } else {
        if (t.isEmpty())
            t = article;
        t.insert(u"title", title);
        t.insert(u"description", htmlBody);
        t.insert(u"description_text", htmlToText(htmlBody));
    }
    t.insert(u"updated_at", now);
    m_translations[articleId].insert(locale, t);
}

// --- faults and log ------------------------------------------------------------------------------------------------

void HelpdeskDouble::inject(const QString &pattern, const Fault &fault, int times)
{
    m_faults.append(PendingFault{QRegularExpression(pattern), fault, times});
}

void HelpdeskDouble::injectRateLimit(const QString &pattern, int retryAfterSeconds, int times)
{
    inject(pattern, Fault{Fault::Kind::Status, 429, retryAfterSeconds, false}, times);
}

void HelpdeskDouble::injectStatus(const QString &pattern, int status, int times)
{
    inject(pattern, Fault{Fault::Kind::Status, status, -1, false}, times);
}

void HelpdeskDouble::injectDrop(const QString &pattern, int times)
{
    inject(pattern, Fault{Fault::Kind::Drop, 0, -1, false}, times);
}

int HelpdeskDouble::count(const QString &pattern) const
{
    const QRegularExpression re(pattern);
    return int(
        std::count_if(m_log.begin(), m_log.end(), [&re](const QString &line) { return re.match(line).hasMatch(); }));
}

// --- HTTP ------------------------------------------------------------------------------------------------------------

void HelpdeskDouble::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QByteArray method = methodName(request.method());
    const QUrl url = request.url();
    const QString line = QString::fromLatin1(method) + u' ' + url.path(QUrl::FullyEncoded) +
                         (url.hasQuery() ? u'?' + url.query(QUrl::FullyEncoded) : QString());
    m_log.append(line);

    std::optional<Fault> fault;
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        if (!m_faults[i].pattern.match(line).hasMatch())
            continue;
        fault = m_faults[i].fault;
        if (--m_faults[i].times <= 0)
            m_faults.removeAt(i);
        break;
    }
    // A fault replaces the answer; applyFirst carries the request out before (a lost answer: posted, not told).
    const auto applyFault = [&](const Fault &f) {
        if (f.kind == Fault::Kind::Cut) {
            responder.socket()->write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"ticket\":{\"id\":");
            responder.socket()->flush();
            responder.socket()->disconnectFromHost();
        } else if (f.kind == Fault::Kind::Drop) {
            responder.socket()->abort();
        } else if (f.kind == Fault::Kind::Hang) {
            m_held.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
        } else {
            send(responder, faultResponse(f));
        }
    };
    if (!fault || fault->applyFirst) {
        const Response response = dispatch(method, url, request.body(), request.value("Authorization"));
        if (!fault) {
            send(responder, response);
            return;
        }
    }
    applyFault(*fault);
}

void HelpdeskDouble::send(QHttpServerResponder &responder, const Response &response)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeBody(response.body);
}

HelpdeskDouble::Response HelpdeskDouble::faultResponse(const Fault &fault) const
{
    Response r;
    switch (fault.kind) {
    case Fault::Kind::Status:
        r = fault.status == 429
                ? (m_vendor == Vendor::Zendesk
                       ? error(429, u"APIRateLimitExceeded"_s)
                       : json(QJsonObject{{u"message"_s, u"You have exceeded the limit of requests per minute"_s}},
                              429))
                : error(fault.status, fault.status >= 500 ? u"Service unavailable"_s : u"Refused"_s);
        if (fault.retryAfterSeconds >= 0)
            r.headers.append(
                std::pair<QByteArray, QByteArray>{"Retry-After", QByteArray::number(fault.retryAfterSeconds)});
        break;
    case Fault::Kind::MalformedJson:
        r.body = R"({"tickets":[{"id":1,"subject":"cut off in the mid)";
        break;
    case Fault::Kind::Html:
        r.contentType = "text/html; charset=utf-8";
        r.body = "<!DOCTYPE html><html><head><title>Sign in</title><script>window.location='/login'</script>"
                 "</head><body><h1>Please sign in</h1></body></html>";
        break;
    case Fault::Kind::Drop:
    case Fault::Kind::Cut:
    case Fault::Kind::Hang:
        break;
    }
    return r;
}

HelpdeskDouble::Response HelpdeskDouble::json(const QJsonValue &value, int status)
{
    Response r;
    r.status = status;
    r.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return r;
}

HelpdeskDouble::Response HelpdeskDouble::error(int status, const QString &message) const
{
    if (m_vendor == Vendor::Zendesk) {
        const QString code = status == 401   ? u"Couldn't authenticate you"_s
                             : status == 404 ? u"RecordNotFound"_s
                             : status == 422 ? u"RecordInvalid"_s
                             : status == 400 ? u"InvalidPaginationParameter"_s
                                             : message;
        if (status == 401)
            return json(QJsonObject{{u"error"_s, code}}, status);
        return json(QJsonObject{{u"error"_s, code}, {u"description"_s, message}}, status);
    }
    if (status == 401)
        return json(QJsonObject{{u"code"_s, u"invalid_credentials"_s},
                                {u"message"_s, u"You have to be logged in to perform this action."_s}},
                    status);
    if (status == 404) {
        Response r;
        r.status = 404;
        return r;
    }
    if (status == 400)
        return json(QJsonObject{{u"description"_s, u"Validation failed"_s},
                                {u"errors"_s,
                                 QJsonArray{QJsonObject{{u"message"_s, message}, {u"code"_s, u"invalid_value"_s}}}}},
                    status);
    return json(QJsonObject{{u"code"_s, u"internal_error"_s}, {u"message"_s, message}}, status);
}

bool HelpdeskDouble::authorised(const QByteArray &authorization) const
{
    if (!authorization.startsWith("Basic "))
        return false;
    const QString decoded = QString::fromUtf8(QByteArray::fromBase64(authorization.mid(6)));
    if (m_vendor == Vendor::Zendesk)
        return decoded == zendeskEmail() + u"/token:"_s + zendeskToken();
    return decoded.section(u':', 0, 0) == freshdeskKey();
}

HelpdeskDouble::Response HelpdeskDouble::dispatch(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                                  const QByteArray &auth)
{
    Response r;
    if (!authorised(auth)) {
        r = error(401, u"authentication"_s);
    } else {
        QJsonObject object;
        if (!body.isEmpty()) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject())
                return error(400, u"the body is not a JSON object"_s);
            object = doc.object();
        }
        QString path = url.path();
        if (m_vendor == Vendor::Zendesk && path.endsWith(u".json"))
            path.chop(5);
        const QUrlQuery query(url);
        r = m_vendor == Vendor::Zendesk ? dispatchZendesk(method, path, query, object)
                                        : dispatchFreshdesk(method, path, query, object);
    }
    if (m_vendor == Vendor::Zendesk) {
        r.headers.append(std::pair<QByteArray, QByteArray>{"X-Rate-Limit", "700"});
        r.headers.append(std::pair<QByteArray, QByteArray>{"X-Rate-Limit-Remaining", "699"});
    } else {
        r.headers.append(std::pair<QByteArray, QByteArray>{"X-Ratelimit-Total", "700"});
        r.headers.append(std::pair<QByteArray, QByteArray>{"X-Ratelimit-Remaining", "699"});
        r.headers.append(std::pair<QByteArray, QByteArray>{"X-Ratelimit-Used-CurrentRequest", "1"});
    }
    return r;
}

// --- Zendesk ---------------------------------------------------------------------------------------------------------

HelpdeskDouble::Response HelpdeskDouble::dispatchZendesk(const QByteArray &method, const QString &path,
                                                         const QUrlQuery &query, const QJsonObject &body)
{
    static const QRegularExpression ticketRoute(u"^/api/v2/tickets/(\\d+)(/comments|/audits|/tags)?$"_s);
    static const QRegularExpression translationsRoute(u"^/api/v2/help_center/articles/(\\d+)/translations$"_s);
    if (method == "GET" && path == u"/api/v2/users/me")
        return json(QJsonObject{{u"user"_s, m_users.value(m_agentId)}});
    if (method == "GET" && path == u"/api/v2/incremental/tickets/cursor")
        return zdIncrementalTickets(query);
    if (method == "GET" && path == u"/api/v2/groups")
        return zdGroups(query);
    if (method == "GET" && path == u"/api/v2/help_center/incremental/articles")
        return zdIncrementalArticles(query);
    if (const auto m = translationsRoute.match(path); m.hasMatch() && method == "GET")
        return zdTranslations(m.captured(1).toLongLong());
    const auto m = ticketRoute.match(path);
    if (!m.hasMatch())
        return json(QJsonObject{{u"error"_s, u"InvalidEndpoint"_s}, {u"description"_s, u"Not found"_s}}, 404);
    const qint64 id = m.captured(1).toLongLong();
    const QString sub = m.captured(2);
    if (!m_tickets.contains(id) || m_tickets.value(id).value(u"status").toString() == u"deleted")
        return error(404, u"Not found"_s);
    if (sub == u"/comments" && method == "GET")
        return zdCursorList(m_comments.value(id), u"comments"_s, path, query);
    if (sub == u"/audits" && method == "GET")
        return zdCursorList(m_audits.value(id), u"audits"_s, path, query);
    if (sub == u"/tags" && method == "PUT")
        return zdAddTags(id, body);
    if (sub.isEmpty() && method == "GET") {
        const QJsonObject t = m_tickets.value(id);
        QJsonObject out{{u"ticket"_s, t}};
        const QStringList include =
            query.queryItemValue(u"include"_s, QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts);
        if (include.contains(u"users"_s)) {
            QJsonArray users;
            for (const char16_t *key : {u"requester_id", u"submitter_id", u"assignee_id"})
                if (m_users.contains(t.value(QStringView(key)).toInteger()))
                    users.append(m_users.value(t.value(QStringView(key)).toInteger()));
            out.insert(u"users", users);
        }
        if (include.contains(u"organizations"_s) && m_orgs.contains(t.value(u"organization_id").toInteger()))
            out.insert(u"organizations", QJsonArray{m_orgs.value(t.value(u"organization_id").toInteger())});
        return json(out);
    }
    if (sub.isEmpty() && method == "PUT")
        return zdUpdateTicket(id, body);
    return json(QJsonObject{{u"error"_s, u"InvalidEndpoint"_s}, {u"description"_s, u"Not found"_s}}, 404);
}

HelpdeskDouble::Response HelpdeskDouble::zdIncrementalTickets(const QUrlQuery &query)
{
    qint64 afterTs = 0;
    qint64 afterId = 0;
    if (query.hasQueryItem(u"cursor"_s)) {
        if (!decodeCursor(query.queryItemValue(u"cursor"_s, QUrl::FullyDecoded), &afterTs, &afterId))
            return error(400, u"cursor is invalid"_s);
    } else if (query.hasQueryItem(u"start_time"_s)) {
        bool ok = false;
        afterTs = query.queryItemValue(u"start_time"_s, QUrl::FullyDecoded).toLongLong(&ok);
        if (!ok || afterTs < 0)
            return error(400, u"start_time must be a Unix epoch time"_s);
        afterId = 0; // start_time is inclusive: (ts, id) > (start_time, 0)
    } else {
        return error(400, u"start_time or cursor is required"_s);
    }
    const int perPage = std::clamp(intParam(query, u"per_page"_s, m_pageSize), 1, 1000);
    QList<QJsonObject> sorted = m_tickets.values();
    std::sort(sorted.begin(), sorted.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const qint64 ta = a.value(u"generated_timestamp").toInteger();
        const qint64 tb = b.value(u"generated_timestamp").toInteger();
        return ta != tb ? ta < tb : idOf(a) < idOf(b);
    });
    QJsonArray page;
    qsizetype remaining = 0;
    qint64 lastTs = afterTs;
    qint64 lastId = afterId;
    for (const QJsonObject &t : sorted) {
        const qint64 ts = t.value(u"generated_timestamp").toInteger();
        if (ts < afterTs || (ts == afterTs && idOf(t) <= afterId))
            continue;
        if (page.size() >= perPage) {
            ++remaining;
            continue;
        }
        page.append(t);
        lastTs = ts;
        lastId = idOf(t);
    }
    const QString after = encodeCursor(lastTs, lastId);
    QJsonObject out{{u"tickets"_s, page},
                    {u"after_cursor"_s, after},
                    {u"after_url"_s, url().toString() + u"/api/v2/incremental/tickets/cursor.json?cursor="_s + after},
                    {u"before_cursor"_s, QJsonValue::Null},
                    {u"before_url"_s, QJsonValue::Null},
                    {u"end_of_stream"_s, remaining == 0}};
    const QStringList include = query.queryItemValue(u"include"_s, QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts);
    if (include.contains(u"users"_s)) {
        QJsonArray users;
        QSet<qint64> added;
        for (const QJsonValue &t : std::as_const(page))
            for (const char16_t *key : {u"requester_id", u"submitter_id", u"assignee_id"}) {
                const qint64 uid = t.toObject().value(QStringView(key)).toInteger();
                if (uid && m_users.contains(uid) && !added.contains(uid)) {
                    added.insert(uid);
                    users.append(m_users.value(uid));
                }
            }
        out.insert(u"users", users);
    }
    if (include.contains(u"organizations"_s)) {
        QJsonArray orgs;
        QSet<qint64> added;
        for (const QJsonValue &t : std::as_const(page)) {
            const qint64 oid = t.toObject().value(u"organization_id").toInteger();
            if (oid && m_orgs.contains(oid) && !added.contains(oid)) {
                added.insert(oid);
                orgs.append(m_orgs.value(oid));
            }
        }
        out.insert(u"organizations", orgs);
    }
    return json(out);
}

HelpdeskDouble::Response HelpdeskDouble::zdCursorList(const QJsonArray &items, const QString &key, const QString &path,
                                                      const QUrlQuery &query)
{
    const int size = std::clamp(intParam(query, u"page[size]"_s, m_pageSize), 1, 100);
    qint64 start = 0;
    if (query.hasQueryItem(u"page[after]"_s)) {
        qint64 dummy = 0;
        if (!decodeCursor(query.queryItemValue(u"page[after]"_s, QUrl::FullyDecoded), &start, &dummy))
            return error(400, u"page[after] is invalid"_s);
    }
    QJsonArray page;
    for (qint64 i = start; i < items.size() && page.size() < size; ++i)
        page.append(items.at(i));
    const qint64 end = start + page.size();
    const bool more = end < items.size();
    const QString after = encodeCursor(end, 0);
    const QString next =
        url().toString() + path + u".json?page%5Bsize%5D="_s + QString::number(size) + u"&page%5Bafter%5D="_s + after;
    return json(QJsonObject{
        {key, page},
        {u"meta"_s, QJsonObject{{u"has_more"_s, more},
                                {u"after_cursor"_s, more ? QJsonValue(after) : QJsonValue()},
                                {u"before_cursor"_s, QJsonValue::Null}}},
        {u"links"_s, QJsonObject{{u"next"_s, more ? QJsonValue(next) : QJsonValue()}, {u"prev"_s, QJsonValue::Null}}}});
}

HelpdeskDouble::Response HelpdeskDouble::zdUpdateTicket(qint64 id, const QJsonObject &body)
{
    if (!body.value(u"ticket").isObject())
        return error(400, u"a \"ticket\" object is required"_s);
    const QJsonObject update = body.value(u"ticket").toObject();
    static const QStringList statuses{u"new"_s, u"open"_s, u"pending"_s, u"hold"_s, u"solved"_s, u"closed"_s};
    if (update.contains(u"status") && !statuses.contains(update.value(u"status").toString()))
        return error(422, u"Status: is not valid"_s);
    static const QStringList priorities{u"low"_s, u"normal"_s, u"high"_s, u"urgent"_s};
    if (update.contains(u"priority") && !priorities.contains(update.value(u"priority").toString()))
        return error(422, u"Priority: is not valid"_s);
    if (update.contains(u"group_id") && !hasGroup(update.value(u"group_id").toInteger()))
        return error(422, u"Group: is invalid"_s);
    const QJsonObject comment = update.value(u"comment").toObject();
    const QString text = comment.value(u"body").toString();
    const QString html = comment.value(u"html_body").toString();
    if (update.contains(u"comment") && text.trimmed().isEmpty() && html.trimmed().isEmpty())
        return error(422, u"Comment: body can't be blank"_s);

    touch(id);
    QJsonObject &ticket = m_tickets[id];
    const QString now = ticket.value(u"updated_at").toString();
    const qint64 auditId = ++m_nextId;
    QJsonArray events;
    if (update.contains(u"comment")) {
        const qint64 author = comment.contains(u"author_id") ? comment.value(u"author_id").toInteger() : m_agentId;
        QJsonObject c{{u"id"_s, ++m_nextId},
                      {u"type"_s, u"Comment"_s},
                      {u"author_id"_s, author},
                      {u"body"_s, text.isEmpty() ? QString(html).remove(QRegularExpression(u"<[^>]*>"_s)) : text},
                      {u"html_body"_s, html.isEmpty() ? u"<div class=\"zd-comment\"><p>%1</p></div>"_s.arg(
                                                            text.toHtmlEscaped().replace(u"\n"_s, u"<br>"_s))
                                                      : html},
                      {u"plain_body"_s, text},
                      {u"public"_s, comment.value(u"public").toBool(true)},
                      {u"attachments"_s, QJsonArray()},
                      {u"audit_id"_s, auditId},
                      {u"via"_s, QJsonObject{{u"channel"_s, u"api"_s}}},
                      {u"metadata"_s, QJsonObject{{u"system"_s, QJsonObject()}, {u"custom"_s, QJsonObject()}}},
                      {u"created_at"_s, now}};
        m_comments[id].append(c);
        ++m_posted[id];
        c.remove(u"metadata");
        c.remove(u"via");
        events.append(c);
    }
    if (update.contains(u"status")) {
        events.append(QJsonObject{{u"id"_s, ++m_nextId},
                                  {u"type"_s, u"Change"_s},
                                  {u"field_name"_s, u"status"_s},
                                  {u"value"_s, update.value(u"status")},
                                  {u"previous_value"_s, ticket.value(u"status")}});
        ticket.insert(u"status", update.value(u"status"));
    }
    for (const char16_t *field : {u"priority", u"group_id"}) {
        if (!update.contains(QStringView(field)))
            continue;
        events.append(QJsonObject{{u"id"_s, ++m_nextId},
                                  {u"type"_s, u"Change"_s},
                                  {u"field_name"_s, QString::fromUtf16(field)},
                                  {u"value"_s, update.value(QStringView(field))},
                                  {u"previous_value"_s, ticket.value(QStringView(field))}});
        ticket.insert(QStringView(field), update.value(QStringView(field)));
    }
    if (update.contains(u"tags"))
        ticket.insert(u"tags", update.value(u"tags"));
    QJsonObject audit{{u"id"_s, auditId},
                      {u"ticket_id"_s, id},
                      {u"created_at"_s, now},
                      {u"author_id"_s, m_agentId},
                      {u"metadata"_s, QJsonObject{{u"system"_s, QJsonObject{{u"client"_s, u"HelpdeskDouble"_s},
                                                                            {u"ip_address"_s, u"127.0.0.1"_s}}},
                                                  {u"custom"_s, update.value(u"metadata").toObject()}}},
                      {u"via"_s, QJsonObject{{u"channel"_s, u"api"_s}}},
                      {u"events"_s, events}};
    m_audits[id].append(audit);
    return json(QJsonObject{{u"ticket"_s, ticket}, {u"audit"_s, audit}});
}

HelpdeskDouble::Response HelpdeskDouble::zdAddTags(qint64 id, const QJsonObject &body)
{
    if (!body.value(u"tags").isArray())
        return error(400, u"a \"tags\" array is required"_s);
    QJsonObject &ticket = m_tickets[id];
    QJsonArray tags = ticket.value(u"tags").toArray();
    for (const QJsonValue &tag : body.value(u"tags").toArray())
        if (!tags.contains(tag))
            tags.append(tag);
    ticket.insert(u"tags", tags);
    touch(id);
    return json(QJsonObject{{u"tags"_s, tags}});
}

HelpdeskDouble::Response HelpdeskDouble::zdIncrementalArticles(const QUrlQuery &query)
{
    bool ok = false;
    const qint64 start = query.queryItemValue(u"start_time"_s, QUrl::FullyDecoded).toLongLong(&ok);
    if (!ok || start < 0)
        return error(400, u"start_time is required"_s);
    // An article changes when it or one of its translations does.
    auto changed = [this](const QJsonObject &a) {
        qint64 t = parseIso(a.value(u"updated_at")).toSecsSinceEpoch();
        for (const QJsonObject &tr : m_translations.value(idOf(a)))
            t = std::max(t, parseIso(tr.value(u"updated_at")).toSecsSinceEpoch());
        return t;
    };
    QList<std::pair<qint64, QJsonObject>> sorted;
    for (const QJsonObject &a : std::as_const(m_articles))
        if (changed(a) >= start)
            sorted.append({changed(a), a});
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : idOf(a.second) < idOf(b.second);
    });
    const int perPage = std::clamp(intParam(query, u"per_page"_s, m_pageSize), 1, 1000);
    QJsonArray page;
    qint64 endTime = start;
    for (const auto &[t, a] : sorted) {
        if (page.size() >= perPage)
            break;
        page.append(a);
        endTime = t;
    }
    const bool more = sorted.size() > page.size();
    return json(
        QJsonObject{{u"articles"_s, page},
                    {u"count"_s, page.size()},
                    {u"end_time"_s, endTime},
                    {u"next_page"_s, more ? QJsonValue(url().toString() +
                                                       u"/api/v2/help_center/incremental/articles.json?start_time="_s +
                                                       QString::number(endTime))
                                          : QJsonValue()}});
}

HelpdeskDouble::Response HelpdeskDouble::zdTranslations(qint64 articleId)
{
    if (!m_articles.contains(articleId))
        return error(404, u"Not found"_s);
    const QJsonObject a = m_articles.value(articleId);
    QJsonArray out{QJsonObject{{u"id"_s, articleId * 10},
                               {u"source_id"_s, articleId},
                               {u"source_type"_s, u"Article"_s},
                               {u"locale"_s, a.value(u"source_locale")},
                               {u"title"_s, a.value(u"title")},
                               {u"body"_s, a.value(u"body")},
                               {u"html_url"_s, a.value(u"html_url")},
                               {u"draft"_s, a.value(u"draft")},
                               {u"outdated"_s, a.value(u"outdated")},
                               {u"created_at"_s, a.value(u"created_at")},
                               {u"updated_at"_s, a.value(u"updated_at")}}};
    for (const QJsonObject &t : m_translations.value(articleId))
        out.append(t);
    return json(QJsonObject{{u"translations"_s, out},
                            {u"next_page"_s, QJsonValue::Null},
                            {u"previous_page"_s, QJsonValue::Null},
                            {u"count"_s, out.size()}});
}

// --- Freshdesk -------------------------------------------------------------------------------------------------------

HelpdeskDouble::Response HelpdeskDouble::dispatchFreshdesk(const QByteArray &method, const QString &path,
                                                           const QUrlQuery &query, const QJsonObject &body)
{
    static const QRegularExpression ticketRoute(u"^/api/v2/tickets/(\\d+)(/conversations|/reply|/notes)?$"_s);
    static const QRegularExpression companyRoute(u"^/api/v2/companies/(\\d+)$"_s);
    static const QRegularExpression contactRoute(u"^/api/v2/contacts/(\\d+)$"_s);
    static const QRegularExpression foldersRoute(u"^/api/v2/solutions/categories/(\\d+)/folders$"_s);
    static const QRegularExpression articlesRoute(u"^/api/v2/solutions/folders/(\\d+)/articles(?:/([A-Za-z-]+))?$"_s);
    if (method == "GET" && path == u"/api/v2/agents/me")
        return json(m_agent);
    if (method == "GET" && path == u"/api/v2/settings/helpdesk")
        return json(m_settings);
    if (method == "GET" && path == u"/api/v2/tickets")
        return fdListTickets(query);
    if (method == "GET" && path == u"/api/v2/solutions/categories")
        return json(m_categories);
    if (method == "GET" && path == u"/api/v2/groups") {
        // The double's page size caps per_page here (a helpdesk may give fewer than asked), so paging is exercised.
        QUrlQuery capped = query;
        capped.removeAllQueryItems(u"per_page"_s);
        capped.addQueryItem(u"per_page"_s, QString::number(std::min(intParam(query, u"per_page"_s, 30), m_pageSize)));
        return fdPaged(m_groups, path, capped, {});
    }
    if (const auto m = companyRoute.match(path); m.hasMatch() && method == "GET") {
        if (!m_orgs.contains(m.captured(1).toLongLong()))
            return error(404, {});
        return json(m_orgs.value(m.captured(1).toLongLong()));
    }
    if (const auto m = contactRoute.match(path); m.hasMatch() && method == "GET") {
        if (!m_users.contains(m.captured(1).toLongLong()))
            return error(404, {});
        return json(m_users.value(m.captured(1).toLongLong()));
    }
    if (const auto m = foldersRoute.match(path); m.hasMatch() && method == "GET") {
        QJsonArray out;
        for (const QJsonValue &f : std::as_const(m_folders))
            if (f.toObject().value(u"category_id").toInteger() == m.captured(1).toLongLong())
                out.append(f);
        return json(out);
    }
    if (const auto m = articlesRoute.match(path); m.hasMatch() && method == "GET")
        return fdArticles(m.captured(1).toLongLong(), m.captured(2), query);
    const auto m = ticketRoute.match(path);
    if (!m.hasMatch())
        return error(404, {});
    const qint64 id = m.captured(1).toLongLong();
    const QString sub = m.captured(2);
    if (!m_tickets.contains(id) || m_tickets.value(id).value(u"deleted").toBool())
        return error(404, {});
    if (sub.isEmpty() && method == "GET")
        return fdTicketView(id, query);
    if (sub.isEmpty() && method == "PUT")
        return fdUpdateTicket(id, body);
    if (sub == u"/conversations" && method == "GET")
        return fdPaged(m_comments.value(id), path, query, {});
    if (sub == u"/reply" && method == "POST")
        return fdPostConversation(id, body, false);
    if (sub == u"/notes" && method == "POST")
        return fdPostConversation(id, body, true);
    return error(404, {});
}

QJsonObject HelpdeskDouble::withRequester(const QJsonObject &ticket, const QUrlQuery &query) const
{
    QJsonObject t = ticket;
    const QStringList include = query.queryItemValue(u"include"_s, QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts);
    if (include.contains(u"requester"_s)) {
        const QJsonObject c = m_users.value(t.value(u"requester_id").toInteger());
        t.insert(u"requester", QJsonObject{{u"id"_s, c.value(u"id")},
                                           {u"name"_s, c.value(u"name")},
                                           {u"email"_s, c.value(u"email")},
                                           {u"mobile"_s, c.value(u"mobile")},
                                           {u"phone"_s, c.value(u"phone")}});
    }
    return t;
}

HelpdeskDouble::Response HelpdeskDouble::fdListTickets(const QUrlQuery &query)
{
    const int perPage = intParam(query, u"per_page"_s, 30);
    const int page = intParam(query, u"page"_s, 1);
    if (perPage < 1 || perPage > 100)
        return error(400, u"It should be a Positive Integer less than or equal to 100"_s);
    if (page < 1 || page > 300)
        return error(400, u"It should be a Positive Integer less than or equal to 300"_s);
    QDateTime since = m_clock.addDays(-30);
    if (query.hasQueryItem(u"updated_since"_s)) {
        since = parseIso(query.queryItemValue(u"updated_since"_s, QUrl::FullyDecoded));
        if (!since.isValid())
            return error(400, u"It should be in the 'valid date time' format"_s);
    }
    const QString orderBy = query.queryItemValue(u"order_by"_s, QUrl::FullyDecoded).isEmpty()
                                ? u"created_at"_s
                                : query.queryItemValue(u"order_by"_s, QUrl::FullyDecoded);
    if (orderBy != u"created_at" && orderBy != u"updated_at")
        return error(400, u"It should be one of these values: 'created_at,due_by,updated_at,status'"_s);
    const bool asc = query.queryItemValue(u"order_type"_s, QUrl::FullyDecoded) == u"asc";
    const bool withDescription = query.queryItemValue(u"include"_s, QUrl::FullyDecoded)
                                     .split(u',', Qt::SkipEmptyParts)
                                     .contains(u"description"_s);
    QList<QJsonObject> sorted;
    for (const QJsonObject &t : std::as_const(m_tickets)) {
        if (t.value(u"deleted").toBool() || t.value(u"spam").toBool())
            continue;
        const QDateTime at = parseIso(t.value(query.hasQueryItem(u"updated_since"_s) ? u"updated_at" : u"created_at"));
        if (at >= since)
            sorted.append(t);
    }
    std::sort(sorted.begin(), sorted.end(), [&](const QJsonObject &a, const QJsonObject &b) {
        const QDateTime ta = parseIso(a.value(orderBy));
        const QDateTime tb = parseIso(b.value(orderBy));
        if (ta != tb)
            return asc ? ta < tb : ta > tb;
        return asc ? idOf(a) < idOf(b) : idOf(a) > idOf(b);
    });
    QJsonArray items;
    for (QJsonObject t : std::as_const(sorted)) {
        if (!withDescription) {
            t.remove(u"description");
            t.remove(u"description_text");
        }
        items.append(withRequester(t, query));
    }
    QUrlQuery keep;
    for (const char16_t *key : {u"updated_since", u"order_by", u"order_type", u"include"})
        if (query.hasQueryItem(QString::fromUtf16(key)))
            keep.addQueryItem(QString::fromUtf16(key),
                              query.queryItemValue(QString::fromUtf16(key), QUrl::FullyDecoded));
    return fdPaged(items, u"/api/v2/tickets"_s, query, keep);
}

HelpdeskDouble::Response HelpdeskDouble::fdPaged(const QJsonArray &items, const QString &path, const QUrlQuery &query,
                                                 QUrlQuery keep)
{
    const int perPage = std::clamp(intParam(query, u"per_page"_s, std::min(m_pageSize, 30)), 1, 100);
    const int page = std::max(1, intParam(query, u"page"_s, 1));
    QJsonArray out;
    const qint64 start = qint64(page - 1) * perPage;
    for (qint64 i = start; i < items.size() && out.size() < perPage; ++i)
        out.append(items.at(i));
    Response r = json(out);
    if (start + perPage < items.size()) {
        keep.addQueryItem(u"per_page"_s, QString::number(perPage));
        keep.addQueryItem(u"page"_s, QString::number(page + 1));
        r.headers.append(std::pair<QByteArray, QByteArray>{
            "Link",
            "<" + (url().toString() + path + u'?' + keep.toString(QUrl::FullyEncoded)).toUtf8() + ">; rel=\"next\""});
    }
    return r;
}

HelpdeskDouble::Response HelpdeskDouble::fdTicketView(qint64 id, const QUrlQuery &query)
{
    return json(withRequester(m_tickets.value(id), query));
}

HelpdeskDouble::Response HelpdeskDouble::fdUpdateTicket(qint64 id, const QJsonObject &body)
{
    if (body.contains(u"status")) {
        const int status = body.value(u"status").toInt();
        if (!body.value(u"status").isDouble() || status < 2 || status > 5)
            return error(400, u"It should be one of these values: '2,3,4,5'"_s);
    }
    if (body.contains(u"priority")) {
        const int priority = body.value(u"priority").toInt();
        if (!body.value(u"priority").isDouble() || priority < 1 || priority > 4)
            return error(400, u"It should be one of these values: '1,2,3,4'"_s);
    }
    if (body.contains(u"group_id") && !hasGroup(body.value(u"group_id").toInteger()))
        return error(400, u"There is no group matching the given group_id"_s);
    if (body.contains(u"tags")) {
        if (!body.value(u"tags").isArray())
            return error(400, u"It should be an Array"_s);
        for (const QJsonValue &tag : body.value(u"tags").toArray())
            if (!tag.isString() || tag.toString().size() > 32)
                return error(400, u"It should only contain elements of type String, 32 characters at most"_s);
    }
    touch(id);
    QJsonObject &ticket = m_tickets[id];
    for (const char16_t *key : {u"status", u"tags", u"priority", u"group_id"})
        if (body.contains(QStringView(key)))
            ticket.insert(QStringView(key), body.value(QStringView(key)));
    return json(ticket);
}

HelpdeskDouble::Response HelpdeskDouble::fdPostConversation(qint64 id, const QJsonObject &body, bool note)
{
    const QString html = body.value(u"body").toString();
    if (html.trimmed().isEmpty())
        return json(QJsonObject{{u"description"_s, u"Validation failed"_s},
                                {u"errors"_s, QJsonArray{QJsonObject{{u"field"_s, u"body"_s},
                                                                     {u"message"_s, u"It should not be blank"_s},
                                                                     {u"code"_s, u"missing_field"_s}}}}},
                    400);
    touch(id);
    const QString now = m_tickets.value(id).value(u"updated_at").toString();
    const QJsonObject c{{u"id"_s, ++m_nextId},
                        {u"body"_s, html},
                        {u"body_text"_s, htmlToText(html)},
                        {u"incoming"_s, note ? body.value(u"incoming").toBool(false) : false},
                        {u"private"_s, note ? body.value(u"private").toBool(true) : false},
                        {u"user_id"_s, body.contains(u"user_id") ? body.value(u"user_id").toInteger() : m_agentId},
                        {u"support_email"_s, note ? QJsonValue() : QJsonValue(u"help@brightdesk.test"_s)},
                        {u"source"_s, note ? 2 : 0},
                        {u"category"_s, note ? 2 : 3},
                        {u"ticket_id"_s, id},
                        {u"to_emails"_s, QJsonArray()},
                        {u"attachments"_s, QJsonArray()},
                        {u"created_at"_s, now},
                        {u"updated_at"_s, now}};
    m_comments[id].append(c);
    ++m_posted[id];
    return json(c, 201);
}

HelpdeskDouble::Response HelpdeskDouble::fdArticles(qint64 folderId, const QString &language, const QUrlQuery &query)
{
    const bool primary = language.isEmpty() || language == m_settings.value(u"primary_language").toString();
    if (!primary && !m_settings.value(u"supported_languages").toArray().contains(language))
        return error(404, {});
    QJsonArray out;
    for (const QJsonObject &a : std::as_const(m_articles)) {
        if (a.value(u"folder_id").toInteger() != folderId)
            continue;
        if (primary)
            out.append(a);
        else if (m_translations.value(idOf(a)).contains(language))
            out.append(m_translations.value(idOf(a)).value(language));
    }
    return fdPaged(out,
                   language.isEmpty() ? u"/api/v2/solutions/folders/%1/articles"_s.arg(folderId)
                                      : u"/api/v2/solutions/folders/%1/articles/%2"_s.arg(folderId).arg(language),
                   query, {});
}

// --- HelpdeskDoubleThread -------------------------------------------------------------------------------------------

HelpdeskDoubleThread::HelpdeskDoubleThread(HelpdeskDouble::Vendor vendor) : m_double(new HelpdeskDouble(vendor))
{
    m_double->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_double, &QObject::deleteLater);
    m_thread.start();
    m_ok = call(
        [vendor](HelpdeskDouble &d) { return d.loadFixture(HelpdeskDouble::defaultFixture(vendor)) && d.listen(); });
    m_url = call([](HelpdeskDouble &d) { return d.url(); });
}

HelpdeskDoubleThread::~HelpdeskDoubleThread()
{
    m_thread.quit();
    m_thread.wait();
}

bool HelpdeskDouble::hasGroup(qint64 id) const
{
    return std::any_of(m_groups.begin(), m_groups.end(),
                       [id](const QJsonValue &g) { return g.toObject().value(u"id").toInteger() == id; });
}

// GET /api/v2/groups.json: offset pagination (page, per_page) with an absolute next_page URL, as Zendesk documents.
HelpdeskDouble::Response HelpdeskDouble::zdGroups(const QUrlQuery &query)
{
    // The double's page size caps per_page (a helpdesk may give fewer than asked), so paging is exercised.
    const int perPage = std::clamp(std::min(intParam(query, u"per_page"_s, 100), m_pageSize), 1, 100);
    const int page = std::max(1, intParam(query, u"page"_s, 1));
    QJsonArray out;
    const qint64 start = qint64(page - 1) * perPage;
    for (qint64 i = start; i < m_groups.size() && out.size() < perPage; ++i)
        out.append(m_groups.at(i));
    const bool more = start + perPage < m_groups.size();
    return json(QJsonObject{
        {u"groups"_s, out},
        {u"count"_s, m_groups.size()},
        {u"previous_page"_s, QJsonValue::Null},
        {u"next_page"_s,
         more ? QJsonValue(url().toString() + u"/api/v2/groups.json?page=%1&per_page=%2"_s.arg(page + 1).arg(perPage))
              : QJsonValue::Null}});
}

} // namespace understudy::test

// SPDX-License-Identifier: GPL-3.0-or-later
#include "RtConnector.h"

#include "Importers.h"

#include <understudy/Json.h>
#include <understudy/Text.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

namespace {

constexpr int kListPage = 100;         // REST2's largest per_page
constexpr qsizetype kMaxBody = 200000; // characters kept of one message body

using Handler = std::function<HelpdeskStatus(const HttpResponse &)>;

/// A call as a FIFO of requests, each with the handler of its answer; handlers may queue more (pages, details).
template <typename T> class QueueCall : public HelpdeskCall<T> {
public:
    std::optional<HttpRequest> nextRequest() override
    {
        if (m_queue.isEmpty())
            return std::nullopt;
        m_current = m_queue.takeFirst();
        ++this->m_requests;
        return m_current->first;
    }
    HelpdeskStatus handleResponse(const HttpResponse &response) override
    {
        if (!m_current)
            return HelpdeskError::make(HelpdeskError::Kind::Config, u"a response without a request"_s);
        Handler h = std::move(m_current->second);
        m_current.reset();
        return h(response);
    }

protected:
    void enqueue(HttpRequest request, Handler handler) { m_queue.append({std::move(request), std::move(handler)}); }

private:
    QList<std::pair<HttpRequest, Handler>> m_queue;
    std::optional<std::pair<HttpRequest, Handler>> m_current;
};

bool isSuccess(const HttpResponse &r)
{
    return r.status >= 200 && r.status < 300;
}

/// An error that ends the whole call (as opposed to one item's): auth, rate limit, server, network.
bool endsTheCall(const HelpdeskError &e)
{
    return e.kind == HelpdeskError::Kind::Auth || e.retryable();
}

HelpdeskResult<QJsonDocument> parseJson(const HttpResponse &r, const QString &what, const QString &itemId = {})
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return HelpdeskError::make(
            HelpdeskError::Kind::Malformed,
            u"%1: the answer is not JSON (%2 at byte %3)"_s.arg(what, pe.errorString()).arg(pe.offset), itemId);
    return doc;
}

HelpdeskResult<QJsonObject> parseObject(const HttpResponse &r, const QString &what, const QString &itemId = {})
{
    auto doc = parseJson(r, what, itemId);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return HelpdeskError::make(HelpdeskError::Kind::Malformed, u"%1: expected a JSON object"_s.arg(what), itemId);
    return doc->object();
}

/// The JSON object of a 2xx answer about item @p id; the HTTP error (for the item) otherwise.
HelpdeskResult<QJsonObject> readItem(const HttpResponse &r, const QString &what, const QString &id)
{
    if (!isSuccess(r)) {
        auto e = HelpdeskError::fromResponse(r, what);
        e.itemId = id;
        return e;
    }
    return parseObject(r, what, id);
}

/// "12" from a JSON value that RT writes as a string or a number; empty when neither.
QString idString(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    if (v.isObject())
        return idString(v.toObject().value(u"id"_s));
    return {};
}

QDateTime rtTime(const QJsonValue &v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QString percent(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

QString quoteSql(const QString &s)
{
    QString q = s;
    q.replace(u'\\', u"\\\\"_s);
    q.replace(u'\'', u"\\'"_s);
    return u"'"_s + q + u"'"_s;
}

QStringList cfValues(const QJsonArray &fields, const QString &name, bool *present = nullptr)
{
    for (const QJsonValue &v : fields) {
        const QJsonObject cf = v.toObject();
        if (cf.value(u"name"_s).toString() != name)
            continue;
        if (present)
            *present = true;
        QStringList out;
        for (const QJsonValue &x : cf.value(u"values"_s).toArray())
            out << x.toString();
        return out;
    }
    if (present)
        *present = false;
    return {};
}

/// The messages RT answers a PUT or POST with ("Status 'x' isn't a valid status…").
QStringList resultMessages(const HttpResponse &r)
{
    QStringList out;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    for (const QJsonValue &v : doc.array())
        out << v.toString();
    return out;
}

struct Cursor {
    QDateTime at; ///< invalid: from the start
    qint64 id = 0;
};

std::optional<Cursor> parseCursor(const HelpdeskCursor &c)
{
    if (c.isEmpty())
        return Cursor{};
    const QStringList parts = c.value.split(u'|');
    if (parts.size() != 2)
        return std::nullopt;
    Cursor out;
    out.at = QDateTime::fromString(parts[0], Qt::ISODate);
    bool ok = false;
    out.id = parts[1].toLongLong(&ok);
    if (!out.at.isValid() || !ok || out.id < 0)
        return std::nullopt;
    out.at = out.at.toUTC();
    return out;
}

HelpdeskCursor makeCursor(const QDateTime &at, qint64 id)
{
    return HelpdeskCursor{at.toUTC().toString(Qt::ISODate) + u'|' + QString::number(id)};
}

// ---------------------------------------------------------------------------------------------------------------
// Tickets: the search or GET /ticket/N, then each ticket's history, its bodies and its requester's record.

struct TicketWork {
    QString id;
    QJsonObject summary;
    QJsonArray history;
    QJsonArray attachments;
    std::optional<HelpdeskError> error;
    bool historyDone = false;
};

template <typename T> class TicketLoader : public QueueCall<T> {
protected:
    explicit TicketLoader(const RtConnector &rt) : m_rt(rt) {}

    /// Queues what ticket @p index needs after its summary is known.
    void loadDetails(qsizetype index)
    {
        const QString id = m_work[index].id;
        queueHistory(index, 1);
        queueAttachments(index, 1);
        for (const QJsonValue &r : m_work[index].summary.value(u"Requestor"_s).toArray()) {
            const QString name = idString(r);
            if (name.isEmpty() || m_users.contains(name) || m_userQueued.contains(name))
                continue;
            m_userQueued.insert(name);
            this->enqueue(m_rt.request("GET", u"/user/"_s + percent(name), u"RT: requester of ticket %1"_s.arg(id)),
                          [this, name](const HttpResponse &r) -> HelpdeskStatus {
                              if (r.status == 404) { // a user record we may not see: the ticket still reads
                                  m_users.insert(name, {});
                                  return helpdeskOk();
                              }
                              if (!isSuccess(r)) {
                                  const auto e = HelpdeskError::fromResponse(r, u"RT: user %1"_s.arg(name));
                                  if (endsTheCall(e))
                                      return e;
                                  m_users.insert(name, {});
                                  return helpdeskOk();
                              }
                              auto o = parseObject(r, u"RT: user %1"_s.arg(name));
                              m_users.insert(name, o ? o.value() : QJsonObject());
                              return helpdeskOk();
                          });
        }
    }

    HelpdeskStatus itemFailed(qsizetype index, HelpdeskError e)
    {
        if (endsTheCall(e))
            return e;
        e.itemId = m_work[index].id;
        if (!m_work[index].error)
            m_work[index].error = std::move(e);
        return helpdeskOk();
    }

    void queueHistory(qsizetype index, int page)
    {
        queueList(index, page,
                  {u"history"_s, u"Type,Creator,Created,CustomFields"_s, u"history"_s, &TicketWork::history,
                   &TicketWork::historyDone});
    }

    void queueAttachments(qsizetype index, int page)
    {
        queueList(index, page,
                  {u"attachments"_s, u"TransactionId,ContentType,Content,Filename"_s, u"messages"_s,
                   &TicketWork::attachments, nullptr});
    }

    /// One of a ticket's paged lists and where its items go.
    struct TicketList {
        QString name;   ///< "history", "attachments"
        QString fields; ///< the fields asked for
        QString what;   ///< for messages: "RT: <what> of ticket N"
        QJsonArray TicketWork::*items;
        bool TicketWork::*done; ///< set after the last page; nullptr: none. With one, an answer without "items" fails.
    };

    /// Queues page @p page of @p list of ticket @p index, and the pages after it.
    void queueList(qsizetype index, int page, const TicketList &list)
    {
        const QString id = m_work[index].id;
        const QString what = u"RT: %1 of ticket %2"_s.arg(list.what, id);
        const QString path =
            u"/ticket/%1/%2?fields=%3&per_page=%4&page=%5"_s.arg(id, list.name, list.fields).arg(kListPage).arg(page);
        this->enqueue(m_rt.request("GET", path, what),
                      [this, index, page, id, what, list](const HttpResponse &r) -> HelpdeskStatus {
                          if (!isSuccess(r))
                              return itemFailed(index, HelpdeskError::fromResponse(r, what));
                          auto o = parseObject(r, what, id);
                          if (!o)
                              return itemFailed(index, o.error());
                          const QJsonValue items = o->value(u"items"_s);
                          if (list.done && !items.isArray())
                              return itemFailed(index, HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                                                           what + u": no \"items\" list"_s));
                          for (const QJsonValue &v : items.toArray())
                              (m_work[index].*list.items).append(v);
                          if (page < o->value(u"pages"_s).toInt())
                              queueList(index, page + 1, list);
                          else if (list.done)
                              m_work[index].*list.done = true;
                          return helpdeskOk();
                      });
    }

    HelpdeskResult<HelpdeskTicket> build(const TicketWork &w) const
    {
        if (w.error)
            return *w.error;
        const QJsonObject &s = w.summary;
        const QString what = u"RT: ticket %1"_s.arg(w.id);
        auto malformed = [&](const QString &why) {
            return HelpdeskError::make(HelpdeskError::Kind::Malformed, what + u": "_s + why, w.id);
        };
        if (w.history.isEmpty())
            return HelpdeskError::make(HelpdeskError::Kind::NotFound,
                                       what + u": no history visible to this user (deleted or no rights)"_s, w.id);
        HelpdeskTicket t;
        t.externalId = w.id;
        t.helpdeskStatus = s.value(u"Status"_s).toString();
        if (t.helpdeskStatus.isEmpty())
            return malformed(u"no Status"_s);
        t.deleted = t.helpdeskStatus == u"deleted";
        t.updatedAt = rtTime(s.value(u"LastUpdated"_s));
        t.tags = cfValues(s.value(u"CustomFields"_s).toArray(), m_rt.config().tagsField);
        Ticket &tk = t.ticket;
        tk.id = m_rt.domainId(w.id);
        tk.subject = s.value(u"Subject"_s).toString();
        tk.status = RtConnector::domainStatus(t.helpdeskStatus);
        tk.createdAt = rtTime(s.value(u"Created"_s));

        QSet<QString> requestors;
        QString first;
        for (const QJsonValue &r : s.value(u"Requestor"_s).toArray()) {
            const QString name = idString(r);
            if (name.isEmpty())
                continue;
            requestors.insert(name);
            if (first.isEmpty())
                first = name;
        }
        if (!first.isEmpty()) {
            const QJsonObject u = m_users.value(first);
            tk.customer.id = first;
            tk.customer.email = u.value(u"EmailAddress"_s).toString();
            if (tk.customer.email.isEmpty() && first.contains(u'@'))
                tk.customer.email = first;
            tk.customer.name = u.value(u"RealName"_s).toString();
            t.organisation = u.value(u"Organization"_s).toString();
            tk.language = languageCode(u.value(u"Lang"_s).toString());
        }

        // Bodies by transaction: the first text/plain part without a file name, else the first text/html one.
        QHash<QString, QString> plain, html;
        for (const QJsonValue &v : w.attachments) {
            const QJsonObject a = v.toObject();
            if (!a.value(u"Filename"_s).toString().isEmpty())
                continue;
            const QString txn = idString(a.value(u"TransactionId"_s));
            const QString type = a.value(u"ContentType"_s).toString().toLower();
            if (type == u"text/plain" && !plain.contains(txn))
                plain.insert(txn, a.value(u"Content"_s).toString().left(kMaxBody));
            else if (type == u"text/html" && !html.contains(txn))
                html.insert(txn, a.value(u"Content"_s).toString().left(kMaxBody));
        }
        for (const QJsonValue &v : w.history) {
            const QJsonObject x = v.toObject();
            const QString type = x.value(u"Type"_s).toString();
            if (type != u"Create" && type != u"Correspond" && type != u"Comment")
                continue;
            const QString txn = idString(x.value(u"id"_s));
            HelpdeskMessage m;
            m.externalId = txn;
            m.internal = type == u"Comment";
            m.authorName = idString(x.value(u"Creator"_s));
            if (m.authorName.contains(u'@'))
                m.authorEmail = m.authorName;
            if (!m_rt.config().markerField.isEmpty()) {
                const QStringList keys = cfValues(x.value(u"CustomFields"_s).toArray(), m_rt.config().markerField);
                if (!keys.isEmpty())
                    m.idempotencyKey = keys.first();
            }
            QString body = plain.value(txn);
            if (body.isEmpty() && html.contains(txn))
                body = htmlToMarkdown(html.value(txn));
            m.message.body = body.trimmed();
            m.message.at = rtTime(x.value(u"Created"_s));
            const bool byCustomer = type == u"Create" || (type == u"Correspond" && requestors.contains(m.authorName));
            m.message.author = byCustomer ? u"customer"_s : u"agent"_s;
            if (m.message.body.isEmpty() && type != u"Create")
                continue; // a status change sent with an empty reply, or only attachments
            t.messages.append(m);
            if (!m.internal)
                tk.messages.append(m.message);
        }
        if (tk.language.isEmpty()) {
            QString text;
            for (const Message &m : tk.messages) {
                if (m.author == u"customer")
                    text += m.body + u'\n';
            }
            tk.language = detectLanguage(text);
        }
        return t;
    }

    const RtConnector &m_rt;
    QList<TicketWork> m_work;
    QHash<QString, QJsonObject> m_users;
    QSet<QString> m_userQueued;
};

class PullTicketsCall : public TicketLoader<TicketPage> {
public:
    PullTicketsCall(const RtConnector &rt, HelpdeskCursor since, int pageSize)
        : TicketLoader(rt), m_since(std::move(since)), m_pageSize(std::clamp(pageSize, 1, kListPage))
    {
        m_cursor = parseCursor(m_since);
        if (!m_cursor)
            return; // finished() says why
        const QString path =
            u"/tickets?query=%1&orderby=LastUpdated&order=ASC&orderby=id&order=ASC&per_page=%2&page=1"
            u"&fields=Subject,Status,LastUpdated,Created,Requestor,CustomFields"_s.arg(percent(rt.pullQuery(m_since)))
                .arg(m_pageSize);
        enqueue(rt.request("GET", path, u"RT: tickets changed since %1"_s.arg(m_since.value)),
                [this](const HttpResponse &r) { return searched(r); });
    }

    HelpdeskStatus finished() override
    {
        if (!m_cursor)
            return HelpdeskError::make(HelpdeskError::Kind::Config,
                                       u"RT: cursor \"%1\" was not made by the RT connector"_s.arg(m_since.value));
        return helpdeskOk();
    }

    TicketPage take() override
    {
        TicketPage page;
        page.next = m_since;
        page.more = m_more;
        for (const TicketWork &w : std::as_const(m_work)) {
            auto t = build(w);
            if (t)
                page.tickets.append(std::move(t).value());
            else
                page.itemErrors.append({w.id, t.error()});
        }
        if (m_last.at.isValid())
            page.next = makeCursor(m_last.at, m_more ? m_last.id : 0);
        return page;
    }

private:
    HelpdeskStatus searched(const HttpResponse &r)
    {
        const QString what = u"RT: ticket search"_s;
        if (!isSuccess(r))
            return HelpdeskError::fromResponse(r, what);
        auto o = parseObject(r, what);
        if (!o)
            return o.error();
        const QJsonValue items = o->value(u"items"_s);
        if (!items.isArray())
            return HelpdeskError::make(HelpdeskError::Kind::Malformed, what + u": no \"items\" list"_s);
        const QJsonArray list = items.toArray();
        m_more = o->value(u"total"_s).toInt() > list.size() || o->contains(u"next_page"_s);
        m_last = *m_cursor;
        for (const QJsonValue &v : list) {
            const QJsonObject s = v.toObject();
            TicketWork w;
            w.id = idString(s.value(u"id"_s));
            w.summary = s;
            const QDateTime at = rtTime(s.value(u"LastUpdated"_s));
            if (w.id.isEmpty() || !at.isValid()) {
                // Without an id and a time it cannot be named nor passed by the cursor: the list is unreadable.
                return HelpdeskError::make(
                    HelpdeskError::Kind::Malformed,
                    what + u": an item without id or LastUpdated: "_s +
                        QString::fromUtf8(QJsonDocument(s).toJson(QJsonDocument::Compact)).left(200));
            }
            m_last = Cursor{at, w.id.toLongLong()};
            m_work.append(std::move(w));
            loadDetails(m_work.size() - 1);
        }
        return helpdeskOk();
    }

    HelpdeskCursor m_since;
    int m_pageSize;
    std::optional<Cursor> m_cursor;
    Cursor m_last;
    bool m_more = false;
};

class FetchTicketCall : public TicketLoader<HelpdeskTicket> {
public:
    FetchTicketCall(const RtConnector &rt, const QString &id) : TicketLoader(rt)
    {
        TicketWork w;
        w.id = id;
        m_work.append(w);
        enqueue(rt.request("GET", u"/ticket/"_s + percent(id), u"RT: ticket %1"_s.arg(id)),
                [this, id](const HttpResponse &r) -> HelpdeskStatus {
                    const QString what = u"RT: ticket %1"_s.arg(id);
                    auto o = readItem(r, what, id);
                    if (!o)
                        return o.error();
                    if (o->value(u"Status"_s).toString() == u"deleted")
                        return HelpdeskError::make(HelpdeskError::Kind::NotFound, what + u": deleted in RT"_s, id);
                    m_work[0].summary = o.value();
                    loadDetails(0);
                    return helpdeskOk();
                });
    }
    HelpdeskStatus finished() override
    {
        auto t = build(m_work[0]);
        if (!t)
            return t.error();
        m_ticket = std::move(t).value();
        return helpdeskOk();
    }
    HelpdeskTicket take() override { return std::move(m_ticket); }

private:
    HelpdeskTicket m_ticket;
};

// ---------------------------------------------------------------------------------------------------------------
// Replies

template <typename T> class ReplyFinder : public QueueCall<T> {
protected:
    using Found = std::function<HelpdeskStatus(std::optional<PostedReply>)>;

    ReplyFinder(const RtConnector &rt) : m_rt(rt) {}

    void find(ReplyLookup lookup, Found found)
    {
        m_lookup = std::move(lookup);
        m_found = std::move(found);
        queueHistory(1);
    }

    const RtConnector &m_rt;

private:
    QString what() const { return u"RT: replies of ticket %1"_s.arg(m_lookup.ticketExternalId); }

    void queueHistory(int page)
    {
        const QString path = u"/ticket/%1/history?fields=Type,Creator,Created,CustomFields&per_page=%2&page=%3"_s
                                 .arg(percent(m_lookup.ticketExternalId))
                                 .arg(kListPage)
                                 .arg(page);
        this->enqueue(m_rt.request("GET", path, what()), [this, page](const HttpResponse &r) -> HelpdeskStatus {
            if (!isSuccess(r)) {
                auto e = HelpdeskError::fromResponse(r, what());
                e.itemId = m_lookup.ticketExternalId;
                return e;
            }
            auto o = parseObject(r, what(), m_lookup.ticketExternalId);
            if (!o)
                return o.error();
            const QString wanted = m_lookup.internal ? u"Comment"_s : u"Correspond"_s;
            for (const QJsonValue &v : o->value(u"items"_s).toArray()) {
                const QJsonObject x = v.toObject();
                if (x.value(u"Type"_s).toString() != wanted)
                    continue;
                const QString txn = idString(x.value(u"id"_s));
                const QDateTime at = rtTime(x.value(u"Created"_s));
                if (!m_lookup.idempotencyKey.isEmpty() && !m_rt.config().markerField.isEmpty() &&
                    cfValues(x.value(u"CustomFields"_s).toArray(), m_rt.config().markerField)
                        .contains(m_lookup.idempotencyKey)) {
                    PostedReply p{txn, at, true, false, {}};
                    return finish(p);
                }
                const QString author = m_lookup.author.isEmpty() ? m_rt.config().user : m_lookup.author;
                const bool inWindow = !m_lookup.around.isValid() ||
                                      std::abs(m_lookup.around.secsTo(at)) <= qint64(m_lookup.windowSeconds);
                if (inWindow && (author.isEmpty() || idString(x.value(u"Creator"_s)) == author))
                    m_candidates.insert(txn, at);
            }
            if (page < o->value(u"pages"_s).toInt()) {
                queueHistory(page + 1);
                return helpdeskOk();
            }
            if (m_lookup.body.isEmpty() || m_candidates.isEmpty())
                return finish(std::nullopt);
            queueBodies(1);
            return helpdeskOk();
        });
    }

    void queueBodies(int page)
    {
        const QString path =
            u"/ticket/%1/attachments?fields=TransactionId,ContentType,Content,Filename&per_page=%2&page=%3"_s
                .arg(percent(m_lookup.ticketExternalId))
                .arg(kListPage)
                .arg(page);
        this->enqueue(m_rt.request("GET", path, what()), [this, page](const HttpResponse &r) -> HelpdeskStatus {
            if (!isSuccess(r))
                return HelpdeskError::fromResponse(r, what());
            auto o = parseObject(r, what(), m_lookup.ticketExternalId);
            if (!o)
                return o.error();
            const QString want = normalisedReplyText(m_lookup.body);
            for (const QJsonValue &v : o->value(u"items"_s).toArray()) {
                const QJsonObject a = v.toObject();
                const QString txn = idString(a.value(u"TransactionId"_s));
                if (!m_candidates.contains(txn) || a.value(u"ContentType"_s).toString() != u"text/plain")
                    continue;
                if (normalisedReplyText(a.value(u"Content"_s).toString()) == want)
                    return finish(PostedReply{txn, m_candidates.value(txn), true, true, {}});
            }
            if (page < o->value(u"pages"_s).toInt()) {
                queueBodies(page + 1);
                return helpdeskOk();
            }
            return finish(std::nullopt);
        });
    }

    HelpdeskStatus finish(std::optional<PostedReply> p)
    {
        Found f = std::move(m_found);
        return f(std::move(p));
    }

    ReplyLookup m_lookup;
    Found m_found;
    QHash<QString, QDateTime> m_candidates;
};

class FindReplyCall : public ReplyFinder<std::optional<PostedReply>> {
public:
    FindReplyCall(const RtConnector &rt, ReplyLookup lookup) : ReplyFinder(rt)
    {
        find(std::move(lookup), [this](std::optional<PostedReply> p) {
            m_result = std::move(p);
            return helpdeskOk();
        });
    }
    std::optional<PostedReply> take() override { return std::move(m_result); }

private:
    std::optional<PostedReply> m_result;
};

class PostReplyCall : public ReplyFinder<PostedReply> {
public:
    PostReplyCall(const RtConnector &rt, OutgoingReply reply, bool lookupFirst) : ReplyFinder(rt), m_reply(reply)
    {
        if (m_reply.body.trimmed().isEmpty()) {
            m_invalid = u"RT: an empty reply to ticket %1 is not sent"_s.arg(m_reply.ticketExternalId);
            return;
        }
        if (!lookupFirst) {
            queuePost();
            return;
        }
        const ReplyLookup l = ReplyLookup::of(m_reply);
        find(l, [this](std::optional<PostedReply> p) -> HelpdeskStatus {
            if (p) {
                m_result = *p;
                m_done = true;
            } else {
                queuePost();
            }
            return helpdeskOk();
        });
    }
    HelpdeskStatus finished() override
    {
        if (!m_invalid.isEmpty())
            return HelpdeskError::make(HelpdeskError::Kind::Rejected, m_invalid, m_reply.ticketExternalId);
        if (!m_done)
            return HelpdeskError::make(HelpdeskError::Kind::Config, u"RT: the reply call ended without an answer"_s);
        return helpdeskOk();
    }
    PostedReply take() override { return m_result; }

private:
    void queuePost()
    {
        const QString id = m_reply.ticketExternalId;
        const QString kind = m_reply.internal ? u"comment"_s : u"correspond"_s;
        HttpRequest req = m_rt.request("POST", u"/ticket/%1/%2"_s.arg(percent(id), kind),
                                       u"RT: %1 on ticket %2"_s.arg(m_reply.internal ? u"note"_s : u"reply"_s, id));
        req.idempotent = false;
        QJsonObject body{{u"Content"_s, m_reply.body}, {u"ContentType"_s, u"text/plain"_s}};
        if (!m_rt.config().markerField.isEmpty() && !m_reply.idempotencyKey.isEmpty())
            body.insert(u"TxnCustomFields"_s, QJsonObject{{m_rt.config().markerField, m_reply.idempotencyKey}});
        const QString status = RtConnector::rtStatus(m_reply.statusAfter);
        if (!status.isEmpty())
            body.insert(u"Status"_s, status);
        req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        enqueue(req, [this, id](const HttpResponse &r) -> HelpdeskStatus {
            const QString what = u"RT: posting a %1 to ticket %2"_s.arg(m_reply.internal ? u"note"_s : u"reply"_s, id);
            if (!isSuccess(r)) {
                auto e = HelpdeskError::fromResponse(r, what, false);
                e.itemId = id;
                return e;
            }
            // Location: /REST/2.0/transaction/N
            const QByteArray loc = r.header("Location");
            m_result.externalId = QString::fromLatin1(loc.mid(loc.lastIndexOf('/') + 1));
            const QDateTime date = parseHttpDate(r.header("Date"));
            m_result.at = date.isValid() ? date.toUTC() : QDateTime::currentDateTimeUtc();
            for (const QString &m : resultMessages(r)) {
                if (m.contains(u"Unable to load transaction custom field"_s) ||
                    m.contains(u"Permission Denied"_s, Qt::CaseInsensitive))
                    m_result.warning = u"%1: posted, but RT said \"%2\": the idempotency marker is not kept (create "
                                       "the transaction custom field \"%3\")"_s.arg(what, m, m_rt.config().markerField);
            }
            m_done = true;
            return helpdeskOk();
        });
    }

    OutgoingReply m_reply;
    PostedReply m_result;
    bool m_done = false;
    QString m_invalid;
};

// ---------------------------------------------------------------------------------------------------------------
// Status, tags, access

class SimpleCall : public QueueCall<Ok> {
public:
    using QueueCall::enqueue;
    Ok take() override { return {}; }
    HelpdeskStatus finished() override
    {
        if (m_error)
            return *m_error;
        return helpdeskOk();
    }
    std::optional<HelpdeskError> m_error;
};

class UnsupportedArticles : public HelpdeskCall<ArticlePage> {
public:
    std::optional<HttpRequest> nextRequest() override { return std::nullopt; }
    HelpdeskStatus handleResponse(const HttpResponse &) override { return helpdeskOk(); }
    HelpdeskStatus finished() override
    {
        return HelpdeskError::make(HelpdeskError::Kind::Unsupported,
                                   u"Request Tracker has no help-centre articles with locales to pull; import the "
                                   "knowledge base from files (understudyctl import kb)"_s);
    }
    ArticlePage take() override { return {}; }
};

} // namespace

RtConnector::RtConnector(HelpdeskConfig config) : HelpdeskConnector(std::move(config))
{
    if (m_config.idPrefix.isEmpty())
        m_config.idPrefix = u"rt-"_s;
}

HttpRequest RtConnector::request(const QByteArray &method, const QString &path, const QString &purpose) const
{
    HttpRequest r;
    r.method = method;
    r.pathAndQuery = u"/REST/2.0"_s + path;
    r.purpose = purpose;
    r.idempotent = method != "POST";
    if (m_config.user.isEmpty())
        r.headers.append({"Authorization", "token " + m_config.secret.toUtf8()});
    else
        r.headers.append({"Authorization", "Basic " + (m_config.user + u':' + m_config.secret).toUtf8().toBase64()});
    return r;
}

QString RtConnector::domainId(const QString &externalId) const
{
    return m_config.idPrefix + externalId;
}

QString RtConnector::rtStatus(const QString &s)
{
    if (s == u"open")
        return u"open"_s;
    if (s == u"pending")
        return u"stalled"_s;
    if (s == u"resolved" || s == u"closed")
        return u"resolved"_s;
    return {};
}

QString RtConnector::domainStatus(const QString &s)
{
    if (s == u"stalled")
        return u"pending"_s;
    if (s == u"resolved")
        return u"resolved"_s;
    if (s == u"rejected" || s == u"deleted")
        return u"closed"_s;
    return u"open"_s; // new, open and custom lifecycle states
}

QString RtConnector::pullQuery(const HelpdeskCursor &since) const
{
    const auto c = parseCursor(since);
    QString q;
    if (!c || !c->at.isValid()) {
        q = u"id > 0"_s;
    } else {
        // RT reads a quoted date in the user's time zone and compares whole seconds; "=" would mean the whole day.
        const QTimeZone tz = m_config.timezone.isEmpty() ? QTimeZone::utc() : QTimeZone(m_config.timezone.toUtf8());
        const auto fmt = [&](const QDateTime &t) {
            return quoteSql(t.toTimeZone(tz.isValid() ? tz : QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm:ss"_s));
        };
        const QDateTime next = c->at.addSecs(1);
        q = u"(LastUpdated >= %1 OR (LastUpdated >= %2 AND LastUpdated < %1 AND id > %3))"_s.arg(fmt(next), fmt(c->at))
                .arg(c->id);
    }
    if (!m_config.queue.isEmpty())
        q = u"Queue = %1 AND %2"_s.arg(quoteSql(m_config.queue), q);
    return q;
}

HelpdeskCallPtr<Ok> RtConnector::checkAccess()
{
    auto call = std::make_unique<SimpleCall>();
    SimpleCall *c = call.get();
    call->enqueue(request("GET", u"/rt"_s, u"RT: access check"_s), [c](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r))
            return HelpdeskError::fromResponse(r, u"RT: access check"_s);
        auto o = parseObject(r, u"RT: access check"_s);
        if (!o)
            return o.error();
        if (!o->contains(u"Version"_s))
            c->m_error = HelpdeskError::make(HelpdeskError::Kind::Config,
                                             u"RT: the base URL does not answer like RT's REST2 (no Version)"_s);
        return helpdeskOk();
    });
    return call;
}

HelpdeskCallPtr<TicketPage> RtConnector::pullTickets(const HelpdeskCursor &since, int pageSize)
{
    return std::make_unique<PullTicketsCall>(*this, since, pageSize);
}

HelpdeskCallPtr<HelpdeskTicket> RtConnector::fetchTicket(const QString &externalId)
{
    return std::make_unique<FetchTicketCall>(*this, externalId);
}

HelpdeskCallPtr<ArticlePage> RtConnector::pullArticles(const HelpdeskCursor &, int)
{
    return std::make_unique<UnsupportedArticles>();
}

HelpdeskCallPtr<PostedReply> RtConnector::postReply(const OutgoingReply &reply, bool lookupFirst)
{
    return std::make_unique<PostReplyCall>(*this, reply, lookupFirst);
}

HelpdeskCallPtr<std::optional<PostedReply>> RtConnector::findReply(const ReplyLookup &lookup)
{
    return std::make_unique<FindReplyCall>(*this, lookup);
}

HelpdeskCallPtr<Ok> RtConnector::setStatus(const QString &id, const QString &status)
{
    auto call = std::make_unique<SimpleCall>();
    const QString rt = rtStatus(status);
    if (rt.isEmpty()) {
        call->m_error =
            HelpdeskError::make(HelpdeskError::Kind::Rejected,
                                u"RT: no RT status for \"%1\" (open, pending, resolved, closed)"_s.arg(status), id);
        return call;
    }
    HttpRequest req = request("PUT", u"/ticket/"_s + percent(id), u"RT: status of ticket %1"_s.arg(id));
    req.body = QJsonDocument(QJsonObject{{u"Status"_s, rt}}).toJson(QJsonDocument::Compact);
    call->enqueue(req, [id](const HttpResponse &r) -> HelpdeskStatus {
        const QString what = u"RT: setting the status of ticket %1"_s.arg(id);
        if (!isSuccess(r)) {
            auto e = HelpdeskError::fromResponse(r, what);
            e.itemId = id;
            return e;
        }
        for (const QString &m : resultMessages(r)) {
            if (m.contains(u"isn't a valid status"_s) || m.contains(u"Permission Denied"_s, Qt::CaseInsensitive))
                return HelpdeskError::make(HelpdeskError::Kind::Rejected, what + u": RT said \""_s + m + u'"', id);
        }
        return helpdeskOk();
    });
    return call;
}

HelpdeskCallPtr<Ok> RtConnector::addTags(const QString &id, const QStringList &tags)
{
    auto call = std::make_unique<SimpleCall>();
    SimpleCall *c = call.get();
    const QString field = m_config.tagsField;
    call->enqueue(request("GET", u"/ticket/"_s + percent(id), u"RT: tags of ticket %1"_s.arg(id)),
                  [this, c, id, tags, field](const HttpResponse &r) -> HelpdeskStatus {
                      const QString what = u"RT: tags of ticket %1"_s.arg(id);
                      auto o = readItem(r, what, id);
                      if (!o)
                          return o.error();
                      bool present = false;
                      QStringList values = cfValues(o->value(u"CustomFields"_s).toArray(), field, &present);
                      if (!present)
                          return HelpdeskError::make(
                              HelpdeskError::Kind::Config,
                              u"%1: RT has no ticket custom field \"%2\" on this ticket's queue; RT has no tags of its "
                              "own, so create a multi-value freeform ticket custom field named \"%2\" and apply it to "
                              "the queue"_s.arg(what, field),
                              id);
                      const qsizetype before = values.size();
                      for (const QString &t : tags) {
                          if (!t.trimmed().isEmpty() && !values.contains(t.trimmed()))
                              values << t.trimmed();
                      }
                      if (values.size() == before)
                          return helpdeskOk();
                      HttpRequest put = request("PUT", u"/ticket/"_s + percent(id), what);
                      put.body = QJsonDocument(QJsonObject{{u"CustomFields"_s,
                                                            QJsonObject{{field, QJsonArray::fromStringList(values)}}}})
                                     .toJson(QJsonDocument::Compact);
                      c->enqueue(put, [id, what](const HttpResponse &r2) -> HelpdeskStatus {
                          if (!isSuccess(r2)) {
                              auto e = HelpdeskError::fromResponse(r2, what);
                              e.itemId = id;
                              return e;
                          }
                          return helpdeskOk();
                      });
                      return helpdeskOk();
                  });
    return call;
}

} // namespace understudy::connectors

namespace understudy::connectors {

HelpdeskCallPtr<Ok> RtConnector::setHandoff(const QString &id, const HelpdeskHandoff &handoff)
{
    auto call = std::make_unique<SimpleCall>();
    const QString what = u"RT: hand-off of ticket %1"_s.arg(id);
    // RT's priorities are numbers; RT 5's default names (%PriorityAsString) are Low 0, Medium 50, High 100, so
    // "urgent" is High too. A number is RT's own.
    const QString name = handoff.priority.trimmed().toLower();
    static const QHash<QString, int> named{
        {u"low"_s, 0}, {u"normal"_s, 50}, {u"medium"_s, 50}, {u"high"_s, 100}, {u"urgent"_s, 100}};
    QJsonObject body;
    if (!name.isEmpty()) {
        bool numeric = false;
        const int n = name.toInt(&numeric);
        if (!numeric && !named.contains(name)) {
            call->m_error = HelpdeskError::make(
                HelpdeskError::Kind::Rejected,
                u"%1: no RT priority for \"%2\" (low, normal, high, urgent or a number)"_s.arg(what, handoff.priority),
                id);
            return call;
        }
        body.insert(u"Priority"_s, numeric ? n : named.value(name));
    }
    if (!handoff.group.trimmed().isEmpty())
        body.insert(u"Queue"_s, handoff.group.trimmed());
    if (body.isEmpty())
        return call;
    HttpRequest req = request("PUT", u"/ticket/"_s + percent(id), what);
    req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    call->enqueue(req, [id, what](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r)) {
            auto e = HelpdeskError::fromResponse(r, what);
            e.itemId = id;
            return e;
        }
        // RT answers 200 with one message per field; a queue it cannot move to is said there.
        for (const QString &m : resultMessages(r)) {
            // e.g. "Ticket 1: Queue No Such Queue does not exist" (RT 5.0.3 answers 200 with it)
            if (m.contains(u"Permission Denied"_s, Qt::CaseInsensitive) || m.contains(u"does not exist"_s) ||
                m.contains(u"not found"_s) || m.contains(u"Could not"_s) || m.contains(u"Illegal"_s) ||
                m.contains(u"invalid"_s, Qt::CaseInsensitive))
                return HelpdeskError::make(HelpdeskError::Kind::Rejected, what + u": RT said \""_s + m + u'"', id);
        }
        return helpdeskOk();
    });
    return call;
}

} // namespace understudy::connectors

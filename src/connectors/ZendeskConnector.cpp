// SPDX-License-Identifier: GPL-3.0-or-later
#include "ZendeskConnector.h"

#include "HelpdeskCallSupport.h"
#include "ImporterSupport.h"
#include "Importers.h"

#include <QHash>
#include <QSet>
#include <QUrl>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

using namespace detail;

namespace {

const QString kTicketCursor = u"zendesk:c:"_s;
const QString kArticleCursor = u"zendesk:a:"_s;
const QString kKeyField = u"understudy_key"_s;

using Index = QHash<QString, QJsonObject>;

void indexById(Index &index, const QJsonValue &list)
{
    for (const QJsonValue &v : list.toArray()) {
        const QString id = jsonId(v.toObject().value(u"id"));
        if (!id.isEmpty())
            index.insert(id, v.toObject());
    }
}

QString tierOf(const QJsonObject &organization)
{
    const QJsonValue field = organization.value(u"organization_fields").toObject().value(u"tier");
    if (field.isString() && !field.toString().trimmed().isEmpty())
        return field.toString().trimmed().toLower();
    static const QStringList tiers{u"enterprise"_s, u"pro"_s, u"free"_s};
    for (const QJsonValue &tag : organization.value(u"tags").toArray())
        if (tiers.contains(tag.toString().toLower()))
            return tag.toString().toLower();
    return {};
}

QString commentText(const QJsonObject &comment)
{
    const QString body = comment.value(u"body").toString().trimmed();
    if (!body.isEmpty())
        return body;
    return htmlToMarkdown(comment.value(u"html_body").toString());
}

using Context = RestContext;

/// Zendesk's requests: basic auth "{email}/token:{token}", JSON answers.
Context contextOf(const HelpdeskConfig &config, const QString &prefix)
{
    return Context{prefix, config.baseUrl, basicAuthorization(config.user + u"/token"_s, config.secret),
                   "application/json"};
}

HelpdeskResult<HelpdeskTicket> convertTicket(const QJsonObject &raw, const QJsonArray &comments, const Index &users,
                                             const Index &orgs, const QString &prefix)
{
    HelpdeskTicket out;
    out.externalId = jsonId(raw.value(u"id"));
    const QString what = u"Zendesk: ticket %1"_s.arg(out.externalId);
    const QString requesterId = jsonId(raw.value(u"requester_id"));
    const QJsonObject user = users.value(requesterId);
    const QJsonObject org = orgs.value(jsonId(raw.value(u"organization_id")));

    // The importer reads Zendesk's export shape: the ticket with its requester, organisation and comments inline.
    QJsonObject assembled = raw;
    QJsonObject requester{{u"id"_s, requesterId}};
    for (const char16_t *key : {u"name", u"email", u"locale"})
        if (user.value(QStringView(key)).isString())
            requester.insert(QStringView(key), user.value(QStringView(key)));
    assembled.insert(u"requester", requester);
    assembled.insert(u"organization", QJsonObject{{u"tier"_s, tierOf(org)}});
    assembled.insert(u"comments", comments);
    assembled.remove(u"intent");
    auto tickets =
        detail::zendeskTicketsFromJson(QJsonDocument(QJsonObject{{u"tickets"_s, QJsonArray{assembled}}}), what);
    if (!tickets)
        return HelpdeskError::make(HelpdeskError::Kind::Malformed, what + u": "_s + tickets.error().message,
                                   out.externalId);
    out.ticket = tickets->first();
    out.ticket.id = prefix + out.externalId;
    out.helpdeskStatus = raw.value(u"status").toString();
    out.ticket.status = ZendeskConnector::domainStatus(out.helpdeskStatus);
    out.updatedAt = jsonTime(raw.value(u"updated_at"));
    out.organisation = org.value(u"name").toString();
    for (const QJsonValue &tag : raw.value(u"tags").toArray())
        out.tags << tag.toString();
    for (const QJsonValue &v : comments) {
        const QJsonObject c = v.toObject();
        const QString text = commentText(c);
        if (text.isEmpty())
            continue;
        const QString author = jsonId(c.value(u"author_id"));
        HelpdeskMessage m;
        m.externalId = jsonId(c.value(u"id"));
        m.internal = c.value(u"public").isBool() && !c.value(u"public").toBool();
        m.authorName = users.value(author).value(u"name").toString();
        m.authorEmail = users.value(author).value(u"email").toString();
        m.idempotencyKey = findIdempotencyMarker(text);
        m.message = Message{author == requesterId ? u"customer"_s : u"agent"_s, text, jsonTime(c.value(u"created_at"))};
        out.messages << m;
    }
    return out;
}

HelpdeskTicket deletedTicket(const QJsonObject &raw, const QString &prefix)
{
    HelpdeskTicket out;
    out.externalId = jsonId(raw.value(u"id"));
    out.deleted = true;
    out.helpdeskStatus = u"deleted"_s;
    out.updatedAt = jsonTime(raw.value(u"updated_at"));
    out.ticket.id = prefix + out.externalId;
    out.ticket.subject = raw.value(u"subject").toString();
    out.ticket.status = u"closed"_s;
    return out;
}

/// Reads every page of a ticket's comments, then hands the ticket (or the reason it cannot be read) to @p done.
/// @p done returns the status the call goes on with.
template <typename T>
void queueComments(StepCall<T> *call, const Context &ctx, QJsonObject raw, std::shared_ptr<Index> users,
                   std::shared_ptr<Index> orgs, std::function<HelpdeskStatus(HelpdeskResult<HelpdeskTicket>)> done,
                   std::shared_ptr<QJsonArray> acc = {}, const QString &after = {})
{
    if (!acc)
        acc = std::make_shared<QJsonArray>();
    const QString id = jsonId(raw.value(u"id"));
    QString path = u"/api/v2/tickets/%1/comments.json?page%5Bsize%5D=100"_s.arg(id);
    if (!after.isEmpty())
        path += u"&page%5Bafter%5D="_s + percentEncoded(after);
    const QString what = u"Zendesk: comments of ticket %1"_s.arg(id);
    HttpRequest req = ctx.request("GET", path, what);
    auto handler = [call, ctx, raw, users, orgs, done, acc, id, what](const HttpResponse &r) -> HelpdeskStatus {
        if (r.status == 404)
            return done(HelpdeskError::make(HelpdeskError::Kind::NotFound,
                                            u"Zendesk: ticket %1 is gone (deleted?): its comments answer 404"_s.arg(id),
                                            id));
        if (!isSuccess(r)) {
            HelpdeskError e = HelpdeskError::fromResponse(r, what);
            e.itemId = id;
            if (stopsTheCall(e))
                return e;
            return done(e);
        }
        auto doc = readJson(r, what);
        if (!doc) {
            HelpdeskError e = doc.error();
            e.itemId = id;
            return done(e);
        }
        const QJsonObject o = doc->object();
        if (!o.value(u"comments").isArray())
            return done(HelpdeskError::make(HelpdeskError::Kind::Malformed, what + u": no \"comments\" array"_s, id));
        for (const QJsonValue &c : o.value(u"comments").toArray())
            acc->append(c);
        const QJsonObject meta = o.value(u"meta").toObject();
        const QString next = meta.value(u"after_cursor").toString();
        if (meta.value(u"has_more").toBool() && !next.isEmpty()) {
            queueComments<T>(call, ctx, raw, users, orgs, done, acc, next);
            return helpdeskOk();
        }
        return done(convertTicket(raw, *acc, *users, *orgs, ctx.prefix));
    };
    if (after.isEmpty())
        call->then(std::move(req), std::move(handler));
    else
        call->next(std::move(req), std::move(handler));
}

struct ArticleCursor {
    qint64 start = 0;
    QSet<QString> seen; ///< article ids taken whose last change was at `start`

    QString encode() const
    {
        QStringList ids(seen.begin(), seen.end());
        ids.sort();
        return kArticleCursor + QString::number(start) + u':' + ids.join(u',');
    }
    static std::optional<ArticleCursor> decode(const QString &value)
    {
        ArticleCursor c;
        if (value.isEmpty())
            return c;
        if (!value.startsWith(kArticleCursor))
            return std::nullopt;
        const QStringList parts = value.mid(kArticleCursor.size()).split(u':');
        bool ok = false;
        c.start = parts.value(0).toLongLong(&ok);
        if (!ok || parts.size() != 2)
            return std::nullopt;
        for (const QString &id : parts[1].split(u',', Qt::SkipEmptyParts))
            c.seen.insert(id);
        return c;
    }
};

} // namespace

ZendeskConnector::ZendeskConnector(HelpdeskConfig config) : HelpdeskConnector(std::move(config))
{
    if (m_config.kind.isEmpty())
        m_config.kind = kind();
}

QString ZendeskConnector::prefix() const
{
    return m_config.idPrefix.isEmpty() ? kind() + u'-' : m_config.idPrefix;
}

HttpRequest ZendeskConnector::request(QByteArray method, QString pathAndQuery, QString purpose) const
{
    return contextOf(m_config, prefix()).request(std::move(method), std::move(pathAndQuery), std::move(purpose));
}

QString ZendeskConnector::zendeskStatus(const QString &domainStatus)
{
    const QString s = domainStatus.trimmed().toLower();
    if (s == u"resolved" || s == u"closed" || s == u"solved")
        return u"solved"_s;
    return s;
}

QString ZendeskConnector::domainStatus(const QString &zendeskStatus)
{
    const QString s = zendeskStatus.trimmed().toLower();
    if (s == u"new" || s == u"open" || s.isEmpty())
        return u"open"_s;
    if (s == u"pending" || s == u"hold")
        return u"pending"_s;
    if (s == u"solved")
        return u"resolved"_s;
    if (s == u"closed" || s == u"deleted")
        return u"closed"_s;
    return u"open"_s;
}

HelpdeskCallPtr<Ok> ZendeskConnector::checkAccess()
{
    auto call = std::make_unique<StepCall<Ok>>();
    call->then(request("GET", u"/api/v2/users/me.json"_s, u"Zendesk: who am I"_s), [](const HttpResponse &r) {
        const QString what = u"Zendesk: the integration's user"_s;
        if (!isSuccess(r))
            return HelpdeskStatus(HelpdeskError::fromResponse(r, what));
        auto doc = readJson(r, what);
        if (!doc)
            return HelpdeskStatus(doc.error());
        if (jsonId(doc->object().value(u"user").toObject().value(u"id")).isEmpty())
            return HelpdeskStatus(HelpdeskError::make(HelpdeskError::Kind::Auth,
                                                      what + u": the credentials were not accepted (anonymous)"_s));
        return helpdeskOk();
    });
    return call;
}

HelpdeskCallPtr<TicketPage> ZendeskConnector::pullTickets(const HelpdeskCursor &since, int pageSize)
{
    const Context ctx = contextOf(m_config, prefix());
    QString position = u"start_time=0"_s;
    if (!since.isEmpty()) {
        if (!since.value.startsWith(kTicketCursor) || since.value.size() == kTicketCursor.size())
            return failingCall<TicketPage>(badCursor(u"Zendesk"_s, since.value));
        position = u"cursor="_s + percentEncoded(since.value.mid(kTicketCursor.size()));
    }
    auto call = pageCall<TicketPage>(since);
    StepCall<TicketPage> *c = call.get();
    auto page = c->result();
    const QString what = u"Zendesk: tickets changed since the cursor"_s;
    const QString path = u"/api/v2/incremental/tickets/cursor.json?%1&per_page=%2&include=users,organizations"_s.arg(
        position, QString::number(std::clamp(pageSize, 1, 1000)));
    c->then(ctx.request("GET", path, what), [c, ctx, page, since, what](const HttpResponse &r) -> HelpdeskStatus {
        auto answer = readListAnswer(r, what, u"tickets"_s);
        if (!answer)
            return answer.error();
        const QJsonObject o = answer.value();
        const QString after = o.value(u"after_cursor").toString();
        const QJsonArray tickets = o.value(u"tickets").toArray();
        if (after.isEmpty() && !tickets.isEmpty())
            return HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                       what + u": tickets without an after_cursor to resume from"_s);
        if (!after.isEmpty())
            page->next = HelpdeskCursor{kTicketCursor + after};
        page->more = !after.isEmpty() && !o.value(u"end_of_stream").toBool(true);
        auto users = std::make_shared<Index>();
        auto orgs = std::make_shared<Index>();
        indexById(*users, o.value(u"users"));
        indexById(*orgs, o.value(u"organizations"));
        for (qsizetype i = 0; i < tickets.size(); ++i) {
            const QJsonObject raw = tickets[i].toObject();
            const QString id = jsonId(raw.value(u"id"));
            if (id.isEmpty()) {
                const QString where = u"entry %1"_s.arg(i + 1);
                page->itemErrors << ItemError{
                    where, HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                               what + u": "_s + where + u" is not a ticket with an id"_s, where)};
                continue;
            }
            if (raw.value(u"status").toString() == u"deleted") {
                page->tickets << deletedTicket(raw, ctx.prefix);
                continue;
            }
            queueComments<TicketPage>(c, ctx, raw, users, orgs, intoPage(page));
        }
        return helpdeskOk();
    });
    return call;
}

HelpdeskCallPtr<HelpdeskTicket> ZendeskConnector::fetchTicket(const QString &externalId)
{
    const Context ctx = contextOf(m_config, prefix());
    auto call = std::make_unique<StepCall<HelpdeskTicket>>();
    StepCall<HelpdeskTicket> *c = call.get();
    auto result = c->result();
    const QString what = u"Zendesk: ticket %1"_s.arg(externalId);
    c->then(ctx.request("GET", u"/api/v2/tickets/%1.json?include=users,organizations"_s.arg(percentEncoded(externalId)),
                        what),
            [c, ctx, result, what, externalId](const HttpResponse &r) -> HelpdeskStatus {
                auto doc = readItemJson(r, what, externalId);
                if (!doc)
                    return doc.error();
                const QJsonObject raw = doc->object().value(u"ticket").toObject();
                if (jsonId(raw.value(u"id")).isEmpty())
                    return HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                               what + u": no \"ticket\" in the answer"_s, externalId);
                if (raw.value(u"status").toString() == u"deleted") {
                    *result = deletedTicket(raw, ctx.prefix);
                    return helpdeskOk();
                }
                auto users = std::make_shared<Index>();
                auto orgs = std::make_shared<Index>();
                indexById(*users, doc->object().value(u"users"));
                indexById(*orgs, doc->object().value(u"organizations"));
                queueComments<HelpdeskTicket>(c, ctx, raw, users, orgs, intoResult(result));
                return helpdeskOk();
            });
    return call;
}

HelpdeskCallPtr<ArticlePage> ZendeskConnector::pullArticles(const HelpdeskCursor &since, int pageSize)
{
    const Context ctx = contextOf(m_config, prefix());
    const std::optional<ArticleCursor> cursor = ArticleCursor::decode(since.value);
    if (!cursor)
        return failingCall<ArticlePage>(badCursor(u"Zendesk"_s, since.value));
    auto call = pageCall<ArticlePage>(since);
    StepCall<ArticlePage> *c = call.get();
    auto page = c->result();
    const QString what = u"Zendesk: Help Center articles changed since the cursor"_s;
    const QString path = u"/api/v2/help_center/incremental/articles.json?start_time=%1&per_page=%2"_s.arg(
        QString::number(cursor->start), QString::number(std::clamp(pageSize, 1, 1000)));

    // Where the page leaves the cursor depends on every article's last change (its own or a translation's), known
    // only once its translations are read; it is worked out again after each one.
    struct Progress {
        ArticleCursor from;
        qint64 endTime = -1;
        bool nextPage = false;
        QStringList order;              ///< article ids in the page's order
        QHash<QString, qint64> changed; ///< id → last change, once its translations are read
    };
    auto progress = std::make_shared<Progress>();
    progress->from = *cursor;
    auto update = [page, progress] {
        const ArticleCursor &from = progress->from;
        if (progress->order.isEmpty()) {
            page->more = false;
            return;
        }
        qint64 end = progress->endTime;
        for (qint64 t : std::as_const(progress->changed))
            end = std::max(end, t);
        ArticleCursor to;
        to.start = std::max(from.start, end);
        if (to.start == from.start)
            to.seen = from.seen;
        for (auto it = progress->changed.begin(); it != progress->changed.end(); ++it)
            if (it.value() >= to.start)
                to.seen.insert(it.key());
        // The last article of a page changed at end_time (Zendesk's next_page resumes there): it comes again.
        if (progress->endTime == to.start && progress->changed.contains(progress->order.last()))
            to.seen.insert(progress->order.last());
        page->next = HelpdeskCursor{to.encode()};
        page->more = progress->nextPage && (to.start > from.start || to.seen.size() > from.seen.size());
    };

    c->then(ctx.request("GET", path, what),
            [c, ctx, page, progress, update, what](const HttpResponse &r) -> HelpdeskStatus {
                auto answer = readListAnswer(r, what, u"articles"_s);
                if (!answer)
                    return answer.error();
                const QJsonObject o = answer.value();
                progress->endTime = o.value(u"end_time").toInteger(-1);
                progress->nextPage = o.value(u"next_page").isString();
                for (const QJsonValue &v : o.value(u"articles").toArray()) {
                    const QJsonObject article = v.toObject();
                    const QString id = jsonId(article.value(u"id"));
                    if (id.isEmpty()) {
                        page->itemErrors << ItemError{{},
                                                      HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                                                          what + u": an article without an id"_s)};
                        continue;
                    }
                    progress->order << id;
                    const QString trWhat = u"Zendesk: translations of article %1"_s.arg(id);
                    auto translations = std::make_shared<QJsonArray>();
                    std::shared_ptr<std::function<HelpdeskStatus(const HttpResponse &)>> handler =
                        std::make_shared<std::function<HelpdeskStatus(const HttpResponse &)>>();
                    *handler = [c, ctx, page, progress, update, article, id, trWhat, translations,
                                weak = std::weak_ptr(handler)](const HttpResponse &tr) -> HelpdeskStatus {
                        if (tr.status == 404) {
                            HelpdeskArticle gone;
                            gone.externalId = id;
                            gone.deleted = true;
                            gone.article.id = ctx.prefix + u"kb-"_s + id;
                            gone.article.status = u"removed"_s;
                            page->articles << gone;
                            progress->changed.insert(id, progress->from.start);
                            update();
                            return helpdeskOk();
                        }
                        if (!isSuccess(tr)) {
                            HelpdeskError e = HelpdeskError::fromResponse(tr, trWhat);
                            e.itemId = id;
                            if (stopsTheCall(e))
                                return e;
                            page->itemErrors << ItemError{id, e};
                            return helpdeskOk();
                        }
                        auto trDoc = readJson(tr, trWhat);
                        if (!trDoc || !trDoc->object().value(u"translations").isArray()) {
                            HelpdeskError e = trDoc ? HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                                                          trWhat + u": no \"translations\" array"_s)
                                                    : trDoc.error();
                            e.itemId = id;
                            page->itemErrors << ItemError{id, e};
                            return helpdeskOk();
                        }
                        for (const QJsonValue &t : trDoc->object().value(u"translations").toArray())
                            translations->append(t);
                        const QString nextPage =
                            detail::relativeLink(trDoc->object().value(u"next_page").toString(), ctx.baseUrl);
                        if (!nextPage.isEmpty()) {
                            if (auto self = weak.lock())
                                c->next(ctx.request("GET", nextPage, trWhat),
                                        [self](const HttpResponse &n) { return (*self)(n); });
                            return helpdeskOk();
                        }
                        qint64 last = jsonTime(article.value(u"updated_at")).toSecsSinceEpoch();
                        for (const QJsonValue &t : std::as_const(*translations))
                            last = std::max(last, jsonTime(t.toObject().value(u"updated_at")).toSecsSinceEpoch());
                        progress->changed.insert(id, last);
                        update();
                        if (last <= progress->from.start && progress->from.seen.contains(id))
                            return helpdeskOk(); // taken last time, unchanged since
                        const QString source =
                            article.value(u"source_locale").toString(article.value(u"locale").toString());
                        for (const QJsonValue &t : std::as_const(*translations)) {
                            const QJsonObject tr = t.toObject();
                            const QString locale = tr.value(u"locale").toString().toLower();
                            QJsonObject shaped{{u"id"_s, id},
                                               {u"title"_s, tr.value(u"title")},
                                               {u"body"_s, tr.value(u"body")},
                                               {u"html_url"_s, tr.value(u"html_url")},
                                               {u"label_names"_s, article.value(u"label_names")},
                                               {u"updated_at"_s, tr.value(u"updated_at")},
                                               {u"draft"_s, tr.value(u"draft")},
                                               {u"outdated"_s, tr.value(u"outdated")},
                                               {u"locale"_s, tr.value(u"locale")}};
                            const QString itemId = id + u'/' + locale;
                            auto converted = detail::zendeskArticlesFromJson(
                                QJsonDocument(QJsonObject{{u"articles"_s, QJsonArray{shaped}}}), trWhat);
                            if (!converted) {
                                page->itemErrors
                                    << ItemError{itemId, HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                                                             u"Zendesk: article %1 (%2): %3"_s.arg(
                                                                                 id, locale, converted.error().message),
                                                                             itemId)};
                                continue;
                            }
                            HelpdeskArticle a;
                            a.externalId = id;
                            a.locale = locale;
                            a.article = converted->first();
                            a.article.id = ctx.prefix + u"kb-"_s + id +
                                           (locale == source.toLower() || locale.isEmpty() ? QString() : u'-' + locale);
                            page->articles << a;
                        }
                        return helpdeskOk();
                    };
                    c->then(ctx.request("GET", u"/api/v2/help_center/articles/%1/translations.json"_s.arg(id), trWhat),
                            [handler](const HttpResponse &tr) { return (*handler)(tr); });
                }
                update();
                return helpdeskOk();
            });
    return call;
}

namespace {

/// Queues the lookup of a posted reply: the integration's user, then every page of the ticket's audits; @p finish
/// runs after the last page with what was found.
template <typename T>
void queueLookup(StepCall<T> *call, const Context &ctx, const ReplyLookup &lookup,
                 std::function<HelpdeskStatus(std::optional<PostedReply>)> finish)
{
    auto search = std::make_shared<ReplySearch>();
    search->wanted = normalisedReplyText(lookup.body);
    const QString id = lookup.ticketExternalId;
    const QString auditsWhat = u"Zendesk: audits of ticket %1"_s.arg(id);

    auto readAudits = std::make_shared<std::function<HelpdeskStatus(const HttpResponse &)>>();
    *readAudits = [call, ctx, lookup, search, auditsWhat, finish, id,
                   weak = std::weak_ptr(readAudits)](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r))
            return itemError(r, auditsWhat, id);
        auto doc = readJson(r, auditsWhat);
        if (!doc)
            return doc.error();
        const QJsonObject o = doc->object();
        for (const QJsonValue &v : o.value(u"audits").toArray()) {
            const QJsonObject audit = v.toObject();
            const bool keyed =
                !lookup.idempotencyKey.isEmpty() &&
                audit.value(u"metadata").toObject().value(u"custom").toObject().value(kKeyField).toString() ==
                    lookup.idempotencyKey;
            for (const QJsonValue &e : audit.value(u"events").toArray()) {
                const QJsonObject event = e.toObject();
                if (event.value(u"type").toString() != u"Comment")
                    continue;
                const QString author = jsonId(event.value(u"author_id")).isEmpty() ? jsonId(audit.value(u"author_id"))
                                                                                   : jsonId(event.value(u"author_id"));
                search->consider(lookup, {jsonId(event.value(u"id")), jsonTime(audit.value(u"created_at")), keyed,
                                          author, !event.value(u"public").toBool(true),
                                          normalisedReplyText(event.value(u"body").toString())});
            }
        }
        const QJsonObject meta = o.value(u"meta").toObject();
        const QString after = meta.value(u"after_cursor").toString();
        if (!search->byMarker && meta.value(u"has_more").toBool() && !after.isEmpty()) {
            if (auto self = weak.lock())
                call->next(ctx.request("GET",
                                       u"/api/v2/tickets/%1/audits.json?page%5Bsize%5D=100&page%5Bafter%5D=%2"_s.arg(
                                           percentEncoded(id), percentEncoded(after)),
                                       auditsWhat),
                           [self](const HttpResponse &n) { return (*self)(n); });
            return helpdeskOk();
        }
        return finish(search->found());
    };

    call->then(ctx.request("GET", u"/api/v2/users/me.json"_s, u"Zendesk: the integration's user"_s),
               [call, ctx, search, readAudits, auditsWhat, id](const HttpResponse &r) -> HelpdeskStatus {
                   const QString what = u"Zendesk: the integration's user"_s;
                   if (!isSuccess(r))
                       return HelpdeskError::fromResponse(r, what);
                   auto doc = readJson(r, what);
                   if (!doc)
                       return doc.error();
                   search->agentId = jsonId(doc->object().value(u"user").toObject().value(u"id"));
                   call->next(ctx.request(
                                  "GET", u"/api/v2/tickets/%1/audits.json?page%5Bsize%5D=100"_s.arg(percentEncoded(id)),
                                  auditsWhat),
                              [readAudits](const HttpResponse &n) { return (*readAudits)(n); });
                   return helpdeskOk();
               });
}

} // namespace

HelpdeskCallPtr<std::optional<PostedReply>> ZendeskConnector::findReply(const ReplyLookup &lookup)
{
    const Context ctx = contextOf(m_config, prefix());
    auto call = std::make_unique<StepCall<std::optional<PostedReply>>>();
    auto result = call->result();
    queueLookup<std::optional<PostedReply>>(call.get(), ctx, lookup, [result](std::optional<PostedReply> found) {
        *result = std::move(found);
        return helpdeskOk();
    });
    return call;
}

HelpdeskCallPtr<PostedReply> ZendeskConnector::postReply(const OutgoingReply &reply, bool lookupFirst)
{
    const Context ctx = contextOf(m_config, prefix());
    auto call = std::make_unique<StepCall<PostedReply>>();
    StepCall<PostedReply> *c = call.get();
    auto result = c->result();
    const QString id = reply.ticketExternalId;
    const QString what = u"Zendesk: %1 on ticket %2"_s.arg(reply.internal ? u"internal note"_s : u"reply"_s, id);

    QJsonObject ticket{{u"comment"_s, QJsonObject{{u"body"_s, reply.body}, {u"public"_s, !reply.internal}}}};
    if (!reply.idempotencyKey.isEmpty())
        ticket.insert(u"metadata", QJsonObject{{kKeyField, reply.idempotencyKey}});
    if (!reply.statusAfter.isEmpty())
        ticket.insert(u"status", zendeskStatus(reply.statusAfter));
    HttpRequest put = ctx.request("PUT", u"/api/v2/tickets/%1.json"_s.arg(percentEncoded(id)), what);
    put.body = QJsonDocument(QJsonObject{{u"ticket"_s, ticket}}).toJson(QJsonDocument::Compact);
    put.idempotent = false;
    auto readPosted = [result, what, id](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r))
            return itemError(r, what, id, false);
        auto doc = readJson(r, what);
        if (doc) {
            const QJsonObject audit = doc->object().value(u"audit").toObject();
            for (const QJsonValue &e : audit.value(u"events").toArray())
                if (e.toObject().value(u"type").toString() == u"Comment") {
                    *result = detail::postedReply(jsonId(e.toObject().value(u"id")),
                                                  jsonTime(audit.value(u"created_at")), false, false);
                    return helpdeskOk();
                }
        }
        // Zendesk took it (2xx) but the answer does not say which comment it is: look it up before anything else.
        HelpdeskError e = HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                              what + u": posted, but the answer names no comment"_s, id);
        e.outcomeUnknown = true;
        return e;
    };
    if (!lookupFirst) {
        c->then(std::move(put), readPosted);
        return call;
    }
    const ReplyLookup lookup = ReplyLookup::of(reply);
    queueLookup<PostedReply>(c, ctx, lookup,
                             [c, result, put, readPosted](std::optional<PostedReply> found) -> HelpdeskStatus {
                                 if (found) {
                                     *result = *found;
                                     return helpdeskOk();
                                 }
                                 c->then(put, readPosted);
                                 return helpdeskOk();
                             });
    return call;
}

HelpdeskCallPtr<Ok> ZendeskConnector::setStatus(const QString &ticketExternalId, const QString &status)
{
    auto call = std::make_unique<StepCall<Ok>>();
    const QString what = u"Zendesk: status of ticket %1"_s.arg(ticketExternalId);
    HttpRequest put = request("PUT", u"/api/v2/tickets/%1.json"_s.arg(percentEncoded(ticketExternalId)), what);
    put.body = QJsonDocument(QJsonObject{{u"ticket"_s, QJsonObject{{u"status"_s, zendeskStatus(status)}}}})
                   .toJson(QJsonDocument::Compact);
    call->then(std::move(put),
               [what, ticketExternalId](const HttpResponse &r) { return plainAnswer(r, what, ticketExternalId); });
    return call;
}

HelpdeskCallPtr<Ok> ZendeskConnector::addTags(const QString &ticketExternalId, const QStringList &tags)
{
    auto call = std::make_unique<StepCall<Ok>>();
    const QString what = u"Zendesk: tags of ticket %1"_s.arg(ticketExternalId);
    HttpRequest put = request("PUT", u"/api/v2/tickets/%1/tags.json"_s.arg(percentEncoded(ticketExternalId)), what);
    put.body = QJsonDocument(QJsonObject{{u"tags"_s, QJsonArray::fromStringList(tags)}}).toJson(QJsonDocument::Compact);
    call->then(std::move(put),
               [what, ticketExternalId](const HttpResponse &r) { return plainAnswer(r, what, ticketExternalId); });
    return call;
}

} // namespace understudy::connectors

namespace understudy::connectors {

HelpdeskCallPtr<Ok> ZendeskConnector::setHandoff(const QString &ticketExternalId, const HelpdeskHandoff &handoff)
{
    auto call = std::make_unique<StepCall<Ok>>();
    StepCall<Ok> *c = call.get();
    const QString id = ticketExternalId;
    const QString what = u"Zendesk: hand-off of ticket %1"_s.arg(id);
    const QString priority = handoff.priority.trimmed().toLower();
    static const QStringList priorities{u"low"_s, u"normal"_s, u"high"_s, u"urgent"_s};
    if (!priority.isEmpty() && !priorities.contains(priority)) {
        call->fail(HelpdeskError::make(
            HelpdeskError::Kind::Rejected,
            u"%1: Zendesk has no priority \"%2\" (low, normal, high, urgent)"_s.arg(what, handoff.priority), id));
        return call;
    }
    const HttpRequest putTemplate = request("PUT", u"/api/v2/tickets/%1.json"_s.arg(percentEncoded(id)), what);
    const auto put = [c, putTemplate, priority, what, id](const QString &groupId) {
        QJsonObject ticket;
        if (!groupId.isEmpty())
            ticket.insert(u"group_id"_s, groupId.toLongLong());
        if (!priority.isEmpty())
            ticket.insert(u"priority"_s, priority);
        HttpRequest r = putTemplate;
        r.body = QJsonDocument(QJsonObject{{u"ticket"_s, ticket}}).toJson(QJsonDocument::Compact);
        c->next(r, [what, id](const HttpResponse &resp) -> HelpdeskStatus {
            if (isSuccess(resp))
                return helpdeskOk();
            return itemError(resp, what, id);
        });
    };
    const QString group = handoff.group.trimmed();
    if (groupNeedsNoLookup(group)) {
        put(group);
        return call;
    }
    // A group by its name: GET /api/v2/groups.json, page by page (next_page), until it is found.
    const QString baseUrl = m_config.baseUrl;
    const HttpRequest listTemplate = request("GET", u"/api/v2/groups.json?per_page=100"_s, what + u" (groups)"_s);
    auto readGroups = std::make_shared<StepCall<Ok>::Handler>();
    *readGroups = [c, put, group, what, id, baseUrl, listTemplate,
                   weak = std::weak_ptr<StepCall<Ok>::Handler>(readGroups)](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r))
            return itemError(r, what + u" (groups)"_s, id);
        auto doc = readJson(r, what + u" (groups)"_s);
        if (!doc)
            return doc.error();
        for (const QJsonValue &g : doc->object().value(u"groups"_s).toArray()) {
            if (g.toObject().value(u"name"_s).toString().compare(group, Qt::CaseInsensitive) == 0) {
                put(jsonId(g.toObject().value(u"id"_s)));
                return helpdeskOk();
            }
        }
        const QString next = detail::relativeLink(doc->object().value(u"next_page"_s).toString(), baseUrl);
        auto self = weak.lock();
        if (next.isEmpty() || !self)
            return HelpdeskError::make(HelpdeskError::Kind::Rejected,
                                       u"%1: Zendesk has no group named \"%2\""_s.arg(what, group), id);
        HttpRequest more = listTemplate;
        more.pathAndQuery = next;
        c->next(more, [self](const HttpResponse &page) { return (*self)(page); });
        return helpdeskOk();
    };
    // Each step holds the handler (it refers to itself weakly, so nothing holds itself).
    c->then(listTemplate, [readGroups](const HttpResponse &r) { return (*readGroups)(r); });
    return call;
}

} // namespace understudy::connectors

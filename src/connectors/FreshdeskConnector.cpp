// SPDX-License-Identifier: GPL-3.0-or-later
#include "FreshdeskConnector.h"

#include "HelpdeskCallSupport.h"
#include "ImporterSupport.h"
#include "Importers.h"

#include <understudy/Text.h>

#include <QHash>
#include <QSet>
#include <QTimeZone>
#include <QUrl>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

using namespace detail;

namespace {

const QString kTicketCursor = u"freshdesk:t:"_s;
const QString kArticleCursor = u"freshdesk:a:"_s;

using Index = QHash<QString, QJsonObject>;

QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

using Context = RestContext;

/// A page position that survives a restart: the second the list resumes from, the page inside that second (only
/// past 1 when a whole page shares one updated_at), and the ids already taken at that second.
struct Position {
    QDateTime since = QDateTime::fromSecsSinceEpoch(0, QTimeZone::utc());
    int page = 1;
    int perPage = 0; ///< the page size `page` counts in (a later pull may ask for another size)
    QSet<QString> seen;

    QString encode(const QString &tag) const
    {
        QStringList ids(seen.begin(), seen.end());
        ids.sort();
        const QJsonObject o{
            {u"since"_s, isoTime(since)}, {u"page"_s, page}, {u"seen"_s, QJsonArray::fromStringList(ids)}};
        return tag + QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    static std::optional<Position> decode(const QString &value, const QString &tag)
    {
        Position p;
        if (value.isEmpty())
            return p;
        if (!value.startsWith(tag))
            return std::nullopt;
        const QJsonObject o = QJsonDocument::fromJson(value.mid(tag.size()).toUtf8()).object();
        p.since = jsonTime(o.value(u"since"));
        p.page = o.value(u"page").toInt(1);
        p.perPage = o.value(u"per_page").toInt(0);
        if (!p.since.isValid() || p.page < 1)
            return std::nullopt;
        for (const QJsonValue &id : o.value(u"seen").toArray())
            p.seen.insert(id.toString());
        return p;
    }
    /// Where the next pull starts after items last changed at @p times (key → updated_at) were listed; with
    /// @p morePages, a list whose items all changed in the cursor's second goes on with its next page.
    Position after(const QHash<QString, QDateTime> &times, bool morePages = false) const
    {
        QDateTime latest;
        for (const QDateTime &t : times)
            if (!latest.isValid() || t > latest)
                latest = t;
        if (!latest.isValid())
            return *this;
        Position next;
        if (latest > since) {
            next.since = latest;
            next.perPage = perPage;
            for (auto it = times.begin(); it != times.end(); ++it)
                if (it.value() == latest)
                    next.seen.insert(it.key());
            return next;
        }
        next = *this;
        for (auto it = times.begin(); it != times.end(); ++it)
            if (it.value() == since)
                next.seen.insert(it.key());
        if (morePages)
            ++next.page;
        return next;
    }
    bool taken(const QString &key, const QDateTime &updated) const { return updated == since && seen.contains(key); }
};

QString tierOf(const QJsonObject &company)
{
    const QJsonValue field = company.value(u"custom_fields").toObject().value(u"tier");
    if (field.isString() && !field.toString().trimmed().isEmpty())
        return field.toString().trimmed().toLower();
    const QString tier = company.value(u"account_tier").toString().trimmed().toLower();
    if (tier == u"basic")
        return u"free"_s;
    if (tier == u"premium")
        return u"pro"_s;
    return tier;
}

QString htmlOrText(const QJsonObject &o, const char16_t *htmlKey, const char16_t *textKey)
{
    const QString html = o.value(QStringView(htmlKey)).toString();
    const QString text = html.trimmed().isEmpty() ? QString() : htmlToMarkdown(html).trimmed();
    return text.isEmpty() ? o.value(QStringView(textKey)).toString().trimmed() : text;
}

HelpdeskResult<HelpdeskTicket> convertTicket(const QJsonObject &raw, const QJsonArray &conversations,
                                             const QJsonObject &company, const QJsonObject &contact,
                                             const QString &prefix)
{
    HelpdeskTicket out;
    out.externalId = jsonId(raw.value(u"id"));
    const QString what = u"Freshdesk: ticket %1"_s.arg(out.externalId);
    auto malformed = [&](const QString &why) {
        return HelpdeskError::make(HelpdeskError::Kind::Malformed, what + u": "_s + why, out.externalId);
    };
    for (const char16_t *key : {u"subject", u"description", u"description_text"}) {
        const QJsonValue v = raw.value(QStringView(key));
        if (!v.isUndefined() && !v.isNull() && !v.isString())
            return malformed(u"\"%1\" must be a string"_s.arg(QString::fromUtf16(key)));
    }
    if (!raw.value(u"status").isDouble())
        return malformed(u"\"status\" must be a number"_s);
    if (!raw.value(u"tags").isUndefined() && !raw.value(u"tags").isNull() && !raw.value(u"tags").isArray())
        return malformed(u"\"tags\" must be an array"_s);

    Ticket &t = out.ticket;
    t.id = prefix + out.externalId;
    t.subject = raw.value(u"subject").toString().trimmed();
    t.createdAt = jsonTime(raw.value(u"created_at"));
    const QString requesterId = jsonId(raw.value(u"requester_id"));
    const QJsonObject requester = raw.value(u"requester").toObject();
    t.customer.id = requesterId;
    t.customer.name = requester.value(u"name").toString(contact.value(u"name").toString()).trimmed();
    t.customer.email = requester.value(u"email").toString(contact.value(u"email").toString()).trimmed();
    // A ticket names no language; its requester's profile does ("pt-BR").
    if (contact.value(u"language").isString())
        t.language = languageCode(contact.value(u"language").toString());
    t.customer.tier = tierOf(company);
    const int status = raw.value(u"status").toInt();
    t.status = FreshdeskConnector::domainStatus(status);
    out.helpdeskStatus = QString::number(status);
    out.updatedAt = jsonTime(raw.value(u"updated_at"));
    out.organisation = company.value(u"name").toString();
    for (const QJsonValue &tag : raw.value(u"tags").toArray())
        if (tag.isString())
            out.tags << tag.toString();

    const QString description = htmlOrText(raw, u"description", u"description_text");
    if (!description.isEmpty()) {
        HelpdeskMessage m;
        m.externalId = out.externalId;
        m.message = Message{u"customer"_s, description, t.createdAt};
        out.messages << m;
    }
    for (qsizetype i = 0; i < conversations.size(); ++i) {
        if (!conversations[i].isObject())
            return malformed(u"conversation %1 is not an object"_s.arg(i + 1));
        const QJsonObject c = conversations[i].toObject();
        const QString text = htmlOrText(c, u"body", u"body_text");
        if (text.isEmpty())
            continue;
        const QString author = jsonId(c.value(u"user_id"));
        HelpdeskMessage m;
        m.externalId = jsonId(c.value(u"id"));
        m.internal = c.value(u"private").toBool();
        m.idempotencyKey = findIdempotencyMarker(c.value(u"body_text").toString());
        if (author == requesterId) {
            m.authorName = t.customer.name;
            m.authorEmail = t.customer.email;
        }
        const bool byCustomer = c.value(u"incoming").toBool() || (!requesterId.isEmpty() && author == requesterId);
        m.message = Message{byCustomer ? u"customer"_s : u"agent"_s, stripIdempotencyMarker(text),
                            jsonTime(c.value(u"created_at"))};
        out.messages << m;
    }
    for (const HelpdeskMessage &m : std::as_const(out.messages))
        if (!m.internal)
            t.messages << m.message;
    if (t.messages.isEmpty() && t.subject.isEmpty())
        return malformed(u"a ticket needs a subject, a description or a public conversation"_s);
    detail::fillLanguage(t);
    return out;
}

/// Companies and contacts read during one call, each once.
struct Lookups {
    Index companies;
    Index contacts;
};

/// Queues the read of @p path into @p index[@p key] unless it is there or asked for already. A failure leaves it
/// empty (no tier, no language) unless the whole call must stop.
template <typename T>
void queueLookup(StepCall<T> *call, const Context &ctx, std::shared_ptr<Lookups> lookups, Index Lookups::*index,
                 const QString &key, const QString &path, const QString &what)
{
    if (key.isEmpty() || ((*lookups).*index).contains(key))
        return;
    ((*lookups).*index).insert(key, QJsonObject());
    call->then(ctx.request("GET", path, what), [lookups, index, key, what](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r)) {
            const HelpdeskError e = HelpdeskError::fromResponse(r, what);
            return stopsTheCall(e) ? HelpdeskStatus(e) : helpdeskOk();
        }
        if (auto doc = readJson(r, what))
            ((*lookups).*index).insert(key, doc->object());
        return helpdeskOk();
    });
}

/// Reads the ticket's company and requester (once per call each) and every page of its conversations, then hands the
/// ticket (or the reason it cannot be read) to @p done, which returns the status the call goes on with.
template <typename T>
void queueTicket(StepCall<T> *call, const Context &ctx, QJsonObject raw, std::shared_ptr<Lookups> lookups,
                 std::function<HelpdeskStatus(HelpdeskResult<HelpdeskTicket>)> done)
{
    const QString id = jsonId(raw.value(u"id"));
    const QString companyId = jsonId(raw.value(u"company_id"));
    const QString contactId = jsonId(raw.value(u"requester_id"));
    queueLookup(call, ctx, lookups, &Lookups::companies, companyId,
                u"/api/v2/companies/%1"_s.arg(percentEncoded(companyId)), u"Freshdesk: company %1"_s.arg(companyId));
    queueLookup(call, ctx, lookups, &Lookups::contacts, contactId,
                u"/api/v2/contacts/%1"_s.arg(percentEncoded(contactId)), u"Freshdesk: contact %1"_s.arg(contactId));
    auto acc = std::make_shared<QJsonArray>();
    const QString what = u"Freshdesk: conversations of ticket %1"_s.arg(id);
    auto handler = std::make_shared<std::function<HelpdeskStatus(const HttpResponse &)>>();
    auto page = std::make_shared<int>(1);
    *handler = [call, ctx, raw, lookups, companyId, contactId, done, acc, id, what, page,
                weak = std::weak_ptr(handler)](const HttpResponse &r) -> HelpdeskStatus {
        if (r.status == 404)
            return done(itemError(HelpdeskError::Kind::NotFound,
                                  u"Freshdesk: ticket %1 is gone (deleted?): its conversations answer 404"_s.arg(id),
                                  id));
        if (!isSuccess(r)) {
            HelpdeskError e = HelpdeskError::fromResponse(r, what);
            e.itemId = id;
            return stopsTheCall(e) ? HelpdeskStatus(e) : done(e);
        }
        auto doc = readJson(r, what, true);
        if (!doc) {
            HelpdeskError e = doc.error();
            e.itemId = id;
            return done(e);
        }
        for (const QJsonValue &c : doc->array())
            acc->append(c);
        if (!detail::nextLink(r).isEmpty()) {
            if (auto self = weak.lock()) {
                ++*page;
                call->next(ctx.request("GET",
                                       u"/api/v2/tickets/%1/conversations?per_page=100&page=%2"_s.arg(
                                           percentEncoded(id), QString::number(*page)),
                                       what),
                           [self](const HttpResponse &n) { return (*self)(n); });
            }
            return helpdeskOk();
        }
        return done(convertTicket(raw, *acc, lookups->companies.value(companyId), lookups->contacts.value(contactId),
                                  ctx.prefix));
    };
    call->then(
        ctx.request("GET", u"/api/v2/tickets/%1/conversations?per_page=100&page=1"_s.arg(percentEncoded(id)), what),
        [handler](const HttpResponse &r) { return (*handler)(r); });
}

/// Text as Freshdesk's body_text gives it back, for "exact text" lookups: HTML round trips keep words, not spacing.
QString comparable(const QString &text)
{
    return normalisedReplyText(text).simplified();
}

} // namespace

FreshdeskConnector::FreshdeskConnector(HelpdeskConfig config) : HelpdeskConnector(std::move(config))
{
    if (m_config.kind.isEmpty())
        m_config.kind = kind();
}

int FreshdeskConnector::freshdeskStatus(const QString &domainStatus)
{
    const QString s = domainStatus.trimmed().toLower();
    if (s == u"open" || s == u"new")
        return 2;
    if (s == u"pending")
        return 3;
    if (s == u"resolved" || s == u"solved")
        return 4;
    if (s == u"closed")
        return 5;
    bool ok = false;
    const int n = s.toInt(&ok);
    return ok && n >= 2 ? n : 0;
}

QString FreshdeskConnector::domainStatus(int freshdeskStatus)
{
    switch (freshdeskStatus) {
    case 2:
        return u"open"_s;
    case 3:
        return u"pending"_s;
    case 4:
        return u"resolved"_s;
    case 5:
        return u"closed"_s;
    default:
        return freshdeskStatus > 5 ? u"pending"_s : u"open"_s;
    }
}

namespace {
Context contextOf(const HelpdeskConfig &config, const QString &kind)
{
    return Context{config.idPrefix.isEmpty() ? kind + u'-' : config.idPrefix,
                   config.baseUrl,
                   detail::basicAuthorization(config.secret, u"X"_s),
                   {}};
}
} // namespace

HelpdeskCallPtr<Ok> FreshdeskConnector::checkAccess()
{
    const Context ctx = contextOf(m_config, kind());
    auto call = std::make_unique<StepCall<Ok>>();
    call->then(ctx.request("GET", u"/api/v2/agents/me"_s, u"Freshdesk: who am I"_s), [](const HttpResponse &r) {
        const QString what = u"Freshdesk: the integration's agent"_s;
        if (!isSuccess(r))
            return HelpdeskStatus(HelpdeskError::fromResponse(r, what));
        auto doc = readJson(r, what);
        return doc ? helpdeskOk() : HelpdeskStatus(doc.error());
    });
    return call;
}

HelpdeskCallPtr<TicketPage> FreshdeskConnector::pullTickets(const HelpdeskCursor &since, int pageSize)
{
    const Context ctx = contextOf(m_config, kind());
    const std::optional<Position> from = Position::decode(since.value, kTicketCursor);
    if (!from)
        return failingCall<TicketPage>(badCursor(u"Freshdesk"_s, since.value));
    auto call = pageCall<TicketPage>(since);
    StepCall<TicketPage> *c = call.get();
    auto page = c->result();
    const QString what = u"Freshdesk: tickets updated since the cursor"_s;
    Position position = *from;
    // Past page 1 the page number only means something in the page size it was counted in.
    position.perPage = position.page > 1 && position.perPage > 0 ? position.perPage : std::clamp(pageSize, 1, 100);
    const QString path =
        u"/api/v2/tickets?updated_since=%1&order_by=updated_at&order_type=asc&per_page=%2&page=%3"
        "&include=requester,description"_s.arg(percentEncoded(isoTime(position.since)),
                                               QString::number(position.perPage), QString::number(position.page));
    c->then(ctx.request("GET", path, what), [c, ctx, page, position, what](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r))
            return HelpdeskError::fromResponse(r, what);
        auto doc = readJson(r, what, true);
        if (!doc)
            return doc.error();
        const QJsonArray tickets = doc->array();
        QHash<QString, QDateTime> listed;
        auto lookups = std::make_shared<Lookups>();
        for (qsizetype i = 0; i < tickets.size(); ++i) {
            const QJsonObject raw = tickets[i].toObject();
            const QString id = jsonId(raw.value(u"id"));
            const QDateTime updated = jsonTime(raw.value(u"updated_at"));
            if (id.isEmpty() || !updated.isValid()) {
                const QString where = id.isEmpty() ? u"entry %1"_s.arg(i + 1) : id;
                page->itemErrors << ItemError{
                    where, itemError(HelpdeskError::Kind::Malformed,
                                     what + u": "_s + where + u" has no id or no valid updated_at"_s, where)};
                continue;
            }
            listed.insert(id, updated);
            if (position.taken(id, updated))
                continue; // taken by the last pull, unchanged since
            queueTicket<TicketPage>(c, ctx, raw, lookups, intoPage(page));
        }
        const bool morePages = !detail::nextLink(r).isEmpty();
        Position next = position.after(listed, morePages);
        if (tickets.isEmpty() && position.page > 1) {
            // The second's tickets changed since (the page ran dry): read that second again from its first page.
            next.page = 1;
            page->next = HelpdeskCursor{next.encode(kTicketCursor)};
            page->more = true;
            return helpdeskOk();
        }
        page->next = HelpdeskCursor{next.encode(kTicketCursor)};
        page->more = morePages && !listed.isEmpty();
        return helpdeskOk();
    });
    return call;
}

HelpdeskCallPtr<HelpdeskTicket> FreshdeskConnector::fetchTicket(const QString &externalId)
{
    const Context ctx = contextOf(m_config, kind());
    auto call = std::make_unique<StepCall<HelpdeskTicket>>();
    StepCall<HelpdeskTicket> *c = call.get();
    auto result = c->result();
    const QString what = u"Freshdesk: ticket %1"_s.arg(externalId);
    c->then(ctx.request("GET", u"/api/v2/tickets/%1?include=requester"_s.arg(percentEncoded(externalId)), what),
            [c, ctx, result, what, externalId](const HttpResponse &r) -> HelpdeskStatus {
                auto doc = readItemJson(r, what, externalId);
                if (!doc)
                    return doc.error();
                if (jsonId(doc->object().value(u"id")).isEmpty())
                    return itemError(HelpdeskError::Kind::Malformed, what + u": no ticket in the answer"_s, externalId);
                queueTicket<HelpdeskTicket>(c, ctx, doc->object(), std::make_shared<Lookups>(), intoResult(result));
                return helpdeskOk();
            });
    return call;
}

HelpdeskCallPtr<ArticlePage> FreshdeskConnector::pullArticles(const HelpdeskCursor &since, int /*pageSize*/)
{
    const Context ctx = contextOf(m_config, kind());
    const std::optional<Position> from = Position::decode(since.value, kArticleCursor);
    if (!from)
        return failingCall<ArticlePage>(badCursor(u"Freshdesk"_s, since.value));
    auto call = pageCall<ArticlePage>(since);
    StepCall<ArticlePage> *c = call.get();
    auto page = c->result();

    struct Walk {
        Position from;
        QString primary;
        QStringList languages;            ///< the primary language first
        QHash<QString, QDateTime> listed; ///< "id/language" → updated_at, of every article seen
    };
    auto walk = std::make_shared<Walk>();
    walk->from = *from;
    auto update = [page, walk] { page->next = HelpdeskCursor{walk->from.after(walk->listed).encode(kArticleCursor)}; };

    // One folder in one language, page by page.
    auto readFolder = std::make_shared<std::function<void(QString, QString, int, bool)>>();
    *readFolder = [c, ctx, page, walk, update, weak = std::weak_ptr(readFolder)](
                      const QString &folder, const QString &language, int n, bool front) {
        const bool primary = language == walk->primary;
        const QString what = u"Freshdesk: solution articles of folder %1 (%2)"_s.arg(folder, language);
        const QString path = (primary ? u"/api/v2/solutions/folders/%1/articles"_s.arg(percentEncoded(folder))
                                      : u"/api/v2/solutions/folders/%1/articles/%2"_s.arg(percentEncoded(folder),
                                                                                          percentEncoded(language))) +
                             u"?per_page=100&page=%1"_s.arg(n);
        auto handle = [c, ctx, page, walk, update, weak, folder, language, n, primary,
                       what](const HttpResponse &r) -> HelpdeskStatus {
            if (r.status == 404)
                return helpdeskOk(); // nothing translated into that language here
            if (!isSuccess(r)) {
                HelpdeskError e = HelpdeskError::fromResponse(r, what);
                if (stopsTheCall(e))
                    return e;
                page->itemErrors << ItemError{u"folder "_s + folder, e};
                return helpdeskOk();
            }
            auto doc = readJson(r, what, true);
            if (!doc) {
                page->itemErrors << ItemError{u"folder "_s + folder, doc.error()};
                return helpdeskOk();
            }
            for (const QJsonValue &v : doc->array()) {
                const QJsonObject a = v.toObject();
                const QString id = jsonId(a.value(u"id"));
                const QDateTime updated = jsonTime(a.value(u"updated_at"));
                const QString key = id + u'/' + language;
                if (id.isEmpty() || !updated.isValid() || !a.value(u"title").isString() ||
                    a.value(u"title").toString().trimmed().isEmpty()) {
                    page->itemErrors << ItemError{
                        key, itemError(HelpdeskError::Kind::Malformed,
                                       u"Freshdesk: solution article %1 (%2): no id, title or valid updated_at"_s.arg(
                                           id.isEmpty() ? u"?"_s : id, language),
                                       key)};
                    continue;
                }
                walk->listed.insert(key, updated);
                if (updated < walk->from.since || walk->from.taken(key, updated))
                    continue;
                HelpdeskArticle out;
                out.externalId = id;
                out.locale = language;
                Article &article = out.article;
                article.id = ctx.prefix + u"kb-"_s + id + (primary ? QString() : u'-' + language.toLower());
                article.title = a.value(u"title").toString().trimmed();
                article.body = htmlOrText(a, u"description", u"description_text");
                article.url = ctx.baseUrl + u"/support/solutions/articles/"_s + id;
                for (const QJsonValue &tag : a.value(u"tags").toArray())
                    if (tag.isString())
                        article.tags << tag.toString();
                article.updatedAt = updated;
                if (a.value(u"status").toInt() == 1)
                    article.status = u"deprecated"_s;
                article.language = languageCode(language);
                detail::fillLanguage(article);
                page->articles << out;
            }
            update();
            if (!detail::nextLink(r).isEmpty())
                if (auto self = weak.lock())
                    (*self)(folder, language, n + 1, true);
            return helpdeskOk();
        };
        if (front)
            c->next(ctx.request("GET", path, what), handle);
        else
            c->then(ctx.request("GET", path, what), handle);
    };

    const QString categoriesWhat = u"Freshdesk: solution categories"_s;
    auto readCategories = [c, ctx, walk, readFolder, categoriesWhat](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r))
            return HelpdeskError::fromResponse(r, categoriesWhat);
        auto doc = readJson(r, categoriesWhat, true);
        if (!doc)
            return doc.error();
        for (const QJsonValue &v : doc->array()) {
            const QString category = jsonId(v.toObject().value(u"id"));
            if (category.isEmpty())
                continue;
            const QString what = u"Freshdesk: folders of solution category %1"_s.arg(category);
            c->then(
                ctx.request("GET", u"/api/v2/solutions/categories/%1/folders"_s.arg(percentEncoded(category)), what),
                [walk, readFolder, what](const HttpResponse &f) -> HelpdeskStatus {
                    if (f.status == 404)
                        return helpdeskOk();
                    if (!isSuccess(f))
                        return HelpdeskError::fromResponse(f, what);
                    auto folders = readJson(f, what, true);
                    if (!folders)
                        return folders.error();
                    for (const QJsonValue &fv : folders->array()) {
                        const QString folder = jsonId(fv.toObject().value(u"id"));
                        if (folder.isEmpty())
                            continue;
                        for (const QString &language : std::as_const(walk->languages))
                            (*readFolder)(folder, language, 1, false);
                    }
                    return helpdeskOk();
                });
        }
        return helpdeskOk();
    };

    const QString settingsWhat = u"Freshdesk: helpdesk languages"_s;
    c->then(ctx.request("GET", u"/api/v2/settings/helpdesk"_s, settingsWhat),
            [c, ctx, walk, settingsWhat, categoriesWhat, readCategories](const HttpResponse &r) -> HelpdeskStatus {
                QJsonObject settings;
                if (isSuccess(r)) {
                    if (auto doc = readJson(r, settingsWhat))
                        settings = doc->object();
                } else if (const HelpdeskError e = HelpdeskError::fromResponse(r, settingsWhat); stopsTheCall(e)) {
                    return e;
                }
                // Without the settings (an agent may not read them) only the primary language is pulled.
                walk->primary = settings.value(u"primary_language").toString(u"en"_s);
                walk->languages = QStringList{walk->primary};
                for (const QJsonValue &l : settings.value(u"supported_languages").toArray())
                    if (l.isString() && !walk->languages.contains(l.toString()))
                        walk->languages << l.toString();
                c->then(ctx.request("GET", u"/api/v2/solutions/categories"_s, categoriesWhat), readCategories);
                return helpdeskOk();
            });
    return call;
}

namespace {

template <typename T>
void queueReplyLookup(StepCall<T> *call, const Context &ctx, const ReplyLookup &lookup,
                      std::function<HelpdeskStatus(std::optional<PostedReply>)> finish)
{
    auto search = std::make_shared<ReplySearch>();
    search->wanted = comparable(lookup.body);
    const QString id = lookup.ticketExternalId;
    const QString what = u"Freshdesk: conversations of ticket %1"_s.arg(id);
    auto readPage = std::make_shared<std::function<HelpdeskStatus(const HttpResponse &)>>();
    auto pageNo = std::make_shared<int>(1);
    *readPage = [call, ctx, lookup, search, what, finish, id, pageNo,
                 weak = std::weak_ptr(readPage)](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r))
            return itemError(r, what, id);
        auto doc = readJson(r, what, true);
        if (!doc)
            return doc.error();
        for (const QJsonValue &v : doc->array()) {
            const QJsonObject c = v.toObject();
            const QString text = c.value(u"body_text").toString();
            search->consider(lookup,
                             {jsonId(c.value(u"id")), jsonTime(c.value(u"created_at")),
                              !lookup.idempotencyKey.isEmpty() && findIdempotencyMarker(text) == lookup.idempotencyKey,
                              c.value(u"incoming").toBool() ? QString() : jsonId(c.value(u"user_id")),
                              c.value(u"private").toBool(), comparable(text)});
        }
        if (!search->byMarker && !detail::nextLink(r).isEmpty()) {
            if (auto self = weak.lock()) {
                ++*pageNo;
                call->next(ctx.request("GET",
                                       u"/api/v2/tickets/%1/conversations?per_page=100&page=%2"_s.arg(
                                           percentEncoded(id), QString::number(*pageNo)),
                                       what),
                           [self](const HttpResponse &n) { return (*self)(n); });
            }
            return helpdeskOk();
        }
        return finish(search->found());
    };
    call->then(ctx.request("GET", u"/api/v2/agents/me"_s, u"Freshdesk: the integration's agent"_s),
               [call, ctx, search, readPage, what, id](const HttpResponse &r) -> HelpdeskStatus {
                   const QString meWhat = u"Freshdesk: the integration's agent"_s;
                   if (!isSuccess(r))
                       return HelpdeskError::fromResponse(r, meWhat);
                   auto doc = readJson(r, meWhat);
                   if (!doc)
                       return doc.error();
                   search->agentId = jsonId(doc->object().value(u"id"));
                   call->next(
                       ctx.request("GET",
                                   u"/api/v2/tickets/%1/conversations?per_page=100&page=1"_s.arg(percentEncoded(id)),
                                   what),
                       [readPage](const HttpResponse &n) { return (*readPage)(n); });
                   return helpdeskOk();
               });
}

} // namespace

HelpdeskCallPtr<std::optional<PostedReply>> FreshdeskConnector::findReply(const ReplyLookup &lookup)
{
    auto call = std::make_unique<StepCall<std::optional<PostedReply>>>();
    auto result = call->result();
    queueReplyLookup<std::optional<PostedReply>>(call.get(), contextOf(m_config, kind()), lookup,
                                                 [result](std::optional<PostedReply> found) {
                                                     *result = std::move(found);
                                                     return helpdeskOk();
                                                 });
    return call;
}

HelpdeskCallPtr<PostedReply> FreshdeskConnector::postReply(const OutgoingReply &reply, bool lookupFirst)
{
    const Context ctx = contextOf(m_config, kind());
    const QString id = reply.ticketExternalId;
    int status = 0;
    if (!reply.statusAfter.isEmpty()) {
        status = freshdeskStatus(reply.statusAfter);
        if (!status)
            return failingCall<PostedReply>(
                HelpdeskError::make(HelpdeskError::Kind::Rejected,
                                    u"Freshdesk: \"%1\" is not a status Freshdesk knows"_s.arg(reply.statusAfter), id));
    }
    auto call = std::make_unique<StepCall<PostedReply>>();
    StepCall<PostedReply> *c = call.get();
    auto result = c->result();
    const QString what = u"Freshdesk: %1 on ticket %2"_s.arg(reply.internal ? u"internal note"_s : u"reply"_s, id);

    // Only a note carries the marker: a public reply's text is what the customer reads.
    QString text = reply.body;
    if (reply.internal && !reply.idempotencyKey.isEmpty())
        text += u"\n\n"_s + idempotencyMarker(reply.idempotencyKey);
    QJsonObject body{{u"body"_s, detail::plainTextToHtml(text)}};
    if (reply.internal)
        body.insert(u"private", true);
    HttpRequest post =
        ctx.json("POST", u"/api/v2/tickets/%1/%2"_s.arg(percentEncoded(id), reply.internal ? u"notes"_s : u"reply"_s),
                 what, body);
    post.idempotent = false;
    HttpRequest put = ctx.json("PUT", u"/api/v2/tickets/%1"_s.arg(percentEncoded(id)),
                               u"Freshdesk: status of ticket %1"_s.arg(id), QJsonObject{{u"status"_s, status}});
    auto setStatusAfter = [c, put, status, id](const QString &) {
        if (status)
            c->then(put, [put, id](const HttpResponse &r) { return plainAnswer(r, put.purpose, id); });
    };
    auto readPosted = [result, what, id, setStatusAfter](const HttpResponse &r) -> HelpdeskStatus {
        if (!isSuccess(r))
            return itemError(r, what, id, false);
        auto doc = readJson(r, what);
        const QString cid = doc ? jsonId(doc->object().value(u"id")) : QString();
        if (cid.isEmpty()) {
            HelpdeskError e = HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                                  what + u": posted, but the answer names no conversation"_s, id);
            e.outcomeUnknown = true;
            return e;
        }
        *result = detail::postedReply(cid, jsonTime(doc->object().value(u"created_at")), false, false);
        setStatusAfter(cid);
        return helpdeskOk();
    };
    if (!lookupFirst) {
        c->then(std::move(post), readPosted);
        return call;
    }
    const ReplyLookup lookup = ReplyLookup::of(reply);
    queueReplyLookup<PostedReply>(c, ctx, lookup,
                                  [c, result, post, readPosted, setStatusAfter](std::optional<PostedReply> found) {
                                      if (found) {
                                          *result = *found;
                                          setStatusAfter(found->externalId); // a rerun finishes what the crash left
                                          return helpdeskOk();
                                      }
                                      c->then(post, readPosted);
                                      return helpdeskOk();
                                  });
    return call;
}

HelpdeskCallPtr<Ok> FreshdeskConnector::setStatus(const QString &ticketExternalId, const QString &status)
{
    const int number = freshdeskStatus(status);
    if (!number)
        return failingCall<Ok>(HelpdeskError::make(HelpdeskError::Kind::Rejected,
                                                   u"Freshdesk: \"%1\" is not a status Freshdesk knows"_s.arg(status),
                                                   ticketExternalId));
    const Context ctx = contextOf(m_config, kind());
    auto call = std::make_unique<StepCall<Ok>>();
    const QString what = u"Freshdesk: status of ticket %1"_s.arg(ticketExternalId);
    call->then(ctx.json("PUT", u"/api/v2/tickets/%1"_s.arg(percentEncoded(ticketExternalId)), what,
                        QJsonObject{{u"status"_s, number}}),
               [what, ticketExternalId](const HttpResponse &r) { return plainAnswer(r, what, ticketExternalId); });
    return call;
}

HelpdeskCallPtr<Ok> FreshdeskConnector::addTags(const QString &ticketExternalId, const QStringList &tags)
{
    const Context ctx = contextOf(m_config, kind());
    auto call = std::make_unique<StepCall<Ok>>();
    StepCall<Ok> *c = call.get();
    const QString what = u"Freshdesk: tags of ticket %1"_s.arg(ticketExternalId);
    c->then(ctx.request("GET", u"/api/v2/tickets/%1"_s.arg(percentEncoded(ticketExternalId)), what),
            [c, ctx, what, ticketExternalId, tags](const HttpResponse &r) -> HelpdeskStatus {
                if (auto st = plainAnswer(r, what, ticketExternalId); !st)
                    return st;
                auto doc = readJson(r, what);
                if (!doc)
                    return doc.error();
                QStringList all;
                for (const QJsonValue &t : doc->object().value(u"tags").toArray())
                    all << t.toString();
                const qsizetype before = all.size();
                for (const QString &t : tags)
                    if (!all.contains(t))
                        all << t;
                if (all.size() == before)
                    return helpdeskOk(); // nothing to add
                c->next(
                    ctx.json("PUT", u"/api/v2/tickets/%1"_s.arg(percentEncoded(ticketExternalId)), what,
                             QJsonObject{{u"tags"_s, QJsonArray::fromStringList(all)}}),
                    [what, ticketExternalId](const HttpResponse &p) { return plainAnswer(p, what, ticketExternalId); });
                return helpdeskOk();
            });
    return call;
}

} // namespace understudy::connectors

namespace understudy::connectors {

HelpdeskCallPtr<Ok> FreshdeskConnector::setHandoff(const QString &ticketExternalId, const HelpdeskHandoff &handoff)
{
    const QString id = ticketExternalId;
    const QString what = u"Freshdesk: hand-off of ticket %1"_s.arg(id);
    // Freshdesk's priorities: 1 low, 2 medium, 3 high, 4 urgent.
    static const QStringList priorities{u"low"_s, u"normal"_s, u"high"_s, u"urgent"_s};
    const QString priorityName = handoff.priority.trimmed().toLower();
    const int priority = priorityName == u"medium"_s ? 2 : int(priorities.indexOf(priorityName)) + 1;
    if (!priorityName.isEmpty() && priority < 1)
        return failingCall<Ok>(HelpdeskError::make(
            HelpdeskError::Kind::Rejected,
            u"%1: Freshdesk has no priority \"%2\" (low, normal, high, urgent)"_s.arg(what, handoff.priority), id));
    const Context ctx = contextOf(m_config, kind());
    auto call = std::make_unique<StepCall<Ok>>();
    StepCall<Ok> *c = call.get();
    const auto put = [c, ctx, priority, what, id](const QString &groupId) {
        QJsonObject body;
        if (!groupId.isEmpty())
            body.insert(u"group_id"_s, groupId.toLongLong());
        if (priority > 0)
            body.insert(u"priority"_s, priority);
        c->next(ctx.json("PUT", u"/api/v2/tickets/%1"_s.arg(percentEncoded(id)), what, body),
                [what, id](const HttpResponse &r) { return plainAnswer(r, what, id); });
    };
    const QString group = handoff.group.trimmed();
    if (groupNeedsNoLookup(group)) {
        put(group);
        return call;
    }
    // A group by its name: GET /api/v2/groups, page by page (Link rel="next"), until it is found.
    const QString groupsWhat = what + u" (groups)"_s;
    auto readGroups = std::make_shared<StepCall<Ok>::Handler>();
    *readGroups = [c, ctx, put, group, groupsWhat, what, id,
                   weak = std::weak_ptr<StepCall<Ok>::Handler>(readGroups)](const HttpResponse &r) -> HelpdeskStatus {
        if (auto st = plainAnswer(r, groupsWhat, id); !st)
            return st;
        auto doc = readJson(r, groupsWhat, true);
        if (!doc)
            return doc.error();
        for (const QJsonValue &g : doc->array()) {
            if (g.toObject().value(u"name"_s).toString().compare(group, Qt::CaseInsensitive) == 0) {
                put(jsonId(g.toObject().value(u"id"_s)));
                return helpdeskOk();
            }
        }
        const QString next = detail::relativeLink(detail::nextLink(r), ctx.baseUrl);
        auto self = weak.lock();
        if (next.isEmpty() || !self)
            return HelpdeskError::make(HelpdeskError::Kind::Rejected,
                                       u"%1: Freshdesk has no group named \"%2\""_s.arg(what, group), id);
        c->next(ctx.request("GET", next, groupsWhat), [self](const HttpResponse &page) { return (*self)(page); });
        return helpdeskOk();
    };
    c->then(ctx.request("GET", u"/api/v2/groups?per_page=100"_s, groupsWhat),
            [readGroups](const HttpResponse &r) { return (*readGroups)(r); });
    return call;
}

} // namespace understudy::connectors

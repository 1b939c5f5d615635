// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterSupport.h"
#include "Importers.h"

#include <understudy/Json.h>

#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

namespace {

using detail::boolValue;
using detail::idValue;
using detail::stringListValue;
using detail::stringValue;

Error fieldError(const QString &field, const QString &what)
{
    return Error::make(Error::Code::Invalid, u"field \"%1\": %2"_s.arg(field, what));
}

Result<QDateTime> timeValue(const QJsonValue &v, const QString &field)
{
    if (v.isUndefined() || v.isNull())
        return QDateTime();
    if (!v.isString())
        return fieldError(field, u"must be an ISO-8601 date-time string"_s);
    const QDateTime t = json::parseTime(v.toString());
    if (!t.isValid())
        return fieldError(field, u"\"%1\" is not an ISO-8601 date-time"_s.arg(v.toString().left(80)));
    return t;
}

// An optional nested object: absent/null → empty object.
Result<QJsonObject> objectValue(const QJsonValue &v, const QString &field)
{
    if (v.isUndefined() || v.isNull())
        return QJsonObject();
    if (!v.isObject())
        return fieldError(field, u"must be an object"_s);
    return v.toObject();
}

Result<QJsonArray> recordsOf(const QJsonDocument &doc, const QString &fileName, const QString &key, const QString &what)
{
    if (doc.isObject()) {
        const QJsonValue records = doc.object().value(key);
        if (records.isArray())
            return records.toArray();
        if (!records.isUndefined())
            return Error::at(fileName, 0, u"\"%1\" must be an array"_s.arg(key));
    }
    return Error::at(fileName, 0, u"expected %1: an object with a \"%2\" array"_s.arg(what, key));
}

// The record's "id" (a number or a string), required.
Result<QString> requiredId(const QJsonObject &o)
{
    auto id = idValue(o.value(u"id"), u"id"_s);
    if (id && id->isEmpty())
        return fieldError(u"id"_s, u"is required"_s);
    return id;
}

Result<Article> zendeskArticle(const QJsonObject &o)
{
    Article a;
    auto id = requiredId(o);
    if (!id)
        return id.error();
    a.id = u"zd-"_s + *id;
    auto title = stringValue(o.value(u"title"), u"title"_s);
    if (!title)
        return title.error();
    a.title = title->trimmed();
    if (a.title.isEmpty())
        return fieldError(u"title"_s, u"is required"_s);
    auto body = stringValue(o.value(u"body"), u"body"_s);
    if (!body)
        return body.error();
    a.body = htmlToMarkdown(*body);
    auto url = stringValue(o.value(u"html_url"), u"html_url"_s);
    if (!url)
        return url.error();
    a.url = *url;
    auto tags = stringListValue(o.value(u"label_names"), u"label_names"_s);
    if (!tags)
        return tags.error();
    a.tags = *tags;
    const QString timeKey = o.contains(u"updated_at") ? u"updated_at"_s : u"edited_at"_s;
    auto updated = timeValue(o.value(timeKey), timeKey);
    if (!updated)
        return updated.error();
    a.updatedAt = *updated;
    for (const char16_t *flag : {u"draft", u"outdated"}) {
        auto set = boolValue(o.value(QStringView(flag)), QString::fromUtf16(flag));
        if (!set)
            return set.error();
        if (*set)
            a.status = u"deprecated"_s;
    }
    // Help Center articles name their translation's locale ("en-us", "fr", "pt-br").
    auto language = detail::languageValue(o);
    if (!language)
        return language.error();
    a.language = *language;
    detail::fillLanguage(a);
    return a;
}

QString ticketStatus(const QString &zendesk)
{
    const QString s = zendesk.trimmed().toLower();
    if (s == u"solved" || s == u"closed")
        return u"resolved"_s;
    if (s == u"new" || s.isEmpty())
        return u"open"_s;
    if (s == u"hold")
        return u"pending"_s;
    return s;
}

// The ticket's customer: the requester (its id, else the ticket's requester_id; name, email) and the organisation's
// tier.
Status readCustomer(const QJsonObject &o, const QJsonObject &requester, Customer &customer)
{
    auto requesterId = idValue(requester.contains(u"id") ? requester.value(u"id") : o.value(u"requester_id"),
                               requester.contains(u"id") ? u"requester.id"_s : u"requester_id"_s);
    if (!requesterId)
        return requesterId.error();
    customer.id = *requesterId;
    for (auto [key, dst] : {std::pair{u"name", &customer.name}, {u"email", &customer.email}}) {
        auto v = stringValue(requester.value(QStringView(key)), u"requester."_s + QString::fromUtf16(key));
        if (!v)
            return v.error();
        *dst = v->trimmed();
    }
    auto organization = objectValue(o.value(u"organization"), u"organization"_s);
    if (!organization)
        return organization.error();
    auto tier = stringValue(organization->value(u"tier"), u"organization.tier"_s);
    if (!tier)
        return tier.error();
    customer.tier = tier->trimmed().toLower();
    return ok();
}

// The public comments of the ticket as its messages (internal notes and empty comments left out); a comment by the
// requester (without one: by the first comment's author) is the customer's.
Status readComments(const QJsonObject &o, Ticket &t)
{
    const QJsonValue commentsValue = o.value(u"comments");
    if (!commentsValue.isUndefined() && !commentsValue.isNull() && !commentsValue.isArray())
        return fieldError(u"comments"_s, u"must be an array"_s);
    const QJsonArray comments = commentsValue.toArray();
    QString customerAuthor = t.customer.id;
    for (qsizetype i = 0; i < comments.size(); ++i) {
        const QString prefix = u"comments[%1]"_s.arg(i);
        if (!comments[i].isObject())
            return fieldError(prefix, u"must be an object"_s);
        const QJsonObject c = comments[i].toObject();
        auto author = idValue(c.value(u"author_id"), prefix + u".author_id"_s);
        if (!author)
            return author.error();
        const QJsonValue publicValue = c.value(u"public");
        auto isPublic = boolValue(publicValue, prefix + u".public"_s);
        if (!isPublic)
            return isPublic.error();
        auto body = stringValue(c.value(u"body"), prefix + u".body"_s);
        if (!body)
            return body.error();
        QString text = body->trimmed();
        if (text.isEmpty()) {
            auto html = stringValue(c.value(u"html_body"), prefix + u".html_body"_s);
            if (!html)
                return html.error();
            text = htmlToMarkdown(*html);
        }
        auto at = timeValue(c.value(u"created_at"), prefix + u".created_at"_s);
        if (!at)
            return at.error();
        // Without a known requester, whoever wrote the first comment opened the ticket.
        if (customerAuthor.isEmpty() && i == 0)
            customerAuthor = *author;
        const bool internalNote = !publicValue.isUndefined() && !publicValue.isNull() && !*isPublic;
        if (internalNote || text.isEmpty())
            continue;
        const bool byCustomer = !customerAuthor.isEmpty() && *author == customerAuthor;
        t.messages << Message{byCustomer ? u"customer"_s : u"agent"_s, text, *at};
    }
    return ok();
}

Result<Ticket> zendeskTicket(const QJsonObject &o)
{
    Ticket t;
    auto id = requiredId(o);
    if (!id)
        return id.error();
    t.id = u"ZD-"_s + *id;
    auto subject = stringValue(o.value(u"subject"), u"subject"_s);
    if (!subject)
        return subject.error();
    t.subject = subject->trimmed();
    auto description = stringValue(o.value(u"description"), u"description"_s);
    if (!description)
        return description.error();
    auto status = stringValue(o.value(u"status"), u"status"_s);
    if (!status)
        return status.error();
    t.status = ticketStatus(*status);
    auto intent = stringValue(o.value(u"intent"), u"intent"_s);
    if (!intent)
        return intent.error();
    t.intent = intent->trimmed();
    auto tags = stringListValue(o.value(u"tags"), u"tags"_s);
    if (!tags)
        return tags.error();
    auto created = timeValue(o.value(u"created_at"), u"created_at"_s);
    if (!created)
        return created.error();
    t.createdAt = *created;

    auto requester = objectValue(o.value(u"requester"), u"requester"_s);
    if (!requester)
        return requester.error();
    if (Status customer = readCustomer(o, *requester, t.customer); !customer)
        return customer.error();

    if (Status comments = readComments(o, t); !comments)
        return comments.error();
    if (t.messages.isEmpty() && !description->trimmed().isEmpty())
        t.messages << Message{u"customer"_s, description->trimmed(), t.createdAt};
    if (t.messages.isEmpty() && t.subject.isEmpty())
        return fieldError(u"description"_s, u"a ticket needs a subject, a description or a public comment"_s);
    if (!t.createdAt.isValid() && !t.messages.isEmpty())
        t.createdAt = t.messages.first().at;
    // A ticket seldom names a language; its requester's profile often has a locale ("de-de").
    auto language = detail::languageValue(o);
    if (language && language->isEmpty())
        language = detail::languageValue(*requester, u"requester."_s);
    if (!language)
        return language.error();
    t.language = *language;
    detail::fillLanguage(t);
    return t;
}

template <typename T, typename Convert>
Result<QList<T>> convertRecords(const QJsonArray &records, const QString &fileName, Convert convert,
                                const SkipHandler &skip)
{
    QList<T> out;
    out.reserve(records.size());
    detail::IdRegister ids;
    for (qsizetype i = 0; i < records.size(); ++i) {
        std::optional<Error> problem;
        if (!records[i].isObject()) {
            problem = detail::recordError(fileName, i, u"must be an object"_s);
        } else if (auto value = convert(records[i].toObject()); !value) {
            problem = detail::recordError(fileName, i, value.error().message);
        } else if (const qint64 first = ids.add(value->id, i + 1)) {
            problem =
                detail::recordError(fileName, i, u"duplicate id \"%1\" (also record %2)"_s.arg(value->id).arg(first));
        } else {
            out << std::move(*value);
            continue;
        }
        if (!skip)
            return *problem;
        skip(*problem);
    }
    return out;
}

} // namespace

namespace detail {

Result<QList<Article>> zendeskArticlesFromJson(const QJsonDocument &doc, const QString &fileName)
{
    auto records = recordsOf(doc, fileName, u"articles"_s, u"a Zendesk Help Center export"_s);
    if (!records)
        return records.error();
    return convertRecords<Article>(*records, fileName, zendeskArticle, {});
}

Result<QList<Ticket>> zendeskTicketsFromJson(const QJsonDocument &doc, const QString &fileName, const SkipHandler &skip)
{
    auto records = recordsOf(doc, fileName, u"tickets"_s, u"a Zendesk tickets export"_s);
    if (!records)
        return records.error();
    return convertRecords<Ticket>(*records, fileName, zendeskTicket, skip);
}

} // namespace detail

Result<QList<Article>> parseZendeskArticles(const QByteArray &data, const QString &fileName)
{
    auto doc = detail::parseJsonFile(data, fileName);
    if (!doc)
        return doc.error();
    return detail::zendeskArticlesFromJson(*doc, fileName);
}

Result<QList<Ticket>> parseZendeskTickets(const QByteArray &data, const QString &fileName, const SkipHandler &skip)
{
    auto doc = detail::parseJsonFile(data, fileName);
    if (!doc)
        return doc.error();
    return detail::zendeskTicketsFromJson(*doc, fileName, skip);
}

} // namespace understudy::connectors

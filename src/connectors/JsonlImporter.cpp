// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterSupport.h"
#include "Importers.h"

#include <understudy/Json.h>

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

namespace {

// The core reads these fields as strings and accepts integers for them; anything else numeric
// (1.5, 1e300) is refused here, before the core would truncate it.
Status checkTicketNumbers(const QJsonObject &o)
{
    Status st = detail::checkIntegralNumbers(o, {u"id", u"subject", u"intent", u"status", u"language", u"text"});
    if (!st)
        return st;
    if (const QJsonValue c = o.value(u"customer"); c.isObject()) {
        st = detail::checkIntegralNumbers(c.toObject(), {u"id", u"name", u"email", u"tier"}, u"customer."_s);
        if (!st)
            return st;
    }
    if (const QJsonValue m = o.value(u"messages"); m.isArray()) {
        const QJsonArray messages = m.toArray();
        for (qsizetype i = 0; i < messages.size(); ++i) {
            if (!messages[i].isObject())
                continue;
            st = detail::checkIntegralNumbers(messages[i].toObject(), {u"author", u"body"}, u"messages[%1]."_s.arg(i));
            if (!st)
                return st;
        }
    }
    return ok();
}

} // namespace

namespace detail {

Result<Article> articleFromRecord(const QJsonObject &o)
{
    Status numbers = checkIntegralNumbers(o, {u"id", u"title", u"body", u"url", u"status"});
    if (!numbers)
        return numbers.error();
    auto article = json::articleFromJson(o);
    if (!article)
        return article.error();
    if (Status status = checkArticle(*article); !status)
        return status.error();
    auto language = languageValue(o);
    if (!language)
        return language.error();
    article->language = *language;
    fillLanguage(*article);
    return article;
}

} // namespace detail

Result<QList<Article>> parseArticlesJsonl(const QByteArray &data, const QString &fileName)
{
    QList<Article> out;
    detail::IdRegister ids;
    const Status st = detail::forEachJsonLine(data, fileName, [&](const QJsonObject &o, qint64 line) -> Status {
        auto article = detail::articleFromRecord(o);
        if (!article)
            return Error::at(fileName, line, article.error().message);
        if (const qint64 first = ids.add(article->id, line))
            return Error::at(fileName, line, u"duplicate id \"%1\" (first on line %2)"_s.arg(article->id).arg(first));
        out << std::move(*article);
        return ok();
    });
    if (!st)
        return st.error();
    return out;
}

Result<QList<Ticket>> parseTicketsJsonl(const QByteArray &data, const QString &fileName, const SkipHandler &skip)
{
    QList<Ticket> out;
    detail::IdRegister ids;
    const auto readTicket = [&](const QJsonObject &o, qint64 line) -> Status {
        Status numbers = checkTicketNumbers(o);
        if (!numbers)
            return Error::at(fileName, line, numbers.error().message);
        auto ticket = json::ticketFromJson(o);
        if (!ticket)
            return Error::at(fileName, line, ticket.error().message);
        auto language = detail::languageValue(o);
        if (!language)
            return Error::at(fileName, line, language.error().message);
        ticket->language = *language;
        detail::fillLanguage(*ticket);
        if (const qint64 first = ids.add(ticket->id, line))
            return Error::at(fileName, line, u"duplicate id \"%1\" (first on line %2)"_s.arg(ticket->id).arg(first));
        out << std::move(*ticket);
        return ok();
    };
    const Status st = detail::forEachJsonLine(data, fileName, readTicket, skip);
    if (!st)
        return st.error();
    return out;
}

} // namespace understudy::connectors

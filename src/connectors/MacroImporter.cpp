// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterSupport.h"
#include "Importers.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

namespace {

Error fieldError(const QString &field, const QString &what)
{
    return Error::make(Error::Code::Invalid, u"field \"%1\": %2"_s.arg(field, what));
}

// Zendesk keeps a macro's reply in its actions: {"field":"comment_value","value":"text" or ["channel:all","text"]}.
Result<QString> bodyFromActions(const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isArray())
        return fieldError(u"actions"_s, u"must be an array"_s);
    const QJsonArray actions = v.toArray();
    for (qsizetype i = 0; i < actions.size(); ++i) {
        const QString prefix = u"actions[%1]"_s.arg(i);
        if (!actions[i].isObject())
            return fieldError(prefix, u"must be an object"_s);
        const QJsonObject a = actions[i].toObject();
        const QString field = a.value(u"field").toString();
        if (field != u"comment_value" && field != u"comment_value_html")
            continue;
        QJsonValue value = a.value(u"value");
        if (value.isArray()) {
            const QJsonArray parts = value.toArray();
            value = parts.isEmpty() ? QJsonValue() : parts.last();
        }
        if (!value.isString())
            return fieldError(prefix + u".value"_s, u"must be a string"_s);
        const QString text =
            field == u"comment_value_html" ? htmlToMarkdown(value.toString()) : value.toString().trimmed();
        if (!text.isEmpty())
            return text;
    }
    return QString();
}

Result<Macro> macroFromJson(const QJsonObject &o)
{
    Macro m;
    auto id = detail::idValue(o.value(u"id"), u"id"_s);
    if (!id)
        return id.error();
    if (id->isEmpty())
        return fieldError(u"id"_s, u"is required"_s);
    m.id = *id;
    auto title = detail::stringValue(o.value(u"title"), u"title"_s);
    if (!title)
        return title.error();
    m.title = title->trimmed();
    if (m.title.isEmpty())
        return fieldError(u"title"_s, u"is required"_s);
    auto body = detail::stringValue(o.value(u"body"), u"body"_s);
    if (!body)
        return body.error();
    m.body = body->trimmed();
    if (m.body.isEmpty()) {
        auto fromActions = bodyFromActions(o.value(u"actions"));
        if (!fromActions)
            return fromActions.error();
        m.body = *fromActions;
    }
    if (m.body.isEmpty())
        return fieldError(u"body"_s, u"is required (or a \"comment_value\" action)"_s);
    auto tags = detail::stringListValue(o.value(u"tags"), u"tags"_s);
    if (!tags)
        return tags.error();
    m.tags = *tags;
    auto language = detail::languageValue(o);
    if (!language)
        return language.error();
    m.language = *language;
    detail::fillLanguage(m);
    return m;
}

} // namespace

Result<QList<Macro>> parseMacros(const QByteArray &data, const QString &fileName)
{
    auto doc = detail::parseJsonFile(data, fileName);
    if (!doc)
        return doc.error();
    QJsonArray records;
    if (doc->isArray()) {
        records = doc->array();
    } else if (const QJsonValue v = doc->object().value(u"macros"); v.isArray()) {
        records = v.toArray();
    } else {
        return Error::at(fileName, 0, u"expected an object with a \"macros\" array, or an array of macros"_s);
    }
    QList<Macro> out;
    detail::IdRegister ids;
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (!records[i].isObject())
            return detail::recordError(fileName, i, u"must be an object"_s);
        const QJsonObject o = records[i].toObject();
        const QJsonValue activeValue = o.value(u"active");
        auto active = detail::boolValue(
            activeValue.isUndefined() || activeValue.isNull() ? QJsonValue(true) : activeValue, u"active"_s);
        if (!active)
            return detail::recordError(fileName, i, active.error().message);
        auto macro = macroFromJson(o);
        if (!macro)
            return detail::recordError(fileName, i, macro.error().message);
        if (const qint64 first = ids.add(macro->id, i + 1))
            return detail::recordError(fileName, i,
                                       u"duplicate id \"%1\" (also record %2)"_s.arg(macro->id).arg(first));
        if (*active)
            out << std::move(*macro);
    }
    return out;
}

} // namespace understudy::connectors

// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoredText.h"

#include <understudy/Text.h>

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace understudy::store::stored {

QString tagsJson(const QStringList &tags)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

QStringList tagsFromJson(const QString &text)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        out << v.toString();
    return out;
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject objectFrom(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString languageOf(const QString &given, QStringView text)
{
    const QString code = languageCode(given);
    return code.isEmpty() ? detectLanguage(text) : code;
}

QString ticketLanguage(const Ticket &t)
{
    if (const QString code = languageCode(t.language); !code.isEmpty())
        return code;
    QString text = t.subject;
    for (const Message &m : t.messages)
        if (m.author == u"customer"_s)
            text += u'\n' + m.body;
    return detectLanguage(text);
}

QString answerLanguage(const QString &given, const QString &reply, const QString &question)
{
    return languageOf(given, reply.trimmed().isEmpty() ? question : reply);
}

} // namespace understudy::store::stored

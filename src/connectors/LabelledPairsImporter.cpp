// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterSupport.h"
#include "Importers.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

namespace {

// [text, label] or {"text", "label"|"intent"|"category"}; null message when fine.
QString readPair(const QJsonValue &v, QString &text, QString &label)
{
    if (v.isArray()) {
        const QJsonArray pair = v.toArray();
        if (pair.size() != 2 || !pair[0].isString() || !pair[1].isString())
            return u"must be a [text, label] pair of strings"_s;
        text = pair[0].toString();
        label = pair[1].toString();
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        const QJsonValue t = o.value(u"text");
        QJsonValue l = o.value(u"label");
        if (l.isUndefined())
            l = o.value(u"intent");
        if (l.isUndefined())
            l = o.value(u"category");
        if (!t.isString() || !l.isString())
            return u"must have string fields \"text\" and \"label\""_s;
        text = t.toString();
        label = l.toString();
    } else {
        return u"must be a [text, label] pair of strings"_s;
    }
    text = text.trimmed();
    label = label.trimmed();
    if (text.isEmpty())
        return u"the text is empty"_s;
    if (label.isEmpty())
        return u"the label is empty"_s;
    return {};
}

Status appendSplit(QList<Ticket> &out, const QJsonArray &pairs, const QString &split, const QString &fileName,
                   bool named, const SkipHandler &skip)
{
    out.reserve(out.size() + pairs.size());
    QString text, label;
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        const QString problem = readPair(pairs[i], text, label);
        if (!problem.isNull()) {
            Error e = named ? detail::recordError(fileName, i, u"\"%1\""_s.arg(split), problem)
                            : detail::recordError(fileName, i, problem);
            if (!skip)
                return e;
            skip(e);
            continue;
        }
        Ticket t;
        t.id = u"%1-%2"_s.arg(split).arg(i + 1);
        t.messages << Message{u"customer"_s, text, {}};
        t.intent = label;
        t.status = u"resolved"_s;
        detail::fillLanguage(t);
        out << std::move(t);
    }
    return ok();
}

QString quotedList(const QStringList &keys)
{
    QStringList quoted;
    for (const QString &k : keys)
        quoted << u"\"%1\""_s.arg(k);
    return quoted.join(u", "_s);
}

} // namespace

namespace detail {

Result<QList<Ticket>> labelledPairsFromJson(const QJsonDocument &doc, const QString &fileName,
                                            const QStringList &splits, const SkipHandler &skip)
{
    QList<Ticket> out;
    if (doc.isArray()) {
        QString split = baseNameOf(fileName);
        if (split.isEmpty())
            split = u"pair"_s;
        Status st = appendSplit(out, doc.array(), split, fileName, false, skip);
        if (!st)
            return st.error();
        return out;
    }
    const QJsonObject o = doc.object();
    QStringList available;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.value().isArray())
            available << it.key();
    if (available.isEmpty())
        return Error::at(fileName, 0, u"expected an object of arrays of [text, label] pairs, or an array of pairs"_s);
    if (splits.isEmpty())
        return Error::at(fileName, 0, u"choose the splits to read; the file has %1"_s.arg(quotedList(available)));
    QStringList done;
    for (const QString &split : splits) {
        if (done.contains(split))
            continue;
        done << split;
        const QJsonValue v = o.value(split);
        if (!v.isArray())
            return Error::at(fileName, 0, u"no split \"%1\"; the file has %2"_s.arg(split, quotedList(available)));
        Status st = appendSplit(out, v.toArray(), split, fileName, true, skip);
        if (!st)
            return st.error();
    }
    return out;
}

} // namespace detail

Result<QList<Ticket>> parseLabelledPairsJson(const QByteArray &data, const QString &fileName, const QStringList &splits,
                                             const SkipHandler &skip)
{
    auto doc = detail::parseJsonFile(data, fileName);
    if (!doc)
        return doc.error();
    return detail::labelledPairsFromJson(*doc, fileName, splits, skip);
}

} // namespace understudy::connectors

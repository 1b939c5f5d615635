// SPDX-License-Identifier: GPL-3.0-or-later
#include "EscalationRules.h"

#include "TextUtil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

Result<QStringList> foldedList(const QJsonObject &o, const QString &key, const QString &where)
{
    QStringList out;
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return out;
    if (!v.isArray())
        return Error::make(Error::Code::Invalid, u"%1: \"%2\" must be an array of strings"_s.arg(where, key));
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString())
            return Error::make(Error::Code::Invalid, u"%1: \"%2\" must be an array of strings"_s.arg(where, key));
        QString f = foldForMatching(e.toString()).trimmed();
        if (e.toString().trimmed().endsWith(u'*'))
            f += u'*';
        if (!f.isEmpty())
            out << f;
    }
    return out;
}

} // namespace

Result<EscalationRules> EscalationRules::fromJson(const QByteArray &data, const QString &fileName)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error{Error::Code::Parse, u"invalid JSON at offset %1: %2"_s.arg(pe.offset).arg(pe.errorString()), fileName, 0};
    const QJsonArray rules = doc.object().value(u"rules"_s).toArray();
    if (!doc.isObject() || rules.isEmpty())
        return Error{Error::Code::Invalid, u"expected {\"rules\": [...]} with at least one rule"_s, fileName, 0};
    EscalationRules out;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QJsonObject r = rules[i].toObject();
        EscalationRule rule;
        rule.id = r.value(u"id"_s).toString();
        const QString where = u"rule %1 (%2)"_s.arg(i + 1).arg(rule.id.isEmpty() ? u"no id"_s : rule.id);
        if (rule.id.isEmpty())
            return Error{Error::Code::Invalid, where + u": \"id\" is required"_s, fileName, 0};
        rule.reason = r.value(u"reason"_s).toString();
        if (rule.reason.isEmpty())
            return Error{Error::Code::Invalid, where + u": \"reason\" is required"_s, fileName, 0};
        rule.handoff = r.value(u"handoff"_s).toString();
        const QString draft = r.value(u"draft"_s).toString(u"handoff"_s);
        if (draft != u"handoff"_s && draft != u"answer"_s)
            return Error{Error::Code::Invalid, where + u": \"draft\" must be \"handoff\" or \"answer\""_s, fileName, 0};
        rule.draftHandoff = draft == u"handoff"_s;
        for (auto [key, dst] : {std::pair{u"phrases"_s, &rule.phrases}, {u"unless"_s, &rule.unless}}) {
            auto list = foldedList(r, key, where);
            if (!list)
                return Error{list.error().code, list.error().message, fileName, 0};
            *dst = *list;
        }
        for (const QJsonValue &t : r.value(u"tiers"_s).toArray())
            rule.tiers << t.toString().toLower();
        if (r.contains(u"min_frustration"_s)) {
            rule.minFrustration = r.value(u"min_frustration"_s).toDouble(-1);
            if (rule.minFrustration < 0 || rule.minFrustration > 1)
                return Error{Error::Code::Invalid, where + u": \"min_frustration\" must be in [0,1]"_s, fileName, 0};
        }
        if (rule.phrases.isEmpty() && rule.tiers.isEmpty() && rule.minFrustration < 0)
            return Error{Error::Code::Invalid, where + u": needs \"phrases\", \"tiers\" or \"min_frustration\""_s, fileName, 0};
        out.m_rules << rule;
    }
    return out;
}

Result<EscalationRules> EscalationRules::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{Error::Code::Io, u"cannot read: %1"_s.arg(f.errorString()), path, 0};
    return fromJson(f.readAll(), path);
}

EscalationRules EscalationRules::defaults()
{
    auto r = fromFile(u":/understudy/rules/escalation.json"_s);
    Q_ASSERT_X(r.ok(), "EscalationRules::defaults", "the bundled rules must parse");
    return r.ok() ? *r : EscalationRules();
}

Escalation EscalationRules::evaluate(const QString &text, const QString &tier, double frustration, QString *handoff) const
{
    Escalation e;
    const QString folded = foldForMatching(text);
    for (const EscalationRule &rule : m_rules) {
        bool hit = false;
        for (const QString &p : rule.phrases) {
            if (containsPhrase(folded, p)) {
                hit = true;
                break;
            }
        }
        if (hit) {
            for (const QString &u : rule.unless)
                if (containsPhrase(folded, u))
                    hit = false;
        }
        hit = hit || (!tier.isEmpty() && rule.tiers.contains(tier.toLower()));
        hit = hit || (rule.minFrustration >= 0 && frustration >= rule.minFrustration);
        if (!hit)
            continue;
        if (handoff && handoff->isEmpty() && rule.draftHandoff)
            *handoff = rule.handoff.isEmpty() ? u"-"_s : rule.handoff;
        e.escalate = true;
        e.rules << rule.id;
        e.reasons << rule.reason;
    }
    return e;
}

} // namespace understudy::engine

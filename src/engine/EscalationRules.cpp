// SPDX-License-Identifier: GPL-3.0-or-later
#include "EscalationRules.h"

#include "TextUtil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

Error invalid(const QString &fileName, const QString &message)
{
    return Error{Error::Code::Invalid, message, fileName, 0};
}

/// Folds one JSON array of phrases; @p what names it in errors ("rule 2 (refund): \"phrases\"").
Result<QStringList> foldedArray(const QJsonValue &v, const QString &what)
{
    QStringList out;
    if (!v.isArray())
        return Error::make(Error::Code::Invalid, what + u" must be an array of strings"_s);
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString())
            return Error::make(Error::Code::Invalid, what + u" must be an array of strings"_s);
        QString f = foldForMatching(e.toString()).trimmed();
        if (e.toString().trimmed().endsWith(u'*'))
            f += u'*';
        if (!f.isEmpty())
            out << f;
    }
    return out;
}

Result<QStringList> foldedList(const QJsonObject &o, const QString &key, const QString &where)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return QStringList();
    return foldedArray(v, u"%1: \"%2\""_s.arg(where, key));
}

Result<QStringList> stringList(const QJsonObject &o, const QString &key, const QString &where)
{
    QStringList out;
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return out;
    const QString error = u"%1: \"%2\" must be an array of strings"_s.arg(where, key);
    if (!v.isArray())
        return Error::make(Error::Code::Invalid, error);
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString() || e.toString().trimmed().isEmpty())
            return Error::make(Error::Code::Invalid, error);
        out << e.toString().trimmed();
    }
    return out;
}

bool anyPhrase(const QString &folded, const QStringList &phrases)
{
    for (const QString &p : phrases)
        if (containsPhrase(folded, p))
            return true;
    return false;
}

/// The text cut into sentences, each folded: a sentence ends at . ! ? ; or … followed by a space (so "7.5" and
/// "v2.1" stay whole) and at every line break (the subject is its own sentence).
QStringList foldedSentences(const QString &text)
{
    QStringList out;
    qsizetype start = 0;
    const auto flush = [&](qsizetype end) {
        QString f = foldForMatching(QStringView(text).mid(start, end - start));
        if (f.size() > 2)
            out << std::move(f);
        start = end + 1;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool stop = c == u'\n' || ((c == u'.' || c == u'!' || c == u'?' || c == u';' || c == QChar(0x2026)) &&
                                         (i + 1 == text.size() || text[i + 1].isSpace()));
        if (stop)
            flush(i);
    }
    flush(text.size());
    return out;
}

QStringList topicsInFolded(const QMap<QString, QStringList> &topics, const QString &folded)
{
    QStringList out;
    for (auto it = topics.constBegin(); it != topics.constEnd(); ++it)
        if (anyPhrase(folded, it.value()))
            out << it.key();
    return out;
}

// Fields a rule may carry; "about", "comment" and "note" are for the file's readers. Anything else is a typo
// that would silently change what the rule does ("requires_topics" would drop the topic condition).
const QSet<QString> &knownRuleFields()
{
    static const QSet<QString> known{u"id"_s,      u"reason"_s,          u"handoff"_s, u"draft"_s,
                                     u"phrases"_s, u"all_of"_s,          u"unless"_s,  u"requires_topic"_s,
                                     u"tiers"_s,   u"min_frustration"_s, u"about"_s,   u"comment"_s,
                                     u"note"_s};
    return known;
}

} // namespace

Result<EscalationRules> EscalationRules::fromJson(const QByteArray &data, const QString &fileName)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error{Error::Code::Parse, u"invalid JSON at offset %1: %2"_s.arg(pe.offset).arg(pe.errorString()),
                     fileName, 0};
    const QJsonArray rules = doc.object().value(u"rules"_s).toArray();
    if (!doc.isObject() || rules.isEmpty())
        return invalid(fileName, u"expected {\"rules\": [...]} with at least one rule"_s);
    EscalationRules out;

    // Topics: named lexicons of context phrases. Files without the section keep the old behaviour.
    const QJsonValue topics = doc.object().value(u"topics"_s);
    if (!topics.isUndefined()) {
        if (!topics.isObject())
            return invalid(fileName, u"\"topics\" must be an object: {\"topic-name\": [\"phrase\", ...], ...}"_s);
        const QJsonObject t = topics.toObject();
        for (auto it = t.begin(); it != t.end(); ++it) {
            const QString where = u"topic \"%1\""_s.arg(it.key());
            if (it.key().trimmed().isEmpty())
                return invalid(fileName, u"\"topics\": a topic needs a name"_s);
            auto list = foldedArray(it.value(), where);
            if (!list)
                return invalid(fileName, list.error().message);
            if (list->isEmpty())
                return invalid(fileName, where + u" needs at least one phrase"_s);
            out.m_topics.insert(it.key(), *list);
        }
    }

    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (!rules[i].isObject())
            return invalid(fileName, u"rule %1: must be an object"_s.arg(i + 1));
        const QJsonObject r = rules[i].toObject();
        EscalationRule rule;
        rule.id = r.value(u"id"_s).toString();
        const QString where = u"rule %1 (%2)"_s.arg(i + 1).arg(rule.id.isEmpty() ? u"no id"_s : rule.id);
        for (auto it = r.begin(); it != r.end(); ++it)
            if (!knownRuleFields().contains(it.key()))
                return invalid(fileName, where + u": unknown field \"%1\""_s.arg(it.key()));
        if (rule.id.isEmpty())
            return invalid(fileName, where + u": \"id\" is required"_s);
        rule.reason = r.value(u"reason"_s).toString();
        if (rule.reason.isEmpty())
            return invalid(fileName, where + u": \"reason\" is required"_s);
        // "handoff": the hand-off macro's id, or {"macro", "group", "priority"}: where a connected helpdesk moves the
        // escalated ticket (its group, RT: queue) and the priority it sets there (low, normal, high, urgent).
        if (const QJsonValue h = r.value(u"handoff"_s); h.isObject()) {
            const QJsonObject o = h.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (it.key() != u"macro"_s && it.key() != u"group"_s && it.key() != u"priority"_s)
                    return invalid(fileName,
                                   where + u": unknown field \"handoff.%1\" (macro, group, priority)"_s.arg(it.key()));
                if (!it.value().isString())
                    return invalid(fileName, where + u": \"handoff.%1\" must be a string"_s.arg(it.key()));
            }
            rule.handoff = o.value(u"macro"_s).toString();
            rule.handoffGroup = o.value(u"group"_s).toString().trimmed();
            rule.handoffPriority = o.value(u"priority"_s).toString().trimmed().toLower();
            static const QStringList priorities{u"low"_s, u"normal"_s, u"high"_s, u"urgent"_s};
            if (!rule.handoffPriority.isEmpty() && !priorities.contains(rule.handoffPriority))
                return invalid(fileName, where + u": \"handoff.priority\" must be low, normal, high or urgent"_s);
        } else if (!h.isUndefined() && !h.isString()) {
            return invalid(fileName,
                           where + u": \"handoff\" must be a macro id or {\"macro\", \"group\", \"priority\"}"_s);
        } else {
            rule.handoff = h.toString();
        }
        const QString draft = r.value(u"draft"_s).toString(u"handoff"_s);
        if (draft != u"handoff"_s && draft != u"answer"_s)
            return invalid(fileName, where + u": \"draft\" must be \"handoff\" or \"answer\""_s);
        rule.draftHandoff = draft == u"handoff"_s;
        for (auto [key, dst] : {std::pair{u"phrases"_s, &rule.phrases}, {u"unless"_s, &rule.unless}}) {
            auto list = foldedList(r, key, where);
            if (!list)
                return invalid(fileName, list.error().message);
            *dst = *list;
        }
        if (r.contains(u"all_of"_s)) {
            const QJsonValue groups = r.value(u"all_of"_s);
            const QString shape = where + u": \"all_of\" must be an array of at least two arrays of phrases"_s;
            if (!groups.isArray() || groups.toArray().size() < 2)
                return invalid(fileName, shape);
            const QJsonArray g = groups.toArray();
            for (qsizetype k = 0; k < g.size(); ++k) {
                if (!g[k].isArray())
                    return invalid(fileName, shape);
                auto list = foldedArray(g[k], u"%1: \"all_of\" group %2"_s.arg(where).arg(k + 1));
                if (!list)
                    return invalid(fileName, list.error().message);
                if (list->isEmpty())
                    return invalid(fileName, u"%1: \"all_of\" group %2 is empty"_s.arg(where).arg(k + 1));
                rule.allOf << *list;
            }
        }
        auto required = stringList(r, u"requires_topic"_s, where);
        if (!required)
            return invalid(fileName, required.error().message);
        for (const QString &name : *required) {
            if (!out.m_topics.contains(name)) {
                const QString known = out.m_topics.isEmpty() ? u"the file has no \"topics\" section"_s
                                                             : u"known topics: "_s + out.m_topics.keys().join(u", "_s);
                return invalid(fileName,
                               where + u": \"requires_topic\" names an unknown topic \"%1\" (%2)"_s.arg(name, known));
            }
        }
        rule.requiresTopic = *required;
        auto tiers = stringList(r, u"tiers"_s, where);
        if (!tiers)
            return invalid(fileName, tiers.error().message);
        for (const QString &t : *tiers)
            rule.tiers << t.toLower();
        if (r.contains(u"min_frustration"_s)) {
            rule.minFrustration = r.value(u"min_frustration"_s).toDouble(-1);
            if (rule.minFrustration < 0 || rule.minFrustration > 1)
                return invalid(fileName, where + u": \"min_frustration\" must be in [0,1]"_s);
        }
        if (rule.phrases.isEmpty() && rule.allOf.isEmpty() && rule.tiers.isEmpty() && rule.minFrustration < 0)
            return invalid(fileName, where + u": needs \"phrases\", \"all_of\", \"tiers\" or \"min_frustration\""_s);
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

QStringList EscalationRules::topicsIn(const QString &text) const
{
    return topicsInFolded(m_topics, foldForMatching(text));
}

Escalation EscalationRules::evaluate(const QString &text, const QString &tier, double frustration,
                                     QString *handoff) const
{
    Escalation e;
    const QString folded = foldForMatching(text);
    // Sentences and topics are only worked out when a rule asks for them.
    std::optional<QStringList> sentences;
    std::optional<QStringList> topics;
    for (const EscalationRule &rule : m_rules) {
        if (e.rules.contains(rule.id))
            continue; // rules sharing an id are alternatives: the ticket escalates once for that reason
        bool textHit = anyPhrase(folded, rule.phrases);
        if (!textHit && !rule.allOf.isEmpty()) {
            if (!sentences)
                sentences = foldedSentences(text);
            for (const QString &s : *sentences) {
                textHit = std::all_of(rule.allOf.cbegin(), rule.allOf.cend(),
                                      [&s](const QStringList &group) { return anyPhrase(s, group); });
                if (textHit)
                    break;
            }
        }
        if (textHit && anyPhrase(folded, rule.unless))
            textHit = false;
        bool hit = textHit || (!tier.isEmpty() && rule.tiers.contains(tier.toLower())) ||
                   (rule.minFrustration >= 0 && frustration >= rule.minFrustration);
        if (hit && !rule.requiresTopic.isEmpty()) {
            if (!topics)
                topics = topicsInFolded(m_topics, folded);
            hit = std::any_of(rule.requiresTopic.cbegin(), rule.requiresTopic.cend(),
                              [&](const QString &t) { return topics->contains(t); });
        }
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

// SPDX-License-Identifier: GPL-3.0-or-later
#include "DraftText.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace understudy::app {

namespace {

/// The built-in rules of resources/rules/escalation.json: id and the file's English reason. The text is compared
/// with what a draft carries, so a team's own rule file that reuses an id with other words keeps its words.
struct BuiltInRule {
    const char16_t *id;
    const char16_t *english;
};
constexpr BuiltInRule kBuiltInRules[] = {
    {u"security", u"Possible account compromise or security incident: a security specialist must handle it"},
    {u"legal-privacy", u"Legal, privacy or data-deletion request: a privacy specialist must reply"},
    {u"billing-dispute", u"Billing dispute or chargeback: a billing specialist must handle it"},
    {u"refund", u"Refund request: refunds are approved by a human"},
    {u"high-frustration", u"The customer is very frustrated: a human should answer personally"},
    {u"enterprise", u"Enterprise customer: their success team answers first"},
};

/// A count argument ("3"); -1 when it is not a number.
int countOf(const QString &arg)
{
    bool ok = false;
    const int n = arg.trimmed().toInt(&ok);
    return ok && n >= 0 ? n : -1;
}

} // namespace

QString DraftText::reason(const DraftReason &reason, const QString &english, const Escalation &escalation)
{
    const QStringList &a = reason.args;
    const QString &c = reason.code;
    // Each code's text and how many arguments it needs; with fewer, the engine's own text is the safer choice.
    const auto need = [&a](qsizetype n) { return a.size() >= n; };
    if (c == u"reused-reply" && need(1))
        return tr("Reuses a past reply to a similar question (similarity %1)").arg(a[0]);
    if (c == u"article" && need(2))
        return tr("Built from the article \"%1\" (similarity %2)").arg(a[0], a[1]);
    if (c == u"macro" && need(1))
        return tr("Built from the macro \"%1\"").arg(a[0]);
    if (c == u"nothing-fits")
        return tr("Nothing in the knowledge base or past replies fits this question well: needs a human");
    if (c == u"out-of-scope")
        return tr("No known topic fits this question well: needs a human");
    if (c == u"topic-agrees" && need(2))
        return tr("Similar past tickets agree on the topic \"%1\" (%2)").arg(a[0], a[1]);
    if (c == u"topic-disagrees" && need(2))
        return tr("Similar past tickets disagree on the topic (\"%1\" only %2)").arg(a[0], a[1]);
    if (c == u"deprecated-source")
        return tr("The source article is marked deprecated and may be out of date");
    if (c == u"poor-reputation")
        return tr("Agents often rejected or flagged drafts built on this source");
    if (c == u"calibrated" && need(1) && countOf(a[0]) >= 0)
        return tr("Confidence calibrated on %n past draft(s) the team acted on", nullptr, countOf(a[0]));
    if (c == u"partial-coverage")
        return tr("Only part of the question is covered by the source");
    if (c == u"fill-placeholders" && need(1)) {
        // One argument joined by the engine, or one per placeholder; each named once (a placeholder has no comma).
        QStringList names = a.join(u", "_s).split(u", "_s, Qt::SkipEmptyParts);
        names.removeDuplicates();
        return tr("Fill in before sending: %1").arg(names.join(u", "_s));
    }
    if (c == u"tried-steps-left-out" && need(1) && countOf(a[0]) >= 0)
        return tr("Left out %n step(s) the customer already tried", nullptr, countOf(a[0]));
    if (c == u"actions-removed" && need(1) && countOf(a[0]) >= 0)
        return tr("Left out %n sentence(s) of a past reply that said what was done for another customer", nullptr,
                  countOf(a[0]));
    if (c == u"escalation" && need(1)) {
        QStringList rules;
        for (const QString &id : a) {
            const qsizetype i = escalation.rules.indexOf(id);
            const bool aligned = escalation.rules.size() == escalation.reasons.size();
            rules << escalationRule(id, i >= 0 && aligned ? escalation.reasons.at(i) : QString());
        }
        return tr("Escalation: %1").arg(rules.join(u"; "_s));
    }
    if (c == u"frustrated" && need(1)) {
        // The engine's signals (engine/Sentiment.cpp) are English words; known ones are translated, others kept.
        QStringList signalTexts;
        for (const QString &joined : a) {
            for (const QString &s : joined.split(u", "_s, Qt::SkipEmptyParts)) {
                if (s == u"angry or negative words")
                    signalTexts << tr("angry or negative words");
                else if (s == u"threatens to cancel or go public")
                    signalTexts << tr("threatens to cancel or go public");
                else if (s == u"repeat contact")
                    signalTexts << tr("repeat contact");
                else if (s == u"shouting")
                    signalTexts << tr("shouting");
                else if (s == u"repeated punctuation")
                    signalTexts << tr("repeated punctuation");
                else
                    signalTexts << s;
            }
        }
        return tr("The customer sounds frustrated (%1)").arg(signalTexts.join(u", "_s));
    }
    if (c == u"no-source-in-language" && need(2))
        return tr("No source in %1: the answer is in %2 (translate or check before sending)")
            .arg(languageName(a[0]), languageName(a[1]));
    if (c == u"multi-part" && need(1) && countOf(a[0]) >= 0)
        return tr("The question has %n part(s), answered from separate sources", nullptr, countOf(a[0]));
    if (c == u"follow-up")
        return tr("Read as a follow-up to the earlier messages in the conversation");
    return english.isEmpty() ? c : english;
}

QStringList DraftText::reasons(const Draft &draft)
{
    if (draft.reasonCodes.isEmpty())
        return draft.reasons; // stored before there were codes
    QStringList out;
    for (qsizetype i = 0; i < draft.reasonCodes.size(); ++i)
        out << reason(draft.reasonCodes.at(i), i < draft.reasons.size() ? draft.reasons.at(i) : QString(),
                      draft.escalation);
    return out;
}

QString DraftText::check(const QString &check)
{
    if (check.isEmpty())
        return {};
    if (check == u"placeholder")
        return tr("Fill this in before sending");
    if (check == u"unsupported-action")
        return tr("States an action taken for the customer: make sure it was done");
    if (check == u"unsupported")
        return tr("Not backed by a source: check it");
    if (check == u"other-language")
        return tr("Not in the customer's language");
    return tr("Check this before sending");
}

QString DraftText::escalationRule(const QString &ruleId, const QString &english)
{
    for (const BuiltInRule &r : kBuiltInRules) {
        if (ruleId != QStringView(r.id))
            continue;
        if (!english.isEmpty() && english != QStringView(r.english))
            break; // the team's rule file says something else under this id
        if (ruleId == u"security")
            return tr("Possible account compromise or security incident: a security specialist must handle it");
        if (ruleId == u"legal-privacy")
            return tr("Legal, privacy or data-deletion request: a privacy specialist must reply");
        if (ruleId == u"billing-dispute")
            return tr("Billing dispute or chargeback: a billing specialist must handle it");
        if (ruleId == u"refund")
            return tr("Refund request: refunds are approved by a human");
        if (ruleId == u"high-frustration")
            return tr("The customer is very frustrated: a human should answer personally");
        if (ruleId == u"enterprise")
            return tr("Enterprise customer: their success team answers first");
    }
    return english.isEmpty() ? ruleId : english;
}

QStringList DraftText::escalationReasons(const Escalation &escalation)
{
    // rules and reasons are parallel (engine/EscalationRules.cpp); a draft without rule ids keeps its reasons.
    if (escalation.rules.isEmpty() || escalation.rules.size() != escalation.reasons.size())
        return escalation.reasons;
    QStringList out;
    for (qsizetype i = 0; i < escalation.rules.size(); ++i)
        out << escalationRule(escalation.rules.at(i), escalation.reasons.at(i));
    return out;
}

QString DraftText::languageName(const QString &code)
{
    const QLocale::Language language = QLocale::codeToLanguage(code);
    if (code.isEmpty() || language == QLocale::AnyLanguage || language == QLocale::C)
        return code;
    // The languages support teams most often meet read naturally in the sentences around them ("auf Deutsch",
    // "en allemand"): translated here. Any other: English names in the English interface, else the language's own.
    switch (language) {
    case QLocale::English:
        return tr("English");
    case QLocale::German:
        return tr("German");
    case QLocale::French:
        return tr("French");
    case QLocale::Spanish:
        return tr("Spanish");
    case QLocale::Italian:
        return tr("Italian");
    case QLocale::Dutch:
        return tr("Dutch");
    case QLocale::Portuguese:
        return tr("Portuguese");
    default:
        break;
    }
    if (tr("English") == u"English")
        return QLocale::languageToString(language);
    const QString native = QLocale(language).nativeLanguageName();
    return native.isEmpty() ? QLocale::languageToString(language) : native;
}

QString DraftText::languageMismatch(const Draft &draft)
{
    if (!draft.languageMismatch)
        return {};
    QString asked;
    QString written = draft.language;
    for (const DraftReason &r : draft.reasonCodes) {
        if (r.code == u"no-source-in-language" && r.args.size() >= 2) {
            asked = r.args.at(0);
            if (written.isEmpty())
                written = r.args.at(1);
        }
    }
    if (!asked.isEmpty() && !written.isEmpty())
        return tr("No source in %1: the answer below is in %2 — translate or check before sending")
            .arg(languageName(asked), languageName(written));
    if (!written.isEmpty())
        return tr("No source in the customer's language: the answer below is in %1 — translate or check before "
                  "sending")
            .arg(languageName(written));
    return tr("No source in the customer's language: check the language of the answer below before sending");
}

} // namespace understudy::app

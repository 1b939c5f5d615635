// SPDX-License-Identifier: GPL-3.0-or-later
#include "TicketReader.h"

#include "TextUtil.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

// Lines that start quoted history in the common mail clients, in the languages we support.
const QRegularExpression &quoteHeader()
{
    static const QRegularExpression re(
        u"^\\s*(On .{3,120} wrote:?|Le .{3,120} a (e|é)crit ?:?|Am .{3,120} schrieb .{0,80}:?|El .{3,120} escribi(o|ó):?|"
        "-{2,}\\s*(Original Message|Message d'origine|Urspr(ü|u)ngliche Nachricht|Mensaje original)\\s*-{2,}|"
        "From: .+|De ?: .+|Von: .+)\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &signatureStart()
{
    static const QRegularExpression re(
        u"^\\s*(--\\s*|__+|Sent from my .+|Get Outlook for .+|Envoy(é|e) de mon .+|Von meinem .+ gesendet|"
        "Enviado desde mi .+)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &closing()
{
    static const QRegularExpression re(
        u"^\\s*(best|best regards|kind regards|regards|thanks|thank you|many thanks|cheers|cordialement|"
        "bien (a|à) vous|merci|mit freundlichen (gr(u|ü)(ss|ß)en)|viele gr(u|ü)(ss|ß)e|gr(u|ü)(ss|ß)e|danke|saludos|"
        "atentamente|gracias|un saludo)[,.!]*\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

struct ActionPattern {
    const char16_t *action;
    const char16_t *pattern; // folded text, see foldForMatching
};

// Folded phrases that name a troubleshooting action. A step mentioning only actions the customer
// already tried is left out of the draft.
constexpr ActionPattern kActions[] = {
    {u"restart", u"restart*"}, {u"restart", u"reboot*"}, {u"restart", u"relaunch*"}, {u"restart", u"turn* it off and on"},
    {u"restart", u"quit and reopen"}, {u"restart", u"close and reopen"}, {u"restart", u"redemarr*"},
    {u"restart", u"neu gestartet"}, {u"restart", u"neustart*"}, {u"restart", u"neu starten"}, {u"restart", u"reinici*"},
    {u"clear-cache", u"cache*"}, {u"clear-cache", u"cookies"}, {u"clear-cache", u"browsing data"},
    {u"reinstall", u"reinstall*"}, {u"reinstall", u"uninstall*"}, {u"reinstall", u"reinstall*"},
    {u"reinstall", u"neu installiert"}, {u"reinstall", u"neu installieren"}, {u"reinstall", u"reinstal*"},
    {u"sign-out", u"sign* out"}, {u"sign-out", u"log* out"}, {u"sign-out", u"logged out"}, {u"sign-out", u"deconnect*"},
    {u"sign-out", u"abgemeldet"}, {u"sign-out", u"cerr* sesion"},
    {u"check-spam", u"spam"}, {u"check-spam", u"junk"}, {u"check-spam", u"courrier indesirable*"},
    {u"check-spam", u"correo no deseado"},
    {u"other-browser", u"another browser"}, {u"other-browser", u"different browser"}, {u"other-browser", u"other browser*"},
    {u"other-browser", u"autre navigateur"}, {u"other-browser", u"anderen browser"}, {u"other-browser", u"otro navegador"},
    {u"incognito", u"incognito"}, {u"incognito", u"private window"}, {u"incognito", u"private browsing"},
    {u"update-app", u"update* the app"}, {u"update-app", u"latest version"}, {u"update-app", u"updated the app"},
    {u"check-connection", u"internet connection"}, {u"check-connection", u"wifi"}, {u"check-connection", u"vpn"},
    {u"reset-password", u"reset* my password"}, {u"reset-password", u"reset* the password"},
    {u"reset-password", u"password reset"},
    {u"disable-extensions", u"extension*"}, {u"disable-extensions", u"ad blocker"}, {u"disable-extensions", u"adblock*"},
    {u"check-notifications", u"notification settings"}, {u"check-notifications", u"notifications are on"},
};

// Sentences that report something already done.
const QRegularExpression &triedSentence()
{
    static const QRegularExpression re(
        u"\\b(already|i(')?ve tried|i have tried|i tried|tried to|tried everything|even tried|i(')?ve (restarted|cleared|reinstalled|checked|reset|updated|logged|signed|rebooted|turned)|"
        "i have (restarted|cleared|reinstalled|checked|reset|updated|logged|signed|rebooted)|"
        "didn(')?t help|did not help|didn(')?t work|did not work|no luck|still (doesn(')?t|does not|not)|"
        "j(')?ai d(é|e)j(à|a)|d(é|e)j(à|a) essay(é|e)|j(')?ai essay(é|e)|sans succ(è|e)s|"
        "habe (bereits|schon)|bereits|schon (versucht|probiert)|ohne erfolg|"
        "ya (he|intent(é|e)|prob(é|e))|he intentado|sin (é|e)xito)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

} // namespace

QString TicketReader::stripQuotesAndSignature(const QString &body)
{
    const QStringList lines = body.split(QLatin1Char('\n'));
    QStringList kept;
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.startsWith(u'>'))
            continue;
        if (quoteHeader().match(line).hasMatch() || signatureStart().match(raw).hasMatch())
            break;
        kept << raw;
    }
    // A closing ("Thanks,", "Cordialement") followed by a few short lines is the sign-off and signature.
    for (qsizetype i = kept.size() - 1; i >= 0 && i >= kept.size() - 6; --i) {
        if (closing().match(kept[i]).hasMatch()) {
            bool shortTail = true;
            for (qsizetype j = i + 1; j < kept.size(); ++j)
                shortTail = shortTail && kept[j].trimmed().size() <= 60;
            if (shortTail && i > 0) {
                kept = kept.mid(0, i);
                break;
            }
        }
    }
    return kept.join(QLatin1Char('\n')).trimmed();
}

QStringList TicketReader::alreadyTried(const QString &text, QString *remainder)
{
    QStringList out;
    QStringList rest;
    static const QRegularExpression sentenceSplit(u"(?<=[.!?;\\n])\\s+"_s);
    static const QRegularExpression clauseSplit(u",\\s+|\\s+(?=but\\b)"_s);
    for (const QString &sentence : text.split(sentenceSplit, Qt::SkipEmptyParts)) {
        // "I already restarted it, cleared the cache and reinstalled": clauses after a tried one inherit it.
        bool tried = false;
        for (const QString &clause : sentence.split(clauseSplit, Qt::SkipEmptyParts)) {
            tried = tried || triedSentence().match(clause).hasMatch();
            if (tried && !actionsIn(clause).isEmpty())
                out << clause.trimmed().left(160);
            else
                rest << clause;
        }
    }
    if (remainder)
        *remainder = rest.join(u' ');
    return out;
}

QSet<QString> TicketReader::actionsIn(const QString &text)
{
    const QString folded = foldForMatching(text);
    QSet<QString> out;
    for (const ActionPattern &a : kActions)
        if (containsPhrase(folded, QString::fromUtf16(a.pattern)))
            out.insert(QString::fromUtf16(a.action));
    return out;
}

ReadTicket TicketReader::read(const Ticket &ticket)
{
    ReadTicket r;
    r.subject = ticket.subject;
    QStringList parts;
    qsizetype start = ticket.messages.size();
    while (start > 0 && ticket.messages[start - 1].author != u"agent"_s)
        --start;
    for (qsizetype i = start; i < ticket.messages.size(); ++i)
        parts << stripQuotesAndSignature(ticket.messages[i].body);
    r.text = parts.join(u"\n\n"_s);
    alreadyTried(r.text, &r.queryText);
    if (r.queryText.split(u' ', Qt::SkipEmptyParts).size() < 3)
        r.queryText = r.text; // too little left: the tried steps are the question
    r.language = ticket.language.isEmpty() ? guessLanguage(r.subject + u' ' + r.text) : ticket.language;
    // Earlier customer messages count too: "I restarted" two messages ago is still tried.
    QStringList all;
    for (const Message &m : ticket.messages)
        if (m.author == u"customer"_s)
            all << stripQuotesAndSignature(m.body);
    r.alreadyTried = alreadyTried(all.join(u"\n"_s));
    for (const QString &t : r.alreadyTried)
        r.triedActions.unite(actionsIn(t));
    return r;
}

} // namespace understudy::engine

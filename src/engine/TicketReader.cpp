// SPDX-License-Identifier: GPL-3.0-or-later
#include "TicketReader.h"

#include "Analyzer.h"
#include "TextUtil.h"

#include <QRegularExpression>

#include <algorithm>
#include <unordered_set>

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

// A first line that only greets: "Hi Ana,", "Hello there!", "Bonjour Madame,", "Hallo Herr Weber,", "Hola:". Agents'
// greetings (what the conversation already said) and past replies (what a draft reuses) are read with it alike.
const QRegularExpression &greetingLine()
{
    static const QRegularExpression re(
        u"^\\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|bonjour|bonsoir|salut|cher|ch(è|e)re|"
        "hallo|guten (tag|morgen|abend)|liebe[rs]?|sehr geehrte[rs]?|hola|buenos d(í|i)as|buenas( tardes| noches)?|"
        "estimad[oa]s?)\\b[^\\n]{0,40}?[,!:.]?\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Openers that continue an earlier question, folded (foldForMatching), in the four languages we read.
constexpr const char16_t *kContinuations[] = {u"and",
                                              u"what about",
                                              u"how about",
                                              u"also",
                                              u"but what",
                                              u"what if",
                                              u"same for",
                                              u"same with",
                                              u"or",
                                              u"ok and",
                                              u"ok but",
                                              u"okay and",
                                              u"et",
                                              u"et si",
                                              u"et pour",
                                              u"aussi",
                                              u"quen est il",
                                              u"pareil",
                                              u"ou",
                                              u"und",
                                              u"was ist mit",
                                              u"wie ist es mit",
                                              u"wie sieht es mit",
                                              u"auch",
                                              u"oder",
                                              u"und wenn",
                                              u"y",
                                              u"y si",
                                              u"y que",
                                              u"tambien",
                                              u"que pasa con",
                                              u"lo mismo",
                                              u"o"};

// Words that point back at something said before instead of naming it (folded). Articles that double as
// pronouns ("la", "das", "es") are left out: they would make any long French or German sentence look elliptic.
const QSet<QString> &deictics()
{
    static const QSet<QString> words{
        u"it"_s,     u"that"_s,  u"this"_s,  u"there"_s, u"them"_s, u"those"_s,  u"these"_s, u"same"_s,  u"one"_s,
        u"ca"_s,     u"cela"_s,  u"celui"_s, u"celle"_s, u"y"_s,    u"pareil"_s, u"dort"_s,  u"dies"_s,  u"diese"_s,
        u"dieses"_s, u"damit"_s, u"eso"_s,   u"esto"_s,  u"ahi"_s,  u"alli"_s,   u"lo"_s,    u"mismo"_s, u"aqui"_s,
    };
    return words;
}

// Words of a bare acknowledgement ("Thanks, that worked!", "Merci beaucoup"): nothing left to answer.
const QSet<QString> &acknowledgements()
{
    static const QSet<QString> words{
        u"thanks"_s,       u"thank"_s,   u"you"_s,     u"ok"_s,       u"okay"_s,     u"great"_s,    u"perfect"_s,
        u"that"_s,         u"it"_s,      u"worked"_s,  u"works"_s,    u"solved"_s,   u"fixed"_s,    u"all"_s,
        u"good"_s,         u"now"_s,     u"so"_s,      u"much"_s,     u"a"_s,        u"lot"_s,      u"many"_s,
        u"cheers"_s,       u"awesome"_s, u"merci"_s,   u"beaucoup"_s, u"parfait"_s,  u"ca"_s,       u"marche"_s,
        u"fonctionne"_s,   u"super"_s,   u"danke"_s,   u"vielen"_s,   u"dank"_s,     u"schon"_s,    u"es"_s,
        u"funktioniert"_s, u"klappt"_s,  u"gracias"_s, u"muchas"_s,   u"perfecto"_s, u"funciona"_s, u"vale"_s,
        u"genial"_s,
    };
    return words;
}

QString joinNonEmpty(const QStringList &parts)
{
    QStringList kept;
    for (const QString &p : parts)
        if (!p.trimmed().isEmpty())
            kept << p.trimmed();
    return kept.join(u"\n\n"_s);
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

bool TicketReader::isFollowUp(const QString &latest)
{
    const QString folded = foldForMatching(latest);
    const QStringList words = folded.split(u' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return false;
    bool thanksOnly = true;
    for (const QString &w : words)
        thanksOnly = thanksOnly && acknowledgements().contains(w);
    if (thanksOnly)
        return false;
    for (const char16_t *opener : kContinuations)
        if (folded.startsWith(u' ' + QString::fromUtf16(opener) + u' '))
            return true;
    const qsizetype content = qsizetype(Analyzer::terms(latest).size());
    if (content < kFollowUpTerms)
        return true;
    qsizetype pointers = 0;
    for (const QString &w : words)
        pointers += deictics().contains(w);
    return pointers >= content; // "is it the same there for those?": it points more than it names
}

QString TicketReader::stripGreetingAndSignOff(const QString &body)
{
    QStringList lines = stripQuotesAndSignature(body).split(u'\n');
    while (!lines.isEmpty() && lines.first().trimmed().isEmpty())
        lines.removeFirst();
    if (!lines.isEmpty() && greetingLine().match(lines.first()).hasMatch())
        lines.removeFirst();
    return lines.join(u'\n').trimmed();
}

QStringList TicketReader::alreadyAnswered(const QString &agentSaid)
{
    static const QRegularExpression split(u"(?<=[.!?])\\s+|\\n+"_s);
    static const QRegularExpression bullet(u"^\\s*([-*•]|\\d+[.)])\\s+"_s);
    QStringList out;
    for (QString s : agentSaid.split(split, Qt::SkipEmptyParts)) {
        s.remove(bullet);
        s = s.trimmed();
        if (s.split(u' ', Qt::SkipEmptyParts).size() >= 3)
            out << s;
    }
    return out;
}

double TicketReader::alreadySaid(const QString &unit, const QString &agentSaid)
{
    const std::vector<std::string> terms = Analyzer::terms(unit);
    if (terms.empty())
        return 0;
    const std::unordered_set<std::string> unitTerms(terms.begin(), terms.end());
    double best = 0;
    for (const QString &statement : alreadyAnswered(agentSaid)) {
        const std::vector<std::string> said = Analyzer::terms(statement);
        const std::unordered_set<std::string> saidTerms(said.begin(), said.end());
        qsizetype shared = 0;
        for (const std::string &t : unitTerms)
            shared += saidTerms.contains(t);
        best = std::max(best, double(shared) / double(unitTerms.size()));
    }
    return best;
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
    // The conversation before the latest turn: the customer's earlier words and what the agents answered.
    QStringList earlier, said;
    for (qsizetype i = 0; i < ticket.messages.size(); ++i) {
        const Message &m = ticket.messages[i];
        if (m.author == u"agent"_s)
            said << stripGreetingAndSignOff(m.body);
        else if (i < start && m.author == u"customer"_s)
            earlier << stripQuotesAndSignature(m.body);
    }
    r.earlierText = joinNonEmpty(earlier);
    r.agentSaid = joinNonEmpty(said);
    r.followUp = start > 0 && !r.text.trimmed().isEmpty() && isFollowUp(r.text);
    const QString query = r.followUp && !r.earlierText.isEmpty() ? r.text + u"\n\n"_s + r.earlierText : r.text;
    alreadyTried(query, &r.queryText);
    if (r.queryText.split(u' ', Qt::SkipEmptyParts).size() < 3)
        r.queryText = query; // too little left: the tried steps are the question
    // The ticket's own language as an ISO 639-1 code ("en-US" from an older store → "en"), else a guess.
    r.language = languageCode(ticket.language);
    if (r.language.isEmpty())
        r.language = guessLanguage(r.subject + u' ' + r.text);
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

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClaimCheck.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

constexpr auto kRe = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;
constexpr auto kReCase = QRegularExpression::UseUnicodePropertiesOption;

QRegularExpression re(const QString &pattern, QRegularExpression::PatternOptions options = kRe)
{
    QRegularExpression r(pattern, options);
    if (!r.isValid())
        qWarning("ClaimCheck: bad pattern %s: %s", qPrintable(pattern), qPrintable(r.errorString()));
    r.optimize();
    return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------------------------

enum class Kind {
    Email,
    EmailDomain,
    Phone,
    CardEnding,
    CardNumber,
    BankAccount,
    Invoice,
    Order,
    Reference,
    Amount,
    Date,
    Time,
    Code,
    Ip,
    Name,
    Link,
};

QString placeholderOf(Kind k)
{
    switch (k) {
    case Kind::Email:
        return u"[email]"_s;
    case Kind::EmailDomain:
        return u"[email domain]"_s;
    case Kind::Phone:
        return u"[phone number]"_s;
    case Kind::CardEnding:
        return u"[card ending]"_s;
    case Kind::CardNumber:
        return u"[card number]"_s;
    case Kind::BankAccount:
        return u"[bank account]"_s;
    case Kind::Invoice:
        return u"[invoice number]"_s;
    case Kind::Order:
        return u"[order number]"_s;
    case Kind::Reference:
        return u"[reference]"_s;
    case Kind::Amount:
        return u"[amount]"_s;
    case Kind::Date:
        return u"[date]"_s;
    case Kind::Time:
        return u"[time]"_s;
    case Kind::Code:
        return u"[code]"_s;
    case Kind::Ip:
        return u"[ip address]"_s;
    case Kind::Name:
        return u"[name]"_s;
    case Kind::Link:
        return u"[link]"_s;
    }
    return u"[detail]"_s;
}

/// Personal data in the sense of foreignPersonalData(): what identifies a person or their account.
bool isPersonal(Kind k)
{
    switch (k) {
    case Kind::Email:
    case Kind::Phone:
    case Kind::CardEnding:
    case Kind::CardNumber:
    case Kind::BankAccount:
    case Kind::Invoice:
    case Kind::Order:
    case Kind::Reference:
    case Kind::Link:
    case Kind::Name:
        return true;
    default:
        return false;
    }
}

/// One customer-specific fact found in a unit: [start, end) is what a placeholder replaces.
struct Span {
    qsizetype start = 0;
    qsizetype end = 0;
    Kind kind = Kind::Code;
    QString value;
};

/// Which facts a scan looks for. A past reply was written to one customer, so everything specific to a customer is
/// a fact there. An article or macro is written for every customer: its prices, dates, times, error codes and
/// reference formats describe the product and are kept; only a person's own identifiers (e-mail, card, bank
/// account, name) can be foreign there, and documentation examples and role addresses (support@…) are kept.
enum class Scope { PastReply, General };

/// Apostrophes and quotes folded to ASCII, same length as the input, so positions stay valid.
QString foldQuotes(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        switch (c.unicode()) {
        case 0x2019:
        case 0x2018:
        case 0x02BC:
            c = u'\'';
            break;
        default:
            break;
        }
    }
    return out;
}

QString digitsOf(QStringView s)
{
    QString out;
    for (QChar c : s)
        if (c.isDigit())
            out += c;
    return out;
}

QString alnumLower(QStringView s)
{
    QString out;
    out.reserve(s.size());
    for (QChar c : s)
        if (c.isLetterOrNumber())
            out += c.toLower();
    return out;
}

/// Lower case, runs of white space as one space: how quoted values and names compare.
QString simplifiedLower(QStringView s)
{
    return s.toString().toLower().simplified();
}

const QSet<QString> &roleMailboxes()
{
    // Addresses of a team, not a person: a help centre names them for everyone.
    static const QSet<QString> k{
        u"support"_s,  u"help"_s,          u"helpdesk"_s,      u"billing"_s,        u"privacy"_s,     u"security"_s,
        u"legal"_s,    u"sales"_s,         u"noreply"_s,       u"no-reply"_s,       u"donotreply"_s,  u"dpo"_s,
        u"abuse"_s,    u"hello"_s,         u"info"_s,          u"contact"_s,        u"team"_s,        u"admin"_s,
        u"accounts"_s, u"invoices"_s,      u"finance"_s,       u"partners"_s,       u"press"_s,       u"careers"_s,
        u"feedback"_s, u"notifications"_s, u"mailer-daemon"_s, u"postmaster"_s,     u"phishing"_s,    u"reports"_s,
        u"notify"_s,   u"alerts"_s,        u"digest"_s,        u"updates"_s,        u"news"_s,        u"newsletter"_s,
        u"receipts"_s, u"invoice"_s,       u"mailer"_s,        u"bounce"_s,         u"bounces"_s,     u"status"_s,
        u"orders"_s,   u"compliance"_s,    u"gdpr"_s,          u"dataprotection"_s, u"datenschutz"_s, u"soporte"_s,
        u"ayuda"_s,    u"hilfe"_s,         u"aide"_s,          u"kontakt"_s,        u"facturation"_s, u"facturacion"_s,
        u"rechnung"_s};
    return k;
}

bool isRoleAddress(const QString &email)
{
    return roleMailboxes().contains(email.section(u'@', 0, 0).toLower());
}

/// Right after "e.g.", "for example", "such as", "format": what follows illustrates a format, it is nobody's.
bool afterExampleIntro(const QString &text, qsizetype start)
{
    static const QRegularExpression kIntro =
        re(u"(?:e\\.\\s?g\\.|for example|for instance|such as|z\\.\\s?b\\.|zum beispiel|par exemple|p\\.\\s?ex\\.|"
           u"por ejemplo|p\\.\\s?ej\\.|format|formato)\\s*[:(`\"'*]*\\s*$"_s);
    const qsizetype from = std::max<qsizetype>(0, start - 24);
    return kIntro.match(QStringView(text).mid(from, start - from)).hasMatch();
}

/// An address at a consumer mail provider: a person's own mailbox, never an organisation's contact point.
bool isConsumerMailbox(const QString &email)
{
    static const QRegularExpression k =
        re(u"@(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|mac|aol|gmx|web|t-online|freenet|"
           u"orange|free|laposte|sfr|wanadoo|neuf|proton|protonmail|pm|yandex|mail|qq|163|126|zoho|hey|fastmail|"
           u"hotmail|libero|virgilio|terra|telefonica|movistar|btinternet|sky|comcast|verizon|att|sbcglobal|"
           u"bigpond|shaw|rogers|seznam|wp|o2|onet|interia)\\.[a-z.]{2,10}$"_s);
    return k.match(email).hasMatch();
}

/// "e.g. name@example.com": an address a documentation page uses as an example.
bool isExampleAddress(const QString &text, qsizetype start, const QString &email)
{
    static const QSet<QString> kLocal{u"name"_s,
                                      u"you"_s,
                                      u"yourname"_s,
                                      u"your.name"_s,
                                      u"user"_s,
                                      u"username"_s,
                                      u"firstname"_s,
                                      u"first.last"_s,
                                      u"firstname.lastname"_s,
                                      u"jane"_s,
                                      u"john"_s,
                                      u"jane.doe"_s,
                                      u"john.doe"_s,
                                      u"someone"_s,
                                      u"me"_s,
                                      u"email"_s,
                                      u"vorname.nachname"_s,
                                      u"prenom.nom"_s,
                                      u"nombre"_s};
    const QString local = email.section(u'@', 0, 0).toLower();
    const QString domain = email.section(u'@', 1).toLower();
    if (kLocal.contains(local))
        return true;
    // The reserved example domains (RFC 2606 "example.com", not a customer's "acme.example").
    if (domain == "example.com"_L1 || domain == "example.org"_L1 || domain == "example.net"_L1)
        return true;
    return afterExampleIntro(text, start);
}

const QString &monthsPattern()
{
    static const QString k = u"(?:january|february|march|april|may|june|july|august|september|october|november|"
                             u"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
                             u"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
                             u"d[ée]cembre|januar|j[äa]nner|februar|m[äa]rz|maerz|juni|juli|oktober|dezember|"
                             u"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
                             u"noviembre|diciembre)\\.?"_s;
    return k;
}

/// Month number (1-12) of a month name in one of the four languages, 0 when unknown.
int monthNumber(QStringView name)
{
    static const QList<QPair<QString, int>> kPrefixes{
        {u"jan"_s, 1},  {u"jän"_s, 1},  {u"ene"_s, 1},  {u"feb"_s, 2},  {u"fév"_s, 2},  {u"fev"_s, 2},  {u"mär"_s, 3},
        {u"mae"_s, 3},  {u"mar"_s, 3},  {u"apr"_s, 4},  {u"avr"_s, 4},  {u"abr"_s, 4},  {u"mayo"_s, 5}, {u"may"_s, 5},
        {u"mai"_s, 5},  {u"juin"_s, 6}, {u"juni"_s, 6}, {u"jun"_s, 6},  {u"juil"_s, 7}, {u"juli"_s, 7}, {u"jul"_s, 7},
        {u"aug"_s, 8},  {u"aoû"_s, 8},  {u"aou"_s, 8},  {u"ago"_s, 8},  {u"sep"_s, 9},  {u"set"_s, 9},  {u"oct"_s, 10},
        {u"okt"_s, 10}, {u"nov"_s, 11}, {u"dec"_s, 12}, {u"déc"_s, 12}, {u"dez"_s, 12}, {u"dic"_s, 12}};
    const QString n = name.toString().toLower();
    // "mars" is French for March, "mar" the English abbreviation; "mai"/"may"/"mayo" are May.
    if (n.startsWith("mars"_L1) || n.startsWith("marzo"_L1))
        return 3;
    for (const auto &[prefix, month] : kPrefixes)
        if (n.startsWith(prefix))
            return month;
    return 0;
}

/// A canonical form of a date ("3-12" for 12 March, "d12" for "the 12th", the digits for numeric dates) so that a
/// date in a source and the same date in the ticket compare equal.
QStringList dateKeys(const QString &value)
{
    static const QRegularExpression kMonth = re(u"\\p{L}{3,}"_s);
    static const QRegularExpression kDay = re(u"(?<!\\d)(\\d{1,2})(?!\\d)"_s);
    static const QRegularExpression kIso = re(u"(\\d{4})-(\\d{1,2})-(\\d{1,2})"_s);
    static const QRegularExpression kNumeric = re(u"(\\d{1,2})[./](\\d{1,2})[./](\\d{2,4})"_s);
    QStringList keys;
    if (const auto m = kIso.match(value); m.hasMatch()) {
        keys << u"%1-%2"_s.arg(m.captured(2).toInt()).arg(m.captured(3).toInt());
        return keys;
    }
    if (const auto m = kNumeric.match(value); m.hasMatch()) {
        // Day-month or month-day: both readings are the same date's candidates.
        keys << u"%1-%2"_s.arg(m.captured(2).toInt()).arg(m.captured(1).toInt())
             << u"%1-%2"_s.arg(m.captured(1).toInt()).arg(m.captured(2).toInt());
        return keys;
    }
    int month = 0;
    for (auto it = kMonth.globalMatch(value); it.hasNext() && month == 0;)
        month = monthNumber(it.next().capturedView());
    const auto day = kDay.match(value);
    if (!day.hasMatch())
        return keys;
    if (month > 0)
        keys << u"%1-%2"_s.arg(month).arg(day.captured(1).toInt());
    else
        keys << u"d%1"_s.arg(day.captured(1).toInt());
    return keys;
}

/// A canonical number: "1,234.50" and "1.234,5" both read 1234.5; "49.00" reads 49.
QString amountKey(const QString &value)
{
    static const QRegularExpression kNumber = re(u"\\d[\\d.,\\s]*"_s);
    const auto m = kNumber.match(value);
    if (!m.hasMatch())
        return {};
    QString n = m.captured(0).trimmed();
    n.remove(u' ');
    // The last separator followed by 1-2 digits is the decimal one; the others group thousands.
    const qsizetype lastSep = std::max(n.lastIndexOf(u'.'), n.lastIndexOf(u','));
    QString whole = n, frac;
    if (lastSep >= 0 && n.size() - lastSep - 1 <= 2) {
        whole = n.left(lastSep);
        frac = n.mid(lastSep + 1);
    }
    whole = digitsOf(whole);
    while (frac.endsWith(u'0'))
        frac.chop(1);
    whole.remove(QRegularExpression(u"^0+(?=\\d)"_s));
    return frac.isEmpty() ? whole : whole + u'.' + frac;
}

/// What a ticket supports, normalised once per check.
struct FactIndex {
    QString lower;         ///< the facts' text and customer record, lower case, simplified
    QString alnum;         ///< the same, letters and digits only
    QSet<QString> numbers; ///< digits of each number and of each run of numbers ("+1 (415) 555-0134")
    QSet<QString> amounts; ///< amountKey() of every number
    QSet<QString> dates;   ///< dateKeys() of every date
    QSet<QString> words;   ///< lower-case words (for names)

    explicit FactIndex(const TicketFacts &facts);
};

QList<Span> findFacts(const QString &text, Scope scope, const Customer &sourceCustomer);

/// findFacts() in text order.
QList<Span> factsInOrder(const QString &text, Scope scope, const Customer &sourceCustomer)
{
    QList<Span> spans = findFacts(text, scope, sourceCustomer);
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
    // "Ana María" found as two names is one person: one placeholder.
    QList<Span> merged;
    for (const Span &s : spans) {
        if (!merged.isEmpty() && s.kind == Kind::Name && merged.last().kind == Kind::Name &&
            QStringView(text).mid(merged.last().end, s.start - merged.last().end).trimmed().isEmpty()) {
            merged.last().end = s.end;
            merged.last().value = text.mid(merged.last().start, s.end - merged.last().start);
            continue;
        }
        merged << s;
    }
    return merged;
}

FactIndex::FactIndex(const TicketFacts &facts)
{
    const QString all =
        facts.text + u'\n' + facts.customer.name + u'\n' + facts.customer.email + u'\n' + facts.customer.id;
    lower = simplifiedLower(all);
    alnum = alnumLower(all);
    static const QRegularExpression kRun = re(u"\\+?\\d(?:[\\d\\s().+/-]*\\d)?"_s);
    static const QRegularExpression kGroup = re(u"\\d+"_s);
    static const QRegularExpression kNumber = re(u"\\d[\\d.,]*"_s);
    static const QRegularExpression kWord = re(u"\\p{L}[\\p{L}'-]*"_s);
    for (auto it = kRun.globalMatch(all); it.hasNext();) {
        const auto m = it.next();
        numbers.insert(digitsOf(m.capturedView()));
        for (auto g = kGroup.globalMatch(m.capturedView()); g.hasNext();)
            numbers.insert(g.next().captured(0));
    }
    for (auto it = kNumber.globalMatch(all); it.hasNext();)
        amounts.insert(amountKey(it.next().captured(0)));
    for (auto it = kWord.globalMatch(all); it.hasNext();)
        words.insert(it.next().captured(0).toLower());
    for (const Span &s : findFacts(all, Scope::PastReply, {}))
        if (s.kind == Kind::Date)
            for (const QString &k : dateKeys(s.value))
                dates.insert(k);
    // "the 12th" is supported by any date on the 12th.
    for (const QString &k : QStringList(dates.cbegin(), dates.cend()))
        if (!k.startsWith(u'd'))
            dates.insert(u"d"_s + k.section(u'-', 1, 1));
}

bool containsNumber(const FactIndex &f, const QString &digits, int minLength)
{
    if (digits.size() < minLength)
        return false;
    if (f.numbers.contains(digits))
        return true;
    for (const QString &n : f.numbers) {
        if (n.size() < minLength)
            continue;
        if (n.contains(digits) || digits.contains(n))
            return true;
    }
    return false;
}

bool isSupported(const Span &s, const FactIndex &f)
{
    switch (s.kind) {
    case Kind::Email:
    case Kind::EmailDomain:
    case Kind::Ip:
    case Kind::Link:
        return f.lower.contains(s.value.toLower());
    case Kind::Phone:
        return containsNumber(f, digitsOf(s.value), 7);
    case Kind::CardEnding: {
        const QString d = digitsOf(s.value);
        for (const QString &n : f.numbers)
            if (n.endsWith(d))
                return true;
        return false;
    }
    case Kind::CardNumber:
    case Kind::BankAccount:
        return !alnumLower(s.value).isEmpty() && f.alnum.contains(alnumLower(s.value));
    case Kind::Invoice:
    case Kind::Order:
    case Kind::Reference: {
        const QString d = digitsOf(s.value);
        return f.numbers.contains(d) || (alnumLower(s.value).size() >= 3 && f.alnum.contains(alnumLower(s.value)));
    }
    case Kind::Amount:
        return f.amounts.contains(amountKey(s.value));
    case Kind::Date: {
        const QStringList keys = dateKeys(s.value);
        return std::any_of(keys.cbegin(), keys.cend(), [&](const QString &k) { return f.dates.contains(k); });
    }
    case Kind::Time: {
        QString t = simplifiedLower(s.value);
        t.remove(u' ');
        QString facts = f.lower;
        facts.remove(u' ');
        return facts.contains(t);
    }
    case Kind::Code:
        return f.lower.contains(simplifiedLower(s.value));
    case Kind::Name: {
        static const QRegularExpression kWord = re(u"\\p{L}[\\p{L}'-]*"_s);
        bool any = false;
        for (auto it = kWord.globalMatch(s.value); it.hasNext();) {
            any = true;
            if (!f.words.contains(it.next().captured(0).toLower()))
                return false;
        }
        return any;
    }
    }
    return false;
}

/// Capitalised words that the name patterns must not take for a person.
const QSet<QString> &notNames()
{
    static const QSet<QString> k{
        u"there"_s,     u"team"_s,      u"all"_s,       u"everyone"_s,    u"everybody"_s,  u"folks"_s,
        u"support"_s,   u"again"_s,     u"so"_s,        u"for"_s,         u"the"_s,        u"this"_s,
        u"that"_s,      u"our"_s,       u"your"_s,      u"you"_s,         u"thanks"_s,     u"thank"_s,
        u"hi"_s,        u"hello"_s,     u"dear"_s,      u"and"_s,         u"but"_s,        u"it"_s,
        u"we"_s,        u"i"_s,         u"he"_s,        u"she"_s,         u"they"_s,       u"a"_s,
        u"an"_s,        u"in"_s,        u"on"_s,        u"if"_s,          u"as"_s,         u"sir"_s,
        u"madam"_s,     u"zusammen"_s,  u"equipo"_s,    u"tous"_s,        u"toutes"_s,     u"tout"_s,
        u"monday"_s,    u"tuesday"_s,   u"wednesday"_s, u"thursday"_s,    u"friday"_s,     u"saturday"_s,
        u"sunday"_s,    u"settings"_s,  u"billing"_s,   u"admin"_s,       u"admins"_s,     u"owner"_s,
        u"member"_s,    u"members"_s,   u"pro"_s,       u"free"_s,        u"enterprise"_s, u"business"_s,
        u"google"_s,    u"microsoft"_s, u"apple"_s,     u"slack"_s,       u"customer"_s,   u"success"_s,
        u"account"_s,   u"manager"_s,   u"head"_s,      u"engineering"_s, u"security"_s,   u"legal"_s,
        u"privacy"_s,   u"sales"_s,     u"product"_s,   u"ceo"_s,         u"cto"_s,        u"cfo"_s,
        u"it"_s,        u"hr"_s,        u"finance"_s,   u"operations"_s,  u"ops"_s,        u"billing-team"_s,
        u"madame"_s,    u"monsieur"_s,  u"herr"_s,      u"frau"_s,        u"señor"_s,      u"señora"_s,
        u"again"_s,     u"again!"_s,    u"much"_s,      u"very"_s,        u"a lot"_s,      u"lots"_s,
        u"merci"_s,     u"danke"_s,     u"gracias"_s,   u"cheers"_s,      u"best"_s,       u"regards"_s,
        u"kind"_s,      u"warm"_s,      u"guten"_s,     u"tag"_s,         u"good"_s,       u"morning"_s,
        u"afternoon"_s, u"evening"_s,   u"buenos"_s,    u"días"_s,        u"dias"_s,       u"buenas"_s,
        u"tardes"_s,    u"bonjour"_s,   u"hallo"_s,     u"hola"_s,        u"salut"_s,      u"customers"_s,
        u"users"_s,     u"user"_s,      u"partner"_s,   u"partners"_s,    u"mr"_s,         u"mrs"_s,
        u"ms"_s,        u"miss"_s,      u"dr"_s,        u"prof"_s,        u"sr"_s,         u"sra"_s,
        u"srta"_s,      u"mme"_s,       u"mlle"_s,      u"herrn"_s,       u"don"_s,        u"doña"_s};
    return k;
}

/// The candidate name in group @p group of @p m, trimmed of words in notNames(); empty when none is left.
QPair<qsizetype, qsizetype> nameRange(const QRegularExpressionMatch &m, int group)
{
    static const QRegularExpression kWord = re(u"\\p{Lu}[\\p{L}'-]*"_s, kReCase);
    qsizetype start = -1, end = -1;
    for (auto it = kWord.globalMatch(m.captured(group)); it.hasNext();) {
        const auto w = it.next();
        if (notNames().contains(w.captured(0).toLower())) {
            if (start >= 0)
                break; // "Anna Support": the name ends before the word that is not one
            continue;
        }
        if (start < 0)
            start = m.capturedStart(group) + w.capturedStart(0);
        end = m.capturedStart(group) + w.capturedEnd(0);
    }
    return {start, end};
}

/// Where @p word occurs in @p text as a whole word (no letter or digit either side). Plain search: the caller's
/// words change with every call, a pattern would have to be compiled each time.
QList<qsizetype> wholeWordHits(const QString &text, const QString &word, Qt::CaseSensitivity cs)
{
    QList<qsizetype> out;
    if (word.isEmpty())
        return out;
    auto isWordChar = [](QChar c) { return c.isLetterOrNumber(); };
    for (qsizetype i = text.indexOf(word, 0, cs); i >= 0; i = text.indexOf(word, i + 1, cs)) {
        const qsizetype end = i + word.size();
        if ((i > 0 && isWordChar(text[i - 1])) || (end < text.size() && isWordChar(text[end])))
            continue;
        out << i;
    }
    return out;
}

/// Every fact in @p text that @p scope looks for, in order, not overlapping; Markdown links, URLs and existing
/// placeholders are never facts.
QList<Span> findFacts(const QString &original, Scope scope, const Customer &sourceCustomer)
{
    const QString text = foldQuotes(original);
    QList<Span> spans;
    QList<QPair<qsizetype, qsizetype>> taken; // protected or already found

    auto overlaps = [&](qsizetype s, qsizetype e) {
        return std::any_of(taken.cbegin(), taken.cend(), [&](const auto &r) { return s < r.second && r.first < e; });
    };
    auto add = [&](qsizetype s, qsizetype e, Kind k) {
        if (s < 0 || e <= s || overlaps(s, e))
            return false;
        // An example of a format ("e.g. `GB123456789`") is kept; a person's name, card or account never is one.
        if (k != Kind::Name && k != Kind::CardEnding && k != Kind::CardNumber && k != Kind::BankAccount &&
            afterExampleIntro(text, s)) {
            taken << qMakePair(s, e);
            return false;
        }
        spans << Span{s, e, k, original.mid(s, e - s)};
        taken << qMakePair(s, e);
        return true;
    };
    auto protect = [&](const QRegularExpression &r) {
        for (auto it = r.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            taken << qMakePair(m.capturedStart(0), m.capturedEnd(0));
        }
    };
    const bool past = scope == Scope::PastReply;
    const bool general = scope == Scope::General;

    // Links, URLs and placeholders are not facts.
    static const QRegularExpression kLink = re(u"\\[[^\\]\\n]*\\]\\([^)\\s]*\\)"_s);
    static const QRegularExpression kUrl =
        re(u"\\b(?:https?://|www\\.)[^\\s<>()\\[\\]\"']+[^\\s<>()\\[\\]\"'.,;:!?]"_s);
    static const QRegularExpression kPlaceholder = re(u"\\[[a-z][a-z0-9 /'-]{1,40}\\](?!\\()"_s, kReCase);
    static const QRegularExpression kTemplate = re(u"\\{\\{[^}]*\\}\\}|\\{[a-z_]+\\}"_s);
    // A link made for one customer (a reset, an invite, a signed download) is theirs: "[link]" in a past reply.
    if (scope == Scope::PastReply) {
        static const QRegularExpression kPersonalUrl =
            re(u"\\b(?:https?://|www\\.)[^\\s<>()\\[\\]\"']*[?&#](?:token|key|code|reset|invite|invitation|session|sig|"
               u"signature|auth|email|uid|user|otp|ticket)=[^\\s<>()\\[\\]\"']+"_s);
        for (auto it = kPersonalUrl.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            qsizetype end = m.capturedEnd(0);
            while (end > m.capturedStart(0) && QStringLiteral(".,;:!?").contains(text[end - 1]))
                --end;
            spans << Span{m.capturedStart(0), end, Kind::Link,
                          original.mid(m.capturedStart(0), end - m.capturedStart(0))};
            taken << qMakePair(m.capturedStart(0), end);
        }
    }
    protect(kLink);
    protect(kUrl);
    protect(kPlaceholder);
    protect(kTemplate);

    // The source customer's own details, wherever they appear.
    if (!sourceCustomer.email.isEmpty()) {
        for (qsizetype i = text.indexOf(sourceCustomer.email, 0, Qt::CaseInsensitive); i >= 0;
             i = text.indexOf(sourceCustomer.email, i + 1, Qt::CaseInsensitive))
            add(i, i + sourceCustomer.email.size(), Kind::Email);
    }
    {
        QStringList names;
        const QString full = sourceCustomer.name.simplified();
        if (!full.isEmpty()) {
            names << full;
            for (const QString &part : full.split(u' ', Qt::SkipEmptyParts))
                if (part.size() >= 2)
                    names << part;
        }
        for (const QString &n : names) {
            // Whole words; a single name is matched with its capital ("Will" the name, not "will").
            for (qsizetype at : wholeWordHits(text, n, n.contains(u' ') ? Qt::CaseInsensitive : Qt::CaseSensitive))
                add(at, at + n.size(), Kind::Name);
        }
        if (sourceCustomer.id.size() >= 3) {
            for (qsizetype at : wholeWordHits(text, sourceCustomer.id, Qt::CaseInsensitive))
                add(at, at + sourceCustomer.id.size(), Kind::Reference);
        }
    }

    // E-mail addresses (a documentation example or a team's address in an article is kept).
    static const QRegularExpression kEmail =
        re(u"(?<![\\w.+-])[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}(?![\\w-])"_s);
    for (auto it = kEmail.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString email = m.captured(0);
        // A team's address (support@, privacy@, no-reply@) is nobody's personal data, in a past reply too.
        // In article text an address is the organisation's contact point or an example, unless it is a personal
        // mailbox at a consumer provider.
        if (isRoleAddress(email) ||
            (!past && (isExampleAddress(text, m.capturedStart(0), email) || !isConsumerMailbox(email)))) {
            taken << qMakePair(m.capturedStart(0), m.capturedEnd(0));
            continue;
        }
        add(m.capturedStart(0), m.capturedEnd(0), Kind::Email);
    }
    if (past) {
        // "all @acme.example addresses": a customer's mail domain.
        static const QRegularExpression kDomain = re(u"(?<![\\w.+-])@[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}(?![\\w-])"_s);
        for (auto it = kDomain.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            add(m.capturedStart(0), m.capturedEnd(0), Kind::EmailDomain);
        }
    }

    // Bank accounts (IBAN) and full card numbers.
    static const QRegularExpression kIban =
        re(u"\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\\b"_s, kReCase);
    for (auto it = kIban.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        // IBANs are 15 to 34 characters; a shorter match is a VAT number or a code.
        if (digitsOf(m.capturedView()).size() >= 8 && alnumLower(m.capturedView()).size() >= 15)
            add(m.capturedStart(0), m.capturedEnd(0), Kind::BankAccount);
    }
    static const QRegularExpression kCardNumber = re(u"(?<![\\d-])(?:\\d{4}[ -]?){3}\\d{1,4}(?![\\d-])"_s);
    for (auto it = kCardNumber.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        add(m.capturedStart(0), m.capturedEnd(0), Kind::CardNumber);
    }

    // Card tails: "ending in 4242" (the digits), "•••• 4242" (the whole mask).
    static const QRegularExpression kCardEnding =
        re(u"(?:ending(?:\\s+(?:in|with))?|ends\\s+(?:in|with)|last\\s+(?:4|four)(?:\\s+digits)?(?:\\s+(?:of|are|is))?|"
           u"se\\s+terminant\\s+par|finissant\\s+par|terminant\\s+par|qui\\s+se\\s+termine\\s+par|"
           u"endet\\s+auf|endend\\s+(?:auf|mit)|mit\\s+(?:der\\s+)?endung|endziffern|"
           u"terminada\\s+en|que\\s+termina\\s+en|acabada\\s+en|termina\\s+en|"
           u"[úu]ltimos\\s+(?:4|cuatro)\\s+d[íi]gitos)\\s*[:#]?\\s*(\\d{4})(?!\\d)"_s);
    for (auto it = kCardEnding.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        add(m.capturedStart(1), m.capturedEnd(1), Kind::CardEnding);
    }
    static const QRegularExpression kMasked = re(u"(?:[•*xX·∙●]{2,}[ -]?){1,4}\\d{4}(?!\\d)"_s);
    for (auto it = kMasked.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        add(m.capturedStart(0), m.capturedEnd(0), Kind::CardEnding);
    }

    // Person names that can be told conservatively: a greeting or thanks, a title, a relation ("your colleague
    // Anna", "Marta, your success manager"), a hand-over ("I've asked Efua").
    {
        static const QString kName = u"(\\p{Lu}[\\p{Ll}'-]+(?:[ ]\\p{Lu}[\\p{Ll}'-]+)?)"_s;
        static const QString kRelation =
            u"(?:colleague|co-?worker|teammate|manager|admin|administrator|owner|boss|assistant|accountant|"
            u"contact|rep|representative|engineer|specialist|lead|director|coll[èe]gue|responsable|gestionnaire|"
            u"interlocut(?:eur|rice)|conseill[eè]re?|kollegin|kollege|ansprechpartner(?:in)?|managerin|"
            u"compa[ñn]er[oa]|gestor[a]?|contacto)"_s;
        static const QList<QRegularExpression> kPatterns{
            re(u"(?:^|\\n)[ \\t>*_]*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|bonjour|bonsoir|salut|"
               u"ch[èe]re?|hallo|liebe[r]?|guten tag|hola|buen[oa]s (?:d[íi]as|tardes|noches)|estimad[oa]|"
               u"querid[oa])[ ,]+"_s +
                   kName + u"(?=\\s*[,!:.\\n]|\\s*$)"_s,
               kReCase | QRegularExpression::CaseInsensitiveOption),
            re(u"\\b(?:thanks|thank you|cheers|merci|danke|gracias)[,!]?[ ]+"_s + kName + u"(?=\\s*[,!.\\n]|\\s*$)"_s,
               kReCase),
            re(u"\\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herrn?|Frau|Mme|Mlle|Monsieur|Madame|Sr|Sra|Srta|Se[ñn]ora?|Do[ñn]a)\\.?[ ]+"_s +
                   kName,
               kReCase),
            re(u"\\bM\\.[ ]+"_s + kName, kReCase),
            re(u"\\b(?:your|our|its|their|his|her|votre|notre|Ihre?[mnr]?|unsere?[mnr]?|tu|su|vuestr[oa]|nuestr[oa])[ ]+(?:[\\p{L}-]+[ ]+){0,3}?"_s +
                   kRelation + u",?[ ]+"_s + kName,
               kReCase | QRegularExpression::CaseInsensitiveOption),
            re(kName +
                   u"(?:,[ ]*|[ ]*\\([ ]*)(?:your|our|its|their|his|her|votre|notre|Ihre?[mnr]?|unsere?[mnr]?|tu|su|nuestr[oa])[ ]+(?:[\\p{L}-]+[ ]+){0,3}?"_s +
                   kRelation + u"\\b"_s,
               kReCase),
            re(kName + u"[ ]+(?:from|of|at)[ ]+(?:our|the)[ ]+(?:[\\p{L}-]+[ ]+){0,2}?(?:team|department|desk)\\b"_s,
               kReCase),
            re(u"\\b(?:asked|told|let|cc'?d|copied|looped in|informed|notified|pinged|emailed|briefed)[ ]+"_s + kName +
                   u"(?=[ ]+(?:know|to|about|that|and|who|from|in|on)\\b|\\s*[,.(])"_s,
               kReCase),
        };
        // Case-insensitive matching would let kName take lower-case words: check the capital again.
        // In article text a title, a relation or a hand-over names staff or an example; only a greeting or thanks
        // (a reply pasted into the knowledge base) names a customer.
        const qsizetype patterns = general ? 2 : kPatterns.size();
        for (qsizetype p = 0; p < patterns; ++p) {
            const QRegularExpression &r = kPatterns[p];
            for (auto it = r.globalMatch(text); it.hasNext();) {
                const auto m = it.next();
                if (!m.captured(1).at(0).isUpper())
                    continue;
                const auto [s, e] = nameRange(m, 1);
                add(s, e, Kind::Name);
            }
        }
    }

    if (general)
        return spans; // an article's or macro's other specifics describe the product

    // Secrets given to one customer: "your temporary password is Xk92!aa", "verification code: 482913".
    static const QRegularExpression kSecret = re(
        u"\\b(?:password|passcode|pass code|pin|one-time code|verification code|security code|code|token|api key|key|"
        u"mot de passe|code de v[ée]rification|passwort|kennwort|best[äa]tigungscode|contrase[ñn]a|c[óo]digo)"
        u"(?:\\s+(?:is|est|ist|es|was|were))?\\s*[:=]?\\s+[`\"'*]*([^\\s`\"'*]{4,64}?)[`\"'*]*(?=[\\s,;)]|[.!?](?:\\s|$)|$)"_s);
    for (auto it = kSecret.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString v = m.captured(1);
        // A value has a digit or mixes cases ("Xk92!aa", "482913"); "code is sent" or "password below" is prose.
        const bool valueLike = std::any_of(v.cbegin(), v.cend(), [](QChar c) { return c.isDigit(); }) ||
                               (v != v.toLower() && v != v.toUpper() && !v.front().isUpper());
        if (valueLike)
            add(m.capturedStart(1), m.capturedEnd(1), Kind::Code);
    }
    // Identifiers after "account ID", "tracking number", "customer no.".
    static const QRegularExpression kIdAfter =
        re(u"\\b(?:account|customer|user|member|workspace|tenant|org(?:anization|anisation)?|tracking|shipment|"
           u"kunden|compte|client|cliente|cuenta|seguimiento|sendungs)\\s*(?:-\\s*)?(?:id|number|no\\.?|nr\\.?|n[°º]|"
           u"num[ée]ro|nummer|n[úu]mero|#)\\s*[:#]?\\s*([A-Z0-9][A-Z0-9-]{3,40})\\b"_s);
    for (auto it = kIdAfter.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        if (digitsOf(m.capturedView(1)).size() >= 3)
            add(m.capturedStart(1), m.capturedEnd(1), Kind::Reference);
    }

    // Prefixed identifiers with a keyword: "invoice INV-2041", "order 123-456", "Rechnung Nr. 2041".
    static const QRegularExpression kKeyed = re(
        u"\\b(invoice|inv|receipt|order|ticket|case|reference|ref|transaction|confirmation|booking|po|"
        u"facture|commande|r[ée]f[ée]rence|dossier|re[çc]u|rechnung(?:snummer)?|bestell(?:ung|nummer)|auftrag|referenz|"
        u"vorgang|kundennummer|factura|pedido|referencia|recibo|caso)s?"
        u"(?:\\s*(?:number|no\\.?|nr\\.?|n[°º]|num(?:ber|[ée]ro)?\\.?|id)\\b)?\\s*:?\\s*"
        u"(#?[A-Z0-9][A-Z0-9/-]*\\d[A-Z0-9/-]*)"_s);
    for (auto it = kKeyed.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        if (digitsOf(m.capturedView(2)).size() < 3)
            continue;
        const QString key = m.captured(1).toLower();
        Kind k = Kind::Reference;
        if (key.startsWith("inv"_L1) || key.startsWith("fact"_L1) || key.startsWith("rechnung"_L1) ||
            key.startsWith("rec"_L1) || key.startsWith(u"reç"_s))
            k = Kind::Invoice;
        else if (key == "order"_L1 || key == "po"_L1 || key.startsWith("command"_L1) || key.startsWith("bestell"_L1) ||
                 key == "auftrag"_L1 || key == "pedido"_L1)
            k = Kind::Order;
        qsizetype end = m.capturedEnd(2);
        while (end > m.capturedStart(2) && (text[end - 1] == u'-' || text[end - 1] == u'/'))
            --end;
        add(m.capturedStart(2), end, k);
    }
    // Bare prefixed codes: "INV-2041", "ORD-55310"; public standards ("ISO 27001", "CVE-…") are not a customer's.
    static const QRegularExpression kPrefixed = re(u"\\b([A-Z]{1,5})-?(\\d[\\d-]*\\d)\\b"_s, kReCase);
    static const QSet<QString> kPublic{u"ISO"_s, u"RFC"_s,  u"CVE"_s,  u"SOC"_s, u"PCI"_s, u"UTF"_s, u"SHA"_s,
                                       u"AES"_s, u"HTTP"_s, u"TLS"_s,  u"SSL"_s, u"DIN"_s, u"EN"_s,  u"GDPR"_s,
                                       u"RSA"_s, u"WCAG"_s, u"IEEE"_s, u"ES"_s,  u"X"_s};
    for (auto it = kPrefixed.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString prefix = m.captured(1);
        if (kPublic.contains(prefix) || digitsOf(m.capturedView(2)).size() < 4)
            continue;
        // "ISO-8601"-like years and year ranges are not identifiers; "2019-2024" has no letter prefix anyway.
        Kind k = Kind::Reference;
        if (prefix.startsWith("IN"_L1) || prefix == "RE"_L1 || prefix == "FA"_L1 || prefix == "R"_L1)
            k = Kind::Invoice;
        else if (prefix.startsWith("OR"_L1) || prefix == "PO"_L1 || prefix == "BO"_L1 || prefix == "SO"_L1)
            k = Kind::Order;
        add(m.capturedStart(0), m.capturedEnd(0), k);
    }
    static const QRegularExpression kHash = re(u"(?<![\\w&#])#\\d{3,}\\b"_s);
    for (auto it = kHash.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        add(m.capturedStart(0), m.capturedEnd(0), Kind::Reference);
    }

    // IP addresses.
    static const QRegularExpression kIp = re(u"(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.])"_s);
    for (auto it = kIp.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        add(m.capturedStart(0), m.capturedEnd(0), Kind::Ip);
    }

    // Dates.
    {
        const QString month = monthsPattern();
        static const QList<QRegularExpression> kDates{
            re(u"\\b\\d{4}-\\d{1,2}-\\d{1,2}\\b"_s),
            re(u"(?<![\\d.])\\d{1,2}[./]\\d{1,2}[./](?:\\d{4}|\\d{2})(?![\\d.])"_s),
            re(u"\\b\\d{1,2}(?:st|nd|rd|th|er|\\.)?\\s+(?:of\\s+|de\\s+)?"_s + month +
               u"(?:,?\\s+(?:de\\s+)?\\d{4})?(?![\\p{L}])"_s),
            re(u"\\b"_s + month + u"\\s+\\d{1,2}(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+\\d{4})?(?![\\p{L}\\d])"_s),
            re(u"\\b(?:on|since|from|until|till|by|before|after|to|of)\\s+(the\\s+\\d{1,2}(?:st|nd|rd|th))\\b"_s),
            re(u"\\bthe\\s+\\d{1,2}(?:st|nd|rd|th)\\s+of\\s+(?:the\\s+)?(?:month|this month|last month|next month)\\b"_s),
            re(u"\\bd[íi]a\\s+\\d{1,2}\\b"_s),
        };
        for (const QRegularExpression &r : kDates) {
            for (auto it = r.globalMatch(text); it.hasNext();) {
                const auto m = it.next();
                const int g = m.lastCapturedIndex() >= 1 ? 1 : 0; // "on the 3rd": the preposition stays
                add(m.capturedStart(g), m.capturedEnd(g), Kind::Date);
            }
        }
    }
    // Times: "14:02", "08:41 UTC", "9 am", "14h30".
    static const QList<QRegularExpression> kTimes{
        re(u"(?<![\\d:])(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?(?:\\s?(?:am|pm|a\\.m\\.|p\\.m\\.|utc|gmt|cet|cest|"
           u"[ecmp][sd]t|uhr|h)\\b)?(?![\\d:])"_s),
        re(u"(?<![\\d.,])(?:1[0-2]|0?[1-9])\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)(?![\\p{L}])"_s),
        re(u"(?<![\\d])(?:[01]?\\d|2[0-3])h[0-5]\\d\\b"_s),
    };
    for (const QRegularExpression &r : kTimes) {
        for (auto it = r.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            add(m.capturedStart(0), m.capturedEnd(0), Kind::Time);
        }
    }

    // Phone numbers: 7 to 15 digits with the usual separators.
    static const QRegularExpression kPhone = re(u"(?<![\\w@/.,-])(?:\\+|00)?\\(?\\d[\\d \\t().-]{5,}\\d(?![\\w-])"_s);
    static const QRegularExpression kYears = re(u"^(?:19|20)\\d\\d\\s*-\\s*(?:19|20)\\d\\d$"_s);
    static const QRegularExpression kDecimal = re(u"^\\d{1,3}(?:[.,]\\d{3})+(?:[.,]\\d{1,2})?$"_s);
    for (auto it = kPhone.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString v = m.captured(0).trimmed();
        const qsizetype digits = digitsOf(v).size();
        if (digits < 7 || digits > 15 || kYears.match(v).hasMatch() || kDecimal.match(v).hasMatch())
            continue;
        // A plain run of digits without a separator or "+" is more likely an id than a phone number.
        const bool shaped = v.startsWith(u'+') || v.startsWith("00"_L1) || v.contains(u' ') || v.contains(u'-') ||
                            v.contains(u'(') || v.contains(u'.');
        add(m.capturedStart(0), m.capturedStart(0) + m.captured(0).trimmed().size(),
            shaped ? Kind::Phone : Kind::Reference);
    }

    // Money: "$49", "49.00 €", "EUR 12", "120 $"; a price ("$8 per member a month") is the product's, not the
    // customer's, and stays.
    {
        static const QString kNum = u"\\d{1,3}(?:[,. ]\\d{3})*(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?"_s;
        static const QList<QRegularExpression> kMoney{
            re(u"(?:US\\$|CA\\$|AU\\$|A\\$|C\\$|[$€£¥])\\s?(?:"_s + kNum + u")(?:\\s?(?:k|m)\\b)?"_s),
            re(u"(?<![\\w.,])(?:"_s + kNum +
               u")\\s?(?:€|\\$|£|eur|usd|gbp|chf|cad|aud|dollars?|euros?|pounds?|francs?)(?![\\p{L}])"_s),
            re(u"\\b(?:eur|usd|gbp|chf|cad|aud)\\s?(?:"_s + kNum + u")"_s),
        };
        static const QRegularExpression kPrice =
            re(u"^\\s*(?:/|per\\b|a\\s+(?:month|year|seat|user|member)|an?\\s+(?:hour|editor)|each\\b|every\\b|"
               u"monthly|annually|yearly|par\\s|pro\\s|al\\s+(?:mes|a[ñn]o)|por\\s|mensuel|annuel|im\\s+monat|"
               u"monatlich|j[äa]hrlich)"_s);
        for (const QRegularExpression &r : kMoney) {
            for (auto it = r.globalMatch(text); it.hasNext();) {
                const auto m = it.next();
                if (kPrice.match(QStringView(text).mid(m.capturedEnd(0), 24)).hasMatch())
                    continue;
                add(m.capturedStart(0), m.capturedEnd(0), Kind::Amount);
            }
        }
    }

    // Quoted values: an error or decline code, a message quoted from the other ticket, the other customer's project
    // or workspace name. Quoted words after "click"/"select" (a button) stay.
    {
        static const QRegularExpression kQuoted =
            re(u"\"([^\"\\n]{1,80})\"|“([^”\\n]{1,80})”|„([^“”\\n]{1,80})[“”]|«\\s?([^»\\n]{1,80}?)\\s?»|"
               u"(?<![\\p{L}\\d])'([^'\\n]{1,60})'(?![\\p{L}\\d])"_s);
        static const QRegularExpression kCodeContext =
            re(u"\\b(?:code|error|erreur|fehler(?:meldung|code)?|meldung|message|reason|raison|motivo|status|statut|"
               u"says|said|reads|read|shows|showed|shown|returned|returns|returning|response|r[ée]ponse|antwort|"
               u"respuesta|decline[sd]?|rejected|rejecting|rejects|rechaza|rechazo|with|con|avec|mit|value|valeur|"
               u"wert|valor|id)\\W{0,3}(?:(?:was|is|were|of|est|war|ist|es|fue|el|le|la|the|a|an|:)\\W{0,2})*\\s*$"_s);
        static const QRegularExpression kNameContext =
            re(u"(?:project|workspace|space|report|list|board|channel|folder|file|network|wi-?fi|wlan|team|company|"
               u"organi[sz]ation|espace|projet|rapport|liste|canal|dossier|fichier|r[ée]seau|[ée]quipe|soci[ée]t[ée]|"
               u"projekt|arbeitsbereich|bericht|kanal|ordner|datei|netzwerk|firma|espacio|proyecto|informe|lista|"
               u"carpeta|archivo|red|empresa|programm[ée]|programado|geplante)\\s*(?:\\p{L}+\\s*){0,2}[:(,]?\\s*$"_s);
        static const QRegularExpression kIdLike = re(u"[\\d_@/]|^[A-Z0-9]+(?:_[A-Z0-9]+)+$"_s, kReCase);
        for (auto it = kQuoted.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            int g = 1;
            while (g < 5 && m.capturedStart(g) < 0)
                ++g;
            const qsizetype s = m.capturedStart(g), e = m.capturedEnd(g);
            const QStringView before = QStringView(text).mid(std::max<qsizetype>(0, m.capturedStart(0) - 40),
                                                             std::min<qsizetype>(m.capturedStart(0), 40));
            Kind k;
            if (kNameContext.match(before).hasMatch())
                k = Kind::Name;
            else if (kCodeContext.match(before).hasMatch() || kIdLike.match(m.capturedView(g)).hasMatch())
                k = Kind::Code;
            else
                continue;
            // The quotes go with the value: "was [code]", not "was '[code]'".
            if (add(m.capturedStart(0), m.capturedEnd(0), k))
                spans.last().value = text.mid(s, e - s);
        }
    }
    return spans;
}

// ---------------------------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------------------------

/// A step in a procedure ("1. Go to…", "- Click…"): what follows there is how the product behaves.
bool isListItem(const QString &line)
{
    static const QRegularExpression k = re(u"^\\s*(?:\\d{1,2}[.)]|[-*•·])\\s+"_s);
    return k.match(line).hasMatch();
}

/// One sentence of a unit, and whether it belongs to a step of a list.
struct Sentence {
    QString text;
    bool listItem = false;
};

/// Sentences of a unit, line by line (a list item's sentences know they are in a step). A period after one or two
/// digits ("1. Go to", "zum 31. Oktober") does not end a sentence.
QList<Sentence> sentencesOf(const QString &unit)
{
    static const QRegularExpression kSplit =
        re(u"(?<=[.!?])(?<!(?<!\\d)\\d\\.)(?<!(?<!\\d)\\d\\d\\.)[\"')\\]]*\\s+(?=\\S)"_s);
    QList<Sentence> out;
    for (const QString &line : unit.split(u'\n', Qt::SkipEmptyParts)) {
        const bool listItem = isListItem(line);
        for (const QString &s : line.split(kSplit, Qt::SkipEmptyParts)) {
            const QString t = s.trimmed();
            if (!t.isEmpty())
                out << Sentence{t, listItem};
        }
    }
    return out;
}

/// A condition in the sentence ("when it's ready", "once you've…", "if"): a "we will" there describes how the
/// product or team works, not a promise made for this customer.
bool hasCondition(const QString &sentence)
{
    static const QRegularExpression k =
        re(u"\\b(?:when|whenever|once|as soon as|if|after|until|unless|every time|each time|quand|lorsqu(?:e|')|"
           u"d[èe]s que|une fois que|si|s'il|apr[èe]s|wenn|sobald|falls|nachdem|sofern|cuando|una vez que|en cuanto|"
           u"tan pronto como|despu[ée]s de que)\\b"_s);
    return k.match(sentence).hasMatch();
}

const QSet<QString> &statesNotActions()
{
    // Verbs of knowing, feeling, receiving and writing this very message: not something done for the reader.
    static const QSet<QString> k{
        u"been"_s,       u"had"_s,          u"heard"_s,       u"understood"_s, u"received"_s,    u"read"_s,
        u"seen"_s,       u"thought"_s,      u"wanted"_s,      u"hoped"_s,      u"wondered"_s,    u"enjoyed"_s,
        u"loved"_s,      u"liked"_s,        u"appreciated"_s, u"learned"_s,    u"learnt"_s,      u"known"_s,
        u"felt"_s,       u"meant"_s,        u"wished"_s,      u"needed"_s,     u"got"_s,         u"gotten"_s,
        u"forgotten"_s,  u"experienced"_s,  u"included"_s,    u"outlined"_s,   u"listed"_s,      u"summarized"_s,
        u"summarised"_s, u"explained"_s,    u"described"_s,   u"linked"_s,     u"highlighted"_s, u"pasted"_s,
        u"quoted"_s,     u"used"_s,         u"missed"_s,      u"worried"_s,    u"mentioned"_s,   u"assumed"_s,
        u"expected"_s,   u"supposed"_s,     u"based"_s,       u"tied"_s,       u"concerned"_s,   u"interested"_s,
        u"pleased"_s,    u"delighted"_s,    u"excited"_s,     u"surprised"_s,  u"confused"_s,    u"tired"_s,
        u"frustrated"_s, u"disappointed"_s, u"satisfied"_s,   u"glad"_s,       u"sorry"_s,       u"able"_s,
        u"unable"_s,     u"allowed"_s,      u"required"_s,    u"limited"_s,    u"located"_s,     u"committed"_s,
        u"dedicated"_s};
    return k;
}

const QString &pastParticiple()
{
    // Regular "-ed" forms and the irregular participles and pasts of doing verbs.
    static const QString k =
        u"(?:\\p{L}+(?:-\\p{L}+)?ed|sent|re-?sent|done|made|put|set|reset|given|taken|gone|written|rewritten|"
        u"brought|found|told|paid|built|rebuilt|left|kept|spoken|shown|run|re-?run|ran|cut|let|sent|spun|"
        u"chosen|frozen|undone|withdrawn|overridden|held|sold|bought|got|did|went|gave|took|wrote|spoke|"
        u"sought|caught|fixed|dealt|set up|lit)"_s;
    return k;
}

/// What the team does to a customer's account, as a passive participle ("has been cancelled"): a passive with
/// another verb ("your card was declined") reports an event, not something the writer did.
const QString &teamActionParticiple()
{
    static const QString k =
        u"((?:cancel|cancell|refund|credit|reset|restor|recover|delet|remov|upgrad|downgrad|unlock|lock|reactivat|"
        u"activat|"
        u"deactivat|extend|updat|chang|mov|migrat|merg|transferr|issu|reissu|re-issu|approv|process|escalat|verifi|"
        u"fix|resolv|add|clos|reopen|correct|waiv|appli|adjust|paus|resum|enabl|disabl|clear|whitelist|allow-list|"
        u"unblock|forward|pass|rais|logg|fil|open|submitt|schedul|arrang|confirm|complet|grant|revok|assign|"
        u"reassign|creat|configur|restart|prorat|void|releas|investigat|review|handl|sort|flagg|report|replac|"
        u"unsuspend|expedit)(?:ed|d|t)|sent|resent|re-sent|reset|set up|"
        u"taken care of|looked into|dealt with|put through|paid out|rerun|re-run)"_s;
    return k;
}

/// A past form of a doing verb: not a state (statesNotActions()), not a present tense that happens to end in
/// "-ed" ("need", "proceed", "embed").
bool isDoingPast(const QString &word)
{
    static const QSet<QString> kNotPast{u"embed"_s,  u"shed"_s,  u"bed"_s,    u"red"_s,     u"wed"_s,  u"hundred"_s,
                                        u"sacred"_s, u"naked"_s, u"wicked"_s, u"kindred"_s, u"speed"_s};
    static const QSet<QString> kPastEed{u"agreed"_s, u"freed"_s, u"guaranteed"_s, u"refereed"_s};
    const QString w = word.toLower();
    if (statesNotActions().contains(w) || kNotPast.contains(w))
        return false;
    if (w.endsWith("eed"_L1) && !kPastEed.contains(w))
        return false;
    return true;
}

/// True when @p sentence states an action taken or promised by the writer or their team, in one of the four
/// languages.
/// The organisation as the subject ("we", "nous", "wir", "hemos", "our team"): in an article or a macro, that
/// describes how the organisation works for everyone.
bool weSubject(const QRegularExpressionMatch &m)
{
    static const QRegularExpression kWe = re(u"^(?:\\S+\\s+){0,2}?(?:we|nous|on|wir|hemos|vamos|estamos|our|the)\\b"_s);
    static const QRegularExpression kWeAfter = re(u"^\\S+\\s+(?:wir)\\b"_s);
    const QString head = m.captured(0).left(40).toLower();
    return kWe.match(head).hasMatch() || kWeAfter.match(head).hasMatch();
}

bool statesAction(const QString &rawSentence, bool inListItem, bool general)
{
    const QString sentence = foldQuotes(rawSentence);
    const QString trimmed = sentence.trimmed();
    if (trimmed.endsWith(u'?'))
        return false; // a question asks, it does not state
    const bool listItem = inListItem;
    const bool conditional = hasCondition(sentence);
    // "I submitted my FAFSA form": the writer's own business (an FAQ's question, a customer's words), not something
    // done for the reader.
    static const QRegularExpression kOwn = re(u"\\b(?:my|mine|mon|ma|mes|mein|meine|meinen|meinem|mi|mis)\\b"_s);
    static const QRegularExpression kReader =
        re(u"\\b(?:you|your|yours|vous|votre|vos|sie|ihr|ihre|ihren|ihrem|ihnen|dich|dir|dein|deine|tu|tus|te|ti|"
           u"usted|ustedes|su|sus|os|vuestr[oa]s?)\\b"_s);
    if (kOwn.match(sentence).hasMatch() && !kReader.match(sentence).hasMatch())
        return false;
    // In article text a passive reports something done to the reader's things only when it names them
    // ("your subscription has been cancelled", not "Short sale has been approved" as a status name).
    const bool passivesCount = !general || kReader.match(sentence).hasMatch();

    static const QString kAdv =
        u"(?:also|just|already|now|since|personally|then|both|all|quickly|manually|successfully|immediately|"
        u"actually|therefore|accordingly|even|gone ahead and|went ahead and|gone and|just now|today|"
        u"automatically|fully|directly|finally|properly|again|double-checked and|checked and|looked and)"_s;
    // English perfect: "I've cancelled", "we have also refunded", "I'd asked".
    static const QRegularExpression kPerfect =
        re(u"\\b(?:i|we)(?:'ve|'d|\\s+have|\\s+had)\\s+(?:"_s + kAdv + u"\\s+)*("_s + pastParticiple() + u")\\b"_s);
    // The writer's team as the subject: "our billing team has already processed the refund".
    static const QRegularExpression kTeamPerfect =
        re(u"\\b(?:our|the)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:team|engineers?|specialists?|department|colleagues?|"
           u"support|staff)\\s+(?:has|have|had|'s|'ve)\\s+(?:"_s +
           kAdv + u"\\s+)*("_s + pastParticiple() + u")\\b"_s);
    // "…and have paged our on-call engineer" after a first-person subject.
    static const QRegularExpression kAndHave =
        re(u"\\band\\s+(?:have|'ve)\\s+(?:"_s + kAdv + u"\\s+)*("_s + pastParticiple() + u")\\b"_s);
    static const QRegularExpression kFirstPerson = re(u"\\b(?:i|we)\\b"_s);
    // English simple past: "I checked", "I re-sent", "we credited".
    static const QRegularExpression kPast =
        re(u"\\b(i|we)\\s+(?:"_s + kAdv + u"\\s+)*("_s + pastParticiple() + u")\\b"_s);
    static const QSet<QString> kAmbiguousForWe{u"set"_s, u"put"_s, u"reset"_s, u"cut"_s,
                                               u"let"_s, u"run"_s, u"read"_s,  u"set up"_s};
    // English future: "I'll refund", "we will reset", "I'm going to send".
    static const QRegularExpression kFuture =
        re(u"\\b(i|we)(?:'ll|\\s+will|\\s+shall|'m\\s+going\\s+to|\\s+am\\s+going\\s+to|'re\\s+going\\s+to|\\s+are\\s+"
           u"going\\s+to|"
           u"'m\\s+about\\s+to|\\s+am\\s+about\\s+to|'re\\s+about\\s+to|\\s+are\\s+about\\s+to)\\s+(?:(?:also|now|just|"
           u"personally|then|gladly|happily|immediately|quickly|go\\s+ahead\\s+and|make\\s+sure\\s+to|definitely|"
           u"certainly|still|both|all)\\s+)*(\\p{L}+)"_s);
    static const QSet<QString> kNotPromises{u"be"_s,     u"need"_s, u"want"_s,   u"hope"_s,  u"admit"_s,
                                            u"say"_s,    u"have"_s, u"try"_s,    u"never"_s, u"not"_s,
                                            u"always"_s, u"only"_s, u"usually"_s};
    // "Let me check", not "let me know".
    static const QRegularExpression kLetMe = re(u"\\blet\\s+me\\s+(\\p{L}+)"_s);
    static const QSet<QString> kLetMeNot{u"know"_s,      u"explain"_s,   u"clarify"_s,   u"be"_s,        u"say"_s,
                                         u"start"_s,     u"add"_s,       u"summarize"_s, u"summarise"_s, u"recap"_s,
                                         u"apologize"_s, u"apologise"_s, u"assure"_s,    u"reassure"_s,  u"point"_s};
    // Progressive: "I'm resetting", "we're looking into it".
    static const QRegularExpression kProgressive =
        re(u"\\b(?:i'm|i\\s+am|we're|we\\s+are)\\s+(?:(?:also|now|currently|already|still|actively|personally|"
           u"just|right\\s+now)\\s+)*(\\p{L}+ing)\\b(\\s+\\p{L}+)?"_s);
    static const QSet<QString> kNotDoing{u"hoping"_s,  u"wondering"_s, u"writing"_s,  u"reaching"_s,  u"going"_s,
                                         u"happy"_s,   u"feeling"_s,   u"thinking"_s, u"assuming"_s,  u"guessing"_s,
                                         u"afraid"_s,  u"missing"_s,   u"offering"_s, u"expecting"_s, u"planning"_s,
                                         u"getting"_s, u"having"_s,    u"using"_s,    u"seeing"_s,    u"following"_s,
                                         u"coming"_s,  u"talking"_s,   u"saying"_s,   u"aware"_s};
    // Passive perfect: "Your subscription has been cancelled", "the refund has been issued".
    static const QRegularExpression kPassivePerfect =
        re(u"(?:\\b(that|which|who)\\s+)?\\b(?:has|have|had|'s)\\s+(?:(?:now|already|just|also|successfully)\\s+)*"
           u"been\\s+(?:(?:now|already|successfully|fully|also|manually|automatically|just)\\s+)*"_s +
           teamActionParticiple() + u"\\b"_s);
    // Simple past passive of what a team does: "your subscription was cancelled", "a refund was issued"; and the
    // state it leaves: "your account is now unlocked".
    static const QRegularExpression kPassivePast =
        re(u"(?:\\b(that|which|who)\\s+)?\\b(?:was|were|is\\s+now|are\\s+now|'s\\s+now|'re\\s+now)\\s+"
           u"(?:(?:already|just|successfully|automatically|also|then|both|fully|all)\\s+)*"_s +
           teamActionParticiple() + u"\\b"_s);
    // Looking at the account: "I can see two charges", "I had a look", "I count 2 in your workspace".
    static const QRegularExpression kLooked = re(
        u"\\bI\\s+(?:can|could)\\s+(?:already\\s+|now\\s+|also\\s+|clearly\\s+)?see\\b|"
        u"\\bI\\s+see\\s+(?:that\\s+|two\\s+|the\\s+|a\\s+|an\\s+|your\\s+|no\\s+|some\\s+|several\\s+)|"
        u"\\bI\\s+(?:had|took)\\s+a\\s+(?:quick\\s+|closer\\s+|good\\s+)?look\\b|\\bI\\s+count\\b|"
        u"\\blooking\\s+at\\s+your\\s+(?:account|workspace|logs|invoices?|billing|history|settings)\\b|"
        u"\\b(?:our|the)\\s+(?:logs|records|system|history)\\s+(?:show|shows|showed|indicate|indicates|confirm|"
        u"confirms)\\b|"
        u"\\b(?:nos|les)\\s+(?:journaux|logs|registres)\\s+(?:montrent|indiquent)\\b|"
        u"\\b(?:unsere|die)\\s+(?:logs|protokolle|aufzeichnungen)\\s+zeigen\\b|"
        u"\\b(?:nuestros|los)\\s+registros\\s+(?:muestran|indican)\\b|"
        u"\\bje\\s+(?:vois|constate|confirme\\s+voir)\\b|\\bj'ai\\s+pu\\s+(?:voir|constater|vérifier)\\b|"
        u"\\bich\\s+sehe\\b|\\bich\\b[^.;:!?]{0,20}\\bsehen\\s+kann\\b|\\bveo\\s+(?:que|dos|tu|su|el|la|los|las)\\b"_s);
    if (kLooked.match(sentence).hasMatch())
        return true;
    // The effect of something done for the reader: "You should have a confirmation email", "it should reach you
    // within 5 days", "You'll receive a refund". In article text that is how the product works.
    static const QRegularExpression kEffect =
        re(u"\\byou\\s+should\\s+(?:now\\s+|already\\s+|also\\s+)?(?:have|see|receive|get|find)\\b[^.;!?]*\\b(?:e-?"
           u"mail|link|"
           u"message|confirmation|refund|credit|invoice|receipt|code|access|notification)s?\\b|"
           u"\\byou(?:'ll|\\s+will)\\s+(?:also\\s+)?(?:receive|get|see)\\s+(?:a|an|the|your)\\s+(?:\\p{L}+\\s+){0,2}?"
           u"(?:refund|credit|confirmation|replacement|invoice|receipt|e-?mail|link)\\b|"
           u"\\b(?:it|they|the\\s+refund|the\\s+credit|the\\s+money)\\s+should\\s+(?:now\\s+)?(?:arrive|reach\\s+(?:"
           u"you|your)|appear|show\\s+up|"
           u"be\\s+back|land)\\b|"
           u"\\bvous\\s+devriez\\s+(?:d[ée]j[àa]\\s+|maintenant\\s+)?(?:avoir|recevoir|voir)\\b|"
           u"\\bsie\\s+sollten\\b[^.;!?]*\\b(?:erhalten|bekommen)\\s+haben\\b|"
           u"\\bdeber[íi]as?\\s+(?:haber\\s+recibido|tener\\s+ya|ver\\s+ya)\\b"_s);
    if (!general && !conditional && !listItem && kEffect.match(sentence).hasMatch())
        return true;
    // "went ahead and…".
    static const QRegularExpression kAhead = re(u"\\b(?:i|we)\\s+(?:went|have\\s+gone|'ve\\s+gone)\\s+ahead\\b"_s);

    auto captured = [](const QRegularExpressionMatch &m, int g) { return m.captured(g).toLower(); };
    // Article and macro text: only the writer's own actions and the team's passives about the reader count.
    auto counts = [&](const QRegularExpressionMatch &m) { return !(general && weSubject(m)); };
    static const QRegularExpression kIfBefore = re(u"\\b(?:if|unless|si|wenn|falls)\\b"_s);

    // English.
    for (auto it = kPerfect.globalMatch(sentence); it.hasNext();) {
        const auto m = it.next();
        if (isDoingPast(m.captured(1)) && counts(m))
            return true;
    }
    for (auto it = kTeamPerfect.globalMatch(sentence); it.hasNext();) {
        const auto m = it.next();
        if (isDoingPast(m.captured(1)) && counts(m))
            return true;
    }
    if (const auto fp = kFirstPerson.match(sentence); fp.hasMatch() && counts(fp)) {
        for (auto it = kAndHave.globalMatch(sentence); it.hasNext();)
            if (isDoingPast(it.next().captured(1)))
                return true;
    }
    for (auto it = kPast.globalMatch(sentence); it.hasNext();) {
        const auto m = it.next();
        const QString verb = captured(m, 2);
        const bool we = captured(m, 1) == "we"_L1;
        if (!isDoingPast(verb) || (we && kAmbiguousForWe.contains(verb)) || !counts(m))
            continue;
        // "If we denied your claim…": a supposition, not a report.
        if (kIfBefore.match(QStringView(sentence).left(m.capturedStart(0))).hasMatch())
            continue;
        // "I attached" yes; "I'm attached to" is not matched here (no "am").
        return true;
    }
    for (auto it = kFuture.globalMatch(sentence); it.hasNext();) {
        const auto m = it.next();
        const QString verb = captured(m, 2);
        if (kNotPromises.contains(verb) || !counts(m))
            continue;
        if (captured(m, 1) == "we"_L1 && (conditional || listItem))
            continue; // how the product behaves: "we'll email you a link when it's ready"
        return true;
    }
    if (const auto m = kLetMe.match(sentence); m.hasMatch() && !kLetMeNot.contains(captured(m, 1)))
        return true;
    for (auto it = kProgressive.globalMatch(sentence); it.hasNext();) {
        const auto m = it.next();
        const QString verb = captured(m, 1);
        if (kNotDoing.contains(verb) || !counts(m))
            continue;
        if (verb == "looking"_L1 && captured(m, 2).trimmed() == "forward"_L1)
            continue;
        return true;
    }
    if (kAhead.match(sentence).hasMatch())
        return true;
    for (auto it = kPassivePerfect.globalMatch(sentence); it.hasNext();) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty() || !isDoingPast(captured(m, 2)))
            continue; // "data that has been deleted is kept…": a relative clause describes, it does not report
        if (conditional || listItem || !passivesCount)
            continue;
        return true;
    }
    // Without "your", a simple past passive is an event in an account's history ("the entries were deleted"), a
    // fact; it reports the team's handling of the case only with the verbs of that ("a refund was issued").
    static const QRegularExpression kYour = re(u"\\byour\\b"_s);
    static const QRegularExpression kCaseHandling = re(
        u"^(?:refunded|credited|cancell?ed|issued|re-?issued|processed|escalated|reset|restored|unlocked|reactivated|"
        u"approved|re-?sent|waived|extended|upgraded|downgraded|fixed|resolved|unblocked|expedited|voided|"
        u"reversed)$"_s);
    for (auto it = kPassivePast.globalMatch(sentence); it.hasNext();) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty() || !isDoingPast(captured(m, 2)) || conditional || listItem || !passivesCount)
            continue;
        const bool now = m.captured(0).contains("now"_L1, Qt::CaseInsensitive);
        if (now || kYour.match(QStringView(sentence).left(m.capturedStart(0))).hasMatch() ||
            kCaseHandling.match(captured(m, 2)).hasMatch())
            return true;
    }

    // French.
    static const QString kAdvFr =
        u"(?:aussi|également|egalement|bien|déjà|deja|immédiatement|personnellement|directement|donc|alors|ensuite|"
        u"maintenant|tout\\s+de\\s+suite|à\\s+nouveau|de\\s+nouveau|en\\s+priorité|rapidement|manuellement|enfin)"_s;
    static const QString kPpFr = u"(\\p{L}+(?:é|ée|és|ées|i|ie|is|ise|it|ite|u|ue|ert|erte|int|ainte|ait))"_s;
    static const QRegularExpression kPerfectFr = re(u"(?:\\bj'ai|\\bje\\s+(?:vous|lui|leur|les|te|me|l'|t'|m')\\s*ai|"
                                                    u"\\bnous\\s+(?:(?:vous|lui|leur|les|l')\\s*)?avons|"
                                                    u"\\bon\\s+(?:(?:vous|lui|leur|l')\\s*)?a)\\s+(?:"_s +
                                                    kAdvFr + u"\\s+)*"_s + kPpFr + u"\\b"_s);
    static const QSet<QString> kStatesFr{u"reçu"_s,    u"recu"_s,   u"compris"_s, u"eu"_s,
                                         u"été"_s,     u"ete"_s,    u"lu"_s,      u"pu"_s,
                                         u"dû"_s,      u"su"_s,     u"voulu"_s,   u"cru"_s,
                                         u"pensé"_s,   u"aussi"_s,  u"ici"_s,     u"fait"_s /* "j'ai fait" below */,
                                         u"parfait"_s, u"appris"_s, u"remarqué"_s /* kept as check below */};
    static const QRegularExpression kPassiveFr = re(
        u"\\b(?:a|ont|avait|avaient)\\s+été\\s+(?:(?:bien|déjà|deja|immédiatement|entièrement|automatiquement)\\s+)*"
        u"(?:annul|rembours|crédit|credit|réinitialis|reinitialis|restaur|supprim|envoy|renvoy|transmis|trait|valid|"
        u"approuv|corrig|résolu|resolu|ajout|prolong|activ|désactiv|desactiv|débloqu|debloqu|modifi|mis\\s+à\\s+jour|"
        u"transf[ée]r|clôtur|clotur|ferm|rouvert|escalad|effectu|émis|emis|appliqu|ouvert|résili|resili)\\p{L}*"_s);
    static const QRegularExpression kFutureFr = re(
        u"\\b(je|nous)\\s+(?:(?:vous|lui|leur|le|la|les|l'|m'|me|en|y)\\s*)*(?:vais|allons)\\s+(?:(?:vous|lui|leur|le|la|les|l'|en|y)\\s*)*(\\p{L}+)"_s);
    static const QRegularExpression kSimpleFutureFr =
        re(u"\\b(je|j'|nous)\\s*(?:(?:vous|lui|leur|le|la|les|l'|m'|me|en|y)\\s*)*(\\p{L}+(?:rai|rons))\\b"_s);
    static const QRegularExpression kPresentFr =
        re(u"\\bje\\s+(?:(?:vous|lui|leur|le|la|les|l'|m')\\s*)*(?:transmets|transfère|transfere|rembourse|annule|"
           u"relance|occupe|escalade|crédite|credite|supprime|réinitialise|reinitialise|envoie|renvoie|ferme|clôture|"
           u"cloture|vérifie|verifie|regarde|examine|débloque|debloque|ajoute|prolonge|corrige)\\b"_s);
    static const QRegularExpression kProgressiveFr =
        re(u"\\b(?:je\\s+suis|nous\\s+sommes|on\\s+est)\\s+en\\s+train\\s+d"_s);
    if (const auto m = kPerfectFr.match(sentence);
        m.hasMatch() && (!kStatesFr.contains(captured(m, 1)) || captured(m, 1) == "fait"_L1) && counts(m))
        return true;
    static const QRegularExpression kNowFr =
        re(u"\\b(?:est|sont)\\s+(?:maintenant|désormais|desormais|bien)\\s+(?:annul|rembours|réactiv|reactiv|débloqu|"
           u"debloqu|supprim|réinitialis|reinitialis|résili|resili|activ|modifi|corrig|restaur)\\p{L}*"_s);
    static const QRegularExpression kNowDe =
        re(u"\\b(?:ist|sind)\\s+(?:jetzt|nun|ab\\s+sofort|wieder)\\s+(?:\\p{L}+\\s+){0,2}?(?:storniert|entsperrt|"
           u"freigeschaltet|gelöscht|zurückgesetzt|gekündigt|aktiviert|reaktiviert|erstattet|wiederhergestellt|"
           u"korrigiert|geändert)\\b"_s);
    static const QRegularExpression kNowEs =
        re(u"\\b(?:ya|ahora)\\s+(?:est[áa]n?|queda(?:n)?)\\s+(?:cancelad|desbloquead|reactivad|activad|eliminad|"
           u"reembolsad|restablecid|restaurad|corregid|modificad)[oa]s?\\b"_s);
    if ((kNowFr.match(sentence).hasMatch() || kNowDe.match(sentence).hasMatch() || kNowEs.match(sentence).hasMatch()) &&
        !conditional && !listItem && passivesCount)
        return true;
    if (const auto m = kPassiveFr.match(sentence); m.hasMatch() && !conditional && !listItem && passivesCount)
        return true;
    if (const auto m = kFutureFr.match(sentence);
        m.hasMatch() && !(captured(m, 1) == "nous"_L1 && (conditional || listItem)) && counts(m) &&
        captured(m, 2) != "devoir"_L1 && captured(m, 2) != "être"_L1)
        return true;
    if (const auto m = kSimpleFutureFr.match(sentence);
        m.hasMatch() && !(captured(m, 1) == "nous"_L1 && (conditional || listItem)) && counts(m) &&
        captured(m, 2) != "serai"_L1 && captured(m, 2) != "serons"_L1 && captured(m, 2) != "aurai"_L1 &&
        captured(m, 2) != "aurons"_L1)
        return true;
    if (kPresentFr.match(sentence).hasMatch())
        return true;
    if (const auto m = kProgressiveFr.match(sentence); m.hasMatch() && counts(m))
        return true;

    // German: the participle closes the clause ("Ich habe Ihr Abo storniert", "habe ich … weitergeleitet").
    static const QRegularExpression kAuxDe = re(
        u"\\b(?:ich\\s+(?:habe|hab|hatte)|wir\\s+(?:haben|hatten)|(?:habe|hatte)\\s+ich|(?:haben|hatten)\\s+wir)\\b((?:[^.;:!?]|(?<=\\d)\\.|\\.(?=[\\p{L}\\d]))*)"_s);
    static const QRegularExpression kPassiveDe =
        re(u"\\b(?:wurde|wurden|ist|sind)\\b((?:[^.;:!?]|(?<=\\d)\\.|\\.(?=[\\p{L}\\d]))*)"_s);
    static const QRegularExpression kLastWord = re(u"(\\p{L}+)\\s*$"_s);
    static const QRegularExpression kParticipleDe = re(
        u"^(?:(?:ab|an|auf|aus|bei|durch|ein|fest|frei|gut|her|hin|hinzu|los|mit|nach|um|vor|weg|weiter|zu|zurück|"
        u"zusammen|wieder|klar|sicher|kalt|still|gleich)?ge\\p{Ll}{2,}(?:t|en)|\\p{Ll}+iert|"
        u"(?:ab|an|auf|aus|ein|weiter|zurück|hinzu|nach|vor|frei)?(?:ver|er|be|ent|zer|über|hinter|miss|emp)\\p{Ll}{2,}(?:t|et|en))$"_s,
        kReCase);
    static const QSet<QString> kStatesDe{
        u"erhalten"_s,      u"bekommen"_s,       u"verstanden"_s,
        u"gelesen"_s,       u"gehört"_s,         u"gedacht"_s,
        u"gehabt"_s,        u"gewesen"_s,        u"gesagt"_s,
        u"gegeben"_s,       u"beiden"_s,         u"bereiten"_s,
        u"besten"_s,        u"ersten"_s,         u"eigenen"_s,
        u"bekannt"_s,       u"bewusst"_s,        u"berechtigt"_s,
        u"gewohnt"_s,       u"geeignet"_s,       u"entsprechenden"_s,
        u"verschiedenen"_s, u"vergangenen"_s,    u"bestehenden"_s,
        u"betroffenen"_s,   u"erforderlichen"_s, u"gespeichert"_s /* "ist … gespeichert": a state */,
        u"verfügbar"_s,     u"möglich"_s,        u"geschlossen"_s,
        u"geöffnet"_s,      u"aktiviert"_s,      u"deaktiviert"_s};
    auto closesWithParticiple = [&](const QString &clause, const QSet<QString> &exclude) {
        // Each comma-separated part's last word: "…an Ihren Manager, Herrn Vogel, eskaliert".
        for (const QString &part : clause.split(QRegularExpression(u"[,–—-]\\s|\\s(?:und|oder|aber|sowie)\\s"_s))) {
            const auto w = kLastWord.match(part);
            if (!w.hasMatch())
                continue;
            const QString word = w.captured(1);
            if (word.front().isLower() && kParticipleDe.match(word).hasMatch() && !exclude.contains(word))
                return true;
        }
        return false;
    };
    for (auto it = kAuxDe.globalMatch(sentence); it.hasNext();) {
        const auto m = it.next();
        if (counts(m) && closesWithParticiple(m.captured(1), kStatesDe))
            return true;
    }
    static const QRegularExpression kYourDe = re(u"\\b(?:ihr|ihre|ihren|ihrem|ihres|dein|deine|deinen)\\b"_s);
    static const QRegularExpression kWurdeDe = re(u"\\b(?:wurde|wurden|worden)\\b"_s);
    if (kWurdeDe.match(sentence).hasMatch() && kYourDe.match(sentence).hasMatch() && !conditional && !listItem) {
        for (auto it = kPassiveDe.globalMatch(sentence); it.hasNext();) {
            QString clause = it.next().captured(1);
            clause.remove(QRegularExpression(u"\\s+worden\\s*$"_s));
            static const QRegularExpression kTeamDe = re(
                u"(?:storn|erstatt|gutgeschrieb|zurückgesetzt|wiederhergestellt|gelöscht|entfernt|gesendet|versendet|"
                u"verschickt|weitergeleitet|bearbeitet|freigeschaltet|entsperrt|verlängert|geändert|aktualisiert|"
                u"korrigiert|behoben|eskaliert|gekündigt|übertragen|hinzugefügt|angepasst|umgestellt|erledigt|"
                u"reaktiviert|zurückerstattet|ausgestellt)\\p{L}*\\s*$"_s);
            if (closesWithParticiple(clause, kStatesDe) && kTeamDe.match(clause).hasMatch())
                return true;
        }
    }
    static const QRegularExpression kFutureDe =
        re(u"\\b(?:ich\\s+werde|werde\\s+ich|wir\\s+werden|werden\\s+wir)\\b"_s);
    static const QRegularExpression kWeDe = re(u"\\bwir\\b"_s);
    if (const auto m = kFutureDe.match(sentence);
        m.hasMatch() && counts(m) && !(kWeDe.match(sentence).hasMatch() && (conditional || listItem)))
        return true;
    static const QRegularExpression kPresentDe =
        re(u"\\b(?:ich\\s+(?:leite|storniere|erstatte|kümmere|melde|prüfe|sende|schicke|lösche|eskaliere|setze|gebe|"
           u"entsperre|verlängere|korrigiere)|(?:leite|storniere|erstatte|kümmere|melde|prüfe|sende|schicke|lösche|"
           u"eskaliere|setze|gebe|entsperre)\\s+ich)\\b"_s);
    if (kPresentDe.match(sentence).hasMatch())
        return true;

    // Spanish.
    static const QString kPpEs =
        u"(\\p{L}+(?:ado|ada|ados|adas|ido|ida|idos|idas|ído|ída|cho|cha|sto|sta|erto|erta|uelto|uelta|ito|ita))"_s;
    static const QRegularExpression kPerfectEs =
        re(u"\\b(?:(?:ya|también|tambien)\\s+)?(?:(?:le|te|les|os|se|lo|la|los|las|nos|me)\\s+)*(?:he|hemos)\\s+"
           u"(?:(?:ya|también|tambien|personalmente)\\s+)?"_s +
           kPpEs + u"\\b"_s);
    static const QSet<QString> kStatesEs{u"recibido"_s, u"leído"_s,   u"leido"_s,  u"entendido"_s, u"tenido"_s,
                                         u"sido"_s,     u"querido"_s, u"podido"_s, u"estado"_s,    u"sabido"_s};
    static const QRegularExpression kPassiveEs = re(
        u"\\b(?:(?:ha|han)\\s+sido|fue|fueron|se\\s+(?:ha|han))\\s+(?:(?:ya|correctamente|completamente)\\s+)*"
        u"(?:cancelad|reembolsad|abonad|acreditad|restablecid|restaurad|eliminad|borrad|enviad|reenviad|"
        u"procesad|aprobad|corregid|resuelt|añadid|agregad|ampliad|prolongad|activad|desactivad|desbloquead|"
        u"modificad|actualizad|transferid|cerrad|reabiert|escalad|emitid|aplicad|abiert|trasladad|reportad)[oa]s?\\b"_s);
    static const QRegularExpression kFutureEs =
        re(u"\\b(voy|vamos)\\s+a\\s+(\\p{L}+(?:ar|er|ir)(?:te|le|les|lo|la|los|las|se)?)\\b"_s);
    static const QRegularExpression kSimpleFutureEs = re(
        u"(?:^|[\\s¡¿\"(])(?:(?:te|le|les|lo|la|los|las|se|me|os|ya)\\s+)*(\\p{L}{2,}(?:aré|eré|iré|aremos|eremos|iremos))(?![\\p{L}])"_s);
    static const QRegularExpression kProgressiveEs =
        re(u"\\b(?:estoy|estamos|se\\s+est[áa])\\s+(?:(?:ya|ahora)\\s+)?(\\p{L}+(?:ando|iendo|yendo))\\b"_s);
    static const QRegularExpression kPreteriteEs = re(
        u"(?:^|[\\s¡¿\"(])(?:(?:ya|también|tambien)\\s+)?(?:(?:te|le|les|lo|la|los|las|se|me|os)\\s+)*(\\p{L}{3,}[éí])(?=[\\s,:;.])"_s);
    static const QRegularExpression kSpanishMarkers = re(
        u"\\b(?:el|los|las|y|para|con|cuenta|está|también|hay|muy|pero|una|del|al|tu|tus|su|sus|ya|te|lo|hoy|mañana)\\b"_s);
    static const QSet<QString> kNotPreterite{u"esté"_s, u"dé"_s,    u"sé"_s,      u"josé"_s, u"café"_s,  u"bebé"_s,
                                             u"puré"_s, u"carné"_s, u"qué"_s,     u"aquí"_s, u"así"_s,   u"allí"_s,
                                             u"ahí"_s,  u"sí"_s,    u"también"_s, u"rubí"_s, u"esquí"_s, u"maní"_s,
                                             u"menú"_s, u"ti"_s,    u"mí"_s};
    if (const auto m = kPerfectEs.match(sentence); m.hasMatch() && !kStatesEs.contains(captured(m, 1)) &&
                                                   !(general && m.captured(0).toLower().contains("hemos"_L1)))
        return true;
    if (kPassiveEs.match(sentence).hasMatch() && !conditional && !listItem && passivesCount)
        return true;
    if (const auto m = kFutureEs.match(sentence);
        m.hasMatch() && !(captured(m, 1) == "vamos"_L1 && (conditional || listItem || general)))
        return true;
    if (const auto m = kProgressiveEs.match(sentence);
        m.hasMatch() && counts(m) && !(general && m.captured(0).toLower().startsWith("se"_L1)))
        return true;
    // The synthetic future and the preterite end like French participles ("déclaré"): Spanish words must be there.
    int markers = 0;
    for (auto it = kSpanishMarkers.globalMatch(sentence); it.hasNext() && markers < 2; it.next())
        ++markers;
    if (markers >= 2) {
        if (const auto m = kSimpleFutureEs.match(sentence); m.hasMatch()) {
            const bool plural = captured(m, 1).endsWith("mos"_L1);
            if (!(plural && (conditional || listItem || general)) && !captured(m, 1).startsWith("ser"_L1))
                return true;
        }
        {
            for (auto it = kPreteriteEs.globalMatch(sentence); it.hasNext();) {
                const QString w = it.next().captured(1).toLower();
                if (!kNotPreterite.contains(w) && !w.endsWith("ción"_L1))
                    return true;
            }
        }
    }
    return false;
}

/// @p general: the unit is article or macro text (see statesAction()).
bool statesAnyAction(const QString &unit, bool general)
{
    const QList<Sentence> sentences = sentencesOf(unit);
    return std::any_of(sentences.cbegin(), sentences.cend(),
                       [&](const Sentence &s) { return statesAction(s.text, s.listItem, general); });
}

/// The facts of the ticket being drafted, indexed once: a draft checks several units against the same ticket.
const FactIndex &factIndexFor(const TicketFacts &facts)
{
    struct Cache {
        QString key;
        std::optional<FactIndex> index;
    };
    thread_local Cache cache;
    QString key = facts.text;
    key += QChar(0x1f) + facts.customer.id + QChar(0x1f) + facts.customer.name + QChar(0x1f) + facts.customer.email;
    if (!cache.index || cache.key != key) {
        cache.index.emplace(facts);
        cache.key = std::move(key);
    }
    return *cache.index;
}

} // namespace

TicketFacts TicketFacts::of(const Ticket &ticket)
{
    QStringList parts{ticket.subject};
    for (const Message &m : ticket.messages) {
        if (m.author != "agent"_L1)
            parts << m.body;
    }
    return {parts.join(u'\n'), ticket.customer};
}

CheckedUnit ClaimCheck::check(const QString &unit, const TicketFacts &facts, bool fromPastReply,
                              const Customer &sourceCustomer)
{
    CheckedUnit out;
    const QList<Span> spans = factsInOrder(unit, fromPastReply ? Scope::PastReply : Scope::General, sourceCustomer);
    if (statesAnyAction(unit, !fromPastReply))
        out.claim = DraftSentence::Claim::Action;
    else if (!spans.isEmpty()) // in article text only a person's identifiers are customer-specific
        out.claim = DraftSentence::Claim::Fact;
    out.drop = fromPastReply && out.claim == DraftSentence::Claim::Action;
    if (spans.isEmpty()) {
        out.text = unit;
        return out;
    }
    const FactIndex &index = factIndexFor(facts);
    QString text = unit;
    QStringList placeholders;
    for (auto it = spans.crbegin(); it != spans.crend(); ++it) {
        if (isSupported(*it, index))
            continue;
        const QString p = placeholderOf(it->kind);
        text.replace(it->start, it->end - it->start, p);
        placeholders.prepend(p);
    }
    out.text = text;
    out.placeholders = placeholders;
    return out;
}

DraftSentence::Claim ClaimCheck::claimOf(const QString &unit)
{
    if (statesAnyAction(unit, false))
        return DraftSentence::Claim::Action;
    if (!findFacts(unit, Scope::PastReply, {}).isEmpty())
        return DraftSentence::Claim::Fact;
    return DraftSentence::Claim::None;
}

QStringList ClaimCheck::foreignPersonalData(const QString &text, const TicketFacts &facts,
                                            const QStringList &knownNames)
{
    QStringList out;
    auto supported = [&](const Span &s) { return isSupported(s, factIndexFor(facts)); };
    for (const Span &s : factsInOrder(text, Scope::PastReply, {})) {
        if (!isPersonal(s.kind) || s.kind == Kind::Name)
            continue;
        if (s.kind == Kind::Email && isRoleAddress(s.value))
            continue; // a team's address, not a person's
        if (!supported(s))
            out << s.value;
    }
    for (const QString &name : knownNames) {
        const QString n = name.simplified();
        if (n.size() < 2)
            continue;
        const QList<qsizetype> hits = wholeWordHits(text, n, Qt::CaseSensitive);
        if (!hits.isEmpty() && !supported(Span{hits.first(), hits.first() + n.size(), Kind::Name, n}))
            out << n;
    }
    out.removeDuplicates();
    return out;
}

} // namespace understudy::engine

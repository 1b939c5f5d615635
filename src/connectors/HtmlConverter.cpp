// SPDX-License-Identifier: GPL-3.0-or-later
#include "HtmlConverter.h"

using namespace Qt::StringLiterals;

namespace understudy::connectors::detail {

namespace {

struct NamedEntity {
    const char16_t *name;
    char32_t codePoint;
};

constexpr NamedEntity kEntities[] = {
    {u"amp", U'&'},     {u"lt", U'<'},      {u"gt", U'>'},       {u"quot", U'"'},    {u"apos", U'\''},
    {u"nbsp", 0xA0},    {u"copy", 0xA9},    {u"reg", 0xAE},      {u"trade", 0x2122}, {u"hellip", 0x2026},
    {u"mdash", 0x2014}, {u"ndash", 0x2013}, {u"lsquo", 0x2018},  {u"rsquo", 0x2019}, {u"ldquo", 0x201C},
    {u"rdquo", 0x201D}, {u"laquo", 0xAB},   {u"raquo", 0xBB},    {u"bull", 0x2022},  {u"middot", 0xB7},
    {u"euro", 0x20AC},  {u"pound", 0xA3},   {u"yen", 0xA5},      {u"cent", 0xA2},    {u"deg", 0xB0},
    {u"times", 0xD7},   {u"divide", 0xF7},  {u"shy", 0xAD},      {u"rarr", 0x2192},  {u"larr", 0x2190},
    {u"para", 0xB6},    {u"sect", 0xA7},    {u"eacute", 0xE9},   {u"egrave", 0xE8},  {u"agrave", 0xE0},
    {u"uuml", 0xFC},    {u"ouml", 0xF6},    {u"auml", 0xE4},     {u"szlig", 0xDF},   {u"ccedil", 0xE7},
    {u"zwnj", 0x200C},  {u"zwj", 0x200D},   {u"thinsp", 0x2009}, {u"ensp", 0x2002},  {u"emsp", 0x2003},
    {u"check", 0x2713},
};

// Browsers read &#128;..&#159; as Windows-1252, which is what old exports meant.
constexpr char16_t kCp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

constexpr char32_t kReplacement = 0xFFFD;

bool isHtmlSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == u' ' || u == u'\t' || u == u'\n' || u == u'\r' || u == u'\f';
}

bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

bool isAsciiAlnum(QChar c)
{
    return isAsciiLetter(c) || (c.unicode() >= u'0' && c.unicode() <= u'9');
}

int digitValue(QChar c, bool hex)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (hex && u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (hex && u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

char32_t sanitizeCodePoint(quint32 v)
{
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return kReplacement;
    if (v >= 0x80 && v <= 0x9F)
        return kCp1252[v - 0x80];
    return v;
}

// Length of the character reference at s[i] == '&', 0 if there is none.
qsizetype entityAt(QStringView s, qsizetype i, char32_t &cp)
{
    qsizetype j = i + 1;
    if (j < s.size() && s[j] == u'#') {
        ++j;
        const bool hex = j < s.size() && (s[j] == u'x' || s[j] == u'X');
        if (hex)
            ++j;
        const qsizetype start = j;
        quint32 value = 0;
        while (j < s.size() && digitValue(s[j], hex) >= 0) {
            value = j - start < 8 ? value * (hex ? 16 : 10) + quint32(digitValue(s[j], hex)) : 0x110000;
            ++j;
        }
        if (j == start)
            return 0;
        if (j < s.size() && s[j] == u';')
            ++j;
        cp = sanitizeCodePoint(value);
        return j - i;
    }
    while (j < s.size() && j - i <= 8 && isAsciiAlnum(s[j]))
        ++j;
    if (j >= s.size() || s[j] != u';' || j == i + 1)
        return 0;
    const QStringView name = s.sliced(i + 1, j - i - 1);
    for (const NamedEntity &e : kEntities) {
        if (name == QStringView(e.name)) {
            cp = e.codePoint;
            return j + 1 - i;
        }
    }
    return 0;
}

QString lower(QStringView s)
{
    return s.toString().toLower();
}

bool isOneOf(const QString &name, std::initializer_list<const char16_t *> names)
{
    for (const char16_t *n : names)
        if (name == QStringView(n))
            return true;
    return false;
}

int headingLevel(const QString &name)
{
    if (name.size() == 2 && name[0] == u'h' && name[1] >= u'1' && name[1] <= u'6')
        return name[1].unicode() - u'0';
    return 0;
}

} // namespace

QString decodeEntities(QStringView text)
{
    qsizetype amp = text.indexOf(u'&');
    if (amp < 0)
        return text.toString();
    QString out;
    out.reserve(text.size());
    qsizetype pos = 0;
    while (amp >= 0) {
        out += text.sliced(pos, amp - pos);
        char32_t cp = 0;
        const qsizetype len = entityAt(text, amp, cp);
        if (len > 0) {
            if (cp == 0xA0)
                out += u' ';
            else if (cp != 0xAD)
                out += QStringView(QChar::fromUcs4(cp));
            pos = amp + len;
        } else {
            out += u'&';
            pos = amp + 1;
        }
        amp = text.indexOf(u'&', pos);
    }
    out += text.sliced(pos);
    return out;
}

HtmlConverter::HtmlConverter(QStringView html) : m_in(html)
{
    m_out.reserve(html.size() / 2 + 16);
}

void HtmlConverter::run()
{
    const qsizetype n = m_in.size();
    while (m_pos < n) {
        const qsizetype lt = m_in.indexOf(u'<', m_pos);
        if (lt < 0) {
            content(m_in.sliced(m_pos));
            m_pos = n;
            break;
        }
        if (lt > m_pos)
            content(m_in.sliced(m_pos, lt - m_pos));
        parseTag(lt);
    }
    if (m_inLink)
        endTag(u"a");
    if (m_inPre)
        endTag(u"pre");
}

QString HtmlConverter::markdown() const
{
    return m_out.trimmed();
}

void HtmlConverter::parseTag(qsizetype lt)
{
    const qsizetype n = m_in.size();
    qsizetype i = lt + 1;
    if (i >= n) {
        content(u"<");
        m_pos = n;
        return;
    }
    const QChar c = m_in[i];
    if (c == u'!' || c == u'?') {
        qsizetype end;
        if (m_in.sliced(i).startsWith(u"!--")) {
            end = m_in.indexOf(u"-->", i + 3);
            end = end < 0 ? n : end + 3;
        } else {
            end = m_in.indexOf(u'>', i);
            end = end < 0 ? n : end + 1;
        }
        m_pos = end;
        return;
    }
    const bool closing = c == u'/';
    if (closing)
        ++i;
    if (i >= n || !isAsciiLetter(m_in[i])) {
        if (closing) { // "</3" and the like are bogus comments
            const qsizetype end = m_in.indexOf(u'>', i);
            m_pos = end < 0 ? n : end + 1;
        } else {
            content(u"<");
            m_pos = lt + 1;
        }
        return;
    }
    const qsizetype nameStart = i;
    while (i < n && !isHtmlSpace(m_in[i]) && m_in[i] != u'/' && m_in[i] != u'>')
        ++i;
    const QStringView name = m_in.sliced(nameStart, i - nameStart);
    if (closing) {
        const qsizetype end = m_in.indexOf(u'>', i);
        m_pos = end < 0 ? n : end + 1;
        endTag(name);
        return;
    }

    Attributes attrs;
    for (;;) {
        while (i < n && (isHtmlSpace(m_in[i]) || m_in[i] == u'/'))
            ++i;
        if (i >= n) { // a tag cut off by the end of the input is dropped, as browsers do
            m_pos = n;
            return;
        }
        if (m_in[i] == u'>') {
            ++i;
            break;
        }
        const qsizetype attrStart = i;
        while (i < n && !isHtmlSpace(m_in[i]) && m_in[i] != u'=' && m_in[i] != u'>' && m_in[i] != u'/')
            ++i;
        if (i == attrStart)
            ++i; // a stray '=' still moves us forward
        const QStringView attrName = m_in.sliced(attrStart, i - attrStart);
        while (i < n && isHtmlSpace(m_in[i]))
            ++i;
        QStringView value;
        if (i < n && m_in[i] == u'=') {
            ++i;
            while (i < n && isHtmlSpace(m_in[i]))
                ++i;
            if (i < n && (m_in[i] == u'"' || m_in[i] == u'\'')) {
                const qsizetype close = m_in.indexOf(m_in[i], i + 1);
                if (close < 0) {
                    m_pos = n;
                    return;
                }
                value = m_in.sliced(i + 1, close - i - 1);
                i = close + 1;
            } else {
                const qsizetype valueStart = i;
                while (i < n && !isHtmlSpace(m_in[i]) && m_in[i] != u'>')
                    ++i;
                value = m_in.sliced(valueStart, i - valueStart);
            }
        }
        if (attrs.size() < 32)
            attrs.append(Attribute{attrName, value});
    }
    m_pos = i;
    startTag(name, attrs, lt);
}

void HtmlConverter::skipRawText(QStringView closeTag, QString *capture)
{
    const qsizetype n = m_in.size();
    const qsizetype end = m_in.indexOf(closeTag, m_pos, Qt::CaseInsensitive);
    if (capture)
        *capture = m_in.sliced(m_pos, (end < 0 ? n : end) - m_pos).toString();
    if (end < 0) {
        m_pos = n;
        return;
    }
    const qsizetype gt = m_in.indexOf(u'>', end);
    m_pos = gt < 0 ? n : gt + 1;
}

void HtmlConverter::startTag(QStringView rawName, const Attributes &attrs, qsizetype offset)
{
    const QString name = lower(rawName);
    auto attr = [&attrs](QStringView key) -> QStringView {
        for (const Attribute &a : attrs)
            if (a.name.compare(key, Qt::CaseInsensitive) == 0)
                return a.value;
        return {};
    };

    if (name == u"title") {
        QString raw;
        skipRawText(u"</title", &raw);
        if (m_title.isEmpty())
            m_title = decodeEntities(raw).simplified();
        return;
    }
    if (isOneOf(name, {u"script", u"style", u"template", u"noscript", u"textarea", u"svg", u"math", u"iframe",
                       u"object", u"select", u"nav"})) {
        skipRawText(u"</"_s + name, nullptr);
        return;
    }
    if (name == u"meta") {
        QStringView key = attr(u"name");
        if (key.isEmpty())
            key = attr(u"property");
        if (!key.isEmpty())
            m_metas.append(Meta{lower(key.trimmed()), decodeEntities(attr(u"content")).trimmed(), offset});
        return;
    }
    if (name == u"head") {
        m_inHead = true;
        return;
    }
    if (name == u"body") {
        m_inHead = false;
        return;
    }
    if (m_inHead)
        return;

    if (const int level = headingLevel(name)) {
        requestBreak(2);
        m_prefix = QString(level, u'#') + u' ';
        m_headingLevel = level;
        if (level == 1 && !m_sawH1)
            m_h1Start = m_out.size();
        return;
    }
    if (name == u"br") {
        lineBreak();
    } else if (name == u"ul" || name == u"ol") {
        requestBreak(m_listDepth == 0 ? 2 : 1);
        ++m_listDepth;
        currentList() = ListLevel{name == u"ol", 0};
    } else if (name == u"li") {
        requestBreak(1);
        ListLevel &list = currentList();
        const int indent = 2 * (qBound(1, m_listDepth, kMaxListLevels) - 1);
        m_prefix = QString(indent, u' ') + (list.ordered ? QString::number(++list.counter) + u". "_s : u"- "_s);
    } else if (name == u"pre") {
        requestBreak(2);
        flush();
        m_out += u"```\n"_s;
        m_inPre = true;
        m_preFresh = true;
    } else if (name == u"a") {
        if (m_inLink)
            endTag(u"a");
        const QString href = decodeEntities(attr(u"href")).trimmed();
        if (!href.isEmpty() && !href.startsWith(u'#') && !href.startsWith(u"javascript:", Qt::CaseInsensitive)) {
            word(u"[");
            m_inLink = true;
            m_href = href;
            m_linkStart = m_out.size();
        }
    } else if (name == u"td" || name == u"th") {
        m_pendingSpace = true;
    } else if (isOneOf(name, {u"tr", u"dt", u"dd", u"caption"})) {
        requestBreak(1);
    } else if (isOneOf(name, {u"p",       u"div",        u"section", u"article",    u"main", u"header",   u"footer",
                              u"aside",   u"blockquote", u"figure",  u"figcaption", u"form", u"fieldset", u"table",
                              u"details", u"summary",    u"dl",      u"address",    u"hr",   u"center",   u"html"})) {
        requestBreak(2);
    }
}

void HtmlConverter::endTag(QStringView rawName)
{
    const QString name = lower(rawName);
    if (name == u"head") {
        m_inHead = false;
        return;
    }
    if (m_inHead)
        return;
    if (headingLevel(name) > 0) {
        if (m_headingLevel == 0)
            return;
        m_prefix.clear();
        m_headingLevel = 0;
        if (m_h1Start >= 0) {
            QStringView h = QStringView(m_out).sliced(qMin(m_h1Start, m_out.size())).trimmed();
            if (h.startsWith(u"# "))
                h = h.sliced(2).trimmed();
            if (!h.isEmpty()) {
                m_h1 = h.toString();
                m_sawH1 = true;
            }
            m_h1Start = -1;
        }
        requestBreak(2);
        return;
    }
    if (name == u"ul" || name == u"ol") {
        if (m_listDepth > 0)
            --m_listDepth;
        m_prefix.clear();
        requestBreak(m_listDepth == 0 ? 2 : 1);
    } else if (name == u"li") {
        m_prefix.clear();
        requestBreak(1);
    } else if (name == u"pre") {
        if (!m_inPre)
            return;
        if (!m_out.endsWith(u'\n'))
            m_out += u'\n';
        m_out += u"```"_s;
        m_inPre = false;
        m_pendingSpace = false;
        requestBreak(2);
    } else if (name == u"a") {
        if (!m_inLink)
            return;
        m_inLink = false;
        if (m_out.size() == m_linkStart) {
            m_out.chop(1); // nothing inside: drop the "["
        } else {
            m_out += u"]("_s;
            m_out += m_href;
            m_out += u')';
        }
        m_linkStart = -1;
    } else if (isOneOf(name, {u"tr", u"dt", u"dd", u"caption"})) {
        requestBreak(1);
    } else if (isOneOf(name, {u"p", u"div", u"section", u"article", u"main", u"header", u"footer", u"aside",
                              u"blockquote", u"figure", u"figcaption", u"form", u"fieldset", u"table", u"details",
                              u"summary", u"dl", u"address", u"center"})) {
        requestBreak(2);
    }
}

void HtmlConverter::content(QStringView raw)
{
    if (m_inHead)
        return;
    if (m_inPre)
        preText(raw);
    else
        text(raw);
}

void HtmlConverter::text(QStringView raw)
{
    const qsizetype n = raw.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = raw[i];
        if (isHtmlSpace(c)) {
            m_pendingSpace = true;
            ++i;
            continue;
        }
        if (c == u'&') {
            char32_t cp = 0;
            const qsizetype len = entityAt(raw, i, cp);
            if (len == 0) {
                word(u"&");
                ++i;
                continue;
            }
            if (cp == 0xA0 || (cp < 0x80 && isHtmlSpace(QChar(char16_t(cp)))))
                m_pendingSpace = true;
            else if (cp != 0xAD)
                word(QChar::fromUcs4(cp));
            i += len;
            continue;
        }
        qsizetype j = i + 1;
        while (j < n && !isHtmlSpace(raw[j]) && raw[j] != u'&')
            ++j;
        word(raw.sliced(i, j - i));
        i = j;
    }
}

void HtmlConverter::preText(QStringView raw)
{
    if (m_preFresh && raw.startsWith(u'\n'))
        raw = raw.sliced(1);
    m_preFresh = false;
    if (raw.isEmpty())
        return;
    flush();
    m_out += decodeEntities(raw);
}

void HtmlConverter::word(QStringView w)
{
    flush();
    m_out += w;
}

void HtmlConverter::flush()
{
    if (!m_out.isEmpty()) {
        if (m_pendingBreak > 0) {
            while (!m_out.isEmpty() && m_out.back() == u' ')
                m_out.chop(1);
            int have = 0;
            for (qsizetype k = m_out.size() - 1; k >= 0 && have < 2 && m_out[k] == u'\n'; --k)
                ++have;
            for (; have < m_pendingBreak && !m_out.isEmpty(); ++have)
                m_out += u'\n';
        } else if (m_pendingSpace && m_prefix.isEmpty() && m_out.size() != m_linkStart && !m_out.isEmpty() &&
                   m_out.back() != u'\n' && m_out.back() != u' ') {
            m_out += u' ';
        }
    }
    if (!m_prefix.isEmpty()) {
        m_out += m_prefix;
        m_prefix.clear();
    }
    m_pendingBreak = 0;
    m_pendingSpace = false;
}

void HtmlConverter::requestBreak(int lines)
{
    m_pendingBreak = qMax(m_pendingBreak, lines);
}

void HtmlConverter::lineBreak()
{
    m_pendingBreak = qMin(m_pendingBreak + 1, 2);
}

HtmlConverter::ListLevel &HtmlConverter::currentList()
{
    return m_lists[qBound(0, m_listDepth - 1, kMaxListLevels - 1)];
}

} // namespace understudy::connectors::detail

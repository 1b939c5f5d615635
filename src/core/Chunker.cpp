// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Chunker.h>

using namespace Qt::StringLiterals;

namespace understudy {

namespace {

// Words that end with a dot without ending the sentence (folded, without the dot).
bool isAbbreviation(QStringView word)
{
    static const QStringList kAbbreviations = {
        u"e.g"_s, u"i.e"_s, u"etc"_s, u"vs"_s,     u"mr"_s,  u"mrs"_s,  u"ms"_s,  u"dr"_s,  u"st"_s,  u"no"_s,
        u"u.s"_s, u"a.m"_s, u"p.m"_s, u"approx"_s, u"inc"_s, u"ltd"_s,  u"co"_s,  u"jr"_s,  u"sr"_s,  u"fig"_s,
        u"z.b"_s, u"bzw"_s, u"ca"_s,  u"usw"_s,    u"d.h"_s, u"p.ex"_s, u"cf"_s,  u"env"_s, u"sra"_s, u"ud"_s,
        u"p"_s,   u"pp"_s,  u"vol"_s, u"art"_s,    u"sec"_s, u"dept"_s, u"min"_s, u"max"_s};
    return kAbbreviations.contains(word.toString().toLower());
}

bool opensSentence(QChar c)
{
    return c.isUpper() || c.isDigit() || QStringView(u"\"'([*¿¡«“‘_`").contains(c);
}

// "## Heading" → "Heading"; not a heading → null.
QString headingText(QStringView line)
{
    qsizetype level = 0;
    while (level < line.size() && line[level] == QLatin1Char('#'))
        ++level;
    if (level == 0 || level > 6 || level >= line.size() || !line[level].isSpace())
        return {};
    return line.mid(level).trimmed().toString();
}

// Cuts @p text into pieces of at most @p maxChars at the boundaries @p parts gives (joined again with @p glue);
// a single part longer than that stays whole.
QStringList pack(const QStringList &parts, const QString &glue, qsizetype maxChars)
{
    QStringList pieces;
    QString current;
    for (const QString &part : parts) {
        if (!current.isEmpty() && current.size() + glue.size() + part.size() > maxChars) {
            pieces << current;
            current.clear();
        }
        current += (current.isEmpty() ? QString() : glue) + part;
    }
    if (!current.isEmpty())
        pieces << current;
    return pieces;
}

void addSection(QList<Chunk> &out, const Article &article, const QString &heading, const QStringList &lines,
                qsizetype maxChars)
{
    const QString body = lines.join(QLatin1Char('\n')).trimmed();
    if (body.isEmpty())
        return;
    // Cut long sections at blank lines so each chunk stays a readable unit, and a paragraph that is still too long
    // at sentence boundaries: retrieval then matches a question against a passage of about its subject.
    QStringList paragraphs;
    for (const QString &para : body.split(QStringLiteral("\n\n"))) {
        if (para.size() <= maxChars)
            paragraphs << para;
        else
            paragraphs << pack(splitSentences(para), QStringLiteral(" "), maxChars);
    }
    for (const QString &p : pack(paragraphs, QStringLiteral("\n\n"), maxChars)) {
        Chunk c;
        c.articleId = article.id;
        c.seq = int(out.size());
        c.heading = heading;
        c.body = p;
        out << c;
    }
}

} // namespace

QStringList splitSentences(const QString &text)
{
    QStringList out;
    const qsizetype n = text.size();
    qsizetype start = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (c != u'.' && c != u'!' && c != u'?')
            continue;
        qsizetype j = i + 1;
        while (j < n && QStringView(u"\"')]»”’*_").contains(text[j]))
            ++j;
        if (j >= n || !text[j].isSpace())
            continue; // "1.5", "example.com", "e.g.,"
        qsizetype k = j;
        while (k < n && text[k].isSpace())
            ++k;
        if (k >= n || !opensSentence(text[k]))
            continue;
        if (c == u'.') {
            qsizetype w = i;
            while (w > start && (text[w - 1].isLetter() || text[w - 1] == u'.'))
                --w;
            const QStringView word = QStringView(text).mid(w, i - w);
            if ((word.size() == 1 && word[0].isUpper()) || isAbbreviation(word))
                continue; // an initial ("J. Smith") or an abbreviation
        }
        out << text.mid(start, j - start).trimmed();
        start = k;
    }
    if (start < n) {
        const QString tail = text.mid(start).trimmed();
        if (!tail.isEmpty())
            out << tail;
    }
    return out;
}

QList<Chunk> splitIntoChunks(const Article &article, qsizetype maxChars)
{
    QList<Chunk> out;
    QString heading = article.title;
    QStringList lines;
    bool inFence = false;
    bool first = true;
    for (const QString &line : article.body.split(QLatin1Char('\n'))) {
        if (line.trimmed().startsWith(QLatin1String("```")))
            inFence = !inFence;
        const QString h = inFence ? QString() : headingText(line);
        if (!h.isNull()) {
            // A leading H1 equal to the title is the title again, not a section.
            if (!(first && lines.join(QString()).trimmed().isEmpty() && h.compare(article.title, Qt::CaseInsensitive) == 0)) {
                addSection(out, article, heading, lines, maxChars);
                heading = h;
            }
            lines.clear();
        } else {
            lines << line;
        }
        if (!line.trimmed().isEmpty())
            first = false;
    }
    addSection(out, article, heading, lines, maxChars);
    return out;
}

} // namespace understudy

// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Chunker.h>

namespace understudy {

namespace {

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

void addSection(QList<Chunk> &out, const Article &article, const QString &heading, const QStringList &lines,
                qsizetype maxChars)
{
    const QString body = lines.join(QLatin1Char('\n')).trimmed();
    if (body.isEmpty())
        return;
    // Cut long sections at blank lines so each chunk stays a readable unit.
    QStringList pieces;
    if (body.size() <= maxChars) {
        pieces << body;
    } else {
        QString current;
        for (const QString &para : body.split(QStringLiteral("\n\n"))) {
            if (!current.isEmpty() && current.size() + para.size() + 2 > maxChars) {
                pieces << current;
                current.clear();
            }
            current += (current.isEmpty() ? QString() : QStringLiteral("\n\n")) + para;
        }
        if (!current.isEmpty())
            pieces << current;
    }
    for (const QString &p : pieces) {
        Chunk c;
        c.articleId = article.id;
        c.seq = int(out.size());
        c.heading = heading;
        c.body = p;
        out << c;
    }
}

} // namespace

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

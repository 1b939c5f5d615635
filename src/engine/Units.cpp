// SPDX-License-Identifier: GPL-3.0-or-later
#include "Units.h"

#include <understudy/Chunker.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

const QRegularExpression &listItem()
{
    static const QRegularExpression re(u"^(\\s*)(\\d{1,3}[.)]|[-*•+])\\s+(.*)$"_s);
    return re;
}

const QRegularExpression &dependentStart()
{
    // Sentences that lean on the one before them, in the four supported languages.
    static const QRegularExpression re(
        u"^(this|that|these|those|it|its|they|them|then|however|also|otherwise|there|here|in that case|if so|"
        "if not|once done|after that|afterwards|alternatively|instead|in addition|additionally|so|but|and|or|"
        "cela|ceci|ensuite|puis|sinon|alors|cependant|dann|danach|dies|das|diese|au(ss|ß)erdem|sonst|luego|"
        "despu(e|é)s|esto|eso|adem(a|á)s|si no)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

struct Splitter {
    qsizetype maxProcedure;
    QList<TextUnit> out;
    int block = 0;
    QStringList paragraph;
    QStringList items;     // list lines, continuation lines appended to the last
    bool numbered = false; // the items form a numbered list
    QStringList code;
    bool inFence = false;

    void add(TextUnit::Kind kind, const QString &text, bool dependsOnPrevious)
    {
        const QString t = text.trimmed();
        if (t.isEmpty())
            return;
        out.append(TextUnit{kind, t, block, dependsOnPrevious});
    }
    // A list or paragraph right after a lead-in ("Do this:"), with or without a blank line between, cannot be
    // read without it.
    bool afterLeadIn() const
    {
        return !out.isEmpty() && block - out.last().block <= 1 && out.last().text.endsWith(u':');
    }
    // A short line without closing punctuation that other lines follow, or alone in its block, is a heading
    // written as plain text (as web pages converted to text have them): it says what follows is about.
    static bool headingLike(const QString &line)
    {
        static const QRegularExpression closes(u"[.!?:;,)\\]\"'»”]$"_s);
        return line.size() <= 100 && line.contains(u' ') && !closes.match(line).hasMatch();
    }
    void flushSentences(const QStringList &lines)
    {
        if (lines.isEmpty())
            return;
        QStringList sentences = understudy::splitSentences(lines.join(u' '));
        // A bare "Yes." or "No." answers nothing on its own: it is read with the sentence that says what it means.
        static const QRegularExpression bare(u"^(yes|no|oui|non|ja|nein|s(i|í))[.!,]?$"_s,
                                             QRegularExpression::CaseInsensitiveOption);
        for (qsizetype i = 0; i + 1 < sentences.size(); ++i)
            if (bare.match(sentences[i]).hasMatch())
                sentences[i] += u' ' + sentences.takeAt(i + 1);
        for (qsizetype i = 0; i < sentences.size(); ++i) {
            const bool leans = afterLeadIn() || (i > 0 && dependentStart().match(sentences[i]).hasMatch());
            add(TextUnit::Kind::Sentence, sentences[i], leans);
        }
    }
    void flushParagraph()
    {
        QStringList run;
        for (qsizetype i = 0; i < paragraph.size(); ++i) {
            const bool last = i + 1 == paragraph.size();
            if (headingLike(paragraph[i]) && (!last || paragraph.size() == 1)) {
                flushSentences(run);
                run.clear();
                add(TextUnit::Kind::Heading, paragraph[i], false);
            } else {
                run << paragraph[i];
            }
        }
        flushSentences(run);
        paragraph.clear();
    }
    void flushList()
    {
        if (items.isEmpty())
            return;
        const bool leadIn = afterLeadIn();
        const QString whole = items.join(u'\n');
        if (whole.size() <= maxProcedure) {
            // A short list is read whole: one bullet alone loses what the list is about.
            add(numbered ? TextUnit::Kind::Procedure : TextUnit::Kind::ListItem, whole, leadIn);
        } else {
            for (qsizetype i = 0; i < items.size(); ++i)
                add(TextUnit::Kind::ListItem, items[i], leadIn || (numbered && i > 0));
        }
        items.clear();
        numbered = false;
    }
    void flushAll()
    {
        flushParagraph();
        flushList();
    }
    void line(const QString &raw)
    {
        const QString trimmed = raw.trimmed();
        if (trimmed.startsWith(u"```"_s)) {
            if (inFence) {
                code << raw;
                add(TextUnit::Kind::Code, code.join(u'\n'), true);
                code.clear();
                inFence = false;
            } else {
                flushAll();
                inFence = true;
                code << raw;
            }
            return;
        }
        if (inFence) {
            code << raw;
            return;
        }
        if (trimmed.isEmpty()) {
            flushAll();
            ++block;
            return;
        }
        if (trimmed.startsWith(u'#')) {
            flushAll();
            add(TextUnit::Kind::Heading, trimmed, false);
            return;
        }
        const auto m = listItem().match(raw);
        if (m.hasMatch() && (m.capturedLength(1) == 0 || items.isEmpty())) {
            flushParagraph();
            const bool isNumbered = m.captured(2).front().isDigit();
            if (!items.isEmpty() && isNumbered != numbered)
                flushList();
            numbered = isNumbered;
            items << raw.trimmed();
            return;
        }
        if (!items.isEmpty() && (raw.front().isSpace() || m.hasMatch())) {
            items.last() += u'\n' + raw; // a step's continuation or a nested item
            return;
        }
        // One numbered line that reads as a title, with its text below ("3. Letting Insurance Lapse"), is a
        // numbered heading, not a step.
        if (items.size() == 1 && headingLike(listItem().match(items.first()).captured(3)))
            add(TextUnit::Kind::Heading, items.takeFirst(), false);
        flushList();
        paragraph << trimmed;
    }
};

} // namespace

QList<TextUnit> splitUnits(const QString &text, qsizetype maxProcedure)
{
    Splitter s{maxProcedure, {}, 0, {}, {}, false, {}, false};
    for (const QString &line : text.split(u'\n'))
        s.line(line);
    if (s.inFence && !s.code.isEmpty())
        s.add(TextUnit::Kind::Code, s.code.join(u'\n'), true);
    s.flushAll();
    return s.out;
}

} // namespace understudy::engine

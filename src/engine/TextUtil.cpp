// SPDX-License-Identifier: GPL-3.0-or-later
#include "TextUtil.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace understudy::engine {

QString foldForMatching(QStringView text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u' ';
    bool space = true;
    for (QChar c : text) {
        if (c.isLetterOrNumber()) {
            QChar lower = c.toLower();
            const QString d = lower.decomposition();
            if (!d.isEmpty() && d[0].unicode() < 0x80 && lower.category() == QChar::Letter_Lowercase)
                lower = d[0];
            if (lower == QChar(0xdf)) {
                out += u"ss"_s;
            } else {
                out += lower;
            }
            space = false;
        } else if (c == u'\'' || c == QChar(0x2019)) {
            continue; // "don't" → "dont"
        } else if (!space) {
            out += u' ';
            space = true;
        }
    }
    if (!space)
        out += u' ';
    return out;
}

bool containsPhrase(const QString &folded, const QString &phrase)
{
    if (phrase.isEmpty())
        return false;
    if (!phrase.contains(u'*'))
        return folded.contains(u' ' + phrase + u' ');
    // Word by word: a word ending in '*' matches any word it starts.
    const QList<QStringView> words = QStringView(phrase).split(u' ', Qt::SkipEmptyParts);
    const QStringView first = words.first().endsWith(u'*') ? words.first().chopped(1) : words.first();
    qsizetype from = 0;
    for (;;) {
        const qsizetype at = folded.indexOf(u' ' + first.toString(), from);
        if (at < 0)
            return false;
        from = at + 1;
        qsizetype pos = at + 1; // start of the current word in folded
        bool matched = true;
        for (const QStringView w : words) {
            const bool prefix = w.endsWith(u'*');
            const QStringView stem = prefix ? w.chopped(1) : w;
            const qsizetype end = folded.indexOf(u' ', pos);
            if (end < 0) {
                matched = false;
                break;
            }
            const QStringView word = QStringView(folded).mid(pos, end - pos);
            if (prefix ? !word.startsWith(stem) : word != stem) {
                matched = false;
                break;
            }
            pos = end + 1;
        }
        if (matched)
            return true;
    }
}

QString guessLanguage(QStringView text)
{
    static const QList<std::pair<QString, QSet<QString>>> kMarkers = {
        {u"fr"_s, {u"je"_s, u"vous"_s, u"est"_s, u"les"_s, u"pas"_s, u"mon"_s, u"une"_s, u"avec"_s, u"pour"_s,
                   u"bonjour"_s, u"merci"_s, u"mais"_s, u"nous"_s, u"sur"_s, u"des"_s}},
        {u"de"_s, {u"ich"_s, u"nicht"_s, u"und"_s, u"ist"_s, u"mein"_s, u"meine"_s, u"bitte"_s, u"hallo"_s,
                   u"danke"_s, u"sie"_s, u"das"_s, u"mit"_s, u"auf"_s, u"wir"_s, u"habe"_s}},
        {u"es"_s, {u"el"_s, u"los"_s, u"las"_s, u"por"_s, u"para"_s, u"mi"_s, u"hola"_s, u"gracias"_s, u"pero"_s,
                   u"con"_s, u"una"_s, u"que"_s, u"cuenta"_s, u"tengo"_s, u"favor"_s}},
        {u"en"_s, {u"the"_s, u"and"_s, u"is"_s, u"my"_s, u"i"_s, u"to"_s, u"it"_s, u"you"_s, u"not"_s, u"with"_s,
                   u"for"_s, u"have"_s, u"please"_s, u"this"_s, u"can"_s}},
    };
    const QStringList words = foldForMatching(text).split(u' ', Qt::SkipEmptyParts);
    QString best = u"en"_s;
    int bestCount = 0;
    for (const auto &[lang, markers] : kMarkers) {
        int n = 0;
        for (const QString &w : words)
            n += markers.contains(w);
        if (n > bestCount) {
            bestCount = n;
            best = lang;
        }
    }
    return best;
}

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#include "TextUtil.h"

using namespace Qt::StringLiterals;

namespace understudy::engine {

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

} // namespace understudy::engine

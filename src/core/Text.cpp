// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Text.h>

#include <QHash>
#include <QSet>

#include <array>

using namespace Qt::StringLiterals;

namespace understudy {

QString foldForMatching(QStringView text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u' ';
    bool space = true;
    for (QChar c : text) {
        if (const char16_t u = c.unicode(); u < 0x80) {
            // ASCII, most of what we fold: no decomposition to look up.
            if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9')) {
                out += c;
                space = false;
                continue;
            }
            if (u >= u'A' && u <= u'Z') {
                out += QChar(char16_t(u - u'A' + u'a'));
                space = false;
                continue;
            }
        }
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

namespace {

/// Function words (folded) that are common in one language and rare in the other three. A word two of them use
/// often ("de", "la", "en", "es", "no", "du", "on", "in", "le", "was", "will", "comment") is left out: it would
/// only blur the count.
struct Markers {
    QString language;
    QSet<QString> words;
};

const std::array<Markers, 4> &markers()
{
    static const std::array<Markers, 4> kMarkers{{
        {u"fr"_s,
         {u"je"_s,      u"vous"_s,  u"est"_s,  u"les"_s,   u"pas"_s,    u"mon"_s, u"une"_s, u"avec"_s, u"pour"_s,
          u"bonjour"_s, u"merci"_s, u"mais"_s, u"nous"_s,  u"sur"_s,    u"des"_s, u"et"_s,  u"ne"_s,   u"votre"_s,
          u"vos"_s,     u"sont"_s,  u"dans"_s, u"cette"_s, u"pouvez"_s, u"aux"_s, u"au"_s,  u"qui"_s,  u"ce"_s}},
        {u"de"_s, {u"ich"_s,   u"nicht"_s, u"und"_s,  u"ist"_s,    u"mein"_s, u"meine"_s, u"bitte"_s, u"hallo"_s,
                   u"danke"_s, u"sie"_s,   u"das"_s,  u"mit"_s,    u"auf"_s,  u"wir"_s,   u"habe"_s,  u"der"_s,
                   u"die"_s,   u"den"_s,   u"dem"_s,  u"ein"_s,    u"eine"_s, u"zu"_s,    u"wie"_s,   u"nach"_s,
                   u"sich"_s,  u"kann"_s,  u"wird"_s, u"werden"_s, u"auch"_s, u"ihre"_s,  u"oder"_s,  u"wenn"_s}},
        {u"es"_s, {u"el"_s,      u"los"_s,  u"las"_s,    u"por"_s,  u"para"_s, u"mi"_s,     u"hola"_s,
                   u"gracias"_s, u"pero"_s, u"con"_s,    u"una"_s,  u"que"_s,  u"cuenta"_s, u"tengo"_s,
                   u"favor"_s,   u"del"_s,  u"como"_s,   u"su"_s,   u"sus"_s,  u"y"_s,      u"puede"_s,
                   u"pueden"_s,  u"esta"_s, u"cuando"_s, u"este"_s, u"hay"_s,  u"muy"_s,    u"lo"_s}},
        {u"en"_s, {u"the"_s,  u"and"_s,  u"is"_s,   u"my"_s,     u"i"_s,    u"to"_s,  u"it"_s,   u"you"_s,   u"not"_s,
                   u"with"_s, u"for"_s,  u"have"_s, u"please"_s, u"this"_s, u"can"_s, u"of"_s,   u"your"_s,  u"are"_s,
                   u"how"_s,  u"what"_s, u"that"_s, u"from"_s,   u"we"_s,   u"our"_s, u"does"_s, u"there"_s, u"be"_s}},
    }};
    return kMarkers;
}

/// Each marker word → the index of its language in markers(): one lookup per word of the text.
const QHash<QString, int> &markerIndex()
{
    static const QHash<QString, int> index = [] {
        QHash<QString, int> out;
        for (size_t i = 0; i < markers().size(); ++i)
            for (const QString &w : markers()[i].words)
                out.insert(w, int(i));
        return out;
    }();
    return index;
}

/// Marker counts per language (markers() order) in the first 10,000 characters of @p text.
std::array<int, 4> markerCounts(QStringView text)
{
    static const qsizetype kLongestMarker = [] {
        qsizetype n = 0;
        for (auto it = markerIndex().cbegin(); it != markerIndex().cend(); ++it)
            n = qMax(n, it.key().size());
        return n;
    }();
    std::array<int, 4> counts{};
    const QString folded = foldForMatching(text.left(10000));
    QString word;
    for (QStringView w : QStringView(folded).split(u' ', Qt::SkipEmptyParts)) {
        if (w.size() > kLongestMarker)
            continue; // cannot be a marker: skip the copy and the lookup
        word = w.toString();
        if (const auto it = markerIndex().constFind(word); it != markerIndex().cend())
            ++counts[size_t(*it)];
    }
    return counts;
}

} // namespace

QString detectLanguage(QStringView text, int minEvidence)
{
    const std::array<int, 4> counts = markerCounts(text);
    size_t best = 0;
    for (size_t i = 1; i < counts.size(); ++i)
        if (counts[i] > counts[best])
            best = i;
    if (counts[best] < qMax(1, minEvidence))
        return {};
    for (size_t i = 0; i < counts.size(); ++i)
        if (i != best && counts[i] == counts[best])
            return {}; // a tie: no language stands out
    return markers()[best].language;
}

QString guessLanguage(QStringView text)
{
    const QString language = detectLanguage(text, 1);
    return language.isEmpty() ? u"en"_s : language;
}

QString languageCode(QStringView tag)
{
    static const QHash<QString, QString> kNames{
        {u"english"_s, u"en"_s},    {u"french"_s, u"fr"_s},     {u"francais"_s, u"fr"_s},  {u"german"_s, u"de"_s},
        {u"deutsch"_s, u"de"_s},    {u"spanish"_s, u"es"_s},    {u"espanol"_s, u"es"_s},   {u"italian"_s, u"it"_s},
        {u"italiano"_s, u"it"_s},   {u"portuguese"_s, u"pt"_s}, {u"portugues"_s, u"pt"_s}, {u"dutch"_s, u"nl"_s},
        {u"nederlands"_s, u"nl"_s},
    };
    const QString folded = foldForMatching(tag).trimmed();
    if (folded.isEmpty())
        return {};
    if (const auto it = kNames.constFind(folded); it != kNames.cend())
        return *it;
    // "en-us" folds to "en us": the primary subtag is the first word.
    const QString primary = folded.section(u' ', 0, 0);
    if (primary.size() != 2 || !primary[0].isLetter() || !primary[1].isLetter() || primary[0].unicode() >= 0x80 ||
        primary[1].unicode() >= 0x80)
        return {};
    return primary;
}

} // namespace understudy

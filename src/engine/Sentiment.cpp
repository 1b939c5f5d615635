// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sentiment.h"

#include "TextUtil.h"

#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

struct Cue {
    const char16_t *phrase; // folded
    double weight;
};

constexpr Cue kNegative[] = {
    {u"unacceptable", 1.0}, {u"ridiculous", 0.9}, {u"terrible", 0.8}, {u"awful", 0.8}, {u"worst", 0.9},
    {u"useless", 0.8}, {u"furious", 1.0}, {u"angry", 0.7}, {u"frustrat*", 0.6}, {u"disappoint*", 0.5},
    {u"fed up", 0.9}, {u"sick of", 0.9}, {u"joke", 0.5}, {u"scam", 1.0}, {u"incompetent", 1.0},
    {u"pathetic", 1.0}, {u"disgrace*", 1.0}, {u"nobody", 0.3}, {u"no one", 0.3}, {u"immediately", 0.4},
    {u"asap", 0.3}, {u"wtf", 1.0}, {u"hell", 0.5}, {u"damn", 0.6}, {u"horrible", 0.8}, {u"lost", 0.2},
    {u"wasted", 0.6}, {u"waste of", 0.7}, {u"still not", 0.5}, {u"still doesnt", 0.5}, {u"never", 0.2},
    // French
    {u"inacceptable", 1.0}, {u"scandaleux", 1.0}, {u"nul", 0.6}, {u"honteux", 1.0}, {u"inadmissible", 1.0},
    {u"en colere", 0.8}, {u"marre", 0.9}, {u"decu*", 0.5}, {u"toujours pas", 0.5},
    // German
    {u"inakzeptabel", 1.0}, {u"unverschamt", 1.0}, {u"katastrophe", 0.9}, {u"frechheit", 1.0}, {u"wutend", 0.9},
    {u"arger*", 0.6}, {u"enttauscht", 0.5}, {u"immer noch nicht", 0.5}, {u"unmoglich", 0.7},
    // Spanish
    {u"inaceptable", 1.0}, {u"vergonzoso", 1.0}, {u"harto", 0.9}, {u"harta", 0.9}, {u"pesimo", 0.9},
    {u"furioso", 1.0}, {u"furiosa", 1.0}, {u"decepcion*", 0.5}, {u"todavia no", 0.4}, {u"estafa", 1.0},
};

constexpr Cue kCancel[] = {
    {u"cancel my", 1.0},   {u"cancel the", 0.6},    {u"cancelling", 0.8}, {u"canceling", 0.8},
    {u"switch to", 0.6},   {u"switching to", 0.6},  {u"competitor", 0.7}, {u"take my business", 1.0},
    {u"resilier", 1.0},    {u"resilie*", 1.0},      {u"kundigen", 1.0},   {u"kundige", 1.0},
    {u"cancelar mi", 1.0}, {u"darme de baja", 1.0}, {u"bad review", 0.8}, {u"trustpilot", 0.6},
    {u"twitter", 0.4},     {u"chargeback", 0.5},
};

constexpr Cue kRepeat[] = {
    {u"third time", 1.0}, {u"second time", 0.6}, {u"fourth time", 1.2}, {u"again and again", 0.8},
    {u"already wrote", 0.6}, {u"already contacted", 0.6}, {u"still waiting", 0.7}, {u"no response", 0.7},
    {u"no reply", 0.7}, {u"days ago", 0.4}, {u"weeks ago", 0.6}, {u"troisieme fois", 1.0}, {u"deja ecrit", 0.6},
    {u"dritte mal", 1.0}, {u"schon wieder", 0.7}, {u"tercera vez", 1.0}, {u"otra vez", 0.5},
};

double sumCues(const QString &folded, const auto &cues)
{
    double s = 0;
    for (const Cue &c : cues)
        if (containsPhrase(folded, QString::fromUtf16(c.phrase)))
            s += c.weight;
    return s;
}

qsizetype countMatches(const QRegularExpression &re, const QString &text)
{
    qsizetype n = 0;
    for (auto it = re.globalMatch(text); it.hasNext(); it.next())
        ++n;
    return n;
}

} // namespace

Frustration Sentiment::score(const QString &text, int priorContacts)
{
    Frustration f;
    const QString folded = foldForMatching(text);
    double raw = 0;

    const double negative = sumCues(folded, kNegative);
    if (negative > 0) {
        raw += negative;
        f.signals << u"angry or negative words"_s;
    }
    const double cancel = sumCues(folded, kCancel);
    if (cancel > 0) {
        raw += 0.8 * cancel;
        f.signals << u"threatens to cancel or go public"_s;
    }
    const double repeat = sumCues(folded, kRepeat) + 0.4 * priorContacts;
    if (repeat > 0) {
        raw += repeat;
        f.signals << u"repeat contact"_s;
    }
    // Shouting: several all-caps words of 3+ letters.
    static const QRegularExpression capsWord(u"\\b[A-ZÄÖÜÉÈÀÑ]{3,}\\b"_s);
    static const QRegularExpression anyWord(u"\\b\\w{3,}\\b"_s);
    const qsizetype caps = countMatches(capsWord, text);
    const qsizetype words = std::max<qsizetype>(1, countMatches(anyWord, text));
    if (caps >= 3 || (caps >= 2 && double(caps) / double(words) > 0.2)) {
        raw += std::min(2.0, 0.4 + 0.15 * double(caps));
        f.signals << u"shouting"_s;
    }
    static const QRegularExpression punct(u"[!?]{2,}"_s);
    const qsizetype bursts = countMatches(punct, text);
    if (bursts > 0) {
        raw += std::min(1.5, 0.5 * double(bursts));
        f.signals << u"repeated punctuation"_s;
    }
    f.score = 1.0 - std::exp(-0.55 * raw);
    return f;
}

} // namespace understudy::engine

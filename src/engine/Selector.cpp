// SPDX-License-Identifier: GPL-3.0-or-later
#include "Selector.h"

#include "Analyzer.h"
#include "InvertedIndex.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

namespace understudy::engine {

Similarity similarity(const std::vector<std::string> &query, QStringView text, const InvertedIndex &index)
{
    const std::vector<std::string> docTerms = Analyzer::terms(text);
    const std::unordered_set<std::string_view> doc(docTerms.begin(), docTerms.end());
    const std::unordered_set<std::string_view> q(query.begin(), query.end());
    Similarity s;
    double qTotal = 0, dTotal = 0, matched = 0;
    for (std::string_view t : q) {
        const double w = index.idf(t);
        qTotal += w * w;
        if (doc.contains(t)) {
            matched += w * w;
            ++s.matchedTerms;
        }
    }
    for (std::string_view t : doc) {
        const double w = index.idf(t);
        dTotal += w * w;
    }
    s.queryCoverage = qTotal > 0 ? matched / qTotal : 0.0;
    s.cosine = qTotal > 0 && dTotal > 0 ? matched / std::sqrt(qTotal * dTotal) : 0.0;
    return s;
}

double unitMatch(const Similarity &s, double cosineShare)
{
    return cosineShare * s.cosine + (1 - cosineShare) * s.queryCoverage;
}

void markQuestionLines(QList<TextUnit> &units)
{
    for (TextUnit &u : units)
        if (u.kind == TextUnit::Kind::Sentence && u.text.endsWith(u'?'))
            u.kind = TextUnit::Kind::Heading;
}

QList<UnitSignals> unitSignals(const QList<TextUnit> &units, const QList<Similarity> &sims,
                               const std::vector<std::string> &query, double cosineShare, qsizetype firstNeighbour)
{
    std::unordered_set<std::string> pairs;
    for (size_t i = 1; i < query.size(); ++i)
        pairs.insert(query[i - 1] + ' ' + query[i]);
    QList<UnitSignals> out;
    double title = 0;
    int position = 0;
    for (qsizetype i = 0; i < units.size(); ++i) {
        const TextUnit &u = units[i];
        UnitSignals s;
        const std::vector<std::string> terms = Analyzer::terms(u.text);
        s.words = int(terms.size());
        if (!pairs.empty()) {
            std::unordered_set<std::string> held;
            for (size_t k = 1; k < terms.size(); ++k) {
                std::string pair = terms[k - 1] + ' ' + terms[k];
                if (pairs.contains(pair))
                    held.insert(std::move(pair));
            }
            s.bigrams = double(held.size()) / double(pairs.size());
        }
        s.neighbour = i >= firstNeighbour;
        if (u.kind == TextUnit::Kind::Heading) {
            title = unitMatch(sims[i], cosineShare);
            position = 0;
        } else {
            s.sectionTitle = title;
            s.position = position++;
        }
        out << s;
    }
    return out;
}

QList<double> scoreUnits(QList<TextUnit> &units, const QList<Similarity> &sims, const UnitScoring &scoring,
                         const QList<UnitSignals> &cues)
{
    if (scoring.questionLinesIntroduce)
        markQuestionLines(units);
    QList<double> scores;
    for (qsizetype i = 0; i < units.size(); ++i) {
        const TextUnit &u = units[i];
        if (u.kind == TextUnit::Kind::Heading) {
            scores << 0.0;
            continue;
        }
        const Similarity &s = sims[i];
        const UnitSignals cue = i < cues.size() ? cues[i] : UnitSignals{};
        double own = scoring.cosine * s.cosine + scoring.coverage * s.queryCoverage + scoring.bigrams * cue.bigrams +
                     scoring.matchedTerms * std::log1p(double(s.matchedTerms));
        if (u.kind == TextUnit::Kind::Procedure)
            own *= 1 + scoring.procedureBoost;
        double intro = 0;
        if (i > 0 && (units[i - 1].kind == TextUnit::Kind::Heading || units[i - 1].text.endsWith(u'?')))
            intro = scoring.introShare * unitMatch(sims[i - 1], 0.5);
        if (s.matchedTerms == 0 && intro <= 0) {
            scores << 0.0; // nothing of the question in it or in what introduces it
            continue;
        }
        double score =
            own + intro + scoring.sectionTitle * cue.sectionTitle + scoring.leans * (u.dependsOnPrevious ? 1 : 0);
        if (i < cues.size() && cue.position == 0)
            score += scoring.firstUnder;
        scores << std::max(score, 1e-9);
    }
    return scores;
}

QList<int> selectUnits(const QList<TextUnit> &units, const QList<double> &scores, const SelectLimits &limits)
{
    const auto n = int(units.size());
    std::vector<char> taken(static_cast<size_t>(n), 0);
    int chars = 0, count = 0;
    // Takes unit i with everything it leans on, and the list a lead-in introduces.
    auto take = [&](int i) {
        int first = i;
        while (first > 0 && units[first].dependsOnPrevious && units[first - 1].kind != TextUnit::Kind::Heading)
            --first;
        int last = i;
        while (last + 1 < n && units[last].text.endsWith(u':') && units[last + 1].dependsOnPrevious)
            ++last;
        for (int k = first; k <= last; ++k) {
            if (taken[size_t(k)] || units[k].kind == TextUnit::Kind::Heading)
                continue;
            taken[size_t(k)] = 1;
            chars += int(units[k].text.size());
            ++count;
        }
    };
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return scores[a] > scores[b]; });
    const double best = n > 0 ? scores[order.front()] : 0.0;
    if (best <= 0) {
        for (int i = 0; i < n; ++i)
            if (units[i].kind != TextUnit::Kind::Heading) {
                take(i);
                break;
            }
    } else {
        for (int i : order) {
            if (units[i].kind == TextUnit::Kind::Heading || taken[size_t(i)])
                continue;
            if (count == 0) {
                take(i);
                continue;
            }
            if (scores[i] < limits.secondaryShare * best || count >= limits.maxUnits)
                break;
            if (chars + units[i].text.size() > limits.bodyBudget)
                continue;
            take(i);
        }
    }
    QList<int> out;
    for (int i = 0; i < n; ++i)
        if (taken[size_t(i)])
            out << i;
    return out;
}

} // namespace understudy::engine

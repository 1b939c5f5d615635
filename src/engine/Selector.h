// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Units.h"

#include <string>
#include <vector>

namespace understudy::engine {

class InvertedIndex;

/// @brief How a text matches a question: an idf-weighted cosine over distinct terms (binary vectors), so a long
/// ticket matched by a short past question scores like the reverse.
struct Similarity {
    double cosine = 0;        ///< in [0,1]
    double queryCoverage = 0; ///< share of the question's weight the text holds
    int matchedTerms = 0;     ///< distinct question terms the text holds
};
/// @brief Term weights are the idf of @p index (the index the text was retrieved from).
Similarity similarity(const std::vector<std::string> &query, QStringView text, const InvertedIndex &index);

/// @brief How the select stage scores a source's units against the question: a linear score over what is known of
/// each unit (its similarity, its adjacent-term match, the heading it is under, whether it leans on the sentence
/// before). The defaults here are neutral (the unit's own match only); the engine's are DraftTuning's "Select".
struct UnitScoring {
    double cosine = 0.5;         ///< weight of the unit's idf cosine with the question (favours short units)
    double coverage = 0.5;       ///< weight of the share of the question's weight it holds (favours complete ones)
    double bigrams = 0.0;        ///< weight of the share of the question's adjacent term pairs it holds
    double matchedTerms = 0.0;   ///< weight of ln(1 + distinct question terms it holds)
    double introShare = 1.0;     ///< share of a heading's or question line's match the unit right after it inherits
    double sectionTitle = 0.0;   ///< weight of the match of the nearest heading above it (its section's title)
    double firstUnder = 0.0;     ///< added to the first unit under a heading (it also inherits the heading's match)
    double leans = 0.0;          ///< added to a unit that leans on the one before (taken with it, it reads whole)
    double procedureBoost = 0.0; ///< a numbered procedure's own match grows by this share (a "how do I" ticket)
    bool questionLinesIntroduce = false; ///< the source's own question lines are headings (an article's FAQ)
};

/// @brief A unit's score from its similarity to the question (see UnitScoring::cosineShare).
double unitMatch(const Similarity &s, double cosineShare);

/// @brief What the select stage knows of a unit beyond its own similarity to the question.
struct UnitSignals {
    double bigrams = 0;      ///< share of the question's adjacent term pairs the unit holds as adjacent terms
    double sectionTitle = 0; ///< the match of the nearest heading above it (what its section is about)
    int position = 0;        ///< content units before it under that heading
    int words = 0;           ///< its terms (stop words aside)
    bool neighbour = false;  ///< from a neighbouring section of the article, not the best-ranked one
};

/// @brief Turns an article's own question lines ("Can I get a refund?") into headings: they introduce the answer.
void markQuestionLines(QList<TextUnit> &units);

/// @brief The signals of @p units (kinds final: after markQuestionLines) against the question's terms @p query in
/// their order; @p sims their similarities, @p firstNeighbour the index of the first unit from a neighbouring section.
QList<UnitSignals> unitSignals(const QList<TextUnit> &units, const QList<Similarity> &sims,
                               const std::vector<std::string> &query, double cosineShare, qsizetype firstNeighbour);

/// @brief One unit the select stage scored, for fitting its scorer offline (`understudyctl eval --unit-features`).
struct UnitTrace {
    QString source; ///< "article:ID"…
    int call = 0;   ///< which source of the draft (the select stage tries several)
    QString text;
    TextUnit::Kind kind = TextUnit::Kind::Sentence;
    bool dependsOnPrevious = false;
    Similarity sim;
    UnitSignals cues;
    double score = 0;
    bool taken = false;
};

/// @brief Scores @p units from their similarities @p sims to the question (one each, in order) and their @p cues
/// (unitSignals; empty: none). A heading, or with @c questionLinesIntroduce a question an article asks itself
/// ("Can I get a refund?"), is not an answer: it scores 0 and becomes Kind::Heading, and the unit after it inherits
/// @c introShare of its match (half cosine, half coverage) — in help pages the answer follows the line that names
/// the question. A unit that holds no question term and inherits nothing scores 0, whatever its other cues.
QList<double> scoreUnits(QList<TextUnit> &units, const QList<Similarity> &sims, const UnitScoring &scoring,
                         const QList<UnitSignals> &cues = {});

/// @brief Limits of what the select stage takes from one source.
struct SelectLimits {
    int bodyBudget = 420; ///< characters the selected units aim at
    int maxUnits = 3;
    double secondaryShare = 0.6; ///< a further unit must score this share of the best one
};

/// @brief The select stage: which units of a source answer the question. The best-scoring unit, the units it
/// leans on (the sentence before a "This…", the lead-in before a list), then further units that score at least
/// @c secondaryShare of the best while the budget lasts; in reading order. Headings are never taken. When no unit
/// shares a term with the question, the source's first content unit (and what it leans on).
QList<int> selectUnits(const QList<TextUnit> &units, const QList<double> &scores, const SelectLimits &limits);

} // namespace understudy::engine

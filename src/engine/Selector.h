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

/// @brief How the select stage scores a source's units against the question.
struct UnitScoring {
    /// The cosine's share of a unit's match; the rest is the question's coverage. The cosine alone favours short
    /// units that hold one question word, the coverage alone long ones that hold many.
    double cosineShare = 0.3;
    double introShare = 2.0;             ///< share of a heading's or question line's match the unit after it inherits
    double procedureBoost = 0.0;         ///< a numbered procedure's score grows by this share (a "how do I" ticket)
    bool questionLinesIntroduce = false; ///< the source's own question lines are headings (an article's FAQ)
};

/// @brief A unit's score from its similarity to the question (see UnitScoring::cosineShare).
double unitMatch(const Similarity &s, double cosineShare);

/// @brief Scores @p units from their similarities @p sims to the question (one each, in order). A heading, or
/// with @c questionLinesIntroduce a question an article asks itself ("Can I get a refund?"), is not an answer: it
/// scores 0 and becomes Kind::Heading, and the unit after it inherits @c introShare of its match — in help pages
/// the answer follows the line that names the question.
QList<double> scoreUnits(QList<TextUnit> &units, const QList<Similarity> &sims, const UnitScoring &scoring);

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

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

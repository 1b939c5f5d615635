// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QString>
#include <QStringList>
#include <QStringView>

namespace understudy {

/// @brief Levenshtein distance between @p a and @p b counted in Unicode code points.
int characterDistance(QStringView a, QStringView b);

/// @brief The words of @p text: runs of non-whitespace, in order.
QStringList editWords(QStringView text);

/// @brief Levenshtein distance between the word sequences of @p a and @p b.
int wordDistance(QStringView a, QStringView b);

/// @brief Share of @p draft's words that survive, in order, in @p final (longest common subsequence of words
/// over the draft's word count); 1 for an empty draft.
double keptShare(QStringView draft, QStringView final);

/// @brief The edit statistics of a feedback event: how far @p final is from @p draft.
EditStats editStats(QStringView draft, QStringView final);

} // namespace understudy

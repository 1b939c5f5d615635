// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace understudy::engine {

/// @brief Lower-case, accent-free text with runs of non-letters collapsed to one space and a space at
/// each end, so that phrase matching is `folded.contains(" " + foldedPhrase + " ")`.
QString foldForMatching(QStringView text);

/// @brief True when @p folded (from foldForMatching) contains @p phrase (already folded, no padding).
/// A trailing '*' in the phrase matches any word ending ("refund*" matches "refunded").
bool containsPhrase(const QString &folded, const QString &phrase);

/// @brief A best-effort language guess (en, fr, de, es) from stop-word counts; "en" when unsure.
QString guessLanguage(QStringView text);

} // namespace understudy::engine

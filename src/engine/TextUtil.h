// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Text.h>

#include <QString>
#include <QStringList>

namespace understudy::engine {

// Folding and the language guess live in core (understudy/Text.h): the importers label sources with the same
// function the engine reads tickets with.
using understudy::foldForMatching;
using understudy::guessLanguage;

/// @brief True when @p folded (from foldForMatching) contains @p phrase (already folded, no padding).
/// A trailing '*' in the phrase matches any word ending ("refund*" matches "refunded").
bool containsPhrase(const QString &folded, const QString &phrase);

} // namespace understudy::engine

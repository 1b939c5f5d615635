// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

namespace understudy {

/// @brief Splits an article's Markdown body into sections at its headings.
/// The text before the first heading becomes a chunk headed by the article title; a leading
/// "# Title" that repeats the title is dropped; empty sections are skipped; sections longer
/// than @p maxChars are cut at paragraph boundaries. Chunk ids are left 0 (the store assigns them).
QList<Chunk> splitIntoChunks(const Article &article, qsizetype maxChars = 2400);

} // namespace understudy

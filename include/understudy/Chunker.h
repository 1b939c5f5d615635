// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

namespace understudy {

/// @brief Splits an article's Markdown body into sections at its headings.
/// The text before the first heading becomes a chunk headed by the article title; a leading
/// "# Title" that repeats the title is dropped; empty sections are skipped; sections longer
/// than @p maxChars are cut at paragraph boundaries, and paragraphs longer than that at sentence boundaries.
/// Chunk ids are left 0 (the store assigns them).
QList<Chunk> splitIntoChunks(const Article &article, qsizetype maxChars = 700);

/// @brief Cuts @p text into sentences: at ".", "!" or "?" (and closing quotes or brackets) followed by white space
/// and what can open a sentence (a capital, a digit, a quote); abbreviations ("e.g.", "Dr."), initials, decimals
/// and URLs do not end one.
QStringList splitSentences(const QString &text);

} // namespace understudy

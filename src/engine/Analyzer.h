// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

#include <string>
#include <vector>

namespace understudy::engine {

/// @brief Turns text into index terms: case- and accent-folded words, stop words dropped,
/// words stemmed by Snowball's English stemmer. One analyzer for documents and queries.
class Analyzer {
public:
    /// @brief Appends the terms of @p text to @p out (UTF-8 strings).
    static void terms(QStringView text, std::vector<std::string> &out);
    static std::vector<std::string> terms(QStringView text);
    /// @brief True for words too common to help retrieval (English, French, German, Spanish).
    static bool isStopword(std::string_view word);
    /// @brief The Snowball (English) stem of a folded word ("invoices" → "invoic", "charged" → "charg").
    static std::string stem(std::string word);
};

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace understudy::bench {

/// @brief Deterministic synthetic support text at any scale, with a real vocabulary.
///
/// The vocabulary is every word of the BANKING77 train and test texts and of the Markdown
/// knowledge base, ranked by how often it occurs there, followed by generated pseudo-words
/// (distinct after analysis) that stand in for the long tail of product names, codes and rare
/// words. Words are drawn Zipf-like by rank, P(r) ∝ 1 / (r + 1)^s. Each document also picks a
/// few topic words that recur in it, so terms have realistic within-document frequencies.
/// document(stream, i) depends only on the seed, the stream and i: corpora can be regenerated
/// instead of kept in memory.
class SyntheticCorpus {
public:
    struct Options {
        QString banking77Dir;     ///< holds train.csv and test.csv (text,category)
        QString knowledgeBaseDir; ///< Markdown files; skipped when empty or absent
        uint64_t seed = 20240607;
        uint32_t pseudoWords = 150000;
        double zipfExponent = 1.0;
        double topicShare = 0.12; ///< share of a document's words drawn from its topics
        uint32_t topicsPerDocument = 6;
    };

    /// @brief Reads the source texts and builds the vocabulary; an Error when BANKING77 is missing.
    static Result<SyntheticCorpus> create(const Options &options);

    /// @brief Document @p index of corpus @p stream: between half and 1.5 times @p meanWords words.
    QString document(uint64_t stream, uint64_t index, uint32_t meanWords) const;

    /// @brief The BANKING77 test texts, in file order.
    const QStringList &queries() const { return m_queries; }
    size_t vocabularySize() const { return m_words.size(); }
    size_t realWordCount() const { return m_realWords; }
    size_t knowledgeBaseFiles() const { return m_kbFiles; }

private:
    uint32_t sample(uint64_t &state) const;

    Options m_options;
    QStringList m_queries;
    std::vector<QString> m_words; // by rank, most frequent first
    std::vector<bool> m_topical;  // false for stop words, which make poor topics
    size_t m_realWords = 0;
    size_t m_kbFiles = 0;
    std::vector<double> m_aliasProbability; // Vose alias table over ranks
    std::vector<uint32_t> m_alias;
};

} // namespace understudy::bench

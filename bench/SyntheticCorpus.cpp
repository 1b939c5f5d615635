// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyntheticCorpus.h"

#include "Analyzer.h"
#include "CsvReader.h"

#include <QDir>
#include <QFile>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace understudy::bench {

namespace {

inline uint64_t splitmix(uint64_t &state)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

inline uint32_t below(uint64_t &state, uint32_t n)
{
    using u128 = unsigned __int128;
    return uint32_t(u128(splitmix(state)) * n >> 64);
}

inline double unit(uint64_t &state)
{
    return double(splitmix(state) >> 11) * 0x1.0p-53;
}

// BANKING77's CSV (a header, then "text,category" records) through the importers' RFC 4180 reader.
QStringList csvTexts(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return {};
    }
    QString content = QString::fromUtf8(file.readAll());
    content.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    connectors::detail::CsvReader reader(content, path);
    QStringList texts;
    QStringList fields;
    bool header = true;
    while (reader.next(fields)) {
        if (reader.recordError()) {
            *error = reader.recordError()->toString();
            return {};
        }
        if (std::exchange(header, false) || reader.recordBlank() || fields.isEmpty())
            continue;
        texts.append(fields.first());
    }
    if (reader.error()) {
        *error = reader.error()->toString();
        return {};
    }
    return texts;
}

void countWords(const QString &text, QHash<QString, qint64> &counts)
{
    QString word;
    auto flush = [&] {
        while (word.endsWith(QLatin1Char('\'')))
            word.chop(1);
        if (!word.isEmpty())
            ++counts[word];
        word.clear();
    };
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || (c == QLatin1Char('\'') && !word.isEmpty()))
            word.append(c.toLower());
        else
            flush();
    }
    flush();
}

// Distinct pseudo-words that survive analysis unchanged: consonant-vowel syllables and a final
// consonant the stemmer never strips.
QString pseudoWord(uint32_t n)
{
    static const char *const onsets[] = {"b",  "c",  "d",  "f",  "g",  "h",  "j",  "k", "l",  "m",
                                         "n",  "p",  "r",  "s",  "t",  "v",  "w",  "z", "br", "cr",
                                         "dr", "fr", "gr", "pr", "tr", "st", "pl", "kl"};
    static const char *const vowels[] = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};
    static const char finals[] = {'k', 'm', 'n', 'p', 't', 'x', 'z', 'l', 'r'};
    constexpr uint32_t syllables = 28 * 8;
    QString word;
    uint32_t rest = n / 9;
    for (int i = 0; i < 3; ++i) {
        const uint32_t s = rest % syllables;
        rest /= syllables;
        word += QLatin1String(onsets[s / 8]);
        word += QLatin1String(vowels[s % 8]);
    }
    while (rest > 0) {
        word += QLatin1String(vowels[rest % 8]);
        rest /= 8;
    }
    word += QLatin1Char(finals[n % 9]);
    return word;
}

} // namespace

Result<SyntheticCorpus> SyntheticCorpus::create(const Options &options)
{
    SyntheticCorpus corpus;
    corpus.m_options = options;
    QString error;
    const QString dir = options.banking77Dir;
    const QStringList train = csvTexts(QDir(dir).filePath(QStringLiteral("train.csv")), &error);
    if (!error.isEmpty())
        return Error::make(Error::Code::NotFound, QStringLiteral("BANKING77 not found: %1").arg(error));
    corpus.m_queries = csvTexts(QDir(dir).filePath(QStringLiteral("test.csv")), &error);
    if (!error.isEmpty())
        return Error::make(Error::Code::NotFound, QStringLiteral("BANKING77 not found: %1").arg(error));

    QHash<QString, qint64> counts;
    for (const QString &text : train)
        countWords(text, counts);
    for (const QString &text : std::as_const(corpus.m_queries))
        countWords(text, counts);
    if (!options.knowledgeBaseDir.isEmpty()) {
        const QDir kb(options.knowledgeBaseDir);
        for (const QString &name : kb.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name)) {
            QFile file(kb.filePath(name));
            if (file.open(QIODevice::ReadOnly)) {
                countWords(QString::fromUtf8(file.readAll()), counts);
                ++corpus.m_kbFiles;
            }
        }
    }
    std::vector<std::pair<qint64, QString>> ranked;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        ranked.emplace_back(-it.value(), it.key());
    std::sort(ranked.begin(), ranked.end());
    QHash<QString, bool> seen;
    for (const auto &entry : ranked) {
        corpus.m_words.push_back(entry.second);
        seen.insert(entry.second, true);
    }
    corpus.m_realWords = corpus.m_words.size();
    for (uint32_t i = 0; corpus.m_words.size() < corpus.m_realWords + options.pseudoWords; ++i) {
        const QString w = pseudoWord(i);
        if (!seen.contains(w))
            corpus.m_words.push_back(w);
    }
    for (const QString &w : corpus.m_words) {
        const std::vector<std::string> terms = engine::Analyzer::terms(w);
        corpus.m_topical.push_back(!terms.empty());
    }

    // Vose's alias method: O(1) sampling from the Zipf weights.
    const size_t n = corpus.m_words.size();
    std::vector<double> p(n);
    double sum = 0;
    for (size_t r = 0; r < n; ++r)
        sum += p[r] = 1.0 / std::pow(double(r + 1), options.zipfExponent);
    std::vector<uint32_t> small, large;
    for (size_t r = 0; r < n; ++r) {
        p[r] = p[r] * double(n) / sum;
        (p[r] < 1.0 ? small : large).push_back(uint32_t(r));
    }
    corpus.m_aliasProbability.assign(n, 1.0);
    corpus.m_alias.resize(n);
    std::iota(corpus.m_alias.begin(), corpus.m_alias.end(), 0u);
    while (!small.empty() && !large.empty()) {
        const uint32_t s = small.back(), l = large.back();
        small.pop_back();
        corpus.m_aliasProbability[s] = p[s];
        corpus.m_alias[s] = l;
        p[l] -= 1.0 - p[s];
        if (p[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    return corpus;
}

uint32_t SyntheticCorpus::sample(uint64_t &state) const
{
    const uint32_t column = below(state, uint32_t(m_alias.size()));
    return unit(state) < m_aliasProbability[column] ? column : m_alias[column];
}

QString SyntheticCorpus::document(uint64_t stream, uint64_t index, uint32_t meanWords) const
{
    uint64_t state = m_options.seed ^ (stream * 0xd1342543de82ef95ull);
    state ^= splitmix(state) + index * 0x9e3779b97f4a7c15ull;
    splitmix(state);
    const uint32_t words = std::max(1u, meanWords / 2 + below(state, meanWords + 1));
    uint32_t topics[16];
    const uint32_t topicCount = std::min(16u, m_options.topicsPerDocument);
    for (uint32_t t = 0; t < topicCount; ++t) {
        uint32_t r = sample(state);
        for (int tries = 0; tries < 8 && !m_topical[r]; ++tries)
            r = sample(state);
        topics[t] = r;
    }
    QString text;
    text.reserve(qsizetype(words) * 8);
    uint32_t sentence = 0;
    for (uint32_t i = 0; i < words; ++i) {
        const bool topical = topicCount > 0 && unit(state) < m_options.topicShare;
        const uint32_t r = topical ? topics[below(state, topicCount)] : sample(state);
        if (i > 0)
            text += sentence == 0 ? QStringLiteral(". ") : QStringLiteral(" ");
        text += m_words[r];
        if (++sentence == 14)
            sentence = 0;
    }
    text += QLatin1Char('.');
    return text;
}

} // namespace understudy::bench

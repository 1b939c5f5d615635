// SPDX-License-Identifier: GPL-3.0-or-later
#include "InvertedIndex.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>

using understudy::Error;
using understudy::engine::InvertedIndex;
using Hit = InvertedIndex::Hit;
using Doc = std::vector<std::string>;
using Ranking = std::vector<std::pair<uint32_t, double>>;

namespace {

// The reference: BM25 by brute force over every live document, with the statistics the index
// documents (every version of every document added since the last build counts, removed or not).
struct Model {
    float k1 = 1.2f;
    float b = 0.75f;
    std::map<uint32_t, Doc> live;
    double n = 0;
    double totalLength = 0;
    std::unordered_map<std::string, double> df;

    void count(const Doc &doc)
    {
        n += 1;
        totalLength += double(doc.size());
        for (const std::string &t : std::set<std::string>(doc.begin(), doc.end()))
            df[t] += 1;
    }
    void add(uint32_t id, const Doc &doc)
    {
        live[id] = doc;
        count(doc);
    }
    void remove(uint32_t id) { live.erase(id); }
    Ranking rank(const Doc &query, size_t maxTerms = InvertedIndex::kDefaultMaxTerms) const
    {
        std::vector<std::pair<double, std::string>> terms;
        std::map<std::string, uint32_t> repeats;
        for (const std::string &t : query)
            ++repeats[t];
        for (const std::string &t : std::set<std::string>(query.begin(), query.end())) {
            const auto it = df.find(t);
            if (it != df.end() && it->second > 0)
                terms.emplace_back(it->second, t);
        }
        std::sort(terms.begin(), terms.end());
        if (maxTerms > 0 && terms.size() > maxTerms)
            terms.resize(maxTerms);
        const double avgdl = n > 0 && totalLength > 0 ? totalLength / n : 1.0;
        Ranking ranking;
        for (const auto &[id, doc] : live) {
            double score = 0;
            for (const auto &[termDf, term] : terms) {
                const double tf = double(std::count(doc.begin(), doc.end(), term));
                if (tf == 0)
                    continue;
                const double idf = InvertedIndex::queryTermWeight(repeats.at(term)) *
                                   std::log(1.0 + (n - termDf + 0.5) / (termDf + 0.5));
                score += idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * double(doc.size()) / avgdl));
            }
            if (score > 0)
                ranking.emplace_back(id, score);
        }
        std::sort(ranking.begin(), ranking.end(), [](const auto &x, const auto &y) {
            return x.second != y.second ? x.second > y.second : x.first < y.first;
        });
        return ranking;
    }
};

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-5 * std::max(1.0, std::abs(b));
}

// Empty when @p got is the top-k of @p all, allowing for float rounding: same scores rank by
// rank, every returned document really scores what it says, ties go to the lower id, and no
// clearly better document is missing.
QString mismatch(const std::vector<Hit> &got, const Ranking &all, size_t k)
{
    const size_t want = std::min(k, all.size());
    if (got.size() != want)
        return QStringLiteral("got %1 hits, want %2").arg(got.size()).arg(want);
    std::unordered_map<uint32_t, double> scores(all.begin(), all.end());
    std::set<uint32_t> seen;
    for (size_t i = 0; i < got.size(); ++i) {
        const auto it = scores.find(got[i].doc);
        if (it == scores.end())
            return QStringLiteral("hit %1: doc %2 does not match the query").arg(i).arg(got[i].doc);
        if (!close(got[i].score, it->second))
            return QStringLiteral("hit %1: doc %2 scores %3, brute force %4").arg(i).arg(got[i].doc).arg(got[i].score).arg(it->second);
        if (!close(got[i].score, all[i].second))
            return QStringLiteral("hit %1: score %2, brute force rank score %3").arg(i).arg(got[i].score).arg(all[i].second);
        if (i > 0 && (got[i].score > got[i - 1].score || (got[i].score == got[i - 1].score && got[i].doc < got[i - 1].doc)))
            return QStringLiteral("hit %1 out of order").arg(i);
        if (!seen.insert(got[i].doc).second)
            return QStringLiteral("doc %1 returned twice").arg(got[i].doc);
    }
    if (want > 0) {
        const double kth = all[want - 1].second;
        for (size_t j = 0; j < want; ++j) {
            if (all[j].second > kth && !close(all[j].second, kth) && !seen.contains(all[j].first))
                return QStringLiteral("doc %1 (score %2) missing").arg(all[j].first).arg(all[j].second);
        }
    }
    return {};
}

struct Corpus {
    std::vector<std::pair<uint32_t, Doc>> docs;
    std::vector<std::string> vocabulary;
};

// Zipf-distributed words, lengths from 0 to @p maxLength, some exact duplicates (score ties).
Corpus randomCorpus(uint32_t seed, size_t docs, size_t vocabulary, size_t maxLength, bool sparseIds)
{
    std::mt19937 rng(seed);
    Corpus c;
    std::vector<double> weights;
    for (size_t i = 0; i < vocabulary; ++i) {
        c.vocabulary.push_back("w" + std::to_string(i));
        weights.push_back(1.0 / double(i + 1));
    }
    std::discrete_distribution<size_t> word(weights.begin(), weights.end());
    std::uniform_int_distribution<size_t> length(0, maxLength);
    std::set<uint32_t> ids;
    for (size_t i = 0; i < docs; ++i) {
        uint32_t id = uint32_t(i);
        if (sparseIds) {
            do {
                id = uint32_t(rng());
            } while (!ids.insert(id).second);
        }
        Doc doc;
        if (i > 10 && rng() % 20 == 0) {
            doc = c.docs[rng() % c.docs.size()].second;
        } else {
            const size_t n = length(rng);
            for (size_t j = 0; j < n; ++j)
                doc.push_back(c.vocabulary[word(rng)]);
        }
        c.docs.emplace_back(id, std::move(doc));
    }
    if (sparseIds || seed % 2)
        std::shuffle(c.docs.begin(), c.docs.end(), rng);
    return c;
}

std::vector<Doc> randomQueries(const Corpus &c, uint32_t seed, size_t count)
{
    std::mt19937 rng(seed);
    std::vector<Doc> queries;
    for (size_t i = 0; i < count; ++i) {
        Doc q;
        const size_t n = 1 + rng() % 8;
        for (size_t j = 0; j < n; ++j) {
            // Mostly rarer words (the interesting pruning case), some frequent ones, some unknown.
            const uint32_t roll = rng() % 10;
            if (roll == 0)
                q.push_back("unknown" + std::to_string(rng() % 5));
            else if (roll < 4)
                q.push_back(c.vocabulary[rng() % std::min<size_t>(20, c.vocabulary.size())]);
            else
                q.push_back(c.vocabulary[rng() % c.vocabulary.size()]);
        }
        if (rng() % 5 == 0)
            q.push_back(q.front());
        queries.push_back(q);
    }
    return queries;
}

InvertedIndex build(const Corpus &c, Model &model)
{
    InvertedIndex::Builder builder;
    for (const auto &[id, doc] : c.docs) {
        builder.add(id, doc);
        model.add(id, doc);
    }
    return builder.build();
}

QString describe(const Doc &q)
{
    QStringList words;
    for (const std::string &t : q)
        words.append(QString::fromStdString(t));
    return words.join(QLatin1Char(' '));
}

const size_t kKs[] = {1, 2, 3, 10, 37, 100, 100000};

// search() must agree with the brute force, and to the bit with the unpruned scorer.
void checkQueries(const InvertedIndex &index, const Model &model, const std::vector<Doc> &queries)
{
    for (const Doc &q : queries) {
        const Ranking all = model.rank(q);
        for (const size_t k : kKs) {
            const std::vector<Hit> got = index.search(q, k);
            const QString why = mismatch(got, all, k);
            QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("query [%1] k=%2: %3").arg(describe(q)).arg(k).arg(why)));
            QVERIFY2(got == index.searchExhaustive(q, k),
                     qPrintable(QStringLiteral("query [%1] k=%2: pruned and exhaustive differ").arg(describe(q)).arg(k)));
        }
    }
}

InvertedIndex sampleIndex(Model &model)
{
    const Corpus c = randomCorpus(7, 1500, 400, 60, true);
    InvertedIndex index = build(c, model);
    std::mt19937 rng(3);
    for (int i = 0; i < 40; ++i) {
        const auto &[id, doc] = c.docs[rng() % c.docs.size()];
        index.remove(id);
        model.remove(id);
    }
    for (uint32_t i = 0; i < 60; ++i) {
        const Doc &doc = c.docs[rng() % c.docs.size()].second;
        const uint32_t id = i % 3 == 0 ? c.docs[i].first : 4000000000u + i;
        index.add(id, doc);
        model.add(id, doc);
    }
    return index;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

} // namespace

class TestInvertedIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void documentFrequencyAndIdf()
    {
        InvertedIndex::Builder builder;
        builder.add(1, {"card", "lost"});
        builder.add(2, {"card", "pin", "card"});
        builder.add(3, {"refund"});
        InvertedIndex index = builder.build();
        QCOMPARE(index.documentFrequency("card"), 2u);
        QCOMPARE(index.documentFrequency("refund"), 1u);
        QCOMPARE(index.documentFrequency("unknown"), 0u);
        QCOMPARE(index.idf("card"), std::log(1.0 + (3.0 - 2.0 + 0.5) / (2.0 + 0.5)));
        QCOMPARE(index.idf("unknown"), std::log(1.0 + (3.0 + 0.5) / 0.5));
        // The delta counts as search() counts it.
        index.add(4, {"card"});
        QCOMPARE(index.documentFrequency("card"), 3u);
        QCOMPARE(index.idf("card"), std::log(1.0 + (4.0 - 3.0 + 0.5) / (3.0 + 0.5)));
    }

    void exactAgainstBruteForce_data();
    void exactAgainstBruteForce();
    void tiesGoToLowerDocId();
    void listsEndingInsideAWindow();
    void emptyAndUnknownQueries();
    void kLargerThanMatches();
    void duplicateQueryTerms();
    void queryCappedToRarestTerms();
    void addAndRemove();
    void deltaRaisingAverageLength();
    void addToEmptyIndex();
    void builderDuplicateIdsKeepLast();
    void saveLoadRoundTrip();
    void corruptFileRejected();
    void truncatedFileRejected();
    void foreignAndMissingFilesRejected();
    void concurrentSearches();
    void memoryIsCompact();
};

void TestInvertedIndex::exactAgainstBruteForce_data()
{
    QTest::addColumn<uint>("seed");
    QTest::addColumn<int>("docs");
    QTest::addColumn<int>("vocabulary");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<bool>("sparseIds");
    QTest::newRow("short docs, small vocabulary") << 1u << 3000 << 300 << 30 << false;
    QTest::newRow("long docs, shuffled ids") << 2u << 800 << 3000 << 400 << false;
    QTest::newRow("sparse ids") << 3u << 2000 << 1000 << 80 << true;
    QTest::newRow("tiny") << 4u << 5 << 6 << 4 << false;
    QTest::newRow("many blocks") << 5u << 20000 << 200 << 12 << false;
}

void TestInvertedIndex::exactAgainstBruteForce()
{
    QFETCH(uint, seed);
    QFETCH(int, docs);
    QFETCH(int, vocabulary);
    QFETCH(int, maxLength);
    QFETCH(bool, sparseIds);
    const Corpus c = randomCorpus(seed, size_t(docs), size_t(vocabulary), size_t(maxLength), sparseIds);
    Model model;
    const InvertedIndex index = build(c, model);
    QCOMPARE(index.documentCount(), size_t(docs));
    checkQueries(index, model, randomQueries(c, seed + 100, docs > 5000 ? 60 : 150));
}

void TestInvertedIndex::tiesGoToLowerDocId()
{
    InvertedIndex::Builder builder;
    std::vector<uint32_t> ids;
    for (uint32_t i = 0; i < 300; ++i)
        ids.push_back(i * 7 + 3);
    std::shuffle(ids.begin(), ids.end(), std::mt19937(5));
    for (const uint32_t id : ids)
        builder.add(id, id % 2 ? Doc{"alpha", "beta"} : Doc{"beta", "alpha", "gamma", "gamma"});
    const InvertedIndex index = builder.build();
    std::vector<Hit> hits = index.search({"alpha"}, 5);
    QCOMPARE(hits.size(), size_t(5));
    // Odd ids are shorter documents, so they score higher; among them the lowest ids come first.
    const uint32_t expected[] = {3, 17, 31, 45, 59};
    for (size_t i = 0; i < 5; ++i) {
        QCOMPARE(hits[i].doc, expected[i]);
        QCOMPARE(hits[i].score, hits[0].score);
    }
    hits = index.search({"alpha"}, 1000);
    QCOMPARE(hits.size(), size_t(300));
    QVERIFY(hits[149].score > hits[150].score);
    QCOMPARE(hits[150].doc, 10u);
    QCOMPARE(hits.back().doc, 299u * 7 + 3);
}

void TestInvertedIndex::listsEndingInsideAWindow()
{
    // "zzz" is the last term of the dictionary and its only block ends early in the first
    // window: the scan must stop there, not read past the block tables (ASan checks this).
    Corpus c;
    c.vocabulary = {"common", "rare", "zzz"};
    for (uint32_t i = 0; i < 10000; ++i) {
        Doc doc{"common"};
        if (i < 5)
            doc.push_back("zzz");
        if (i % 997 == 0)
            doc.push_back("rare");
        c.docs.emplace_back(i, doc);
    }
    Model model;
    const InvertedIndex index = build(c, model);
    checkQueries(index, model, {{"zzz"}, {"zzz", "common"}, {"rare", "zzz"}, {"rare"}, {"common", "rare"}});
}

void TestInvertedIndex::emptyAndUnknownQueries()
{
    Model model;
    const InvertedIndex index = build(randomCorpus(11, 200, 50, 20, false), model);
    QVERIFY(index.search({}, 10).empty());
    QVERIFY(index.search({"nothing", "here"}, 10).empty());
    QVERIFY(index.search({"w1"}, 0).empty());
    QVERIFY(index.search({""}, 10).empty());
    QCOMPARE(index.search({"w1", "nothing"}, 10), index.search({"w1"}, 10));
    QVERIFY(InvertedIndex().search({"w1"}, 10).empty());
    QVERIFY(InvertedIndex::Builder().build().search({"w1"}, 10).empty());
    QCOMPARE(InvertedIndex().documentCount(), size_t(0));
}

void TestInvertedIndex::kLargerThanMatches()
{
    InvertedIndex::Builder builder;
    builder.add(1, {"red", "apple"});
    builder.add(2, {"green", "apple"});
    builder.add(3, {"red", "car"});
    builder.add(4, {"blue", "sky"});
    const InvertedIndex index = builder.build();
    const std::vector<Hit> hits = index.search({"red", "apple"}, 50);
    QCOMPARE(hits.size(), size_t(3));
    QCOMPARE(hits[0].doc, 1u);
    QVERIFY(hits[0].score > hits[1].score);
    QCOMPARE(hits[1].doc, 2u);
    QCOMPARE(hits[2].doc, 3u);
    QCOMPARE(hits[1].score, hits[2].score);
}

void TestInvertedIndex::duplicateQueryTerms()
{
    Model model;
    const Corpus c = randomCorpus(13, 500, 100, 30, false);
    const InvertedIndex index = build(c, model);
    // The order of the terms does not matter; their repetitions do, saturating (BM25's query-term frequency).
    QCOMPARE(index.search({"w5", "w5", "w9", "w5"}, 10), index.search({"w9", "w5", "w5", "w5"}, 10));
    QVERIFY(mismatch(index.search({"w5", "w5", "w9"}, 10), model.rank({"w5", "w9", "w5"}), 10).isEmpty());
    QVERIFY(mismatch(index.search({"w5", "w5", "w9"}, 10), model.rank({"w5", "w9"}), 10).size() > 0);
    QCOMPARE(index.search({"w5", "w5", "w9"}, 10), index.searchExhaustive({"w5", "w5", "w9"}, 10));
    QCOMPARE(InvertedIndex::queryTermWeight(1), 1.0);
    QVERIFY(InvertedIndex::queryTermWeight(2) > 1.5 && InvertedIndex::queryTermWeight(2) < 2.0);
    QVERIFY(InvertedIndex::queryTermWeight(1000) < InvertedIndex::kQueryTermSaturation + 1.0);
}

void TestInvertedIndex::queryCappedToRarestTerms()
{
    Model model;
    const Corpus c = randomCorpus(17, 2000, 60, 40, false);
    const InvertedIndex index = build(c, model);
    Doc query;
    for (int i = 0; i < 40; ++i)
        query.push_back("w" + std::to_string(i));
    for (const size_t cap : {size_t(0), size_t(1), size_t(3), InvertedIndex::kDefaultMaxTerms}) {
        const std::vector<Hit> hits = index.search(query, 10, cap);
        QVERIFY2(mismatch(hits, model.rank(query, cap), 10).isEmpty(), qPrintable(QString::number(cap)));
        QCOMPARE(hits, index.searchExhaustive(query, 10, cap));
    }
    QCOMPARE(index.search(query, 10), index.search(query, 10, 16));
    QVERIFY(index.search(query, 10, 0) != index.search(query, 10, 1));
}

void TestInvertedIndex::addAndRemove()
{
    const Corpus c = randomCorpus(19, 2500, 500, 50, false);
    Model model;
    InvertedIndex index = build(c, model);
    std::mt19937 rng(23);
    const std::vector<Doc> queries = randomQueries(c, 29, 200);
    uint32_t nextId = 100000;
    for (int round = 0; round < 8; ++round) {
        for (int op = 0; op < 60; ++op) {
            const uint32_t roll = rng() % 4;
            const Doc &doc = c.docs[rng() % c.docs.size()].second;
            if (roll == 0) {
                // A new document, sometimes with words the main segment has never seen.
                Doc fresh = doc;
                if (rng() % 2)
                    fresh.push_back("fresh" + std::to_string(rng() % 30));
                index.add(nextId, fresh);
                model.add(nextId, fresh);
                ++nextId;
            } else if (roll == 1) {
                const auto it = std::next(model.live.begin(), long(rng() % model.live.size()));
                const uint32_t id = it->first;
                index.remove(id);
                model.remove(id);
                QVERIFY(!index.contains(id));
            } else if (roll == 2) {
                const auto it = std::next(model.live.begin(), long(rng() % model.live.size()));
                const uint32_t id = it->first;
                index.add(id, doc); // replace in place
                model.add(id, doc);
                QVERIFY(index.contains(id));
            } else {
                index.remove(900000000u + rng() % 1000); // unknown: ignored
            }
        }
        QCOMPARE(index.documentCount(), model.live.size());
        checkQueries(index, model, {queries.begin() + round * 25, queries.begin() + round * 25 + 25});
        checkQueries(index, model, {{"fresh1"}, {"fresh2", "w3"}, {"w1", "fresh7", "w400"}});
    }
}

void TestInvertedIndex::deltaRaisingAverageLength()
{
    // Long added documents raise avgdl, which raises every main-segment score: the block maxima
    // stored at build time must be scaled up, or pruning would drop documents.
    const Corpus c = randomCorpus(53, 6000, 150, 12, false);
    Model model;
    InvertedIndex index = build(c, model);
    std::mt19937 rng(59);
    for (uint32_t i = 0; i < 3000; ++i) {
        Doc doc(200, "filler" + std::to_string(i % 50));
        doc.push_back(c.vocabulary[rng() % c.vocabulary.size()]);
        index.add(50000 + i, doc);
        model.add(50000 + i, doc);
    }
    checkQueries(index, model, randomQueries(c, 61, 150));
}

void TestInvertedIndex::addToEmptyIndex()
{
    InvertedIndex index;
    index.add(5, {"hello", "world"});
    index.add(2, {"hello"});
    QCOMPARE(index.documentCount(), size_t(2));
    const std::vector<Hit> hits = index.search({"hello"}, 10);
    QCOMPARE(hits.size(), size_t(2));
    QCOMPARE(hits[0].doc, 2u);
    index.remove(2);
    QCOMPARE(index.search({"hello"}, 10).size(), size_t(1));
    QCOMPARE(index.search({"world"}, 10).front().doc, 5u);
}

void TestInvertedIndex::builderDuplicateIdsKeepLast()
{
    InvertedIndex::Builder builder;
    builder.add(9, {"old"});
    builder.add(3, {"other"});
    builder.add(9, {"new"});
    const InvertedIndex index = builder.build();
    QCOMPARE(index.documentCount(), size_t(2));
    QVERIFY(index.search({"old"}, 10).empty());
    QCOMPARE(index.search({"new"}, 10).front().doc, 9u);
}

void TestInvertedIndex::saveLoadRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Model model;
    const InvertedIndex index = sampleIndex(model);
    const QString path = dir.filePath(QStringLiteral("drafting.idx"));
    const auto saved = index.save(path);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().toString()));
    auto loaded = InvertedIndex::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    QCOMPARE(loaded->documentCount(), index.documentCount());
    QCOMPARE(loaded->deltaDocumentCount(), index.deltaDocumentCount());
    QCOMPARE(loaded->termCount(), index.termCount());
    const Corpus c = randomCorpus(7, 1500, 400, 60, true);
    for (const Doc &q : randomQueries(c, 37, 200)) {
        for (const size_t k : kKs)
            QCOMPARE(loaded->search(q, k), index.search(q, k));
    }
    // Still live: updates after a load work as before.
    loaded->remove(model.live.begin()->first);
    QVERIFY(!loaded->contains(model.live.begin()->first));
    // Deterministic bytes: saving the loaded index writes the same file.
    const QString again = dir.filePath(QStringLiteral("again.idx"));
    QVERIFY(index.save(again).ok());
    QCOMPARE(readAll(again), readAll(path));
    // The empty index too.
    QVERIFY(InvertedIndex().save(again).ok());
    auto empty = InvertedIndex::load(again);
    QVERIFY(empty.ok());
    QCOMPARE(empty->documentCount(), size_t(0));
}

void TestInvertedIndex::corruptFileRejected()
{
    QTemporaryDir dir;
    Model model;
    const QString path = dir.filePath(QStringLiteral("drafting.idx"));
    QVERIFY(sampleIndex(model).save(path).ok());
    const QByteArray good = readAll(path);
    const QString bad = dir.filePath(QStringLiteral("bad.idx"));
    std::mt19937 rng(41);
    std::vector<qsizetype> positions = {0, 3, 8, 9, 12, 20, 40, 63, 64, 70, good.size() / 2, good.size() - 9, good.size() - 1};
    for (int i = 0; i < 30; ++i)
        positions.push_back(qsizetype(rng() % uint32_t(good.size())));
    for (const qsizetype at : positions) {
        QByteArray data = good;
        data[at] = char(data[at] ^ 0x5a);
        writeAll(bad, data);
        const auto loaded = InvertedIndex::load(bad);
        QVERIFY2(!loaded.ok(), qPrintable(QStringLiteral("byte %1 flipped but the file loaded").arg(at)));
        QCOMPARE(loaded.error().code, Error::Code::Parse);
        QCOMPARE(loaded.error().file, bad);
        QVERIFY(!loaded.error().message.isEmpty());
    }
    QByteArray data = good;
    data[good.size() / 2] = char(data[good.size() / 2] ^ 1);
    writeAll(bad, data);
    QVERIFY(InvertedIndex::load(bad).error().message.contains(QLatin1String("checksum")));
    data = good;
    data[8] = char(2); // format version
    writeAll(bad, data);
    QVERIFY(InvertedIndex::load(bad).error().message.contains(QLatin1String("version 2")));
    writeAll(bad, good + QByteArray("trailing"));
    QVERIFY(!InvertedIndex::load(bad).ok());
}

void TestInvertedIndex::truncatedFileRejected()
{
    QTemporaryDir dir;
    Model model;
    const QString path = dir.filePath(QStringLiteral("drafting.idx"));
    QVERIFY(sampleIndex(model).save(path).ok());
    const QByteArray good = readAll(path);
    const QString bad = dir.filePath(QStringLiteral("short.idx"));
    for (const qsizetype size : {qsizetype(0), qsizetype(5), qsizetype(8), qsizetype(63), qsizetype(64), qsizetype(72),
                                 qsizetype(1000), good.size() / 3, good.size() / 2, good.size() - 8, good.size() - 1}) {
        writeAll(bad, good.left(size));
        const auto loaded = InvertedIndex::load(bad);
        QVERIFY2(!loaded.ok(), qPrintable(QStringLiteral("%1 of %2 bytes loaded").arg(size).arg(good.size())));
        QCOMPARE(loaded.error().code, Error::Code::Parse);
        if (size >= 8)
            QVERIFY2(loaded.error().message.contains(QLatin1String("truncated")), qPrintable(loaded.error().message));
    }
}

void TestInvertedIndex::foreignAndMissingFilesRejected()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.md"));
    writeAll(path, QByteArray("# Refund policy\n\nRefunds are issued within 14 days of purchase.\n").repeated(20));
    auto loaded = InvertedIndex::load(path);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, Error::Code::Parse);
    QVERIFY(loaded.error().message.contains(QLatin1String("not an Understudy index")));
    loaded = InvertedIndex::load(dir.filePath(QStringLiteral("absent.idx")));
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, Error::Code::Io);
    QVERIFY(!InvertedIndex().save(dir.filePath(QStringLiteral("no/such/dir/x.idx"))).ok());
}

void TestInvertedIndex::concurrentSearches()
{
    Model model;
    const InvertedIndex index = sampleIndex(model);
    const Corpus c = randomCorpus(7, 1500, 400, 60, true);
    const std::vector<Doc> queries = randomQueries(c, 43, 300);
    std::vector<std::vector<Hit>> expected;
    for (const Doc &q : queries)
        expected.push_back(index.search(q, 10));
    std::atomic<int> failures = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 5; ++round) {
                for (size_t i = 0; i < queries.size(); ++i) {
                    const size_t at = (i + size_t(t) * 37) % queries.size();
                    if (index.search(queries[at], 10) != expected[at])
                        ++failures;
                }
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(failures.load(), 0);
}

void TestInvertedIndex::memoryIsCompact()
{
    Model model;
    const Corpus c = randomCorpus(47, 20000, 5000, 60, false);
    InvertedIndex index = build(c, model);
    const size_t bytes = index.memoryBytes();
    // Uncompressed (doc, tf) pairs alone would take 8 bytes a posting.
    QVERIFY2(bytes < index.postingCount() * 4, qPrintable(QStringLiteral("%1 bytes for %2 postings").arg(bytes).arg(index.postingCount())));
    index.add(1000000, {"w1", "w2", "brand-new"});
    QVERIFY(index.memoryBytes() > bytes);
}

QTEST_GUILESS_MAIN(TestInvertedIndex)
#include "tst_invertedindex.moc"

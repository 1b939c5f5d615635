// SPDX-License-Identifier: GPL-3.0-or-later
// Drafting retrieval at scale: the resident InvertedIndex against a plain SQLite FTS5 table,
// over the same synthetic corpora and the same BANKING77 queries, top-10 BM25.

#include "Analyzer.h"
#include "BenchSupport.h"
#include "InvertedIndex.h"
#include "SyntheticCorpus.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <time.h>

using understudy::bench::rssBytes;
using understudy::bench::secondsSince;
using understudy::bench::SyntheticCorpus;
using understudy::engine::Analyzer;
using understudy::engine::InvertedIndex;
using Clock = std::chrono::steady_clock;

namespace {

// This thread's CPU time: on a shared machine it leaves out the time other processes took.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct Latency {
    double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0; // milliseconds
    size_t count = 0;

    static Latency of(std::vector<double> ms)
    {
        Latency l;
        l.count = ms.size();
        if (ms.empty())
            return l;
        std::sort(ms.begin(), ms.end());
        auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size())))]; };
        l.p50 = at(0.50);
        l.p90 = at(0.90);
        l.p99 = at(0.99);
        l.max = ms.back();
        double sum = 0;
        for (const double v : ms)
            sum += v;
        l.mean = sum / double(ms.size());
        return l;
    }

    QJsonObject json() const
    {
        return {{QStringLiteral("p50_ms"), p50},   {QStringLiteral("p90_ms"), p90},
                {QStringLiteral("p99_ms"), p99},   {QStringLiteral("max_ms"), max},
                {QStringLiteral("mean_ms"), mean}, {QStringLiteral("queries"), qint64(count)}};
    }
};

QString mb(double bytes)
{
    return QStringLiteral("%1 MB").arg(bytes / 1e6, 0, 'f', 1);
}

QString ms(double v)
{
    return QStringLiteral("%1 ms").arg(v, 0, 'f', v < 10 ? 3 : 1);
}

void print(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

QString row(const QString &label, const QString &a, const QString &b = QString())
{
    return QStringLiteral("  %1 %2 %3").arg(label, -34).arg(a, -22).arg(b);
}

// The FTS5 form of a query: its non-stop words, lower-cased and quoted, OR-ed. FTS5 gets the
// raw document text, so it matches surface words where the index matches stems.
QByteArray ftsQuery(const QString &text)
{
    QStringList words;
    QString word;
    auto flush = [&] {
        if (!word.isEmpty() && !Analyzer::isStopword(word.toStdString()) && !words.contains(word))
            words.append(word);
        word.clear();
    };
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            word.append(c.toLower());
        else if (c != QLatin1Char('\''))
            flush();
    }
    flush();
    QStringList quoted;
    for (const QString &w : words)
        quoted.append(QLatin1Char('"') + w + QLatin1Char('"'));
    return quoted.join(QStringLiteral(" OR ")).toUtf8();
}

struct Fts {
    sqlite3 *db = nullptr;
    ~Fts() { sqlite3_close(db); }
    bool exec(const char *sql)
    {
        char *error = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
            print(QStringLiteral("sqlite: %1: %2").arg(QLatin1String(sql), QString::fromUtf8(error)));
            sqlite3_free(error);
            return false;
        }
        return true;
    }
};

struct Spec {
    QString key;
    QString label;
    uint64_t stream;
    size_t docs;
    uint32_t words;
};

QJsonObject runCorpus(const SyntheticCorpus &corpus, const Spec &spec, const QStringList &queryTexts, size_t k,
                      bool withFts, const QString &workDir)
{
    const std::vector<QString> queries(queryTexts.begin(), queryTexts.end());
    QJsonObject out;
    print(QStringLiteral("\n== %1: %2 documents of ~%3 words ==").arg(spec.label).arg(spec.docs).arg(spec.words));

    // ---- index build ----
    const double rssBefore = rssBytes();
    double analyseSeconds = 0, addSeconds = 0, buildSeconds = 0;
    uint64_t tokens = 0;
    InvertedIndex index;
    {
        InvertedIndex::Builder builder;
        std::vector<std::string> terms;
        for (size_t i = 0; i < spec.docs; ++i) {
            const QString text = corpus.document(spec.stream, i, spec.words);
            auto t0 = Clock::now();
            terms.clear();
            Analyzer::terms(text, terms);
            auto t1 = Clock::now();
            builder.add(uint32_t(i), terms);
            auto t2 = Clock::now();
            analyseSeconds += std::chrono::duration<double>(t1 - t0).count();
            addSeconds += std::chrono::duration<double>(t2 - t1).count();
            tokens += terms.size();
        }
        const auto t = Clock::now();
        index = builder.build();
        buildSeconds = secondsSince(t);
    }
    const double rssIndex = rssBytes() - rssBefore;
    const double memory = double(index.memoryBytes());
    const double postings = double(index.postingCount());

    // ---- queries ----
    std::vector<std::vector<std::string>> queryTerms;
    double termSum = 0;
    for (const QString &q : queries) {
        queryTerms.push_back(Analyzer::terms(q));
        termSum += double(std::set<std::string>(queryTerms.back().begin(), queryTerms.back().end()).size());
    }
    std::vector<std::vector<InvertedIndex::Hit>> results(queries.size());
    for (size_t i = 0; i < queries.size(); ++i) // warm-up
        results[i] = index.search(queryTerms[i], k);
    std::vector<double> times, cpuTimes;
    for (size_t i = 0; i < queries.size(); ++i) {
        const double cpu = cpuMs();
        const auto t = Clock::now();
        results[i] = index.search(queryTerms[i], k);
        times.push_back(secondsSince(t) * 1e3);
        cpuTimes.push_back(cpuMs() - cpu);
    }
    const Latency indexLatency = Latency::of(times);
    const Latency indexCpu = Latency::of(cpuTimes);

    // Exactness against the unpruned scorer, and what pruning saves.
    const size_t checked = std::min<size_t>(queries.size(), 300);
    size_t identical = 0;
    times.clear();
    for (size_t i = 0; i < checked; ++i) {
        const auto t = Clock::now();
        const auto exhaustive = index.searchExhaustive(queryTerms[i], k);
        times.push_back(secondsSince(t) * 1e3);
        identical += exhaustive == results[i] ? 1 : 0;
    }
    const Latency exhaustiveLatency = Latency::of(times);

    // ---- persistence ----
    const QString path = QDir(workDir).filePath(spec.key + QStringLiteral(".idx"));
    auto t = Clock::now();
    const auto saved = index.save(path);
    const double saveSeconds = secondsSince(t);
    if (!saved.ok())
        print(QStringLiteral("save failed: %1").arg(saved.error().toString()));
    const double fileBytes = double(QFileInfo(path).size());
    index = InvertedIndex();
    const double rssEmpty = rssBytes();
    t = Clock::now();
    auto loaded = InvertedIndex::load(path);
    const double loadSeconds = secondsSince(t);
    const double rssLoaded = rssBytes() - rssEmpty;
    size_t sameAfterLoad = 0;
    if (loaded.ok()) {
        index = std::move(loaded.value());
        for (size_t i = 0; i < queries.size(); ++i)
            sameAfterLoad += index.search(queryTerms[i], k) == results[i] ? 1 : 0;
    } else {
        print(QStringLiteral("load failed: %1").arg(loaded.error().toString()));
    }
    QFile::remove(path);

    // ---- live updates: 1% replaced (remove + add under a new id) ----
    const size_t changes = std::max<size_t>(1, spec.docs / 100);
    std::vector<std::string> terms;
    double updateSeconds = 0;
    for (size_t i = 0; i < changes; ++i) {
        const QString text = corpus.document(spec.stream + 1000, i, spec.words);
        terms.clear();
        Analyzer::terms(text, terms);
        const auto u = Clock::now();
        index.remove(uint32_t((i * 97) % spec.docs));
        index.add(uint32_t(spec.docs + i), terms);
        updateSeconds += secondsSince(u);
    }
    times.clear();
    size_t deltaExact = 0;
    for (size_t i = 0; i < queries.size(); ++i) {
        const auto u = Clock::now();
        const auto hits = index.search(queryTerms[i], k);
        times.push_back(secondsSince(u) * 1e3);
        if (i < checked)
            deltaExact += hits == index.searchExhaustive(queryTerms[i], k) ? 1 : 0;
    }
    const Latency deltaLatency = Latency::of(times);

    // ---- FTS5 baseline ----
    QJsonObject fts;
    Latency ftsLatency, ftsCpu;
    if (withFts) {
        const QString dbPath = QDir(workDir).filePath(spec.key + QStringLiteral(".sqlite"));
        QFile::remove(dbPath);
        Fts db;
        sqlite3_open(dbPath.toUtf8().constData(), &db.db);
        db.exec("PRAGMA journal_mode=OFF");
        db.exec("PRAGMA synchronous=OFF");
        db.exec("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='unicode61 remove_diacritics 2')");
        double insertSeconds = 0;
        sqlite3_stmt *insert = nullptr;
        sqlite3_prepare_v2(db.db, "INSERT INTO docs(rowid, body) VALUES(?, ?)", -1, &insert, nullptr);
        db.exec("BEGIN");
        for (size_t i = 0; i < spec.docs; ++i) {
            const QByteArray text = corpus.document(spec.stream, i, spec.words).toUtf8();
            const auto u = Clock::now();
            sqlite3_bind_int64(insert, 1, qint64(i));
            sqlite3_bind_text(insert, 2, text.constData(), int(text.size()), SQLITE_STATIC);
            if (sqlite3_step(insert) != SQLITE_DONE)
                print(QStringLiteral("insert failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(db.db))));
            sqlite3_reset(insert);
            insertSeconds += secondsSince(u);
        }
        sqlite3_finalize(insert);
        auto u = Clock::now();
        db.exec("COMMIT");
        insertSeconds += secondsSince(u);
        u = Clock::now();
        db.exec("INSERT INTO docs(docs) VALUES('optimize')");
        const double optimizeSeconds = secondsSince(u);
        const double dbBytes = double(QFileInfo(dbPath).size());

        sqlite3_stmt *select = nullptr;
        sqlite3_prepare_v2(db.db, "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", -1, &select,
                           nullptr);
        std::vector<QByteArray> matches;
        for (const QString &q : queries)
            matches.push_back(ftsQuery(q));
        auto runQuery = [&](size_t i) {
            if (matches[i].isEmpty())
                return;
            sqlite3_bind_text(select, 1, matches[i].constData(), int(matches[i].size()), SQLITE_STATIC);
            sqlite3_bind_int64(select, 2, qint64(k));
            while (sqlite3_step(select) == SQLITE_ROW) {
            }
            sqlite3_reset(select);
        };
        const size_t warmUp = std::min<size_t>(queries.size(), 50);
        for (size_t i = 0; i < warmUp; ++i)
            runQuery(i);
        times.clear();
        cpuTimes.clear();
        for (size_t i = 0; i < queries.size(); ++i) {
            const double cpu = cpuMs();
            const auto v = Clock::now();
            runQuery(i);
            times.push_back(secondsSince(v) * 1e3);
            cpuTimes.push_back(cpuMs() - cpu);
        }
        sqlite3_finalize(select);
        ftsLatency = Latency::of(times);
        ftsCpu = Latency::of(cpuTimes);
        fts = {{QStringLiteral("insert_s"), insertSeconds},
               {QStringLiteral("optimize_s"), optimizeSeconds},
               {QStringLiteral("database_bytes"), dbBytes},
               {QStringLiteral("latency"), ftsLatency.json()},
               {QStringLiteral("cpu_latency"), ftsCpu.json()}};
        QFile::remove(dbPath);

        print(row(QStringLiteral(""), QStringLiteral("InvertedIndex"), QStringLiteral("SQLite FTS5")));
        print(row(
            QStringLiteral("build"), QStringLiteral("%1 s").arg(addSeconds + buildSeconds, 0, 'f', 1),
            QStringLiteral("%1 s (+ optimize %2 s)").arg(insertSeconds, 0, 'f', 1).arg(optimizeSeconds, 0, 'f', 1)));
        print(row(QStringLiteral("size on disk"), mb(fileBytes), mb(dbBytes)));
    } else {
        print(row(QStringLiteral(""), QStringLiteral("InvertedIndex")));
        print(row(QStringLiteral("build"), QStringLiteral("%1 s").arg(addSeconds + buildSeconds, 0, 'f', 1)));
        print(row(QStringLiteral("size on disk"), mb(fileBytes)));
    }
    print(row(QStringLiteral("  (collect / compress)"),
              QStringLiteral("%1 s / %2 s").arg(addSeconds, 0, 'f', 1).arg(buildSeconds, 0, 'f', 1)));
    print(row(QStringLiteral("  (analysis, not in build)"), QStringLiteral("%1 s").arg(analyseSeconds, 0, 'f', 1)));
    print(row(QStringLiteral("memory (memoryBytes)"), mb(memory),
              QStringLiteral("%1 bytes/posting").arg(memory / std::max(1.0, postings), 0, 'f', 2)));
    print(row(QStringLiteral("RSS delta after build / load"),
              QStringLiteral("%1 / %2").arg(mb(rssIndex), mb(rssLoaded))));
    print(row(QStringLiteral("top-%1 latency p50").arg(k), ms(indexLatency.p50),
              withFts ? ms(ftsLatency.p50) : QString()));
    print(row(QStringLiteral("top-%1 latency p90").arg(k), ms(indexLatency.p90),
              withFts ? ms(ftsLatency.p90) : QString()));
    print(row(QStringLiteral("top-%1 latency p99").arg(k), ms(indexLatency.p99),
              withFts ? ms(ftsLatency.p99) : QString()));
    print(row(QStringLiteral("top-%1 latency max").arg(k), ms(indexLatency.max),
              withFts ? ms(ftsLatency.max) : QString()));
    print(row(QStringLiteral("top-%1 latency mean").arg(k), ms(indexLatency.mean),
              withFts ? ms(ftsLatency.mean) : QString()));
    print(row(QStringLiteral("CPU time p50 / p99"), QStringLiteral("%1 / %2").arg(ms(indexCpu.p50), ms(indexCpu.p99)),
              withFts ? QStringLiteral("%1 / %2").arg(ms(ftsCpu.p50), ms(ftsCpu.p99)) : QString()));
    if (withFts && indexLatency.p99 > 0)
        print(row(QStringLiteral("FTS5 p99 / index p99"),
                  QStringLiteral("%1x").arg(ftsLatency.p99 / indexLatency.p99, 0, 'f', 0)));
    print(row(QStringLiteral("unpruned scorer p50 / p99"),
              QStringLiteral("%1 / %2").arg(ms(exhaustiveLatency.p50), ms(exhaustiveLatency.p99)),
              QStringLiteral("(%1 queries)").arg(checked)));
    print(row(QStringLiteral("identical to unpruned"), QStringLiteral("%1 / %2").arg(identical).arg(checked)));
    print(row(QStringLiteral("save / load"),
              QStringLiteral("%1 s / %2 s").arg(saveSeconds, 0, 'f', 2).arg(loadSeconds, 0, 'f', 2),
              QStringLiteral("identical after load %1 / %2").arg(sameAfterLoad).arg(queries.size())));
    print(row(QStringLiteral("with 1% replaced: p50 / p99"),
              QStringLiteral("%1 / %2").arg(ms(deltaLatency.p50), ms(deltaLatency.p99)),
              QStringLiteral("exact %1 / %2, %3 us per replace")
                  .arg(deltaExact)
                  .arg(checked)
                  .arg(updateSeconds / double(changes) * 1e6, 0, 'f', 1)));
    print(row(QStringLiteral("corpus"),
              QStringLiteral("%1 terms, %2 postings").arg(index.termCount()).arg(qint64(postings)),
              QStringLiteral("%1 analysed tokens, %2 query terms avg")
                  .arg(qint64(tokens))
                  .arg(termSum / std::max<double>(1, double(queries.size())), 0, 'f', 1)));

    out = {
        {QStringLiteral("documents"), qint64(spec.docs)},
        {QStringLiteral("mean_words"), int(spec.words)},
        {QStringLiteral("tokens"), qint64(tokens)},
        {QStringLiteral("terms"), qint64(index.termCount())},
        {QStringLiteral("postings"), postings},
        {QStringLiteral("index"), QJsonObject{{QStringLiteral("collect_s"), addSeconds},
                                              {QStringLiteral("compress_s"), buildSeconds},
                                              {QStringLiteral("build_s"), addSeconds + buildSeconds},
                                              {QStringLiteral("analysis_s"), analyseSeconds},
                                              {QStringLiteral("memory_bytes"), memory},
                                              {QStringLiteral("rss_delta_build_bytes"), rssIndex},
                                              {QStringLiteral("rss_delta_load_bytes"), rssLoaded},
                                              {QStringLiteral("file_bytes"), fileBytes},
                                              {QStringLiteral("save_s"), saveSeconds},
                                              {QStringLiteral("load_s"), loadSeconds},
                                              {QStringLiteral("latency"), indexLatency.json()},
                                              {QStringLiteral("cpu_latency"), indexCpu.json()},
                                              {QStringLiteral("unpruned_latency"), exhaustiveLatency.json()},
                                              {QStringLiteral("identical_to_unpruned"), qint64(identical)},
                                              {QStringLiteral("identical_after_load"), qint64(sameAfterLoad)},
                                              {QStringLiteral("replaced_1pct_latency"), deltaLatency.json()},
                                              {QStringLiteral("replaced_1pct_exact"), qint64(deltaExact)},
                                              {QStringLiteral("replace_us"), updateSeconds / double(changes) * 1e6}}}};
    if (withFts) {
        out.insert(QStringLiteral("fts5"), fts);
        out.insert(QStringLiteral("p99_ratio_fts5_over_index"), ftsLatency.p99 / std::max(1e-9, indexLatency.p99));
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Top-k BM25 retrieval: the resident InvertedIndex against SQLite FTS5."));
    parser.addHelpOption();
    const QCommandLineOption articles(QStringLiteral("articles"), QStringLiteral("Corpus A size (~250 words each)."),
                                      QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption answers(QStringLiteral("answers"), QStringLiteral("Corpus B size (~65 words each)."),
                                     QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption queries(QStringLiteral("queries"),
                                     QStringLiteral("BANKING77 test queries to run, spread over the 3,080."),
                                     QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption topK(QStringLiteral("k"), QStringLiteral("Results per query."), QStringLiteral("K"),
                                  QStringLiteral("10"));
    const QCommandLineOption dataset(QStringLiteral("dataset"), QStringLiteral("BANKING77 folder."),
                                     QStringLiteral("DIR"), QStringLiteral("../shared/datasets/banking77"));
    const QCommandLineOption kb(QStringLiteral("kb"), QStringLiteral("Markdown knowledge base folder."),
                                QStringLiteral("DIR"), QStringLiteral(UNDERSTUDY_SOURCE_DIR "/resources/demo/kb"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Also write the figures as JSON to FILE."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption noFts(QStringLiteral("no-fts"), QStringLiteral("Skip the SQLite FTS5 baseline."));
    const QCommandLineOption workDir(QStringLiteral("work-dir"),
                                     QStringLiteral("Where temporary index and database files go."),
                                     QStringLiteral("DIR"));
    parser.addOptions({articles, answers, queries, topK, dataset, kb, json, noFts, workDir});
    parser.process(app);

    SyntheticCorpus::Options options;
    options.banking77Dir = parser.value(dataset);
    if (!QFileInfo::exists(options.banking77Dir) && !parser.isSet(dataset))
        options.banking77Dir = QStringLiteral(UNDERSTUDY_SOURCE_DIR "/../shared/datasets/banking77");
    options.knowledgeBaseDir = parser.value(kb);
    const auto t = Clock::now();
    auto corpus = SyntheticCorpus::create(options);
    if (!corpus.ok()) {
        print(corpus.error().toString());
        return 2;
    }
    const QStringList &all = corpus->queries();
    const size_t wanted = std::min<size_t>(size_t(all.size()), parser.value(queries).toULongLong());
    QStringList picked;
    for (size_t i = 0; i < wanted; ++i)
        picked.append(all[qsizetype(i * size_t(all.size()) / wanted)]);
    const size_t k = std::max<qulonglong>(1, parser.value(topK).toULongLong());

    QTemporaryDir temp(parser.isSet(workDir) ? parser.value(workDir) + QStringLiteral("/bench-XXXXXX") : QString());
    print(QStringLiteral("bench_retrieval: vocabulary %1 words (%2 real from BANKING77 + %3 KB files, rest generated), "
                         "%4 queries, top-%5, SQLite %6 (%7 s setup)")
              .arg(corpus->vocabularySize())
              .arg(corpus->realWordCount())
              .arg(corpus->knowledgeBaseFiles())
              .arg(picked.size())
              .arg(k)
              .arg(QLatin1String(sqlite3_libversion()))
              .arg(secondsSince(t), 0, 'f', 1));

    QJsonObject report{{QStringLiteral("queries"), qint64(picked.size())},
                       {QStringLiteral("k"), qint64(k)},
                       {QStringLiteral("vocabulary"), qint64(corpus->vocabularySize())},
                       {QStringLiteral("sqlite"), QLatin1String(sqlite3_libversion())}};
    const Spec specs[] = {
        {QStringLiteral("articles"), QStringLiteral("A: articles"), 1, size_t(parser.value(articles).toULongLong()),
         250},
        {QStringLiteral("answers"), QStringLiteral("B: answers"), 2, size_t(parser.value(answers).toULongLong()), 65},
    };
    for (const Spec &spec : specs) {
        if (spec.docs > 0)
            report.insert(spec.key, runCorpus(*corpus, spec, picked, k, !parser.isSet(noFts), temp.path()));
    }
    if (parser.isSet(json)) {
        QFile file(parser.value(json));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            print(QStringLiteral("cannot write %1: %2").arg(parser.value(json), file.errorString()));
            return 1;
        }
        file.write(QJsonDocument(report).toJson());
    }
    return 0;
}

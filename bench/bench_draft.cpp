// SPDX-License-Identifier: GPL-3.0-or-later
// The whole draft at scale — read, signals, escalation, retrieve, rank, compose, confidence —
// through the real Store and Engine, against a plain FTS5 `ORDER BY bm25() LIMIT 10` retrieval
// over the same store, measured in the same run.
//
//   bench_draft [--articles 100000] [--answers 1000000] [--queries 1000] [--fts-queries N] [--dataset DIR] [--json
//   FILE]
//   (--articles 0 or --answers 0 skips that store)
//
// Two stores: A holds the articles only, B the answer bank only, so each target is measured alone.

#include "BenchSupport.h"
#include "Engine.h"
#include "Store.h"
#include "SyntheticCorpus.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::bench;
using SteadyClock = std::chrono::steady_clock;

namespace {

QJsonObject toJson(const Percentiles &p)
{
    return {
        {u"p50_ms"_s, p.p50}, {u"p90_ms"_s, p.p90}, {u"p99_ms"_s, p.p99}, {u"max_ms"_s, p.max}, {u"mean_ms"_s, p.mean}};
}

void fail(const QString &what)
{
    std::fprintf(stderr, "bench_draft: %s\n", qPrintable(what));
    std::exit(1);
}

// The query as FTS5 sees it: an OR of quoted words, so no input is FTS5 syntax.
QString ftsQuery(const QString &text)
{
    QStringList words;
    for (const QString &w : text.split(QRegularExpression(u"[^\\w]+"_s), Qt::SkipEmptyParts))
        words << u"\""_s + w + u"\""_s;
    return words.join(u" OR "_s);
}

Percentiles ftsBaseline(sqlite3 *db, const char *sql, const QStringList &queries)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        fail(u"prepare: "_s + QString::fromUtf8(sqlite3_errmsg(db)));
    std::vector<double> ms;
    for (const QString &q : queries) {
        const QByteArray utf8 = ftsQuery(q).toUtf8();
        const auto start = SteadyClock::now();
        sqlite3_bind_text(stmt, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        int rows = 0;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            ++rows;
        sqlite3_reset(stmt);
        ms.push_back(secondsSince(start) * 1e3);
    }
    sqlite3_finalize(stmt);
    return percentiles(ms);
}

struct Scenario {
    QString name;
    double importSeconds = 0, loadSeconds = 0, engineBytes = 0, rssDelta = 0;
    Percentiles draft, fts;
    qsizetype escalated = 0, lowConfidence = 0;
};

Scenario run(const QString &name, const QString &path, const SyntheticCorpus &corpus, qsizetype articles,
             qsizetype answers, const QStringList &queries, const QStringList &ftsQueries)
{
    Scenario s;
    s.name = name;
    auto store = store::Store::open(path);
    if (!store)
        fail(store.error().toString());
    std::printf("\n== %s: %lld articles, %lld answers ==\n", qPrintable(name), qlonglong(articles), qlonglong(answers));
    std::fflush(stdout);

    auto start = SteadyClock::now();
    constexpr qsizetype kBatch = 20000;
    for (qsizetype from = 0; from < articles; from += kBatch) {
        QList<Article> batch;
        for (qsizetype i = from; i < std::min(articles, from + kBatch); ++i) {
            Article a;
            a.id = u"kb-%1"_s.arg(i);
            a.title = corpus.document(1, uint64_t(i), 6);
            // Three sections of ~80 words, each under a heading: the chunker splits there.
            for (uint64_t part = 0; part < 3; ++part)
                a.body += u"## "_s + corpus.document(2, uint64_t(i) * 3 + part, 4) + u"\n\n"_s +
                          corpus.document(3, uint64_t(i) * 3 + part, 80) + u"\n\n"_s;
            a.url = u"https://help.example/"_s + a.id;
            batch << a;
        }
        if (auto r = (*store)->importArticles(batch, u"bench"_s, false); !r)
            fail(r.error().toString());
    }
    for (qsizetype from = 0; from < answers; from += kBatch) {
        QList<store::Answer> batch;
        for (qsizetype i = from; i < std::min(answers, from + kBatch); ++i) {
            store::Answer a;
            a.key = u"bench:%1"_s.arg(i);
            a.question = corpus.document(4, uint64_t(i), 65);
            a.reply = u"Hi,\n\n"_s + corpus.document(5, uint64_t(i), 60) + u"\n\nBest,\nSam"_s;
            a.intent = u"intent-%1"_s.arg(i % 400);
            a.origin = u"bench"_s;
            batch << a;
        }
        if (auto r = (*store)->addAnswers(batch); !r)
            fail(r.error().toString());
    }
    s.importSeconds = secondsSince(start);
    std::printf("  store filled in %.1f s\n", s.importSeconds);
    std::fflush(stdout);

    const double rssBefore = rssBytes();
    engine::Engine engine(engine::EngineConfig{}, engine::EscalationRules::defaults());
    start = SteadyClock::now();
    if (auto r = engine.load(**store); !r)
        fail(r.error().toString());
    s.loadSeconds = secondsSince(start);
    s.rssDelta = rssBytes() - rssBefore;
    s.engineBytes = double(engine.stats().memoryBytes);

    std::vector<double> ms;
    qsizetype i = 0;
    for (const QString &q : queries) {
        Ticket t;
        t.id = u"Q-%1"_s.arg(++i);
        t.customer = Customer{u"C-1"_s, u"Alex Doe"_s, {}, u"pro"_s};
        t.status = u"open"_s;
        t.messages << Message{u"customer"_s, q, {}};
        const auto t0 = SteadyClock::now();
        auto d = engine.draft(t, **store);
        const double elapsed = secondsSince(t0) * 1e3;
        if (!d)
            fail(d.error().toString());
        if (i > 20) // warm-up: the first drafts fill the page cache and the statement cache
            ms.push_back(elapsed);
        s.escalated += d->escalation.escalate;
        s.lowConfidence += d->lowConfidence;
    }
    s.draft = percentiles(ms);
    std::printf("  engine load (index build)          %.1f s\n", s.loadSeconds);
    std::printf("  engine memory (index, metadata)     %.1f MB (RSS delta %.1f MB)\n", s.engineBytes / 1e6,
                s.rssDelta / 1e6);
    std::printf("  intent model fitted on              %zu of %zu labelled questions (peak RSS %.0f MB)\n",
                engine.stats().intentExamples, engine.stats().labelled, peakRssBytes() / 1e6);
    std::printf("  whole draft      p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms  (%zu drafts)\n", s.draft.p50,
                s.draft.p90, s.draft.p99, s.draft.max, ms.size());
    std::fflush(stdout);

    // The baseline on the same file: FTS5 ranks every matching row before the LIMIT.
    sqlite3 *db = (*store)->db().handle();
    if (articles > 0) {
        s.fts =
            ftsBaseline(db, "SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ?1 ORDER BY bm25(chunks_fts) LIMIT 10",
                        ftsQueries);
    } else {
        char *err = nullptr;
        if (sqlite3_exec(db,
                         "CREATE VIRTUAL TABLE IF NOT EXISTS bench_answers_fts USING fts5(question, content='answers', "
                         "content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
                         "INSERT INTO bench_answers_fts(bench_answers_fts) VALUES('rebuild');",
                         nullptr, nullptr, &err) != SQLITE_OK)
            fail(QString::fromUtf8(err));
        s.fts = ftsBaseline(db,
                            "SELECT rowid FROM bench_answers_fts WHERE bench_answers_fts MATCH ?1 "
                            "ORDER BY bm25(bench_answers_fts) LIMIT 10",
                            ftsQueries);
    }
    std::printf("  FTS5 top-10 only p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms\n", s.fts.p50, s.fts.p90, s.fts.p99,
                s.fts.max);
    std::printf("  FTS5 retrieval p99 / whole draft p99: %.1fx\n", s.draft.p99 > 0 ? s.fts.p99 / s.draft.p99 : 0.0);
    std::fflush(stdout);
    return s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(u"Whole-draft latency at scale, against plain FTS5 retrieval."_s);
    p.addHelpOption();
    p.addOption({u"articles"_s, u"Articles in store A (default 100000)."_s, u"N"_s, u"100000"_s});
    p.addOption({u"answers"_s, u"Answers in store B (default 1000000)."_s, u"N"_s, u"1000000"_s});
    p.addOption({u"queries"_s, u"BANKING77 test texts to draft for (default 1000)."_s, u"N"_s, u"1000"_s});
    p.addOption({u"dataset"_s, u"The BANKING77 folder."_s, u"DIR"_s,
                 QStringLiteral(UNDERSTUDY_SOURCE_DIR) + u"/../shared/datasets/banking77"_s});
    p.addOption(
        {u"fts-queries"_s, u"How many of the queries the FTS5 baseline runs (default: all; it is slow)."_s, u"N"_s});
    p.addOption({u"dir"_s, u"Where to put the stores (default: a temporary folder)."_s, u"DIR"_s});
    p.addOption({u"json"_s, u"Also write the figures here."_s, u"FILE"_s});
    p.process(app);

    SyntheticCorpus::Options options;
    options.banking77Dir = p.value(u"dataset"_s);
    options.knowledgeBaseDir = QStringLiteral(UNDERSTUDY_SOURCE_DIR) + u"/resources/demo/kb"_s;
    auto corpus = SyntheticCorpus::create(options);
    if (!corpus)
        fail(corpus.error().toString());
    const QStringList queries = corpus->queries().mid(0, p.value(u"queries"_s).toInt());
    const QStringList ftsQueries =
        p.isSet(u"fts-queries"_s) ? queries.mid(0, p.value(u"fts-queries"_s).toInt()) : queries;
    QTemporaryDir tmp;
    const QString dir = p.isSet(u"dir"_s) ? p.value(u"dir"_s) : tmp.path();
    std::printf("bench_draft: %lld queries (BANKING77 test texts), synthetic vocabulary %zu words\n",
                qlonglong(queries.size()), corpus->vocabularySize());

    Scenario a;
    if (p.value(u"articles"_s).toLongLong() > 0)
        a = run(u"A"_s, dir + u"/articles.db"_s, *corpus, p.value(u"articles"_s).toLongLong(), 0, queries, ftsQueries);
    Scenario b;
    if (p.value(u"answers"_s).toLongLong() > 0)
        b = run(u"B"_s, dir + u"/answers.db"_s, *corpus, 0, p.value(u"answers"_s).toLongLong(), queries, ftsQueries);

    if (p.isSet(u"json"_s)) {
        auto obj = [](const Scenario &s) {
            return QJsonObject{{u"fill_seconds"_s, s.importSeconds},
                               {u"load_seconds"_s, s.loadSeconds},
                               {u"engine_bytes"_s, s.engineBytes},
                               {u"rss_delta_bytes"_s, s.rssDelta},
                               {u"draft"_s, toJson(s.draft)},
                               {u"fts5_top10"_s, toJson(s.fts)},
                               {u"fts5_p99_over_draft_p99"_s, s.draft.p99 > 0 ? s.fts.p99 / s.draft.p99 : 0.0}};
        };
        QFile f(p.value(u"json"_s));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            fail(u"cannot write "_s + f.fileName());
        f.write(QJsonDocument(QJsonObject{{u"articles"_s, obj(a)}, {u"answers"_s, obj(b)}}).toJson());
    }
    return 0;
}

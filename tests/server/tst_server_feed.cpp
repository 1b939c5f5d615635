// SPDX-License-Identifier: GPL-3.0-or-later
// The two load paths of the sync API, in-process.
// GET /changes built as bytes (ChangeFeed): every page is byte for byte what serialising the stored changes
// through QJsonObject gives, whether it comes from the database, from the window of recent pages, or from
// both; the window never hides a change, also while other threads write.
// POST /events with group commit (IngestQueue): batches from many threads, stored together, are each answered
// as if stored alone, and every event is stored once.
// Runs on SQLite, and on PostgreSQL as tst_server_feed_pg.
#include "ServerTestSupport.h"

#include "ChangeFeed.h"
#include "IngestQueue.h"
#include "ServerDb.h"
#include "ServerStore.h"

#include <understudy/Clock.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <set>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::server;

class TestServerFeed : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerDb> m_db;
    std::unique_ptr<ServerStore> m_store;

    static FeedbackEvent event(int i)
    {
        FeedbackEvent e;
        e.id = Clock::newId();
        // Kinds the feed carries as events (each ingest also replaces the learned state's calibration record).
        e.kind = i % 3 == 0 ? FeedbackEvent::Kind::Escalated : FeedbackEvent::Kind::SentEdited;
        e.agent = u"ann"_s;
        e.ticketId = u"T-%1 \"quoted\" \\ tab\t é"_s.arg(i % 4);
        e.finalText = u"line\nbreak \u0001 ✓"_s;
        e.confidence = 0.25 + 0.5 * (i % 2);
        e.at = QDateTime::currentDateTimeUtc();
        return e;
    }

    bool ingest(int n)
    {
        QList<FeedbackEvent> batch;
        for (int i = 0; i < n; ++i)
            batch << event(i);
        return bool(m_store->ingestEvents(batch));
    }

    /// The answer as the handler built it before ChangeFeed: parse each stored change, serialise the page.
    QByteArray expected(qint64 since, int limit)
    {
        auto page = m_store->changes(since, limit);
        if (!page)
            return "error: " + page.error().message.toUtf8();
        QJsonArray list;
        for (qsizetype i = 0; i < page->changes.size(); ++i) {
            const Change &ch = page->changes[i];
            list.append(QJsonObject{{u"seq"_s, ch.seq},
                                    {u"kind"_s, ch.kind},
                                    {u"id"_s, ch.id},
                                    {u"data"_s, QJsonDocument::fromJson(page->dataJson.value(i)).object()}});
        }
        return QJsonDocument(QJsonObject{{u"changes"_s, list},
                                         {u"cursor"_s, QString::number(page->cursor)},
                                         {u"more"_s, page->more}})
            .toJson(QJsonDocument::Compact);
    }

    static QByteArray bodyOf(ChangeFeed &feed, qint64 since, int limit)
    {
        auto r = feed.page(since, limit);
        return r ? *r : "error: " + r.error().message.toUtf8();
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        const QString url = test::freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        auto config = DatabaseConfig::fromUrl(url);
        QVERIFY(config);
        m_db = std::make_unique<ServerDb>(*config);
        const Status st = m_db->migrate();
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
        m_store = std::make_unique<ServerStore>(*m_db);
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void jsonStringsAreEscapedAsQtDoes()
    {
        const QStringList samples{u""_s,
                                  u"plain"_s,
                                  u"quote \" backslash \\ slash /"_s,
                                  u"\b\f\n\r\t"_s,
                                  QString(QChar(0x01)) + QChar(0x1f) + QChar(0x7f),
                                  u"é ✓ 𝄞"_s};
        for (const QString &s : samples) {
            QByteArray mine;
            appendJsonString(mine, s.toUtf8());
            const QByteArray qt = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
            QCOMPARE(mine, qt.mid(1, qt.size() - 2));
        }
    }

    void pagesMatchTheStoredChanges()
    {
        QVERIFY(ingest(23));
        ChangeFeed feed(*m_store);
        // Cold, then warm (from the window), then partly from the window and partly from the database.
        for (int round = 0; round < 2; ++round)
            for (const auto &[since, limit] : {std::pair{0, 5}, {5, 5}, {0, 23}, {3, 30}, {22, 5}, {23, 5}, {40, 5}})
                QCOMPARE(bodyOf(feed, since, limit), expected(since, limit));
        // A second ingest replaces the calibration record (seq 24 leaves the table, 31 holds the new total). The
        // window may still serve 24 to a reader, who meets 31 further on (see ChangeFeed): byte-for-byte
        // comparisons need a window that never held it.
        QVERIFY(ingest(7));
        ChangeFeed after(*m_store);
        for (int round = 0; round < 2; ++round)
            for (const auto &[since, limit] : {std::pair{20, 5}, {20, 50}, {23, 7}, {29, 1}, {30, 1}, {0, 1000}})
                QCOMPARE(bodyOf(after, since, limit), expected(since, limit));
        // Changes of tickets (written from data, not dataText) come out the same way too.
        Ticket t;
        t.id = u"T-\"x\""_s;
        t.subject = u"Card \\ not arrived\n"_s;
        QVERIFY(m_store->importTickets({t}));
        QVERIFY(m_store->claim(t.id, u"ann"_s));
        for (const auto &[since, limit] : {std::pair{29, 5}, {30, 1}, {31, 1}, {0, 1000}})
            QCOMPARE(bodyOf(after, since, limit), expected(since, limit));
    }

    void aSmallWindowAndAClientCatchingUp()
    {
        QVERIFY(ingest(40));
        ChangeFeed feed(*m_store, 2000); // a few changes only: the window drops its oldest often
        qint64 cursor = 10;
        while (true) {
            const QByteArray body = bodyOf(feed, cursor, 3);
            QCOMPARE(body, expected(cursor, 3));
            const QJsonObject o = QJsonDocument::fromJson(body).object();
            cursor = o.value(u"cursor"_s).toString().toLongLong();
            if (!o.value(u"more"_s).toBool())
                break;
        }
        QCOMPARE(cursor, 41); // 40 events, then the learned state's calibration record
        // A client replaying from the start reads behind the window, and still gets everything.
        for (qint64 since : {0, 1, 5, 39, 40})
            QCOMPARE(bodyOf(feed, since, 4), expected(since, 4));
        ChangeFeed none(*m_store, 0); // no window at all
        QCOMPARE(bodyOf(none, 5, 10), expected(5, 10));
        QCOMPARE(bodyOf(none, 5, 10), expected(5, 10));
    }

    // Readers page through the feed while writers add to it: each reader sees every event exactly once, in
    // order, whatever the window held when it asked, and ends with the learned state's latest total.
    void readersWhileWritersWrite()
    {
        ChangeFeed feed(*m_store, 64 * 1024);
        constexpr int writers = 2, batches = 15, perBatch = 20, readers = 3;
        std::atomic<int> writing{writers};
        std::atomic<int> failures{0};
        QList<QThread *> threads;
        for (int w = 0; w < writers; ++w)
            threads << QThread::create([&] {
                for (int b = 0; b < batches; ++b)
                    if (!ingest(perBatch))
                        ++failures;
                --writing;
            });
        QList<QList<qint64>> seen(readers); // seqs of the events each reader saw
        QList<qint64> lastSeq(readers, 0), calibrationEvents(readers, 0);
        for (int r = 0; r < readers; ++r)
            threads << QThread::create([&, r] {
                qint64 cursor = 0;
                for (;;) {
                    const bool last = writing.load() == 0; // one more full pass after the writers are done
                    bool more = true;
                    while (more) {
                        auto page = feed.page(cursor, 7 + r);
                        if (!page) {
                            ++failures;
                            return;
                        }
                        const QJsonObject o = QJsonDocument::fromJson(*page).object();
                        for (const QJsonValue &v : o.value(u"changes"_s).toArray()) {
                            const QJsonObject c = v.toObject();
                            const qint64 seq = c.value(u"seq"_s).toInteger();
                            if (seq <= lastSeq[r])
                                ++failures; // out of order, or twice
                            lastSeq[r] = seq;
                            if (c.value(u"kind"_s).toString() == u"event"_s)
                                seen[r] << seq;
                            else if (c.value(u"id"_s).toString() == u"calibration"_s)
                                calibrationEvents[r] = c.value(u"data"_s).toObject().value(u"events"_s).toInteger();
                        }
                        cursor = o.value(u"cursor"_s).toString().toLongLong();
                        more = o.value(u"more"_s).toBool();
                    }
                    if (last)
                        return;
                    QThread::yieldCurrentThread();
                }
            });
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            t->wait();
            delete t;
        }
        QCOMPARE(failures.load(), 0);
        const qint64 total = writers * batches * perBatch;
        for (int r = 0; r < readers; ++r) {
            QCOMPARE(seen[r].size(), total);
            QCOMPARE(calibrationEvents[r], total);
        }
        ChangeFeed fresh(*m_store);
        QCOMPARE(bodyOf(fresh, 0, 5000), expected(0, 5000));
    }

    void groupCommitAnswersEachBatchAsIfAlone()
    {
        IngestQueue queue(*m_store, 120); // small transactions: groups are cut at the cap too
        constexpr int threads = 6, batches = 12, perBatch = 20;
        QStringList shared; // ids several agents push (a retried batch seen by two servers, say)
        for (int i = 0; i < 30; ++i)
            shared << Clock::newId();
        std::atomic<int> failures{0};
        std::mutex mutex;
        std::set<QString> all;
        QList<QThread *> workers;
        for (int t = 0; t < threads; ++t)
            workers << QThread::create([&, t] {
                for (int b = 0; b < batches; ++b) {
                    QList<FeedbackEvent> batch;
                    for (int i = 0; i < perBatch; ++i) {
                        FeedbackEvent e = event(i);
                        e.agent = u"agent-%1"_s.arg(t);
                        if (i % 5 == 0)
                            e.id = shared.at((t + b + i) % shared.size());
                        batch << e;
                        if (i % 7 == 3)
                            batch << e; // twice in one batch
                    }
                    QStringList want;
                    for (const FeedbackEvent &e : batch)
                        if (!want.contains(e.id))
                            want << e.id;
                    auto got = queue.ingest(batch);
                    if (!got || *got != want) {
                        ++failures;
                        continue;
                    }
                    const std::lock_guard lock(mutex);
                    all.insert(want.cbegin(), want.cend());
                }
            });
        for (QThread *w : workers)
            w->start();
        for (QThread *w : workers) {
            w->wait();
            delete w;
        }
        QCOMPARE(failures.load(), 0);
        auto q = m_db->exec(u"SELECT COUNT(*), COUNT(DISTINCT id) FROM events"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toLongLong(), qint64(all.size()));
        QCOMPARE(q->value(1).toLongLong(), qint64(all.size()));
        q = m_db->exec(u"SELECT COUNT(*), MIN(seq), COUNT(DISTINCT id) FROM changes WHERE kind = 'event'"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toLongLong(), qint64(all.size()));
        QCOMPARE(q->value(1).toLongLong(), 1);
        QCOMPARE(q->value(2).toLongLong(), qint64(all.size()));
        // The learned state counts each stored event once, however the batches were grouped.
        q = m_db->exec(u"SELECT data FROM changes WHERE kind = 'learned' AND id = 'calibration'"_s);
        QVERIFY(q && q->next());
        QCOMPARE(QJsonDocument::fromJson(q->value(0).toString().toUtf8()).object().value(u"events"_s).toInteger(),
                 qint64(all.size()));
        // An empty batch and a lone batch go through too.
        auto none = queue.ingest({});
        QVERIFY(none);
        QVERIFY(none->isEmpty());
        const FeedbackEvent lone = event(1);
        auto one = queue.ingest({lone});
        QVERIFY(one);
        QCOMPARE(*one, QStringList{lone.id});
    }
};

QTEST_GUILESS_MAIN(TestServerFeed)
#include "tst_server_feed.moc"

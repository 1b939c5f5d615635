// SPDX-License-Identifier: GPL-3.0-or-later
// Several understudy-server processes on one database (PostgreSQL as tst_server_multiprocess_pg, SQLite
// otherwise), as behind a load balancer: the same events pushed concurrently through every process, one of which
// is killed with SIGKILL midway (clients retry elsewhere), are stored exactly once; a reader on each surviving
// process polling the changes feed meanwhile never sees a gap (a gap would be a change committed later with a
// lower seq) and misses nothing; ticket claims and reply keys have exactly one winner. Nothing a second process
// must know lives in one process's memory: a token issued by one works on the other and a sign-out on one ends
// it on both, and failed logins throttle an account on every process.
#include "ServerTestSupport.h"

#include "TestSupport.h"

#include <QJsonArray>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

namespace {
constexpr int kServers = 3;
constexpr int kWorkers = 6;
constexpr int kPool = 600;   // distinct event UUIDs
constexpr int kBatches = 15; // per worker
constexpr int kBatchSize = 60;
} // namespace

class TestMultiProcess : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    std::vector<std::unique_ptr<ServerProcess>> m_servers;
    QStringList m_tokens; // one per worker (agent w0..w5)

    static QStringList serverArgs() { return {u"--threads"_s, u"4"_s, u"--failed-login-delay"_s, u"600"_s}; }
    QString api(int server) const { return m_servers[size_t(server % kServers)]->api(); }

    template <typename Fn> static void runThreads(int n, Fn fn)
    {
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < n; ++i)
            threads.emplace_back(QThread::create([fn, i] { fn(i); }));
        for (auto &t : threads)
            t->start();
        for (auto &t : threads)
            QVERIFY(t->wait(240000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
        for (int w = 0; w < kWorkers; ++w) {
            const QString name = u"w%1"_s.arg(w);
            const CliRun r =
                runServerCli({u"--database"_s, m_db, u"user"_s, u"add"_s, u"--name"_s, name, u"--role"_s, u"agent"_s},
                             (u"password-"_s + name + u'\n').toUtf8());
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        writeFile(m_dir.filePath(u"t.jsonl"_s), "{\"id\":\"T-race\",\"subject\":\"Two agents, one ticket\"}\n"
                                                "{\"id\":\"T-reply\",\"subject\":\"One reply\"}\n");
        const CliRun r = runServerCli({u"--database"_s, m_db, u"import"_s, u"tickets"_s, m_dir.filePath(u"t.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (int s = 0; s < kServers; ++s) {
            m_servers.push_back(std::make_unique<ServerProcess>());
            QVERIFY2(m_servers.back()->start(m_db, serverArgs(), &error), qPrintable(error));
        }
        for (int w = 0; w < kWorkers; ++w) {
            m_tokens << login(api(w), u"w%1"_s.arg(w), u"password-w%1"_s.arg(w));
            QVERIFY(!m_tokens.last().isEmpty());
        }
    }

    void concurrentIngestIsExactlyOnceAndMissesNothing()
    {
        QStringList pool;
        for (int i = 0; i < kPool; ++i)
            pool << uuid();
        QMutex mutex;
        QStringList failures;
        QSet<QString> acknowledged;
        std::atomic<bool> writersDone{false};
        // One reader per surviving server (0 and 1; 2 is killed below), each a client following the feed through
        // its own process while the writers run, checking each page is contiguous.
        constexpr int kReaders = 2;
        QList<qint64> readerSeqs[kReaders];
        QStringList readerIds[kReaders];
        qint64 calibrationEvents[kReaders] = {}; ///< the events the learned state counts, as each reader last saw it

        std::vector<std::unique_ptr<QThread>> readers;
        for (int rd = 0; rd < kReaders; ++rd)
            readers.emplace_back(QThread::create([&, rd] {
                qint64 cursor = 0;
                const QString token = m_tokens[size_t(rd)];
                for (;;) {
                    const bool last = writersDone.load();
                    const HttpReply r =
                        http("GET", api(rd) + u"/changes?since=%1&limit=97"_s.arg(cursor), QByteArray(), token);
                    if (r.status != 200) {
                        QMutexLocker lock(&mutex);
                        failures << u"reader %1: HTTP %2 %3"_s.arg(rd).arg(r.status).arg(QString::fromUtf8(r.body));
                        return;
                    }
                    for (const QJsonValue &v : r.json.value(u"changes"_s).toArray()) {
                        const qint64 seq = v.toObject().value(u"seq"_s).toInteger();
                        // Gaps are where a learned-state record was replaced by a newer one; never a step back.
                        if (seq <= cursor) {
                            QMutexLocker lock(&mutex);
                            failures << u"reader %1: after %2 came %3"_s.arg(rd).arg(cursor).arg(seq);
                        }
                        cursor = seq;
                        readerSeqs[rd] << seq;
                        if (v.toObject().value(u"kind"_s).toString() == u"event"_s)
                            readerIds[rd] << v.toObject().value(u"id"_s).toString();
                        else if (v.toObject().value(u"id"_s).toString() == u"calibration"_s)
                            calibrationEvents[rd] =
                                v.toObject().value(u"data"_s).toObject().value(u"events"_s).toInteger();
                    }
                    if (r.json.value(u"cursor"_s).toString() != QString::number(cursor)) {
                        QMutexLocker lock(&mutex);
                        failures << u"reader %1: cursor %2, last seq %3"_s.arg(rd)
                                        .arg(r.json.value(u"cursor"_s).toString())
                                        .arg(cursor);
                    }
                    if (last && !r.json.value(u"more"_s).toBool())
                        return;
                    if (!r.json.value(u"more"_s).toBool())
                        QThread::msleep(5);
                }
            }));
        for (auto &reader : readers)
            reader->start();

        // Midway, server 2 is killed with SIGKILL: what it committed stays, what it had not is retried elsewhere.
        QAtomicInt retries = 0;
        const qint64 victim = m_servers[2]->pid();
        QVERIFY(victim > 0);
        std::atomic<int> batchesDone{0};
        std::unique_ptr<QThread> killer(QThread::create([victim, &batchesDone] {
            while (batchesDone.load() < kWorkers * 2) // a fifth of the way in
                QThread::msleep(1);
            ::kill(pid_t(victim), SIGKILL); // the QProcess lives on the main thread; it is reaped there below
        }));
        killer->start();
        runThreads(kWorkers, [&](int w) {
            QRandomGenerator rng(quint32(1000 + w));
            for (int b = 0; b < kBatches; ++b) {
                QJsonArray batch;
                QStringList want;
                for (int i = 0; i < kBatchSize; ++i) {
                    const QString id = pool[int(rng.bounded(kPool))];
                    batch.append(makeEvent(id, u"sent_as_is"_s, u"T-race"_s, u"2026-11-23T10:00:00Z"_s));
                    if (!want.contains(id))
                        want << id;
                }
                // Every batch of the last round covers a slice of the pool, so all of it ends up stored.
                if (b == kBatches - 1)
                    for (int i = w; i < kPool; i += kWorkers)
                        if (!want.contains(pool[i])) {
                            batch.append(makeEvent(pool[i], u"sent_as_is"_s, u"T-race"_s, u"2026-11-23T10:00:00Z"_s));
                            want << pool[i];
                        }
                // A batch that fails (its server was killed under it) is retried on the next server, as a client would.
                HttpReply r;
                for (int attempt = 0; attempt < kServers; ++attempt) {
                    r = http("POST", api(w + b + attempt) + u"/events"_s, QJsonObject{{u"events"_s, batch}},
                             m_tokens[w]);
                    if (r.status == 200)
                        break;
                    retries.ref();
                }
                QStringList got;
                for (const QJsonValue &v : r.json.value(u"acknowledged"_s).toArray())
                    got << v.toString();
                QMutexLocker lock(&mutex);
                if (r.status != 200)
                    failures << u"worker %1 batch %2: HTTP %3 %4"_s.arg(w).arg(b).arg(r.status).arg(
                        QString::fromUtf8(r.body));
                else if (got != want)
                    failures << u"worker %1 batch %2: acknowledged %3 of %4"_s.arg(w)
                                    .arg(b)
                                    .arg(got.size())
                                    .arg(want.size());
                for (const QString &id : got)
                    acknowledged.insert(id);
                ++batchesDone;
            }
        });
        writersDone = true;
        QVERIFY(killer->wait(30000));
        qInfo() << "batches retried after the kill:" << retries.loadRelaxed();
        QVERIFY(retries.loadRelaxed() > 0); // the kill did land mid-ingest
        for (auto &reader : readers)
            QVERIFY(reader->wait(240000));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 20).join(u'\n')));
        QCOMPARE(acknowledged.size(), kPool);

        // Each event exactly once in the feed, and once in the learned state the processes folded together; each
        // reader, whichever process it followed, missed nothing and saw the same feed.
        for (int rd = 0; rd < kReaders; ++rd) {
            const QSet<QString> unique(readerIds[rd].cbegin(), readerIds[rd].cend());
            QCOMPARE(readerIds[rd].size(), kPool);
            QCOMPARE(unique, QSet<QString>(pool.cbegin(), pool.cend()));
            QCOMPARE(calibrationEvents[rd], qint64(kPool));
        }
        QCOMPARE(readerIds[1], readerIds[0]);
        const auto &readerSeqsLast = readerSeqs[0];
        // Restarted, the killed server serves the same data.
        QString error;
        m_servers[2]->kill();
        QVERIFY2(m_servers[2]->start(m_db, serverArgs(), &error), qPrintable(error));
        // Another process's view agrees.
        const HttpReply tail =
            http("GET", api(2) + u"/changes?since=%1"_s.arg(readerSeqsLast.last()), QByteArray(), m_tokens[2]);
        QCOMPARE(tail.json.value(u"changes"_s).toArray().size(), 0);
        const HttpReply stats = http("GET", api(1) + u"/stats/me"_s, QByteArray(), m_tokens[1]);
        QCOMPARE(stats.status, 200);
        qint64 sent = 0;
        for (int w = 0; w < kWorkers; ++w)
            sent +=
                http("GET", api(w) + u"/stats/me"_s, QByteArray(), m_tokens[w]).json.value(u"sent_as_is"_s).toInteger();
        QCOMPARE(sent, qint64(kPool));
    }

    void oneClaimWins()
    {
        QMutex mutex;
        QList<int> statuses;
        QStringList claimedBy;
        runThreads(kWorkers, [&](int w) {
            const HttpReply r = http("POST", api(w) + u"/tickets/T-race/claim"_s, QByteArray("{}"), m_tokens[w]);
            QMutexLocker lock(&mutex);
            statuses << r.status;
            claimedBy << r.json.value(u"claimed_by"_s).toString();
        });
        QCOMPARE(statuses.count(200), 1);
        QCOMPARE(statuses.count(409), kWorkers - 1);
        QCOMPARE(QSet<QString>(claimedBy.cbegin(), claimedBy.cend()).size(), 1); // everyone names the same winner
    }

    void oneReplyPerKey()
    {
        // One agent's client retrying the same reply through every process at once.
        const QString key = uuid();
        QMutex mutex;
        QList<int> statuses;
        QStringList replyIds;
        runThreads(kWorkers, [&](int w) {
            const HttpReply r = http("POST", api(w) + u"/tickets/T-reply/replies"_s,
                                     QJsonObject{{u"idempotency_key"_s, key}, {u"text"_s, u"Done."_s}}, m_tokens[0]);
            QMutexLocker lock(&mutex);
            statuses << r.status;
            replyIds << r.json.value(u"reply_id"_s).toString();
        });
        QCOMPARE(statuses.count(201), 1);
        QCOMPARE(statuses.count(200), kWorkers - 1);
        QCOMPARE(QSet<QString>(replyIds.cbegin(), replyIds.cend()).size(), 1);
        const HttpReply t = http("GET", api(1) + u"/tickets/T-reply"_s, QByteArray(), m_tokens[1]);
        QCOMPARE(t.json.value(u"messages"_s).toArray().size(), 1);
    }

    void sessionsLiveInTheDatabase()
    {
        // Signed in through one process, the token works on the others; signed out through another, it ends on
        // every one (nothing about sessions is kept in a process).
        const QString token = login(api(0), u"w5"_s, u"password-w5"_s);
        QVERIFY(!token.isEmpty());
        for (int s = 0; s < kServers; ++s)
            QCOMPARE(http("GET", api(s) + u"/session"_s, QByteArray(), token).status, 200);
        QCOMPARE(http("DELETE", api(1) + u"/session"_s, QByteArray(), token).status, 204);
        for (int s = 0; s < kServers; ++s)
            QCOMPARE(http("GET", api(s) + u"/session"_s, QByteArray(), token).status, 401);
        QCOMPARE(http("GET", api(2) + u"/session"_s, QByteArray(), m_tokens[5]).status, 200); // the other session
    }

    void throttlingIsSharedByEveryProcess()
    {
        const CliRun add = runServerCli(
            {u"--database"_s, m_db, u"user"_s, u"add"_s, u"--name"_s, u"target"_s, u"--role"_s, u"agent"_s},
            QByteArray("password-target\n"));
        QVERIFY2(add.code == 0, qPrintable(add.err));
        // The account's failures spread over the processes (as a load balancer spreads them) count together: the
        // limit (5 per account by default) is reached, and then every process refuses, even the right password,
        // for the first delay (--failed-login-delay, 600 s here so that a slow machine cannot outlast it).
        int refused = 0;
        for (int i = 0; i < 5; ++i) {
            const int status = http("POST", api(i) + u"/session"_s,
                                    QJsonObject{{u"name"_s, u"target"_s}, {u"password"_s, u"wrong-%1"_s.arg(i)}})
                                   .status;
            QCOMPARE(status, 401);
        }
        for (int s = 0; s < kServers; ++s) {
            const HttpReply r = http("POST", api(s) + u"/session"_s,
                                     QJsonObject{{u"name"_s, u"target"_s}, {u"password"_s, u"password-target"_s}});
            QCOMPARE(r.status, 429);
            QVERIFY(r.json.value(u"token"_s).toString().isEmpty());
            ++refused;
        }
        QCOMPARE(refused, kServers);
        // Another account is not affected.
        QVERIFY(!login(api(1), u"w4"_s, u"password-w4"_s).isEmpty());
    }

    void cleanupTestCase() { m_servers.clear(); }
};

QTEST_GUILESS_MAIN(TestMultiProcess)
#include "tst_server_multiprocess.moc"

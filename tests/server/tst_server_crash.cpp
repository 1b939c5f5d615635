// SPDX-License-Identifier: GPL-3.0-or-later
// The PostgreSQL crash test, with durability on (issue 19, point 12): its cluster (fixture pg_cluster_durable)
// keeps fsync, synchronous_commit and full_page_writes on, unlike the other tests' cluster. Agents push while
// PostgreSQL is stopped as a crash would stop it (immediate: no shutdown checkpoint, the next start replays the
// WAL) and the server is SIGKILLed; after both restart, every event the server acknowledged is stored, once.
// (A power cut, which only fsync=on survives, is not something a test can pull; this proves the acknowledged
// writes went through the WAL of a durable cluster and come back from it.)
#include "ServerTestSupport.h"

#include "ServerDb.h"

#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

class TestServerCrash : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

    static QString setting(const QString &url, const QString &name)
    {
        server::ServerDb db(*server::DatabaseConfig::fromUrl(url));
        auto q = db.exec(u"SHOW "_s + name);
        return q && q->next() ? q->value(0).toString() : QString();
    }

    static bool crashPostgres()
    {
        QProcess p;
        p.start(qEnvironmentVariable("UNDERSTUDY_SOURCE_DIR") + u"/tests/support/pg_cluster.sh"_s,
                {u"crash"_s, qEnvironmentVariable("UNDERSTUDY_PG_STATE")});
        const bool done = p.waitForFinished(120000) && p.exitCode() == 0;
        if (!done)
            qWarning("pg_cluster.sh crash: %s", p.readAllStandardError().constData());
        return done;
    }

    /// Pushes batches of 20 until @p batches were tried; the ids of the batches the server answered 200 go to
    /// @p acknowledged. Requests that fail (the database or the server gone) are simply not acknowledged.
    static void push(const QString &api, const QString &token, int batches, QStringList &acknowledged)
    {
        for (int b = 0; b < batches; ++b) {
            QJsonArray events;
            QStringList ids;
            for (int i = 0; i < 20; ++i) {
                ids << uuid();
                events.append(makeEvent(ids.last(), u"shown"_s, u"T-1"_s, u"2026-12-07T10:00:00Z"_s));
            }
            const HttpReply r = http("POST", api + u"/events"_s, QJsonObject{{u"events"_s, events}}, token);
            if (r.status == 200)
                acknowledged << ids;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
        QVERIFY(usePostgres());
        QVERIFY(!qEnvironmentVariable("UNDERSTUDY_PG_STATE").isEmpty());
    }

    void theClusterIsDurable()
    {
        for (const QString &name : {u"fsync"_s, u"synchronous_commit"_s, u"full_page_writes"_s})
            QCOMPARE(setting(m_db, name), u"on"_s);
    }

    void everyAcknowledgedEventSurvivesACrashOfPostgresAndTheServer()
    {
        QVERIFY(addUser(m_db, u"ann"_s, u"agent"_s, {}, u"ann-password"_s));
        QString error;
        auto server = std::make_unique<ServerProcess>();
        QVERIFY2(server->start(m_db, {}, &error), qPrintable(error));
        const QString token = login(server->api(), u"ann"_s, u"ann-password"_s);
        QVERIFY(!token.isEmpty());
        QStringList acknowledged;
        push(server->api(), token, 10, acknowledged);
        QCOMPARE(acknowledged.size(), 200);
        // PostgreSQL crashes while a pusher is at work, then the server is killed as well.
        std::unique_ptr<QThread> pusher(QThread::create([&] { push(server->api(), token, 30, acknowledged); }));
        pusher->start();
        QTest::qWait(300);
        QVERIFY(crashPostgres());
        QVERIFY(pusher->wait(240000));
        server->kill();

        server = std::make_unique<ServerProcess>();
        QVERIFY2(server->start(m_db, {}, &error), qPrintable(error));
        QStringList afterwards;
        push(server->api(), login(server->api(), u"ann"_s, u"ann-password"_s), 1, afterwards);
        QCOMPARE(afterwards.size(), 20); // it works again

        server::ServerDb db(*server::DatabaseConfig::fromUrl(m_db));
        auto q = db.exec(u"SELECT id, COUNT(*) FROM events GROUP BY id"_s);
        QVERIFY(q);
        QHash<QString, int> stored;
        while (q->next())
            stored.insert(q->value(0).toString(), q->value(1).toInt());
        qInfo("%lld events acknowledged before and across the crash, %lld stored", qlonglong(acknowledged.size()),
              qlonglong(stored.size()));
        for (const QString &id : std::as_const(acknowledged))
            QVERIFY2(stored.value(id) == 1,
                     qPrintable(u"acknowledged event %1 stored %2 times"_s.arg(id).arg(stored.value(id))));
    }
};

QTEST_GUILESS_MAIN(TestServerCrash)
#include "tst_server_crash.moc"

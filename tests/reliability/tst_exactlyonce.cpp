// SPDX-License-Identifier: GPL-3.0-or-later
// Exactly once through a hostile network: the real understudy-server, a real SyncClient over a real Store, and a
// FaultProxy between them that drops requests, delays chunks, cuts answers short and sends requests twice.
// The server must end up holding every recorded event and every reply exactly once, and the outbox must be empty.
#include "FaultProxy.h"
#include "ServerTestSupport.h"
#include "SyncClient.h"
#include "TestSupport.h"

#include "Store.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

namespace {

constexpr int kTickets = 12;
constexpr int kReplies = 10;
constexpr int kWaves = 6;
constexpr int kEventsPerWave = 50;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

FeedbackEvent makeEvent(FeedbackEvent::Kind kind, const QString &ticket)
{
    FeedbackEvent e;
    e.id = newId();
    e.kind = kind;
    e.agent = u"alice"_s;
    e.ticketId = ticket;
    e.draftId = newId();
    e.at = QDateTime::currentDateTimeUtc();
    e.confidence = 0.75;
    e.engine = u"1.0.0"_s;
    return e;
}

qint64 outboxOf(store::Store &s)
{
    auto r = s.outboxSize();
    return r ? *r : -1;
}

int pendingRepliesOf(store::Store &s)
{
    auto r = s.pendingReplies(1000);
    return r ? int(r->size()) : -1;
}

int ticketsOf(store::Store &s)
{
    auto r = s.tickets();
    return r ? int(r->size()) : -1;
}

quint64 faultSeed()
{
    bool ok = false;
    const quint64 env = qEnvironmentVariable("UNDERSTUDY_FAULT_SEED").toULongLong(&ok);
    return ok ? env : 20261123;
}

} // namespace

class TestExactlyOnce : public QObject {
    Q_OBJECT
private:
    /// How many times the server holds each event id: its event log (GET /events), plus each send's entry in the
    /// changes feed, which must appear once too (asked directly, not through the proxy). Empty on an error.
    QHash<QString, int> heldEvents()
    {
        QHash<QString, int> held;
        QString after;
        for (;;) {
            const HttpReply r =
                http("GET", m_server.api() + u"/events?limit=5000&after="_s + after, QByteArray(), m_adminToken);
            if (r.status != 200)
                return {};
            for (const QJsonValue &e : r.json.value(u"events"_s).toArray())
                ++held[e[u"id"_s].toString()];
            after = r.json.value(u"next"_s).toString();
            if (!r.json.value(u"more"_s).toBool())
                break;
        }
        QString cursor = u"0"_s;
        QHash<QString, int> feed;
        for (;;) {
            const HttpReply r =
                http("GET", m_server.api() + u"/changes?since=%1&limit=5000"_s.arg(cursor), QByteArray(), m_adminToken);
            if (r.status != 200)
                return {};
            for (const QJsonValue &c : r.json.value(u"changes"_s).toArray())
                if (c[u"kind"_s].toString() == u"event"_s)
                    ++feed[c[u"id"_s].toString()];
            cursor = r.json.value(u"cursor"_s).toString();
            if (!r.json.value(u"more"_s).toBool())
                break;
        }
        for (auto it = feed.cbegin(); it != feed.cend(); ++it)
            if (it.value() != 1 || !held.contains(it.key()))
                return {}; // a send twice in the feed, or one the log does not hold
        return held;
    }

    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    QString m_adminToken;
    QString m_agentToken;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
        for (const auto &[name, role] :
             {std::pair{u"alice"_s, u"agent"_s}, std::pair{u"boss"_s, u"admin"_s}, std::pair{u"bob"_s, u"agent"_s},
              std::pair{u"carol"_s, u"agent"_s}, std::pair{u"dave"_s, u"agent"_s}}) {
            const CliRun r =
                runServerCli({u"--database"_s, m_db, u"user"_s, u"add"_s, u"--name"_s, name, u"--role"_s, role},
                             name.toUtf8() + "-password\n");
            QVERIFY2(r.code == 0, qPrintable(r.err.right(2000)));
        }
        QByteArray tickets;
        for (int i = 0; i < kTickets; ++i)
            tickets += "{\"id\":\"R-" + QByteArray::number(i) +
                       "\",\"subject\":\"Card not arrived\",\"created_at\":\"2026-11-23T09:00:00Z\",\"messages\":[{"
                       "\"author\":\"customer\",\"body\":\"Where is my card?\",\"at\":\"2026-11-23T09:00:00Z\"}]}\n";
        writeFile(m_dir.filePath(u"tickets.jsonl"_s), tickets);
        const CliRun r =
            runServerCli({u"--database"_s, m_db, u"import"_s, u"tickets"_s, m_dir.filePath(u"tickets.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(m_server.start(m_db, {}, &error), qPrintable(error));
        m_adminToken = login(m_server.api(), u"boss"_s, u"boss-password"_s);
        m_agentToken = login(m_server.api(), u"alice"_s, u"alice-password"_s);
        QVERIFY(!m_adminToken.isEmpty());
        QVERIFY(!m_agentToken.isEmpty());
    }

    void cleanupTestCase() { m_server.stop(); }

    void everyEventAndReplyExactlyOnce()
    {
        const QUrl serverUrl(m_server.base());
        FaultProxy proxy(serverUrl.host(), quint16(serverUrl.port()), faultSeed());
        QVERIFY(proxy.listen());
        proxy.setFaults({.dropProbability = 0.08,
                         .duplicateProbability = 0.2,
                         .cutProbability = 0.15,
                         .cutMinBytes = 0,
                         .cutMaxBytes = 400,
                         .delayProbability = 0.3,
                         .delayMinMs = 1,
                         .delayMaxMs = 40});
        qInfo("fault seed %llu (UNDERSTUDY_FAULT_SEED)", static_cast<unsigned long long>(faultSeed()));

        auto opened = store::Store::open(m_dir.filePath(u"client.db"_s));
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        store::Store &local = **opened;

        sync::SyncClient::Options options;
        options.pushBatch = 10; // many pushes, so many chances for faults
        options.pullLimit = 100;
        options.intervalMs = 0;
        options.requestTimeoutMs = 5000;
        options.backoffBaseMs = 20;
        options.backoffCapMs = 300;
        sync::SyncClient client(local, proxy.url(), options);
        client.setCredentials(u"alice"_s, m_agentToken);
        int finished = 0, failed = 0;
        QStringList failures;
        connect(&client, &sync::SyncClient::syncFinished, this, [&] { ++finished; });
        connect(&client, &sync::SyncClient::syncFailed, this, [&](const QString &message, int) {
            ++failed;
            if (failures.size() < 20)
                failures << message;
        });
        QString signedOut;
        connect(&client, &sync::SyncClient::signedOut, this, [&](const QString &reason) { signedOut = reason; });

        auto syncUntil = [&](const std::function<bool()> &done, int timeoutMs) {
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < timeoutMs) {
                if (!client.isBusy() && done())
                    return true;
                if (!client.isBusy() && !client.retryPending())
                    client.syncNow();
                QTest::qWait(20);
            }
            return false;
        };

        // The first cycles bring the tickets down (through the faults already).
        QVERIFY2(syncUntil([&] { return ticketsOf(local) == kTickets && finished > 0; }, 120000),
                 qPrintable(failures.join(u'\n')));

        // Work arrives in waves while syncs run, as it does for an agent.
        QStringList recorded;
        QStringList replyIds;
        auto *rng = QRandomGenerator::global();
        const FeedbackEvent::Kind kinds[] = {FeedbackEvent::Kind::Shown,       FeedbackEvent::Kind::SentEdited,
                                             FeedbackEvent::Kind::Rejected,    FeedbackEvent::Kind::Flagged,
                                             FeedbackEvent::Kind::Regenerated, FeedbackEvent::Kind::Escalated};
        // Every kind of fault must have happened at least once: a quiet run gets more waves (bounded).
        auto everyFaultSeen = [&proxy] {
            const FaultProxy::Stats st = proxy.stats();
            return st.dropped > 0 && st.cut > 0 && st.duplicated > 0 && st.delayedChunks > 0;
        };
        int waves = 0;
        for (int wave = 0; wave < kWaves || (!everyFaultSeen() && wave < kWaves + 30); ++wave, ++waves) {
            for (int i = 0; i < kEventsPerWave; ++i) {
                const FeedbackEvent e =
                    makeEvent(kinds[rng->bounded(int(std::size(kinds)))], u"R-%1"_s.arg(rng->bounded(kTickets)));
                QVERIFY(local.recordEvent(e));
                recorded << e.id;
            }
            if (wave < 2) {
                for (int i = wave * kReplies / 2; i < (wave + 1) * kReplies / 2; ++i) {
                    FeedbackEvent send = makeEvent(FeedbackEvent::Kind::SentAsIs, u"R-%1"_s.arg(i));
                    send.finalText = u"Your card left our warehouse today (reply %1)."_s.arg(i);
                    QVERIFY(local.recordEvent(send)); // a send with text owes the server a reply
                    recorded << send.id;
                    replyIds << send.id;
                }
            }
            client.syncNow();
            QTest::qWait(rng->bounded(200));
        }
        QCOMPARE(recorded.size(), waves * kEventsPerWave + kReplies);

        QVERIFY2(syncUntil([&] { return outboxOf(local) == 0 && pendingRepliesOf(local) == 0; }, 240000),
                 qPrintable(u"outbox %1 after %2 cycles, %3 failures:\n%4"_s.arg(outboxOf(local))
                                .arg(finished)
                                .arg(failed)
                                .arg(failures.join(u'\n'))));
        // Duplicates still on their way must land before the server is checked.
        QTRY_VERIFY_WITH_TIMEOUT(proxy.pendingDuplicates() == 0, 30000);

        const FaultProxy::Stats st = proxy.stats();
        qInfo("%d requests: %d dropped, %d cut, %d duplicated (%d answered), %d chunks delayed; %d cycles finished, "
              "%d failed",
              st.requests, st.dropped, st.cut, st.duplicated, st.duplicatesAnswered, st.delayedChunks, finished,
              failed);
        QVERIFY(st.dropped > 0);
        QVERIFY(st.cut > 0);
        QVERIFY(st.duplicated > 0);
        QVERIFY(st.delayedChunks > 0);
        QVERIFY(failed > 0); // the faults did reach the client

        // The server, asked directly: every event once, nothing else.
        const QHash<QString, int> held = heldEvents();
        QCOMPARE(held.size(), recorded.size());
        for (const QString &id : std::as_const(recorded))
            QVERIFY2(held.value(id) == 1, qPrintable(u"event %1 held %2 times"_s.arg(id).arg(held.value(id))));

        const HttpReply stats = http("GET", m_server.api() + u"/stats/me"_s, QByteArray(), m_agentToken);
        QCOMPARE(stats.status, 200);
        qint64 counted = 0;
        for (const char *k : {"shown", "sent_as_is", "sent_edited", "rejected", "flagged", "regenerated", "escalated"})
            counted += stats.json.value(QLatin1String(k)).toInteger();
        QCOMPARE(counted, qint64(recorded.size()));

        // Each reply reached its ticket once.
        for (int i = 0; i < kReplies; ++i) {
            const HttpReply t = http("GET", m_server.api() + u"/tickets/R-%1"_s.arg(i), QByteArray(), m_agentToken);
            QCOMPARE(t.status, 200);
            int agentMessages = 0;
            for (const QJsonValue &m : t.json.value(u"messages"_s).toArray())
                agentMessages += m[u"author"_s].toString() == u"agent"_s ? 1 : 0;
            QVERIFY2(agentMessages == 1, qPrintable(u"R-%1 has %2 agent messages"_s.arg(i).arg(agentMessages)));
        }

        // And the client is done: nothing waits locally.
        QCOMPARE(outboxOf(local), 0);
        QCOMPARE(pendingRepliesOf(local), 0);
        QVERIFY2(signedOut.isEmpty(), qPrintable(signedOut));
    }
    /// Three agents sync at once through one faulty proxy: concurrent, duplicated, cut pushes of different
    /// agents interleave on the server.
    void threeAgentsAtOnce()
    {
        const QUrl serverUrl(m_server.base());
        FaultProxy proxy(serverUrl.host(), quint16(serverUrl.port()), faultSeed() + 1);
        QVERIFY(proxy.listen());
        proxy.setFaults({.dropProbability = 0.1,
                         .duplicateProbability = 0.25,
                         .cutProbability = 0.15,
                         .cutMinBytes = 0,
                         .cutMaxBytes = 400,
                         .delayProbability = 0.3,
                         .delayMinMs = 1,
                         .delayMaxMs = 40});
        const QHash<QString, int> before = heldEvents();

        struct Agent {
            QString name;
            std::unique_ptr<store::Store> store;
            std::unique_ptr<sync::SyncClient> client;
            QStringList recorded;
        };
        std::vector<Agent> agents;
        sync::SyncClient::Options options;
        options.pushBatch = 10;
        options.pullLimit = 200;
        options.intervalMs = 0;
        options.requestTimeoutMs = 5000;
        options.backoffBaseMs = 20;
        options.backoffCapMs = 300;
        for (const QString &name : {u"bob"_s, u"carol"_s, u"dave"_s}) {
            auto opened = store::Store::open(m_dir.filePath(name + u".db"_s));
            QVERIFY(opened);
            Agent a{name, std::move(*opened), nullptr, {}};
            a.client = std::make_unique<sync::SyncClient>(*a.store, proxy.url(), options);
            const QString token = login(m_server.api(), name, name + u"-password"_s);
            QVERIFY(!token.isEmpty());
            a.client->setCredentials(name, token);
            agents.push_back(std::move(a));
        }

        auto *rng = QRandomGenerator::global();
        for (int wave = 0; wave < 5; ++wave) {
            for (Agent &a : agents) {
                for (int i = 0; i < 40; ++i) {
                    FeedbackEvent e = makeEvent(FeedbackEvent::Kind::Shown, u"R-%1"_s.arg(rng->bounded(kTickets)));
                    e.agent = a.name;
                    QVERIFY(a.store->recordEvent(e));
                    a.recorded << e.id;
                }
                a.client->syncNow();
            }
            QTest::qWait(rng->bounded(150));
        }

        QElapsedTimer t;
        t.start();
        auto allDone = [&] {
            for (Agent &a : agents)
                if (a.client->isBusy() || outboxOf(*a.store) != 0)
                    return false;
            return true;
        };
        while (!allDone() && t.elapsed() < 240000) {
            for (Agent &a : agents)
                if (!a.client->isBusy() && !a.client->retryPending() && outboxOf(*a.store) != 0)
                    a.client->syncNow();
            QTest::qWait(20);
        }
        QVERIFY2(allDone(), "the outboxes did not drain");
        QTRY_VERIFY_WITH_TIMEOUT(proxy.pendingDuplicates() == 0, 30000);
        const FaultProxy::Stats st = proxy.stats();
        qInfo("%d requests: %d dropped, %d cut, %d duplicated, %d chunks delayed", st.requests, st.dropped, st.cut,
              st.duplicated, st.delayedChunks);
        QVERIFY(st.duplicated > 0 && st.cut > 0);

        const QHash<QString, int> held = heldEvents();
        qsizetype total = 0;
        for (const Agent &a : agents) {
            total += a.recorded.size();
            for (const QString &id : a.recorded)
                QVERIFY2(held.value(id) == 1,
                         qPrintable(u"%1's event %2 held %3 times"_s.arg(a.name, id).arg(held.value(id))));
        }
        QCOMPARE(held.size(), before.size() + total);
        const HttpReply stats = http("GET", m_server.api() + u"/stats/agents"_s, QByteArray(), m_adminToken);
        QCOMPARE(stats.status, 200);
        for (const QJsonValue &row : stats.json.value(u"agents"_s).toArray())
            for (const Agent &a : agents)
                if (row[u"agent"_s].toString() == a.name)
                    QCOMPARE(row[u"shown"_s].toInteger(), qint64(a.recorded.size()));
    }
};

QTEST_GUILESS_MAIN(TestExactlyOnce)
#include "tst_exactlyonce.moc"

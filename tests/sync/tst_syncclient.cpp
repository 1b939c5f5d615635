// SPDX-License-Identifier: GPL-3.0-or-later
// SyncClient against an in-memory server at the QNetworkAccessManager seam: pull, push, replies, claims,
// sign-out, offline and backoff, lost answers, timeouts and a full local disk.
#include "FakeServer.h"
#include "Store.h"
#include "SyncClient.h"
#include "SyncTestUtil.h"
#include "TokenStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::store;
using namespace understudy::sync;
using namespace understudy::test;

namespace {
const QUrl kServer(u"http://fake.invalid:8470"_s);
}

class TestSyncClient : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Store> m_store;
    FakeServerState m_server;
    std::unique_ptr<FakeNam> m_nam;
    MemoryTokenStore m_tokens;

    std::unique_ptr<SyncClient> client(SyncClient::Options o = {})
    {
        o.backoffBaseMs = 20;
        o.backoffCapMs = 100;
        o.intervalMs = 0;
        auto c = std::make_unique<SyncClient>(*m_store, kServer, o);
        c->setNetworkAccessManager(m_nam.get());
        c->setTokenStore(&m_tokens);
        return c;
    }

    /// @brief Signs @p user in through the fake server.
    bool signIn(SyncClient &c, const QString &user = u"alice"_s)
    {
        QSignalSpy in(&c, &SyncClient::loggedIn);
        c.login(user, m_server.passwords.value(user));
        return in.wait(5000);
    }

    /// @brief Runs one cycle; true when it finished (false: it failed or timed out).
    bool syncOnce(SyncClient &c, SyncReport *report = nullptr)
    {
        QSignalSpy done(&c, &SyncClient::syncFinished);
        QSignalSpy failed(&c, &SyncClient::syncFailed);
        c.syncNow();
        if (!QTest::qWaitFor([&] { return done.size() + failed.size() > 0; }, 10000))
            return false;
        if (done.isEmpty())
            return false;
        if (report)
            *report = done.first().first().value<SyncReport>();
        return true;
    }

    /// @brief Waits until a cycle finishes (retries included).
    bool waitSynced(SyncClient &c, int timeoutMs = 10000)
    {
        QSignalSpy done(&c, &SyncClient::syncFinished);
        return done.wait(timeoutMs);
    }

    QList<FeedbackEvent> record(int n, FeedbackEvent::Kind kind = FeedbackEvent::Kind::Shown, const QString &text = {})
    {
        QList<FeedbackEvent> out;
        for (int i = 0; i < n; ++i) {
            out << makeEvent(kind, u"T-%1"_s.arg(i % 3 + 1), text);
            if (!m_store->recordEvent(out.last()))
                qFatal("recordEvent failed");
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        auto s = Store::open(m_dir.filePath(u"c%1.db"_s.arg(++m_n)));
        QVERIFY2(s, whyNot(s));
        m_store = std::move(*s);
        m_server = FakeServerState{};
        m_nam = std::make_unique<FakeNam>(&m_server);
        m_tokens = MemoryTokenStore{};
    }

    void loginKeepsTheTokenInTheTokenStore()
    {
        auto c = client();
        QSignalSpy changed(c.get(), &SyncClient::signedInChanged);
        QVERIFY(signIn(*c));
        QVERIFY(c->isSignedIn());
        QCOMPARE(c->user(), u"alice"_s);
        QCOMPARE(m_tokens.tokens().value(TokenStore::accountKey(kServer.toString(), u"alice"_s)), c->token());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(c->state(), SyncClient::State::Online);

        auto other = client();
        QSignalSpy failed(other.get(), &SyncClient::loginFailed);
        other->login(u"alice"_s, u"wrong"_s);
        QVERIFY(failed.wait(5000));
        QVERIFY2(failed.first().first().toString().contains(u"wrong name or password"_s),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!other->isSignedIn());
    }

    void loginWithoutKeyringStillSignsInButSaysSo()
    {
        auto c = client();
        m_tokens.failNext(u"no keyring is available to keep the sign-in token"_s);
        QSignalSpy warned(c.get(), &SyncClient::tokenStoreFailed);
        QVERIFY(signIn(*c));
        QCOMPARE(warned.size(), 1);
        QVERIFY(c->isSignedIn()); // usable for this session, never written anywhere else
        QVERIFY(m_tokens.tokens().isEmpty());
    }

    void syncWithoutSignInFails()
    {
        auto c = client();
        QSignalSpy failed(c.get(), &SyncClient::syncFailed);
        c->syncNow();
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(u"not signed in"_s));
        QCOMPARE(failed.first().at(1).toInt(), -1);
    }

    void pullAppliesEveryPageAndAdvancesTheCursor()
    {
        for (int i = 1; i <= 5; ++i)
            m_server.addChange(u"ticket"_s, u"T-%1"_s.arg(i), json::toJson(makeTicket(u"T-%1"_s.arg(i), u"Subject %1"_s.arg(i))));
        m_server.addChange(u"article"_s, u"kb-1"_s, json::toJson(makeArticle(u"kb-1"_s, u"Reset password"_s)));
        FeedbackEvent bobs = makeEvent(FeedbackEvent::Kind::Rejected, u"T-1"_s);
        bobs.agent = u"bob"_s;
        m_server.addChange(u"event"_s, bobs.id, json::toJson(bobs));
        m_server.addChange(u"learned_weights"_s, u"x"_s, QJsonObject{{u"future"_s, true}}); // unknown kind: skipped
        QJsonObject future = json::toJson(bobs);
        future.insert(u"id"_s, u"e-future"_s);
        future.insert(u"kind"_s, u"kudos"_s); // an event kind a newer server added: skipped too
        m_server.addChange(u"event"_s, u"e-future"_s, future);
        SyncClient::Options o;
        o.pullLimit = 3;
        auto c = client(o);
        QVERIFY(signIn(*c));
        SyncReport report;
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.pages, 3);
        QCOMPARE(report.tickets, 5);
        QCOMPARE(report.articles, 1);
        QCOMPARE(report.events, 1);
        QCOMPARE(report.cursor, u"9"_s);
        QCOMPARE(*m_store->cursor(u"server"_s), u"9"_s);
        QCOMPARE(m_store->tickets()->size(), 5);
        QCOMPARE(*m_store->outboxSize(), 0);
        QCOMPARE(m_server.log.count(u"POST /events"_s), 0); // bob's event is not pushed back
        QVERIFY(c->lastSync().isValid());
        QCOMPARE(c->state(), SyncClient::State::Online);

        // Next time only what is new is asked for.
        m_server.addChange(u"ticket"_s, u"T-1"_s, json::toJson(makeTicket(u"T-1"_s, u"Changed"_s)));
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.tickets, 1);
        QCOMPARE(*m_store->cursor(u"server"_s), u"10"_s);
        QCOMPARE((*m_store->ticket(u"T-1"_s))->subject, u"Changed"_s);
        QVERIFY(m_server.log.contains(u"GET /changes"_s));
    }

    void pushDrainsTheOutboxInBatches()
    {
        const auto events = record(7);
        SyncClient::Options o;
        o.pushBatch = 3;
        auto c = client(o);
        QSignalSpy outbox(c.get(), &SyncClient::outboxChanged);
        QVERIFY(signIn(*c));
        SyncReport report;
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.pushed, 7);
        QCOMPARE(report.outbox, 0);
        QCOMPARE(m_server.eventPosts, 3);
        QCOMPARE(m_server.eventOrder.size(), 7);
        QCOMPARE(m_server.events.value(events.first().id).value(u"agent"_s).toString(), u"alice"_s);
        QCOMPARE(*m_store->outboxSize(), 0);
        QVERIFY(!outbox.isEmpty());
        QCOMPARE(outbox.last().first().toLongLong(), 0);
        // Our own events come back in the feed: held once, not queued again.
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.events, 0);
        QCOMPARE(m_store->events()->size(), 7);
        QCOMPARE(*m_store->outboxSize(), 0);
    }

    void aBatchTooLargeForTheServerIsSplit()
    {
        record(8);
        auto c = client();
        QVERIFY(signIn(*c));
        m_server.inject[u"POST /events"_s] = {413, 413};
        SyncReport report;
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.pushed, 8);
        QCOMPARE(m_server.eventPosts, 4); // 8 and 4 refused, then four batches of 2 (only accepted ones count)
        QCOMPARE(m_server.log.count(u"POST /events"_s), 6);
        QCOMPARE(*m_store->outboxSize(), 0);
    }

    void onlyAcknowledgedRowsLeaveTheOutbox()
    {
        record(5);
        m_server.ackLimit = 2;
        auto c = client();
        QVERIFY(signIn(*c));
        QSignalSpy failed(c.get(), &SyncClient::syncFailed);
        QVERIFY(!syncOnce(*c));
        QCOMPARE(*m_store->outboxSize(), 3);
        QVERIFY(failed.first().first().toString().contains(u"acknowledged 2 of 5"_s));
        QVERIFY(failed.first().at(1).toInt() > 0); // retried
        m_server.ackLimit = -1;
        QVERIFY(waitSynced(*c));
        QCOMPARE(*m_store->outboxSize(), 0);
        QCOMPARE(m_server.eventOrder.size(), 5);
    }

    void serverErrorsKeepEverythingQueuedAndBackOff()
    {
        record(4);
        auto c = client();
        QVERIFY(signIn(*c));
        m_server.inject[u"POST /events"_s] = {503, 500, 0};
        QSignalSpy failed(c.get(), &SyncClient::syncFailed);
        QSignalSpy states(c.get(), &SyncClient::stateChanged);
        QVERIFY(!syncOnce(*c));
        QCOMPARE(c->state(), SyncClient::State::Offline);
        QCOMPARE(*m_store->outboxSize(), 4);
        QVERIFY(c->retryPending());
        QVERIFY(waitSynced(*c));
        QCOMPARE(failed.size(), 3);
        // Delays grow (base 20 ms, jitter within [d/2, d]) and stay under the cap.
        for (int i = 0; i < failed.size(); ++i) {
            const int ms = failed[i].at(1).toInt();
            QVERIFY2(ms >= (20 << i) / 2 && ms <= std::min(100, 20 << i), qPrintable(QString::number(ms)));
        }
        QCOMPARE(*m_store->outboxSize(), 0);
        QCOMPARE(m_server.eventOrder.size(), 4);
        QCOMPARE(c->state(), SyncClient::State::Online);
        QVERIFY(states.size() >= 3);
    }

    void lostAnswersAreRetriedWithoutDoubling()
    {
        const auto sends = record(3, FeedbackEvent::Kind::SentAsIs, u"Here is how"_s);
        auto c = client();
        QVERIFY(signIn(*c));
        // The server stores the batch and takes a reply, but both answers are lost on the way back.
        m_server.inject[u"POST /events"_s] = {-2};
        m_server.inject[u"POST /replies"_s] = {-2};
        QVERIFY(!syncOnce(*c));
        QCOMPARE(*m_store->outboxSize(), 3); // nothing deleted without an acknowledgement
        QCOMPARE(m_server.eventOrder.size(), 3);
        QVERIFY(waitSynced(*c));
        QCOMPARE(*m_store->outboxSize(), 0);
        QCOMPARE(m_server.eventOrder.size(), 3);
        QCOMPARE(m_server.eventPosts, 2);
        QCOMPARE(m_server.replies.size(), 3);     // one reply per send...
        QCOMPARE(m_server.replyBodies.size(), 4); // ...though one was sent twice, with the same key
        QCOMPARE(m_server.replyBodies.at(0).value(u"idempotency_key"_s), m_server.replyBodies.at(1).value(u"idempotency_key"_s));
        for (const auto &e : sends) {
            auto d = m_store->replyDelivery(e.id);
            QCOMPARE((*d)->state, u"delivered"_s);
        }
    }

    void repliesAreDeliveredOnce()
    {
        const auto sends = record(2, FeedbackEvent::Kind::SentEdited, u"Edited reply"_s);
        record(2, FeedbackEvent::Kind::Rejected);
        auto c = client();
        QVERIFY(signIn(*c));
        SyncReport report;
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.replies, 2);
        QCOMPARE(m_server.replies.size(), 2);
        const QJsonObject body = m_server.replyBodies.first();
        QCOMPARE(body.value(u"idempotency_key"_s).toString(), sends.first().id);
        QCOMPARE(body.value(u"event_id"_s).toString(), sends.first().id);
        QCOMPARE(body.value(u"text"_s).toString(), u"Edited reply"_s);
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.replies, 0);
        QCOMPARE(m_server.replyBodies.size(), 2);
    }

    void claimConflictIsReportedToTheLoser()
    {
        const auto sends = record(1, FeedbackEvent::Kind::SentAsIs, u"Hello"_s);
        m_server.claims.insert(sends.first().ticketId, u"bob"_s);
        auto c = client();
        QVERIFY(signIn(*c));
        QSignalSpy conflict(c.get(), &SyncClient::claimConflict);
        SyncReport report;
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.conflicts, 1);
        QCOMPARE(conflict.size(), 1);
        QCOMPARE(conflict.first().at(0).toString(), sends.first().ticketId);
        QCOMPARE(conflict.first().at(1).toString(), u"bob"_s);
        auto d = m_store->replyDelivery(sends.first().id);
        QCOMPARE((*d)->state, u"conflict"_s);
        QCOMPARE((*d)->detail, u"bob"_s);
        QCOMPARE(*m_store->outboxSize(), 0); // the event itself still counts for learning
        QVERIFY(syncOnce(*c, &report));      // not retried
        QCOMPARE(m_server.log.count(u"POST /tickets/%1/replies"_s.arg(sends.first().ticketId)), 1);

        // An explicit claim: bob holds T-1, alice gets T-7.
        m_server.claims.insert(u"T-1"_s, u"bob"_s);
        QSignalSpy claimed(c.get(), &SyncClient::ticketClaimed);
        c->claim(u"T-1"_s);
        QTRY_COMPARE(conflict.size(), 2);
        c->claim(u"T-7"_s);
        QVERIFY(claimed.wait(5000));
        QCOMPARE(m_server.claims.value(u"T-7"_s), u"alice"_s);
    }

    void unauthorizedSignsOut()
    {
        record(2);
        auto c = client();
        QVERIFY(signIn(*c));
        m_server.tokens.clear(); // revoked on the server
        QSignalSpy out(c.get(), &SyncClient::signedOut);
        QSignalSpy failed(c.get(), &SyncClient::syncFailed);
        c->syncNow();
        QVERIFY(out.wait(5000));
        QVERIFY(!c->isSignedIn());
        QVERIFY(m_tokens.tokens().isEmpty());
        QCOMPARE(failed.last().at(1).toInt(), -1);
        QVERIFY(!c->retryPending());
        QCOMPARE(*m_store->outboxSize(), 2); // kept for the next sign-in
    }

    void logoutRevokesAndForgets()
    {
        auto c = client();
        QVERIFY(signIn(*c));
        const QString token = c->token();
        QSignalSpy out(c.get(), &SyncClient::signedOut);
        c->logout();
        QVERIFY(out.wait(5000));
        QVERIFY(!m_server.tokens.contains(token));
        QVERIFY(m_tokens.tokens().isEmpty());
        QVERIFY(!c->isSignedIn());
    }

    void aHangingServerTimesOutAndIsRetried()
    {
        record(1);
        SyncClient::Options o;
        o.requestTimeoutMs = 300;
        auto c = client(o);
        QVERIFY(signIn(*c));
        m_server.inject[u"GET /changes"_s] = {-1};
        QSignalSpy failed(c.get(), &SyncClient::syncFailed);
        QVERIFY(waitSynced(*c, 10000) || (c->syncNow(), waitSynced(*c, 10000)));
        QVERIFY(!failed.isEmpty());
        QVERIFY2(failed.first().first().toString().contains(u"did not answer"_s),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(*m_store->outboxSize(), 0);
    }

    void unreachableServerThenUp()
    {
        record(3);
        auto c = client();
        QVERIFY(signIn(*c));
        m_server.inject[u"POST /events"_s] = {0, 0, 0, 0};
        QSignalSpy failed(c.get(), &SyncClient::syncFailed);
        c->start();
        QCOMPARE(c->state(), SyncClient::State::Syncing);
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), SyncClient::State::Offline, 5000);
        QCOMPARE(*m_store->outboxSize(), 3);
        QVERIFY(waitSynced(*c, 10000));
        QCOMPARE(failed.size(), 4);
        QCOMPARE(*m_store->outboxSize(), 0);
        QCOMPARE(m_server.eventOrder.size(), 3);
    }

    void aFullLocalDiskStopsTheCycleAndResumesWithRoom()
    {
        record(2);
        auto c = client();
        QVERIFY(signIn(*c));
        QVERIFY(syncOnce(*c));
        // Lots of content to pull, and no room for it.
        QString big(20000, u'x');
        for (int i = 0; i < 30; ++i) {
            Ticket t = makeTicket(u"B-%1"_s.arg(i), u"Big %1"_s.arg(i));
            t.messages.first().body = big;
            m_server.addChange(u"ticket"_s, t.id, json::toJson(t));
        }
        const QString cursorBefore = *m_store->cursor(u"server"_s);
        record(1);
        auto pages = m_store->db().prepareOwned(u"PRAGMA page_count"_s);
        QVERIFY(pages && *(*pages)->next());
        const qint64 used = (*pages)->int64(0);
        QVERIFY(m_store->db().exec(u"PRAGMA max_page_count = %1"_s.arg(used + 2)));
        QSignalSpy failed(c.get(), &SyncClient::syncFailed);
        QVERIFY(!syncOnce(*c));
        QVERIFY2(failed.first().first().toString().contains(u"local store is full"_s),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(*m_store->cursor(u"server"_s), cursorBefore);
        QVERIFY(!m_store->ticket(u"B-0"_s)->has_value());
        QVERIFY(c->retryPending());
        QVERIFY(m_store->db().exec(u"PRAGMA max_page_count = 1073741823"_s));
        QVERIFY(waitSynced(*c));
        QCOMPARE(m_store->tickets()->size(), 30);
        QCOMPARE(*m_store->outboxSize(), 0);
        QCOMPARE(m_server.eventOrder.size(), 3);
        auto check = m_store->db().prepareOwned(u"PRAGMA integrity_check"_s);
        QVERIFY(check && *(*check)->next());
        QCOMPARE((*check)->text(0), u"ok"_s);
    }

    void aCallDuringACycleRunsAnotherAfterIt()
    {
        auto c = client();
        QVERIFY(signIn(*c));
        QSignalSpy done(c.get(), &SyncClient::syncFinished);
        c->syncNow();
        QVERIFY(c->isBusy());
        record(2); // the agent acts while the cycle runs
        c->scheduleSync(0);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 5000);
        QCOMPARE(*m_store->outboxSize(), 0);
    }

    void anotherServerStartsItsFeedFromTheBeginning()
    {
        m_server.addChange(u"ticket"_s, u"T-1"_s, json::toJson(makeTicket(u"T-1"_s, u"One"_s)));
        auto c = client();
        QVERIFY(signIn(*c));
        QVERIFY(syncOnce(*c));
        QCOMPARE(*m_store->cursor(u"server"_s), u"1"_s);
        SyncClient::Options o;
        o.intervalMs = 0;
        SyncClient other(*m_store, QUrl(u"http://other.invalid:8470"_s), o);
        other.setNetworkAccessManager(m_nam.get());
        QVERIFY(signIn(other));
        QVERIFY(syncOnce(other));
        const QStringList gets = m_server.log.filter(u"GET /changes"_s);
        QCOMPARE(gets.size(), 2);
        QCOMPARE(*m_store->cursor(u"server"_s), u"1"_s);
    }
};

QTEST_GUILESS_MAIN(TestSyncClient)
#include "tst_syncclient.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SyncClient and `understudyctl --server` against the real understudy-server on 127.0.0.1 (SQLite).
#include "DraftController.h"
#include "Engine.h"
#include "RealServer.h"
#include "Store.h"
#include "SyncClient.h"
#include "SyncTestUtil.h"
#include "TokenStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::store;
using namespace understudy::sync;
using namespace understudy::test;

namespace {

QByteArray ticketsJsonl(int n)
{
    QByteArray out;
    for (int i = 1; i <= n; ++i)
        out += QJsonDocument(json::toJson(makeTicket(u"T-%1"_s.arg(i), u"Question %1"_s.arg(i))))
                   .toJson(QJsonDocument::Compact) +
               '\n';
    return out;
}

QByteArray articlesJsonl(int n)
{
    QByteArray out;
    for (int i = 1; i <= n; ++i) {
        const Article a = makeArticle(u"kb-%1"_s.arg(i), u"Article %1"_s.arg(i));
        out += QJsonDocument(QJsonObject{{u"id"_s, a.id}, {u"title"_s, a.title}, {u"body"_s, a.body}})
                   .toJson(QJsonDocument::Compact) +
               '\n';
    }
    return out;
}

QString ctlPath()
{
    return qEnvironmentVariable("UNDERSTUDY_BINARY_DIR") + u"/src/cli/understudyctl"_s;
}

struct Ctl {
    int code = -1;
    QString out, err;
};

Ctl runCtl(const QStringList &args, const QByteArray &input = {}, const QStringList &env = {})
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
    for (const QString &kv : env)
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    p.setProcessEnvironment(e);
    p.start(ctlPath(), args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestSyncServer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<RealServer> m_server;

    std::unique_ptr<Store> newStore(QString *path = nullptr)
    {
        const QString p = m_dir.filePath(u"client%1.db"_s.arg(++m_n));
        if (path)
            *path = p;
        auto s = Store::open(p);
        if (!s)
            qFatal("cannot open a store: %s", qPrintable(s.error().toString()));
        return std::move(*s);
    }

    std::unique_ptr<SyncClient> client(Store &store, SyncClient::Options o = {})
    {
        o.intervalMs = 0;
        o.backoffBaseMs = 100;
        o.backoffCapMs = 500;
        return std::make_unique<SyncClient>(store, QUrl(m_server->url()), o);
    }

    bool signIn(SyncClient &c, const QString &user)
    {
        QSignalSpy in(&c, &SyncClient::loggedIn);
        c.login(user, u"password-"_s + user);
        return in.wait(10000);
    }

    bool syncOnce(SyncClient &c, SyncReport *report = nullptr, QString *failure = nullptr)
    {
        QSignalSpy done(&c, &SyncClient::syncFinished);
        QSignalSpy failed(&c, &SyncClient::syncFailed);
        c.syncNow();
        if (!QTest::qWaitFor([&] { return done.size() + failed.size() > 0; }, 60000))
            return false;
        if (report && !done.isEmpty())
            *report = done.first().first().value<SyncReport>();
        if (failure && !failed.isEmpty())
            *failure = failed.first().first().toString();
        return !done.isEmpty();
    }

    /// @brief Events the server holds (its event log), or how often it holds @p id.
    int heldEvents(const QString &id = {})
    {
        int n = 0;
        for (const QJsonObject &e : m_server->eventLog(m_server->token(u"lead"_s, u"password-lead"_s)))
            if (id.isEmpty() || e.value(u"id"_s).toString() == id)
                ++n;
        return n;
    }

    /// @brief Agent messages of a ticket on the server.
    QStringList agentMessages(const QString &ticket)
    {
        const Http h = httpRequest("GET", m_server->api() + u"/tickets/"_s + ticket, {},
                                   m_server->token(u"lead"_s, u"password-lead"_s));
        QStringList out;
        for (const QJsonValue &m : h.json.value(u"messages"_s).toArray())
            if (m.toObject().value(u"author"_s).toString() == u"agent"_s)
                out << m.toObject().value(u"body"_s).toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Registered only where CMake builds the server (and depends on it): missing is a broken build.
        QVERIFY2(!RealServer::executable().isEmpty(), "understudy-server is missing from the build");
        QVERIFY(QFileInfo(ctlPath()).isExecutable());
    }

    void init()
    {
        m_server = std::make_unique<RealServer>();
        QString error;
        for (const auto &[name, role] : {std::pair{u"alice"_s, u"agent"_s}, std::pair{u"bob"_s, u"agent"_s},
                                         std::pair{u"lead"_s, u"lead"_s}})
            QVERIFY2(m_server->addUser(name, u"password-"_s + name, role, &error), qPrintable(error));
        QVERIFY2(m_server->import(u"tickets"_s, ticketsJsonl(20), &error), qPrintable(error));
        QVERIFY2(m_server->import(u"kb"_s, articlesJsonl(5), &error), qPrintable(error));
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void cleanup() { m_server.reset(); }

    void loginAndPull()
    {
        // The backend under test is the one asked for (ctest's *_pg variant runs PostgreSQL).
        const Http health = httpRequest("GET", m_server->api() + u"/health"_s);
        QCOMPARE(health.json.value(u"database"_s).toString(),
                 qEnvironmentVariable("UNDERSTUDY_TEST_BACKEND") == u"postgresql"_s ? u"postgresql"_s : u"sqlite"_s);
        auto store = newStore();
        auto c = client(*store);
        MemoryTokenStore tokens;
        c->setTokenStore(&tokens);
        QSignalSpy failed(c.get(), &SyncClient::loginFailed);
        c->login(u"alice"_s, u"nope"_s);
        QVERIFY(failed.wait(10000));
        QVERIFY(!c->isSignedIn());
        QVERIFY(signIn(*c, u"alice"_s));
        QCOMPARE(tokens.tokens().size(), 1);
        SyncReport report;
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.tickets, 20);
        QCOMPARE(report.articles, 5);
        QCOMPARE(store->tickets()->size(), 20);
        QVERIFY(store->article(u"kb-3"_s)->has_value());
        const QString cursor = *store->cursor(u"server"_s);
        QVERIFY(cursor.toLongLong() >= 25);
        QCOMPARE(report.cursor, cursor);
        // Nothing new: the cursor stays, nothing is applied again.
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.tickets, 0);
        QCOMPARE(*store->cursor(u"server"_s), cursor);
        QCOMPARE(c->state(), SyncClient::State::Online);
    }

    void pushDeletesOutboxRowsOnlyAfterAck()
    {
        auto store = newStore();
        QList<FeedbackEvent> events;
        for (int i = 0; i < 1100; ++i) {
            events << makeEvent(i % 2 ? FeedbackEvent::Kind::Shown : FeedbackEvent::Kind::Rejected,
                                u"T-%1"_s.arg(i % 20 + 1));
            QVERIFY(store->recordEvent(events.last()));
        }
        auto c = client(*store);
        QVERIFY(signIn(*c, u"alice"_s));
        // First the server is down mid-way: nothing leaves the outbox.
        m_server->stop();
        QString failure;
        QVERIFY(!syncOnce(*c, nullptr, &failure));
        QVERIFY2(failure.contains(u"cannot reach"_s), qPrintable(failure));
        QCOMPARE(*store->outboxSize(), 1100);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        SyncReport report;
        QVERIFY(syncOnce(*c, &report, &failure) || syncOnce(*c, &report, &failure));
        QCOMPARE(*store->outboxSize(), 0);
        QCOMPARE(heldEvents(), 1100);
        // Shown and rejected events do not come back through the feed: they travel as the team's learned state.
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.events, 0);
        QCOMPARE(store->events()->size(), 1100);
        // Another agent's client gets what they taught: the server's fold, byte for byte the fold of the log.
        auto bobStore = newStore();
        auto bob = client(*bobStore);
        QVERIFY(signIn(*bob, u"bob"_s));
        QVERIFY(syncOnce(*bob, &report));
        QCOMPARE(report.events, 0);
        QVERIFY(report.learned > 0);
        QCOMPARE(*bobStore->outboxSize(), 0);
        engine::LearnedState fold;
        for (const FeedbackEvent &e : std::as_const(events))
            fold.apply(e);
        auto bobs = engine::Engine::learnedFrom(*bobStore);
        QVERIFY(bobs);
        QCOMPARE(bobs->eventsApplied(), 1100);
        QCOMPARE(bobs->hash(), fold.hash());
        auto alices = engine::Engine::learnedFrom(*store); // her outbox is empty: the server's state is hers
        QVERIFY(alices);
        QCOMPARE(alices->hash(), fold.hash());
    }

    void aPoisonEventIsSetAsideAndTheRestSync()
    {
        // Events the server refuses for good (a reason past its limit, a ticket id with a control character) sit
        // between good ones; batches of 4 put a refused one first, in the middle and last of a batch.
        auto store = newStore();
        QStringList good, poison;
        for (int i = 0; i < 10; ++i) {
            FeedbackEvent e = makeEvent(FeedbackEvent::Kind::Rejected, u"T-%1"_s.arg(i % 20 + 1));
            if (i == 2 || i == 4 || i == 7) {
                if (i == 4)
                    e.ticketId = u"T-1\nforged"_s;
                else
                    e.reason = u"other: "_s + QString(3000, u'x');
                poison << e.id;
            } else {
                good << e.id;
            }
            QVERIFY(store->recordEvent(e));
        }
        SyncClient::Options o;
        o.pushBatch = 4;
        auto c = client(*store, o);
        QVERIFY(signIn(*c, u"alice"_s));
        QSignalSpy setAside(c.get(), &SyncClient::eventSetAside);
        SyncReport report;
        QString failure;
        QVERIFY2(syncOnce(*c, &report, &failure), qPrintable(failure));
        QCOMPARE(report.pushed, int(good.size()));
        QCOMPARE(report.setAside, int(poison.size()));
        QCOMPARE(report.heldAside, qint64(poison.size()));
        QCOMPARE(report.outbox, 0);
        QCOMPARE(*store->outboxSize(), 0);
        for (const QString &id : std::as_const(good))
            QCOMPARE(heldEvents(id), 1);
        for (const QString &id : std::as_const(poison))
            QCOMPARE(heldEvents(id), 0);
        // Kept and visible: the event stays in the store's log, with the server's answer naming the field.
        QCOMPARE(setAside.size(), int(poison.size()));
        auto aside = store->setAsideEvents();
        QVERIFY(aside);
        QStringList asideIds;
        for (const Store::SetAsideEvent &a : std::as_const(*aside)) {
            asideIds << a.event.id;
            QCOMPARE(a.status, 400);
            QVERIFY2(a.detail.contains(u"].reason: "_s) || a.detail.contains(u"].ticket_id: "_s), qPrintable(a.detail));
        }
        asideIds.sort();
        poison.sort();
        QCOMPARE(asideIds, poison);
        QCOMPARE(store->events()->size(), 10);
        // A later cycle does not send them again.
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.pushed, 0);
        QCOMPARE(report.setAside, 0);
        QCOMPARE(report.heldAside, qint64(poison.size()));
    }

    void offlineThenServerComesUp()
    {
        m_server->stop();
        auto store = newStore();
        for (int i = 0; i < 30; ++i)
            QVERIFY(store->recordEvent(makeEvent(FeedbackEvent::Kind::Shown, u"T-1"_s)));
        auto c = client(*store);
        // A token from before the outage.
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QVERIFY(signIn(*c, u"alice"_s));
        m_server->stop();
        QSignalSpy failed(c.get(), &SyncClient::syncFailed);
        QSignalSpy done(c.get(), &SyncClient::syncFinished);
        c->start();
        QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 2, 10000);
        QCOMPARE(c->state(), SyncClient::State::Offline);
        QCOMPARE(*store->outboxSize(), 30);
        QVERIFY(failed.last().at(1).toInt() > 0);
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QVERIFY(done.wait(20000));
        QCOMPARE(*store->outboxSize(), 0);
        QCOMPARE(heldEvents(), 30);
        QCOMPARE(c->state(), SyncClient::State::Online);
    }

    void repliesAreDeliveredOnce()
    {
        auto store = newStore();
        const FeedbackEvent sent = makeEvent(FeedbackEvent::Kind::SentEdited, u"T-3"_s, u"Restart the router."_s);
        QVERIFY(store->recordEvent(sent));
        auto c = client(*store);
        QVERIFY(signIn(*c, u"alice"_s));
        SyncReport report;
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.replies, 1);
        QCOMPARE(agentMessages(u"T-3"_s), QStringList{u"Restart the router."_s});
        auto d = store->replyDelivery(sent.id);
        QCOMPARE((*d)->state, u"delivered"_s);
        QVERIFY(!(*d)->replyId.isEmpty());
        // As if the answer had been lost: the client sends the same reply again; the server keeps one.
        QVERIFY(store->db().exec(u"UPDATE reply_deliveries SET state = 'pending'"_s));
        QVERIFY(syncOnce(*c, &report));
        QCOMPARE(report.replies, 1);
        QCOMPARE(agentMessages(u"T-3"_s), QStringList{u"Restart the router."_s});
        QCOMPARE((*store->replyDelivery(sent.id))->replyId, (*d)->replyId);
        // The reply comes back in the feed as part of the ticket.
        QVERIFY(syncOnce(*c, &report));
        auto t = store->ticket(u"T-3"_s);
        QCOMPARE((*t)->lastAgentReply(), u"Restart the router."_s);
    }

    void aTeammatesCorrectionReachesTheOtherAgentsDrafts()
    {
        // Alice edits a draft for T-3 and sends it; her client pushes the event and the reply.
        auto aliceStore = newStore();
        auto alice = client(*aliceStore);
        QVERIFY(signIn(*alice, u"alice"_s));
        QVERIFY(syncOnce(*alice));
        FeedbackEvent sent = makeEvent(FeedbackEvent::Kind::SentEdited, u"T-3"_s,
                                       u"Open Settings, then Devices, and press Reset (Alice's correction)."_s);
        sent.edit = EditStats{20, 5, 0.6};
        QVERIFY(aliceStore->recordReply(sent));
        QVERIFY(syncOnce(*alice));

        // Bob syncs: Alice's event arrives, and with it her reply as an answer to T-3's question.
        auto bobStore = newStore();
        auto bob = client(*bobStore);
        QVERIFY(signIn(*bob, u"bob"_s));
        SyncReport report;
        QVERIFY(syncOnce(*bob, &report));
        auto answer = bobStore->answerByKey(u"event:"_s + sent.id);
        QVERIFY(answer && answer->has_value());
        QCOMPARE((*answer)->reply, sent.finalText);

        // Bob's engine drafts a near-duplicate of T-3 with Alice's corrected text.
        engine::Engine bobEngine(engine::EngineConfig{}, engine::EscalationRules::defaults());
        QVERIFY(bobEngine.load(*bobStore));
        Ticket similar = makeTicket(u"T-NEW"_s, u"Question 3"_s);
        auto d = bobEngine.draft(similar, *bobStore);
        QVERIFY2(d, d ? "" : qPrintable(d.error().message));
        QVERIFY2(d->text.contains(u"(Alice's correction)"_s), qPrintable(d->text));
    }

    // The scenario with Bob's client already running: his engine is loaded before Alice acts, and one sync
    // later (no restart) his drafts reflect her flags and her correction.
    void aTeammatesCorrectionReachesARunningClient()
    {
        auto bob = std::make_unique<app::DraftController>(newStore());
        auto bobSync = client(bob->store());
        QVERIFY(signIn(*bobSync, u"bob"_s));
        QVERIFY(syncOnce(*bobSync));
        QSignalSpy loaded(bob.get(), &app::DraftController::engineLoaded);
        bob->loadEngine(engine::EngineConfig{});
        QVERIFY(loaded.wait(30000));
        const Ticket similar = makeTicket(u"T-NEW"_s, u"Question 3"_s);
        auto before = bob->engine()->draft(similar, bob->store());
        QVERIFY(before && !before->sources.isEmpty());
        QVERIFY2(!before->text.contains(u"(Alice's correction)"_s), qPrintable(before->text));
        const Source cited = before->sources.first();
        QCOMPARE(bob->engine()->learnedState().reputation(cited.kind, cited.id), 0.5);

        // Alice flags three drafts built on that source, then edits one and sends it.
        auto aliceStore = newStore();
        auto alice = client(*aliceStore);
        QVERIFY(signIn(*alice, u"alice"_s));
        QVERIFY(syncOnce(*alice));
        for (int i = 0; i < 3; ++i) {
            FeedbackEvent flag = makeEvent(FeedbackEvent::Kind::Flagged, u"T-3"_s);
            flag.sources = {cited};
            QVERIFY(aliceStore->recordEvent(flag));
        }
        FeedbackEvent sent = makeEvent(FeedbackEvent::Kind::SentEdited, u"T-3"_s,
                                       u"Open Settings, then Devices, and press Reset (Alice's correction)."_s);
        sent.edit = EditStats{20, 5, 0.6};
        QVERIFY(aliceStore->recordReply(sent));
        QVERIFY(syncOnce(*alice));

        // Bob's client syncs and hands what came to its running engine, as SyncController::teamLearned does.
        SyncReport report;
        QVERIFY(syncOnce(*bobSync, &report));
        QVERIFY(report.learned > 0);
        QCOMPARE(report.answerKeys, QStringList{u"event:"_s + sent.id});
        bob->absorbTeamLearning(report.answerKeys);
        const engine::LearnedState team = bob->engine()->learnedState();
        QVERIFY(team.record(cited.kind, cited.id));
        QCOMPARE(team.record(cited.kind, cited.id)->flagged, 3);
        QVERIFY(team.reputation(cited.kind, cited.id) < 0.3);
        auto after = bob->engine()->draft(similar, bob->store());
        QVERIFY(after);
        QVERIFY2(after->text.contains(u"(Alice's correction)"_s), qPrintable(after->text));
    }

    void claimConflictForTheSecondAgent()
    {
        auto bobStore = newStore();
        auto bob = client(*bobStore);
        QVERIFY(signIn(*bob, u"bob"_s));
        QSignalSpy claimed(bob.get(), &SyncClient::ticketClaimed);
        bob->claim(u"T-5"_s);
        QVERIFY(claimed.wait(10000));

        auto store = newStore();
        const FeedbackEvent sent = makeEvent(FeedbackEvent::Kind::SentAsIs, u"T-5"_s, u"Alice's answer"_s);
        QVERIFY(store->recordEvent(sent));
        auto alice = client(*store);
        QVERIFY(signIn(*alice, u"alice"_s));
        QSignalSpy conflict(alice.get(), &SyncClient::claimConflict);
        SyncReport report;
        QVERIFY(syncOnce(*alice, &report));
        QCOMPARE(report.conflicts, 1);
        QCOMPARE(conflict.size(), 1);
        QCOMPARE(conflict.first().at(0).toString(), u"T-5"_s);
        QCOMPARE(conflict.first().at(1).toString(), u"bob"_s);
        QCOMPARE((*store->replyDelivery(sent.id))->state, u"conflict"_s);
        QVERIFY(agentMessages(u"T-5"_s).isEmpty());
        QCOMPARE(*store->outboxSize(), 0); // the event is the team's to learn from all the same
        // Alice's own claim is refused too, naming bob.
        alice->claim(u"T-5"_s);
        QTRY_COMPARE(conflict.size(), 2);
        QCOMPARE(conflict.last().at(1).toString(), u"bob"_s);
    }

    void revokedTokenSignsOut()
    {
        auto store = newStore();
        auto c = client(*store);
        MemoryTokenStore tokens;
        c->setTokenStore(&tokens);
        QVERIFY(signIn(*c, u"alice"_s));
        QCOMPARE(httpRequest("DELETE", m_server->api() + u"/session"_s, {}, c->token()).status, 204);
        QSignalSpy out(c.get(), &SyncClient::signedOut);
        c->syncNow();
        QVERIFY(out.wait(10000));
        QVERIFY(!c->isSignedIn());
        QVERIFY(tokens.tokens().isEmpty());
    }

    void fullClientDiskIsRetriedWithRoom()
    {
        auto store = newStore();
        auto c = client(*store);
        QVERIFY(signIn(*c, u"alice"_s));
        QVERIFY(store->recordEvent(makeEvent(FeedbackEvent::Kind::Shown, u"T-1"_s)));
        // Far more to pull than the store has room for.
        QByteArray big;
        for (int i = 0; i < 40; ++i) {
            Ticket t = makeTicket(u"BIG-%1"_s.arg(i), u"Long story %1"_s.arg(i));
            t.messages.first().body = QString(30000, u'x');
            big += QJsonDocument(json::toJson(t)).toJson(QJsonDocument::Compact) + '\n';
        }
        QString error;
        QVERIFY2(m_server->import(u"tickets"_s, big, &error), qPrintable(error));
        auto pages = store->db().prepareOwned(u"PRAGMA page_count"_s);
        QVERIFY(pages && *(*pages)->next());
        QVERIFY(store->db().exec(u"PRAGMA max_page_count = %1"_s.arg((*pages)->int64(0) + 1)));
        QString failure;
        QVERIFY(!syncOnce(*c, nullptr, &failure));
        QVERIFY2(failure.contains(u"local store is full"_s), qPrintable(failure));
        QVERIFY(store->cursor(u"server"_s)->isEmpty() || *store->cursor(u"server"_s) == u"0"_s);
        QVERIFY(store->db().exec(u"PRAGMA max_page_count = 1073741823"_s));
        QSignalSpy done(c.get(), &SyncClient::syncFinished);
        QVERIFY(done.wait(10000)); // the scheduled retry
        QCOMPARE(store->tickets()->size(), 60);
        QCOMPARE(*store->outboxSize(), 0);
        auto check = store->db().prepareOwned(u"PRAGMA integrity_check"_s);
        QVERIFY(check && *(*check)->next());
        QCOMPARE((*check)->text(0), u"ok"_s);
    }

    void ctlSyncLoginLogout()
    {
        QString path;
        {
            auto store = newStore(&path);
            QVERIFY(store->recordEvent(makeEvent(FeedbackEvent::Kind::SentAsIs, u"T-9"_s, u"From the CLI"_s)));
            QVERIFY(store->recordEvent(makeEvent(FeedbackEvent::Kind::Rejected, u"T-9"_s)));
        }
        const QStringList base{u"--db"_s, path, u"--server"_s, m_server->url()};
        Ctl r = runCtl(base + QStringList{u"sync"_s, u"--name"_s, u"alice"_s, u"--password-stdin"_s, u"--json"_s},
                       "password-alice\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject counts = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(counts.value(u"tickets"_s).toInt(), 20);
        QCOMPARE(counts.value(u"pushed"_s).toInt(), 2);
        QCOMPARE(counts.value(u"replies"_s).toInt(), 1);
        QCOMPARE(counts.value(u"outbox"_s).toInt(), 0);
        QCOMPARE(agentMessages(u"T-9"_s), QStringList{u"From the CLI"_s});

        // Plain text output; the token from the environment.
        const QString token = m_server->token(u"alice"_s, u"password-alice"_s);
        r = runCtl(base + QStringList{u"sync"_s, u"--name"_s, u"alice"_s}, {}, {u"UNDERSTUDY_TOKEN="_s + token});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"pushed 0 events"_s), qPrintable(r.out));

        // Errors: a wrong password, a dead token, a server that is down, no keyring for login.
        r = runCtl(base + QStringList{u"sync"_s, u"--name"_s, u"alice"_s, u"--password-stdin"_s}, "wrong\n");
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"wrong name or password"_s), qPrintable(r.err));
        r = runCtl(base + QStringList{u"sync"_s, u"--name"_s, u"alice"_s}, {}, {u"UNDERSTUDY_TOKEN=nope"_s});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"sign in again"_s), qPrintable(r.err));
        r = runCtl(base + QStringList{u"login"_s, u"--name"_s, u"alice"_s}, "password-alice\n");
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"no keyring is available"_s), qPrintable(r.err));
        m_server->stop();
        r = runCtl(base + QStringList{u"sync"_s, u"--name"_s, u"alice"_s}, {}, {u"UNDERSTUDY_TOKEN="_s + token});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"cannot reach"_s), qPrintable(r.err));
        r = runCtl(QStringList{u"--db"_s, path, u"--server"_s, u"ftp://x"_s, u"sync"_s});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"not an http"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestSyncServer)
#include "tst_sync_server.moc"

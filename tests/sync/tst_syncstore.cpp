// SPDX-License-Identifier: GPL-3.0-or-later
// The store's side of sync: pages applied with their cursor in one transaction, remote events kept out of the
// outbox, and the replies that committed sends owe the server.
#include "Migrations.h"
#include "Store.h"
#include "SyncTestUtil.h"

#include <QJsonDocument>

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::store;
using namespace understudy::test;

class TestSyncStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    int m_n = 0;

    qint64 count(const QString &sql)
    {
        auto q = m_store->db().prepareOwned(sql);
        if (!q)
            return -1;
        auto row = (*q)->next();
        return row && *row ? (*q)->int64(0) : -1;
    }

private Q_SLOTS:
    void init()
    {
        auto s = Store::open(m_dir.filePath(u"s%1.db"_s.arg(++m_n)));
        QVERIFY2(s, whyNot(s));
        m_store = std::move(*s);
    }

    void applyStoresEverythingAndTheCursor()
    {
        Store::RemoteChanges page;
        page.tickets << makeTicket(u"T-1"_s, u"Printer jam"_s) << makeTicket(u"T-2"_s, u"Refund"_s);
        page.articles << makeArticle(u"kb-1"_s, u"Reset password"_s);
        FeedbackEvent remote = makeEvent(FeedbackEvent::Kind::SentEdited, u"T-1"_s, u"Try turning it off"_s);
        remote.agent = u"bob"_s;
        page.events << remote;
        auto r = m_store->applyRemoteChanges(page, u"server"_s, u"17"_s);
        QVERIFY2(r, whyNot(r));
        QCOMPARE(r->tickets.added, 2);
        QCOMPARE(r->articles.added, 1);
        QCOMPARE(r->events, 1);
        QCOMPARE(*m_store->cursor(u"server"_s), u"17"_s);
        QVERIFY(m_store->ticket(u"T-2"_s)->has_value());
        QVERIFY(m_store->article(u"kb-1"_s)->has_value());
        // Another agent's send: held, marked synced, never pushed back and owing no reply.
        auto events = m_store->events(u"T-1"_s);
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().agent, u"bob"_s);
        QCOMPARE(*m_store->outboxSize(), 0);
        QCOMPARE(count(u"SELECT count(*) FROM feedback_events WHERE synced_at IS NOT NULL"_s), 1);
        QVERIFY(m_store->pendingReplies(10)->isEmpty());
        // The same page again changes nothing.
        auto again = m_store->applyRemoteChanges(page, u"server"_s, u"17"_s);
        QVERIFY2(again, whyNot(again));
        QCOMPARE(again->tickets.added, 0);
        QCOMPARE(again->events, 0);
    }

    void laterVersionInOnePageWins()
    {
        Store::RemoteChanges page;
        page.tickets << makeTicket(u"T-1"_s, u"old subject"_s) << makeTicket(u"T-1"_s, u"new subject"_s);
        QVERIFY(m_store->applyRemoteChanges(page, u"server"_s, u"2"_s));
        QCOMPARE((*m_store->ticket(u"T-1"_s))->subject, u"new subject"_s);
    }

    void ownEventComingBackIsNotDoubled()
    {
        const FeedbackEvent mine = makeEvent(FeedbackEvent::Kind::Rejected, u"T-1"_s);
        QVERIFY(m_store->recordEvent(mine));
        Store::RemoteChanges page;
        page.events << mine;
        auto r = m_store->applyRemoteChanges(page, u"server"_s, u"1"_s);
        QVERIFY2(r, whyNot(r));
        QCOMPARE(r->events, 0);
        QCOMPARE(m_store->events()->size(), 1);
        QCOMPARE(*m_store->outboxSize(), 1); // still waits for its own acknowledgement
    }

    void aFailingPageLeavesStoreAndCursorUntouched_data()
    {
        QTest::addColumn<int>("failAt");
        for (int n = 1; n <= 40; n += 3)
            QTest::addRow("step %d", n) << n;
    }

    void aFailingPageLeavesStoreAndCursorUntouched()
    {
        QFETCH(int, failAt);
        QVERIFY(m_store->setCursor(u"server"_s, u"5"_s));
        Store::RemoteChanges page;
        page.tickets << makeTicket(u"T-9"_s, u"Late delivery"_s);
        page.articles << makeArticle(u"kb-9"_s, u"Track a parcel"_s);
        page.events << makeEvent(FeedbackEvent::Kind::Shown, u"T-9"_s);
        m_store->db().failAfter(failAt, SQLITE_FULL);
        auto r = m_store->applyRemoteChanges(page, u"server"_s, u"9"_s);
        m_store->db().failAfter(0, 0);
        if (r) {
            QCOMPARE(*m_store->cursor(u"server"_s), u"9"_s); // the fault came after the commit
            return;
        }
        QCOMPARE(r.error().code, Error::Code::DiskFull);
        QVERIFY(!m_store->db().inTransaction());
        QCOMPARE(*m_store->cursor(u"server"_s), u"5"_s);
        QVERIFY(!m_store->ticket(u"T-9"_s)->has_value());
        QVERIFY(!m_store->article(u"kb-9"_s)->has_value());
        QCOMPARE(m_store->events()->size(), 0);
        // Retried once there is room, it goes through.
        auto retry = m_store->applyRemoteChanges(page, u"server"_s, u"9"_s);
        QVERIFY2(retry, whyNot(retry));
        QCOMPARE(*m_store->cursor(u"server"_s), u"9"_s);
    }

    void nestedTransactionRollsBackOnlyItself()
    {
        auto outer = m_store->db().transaction("outer");
        QVERIFY(outer.status());
        QVERIFY(m_store->setSetting(u"a"_s, u"1"_s));
        {
            auto inner = m_store->db().transaction("inner");
            QVERIFY(inner.status());
            QVERIFY(m_store->setSetting(u"b"_s, u"2"_s));
        } // not committed: rolled back to the savepoint
        {
            auto inner = m_store->db().transaction("inner 2");
            QVERIFY(m_store->setSetting(u"c"_s, u"3"_s));
            QVERIFY(inner.commit());
        }
        QVERIFY(m_store->db().inTransaction());
        QVERIFY(outer.commit());
        QCOMPARE(*m_store->setting(u"a"_s), u"1"_s);
        QCOMPARE(*m_store->setting(u"b"_s), QString());
        QCOMPARE(*m_store->setting(u"c"_s), u"3"_s);
    }

    void sendsOweOneReplyEach()
    {
        const FeedbackEvent sent = makeEvent(FeedbackEvent::Kind::SentAsIs, u"T-1"_s, u"Hello Ana"_s);
        const FeedbackEvent edited = makeEvent(FeedbackEvent::Kind::SentEdited, u"T-2"_s, u"Hi"_s);
        const FeedbackEvent noText = makeEvent(FeedbackEvent::Kind::SentAsIs, u"T-3"_s);
        const FeedbackEvent rejected = makeEvent(FeedbackEvent::Kind::Rejected, u"T-4"_s, u"not a send"_s);
        for (const auto &e : {sent, edited, noText, rejected})
            QVERIFY(m_store->recordEvent(e));
        QVERIFY(m_store->recordEvent(sent)); // recorded twice: still one reply
        auto pending = m_store->pendingReplies(10);
        QVERIFY2(pending, whyNot(pending));
        QCOMPARE(pending->size(), 2);
        QCOMPARE(pending->at(0).eventId, sent.id);
        QCOMPARE(pending->at(0).ticketId, u"T-1"_s);
        QCOMPARE(pending->at(0).text, u"Hello Ana"_s);
        QCOMPARE(pending->at(1).eventId, edited.id);
        // Acknowledging the event does not deliver the reply: they are separate promises.
        QVERIFY(m_store->acknowledge({sent.id, edited.id}));
        QCOMPARE(m_store->pendingReplies(10)->size(), 2);

        QVERIFY(m_store->noteReplyAttempt(sent.id));
        QVERIFY(m_store->markReplyDelivered(sent.id, u"r-1"_s));
        QVERIFY(m_store->markReplyRefused(edited.id, u"conflict"_s, u"bob"_s));
        QVERIFY(m_store->pendingReplies(10)->isEmpty());
        auto d = m_store->replyDelivery(sent.id);
        QVERIFY(d && d->has_value());
        QCOMPARE((*d)->state, u"delivered"_s);
        QCOMPARE((*d)->replyId, u"r-1"_s);
        QCOMPARE((*d)->attempts, 1);
        auto c = m_store->replyDelivery(edited.id);
        QCOMPARE((*c)->state, u"conflict"_s);
        QCOMPARE((*c)->detail, u"bob"_s);
        QVERIFY(!m_store->markReplyRefused(sent.id, u"whatever"_s, {}));
        QVERIFY(!m_store->replyDelivery(u"nope"_s)->has_value());
    }

    void migrationOwesRepliesForQueuedSends()
    {
        // A v3 store with a queued send (written before sync existed) owes its reply after the upgrade.
        const QString path = m_dir.filePath(u"v3.db"_s);
        const FeedbackEvent sent = makeEvent(FeedbackEvent::Kind::SentEdited, u"T-1"_s, u"Hello"_s);
        {
            auto db = Database::open(path);
            QVERIFY(db);
            QVERIFY(Migrations::migrate(**db, 3));
            auto ins = (*db)->prepare(u"INSERT INTO feedback_events (id, kind, agent, ticket_id, at, payload) "
                                      "VALUES (?1, 'sent_edited', 'alice', 'T-1', ?2, ?3)"_s);
            QVERIFY(ins);
            (*ins)->bind(1, sent.id).bind(2, json::formatTime(sent.at));
            (*ins)->bind(3, QString::fromUtf8(QJsonDocument(json::toJson(sent)).toJson(QJsonDocument::Compact)));
            QVERIFY((*ins)->exec());
            QVERIFY((*db)->exec(u"INSERT INTO outbox (event_id, created_at) VALUES ('%1', '2026-01-01T00:00:00Z')"_s
                                    .arg(sent.id)));
        }
        auto s = Store::open(path);
        QVERIFY2(s, whyNot(s));
        auto pending = (*s)->pendingReplies(10);
        QCOMPARE(pending->size(), 1);
        QCOMPARE(pending->first().text, u"Hello"_s);
    }
};

QTEST_GUILESS_MAIN(TestSyncStore)
#include "tst_syncstore.moc"

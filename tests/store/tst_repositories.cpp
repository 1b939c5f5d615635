// SPDX-License-Identifier: GPL-3.0-or-later
// The store's parts (issue 20, point 1): the shared row-collect helper, the repositories over one Database, the
// sync restart as one transaction of the store's, and the queue read over a second, read-only connection.
#include "QueueRepository.h"
#include "Rows.h"
#include "Store.h"
#include "StoreTestUtil.h"
#include "SyncStateRepository.h"

#include <understudy/Clock.h>

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::store;

namespace {

QList<Ticket> someTickets(int n)
{
    const QDateTime base(QDate(2026, 2, 1), QTime(9, 0), Qt::UTC);
    QList<Ticket> out;
    for (int i = 0; i < n; ++i) {
        Ticket t;
        t.id = u"R-%1"_s.arg(i, 3, 10, QLatin1Char('0'));
        t.subject = u"Subject %1"_s.arg(i);
        // Customers named against the order of the ids, so a customer sort differs from the default order.
        t.customer = Customer{u"c%1"_s.arg(i % 7), u"Customer %1"_s.arg(QChar(u'Z' - i % 7)), {}, u"pro"_s};
        t.status = i % 2 ? u"open"_s : u"resolved"_s;
        t.createdAt = base.addSecs(qint64(i) * 60);
        t.messages << Message{u"customer"_s, u"Question %1"_s.arg(i), t.createdAt};
        out << t;
    }
    return out;
}

QStringList idsOf(const Result<QList<QueueRow>> &page)
{
    QStringList out;
    if (!page)
        return {u"error: "_s + page.error().toString()};
    for (const QueueRow &r : *page)
        out << r.id;
    return out;
}

} // namespace

class TestRepositories : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<Store> newStore()
    {
        auto s = Store::open(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_n)));
        if (!s)
            qFatal("%s", qPrintable(s.error().toString()));
        return std::move(*s);
    }

private Q_SLOTS:
    void collectMapsEveryRowAndResets()
    {
        auto store = newStore();
        Database &db = store->db();
        QVERIFY(db.exec(u"CREATE TABLE n (v INTEGER); INSERT INTO n VALUES (1), (2), (3), (4)"_s));
        const QString sql = u"SELECT v FROM n WHERE v >= ?1 ORDER BY v"_s;
        auto q = db.prepare(sql);
        QVERIFY(q);
        (*q)->bind(1, 2);
        auto all = rows::collect(q, [](Statement &s) { return s.int64(0) * 10; });
        QVERIFY2(all, test::why(all));
        QCOMPARE(*all, (QList<qint64>{20, 30, 40}));
        // A limit stops early and still resets: the same cached statement runs again from the start.
        (*q)->bind(1, 1);
        auto two = rows::collect(
            q, [](Statement &s) { return s.int64(0); }, 2);
        QVERIFY(two);
        QCOMPARE(*two, (QList<qint64>{1, 2}));
        (*q)->bind(1, 4);
        auto one = rows::first(q, [](Statement &s) { return s.int64(0); });
        QVERIFY(one && *one);
        QCOMPARE(**one, 4);
        (*q)->bind(1, 9);
        auto none = rows::first(q, [](Statement &s) { return s.int64(0); });
        QVERIFY(none);
        QVERIFY(!none->has_value());
        // A mapper's error stops the walk and is the result; the statement is reset for the next use.
        (*q)->bind(1, 1);
        auto failed = rows::collect(q, [](Statement &s) -> Result<qint64> {
            if (s.int64(0) == 3)
                return Error::make(Error::Code::Parse, u"row 3 is unreadable"_s);
            return s.int64(0);
        });
        QVERIFY(!failed);
        QCOMPARE(failed.error().message, u"row 3 is unreadable"_s);
        QVERIFY(!db.inTransaction());
        (*q)->bind(1, 3);
        QCOMPARE(*rows::collect(q, [](Statement &s) { return s.int64(0); }), (QList<qint64>{3, 4}));
        // A statement that could not be prepared, and a step that fails, are errors, not empty lists.
        auto bad = rows::collect(db.prepare(u"SELECT nothing FROM nowhere"_s), [](Statement &s) { return s.int64(0); });
        QVERIFY(!bad);
        db.failAfter(1, SQLITE_IOERR);
        auto io = rows::scalar(db.prepare(u"SELECT count(*) FROM n"_s));
        QVERIFY(!io);
        QCOMPARE(*rows::scalar(db.prepare(u"SELECT count(*) FROM n"_s)), 4);
    }

    // SyncClient's step when pointed at another server: all of it or nothing, under a fault at every step.
    void restartSyncIsOneTransaction()
    {
        auto store = newStore();
        auto seed = [&] {
            QVERIFY(store->setCursor(u"server"_s, u"812"_s));
            QVERIFY(store->setSetting(u"sync.cursor_server"_s, u"https://old.example"_s));
            QVERIFY(store->syncStateRepository().putLearnedParts({{u"intent"_s, QJsonObject{{u"w"_s, 1}}}}));
        };
        seed();
        auto state = [&] {
            return QStringList{*store->cursor(u"server"_s), *store->setting(u"sync.cursor_server"_s),
                               QString::number(store->learnedParts()->size())};
        };
        const QStringList before{u"812"_s, u"https://old.example"_s, u"1"_s};
        QCOMPARE(state(), before);
        int failures = 0;
        for (int step = 1; step < 20; ++step) {
            store->db().failAfter(step, SQLITE_FULL);
            const Status s = store->restartSync(u"server"_s, u"sync.cursor_server"_s, u"https://new.example"_s);
            store->db().failAfter(0, 0);
            QVERIFY(!store->db().inTransaction());
            if (s)
                break;
            ++failures;
            QCOMPARE(s.error().code, Error::Code::DiskFull);
            QCOMPARE(state(), before); // nothing of it stayed
        }
        QVERIFY(failures >= 4); // BEGIN, three writes, COMMIT: each failed once
        QCOMPARE(state(), (QStringList{u"0"_s, u"https://new.example"_s, u"0"_s}));
    }

    // The queue over a connection of its own (how the client reads slow pages on a worker): the same pages as the
    // store's connection, and only what is committed.
    void queueOverAReadConnection()
    {
        auto store = newStore();
        QVERIFY(store->importTickets(someTickets(60), u"test"_s));
        Database::Options options;
        options.readOnly = true;
        options.wal = false;
        auto reader = Database::open(store->db().path(), options);
        QVERIFY2(reader, test::why(reader));
        QueueRepository queue(**reader);
        QueueQuery byCustomer;
        byCustomer.sort = QueueQuery::Sort::Customer;
        QVERIFY(QueueRepository::sortsEveryRow(byCustomer));
        QVERIFY(!QueueRepository::sortsEveryRow(QueueQuery{}));
        for (const QueueQuery &q : {QueueQuery{}, byCustomer}) {
            QCOMPARE(idsOf(queue.page(q, 0, 25)), idsOf(store->queuePage(q, 0, 25)));
            QCOMPARE(idsOf(queue.page(q, 25, 50)), idsOf(store->queuePage(q, 25, 50)));
            QCOMPARE(*queue.size(q), 60);
        }
        const QStringList first = idsOf(queue.page(byCustomer, 0, 3));
        QCOMPARE(first.first(), u"R-006"_s); // "Customer T", the lowest name, oldest first
        {
            auto tx = store->db().transaction("uncommitted");
            QVERIFY(tx.status());
            Ticket t = someTickets(1).first();
            t.id = u"A-000"_s;
            t.customer = Customer{u"a"_s, u"Aaron"_s, {}, u"free"_s};
            QVERIFY(store->importTickets({t}, u"test"_s));
            QCOMPARE(*store->queueSize(QueueQuery{}), 61);
            QCOMPARE(*queue.size(QueueQuery{}), 60); // not committed: the reader does not see it
            QCOMPARE(idsOf(queue.page(byCustomer, 0, 3)), first);
            QVERIFY(tx.commit());
        }
        QCOMPARE(*queue.size(QueueQuery{}), 61);
        QCOMPARE(idsOf(queue.page(byCustomer, 0, 1)), QStringList{u"A-000"_s});
        // Flags: a flagged draft's ticket, found among the ids asked for only.
        FeedbackEvent flag;
        flag.id = u"f-1"_s;
        flag.kind = FeedbackEvent::Kind::Flagged;
        flag.ticketId = u"R-003"_s;
        flag.at = Clock::now();
        QVERIFY(store->recordEvent(flag));
        QCOMPARE(*queue.flaggedAmong({u"R-001"_s, u"R-003"_s}), QSet<QString>{u"R-003"_s});
        QVERIFY(queue.flaggedAmong({u"R-001"_s})->isEmpty());
        QVERIFY(queue.flaggedAmong({})->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"

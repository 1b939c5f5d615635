// SPDX-License-Identifier: GPL-3.0-or-later
// The thin SQLite layer: typed binds, the statement cache, transactions, the fault hook, refusal of non-databases.
#include "Database.h"
#include "StoreTestUtil.h"
#include "TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <limits>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::store;

class TestDatabase : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString newPath() { return m_dir.filePath(u"db%1.sqlite"_s.arg(++m_files)); }

    std::unique_ptr<Database> openTable()
    {
        auto db = Database::open(newPath());
        if (!db)
            qFatal("cannot open: %s", qPrintable(db.error().toString()));
        if (auto s = (*db)->exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"_s); !s)
            qFatal("cannot create: %s", qPrintable(s.error().toString()));
        return std::move(*db);
    }

    static qint64 count(Database &db)
    {
        auto q = db.prepare(u"SELECT count(*) FROM t"_s);
        if (!q)
            return -1;
        auto r = (*q)->next();
        const qint64 n = r && *r ? (*q)->int64(0) : -1;
        (*q)->reset();
        return n;
    }

    static Status insert(Database &db, const QString &v)
    {
        auto q = db.prepare(u"INSERT INTO t (v) VALUES (?1)"_s);
        if (!q)
            return q.error();
        return (*q)->bind(1, v).exec();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void typedRoundTrip()
    {
        auto db = Database::open(newPath());
        QVERIFY2(db, test::why(db));
        Database &d = **db;
        QVERIFY(d.exec(u"CREATE TABLE v (t TEXT, b BLOB, i INTEGER, r REAL, n TEXT, o TEXT, e TEXT)"_s));

        const QString text = u"Grüße 👋🏽 — «ticket» ✓ 中文"_s;
        QByteArray blob;
        for (int i = 1; i < 256; ++i) // every byte value but NUL
            blob.append(char(i));
        blob += blob; // and a repeat, so it is not a mere prefix of itself
        const double real = -12345.678901234567;

        for (const qint64 value : {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), qint64(0),
                                   qint64(-1)}) {
            auto ins = d.prepare(u"INSERT INTO v VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"_s);
            QVERIFY(ins);
            (*ins)->bind(1, text).bind(2, blob).bind(3, value).bind(4, real).bindNull(5);
            (*ins)->bindOptional(6, QString()).bindOptional(7, u""_s);
            QVERIFY((*ins)->exec());

            auto sel = d.prepare(u"SELECT t, b, i, r, n, o, e, typeof(b), typeof(e) FROM v WHERE i = ?1"_s);
            QVERIFY(sel);
            (*sel)->bind(1, value);
            auto row = (*sel)->next();
            QVERIFY(row);
            QVERIFY(*row);
            Statement &s = **sel;
            QCOMPARE(s.text(0), text);
            QCOMPARE(s.blob(1), blob);
            QCOMPARE(s.int64(2), value);
            QCOMPARE(s.real(3), real);
            QVERIFY(s.isNull(4));
            QVERIFY(s.text(4).isNull());
            QVERIFY(s.isNull(5));   // a null QString binds as NULL...
            QVERIFY(!s.isNull(6));  // ...an empty one as ''
            QCOMPARE(s.text(6), u""_s);
            QCOMPARE(s.text(7), u"blob"_s);
            QCOMPARE(s.text(8), u"text"_s);
            QCOMPARE(s.columnCount(), 9);
            auto end = s.next();
            QVERIFY(end);
            QVERIFY(!*end);
            s.reset();
        }

        // int and bool overloads bind as integers; QStringView and char16_t literals as text.
        auto q = d.prepare(u"SELECT ?1, typeof(?1), ?2, ?3, ?4"_s);
        QVERIFY(q);
        (*q)->bind(1, 42).bind(2, true).bind(3, QStringView(u"view")).bind(4, u"literal");
        auto r = (*q)->next();
        QVERIFY(r && *r);
        QCOMPARE((*q)->int64(0), 42);
        QCOMPARE((*q)->text(1), u"integer"_s);
        QCOMPARE((*q)->int64(2), 1);
        QCOMPARE((*q)->text(3), u"view"_s);
        QCOMPARE((*q)->text(4), u"literal"_s);
        (*q)->reset();
    }

    void statementCache()
    {
        auto db = openTable();
        auto a = db->prepare(u"SELECT ?1 IS NULL, ?1"_s);
        QVERIFY(a);
        (*a)->bind(1, 7);
        auto r = (*a)->next();
        QVERIFY(r && *r);
        QCOMPARE((*a)->int64(0), 0);
        QCOMPARE((*a)->int64(1), 7);
        auto b = db->prepare(u"SELECT ?1 IS NULL, ?1"_s);
        QVERIFY(b);
        QCOMPARE(*b, *a); // the same prepared statement...
        // ...handed out reset, with its bindings cleared: ?1 is NULL now, not 7.
        r = (*b)->next();
        QVERIFY(r && *r);
        QCOMPARE((*b)->int64(0), 1);
        (*b)->reset();
        auto other = db->prepare(u"SELECT ?1 IS NULL"_s);
        QVERIFY(other);
        QVERIFY(*other != *a); // a different text is a different statement

        QVERIFY(insert(*db, u"one"_s));
        QVERIFY(insert(*db, u"two"_s)); // the cached INSERT, reused
        QCOMPARE(count(*db), 2);

        // A half-read statement is reset when handed out again.
        auto all = db->prepare(u"SELECT v FROM t ORDER BY id"_s);
        QVERIFY(all);
        r = (*all)->next();
        QVERIFY(r && *r);
        QCOMPARE((*all)->text(0), u"one"_s);
        all = db->prepare(u"SELECT v FROM t ORDER BY id"_s);
        r = (*all)->next();
        QVERIFY(r && *r);
        QCOMPARE((*all)->text(0), u"one"_s);
        (*all)->reset();

        // prepareOwned gives a separate statement that the cache does not reset.
        auto own = db->prepareOwned(u"SELECT v FROM t ORDER BY id"_s);
        QVERIFY(own);
        QVERIFY(own->get() != *all);

        // A syntax error is an error, not a crash, and is not cached.
        auto bad = db->prepare(u"SELEKT 1"_s);
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains(u"syntax error"_s), qPrintable(bad.error().message));
    }

    void transactionRollsBackOnDestruction()
    {
        auto db = openTable();
        QVERIFY(insert(*db, u"before"_s));
        {
            auto tx = db->transaction("test rollback");
            QVERIFY(tx.status());
            QVERIFY(db->inTransaction());
            QVERIFY(insert(*db, u"a"_s));
            QVERIFY(insert(*db, u"b"_s));
            QCOMPARE(count(*db), 3);
        }
        QVERIFY(!db->inTransaction());
        QCOMPARE(count(*db), 1);

        // A moved-from transaction does not roll back twice; the moved-to one still does.
        {
            auto tx = db->transaction("outer");
            QVERIFY(insert(*db, u"c"_s));
            auto moved = std::move(tx);
            QVERIFY(db->inTransaction());
        }
        QCOMPARE(count(*db), 1);
    }

    void transactionCommits()
    {
        auto db = openTable();
        const QString path = db->path();
        {
            auto tx = db->transaction("test commit");
            QVERIFY(insert(*db, u"a"_s));
            QVERIFY(insert(*db, u"b"_s));
            QVERIFY(tx.commit());
            QVERIFY(!db->inTransaction());
            auto again = tx.commit();
            QVERIFY(!again); // finished is finished
        }
        QCOMPARE(count(*db), 2);
        db.reset();
        // Durable: a new connection sees it.
        auto reopened = Database::open(path);
        QVERIFY(reopened);
        QCOMPARE(count(**reopened), 2);

        // A transaction opened inside another is a savepoint: its commit keeps its work inside the outer one,
        // dropping it undoes only its own work, and nothing is durable before the outer commit.
        {
            auto tx = (*reopened)->transaction("outer");
            QVERIFY(tx.status());
            QVERIFY(insert(**reopened, u"outer"_s));
            {
                auto inner = (*reopened)->transaction("inner kept");
                QVERIFY(inner.status());
                QVERIFY(insert(**reopened, u"inner kept"_s));
                QVERIFY(inner.commit());
            }
            {
                auto inner = (*reopened)->transaction("inner dropped");
                QVERIFY(inner.status());
                QVERIFY(insert(**reopened, u"inner dropped"_s));
            }
            QVERIFY((*reopened)->inTransaction());
            QCOMPARE(count(**reopened), 4);
        } // the outer one is dropped: all of it goes
        QVERIFY(!(*reopened)->inTransaction());
        QCOMPARE(count(**reopened), 2);
    }

    void diskFullFault()
    {
        auto db = openTable();
        QVERIFY(insert(*db, u"kept"_s));
        const qint64 before = count(*db);
        {
            auto tx = db->transaction("fault");
            QVERIFY(tx.status());
            db->failAfter(3, SQLITE_FULL);
            QVERIFY(insert(*db, u"x"_s)); // step 1
            QVERIFY(insert(*db, u"y"_s)); // step 2
            auto s = insert(*db, u"z"_s); // step 3 fails
            QVERIFY(!s);
            QCOMPARE(s.error().code, Error::Code::DiskFull);
            QVERIFY2(s.error().message.contains(u"disk is full"_s), qPrintable(s.error().message));
            QCOMPARE(s.error().file, db->path());
            QVERIFY(s.error().toString().startsWith(db->path()));
            // The hook fires once: the next statement works again.
            QVERIFY(insert(*db, u"w"_s));
        }
        QCOMPARE(count(*db), before);

        // The fault hook also covers exec() (so BEGIN and COMMIT), and a failed COMMIT rolls back.
        {
            auto tx = db->transaction("fault at commit");
            QVERIFY(insert(*db, u"x"_s));
            db->failAfter(1, SQLITE_FULL);
            auto s = tx.commit();
            QVERIFY(!s);
            QCOMPARE(s.error().code, Error::Code::DiskFull);
        }
        QCOMPARE(count(*db), before);
        db->failAfter(1, SQLITE_FULL);
        auto tx = db->transaction("fault at begin");
        QVERIFY(!tx.status());
        QCOMPARE(tx.status().error().code, Error::Code::DiskFull);
        QVERIFY(!db->inTransaction());

        // Other codes map to their own error codes, with SQLite's words for them.
        db->failAfter(1, SQLITE_BUSY);
        auto busy = insert(*db, u"x"_s);
        QVERIFY(!busy);
        QCOMPARE(busy.error().code, Error::Code::Busy);
        QVERIFY2(busy.error().message.contains(u"locked"_s), qPrintable(busy.error().message));

        // failAfter(0) disables a pending fault.
        db->failAfter(2, SQLITE_FULL);
        db->failAfter(0, SQLITE_FULL);
        QVERIFY(insert(*db, u"a"_s));
        QVERIFY(insert(*db, u"b"_s));
        QCOMPARE(count(*db), before + 2);
    }

    void realDiskFull()
    {
        // Not the hook: SQLite itself runs out of room (max_page_count stands in for the disk).
        auto db = openTable();
        QVERIFY(insert(*db, u"kept"_s));
        const qint64 pages = test::scalar(*db, u"PRAGMA page_count"_s);
        QVERIFY(db->exec(u"PRAGMA max_page_count = %1"_s.arg(pages + 4)));
        {
            auto tx = db->transaction("fill");
            Status s = ok();
            for (int i = 0; i < 100 && s; ++i)
                s = insert(*db, QString(4000, QLatin1Char('x')));
            QVERIFY(!s);
            QCOMPARE(s.error().code, Error::Code::DiskFull);
            QVERIFY2(s.error().message.contains(u"disk is full"_s), qPrintable(s.error().message));
        }
        QCOMPARE(count(*db), 1);
        QCOMPARE(test::rows(*db, u"SELECT v FROM t"_s), QStringList{u"kept"_s});
    }

    void realErrorsAreValues()
    {
        auto db = openTable();
        QVERIFY(db->exec(u"CREATE TABLE u (k TEXT PRIMARY KEY)"_s));
        auto q = db->prepare(u"INSERT INTO u (k) VALUES (?1)"_s);
        QVERIFY(q);
        QVERIFY((*q)->bind(1, u"k"_s).exec());
        auto dup = (*q)->bind(1, u"k"_s).exec();
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, Error::Code::Constraint);
        QVERIFY2(dup.error().message.contains(u"UNIQUE"_s), qPrintable(dup.error().message));
        // The statement was reset by the failure and works again.
        QVERIFY((*q)->bind(1, u"other"_s).exec());
        auto bad = db->exec(u"INSERT INTO nowhere VALUES (1)"_s);
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains(u"no such table"_s), qPrintable(bad.error().message));
    }

    void refusesNonDatabase()
    {
        const QString path = m_dir.filePath(u"notes.txt"_s);
        QByteArray junk = "These are my notes, not a database.\n";
        while (junk.size() < 4096)
            junk += junk;
        test::writeFile(path, junk);
        auto db = Database::open(path);
        QVERIFY(!db);
        QCOMPARE(db.error().code, Error::Code::Invalid);
        QCOMPARE(db.error().file, path);
        QVERIFY2(db.error().message.contains(u"not an Understudy database"_s), qPrintable(db.error().message));
        QVERIFY2(db.error().message.contains(u"not a database"_s), qPrintable(db.error().message));
        // ...and it was left exactly as it was.
        QCOMPARE(test::readFile(path), junk);
        QVERIFY(!QFile::exists(path + u"-wal"_s));

        auto missing = Database::open(m_dir.filePath(u"no/such/folder/db.sqlite"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Error::Code::Io);
        QVERIFY2(missing.error().message.contains(u"cannot open"_s), qPrintable(missing.error().message));
    }

    void walMode()
    {
        auto db = openTable();
        auto q = db->prepare(u"PRAGMA journal_mode"_s);
        QVERIFY(q);
        auto r = (*q)->next();
        QVERIFY(r && *r);
        QCOMPARE((*q)->text(0), u"wal"_s);
        (*q)->reset();
        auto fk = db->prepare(u"PRAGMA foreign_keys"_s);
        QVERIFY(fk);
        r = (*fk)->next();
        QVERIFY(r && *r);
        QCOMPARE((*fk)->int64(0), 1);
        (*fk)->reset();

        // Without WAL the file keeps its journal mode (how Store looks at a file before touching it).
        Database::Options options;
        options.wal = false;
        auto plain = Database::open(newPath(), options);
        QVERIFY(plain);
        auto m = (*plain)->prepare(u"PRAGMA journal_mode"_s);
        r = (*m)->next();
        QVERIFY(r && *r);
        QCOMPARE((*m)->text(0), u"delete"_s);
        (*m)->reset();
    }

    void userVersionAndReadOnly()
    {
        auto db = openTable();
        const QString path = db->path();
        QCOMPARE(db->userVersion(), 0);
        QVERIFY(db->setUserVersion(7));
        QCOMPARE(db->userVersion(), 7);
        QVERIFY(insert(*db, u"x"_s));
        QCOMPARE(db->changes(), 1);
        db.reset();

        Database::Options options;
        options.readOnly = true;
        auto ro = Database::open(path, options);
        QVERIFY2(ro, test::why(ro));
        QCOMPARE((*ro)->userVersion(), 7);
        QCOMPARE(count(**ro), 1);
        auto w = insert(**ro, u"y"_s);
        QVERIFY(!w);
        QCOMPARE(w.error().code, Error::Code::Io);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"

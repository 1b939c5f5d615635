// SPDX-License-Identifier: GPL-3.0-or-later
// --skip-invalid: every ticket format leaves out the records it cannot read, naming each, and the rest is imported
// in one transaction; without it one bad record fails the file.
#include "ImporterTestUtil.h"
#include "Importers.h"
#include "Store.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

class TestSkipInvalid : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QStringList m_skipped;

    // Options that collect what a lenient read leaves out.
    TicketReadOptions lenient()
    {
        m_skipped.clear();
        TicketReadOptions o;
        o.skipInvalid = [this](const Error &e) { m_skipped << e.toString(); };
        return o;
    }

    QString write(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        test::writeFile(path, data);
        return path;
    }

private Q_SLOTS:
    void tsvFile();
    void jsonlFile();
    void labelledPairs();
    void zendeskTickets();
    void nothingLeftIsAnError();
    void importIsOneTransaction();
};

void TestSkipInvalid::tsvFile()
{
    const QString path = test::dataPath(u"tickets/dirty.tsv"_s);
    TicketReadOptions strict;
    strict.csv.labelColumn = u"label"_s;
    auto r = readTickets(path, strict);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), path + u":3: column \"text\" is empty"_s);

    TicketReadOptions o = lenient();
    o.csv.labelColumn = u"label"_s;
    r = readTickets(path, o);
    QVERIFY_OK(r);
    QCOMPARE(test::idsOf(*r), (QStringList{u"dirty-1"_s, u"dirty-4"_s, u"dirty-7"_s}));
    QCOMPARE(m_skipped,
             (QStringList{path + u":3: column \"text\" is empty"_s, path + u":4: column \"text\" is empty"_s,
                          path + u":6: the row has 1 fields, the header has 2"_s, path + u":7: empty row"_s}));
}

void TestSkipInvalid::jsonlFile()
{
    const QString path = write(u"t.jsonl"_s, "{\"id\":\"A\",\"text\":\"fine\"}\n"
                                             "{\"id\":\"B\",\"text\":\"broken\"\n"
                                             "\n"
                                             "[1,2]\n"
                                             "{\"id\":\"C\",\"messages\":[{\"author\":\"robot\",\"body\":\"x\"}]}\n"
                                             "{\"id\":\"A\",\"text\":\"again\"}\n"
                                             "{\"id\":\"D\",\"text\":\"also fine\"}\n");
    auto strict = readTickets(path, {});
    QVERIFY(!strict.ok());
    QCOMPARE(strict.error().line, 2);

    auto r = readTickets(path, lenient());
    QVERIFY_OK(r);
    QCOMPARE(test::idsOf(*r), (QStringList{u"A"_s, u"D"_s}));
    QCOMPARE(r->at(0).messages[0].body, u"fine"_s);
    QCOMPARE(m_skipped.size(), 4);
    const QStringList lines{u":2: invalid JSON"_s, u":4: expected a JSON object"_s, u":5: "_s,
                            u":6: duplicate id \"A\" (first on line 1)"_s};
    for (qsizetype i = 0; i < lines.size(); ++i)
        QVERIFY2(m_skipped[i].startsWith(path + lines[i]), qPrintable(m_skipped[i]));
    QVERIFY(m_skipped[2].contains(u"author"_s));
}

void TestSkipInvalid::labelledPairs()
{
    const QString path =
        write(u"pairs.json"_s, "{\"train\":[[\"what is my balance\",\"balance\"],[\"  \",\"balance\"],[\"freeze it\"],"
                               "[\"freeze my card\",\"freeze_account\"]],\"test\":[[\"balance please\",\"balance\"]]}");
    TicketReadOptions strict;
    strict.splits = QStringList{u"train"_s};
    auto r = readTickets(path, strict);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), path + u":2: record 2 of \"train\": the text is empty"_s);

    TicketReadOptions o = lenient();
    o.splits = QStringList{u"train"_s, u"test"_s};
    r = readTickets(path, o);
    QVERIFY_OK(r);
    QCOMPARE(test::idsOf(*r), (QStringList{u"train-1"_s, u"train-4"_s, u"test-1"_s}));
    QCOMPARE(m_skipped, (QStringList{path + u":2: record 2 of \"train\": the text is empty"_s,
                                     path + u":3: record 3 of \"train\": must be a [text, label] pair of strings"_s}));
}

void TestSkipInvalid::zendeskTickets()
{
    const QString path = write(u"zd.json"_s, "{\"tickets\":[7,{\"id\":101,\"subject\":\"Sync broken\",\"description\":"
                                             "\"The app stopped syncing.\",\"status\":\"closed\"}]}");
    QVERIFY(!readTickets(path, {}).ok());
    auto r = readTickets(path, lenient());
    QVERIFY_OK(r);
    QCOMPARE(test::idsOf(*r), QStringList{u"ZD-101"_s});
    QCOMPARE(m_skipped, QStringList{path + u":1: record 1: must be an object"_s});
}

void TestSkipInvalid::nothingLeftIsAnError()
{
    const QString path = write(u"empty-texts.csv"_s, "text,label\n ,a\n,b\n");
    auto r = readTickets(path, lenient());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), path + u": no ticket could be read: all 2 records were skipped"_s);
    QCOMPARE(m_skipped.size(), 2);
}

void TestSkipInvalid::importIsOneTransaction()
{
    TicketReadOptions o = lenient();
    o.csv.labelColumn = u"label"_s;
    auto tickets = readTickets(test::dataPath(u"tickets/dirty.tsv"_s), o);
    QVERIFY_OK(tickets);
    QCOMPARE(tickets->size(), 3);

    auto store = store::Store::open(m_dir.filePath(u"skip.db"_s));
    QVERIFY_OK(store);
    auto base = readTickets(test::dataPath(u"tickets/tickets.jsonl"_s), {});
    QVERIFY_OK(base);
    QVERIFY_OK((*store)->importTickets(*base, u"base"_s));
    auto before = (*store)->counts();
    QVERIFY_OK(before);

    // A failure at any statement of the import leaves the store as it was: none of the rows that were read stays.
    int failures = 0;
    for (int n = 1; n < 200; ++n) {
        (*store)->db().failAfter(n, SQLITE_FULL);
        auto report = (*store)->importTickets(*tickets, u"dirty"_s);
        (*store)->db().failAfter(0, 0);
        if (report.ok())
            break;
        ++failures;
        auto now = (*store)->counts();
        QVERIFY_OK(now);
        QVERIFY2(now->tickets == before->tickets && now->messages == before->messages &&
                     now->answers == before->answers,
                 qPrintable(u"failing at statement %1 left %2 tickets"_s.arg(n).arg(now->tickets)));
    }
    QVERIFY(failures > 3);
    auto after = (*store)->counts();
    QVERIFY_OK(after);
    QCOMPARE(after->tickets, before->tickets + 3);
}

QTEST_GUILESS_MAIN(TestSkipInvalid)
#include "tst_skipinvalid.moc"

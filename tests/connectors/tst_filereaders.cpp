// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"
#include "TestSupport.h"

#include <understudy/Json.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

class TestFileReaders : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knowledgeFolderRecursiveAndSorted();
    void knowledgeSingleFiles();
    void knowledgeSkipsHiddenAndOtherFiles();
    void knowledgeJsonArrayOfArticles();
    void knowledgeErrors();
    void ticketsDispatch();
    void ticketErrors();
    void macros();
};

void TestFileReaders::knowledgeFolderRecursiveAndSorted()
{
    auto r = readKnowledge({test::dataPath(u"kb"_s)});
    QVERIFY_OK(r);
    // articles.jsonl, kb-alpha.md, sub/kb-beta.html, zendesk/hc.json — README.txt is skipped.
    QCOMPARE(test::idsOf(*r), (QStringList{u"kb-gamma"_s, u"kb-delta"_s, u"kb-alpha"_s, u"kb-beta"_s, u"zd-900"_s}));
    const Article &alpha = r->at(2);
    QCOMPARE(alpha.title, u"Alpha feature"_s);
    QCOMPARE(alpha.tags, (QStringList{u"alpha"_s, u"basics"_s}));
    QCOMPARE(alpha.body, u"Alpha explains the basics.\n\n## Turn it on\n1. Open **Settings**.\n2. Switch on Alpha."_s);
    const Article &beta = r->at(3);
    QCOMPARE(beta.title, u"Beta & you"_s);
    QCOMPARE(beta.tags, QStringList{u"beta"_s});
    QCOMPARE(beta.body, u"# Beta & you\n\nBeta is in preview."_s);
    QCOMPARE(r->at(4).url, u"https://help.example/900"_s);
    QCOMPARE(json::formatTime(r->at(0).updatedAt), u"2026-04-02T00:00:00Z"_s);
}

void TestFileReaders::knowledgeSingleFiles()
{
    auto r = readKnowledge({test::dataPath(u"kb/zendesk/hc.json"_s), test::dataPath(u"kb/kb-alpha.md"_s)});
    QVERIFY_OK(r);
    QCOMPARE(test::idsOf(*r), (QStringList{u"zd-900"_s, u"kb-alpha"_s}));
}

void TestFileReaders::knowledgeSkipsHiddenAndOtherFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::writeFile(dir.filePath(u"b.md"_s), "# B\nb\n");
    test::writeFile(dir.filePath(u"A.MD"_s), "# A\na\n");
    test::writeFile(dir.filePath(u".git/x.md"_s), "# hidden\n");
    test::writeFile(dir.filePath(u".draft.md"_s), "# hidden\n");
    test::writeFile(dir.filePath(u"notes.docx"_s), "\x50\x4B\x03\x04 binary");
    test::writeFile(dir.filePath(u"img/logo.png"_s), "\x89PNG");
    auto r = readKnowledge({dir.path()});
    QVERIFY_OK(r);
    QCOMPARE(test::idsOf(*r), (QStringList{u"A"_s, u"b"_s}));
}

void TestFileReaders::knowledgeJsonArrayOfArticles()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"list.json"_s);
    test::writeFile(path, R"([{"id":"a","title":"A"},{"id":"b","title":"B","body":"x"}])");
    auto r = readKnowledge({path});
    QVERIFY_OK(r);
    QCOMPARE(test::idsOf(*r), (QStringList{u"a"_s, u"b"_s}));

    test::writeFile(path, R"([{"id":"a","title":"A"},{"id":"b"}])");
    auto bad = readKnowledge({path});
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().toString(), path + u":2: record 2: field \"title\": is required"_s);
}

void TestFileReaders::knowledgeErrors()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(u"one/kb-x.md"_s);
    const QString b = dir.filePath(u"two/x.jsonl"_s);
    test::writeFile(a, "# X\nfirst\n");
    test::writeFile(b, "{\"id\":\"kb-x\",\"title\":\"X again\"}\n");
    auto dup = readKnowledge({dir.path()});
    QVERIFY(!dup.ok());
    QCOMPARE(dup.error().toString(), b + u": duplicate article id \"kb-x\" (also in "_s + a + u')');

    const QString broken = dir.filePath(u"three/bad.md"_s);
    QFile::remove(b);
    test::writeFile(broken, "---\ntitle: T\nstatus: nope\n---\n");
    auto invalid = readKnowledge({dir.path()});
    QVERIFY(!invalid.ok());
    QCOMPARE(invalid.error().file, broken);
    QCOMPARE(invalid.error().line, 3);

    auto missing = readKnowledge({dir.filePath(u"nope"_s)});
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, Error::Code::NotFound);
    QCOMPARE(missing.error().toString(), dir.filePath(u"nope"_s) + u": no such file or folder"_s);

    auto unsupported = readKnowledge({test::dataPath(u"kb/README.txt"_s)});
    QVERIFY(!unsupported.ok());
    QVERIFY(unsupported.error().toString().contains(u"unsupported knowledge file type"_s));

    QVERIFY(!readKnowledge({}).ok());
}

void TestFileReaders::ticketsDispatch()
{
    TicketReadOptions options;
    auto jsonl = readTickets(test::dataPath(u"tickets/tickets.jsonl"_s), options);
    QVERIFY_OK(jsonl);
    QCOMPARE(jsonl->size(), 2);
    QCOMPARE(jsonl->at(0).id, u"T-1"_s);
    QCOMPARE(jsonl->at(0).intent, u"account-locked"_s);
    QCOMPARE(jsonl->at(1).customer.tier, u"free"_s);

    options.csv.labelColumn = u"category"_s;
    auto csv = readTickets(test::dataPath(u"tickets/tickets.csv"_s), options);
    QVERIFY_OK(csv);
    QCOMPARE(csv->size(), 2);
    QCOMPARE(csv->at(1).id, u"tickets-2"_s);
    QCOMPARE(csv->at(1).messages[0].body, u"declined, again"_s);
    QCOMPARE(csv->at(1).intent, u"declined_card_payment"_s);

    auto zendesk = readTickets(test::dataPath(u"tickets/zendesk.json"_s), options);
    QVERIFY_OK(zendesk);
    QCOMPARE(zendesk->size(), 1);
    QCOMPARE(zendesk->at(0).id, u"ZD-101"_s);
    QCOMPARE(zendesk->at(0).status, u"resolved"_s);
    QCOMPARE(zendesk->at(0).lastAgentReply(), u"Please sign out and in again."_s);

    auto tsv = readTickets(test::dataPath(u"tickets/tickets.tsv"_s), options);
    QVERIFY_OK(tsv);
    QCOMPARE(tsv->size(), 1);
    QCOMPARE(tsv->at(0).messages[0].body, u"hi"_s);
    QCOMPARE(tsv->at(0).intent, u"greet"_s);

    TicketReadOptions hint3;
    hint3.csv.textColumn = u"sentence"_s;
    hint3.csv.labelColumn = u"label"_s;
    hint3.csv.idColumn = u"id"_s;
    auto labelledTsv = readTickets(test::dataPath(u"tickets/labelled.tsv"_s), hint3);
    QVERIFY_OK(labelledTsv);
    QCOMPARE(labelledTsv->size(), 5);
    QCOMPARE(labelledTsv->at(1).id, u"h2"_s);
    QCOMPARE(labelledTsv->at(1).messages[0].body, u"card declined\ttwice"_s);
    QCOMPARE(labelledTsv->at(2).messages[0].body, u"two\nlines"_s);
    QCOMPARE(labelledTsv->at(3).messages[0].body, u"He said \"hi\""_s);
    QCOMPARE(labelledTsv->at(4).messages[0].body, u"\"Hello\" he said"_s);
    QCOMPARE(labelledTsv->at(4).intent, u"greet"_s);

    options.splits = QStringList{u"test"_s, u"train"_s};
    auto pairs = readTickets(test::dataPath(u"tickets/pairs.json"_s), options);
    QVERIFY_OK(pairs);
    QCOMPARE(pairs->size(), 3);
    QCOMPARE(pairs->at(0).id, u"test-1"_s);
    QCOMPARE(pairs->at(2).id, u"train-2"_s);
    QCOMPARE(pairs->at(2).intent, u"freeze_account"_s);
}

void TestFileReaders::ticketErrors()
{
    TicketReadOptions options;
    auto noSplits = readTickets(test::dataPath(u"tickets/pairs.json"_s), options);
    QVERIFY(!noSplits.ok());
    QCOMPARE(noSplits.error().toString(), test::dataPath(u"tickets/pairs.json"_s) +
                                              u": choose the splits to read; the file has \"test\", \"train\""_s);

    auto txt = readTickets(test::dataPath(u"kb/README.txt"_s), options);
    QVERIFY(!txt.ok());
    QCOMPARE(txt.error().toString(), test::dataPath(u"kb/README.txt"_s) +
                                         u": unsupported ticket file type (expected .jsonl, .csv, .tsv or .json)"_s);

    auto folder = readTickets(test::dataPath(u"tickets"_s), options);
    QVERIFY(!folder.ok());
    QCOMPARE(folder.error().code, Error::Code::Invalid);

    auto missing = readTickets(test::dataPath(u"tickets/none.jsonl"_s), options);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, Error::Code::NotFound);

    options.csv.labelColumn = u"intent"_s;
    auto column = readTickets(test::dataPath(u"tickets/tickets.csv"_s), options);
    QVERIFY(!column.ok());
    QCOMPARE(column.error().toString(),
             test::dataPath(u"tickets/tickets.csv"_s) +
                 u":1: no column \"intent\" for the label (the header has: text, category)"_s);
}

void TestFileReaders::macros()
{
    auto r = readMacros(test::dataPath(u"macros.json"_s));
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 1);
    QCOMPARE(r->at(0).title, u"Greeting"_s);
    QVERIFY(!readMacros(test::dataPath(u"missing.json"_s)).ok());
}

QTEST_GUILESS_MAIN(TestFileReaders)
#include "tst_filereaders.moc"

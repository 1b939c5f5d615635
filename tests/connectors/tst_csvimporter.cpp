// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

namespace {

CsvMapping labelled(const QString &label = u"category"_s)
{
    CsvMapping m;
    m.labelColumn = label;
    return m;
}

} // namespace

class TestCsvImporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void banking77Shape();
    void quotingRules();
    void crlfBomAndTrailingNewlines();
    void idSubjectAndStatusColumns();
    void columnsMatchIgnoringCase();
    void duplicateIdsNameBothLines();
    void errors_data();
    void errors();
    void tsvWithNamedColumns();
    void tsvQuotes();
    void tsvStaysLinearOnStrayQuotes();
    void skipInvalidRows();
    void skipInvalidRecoversAfterABadQuote();
};

void TestCsvImporter::banking77Shape()
{
    const QByteArray data = "text,category\n"
                            "I am still waiting on my card?,card_arrival\n"
                            "What can I do if my card still hasn't arrived after 2 weeks?,card_arrival\n"
                            "\"My card was declined, why?\",declined_card_payment\n";
    auto r = parseTicketsCsv(data, u"/data/banking77/train.csv"_s, labelled());
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 3);
    const Ticket &t = r->at(0);
    QCOMPARE(t.id, u"train-1"_s);
    QCOMPARE(t.messages.size(), 1);
    QCOMPARE(t.messages[0].author, u"customer"_s);
    QCOMPARE(t.messages[0].body, u"I am still waiting on my card?"_s);
    QCOMPARE(t.intent, u"card_arrival"_s);
    QCOMPARE(t.status, u"resolved"_s);
    QVERIFY(t.subject.isEmpty());
    QCOMPARE(r->at(2).id, u"train-3"_s);
    QCOMPARE(r->at(2).messages[0].body, u"My card was declined, why?"_s);
    QCOMPARE(r->at(2).intent, u"declined_card_payment"_s);
}

void TestCsvImporter::quotingRules()
{
    const QByteArray data = "id,text,label\n"
                            "a,\"She said \"\"hi\"\"\",greet\n"
                            "b,\"two\nlines, one field\",multi\n"
                            "c,un\"quoted\" quote,literal\n"
                            "d,\"\",empty_is_error_only_for_text\n";
    CsvMapping m = labelled(u"label"_s);
    m.idColumn = u"id"_s;
    auto r = parseTicketsCsv(data.first(data.lastIndexOf("d,")), u"q.csv"_s, m);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 3);
    QCOMPARE(r->at(0).messages[0].body, u"She said \"hi\""_s);
    QCOMPARE(r->at(1).messages[0].body, u"two\nlines, one field"_s);
    QCOMPARE(r->at(1).intent, u"multi"_s);
    QCOMPARE(r->at(2).messages[0].body, u"un\"quoted\" quote"_s);

    // The embedded newline moves the line count on: row "d" starts on line 6.
    auto bad = parseTicketsCsv(data, u"q.csv"_s, m);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().toString(), u"q.csv:6: column \"text\" is empty"_s);
}

void TestCsvImporter::crlfBomAndTrailingNewlines()
{
    const QByteArray data = "\xEF\xBB\xBFtext,category\r\n\"multi\r\nline\",x\r\nplain,y\r\n\r\n\r\n";
    auto r = parseTicketsCsv(data, u"w.csv"_s, labelled());
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 2);
    QCOMPARE(r->at(0).messages[0].body, u"multi\nline"_s);
    QCOMPARE(r->at(1).messages[0].body, u"plain"_s);
    QCOMPARE(r->at(1).intent, u"y"_s);
    QCOMPARE(r->at(1).id, u"w-2"_s);
}

void TestCsvImporter::idSubjectAndStatusColumns()
{
    const QByteArray data = "ticket_id,subject,body,intent,extra\n"
                            "T-1, Login ,Cannot sign in,reset-password,\n"
                            "T-2,Invoice,Where is my invoice,download-invoice,z\n";
    CsvMapping m;
    m.textColumn = u"body"_s;
    m.labelColumn = u"intent"_s;
    m.idColumn = u"ticket_id"_s;
    m.subjectColumn = u"subject"_s;
    m.statusValue = u"open"_s;
    auto r = parseTicketsCsv(data, u"t.csv"_s, m);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 2);
    QCOMPARE(r->at(0).id, u"T-1"_s);
    QCOMPARE(r->at(0).subject, u"Login"_s);
    QCOMPARE(r->at(0).status, u"open"_s);
    QCOMPARE(r->at(1).intent, u"download-invoice"_s);
}

void TestCsvImporter::columnsMatchIgnoringCase()
{
    auto r = parseTicketsCsv("Text , Category\nhello,greet\n", u"c.csv"_s, labelled());
    QVERIFY_OK(r);
    QCOMPARE(r->at(0).intent, u"greet"_s);
}

void TestCsvImporter::duplicateIdsNameBothLines()
{
    CsvMapping m;
    m.idColumn = u"id"_s;
    auto r = parseTicketsCsv("id,text\n1,a\n2,\"b\nb\"\n1,c\n", u"d.csv"_s, m);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), u"d.csv:5: duplicate id \"1\" (first on line 2)"_s);
    QCOMPARE(r.error().line, 5);

    auto empty = parseTicketsCsv("id,text\n ,a\n", u"d.csv"_s, m);
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().toString(), u"d.csv:2: column \"id\" is empty"_s);
}

void TestCsvImporter::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("error");
    const QString cat = u"category"_s;
    QTest::newRow("missing label column")
        << QByteArray("text,intent\nhi,x\n") << cat
        << u"b.csv:1: no column \"category\" for the label (the header has: text, intent)"_s;
    QTest::newRow("missing text column")
        << QByteArray("query,category\nhi,x\n") << cat
        << u"b.csv:1: no column \"text\" for the text (the header has: query, category)"_s;
    QTest::newRow("empty file") << QByteArray("") << cat << u"b.csv:1: the file is empty; a header row is required"_s;
    QTest::newRow("only a BOM") << QByteArray("\xEF\xBB\xBF\r\n") << cat
                                << u"b.csv:1: the file is empty; a header row is required"_s;
    QTest::newRow("blank header") << QByteArray("\ntext,category\n") << cat << u"b.csv:1: the header row is empty"_s;
    QTest::newRow("too few fields") << QByteArray("text,category\na,b\nc\n") << cat
                                    << u"b.csv:3: the row has 1 fields, the header has 2"_s;
    QTest::newRow("too many fields") << QByteArray("text,category\na,b,c\n") << cat
                                     << u"b.csv:2: the row has 3 fields, the header has 2"_s;
    QTest::newRow("blank row in the middle")
        << QByteArray("text,category\na,b\n\nc,d\n") << cat << u"b.csv:3: empty row"_s;
    QTest::newRow("unclosed quote") << QByteArray("text,category\na,b\n\"never\nclosed,x\n") << cat
                                    << u"b.csv:3: a quoted field starting on this line is never closed"_s;
    QTest::newRow("text after closing quote")
        << QByteArray("text,category\n\"a\"b,c\n") << cat
        << u"b.csv:2: unexpected \"b\" after a closing quote (write \"\" for a quote inside a quoted field)"_s;
    QTest::newRow("empty text") << QByteArray("text,category\n  ,b\n") << cat << u"b.csv:2: column \"text\" is empty"_s;
    QTest::newRow("invalid utf-8") << QByteArray("text,category\nna\xEFve,b\n") << cat
                                   << u"b.csv:2: invalid UTF-8 (byte 0xef at column 3); save the file as UTF-8"_s;
}

void TestCsvImporter::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, label);
    QFETCH(QString, error);
    auto r = parseTicketsCsv(data, u"b.csv"_s, labelled(label));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), error);
}

void TestCsvImporter::tsvWithNamedColumns()
{
    // HINT3-style columns, named on the command line.
    CsvMapping m;
    m.textColumn = u"sentence"_s;
    m.labelColumn = u"label"_s;
    auto r = parseTicketsTsv("sentence\tlabel\nhow do I reset my password\treset_password\nhi, there\tgreet\n",
                             u"/data/hint3/train.tsv"_s, m);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 2);
    QCOMPARE(r->at(0).id, u"train-1"_s);
    QCOMPARE(r->at(0).messages[0].body, u"how do I reset my password"_s);
    QCOMPARE(r->at(0).intent, u"reset_password"_s);
    QCOMPARE(r->at(1).messages[0].body, u"hi, there"_s); // a comma is text in TSV
    QCOMPARE(r->at(1).status, u"resolved"_s);

    auto missing = parseTicketsTsv("sentence\tlabel\nhi\tgreet\n", u"h.tsv"_s, labelled(u"label"_s));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().toString(),
             u"h.tsv:1: no column \"text\" for the text (the header has: sentence, label)"_s);
}

void TestCsvImporter::tsvQuotes()
{
    const QByteArray data = "id\ttext\tlabel\n"
                            "a\t\"tab\tinside\"\tx\n"
                            "b\t\"two\nlines\"\ty\n"
                            "c\t\"He said \"\"hi\"\"\"\tz\n"
                            "d\t\"Hello\" he said\tw\n"
                            "e\t\"never closed\tv\n";
    CsvMapping m = labelled(u"label"_s);
    m.idColumn = u"id"_s;
    auto r = parseTicketsTsv(data, u"q.tsv"_s, m);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 5);
    QCOMPARE(r->at(0).messages[0].body, u"tab\tinside"_s);
    QCOMPARE(r->at(1).messages[0].body, u"two\nlines"_s);
    QCOMPARE(r->at(1).intent, u"y"_s);
    QCOMPARE(r->at(2).messages[0].body, u"He said \"hi\""_s);
    // Plain TSV has no quoting: a quote that opens no well-formed quoted field is text.
    QCOMPARE(r->at(3).messages[0].body, u"\"Hello\" he said"_s);
    QCOMPARE(r->at(3).intent, u"w"_s);
    QCOMPARE(r->at(4).messages[0].body, u"\"never closed"_s);
    QCOMPARE(r->at(4).intent, u"v"_s);

    // Errors name the line the record starts on, after the embedded newline.
    auto bad = parseTicketsTsv(data + "f\t \tu\n", u"q.tsv"_s, m);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().toString(), u"q.tsv:8: column \"text\" is empty"_s);
}

void TestCsvImporter::tsvStaysLinearOnStrayQuotes()
{
    // Every row opens a quote that is never closed well: each is read once, not rescanned to the end of the file.
    QByteArray data = "text\tlabel\n";
    const int rows = 100000;
    for (int i = 0; i < rows; ++i)
        data += "\"open quote number " + QByteArray::number(i) + "\tx\n";
    QElapsedTimer timer;
    timer.start();
    auto r = parseTicketsTsv(data, u"s.tsv"_s, labelled(u"label"_s));
    QVERIFY_OK(r);
    QCOMPARE(r->size(), rows);
    QCOMPARE(r->last().messages[0].body, u"\"open quote number %1"_s.arg(rows - 1));
    QVERIFY2(timer.elapsed() < 10000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
}

void TestCsvImporter::skipInvalidRows()
{
    const QByteArray data = "text\tlabel\n"
                            "where is my refund\trefund\n"
                            "  \trefund\n"
                            "how do I close my account\tclose_account\n"
                            "lonely field\n"
                            "\n"
                            "last one\trefund\n";
    // Strict by default: the first bad row fails the file, naming it.
    auto strict = parseTicketsTsv(data, u"d.tsv"_s, labelled(u"label"_s));
    QVERIFY(!strict.ok());
    QCOMPARE(strict.error().toString(), u"d.tsv:3: column \"text\" is empty"_s);

    QStringList skipped;
    auto r = parseTicketsTsv(data, u"d.tsv"_s, labelled(u"label"_s), [&](const Error &e) { skipped << e.toString(); });
    QVERIFY_OK(r);
    QCOMPARE(skipped, (QStringList{u"d.tsv:3: column \"text\" is empty"_s,
                                   u"d.tsv:5: the row has 1 fields, the header has 2"_s, u"d.tsv:6: empty row"_s}));
    QCOMPARE(r->size(), 3);
    // Ids stay those of the rows' places, so a fixed file re-imports onto the same tickets.
    QCOMPARE(r->at(1).id, u"d-3"_s);
    QCOMPARE(r->at(2).id, u"d-6"_s);
    QCOMPARE(r->at(2).messages[0].body, u"last one"_s);

    // A duplicate id is skipped too; the first one stays.
    CsvMapping m;
    m.idColumn = u"id"_s;
    skipped.clear();
    auto dup =
        parseTicketsCsv("id,text\n1,a\n1,b\n2,c\n", u"i.csv"_s, m, [&](const Error &e) { skipped << e.toString(); });
    QVERIFY_OK(dup);
    QCOMPARE(dup->size(), 2);
    QCOMPARE(dup->at(0).messages[0].body, u"a"_s);
    QCOMPARE(skipped, QStringList{u"i.csv:3: duplicate id \"1\" (first on line 2)"_s});

    // What is wrong with the whole file still fails it.
    auto header = parseTicketsTsv("query\tlabel\nhi\tx\n", u"d.tsv"_s, labelled(u"label"_s), [](const Error &) {});
    QVERIFY(!header.ok());
    QVERIFY(header.error().toString().contains(u"the header has: query, label"_s));
}

void TestCsvImporter::skipInvalidRecoversAfterABadQuote()
{
    const QByteArray data = "text,category\n\"a\"b,c\nfine,x\n\"also\nfine\",y\n";
    QStringList skipped;
    auto r = parseTicketsCsv(data, u"b.csv"_s, labelled(), [&](const Error &e) { skipped << e.toString(); });
    QVERIFY_OK(r);
    QCOMPARE(skipped,
             QStringList{
                 u"b.csv:2: unexpected \"b\" after a closing quote (write \"\" for a quote inside a quoted field)"_s});
    QCOMPARE(r->size(), 2);
    QCOMPARE(r->at(0).messages[0].body, u"fine"_s);
    QCOMPARE(r->at(1).messages[0].body, u"also\nfine"_s);

    // A quote never closed swallows the rest of the file: no row after it can be trusted, so it stays an error.
    auto unclosed =
        parseTicketsCsv("text,category\nfine,x\n\"never\nclosed,x\n", u"b.csv"_s, labelled(), [](const Error &) {});
    QVERIFY(!unclosed.ok());
    QCOMPARE(unclosed.error().toString(), u"b.csv:3: a quoted field starting on this line is never closed"_s);
}

QTEST_GUILESS_MAIN(TestCsvImporter)
#include "tst_csvimporter.moc"

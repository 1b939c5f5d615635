// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

namespace {

// Every parser on the same bytes; returns how many accepted them. Crashes, hangs and sanitizer
// reports are what this is looking for.
int parseWithAll(const QByteArray &data)
{
    const QString name = u"input"_s;
    CsvMapping mapping;
    mapping.labelColumn = u"label"_s;
    int accepted = 0;
    accepted += parseMarkdownArticle(data, name).ok();
    accepted += parseHtmlArticle(data, name).ok();
    accepted += parseArticlesJsonl(data, name).ok();
    accepted += parseZendeskArticles(data, name).ok();
    accepted += parseMacros(data, name).ok();
    accepted += parseTicketsJsonl(data, name).ok();
    accepted += parseTicketsCsv(data, name, mapping).ok();
    accepted += parseTicketsTsv(data, name, mapping).ok();
    accepted += parseZendeskTickets(data, name).ok();
    accepted += parseLabelledPairsJson(data, name, {u"train"_s}).ok();
    // The lenient reads go on past bad records, so they walk paths the strict ones stop before.
    qsizetype skipped = 0;
    const SkipHandler skip = [&skipped](const Error &) { ++skipped; };
    accepted += parseTicketsJsonl(data, name, skip).ok();
    accepted += parseTicketsCsv(data, name, mapping, skip).ok();
    accepted += parseTicketsTsv(data, name, mapping, skip).ok();
    accepted += parseZendeskTickets(data, name, skip).ok();
    accepted += parseLabelledPairsJson(data, name, {u"train"_s}, skip).ok();
    Q_UNUSED(htmlToMarkdown(QString::fromUtf8(data)));
    return accepted;
}

QByteArray repeated(const QByteArray &unit, qsizetype totalBytes)
{
    return unit.repeated(totalBytes / unit.size());
}

} // namespace

class TestImporterRobustness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pathologicalInputsStayLinear_data();
    void pathologicalInputsStayLinear();
    void deepNestingIsRefused();
    void hugeLineIsFine();
    void randomBytes();
    void fuzzCorpusReplays();
};

void TestImporterRobustness::pathologicalInputsStayLinear_data()
{
    QTest::addColumn<QByteArray>("data");
    const qsizetype size = 2 * 1024 * 1024;
    QTest::newRow("open brackets") << repeated("[", size);
    QTest::newRow("open objects") << repeated("{\"a\":", size);
    QTest::newRow("quotes") << repeated("\"", size);
    QTest::newRow("quote comma") << repeated(",\"", size);
    QTest::newRow("csv newlines") << "text,label\n" + repeated("a,b\n", size);
    QTest::newRow("text after closing quotes") << "text,label\n" + repeated("\"a\"b,c\n", size);
    QTest::newRow("tab quotes") << "text\tlabel\n" + repeated("\t\"", size);
    QTest::newRow("tsv quotes closed late") << "text\tlabel\n" + repeated("\"a\tb\n", size / 2) + "\"";
    QTest::newRow("tsv quotes closed badly") << "text\tlabel\n" + repeated("\"a\"b\t\"c\n", size);
    QTest::newRow("lone <") << repeated("<", size);
    QTest::newRow("unterminated tags") << repeated("<a ", size);
    QTest::newRow("unterminated attributes") << repeated("<a href='", size);
    QTest::newRow("unterminated comments") << repeated("<!--", size);
    QTest::newRow("nested lists") << repeated("<ul><li>", size);
    QTest::newRow("open links") << repeated("<a href=x>y", size);
    QTest::newRow("headings") << repeated("<h1>", size);
    QTest::newRow("script openers") << repeated("<script>", size);
    QTest::newRow("entities") << repeated("&#", size);
    QTest::newRow("long entity") << "&#" + repeated("9", size);
    QTest::newRow("yaml list") << "---\ntags:\n" + repeated("- a\n", size);
    QTest::newRow("front matter never closed") << "---\n" + repeated("k: v\n", size);
    QTest::newRow("blank lines") << repeated("\n", size);
    QTest::newRow("carriage returns") << repeated("\r", size);
    QTest::newRow("jsonl records") << repeated("{\"id\":\"x\",\"text\":\"y\"}\n", size);
}

void TestImporterRobustness::pathologicalInputsStayLinear()
{
    QFETCH(QByteArray, data);
    QElapsedTimer timer;
    timer.start();
    parseWithAll(data);
    // Seventeen parses of 2 MiB each; a quadratic path would take minutes.
    QVERIFY2(timer.elapsed() < 20000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
}

void TestImporterRobustness::deepNestingIsRefused()
{
    QByteArray deep = "{\"tickets\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}";
    auto r = parseZendeskTickets(deep, u"deep.json"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), u"deep.json:1: JSON nested deeper than 64 levels (column 75)"_s);

    QByteArray ok = "{\"train\":[[\"a\",\"b\"]],\"x\":" + QByteArray(60, '[') + QByteArray(60, ']') + "}";
    QVERIFY(parseLabelledPairsJson(ok, u"ok.json"_s, {u"train"_s}).ok());
}

void TestImporterRobustness::hugeLineIsFine()
{
    const QByteArray body(8 * 1024 * 1024, 'x');
    auto r = parseTicketsJsonl("{\"id\":\"big\",\"text\":\"" + body + "\"}\n", u"big.jsonl"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->first().messages.first().body.size(), body.size());
    auto csv = parseTicketsCsv("text\n\"" + body + "\"\n", u"big.csv"_s, {});
    QVERIFY_OK(csv);
}

void TestImporterRobustness::randomBytes()
{
    QRandomGenerator rng(20261123);
    for (int i = 0; i < 300; ++i) {
        QByteArray data(qsizetype(rng.bounded(1, 4096)), Qt::Uninitialized);
        for (char &c : data)
            c = char(rng.bounded(256));
        if (i % 3 == 0) // mostly-ASCII input reaches deeper into the parsers
            for (char &c : data)
                c = "<>/=\"'&#;[]{}:,\n -abc\\"[rng.bounded(21)];
        parseWithAll(data);
    }
}

void TestImporterRobustness::fuzzCorpusReplays()
{
    // The fuzzers' seeds and any crash reproducers kept beside them.
    const QString corpus = test::sourceDir() + u"/tests/fuzz/corpus"_s;
    QDirIterator it(corpus, QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        parseWithAll(test::readFile(it.next()));
        ++files;
    }
    QVERIFY2(files > 0, qPrintable(corpus + u" holds no file (the corpus is committed)"_s));
}

QTEST_GUILESS_MAIN(TestImporterRobustness)
#include "tst_importerrobustness.moc"

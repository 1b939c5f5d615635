// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

namespace {

const QByteArray kClincLike = R"({
    "oos_val": [["set a warning for low balance", "oos"]],
    "train": [["what is my balance", "balance"], ["  transfer $50 to mom ", "transfer"], ["how do i say hi in french", "translate"]],
    "oos_train": [["how many onions do i have", "oos"]],
    "meta": {"version": 1}
})";

} // namespace

class TestLabelledPairs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void picksSplitsInOrder();
    void bareArrayAndObjects();
    void duplicateSplitReadOnce();
    void errors_data();
    void errors();
};

void TestLabelledPairs::picksSplitsInOrder()
{
    auto r = parseLabelledPairsJson(kClincLike, u"data_full.json"_s, {u"train"_s, u"oos_train"_s});
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 4);
    QCOMPARE(r->at(0).id, u"train-1"_s);
    QCOMPARE(r->at(0).messages.size(), 1);
    QCOMPARE(r->at(0).messages[0].author, u"customer"_s);
    QCOMPARE(r->at(0).messages[0].body, u"what is my balance"_s);
    QCOMPARE(r->at(0).intent, u"balance"_s);
    QCOMPARE(r->at(0).status, u"resolved"_s);
    QCOMPARE(r->at(1).messages[0].body, u"transfer $50 to mom"_s);
    QCOMPARE(r->at(2).id, u"train-3"_s);
    QCOMPARE(r->at(3).id, u"oos_train-1"_s);
    QCOMPARE(r->at(3).intent, u"oos"_s);
}

void TestLabelledPairs::bareArrayAndObjects()
{
    auto r = parseLabelledPairsJson(
        R"([["hi", "greet"], {"text": "bye", "label": "farewell"}, {"text": "refund?", "intent": "refund"}])",
        u"dir/pairs.json"_s, {});
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 3);
    QCOMPARE(r->at(0).id, u"pairs-1"_s);
    QCOMPARE(r->at(1).intent, u"farewell"_s);
    QCOMPARE(r->at(2).id, u"pairs-3"_s);
    QCOMPARE(r->at(2).intent, u"refund"_s);
}

void TestLabelledPairs::duplicateSplitReadOnce()
{
    auto r = parseLabelledPairsJson(kClincLike, u"d.json"_s, {u"train"_s, u"train"_s});
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 3);
}

void TestLabelledPairs::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("splits");
    QTest::addColumn<QString>("error");
    QTest::newRow("no splits chosen")
        << kClincLike << QStringList{}
        << u"d.json: choose the splits to read; the file has \"oos_train\", \"oos_val\", \"train\""_s;
    QTest::newRow("unknown split")
        << kClincLike << QStringList{u"train"_s, u"test"_s}
        << u"d.json: no split \"test\"; the file has \"oos_train\", \"oos_val\", \"train\""_s;
    QTest::newRow("not a pair") << QByteArray(R"({"train": [["a", "b"], ["c"]]})") << QStringList{u"train"_s}
                                << u"d.json:2: record 2 of \"train\": must be a [text, label] pair of strings"_s;
    QTest::newRow("label not a string")
        << QByteArray(R"({"train": [["a", 3]]})") << QStringList{u"train"_s}
        << u"d.json:1: record 1 of \"train\": must be a [text, label] pair of strings"_s;
    QTest::newRow("empty text") << QByteArray(R"([["a", "x"], ["b", "y"], [" ", "z"]])") << QStringList{}
                                << u"d.json:3: record 3: the text is empty"_s;
    QTest::newRow("object without arrays")
        << QByteArray(R"({"a": 1})") << QStringList{u"a"_s}
        << u"d.json: expected an object of arrays of [text, label] pairs, or an array of pairs"_s;
    QTest::newRow("broken json") << QByteArray("{\"train\": [[\"a\", \"b\"],\n  [\"c\" \"d\"]]}")
                                 << QStringList{u"train"_s}
                                 << u"d.json:2: invalid JSON: missing value separator (column 9)"_s;
}

void TestLabelledPairs::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QStringList, splits);
    QFETCH(QString, error);
    auto r = parseLabelledPairsJson(data, u"d.json"_s, splits);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), error);
}

QTEST_GUILESS_MAIN(TestLabelledPairs)
#include "tst_labelledpairs.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

class TestMacroImporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesMacros();
    void zendeskActions();
    void bareArray();
    void errors_data();
    void errors();
};

void TestMacroImporter::parsesMacros()
{
    const QByteArray data = R"({"macros": [
        {"id": "m-refund", "title": "Refund issued", "body": "Hi {{first_name}},\n\nWe refunded you.", "tags": ["billing", "refund"]},
        {"id": 17, "title": "  Ask for screenshot ", "body": "Could you send a screenshot?", "tags": "triage, info"}
    ]})";
    auto r = parseMacros(data, u"macros.json"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 2);
    QCOMPARE(r->at(0).id, u"m-refund"_s);
    QCOMPARE(r->at(0).title, u"Refund issued"_s);
    QCOMPARE(r->at(0).body, u"Hi {{first_name}},\n\nWe refunded you."_s);
    QCOMPARE(r->at(0).tags, (QStringList{u"billing"_s, u"refund"_s}));
    QCOMPARE(r->at(1).id, u"17"_s);
    QCOMPARE(r->at(1).title, u"Ask for screenshot"_s);
    QCOMPARE(r->at(1).tags, (QStringList{u"triage"_s, u"info"_s}));
}

void TestMacroImporter::zendeskActions()
{
    const QByteArray data = R"({"macros": [
        {"id": 1, "title": "Close", "active": true, "actions": [{"field": "status", "value": "solved"},
                                                                 {"field": "comment_value", "value": ["channel:all", "Thanks, closing now."]}]},
        {"id": 2, "title": "Html", "actions": [{"field": "comment_value_html", "value": "<p>Hello <b>there</b></p><p>Bye</p>"}]},
        {"id": 3, "title": "Old", "active": false, "body": "retired"}
    ]})";
    auto r = parseMacros(data, u"zd-macros.json"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 2);
    QCOMPARE(r->at(0).body, u"Thanks, closing now."_s);
    QCOMPARE(r->at(1).body, u"Hello there\n\nBye"_s);
}

void TestMacroImporter::bareArray()
{
    auto r = parseMacros(R"([{"id":"a","title":"A","body":"x"}])", u"m.json"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 1);
}

void TestMacroImporter::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::newRow("wrong shape") << QByteArray(R"({"articles": []})")
                                 << u"m.json: expected an object with a \"macros\" array, or an array of macros"_s;
    QTest::newRow("no body") << QByteArray(R"({"macros": [{"id":"a","title":"A","body":"x"},{"id":"b","title":"B"}]})")
                             << u"m.json:2: record 2: field \"body\": is required (or a \"comment_value\" action)"_s;
    QTest::newRow("body not a string") << QByteArray(R"({"macros": [{"id":"a","title":"A","body":["x"]}]})")
                                       << u"m.json:1: record 1: field \"body\": must be a string"_s;
    QTest::newRow("no id") << QByteArray(R"({"macros": [{"title":"A","body":"x"}]})")
                           << u"m.json:1: record 1: field \"id\": is required"_s;
    QTest::newRow("active not a bool") << QByteArray(R"({"macros": [{"id":"a","title":"A","body":"x","active":1}]})")
                                       << u"m.json:1: record 1: field \"active\": must be true or false"_s;
    QTest::newRow("duplicate")
        << QByteArray(R"({"macros": [{"id":"a","title":"A","body":"x"},{"id":"a","title":"B","body":"y"}]})")
        << u"m.json:2: record 2: duplicate id \"a\" (also record 1)"_s;
}

void TestMacroImporter::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    auto r = parseMacros(data, u"m.json"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), error);
}

QTEST_GUILESS_MAIN(TestMacroImporter)
#include "tst_macroimporter.moc"

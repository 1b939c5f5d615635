// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <understudy/Json.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

class TestArticlesJsonl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesRecords();
    void emptyFileGivesNoArticles();
    void errors_data();
    void errors();
};

void TestArticlesJsonl::parsesRecords()
{
    const QByteArray data =
        "{\"id\":\"kb-1\",\"title\":\"Reset your password\",\"body\":\"## Steps\\n1. Click.\",\"url\":\"https://h/1\","
        "\"tags\":[\"account\",\"login\"],\"updated_at\":\"2026-05-12T08:30:00Z\"}\r\n"
        "\n"
        "   \n"
        "{\"id\":42,\"title\":\"Refunds\",\"tags\":\"billing, refunds\",\"status\":\"deprecated\"}\n";
    auto r = parseArticlesJsonl(data, u"kb.jsonl"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 2);
    const Article &a = r->at(0);
    QCOMPARE(a.id, u"kb-1"_s);
    QCOMPARE(a.title, u"Reset your password"_s);
    QCOMPARE(a.body, u"## Steps\n1. Click."_s);
    QCOMPARE(a.url, u"https://h/1"_s);
    QCOMPARE(a.tags, (QStringList{u"account"_s, u"login"_s}));
    QCOMPARE(json::formatTime(a.updatedAt), u"2026-05-12T08:30:00Z"_s);
    QCOMPARE(a.status, u"active"_s);
    const Article &b = r->at(1);
    QCOMPARE(b.id, u"42"_s);
    QCOMPARE(b.tags, (QStringList{u"billing"_s, u"refunds"_s}));
    QCOMPARE(b.status, u"deprecated"_s);
    QVERIFY(b.body.isEmpty());
}

void TestArticlesJsonl::emptyFileGivesNoArticles()
{
    auto r = parseArticlesJsonl("\n\n", u"kb.jsonl"_s);
    QVERIFY(r.ok());
    QVERIFY(r->isEmpty());
}

void TestArticlesJsonl::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    const QByteArray good = "{\"id\":\"a\",\"title\":\"A\"}\n";
    QTest::newRow("missing title") << good + "\n{\"id\":\"b\"}\n" << u"kb.jsonl:3: field \"title\": is required"_s;
    QTest::newRow("tags not strings") << good + "{\"id\":\"b\",\"title\":\"B\",\"tags\":[1]}"
                                      << u"kb.jsonl:2: field \"tags\": must be an array of strings"_s;
    QTest::newRow("bad date") << good + "{\"id\":\"b\",\"title\":\"B\",\"updated_at\":\"yesterday\"}"
                              << u"kb.jsonl:2: field \"updated_at\": \"yesterday\" is not an ISO-8601 date-time"_s;
    QTest::newRow("unknown status")
        << good + "{\"id\":\"b\",\"title\":\"B\",\"status\":\"deptecated\"}"
        << u"kb.jsonl:2: field \"status\": \"deptecated\" is not one of active, deprecated, removed"_s;
    QTest::newRow("blank title") << good + "{\"id\":\"b\",\"title\":\" \"}"
                                 << u"kb.jsonl:2: field \"title\": must not be empty"_s;
    QTest::newRow("fractional id") << good + "{\"id\":1.5,\"title\":\"B\"}"
                                   << u"kb.jsonl:2: field \"id\": must be a string"_s;
    QTest::newRow("huge id") << good + "{\"id\":1e300,\"title\":\"B\"}"
                             << u"kb.jsonl:2: field \"id\": must be a string"_s;
    QTest::newRow("duplicate id") << good + "{\"id\":\"b\",\"title\":\"B\"}\n{\"id\":\"a\",\"title\":\"A again\"}\n"
                                  << u"kb.jsonl:3: duplicate id \"a\" (first on line 1)"_s;
    QTest::newRow("broken json") << good + "{\"id\":\"b\",\"title\":\"B\"\n"
                                 << u"kb.jsonl:2: invalid JSON: unterminated string (column 22)"_s;
    QTest::newRow("not an object") << good + "[1,2]\n" << u"kb.jsonl:2: expected a JSON object"_s;
    QTest::newRow("deep nesting") << good + QByteArray(100, '[')
                                  << u"kb.jsonl:2: JSON nested deeper than 64 levels (column 65)"_s;
    QTest::newRow("invalid utf-8") << good + "{\"id\":\"b\",\"title\":\"\xFF\"}"
                                   << u"kb.jsonl:2: invalid UTF-8 (byte 0xff at column 20); save the file as UTF-8"_s;
}

void TestArticlesJsonl::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    auto r = parseArticlesJsonl(data, u"kb.jsonl"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), error);
}

QTEST_GUILESS_MAIN(TestArticlesJsonl)
#include "tst_articlesjsonl.moc"

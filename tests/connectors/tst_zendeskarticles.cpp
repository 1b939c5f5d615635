// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <understudy/Json.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

class TestZendeskArticles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesExport();
    void errors_data();
    void errors();
};

void TestZendeskArticles::parsesExport()
{
    const QByteArray data = R"({
  "articles": [
    {"id": 360001, "title": "Connect Slack", "body": "<p>Open <b>Integrations</b> &amp; pick Slack.</p><ul><li>Sign in</li><li>Allow</li></ul>",
     "html_url": "https://help.example/hc/articles/360001", "label_names": ["integrations", "slack"],
     "updated_at": "2026-02-03T10:11:12Z", "draft": false, "outdated": false, "locale": "en-us"},
    {"id": 360002, "title": "HipChat", "body": "<p>Gone.</p>", "outdated": true},
    {"id": "abc", "title": "Draft one", "draft": true, "body": null}
  ],
  "next_page": null, "count": 3
})";
    auto r = parseZendeskArticles(data, u"hc.json"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 3);
    const Article &a = r->at(0);
    QCOMPARE(a.id, u"zd-360001"_s);
    QCOMPARE(a.title, u"Connect Slack"_s);
    QCOMPARE(a.body, u"Open Integrations & pick Slack.\n\n- Sign in\n- Allow"_s);
    QCOMPARE(a.url, u"https://help.example/hc/articles/360001"_s);
    QCOMPARE(a.tags, (QStringList{u"integrations"_s, u"slack"_s}));
    QCOMPARE(json::formatTime(a.updatedAt), u"2026-02-03T10:11:12Z"_s);
    QCOMPARE(a.status, u"active"_s);
    QCOMPARE(r->at(1).id, u"zd-360002"_s);
    QCOMPARE(r->at(1).status, u"deprecated"_s);
    QCOMPARE(r->at(1).body, u"Gone."_s);
    QCOMPARE(r->at(2).id, u"zd-abc"_s);
    QCOMPARE(r->at(2).status, u"deprecated"_s);
    QVERIFY(r->at(2).body.isEmpty());
}

void TestZendeskArticles::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::newRow("not an export")
        << QByteArray(R"({"tickets": []})")
        << u"hc.json: expected a Zendesk Help Center export: an object with a \"articles\" array"_s;
    QTest::newRow("articles not an array")
        << QByteArray(R"({"articles": {}})") << u"hc.json: \"articles\" must be an array"_s;
    QTest::newRow("record not an object")
        << QByteArray(R"({"articles": [{"id":1,"title":"A"}, 7]})") << u"hc.json:2: record 2: must be an object"_s;
    QTest::newRow("missing title") << QByteArray(R"({"articles": [{"id":1}]})")
                                   << u"hc.json:1: record 1: field \"title\": is required"_s;
    QTest::newRow("draft not a bool") << QByteArray(R"({"articles": [{"id":1,"title":"A","draft":"no"}]})")
                                      << u"hc.json:1: record 1: field \"draft\": must be true or false"_s;
    QTest::newRow("labels not strings") << QByteArray(R"({"articles": [{"id":1,"title":"A","label_names":["a",2]}]})")
                                        << u"hc.json:1: record 1: field \"label_names[1]\": must be a string"_s;
    QTest::newRow("fractional id") << QByteArray(R"({"articles": [{"id":1.25,"title":"A"}]})")
                                   << u"hc.json:1: record 1: field \"id\": must be an integer or a string"_s;
    QTest::newRow("bad date")
        << QByteArray(R"({"articles": [{"id":1,"title":"A","updated_at":"2026-13-45"}]})")
        << u"hc.json:1: record 1: field \"updated_at\": \"2026-13-45\" is not an ISO-8601 date-time"_s;
    QTest::newRow("duplicate id")
        << QByteArray(R"({"articles": [{"id":1,"title":"A"},{"id":2,"title":"B"},{"id":"1","title":"C"}]})")
        << u"hc.json:3: record 3: duplicate id \"zd-1\" (also record 1)"_s;
    QTest::newRow("truncated") << QByteArray("{\"articles\": [\n{\"id\":1,")
                               << u"hc.json:2: invalid JSON: unterminated object (column 9)"_s;
    QTest::newRow("empty") << QByteArray(" \n") << u"hc.json: the file is empty"_s;
}

void TestZendeskArticles::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    auto r = parseZendeskArticles(data, u"hc.json"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), error);
}

QTEST_GUILESS_MAIN(TestZendeskArticles)
#include "tst_zendeskarticles.moc"

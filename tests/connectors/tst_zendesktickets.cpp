// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <understudy/Json.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

class TestZendeskTickets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesExport();
    void lenientOnMissingParts();
    void statusMapping_data();
    void statusMapping();
    void errors_data();
    void errors();
};

void TestZendeskTickets::parsesExport()
{
    const QByteArray data = R"({"tickets": [
  {"id": 35436, "subject": "Help, my printer is on fire!", "description": "The fire is very colorful.",
   "status": "solved", "tags": ["enterprise", "other_tag"], "created_at": "2026-07-20T22:55:29Z",
   "requester": {"id": 20978392, "name": "Jill Hill", "email": "jill@example.com"},
   "organization": {"name": "Acme", "tier": "Enterprise"},
   "comments": [
     {"author_id": 20978392, "public": true, "body": "The fire is very colorful.", "created_at": "2026-07-20T22:55:29Z"},
     {"author_id": 555, "public": false, "body": "Internal: call the fire brigade", "created_at": "2026-07-20T23:00:00Z"},
     {"author_id": 555, "public": true, "body": "Please unplug it.", "created_at": "2026-07-20T23:01:00Z"},
     {"author_id": 20978392, "body": "", "html_body": "<p>Done, <b>thanks</b>!</p>", "created_at": "2026-07-20T23:10:00Z"}
   ],
   "custom_fields": [{"id": 27642, "value": "745"}], "via": {"channel": "web"}}
]})";
    auto r = parseZendeskTickets(data, u"zd.json"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 1);
    const Ticket &t = r->at(0);
    QCOMPARE(t.id, u"ZD-35436"_s);
    QCOMPARE(t.subject, u"Help, my printer is on fire!"_s);
    QCOMPARE(t.status, u"resolved"_s);
    QCOMPARE(t.customer.id, u"20978392"_s);
    QCOMPARE(t.customer.name, u"Jill Hill"_s);
    QCOMPARE(t.customer.email, u"jill@example.com"_s);
    QCOMPARE(t.customer.tier, u"enterprise"_s);
    QCOMPARE(json::formatTime(t.createdAt), u"2026-07-20T22:55:29Z"_s);
    QCOMPARE(t.messages.size(), 3); // the private note is left out
    QCOMPARE(t.messages[0].author, u"customer"_s);
    QCOMPARE(t.messages[0].body, u"The fire is very colorful."_s);
    QCOMPARE(t.messages[1].author, u"agent"_s);
    QCOMPARE(t.messages[1].body, u"Please unplug it."_s);
    QCOMPARE(json::formatTime(t.messages[1].at), u"2026-07-20T23:01:00Z"_s);
    QCOMPARE(t.messages[2].author, u"customer"_s);
    QCOMPARE(t.messages[2].body, u"Done, thanks!"_s);
    QCOMPARE(t.latestCustomerText(), u"Done, thanks!"_s);
}

void TestZendeskTickets::lenientOnMissingParts()
{
    const QByteArray data = R"({"tickets": [
  {"id": 1, "description": "Only a description", "requester_id": 7},
  {"id": "2", "subject": "Subject only", "requester": null, "organization": null, "comments": null},
  {"id": 3, "comments": [{"author_id": 9, "body": "first"}, {"author_id": 10, "body": "reply"}]}
]})";
    auto r = parseZendeskTickets(data, u"zd.json"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 3);
    QCOMPARE(r->at(0).id, u"ZD-1"_s);
    QCOMPARE(r->at(0).status, u"open"_s);
    QCOMPARE(r->at(0).customer.id, u"7"_s);
    QCOMPARE(r->at(0).messages.size(), 1);
    QCOMPARE(r->at(0).messages[0].author, u"customer"_s);
    QCOMPARE(r->at(0).messages[0].body, u"Only a description"_s);
    QCOMPARE(r->at(1).subject, u"Subject only"_s);
    QVERIFY(r->at(1).messages.isEmpty());
    // Without a requester, the first comment's author is taken as the customer.
    QCOMPARE(r->at(2).messages[0].author, u"customer"_s);
    QCOMPARE(r->at(2).messages[1].author, u"agent"_s);
}

void TestZendeskTickets::statusMapping_data()
{
    QTest::addColumn<QString>("zendesk");
    QTest::addColumn<QString>("status");
    QTest::newRow("new") << u"new"_s << u"open"_s;
    QTest::newRow("open") << u"open"_s << u"open"_s;
    QTest::newRow("pending") << u"pending"_s << u"pending"_s;
    QTest::newRow("hold") << u"hold"_s << u"pending"_s;
    QTest::newRow("solved") << u"Solved"_s << u"resolved"_s;
    QTest::newRow("closed") << u"closed"_s << u"resolved"_s;
}

void TestZendeskTickets::statusMapping()
{
    QFETCH(QString, zendesk);
    QFETCH(QString, status);
    auto r = parseZendeskTickets(
        u"{\"tickets\":[{\"id\":1,\"subject\":\"s\",\"status\":\"%1\"}]}"_s.arg(zendesk).toUtf8(), u"s.json"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->at(0).status, status);
}

void TestZendeskTickets::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::newRow("not an export")
        << QByteArray(R"([{"id":1}])")
        << u"zd.json: expected a Zendesk tickets export: an object with a \"tickets\" array"_s;
    QTest::newRow("no id") << QByteArray(R"({"tickets":[{"id":1,"subject":"a"},{"subject":"b"}]})")
                           << u"zd.json:2: record 2: field \"id\": is required"_s;
    QTest::newRow("subject not a string") << QByteArray(R"({"tickets":[{"id":1,"subject":5}]})")
                                          << u"zd.json:1: record 1: field \"subject\": must be a string"_s;
    QTest::newRow("requester not an object") << QByteArray(R"({"tickets":[{"id":1,"subject":"a","requester":"jill"}]})")
                                             << u"zd.json:1: record 1: field \"requester\": must be an object"_s;
    QTest::newRow("comments not an array") << QByteArray(R"({"tickets":[{"id":1,"subject":"a","comments":{}}]})")
                                           << u"zd.json:1: record 1: field \"comments\": must be an array"_s;
    QTest::newRow("comment not an object") << QByteArray(R"({"tickets":[{"id":1,"comments":[{"body":"x"},"y"]}]})")
                                           << u"zd.json:1: record 1: field \"comments[1]\": must be an object"_s;
    QTest::newRow("public not a bool") << QByteArray(
                                              R"({"tickets":[{"id":1,"comments":[{"body":"x","public":"yes"}]}]})")
                                       << u"zd.json:1: record 1: field \"comments[0].public\": must be true or false"_s;
    QTest::newRow("author id fractional")
        << QByteArray(R"({"tickets":[{"id":1,"comments":[{"body":"x","author_id":1.5}]}]})")
        << u"zd.json:1: record 1: field \"comments[0].author_id\": must be an integer or a string"_s;
    QTest::newRow("bad comment time")
        << QByteArray(R"({"tickets":[{"id":1,"comments":[{"body":"x","created_at":"x"}]}]})")
        << u"zd.json:1: record 1: field \"comments[0].created_at\": \"x\" is not an ISO-8601 date-time"_s;
    QTest::newRow("nothing to import")
        << QByteArray(R"({"tickets":[{"id":1,"description":"  "}]})")
        << u"zd.json:1: record 1: field \"description\": a ticket needs a subject, a description or a public comment"_s;
    QTest::newRow("duplicate") << QByteArray(R"({"tickets":[{"id":1,"subject":"a"},{"id":"1","subject":"b"}]})")
                               << u"zd.json:2: record 2: duplicate id \"ZD-1\" (also record 1)"_s;
}

void TestZendeskTickets::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    auto r = parseZendeskTickets(data, u"zd.json"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), error);
}

QTEST_GUILESS_MAIN(TestZendeskTickets)
#include "tst_zendesktickets.moc"

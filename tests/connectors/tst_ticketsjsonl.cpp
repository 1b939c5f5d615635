// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <understudy/Json.h>

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

class TestTicketsJsonl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesDesignShape();
    void bareTextRecord();
    void roundTripsThroughToJson();
    void errors_data();
    void errors();
};

void TestTicketsJsonl::parsesDesignShape()
{
    const QByteArray data =
        R"({"id":"T-1042","subject":"Can't log in","customer":{"id":"c-7","name":"Dana Reyes","email":"dana@example.com","tier":"Enterprise"},)"
        R"("messages":[{"author":"customer","body":"I forgot my password.","at":"2026-11-20T09:00:00Z"},)"
        R"({"author":"agent","body":"Use the reset link.","at":"2026-11-20T09:05:00Z"}],"intent":"reset-password","status":"resolved"})"
        "\n\n"
        R"({"id":1043,"subject":"Invoice","messages":[{"author":"Customer","body":"Where is my invoice?"}]})"
        "\n";
    auto r = parseTicketsJsonl(data, u"tickets.jsonl"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 2);
    const Ticket &t = r->at(0);
    QCOMPARE(t.id, u"T-1042"_s);
    QCOMPARE(t.subject, u"Can't log in"_s);
    QCOMPARE(t.customer.id, u"c-7"_s);
    QCOMPARE(t.customer.name, u"Dana Reyes"_s);
    QCOMPARE(t.customer.email, u"dana@example.com"_s);
    QCOMPARE(t.customer.tier, u"enterprise"_s);
    QCOMPARE(t.messages.size(), 2);
    QCOMPARE(t.messages[0].author, u"customer"_s);
    QCOMPARE(t.messages[0].body, u"I forgot my password."_s);
    QCOMPARE(json::formatTime(t.messages[0].at), u"2026-11-20T09:00:00Z"_s);
    QCOMPARE(t.messages[1].author, u"agent"_s);
    QCOMPARE(t.intent, u"reset-password"_s);
    QCOMPARE(t.status, u"resolved"_s);
    QCOMPARE(json::formatTime(t.createdAt), u"2026-11-20T09:00:00Z"_s);
    QCOMPARE(t.lastAgentReply(), u"Use the reset link."_s);

    const Ticket &u = r->at(1);
    QCOMPARE(u.id, u"1043"_s);
    QCOMPARE(u.status, u"open"_s);
    QCOMPARE(u.messages.size(), 1);
    QCOMPARE(u.messages[0].author, u"customer"_s);
}

void TestTicketsJsonl::bareTextRecord()
{
    auto r = parseTicketsJsonl(R"({"id":"q1","text":"how do I export to csv?"})", u"q.jsonl"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 1);
    QCOMPARE(r->at(0).latestCustomerText(), u"how do I export to csv?"_s);
}

void TestTicketsJsonl::roundTripsThroughToJson()
{
    Ticket t;
    t.id = u"T-9"_s;
    t.subject = u"Sync"_s;
    t.customer = Customer{u"c"_s, u"Ann"_s, u"a@x"_s, u"pro"_s};
    t.messages << Message{u"customer"_s, u"Desktop app stopped syncing"_s, json::parseTime(u"2026-01-01T00:00:00Z"_s)};
    t.intent = u"desktop-app-sync"_s;
    t.status = u"open"_s;
    const QByteArray line = QJsonDocument(json::toJson(t)).toJson(QJsonDocument::Compact) + '\n';
    auto r = parseTicketsJsonl(line + QByteArray(line).replace("T-9", "T-10"), u"rt.jsonl"_s);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 2);
    QCOMPARE(r->at(0).customer.tier, u"pro"_s);
    QCOMPARE(r->at(1).id, u"T-10"_s);
    QCOMPARE(r->at(1).messages[0].body, u"Desktop app stopped syncing"_s);
}

void TestTicketsJsonl::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QByteArray good;
    for (int i = 1; i <= 6; ++i)
        good += "{\"id\":\"T-" + QByteArray::number(i) + "\",\"text\":\"hello\"}\n";
    QTest::newRow("bad author (line 7)")
        << good + R"({"id":"T-7","messages":[{"author":"bot","body":"x"}]})"
        << u"tickets.jsonl:7: field \"messages[0].author\": must be \"customer\" or \"agent\""_s;
    QTest::newRow("no id") << good + R"({"text":"x"})" << u"tickets.jsonl:7: field \"id\": is required"_s;
    QTest::newRow("empty ticket")
        << good + R"({"id":"T-7"})"
        << u"tickets.jsonl:7: field \"messages\": a ticket needs a subject, a text or at least one message"_s;
    QTest::newRow("messages not an array")
        << good + R"({"id":"T-7","messages":{}})" << u"tickets.jsonl:7: field \"messages\": must be an array"_s;
    QTest::newRow("customer not an object") << good + R"({"id":"T-7","text":"x","customer":"bob"})"
                                            << u"tickets.jsonl:7: field \"customer\": must be an object"_s;
    QTest::newRow("bad time") << good + R"({"id":"T-7","messages":[{"author":"agent","body":"x","at":"noon"}]})"
                              << u"tickets.jsonl:7: field \"messages[0].at\": \"noon\" is not an ISO-8601 date-time"_s;
    QTest::newRow("fractional body") << good + R"({"id":"T-7","messages":[{"author":"agent","body":2.5}]})"
                                     << u"tickets.jsonl:7: field \"messages[0].body\": must be a string"_s;
    QTest::newRow("huge customer id") << good + R"({"id":"T-7","text":"x","customer":{"id":-1e300}})"
                                      << u"tickets.jsonl:7: field \"customer.id\": must be a string"_s;
    QTest::newRow("number out of range") << good + R"({"id":"T-7","text":"x","customer":{"id":1e400}})"
                                         << u"tickets.jsonl:7: invalid JSON: illegal number (column 46)"_s;
    QTest::newRow("duplicate id") << good + R"({"id":"T-3","text":"again"})"
                                  << u"tickets.jsonl:7: duplicate id \"T-3\" (first on line 3)"_s;
    QTest::newRow("trailing garbage")
        << good + R"({"id":"T-7","text":"x"} extra)"
        << u"tickets.jsonl:7: invalid JSON: garbage at the end of the document (column 25)"_s;
    QTest::newRow("nul byte") << good + QByteArray("{\"id\":\"T-7\",\0}", 14)
                              << u"tickets.jsonl:7: NUL byte at column 13; this does not look like a text file"_s;
}

void TestTicketsJsonl::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    auto r = parseTicketsJsonl(data, u"tickets.jsonl"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().toString(), error);
    QCOMPARE(r.error().line, 7);
}

QTEST_GUILESS_MAIN(TestTicketsJsonl)
#include "tst_ticketsjsonl.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Json.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;

namespace {
QJsonObject parse(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}
} // namespace

class TestJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ticketRoundTrip()
    {
        const auto t = json::ticketFromJson(parse(
            R"({"id":"T-1","subject":"Login","customer":{"id":"C-1","name":"Zoë Martin","email":"z@example.com","tier":"Pro"}, "messages":[{"author":"customer","body":"I cannot log in","at":"2026-11-20T09:14:00Z"}, {"author":"agent","body":"Try this","at":"2026-11-20T10:00:00Z"}], "intent":"reset-password","status":"resolved","language":"en"})"));
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
        QCOMPARE(t->customer.tier, u"pro"_s);
        QCOMPARE(t->customer.firstName(), u"Zoë"_s);
        QCOMPARE(t->messages.size(), 2);
        QCOMPARE(t->lastAgentReply(), u"Try this"_s);
        QVERIFY(t->isResolved());
        QCOMPARE(t->createdAt, QDateTime(QDate(2026, 11, 20), QTime(9, 14), Qt::UTC));
        const auto again = json::ticketFromJson(json::toJson(*t));
        QVERIFY(again.ok());
        QCOMPARE(json::toJson(*again), json::toJson(*t));
    }

    void ticketErrorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("field");
        QTest::newRow("no id") << QByteArray(R"({"subject":"x"})") << u"\"id\""_s;
        QTest::newRow("empty id") << QByteArray(R"({"id":" ","subject":"x"})") << u"\"id\""_s;
        QTest::newRow("bad author") << QByteArray(R"({"id":"1","messages":[{"author":"bot","body":"x"}]})")
                                    << u"messages[0].author"_s;
        QTest::newRow("bad time") << QByteArray(R"({"id":"1","messages":[{"author":"agent","body":"x","at":"yesterday"}]})")
                                  << u"messages[0].at"_s;
        QTest::newRow("body type") << QByteArray(R"({"id":"1","messages":[{"author":"agent","body":5.5e300}]})")
                                   << u"messages[0].body"_s;
        QTest::newRow("customer type") << QByteArray(R"({"id":"1","subject":"s","customer":"bob"})") << u"\"customer\""_s;
        QTest::newRow("empty") << QByteArray(R"({"id":"1"})") << u"messages"_s;
    }

    void ticketErrorsNameTheField()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, field);
        const auto t = json::ticketFromJson(QJsonDocument::fromJson(input).object());
        QVERIFY(!t.ok());
        QVERIFY2(t.error().message.contains(field), qPrintable(t.error().message));
    }

    void articleValidation()
    {
        QVERIFY(json::articleFromJson(parse(R"({"id":"a","title":"T","status":"deprecated"})")).ok());
        QVERIFY(!json::articleFromJson(parse(R"({"id":"a","title":"T","status":"deptecated"})")).ok());
        QVERIFY(!json::articleFromJson(parse(R"({"id":"a","title":" "})")).ok());
        QVERIFY(!json::articleFromJson(parse(R"({"id":1.5,"title":"T"})")).ok());
        QVERIFY(!json::articleFromJson(parse(R"({"id":1e300,"title":"T"})")).ok());
        const auto numeric = json::articleFromJson(parse(R"({"id":360001,"title":"T"})"));
        QVERIFY(numeric.ok());
        QCOMPARE(numeric->id, u"360001"_s);
        // An article without a time writes "updated_at":"" and reads back (the sync feed relies on it).
        Article undated;
        undated.id = u"kb-9"_s;
        undated.title = u"No date"_s;
        const auto back = json::articleFromJson(json::toJson(undated));
        QVERIFY2(back.ok(), qPrintable(back ? QString() : back.error().message));
        QVERIFY(!back->updatedAt.isValid());
        QVERIFY(!json::articleFromJson(parse(R"({"id":"a","title":"T","updated_at":"yesterday"})")).ok());
    }

    void bareTextBecomesAMessage()
    {
        const auto t = json::ticketFromJson(parse(R"({"id":7,"text":"where is my invoice"})"));
        QVERIFY(t.ok());
        QCOMPARE(t->id, u"7"_s);
        QCOMPARE(t->latestCustomerText(), u"where is my invoice"_s);
        QCOMPARE(t->status, u"open"_s);
    }

    void eventRoundTrip()
    {
        FeedbackEvent e;
        e.id = u"0b9a3c2e-5f4d-4a8e-9c1b-2d3e4f5a6b7c"_s;
        e.kind = FeedbackEvent::Kind::SentEdited;
        e.agent = u"alice"_s;
        e.ticketId = u"T-1042"_s;
        e.draftId = u"d1"_s;
        e.at = QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC);
        e.confidence = 0.82;
        e.sources = {Source{u"article"_s, u"kb-12"_s, {}, 0, {}, {}, {}, {}},
                     Source{u"answer"_s, u"event:9"_s, {}, 0, {}, {}, {}, {0.5, 0.25, 1, 1, 0, 0}}};
        e.usedSource = 1;
        e.finalText = u"…"_s;
        e.edit = EditStats{12, 3, 0.91};
        e.engine = u"1.0.0"_s;
        const QJsonObject o = json::toJson(e);
        QCOMPARE(o.value(u"kind"_s).toString(), u"sent_edited"_s);
        QCOMPARE(o.value(u"reason"_s).type(), QJsonValue::Null);
        QCOMPARE(o.value(u"at"_s).toString(), u"2026-11-23T10:00:00Z"_s);
        QCOMPARE(o.value(u"used_source"_s).toInt(), 1);
        const auto back = json::feedbackEventFromJson(o);
        QVERIFY(back.ok());
        QCOMPARE(json::toJson(*back), o);
        QCOMPARE(back->sources[1].features, (QList<double>{0.5, 0.25, 1, 1, 0, 0}));
        QCOMPARE(back->usedSource, std::optional<int>(1));
        // The engine's ranking features travel by name.
        const QJsonObject named = o.value(u"sources"_s).toArray()[1].toObject().value(u"features"_s).toObject();
        QCOMPARE(named.value(u"cosine"_s).toDouble(), 0.5);
        QCOMPARE(named.value(u"relative"_s).toDouble(), 0.25);
        QCOMPARE(named.value(u"intent_match"_s).toDouble(), 1.0);
        QCOMPARE(named.value(u"answer"_s).toDouble(), 1.0);
        QCOMPARE(named.value(u"article"_s).toDouble(), 0.0);
        QCOMPARE(named.value(u"macro"_s).toDouble(), 0.0);
    }

    void eventValidation()
    {
        QVERIFY(!json::feedbackEventFromJson(parse(R"({"id":"x","kind":"liked","ticket_id":"T","at":"2026-01-01T00:00:00Z"})")).ok());
        QVERIFY(!json::feedbackEventFromJson(parse(R"({"id":"x","kind":"shown","ticket_id":"T"})")).ok());
        QVERIFY(!json::feedbackEventFromJson(parse(R"({"id":"x","kind":"shown","ticket_id":"T","at":"2026-01-01T00:00:00Z","confidence":2})")).ok());
        QVERIFY(json::feedbackEventFromJson(parse(R"({"id":"x","kind":"flagged","ticket_id":"T","at":"2026-01-01T00:00:00Z"})")).ok());
        // used_source names one of the event's sources; features are numbers.
        const char *src = R"("sources":[{"kind":"article","id":"kb-1","features":[0.5,1,0,0,1,0]}])";
        const auto base = [&](const char *extra) {
            return parse(QByteArray(R"({"id":"x","kind":"sent_as_is","ticket_id":"T","at":"2026-01-01T00:00:00Z",)") +
                         extra + '}');
        };
        QVERIFY(json::feedbackEventFromJson(base((QByteArray(src) + R"(,"used_source":0)").constData())).ok());
        for (const char *bad :
             {R"(,"used_source":1)", R"(,"used_source":-1)", R"(,"used_source":0.5)", R"(,"used_source":"0")"}) {
            const auto r = json::feedbackEventFromJson(base((QByteArray(src) + bad).constData()));
            QVERIFY2(!r.ok() && r.error().message.contains(u"used_source"_s), bad);
        }
        const auto notNumbers =
            json::feedbackEventFromJson(base(R"("sources":[{"kind":"article","id":"kb-1","features":[0.5,"x"]}])"));
        QVERIFY(!notNumbers.ok() && notNumbers.error().message.contains(u"features"_s));
        // By name (the current form) and as an array (older clients) read the same.
        const auto byName = json::feedbackEventFromJson(base(
            R"("sources":[{"kind":"article","id":"kb-1","features":{"cosine":0.5,"relative":1,"intent_match":0,"answer":0,"article":1,"macro":0}}])"));
        QVERIFY(byName.ok());
        const auto byPosition = json::feedbackEventFromJson(base(src));
        QVERIFY(byPosition.ok());
        QCOMPARE(byName->sources[0].features, byPosition->sources[0].features);
        for (
            const char *bad :
            {R"("sources":[{"kind":"article","id":"kb-1","features":{"cosine":0.5}}])",
             R"("sources":[{"kind":"article","id":"kb-1","features":{"cosine":"x","relative":1,"intent_match":0,"answer":0,"article":1,"macro":0}}])",
             R"("sources":[{"kind":"article","id":"kb-1","features":{"cosine":0.5,"relative":1,"intent_match":0,"answer":0,"article":1,"macro":0,"extra":1}}])"}) {
            const auto r = json::feedbackEventFromJson(base(bad));
            QVERIFY2(!r.ok() && r.error().message.contains(u"features"_s), bad);
        }
    }

    void times()
    {
        QCOMPARE(json::parseTime(u"2026-05-12"_s), QDateTime(QDate(2026, 5, 12), QTime(0, 0), Qt::UTC));
        QCOMPARE(json::parseTime(u"2026-05-12T10:00:00+02:00"_s), QDateTime(QDate(2026, 5, 12), QTime(8, 0), Qt::UTC));
        QCOMPARE(json::parseTime(u"2026-05-12T10:00:00"_s), QDateTime(QDate(2026, 5, 12), QTime(10, 0), Qt::UTC));
        QVERIFY(!json::parseTime(u"12/05/2026"_s).isValid());
        QVERIFY(!json::parseTime(QString()).isValid());
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"

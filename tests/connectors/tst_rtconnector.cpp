// SPDX-License-Identifier: GPL-3.0-or-later
// RtConnector without a network: canned REST2 answers (shaped like RT 5.0.3's, as tst_rt_live sees them) in, requests
// and domain values out. Bad input (malformed JSON, a deleted ticket, missing fields) stays with its item.
#include "RtConnector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

namespace {

HttpResponse json(int status, const QByteArray &body, QList<std::pair<QByteArray, QByteArray>> headers = {})
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    return r;
}

HttpResponse ok(const QJsonObject &o)
{
    return json(200, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject listOf(const QJsonArray &items, int pages = 1)
{
    return {{u"items"_s, items}, {u"count"_s, items.size()}, {u"total"_s, items.size()},
            {u"page"_s, 1},      {u"pages"_s, pages},        {u"per_page"_s, 100}};
}

QJsonObject ticketSummary(int id, const QString &lastUpdated, const QString &requestor,
                          const QString &status = u"open"_s, const QStringList &tags = {})
{
    return {{u"id"_s, QString::number(id)},
            {u"Subject"_s, u"Subject %1"_s.arg(id)},
            {u"Status"_s, status},
            {u"LastUpdated"_s, lastUpdated},
            {u"Created"_s, u"2026-12-01T10:00:00Z"_s},
            {u"Requestor"_s, QJsonArray{QJsonObject{{u"id"_s, requestor}, {u"type"_s, u"user"_s}}}},
            {u"CustomFields"_s, QJsonArray{QJsonObject{{u"name"_s, u"Understudy Tags"_s},
                                                       {u"values"_s, QJsonArray::fromStringList(tags)}}}}};
}

QJsonObject txn(int id, const QString &type, const QString &creator, const QString &created, const QString &key = {})
{
    return {
        {u"id"_s, QString::number(id)},
        {u"Type"_s, type},
        {u"Creator"_s, QJsonObject{{u"id"_s, creator}}},
        {u"Created"_s, created},
        {u"CustomFields"_s, QJsonArray{QJsonObject{{u"name"_s, u"Understudy Key"_s},
                                                   {u"values"_s, key.isEmpty() ? QJsonArray() : QJsonArray{key}}}}}};
}

QJsonObject part(int txnId, const QString &type, const QString &content, const QString &file = {})
{
    return {{u"TransactionId"_s, QString::number(txnId)},
            {u"ContentType"_s, type},
            {u"Content"_s, content},
            {u"Filename"_s, file}};
}

HelpdeskConfig config()
{
    HelpdeskConfig c;
    c.kind = u"rt"_s;
    c.baseUrl = u"http://rt.test"_s;
    c.secret = u"tok3n"_s;
    return c;
}

QString queryOf(const HttpRequest &r)
{
    return QUrlQuery(r.pathAndQuery.mid(r.pathAndQuery.indexOf(u'?') + 1))
        .queryItemValue(u"query"_s, QUrl::FullyDecoded);
}

} // namespace

class TestRtConnector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pullsTicketsWithMessagesRequesterAndTags()
    {
        RtConnector rt(config());
        auto call = rt.pullTickets({}, 50);
        QList<HttpRequest> sent;
        const QList<HttpResponse> answers{
            ok(listOf({ticketSummary(7, u"2026-12-07T10:00:05Z"_s, u"alice@example.com"_s, u"stalled"_s, {u"vip"_s})})),
            ok(listOf({txn(20, u"Create"_s, u"alice@example.com"_s, u"2026-12-07T10:00:00Z"_s),
                       txn(21, u"EmailRecord"_s, u"RT_System"_s, u"2026-12-07T10:00:00Z"_s),
                       txn(22, u"Correspond"_s, u"root"_s, u"2026-12-07T10:00:03Z"_s, u"key-1"_s),
                       txn(23, u"Comment"_s, u"root"_s, u"2026-12-07T10:00:04Z"_s),
                       txn(24, u"Correspond"_s, u"alice@example.com"_s, u"2026-12-07T10:00:05Z"_s)})),
            ok(listOf(
                {part(20, u"text/plain"_s, u"Bonjour, mon imprimante ne marche pas. Je ne sais pas quoi faire."_s),
                 part(20, u"application/pdf"_s, u"%PDF..."_s, u"invoice.pdf"_s),
                 part(22, u"text/plain"_s, u"Have you tried turning it off?"_s),
                 part(23, u"text/plain"_s, u"internal: VIP customer"_s),
                 part(24, u"text/html"_s, u"<p>Yes, <b>still</b> broken</p><script>alert(1)</script>"_s)})),
            ok({{u"Name"_s, u"alice@example.com"_s},
                {u"EmailAddress"_s, u"alice@example.com"_s},
                {u"RealName"_s, u"Alice Martin"_s},
                {u"Organization"_s, u"Acme"_s}}),
        };
        auto page = runWithResponses(*call, answers, &sent);
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
        QCOMPARE(sent.size(), 4);
        QCOMPARE(queryOf(sent[0]), u"id > 0"_s);
        QVERIFY(sent[0].pathAndQuery.contains(u"orderby=LastUpdated&order=ASC&orderby=id&order=ASC"_s));
        QCOMPARE(sent[0].headers.first().second, QByteArray("token tok3n"));
        QVERIFY(!sent[0].describe().contains(u"tok3n"_s));

        QCOMPARE(page->tickets.size(), 1);
        QVERIFY(page->itemErrors.isEmpty());
        const HelpdeskTicket &t = page->tickets.first();
        QCOMPARE(t.externalId, u"7"_s);
        QCOMPARE(t.ticket.id, u"rt-7"_s);
        QCOMPARE(t.ticket.status, u"pending"_s);
        QCOMPARE(t.helpdeskStatus, u"stalled"_s);
        QCOMPARE(t.tags, QStringList{u"vip"_s});
        QCOMPARE(t.organisation, u"Acme"_s);
        QCOMPARE(t.ticket.customer.name, u"Alice Martin"_s);
        QCOMPARE(t.ticket.customer.email, u"alice@example.com"_s);
        QCOMPARE(t.ticket.language, u"fr"_s); // no Lang in RT: read from the customer's words
        QCOMPARE(t.messages.size(), 4);
        QCOMPARE(t.messages[1].idempotencyKey, u"key-1"_s);
        QVERIFY(t.messages[2].internal);
        // The public conversation: the note is left out; the customer's HTML reply is text, the script dropped.
        QCOMPARE(t.ticket.messages.size(), 3);
        QCOMPARE(t.ticket.messages[0].author, u"customer"_s);
        QCOMPARE(t.ticket.messages[1].author, u"agent"_s);
        QCOMPARE(t.ticket.messages[2].author, u"customer"_s);
        QVERIFY(t.ticket.messages[2].body.contains(u"still"_s));
        QVERIFY(!t.ticket.messages[2].body.contains(u"alert"_s));
        // Caught up: the cursor keeps the second, not the id.
        QVERIFY(!page->more);
        QCOMPARE(page->next.value, u"2026-12-07T10:00:05Z|0"_s);
    }

    void cursorQueryPassesTiesBySecondAndId()
    {
        RtConnector rt(config());
        const QString q = rt.pullQuery(HelpdeskCursor{u"2026-12-07T10:00:05Z|42"_s});
        QCOMPARE(q, u"(LastUpdated >= '2026-12-07 10:00:06' OR (LastUpdated >= '2026-12-07 10:00:05' AND "
                    "LastUpdated < '2026-12-07 10:00:06' AND id > 42))"_s);
        auto c = config();
        c.timezone = u"Europe/Paris"_s;
        c.queue = u"Support's"_s;
        RtConnector paris(c);
        QCOMPARE(paris.pullQuery(HelpdeskCursor{u"2026-12-07T10:00:05Z|0"_s}),
                 u"Queue = 'Support\\'s' AND (LastUpdated >= '2026-12-07 11:00:06' OR (LastUpdated >= "
                 "'2026-12-07 11:00:05' AND LastUpdated < '2026-12-07 11:00:06' AND id > 0))"_s);

        auto bad = rt.pullTickets(HelpdeskCursor{u"zendesk:123"_s}, 10);
        auto r = runWithResponses(*bad, {});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, HelpdeskError::Kind::Config);
    }

    void aFullPageKeepsTheLastIdInTheCursor()
    {
        RtConnector rt(config());
        auto call = rt.pullTickets({}, 1);
        QJsonObject list = listOf({ticketSummary(3, u"2026-12-07T10:00:05Z"_s, u"bob"_s)});
        list[u"total"_s] = 5;
        auto page =
            runWithResponses(*call, {ok(list), ok(listOf({txn(9, u"Create"_s, u"bob"_s, u"2026-12-07T10:00:05Z"_s)})),
                                     ok(listOf({})), json(404, R"({"message":"Not Found"})")});
        QVERIFY(page.ok());
        QVERIFY(page->more);
        QCOMPARE(page->next.value, u"2026-12-07T10:00:05Z|3"_s);
        QCOMPARE(page->tickets.first().ticket.customer.id, u"bob"_s); // the user record was not visible: still read
    }

    void badItemsStayWithTheirItem()
    {
        RtConnector rt(config());
        auto call = rt.pullTickets({}, 50);
        const QList<HttpResponse> answers{
            ok(listOf({ticketSummary(1, u"2026-12-07T10:00:01Z"_s, u"a@x"_s),
                       ticketSummary(2, u"2026-12-07T10:00:02Z"_s, u"a@x"_s),
                       ticketSummary(3, u"2026-12-07T10:00:03Z"_s, u"a@x"_s)})),
            json(200, "{\"items\": [ {\"id\": \"5\", \"Type\": \"Cre"), // ticket 1: history cut off
            ok(listOf({})),
            ok({{u"Name"_s, u"a@x"_s}}),
            ok(listOf({})), // ticket 2: no history visible (deleted between search and read)
            ok(listOf({})),
            ok(listOf({txn(30, u"Create"_s, u"a@x"_s, u"2026-12-07T10:00:03Z"_s)})), // ticket 3 is fine
            ok(listOf({part(30, u"text/plain"_s, u"hello"_s)})),
        };
        auto page = runWithResponses(*call, answers);
        QVERIFY(page.ok());
        QCOMPARE(page->tickets.size(), 1);
        QCOMPARE(page->tickets.first().externalId, u"3"_s);
        QCOMPARE(page->itemErrors.size(), 2);
        QCOMPARE(page->itemErrors[0].itemId, u"1"_s);
        QCOMPARE(page->itemErrors[0].error.kind, HelpdeskError::Kind::Malformed);
        QVERIFY2(page->itemErrors[0].error.message.contains(u"history of ticket 1"_s),
                 qPrintable(page->itemErrors[0].error.message));
        QCOMPARE(page->itemErrors[1].itemId, u"2"_s);
        QCOMPARE(page->itemErrors[1].error.kind, HelpdeskError::Kind::NotFound);
        // The cursor passes the bad items too: they are reported, not retried forever.
        QCOMPARE(page->next.value, u"2026-12-07T10:00:03Z|0"_s);
    }

    void wholeCallErrors()
    {
        RtConnector rt(config());
        {
            auto call = rt.pullTickets({}, 10);
            auto r = runWithResponses(*call, {json(200, "<html>RT setup wizard</html>")});
            QVERIFY(!r.ok());
            QCOMPARE(r.error().kind, HelpdeskError::Kind::Malformed);
            QVERIFY(r.error().message.contains(u"not JSON"_s));
        }
        {
            auto call = rt.pullTickets({}, 10);
            auto r = runWithResponses(*call, {json(401, R"({"message":"Unauthorized"})")});
            QVERIFY(!r.ok());
            QCOMPARE(r.error().kind, HelpdeskError::Kind::Auth);
        }
        {
            // Auth lost half-way: the whole call fails (no page, so the cursor does not move).
            auto call = rt.pullTickets({}, 10);
            auto r = runWithResponses(
                *call, {ok(listOf({ticketSummary(1, u"2026-12-07T10:00:01Z"_s, u"a@x"_s)})), json(403, "{}")});
            QVERIFY(!r.ok());
            QCOMPARE(r.error().kind, HelpdeskError::Kind::Auth);
        }
        {
            auto call = rt.pullTickets({}, 10);
            auto r = runWithResponses(*call, {json(429, "{}", {{"Retry-After", "30"}})});
            QCOMPARE(r.error().kind, HelpdeskError::Kind::RateLimited);
            QCOMPARE(r.error().retryAfterSeconds, 30);
        }
    }

    void fetchOfADeletedTicketIsNotFound()
    {
        RtConnector rt(config());
        auto call = rt.fetchTicket(u"4"_s);
        auto r = runWithResponses(*call, {ok(ticketSummary(4, u"2026-12-07T10:00:01Z"_s, u"a@x"_s, u"deleted"_s))});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, HelpdeskError::Kind::NotFound);
        QCOMPARE(r.error().itemId, u"4"_s);
        QVERIFY(r.error().message.contains(u"deleted in RT"_s));

        auto gone = rt.fetchTicket(u"999"_s);
        auto r2 = runWithResponses(*gone, {json(404, R"({"message":"Not Found"})")});
        QCOMPARE(r2.error().kind, HelpdeskError::Kind::NotFound);
    }

    void postReplyLooksFirstThenPostsWithTheMarker()
    {
        RtConnector rt(config());
        OutgoingReply reply{u"7"_s,
                            u"Try the reset button."_s,
                            false,
                            u"k-77"_s,
                            QDateTime::fromString(u"2026-12-07T10:00:00Z"_s, Qt::ISODate),
                            {},
                            u"resolved"_s};
        {
            // Already there (marker): no POST.
            auto call = rt.postReply(reply);
            QList<HttpRequest> sent;
            auto r = runWithResponses(
                *call, {ok(listOf({txn(22, u"Correspond"_s, u"root"_s, u"2026-12-07T10:00:03Z"_s, u"k-77"_s)}))},
                &sent);
            QVERIFY(r.ok());
            QCOMPARE(sent.size(), 1);
            QVERIFY(r->alreadyThere);
            QCOMPARE(r->externalId, u"22"_s);
        }
        {
            auto call = rt.postReply(reply);
            QList<HttpRequest> sent;
            auto r = runWithResponses(
                *call,
                {ok(listOf({txn(22, u"Correspond"_s, u"root"_s, u"2026-12-07T10:00:03Z"_s, u"other"_s)})),
                 ok(listOf({part(22, u"text/plain"_s, u"Something else"_s)})),
                 json(201, R"(["Correspondence added","Custom fields updated"])",
                      {{"Location", "/REST/2.0/transaction/61"}, {"Date", "Mon, 07 Dec 2026 17:48:34 GMT"}})},
                &sent);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
            QCOMPARE(sent.size(), 3);
            const HttpRequest &post = sent.last();
            QCOMPARE(post.method, QByteArray("POST"));
            QVERIFY(post.pathAndQuery.endsWith(u"/ticket/7/correspond"_s));
            QVERIFY(!post.idempotent);
            const QJsonObject body = QJsonDocument::fromJson(post.body).object();
            QCOMPARE(body.value(u"ContentType"_s).toString(), u"text/plain"_s);
            QCOMPARE(body.value(u"Status"_s).toString(), u"resolved"_s);
            QCOMPARE(body.value(u"TxnCustomFields"_s).toObject().value(u"Understudy Key"_s).toString(), u"k-77"_s);
            QCOMPARE(r->externalId, u"61"_s);
            QVERIFY(!r->alreadyThere);
            QCOMPARE(r->at, QDateTime::fromString(u"2026-12-07T17:48:34Z"_s, Qt::ISODate));
            QVERIFY(r->warning.isEmpty());
        }
        {
            // Without the marker field RT still posts; the reply says the marker was not kept.
            auto call = rt.postReply(reply, false);
            auto r = runWithResponses(
                *call,
                {json(201, R"(["Correspondence added","Unable to load transaction custom field: Understudy Key"])",
                      {{"Location", "/REST/2.0/transaction/62"}})});
            QVERIFY(r.ok());
            QVERIFY(r->warning.contains(u"marker is not kept"_s));
        }
        {
            // A 500 to the POST: it may have landed, so the caller must look before trying again.
            auto call = rt.postReply(reply, false);
            auto r = runWithResponses(*call, {json(500, "")});
            QVERIFY(!r.ok());
            QVERIFY(r.error().outcomeUnknown);
        }
    }

    void findReplyByTextWhenTheMarkerIsGone()
    {
        auto c = config();
        c.user = u"root"_s;
        c.secret = u"pw"_s;
        RtConnector rt(c);
        ReplyLookup l;
        l.ticketExternalId = u"7"_s;
        l.idempotencyKey = u"k-1"_s;
        l.body = u"Line one\r\nLine two  \n"_s;
        l.around = QDateTime::fromString(u"2026-12-07T10:00:00Z"_s, Qt::ISODate);
        l.windowSeconds = 600;
        auto call = rt.findReply(l);
        QList<HttpRequest> sent;
        auto r =
            runWithResponses(*call,
                             {ok(listOf({txn(22, u"Correspond"_s, u"root"_s, u"2026-12-07T09:00:00Z"_s), // too early
                                         txn(23, u"Correspond"_s, u"root"_s, u"2026-12-07T10:01:00Z"_s),
                                         txn(24, u"Correspond"_s, u"bob"_s, u"2026-12-07T10:01:00Z"_s)})),
                              ok(listOf({part(22, u"text/plain"_s, u"Line one\nLine two"_s),
                                         part(24, u"text/plain"_s, u"Line one\nLine two"_s),
                                         part(23, u"text/plain"_s, u"Line one\nLine two\n"_s)}))},
                             &sent);
        QVERIFY(r.ok());
        QVERIFY(r->has_value());
        QCOMPARE(r.value()->externalId, u"23"_s);
        QVERIFY(r.value()->matchedByText);
        QVERIFY(sent[0].headers.first().second.startsWith("Basic "));
    }

    void statusTagsAndArticles()
    {
        RtConnector rt(config());
        {
            auto call = rt.setStatus(u"7"_s, u"pending"_s);
            QList<HttpRequest> sent;
            auto r =
                runWithResponses(*call, {json(200, "[\"Ticket 7: Status changed from 'open' to 'stalled'\"]")}, &sent);
            QVERIFY(r.ok());
            QCOMPARE(QJsonDocument::fromJson(sent[0].body).object().value(u"Status"_s).toString(), u"stalled"_s);
        }
        {
            auto call = rt.setStatus(u"7"_s, u"resolved"_s);
            auto r = runWithResponses(
                *call, {json(200, "[\"Ticket 7: Status 'resolved' isn't a valid status for this ticket.\"]")});
            QVERIFY(!r.ok());
            QCOMPARE(r.error().kind, HelpdeskError::Kind::Rejected);
        }
        {
            auto call = rt.setStatus(u"7"_s, u"sideways"_s);
            auto r = runWithResponses(*call, {});
            QCOMPARE(r.error().kind, HelpdeskError::Kind::Rejected);
        }
        {
            auto call = rt.addTags(u"7"_s, {u"understudy_sent_as_is"_s, u"vip"_s});
            QList<HttpRequest> sent;
            auto r = runWithResponses(*call,
                                      {ok(ticketSummary(7, u"2026-12-07T10:00:01Z"_s, u"a@x"_s, u"open"_s, {u"vip"_s})),
                                       json(200, R"(["understudy_sent_as_is added as a value for Understudy Tags"])")},
                                      &sent);
            QVERIFY(r.ok());
            QCOMPARE(sent.size(), 2);
            QCOMPARE(QJsonDocument::fromJson(sent[1].body)
                         .object()
                         .value(u"CustomFields"_s)
                         .toObject()
                         .value(u"Understudy Tags"_s)
                         .toArray(),
                     (QJsonArray{u"vip"_s, u"understudy_sent_as_is"_s}));
        }
        {
            QJsonObject noField = ticketSummary(7, u"2026-12-07T10:00:01Z"_s, u"a@x"_s);
            noField[u"CustomFields"_s] = QJsonArray();
            auto call = rt.addTags(u"7"_s, {u"x"_s});
            auto r = runWithResponses(*call, {ok(noField)});
            QVERIFY(!r.ok());
            QCOMPARE(r.error().kind, HelpdeskError::Kind::Config);
            QVERIFY(r.error().message.contains(u"Understudy Tags"_s));
        }
        {
            auto call = rt.pullArticles({}, 10);
            auto r = runWithResponses(*call, {});
            QVERIFY(!r.ok());
            QCOMPARE(r.error().kind, HelpdeskError::Kind::Unsupported);
        }
    }

    void interfaceHelpers()
    {
        HttpResponse r;
        r.headers = {{"retry-after", "120"}};
        QCOMPARE(r.retryAfterSeconds(), std::optional<int>(120));
        r.headers = {{"Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"}};
        QCOMPARE(r.retryAfterSeconds(QDateTime::fromString(u"2026-10-21T07:27:00Z"_s, Qt::ISODate)),
                 std::optional<int>(60));
        r.headers = {{"Retry-After", "soon"}};
        QVERIFY(!r.retryAfterSeconds());
        QVERIFY(HttpRequest::isSensitiveHeader("authorization"));
        QCOMPARE(findIdempotencyMarker(u"Hello\n\n[understudy:abc-1]\n"_s), u"abc-1"_s);
        QCOMPARE(stripIdempotencyMarker(u"Hello\n\n[understudy:abc-1]\n"_s), u"Hello"_s);
        QCOMPARE(normalisedReplyText(u"\r\nA  \r\nB\n\n"_s), u"A\nB"_s);
        auto c = makeHelpdeskConnector(config());
        QVERIFY(c.ok());
        QCOMPARE(c.value()->kind(), u"rt"_s);
        HelpdeskConfig nope;
        nope.kind = u"jira"_s;
        QCOMPARE(makeHelpdeskConnector(nope).error().kind, HelpdeskError::Kind::Config);
    }
};

QTEST_GUILESS_MAIN(TestRtConnector)
#include "tst_rtconnector.moc"

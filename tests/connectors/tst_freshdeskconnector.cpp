// SPDX-License-Identifier: GPL-3.0-or-later
// FreshdeskConnector over HTTP (HelpdeskExecutor) against HelpdeskDouble, the local stand-in for Freshdesk's API.
#include "HelpdeskDoubleCase.h"

#include <FreshdeskConnector.h>
#include <HelpdeskExecutor.h>

#include <QSet>
#include <QTest>

using namespace understudy;
using namespace understudy::connectors;
using understudy::sync::HelpdeskExecutor;
using namespace understudy::test;
using namespace Qt::StringLiterals;

namespace {

HelpdeskConfig configFor(const HelpdeskDouble &server, const QString &secret)
{
    HelpdeskConfig c;
    c.kind = u"freshdesk"_s;
    c.baseUrl = server.url().toString();
    c.secret = secret.isEmpty() ? HelpdeskDouble::freshdeskKey() : secret;
    c.idPrefix = u"fd-"_s;
    return c;
}

} // namespace

class TestFreshdeskConnector : public QObject, protected HelpdeskDoubleCase {
    Q_OBJECT

public:
    TestFreshdeskConnector() : HelpdeskDoubleCase(Vendor::Freshdesk, configFor) {}

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void checkAccess() { checkAccessAndAWrongSecret(u"freshdesk"_s, HelpdeskDouble::freshdeskKey()); }

    void fixtureTicketsAreRead()
    {
        const Pulled all = pullAll(*m_connector, *m_executor, {}, 100);
        QCOMPARE(all.pages, 1);
        QVERIFY2(all.errors.isEmpty(), qPrintable(all.errors.value(0).error.toString()));
        QCOMPARE(all.tickets.size(), 5);

        const HelpdeskTicket *t = find(all.tickets, u"201"_s);
        QVERIFY(t);
        QCOMPARE(t->ticket.id, u"fd-201"_s);
        QCOMPARE(t->ticket.customer.name, u"Ines Duarte"_s);
        QCOMPARE(t->ticket.customer.email, u"ines@duarte-studio.test"_s);
        QCOMPARE(t->ticket.customer.tier, u"pro"_s);
        QCOMPARE(t->organisation, u"Duarte Studio"_s);
        QCOMPARE(t->ticket.status, u"open"_s);
        QCOMPARE(t->helpdeskStatus, u"2"_s);
        QCOMPARE(t->ticket.language, u"pt"_s);
        QCOMPARE(t->tags, QStringList{u"export"_s});
        QCOMPARE(t->ticket.messages.size(), 3);
        QCOMPARE(t->ticket.messages.at(0).author, u"customer"_s);
        QCOMPARE(t->ticket.messages.at(1).author, u"agent"_s);
        QCOMPARE(t->ticket.messages.at(2).author, u"customer"_s);
        QCOMPARE(t->ticket.messages.at(2).body, u"Uso o Firefox, versão mais recente."_s);

        const HelpdeskTicket *note = find(all.tickets, u"202"_s);
        QCOMPARE(note->ticket.status, u"pending"_s);
        QCOMPARE(note->messages.size(), 3);
        QVERIFY(note->messages.at(1).internal);
        QCOMPARE(note->ticket.messages.size(), 2); // the private note is not in the conversation
        QVERIFY(note->ticket.messages.last().body.contains(u"Billing > Retry"_s));
        QVERIFY(note->ticket.customer.tier.isEmpty());

        const HelpdeskTicket *html = find(all.tickets, u"203"_s);
        QCOMPARE(html->ticket.language, u"fr"_s);
        QCOMPARE(html->ticket.customer.tier, u"enterprise"_s); // account_tier
        for (const Message &m : html->ticket.messages)
            QVERIFY2(!m.body.contains(u"script"_s) && !m.body.contains(u"cookie"_s), qPrintable(m.body));
        QCOMPARE(find(all.tickets, u"204"_s)->ticket.status, u"resolved"_s);
        QCOMPARE(find(all.tickets, u"205"_s)->ticket.messages.size(), 1); // a 4 GiB attachment listed: no matter
        QCOMPARE(m_server->count(u"^GET /api/v2/companies/"_s), 2);       // once per company
    }

    void fullIncrementalPullAcrossPages()
    {
        for (int i = 0; i < 23; ++i)
            m_server->addTicket(u"Generated question %1"_s.arg(i), u"How do I change plan number %1?"_s.arg(i));
        const Pulled all = pullAll(*m_connector, *m_executor, {}, 4);
        QVERIFY(all.errors.isEmpty());
        QVERIFY2(all.pages >= 7 && all.pages <= 12, qPrintable(QString::number(all.pages)));
        const QStringList ids = idsOf(all.tickets);
        QCOMPARE(ids.size(), 28);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 28);
        // The cursor moves updated_since on instead of walking pages past Freshdesk's 300-page limit.
        QCOMPARE(m_server->count(u"^GET /api/v2/tickets\\?.*page=1&"_s), all.pages);

        auto again = m_executor->runBlocking(m_connector->pullTickets(all.cursor, 4));
        QVERIFY(again.ok());
        QVERIFY(again->tickets.isEmpty());
        QVERIFY(!again->more);
    }

    void manyTicketsInOneSecond()
    {
        // Freshdesk keeps whole seconds: a page full of tickets updated in the same second goes on by page.
        m_server->freezeClock(true);
        QList<qint64> ids;
        for (int i = 0; i < 9; ++i)
            ids << m_server->addTicket(u"Same second %1"_s.arg(i), u"Text %1"_s.arg(i));
        m_server->freezeClock(false);
        QCOMPARE(m_server->ticket(ids.first()).value(u"updated_at"), m_server->ticket(ids.last()).value(u"updated_at"));
        Pulled all = pullAll(*m_connector, *m_executor, {}, 3);
        QStringList got = idsOf(all.tickets);
        QCOMPARE(QSet<QString>(got.begin(), got.end()).size(), 14);
        QCOMPARE(got.size(), 14);
        QVERIFY(m_server->count(u"page=3&"_s) > 0); // the crowded second was read page by page

        // Resumed later with another page size, a new ticket still comes, and nothing else again.
        const qint64 fresh = m_server->addTicket(u"Later"_s, u"Hello"_s);
        all = pullAll(*m_connector, *m_executor, all.cursor, 50);
        QCOMPARE(idsOf(all.tickets), QStringList{QString::number(fresh)});
    }

    void cursorResumesAfterRestart()
    {
        for (int i = 0; i < 10; ++i)
            m_server->addTicket(u"Question %1"_s.arg(i), u"Text %1"_s.arg(i));
        QStringList first;
        HelpdeskCursor saved;
        {
            const auto connector = this->connector();
            for (int i = 0; i < 2; ++i) {
                auto page = m_executor->runBlocking(connector->pullTickets(saved, 5));
                QVERIFY(page.ok());
                QVERIFY(page->more);
                first << idsOf(page->tickets);
                saved = page->next;
            }
        }
        m_server->addCustomerMessage(first.first().toLongLong(), u"Any news?"_s);
        const qint64 fresh = m_server->addTicket(u"Brand new"_s, u"Hello there"_s);

        const auto restarted = this->connector();
        const Pulled rest = pullAll(*restarted, *m_executor, saved, 5);
        const QStringList second = idsOf(rest.tickets);
        QSet<QString> all(first.begin(), first.end());
        QCOMPARE(all.size(), first.size());
        for (const QString &id : second) {
            QVERIFY2(!all.contains(id) || id == first.first(), qPrintable(id));
            all.insert(id);
        }
        QCOMPARE(all.size(), 5 + 10 + 1);
        QVERIFY(second.contains(QString::number(fresh)));
        QCOMPARE(find(rest.tickets, first.first())->ticket.messages.last().body, u"Any news?"_s);
    }

    void articlesWithLocales()
    {
        auto page = m_executor->runBlocking(m_connector->pullArticles({}, 50));
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
        QVERIFY(page->itemErrors.isEmpty());
        QVERIFY(!page->more);
        QHash<QString, HelpdeskArticle> byId;
        for (const HelpdeskArticle &a : page->articles)
            byId.insert(a.article.id, a);
        QCOMPARE(byId.size(), 5);
        QCOMPARE(byId.value(u"fd-kb-50001"_s).article.language, u"en"_s);
        QCOMPARE(byId.value(u"fd-kb-50001-fr"_s).article.title, u"Exporter un rapport"_s);
        QCOMPARE(byId.value(u"fd-kb-50001-fr"_s).article.language, u"fr"_s);
        QCOMPARE(byId.value(u"fd-kb-50001-pt-br"_s).locale, u"pt-BR"_s);
        QCOMPARE(byId.value(u"fd-kb-50001-pt-br"_s).article.language, u"pt"_s);
        QCOMPARE(byId.value(u"fd-kb-50003"_s).article.status, u"deprecated"_s); // draft
        QCOMPARE(byId.value(u"fd-kb-50002"_s).article.status, u"active"_s);
        QVERIFY(byId.value(u"fd-kb-50001"_s).article.body.contains(u"Export > CSV"_s));
        QCOMPARE(byId.value(u"fd-kb-50001"_s).article.tags, (QStringList{u"export"_s, u"reports"_s}));
        QCOMPARE(byId.value(u"fd-kb-50001"_s).article.url,
                 m_server->url().toString() + u"/support/solutions/articles/50001"_s);

        auto again = m_executor->runBlocking(m_connector->pullArticles(page->next, 50));
        QVERIFY(again.ok());
        QVERIFY2(again->articles.isEmpty(), qPrintable(again->articles.value(0).article.id));
        m_server->setTranslation(50002, u"fr"_s, u"Pourquoi ma carte a-t-elle été refusée ?"_s,
                                 u"<p>Réessayez le paiement depuis Facturation.</p>"_s);
        const qint64 added = m_server->addArticle(u"New article"_s, u"<p>Fresh</p>"_s, u"en"_s);
        auto changed = m_executor->runBlocking(m_connector->pullArticles(again->next, 50));
        QVERIFY(changed.ok());
        QStringList ids;
        for (const HelpdeskArticle &a : changed->articles)
            ids << a.article.id;
        ids.sort();
        QCOMPARE(ids, (QStringList{u"fd-kb-50002-fr"_s, u"fd-kb-%1"_s.arg(added)}));
    }

    void postReplyAndNote()
    {
        OutgoingReply reply;
        reply.ticketExternalId = u"201"_s;
        reply.body = u"Olá Ines,\n\no relatório grande chega por e-mail.\n\nRosa"_s;
        reply.idempotencyKey = u"key-reply-1"_s;
        reply.createdAt = QDateTime::currentDateTimeUtc();
        auto posted = m_executor->runBlocking(m_connector->postReply(reply));
        QVERIFY2(posted.ok(), qPrintable(posted.ok() ? QString() : posted.error().toString()));
        QVERIFY(!posted->alreadyThere);
        QCOMPARE(m_server->postedCount(201), 1);
        const QJsonObject c = m_server->comments(201).last().toObject();
        QVERIFY(!c.value(u"private").toBool());
        QVERIFY(!c.value(u"body").toString().contains(u"understudy"_s)); // no marker the customer would read
        QVERIFY(c.value(u"body").toString().contains(u"o relatório grande chega por e-mail."_s));
        QCOMPARE(QString::number(c.value(u"id").toInteger()), posted->externalId);

        OutgoingReply note = reply;
        note.body = u"Customer on Firefox; checking the export queue."_s;
        note.internal = true;
        note.idempotencyKey = u"key-note-1"_s;
        note.statusAfter = u"pending"_s;
        posted = m_executor->runBlocking(m_connector->postReply(note));
        QVERIFY(posted.ok());
        QCOMPARE(m_server->postedCount(201), 2);
        const QJsonObject n = m_server->comments(201).last().toObject();
        QVERIFY(n.value(u"private").toBool());
        QVERIFY(n.value(u"body_text").toString().contains(u"[understudy:key-note-1]"_s));
        QCOMPARE(m_server->ticket(201).value(u"status").toInt(), 3);

        auto fetched = m_executor->runBlocking(m_connector->fetchTicket(u"201"_s));
        QVERIFY2(fetched.ok(), qPrintable(fetched.ok() ? QString() : fetched.error().toString()));
        QCOMPARE(fetched->messages.size(), 5);
        QVERIFY(fetched->messages.last().internal);
        QCOMPARE(fetched->messages.last().idempotencyKey, u"key-note-1"_s);
        QCOMPARE(fetched->messages.last().message.body, note.body); // the marker line is not part of the text
        QCOMPARE(fetched->ticket.status, u"pending"_s);
        QCOMPARE(fetched->ticket.customer.tier, u"pro"_s);
    }

    void exactlyOnceLookup()
    {
        OutgoingReply reply;
        reply.ticketExternalId = u"202"_s;
        reply.body = u"Hi Tom,\nthe retry went through; you're all set."_s;
        reply.idempotencyKey = u"key-once"_s;
        reply.createdAt = QDateTime::currentDateTimeUtc();

        // Freshdesk took the POST but the answer is cut off: no resend, an unknown outcome...
        m_server->inject(u"^POST /api/v2/tickets/202/reply"_s,
                         HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Cut, 0, -1, true});
        auto lost = m_executor->runBlocking(m_connector->postReply(reply));
        QVERIFY(!lost.ok());
        QVERIFY(lost.error().outcomeUnknown);
        QCOMPARE(m_server->postedCount(202), 1);
        // ...and the rerun finds the public reply by agent + exact text + time window (it carries no marker).
        auto rerun = m_executor->runBlocking(m_connector->postReply(reply));
        QVERIFY(rerun.ok());
        QVERIFY(rerun->alreadyThere);
        QVERIFY(rerun->matchedByText);
        QCOMPARE(m_server->postedCount(202), 1);

        // A note is found by its marker.
        OutgoingReply note = reply;
        note.internal = true;
        note.idempotencyKey = u"key-note"_s;
        note.body = u"Refund not needed."_s;
        m_server->inject(u"^POST /api/v2/tickets/202/notes"_s,
                         HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Status, 502, -1, true});
        lost = m_executor->runBlocking(m_connector->postReply(note));
        QVERIFY(!lost.ok());
        QVERIFY(lost.error().outcomeUnknown);
        rerun = m_executor->runBlocking(m_connector->postReply(note));
        QVERIFY(rerun.ok());
        QVERIFY(rerun->alreadyThere);
        QVERIFY(!rerun->matchedByText);
        QCOMPARE(m_server->postedCount(202), 2);

        ReplyLookup lookup;
        lookup.ticketExternalId = u"202"_s;
        lookup.idempotencyKey = u"key-other"_s;
        lookup.body = u"Something else entirely."_s;
        lookup.around = reply.createdAt;
        auto none = m_executor->runBlocking(m_connector->findReply(lookup));
        QVERIFY(none.ok() && !none->has_value());
        lookup.body = reply.body;
        lookup.around = reply.createdAt.addDays(-1);
        none = m_executor->runBlocking(m_connector->findReply(lookup));
        QVERIFY(none.ok() && !none->has_value()); // outside the window
        // The same agent's reply with the same text, but from March: outside the window, not this one.
        lookup.body =
            u"Hi Tom, the bank's 3-D Secure check timed out. Please retry the payment from Billing > Retry."_s;
        lookup.around = reply.createdAt;
        none = m_executor->runBlocking(m_connector->findReply(lookup));
        QVERIFY(none.ok() && !none->has_value());
    }

    void connectionDroppedBeforeAnyAnswer()
    {
        OutgoingReply reply;
        reply.ticketExternalId = u"204"_s;
        reply.body = u"Glad it is sorted."_s;
        reply.createdAt = QDateTime::currentDateTimeUtc();
        aDroppedAnswerIsNeverResent(reply, u"^POST /api/v2/tickets/204/reply"_s);
    }

    void handoffSetsGroupAndPriority()
    {
        // A group by name is looked up across the groups' pages (Link rel="next"; "Legal" is on the second).
        m_server->setPageSize(2);
        QVERIFY(m_executor->runBlocking(m_connector->setHandoff(u"202"_s, {u"Legal"_s, u"urgent"_s})).ok());
        QCOMPARE(m_server->ticket(202).value(u"group_id").toInteger(), 46003);
        QCOMPARE(m_server->ticket(202).value(u"priority").toInt(), 4);
        QCOMPARE(m_server->count(u"^GET /api/v2/groups"_s), 2);
        QVERIFY(m_executor->runBlocking(m_connector->setHandoff(u"202"_s, {u"46001"_s, u"low"_s})).ok());
        QCOMPARE(m_server->ticket(202).value(u"group_id").toInteger(), 46001);
        QCOMPARE(m_server->ticket(202).value(u"priority").toInt(), 1);
        m_server->clearLog();
        auto noGroup = m_executor->runBlocking(m_connector->setHandoff(u"202"_s, {u"Nobody"_s, {}}));
        QVERIFY(!noGroup.ok());
        QCOMPARE(noGroup.error().kind, HelpdeskError::Kind::Rejected);
        QVERIFY2(noGroup.error().message.contains(u"Nobody"_s), qPrintable(noGroup.error().message));
        auto badPriority = m_executor->runBlocking(m_connector->setHandoff(u"202"_s, {{}, u"asap"_s}));
        QVERIFY(!badPriority.ok());
        QCOMPARE(badPriority.error().kind, HelpdeskError::Kind::Rejected);
        QCOMPARE(m_server->count(u"^PUT"_s), 0);
    }

    void setStatusAndTags()
    {
        QVERIFY(m_executor->runBlocking(m_connector->setStatus(u"203"_s, u"closed"_s)).ok());
        QCOMPARE(m_server->ticket(203).value(u"status").toInt(), 5);
        QVERIFY(m_executor->runBlocking(m_connector->addTags(u"202"_s, {u"understudy_edited"_s, u"billing"_s})).ok());
        QCOMPARE(m_server->ticket(202).value(u"tags").toArray(),
                 (QJsonArray{u"billing"_s, u"renewal"_s, u"understudy_edited"_s}));
        m_server->clearLog();
        QVERIFY(m_executor->runBlocking(m_connector->addTags(u"202"_s, {u"billing"_s})).ok());
        QCOMPARE(m_server->count(u"^PUT"_s), 0); // nothing new: no write

        auto bad = m_executor->runBlocking(m_connector->setStatus(u"203"_s, u"exploded"_s));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind, HelpdeskError::Kind::Rejected);
        QCOMPARE(m_server->count(u"^PUT"_s), 0);
        auto missing = m_executor->runBlocking(m_connector->setStatus(u"999"_s, u"open"_s));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind, HelpdeskError::Kind::NotFound);
        auto refused =
            m_executor->runBlocking(m_connector->addTags(u"202"_s, {u"a-tag-that-is-far-too-long-for-freshdesk"_s}));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, HelpdeskError::Kind::Rejected);
    }

    void rateLimitHonoursRetryAfter() { rateLimitIsWaitedOut(u"^GET /api/v2/tickets\\?"_s, 5); }

    void serverErrorsRetriedThenClearError()
    {
        m_server->injectStatus(u"^GET /api/v2/tickets/201/conversations"_s, 500, 2);
        auto page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(page.ok());
        QCOMPARE(page->tickets.size(), 5);
        QCOMPARE(m_server->count(u"^GET /api/v2/tickets/201/conversations"_s), 3);

        m_server->clearLog();
        m_server->injectStatus(u"^GET /api/v2/tickets\\?"_s, 503, 100);
        page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, HelpdeskError::Kind::Server);
        QVERIFY(page.error().message.contains(u"Freshdesk"_s));
        QCOMPARE(m_server->count(u"^GET /api/v2/tickets\\?"_s), fastRetries().maxAttempts);

        // A conversation read failing for good stops the call (the cursor must not pass that ticket).
        m_server->clearFaults();
        m_server->injectStatus(u"^GET /api/v2/tickets/204/conversations"_s, 500, 100);
        page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().itemId, u"204"_s);
    }

    void badItemsDoNotStopTheRest()
    {
        m_server->inject(u"^GET /api/v2/tickets/202/conversations"_s,
                         HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::MalformedJson, 200, -1, false});
        m_server->inject(u"^GET /api/v2/tickets/203/conversations"_s,
                         HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Html, 200, -1, false});
        m_server->injectStatus(u"^GET /api/v2/tickets/204/conversations"_s, 404);
        auto page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(page.ok());
        QCOMPARE(idsOf(page->tickets), (QStringList{u"201"_s, u"205"_s}));
        QHash<QString, HelpdeskError> errors;
        for (const ItemError &e : page->itemErrors)
            errors.insert(e.itemId, e.error);
        QCOMPARE(errors.size(), 3);
        QCOMPARE(errors.value(u"202"_s).kind, HelpdeskError::Kind::Malformed);
        QCOMPARE(errors.value(u"203"_s).kind, HelpdeskError::Kind::Malformed);
        QVERIFY(errors.value(u"203"_s).message.contains(u"HTML"_s));
        QCOMPARE(errors.value(u"204"_s).kind, HelpdeskError::Kind::NotFound);
        QVERIFY(errors.value(u"204"_s).message.contains(u"204"_s));

        // Deleted in Freshdesk: no longer listed, and a read of it is NotFound.
        m_server->deleteTicket(205);
        auto gone = m_executor->runBlocking(m_connector->fetchTicket(u"205"_s));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().kind, HelpdeskError::Kind::NotFound);

        m_server->inject(u"^GET /api/v2/tickets\\?"_s,
                         HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Html, 200, -1, false});
        page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, HelpdeskError::Kind::Malformed);
        QVERIFY(page.error().message.contains(u"HTML page"_s));
        m_server->clearLog();
        page = m_executor->runBlocking(m_connector->pullTickets(HelpdeskCursor{u"zendesk:c:abc"_s}, 10));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, HelpdeskError::Kind::Config);
        QVERIFY(m_server->log().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFreshdeskConnector)
#include "tst_freshdeskconnector.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// ZendeskConnector over HTTP (HelpdeskExecutor) against HelpdeskDouble, the local stand-in for Zendesk's API.
#include "HelpdeskDoubleCase.h"

#include <HelpdeskExecutor.h>
#include <ZendeskConnector.h>

#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace understudy;
using namespace understudy::connectors;
using understudy::sync::HelpdeskExecutor;
using namespace understudy::test;
using namespace Qt::StringLiterals;

namespace {

HelpdeskConfig configFor(const HelpdeskDouble &server, const QString &secret)
{
    HelpdeskConfig c;
    c.kind = u"zendesk"_s;
    c.baseUrl = server.url().toString();
    c.user = HelpdeskDouble::zendeskEmail();
    c.secret = secret.isEmpty() ? HelpdeskDouble::zendeskToken() : secret;
    c.idPrefix = u"zd-"_s;
    return c;
}

} // namespace

class TestZendeskConnector : public QObject, protected HelpdeskDoubleCase {
    Q_OBJECT

public:
    TestZendeskConnector() : HelpdeskDoubleCase(Vendor::Zendesk, configFor) {}

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void checkAccess() { checkAccessAndAWrongSecret(u"zendesk"_s, HelpdeskDouble::zendeskToken()); }

    void fixtureTicketsAreRead()
    {
        const Pulled all = pullAll(*m_connector, *m_executor, {}, 100);
        QCOMPARE(all.pages, 1);
        QVERIFY2(all.errors.isEmpty(), qPrintable(all.errors.value(0).error.toString()));
        QCOMPARE(all.tickets.size(), 7);

        const HelpdeskTicket *t = find(all.tickets, u"101"_s);
        QVERIFY(t);
        QCOMPARE(t->ticket.id, u"zd-101"_s);
        QCOMPARE(t->ticket.subject, u"Can't reset my password"_s);
        QCOMPARE(t->ticket.customer.name, u"Mara Lindqvist"_s);
        QCOMPARE(t->ticket.customer.email, u"mara@harbor-analytics.test"_s);
        QCOMPARE(t->ticket.customer.tier, u"enterprise"_s);
        QCOMPARE(t->organisation, u"Harbor Analytics"_s);
        QCOMPARE(t->ticket.status, u"open"_s);
        QCOMPARE(t->ticket.language, u"en"_s);
        QCOMPARE(t->tags, (QStringList{u"login"_s, u"password"_s}));
        QCOMPARE(t->ticket.messages.size(), 3); // the internal note is not part of the conversation
        QCOMPARE(t->ticket.messages.first().author, u"customer"_s);
        QCOMPARE(t->ticket.messages.at(1).author, u"agent"_s);
        QCOMPARE(t->messages.size(), 4);
        QVERIFY(t->messages.at(1).internal);
        QCOMPARE(t->messages.at(1).authorName, u"Rosa Ibarra"_s);
        QCOMPARE(t->updatedAt, QDateTime(QDate(2025, 3, 1), QTime(10, 30), QTimeZone::utc()));

        QCOMPARE(find(all.tickets, u"102"_s)->ticket.language, u"fr"_s);
        QCOMPARE(find(all.tickets, u"102"_s)->ticket.status, u"pending"_s);
        QCOMPARE(find(all.tickets, u"103"_s)->ticket.language, u"de"_s);
        QCOMPARE(find(all.tickets, u"103"_s)->ticket.customer.tier, u"pro"_s); // from the organisation's tags
        QCOMPARE(find(all.tickets, u"105"_s)->ticket.status, u"resolved"_s);
        QCOMPARE(find(all.tickets, u"107"_s)->ticket.status, u"pending"_s); // hold

        // A script in an HTML comment never reaches the text; unknown fields are ignored.
        const HelpdeskTicket *html = find(all.tickets, u"104"_s);
        QVERIFY(html);
        for (const Message &m : html->ticket.messages) {
            QVERIFY2(!m.body.contains(u"script"_s) && !m.body.contains(u"cookie"_s), qPrintable(m.body));
            QVERIFY(!m.body.contains(u"display:none"_s));
        }
        QVERIFY(html->ticket.messages.first().body.contains(u"the page is blank"_s));
        // Listed attachments of 2 GiB each change nothing.
        QCOMPARE(find(all.tickets, u"105"_s)->ticket.messages.size(), 2);

        const HelpdeskTicket *gone = find(all.tickets, u"106"_s);
        QVERIFY(gone);
        QVERIFY(gone->deleted);
        QCOMPARE(m_server->count(u"comments"_s), 6); // none for the deleted ticket
    }

    void fullIncrementalPullAcrossPages()
    {
        for (int i = 0; i < 23; ++i)
            m_server->addTicket(u"Generated question %1"_s.arg(i), u"How do I change plan number %1?"_s.arg(i));
        const Pulled all = pullAll(*m_connector, *m_executor, {}, 4);
        QCOMPARE(all.pages, 8); // 30 tickets, 4 a page
        QVERIFY(all.errors.isEmpty());
        const QStringList ids = idsOf(all.tickets);
        QCOMPARE(ids.size(), 30);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 30);
        QCOMPARE(m_server->count(u"^GET /api/v2/incremental/tickets/cursor"_s), 8);

        // Caught up: the next pull from the last cursor brings nothing and says so.
        auto again = m_executor->runBlocking(m_connector->pullTickets(all.cursor, 4));
        QVERIFY(again.ok());
        QVERIFY(again->tickets.isEmpty());
        QVERIFY(!again->more);
        QCOMPARE(again->next, all.cursor);
    }

    void cursorResumesAfterRestart()
    {
        for (int i = 0; i < 10; ++i)
            m_server->addTicket(u"Question %1"_s.arg(i), u"Text %1"_s.arg(i));
        // First run: two pages, then the process "dies" with the cursor of the last stored page.
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
        QCOMPARE(first.size(), 10);
        // Meanwhile a customer writes on a ticket already taken, and a new ticket comes in.
        m_server->addCustomerMessage(first.first().toLongLong(), u"Any news?"_s);
        const qint64 fresh = m_server->addTicket(u"Brand new"_s, u"Hello there"_s);

        const auto restarted = this->connector();
        const Pulled rest = pullAll(*restarted, *m_executor, saved, 5);
        const QStringList second = idsOf(rest.tickets);
        QSet<QString> all(first.begin(), first.end());
        for (const QString &id : second) {
            // Nothing taken before comes again, except the ticket that changed since.
            QVERIFY2(!all.contains(id) || id == first.first(), qPrintable(id));
            all.insert(id);
        }
        QCOMPARE(all.size(), 7 + 10 + 1); // nothing skipped
        QVERIFY(second.contains(first.first()));
        QVERIFY(second.contains(QString::number(fresh)));
        QCOMPARE(find(rest.tickets, first.first())->ticket.messages.last().body, u"Any news?"_s);
    }

    void articlesWithLocales()
    {
        auto page = m_executor->runBlocking(m_connector->pullArticles({}, 50));
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
        QVERIFY(page->itemErrors.isEmpty());
        QHash<QString, HelpdeskArticle> byId;
        for (const HelpdeskArticle &a : page->articles)
            byId.insert(a.article.id, a);
        QCOMPARE(byId.size(), 6);
        QCOMPARE(byId.value(u"zd-kb-5001"_s).locale, u"en-us"_s);
        QCOMPARE(byId.value(u"zd-kb-5001"_s).article.language, u"en"_s);
        QCOMPARE(byId.value(u"zd-kb-5001-fr"_s).article.language, u"fr"_s);
        QCOMPARE(byId.value(u"zd-kb-5001-fr"_s).article.title, u"Réinitialiser votre mot de passe"_s);
        QCOMPARE(byId.value(u"zd-kb-5001-de"_s).article.status, u"deprecated"_s); // outdated translation
        QCOMPARE(byId.value(u"zd-kb-5002-fr"_s).externalId, u"5002"_s);
        QCOMPARE(byId.value(u"zd-kb-5003"_s).article.status, u"deprecated"_s); // draft
        QVERIFY(!byId.value(u"zd-kb-5003"_s).article.body.contains(u"track("_s));
        QVERIFY(byId.value(u"zd-kb-5001"_s).article.body.contains(u"Forgot password"_s));
        QCOMPARE(byId.value(u"zd-kb-5001"_s).article.tags, (QStringList{u"password"_s, u"login"_s}));

        // From the cursor: nothing again, until a translation changes.
        auto again = m_executor->runBlocking(m_connector->pullArticles(page->next, 50));
        QVERIFY(again.ok());
        QVERIFY2(again->articles.isEmpty(), qPrintable(again->articles.value(0).article.id));
        m_server->setTranslation(5002, u"de"_s, u"Doppelte Rechnungen"_s,
                                 u"<p>Eine zweite Rechnung wird storniert.</p>"_s);
        auto changed = m_executor->runBlocking(m_connector->pullArticles(again->next, 50));
        QVERIFY(changed.ok());
        QStringList ids;
        for (const HelpdeskArticle &a : changed->articles)
            ids << a.article.id;
        ids.sort();
        QCOMPARE(ids, (QStringList{u"zd-kb-5002"_s, u"zd-kb-5002-de"_s, u"zd-kb-5002-fr"_s}));
    }

    void articlesAcrossPages()
    {
        m_server->setPageSize(2);
        for (int i = 0; i < 5; ++i)
            m_server->addArticle(u"Article %1"_s.arg(i), u"<p>Body %1</p>"_s.arg(i), u"en-us"_s);
        QSet<QString> ids;
        HelpdeskCursor cursor;
        int pages = 0;
        int duplicates = 0;
        for (; pages < 20; ++pages) {
            auto page = m_executor->runBlocking(m_connector->pullArticles(cursor, 2));
            QVERIFY(page.ok());
            for (const HelpdeskArticle &a : page->articles) {
                if (a.locale != u"en-us")
                    continue;
                if (ids.contains(a.article.id))
                    ++duplicates;
                ids.insert(a.article.id);
            }
            cursor = page->next;
            if (!page->more)
                break;
        }
        QVERIFY(pages < 20);
        QCOMPARE(ids.size(), 8);
        QCOMPARE(duplicates, 0);
    }

    void postReplyAndNote()
    {
        OutgoingReply reply;
        reply.ticketExternalId = u"101"_s;
        reply.body = u"Hi Mara,\n\nplease try the new link now.\n\nRosa"_s;
        reply.idempotencyKey = u"key-reply-1"_s;
        reply.createdAt = QDateTime::currentDateTimeUtc();
        auto posted = m_executor->runBlocking(m_connector->postReply(reply));
        QVERIFY2(posted.ok(), qPrintable(posted.ok() ? QString() : posted.error().toString()));
        QVERIFY(!posted->alreadyThere);
        QVERIFY(!posted->externalId.isEmpty());
        QCOMPARE(m_server->postedCount(101), 1);
        const QJsonObject comment = m_server->comments(101).last().toObject();
        QCOMPARE(comment.value(u"body").toString(), reply.body);
        QVERIFY(comment.value(u"public").toBool());
        QCOMPARE(QString::number(comment.value(u"id").toInteger()), posted->externalId);
        QCOMPARE(
            m_server->audits(101).last().toObject()[u"metadata"].toObject()[u"custom"].toObject()[u"understudy_key"],
            QJsonValue(u"key-reply-1"_s));
        // The customer never sees the key.
        QVERIFY(!comment.value(u"body").toString().contains(u"key-reply-1"_s));

        OutgoingReply note = reply;
        note.body = u"Customer retried; watching."_s;
        note.internal = true;
        note.idempotencyKey = u"key-note-1"_s;
        note.statusAfter = u"pending"_s;
        posted = m_executor->runBlocking(m_connector->postReply(note));
        QVERIFY(posted.ok());
        QCOMPARE(m_server->postedCount(101), 2);
        QVERIFY(!m_server->comments(101).last().toObject().value(u"public").toBool());
        QCOMPARE(m_server->ticket(101).value(u"status").toString(), u"pending"_s);

        auto fetched = m_executor->runBlocking(m_connector->fetchTicket(u"101"_s));
        QVERIFY(fetched.ok());
        QCOMPARE(fetched->messages.size(), 6);
        QCOMPARE(fetched->ticket.messages.last().body, reply.body); // the note is not in the conversation
        QVERIFY(fetched->messages.last().internal);
        QCOMPARE(fetched->ticket.status, u"pending"_s);
    }

    void exactlyOnceLookup()
    {
        OutgoingReply reply;
        reply.ticketExternalId = u"102"_s;
        reply.body = u"Bonjour Jules, la seconde facture est annulée."_s;
        reply.idempotencyKey = u"key-once"_s;
        reply.createdAt = QDateTime::currentDateTimeUtc();

        ReplyLookup lookup;
        lookup.ticketExternalId = u"102"_s;
        lookup.idempotencyKey = reply.idempotencyKey;
        lookup.body = reply.body;
        lookup.around = reply.createdAt;
        auto none = m_executor->runBlocking(m_connector->findReply(lookup));
        QVERIFY(none.ok());
        QVERIFY(!none->has_value());

        // The answer to the PUT is cut off after Zendesk took it: the executor must not resend it...
        m_server->inject(u"^PUT /api/v2/tickets/102"_s,
                         HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Cut, 0, -1, true});
        auto lost = m_executor->runBlocking(m_connector->postReply(reply));
        QVERIFY(!lost.ok());
        QVERIFY(lost.error().outcomeUnknown);
        QCOMPARE(m_server->postedCount(102), 1);
        // ...and the rerun finds it by its key instead of posting again.
        auto rerun = m_executor->runBlocking(m_connector->postReply(reply));
        QVERIFY(rerun.ok());
        QVERIFY(rerun->alreadyThere);
        QVERIFY(!rerun->matchedByText);
        QCOMPARE(m_server->postedCount(102), 1);
        auto found = m_executor->runBlocking(m_connector->findReply(lookup));
        QVERIFY(found.ok() && found->has_value());
        QCOMPARE(found.value()->externalId, rerun->externalId);

        // A reply whose marker is gone is found by author + exact text + time window; another text is not.
        OutgoingReply unmarked = reply;
        unmarked.body = u"Texte sans marque."_s;
        unmarked.idempotencyKey.clear();
        QVERIFY(m_executor->runBlocking(m_connector->postReply(unmarked, false)).ok());
        lookup.idempotencyKey = u"key-lost"_s;
        lookup.body = u"Texte sans marque.\n"_s;
        found = m_executor->runBlocking(m_connector->findReply(lookup));
        QVERIFY(found.ok() && found->has_value());
        QVERIFY(found.value()->matchedByText);
        lookup.body = u"Un autre texte."_s;
        found = m_executor->runBlocking(m_connector->findReply(lookup));
        QVERIFY(found.ok() && !found->has_value());
        lookup.body = u"Texte sans marque."_s;
        lookup.around = QDateTime::currentDateTimeUtc().addDays(-2);
        found = m_executor->runBlocking(m_connector->findReply(lookup));
        QVERIFY(found.ok() && !found->has_value()); // outside the window
    }

    void connectionDroppedBeforeAnyAnswer()
    {
        OutgoingReply reply;
        reply.ticketExternalId = u"103"_s;
        reply.body = u"Wir prüfen den Export."_s;
        reply.idempotencyKey = u"key-drop"_s;
        reply.createdAt = QDateTime::currentDateTimeUtc();
        aDroppedAnswerIsNeverResent(reply, u"^PUT /api/v2/tickets/103"_s);
    }

    void setStatusAndTags()
    {
        QVERIFY(m_executor->runBlocking(m_connector->setStatus(u"103"_s, u"resolved"_s)).ok());
        QCOMPARE(m_server->ticket(103).value(u"status").toString(), u"solved"_s);
        QVERIFY(m_executor->runBlocking(m_connector->addTags(u"101"_s, {u"understudy_sent_as_is"_s})).ok());
        QCOMPARE(m_server->ticket(101).value(u"tags").toArray(),
                 (QJsonArray{u"login"_s, u"password"_s, u"understudy_sent_as_is"_s}));
        auto bad = m_executor->runBlocking(m_connector->setStatus(u"103"_s, u"exploded"_s));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind, HelpdeskError::Kind::Rejected);
        auto missing = m_executor->runBlocking(m_connector->setStatus(u"999"_s, u"open"_s));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind, HelpdeskError::Kind::NotFound);
        QCOMPARE(missing.error().itemId, u"999"_s);
    }

    void handoffSetsGroupAndPriority()
    {
        // A group by name is looked up across the groups' pages (page size 2: "Legal" is on the second).
        m_server->setPageSize(2);
        QVERIFY(m_executor->runBlocking(m_connector->setHandoff(u"101"_s, {u"legal"_s, u"urgent"_s})).ok());
        QCOMPARE(m_server->ticket(101).value(u"group_id").toInteger(), 7003);
        QCOMPARE(m_server->ticket(101).value(u"priority").toString(), u"urgent"_s);
        QCOMPARE(m_server->count(u"^GET /api/v2/groups"_s), 2);
        // A numeric group is the group's id; a priority alone leaves the group.
        QVERIFY(m_executor->runBlocking(m_connector->setHandoff(u"101"_s, {u"7002"_s, {}})).ok());
        QCOMPARE(m_server->ticket(101).value(u"group_id").toInteger(), 7002);
        QVERIFY(m_executor->runBlocking(m_connector->setHandoff(u"101"_s, {{}, u"low"_s})).ok());
        QCOMPARE(m_server->ticket(101).value(u"group_id").toInteger(), 7002);
        QCOMPARE(m_server->ticket(101).value(u"priority").toString(), u"low"_s);
        // What the helpdesk does not have is refused with its name; nothing is written.
        m_server->clearLog();
        auto noGroup = m_executor->runBlocking(m_connector->setHandoff(u"101"_s, {u"Nobody"_s, u"high"_s}));
        QVERIFY(!noGroup.ok());
        QCOMPARE(noGroup.error().kind, HelpdeskError::Kind::Rejected);
        QVERIFY2(noGroup.error().message.contains(u"Nobody"_s), qPrintable(noGroup.error().message));
        auto badPriority = m_executor->runBlocking(m_connector->setHandoff(u"101"_s, {{}, u"asap"_s}));
        QVERIFY(!badPriority.ok());
        QCOMPARE(badPriority.error().kind, HelpdeskError::Kind::Rejected);
        QCOMPARE(m_server->count(u"^PUT"_s), 0);
        auto gone = m_executor->runBlocking(m_connector->setHandoff(u"999"_s, {u"7001"_s, {}}));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().kind, HelpdeskError::Kind::NotFound);
    }

    void rateLimitHonoursRetryAfter() { rateLimitIsWaitedOut(u"^GET /api/v2/incremental/tickets"_s, 7); }

    void serverErrorsRetriedThenClearError()
    {
        m_server->injectStatus(u"^GET /api/v2/incremental/tickets"_s, 502, 2);
        auto page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(page.ok());
        QCOMPARE(m_server->count(u"^GET /api/v2/incremental/tickets"_s), 3);

        m_server->clearLog();
        m_server->injectStatus(u"^GET /api/v2/incremental/tickets"_s, 503, 100);
        page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, HelpdeskError::Kind::Server);
        QCOMPARE(page.error().httpStatus, 503);
        QVERIFY(page.error().message.contains(u"Zendesk"_s));
        QCOMPARE(m_server->count(u"^GET /api/v2/incremental/tickets"_s), fastRetries().maxAttempts);

        // A dropped connection on a GET is retried like a 5xx.
        m_server->clearFaults();
        m_server->injectDrop(u"comments"_s, 2);
        page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(page.ok());
        QCOMPARE(page->tickets.size(), 7);
        QVERIFY(page->itemErrors.isEmpty());
    }

    void badItemsDoNotStopTheRest()
    {
        m_server->inject(u"^GET /api/v2/tickets/103/comments"_s,
                         HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::MalformedJson, 200, -1, false});
        m_server->inject(u"^GET /api/v2/tickets/107/comments"_s,
                         HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Html, 200, -1, false});
        m_server->injectStatus(u"^GET /api/v2/tickets/102/comments"_s, 404); // deleted between list and read
        auto page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(page.ok());
        QCOMPARE(page->tickets.size(), 4); // 101, 104, 105 and the deleted 106
        QCOMPARE(page->itemErrors.size(), 3);
        QHash<QString, HelpdeskError> errors;
        for (const ItemError &e : page->itemErrors)
            errors.insert(e.itemId, e.error);
        QCOMPARE(errors.value(u"103"_s).kind, HelpdeskError::Kind::Malformed);
        QVERIFY(errors.value(u"103"_s).message.contains(u"103"_s));
        QCOMPARE(errors.value(u"107"_s).kind, HelpdeskError::Kind::Malformed);
        QVERIFY(errors.value(u"107"_s).message.contains(u"HTML"_s));
        QCOMPARE(errors.value(u"102"_s).kind, HelpdeskError::Kind::NotFound);
        QVERIFY(errors.value(u"102"_s).message.contains(u"102"_s));
        // The cursor still moved past them: they are accounted for, not silently lost.
        QVERIFY(page->next.value.startsWith(u"zendesk:c:"_s));

        // A list that is not JSON fails the call, with a message that says so.
        m_server->inject(u"^GET /api/v2/incremental/tickets"_s,
                         HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Html, 200, -1, false});
        page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, HelpdeskError::Kind::Malformed);
        QVERIFY(page.error().message.contains(u"HTML page"_s));
        // A cursor of another connector is refused without a request.
        m_server->clearLog();
        page = m_executor->runBlocking(m_connector->pullTickets(HelpdeskCursor{u"freshdesk:t:{}"_s}, 10));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, HelpdeskError::Kind::Config);
        QVERIFY(m_server->log().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestZendeskConnector)
#include "tst_zendeskconnector.moc"

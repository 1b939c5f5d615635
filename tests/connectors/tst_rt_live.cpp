// SPDX-License-Identifier: GPL-3.0-or-later
// RtConnector against a real Request Tracker 5 on 127.0.0.1 (tests/support/rt5-fixture.sh, ctest fixture rt5),
// driven by HelpdeskExecutor over HTTP: tickets made in RT through REST2 are pulled with their messages, requester
// and status; a reply and a note are posted, a status set, tags added; an already-posted reply is found by its
// marker and, without one, by author + text + time window; a deleted ticket is a clear per-item error.
// Skips (with the fixture's reason) only where RT is not installed; a fixture that failed to start fails.
#include "HelpdeskExecutor.h"
#include "Rt5Support.h"
#include "RtConnector.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;
using understudy::sync::HelpdeskExecutor;

using understudy::test::Rt5Instance;

class TestRtLive : public QObject {
    Q_OBJECT
    Rt5Instance m_instance;
    QString m_url;
    QString m_password;
    QString m_token;
    std::unique_ptr<RtConnector> m_rt;
    std::unique_ptr<HelpdeskExecutor> m_ex;

    HelpdeskConfig tokenConfig() const
    {
        HelpdeskConfig c;
        c.kind = u"rt"_s;
        c.baseUrl = m_url;
        c.secret = m_token;
        return c;
    }

    HttpResponse raw(const QByteArray &method, const QString &path, const QJsonValue &body = {})
    {
        return m_instance.rest(*m_ex, method, path, body.toObject());
    }

    QString createTicket(const QString &subject, const QString &requestor, const QString &content)
    {
        return m_instance.createTicket(*m_ex, subject, requestor, content);
    }

    template <typename T> T must(HelpdeskResult<T> r, const char *what)
    {
        if (!r.ok())
            qFatal("%s: %s", what, qPrintable(r.error().toString()));
        return std::move(r).value();
    }

    int countTransactions(const QString &ticket, const QString &type)
    {
        const HttpResponse r = raw("GET", u"/ticket/%1/history?fields=Type&per_page=100"_s.arg(ticket));
        int n = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.body).object().value(u"items"_s).toArray())
            n += v.toObject().value(u"Type"_s).toString() == type;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_instance = Rt5Instance::fromEnvironment();
        QVERIFY2(m_instance.problem().isEmpty(), qPrintable(m_instance.problem()));
        if (!m_instance.unavailable.isEmpty())
            QSKIP(qPrintable(u"no real RT here: "_s + m_instance.unavailable));
        m_url = m_instance.url;
        m_password = m_instance.password;
        m_token = m_instance.token;
        m_rt = std::make_unique<RtConnector>(tokenConfig());
        HelpdeskExecutor::Options o;
        o.backoffBaseMs = 100;
        m_ex = std::make_unique<HelpdeskExecutor>(QUrl(m_url), o);
        must(m_ex->runBlocking(m_rt->checkAccess()), "access check");
    }

    void pullsTicketsWithMessagesRequesterAndStatus()
    {
        // The requester's record as RT keeps it (a mail gateway would have made it from the From: line).
        const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString alice = u"alice-%1@example.com"_s.arg(tag);
        const QString first = createTicket(u"Printer on fire"_s, alice, u"Hello, my printer is on fire.\nHelp!"_s);
        QVERIFY(!first.isEmpty());
        QCOMPARE(
            raw("PUT", u"/user/"_s + alice,
                QJsonObject{{u"RealName"_s, u"Alice Martin"_s}, {u"Organization"_s, u"Acme"_s}, {u"Lang"_s, u"fr"_s}})
                .status,
            200);
        QStringList ids{first};
        for (int i = 0; i < 4; ++i)
            ids << createTicket(u"Question %1"_s.arg(i), u"bob-%1@example.com"_s.arg(tag), u"Body %1"_s.arg(i));
        QCOMPARE(raw("POST", u"/ticket/%1/correspond"_s.arg(first),
                     QJsonObject{{u"Content"_s, u"Have you tried water?"_s}, {u"ContentType"_s, u"text/plain"_s}})
                     .status,
                 201);

        // Pages of 2 from the start until caught up: every ticket once at least, none skipped.
        QElapsedTimer timer;
        timer.start();
        HelpdeskCursor cursor;
        QHash<QString, HelpdeskTicket> seen;
        int pages = 0;
        for (;;) {
            auto page = must(m_ex->runBlocking(m_rt->pullTickets(cursor, 2)), "pull");
            ++pages;
            for (const ItemError &e : page.itemErrors)
                QFAIL(qPrintable(e.error.toString()));
            for (const HelpdeskTicket &t : page.tickets)
                seen.insert(t.externalId, t);
            QVERIFY(!(page.next == cursor) || !page.more);
            cursor = page.next;
            if (!page.more)
                break;
            QVERIFY(pages < 100);
        }
        qInfo("pulled %lld tickets in %d pages, %d HTTP requests, in %lld ms", qlonglong(seen.size()), pages,
              m_ex->stats().requests, qlonglong(timer.elapsed()));
        for (const QString &id : ids)
            QVERIFY2(seen.contains(id), qPrintable(u"ticket %1 was not pulled"_s.arg(id)));

        const HelpdeskTicket &t = seen.value(first);
        QCOMPARE(t.ticket.id, u"rt-"_s + first);
        QCOMPARE(t.ticket.subject, u"Printer on fire"_s);
        QCOMPARE(t.ticket.status, u"open"_s); // RT opens a ticket on its first reply
        QCOMPARE(t.ticket.customer.email, alice);
        QCOMPARE(t.ticket.customer.name, u"Alice Martin"_s);
        QCOMPARE(t.organisation, u"Acme"_s);
        QCOMPARE(t.ticket.language, u"fr"_s);
        QCOMPARE(t.ticket.messages.size(), 2);
        QCOMPARE(t.ticket.messages[0].author, u"customer"_s);
        QCOMPARE(t.ticket.messages[0].body, u"Hello, my printer is on fire.\nHelp!"_s);
        QCOMPARE(t.ticket.messages[1].author, u"agent"_s);
        QCOMPARE(t.ticket.messages[1].body, u"Have you tried water?"_s);
        QCOMPARE(seen.value(ids[1]).ticket.status, u"open"_s); // RT's "new"

        // Resume: nothing changed → only the last second's tickets again; a reply in RT brings its ticket back.
        QTest::qWait(1100); // RT's LastUpdated has whole seconds
        QCOMPARE(raw("POST", u"/ticket/%1/comment"_s.arg(ids[2]),
                     QJsonObject{{u"Content"_s, u"internal"_s}, {u"ContentType"_s, u"text/plain"_s}})
                     .status,
                 201);
        auto again = must(m_ex->runBlocking(m_rt->pullTickets(cursor, 50)), "resume");
        // Besides the changed ticket, only those of the second the cursor stood in come again (RT's LastUpdated has
        // whole seconds, so the caught-up cursor re-reads that second rather than risk missing a same-second update).
        const QDateTime cursorSecond = QDateTime::fromString(cursor.value.section(u'|', 0, 0), Qt::ISODate);
        QStringList back;
        for (const HelpdeskTicket &x : again.tickets) {
            back << x.externalId;
            if (x.externalId != ids[2])
                QCOMPARE(x.updatedAt, cursorSecond);
        }
        QVERIFY2(back.contains(ids[2]), qPrintable(back.join(u',')));
    }

    void postsAReplyAndANoteExactlyOnce()
    {
        const QString id = createTicket(u"Refund?"_s, u"carol@example.com"_s, u"Where is my refund?"_s);
        const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
        OutgoingReply reply{id,
                            u"Your refund left today.\nIt takes 3 days."_s,
                            false,
                            key,
                            QDateTime::currentDateTimeUtc(),
                            {},
                            u"pending"_s};
        QElapsedTimer timer;
        timer.start();
        auto posted = must(m_ex->runBlocking(m_rt->postReply(reply)), "reply");
        qInfo("reply posted (lookup + POST) in %lld ms", qlonglong(timer.elapsed()));
        QVERIFY(!posted.alreadyThere);
        QVERIFY(!posted.externalId.isEmpty());
        QVERIFY2(posted.warning.isEmpty(), qPrintable(posted.warning));

        OutgoingReply note{id,
                           u"Customer asked twice."_s,
                           true,
                           QUuid::createUuid().toString(QUuid::WithoutBraces),
                           QDateTime::currentDateTimeUtc(),
                           {},
                           {}};
        must(m_ex->runBlocking(m_rt->postReply(note)), "note");

        // The same reply again (a crash after RT took it, before the outbox recorded it): found, not posted twice.
        timer.restart();
        auto again = must(m_ex->runBlocking(m_rt->postReply(reply)), "reply again");
        qInfo("an already-posted reply found by its marker in %lld ms", qlonglong(timer.elapsed()));
        QVERIFY(again.alreadyThere);
        QVERIFY(!again.matchedByText);
        QCOMPARE(again.externalId, posted.externalId);
        QCOMPARE(countTransactions(id, u"Correspond"_s), 1);
        QCOMPARE(countTransactions(id, u"Comment"_s), 1);

        auto t = must(m_ex->runBlocking(m_rt->fetchTicket(id)), "fetch");
        QCOMPARE(t.ticket.status, u"pending"_s); // the reply's statusAfter (RT: stalled)
        QCOMPARE(t.helpdeskStatus, u"stalled"_s);
        QCOMPARE(t.messages.size(), 3);
        QCOMPARE(t.messages[1].idempotencyKey, key);
        QCOMPARE(t.messages[1].message.body, reply.body);
        QVERIFY(t.messages[2].internal);
        QCOMPARE(t.ticket.messages.size(), 2); // the note is not in the customer's conversation
    }

    void findsAReplyWithoutMarkerByAuthorTextAndTime()
    {
        const QString id = createTicket(u"Password"_s, u"dave@example.com"_s, u"I forgot my password"_s);
        const QString text = u"Use the reset link on the sign-in page."_s;
        // Posted as root by someone else's tool, without the marker.
        QCOMPARE(raw("POST", u"/ticket/%1/correspond"_s.arg(id),
                     QJsonObject{{u"Content"_s, text}, {u"ContentType"_s, u"text/plain"_s}})
                     .status,
                 201);
        ReplyLookup l;
        l.ticketExternalId = id;
        l.idempotencyKey = u"never-posted"_s;
        l.body = text + u"\n"_s;
        l.author = u"root"_s;
        l.around = QDateTime::currentDateTimeUtc();
        l.windowSeconds = 600;
        auto found = must(m_ex->runBlocking(m_rt->findReply(l)), "find");
        QVERIFY(found.has_value());
        QVERIFY(found->matchedByText);

        l.body = u"Something nobody wrote"_s;
        auto none = must(m_ex->runBlocking(m_rt->findReply(l)), "find none");
        QVERIFY(!none.has_value());
    }

    void setsStatusAndAddsTags()
    {
        const QString id = createTicket(u"Tags"_s, u"erin@example.com"_s, u"Tag me"_s);
        must(m_ex->runBlocking(m_rt->addTags(id, {u"understudy_sent_as_is"_s})), "tags");
        must(m_ex->runBlocking(m_rt->addTags(id, {u"understudy_sent_as_is"_s, u"vip"_s})), "tags again");
        must(m_ex->runBlocking(m_rt->setStatus(id, u"resolved"_s)), "status");
        auto t = must(m_ex->runBlocking(m_rt->fetchTicket(id)), "fetch");
        QCOMPARE(t.tags, (QStringList{u"understudy_sent_as_is"_s, u"vip"_s}));
        QCOMPARE(t.ticket.status, u"resolved"_s);

        auto c = tokenConfig();
        c.tagsField = u"No Such Field"_s;
        RtConnector other(c);
        auto r = m_ex->runBlocking(other.addTags(id, {u"x"_s}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, HelpdeskError::Kind::Config);
    }

    // An escalation rule's hand-off as RT has it: the ticket moves to the queue of that name and takes RT's priority
    // for the name (RT 5's default scale: High is 100); a queue RT does not have is refused, the ticket stays.
    void handoffMovesQueueAndSetsPriority()
    {
        const QString id = createTicket(u"Lawyer"_s, u"frank@example.com"_s, u"My lawyer will call you"_s);
        const QString queue = u"Escalations %1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        const auto made = raw("POST", u"/queue"_s, QJsonObject{{u"Name"_s, queue}});
        QVERIFY2(made.status == 201, made.body.constData());
        const QString queueId = QJsonDocument::fromJson(made.body).object().value(u"id"_s).toVariant().toString();
        must(m_ex->runBlocking(m_rt->setHandoff(id, {queue, u"high"_s})), "hand-off");
        const auto readBack = [&] { return QJsonDocument::fromJson(raw("GET", u"/ticket/"_s + id).body).object(); };
        QJsonObject t = readBack();
        QCOMPARE(t.value(u"Queue"_s).toObject().value(u"id"_s).toVariant().toString(), queueId);
        QCOMPARE(t.value(u"Priority"_s).toVariant().toInt(), 100);
        must(m_ex->runBlocking(m_rt->setHandoff(id, {{}, u"low"_s})), "priority only");
        t = readBack();
        QCOMPARE(t.value(u"Priority"_s).toVariant().toInt(), 0);
        QCOMPARE(t.value(u"Queue"_s).toObject().value(u"id"_s).toVariant().toString(), queueId);
        auto missing = m_ex->runBlocking(m_rt->setHandoff(id, {u"No Such Queue"_s, {}}));
        QVERIFY(!missing.ok());
        QCOMPARE(readBack().value(u"Queue"_s).toObject().value(u"id"_s).toVariant().toString(), queueId);
        auto badPriority = m_ex->runBlocking(m_rt->setHandoff(id, {{}, u"asap"_s}));
        QVERIFY(!badPriority.ok());
        QCOMPARE(badPriority.error().kind, HelpdeskError::Kind::Rejected);
    }

    void deletedAndMissingTicketsAreClearErrors()
    {
        const QString id = createTicket(u"Spam"_s, u"spam@example.com"_s, u"Buy now"_s);
        QCOMPARE(raw("DELETE", u"/ticket/"_s + id).status, 204);
        auto r = m_ex->runBlocking(m_rt->fetchTicket(id));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, HelpdeskError::Kind::NotFound);
        QVERIFY2(r.error().message.contains(u"deleted in RT"_s), qPrintable(r.error().message));

        auto gone = m_ex->runBlocking(m_rt->fetchTicket(u"999999"_s));
        QCOMPARE(gone.error().kind, HelpdeskError::Kind::NotFound);

        OutgoingReply reply{u"999999"_s, u"Hello"_s, false, u"k-x"_s, QDateTime::currentDateTimeUtc(), {}, {}};
        auto post = m_ex->runBlocking(m_rt->postReply(reply, false));
        QVERIFY(!post.ok());
        QCOMPARE(post.error().kind, HelpdeskError::Kind::Rejected); // RT answers 400 for a ticket it cannot load
        QVERIFY(!post.error().outcomeUnknown);
    }

    void wrongCredentialsAreAnAuthError()
    {
        auto c = tokenConfig();
        c.secret = u"not-a-token"_s;
        RtConnector bad(c);
        auto r = m_ex->runBlocking(bad.pullTickets({}, 10));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().kind == HelpdeskError::Kind::Auth, qPrintable(r.error().toString()));
        QVERIFY(!r.error().message.contains(u"not-a-token"_s));

        // Basic auth with the root password works too.
        c.user = u"root"_s;
        c.secret = m_password;
        RtConnector basic(c);
        must(m_ex->runBlocking(basic.checkAccess()), "basic auth");
    }

    void importsAThousandTicketsWithHistory()
    {
        // Issue 17's import proof: 1,000 tickets, each created by its customer, answered and noted, in a queue of
        // their own, pulled from the start in pages of 100 as the server's first pull does.
        QString error;
        QVERIFY2(m_instance.seed(1000, u"Bulk1000"_s, &error), qPrintable(error));
        HelpdeskConfig config = tokenConfig();
        config.queue = u"Bulk1000"_s;
        RtConnector bulk(config);
        QElapsedTimer timer;
        timer.start();
        HelpdeskCursor cursor;
        QHash<QString, HelpdeskTicket> seen;
        int pages = 0;
        for (bool more = true; more && pages < 50; ++pages) {
            auto page = must(m_ex->runBlocking(bulk.pullTickets(cursor, 100)), "bulk pull");
            QVERIFY2(page.itemErrors.isEmpty(), qPrintable(page.itemErrors.value(0).error.toString()));
            for (const HelpdeskTicket &t : std::as_const(page.tickets))
                seen.insert(t.externalId, t);
            cursor = page.next;
            more = page.more;
        }
        qInfo("1,000 RT tickets with history pulled in %lld ms, %d pages, %d requests", qlonglong(timer.elapsed()),
              pages, m_ex->stats().requests);
        QCOMPARE(seen.size(), 1000);
        for (const HelpdeskTicket &t : std::as_const(seen)) {
            QCOMPARE(t.messages.size(), 3);        // the question, the answer, the note
            QCOMPARE(t.ticket.messages.size(), 2); // the customer sees two
            QVERIFY(t.messages[2].internal);
            const QString n = t.ticket.subject.section(u' ', 2, 2).chopped(1); // "Bulk ticket N: …"
            QCOMPARE(t.ticket.messages[0].body.trimmed(), u"Where is invoice %1?"_s.arg(n));
            QCOMPARE(t.ticket.messages[1].body.trimmed(), u"Invoice %1 is on its way."_s.arg(n));
            QCOMPARE(t.ticket.customer.email, u"customer%1@bulk.example.com"_s.arg(n));
        }
        // Caught up: the next pull from the cursor brings nothing new.
        auto after = must(m_ex->runBlocking(bulk.pullTickets(cursor, 100)), "caught up");
        for (const HelpdeskTicket &t : std::as_const(after.tickets))
            QVERIFY(seen.contains(t.externalId)); // at most the last second again
    }
};

QTEST_GUILESS_MAIN(TestRtLive)
#include "tst_rt_live.moc"

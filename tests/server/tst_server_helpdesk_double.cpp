// SPDX-License-Identifier: GPL-3.0-or-later
// understudy-server with the Zendesk and the Freshdesk stand-ins (HelpdeskDouble, in a thread of its own so the test
// can wait for server processes): `helpdesk add --kind zendesk|freshdesk` checks the secret and never shows it; the
// running server pulls the helpdesk's tickets; 200 replies sent through the API are delivered exactly once while the
// server is SIGKILLed 10 times at random points and the double answers 429, 5xx and drops connections; the ticket
// cursor resumes after each restart without re-importing or skipping a ticket.
#include "HelpdeskDouble.h"
#include "ServerTestSupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy::test;

namespace {

using Vendor = HelpdeskDouble::Vendor;

struct VendorSetup {
    QString kind;
    QString user;
    QString secret;
    QString postPattern;   ///< the request that posts a reply
    QString lookupPattern; ///< the request that looks a reply up before posting
    QString pullPattern;   ///< the incremental ticket pull
    QString commentsOf;    ///< the per-ticket comments request, %1 = ticket id
};

VendorSetup setupOf(Vendor vendor)
{
    if (vendor == Vendor::Zendesk)
        return {u"zendesk"_s,
                HelpdeskDouble::zendeskEmail(),
                HelpdeskDouble::zendeskToken(),
                u"^PUT /api/v2/tickets/\\d+\\.json"_s,
                u"^GET /api/v2/tickets/\\d+/audits"_s,
                u"^GET /api/v2/incremental/tickets"_s,
                u"^GET /api/v2/tickets/%1/comments"_s};
    return {u"freshdesk"_s,
            QString(),
            HelpdeskDouble::freshdeskKey(),
            u"^POST /api/v2/tickets/\\d+/reply"_s,
            u"^GET /api/v2/tickets/\\d+/conversations"_s,
            u"^GET /api/v2/tickets\\?"_s,
            u"^GET /api/v2/tickets/%1/conversations"_s};
}

/// How many of a ticket's comments/conversations carry @p text (Zendesk plain_body, Freshdesk body_text).
int timesPosted(const HelpdeskDouble &d, qint64 ticket, const QString &text)
{
    int n = 0;
    for (const QJsonValue &v : d.comments(ticket)) {
        const QJsonObject c = v.toObject();
        const QString body = c.value(u"plain_body").toString() + c.value(u"body_text").toString();
        n += body.contains(text) ? 1 : 0;
    }
    return n;
}

/// Everything the server logged under @p dir.
QString readLogs(const QString &dir)
{
    QString all;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += QString::fromUtf8(f.readAll());
    }
    return all;
}

} // namespace

class TestServerHelpdeskDouble : public QObject {
    Q_OBJECT

    static QStringList addArgs(const QString &db, const VendorSetup &v, const QUrl &url)
    {
        QStringList args{u"--database"_s, db,         u"helpdesk"_s,  u"add"_s,           u"--kind"_s,
                         v.kind,          u"--url"_s, url.toString(), u"--secret-stdin"_s};
        if (!v.user.isEmpty())
            args << u"--user"_s << v.user;
        return args;
    }

private Q_SLOTS:
    void exactlyOnceThroughKillsAndFaults_data()
    {
        QTest::addColumn<Vendor>("vendor");
        QTest::newRow("zendesk") << Vendor::Zendesk;
        QTest::newRow("freshdesk") << Vendor::Freshdesk;
    }

    void exactlyOnceThroughKillsAndFaults()
    {
        QFETCH(Vendor, vendor);
        const VendorSetup v = setupOf(vendor);
        HelpdeskDoubleThread dbl(vendor);
        QVERIFY(dbl.ok());
        QTemporaryDir dir;
        QString error;
        const QString db = freshDatabaseUrl(dir, &error);
        QVERIFY2(!db.isEmpty(), qPrintable(error));

        // helpdesk add: a wrong secret is refused and nothing is stored; the right one is stored, never shown.
        const CliRun bad = runServerCli(addArgs(db, v, dbl.url()), "wrong-secret\n");
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains(u"authentication failed"_s), qPrintable(bad.err));
        QVERIFY(!bad.err.contains(u"wrong-secret"_s));
        const CliRun add = runServerCli(addArgs(db, v, dbl.url()), v.secret.toUtf8() + '\n');
        QVERIFY2(add.code == 0, qPrintable(add.err));
        QVERIFY(!add.out.contains(v.secret) && !add.err.contains(v.secret));
        const CliRun list = runServerCli({u"--database"_s, db, u"helpdesk"_s, u"list"_s});
        QVERIFY2(list.out.startsWith(v.kind + u'\t' + v.kind + u'\t'), qPrintable(list.out));
        QVERIFY(!list.out.contains(v.secret));
        QVERIFY(addUser(db, u"alice"_s));

        // 50 tickets of the helpdesk, 4 replies each.
        QList<qint64> tickets;
        for (int i = 0; i < 50; ++i)
            tickets << dbl.call([i](HelpdeskDouble &d) {
                return d.addTicket(u"Invoice question %1"_s.arg(i), u"Where is invoice %1?"_s.arg(i));
            });
        const qint64 untouched = dbl.call([](HelpdeskDouble &d) { return d.ticketIds().constFirst(); });
        // Bad input: one ticket's comments come back as broken JSON, another as a login page with a script.
        const qint64 broken = dbl.call([&](HelpdeskDouble &d) {
            const qint64 id = d.addTicket(u"Broken"_s, u"This one cannot be read"_s);
            d.inject(v.commentsOf.arg(id), HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::MalformedJson});
            return id;
        });
        const qint64 html = dbl.call([&](HelpdeskDouble &d) {
            const qint64 id = d.addTicket(u"Sign-in page"_s, u"Neither can this"_s);
            d.inject(v.commentsOf.arg(id), HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Html});
            return id;
        });
        const QString prefix = v.kind + u'-';

        ServerProcess server;
        const QStringList serverArgs{u"--helpdesk-poll-seconds"_s, u"1"_s, u"--log-dir"_s, dir.path() + u"/logs"_s};
        QVERIFY2(server.start(db, serverArgs, &error), qPrintable(error));
        QString token = login(server.api(), u"alice"_s, u"password-alice"_s);
        QVERIFY(!token.isEmpty());
        const auto inStore = [&](qint64 id) {
            return http("GET", server.api() + u"/tickets/"_s + prefix + QString::number(id), QByteArray(), token)
                       .status == 200;
        };
        QTRY_VERIFY_WITH_TIMEOUT(inStore(tickets.last()), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(inStore(untouched), 20000);
        // The unreadable items are logged by id and passed; everything else arrived.
        QVERIFY(!inStore(broken) && !inStore(html));
        const QString log = readLogs(dir.path() + u"/logs"_s);
        QVERIFY2(log.contains(u"item %1 : malformed"_s.arg(broken)), qPrintable(log.right(2000)));
        QVERIFY2(log.contains(u"item %1 : malformed"_s.arg(html)), qPrintable(log.right(2000)));
        const int pulledComments = dbl.call([&](HelpdeskDouble &d) { return d.count(v.commentsOf.arg(untouched)); });

        // 200 replies in 10 rounds of 20; after each round the helpdesk misbehaves once in every way and the server
        // is SIGKILLed at a random point; a new ticket arrives in the helpdesk each round.
        QElapsedTimer timer;
        timer.start();
        QList<qint64> arrived;
        QList<int> postedAtKill;
        auto *random = QRandomGenerator::global();
        for (int round = 0; round < 10; ++round) {
            dbl.call([&](HelpdeskDouble &d) {
                d.injectRateLimit(v.postPattern, 1);
                d.injectStatus(v.postPattern, 503);
                d.inject(v.postPattern, HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Drop, 0, -1, true});
                d.injectDrop(v.postPattern);
                d.injectStatus(v.lookupPattern, 502);
                d.injectStatus(v.pullPattern, 500);
                arrived << d.addTicket(u"Arrived in round %1"_s.arg(round), u"New question %1"_s.arg(round));
            });
            for (int i = 0; i < 20; ++i) {
                const int n = round * 20 + i;
                const QString id = prefix + QString::number(tickets[n % 50]);
                const HttpReply r =
                    http("POST", server.api() + u"/tickets/"_s + id + u"/replies"_s,
                         QJsonObject{{u"idempotency_key"_s, uuid()}, {u"text"_s, u"Reply #%1."_s.arg(n)}}, token);
                QVERIFY2(r.status == 201, r.body.constData());
            }
            // Killed at a random point once this round's deliveries are under way.
            const auto posted = [&] { return dbl.call([](HelpdeskDouble &d) { return d.postedCount(); }); };
            const int before = posted();
            QTRY_VERIFY_WITH_TIMEOUT(posted() > before, 30000);
            QTest::qWait(int(random->bounded(150)));
            postedAtKill << posted();
            server.kill();
            QVERIFY2(server.start(db, serverArgs, &error), qPrintable(error));
            token = login(server.api(), u"alice"_s, u"password-alice"_s);
        }
        qInfo() << "replies in the helpdesk at each SIGKILL:" << postedAtKill;

        // Every reply in the helpdesk exactly once; none lost.
        const auto delivered = [&] {
            return dbl.call([&](HelpdeskDouble &d) {
                int done = 0;
                for (int n = 0; n < 200; ++n)
                    done += timesPosted(d, tickets[n % 50], u"Reply #%1."_s.arg(n)) >= 1 ? 1 : 0;
                return done;
            });
        };
        QTRY_COMPARE_WITH_TIMEOUT(delivered(), 200, 180000);
        qInfo("200 replies delivered through 10 SIGKILLs and injected faults in %lld ms", qlonglong(timer.elapsed()));
        QTest::qWait(2500); // two more cycles: nothing is posted again
        const QList<int> times = dbl.call([&](HelpdeskDouble &d) {
            QList<int> out;
            for (int n = 0; n < 200; ++n)
                out << timesPosted(d, tickets[n % 50], u"Reply #%1."_s.arg(n));
            return out;
        });
        QCOMPARE(times, QList<int>(200, 1));
        QCOMPARE(dbl.call([](HelpdeskDouble &d) { return d.postedCount(); }), 200);
        QCOMPARE(dbl.call([](HelpdeskDouble &d) { return d.pendingFaults(); }), 0);

        // The cursor resumed after every restart: each ticket that arrived meanwhile is in the store (none skipped),
        // and an untouched ticket was never read again (nothing re-imported).
        for (qint64 id : std::as_const(arrived))
            QTRY_VERIFY_WITH_TIMEOUT(inStore(id), 10000);
        QCOMPARE(dbl.call([&](HelpdeskDouble &d) { return d.count(v.commentsOf.arg(untouched)); }), pulledComments);
        server.stop();
        QVERIFY(!readLogs(dir.path() + u"/logs"_s).contains(v.secret)); // the secret is in no log
    }

    void webhookPullsTheTicketNow_data() { exactlyOnceThroughKillsAndFaults_data(); }

    // The helpdesk's webhook names a ticket: with the integration's token the server pulls it at once (no poll
    // would for an hour); a wrong or missing token, or another integration's name, gets 401 and pulls nothing.
    void webhookPullsTheTicketNow()
    {
        QFETCH(Vendor, vendor);
        const VendorSetup v = setupOf(vendor);
        HelpdeskDoubleThread dbl(vendor);
        QVERIFY(dbl.ok());
        QTemporaryDir dir;
        QString error;
        const QString db = freshDatabaseUrl(dir, &error);
        QVERIFY2(!db.isEmpty(), qPrintable(error));
        const CliRun add = runServerCli(addArgs(db, v, dbl.url()), v.secret.toUtf8() + '\n');
        QVERIFY2(add.code == 0, qPrintable(add.err));
        const auto m = QRegularExpression(u"Authorization: Bearer ([A-Za-z0-9_-]{40,})"_s).match(add.out);
        QVERIFY2(m.hasMatch(), qPrintable(add.out));
        const QString webhookToken = m.captured(1);
        QVERIFY(addUser(db, u"alice"_s));
        const QString prefix = v.kind + u'-';
        const qint64 first = dbl.call([](HelpdeskDouble &d) { return d.ticketIds().constFirst(); });

        ServerProcess server;
        QVERIFY2(server.start(db, {u"--helpdesk-poll-seconds"_s, u"3600"_s}, &error), qPrintable(error));
        const QString token = login(server.api(), u"alice"_s, u"password-alice"_s);
        QVERIFY(!token.isEmpty());
        const auto get = [&](qint64 id) {
            return http("GET", server.api() + u"/tickets/"_s + prefix + QString::number(id), QByteArray(), token);
        };
        QTRY_VERIFY_WITH_TIMEOUT(get(first).status == 200, 20000); // the first cycle, at start
        const qint64 fresh = dbl.call([](HelpdeskDouble &d) { return d.addTicket(u"Webhook"_s, u"Just arrived"_s); });
        const QString hook = server.api() + u"/helpdesk/"_s + v.kind + u"/webhook"_s;
        const QJsonObject body = vendor == Vendor::Zendesk
                                     ? QJsonObject{{u"ticket_id"_s, QString::number(fresh)}}
                                     : QJsonObject{{u"freshdesk_webhook"_s, QJsonObject{{u"ticket_id"_s, fresh}}}};
        QCOMPARE(http("POST", hook, body).status, 401);
        QCOMPARE(http("POST", hook, body, u"not-the-token"_s).status, 401);
        QCOMPARE(http("POST", hook, body, token).status, 401); // a session is not the webhook's token
        QCOMPARE(http("POST", server.api() + u"/helpdesk/other/webhook"_s, body, webhookToken).status, 401);
        QCOMPARE(http("POST", hook, QJsonObject{{u"ticket_id"_s, u"../1"_s}}, webhookToken).status, 400);
        QCOMPARE(http("POST", hook, QByteArray("not json"), webhookToken).status, 400);
        QCOMPARE(get(fresh).status, 404);

        const HttpReply accepted = http("POST", hook, body, webhookToken);
        QCOMPARE(accepted.status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(get(fresh).status == 200, 10000);
        QCOMPARE(get(fresh).json.value(u"messages"_s).toArray().size(), 1);
        // The customer writes again: Zendesk's shape {"ticket": {"id": …}} works too.
        dbl.call([fresh](HelpdeskDouble &d) { d.addCustomerMessage(fresh, u"Any news?"_s); });
        QCOMPARE(http("POST", hook, QJsonObject{{u"ticket"_s, QJsonObject{{u"id"_s, fresh}}}}, webhookToken).status,
                 202);
        QTRY_COMPARE_WITH_TIMEOUT(get(fresh).json.value(u"messages"_s).toArray().size(), 2, 10000);
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TestServerHelpdeskDouble)
#include "tst_server_helpdesk_double.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The standalone helpdesk path (issue 17): `understudyctl --db FILE helpdesk add|pull|push|retry` against the Zendesk
// and the Freshdesk stand-ins (HelpdeskDouble, in a thread of its own), with the secret in a real keyring (run under
// tests/sync/with-keyring.sh). add checks the secret and keeps it in the keyring only; pull brings the tickets into
// the store and resumes at its cursor; push delivers the agent's replies exactly once — also after being SIGKILLed
// between the helpdesk taking a reply and the store recording it, and through 429 and 5xx answers — tags the tickets
// with what the agent did, and leaves a reply the helpdesk refuses as failed with its reason until `retry`.
#include "DeliveryOutbox.h"
#include "HelpdeskDouble.h"
#include "Store.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

namespace {

using Vendor = HelpdeskDouble::Vendor;

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run ctl(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setProgram(QStringLiteral(UNDERSTUDYCTL_PATH));
    p.setArguments(args);
    p.start();
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000))
        qFatal("understudyctl did not finish");
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
               QString::fromUtf8(p.readAllStandardError())};
}

struct VendorSetup {
    QString kind;
    QString user;
    QString secret;
    QString postPattern; ///< the request that posts a reply
    QString lookupPattern;
};

VendorSetup setupOf(Vendor vendor)
{
    if (vendor == Vendor::Zendesk)
        return {u"zendesk"_s, HelpdeskDouble::zendeskEmail(), HelpdeskDouble::zendeskToken(),
                u"^PUT /api/v2/tickets/\\d+\\.json"_s, u"^GET /api/v2/tickets/\\d+/audits"_s};
    return {u"freshdesk"_s, QString(), HelpdeskDouble::freshdeskKey(), u"^POST /api/v2/tickets/\\d+/reply"_s,
            u"^GET /api/v2/tickets/\\d+/conversations"_s};
}

int timesPosted(const HelpdeskDouble &d, qint64 ticket, const QString &text)
{
    int n = 0;
    for (const QJsonValue &v : d.comments(ticket)) {
        const QJsonObject c = v.toObject();
        n += (c.value(u"plain_body").toString() + c.value(u"body_text").toString()).contains(text) ? 1 : 0;
    }
    return n;
}

FeedbackEvent sendEvent(const QString &id, const QString &ticketId, const QString &text, bool edited)
{
    FeedbackEvent e;
    e.id = id;
    e.kind = edited ? FeedbackEvent::Kind::SentEdited : FeedbackEvent::Kind::SentAsIs;
    e.agent = u"alice"_s;
    e.ticketId = ticketId;
    e.draftId = u"d-"_s + id;
    e.at = QDateTime::currentDateTimeUtc();
    e.confidence = 0.8;
    e.finalText = text;
    e.engine = u"test"_s;
    return e;
}

} // namespace

class TestCliHelpdesk : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void standalonePullPushExactlyOnce_data()
    {
        QTest::addColumn<Vendor>("vendor");
        QTest::newRow("zendesk") << Vendor::Zendesk;
        QTest::newRow("freshdesk") << Vendor::Freshdesk;
    }

    void standalonePullPushExactlyOnce()
    {
        QFETCH(Vendor, vendor);
        const VendorSetup v = setupOf(vendor);
        HelpdeskDoubleThread dbl(vendor);
        QVERIFY(dbl.ok());
        QTemporaryDir dir;
        const QString db = dir.filePath(u"store.db"_s);
        QStringList add{u"--db"_s, db,         u"helpdesk"_s,        u"add"_s,           u"--kind"_s,
                        v.kind,    u"--url"_s, dbl.url().toString(), u"--secret-stdin"_s};
        if (!v.user.isEmpty())
            add << u"--user"_s << v.user;

        // add: a wrong secret is refused and nothing is stored; the right one goes to the keyring, not the store.
        const Run bad = ctl(add, "wrong-secret\n");
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains(u"nothing stored"_s), qPrintable(bad.err));
        QVERIFY(!bad.err.contains(u"wrong-secret"_s));
        const Run added = ctl(add, v.secret.toUtf8() + '\n');
        QVERIFY2(added.code == 0, qPrintable(added.err));
        QVERIFY2(added.out.contains(u"keyring"_s), qPrintable(added.out));
        QVERIFY(!added.out.contains(v.secret) && !added.err.contains(v.secret));
        const Run again = ctl(add, v.secret.toUtf8() + '\n');
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains(u"already connected"_s), qPrintable(again.err));
        {
            QFile f(db);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(v.secret.toUtf8()), "the secret is in the store file");
            QFile wal(db + u"-wal"_s);
            if (wal.open(QIODevice::ReadOnly))
                QVERIFY2(!wal.readAll().contains(v.secret.toUtf8()), "the secret is in the store's WAL");
        }
        const Run list = ctl({u"--db"_s, db, u"helpdesk"_s, u"list"_s});
        QVERIFY2(list.out.startsWith(v.kind + u'\t' + v.kind + u'\t'), qPrintable(list.out));

        // pull: every live ticket of the helpdesk; a second pull resumes at the cursor and brings nothing again.
        const Run pulled = ctl({u"--db"_s, db, u"helpdesk"_s, u"pull"_s});
        QVERIFY2(pulled.code == 0, qPrintable(pulled.err + pulled.out));
        const QString prefix = v.kind + u'-';
        QList<qint64> live; // the open tickets pulled, by their helpdesk ids
        {
            auto store = store::Store::open(db);
            QVERIFY(store);
            auto all = (*store)->tickets({}, -1, false);
            QVERIFY(all);
            int pulledHere = 0;
            for (const Ticket &t : *all) {
                if (!t.id.startsWith(prefix))
                    continue;
                ++pulledHere;
                if (t.status == u"open"_s)
                    live << t.id.mid(prefix.size()).toLongLong();
            }
            QVERIFY2(pulled.out.contains(u": %1 tickets pulled"_s.arg(pulledHere)), qPrintable(pulled.out));
        }
        QVERIFY2(live.size() >= 3, qPrintable(pulled.out));
        const Run pulledAgain = ctl({u"--db"_s, db, u"helpdesk"_s, u"pull"_s, u"--no-articles"_s});
        QVERIFY2(pulledAgain.code == 0, qPrintable(pulledAgain.err));
        QVERIFY2(pulledAgain.out.contains(u": 0 tickets pulled"_s), qPrintable(pulledAgain.out));

        // The agent sends three replies (one edited) in the client: each owes the helpdesk a reply and a tag.
        const qint64 t0 = live.at(0), t1 = live.at(1), t2 = live.at(2);
        const QString text0 = u"Hello, your refund was sent today. (reply 0)"_s;
        const QString text1 = u"Please try signing in again now. (reply 1)"_s;
        const QString text2 = u"This ticket goes away before the push. (reply 2)"_s;
        {
            auto store = store::Store::open(db);
            QVERIFY(store);
            QVERIFY((*store)->recordReply(sendEvent(u"e0"_s, prefix + QString::number(t0), text0, false)));
            QVERIFY((*store)->recordReply(sendEvent(u"e1"_s, prefix + QString::number(t1), text1, true)));
            QVERIFY((*store)->recordReply(sendEvent(u"e2"_s, prefix + QString::number(t2), text2, false)));
            store::DeliveryOutbox outbox((*store)->db());
            auto a = outbox.action(u"e0"_s, u"reply"_s);
            QVERIFY(a && a->has_value());
            QCOMPARE((*a)->state, u"queued"_s);
            QCOMPARE((*a)->externalTicketId, QString::number(t0));
        }
        dbl.call([t2](HelpdeskDouble &d) { d.deleteTicket(t2); });
        // An escalation of ticket 1 by a rule whose hand-off names a group and a priority.
        const QString rulesFile = dir.filePath(u"rules.json"_s);
        {
            QFile f(rulesFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"rules": [{"id": "legal", "reason": "Legal threat", "phrases": ["lawyer"],
                        "handoff": {"macro": "m-legal", "group": "Legal", "priority": "urgent"}}]})");
        }
        {
            auto store = store::Store::open(db);
            QVERIFY(store);
            FeedbackEvent esc = sendEvent(u"e3"_s, prefix + QString::number(t1), {}, false);
            esc.kind = FeedbackEvent::Kind::Escalated;
            esc.reason = u"Legal threat; the customer mentions a lawyer"_s;
            QVERIFY((*store)->recordEvent(esc));
        }

        // push, killed after the helpdesk took the first reply and before the store recorded it.
        dbl.call([&](HelpdeskDouble &d) {
            d.inject(v.postPattern, HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Hang, 0, -1, true});
        });
        QProcess push;
        push.setProgram(QStringLiteral(UNDERSTUDYCTL_PATH));
        push.setArguments({u"--db"_s, db, u"helpdesk"_s, u"push"_s});
        push.start();
        QVERIFY(push.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(dbl.call([](HelpdeskDouble &d) { return d.postedCount(); }) == 1, 60000);
        ::kill(pid_t(push.processId()), SIGKILL);
        QVERIFY(push.waitForFinished(10000));
        QCOMPARE(push.exitStatus(), QProcess::CrashExit);
        {
            auto store = store::Store::open(db);
            QVERIFY(store);
            store::DeliveryOutbox outbox((*store)->db());
            auto a = outbox.action(u"e0"_s, u"reply"_s);
            QVERIFY(a && a->has_value());
            QCOMPARE((*a)->state, u"queued"_s); // posted, not recorded
        }

        // push again, with a 429 and a 503 on the way: the first reply is found, not posted again.
        dbl.call([&](HelpdeskDouble &d) {
            d.injectRateLimit(v.lookupPattern, 1);
            d.injectStatus(v.lookupPattern, 503);
        });
        const Run pushed = ctl({u"--db"_s, db, u"helpdesk"_s, u"push"_s, u"--rules"_s, rulesFile});
        QCOMPARE(pushed.code, 1); // the reply to the deleted ticket failed
        QVERIFY2(pushed.out.contains(u"replies: 1 delivered, 1 already in the helpdesk"_s),
                 qPrintable(pushed.out + pushed.err));
        QVERIFY2(pushed.err.contains(u"reply of ticket %1%2 failed"_s.arg(prefix).arg(t2)), qPrintable(pushed.err));
        QCOMPARE(dbl.call([&](HelpdeskDouble &d) { return timesPosted(d, t0, text0); }), 1);
        QCOMPARE(dbl.call([&](HelpdeskDouble &d) { return timesPosted(d, t1, text1); }), 1);
        const auto tagsOf = [&](qint64 id) {
            return dbl.call([id](HelpdeskDouble &d) { return d.ticket(id).value(u"tags").toArray().toVariantList(); });
        };
        QVERIFY2(tagsOf(t0).contains(u"understudy_sent_as_is"_s), qPrintable(pushed.out + pushed.err));
        QVERIFY(tagsOf(t1).contains(u"understudy_edited"_s));
        QVERIFY(tagsOf(t1).contains(u"understudy_escalated"_s));
        QVERIFY2(pushed.out.contains(u"hand-offs: 1;"_s), qPrintable(pushed.out));
        const QJsonObject handed = dbl.call([t1](HelpdeskDouble &d) { return d.ticket(t1); });
        if (vendor == Vendor::Zendesk) {
            QCOMPARE(handed.value(u"group_id").toInteger(), 7003);
            QCOMPARE(handed.value(u"priority").toString(), u"urgent"_s);
        } else {
            QCOMPARE(handed.value(u"group_id").toInteger(), 46003);
            QCOMPARE(handed.value(u"priority").toInt(), 4);
        }
        {
            auto store = store::Store::open(db);
            QVERIFY(store);
            store::DeliveryOutbox outbox((*store)->db());
            auto a0 = outbox.action(u"e0"_s, u"reply"_s);
            QVERIFY(a0 && a0->has_value());
            QCOMPARE((*a0)->state, u"done"_s);
            QVERIFY(!(*a0)->externalId.isEmpty());
            auto d0 = (*store)->replyDelivery(u"e0"_s);
            QVERIFY(d0 && d0->has_value());
            QCOMPARE((*d0)->state, u"delivered"_s);
            QCOMPARE((*d0)->replyId, (*a0)->externalId);
            auto a2 = outbox.action(u"e2"_s, u"reply"_s);
            QVERIFY(a2 && a2->has_value());
            QCOMPARE((*a2)->state, u"failed"_s);
            QVERIFY2((*a2)->lastError.contains(u"not found"_s), qPrintable((*a2)->lastError));
            auto d2 = (*store)->replyDelivery(u"e2"_s);
            QVERIFY(d2 && d2->has_value());
            QCOMPARE((*d2)->state, u"failed");
        }

        // Nothing is posted twice by a later push; retry queues the failed one again (it fails again: gone).
        const Run idle = ctl({u"--db"_s, db, u"helpdesk"_s, u"push"_s});
        QVERIFY2(idle.out.contains(u"replies: 0 delivered, 0 already in the helpdesk"_s), qPrintable(idle.out));
        QCOMPARE(dbl.call([&](HelpdeskDouble &d) { return timesPosted(d, t0, text0); }), 1);
        const Run retry = ctl({u"--db"_s, db, u"helpdesk"_s, u"retry"_s, u"--event"_s, u"e2"_s});
        QVERIFY2(retry.code == 0, qPrintable(retry.err));
        {
            auto store = store::Store::open(db);
            QVERIFY(store);
            auto d2 = (*store)->replyDelivery(u"e2"_s);
            QVERIFY(d2 && d2->has_value());
            QCOMPARE((*d2)->state, u"pending");
        }
        const Run retryDone = ctl({u"--db"_s, db, u"helpdesk"_s, u"retry"_s, u"--event"_s, u"e0"_s});
        QCOMPARE(retryDone.code, 1);

        // remove forgets the integration and its secret.
        const Run removed = ctl({u"--db"_s, db, u"helpdesk"_s, u"remove"_s, u"--name"_s, v.kind});
        QVERIFY2(removed.code == 0, qPrintable(removed.err));
        const Run pullGone = ctl({u"--db"_s, db, u"helpdesk"_s, u"pull"_s});
        QCOMPARE(pullGone.code, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliHelpdesk)
#include "tst_cli_helpdesk.moc"

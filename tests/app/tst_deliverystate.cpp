// SPDX-License-Identifier: GPL-3.0-or-later
// The agent sees where each sent reply stands (issue 17), offscreen: queued for the connected helpdesk, retrying with
// the helpdesk's reason, failed with it (then Retry queues it again), delivered; a ticket without a helpdesk shows the
// reply owed to the server; a ticket without a send shows nothing.
#include "DeliveryOutbox.h"
#include "DeliveryState.h"
#include "Store.h"

#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace understudy;
using understudy::app::DeliveryState;

namespace {

Ticket openTicket(const QString &id)
{
    Ticket t;
    t.id = id;
    t.subject = u"Refund please"_s;
    t.status = u"open"_s;
    t.customer.id = u"c-1"_s;
    t.customer.name = u"Ana"_s;
    Message m;
    m.author = u"customer"_s;
    m.body = u"I was charged twice, please refund one of them."_s;
    m.at = QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc());
    t.messages = {m};
    t.createdAt = m.at;
    return t;
}

FeedbackEvent send(const QString &id, const QString &ticketId)
{
    FeedbackEvent e;
    e.id = id;
    e.kind = FeedbackEvent::Kind::SentAsIs;
    e.agent = u"alice"_s;
    e.ticketId = ticketId;
    e.draftId = u"d-"_s + id;
    e.at = QDateTime(QDate(2026, 3, 1), QTime(9, 30), QTimeZone::utc());
    e.confidence = 0.8;
    e.finalText = u"Hello Ana, the second charge is refunded."_s;
    e.engine = u"test"_s;
    return e;
}

} // namespace

class TestDeliveryState : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsEachStateAndRetries()
    {
        QTemporaryDir dir;
        auto opened = store::Store::open(dir.filePath(u"s.db"_s));
        QVERIFY(opened);
        store::Store &st = **opened;
        QVERIFY(
            st.importTickets({openTicket(u"zendesk-101"_s), openTicket(u"T-2"_s), openTicket(u"T-3"_s)}, u"test"_s));
        store::DeliveryOutbox outbox(st.db());
        store::LocalHelpdesk h;
        h.name = u"zendesk"_s;
        h.kind = u"zendesk"_s;
        h.baseUrl = u"https://example.zendesk.test"_s;
        QVERIFY(outbox.addIntegration(h));
        QVERIFY(outbox.mapTickets(u"zendesk"_s, {{u"zendesk-101"_s, u"101"_s}}));

        DeliveryState view;
        view.show();
        // No send: nothing to show.
        view.showTicket(st, u"T-3"_s);
        QVERIFY(view.lines().isEmpty());
        QVERIFY(view.isHidden());

        QVERIFY(st.recordReply(send(u"e1"_s, u"zendesk-101"_s)));
        view.showTicket(st, u"zendesk-101"_s);
        QVERIFY(view.isVisible());
        QCOMPARE(view.lines().size(), 1);
        QVERIFY2(view.lines().first().contains(u"queued for zendesk"_s), qPrintable(view.lines().first()));
        QVERIFY(!view.findChild<QPushButton *>(u"deliveryRetry"_s));

        // A try failed and will be retried: the helpdesk's reason is shown.
        QVERIFY(outbox.markFailed(u"e1"_s, u"reply"_s, u"rate limited: retry after 30 s"_s, false,
                                  QDateTime::currentDateTimeUtc().addSecs(30)));
        view.refresh();
        QVERIFY2(view.lines().first().contains(u"will be retried"_s) &&
                     view.lines().first().contains(u"rate limited: retry after 30 s"_s),
                 qPrintable(view.lines().first()));

        // Failed for good: the reason and a Retry button, which queues it again.
        QVERIFY(outbox.markFailed(u"e1"_s, u"reply"_s, u"not found: Zendesk: ticket 101"_s, true, {}));
        view.refresh();
        QVERIFY2(view.lines().first().contains(u"not delivered to zendesk — not found: Zendesk: ticket 101"_s),
                 qPrintable(view.lines().first()));
        auto *retry = view.findChild<QPushButton *>(u"deliveryRetry"_s);
        QVERIFY(retry);
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY(view.lines().value(0).contains(u"queued again for zendesk"_s));
        auto a = outbox.action(u"e1"_s, u"reply"_s);
        QVERIFY(a && a->has_value());
        QCOMPARE((*a)->state, u"queued"_s);
        QVERIFY(!view.findChild<QPushButton *>(u"deliveryRetry"_s));

        QVERIFY(outbox.markDone(u"e1"_s, u"reply"_s, u"9001"_s));
        view.refresh();
        QVERIFY2(view.lines().first().contains(u"delivered to zendesk"_s), qPrintable(view.lines().first()));
        const auto labels = view.findChildren<QLabel *>(u"deliveryLine"_s);
        QCOMPARE(labels.size(), 1);
        QCOMPARE(labels.first()->property("deliveryState").toString(), u"done"_s);

        // A ticket without a helpdesk: the reply owed to the server.
        QVERIFY(st.recordReply(send(u"e2"_s, u"T-2"_s)));
        view.showTicket(st, u"T-2"_s);
        QCOMPARE(view.lines().size(), 1);
        QVERIFY2(view.lines().first().contains(u"queued for the server"_s), qPrintable(view.lines().first()));
        QVERIFY(st.markReplyDelivered(u"e2"_s, u"r-7"_s));
        view.refresh();
        QVERIFY2(view.lines().first().contains(u"delivered to the server"_s), qPrintable(view.lines().first()));

        view.clear();
        QVERIFY(view.isHidden());
    }
};

QTEST_MAIN(TestDeliveryState)
#include "tst_deliverystate.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The queue model (lazy pages from the store), its filter proxy and the sources model, each under
// QAbstractItemModelTester; and a 100,000-ticket queue sorted and filtered.
#include "AppTestSupport.h"
#include "QueueFilterModel.h"
#include "QueueModel.h"
#include "SourcesModel.h"

#include <understudy/Clock.h>

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QSignalSpy>

#include <numeric>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::app;

namespace {

QList<Ticket> syntheticTickets(int n)
{
    static const QString tiers[] = {u"free"_s, u"pro"_s, u"enterprise"_s};
    static const QString statuses[] = {u"open"_s, u"pending"_s, u"resolved"_s, u"closed"_s};
    const QDateTime base(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);
    QList<Ticket> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        Ticket t;
        t.id = u"S-%1"_s.arg(i, 6, 10, QLatin1Char('0'));
        t.subject = u"Question number %1 about %2"_s.arg(i).arg(i % 7 == 0 ? u"invoices"_s : u"passwords"_s);
        t.customer = Customer{u"C-%1"_s.arg(i % 1000), u"Customer %1"_s.arg(i % 1000), {}, tiers[i % 3]};
        t.status = statuses[i % 4];
        t.createdAt = base.addSecs(qint64(i) * 60);
        t.messages << Message{u"customer"_s, u"Help with %1"_s.arg(i), t.createdAt};
        out << t;
    }
    return out;
}

} // namespace

class TestQueueModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void demoQueueUnderModelTester()
    {
        auto store = test::demoStore(m_dir, u"demo.db"_s);
        QVERIFY(store);
        QueueModel model(store.get());
        model.setPageSize(50);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QueueFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.totalRows(), 328);
        QVERIFY(model.canFetchMore({}));
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 328);
        // Open tickets first, oldest first.
        QCOMPARE(model.index(0, 0).data(QueueModel::StatusRole).toString(), u"open"_s);
        QCOMPARE(model.index(81, 0).data(QueueModel::StatusRole).toString(), u"open"_s);
        QCOMPARE(model.index(82, 0).data(QueueModel::StatusRole).toString(), u"resolved"_s);
        const QModelIndex first = model.index(0, QueueModel::SubjectColumn);
        QVERIFY(!first.data().toString().isEmpty());
        QVERIFY(first.data(QueueModel::UnseenRole).toBool());
        QVERIFY(!first.data(QueueModel::HasDraftRole).toBool());

        filter.setStatusFilter(QueueFilterModel::StatusFilter::Active);
        QCOMPARE(model.totalRows(), 82);
        QCOMPARE(filter.rowCount(), 50); // one page: the filter runs in the store, paging stays lazy
        while (filter.canFetchMore({}))
            filter.fetchMore({});
        QCOMPARE(filter.rowCount(), 82);
        filter.setTierFilter(u"enterprise"_s);
        QVERIFY(filter.rowCount() > 0);
        for (int r = 0; r < filter.rowCount(); ++r)
            QCOMPARE(filter.index(r, 0).data(QueueModel::TierRole).toString(), u"enterprise"_s);
        filter.setTierFilter({});
        filter.setSearchText(u"T-1249"_s);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data(QueueModel::TicketIdRole).toString(), u"T-1249"_s);
        filter.setSearchText({});
        filter.sort(QueueModel::SubjectColumn);
        filter.sort(QueueModel::ConfidenceColumn, Qt::DescendingOrder);
        filter.sort(QueueModel::WaitingColumn);
    }

    void refreshShowsANewDraft()
    {
        auto store = test::demoStore(m_dir, u"refresh.db"_s);
        QueueModel model(store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QueueFilterModel filter;
        filter.setSourceModel(&model);
        filter.setLowConfidenceOnly(true);
        QCOMPARE(filter.rowCount(), 0);
        filter.setLowConfidenceOnly(false);
        model.reload();
        const int row = model.rowOf(u"T-1249"_s);
        QVERIFY(row >= 0);
        Draft d;
        d.id = u"d1"_s;
        d.ticketId = u"T-1249"_s;
        d.text = u"x"_s;
        d.confidence = 0.2;
        d.lowConfidence = true;
        d.escalation.escalate = true;
        d.createdAt = Clock::now();
        QVERIFY(store->saveDraft(d));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refreshTicket(u"T-1249"_s);
        QCOMPARE(changed.count(), 1);
        const QModelIndex i = model.index(row, QueueModel::ConfidenceColumn);
        QVERIFY(i.data(QueueModel::HasDraftRole).toBool());
        QCOMPARE(i.data(QueueModel::ConfidenceRole).toDouble(), 0.2);
        QVERIFY(i.data(QueueModel::EscalatedRole).toBool());
        QCOMPARE(i.data().toString(), u"20%"_s);
        // Filters are queries: the new draft is found by them at once.
        filter.setLowConfidenceOnly(true);
        QCOMPARE(filter.rowCount(), 1);
        filter.setEscalatedOnly(true);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data(QueueModel::TicketIdRole).toString(), u"T-1249"_s);

        // An agent's escalation marks a ticket without a draft too.
        FeedbackEvent e;
        e.id = u"esc-1"_s;
        e.kind = FeedbackEvent::Kind::Escalated;
        e.ticketId = u"T-1250"_s;
        e.at = Clock::now();
        e.reason = u"angry"_s;
        QVERIFY(store->recordEvent(e));
        filter.setLowConfidenceOnly(false);
        QCOMPARE(model.totalRows(), 2);
        const int esc = model.rowOf(u"T-1250"_s);
        QVERIFY(esc >= 0);
        QVERIFY(model.index(esc, 0).data(QueueModel::EscalatedRole).toBool());
        QVERIFY(!model.index(esc, 0).data(QueueModel::HasDraftRole).toBool());
        QCOMPARE(model.index(esc, QueueModel::EscalationColumn).data().toString(),
                 QueueModel::escalatedMark()); // issue 18.10: not the flag's ⚑
    }

    void sourcesModel()
    {
        SourcesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setSources({Source{u"article"_s, u"kb-1"_s, u"Reset"_s, 2.5, u"snip"_s, u"https://x/1"_s, {}, {}},
                          Source{u"answer"_s, u"ticket:T-1"_s, {}, 1.25, u"past\nreply"_s, {}, {}, {}}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, SourcesModel::KindColumn).data().toString(), u"Article"_s);
        QCOMPARE(model.index(0, SourcesModel::ScoreColumn).data().toString(), u"2.50"_s);
        QCOMPARE(model.index(1, SourcesModel::TitleColumn).data().toString(), u"ticket:T-1"_s);
        QCOMPARE(model.index(1, SourcesModel::SnippetColumn).data().toString(), u"past reply"_s);
        QCOMPARE(model.index(0, 0).data(SourcesModel::UrlRole).toString(), u"https://x/1"_s);
        model.setSources({});
        QCOMPARE(model.rowCount(), 0);
    }

    // Issue 18, point 14: a page the store must sort (by customer) is read on a worker with a connection of its
    // own. The model answers at once with the rows it has and shows the sorted page in one reset when it arrives;
    // paging on is read there too; a newer query makes a late page void.
    void customerSortIsReadOffTheGuiThread()
    {
        auto opened = store::Store::open(m_dir.filePath(u"worker.db"_s));
        QVERIFY(opened);
        auto &store = **opened;
        const int n = 3000;
        const QList<Ticket> tickets = syntheticTickets(n);
        QVERIFY(store.importTickets(tickets, u"synthetic"_s));
        QueueModel model(&store);
        QCOMPARE(model.loading(), QueueModel::Loading::SlowOffGuiThread);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int page = model.pageSize();
        model.reload(); // the default order walks an index: read at once
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), page);
        const QString firstByDefault = model.index(0, 0).data(QueueModel::TicketIdRole).toString();
        QCOMPARE(firstByDefault, tickets[0].id);

        QList<int> byCustomer(n);
        std::iota(byCustomer.begin(), byCustomer.end(), 0);
        std::stable_sort(byCustomer.begin(), byCustomer.end(), [&](int a, int b) {
            return tickets[a].customer.name.toLower() < tickets[b].customer.name.toLower();
        });
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy loaded(&model, &QueueModel::pageLoaded);
        QSignalSpy failed(&model, &QueueModel::loadFailed);
        {
            // A ticket written but not committed on the store's own connection, sorting first by customer: the
            // worker's connection does not see it, the store's would.
            auto tx = store.db().transaction("held open while the worker reads");
            QVERIFY(tx.status());
            Ticket early = tickets[0];
            early.id = u"A-0"_s;
            early.customer = Customer{u"C-a"_s, u"Aaron"_s, {}, u"pro"_s};
            QVERIFY(store.importTickets({early}, u"synthetic"_s));
            QCOMPARE(*store.queueSize(), n + 1);

            model.sort(QueueModel::CustomerColumn);
            // Answered at once with what it has: nothing reset yet, the previous order still shown.
            QVERIFY(model.isLoading());
            QCOMPARE(resets.count(), 0);
            QCOMPARE(model.rowCount(), page);
            QCOMPARE(model.totalRows(), n);
            QCOMPARE(model.index(0, 0).data(QueueModel::TicketIdRole).toString(), firstByDefault);
            QVERIFY(!model.canFetchMore({})); // one read at a time
            QVERIFY(loaded.wait(60000));
        }
        QVERIFY(!model.isLoading());
        QCOMPARE(failed.count(), 0);
        QCOMPARE(resets.count(), 1);    // one reset, from the old rows to the new: never an empty queue between
        QCOMPARE(model.totalRows(), n); // read on its own connection: the uncommitted ticket was not there
        QCOMPARE(model.rowCount(), page);
        for (int r = 0; r < page; ++r)
            QCOMPARE(model.index(r, 0).data(QueueModel::TicketIdRole).toString(), tickets[byCustomer[r]].id);

        // Paging on under the same order is read on the worker too, and continues the order.
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), page);
        QVERIFY(loaded.wait(60000));
        QCOMPARE(model.rowCount(), 2 * page);
        for (int r = page; r < 2 * page; ++r)
            QCOMPARE(model.index(r, 0).data(QueueModel::TicketIdRole).toString(), tickets[byCustomer[r]].id);

        // A newer query read at once makes the page still being read void: it is dropped when it arrives.
        const int shown = int(loaded.count());
        model.sort(QueueModel::TierColumn, Qt::DescendingOrder);
        QVERIFY(model.isLoading());
        model.sort(-1);
        QVERIFY(!model.isLoading());
        QCOMPARE(model.index(0, 0).data(QueueModel::TicketIdRole).toString(), firstByDefault);
        QTRY_VERIFY_WITH_TIMEOUT(model.findChildren<QFutureWatcherBase *>().isEmpty(), 60000);
        QCOMPARE(int(loaded.count()), shown);
        QCOMPARE(model.index(0, 0).data(QueueModel::TicketIdRole).toString(), firstByDefault);
        QCOMPARE(model.query().sort, store::QueueQuery::Sort::Default);
        QCOMPARE(failed.count(), 0);

        // Every page on the worker, when asked: the default order too.
        model.setLoading(QueueModel::Loading::OffGuiThread);
        model.reload();
        QVERIFY(model.isLoading());
        QVERIFY(loaded.wait(60000));
        QCOMPARE(model.rowCount(), page);
        QCOMPARE(model.index(0, 0).data(QueueModel::TicketIdRole).toString(), firstByDefault);
    }

    // 100,000 tickets: search, filters and every sort run in the store. Only pages are ever loaded: after each
    // query the model holds at most one page, and a ticket that was never paged in is found by a search.
    void hundredThousandTickets()
    {
        const int n = qEnvironmentVariableIsSet("UNDERSTUDY_QUICK") ? 10000 : 100000;
        auto opened = store::Store::open(m_dir.filePath(u"big.db"_s));
        QVERIFY(opened);
        auto &store = **opened;
        QElapsedTimer t;
        t.start();
        const QList<Ticket> tickets = syntheticTickets(n);
        QVERIFY(store.importTickets(tickets, u"synthetic"_s));
        qInfo("imported %d tickets in %lld ms", n, t.elapsed());

        // Drafts for 40 tickets spread over the store (confidence rising with k, every fifth escalating) and an
        // agent's escalation of one ticket without a draft.
        QHash<QString, Draft> drafts;
        for (int k = 0; k < 40; ++k) {
            Draft d;
            d.id = u"d-%1"_s.arg(k);
            d.ticketId = tickets[k * (n / 40) + 3].id;
            d.text = u"draft"_s;
            d.confidence = 0.05 + 0.02 * k;
            d.lowConfidence = d.confidence < 0.5;
            d.escalation.escalate = k % 5 == 0;
            d.createdAt = Clock::now();
            QVERIFY(store.saveDraft(d));
            drafts.insert(d.ticketId, d);
        }
        const QString agentEscalated = tickets[n / 2 + 1].id;
        FeedbackEvent esc;
        esc.id = u"esc"_s;
        esc.kind = FeedbackEvent::Kind::Escalated;
        esc.ticketId = agentEscalated;
        esc.at = Clock::now();
        QVERIFY(store.recordEvent(esc));

        QueueModel model(&store);
        QueueFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int page = model.pageSize();
        t.restart();
        model.reload();
        qInfo("first page in %lld ms", t.elapsed());
        QCOMPARE(model.rowCount(), page);
        QCOMPARE(model.totalRows(), n);

        // The last ticket of the default order (resolved/closed tickets come last) was never paged in.
        const QString last = tickets[n - 2].id; // i % 4 == 2: resolved
        QCOMPARE(model.rowOf(last), -1);
        t.restart();
        filter.setSearchText(last);
        qInfo("search by id in %lld ms", t.elapsed());
        QCOMPARE(model.totalRows(), 1);
        QCOMPARE(filter.index(0, 0).data(QueueModel::TicketIdRole).toString(), last);
        // Words of the subject, any case, as word prefixes.
        filter.setSearchText(
            u"NUMBER %1 %2"_s.arg(n - 5).arg(tickets[n - 5].subject.section(u' ', -1).left(4).toUpper()));
        QCOMPARE(model.totalRows(), 1);
        QCOMPARE(filter.index(0, 0).data(QueueModel::TicketIdRole).toString(), tickets[n - 5].id);
        // The customer's name ("777" also begins the subject word of ticket 777, 7770..7779, ...).
        filter.setSearchText(u"customer 777"_s);
        qint64 customer777 = 0;
        for (int i = 0; i < n; ++i)
            customer777 += i % 1000 == 777 || QString::number(i).startsWith(u"777"_s) ? 1 : 0;
        QCOMPARE(model.totalRows(), customer777);
        QVERIFY(model.rowCount() <= page);
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(filter.index(r, QueueModel::CustomerColumn).data().toString() == u"Customer 777"_s ||
                    filter.index(r, QueueModel::SubjectColumn).data().toString().contains(u" 777"_s));

        // Filters count right, alone and together.
        auto expectCount = [&](const std::function<bool(int)> &pass) {
            qint64 c = 0;
            for (int i = 0; i < n; ++i)
                c += pass(i) ? 1 : 0;
            return c;
        };
        auto isActive = [](int i) { return i % 4 < 2; };
        // A customer's tier is the one its latest imported ticket carried.
        QHash<QString, QString> tierOf;
        for (const Ticket &tk : tickets)
            tierOf.insert(tk.customer.id, tk.customer.tier);
        auto isPro = [&](int i) { return tierOf.value(tickets[i].customer.id) == u"pro"_s; };
        filter.setSearchText({});
        t.restart();
        filter.setStatusFilter(QueueFilterModel::StatusFilter::Active);
        qInfo("active filter in %lld ms", t.elapsed());
        QCOMPARE(model.totalRows(), n / 2);
        QCOMPARE(model.rowCount(), page);
        filter.setStatusFilter(QueueFilterModel::StatusFilter::Pending);
        QCOMPARE(model.totalRows(), expectCount([](int i) { return i % 4 == 1; }));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, 0).data(QueueModel::StatusRole).toString(), u"pending"_s);
        filter.setStatusFilter(QueueFilterModel::StatusFilter::Closed);
        QCOMPARE(model.totalRows(), expectCount([](int i) { return i % 4 == 3; }));
        filter.setStatusFilter(QueueFilterModel::StatusFilter::Active);
        filter.setTierFilter(u"pro"_s);
        QCOMPARE(model.totalRows(), expectCount([&](int i) { return isActive(i) && isPro(i); }));
        t.restart();
        filter.setSearchText(u"invoices"_s);
        qInfo("active + pro + search in %lld ms", t.elapsed());
        QCOMPARE(model.totalRows(), expectCount([&](int i) { return isActive(i) && isPro(i) && i % 7 == 0; }));
        QVERIFY(model.rowCount() <= page);
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex i = filter.index(r, QueueModel::SubjectColumn);
            QVERIFY(i.data().toString().contains(u"invoices"_s));
            QCOMPARE(i.data(QueueModel::TierRole).toString(), u"pro"_s);
        }
        filter.setTierFilter({});
        filter.setSearchText({});
        filter.setStatusFilter(QueueFilterModel::StatusFilter::All);
        filter.setLowConfidenceOnly(true);
        QCOMPARE(model.totalRows(), 23); // confidence 0.05 .. 0.49
        filter.setLowConfidenceOnly(false);
        filter.setEscalatedOnly(true);
        QCOMPARE(model.totalRows(), 9); // 8 drafts + the agent's escalation
        QVERIFY(model.rowOf(agentEscalated) >= 0);
        filter.setEscalatedOnly(false);
        QCOMPARE(model.totalRows(), n);

        // Every column sorts in the store, both ways: the first rows are the expected ones, and paging on
        // continues the same order.
        static const QHash<QString, int> tierRank{{u"free"_s, 0}, {u"pro"_s, 1}, {u"enterprise"_s, 2}};
        static const QHash<QString, int> statusRank{
            {u"open"_s, 0}, {u"pending"_s, 1}, {u"resolved"_s, 2}, {u"closed"_s, 3}};
        auto key = [&](int column, const Ticket &tk) -> QVariant {
            const auto d = drafts.constFind(tk.id);
            switch (column) {
            case QueueModel::SubjectColumn:
                return tk.subject.toLower();
            case QueueModel::CustomerColumn:
                return tk.customer.name.toLower();
            case QueueModel::TierColumn:
                return tierRank.value(tierOf.value(tk.customer.id));
            case QueueModel::StatusColumn:
                return statusRank.value(tk.status);
            case QueueModel::WaitingColumn:
                return tk.messages.last().at;
            case QueueModel::ConfidenceColumn:
                return d == drafts.constEnd() ? -1.0 : d->confidence;
            case QueueModel::EscalationColumn:
                return int((d != drafts.constEnd() && d->escalation.escalate) || tk.id == agentEscalated);
            }
            return {};
        };
        for (int column = 0; column < QueueModel::ColumnCount; ++column) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                QList<QVariant> keys(n);
                for (int i = 0; i < n; ++i)
                    keys[i] = key(column, tickets[i]);
                QList<int> expected(n);
                std::iota(expected.begin(), expected.end(), 0);
                std::stable_sort(expected.begin(), expected.end(), [&](int a, int b) {
                    const QPartialOrdering c = QVariant::compare(keys[a], keys[b]);
                    if (c == QPartialOrdering::Less || c == QPartialOrdering::Greater)
                        return (c == QPartialOrdering::Less) == (order == Qt::AscendingOrder);
                    return a < b; // ties: oldest first (created in index order)
                });
                t.restart();
                filter.sort(column, order);
                const qint64 ms = t.elapsed();
                // Customer and tier pages are read on the worker (the old rows stay meanwhile): wait for them.
                QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 120000);
                QCOMPARE(model.rowCount(), page);
                while (model.rowCount() < 3 * page && model.canFetchMore({})) {
                    model.fetchMore({});
                    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 120000);
                }
                qInfo("sorted by column %d %s in %lld ms (3 pages: %lld ms)", column,
                      order == Qt::AscendingOrder ? "ascending" : "descending", ms, t.elapsed());
                QCOMPARE(model.rowCount(), 3 * page);
                for (int r = 0; r < 3 * page; ++r)
                    QCOMPARE(filter.index(r, 0).data(QueueModel::TicketIdRole).toString(), tickets[expected[r]].id);
            }
        }
        filter.sort(-1);
        QCOMPARE(filter.index(0, 0).data(QueueModel::TicketIdRole).toString(), tickets[0].id);
    }
};

QTEST_MAIN(TestQueueModel)
#include "tst_queuemodel.moc"

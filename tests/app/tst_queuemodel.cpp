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
#include <QSignalSpy>

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
        QCOMPARE(filter.rowCount(), 82);
        filter.setTierFilter(u"enterprise"_s);
        for (int r = 0; r < filter.rowCount(); ++r)
            QCOMPARE(filter.index(r, 0).data(QueueModel::TierRole).toString(), u"enterprise"_s);
        filter.setTierFilter({});
        filter.setSearchText(u"T-1249"_s);
        QCOMPARE(filter.rowCount(), 1);
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
        model.reload();
        QCOMPARE(filter.rowCount(), 0);
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
        QCOMPARE(filter.rowCount(), 1);
        filter.setEscalatedOnly(true);
        QCOMPARE(filter.rowCount(), 1);
    }

    void sourcesModel()
    {
        SourcesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setSources({Source{u"article"_s, u"kb-1"_s, u"Reset"_s, 2.5, u"snip"_s, u"https://x/1"_s, {}},
                          Source{u"answer"_s, u"ticket:T-1"_s, {}, 1.25, u"past\nreply"_s, {}, {}}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, SourcesModel::KindColumn).data().toString(), u"Article"_s);
        QCOMPARE(model.index(0, SourcesModel::ScoreColumn).data().toString(), u"2.50"_s);
        QCOMPARE(model.index(1, SourcesModel::TitleColumn).data().toString(), u"ticket:T-1"_s);
        QCOMPARE(model.index(1, SourcesModel::SnippetColumn).data().toString(), u"past reply"_s);
        QCOMPARE(model.index(0, 0).data(SourcesModel::UrlRole).toString(), u"https://x/1"_s);
        model.setSources({});
        QCOMPARE(model.rowCount(), 0);
    }

    void hundredThousandTickets()
    {
        const int n = qEnvironmentVariableIsSet("UNDERSTUDY_QUICK") ? 10000 : 100000;
        auto opened = store::Store::open(m_dir.filePath(u"big.db"_s));
        QVERIFY(opened);
        auto &store = **opened;
        QElapsedTimer t;
        t.start();
        QVERIFY(store.importTickets(syntheticTickets(n), u"synthetic"_s));
        qInfo("imported %d tickets in %lld ms", n, t.elapsed());

        QueueModel model(&store);
        model.setPageSize(2000);
        QueueFilterModel filter;
        filter.setSourceModel(&model);
        t.restart();
        model.reload();
        const qint64 firstPage = t.elapsed();
        qInfo("first page in %lld ms", firstPage);
        QCOMPARE(model.rowCount(), 2000);
        QCOMPARE(model.totalRows(), n);
        t.restart();
        while (model.canFetchMore({}))
            model.fetchMore({});
        qInfo("all %d rows loaded in %lld ms", model.rowCount(), t.elapsed());
        QCOMPARE(model.rowCount(), n);

        t.restart();
        filter.setStatusFilter(QueueFilterModel::StatusFilter::Active);
        QCOMPARE(filter.rowCount(), n / 2);
        filter.setTierFilter(u"pro"_s);
        filter.setSearchText(u"invoices"_s);
        for (int r = 0; r < filter.rowCount(); ++r) {
            const QModelIndex i = filter.index(r, QueueModel::SubjectColumn);
            QVERIFY(i.data().toString().contains(u"invoices"_s));
            QCOMPARE(i.data(QueueModel::TierRole).toString(), u"pro"_s);
        }
        qInfo("filtered to %d rows in %lld ms", filter.rowCount(), t.elapsed());
        filter.setTierFilter({});
        filter.setSearchText({});
        t.restart();
        filter.sort(QueueModel::SubjectColumn, Qt::DescendingOrder);
        qInfo("sorted %d rows by subject in %lld ms", filter.rowCount(), t.elapsed());
        for (int r = 1; r < qMin(filter.rowCount(), 500); ++r)
            QVERIFY(QString::localeAwareCompare(filter.index(r - 1, 0).data().toString(),
                                                filter.index(r, 0).data().toString()) >= 0);
        t.restart();
        filter.sort(QueueModel::WaitingColumn, Qt::AscendingOrder);
        qInfo("sorted %d rows by waiting time in %lld ms", filter.rowCount(), t.elapsed());
        // Ascending = longest waiting first.
        for (int r = 1; r < qMin(filter.rowCount(), 500); ++r)
            QVERIFY(filter.index(r - 1, 0).data(QueueModel::WaitingSinceRole).toDateTime() <=
                    filter.index(r, 0).data(QueueModel::WaitingSinceRole).toDateTime());
    }
};

QTEST_MAIN(TestQueueModel)
#include "tst_queuemodel.moc"

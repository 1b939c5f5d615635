// SPDX-License-Identifier: GPL-3.0-or-later
#include "Backoff.h"

#include <QTest>

using namespace understudy::sync;

class TestBackoff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void doublesFromTheBaseUpToTheCap()
    {
        // Random 0 gives the lower bound (half the step), random just under 1 the upper bound.
        Backoff low(1000, 60000, [] { return 0.0; });
        const QList<int> lows{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (int expected : lows)
            QCOMPARE(low.nextDelayMs(), expected);
        Backoff high(1000, 60000, [] { return 0.999999; });
        const QList<int> highs{999, 1999, 3999, 7999, 15999, 31999, 59999, 59999};
        for (int expected : highs)
            QCOMPARE(high.nextDelayMs(), expected);
    }

    void jitterStaysWithinHalfToFullStep()
    {
        Backoff b(200, 60000);
        for (int n = 0; n < 40; ++n) {
            const qint64 step = std::min<qint64>(60000, qint64(200) << std::min(n, 20));
            const int d = b.nextDelayMs();
            QVERIFY2(d >= step / 2 && d <= step, qPrintable(QStringLiteral("attempt %1: %2 ms").arg(n).arg(d)));
        }
        QCOMPARE(b.failures(), 40);
    }

    void jitterSpreadsClientsApart()
    {
        // Ten clients failing together do not all retry at the same moment.
        QSet<int> delays;
        for (int c = 0; c < 10; ++c) {
            Backoff b(1000, 60000);
            for (int i = 0; i < 4; ++i)
                b.nextDelayMs();
            delays.insert(b.nextDelayMs());
        }
        QVERIFY(delays.size() > 5);
    }

    void resetStartsOver()
    {
        Backoff b(1000, 60000, [] { return 0.0; });
        for (int i = 0; i < 10; ++i)
            b.nextDelayMs();
        b.reset();
        QCOMPARE(b.failures(), 0);
        QCOMPARE(b.nextDelayMs(), 500);
    }

    void neverOverflowsInALongOutage()
    {
        Backoff b(1000, 60000, [] { return 0.5; });
        for (int i = 0; i < 100000; ++i)
            QVERIFY(b.nextDelayMs() <= 60000);
    }

    void oddArgumentsAreClamped()
    {
        Backoff b(0, -5, [] { return 2.0; }); // random out of range, base below 1, cap below base
        QCOMPARE(b.baseMs(), 1);
        QCOMPARE(b.capMs(), 1);
        QVERIFY(b.nextDelayMs() <= 1);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"

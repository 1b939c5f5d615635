// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Clock.h>

#include <QSet>
#include <QTest>
#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace understudy;

class TestClock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void idsAreVersion7UuidsCarryingTheCreationTime()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QString id = Clock::newId();
        const qint64 after = QDateTime::currentMSecsSinceEpoch();

        const QUuid u = QUuid::fromString(id);
        QVERIFY2(!u.isNull(), qPrintable(id));
        QCOMPARE(id.size(), 36);   // no braces
        QCOMPARE(id.at(14), u'7'); // the version nibble (QUuid::version() of Qt 6.4 knows versions 1-5 only)
        QCOMPARE(u.variant(), QUuid::DCE);
        const qint64 ms = qint64(id.left(8).toULongLong(nullptr, 16) << 16 | id.mid(9, 4).toULongLong(nullptr, 16));
        QVERIFY(ms >= before && ms <= after);
    }

    void idsMadeLaterSortLater()
    {
        const QString first = Clock::newId();
        QThread::msleep(2);
        const QString second = Clock::newId();
        QVERIFY2(first < second, qPrintable(first + u" / "_s + second));
    }

    void idsMadeInTheSameMillisecondAreStillUnique()
    {
        QSet<QString> seen;
        for (int i = 0; i < 100000; ++i)
            seen.insert(Clock::newId());
        QCOMPARE(seen.size(), 100000);
    }

    void aFixedClockDoesNotFixTheIds()
    {
        Clock::setFixedTime(QDateTime(QDate(2024, 1, 2), QTime(3, 4), Qt::UTC));
        const QString a = Clock::newId(), b = Clock::newId();
        Clock::setFixedTime({});
        QVERIFY(a != b);
        // The time inside is the real one, not the fixed one: ids still sort by when they were made.
        QVERIFY(a.left(8) >= u"0190c000"_s);
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"

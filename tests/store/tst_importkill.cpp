// SPDX-License-Identifier: GPL-3.0-or-later
// "A process killed mid-import leaves the database as it was before", with a real child process and SIGKILL.
#include "Store.h"
#include "StoreTestUtil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::store;

namespace {

constexpr int kArticles = 3000;

/// What a store holds, as far as an import can change it.
struct State {
    QByteArray counts;
    QByteArray checksum;
    bool operator==(const State &o) const { return counts == o.counts && checksum == o.checksum; }
};

char *toString(const State &s)
{
    return QTest::toString(s.counts + " / " + s.checksum.left(16));
}

} // namespace

class TestImportKill : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_variant = 0;
    State m_current; ///< the state of m_path, as last checked

    // Opens the store (recovering it after a kill), with @p check checks it is sound, and reads its state.
    static State stateOf(const QString &path, bool check)
    {
        auto store = Store::open(path);
        if (!store) {
            QTest::qFail(qPrintable(store.error().toString()), __FILE__, __LINE__);
            return {};
        }
        const QString verdict = check ? test::integrity((*store)->db()) : u"ok"_s;
        if (verdict != u"ok"_s)
            QTest::qFail(qPrintable(u"integrity: "_s + verdict), __FILE__, __LINE__);
        auto c = (*store)->counts();
        if (!c) {
            QTest::qFail(qPrintable(c.error().toString()), __FILE__, __LINE__);
            return {};
        }
        State s;
        s.counts = u"articles %1 active %2 chunks %3"_s.arg(c->articles).arg(c->activeArticles).arg(c->chunks)
                       .toUtf8();
        s.checksum = test::knowledgeChecksum((*store)->db());
        return s;
    }

    static QStringList childArgs(const QString &path, int count, qint64 pauseAfter, int variant)
    {
        return {path, QString::number(count), QString::number(pauseAfter), QString::number(variant)};
    }

    static void startChild(QProcess &child, const QStringList &args)
    {
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(STORE_IMPORT_CHILD), args);
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
    }

    // Reads the child's stdout until @p line (true) or until it exits or times out (false).
    static bool waitForLine(QProcess &child, const QByteArray &line, int timeoutMs = 120000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            while (child.canReadLine())
                if (child.readLine().trimmed() == line)
                    return true;
            if (child.state() == QProcess::NotRunning)
                return false;
            child.waitForReadyRead(100);
        }
        return false;
    }

    static void runToCompletion(const QString &path, int count, int variant)
    {
        QProcess child;
        startChild(child, childArgs(path, count, -1, variant));
        QVERIFY(child.waitForFinished(120000));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);
        QVERIFY(child.readAllStandardOutput().contains("done "));
    }

    static void killHard(QProcess &child)
    {
        // A child that already exited is still a zombie until QProcess reaps it, so kill() succeeds on it too.
        if (child.state() != QProcess::NotRunning) {
            const qint64 pid = child.processId();
            QVERIFY(pid > 0);
            QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        }
        QVERIFY(child.waitForFinished(10000));
    }

    static bool copyStore(const QString &from, const QString &to)
    {
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
            QFile::remove(to + suffix);
            if (QFile::exists(from + suffix) && !QFile::copy(from + suffix, to + suffix))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(QStringLiteral(STORE_IMPORT_CHILD)).isExecutable(), STORE_IMPORT_CHILD);
        m_path = m_dir.filePath(u"store.sqlite"_s);
        // A known first import, run to completion.
        runToCompletion(m_path, kArticles, m_variant);
        m_current = stateOf(m_path, true);
        QCOMPARE(m_current.counts, QByteArray("articles 3000 active 3000 chunks 12000"));
    }

    void killWhilePausedMidTransaction_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("pauseAfter");
        // Different article sets each time (more, fewer — so some are marked removed — and changed text),
        // paused at the first record, in the middle, and at the last one (just before markMissing and COMMIT).
        QTest::addRow("first record") << kArticles + 10 << 1;
        QTest::addRow("a third in") << kArticles + 25 << 1000;
        QTest::addRow("half way") << kArticles - 40 << (kArticles - 40) / 2;
        QTest::addRow("near the end") << kArticles << kArticles - 100;
        QTest::addRow("last record") << kArticles - 300 << kArticles - 300;
    }

    void killWhilePausedMidTransaction()
    {
        QFETCH(int, count);
        QFETCH(int, pauseAfter);
        const State before = m_current;

        QProcess child;
        startChild(child, childArgs(m_path, count, pauseAfter, ++m_variant));
        QVERIFY2(waitForLine(child, "paused"), "the child never paused");
        // The transaction is open and has written to the WAL; nothing of it is committed.
        const qint64 walBytes = QFileInfo(m_path + u"-wal"_s).size();
        killHard(child);
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        qInfo("killed after record %d of %d with %lld bytes in the WAL", pauseAfter, count, walBytes);
        if (pauseAfter >= 1000)
            QVERIFY2(walBytes > 0, "the import should have spilled uncommitted pages into the WAL by now");

        m_current = stateOf(m_path, true);
        QCOMPARE(m_current, before);
    }

    void killAtRandomMoments()
    {
        // Killed at a random moment, the store is exactly the old state or exactly the fully imported new one.
        // The article count varies too (every other round a small import), so kills land before, inside and
        // after the transaction.
        QRandomGenerator rng(20261123);
        int sawOld = 0;
        int sawNew = 0;
        const QString scratch = m_dir.filePath(u"expected.sqlite"_s);
        for (int round = 0; round < 10; ++round) {
            const int count = round % 2 ? 20 + int(rng.bounded(300)) : 300 + int(rng.bounded(kArticles - 300 + 1));
            const int variant = ++m_variant;
            const int delayMs = int(rng.bounded(301));
            const State before = m_current;

            // What the import gives when it completes: run it on a copy.
            QVERIFY(copyStore(m_path, scratch));
            runToCompletion(scratch, count, variant);
            const State expected = stateOf(scratch, false);
            QVERIFY(expected.counts != before.counts || expected.checksum != before.checksum);

            QProcess child;
            startChild(child, childArgs(m_path, count, -1, variant));
            QThread::msleep(delayMs);
            killHard(child);
            const bool finished = child.exitStatus() == QProcess::NormalExit;

            const State after = stateOf(m_path, true);
            m_current = after;
            const bool isOld = after == before;
            const bool isNew = after == expected;
            qInfo("round %d: %d articles, kill after %d ms: %s%s", round, count, delayMs,
                  isOld ? "old state" : isNew ? "new state" : "MIXED STATE", finished ? " (child had finished)" : "");
            QVERIFY2(isOld || isNew, after.counts.constData());
            if (finished)
                QVERIFY(isNew);
            (isOld ? sawOld : sawNew) += 1;
        }
        qInfo("old state %d times, new state %d times", sawOld, sawNew);
    }
};

QTEST_GUILESS_MAIN(TestImportKill)
#include "tst_importkill.moc"

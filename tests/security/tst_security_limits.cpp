// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 19, points 1-3: each attack on the real understudy-server (a child process on 127.0.0.1), replayed in
// bounded loops with raw sockets. Attackers connect from other loopback addresses (127.0.0.2 and up) than the
// normal client (127.0.0.1), which must be answered throughout. Memory is the server's own VmHWM from
// /proc/<pid>/status; timeouts are set short by options and only "closed" versus "still open" is asserted,
// with generous bounds. Runs on SQLite, and on PostgreSQL as tst_security_limits_pg.
#include "ServerTestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

#include <unistd.h>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace understudy::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr int kMaxBody = 1024 * 1024;
constexpr int kPerAddress = 64;

/// A field of /proc/<pid>/status in KiB (VmRSS, VmHWM).
qint64 statusKiB(qint64 pid, const QByteArray &key)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

/// The process's user + system CPU time in milliseconds.
qint64 cpuMs(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const qint64 ticks = fields.value(11).toLongLong() + fields.value(12).toLongLong(); // utime, stime
    return ticks * 1000 / sysconf(_SC_CLK_TCK);
}

int openDescriptors(qint64 pid)
{
    QProcess ls;
    ls.start(u"ls"_s, {u"/proc/%1/fd"_s.arg(pid)});
    ls.waitForFinished(5000);
    return int(ls.readAllStandardOutput().count('\n'));
}

/// One raw connection from a chosen loopback address: what it received, whether the server closed it, when.
struct Peer {
    std::unique_ptr<QTcpSocket> socket = std::make_unique<QTcpSocket>();
    QByteArray got;
    bool closed = false;
    qint64 closedAtMs = -1;
    qint64 firstByteAtMs = -1;
};

class Peers {
public:
    Peers() { m_clock.start(); }

    /// Connects one more peer from @p source; null when the connection did not open.
    Peer *open(const QString &source, quint16 port)
    {
        auto peer = std::make_unique<Peer>();
        Peer *p = peer.get();
        QTcpSocket *s = p->socket.get();
        QObject::connect(s, &QTcpSocket::readyRead, s, [this, p] {
            if (p->firstByteAtMs < 0)
                p->firstByteAtMs = m_clock.elapsed();
            p->got += p->socket->readAll();
        });
        QObject::connect(s, &QTcpSocket::disconnected, s, [this, p] {
            p->closed = true;
            p->closedAtMs = m_clock.elapsed();
        });
        s->bind(QHostAddress(source), 0);
        s->connectToHost(QHostAddress::LocalHost, port);
        if (!s->waitForConnected(5000))
            return nullptr;
        m_peers.push_back(std::move(peer));
        return p;
    }
    std::vector<std::unique_ptr<Peer>> &all() { return m_peers; }
    bool allClosed() const
    {
        return std::all_of(m_peers.cbegin(), m_peers.cend(), [](const auto &p) { return p->closed; });
    }
    qint64 elapsed() const { return m_clock.elapsed(); }
    void clear() { m_peers.clear(); }

private:
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Peer>> m_peers;
};

QByteArray head(const QByteArray &method, const QByteArray &target, const QByteArray &extra = {})
{
    return method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

/// Writes up to @p maxBytes of body in 1 MiB pieces while the server neither answered nor closed.
void stream(Peer &p, qint64 maxBytes)
{
    const QByteArray piece(int(kMiB), 'x');
    for (qint64 sent = 0; sent < maxBytes && p.got.isEmpty() && !p.closed; sent += piece.size()) {
        p.socket->write(piece);
        for (int i = 0; i < 50 && p.socket->bytesToWrite() > 0 && !p.closed; ++i)
            p.socket->waitForBytesWritten(100);
    }
}

} // namespace

class TestSecurityLimits : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_db;
    quint16 m_port = 0;
    QString m_token;

    qint64 pid() const { return m_server.pid(); }
    bool normalClientServed()
    {
        return http("GET", m_server.api() + u"/health"_s, QByteArray(), {}, 5000).status == 200;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
        const CliRun r =
            runServerCli({u"--database"_s, m_db, u"user"_s, u"add"_s, u"--name"_s, u"ann"_s, u"--role"_s, u"agent"_s},
                         "password-ann\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList options{u"--max-body-bytes"_s,
                                  QString::number(kMaxBody),
                                  u"--header-timeout"_s,
                                  u"2"_s,
                                  u"--body-timeout"_s,
                                  u"2"_s,
                                  u"--idle-timeout"_s,
                                  u"4"_s,
                                  u"--max-connections-per-address"_s,
                                  QString::number(kPerAddress),
                                  u"--log-dir"_s,
                                  m_dir.filePath(u"log"_s)};
        QVERIFY2(m_server.start(m_db, options, &error), qPrintable(error));
        m_port = quint16(QUrl(m_server.base()).port());
        m_token = login(m_server.api(), u"ann"_s, u"password-ann"_s);
        QVERIFY(!m_token.isEmpty());
    }

    /// Point 1: a declared 1 GiB body is refused on its Content-Length, before the body is read.
    void bigDeclaredBodyIsRefusedWithoutGrowing()
    {
        const qint64 hwmBefore = statusKiB(pid(), "VmHWM");
        Peers peers;
        Peer *p = peers.open(u"127.0.0.2"_s, m_port);
        QVERIFY(p);
        p->socket->write(
            head("POST", "/api/v1/events", "Content-Type: application/json\r\nContent-Length: 1073741824\r\n"));
        stream(*p, 64 * kMiB);
        QTRY_VERIFY_WITH_TIMEOUT(p->closed, 20000);
        QVERIFY2(p->got.startsWith("HTTP/1.1 413"), p->got.constData());
        QVERIFY(p->got.contains("the body is larger than"));
        const qint64 growth = statusKiB(pid(), "VmHWM") - hwmBefore;
        qInfo("1 GiB declared: 413 after %lld ms, peak RSS %lld KiB (grew %lld KiB)", p->firstByteAtMs,
              statusKiB(pid(), "VmHWM"), growth);
        QVERIFY2(growth < 32 * 1024, qPrintable(u"VmHWM grew by %1 KiB"_s.arg(growth)));
        QVERIFY(normalClientServed());
    }

    /// Point 1: six parallel 100 MiB bodies; and a body without Content-Length (chunked) past the cap.
    void parallelBigBodiesAreRefused()
    {
        const qint64 hwmBefore = statusKiB(pid(), "VmHWM");
        Peers peers;
        for (int i = 0; i < 6; ++i) {
            Peer *p = peers.open(u"127.0.0.2"_s, m_port);
            QVERIFY(p);
            p->socket->write(head("POST", "/api/v1/events", "Content-Length: 104857600\r\n"));
        }
        for (int round = 0; round < 16; ++round)
            for (auto &p : peers.all())
                stream(*p, kMiB);
        Peer *chunked = peers.open(u"127.0.0.2"_s, m_port);
        QVERIFY(chunked);
        chunked->socket->write(head("POST", "/api/v1/events", "Transfer-Encoding: chunked\r\n"));
        for (int i = 0; i < 8 && !chunked->closed && chunked->got.isEmpty(); ++i) {
            chunked->socket->write("40000\r\n" + QByteArray(0x40000, 'x') + "\r\n");
            chunked->socket->waitForBytesWritten(2000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(peers.allClosed(), 20000);
        for (auto &p : peers.all())
            QVERIFY2(p->got.startsWith("HTTP/1.1 413"), p->got.constData());
        const qint64 growth = statusKiB(pid(), "VmHWM") - hwmBefore;
        qInfo("6 x 100 MiB declared + chunked over the cap: all 413, peak RSS %lld KiB (grew %lld KiB)",
              statusKiB(pid(), "VmHWM"), growth);
        QVERIFY2(growth < 32 * 1024, qPrintable(u"VmHWM grew by %1 KiB"_s.arg(growth)));
        QVERIFY(normalClientServed());
    }

    /// Point 1: header count and size, URL length; each refused with its status and closed.
    void oversizedHeadsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QByteArray many;
        for (int i = 0; i < 101; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("101 headers") << head("GET", "/api/v1/health", many) << QByteArray("431");
        QTest::newRow("40 KiB header") << head("GET", "/api/v1/health", "X-Big: " + QByteArray(40000, 'a') + "\r\n")
                                       << QByteArray("431");
        QTest::newRow("endless head") << QByteArray("GET /api/v1/health HTTP/1.1\r\nX-Big: " + QByteArray(200000, 'a'))
                                      << QByteArray("431");
        QTest::newRow("9000-byte URL") << head("GET", "/api/v1/health?q=" + QByteArray(9000, 'a')) << QByteArray("414");
        QTest::newRow("two lengths") << head("POST", "/api/v1/events", "Content-Length: 5\r\nContent-Length: 7\r\n")
                                     << QByteArray("400");
    }
    void oversizedHeadsAreRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        Peers peers;
        Peer *p = peers.open(u"127.0.0.3"_s, m_port);
        QVERIFY(p);
        p->socket->write(request);
        QTRY_VERIFY_WITH_TIMEOUT(p->closed, 20000);
        QVERIFY2(p->got.startsWith("HTTP/1.1 " + status), p->got.left(200).constData());
        QVERIFY(normalClientServed());
    }

    /// Point 2: slowloris, headers dribbled a line every 500 ms, are cut at the header timeout (2 s) with 408.
    void slowlorisIsClosedAfterTheHeaderTimeout()
    {
        Peers peers;
        for (int i = 0; i < 30; ++i) {
            Peer *p = peers.open(u"127.0.0.4"_s, m_port);
            QVERIFY(p);
            p->socket->write("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        }
        bool served = true;
        for (int round = 0; round < 40 && !peers.allClosed(); ++round) { // at most 20 s
            for (auto &p : peers.all())
                if (!p->closed)
                    p->socket->write("X-Slow: 1\r\n");
            QTest::qWait(500);
            if (round == 1)
                served = normalClientServed(); // while all 30 are dribbling
        }
        QVERIFY(peers.allClosed());
        qint64 last = 0;
        for (auto &p : peers.all()) {
            QVERIFY2(p->got.startsWith("HTTP/1.1 408"), p->got.constData());
            last = std::max(last, p->closedAtMs);
        }
        qInfo("30 slowloris sockets: all closed with 408, the last %lld ms after they opened (header timeout 2 s)",
              last);
        QVERIFY(served);
        QVERIFY(normalClientServed());
    }

    /// Point 2: connections that never send a byte, or go quiet after an answer, are closed at the idle timeout.
    void idleSocketsAreClosed()
    {
        Peers peers;
        for (int i = 0; i < 50; ++i)
            QVERIFY(peers.open(u"127.0.0.5"_s, m_port));
        Peer *kept = peers.open(u"127.0.0.5"_s, m_port);
        QVERIFY(kept);
        kept->socket->write(head("GET", "/api/v1/health"));
        QTRY_VERIFY_WITH_TIMEOUT(kept->got.contains("200 OK"), 10000);
        QVERIFY(normalClientServed());
        QTRY_VERIFY_WITH_TIMEOUT(peers.allClosed(), 20000);
        qint64 last = 0;
        for (auto &p : peers.all())
            last = std::max(last, p->closedAtMs);
        qInfo("51 idle sockets: all closed, the last %lld ms after they opened (idle timeout 4 s)", last);
        QVERIFY(normalClientServed());
    }

    /// Point 2: one address gets at most --max-connections-per-address; others are not affected.
    void connectionsPerAddressAreLimited()
    {
        Peers peers;
        for (int i = 0; i < kPerAddress; ++i)
            QVERIFY(peers.open(u"127.0.0.6"_s, m_port));
        // Each asks once, so each is known to have been admitted (and is fresh for the idle timer).
        for (auto &p : peers.all())
            p->socket->write(head("GET", "/api/v1/health"));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(peers.all().cbegin(), peers.all().cend(),
                                             [](const auto &p) { return p->got.contains("200 OK"); }),
                                 10000);
        Peer *extra = peers.open(u"127.0.0.6"_s, m_port);
        QVERIFY(extra);
        QTRY_VERIFY_WITH_TIMEOUT(extra->closed, 10000);
        QVERIFY2(extra->got.startsWith("HTTP/1.1 429"), extra->got.constData());
        QVERIFY(normalClientServed());
        Peers other;
        Peer *neighbour = other.open(u"127.0.0.7"_s, m_port);
        QVERIFY(neighbour);
        neighbour->socket->write(head("GET", "/api/v1/health"));
        QTRY_VERIFY_WITH_TIMEOUT(neighbour->got.contains("200 OK"), 10000);
    }

    /// Point 2: --max-connections caps all connections together: one over it gets 503 and is closed.
    void connectionsInAllAreLimited()
    {
        ServerProcess small;
        QString error;
        QVERIFY2(small.start(m_db, {u"--max-connections"_s, u"5"_s, u"--log-dir"_s, m_dir.filePath(u"log2"_s)}, &error),
                 qPrintable(error));
        const auto port = quint16(QUrl(small.base()).port());
        Peers peers;
        for (int i = 0; i < 5; ++i) {
            Peer *p = peers.open(u"127.0.0.9"_s, port);
            QVERIFY(p);
            p->socket->write(head("GET", "/api/v1/health"));
            QTRY_VERIFY_WITH_TIMEOUT(p->got.contains("200 OK"), 10000);
        }
        Peer *extra = peers.open(u"127.0.0.10"_s, port);
        QVERIFY(extra);
        QTRY_VERIFY_WITH_TIMEOUT(extra->closed, 10000);
        QVERIFY2(extra->got.startsWith("HTTP/1.1 503"), extra->got.constData());
        peers.all().front()->socket->abort(); // one leaves: the next one is served
        QTRY_VERIFY_WITH_TIMEOUT(http("GET", small.api() + u"/health"_s, QByteArray(), {}, 5000).status == 200, 10000);
    }

    /// Point 3: large events make a /changes page stop at its byte budget (4 MiB), not at limit=5000.
    void changesPagesAreBoundedInBytes()
    {
        const QString text(60000, u'w');
        int pushed = 0;
        for (int batch = 0; batch < 10; ++batch) {
            QJsonArray events;
            for (int i = 0; i < 10; ++i) {
                QJsonObject e = makeEvent(uuid(), u"sent_as_is"_s, u"T-big"_s, u"2026-11-01T10:00:00Z"_s);
                e.insert(u"final_text"_s, text);
                events.append(e);
            }
            const HttpReply r =
                http("POST", m_server.api() + u"/events"_s, QJsonObject{{u"events"_s, events}}, m_token);
            QVERIFY2(r.status == 200, r.body.constData());
            pushed += 10;
        }
        qint64 since = 0;
        int seen = 0;
        qsizetype largest = 0;
        for (int page = 0; page < 50; ++page) {
            const HttpReply r =
                http("GET", m_server.api() + u"/changes?since=%1&limit=5000"_s.arg(since), QByteArray(), m_token);
            QCOMPARE(r.status, 200);
            largest = std::max(largest, r.body.size());
            for (const QJsonValue &c : r.json.value(u"changes"_s).toArray())
                seen += c.toObject().value(u"kind"_s).toString() == u"event"_s;
            since = r.json.value(u"cursor"_s).toString().toLongLong();
            if (!r.json.value(u"more"_s).toBool())
                break;
        }
        qInfo("100 events of 60,000 characters: largest /changes?limit=5000 page %lld bytes", qint64(largest));
        QCOMPARE(seen, pushed);
        QVERIFY2(largest <= 4 * kMiB + 200 * 1024, qPrintable(QString::number(largest)));
        QVERIFY(largest >= 3 * kMiB); // a budget, not a tiny page
    }

    /// Point 2: at the descriptor limit the server neither spins nor stops: it serves again once sockets close.
    void descriptorExhaustionIsSurvived()
    {
        const int open = openDescriptors(pid());
        QVERIFY(open > 0);
        const int limit = open + 24;
        QProcess prlimit;
        prlimit.start(u"prlimit"_s, {u"--pid"_s, QString::number(pid()), u"--nofile=%1:%1"_s.arg(limit)});
        QVERIFY(prlimit.waitForFinished(10000));
        QCOMPARE(prlimit.exitCode(), 0);
        Peers peers;
        for (int i = 0; i < 60; ++i) // the kernel's backlog takes some of what the server cannot
            if (!peers.open(u"127.0.0.8"_s, m_port))
                break;
        QVERIFY(peers.all().size() >= 30);
        QTest::qWait(500);
        const qint64 cpuBefore = cpuMs(pid());
        QElapsedTimer window;
        window.start();
        QTest::qWait(2000);
        const qint64 cpu = cpuMs(pid()) - cpuBefore;
        qInfo("at the descriptor limit (%d): %lld ms of CPU in %lld ms, descriptors %d", limit, cpu, window.elapsed(),
              openDescriptors(pid()));
        QVERIFY2(cpu < window.elapsed() / 2, qPrintable(u"%1 ms of CPU: spinning"_s.arg(cpu)));
        peers.clear(); // the attacker goes away
        bool served = false;
        for (int i = 0; i < 20 && !served; ++i) // at most ~20 s
            served = normalClientServed() || (QTest::qWait(1000), false);
        QVERIFY(served);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestSecurityLimits)
#include "tst_security_limits.moc"

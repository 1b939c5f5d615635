// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 19, point 4: what QtHttpServer 6.4 does on its own, which is why HttpServer puts ConnectionGuard in
// front of it. A bare QHttpServer (one route, as the documentation shows it) runs on its own thread in this
// process; a raw client shows that it buffers a declared-large body whole, at once, before any handler could
// refuse it, and that it never closes a connection whose headers never end, or one that sends nothing.
// These pass on Qt 6.4; should a Qt update add limits, they fail and say so (then HttpServer can use them).
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QSemaphore>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

namespace {

qint64 selfRssKiB()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

/// A bare QHttpServer on 127.0.0.1 with its own event loop.
class BareServer : public QThread {
public:
    quint16 port = 0;
    QSemaphore ready;
    QAtomicInt handled = 0;

protected:
    void run() override
    {
        QHttpServer server;
        server.route(u"/echo"_s, [this](const QHttpServerRequest &req) {
            handled.fetchAndAddRelaxed(1);
            return QString::number(req.body().size());
        });
        port = server.listen(QHostAddress::LocalHost, 0);
        ready.release();
        exec();
    }
};

} // namespace

class TestSecurityQtHttpServer : public QObject {
    Q_OBJECT

private:
    BareServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        m_server.start();
        m_server.ready.acquire();
        QVERIFY(m_server.port != 0);
    }

    /// 64 MiB of a body declared as 1 GiB: all of it is held in memory (the route never ran, nothing refused it).
    void declaredBodyIsBufferedWhole()
    {
        const qint64 before = selfRssKiB();
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_server.port);
        QVERIFY(s.waitForConnected(5000));
        s.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n");
        const QByteArray piece(1024 * 1024, 'x');
        for (int i = 0; i < 64 && s.state() == QAbstractSocket::ConnectedState; ++i) {
            s.write(piece);
            while (s.bytesToWrite() > 0 && s.waitForBytesWritten(5000)) {
            }
        }
        QTest::qWait(500); // let the server's thread read what is in flight
        const qint64 grown = selfRssKiB() - before;
        qInfo("QtHttpServer 6.4 after 64 MiB of a declared 1 GiB body: RSS grew by %lld KiB, no answer, route ran %d "
              "times",
              grown, m_server.handled.loadRelaxed());
        QCOMPARE(s.state(), QAbstractSocket::ConnectedState);
        QVERIFY(!s.bytesAvailable());
        QCOMPARE(m_server.handled.loadRelaxed(), 0);
        QVERIFY2(grown > 48 * 1024,
                 qPrintable(u"RSS grew by %1 KiB only: QtHttpServer now limits bodies?"_s.arg(grown)));
    }

    /// Headers that never end and a silent connection are both still open after 8 s: no timeout of any kind.
    void noTimeouts()
    {
        QTcpSocket slow;
        QTcpSocket idle;
        for (QTcpSocket *s : {&slow, &idle}) {
            s->connectToHost(QHostAddress::LocalHost, m_server.port);
            QVERIFY(s->waitForConnected(5000));
        }
        slow.write("GET /echo HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 16; ++i) {
            slow.write("X-Slow: 1\r\n");
            QTest::qWait(500);
        }
        QCOMPARE(slow.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(idle.state(), QAbstractSocket::ConnectedState);
        QVERIFY(!slow.bytesAvailable() && !idle.bytesAvailable());
    }

    void cleanupTestCase()
    {
        m_server.quit();
        m_server.wait();
    }
};

QTEST_GUILESS_MAIN(TestSecurityQtHttpServer)
#include "tst_security_qthttpserver.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// FaultProxy against a tiny keep-alive HTTP server living in the test: every fault is shown to happen.
#include "FaultProxy.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace understudy::test;

namespace {

/// HTTP/1.1 keep-alive server: `/size/N` answers N bytes, anything else answers "ok:" + request body.
/// In raw mode it echoes every chunk back instead.
class FakeServer : public QObject {
public:
    struct Received {
        int connection = 0;
        QByteArray raw;
    };

    explicit FakeServer(bool raw = false) : m_raw(raw)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                const int id = ++m_connections;
                auto buffer = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::readyRead, s, [this, s, id, buffer] {
                    *buffer += s->readAll();
                    if (m_raw) {
                        received.append({id, *buffer});
                        s->write(*buffer);
                        buffer->clear();
                        return;
                    }
                    for (qint64 len; (len = httpMessageLength(*buffer, false)) >= 0;) {
                        const QByteArray request = buffer->left(len);
                        buffer->remove(0, len);
                        received.append({id, request});
                        s->write(answer(request));
                    }
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }

    quint16 port() const { return m_server.serverPort(); }
    QList<Received> received;

    static QByteArray answer(const QByteArray &request)
    {
        const QByteArray path = request.split(' ').value(1);
        QByteArray body;
        if (path.startsWith("/size/"))
            body = QByteArray(path.mid(6).toInt(), 'x');
        else
            body = "ok:" + request.mid(request.indexOf("\r\n\r\n") + 4);
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size()) +
               "\r\n\r\n" + body;
    }

private:
    QTcpServer m_server;
    bool m_raw;
    int m_connections = 0;
};

QByteArray post(const QByteArray &path, const QByteArray &body)
{
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
           body;
}

QByteArray get(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
}

struct Answer {
    QByteArray bytes;
    bool complete = false; ///< a whole HTTP response arrived
    bool closed = false;   ///< the proxy closed the connection
    qint64 ms = 0;
};

/// Sends @p request on @p s (connecting it first if needed) and collects the answer without blocking the loop.
Answer exchange(QTcpSocket &s, quint16 port, const QByteArray &request, int timeoutMs = 5000)
{
    Answer a;
    QElapsedTimer t;
    t.start();
    if (s.state() != QAbstractSocket::ConnectedState) {
        s.connectToHost(QHostAddress::LocalHost, port);
        while (s.state() != QAbstractSocket::ConnectedState && t.elapsed() < timeoutMs)
            QTest::qWait(1);
    }
    s.write(request);
    while (t.elapsed() < timeoutMs) {
        QTest::qWait(1);
        a.bytes += s.readAll();
        if (httpMessageLength(a.bytes, true) >= 0) {
            a.complete = true;
            break;
        }
        if (s.state() == QAbstractSocket::UnconnectedState) {
            a.bytes += s.readAll();
            a.closed = true;
            break;
        }
    }
    a.ms = t.elapsed();
    return a;
}

QByteArray bodyOf(const QByteArray &response)
{
    return response.mid(response.indexOf("\r\n\r\n") + 4);
}

} // namespace

class TestFaultProxy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void messageLength()
    {
        QCOMPARE(httpMessageLength("GET / HTTP/1.1\r\nHost: x\r\n", false), -1);
        QCOMPARE(httpMessageLength("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET", false), 27);
        QCOMPARE(httpMessageLength("POST / HTTP/1.1\r\ncontent-LENGTH: 3\r\n\r\nab", false), -1);
        QCOMPARE(httpMessageLength("POST / HTTP/1.1\r\ncontent-LENGTH: 3\r\n\r\nabcGET", false), 41);
        const QByteArray chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        QCOMPARE(httpMessageLength(chunked, true), chunked.size());
        QCOMPARE(httpMessageLength(chunked.chopped(2), true), -1);
        QCOMPARE(httpMessageLength("HTTP/1.1 204 No Content\r\nX: y\r\n\r\n", true), 33);
        QCOMPARE(httpMessageLength("HTTP/1.1 200 OK\r\n\r\nbody", true), -1); // runs to the close
    }

    void passThroughKeepsConnectionAlive()
    {
        FakeServer server;
        FaultProxy proxy(QStringLiteral("127.0.0.1"), server.port(), 42);
        QVERIFY(proxy.listen());
        QTcpSocket s;
        for (int i = 0; i < 20; ++i) {
            const QByteArray body = "request " + QByteArray::number(i);
            const Answer a = exchange(s, proxy.port(), post("/echo", body));
            QVERIFY(a.complete);
            QCOMPARE(bodyOf(a.bytes), "ok:" + body);
        }
        const Answer big = exchange(s, proxy.port(), get("/size/200000"));
        QVERIFY(big.complete);
        QCOMPARE(bodyOf(big.bytes).size(), 200000);
        QCOMPARE(server.received.size(), 21);
        for (const auto &r : server.received)
            QCOMPARE(r.connection, 1);
        QCOMPARE(proxy.stats().connections, 1);
        QCOMPARE(proxy.stats().forwarded, 21);
        QCOMPARE(proxy.decisions(), QList<FaultProxy::Fault>(21, FaultProxy::Fault::None));
        s.disconnectFromHost();
        QTRY_VERIFY(proxy.idle());
    }

    void passThroughWithNetworkAccessManager()
    {
        FakeServer server;
        FaultProxy proxy(QStringLiteral("127.0.0.1"), server.port(), 42);
        QVERIFY(proxy.listen());
        QNetworkAccessManager nam;
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 30; ++i) {
            QNetworkRequest req(proxy.url().resolved(QUrl(QStringLiteral("/echo"))));
            req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
            replies.push_back(nam.post(req, QByteArray::number(i)));
        }
        for (size_t i = 0; i < replies.size(); ++i) {
            QTRY_VERIFY(replies[i]->isFinished());
            QCOMPARE(replies[i]->error(), QNetworkReply::NoError);
            QCOMPARE(replies[i]->readAll(), "ok:" + QByteArray::number(qsizetype(i)));
            replies[i]->deleteLater();
        }
        QCOMPARE(server.received.size(), 30);
        QVERIFY(proxy.stats().connections <= 6); // QNAM reuses its keep-alive connections
    }

    void dropNeverForwards()
    {
        FakeServer server;
        FaultProxy proxy(QStringLiteral("127.0.0.1"), server.port(), 1);
        proxy.setFaults({.dropProbability = 1.0});
        QVERIFY(proxy.listen());
        QSignalSpy faults(&proxy, &FaultProxy::faultInjected);
        QTcpSocket s;
        const Answer a = exchange(s, proxy.port(), post("/events", "payload"));
        QVERIFY(a.closed);
        QVERIFY(a.bytes.isEmpty());
        QTest::qWait(50);
        QVERIFY(server.received.isEmpty());
        QCOMPARE(proxy.stats().dropped, 1);
        QCOMPARE(faults.size(), 1);
        QCOMPARE(faults.at(0).at(0).value<FaultProxy::Fault>(), FaultProxy::Fault::Drop);
        QTRY_VERIFY(proxy.idle());
    }

    void cutMidResponse()
    {
        FakeServer server;
        FaultProxy proxy(QStringLiteral("127.0.0.1"), server.port(), 1);
        proxy.setFaults({.cutProbability = 1.0, .cutMinBytes = 100, .cutMaxBytes = 100});
        QVERIFY(proxy.listen());
        QTcpSocket s;
        const Answer a = exchange(s, proxy.port(), get("/size/5000"));
        QVERIFY(a.closed);
        QVERIFY(!a.complete);
        QCOMPARE(a.bytes.size(), 100);
        QVERIFY(a.bytes.startsWith("HTTP/1.1 200 OK"));
        QCOMPARE(server.received.size(), 1); // the server did the work; the client never heard the end of it
        QCOMPARE(proxy.stats().cut, 1);
        QTRY_VERIFY(proxy.idle());
    }

    void cutBeforeFirstAnswerByte()
    {
        FakeServer server;
        FaultProxy proxy(QStringLiteral("127.0.0.1"), server.port(), 1);
        proxy.setFaults({.cutProbability = 1.0, .cutMinBytes = 0, .cutMaxBytes = 0});
        QVERIFY(proxy.listen());
        QTcpSocket s;
        const Answer a = exchange(s, proxy.port(), post("/events", "batch"));
        QVERIFY(a.closed);
        QVERIFY(a.bytes.isEmpty());
        QCOMPARE(server.received.size(), 1);
        QCOMPARE(bodyOf(server.received.at(0).raw), "batch");
    }

    void duplicateReachesServerTwice()
    {
        FakeServer server;
        FaultProxy proxy(QStringLiteral("127.0.0.1"), server.port(), 1);
        proxy.setFaults({.duplicateProbability = 1.0});
        QVERIFY(proxy.listen());
        QTcpSocket s;
        const QByteArray request = post("/events", R"({"events":[{"id":"e1"}]})");
        const Answer a = exchange(s, proxy.port(), request);
        QVERIFY(a.complete);
        QCOMPARE(bodyOf(a.bytes), QByteArray(R"(ok:{"events":[{"id":"e1"}]})"));
        QTRY_COMPARE(server.received.size(), 2);
        QCOMPARE(server.received.at(0).raw, request);
        QCOMPARE(server.received.at(1).raw, request);
        QVERIFY(server.received.at(0).connection != server.received.at(1).connection); // a fresh connection
        QTRY_COMPARE(proxy.stats().duplicatesAnswered, 1);
        QCOMPARE(proxy.stats().duplicated, 1);

        // Exactly one answer came back, and the client's connection is still usable.
        proxy.setPassThrough();
        QTest::qWait(50);
        QCOMPARE(s.bytesAvailable(), 0);
        const Answer next = exchange(s, proxy.port(), post("/events", "again"));
        QVERIFY(next.complete);
        QCOMPARE(bodyOf(next.bytes), "ok:again");
        QCOMPARE(server.received.size(), 3);
    }

    void delayHoldsChunksInOrder()
    {
        FakeServer server;
        FaultProxy proxy(QStringLiteral("127.0.0.1"), server.port(), 1);
        proxy.setFaults({.delayProbability = 1.0, .delayMinMs = 150, .delayMaxMs = 150});
        QVERIFY(proxy.listen());
        QTcpSocket s;
        const Answer a = exchange(s, proxy.port(), get("/size/100000"));
        QVERIFY(a.complete);
        QCOMPARE(bodyOf(a.bytes), QByteArray(100000, 'x'));
        QVERIFY2(a.ms >= 290, qPrintable(QString::number(a.ms))); // 150 ms up, at least 150 ms down
        QVERIFY(proxy.stats().delayedChunks >= 2);
    }

    void rawFramingCutsEchoStream()
    {
        FakeServer server(true);
        FaultProxy proxy(QStringLiteral("127.0.0.1"), server.port(), 1);
        proxy.setFraming(FaultProxy::Framing::Raw);
        QVERIFY(proxy.listen());
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, proxy.port());
        QVERIFY(s.waitForConnected(2000));
        s.write("hello");
        QTRY_COMPARE(s.bytesAvailable(), 5);
        QCOMPARE(s.readAll(), "hello");
        proxy.setFaults({.cutProbability = 1.0, .cutMinBytes = 3, .cutMaxBytes = 3});
        s.write("world");
        QTRY_COMPARE(s.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(s.readAll(), "wor");
    }

    void seedDecidesTheSequence()
    {
        FakeServer server;
        auto run = [&server](quint64 seed) {
            FaultProxy proxy(QStringLiteral("127.0.0.1"), server.port(), seed);
            proxy.setFaults({.dropProbability = 0.2,
                             .duplicateProbability = 0.2,
                             .cutProbability = 0.2,
                             .cutMinBytes = 0,
                             .cutMaxBytes = 40});
            if (!proxy.listen())
                return QList<FaultProxy::Fault>{};
            QTcpSocket s;
            for (int i = 0; i < 150; ++i) {
                const Answer a = exchange(s, proxy.port(), post("/e", QByteArray::number(i)));
                if (!a.complete)
                    s.abort(); // dropped or cut: reconnect, as a client would
            }
            s.disconnectFromHost();
            for (int i = 0; i < 500 && !proxy.idle(); ++i)
                QTest::qWait(10);
            const FaultProxy::Stats st = proxy.stats();
            const QList<FaultProxy::Fault> d = proxy.decisions();
            auto count = [&d](std::initializer_list<FaultProxy::Fault> fs) {
                qsizetype n = 0;
                for (FaultProxy::Fault f : fs)
                    n += d.count(f);
                return int(n);
            };
            // Every decision shows up in what happened.
            if (st.dropped != count({FaultProxy::Fault::Drop}) ||
                st.duplicated != count({FaultProxy::Fault::Duplicate, FaultProxy::Fault::DuplicateAndCut}) ||
                st.cut != count({FaultProxy::Fault::Cut, FaultProxy::Fault::DuplicateAndCut}) || st.requests != 150)
                return QList<FaultProxy::Fault>{};
            return d;
        };
        const QList<FaultProxy::Fault> a = run(7);
        const QList<FaultProxy::Fault> b = run(7);
        const QList<FaultProxy::Fault> c = run(8);
        QCOMPARE(a.size(), 150);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        const qsizetype drops = a.count(FaultProxy::Fault::Drop);
        QVERIFY2(drops > 10 && drops < 60, qPrintable(QString::number(drops)));
    }
};

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"

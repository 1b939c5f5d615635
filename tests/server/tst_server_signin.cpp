// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-in throttling (issue 19, point 9) against a real understudy-server: growing delays per account and per
// address instead of a lockout of everyone, limits that parallel attempts cannot overrun, X-Forwarded-For
// believed only from --trusted-proxy, and a disabled account that answers as a wrong password does. Runs on
// SQLite, and on PostgreSQL as tst_server_signin_pg.
#include "ServerTestSupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace understudy::test;

namespace {

/// One POST /session over a plain socket, so it can carry an X-Forwarded-For header and run on any thread.
HttpReply rawLogin(const ServerProcess &server, const QString &name, const QString &password,
                   const QByteArray &forwardedFor = {})
{
    HttpReply out;
    const QUrl base(server.base());
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    if (!socket.waitForConnected(10000))
        return out;
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"name"_s, name}, {u"password"_s, password}}).toJson(QJsonDocument::Compact);
    QByteArray request = "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                         "Content-Type: application/json\r\nContent-Length: " +
                         QByteArray::number(body.size()) + "\r\n";
    if (!forwardedFor.isEmpty())
        request += "X-Forwarded-For: " + forwardedFor + "\r\n";
    socket.write(request + "\r\n" + body);
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000 && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.waitForReadyRead(1000))
            answer += socket.readAll();
        const int end = answer.indexOf("\r\n\r\n");
        if (end < 0)
            continue;
        const QList<QByteArray> lines = answer.left(end).split('\n');
        qint64 length = -1;
        for (const QByteArray &line : lines.mid(1)) {
            const int colon = line.indexOf(':');
            if (colon > 0)
                out.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        length = out.headers.value("content-length", "-1").toLongLong();
        if (length >= 0 && answer.size() - end - 4 >= length) {
            out.status = lines.first().split(' ').value(1).toInt();
            out.body = answer.mid(end + 4, length);
            out.json = QJsonDocument::fromJson(out.body).object();
            return out;
        }
    }
    answer += socket.readAll();
    return out;
}

} // namespace

class TestSignIn : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString freshDb(const QStringList &users)
    {
        QString error;
        const QString db = freshDatabaseUrl(m_dir, &error);
        if (db.isEmpty())
            qWarning().noquote() << error;
        for (const QString &u : users)
            if (!addUser(db, u))
                return {};
        return db;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void sprayFromOneAddressDoesNotLockEveryone()
    {
        // Defaults: 20 failures per address, then a wait of 1 s that doubles per further failure.
        const QString db = freshDb({u"amy"_s});
        QVERIFY(!db.isEmpty());
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(db, {}, &error), qPrintable(error));
        for (int i = 0; i < 20; ++i)
            QCOMPARE(rawLogin(server, u"made-up-%1"_s.arg(i), u"wrong-password"_s).status, 401);
        HttpReply r = rawLogin(server, u"amy"_s, u"password-amy"_s);
        if (r.status == 429) {
            const int retry = r.headers.value("retry-after").toInt();
            QVERIFY2(retry >= 1 && retry <= 2, r.headers.value("retry-after").constData()); // not 300 s
            QThread::msleep(retry * 1000 + 100);
            r = rawLogin(server, u"amy"_s, u"password-amy"_s);
        }
        QCOMPARE(r.status, 200);
        // The address's delay grows with each further failure.
        QCOMPARE(rawLogin(server, u"made-up-x"_s, u"wrong-password"_s).status, 401);
        r = rawLogin(server, u"made-up-y"_s, u"wrong-password"_s);
        QCOMPARE(r.status, 429);
        QVERIFY(r.headers.value("retry-after").toInt() >= 1);
    }

    void growingDelayPerAccount()
    {
        const QString db = freshDb({u"bea"_s, u"cal"_s});
        QVERIFY(!db.isEmpty());
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(db, {u"--max-failed-logins"_s, u"2"_s, u"--failed-login-delay"_s, u"1"_s}, &error),
                 qPrintable(error));
        QCOMPARE(rawLogin(server, u"bea"_s, u"wrong-password"_s).status, 401);
        QCOMPARE(rawLogin(server, u"bea"_s, u"wrong-password"_s).status, 401);
        HttpReply r = rawLogin(server, u"bea"_s, u"password-bea"_s); // even the right one waits
        QCOMPARE(r.status, 429);
        QCOMPARE(r.headers.value("retry-after").toInt(), 1);
        QCOMPARE(rawLogin(server, u"cal"_s, u"password-cal"_s).status, 200); // another account is fine
        QThread::msleep(1100);
        QCOMPARE(rawLogin(server, u"bea"_s, u"wrong-password"_s).status, 401); // third failure: 2 s now
        r = rawLogin(server, u"bea"_s, u"password-bea"_s);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.headers.value("retry-after").toInt(), 2);
        QThread::msleep(2100);
        QCOMPARE(rawLogin(server, u"bea"_s, u"password-bea"_s).status, 200);
        QCOMPARE(rawLogin(server, u"bea"_s, u"wrong-password"_s).status, 401); // a success cleared the count
    }

    void parallelAttemptsNeverOverrunTheLimit()
    {
        const QString db = freshDb({u"dee"_s});
        QVERIFY(!db.isEmpty());
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(db,
                              {u"--failed-login-delay"_s, u"600"_s, u"--max-failed-logins-per-address"_s, u"1000"_s},
                              &error),
                 qPrintable(error));
        std::atomic<int> checked{0}, limited{0}, other{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 100; ++i)
            threads.emplace_back(QThread::create([&] {
                const int status = rawLogin(server, u"dee"_s, u"wrong-password"_s).status;
                (status == 401 ? checked : status == 429 ? limited : other)++;
            }));
        for (auto &t : threads)
            t->start();
        for (auto &t : threads)
            QVERIFY(t->wait(120000));
        QCOMPARE(other.load(), 0);
        QCOMPARE(checked.load(), 5); // the default limit per account, however many come at once
        QCOMPARE(limited.load(), 95);
    }

    void forwardedForOnlyFromTheTrustedProxy()
    {
        const QString db = freshDb({u"eva"_s});
        QVERIFY(!db.isEmpty());
        const QStringList limits{u"--max-failed-logins-per-address"_s, u"3"_s, u"--failed-login-delay"_s, u"600"_s};
        QString error;
        ServerProcess proxied;
        QVERIFY2(proxied.start(db, limits + QStringList{u"--trusted-proxy"_s, u"127.0.0.1"_s}, &error),
                 qPrintable(error));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(rawLogin(proxied, u"x%1"_s.arg(i), u"wrong-password"_s, "10.9.9.9, 10.0.0.1").status, 401);
        QCOMPARE(rawLogin(proxied, u"eva"_s, u"password-eva"_s, "10.0.0.1").status, 429);
        // The last entry is the proxy's: a client cannot pick another address by writing one in front.
        QCOMPARE(rawLogin(proxied, u"eva"_s, u"password-eva"_s, "10.0.0.2, 10.0.0.1").status, 429);
        QCOMPARE(rawLogin(proxied, u"eva"_s, u"password-eva"_s, "10.0.0.2").status, 200);

        // Without --trusted-proxy the header is the client's word and changes nothing.
        const QString db2 = freshDb({u"eva"_s});
        QVERIFY(!db2.isEmpty());
        ServerProcess direct;
        QVERIFY2(direct.start(db2, limits, &error), qPrintable(error));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                rawLogin(direct, u"y%1"_s.arg(i), u"wrong-password"_s, QByteArray("10.1.0.") + QByteArray::number(i))
                    .status,
                401);
        QCOMPARE(rawLogin(direct, u"eva"_s, u"password-eva"_s, "10.2.0.1").status, 429);
        ServerProcess bad;
        QVERIFY2(!bad.start(db2, {u"--trusted-proxy"_s, u"not-an-address"_s}, &error), "started with a bad address");
    }

    void disabledAccountLooksLikeAWrongPassword()
    {
        const QString db = freshDb({u"fay"_s, u"gus"_s});
        QVERIFY(!db.isEmpty());
        const CliRun off = runServerCli({u"--database"_s, db, u"user"_s, u"disable"_s, u"--name"_s, u"fay"_s});
        QVERIFY2(off.code == 0, qPrintable(off.err));
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(db, {u"--max-failed-logins"_s, u"100"_s}, &error), qPrintable(error));
        const HttpReply right = rawLogin(server, u"fay"_s, u"password-fay"_s);
        const HttpReply wrong = rawLogin(server, u"fay"_s, u"wrong-password"_s);
        const HttpReply other = rawLogin(server, u"gus"_s, u"wrong-password"_s);
        QCOMPARE(right.status, 401);
        QCOMPARE(right.body, wrong.body);
        QCOMPARE(right.body, other.body);
        // Timing class: both run one password check (Argon2id, tens of milliseconds), so neither is several times
        // faster; a path that skipped the check would be ~100x faster. Time is the only observable here, so the two
        // are sampled interleaved and compared by their medians, which a load spike on a shared machine cannot move.
        const auto once = [&](const QString &password) {
            QElapsedTimer t;
            t.start();
            (void)rawLogin(server, u"fay"_s, password);
            return t.nsecsElapsed();
        };
        std::vector<qint64> rightNsList, wrongNsList;
        for (int i = 0; i < 7; ++i) {
            rightNsList.push_back(once(u"password-fay"_s));
            wrongNsList.push_back(once(u"wrong-password"_s));
        }
        const auto median = [](std::vector<qint64> v) {
            std::nth_element(v.begin(), v.begin() + qsizetype(v.size() / 2), v.end());
            return v[v.size() / 2];
        };
        const qint64 rightNs = median(rightNsList);
        const qint64 wrongNs = median(wrongNsList);
        QVERIFY2(rightNs * 3 > wrongNs && wrongNs * 3 > rightNs,
                 qPrintable(u"median %1 ms vs %2 ms"_s.arg(rightNs / 1e6).arg(wrongNs / 1e6)));
    }
};

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_server_signin.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// understudy-server as an operator runs it: user and import commands, --demo, TLS, and clear errors for bad options.
#include "ServerTestSupport.h"

#include "TestSupport.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

class TestServerCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString freshDb()
    {
        QString error;
        const QString url = freshDatabaseUrl(m_dir, &error);
        if (url.isEmpty())
            qWarning().noquote() << error;
        return url;
    }

private Q_SLOTS:
    void userCommands()
    {
        const QString db = freshDb();
        QVERIFY(!db.isEmpty());
        const auto cli = [&](const QStringList &args, const QByteArray &in = {}) {
            return runServerCli(QStringList{u"--database"_s, db} + args, in);
        };
        CliRun r = cli({u"user"_s, u"add"_s, u"--name"_s, u"ann"_s, u"--role"_s, u"agent"_s}, "short\n");
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"at least 8"_s), qPrintable(r.err));
        r = cli({u"user"_s, u"add"_s, u"--name"_s, u"ann"_s, u"--role"_s, u"boss"_s}, "long-enough\n");
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains(u"--role"_s));
        r = cli({u"user"_s, u"add"_s, u"--name"_s, u"a b"_s, u"--role"_s, u"agent"_s}, "long-enough\n");
        QVERIFY(r.code != 0);
        r = cli({u"user"_s, u"add"_s, u"--name"_s, u"ann"_s, u"--role"_s, u"lead"_s}, "long-enough\r\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({u"user"_s, u"add"_s, u"--name"_s, u"ann"_s, u"--role"_s, u"lead"_s}, "long-enough\n");
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains(u"already exists"_s));
        r = cli({u"user"_s, u"list"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(u"ann\tlead\tenabled\t"_s), qPrintable(r.out));
        QVERIFY(!r.out.contains(u"argon2"_s));
        r = cli({u"user"_s, u"disable"_s, u"--name"_s, u"ann"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(cli({u"user"_s, u"list"_s}).out.contains(u"disabled"_s));
        QVERIFY(cli({u"user"_s, u"disable"_s, u"--name"_s, u"nobody"_s}).code != 0);
        QVERIFY(cli({u"user"_s, u"frobnicate"_s}).code != 0);
        QVERIFY(cli({u"frobnicate"_s}).code != 0);

        // The password from stdin works for login (CRLF stripped).
        ServerProcess server;
        QString error;
        QVERIFY(cli({u"user"_s, u"add"_s, u"--name"_s, u"bo"_s, u"--role"_s, u"agent"_s}, "pass word 1\r\n").code == 0);
        QVERIFY2(server.start(db, {}, &error), qPrintable(error));
        QVERIFY(!login(server.api(), u"bo"_s, u"pass word 1"_s).isEmpty());
        QVERIFY(login(server.api(), u"ann"_s, u"long-enough"_s).isEmpty()); // disabled
    }

    void importCommands()
    {
        const QString db = freshDb();
        QVERIFY(!db.isEmpty());
        CliRun r = runServerCli({u"--database"_s, db, u"import"_s, u"kb"_s, demoDir() + u"/kb"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"updated 0, unchanged 0"_s), qPrintable(r.out));
        r = runServerCli({u"--database"_s, db, u"import"_s, u"kb"_s, demoDir() + u"/kb"_s});
        QVERIFY2(r.out.startsWith(u"added 0, updated 0, unchanged "_s), qPrintable(r.out));
        r = runServerCli({u"--database"_s, db, u"import"_s, u"tickets"_s, demoDir() + u"/tickets.jsonl"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = runServerCli({u"--database"_s, db, u"import"_s, u"tickets"_s, m_dir.filePath(u"missing.jsonl"_s)});
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains(u"missing.jsonl"_s));
        QVERIFY(runServerCli({u"--database"_s, db, u"import"_s, u"macros"_s, u"x"_s}).code != 0);
    }

    void demo()
    {
        const QString db = freshDb();
        QVERIFY(!db.isEmpty());
        QString error;
        {
            ServerProcess server;
            QVERIFY2(server.start(db, {u"--demo"_s}, &error), qPrintable(error));
            QVERIFY(login(server.api(), u"demo"_s, u"demo"_s).isEmpty()); // no accounts unless asked
        }
        ServerProcess server;
        QVERIFY2(server.start(db, {u"--demo"_s, u"--demo-accounts"_s}, &error), qPrintable(error));
        const QString agent = login(server.api(), u"demo"_s, u"demo"_s);
        QVERIFY(!agent.isEmpty());
        HttpReply r = http("GET", server.api() + u"/session"_s, QByteArray(), agent);
        QCOMPARE(r.json.value(u"role"_s).toString(), u"agent"_s);
        const QString lead = login(server.api(), u"lead"_s, u"lead"_s);
        QCOMPARE(http("GET", server.api() + u"/stats/agents"_s, QByteArray(), lead).status, 200);
        r = http("GET", server.api() + u"/tickets?limit=1000"_s, QByteArray(), agent);
        const qsizetype tickets = r.json.value(u"tickets"_s).toArray().size();
        QVERIFY(tickets > 10);
        // Seeding again (a restart with --demo) adds nothing.
        r = http("GET", server.api() + u"/changes?limit=5000"_s, QByteArray(), agent);
        const qsizetype changes = r.json.value(u"changes"_s).toArray().size();
        server.stop();
        QVERIFY2(server.start(db, {u"--demo"_s}, &error), qPrintable(error));
        r = http("GET", server.api() + u"/changes?limit=5000"_s, QByteArray(),
                 login(server.api(), u"demo"_s, u"demo"_s));
        QCOMPARE(r.json.value(u"changes"_s).toArray().size(), changes);
        QVERIFY(runServerCli({u"--database"_s, db, u"--demo-accounts"_s}).code != 0); // needs --demo
    }

    void tls()
    {
        // A self-signed test certificate for 127.0.0.1, valid until 2126 (tests/server/data; test use only).
        const QString cert = sourceDir() + u"/tests/server/data/tls-cert.pem"_s;
        const QString key = sourceDir() + u"/tests/server/data/tls-key.pem"_s;
        QVERIFY(trustCa(cert)); // self-signed: its own CA; verified like any other
        const QString db = freshDb();
        QVERIFY(!db.isEmpty());
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(db, {u"--tls-cert"_s, cert, u"--tls-key"_s, key}, &error), qPrintable(error));
        QVERIFY2(server.base().startsWith(u"https://"_s), qPrintable(server.base()));
        const HttpReply r = http("GET", server.api() + u"/health"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"status"_s).toString(), u"ok"_s);
        QString plain = server.api() + u"/health"_s;
        plain.replace(u"https://"_s, u"http://"_s);
        QVERIFY(http("GET", plain, QByteArray(), {}, 5000).status != 200);
        // Half a TLS setup, or a file that is not a certificate, is refused at start.
        QVERIFY(runServerCli({u"--database"_s, db, u"--tls-cert"_s, cert}).code != 0);
        const CliRun bad = runServerCli(
            {u"--database"_s, db, u"--listen"_s, u"127.0.0.1:0"_s, u"--tls-cert"_s, key, u"--tls-key"_s, key});
        QVERIFY(bad.code != 0);
        QVERIFY2(bad.err.contains(u"--tls-cert"_s), qPrintable(bad.err));
    }

    void badOptionsFailClearly()
    {
        const QString db = freshDb();
        QVERIFY(!db.isEmpty());
        struct Case {
            QStringList args;
            QString message;
        };
        const QList<Case> cases = {
            {{u"--database"_s, db, u"--listen"_s, u"everywhere"_s}, u"--listen"_s},
            {{u"--database"_s, db, u"--listen"_s, u"localhost:99999"_s}, u"--listen"_s},
            {{u"--database"_s, db, u"--threads"_s, u"0"_s}, u"--threads"_s},
            {{u"--database"_s, db, u"--max-body-bytes"_s, u"lots"_s}, u"--max-body-bytes"_s},
            {{u"--database"_s, u"mysql://x/y"_s}, u"--database"_s},
            // Nothing listens on port 1: a clear connection error, quickly.
            {{u"--database"_s, u"postgresql://u:p@127.0.0.1:1/db"_s, u"user"_s, u"list"_s},
             u"cannot open the database"_s},
        };
        for (const Case &c : cases) {
            const CliRun r = runServerCli(c.args);
            QVERIFY2(r.code != 0, qPrintable(c.args.join(u' ')));
            QVERIFY2(r.err.contains(c.message), qPrintable(r.err));
            QVERIFY2(!r.err.contains(u":p@"_s), "the password must not be printed");
        }
    }

    void defaultListenIsLoopback()
    {
        // Without --listen the server binds 127.0.0.1:8470; we only check the help text promises it, since the
        // port may be taken on a shared machine.
        const CliRun r = runServerCli({u"--help"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"127.0.0.1:8470"_s));
    }
};

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_server_cli.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Operations (issue 19, points 12-14) against the real server: `backup --to FILE` taken while the server runs,
// restored (SQLite: the file itself; PostgreSQL: pg_restore into an empty database) and compared table by table,
// row by row, and served again; the database URL read from a file or the environment so that its password is
// not in the process list (the old --database form still works, with a warning); SQLite acknowledges only
// what is synced (synchronous=FULL). Runs on SQLite, and on PostgreSQL as tst_server_ops_pg.
#include "ServerTestSupport.h"

#include "ServerDb.h"

#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSqlRecord>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

class TestServerOps : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

    QString fresh()
    {
        QString error;
        const QString url = freshDatabaseUrl(m_dir, &error);
        if (url.isEmpty())
            qWarning("%s", qPrintable(error));
        return url;
    }

    /// Every table of @p url with its rows, each row as text, sorted: two databases with the same content give
    /// the same map.
    static QMap<QString, QStringList> dump(const QString &url)
    {
        auto config = server::DatabaseConfig::fromUrl(url);
        if (!config)
            return {};
        server::ServerDb db(*config);
        const QString tablesSql =
            db.isPostgres() ? u"SELECT tablename FROM pg_tables WHERE schemaname = 'public'"_s
                            : u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"_s;
        QStringList tables;
        auto q = db.exec(tablesSql);
        while (q && q->next())
            tables << q->value(0).toString();
        QMap<QString, QStringList> out;
        for (const QString &table : std::as_const(tables)) {
            auto rows = db.exec(u"SELECT * FROM %1"_s.arg(table));
            QStringList texts;
            while (rows && rows->next()) {
                QStringList values;
                for (int c = 0; c < rows->record().count(); ++c)
                    values << (rows->isNull(c) ? u"NULL"_s : rows->value(c).toString());
                texts << values.join(u'\x1f');
            }
            texts.sort();
            out.insert(table, texts);
        }
        return out;
    }

    /// pg_restore of @p archive into the empty database @p url, the password in the environment.
    static QString pgRestore(const QString &archive, const QString &url)
    {
        auto c = server::DatabaseConfig::fromUrl(url);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PGPASSWORD"_s, c->password);
        p.setProcessEnvironment(env);
        p.start(u"pg_restore"_s,
                {u"--no-owner"_s, u"--exit-on-error"_s, u"--dbname"_s,
                 u"host=%1 port=%2 user=%3 dbname=%4"_s.arg(c->host).arg(c->port).arg(c->user, c->name), archive});
        if (!p.waitForFinished(300000) || p.exitCode() != 0)
            return u"pg_restore failed: "_s + QString::fromUtf8(p.readAllStandardError());
        return {};
    }

    /// Some of everything: accounts, tickets, events of several kinds, a reply, audit entries.
    void fill(const QString &url, ServerProcess &server)
    {
        for (const auto &[name, role] : {std::pair{u"root"_s, u"admin"_s}, std::pair{u"ann"_s, u"agent"_s}})
            QVERIFY(addUser(url, name, role, u"emea"_s, name + u"-password"_s));
        writeFile(m_dir.filePath(u"t.jsonl"_s), "{\"id\":\"T-1\",\"subject\":\"Card\",\"messages\":[{\"author\":"
                                                "\"customer\",\"body\":\"Where is my card?\"}]}\n"
                                                "{\"id\":\"T-2\",\"subject\":\"Refund\"}\n");
        QCOMPARE(runServerCli({u"--database"_s, url, u"import"_s, u"tickets"_s, m_dir.filePath(u"t.jsonl"_s)}).code, 0);
        QString error;
        QVERIFY2(server.start(url, {}, &error), qPrintable(error));
        const QString token = login(server.api(), u"ann"_s, u"ann-password"_s);
        QJsonArray events;
        const char *kinds[] = {"shown", "sent_as_is", "rejected", "flagged", "escalated"};
        for (int i = 0; i < 50; ++i)
            events.append(makeEvent(uuid(), QString::fromLatin1(kinds[i % 5]), u"T-%1"_s.arg(1 + i % 2),
                                    u"2026-12-0%1T10:00:00Z"_s.arg(1 + i % 7)));
        QCOMPARE(http("POST", server.api() + u"/events"_s, QJsonObject{{u"events"_s, events}}, token).status, 200);
        QCOMPARE(http("POST", server.api() + u"/tickets/T-1/replies"_s,
                      QJsonObject{{u"idempotency_key"_s, uuid()}, {u"text"_s, u"It is on its way."_s}}, token)
                     .status,
                 201);
        const QString admin = login(server.api(), u"root"_s, u"root-password"_s);
        QCOMPARE(
            http("POST", server.api() + u"/users/ann/password"_s, QJsonObject{{u"password"_s, u"ann-second"_s}}, admin)
                .status,
            204);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void aBackupTakenWhileServingRestoresEveryTable()
    {
        const QString url = fresh();
        QVERIFY(!url.isEmpty());
        ServerProcess server;
        fill(url, server);
        const QString file = m_dir.filePath(usePostgres() ? u"backup.dump"_s : u"backup.db"_s);
        const CliRun r = runServerCli({u"--database"_s, url, u"backup"_s, u"--to"_s, file});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"backed up"_s), qPrintable(r.out));
        QVERIFY(QFile::exists(file));
        QVERIFY(!QFile::exists(file + u".partial"_s));

        // Never over an existing file; --to is required.
        const qint64 size = QFileInfo(file).size();
        const CliRun again = runServerCli({u"--database"_s, url, u"backup"_s, u"--to"_s, file});
        QVERIFY(again.code != 0);
        QVERIFY2(again.err.contains(u"never overwrites"_s), qPrintable(again.err));
        QCOMPARE(QFileInfo(file).size(), size);
        QVERIFY(runServerCli({u"--database"_s, url, u"backup"_s}).err.contains(u"--to FILE is required"_s));

        QString restored = u"sqlite://"_s + file;
        if (usePostgres()) {
            restored = fresh();
            QVERIFY(!restored.isEmpty());
            const QString failed = pgRestore(file, restored);
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
        }
        server.stop();
        const QMap<QString, QStringList> before = dump(url);
        const QMap<QString, QStringList> after = dump(restored);
        QVERIFY(before.size() > 10);
        QCOMPARE(after.keys(), before.keys());
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QVERIFY2(after.value(it.key()) == it.value(),
                     qPrintable(u"table %1: %2 rows before, %3 after"_s.arg(it.key())
                                    .arg(it.value().size())
                                    .arg(after.value(it.key()).size())));
        QVERIFY(before.value(u"events"_s).size() >= 50);
        QVERIFY(!before.value(u"audit_log"_s).isEmpty());

        // The restored database serves: the changed password signs in, the feed is there.
        ServerProcess back;
        QString error;
        QVERIFY2(back.start(restored, {}, &error), qPrintable(error));
        const QString token = login(back.api(), u"ann"_s, u"ann-second"_s);
        QVERIFY(!token.isEmpty());
        const HttpReply changes = http("GET", back.api() + u"/changes?limit=5000"_s, QByteArray(), token);
        QCOMPARE(changes.status, 200);
        QVERIFY(changes.json.value(u"changes"_s).toArray().size() > 2);
    }

    void theDatabasePasswordStaysOutOfTheProcessList()
    {
        const QString url = fresh();
        QVERIFY(!url.isEmpty());
        const QString secret = server::DatabaseConfig::fromUrl(url)->password; // empty on SQLite
        const QString file = m_dir.filePath(u"database-url"_s);
        writeFile(file, url.toUtf8() + '\n');
        QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const auto cmdline = [](qint64 pid) {
            QFile f(u"/proc/%1/cmdline"_s.arg(pid));
            return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().replace('\0', ' ')) : QString();
        };
        QString error;
        {
            ServerProcess server;
            QVERIFY2(server.start({}, {u"--database-url-file"_s, file}, &error), qPrintable(error));
            QCOMPARE(http("GET", server.api() + u"/health"_s).status, 200);
            const QString args = cmdline(server.pid());
            QVERIFY2(args.contains(u"--database-url-file"_s), qPrintable(args));
            QVERIFY2(!args.contains(url) && (secret.isEmpty() || !args.contains(secret)), qPrintable(args));
            QVERIFY(!server.readStderr().contains(u"warning"_s));
        }
        {
            qputenv("UNDERSTUDY_DATABASE_URL", url.toUtf8());
            ServerProcess server;
            const bool started = server.start({}, {}, &error);
            qunsetenv("UNDERSTUDY_DATABASE_URL");
            QVERIFY2(started, qPrintable(error));
            QCOMPARE(http("GET", server.api() + u"/health"_s).status, 200);
            QVERIFY(!cmdline(server.pid()).contains(url));
        }
        // The old form still works; a password in it is warned about.
        ServerProcess server;
        QVERIFY2(server.start(url, {}, &error), qPrintable(error));
        QCOMPARE(http("GET", server.api() + u"/health"_s).status, 200);
        QCOMPARE(server.readStderr().contains(u"shows in the process list"_s), !secret.isEmpty());
        // Both at once, an empty or unreadable file: clear errors.
        writeFile(m_dir.filePath(u"empty"_s), "\n");
        for (const QStringList &args : {QStringList{u"--database"_s, url, u"--database-url-file"_s, file},
                                        QStringList{u"--database-url-file"_s, m_dir.filePath(u"empty"_s)},
                                        QStringList{u"--database-url-file"_s, m_dir.filePath(u"missing"_s)}}) {
            const CliRun r = runServerCli(args + QStringList{u"user"_s, u"list"_s});
            QVERIFY(r.code != 0);
            QVERIFY2(r.err.contains(u"--database"_s), qPrintable(r.err));
        }
        // A file others may read is used, with a warning.
        QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        const CliRun open = runServerCli({u"--database-url-file"_s, file, u"user"_s, u"list"_s});
        QCOMPARE(open.code, 0);
        QVERIFY2(open.err.contains(u"readable by other users"_s), qPrintable(open.err));
    }

    void sqliteAcknowledgesOnlyWhatIsSynced()
    {
        // SQLite's setting, checked on a file of its own under either backend (PostgreSQL's durability is the
        // cluster's: tst_server_crash_pg).
        auto config = server::DatabaseConfig::fromUrl(u"sqlite://"_s + m_dir.filePath(u"sync.db"_s));
        QVERIFY(config && config->sqliteFullSync); // the default
        for (const auto &[full, expected] : {std::pair{true, 2}, std::pair{false, 1}}) {
            config->sqliteFullSync = full;
            server::ServerDb db(*config);
            auto q = db.exec(u"PRAGMA synchronous"_s);
            QVERIFY(q && q->next());
            QCOMPARE(q->value(0).toInt(), expected); // 2 = FULL, 1 = NORMAL
        }
        QVERIFY(runServerCli({u"--database"_s, u"sqlite://"_s + m_dir.filePath(u"x.db"_s), u"--sqlite-synchronous"_s,
                              u"sometimes"_s})
                    .err.contains(u"--sqlite-synchronous"_s));
    }
};

QTEST_GUILESS_MAIN(TestServerOps)
#include "tst_server_ops.moc"

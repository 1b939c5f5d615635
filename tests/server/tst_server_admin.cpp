// SPDX-License-Identifier: GPL-3.0-or-later
// Administration (issue 19, point 11) against the real server: passwords changed by their owner and reset by an
// admin only, accounts enabled again and deleted (an admin who disabled themselves is restored from the CLI),
// sessions listed and revoked (a revoked token is refused at once), roles changed, and the audit log of all of
// it: readable by a lead (their team's entries only), by no agent, and append-only even to SQL. Runs on SQLite,
// and on PostgreSQL as tst_server_admin_pg.
#include "ServerTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy::test;

class TestServerAdmin : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    QHash<QString, QString> m_tokens; // by user name

    QString api(const QString &path) const { return m_server.api() + path; }

    CliRun cli(const QStringList &args, const QByteArray &input = {})
    {
        return runServerCli(QStringList{u"--database"_s, m_db} + args, input);
    }

    int status(const QByteArray &method, const QString &path, const QString &as, const QJsonObject &body = {})
    {
        return http(method, api(path),
                    method == "GET" || method == "DELETE" ? QByteArray()
                    : body.isEmpty()                      ? QByteArray("{}")
                                                          : QJsonDocument(body).toJson(),
                    as)
            .status;
    }

    bool tokenWorks(const QString &token) { return http("GET", api(u"/session"_s), QByteArray(), token).status == 200; }

    /// The audit log as @p token sees it: "action target" per entry.
    QStringList audit(const QString &token)
    {
        const HttpReply r = http("GET", api(u"/audit?limit=5000"_s), QByteArray(), token);
        if (r.status != 200)
            return {u"status %1"_s.arg(r.status)};
        QStringList out;
        for (const QJsonValue &v : r.json.value(u"entries"_s).toArray())
            out << v[u"action"_s].toString() + u' ' + v[u"target"_s].toString() + u" by "_s + v[u"actor"_s].toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
        const QList<std::tuple<QString, QString, QString>> users = {
            {u"root"_s, u"admin"_s, {}},       {u"root2"_s, u"admin"_s, {}},
            {u"lena"_s, u"lead"_s, u"emea"_s}, {u"alice"_s, u"agent"_s, u"emea"_s},
            {u"bob"_s, u"agent"_s, u"apac"_s}, {u"carol"_s, u"agent"_s, u"apac"_s}};
        for (const auto &[name, role, team] : users)
            QVERIFY(addUser(m_db, name, role, team));
        // Wrong passwords are part of these tests: the per-address limit must not get in the way.
        QVERIFY2(m_server.start(m_db, {u"--max-failed-logins-per-address"_s, u"1000"_s}, &error), qPrintable(error));
        for (const auto &[name, role, team] : users) {
            m_tokens[name] = login(m_server.api(), name, passwordOf(name));
            QVERIFY2(!m_tokens[name].isEmpty(), qPrintable(name));
        }
    }

    void cleanupTestCase() { m_server.stop(); }

    void onlyAnAdminResetsAPassword()
    {
        const QJsonObject body{{u"password"_s, u"taken-over-1"_s}};
        QCOMPARE(status("POST", u"/users/bob/password"_s, m_tokens[u"alice"_s], body), 403);
        QCOMPARE(status("POST", u"/users/bob/password"_s, m_tokens[u"lena"_s], body), 403);
        QCOMPARE(status("POST", u"/users/bob/password"_s, QString(), body), 401);
        QVERIFY(!login(m_server.api(), u"bob"_s, passwordOf(u"bob"_s)).isEmpty()); // unchanged

        QCOMPARE(status("POST", u"/users/bob/password"_s, m_tokens[u"root"_s], {{u"password"_s, u"short"_s}}), 400);
        QCOMPARE(status("POST", u"/users/nobody/password"_s, m_tokens[u"root"_s], body), 404);
        QCOMPARE(status("POST", u"/users/bob/password"_s, m_tokens[u"root"_s], {{u"password"_s, u"new-bob-pass"_s}}),
                 204);
        QVERIFY(!tokenWorks(m_tokens[u"bob"_s])); // every session of the old password ends
        QVERIFY(login(m_server.api(), u"bob"_s, passwordOf(u"bob"_s)).isEmpty());
        m_tokens[u"bob"_s] = login(m_server.api(), u"bob"_s, u"new-bob-pass"_s);
        QVERIFY(!m_tokens[u"bob"_s].isEmpty());
    }

    void anAgentChangesTheirOwnPassword()
    {
        const QString other = login(m_server.api(), u"alice"_s, passwordOf(u"alice"_s)); // a second device
        QVERIFY(!other.isEmpty());
        QCOMPARE(status("POST", u"/session/password"_s, m_tokens[u"alice"_s],
                        {{u"current_password"_s, u"wrong-guess"_s}, {u"new_password"_s, u"alice-second"_s}}),
                 403);
        QCOMPARE(status("POST", u"/session/password"_s, m_tokens[u"alice"_s],
                        {{u"current_password"_s, passwordOf(u"alice"_s)}, {u"new_password"_s, u"x"_s}}),
                 400);
        QCOMPARE(status("POST", u"/session/password"_s, m_tokens[u"alice"_s],
                        {{u"current_password"_s, passwordOf(u"alice"_s)}, {u"new_password"_s, u"alice-second"_s}}),
                 204);
        QVERIFY(tokenWorks(m_tokens[u"alice"_s])); // this session goes on
        QVERIFY(!tokenWorks(other));               // the other device is signed out
        QVERIFY(login(m_server.api(), u"alice"_s, passwordOf(u"alice"_s)).isEmpty());
        QVERIFY(!login(m_server.api(), u"alice"_s, u"alice-second"_s).isEmpty());
    }

    void sessionsAreListedAndARevokedOneIsRefused()
    {
        const QString second = login(m_server.api(), u"carol"_s, passwordOf(u"carol"_s));
        QVERIFY(!second.isEmpty());
        QCOMPARE(status("GET", u"/users/carol/sessions"_s, m_tokens[u"lena"_s]), 403);
        HttpReply r = http("GET", api(u"/users/carol/sessions"_s), QByteArray(), m_tokens[u"root"_s]);
        QCOMPARE(r.status, 200);
        const QJsonArray sessions = r.json.value(u"sessions"_s).toArray();
        QCOMPARE(sessions.size(), 2);
        QVERIFY(!r.body.contains(second.toUtf8()) && !r.body.contains(m_tokens[u"carol"_s].toUtf8()));
        // Newest first: the second login.
        const QString newest = sessions[0][u"id"_s].toString();
        QCOMPARE(newest.size(), 16);
        QCOMPARE(status("DELETE", u"/users/carol/sessions?id="_s + newest, m_tokens[u"alice"_s]), 403);
        QCOMPARE(status("DELETE", u"/users/carol/sessions?id="_s + newest, m_tokens[u"root"_s]), 200);
        QVERIFY(!tokenWorks(second));
        QCOMPARE(http("GET", api(u"/changes"_s), QByteArray(), second).status, 401);
        QVERIFY(tokenWorks(m_tokens[u"carol"_s]));
        QCOMPARE(status("DELETE", u"/users/carol/sessions?id="_s + newest, m_tokens[u"root"_s]), 404);
        r = http("DELETE", api(u"/users/carol/sessions"_s), QByteArray(), m_tokens[u"root"_s]);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"revoked"_s).toInt(), 1);
        QVERIFY(!tokenWorks(m_tokens[u"carol"_s]));
        m_tokens[u"carol"_s] = login(m_server.api(), u"carol"_s, passwordOf(u"carol"_s));
        // The CLI lists and revokes too.
        CliRun c = cli({u"user"_s, u"sessions"_s, u"--name"_s, u"carol"_s});
        QCOMPARE(c.code, 0);
        QCOMPARE(c.out.trimmed().split(u'\n').size(), 1);
        c = cli({u"user"_s, u"revoke"_s, u"--name"_s, u"carol"_s});
        QVERIFY2(c.code == 0, qPrintable(c.err));
        QVERIFY(!tokenWorks(m_tokens[u"carol"_s]));
        m_tokens[u"carol"_s] = login(m_server.api(), u"carol"_s, passwordOf(u"carol"_s));
    }

    void anAdminWhoDisabledThemselvesIsRestoredFromTheCli()
    {
        QCOMPARE(status("POST", u"/users/root2/disable"_s, m_tokens[u"root2"_s]), 200);
        QVERIFY(!tokenWorks(m_tokens[u"root2"_s]));
        QVERIFY(login(m_server.api(), u"root2"_s, passwordOf(u"root2"_s)).isEmpty());
        const CliRun r = cli({u"user"_s, u"enable"_s, u"--name"_s, u"root2"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        m_tokens[u"root2"_s] = login(m_server.api(), u"root2"_s, passwordOf(u"root2"_s));
        QVERIFY(!m_tokens[u"root2"_s].isEmpty());
        QCOMPARE(status("GET", u"/users"_s, m_tokens[u"root2"_s]), 200);
        // And over the API, an admin enables another.
        QCOMPARE(status("POST", u"/users/carol/disable"_s, m_tokens[u"root"_s]), 200);
        QCOMPARE(status("POST", u"/users/carol/enable"_s, m_tokens[u"lena"_s]), 403);
        QCOMPARE(status("POST", u"/users/carol/enable"_s, m_tokens[u"root"_s]), 200);
        QCOMPARE(status("POST", u"/users/nobody/enable"_s, m_tokens[u"root"_s]), 404);
        QVERIFY(cli({u"user"_s, u"enable"_s, u"--name"_s, u"nobody"_s}).code != 0);
        m_tokens[u"carol"_s] = login(m_server.api(), u"carol"_s, passwordOf(u"carol"_s));
        QVERIFY(!m_tokens[u"carol"_s].isEmpty());
    }

    void rolesChangeAndUsersAreDeleted()
    {
        HttpReply r = http("POST", api(u"/users/carol/role"_s),
                           QJsonObject{{u"role"_s, u"lead"_s}, {u"team"_s, u"apac"_s}}, m_tokens[u"root"_s]);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"role"_s).toString(), u"lead"_s);
        QCOMPARE(status("POST", u"/users/carol/role"_s, m_tokens[u"root"_s], {{u"role"_s, u"king"_s}}), 400);
        QCOMPARE(status("POST", u"/users/carol/role"_s, m_tokens[u"lena"_s], {{u"role"_s, u"admin"_s}}), 403);
        const CliRun role = cli({u"user"_s, u"role"_s, u"--name"_s, u"carol"_s, u"--role"_s, u"agent"_s});
        QVERIFY2(role.code == 0, qPrintable(role.err));
        QVERIFY2(cli({u"user"_s, u"list"_s}).out.contains(u"carol\tagent\tenabled"_s), "role changed, team kept");

        QCOMPARE(status("DELETE", u"/users/carol"_s, m_tokens[u"lena"_s]), 403);
        QCOMPARE(status("DELETE", u"/users/carol"_s, m_tokens[u"root"_s]), 204);
        QVERIFY(!tokenWorks(m_tokens[u"carol"_s]));
        QVERIFY(login(m_server.api(), u"carol"_s, passwordOf(u"carol"_s)).isEmpty());
        QCOMPARE(status("DELETE", u"/users/carol"_s, m_tokens[u"root"_s]), 404);
        // The CLI deletes, and says so when there is no such user; a new account may take the name.
        QCOMPARE(cli({u"user"_s, u"add"_s, u"--name"_s, u"carol"_s, u"--role"_s, u"agent"_s, u"--team"_s, u"apac"_s},
                     "carols-new-password\n")
                     .code,
                 0);
        QCOMPARE(cli({u"user"_s, u"delete"_s, u"--name"_s, u"carol"_s}).code, 0);
        QVERIFY(cli({u"user"_s, u"delete"_s, u"--name"_s, u"carol"_s}).code != 0);
        // A CLI reset revokes the sessions as the API's does.
        QCOMPARE(cli({u"user"_s, u"password"_s, u"--name"_s, u"bob"_s}, "bob-from-cli\n").code, 0);
        QVERIFY(!tokenWorks(m_tokens[u"bob"_s]));
        QVERIFY(cli({u"user"_s, u"password"_s, u"--name"_s, u"bob"_s}, "short\n").code != 0);
        m_tokens[u"bob"_s] = login(m_server.api(), u"bob"_s, u"bob-from-cli"_s);
        QVERIFY(!m_tokens[u"bob"_s].isEmpty());
    }

    void theAuditLogHoldsEveryChangeAndALeadReadsTheirTeam()
    {
        const QStringList all = audit(m_tokens[u"root"_s]);
        const QString cliActor = u"cli:"_s;
        for (const QString &expected :
             {u"user_added lena by "_s + cliActor, u"password_reset bob by root"_s,
              u"password_changed alice by alice"_s, u"sessions_revoked carol by root"_s,
              u"user_disabled root2 by root2"_s, u"user_enabled root2 by "_s + cliActor,
              u"user_enabled carol by root"_s, u"role_changed carol by root"_s, u"role_changed carol by "_s + cliActor,
              u"user_deleted carol by root"_s, u"user_deleted carol by "_s + cliActor,
              u"password_reset bob by "_s + cliActor}) {
            const bool found =
                std::any_of(all.cbegin(), all.cend(), [&](const QString &e) { return e.startsWith(expected); });
            QVERIFY2(found, qPrintable(expected + u" missing from:\n"_s + all.join(u'\n')));
        }
        // Refused attempts change nothing and log nothing.
        QVERIFY(std::none_of(all.cbegin(), all.cend(), [](const QString &e) { return e.contains(u"by lena"_s); }));
        // A lead of emea sees emea's entries only (alice, lena), no apac (bob) and none without a team.
        const QStringList emea = audit(m_tokens[u"lena"_s]);
        QVERIFY(emea.size() >= 3);
        for (const QString &e : emea)
            QVERIFY2(e.contains(u" alice "_s) || e.contains(u" lena "_s), qPrintable(e));
        QCOMPARE(status("GET", u"/audit"_s, m_tokens[u"alice"_s]), 403);
        QCOMPARE(status("GET", u"/audit"_s, QString()), 401);
        // Paging: after= the last seq seen gives what came since.
        const HttpReply first = http("GET", api(u"/audit?limit=2"_s), QByteArray(), m_tokens[u"root"_s]);
        QCOMPARE(first.json.value(u"entries"_s).toArray().size(), 2);
        QVERIFY(first.json.value(u"more"_s).toBool());
        const HttpReply rest = http("GET", api(u"/audit?after=%1"_s.arg(first.json.value(u"next"_s).toInteger())),
                                    QByteArray(), m_tokens[u"root"_s]);
        QCOMPARE(rest.json.value(u"entries"_s).toArray().size() + 2, all.size());
        // The CLI prints the same log.
        const CliRun c = cli({u"audit"_s});
        QCOMPARE(c.code, 0);
        QCOMPARE(c.out.trimmed().split(u'\n').size(), all.size());
    }

    void theAuditLogIsAppendOnly()
    {
        const qsizetype before = audit(m_tokens[u"root"_s]).size();
        QVERIFY(before > 0);
        for (const QString &sql : {u"UPDATE audit_log SET actor = 'nobody'"_s, u"DELETE FROM audit_log"_s,
                                   u"DELETE FROM audit_log WHERE action = 'password_reset'"_s}) {
            QString error;
            QVERIFY2(!execSql(m_db, sql, &error), qPrintable(sql));
            QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));
        }
        const QStringList after = audit(m_tokens[u"root"_s]);
        QCOMPARE(after.size(), before);
        QVERIFY(std::none_of(after.cbegin(), after.cend(), [](const QString &e) { return e.contains(u"nobody"_s); }));
        // No route changes it.
        QCOMPARE(status("DELETE", u"/audit"_s, m_tokens[u"root"_s]), 405);
        QCOMPARE(status("POST", u"/audit"_s, m_tokens[u"root"_s]), 405);
    }
};

QTEST_GUILESS_MAIN(TestServerAdmin)
#include "tst_server_admin.moc"

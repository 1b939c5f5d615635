// SPDX-License-Identifier: GPL-3.0-or-later
// The authorisation matrix: every route of docs/protocol.md × {anonymous, agent, lead, admin} against a real
// server, plus every wrong method (405) on every known path.
#include "ServerTestSupport.h"

#include "Api.h"

#include "TestSupport.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

namespace {

struct Row {
    QByteArray method;
    QString pattern; ///< as in the route table ("tickets/*/claim")
    QString path;    ///< "{role}" is replaced by the caller's role
    QString minRole; ///< "-", "agent", "lead", "admin"
    int okStatus;
    QByteArray body;         ///< "{role}" and "{uuid}" are replaced
    bool freshToken = false; ///< the request revokes its token: log in anew for it
};

const QStringList kRoles = {u"agent"_s, u"lead"_s, u"admin"_s};

int rank(const QString &role)
{
    return role == u"-"_s ? 0 : int(kRoles.indexOf(role)) + 1;
}

QString userFor(const QString &role)
{
    return u"m-"_s + role;
}

// The flag each caller resolves (one per caller: a flag is resolved once).
QString flagFor(const QString &roleTag)
{
    return QUuid::createUuidV5(QUuid(), roleTag).toString(QUuid::WithoutBraces);
}

QString concretePath(const QString &path, const QString &roleTag)
{
    return QString(path).replace(u"{role}"_s, roleTag).replace(u"{flag}"_s, flagFor(roleTag));
}

} // namespace

class TestAuthMatrix : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    QHash<QString, QString> m_tokens;

    QList<Row> rows() const
    {
        return {
            {"GET", u"health"_s, u"health"_s, u"-"_s, 200, {}},
            {"POST", u"session"_s, u"session"_s, u"-"_s, 200, R"({"name":"m-login","password":"password-m-login"})"},
            {"GET", u"session"_s, u"session"_s, u"agent"_s, 200, {}},
            {"DELETE", u"session"_s, u"session"_s, u"agent"_s, 204, {}, true},
            {"GET", u"changes"_s, u"changes?since=0&limit=10"_s, u"agent"_s, 200, {}},
            {"POST", u"events"_s, u"events"_s, u"agent"_s, 200,
             R"({"events":[{"id":"{uuid}","kind":"shown","ticket_id":"T-1","at":"2026-11-23T10:00:00Z"}]})"},
            {"GET", u"events"_s, u"events?limit=5"_s, u"lead"_s, 200, {}},
            {"GET", u"tickets"_s, u"tickets?status=open&limit=5"_s, u"agent"_s, 200, {}},
            {"POST", u"tickets"_s, u"tickets"_s, u"admin"_s, 200, R"({"tickets":[{"id":"N-{role}","subject":"new"}]})"},
            {"GET", u"tickets/*"_s, u"tickets/T-1"_s, u"agent"_s, 200, {}},
            {"POST", u"tickets/*/claim"_s, u"tickets/C-{role}/claim"_s, u"agent"_s, 200, "{}"},
            {"POST", u"tickets/*/replies"_s, u"tickets/R-{role}/replies"_s, u"agent"_s, 201,
             R"({"idempotency_key":"{uuid}","text":"Thanks, fixed."})"},
            {"GET", u"articles/*"_s, u"articles/kb-1"_s, u"agent"_s, 200, {}},
            {"GET", u"stats/me"_s, u"stats/me"_s, u"agent"_s, 200, {}},
            {"GET", u"stats/agents"_s, u"stats/agents?from=2026-01-01"_s, u"lead"_s, 200, {}},
            {"GET", u"stats/trends"_s, u"stats/trends?from=2026-01-01"_s, u"agent"_s, 200, {}},
            {"GET", u"stats/calibration"_s, u"stats/calibration"_s, u"agent"_s, 200, {}},
            {"GET", u"stats/gaps"_s, u"stats/gaps?from=2026-01-01"_s, u"lead"_s, 200, {}},
            {"POST", u"stats/gaps/review"_s, u"stats/gaps/review"_s, u"lead"_s, 200,
             R"({"kind":"topic","key":"billing"})"},
            {"GET", u"stats/spikes"_s, u"stats/spikes"_s, u"lead"_s, 200, {}},
            {"GET", u"flags"_s, u"flags?state=all"_s, u"lead"_s, 200, {}},
            {"POST", u"flags/*/resolve"_s, u"flags/{flag}/resolve"_s, u"lead"_s, 200,
             R"({"resolution":"fixed_article","note":"updated"})"},
            {"POST", u"knowledge"_s, u"knowledge"_s, u"admin"_s, 200,
             R"({"articles":[{"id":"kb-{role}","title":"T","body":"B"}],"origin":"matrix"})"},
            {"GET", u"users"_s, u"users"_s, u"admin"_s, 200, {}},
            {"POST", u"users"_s, u"users"_s, u"admin"_s, 201,
             R"({"name":"new-{role}","role":"agent","password":"password-123"})"},
            {"POST", u"users/*/disable"_s, u"users/x-{role}/disable"_s, u"admin"_s, 200, "{}"},
            {"POST", u"users/*/enable"_s, u"users/x-{role}/enable"_s, u"admin"_s, 200, "{}"},
            {"POST", u"users/*/role"_s, u"users/x-{role}/role"_s, u"admin"_s, 200, R"({"role":"agent"})"},
            {"POST", u"users/*/password"_s, u"users/x-{role}/password"_s, u"admin"_s, 204,
             R"({"password":"password-456"})"},
            {"GET", u"users/*/sessions"_s, u"users/x-{role}/sessions"_s, u"admin"_s, 200, {}},
            {"DELETE", u"users/*/sessions"_s, u"users/x-{role}/sessions"_s, u"admin"_s, 200, {}},
            {"DELETE", u"users/*"_s, u"users/d-{role}"_s, u"admin"_s, 204, {}},
            // The same password again: the caller's token (this session) goes on.
            {"POST", u"session/password"_s, u"session/password"_s, u"agent"_s, 204,
             R"({"current_password":"password-m-{role}","new_password":"password-m-{role}"})"},
            {"GET", u"audit"_s, u"audit?limit=5"_s, u"lead"_s, 200, {}},
            // A helpdesk's webhook has a token of its own: no session opens it (no such integration here either).
            {"POST", u"helpdesk/*/webhook"_s, u"helpdesk/none/webhook"_s, u"-"_s, 401, R"({"ticket_id":"1"})"},
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
        for (const QString &name :
             {userFor(u"agent"_s), userFor(u"lead"_s), userFor(u"admin"_s), u"m-login"_s, u"x-admin"_s, u"d-admin"_s}) {
            const QString role = name.startsWith(u"m-l"_s) && name != u"m-login"_s ? u"lead"_s
                                 : name == u"m-admin"_s                            ? u"admin"_s
                                                                                   : u"agent"_s;
            QVERIFY(addUser(m_db, name, role));
        }
        QByteArray tickets =
            "{\"id\":\"T-1\",\"subject\":\"Hello\",\"messages\":[{\"author\":\"customer\",\"body\":\"Hi\"}]}\n";
        for (const QString &role : kRoles)
            for (const char *prefix : {"C-", "R-"})
                tickets += QByteArray("{\"id\":\"") + prefix + role.toUtf8() + "\",\"subject\":\"S\"}\n";
        writeFile(m_dir.filePath(u"tickets.jsonl"_s), tickets);
        writeFile(m_dir.filePath(u"kb.jsonl"_s), "{\"id\":\"kb-1\",\"title\":\"Reset\",\"body\":\"Steps\"}\n");
        CliRun r = runServerCli({u"--database"_s, m_db, u"import"_s, u"tickets"_s, m_dir.filePath(u"tickets.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = runServerCli({u"--database"_s, m_db, u"import"_s, u"kb"_s, m_dir.filePath(u"kb.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(m_server.start(m_db, {}, &error), qPrintable(error));
        for (const QString &role : kRoles) {
            m_tokens[role] = login(m_server.api(), userFor(role), passwordOf(userFor(role)));
            QVERIFY2(!m_tokens[role].isEmpty(), qPrintable(role));
        }
        QJsonArray flags;
        for (const QString &tag : {u"anonymous"_s, u"agent"_s, u"lead"_s, u"admin"_s})
            flags.append(QJsonObject{{u"id"_s, flagFor(tag)},
                                     {u"kind"_s, u"flagged"_s},
                                     {u"ticket_id"_s, u"T-1"_s},
                                     {u"at"_s, u"2026-11-23T10:00:00Z"_s}});
        QCOMPARE(
            http("POST", m_server.api() + u"/events"_s, QJsonObject{{u"events"_s, flags}}, m_tokens[u"agent"_s]).status,
            200);
    }

    void matrixCoversEveryRoute()
    {
        server::ServerDb db(server::DatabaseConfig{});
        server::ServerStore store(db);
        const server::Api api(store, {});
        QSet<QString> table, covered;
        for (const auto &[route, role] : api.routeTable())
            table.insert(route + u' ' + role);
        for (const Row &row : rows())
            covered.insert(QString::fromLatin1(row.method) + u" /api/v1/"_s + row.pattern + u' ' + row.minRole);
        QCOMPARE(covered, table);
    }

    void matrix()
    {
        QStringList mismatches;
        int checked = 0;
        for (const Row &row : rows()) {
            for (const QString &caller : QStringList{u"-"_s} + kRoles) {
                QString token = caller == u"-"_s ? QString() : m_tokens.value(caller);
                if (row.freshToken && !token.isEmpty())
                    token = login(m_server.api(), userFor(caller), passwordOf(userFor(caller)));
                const QString roleTag = caller == u"-"_s ? u"anonymous"_s : caller;
                QByteArray body = row.body;
                body.replace("{role}", roleTag.toUtf8()).replace("{uuid}", uuid().toUtf8());
                const QString path = concretePath(row.path, roleTag);
                const HttpReply r = http(row.method, m_server.api() + u'/' + path, body, token);
                int expected = row.okStatus;
                if (rank(caller) < rank(row.minRole))
                    expected = caller == u"-"_s ? 401 : 403;
                ++checked;
                if (r.status != expected)
                    mismatches << u"%1 /api/v1/%2 as %3: expected %4, got %5 %6"_s.arg(
                        QString::fromLatin1(row.method), path, roleTag, QString::number(expected),
                        QString::number(r.status), QString::fromUtf8(r.body.left(200)));
                if ((expected == 401 || expected == 403) && !r.json.contains(u"error"_s))
                    mismatches << u"%1 %2 as %3: no JSON error"_s.arg(QString::fromLatin1(row.method), path, roleTag);
            }
        }
        QCOMPARE(checked, int(rows().size()) * 4);
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(u'\n')));
    }

    void wrongMethodsAre405()
    {
        QHash<QString, QStringList> allowed; // concrete path → methods
        QHash<QString, QString> concrete;
        for (const Row &row : rows()) {
            const QString path = concretePath(row.path.section(u'?', 0, 0), u"admin"_s);
            concrete[row.pattern] = path;
            allowed[row.pattern] << QString::fromLatin1(row.method);
        }
        QStringList mismatches;
        for (auto it = concrete.cbegin(); it != concrete.cend(); ++it) {
            for (const QByteArray method : {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
                if (allowed[it.key()].contains(QString::fromLatin1(method)))
                    continue;
                const HttpReply r =
                    http(method, m_server.api() + u'/' + it.value(), QByteArray("{}"), m_tokens[u"admin"_s]);
                QStringList allow = QString::fromLatin1(r.headers.value("allow")).split(u", "_s);
                allow.sort();
                QStringList want = allowed[it.key()];
                want.sort();
                if (r.status != 405 || allow != want)
                    mismatches << u"%1 %2: got %3 Allow \"%4\""_s.arg(QString::fromLatin1(method), it.value())
                                      .arg(r.status)
                                      .arg(allow.join(u", "_s));
            }
        }
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(u'\n')));
    }

    void unknownPathsAre404()
    {
        for (const QString &path :
             {u"/api/v1/nope"_s, u"/api/v1/tickets/T-1/nope"_s, u"/api/v2/health"_s, u"/"_s, u"/api/v1/a/b/c/d"_s}) {
            const HttpReply r = http("GET", m_server.base() + path, QByteArray(), m_tokens[u"admin"_s]);
            QCOMPARE(r.status, 404);
            QVERIFY2(r.json.contains(u"error"_s), r.body.constData());
        }
        // A known path with an unknown object is a 404 too, for every role that may read it.
        QCOMPARE(http("GET", m_server.api() + u"/tickets/NOPE"_s, QByteArray(), m_tokens[u"agent"_s]).status, 404);
        QCOMPARE(http("GET", m_server.api() + u"/articles/NOPE"_s, QByteArray(), m_tokens[u"agent"_s]).status, 404);
        QCOMPARE(
            http("POST", m_server.api() + u"/users/nobody/disable"_s, QByteArray("{}"), m_tokens[u"admin"_s]).status,
            404);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestAuthMatrix)
#include "tst_server_authmatrix.moc"

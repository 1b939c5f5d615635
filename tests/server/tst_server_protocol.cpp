// SPDX-License-Identifier: GPL-3.0-or-later
// docs/protocol.md against a real understudy-server: sessions, limits, validation, idempotency, the changes feed,
// claims and replies, statistics. Runs on SQLite, and on PostgreSQL as tst_server_protocol_pg.
#include "ServerTestSupport.h"

#include "Credentials.h"
#include "ServerDb.h"

#include "TestSupport.h"

#include <understudy/Json.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

class TestProtocol : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    QHash<QString, QString> m_tokens; // by user name

    QString api(const QString &path) const { return m_server.api() + path; }

    /// Every change of the feed, paged with @p limit.
    QList<QJsonObject> allChanges(const QString &token, int limit = 500)
    {
        QList<QJsonObject> out;
        QString cursor = u"0"_s;
        for (int page = 0; page < 10000; ++page) {
            const HttpReply r =
                http("GET", api(u"/changes?since=%1&limit=%2"_s.arg(cursor).arg(limit)), QByteArray(), token);
            if (r.status != 200)
                return {};
            for (const QJsonValue &v : r.json.value(u"changes"_s).toArray())
                out << v.toObject();
            cursor = r.json.value(u"cursor"_s).toString();
            if (!r.json.value(u"more"_s).toBool())
                break;
        }
        return out;
    }

    QJsonObject statsRow(const QJsonObject &answer, const QString &agent)
    {
        for (const QJsonValue &v : answer.value(u"agents"_s).toArray())
            if (v.toObject().value(u"agent"_s).toString() == agent)
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
        // sam and lou are in team emea; everyone else has no team.
        const QList<std::tuple<QString, QString, QString>> users = {
            {u"ann"_s, u"agent"_s, {}},        {u"bob"_s, u"agent"_s, {}}, {u"dan"_s, u"agent"_s, {}},
            {u"sam"_s, u"agent"_s, u"emea"_s}, {u"tia"_s, u"agent"_s, {}}, {u"lee"_s, u"lead"_s, {}},
            {u"lou"_s, u"lead"_s, u"emea"_s},  {u"ada"_s, u"admin"_s, {}}};
        for (const auto &[name, role, team] : users)
            QVERIFY(addUser(m_db, name, role, team));
        QByteArray tickets;
        for (int i = 1; i <= 5; ++i)
            tickets += QByteArray("{\"id\":\"T-") + QByteArray::number(i) +
                       "\",\"subject\":\"Help\",\"created_at\":\"2026-11-2" + QByteArray::number(i) +
                       "T09:00:00Z\",\"messages\":[{\"author\":\"customer\",\"body\":\"It broke\"}]}\n";
        writeFile(m_dir.filePath(u"t.jsonl"_s), tickets);
        const CliRun r = runServerCli({u"--database"_s, m_db, u"import"_s, u"tickets"_s, m_dir.filePath(u"t.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"added 5"_s), qPrintable(r.out));
        QVERIFY2(m_server.start(m_db, {u"--max-body-bytes"_s, u"65536"_s}, &error), qPrintable(error));
        for (const auto &[name, role, team] : users) {
            m_tokens[name] = login(m_server.api(), name, passwordOf(name));
            QVERIFY2(!m_tokens[name].isEmpty(), qPrintable(name));
        }
    }

    void health()
    {
        const HttpReply r = http("GET", api(u"/health"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(r.json.value(u"database"_s).toString(), usePostgres() ? u"postgresql"_s : u"sqlite"_s);
        QCOMPARE(r.json.value(u"version"_s).toString(), u"0.1.0"_s);
    }

    void loginAndLogout()
    {
        HttpReply r =
            http("POST", api(u"/session"_s), QJsonObject{{u"name"_s, u"bob"_s}, {u"password"_s, u"password-bob"_s}});
        QCOMPARE(r.status, 200);
        const QString token = r.json.value(u"token"_s).toString();
        QCOMPARE(QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
        QCOMPARE(r.json.value(u"name"_s).toString(), u"bob"_s);
        QCOMPARE(r.json.value(u"role"_s).toString(), u"agent"_s);
        const QDateTime expires = QDateTime::fromString(r.json.value(u"expires_at"_s).toString(), Qt::ISODate);
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 12 * 3600) < 120);

        r = http("GET", api(u"/session"_s), QByteArray(), token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"name"_s).toString(), u"bob"_s);

        QCOMPARE(http("POST", api(u"/session"_s), QJsonObject{{u"name"_s, u"bob"_s}, {u"password"_s, u"nope-nope"_s}})
                     .status,
                 401);
        QCOMPARE(http("POST", api(u"/session"_s), QJsonObject{{u"name"_s, u"zed"_s}, {u"password"_s, u"nope-nope"_s}})
                     .status,
                 401);
        QCOMPARE(http("GET", api(u"/session"_s), QByteArray(), u"not-a-token"_s).status, 401);

        r = http("DELETE", api(u"/session"_s), QByteArray(), token);
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(http("GET", api(u"/session"_s), QByteArray(), token).status, 401);
        QCOMPARE(http("DELETE", api(u"/session"_s), QByteArray(), token).status, 401);
        // bob's other token lives on
        QCOMPARE(http("GET", api(u"/session"_s), QByteArray(), m_tokens[u"bob"_s]).status, 200);
    }

    void tokenExpiry()
    {
        const QString token = login(m_server.api(), u"bob"_s, u"password-bob"_s);
        QVERIFY(!token.isEmpty());
        QCOMPARE(http("GET", api(u"/tickets"_s), QByteArray(), token).status, 200);
        QString error;
        QVERIFY2(execSql(m_db,
                         u"UPDATE tokens SET expires_ms = %1 WHERE hash = '%2'"_s
                             .arg(QDateTime::currentMSecsSinceEpoch() - 1000)
                             .arg(server::credentials::tokenHash(token)),
                         &error),
                 qPrintable(error));
        QCOMPARE(http("GET", api(u"/tickets"_s), QByteArray(), token).status, 401);
        QCOMPARE(http("GET", api(u"/tickets"_s), QByteArray(), m_tokens[u"bob"_s]).status, 200);
    }

    void tokensAreStoredHashed()
    {
        QString error;
        const QString token = m_tokens[u"ann"_s];
        // The plain token is nowhere in the table; its hash is.
        QVERIFY(execSql(m_db, u"DELETE FROM failed_logins WHERE name = 'never'"_s, &error));
        auto config = server::DatabaseConfig::fromUrl(m_db);
        QVERIFY(config);
        server::ServerDb db(*config);
        auto q = db.exec(u"SELECT COUNT(*) FROM tokens WHERE hash = ?"_s, {token});
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toInt(), 0);
        auto q2 = db.exec(u"SELECT COUNT(*) FROM tokens WHERE hash = ?"_s, {server::credentials::tokenHash(token)});
        QVERIFY(q2 && q2->next());
        QCOMPARE(q2->value(0).toInt(), 1);
        auto q3 = db.exec(u"SELECT password_hash FROM users WHERE name = 'ann'"_s);
        QVERIFY(q3 && q3->next());
        QVERIFY(q3->value(0).toString().startsWith(u"$argon2id$"_s));
    }

    void disabledUser()
    {
        const HttpReply r = http("POST", api(u"/users/dan/disable"_s), QByteArray("{}"), m_tokens[u"ada"_s]);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"disabled"_s).toBool(), true);
        QCOMPARE(http("GET", api(u"/session"_s), QByteArray(), m_tokens[u"dan"_s]).status, 401);
        QCOMPARE(login(m_server.api(), u"dan"_s, u"password-dan"_s), QString());
        const HttpReply users = http("GET", api(u"/users"_s), QByteArray(), m_tokens[u"ada"_s]);
        QCOMPARE(users.status, 200);
        QCOMPARE(users.json.value(u"users"_s).toArray().size(), 8);
    }

    void addUserValidation()
    {
        const QString admin = m_tokens[u"ada"_s];
        HttpReply r =
            http("POST", api(u"/users"_s),
                 QJsonObject{{u"name"_s, u"eve"_s}, {u"role"_s, u"boss"_s}, {u"password"_s, u"password-eve"_s}}, admin);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"role"_s);
        r = http("POST", api(u"/users"_s),
                 QJsonObject{{u"name"_s, u"eve"_s}, {u"role"_s, u"agent"_s}, {u"password"_s, u"short"_s}}, admin);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"password"_s);
        r = http("POST", api(u"/users"_s),
                 QJsonObject{{u"name"_s, u"ann"_s}, {u"role"_s, u"agent"_s}, {u"password"_s, u"password-ann"_s}},
                 admin);
        QCOMPARE(r.status, 409);
        r = http("POST", api(u"/users"_s),
                 QJsonObject{{u"name"_s, u"eve"_s}, {u"role"_s, u"lead"_s}, {u"password"_s, u"password-eve"_s}}, admin);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(u"role"_s).toString(), u"lead"_s);
        QVERIFY(!login(m_server.api(), u"eve"_s, u"password-eve"_s).isEmpty());
    }

    void bodyCap()
    {
        const QByteArray big = "{\"events\":[],\"pad\":\"" + QByteArray(70000, 'x') + "\"}";
        HttpReply r = http("POST", api(u"/events"_s), big, m_tokens[u"ann"_s]);
        QCOMPARE(r.status, 413);
        QVERIFY(r.json.contains(u"error"_s));
        const QByteArray fits = "{\"events\":[],\"pad\":\"" + QByteArray(60000, 'x') + "\"}";
        r = http("POST", api(u"/events"_s), fits, m_tokens[u"ann"_s]);
        QCOMPARE(r.status, 200);
    }

    void badJsonNamesTheField()
    {
        const QString ann = m_tokens[u"ann"_s];
        struct Case {
            QByteArray method;
            QString path;
            QByteArray body;
            QString field;
        };
        const QString good = uuid();
        const QList<Case> cases = {
            {"POST", u"/events"_s, "{not json", u"body"_s},
            {"POST", u"/events"_s, "[1,2]", u"body"_s},
            {"POST", u"/events"_s, "{}", u"events"_s},
            {"POST", u"/events"_s, "{\"events\":{}}", u"events"_s},
            {"POST", u"/events"_s, "{\"events\":[1]}", u"events[0]"_s},
            {"POST", u"/events"_s,
             "{\"events\":[{\"id\":\"" + good.toUtf8() +
                 "\",\"kind\":\"shown\",\"ticket_id\":\"T-1\",\"at\":\"2026-11-23T10:00:00Z\"},"
                 "{\"id\":\"" +
                 uuid().toUtf8() + "\",\"kind\":\"foo\",\"ticket_id\":\"T-1\",\"at\":\"2026-11-23T10:00:00Z\"}]}",
             u"events[1].kind"_s},
            {"POST", u"/events"_s,
             "{\"events\":[{\"id\":\"x-1\",\"kind\":\"shown\",\"ticket_id\":\"T-1\",\"at\":\"2026-11-23T10:00:00Z\"}]}",
             u"events[0].id"_s},
            {"POST", u"/events"_s,
             "{\"events\":[{\"id\":\"" + uuid().toUtf8() + "\",\"kind\":\"shown\",\"at\":\"2026-11-23T10:00:00Z\"}]}",
             u"events[0].ticket_id"_s},
            {"POST", u"/events"_s,
             "{\"events\":[{\"id\":\"" + uuid().toUtf8() +
                 "\",\"kind\":\"shown\",\"ticket_id\":\"T-1\",\"at\":\"yesterday\"}]}",
             u"events[0].at"_s},
            {"POST", u"/events"_s,
             "{\"events\":[{\"id\":\"" + uuid().toUtf8() +
                 "\",\"kind\":\"shown\",\"ticket_id\":\"T-1\",\"at\":\"2026-11-23T10:00:00Z\",\"confidence\":\"high\"}]"
                 "}",
             u"events[0].confidence"_s},
            {"POST", u"/tickets/T-1/replies"_s, "{\"idempotency_key\":\"k\"}", u"text"_s},
            {"POST", u"/tickets/T-1/replies"_s, "{\"idempotency_key\":7,\"text\":\"x\"}", u"idempotency_key"_s},
            {"POST", u"/session"_s, "{\"name\":\"ann\"}", u"password"_s},
            {"GET", u"/changes?since=abc"_s, {}, u"since"_s},
            {"GET", u"/changes?limit=0"_s, {}, u"limit"_s},
            {"GET", u"/tickets?status=lost"_s, {}, u"status"_s},
            {"GET", u"/stats/me?from=garbage"_s, {}, u"from"_s},
        };
        for (const Case &c : cases) {
            const HttpReply r = http(c.method, api(c.path), c.body, ann);
            QVERIFY2(r.status == 400, qPrintable(u"%1 %2: %3 %4"_s.arg(c.path, QString::fromUtf8(c.body.left(80)))
                                                     .arg(r.status)
                                                     .arg(QString::fromUtf8(r.body))));
            QVERIFY2(r.json.value(u"field"_s).toString() == c.field,
                     qPrintable(u"%1: field %2, want %3 (%4)"_s.arg(c.path, r.json.value(u"field"_s).toString(),
                                                                    c.field, r.json.value(u"error"_s).toString())));
            QVERIFY(r.json.value(u"error"_s).toString().startsWith(c.field));
        }
        // Batch validated whole: the good event before the bad one was not stored.
        for (const QJsonObject &ch : allChanges(ann))
            QVERIFY(ch.value(u"id"_s).toString() != good);
        // The protocol's example message.
        const HttpReply r = http("POST", api(u"/events"_s), cases[5].body, ann);
        QCOMPARE(r.json.value(u"error"_s).toString(), u"events[1].kind: unknown kind \"foo\""_s);
    }

    void methodNotAllowed()
    {
        const HttpReply r = http("PUT", api(u"/tickets"_s), QByteArray("{}"), m_tokens[u"ann"_s]);
        QCOMPARE(r.status, 405);
        QCOMPARE(r.headers.value("allow"), QByteArray("GET, POST"));
        QVERIFY(r.json.contains(u"error"_s));
    }

    void eventsStoredOnce()
    {
        const QString ann = m_tokens[u"ann"_s];
        const QString a = uuid(), b = uuid();
        QJsonObject evA = makeEvent(a, u"sent_edited"_s, u"T-1"_s, u"2026-11-23T10:00:00Z"_s);
        evA.insert(u"agent"_s, u"mallory"_s); // ignored: the token says who
        evA.insert(u"edit"_s, QJsonObject{{u"chars"_s, 12}, {u"words"_s, 3}, {u"kept"_s, 0.91}});
        evA.insert(u"sources"_s, QJsonArray{QJsonObject{{u"kind"_s, u"article"_s}, {u"id"_s, u"kb-12"_s}}});
        const QJsonObject batch{
            {u"events"_s, QJsonArray{evA, makeEvent(b, u"shown"_s, u"T-1"_s, u"2026-11-23T10:00:01Z"_s), evA}}};
        auto eventChanges = [&] {
            QList<QJsonObject> out;
            for (const QJsonObject &ch : allChanges(ann))
                if (ch.value(u"kind"_s).toString() == u"event"_s)
                    out << ch;
            return out;
        };
        const int before = int(eventChanges().size());
        for (int round = 0; round < 2; ++round) {
            const HttpReply r = http("POST", api(u"/events"_s), batch, ann);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json.value(u"acknowledged"_s).toArray(), (QJsonArray{a, b}));
        }
        // Another agent pushing the same UUID gets it acknowledged, and changes nothing.
        HttpReply r = http("POST", api(u"/events"_s), QJsonObject{{u"events"_s, QJsonArray{evA}}}, m_tokens[u"bob"_s]);
        QCOMPARE(r.json.value(u"acknowledged"_s).toArray(), QJsonArray{a});
        // The send travels the feed; the shown event only through the learned state.
        const QList<QJsonObject> changes = eventChanges();
        QCOMPARE(int(changes.size()), before + 1);
        int seenA = 0;
        for (const QJsonObject &ch : changes) {
            if (ch.value(u"id"_s).toString() != a)
                continue;
            ++seenA;
            QCOMPARE(ch.value(u"kind"_s).toString(), u"event"_s);
            const QJsonObject data = ch.value(u"data"_s).toObject();
            QCOMPARE(data.value(u"agent"_s).toString(), u"ann"_s);
            QCOMPARE(data.value(u"kind"_s).toString(), u"sent_edited"_s);
            QCOMPARE(data.value(u"edit"_s).toObject().value(u"words"_s).toInt(), 3);
        }
        QCOMPARE(seenA, 1);
        // An empty batch is fine and acknowledges nothing.
        r = http("POST", api(u"/events"_s), QJsonObject{{u"events"_s, QJsonArray{}}}, ann);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"acknowledged"_s).toArray().size(), 0);
    }

    void changesPagingAndCursor()
    {
        const QString ann = m_tokens[u"ann"_s];
        const QList<QJsonObject> all = allChanges(ann, 5000);
        QVERIFY(all.size() >= 7);
        for (qsizetype i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].value(u"seq"_s).toInteger(), qint64(i + 1)); // gap-free from 1
        QCOMPARE(allChanges(ann, 3), all);
        QCOMPARE(allChanges(ann, 1), all);
        // The first five are the imported tickets, with claimed_by and messages.
        QCOMPARE(all[0].value(u"kind"_s).toString(), u"ticket"_s);
        QVERIFY(all[0].value(u"data"_s).toObject().contains(u"claimed_by"_s));
        QCOMPARE(all[0].value(u"data"_s).toObject().value(u"messages"_s).toArray().size(), 1);

        HttpReply r = http("GET", api(u"/changes?limit=2"_s), QByteArray(), ann);
        QCOMPARE(r.json.value(u"changes"_s).toArray().size(), 2);
        QCOMPARE(r.json.value(u"cursor"_s).toString(), u"2"_s);
        QCOMPARE(r.json.value(u"more"_s).toBool(), true);
        const QString last = QString::number(all.size());
        r = http("GET", api(u"/changes?since="_s + last), QByteArray(), ann);
        QCOMPARE(r.json.value(u"changes"_s).toArray().size(), 0);
        QCOMPARE(r.json.value(u"cursor"_s).toString(), last);
        QCOMPARE(r.json.value(u"more"_s).toBool(), false);
        r = http("GET", api(u"/changes"_s), QByteArray(), ann); // no cursor = from the start
        QCOMPARE(r.json.value(u"changes"_s).toArray().first().toObject().value(u"seq"_s).toInt(), 1);
        QCOMPARE(http("GET", api(u"/changes?since=-1"_s), QByteArray(), ann).status, 400);
        QCOMPARE(http("GET", api(u"/changes?limit=99999"_s), QByteArray(), ann).status, 200); // clamped to 5000
    }

    void claimAndReply()
    {
        const QString ann = m_tokens[u"ann"_s], bob = m_tokens[u"bob"_s];
        HttpReply r = http("POST", api(u"/tickets/T-2/claim"_s), QByteArray("{}"), ann);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json, (QJsonObject{{u"ticket_id"_s, u"T-2"_s}, {u"claimed_by"_s, u"ann"_s}}));
        QCOMPARE(http("POST", api(u"/tickets/T-2/claim"_s), QByteArray("{}"), ann).status, 200);
        r = http("POST", api(u"/tickets/T-2/claim"_s), QByteArray("{}"), bob);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.json.value(u"claimed_by"_s).toString(), u"ann"_s);
        QCOMPARE(http("POST", api(u"/tickets/NOPE/claim"_s), QByteArray("{}"), ann).status, 404);

        const QString key = uuid();
        const QJsonObject body{
            {u"idempotency_key"_s, key}, {u"text"_s, u"Here is how to fix it."_s}, {u"event_id"_s, uuid()}};
        r = http("POST", api(u"/tickets/T-2/replies"_s), body, bob);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.json.value(u"claimed_by"_s).toString(), u"ann"_s);
        const int before = int(allChanges(ann).size());
        r = http("POST", api(u"/tickets/T-2/replies"_s), body, ann);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(u"status"_s).toString(), u"resolved"_s);
        QCOMPARE(r.json.value(u"author"_s).toString(), u"ann"_s);
        QCOMPARE(r.json.value(u"ticket_id"_s).toString(), u"T-2"_s);
        const QJsonObject first = r.json;
        r = http("POST", api(u"/tickets/T-2/replies"_s), body, ann);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json, first);
        r = http("GET", api(u"/tickets/T-2"_s), QByteArray(), bob);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"status"_s).toString(), u"resolved"_s);
        const QJsonArray messages = r.json.value(u"messages"_s).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[1].toObject().value(u"author"_s).toString(), u"agent"_s);
        QCOMPARE(messages[1].toObject().value(u"body"_s).toString(), u"Here is how to fix it."_s);
        const QList<QJsonObject> changes = allChanges(ann);
        QCOMPARE(int(changes.size()), before + 1); // the replay appended nothing
        QCOMPARE(changes.last().value(u"id"_s).toString(), u"T-2"_s);
        QCOMPARE(changes.last().value(u"data"_s).toObject().value(u"status"_s).toString(), u"resolved"_s);

        // The same key on another ticket is a conflict, not a silent replay.
        r = http("POST", api(u"/tickets/T-3/replies"_s), body, ann);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"idempotency_key"_s);
        // Answering an unclaimed ticket claims it.
        r = http("POST", api(u"/tickets/T-4/replies"_s),
                 QJsonObject{{u"idempotency_key"_s, uuid()}, {u"text"_s, u"Hi"_s}}, bob);
        QCOMPARE(r.status, 201);
        r = http("POST", api(u"/tickets/T-4/claim"_s), QByteArray("{}"), ann);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.json.value(u"claimed_by"_s).toString(), u"bob"_s);
        QCOMPARE(http("POST", api(u"/tickets/NOPE/replies"_s),
                      QJsonObject{{u"idempotency_key"_s, uuid()}, {u"text"_s, u"Hi"_s}}, ann)
                     .status,
                 404);
        // The list omits messages and filters by status.
        r = http("GET", api(u"/tickets?status=resolved"_s), QByteArray(), ann);
        QCOMPARE(r.status, 200);
        const QJsonArray list = r.json.value(u"tickets"_s).toArray();
        QCOMPARE(list.size(), 2);
        for (const QJsonValue &t : list) {
            QVERIFY(!t.toObject().contains(u"messages"_s));
            QCOMPARE(t.toObject().value(u"status"_s).toString(), u"resolved"_s);
        }
        QCOMPARE(http("GET", api(u"/tickets?limit=2&offset=1"_s), QByteArray(), ann)
                     .json.value(u"tickets"_s)
                     .toArray()
                     .size(),
                 2);
    }

    void importsCountAddedUpdatedUnchanged()
    {
        const QString admin = m_tokens[u"ada"_s];
        const QJsonObject a1{{u"id"_s, u"kb-1"_s}, {u"title"_s, u"Reset"_s}, {u"body"_s, u"One"_s}};
        const QJsonObject a2{{u"id"_s, u"kb-2"_s}, {u"title"_s, u"Refund"_s}, {u"body"_s, u"Two"_s}};
        HttpReply r = http("POST", api(u"/knowledge"_s), QJsonObject{{u"articles"_s, QJsonArray{a1, a2}}}, admin);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json, (QJsonObject{{u"added"_s, 2}, {u"updated"_s, 0}, {u"unchanged"_s, 0}}));
        QJsonObject a2b = a2;
        a2b.insert(u"body"_s, u"Two, revised"_s);
        r = http("POST", api(u"/knowledge"_s),
                 QJsonObject{{u"articles"_s, QJsonArray{a1, a2b}}, {u"origin"_s, u"test"_s}}, admin);
        QCOMPARE(r.json, (QJsonObject{{u"added"_s, 0}, {u"updated"_s, 1}, {u"unchanged"_s, 1}}));
        r = http("GET", api(u"/articles/kb-2"_s), QByteArray(), m_tokens[u"ann"_s]);
        QCOMPARE(r.json.value(u"body"_s).toString(), u"Two, revised"_s);
        r = http("POST", api(u"/knowledge"_s),
                 QJsonObject{{u"articles"_s, QJsonArray{QJsonObject{{u"id"_s, u"kb-3"_s}}}}}, admin);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"articles[0].title"_s);
        r = http("POST", api(u"/tickets"_s),
                 QJsonObject{{u"tickets"_s, QJsonArray{QJsonObject{{u"id"_s, u"T-9"_s}, {u"subject"_s, u"New"_s}}}}},
                 admin);
        QCOMPARE(r.json, (QJsonObject{{u"added"_s, 1}, {u"updated"_s, 0}, {u"unchanged"_s, 0}}));
        r = http("POST", api(u"/tickets"_s), QJsonObject{{u"tickets"_s, QJsonArray{QJsonObject{{u"id"_s, u"T-10"_s}}}}},
                 admin);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"tickets[0].messages"_s);
    }

    void statsOnAHandComputedLog()
    {
        // All on ticket T-1. sam (team emea) on 2026-11-20: shown ×3 (confidence 0.9, 0.6, 0.3; engine 0.4.0 then
        // 0.5.0), sent_as_is ×2 (confidence 0.95, 0.85), sent_edited (kept 0.8, confidence 0.85), rejected
        // (wrong_tone, 0.85), escalated (0.35), regenerated; one more sent_as_is on 2026-11-25. tia (no team) on
        // 2026-11-20: shown, flagged, rejected ×2 (outdated_information with a note, no reason), sent_edited ×3
        // (kept 0.5, 0.9, 0.2).
        QJsonArray sam, tia;
        const auto add = [](QJsonArray &list, const QString &kind, const QString &at, const QJsonObject &extra = {}) {
            QJsonObject e = makeEvent(uuid(), kind, u"T-1"_s, at);
            for (auto it = extra.begin(); it != extra.end(); ++it)
                e.insert(it.key(), it.value());
            list.append(e);
        };
        const auto kept = [](double share, double confidence = 0.5) {
            return QJsonObject{{u"edit"_s, QJsonObject{{u"chars"_s, 10}, {u"words"_s, 2}, {u"kept"_s, share}}},
                               {u"confidence"_s, confidence}};
        };
        const auto conf = [](double c) { return QJsonObject{{u"confidence"_s, c}}; };
        add(sam, u"shown"_s, u"2026-11-20T10:00:00Z"_s, {{u"confidence"_s, 0.9}, {u"engine"_s, u"0.4.0"_s}});
        add(sam, u"shown"_s, u"2026-11-20T10:01:00Z"_s, {{u"confidence"_s, 0.6}, {u"engine"_s, u"0.5.0"_s}});
        add(sam, u"shown"_s, u"2026-11-20T10:02:00Z"_s, {{u"confidence"_s, 0.3}, {u"engine"_s, u"0.5.0"_s}});
        add(sam, u"sent_as_is"_s, u"2026-11-20T10:03:00Z"_s, conf(0.95));
        add(sam, u"sent_as_is"_s, u"2026-11-20T10:04:00Z"_s, conf(0.85));
        add(sam, u"sent_edited"_s, u"2026-11-20T10:05:00Z"_s, kept(0.8, 0.85));
        add(sam, u"rejected"_s, u"2026-11-20T10:06:00Z"_s, {{u"reason"_s, u"wrong_tone"_s}, {u"confidence"_s, 0.85}});
        add(sam, u"escalated"_s, u"2026-11-20T10:07:00Z"_s, conf(0.35));
        add(sam, u"regenerated"_s, u"2026-11-20T10:08:00Z"_s);
        add(sam, u"sent_as_is"_s, u"2026-11-25T08:00:00Z"_s);
        const QString flagId = uuid();
        add(tia, u"shown"_s, u"2026-11-20T11:00:00Z"_s);
        tia.append(QJsonObject{
            {u"id"_s, flagId},
            {u"kind"_s, u"flagged"_s},
            {u"ticket_id"_s, u"T-1"_s},
            {u"at"_s, u"2026-11-20T11:01:00Z"_s},
            {u"confidence"_s, 0.7},
            {u"final_text"_s, u"Restart the router."_s},
            {u"sources"_s,
             QJsonArray{QJsonObject{{u"kind"_s, u"article"_s}, {u"id"_s, u"kb-9"_s}, {u"title"_s, u"Routers"_s}}}}});
        add(tia, u"rejected"_s, u"2026-11-20T11:02:00Z"_s, {{u"reason"_s, u"outdated_information: price changed"_s}});
        add(tia, u"rejected"_s, u"2026-11-20T11:03:00Z"_s);
        add(tia, u"sent_edited"_s, u"2026-11-20T11:04:00Z"_s, kept(0.5));
        add(tia, u"sent_edited"_s, u"2026-11-20T11:05:00Z"_s, kept(0.9));
        add(tia, u"sent_edited"_s, u"2026-11-20T11:06:00Z"_s, kept(0.2));
        QCOMPARE(http("POST", api(u"/events"_s), QJsonObject{{u"events"_s, sam}}, m_tokens[u"sam"_s]).status, 200);
        QCOMPARE(http("POST", api(u"/events"_s), QJsonObject{{u"events"_s, tia}}, m_tokens[u"tia"_s]).status, 200);

        const QString range = u"from=2026-11-20&to=2026-11-21"_s;
        HttpReply r = http("GET", api(u"/stats/agents?"_s + range), QByteArray(), m_tokens[u"lee"_s]);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.value(u"team"_s).isNull());
        QVERIFY(json::parseTime(r.json.value(u"generated_at"_s).toString()).isValid());
        QJsonObject s = statsRow(r.json, u"sam"_s);
        QCOMPARE(s.value(u"team"_s).toString(), u"emea"_s);
        QCOMPARE(s.value(u"shown"_s).toInt(), 3);
        QCOMPARE(s.value(u"sent_as_is"_s).toInt(), 2);
        QCOMPARE(s.value(u"sent_edited"_s).toInt(), 1);
        QCOMPARE(s.value(u"rejected"_s).toInt(), 1);
        QCOMPARE(s.value(u"flagged"_s).toInt(), 0);
        QCOMPARE(s.value(u"regenerated"_s).toInt(), 1);
        QCOMPARE(s.value(u"escalated"_s).toInt(), 1);
        QCOMPARE(s.value(u"acceptance"_s).toDouble(), 0.6); // (2 + 1) / (2 + 1 + 1 + 0 + 1)
        QCOMPARE(s.value(u"rejected_by_reason"_s).toObject(), (QJsonObject{{u"wrong_tone"_s, 1}}));
        QVERIFY(qAbs(s.value(u"mean_confidence"_s).toDouble() - 0.6) < 1e-9); // (0.9 + 0.6 + 0.3) / 3
        QCOMPARE(s.value(u"median_kept"_s).toDouble(), 0.8);
        QCOMPARE(s.value(u"median_open_to_send_s"_s).toDouble(), 240.0); // first shown 10:00; sends +3, +4, +5 min
        QJsonObject t = statsRow(r.json, u"tia"_s);
        QVERIFY(t.value(u"team"_s).isNull());
        QCOMPARE(t.value(u"flagged"_s).toInt(), 1);
        QCOMPARE(t.value(u"sent_edited"_s).toInt(), 3);
        QCOMPARE(t.value(u"acceptance"_s).toDouble(), 0.5); // 3 / (3 + 2 + 1)
        // The reason's code counts; the agent's note after the colon does not split the figure.
        QCOMPARE(t.value(u"rejected_by_reason"_s).toObject(),
                 (QJsonObject{{u"outdated_information"_s, 1}, {u"unspecified"_s, 1}}));
        QCOMPARE(t.value(u"mean_confidence"_s).toDouble(), 0.5);         // makeEvent's default
        QCOMPARE(t.value(u"median_kept"_s).toDouble(), 0.5);             // of 0.2, 0.5, 0.9
        QCOMPARE(t.value(u"median_open_to_send_s"_s).toDouble(), 300.0); // of 240, 300, 360
        QVERIFY(statsRow(r.json, u"ann"_s).isEmpty());                   // ann's events are on 2026-11-23
        // The same figures from the weekly rollups (a range of whole weeks: Monday 11-16 to Monday 11-23) as from
        // the events (a range inside one week, above).
        const QJsonObject samRaw = s, tiaRaw = t;
        r = http("GET", api(u"/stats/agents?from=2026-11-16&to=2026-11-23"_s), QByteArray(), m_tokens[u"lee"_s]);
        s = statsRow(r.json, u"sam"_s);
        QCOMPARE(s.value(u"median_open_to_send_s"_s).toDouble(), 240.0);
        QCOMPARE(s.value(u"median_kept"_s).toDouble(), 0.8);
        QVERIFY(qAbs(s.value(u"mean_confidence"_s).toDouble() - 0.6) < 1e-9);
        s.remove(u"mean_confidence"_s);
        QJsonObject expected = samRaw;
        expected.remove(u"mean_confidence"_s);
        QCOMPARE(s, expected);
        QCOMPARE(statsRow(r.json, u"tia"_s), tiaRaw);
        // A range of a week and a bit: the whole week from the rollups, the Sunday after from the events.
        r = http("GET", api(u"/stats/agents?from=2026-11-16&to=2026-11-24"_s), QByteArray(), m_tokens[u"lee"_s]);
        QCOMPARE(statsRow(r.json, u"tia"_s), tiaRaw);
        QCOMPARE(statsRow(r.json, u"sam"_s).value(u"sent_as_is"_s).toInt(), 2);

        // Teams: lou leads emea and sees sam only, and may not ask for another team; a lead without a team (lee)
        // may narrow to one.
        r = http("GET", api(u"/stats/agents?"_s + range), QByteArray(), m_tokens[u"lou"_s]);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"team"_s).toString(), u"emea"_s);
        QCOMPARE(r.json.value(u"agents"_s).toArray().size(), 1);
        QCOMPARE(statsRow(r.json, u"sam"_s).value(u"acceptance"_s).toDouble(), 0.6);
        QCOMPARE(http("GET", api(u"/stats/agents?team=apac"_s), QByteArray(), m_tokens[u"lou"_s]).status, 403);
        r = http("GET", api(u"/stats/agents?team=emea&"_s + range), QByteArray(), m_tokens[u"lee"_s]);
        QCOMPARE(r.json.value(u"agents"_s).toArray().size(), 1);

        // Unbounded: sam's late sent_as_is counts → 4 / 6.
        r = http("GET", api(u"/stats/me"_s), QByteArray(), m_tokens[u"sam"_s]);
        QCOMPARE(r.json.value(u"agent"_s).toString(), u"sam"_s);
        QCOMPARE(r.json.value(u"sent_as_is"_s).toInt(), 3);
        QCOMPARE(r.json.value(u"acceptance"_s).toDouble(), 4.0 / 6.0);
        // "to" is exclusive, "from" inclusive.
        r = http("GET", api(u"/stats/me?from=2026-11-20T10:01:00Z&to=2026-11-20T10:02:00Z"_s), QByteArray(),
                 m_tokens[u"sam"_s]);
        QCOMPARE(r.json.value(u"shown"_s).toInt(), 1);
        QCOMPARE(r.json.value(u"acceptance"_s).toDouble(), 0.0);
        QCOMPARE(r.json.value(u"mean_confidence"_s).toDouble(), 0.6);
        QVERIFY(r.json.value(u"median_kept"_s).isNull()); // no edited send in that minute
        QVERIFY(r.json.value(u"median_open_to_send_s"_s).isNull());
        // An agent with no events gets a zero row.
        r = http("GET", api(u"/stats/me"_s), QByteArray(), m_tokens[u"lee"_s]);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"shown"_s).toInt(), 0);
        QCOMPARE(http("GET", api(u"/stats/agents"_s), QByteArray(), m_tokens[u"sam"_s]).status, 403);

        // Trends: 2026-11-20 is a Friday (week of Monday 11-16), 11-25 a Wednesday (week of 11-23).
        r = http("GET", api(u"/stats/trends?agent=sam"_s), QByteArray(), m_tokens[u"lee"_s]);
        QCOMPARE(r.status, 200);
        QJsonArray weeks = r.json.value(u"weeks"_s).toArray();
        QCOMPARE(weeks.size(), 2);
        QJsonObject w = weeks[0].toObject();
        QCOMPARE(w.value(u"week"_s).toString(), u"2026-11-16"_s);
        QCOMPARE(w.value(u"shown"_s).toInt(), 3);
        QCOMPARE(w.value(u"sent_as_is"_s).toInt(), 2);
        QCOMPARE(w.value(u"escalated"_s).toInt(), 1);
        QCOMPARE(w.value(u"acceptance"_s).toDouble(), 0.6);
        QCOMPARE(w.value(u"mean_kept"_s).toDouble(), 0.8);
        QCOMPARE(w.value(u"engines"_s).toArray(), (QJsonArray{u"0.4.0"_s, u"0.5.0"_s}));
        w = weeks[1].toObject();
        QCOMPARE(w.value(u"week"_s).toString(), u"2026-11-23"_s);
        QCOMPARE(w.value(u"sent_as_is"_s).toInt(), 1);
        QCOMPARE(w.value(u"acceptance"_s).toDouble(), 1.0);
        QVERIFY(w.value(u"mean_kept"_s).isNull());
        // An agent gets their own line whatever they ask for, and may not ask for someone else's.
        r = http("GET", api(u"/stats/trends"_s), QByteArray(), m_tokens[u"sam"_s]);
        QCOMPARE(r.json.value(u"weeks"_s).toArray(), weeks);
        QCOMPARE(http("GET", api(u"/stats/trends?agent=tia"_s), QByteArray(), m_tokens[u"sam"_s]).status, 403);

        // Calibration of sam's acted drafts on 11-20: [0.9,1) 1 of 1 sent; [0.8,0.9) 2 of 3; [0.3,0.4) 0 of 1.
        r = http("GET", api(u"/stats/calibration?agent=sam&"_s + range), QByteArray(), m_tokens[u"lee"_s]);
        QCOMPARE(r.status, 200);
        const QJsonArray bins = r.json.value(u"bins"_s).toArray();
        QCOMPARE(bins.size(), 10);
        for (int i = 0; i < 10; ++i) {
            const QJsonObject b = bins[i].toObject();
            QCOMPARE(b.value(u"lo"_s).toDouble(), i / 10.0);
            const int drafts = i == 9 ? 1 : i == 8 ? 3 : i == 3 ? 1 : 0;
            const int accepted = i == 9 ? 1 : i == 8 ? 2 : 0;
            QCOMPARE(b.value(u"drafts"_s).toInt(), drafts);
            QCOMPARE(b.value(u"accepted"_s).toInt(), accepted);
            QCOMPARE(b.value(u"mean_confidence"_s).isNull(), drafts == 0);
        }
        QVERIFY(qAbs(bins[8].toObject().value(u"mean_confidence"_s).toDouble() - 0.85) < 1e-9);
        // tia, unbounded (from the rollups): the flag at 0.7 in [0.7,0.8); five drafts at 0.5, three of them sent.
        r = http("GET", api(u"/stats/calibration?agent=tia"_s), QByteArray(), m_tokens[u"lee"_s]);
        const QJsonArray tiaBins = r.json.value(u"bins"_s).toArray();
        QCOMPARE(tiaBins[5].toObject().value(u"drafts"_s).toInt(), 5);
        QCOMPARE(tiaBins[5].toObject().value(u"accepted"_s).toInt(), 3);
        QCOMPARE(tiaBins[7].toObject().value(u"drafts"_s).toInt(), 1);
        QCOMPARE(tiaBins[7].toObject().value(u"accepted"_s).toInt(), 0);

        // Flag review: tia's flag is open with its draft and sources; an agent may not resolve it; a lead does,
        // once; the resolution is an event in the feed and agents may not forge one.
        const auto findFlag = [&](const QString &state) {
            const HttpReply list = http("GET", api(u"/flags?state="_s + state), QByteArray(), m_tokens[u"lee"_s]);
            for (const QJsonValue &v : list.json.value(u"flags"_s).toArray())
                if (v.toObject().value(u"id"_s).toString() == flagId)
                    return v.toObject();
            return QJsonObject();
        };
        QJsonObject f = findFlag(u"open"_s);
        QCOMPARE(f.value(u"agent"_s).toString(), u"tia"_s);
        QCOMPARE(f.value(u"draft"_s).toString(), u"Restart the router."_s);
        QCOMPARE(f.value(u"sources"_s).toArray().first().toObject().value(u"id"_s).toString(), u"kb-9"_s);
        QVERIFY(f.value(u"resolution"_s).isNull());
        const QString resolve = u"/flags/"_s + flagId + u"/resolve"_s;
        const QJsonObject verdict{{u"resolution"_s, u"bad_retrieval"_s}, {u"note"_s, u"kb-9 is about modems"_s}};
        QCOMPARE(http("POST", api(resolve), verdict, m_tokens[u"tia"_s]).status, 403);
        QCOMPARE(http("POST", api(resolve), QJsonObject{{u"resolution"_s, u"shrug"_s}}, m_tokens[u"lee"_s]).status,
                 400);
        QCOMPARE(http("POST", api(u"/flags/"_s + uuid() + u"/resolve"_s), verdict, m_tokens[u"lee"_s]).status, 404);
        r = http("POST", api(resolve), verdict, m_tokens[u"lee"_s]);
        QCOMPARE(r.status, 200);
        const QJsonObject res = r.json.value(u"resolution"_s).toObject();
        QCOMPARE(res.value(u"resolution"_s).toString(), u"bad_retrieval"_s);
        QCOMPARE(res.value(u"by"_s).toString(), u"lee"_s);
        QCOMPARE(res.value(u"note"_s).toString(), u"kb-9 is about modems"_s);
        // lou leads emea and tia has no team: for lou there is no such flag (tst_server_flagscope).
        QCOMPARE(
            http("POST", api(resolve), QJsonObject{{u"resolution"_s, u"agent_error"_s}}, m_tokens[u"lou"_s]).status,
            404);
        r = http("POST", api(resolve), QJsonObject{{u"resolution"_s, u"agent_error"_s}}, m_tokens[u"lee"_s]);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.json.value(u"resolution"_s).toObject().value(u"by"_s).toString(), u"lee"_s);
        QVERIFY(findFlag(u"open"_s).isEmpty());
        QCOMPARE(findFlag(u"resolved"_s).value(u"resolution"_s).toObject().value(u"resolution"_s).toString(),
                 u"bad_retrieval"_s);
        QVERIFY(!findFlag(u"all"_s).isEmpty());
        bool inFeed = false;
        for (const QJsonObject &ch : allChanges(m_tokens[u"sam"_s]))
            inFeed |= ch.value(u"data"_s).toObject().value(u"kind"_s).toString() == u"flag_resolved"_s &&
                      ch.value(u"data"_s).toObject().value(u"draft_id"_s).toString() == flagId;
        QVERIFY(inFeed);
        QJsonObject forged = makeEvent(uuid(), u"flag_resolved"_s, u"T-1"_s, u"2026-11-20T12:00:00Z"_s);
        r = http("POST", api(u"/events"_s), QJsonObject{{u"events"_s, QJsonArray{forged}}}, m_tokens[u"sam"_s]);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"events[0].kind"_s);
        // A resolution is not a draft outcome: lee does not appear among the agents.
        r = http("GET", api(u"/stats/agents"_s), QByteArray(), m_tokens[u"lee"_s]);
        QVERIFY(statsRow(r.json, u"lee"_s).isEmpty());
    }

    void gapsAndSpikesOnAHandComputedLog()
    {
        // bob, intent refund_status: one draft shown a week in the four weeks from Monday 2026-09-28 (0.9, source
        // kb-77), then in the week of 10-26 six (S-1 0.3 without a source, S-2 0.3, S-3..S-6 0.9, all kb-77), S-2
        // rejected as outdated, S-3 flagged, S-4 rejected as a wrong answer. Intent card_lost: two drafts in the
        // week of 10-19, three in the week of 10-26, no problems.
        const QString admin = m_tokens[u"ada"_s];
        QCOMPARE(http("POST", api(u"/knowledge"_s),
                      QJsonObject{{u"articles"_s, QJsonArray{QJsonObject{{u"id"_s, u"kb-77"_s},
                                                                         {u"title"_s, u"Refund timelines"_s},
                                                                         {u"body"_s, u"Five days."_s}}}}},
                      admin)
                     .status,
                 200);
        QJsonArray log;
        const auto add = [&](const QString &kind, const QString &ticket, const QString &at, const QString &intent,
                             double confidence, bool source, const QString &reason = {}) {
            QJsonObject e = makeEvent(uuid(), kind, ticket, at);
            e.insert(u"intent"_s, intent);
            e.insert(u"confidence"_s, confidence);
            if (source)
                e.insert(u"sources"_s,
                         QJsonArray{QJsonObject{{u"kind"_s, u"article"_s},
                                                {u"id"_s, intent == u"card_lost"_s ? u"kb-78"_s : u"kb-77"_s}}});
            if (!reason.isEmpty())
                e.insert(u"reason"_s, reason);
            log.append(e);
        };
        const QString rs = u"refund_status"_s;
        for (const char *day : {"2026-09-29", "2026-10-06", "2026-10-13", "2026-10-20"})
            add(u"shown"_s, u"B-"_s + QString::fromLatin1(day), QString::fromLatin1(day) + u"T10:00:00Z"_s, rs, 0.9,
                true);
        add(u"shown"_s, u"S-1"_s, u"2026-10-27T10:01:00Z"_s, rs, 0.3, false);
        add(u"shown"_s, u"S-2"_s, u"2026-10-27T10:02:00Z"_s, rs, 0.3, true);
        for (int i = 3; i <= 6; ++i)
            add(u"shown"_s, u"S-%1"_s.arg(i), u"2026-10-27T10:0%1:00Z"_s.arg(i), rs, 0.9, true);
        add(u"rejected"_s, u"S-2"_s, u"2026-10-28T09:00:00Z"_s, rs, 0.3, true, u"outdated_information: 3 days now"_s);
        add(u"flagged"_s, u"S-3"_s, u"2026-10-28T09:10:00Z"_s, rs, 0.9, true);
        add(u"rejected"_s, u"S-4"_s, u"2026-10-28T09:20:00Z"_s, rs, 0.9, true, u"wrong_answer"_s);
        add(u"shown"_s, u"C-1"_s, u"2026-10-20T11:00:00Z"_s, u"card_lost"_s, 0.9, true);
        add(u"shown"_s, u"C-2"_s, u"2026-10-21T11:00:00Z"_s, u"card_lost"_s, 0.9, true);
        for (int i = 3; i <= 5; ++i)
            add(u"shown"_s, u"C-%1"_s.arg(i), u"2026-10-29T11:0%1:00Z"_s.arg(i), u"card_lost"_s, 0.9, true);
        QCOMPARE(http("POST", api(u"/events"_s), QJsonObject{{u"events"_s, log}}, m_tokens[u"bob"_s]).status, 200);

        const QString lee = m_tokens[u"lee"_s];
        const auto findIn = [](const QJsonObject &answer, const QString &list, const QString &field,
                               const QString &value) {
            for (const QJsonValue &v : answer.value(list).toArray())
                if (v.toObject().value(field).toString() == value)
                    return v.toObject();
            return QJsonObject();
        };
        // Inside one week (from the events) and the whole week (from the rollups): the same gaps.
        for (const QString &range : {u"from=2026-10-26&to=2026-10-30"_s, u"from=2026-10-26&to=2026-11-02"_s}) {
            const HttpReply r = http("GET", api(u"/stats/gaps?"_s + range), QByteArray(), lee);
            QCOMPARE(r.status, 200);
            const QJsonObject t = findIn(r.json, u"topics"_s, u"intent"_s, rs);
            QCOMPARE(t.value(u"drafts"_s).toInt(), 6);
            QCOMPARE(t.value(u"low_confidence"_s).toInt(), 2);
            QCOMPARE(t.value(u"no_source"_s).toInt(), 1);
            QCOMPARE(t.value(u"rejected"_s).toInt(), 2);
            QCOMPARE(t.value(u"flagged"_s).toInt(), 1);
            QCOMPARE(t.value(u"problems"_s).toInt(), 7);                          // 2 + 1 + 2 + 2 × 1
            QVERIFY(qAbs(t.value(u"mean_confidence"_s).toDouble() - 0.7) < 1e-9); // (2 × 0.3 + 4 × 0.9) / 6
            QCOMPARE(t.value(u"examples"_s).toArray(), (QJsonArray{u"S-4"_s, u"S-3"_s, u"S-2"_s}));
            QVERIFY(findIn(r.json, u"topics"_s, u"intent"_s, u"card_lost"_s).isEmpty()); // no problems
            const QJsonObject a = findIn(r.json, u"articles"_s, u"source"_s, u"article:kb-77"_s);
            QCOMPARE(a.value(u"id"_s).toString(), u"kb-77"_s);
            QCOMPARE(a.value(u"title"_s).toString(), u"Refund timelines"_s);
            QCOMPARE(a.value(u"flagged"_s).toInt(), 1);
            QCOMPARE(a.value(u"rejected"_s).toInt(), 2);
            QCOMPARE(a.value(u"outdated_rejects"_s).toInt(), 1);
            QCOMPARE(a.value(u"examples"_s).toArray(), (QJsonArray{u"S-4"_s, u"S-3"_s, u"S-2"_s}));
            QVERIFY(a.value(u"reviewed"_s).isNull());
        }
        // A lead marks the topic reviewed; the mark shows with it.
        QCOMPARE(
            http("POST", api(u"/stats/gaps/review"_s), QJsonObject{{u"kind"_s, u"nope"_s}, {u"key"_s, rs}}, lee).status,
            400);
        HttpReply r =
            http("POST", api(u"/stats/gaps/review"_s), QJsonObject{{u"kind"_s, u"topic"_s}, {u"key"_s, rs}}, lee);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"by"_s).toString(), u"lee"_s);
        r = http("GET", api(u"/stats/gaps?from=2026-10-26&to=2026-10-30"_s), QByteArray(), lee);
        QCOMPARE(findIn(r.json, u"topics"_s, u"intent"_s, rs).value(u"reviewed"_s).toObject().value(u"by"_s).toString(),
                 u"lee"_s);
        // lou leads emea, where bob is not: no gaps of bob's.
        r = http("GET", api(u"/stats/gaps?from=2026-10-26&to=2026-10-30"_s), QByteArray(), m_tokens[u"lou"_s]);
        QCOMPARE(r.status, 200);
        QVERIFY(findIn(r.json, u"topics"_s, u"intent"_s, rs).isEmpty());

        // Spikes in the week holding 10-30 (four whole weeks before from the rollups, this week from the events):
        // refund_status 6 against a baseline of 1 a week; card_lost's 3 are too few.
        r = http("GET", api(u"/stats/spikes?to=2026-10-30"_s), QByteArray(), lee);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"week"_s).toString(), u"2026-10-26"_s);
        const QJsonObject spike = findIn(r.json, u"spikes"_s, u"intent"_s, rs);
        QCOMPARE(spike.value(u"tickets"_s).toInt(), 6);
        QCOMPARE(spike.value(u"baseline"_s).toDouble(), 1.0);
        QCOMPARE(spike.value(u"ratio"_s).toDouble(), 6.0);
        QCOMPARE(spike.value(u"examples"_s).toArray(), (QJsonArray{u"S-6"_s, u"S-5"_s, u"S-4"_s}));
        QVERIFY(findIn(r.json, u"spikes"_s, u"intent"_s, u"card_lost"_s).isEmpty());
        // A week later nothing stands out against the new baseline.
        r = http("GET", api(u"/stats/spikes?to=2026-11-06"_s), QByteArray(), lee);
        QVERIFY(findIn(r.json, u"spikes"_s, u"intent"_s, rs).isEmpty());
    }

    void clientsHangingUpDoNotKillTheServer()
    {
        // Clients that hang up mid-request must not take the server down. With QFuture responses Qt 6.4 answered on
        // a socket it had already deleted and crashed; a Python client doing what this does (against a database
        // with ~100k events, so answers took longer) reproduced it every time, this test only sometimes. It stays
        // as a smoke test of the guard in HttpServer.
        const QUrl url(m_server.api());
        const auto request = [&] { // fresh events each time, so the server has real work to do when the client goes
            QJsonArray events;
            for (int i = 0; i < 1000; ++i)
                events.append(makeEvent(uuid(), u"shown"_s, u"T-5"_s, u"2026-11-23T10:00:00Z"_s));
            const QByteArray body = QJsonDocument(QJsonObject{{u"events"_s, events}}).toJson(QJsonDocument::Compact);
            return "POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                   m_tokens[u"ann"_s].toUtf8() +
                   "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                   "\r\n\r\n" + body;
        };
        const quint16 port = quint16(url.port());
        for (int round = 0; round < 8; ++round) {
            // Ten clients at once, each hanging up 10 ms after sending, as a real client killed mid-push does.
            QList<QByteArray> requests;
            for (int i = 0; i < 10; ++i)
                requests << request();
            std::vector<std::unique_ptr<QThread>> threads;
            for (const QByteArray &bytes : std::as_const(requests))
                threads.emplace_back(QThread::create([bytes, port] {
                    QTcpSocket socket;
                    socket.connectToHost(u"127.0.0.1"_s, port);
                    if (!socket.waitForConnected(5000))
                        return;
                    socket.write(bytes);
                    socket.waitForBytesWritten(5000);
                    QThread::msleep(10);
                    socket.close();
                }));
            for (auto &t : threads)
                t->start();
            for (auto &t : threads)
                QVERIFY(t->wait(30000));
            QThread::msleep(200);
        }
        QTest::qWait(1500);
        QCOMPARE(http("GET", api(u"/health"_s)).status, 200);
    }

    void rateLimit()
    {
        // A server of its own: this test exhausts the per-address budget of 127.0.0.1.
        QString error;
        const QString db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!db.isEmpty(), qPrintable(error));
        for (const QString &name : {u"rl1"_s, u"rl2"_s, u"rl3"_s})
            QVERIFY(addUser(db, name, u"agent"_s));
        QStringList limits{u"--max-failed-logins"_s,   u"3"_s, u"--max-failed-logins-per-address"_s, u"5"_s,
                           u"--failed-login-window"_s, u"60"_s};
        limits << u"--failed-login-delay"_s << u"60"_s; // the first wait outlasts the test
        ServerProcess server;
        QVERIFY2(server.start(db, limits, &error), qPrintable(error));
        const auto attempt = [&](ServerProcess &s, const QString &name, const QString &password) {
            return http("POST", s.api() + u"/session"_s, QJsonObject{{u"name"_s, name}, {u"password"_s, password}});
        };
        for (int i = 0; i < 3; ++i)
            QCOMPARE(attempt(server, u"rl1"_s, u"wrong-password"_s).status, 401);
        HttpReply r = attempt(server, u"rl1"_s, u"password-rl1"_s); // even the right password waits
        QCOMPARE(r.status, 429);
        const int retry = r.headers.value("retry-after").toInt();
        QVERIFY2(retry >= 1 && retry <= 60, r.headers.value("retry-after").constData());
        QVERIFY(r.json.contains(u"error"_s));
        QCOMPARE(attempt(server, u"rl2"_s, u"password-rl2"_s).status, 200); // another account is fine
        // The limit lives in the database: a second server process on it says the same.
        ServerProcess second;
        QVERIFY2(second.start(db, limits, &error), qPrintable(error));
        QCOMPARE(attempt(second, u"rl1"_s, u"password-rl1"_s).status, 429);
        // Per address: two more failures (5 in all from 127.0.0.1) lock out every account from here.
        QCOMPARE(attempt(second, u"nobody"_s, u"wrong-password"_s).status, 401);
        QCOMPARE(attempt(server, u"rl2"_s, u"wrong-password"_s).status, 401);
        r = attempt(server, u"rl3"_s, u"password-rl3"_s);
        QCOMPARE(r.status, 429);
        QVERIFY(r.headers.contains("retry-after"));
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_server_protocol.moc"

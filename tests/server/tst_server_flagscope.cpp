// SPDX-License-Identifier: GPL-3.0-or-later
// Flags are team-scoped like the statistics (issue 19, point 10): a lead with a team lists and resolves only
// the flags of that team's agents; a lead without a team and an admin see every flag. Runs on SQLite, and on
// PostgreSQL as tst_server_flagscope_pg.
#include "ServerTestSupport.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy::test;

class TestFlagScope : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QHash<QString, QString> m_tokens; // by user name
    QHash<QString, QString> m_flags;  // flag id by agent

    QString api(const QString &path) const { return m_server.api() + path; }

    QSet<QString> flagAgents(const QString &lead, const QString &state)
    {
        const HttpReply r = http("GET", api(u"/flags?state="_s + state), QByteArray(), m_tokens[lead]);
        QSet<QString> agents;
        if (r.status != 200)
            return {u"status %1"_s.arg(r.status)};
        for (const QJsonValue &v : r.json.value(u"flags"_s).toArray())
            agents << v.toObject().value(u"agent"_s).toString();
        return agents;
    }

    int resolve(const QString &lead, const QString &agent)
    {
        return http("POST", api(u"/flags/"_s + m_flags[agent] + u"/resolve"_s),
                    QJsonObject{{u"resolution"_s, u"bad_retrieval"_s}}, m_tokens[lead])
            .status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        const QString db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!db.isEmpty(), qPrintable(error));
        const QList<std::tuple<QString, QString, QString>> users = {
            {u"ema"_s, u"agent"_s, u"emea"_s}, {u"apa"_s, u"agent"_s, u"apac"_s}, {u"lem"_s, u"lead"_s, u"emea"_s},
            {u"lap"_s, u"lead"_s, u"apac"_s},  {u"lno"_s, u"lead"_s, {}},         {u"adm"_s, u"admin"_s, {}}};
        for (const auto &[name, role, team] : users)
            QVERIFY(addUser(db, name, role, team));
        QVERIFY2(m_server.start(db, {}, &error), qPrintable(error));
        for (const auto &[name, role, team] : users) {
            m_tokens[name] = login(m_server.api(), name, passwordOf(name));
            QVERIFY2(!m_tokens[name].isEmpty(), qPrintable(name));
        }
        for (const QString &agent : {u"ema"_s, u"apa"_s}) {
            m_flags[agent] = uuid();
            QJsonObject flag = makeEvent(m_flags[agent], u"flagged"_s, u"T-"_s + agent, u"2026-11-20T09:00:00Z"_s);
            flag.insert(u"reason"_s, u"wrong answer"_s);
            const HttpReply r =
                http("POST", api(u"/events"_s), QJsonObject{{u"events"_s, QJsonArray{flag}}}, m_tokens[agent]);
            QCOMPARE(r.status, 200);
        }
    }

    void listsOnlyTheLeadsTeam()
    {
        const QSet<QString> both{u"ema"_s, u"apa"_s};
        for (const QString &state : {u"open"_s, u"all"_s}) {
            QCOMPARE(flagAgents(u"lem"_s, state), QSet<QString>{u"ema"_s});
            QCOMPARE(flagAgents(u"lap"_s, state), QSet<QString>{u"apa"_s});
            QCOMPARE(flagAgents(u"lno"_s, state), both);
            QCOMPARE(flagAgents(u"adm"_s, state), both);
        }
    }

    void resolvesOnlyTheLeadsTeam()
    {
        QCOMPARE(resolve(u"lem"_s, u"apa"_s), 404); // as if there were no such flag
        QCOMPARE(flagAgents(u"lap"_s, u"open"_s), QSet<QString>{u"apa"_s});
        QCOMPARE(resolve(u"lap"_s, u"ema"_s), 404);
        QCOMPARE(resolve(u"lem"_s, u"ema"_s), 200);
        QCOMPARE(resolve(u"lap"_s, u"apa"_s), 200);
        QCOMPARE(flagAgents(u"lem"_s, u"resolved"_s), QSet<QString>{u"ema"_s});
        QCOMPARE(flagAgents(u"lap"_s, u"resolved"_s), QSet<QString>{u"apa"_s});
        QCOMPARE(flagAgents(u"lem"_s, u"open"_s), QSet<QString>());
        QCOMPARE(resolve(u"lem"_s, u"apa"_s), 404); // not even the 409 of an already resolved flag
        QCOMPARE(resolve(u"lno"_s, u"apa"_s), 409);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestFlagScope)
#include "tst_server_flagscope.moc"

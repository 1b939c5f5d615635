// SPDX-License-Identifier: GPL-3.0-or-later
// The server's storage in-process: URL parsing, migrations, transactions that leave nothing half-written,
// exactly-once ingest from many threads, credentials. Runs on SQLite, and on PostgreSQL as tst_server_store_pg.
#include "ServerTestSupport.h"

#include "Credentials.h"
#include "LearnedState.h"
#include "ServerDb.h"
#include "ServerStore.h"
#include "Statistics.h"

#include <understudy/Clock.h>
#include <understudy/Json.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QThread>

#include <limits>
#include <memory>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::server;

class TestServerStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerDb> m_db;
    std::unique_ptr<ServerStore> m_store;
    QString m_url;

    qint64 count(const QString &table)
    {
        auto q = m_db->exec(u"SELECT COUNT(*) FROM "_s + table);
        if (!q || !q->next())
            return -1;
        return q->value(0).toLongLong();
    }

    /// @brief A send (a kind the changes feed carries) of T-1.
    static FeedbackEvent event(const QString &id, const QString &agent)
    {
        FeedbackEvent e;
        e.id = id;
        e.kind = FeedbackEvent::Kind::SentAsIs;
        e.agent = agent;
        e.ticketId = u"T-1"_s;
        e.at = QDateTime::currentDateTimeUtc();
        return e;
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_url = test::freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_url.isEmpty(), qPrintable(error));
        auto config = DatabaseConfig::fromUrl(m_url);
        QVERIFY2(config, config ? "" : qPrintable(config.error().message));
        m_db = std::make_unique<ServerDb>(*config);
        const Status st = m_db->migrate();
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
        m_store = std::make_unique<ServerStore>(*m_db);
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void valuesAreBoundNotSpliced()
    {
        // PostgreSQL: what the server receives as the statement (current_query()) holds placeholders, and the
        // values travel beside it; SQLite binds through sqlite3_bind_* (values never in the text) anyway.
        if (!m_db->isPostgres())
            QSKIP("PostgreSQL only (tst_server_store_pg)");
        const QString value = u"it's a \\ value; DROP TABLE users; --"_s;
        auto q = m_db->exec(u"SELECT current_query(), ?, ?, ?, ?"_s, {value, qint64(42), 0.25, true});
        QVERIFY2(q, q ? "" : qPrintable(q.error().message));
        QVERIFY(q->next());
        const QString sent = q->value(0).toString();
        QVERIFY2(sent.contains(u"$1"_s) && sent.contains(u"$4"_s), qPrintable(sent));
        QVERIFY2(!sent.contains(u"DROP"_s) && !sent.contains(u"42"_s), qPrintable(sent));
        QCOMPARE(q->value(1).toString(), value);
        QCOMPARE(q->value(2).toLongLong(), 42);
        QCOMPARE(q->value(3).toDouble(), 0.25);
        QCOMPARE(q->value(4).toBool(), true);
        QVERIFY(!q->next());
        // NULL, and an error still maps to its code (a unique violation is a Constraint).
        auto n = m_db->exec(u"SELECT ?::text IS NULL"_s, {QVariant(QString())});
        QVERIFY(n && n->next());
        QCOMPARE(n->value(0).toBool(), true);
        QVERIFY(m_db->exec(u"CREATE TABLE bind_t (k TEXT PRIMARY KEY)"_s));
        QVERIFY(m_db->exec(u"INSERT INTO bind_t VALUES (?)"_s, {u"a"_s}));
        auto dup = m_db->exec(u"INSERT INTO bind_t VALUES (?)"_s, {u"a"_s});
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, Error::Code::Constraint);
    }

    void urls()
    {
        auto s = DatabaseConfig::fromUrl(u"sqlite:///var/lib/understudy-server/server.db"_s);
        QVERIFY(s);
        QCOMPARE(s->backend, DatabaseConfig::Backend::Sqlite);
        QCOMPARE(s->path, u"/var/lib/understudy-server/server.db"_s);
        s = DatabaseConfig::fromUrl(u"sqlite:relative.db"_s);
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
        QCOMPARE(s->path, u"relative.db"_s);
        auto p = DatabaseConfig::fromUrl(u"postgresql://us%40er:p%3Ass@db.example:6543/help?sslmode=require"_s);
        QVERIFY2(p, p ? "" : qPrintable(p.error().message));
        QCOMPARE(p->backend, DatabaseConfig::Backend::Postgres);
        QCOMPARE(p->user, u"us@er"_s);
        QCOMPARE(p->password, u"p:ss"_s);
        QCOMPARE(p->host, u"db.example"_s);
        QCOMPARE(p->port, 6543);
        QCOMPARE(p->name, u"help"_s);
        QCOMPARE(p->connectOptions, u"sslmode=require"_s);
        QVERIFY(!p->describe().contains(u"p:ss"_s));
        QVERIFY(!DatabaseConfig::fromUrl(u"mysql://x/y"_s));
        QVERIFY(!DatabaseConfig::fromUrl(u"postgresql://host:5432/"_s));
        QVERIFY(!DatabaseConfig::fromUrl(u"sqlite::memory:"_s));
        QVERIFY(!DatabaseConfig::fromUrl(u""_s));
    }

    void migrationsAreIdempotentAndForwardOnly()
    {
        QCOMPARE(*m_db->schemaVersion(), ServerDb::currentSchemaVersion());
        QVERIFY(m_db->migrate());
        QVERIFY(m_db->migrate());
        QCOMPARE(*m_db->schemaVersion(), ServerDb::currentSchemaVersion());
        QCOMPARE(count(u"schema_version"_s), 1);
        // A database from a newer server is refused with a clear message, not "upgraded" backwards.
        QVERIFY(m_db->exec(u"UPDATE schema_version SET version = 99"_s));
        const Status st = m_db->migrate();
        QVERIFY(!st);
        QVERIFY2(st.error().message.contains(u"newer"_s), qPrintable(st.error().message));
    }

    // Schema v2 moved the figures the statistics aggregate (reject reason code, kept share, confidence, engine) into
    // columns, records when each agent first saw a draft for a ticket, and keeps weekly rollups; a database written
    // by a v1 server gets them filled from the events' stored JSON when it is migrated (the unbounded figures below
    // come from the rollups alone).
    void upgradeFromV1FillsTheStatisticsColumns()
    {
        for (const QString &sql : {u"DROP INDEX events_kind_at"_s,
                                   u"DROP TABLE ticket_opens"_s,
                                   u"DROP TABLE rollups"_s,
                                   u"DROP INDEX events_at"_s,
                                   u"CREATE INDEX events_at ON events (at_ms)"_s,
                                   u"DROP INDEX events_problem_intent"_s,
                                   u"DROP INDEX events_problem_source"_s,
                                   u"DROP TABLE gap_reviews"_s,
                                   u"ALTER TABLE events DROP COLUMN intent"_s,
                                   u"ALTER TABLE events DROP COLUMN source"_s,
                                   u"ALTER TABLE events DROP COLUMN problem"_s,
                                   u"ALTER TABLE events DROP COLUMN reason"_s,
                                   u"ALTER TABLE events DROP COLUMN kept"_s,
                                   u"ALTER TABLE events DROP COLUMN confidence"_s,
                                   u"ALTER TABLE events DROP COLUMN engine"_s,
                                   u"ALTER TABLE events DROP COLUMN open_ms"_s,
                                   u"ALTER TABLE users DROP COLUMN team"_s,
                                   u"DROP INDEX changes_learned"_s,
                                   u"DROP TABLE feed_seq"_s,
                                   u"DROP TABLE helpdesk_outbox"_s,
                                   u"DROP TABLE helpdesk_tickets"_s,
                                   u"DROP TABLE helpdesk_integrations"_s,
                                   u"DROP TABLE audit_log"_s,
                                   u"UPDATE schema_version SET version = 1"_s})
            QVERIFY2(m_db->exec(sql), qPrintable(sql));
        if (m_db->isPostgres())
            QVERIFY(m_db->exec(u"DROP FUNCTION audit_log_append_only()"_s));
        const std::tuple<const char *, qint64, const char *> v1Events[] = {
            {"e1", 1000,
             R"({"id":"e1","ticket_id":"T-1","at":"1970-01-01T00:00:01Z","kind":"rejected","agent":"ann","confidence":0.25,"reason":"wrong_tone: too curt",)"
             R"("intent":"billing","sources":[{"kind":"article","id":"kb-1"}]})"},
            {"e4", 2000,
             R"({"id":"e4","ticket_id":"T-1","at":"1970-01-01T00:00:01Z","kind":"rejected","agent":"ann","confidence":0.25,"reason":"outdated_information",)"
             R"("intent":"billing","sources":[{"kind":"article","id":"kb-1"}]})"},
            {"e2", 61000,
             R"({"id":"e2","ticket_id":"T-1","at":"1970-01-01T00:00:01Z","kind":"sent_edited","agent":"ann","confidence":0.75,"engine":"0.3",)"
             R"("edit":{"chars":3,"words":1,"kept":0.6}})"},
            {"e3", 1000,
             R"({"id":"e3","ticket_id":"T-1","at":"1970-01-01T00:00:01Z","kind":"shown","agent":"ann","confidence":0.75,"engine":"0.3",)"
             R"("intent":"billing","sources":[]})"},
        };
        for (const auto &[id, at, data] : v1Events)
            QVERIFY(
                m_db->exec(u"INSERT INTO events (id, agent, kind, ticket_id, at_ms, data, received_ms) "
                           "VALUES (?, 'ann', ?, 'T-1', ?, ?, 1000)"_s,
                           {QString::fromLatin1(id), QJsonDocument::fromJson(data).object().value(u"kind"_s).toString(),
                            at, QString::fromLatin1(data)}));
        const Status st = m_store->migrate();
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
        QCOMPARE(*m_db->schemaVersion(), ServerDb::currentSchemaVersion());
        // v3: the events held are folded into the team's learned state, and only the feed's kinds stay in it.
        auto learned = m_db->exec(u"SELECT data FROM changes WHERE kind = 'learned' AND id = 'source:article:kb-1'"_s);
        QVERIFY(learned && learned->next());
        engine::LearnedState state;
        QVERIFY(state.setPart(u"source:article:kb-1"_s,
                              QJsonDocument::fromJson(learned->value(0).toString().toUtf8()).object()));
        QCOMPARE(state.record(u"article"_s, u"kb-1"_s)->rejected, 2);
        QCOMPARE(state.record(u"article"_s, u"kb-1"_s)->outdated, 1);
        Statistics stats(*m_db);
        auto rows = stats.agents({{}, {}, u"ann"_s, {}});
        QVERIFY(rows && rows->size() == 1);
        const AgentStats &ann = rows->first();
        QCOMPARE(ann.rejectReasons, (QHash<QString, qint64>{{u"wrong_tone"_s, 1}, {u"outdated_information"_s, 1}}));
        QCOMPARE(ann.medianKept, std::optional<double>(0.6));
        QCOMPARE(ann.meanConfidence, std::optional<double>(0.75));
        QCOMPARE(ann.medianOpenToSendSeconds, std::optional<double>(60.0)); // shown at 1 s, sent at 61 s
        auto weeks = stats.trends({});
        QVERIFY(weeks && weeks->size() == 1);
        QCOMPARE(weeks->first().week, QDate(1969, 12, 29)); // the Monday before 1970-01-01
        QCOMPARE(weeks->first().engines, QStringList{u"0.3"_s});
        QCOMPARE(weeks->first().counts.value(u"rejected"_s), 2);
        auto bins = stats.calibration({});
        QVERIFY(bins && bins->size() == 10);
        QCOMPARE((*bins)[2].drafts, 2); // the rejects at 0.25
        QCOMPARE((*bins)[2].accepted, 0);
        QCOMPARE((*bins)[7].drafts, 1); // the edited send at 0.75
        QCOMPARE((*bins)[7].accepted, 1);
        auto gaps = stats.gaps({});
        QVERIFY(gaps && gaps->topics.size() == 1 && gaps->articles.size() == 1);
        const TopicGap &billing = gaps->topics.first();
        QCOMPARE(billing.intent, u"billing"_s);
        QCOMPARE(billing.drafts, 1);
        QCOMPARE(billing.noSource, 1);
        QCOMPARE(billing.rejected, 2);
        QCOMPARE(billing.problems(), 3);
        QCOMPARE(billing.examples, QStringList{u"T-1"_s});
        const SourceGap &kb = gaps->articles.first();
        QCOMPARE(kb.source, u"article:kb-1"_s);
        QCOMPARE(kb.rejected, 2);
        QCOMPARE(kb.outdated, 1);
    }

    void failedWritesLeaveNothing()
    {
        Ticket a;
        a.id = u"T-1"_s;
        a.subject = u"One"_s;
        Ticket b = a;
        b.subject = u"Two"_s;
        auto r = m_store->importTickets({a, b}); // same id twice: the second fails after the first was written
        QVERIFY(!r);
        QCOMPARE(count(u"tickets"_s), 0);
        QCOMPARE(count(u"changes"_s), 0);
        // An error inside a change transaction rolls back the change rows too.
        const Status st = m_db->transaction("test", true, [&]() -> Status {
            US_TRY(m_db->exec(u"INSERT INTO changes (seq, kind, id, data) VALUES (1, 'ticket', 'x', '{}')"_s));
            return Error::make(Error::Code::Invalid, u"boom"_s);
        });
        QVERIFY(!st);
        QCOMPARE(count(u"changes"_s), 0);
        QVERIFY(m_store->importTickets({a}));
        QCOMPARE(count(u"tickets"_s), 1);
        QCOMPARE(count(u"changes"_s), 1);
    }

    void bulkInsertsKeepEveryValueExactly()
    {
        // insertRows()/insertNewRows() inline the values of many rows into one PostgreSQL statement and bind them
        // natively on SQLite: text that SQL would have to escape, numbers at the edges of their types and NULLs
        // come back as they went in, and a taken key is skipped and not reported as new.
        QVERIFY(
            m_db->exec(u"CREATE TABLE bulk (k TEXT PRIMARY KEY, t TEXT, i BIGINT, d DOUBLE PRECISION, n INTEGER)"_s));
        const QString nasty = u"quote ' double \" back \\ \\u0041 tab\t nl\n bell\a ü 😀 ?"_s;
        // One row per line:
        // clang-format off
        const QVariantList rows{
            u"a"_s, nasty, std::numeric_limits<qint64>::max(), 0.1 + 0.2, 7,
            u"b"_s, QString(), std::numeric_limits<qint64>::min(), -1.5e-300, QVariant(QMetaType::fromType<int>()),
            u"c"_s, u""_s, qint64(0), std::numeric_limits<double>::infinity(), -1,
        };
        // clang-format on
        const Status st = m_db->insertRows(u"INSERT INTO bulk (k, t, i, d, n) VALUES "_s, 5, rows);
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
        auto fresh = m_db->insertNewRows(u"INSERT INTO bulk (k, t, i, d, n) VALUES "_s, 5,
                                         {u"a"_s, u"again"_s, 1, 1.0, 1, u"d'"_s, nasty, 2, 2.0, 2}, 0, u"k"_s);
        QVERIFY2(fresh, fresh ? "" : qPrintable(fresh.error().message));
        QCOMPARE(*fresh, QSet<QString>{u"d'"_s});

        auto q = m_db->exec(u"SELECT k, t, i, d, n FROM bulk ORDER BY k"_s);
        QVERIFY(q);
        QStringList seen;
        while (q->next()) {
            const QString k = q->value(0).toString();
            seen << k;
            if (k == u"a"_s) {
                QCOMPARE(q->value(1).toString(), nasty);
                QCOMPARE(q->value(2).toLongLong(), std::numeric_limits<qint64>::max());
                QCOMPARE(q->value(3).toDouble(), 0.1 + 0.2);
                QCOMPARE(q->value(4).toInt(), 7);
            } else if (k == u"b"_s) {
                QVERIFY(q->value(1).isNull());
                QCOMPARE(q->value(2).toLongLong(), std::numeric_limits<qint64>::min());
                QCOMPARE(q->value(3).toDouble(), -1.5e-300);
                QVERIFY(q->value(4).isNull());
            } else if (k == u"c"_s) {
                QVERIFY(!q->value(1).isNull());
                QCOMPARE(q->value(1).toString(), QString());
                QCOMPARE(q->value(3).toDouble(), std::numeric_limits<double>::infinity());
            } else {
                QCOMPARE(q->value(1).toString(), nasty);
                QCOMPARE(q->value(2).toLongLong(), 2);
            }
        }
        QCOMPARE(seen, (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d'"_s}));
    }

    void ingestFromManyThreadsIsExactlyOnce()
    {
        QStringList ids;
        for (int i = 0; i < 300; ++i)
            ids << Clock::newId();
        std::vector<std::unique_ptr<QThread>> threads;
        QAtomicInt failures = 0;
        for (int t = 0; t < 6; ++t) {
            threads.emplace_back(QThread::create([&, t] {
                for (int round = 0; round < 5; ++round) {
                    QList<FeedbackEvent> batch;
                    for (int i = (t + round) % 3; i < ids.size(); i += 2)
                        batch << event(ids[i], u"a%1"_s.arg(t));
                    auto r = m_store->ingestEvents(batch);
                    if (!r || r->size() != batch.size())
                        failures.ref();
                }
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            QVERIFY(t->wait(120000));
        QCOMPARE(failures.loadRelaxed(), 0);
        QCOMPARE(count(u"events"_s), 300);
        auto q = m_db->exec(u"SELECT kind, COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT seq) FROM changes "
                            "GROUP BY kind ORDER BY kind"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), u"event"_s);
        QCOMPARE(q->value(1).toLongLong(), 300);
        QCOMPARE(q->value(2).toLongLong(), 300);
        QCOMPARE(q->value(3).toLongLong(), 300);
        // The learned state: one record (no sources here), replaced by each batch; six writers at once still
        // sum to every event once.
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toString(), u"learned"_s);
        QCOMPARE(q->value(1).toLongLong(), 1);
        QVERIFY(!q->next());
        q = m_db->exec(u"SELECT data FROM changes WHERE kind = 'learned' AND id = 'calibration'"_s);
        QVERIFY(q && q->next());
        engine::LearnedState learned;
        QVERIFY(learned.setPart(u"calibration"_s, QJsonDocument::fromJson(q->value(0).toString().toUtf8()).object()));
        QCOMPARE(learned.eventsApplied(), 300);
        QCOMPARE(learned.outcomes(), 300);
    }

    void changesPage()
    {
        QList<FeedbackEvent> batch;
        for (int i = 0; i < 7; ++i)
            batch << event(Clock::newId(), u"ann"_s);
        QVERIFY(m_store->ingestEvents(batch));
        auto p = m_store->changes(0, 3);
        QVERIFY(p);
        QCOMPARE(p->changes.size(), 3);
        QCOMPARE(p->cursor, 3);
        QVERIFY(p->more);
        p = m_store->changes(6, 3);
        QCOMPARE(p->changes.size(), 2); // the last send, then the learned-state record the batch changed
        QCOMPARE(p->changes.last().kind, u"learned"_s);
        QCOMPARE(p->cursor, 8);
        QVERIFY(!p->more);
        p = m_store->changes(8, 3);
        QCOMPARE(p->changes.size(), 0);
        QCOMPARE(p->cursor, 8);
    }

    void credentialsWork()
    {
        auto hash = credentials::hashPassword(u"correct horse"_s);
        QVERIFY(hash);
        QVERIFY(hash->startsWith(u"$argon2id$"_s));
        QVERIFY(credentials::verifyPassword(u"correct horse"_s, *hash));
        QVERIFY(!credentials::verifyPassword(u"correct horsE"_s, *hash));
        QVERIFY(!credentials::verifyPassword(u"x"_s, u"garbage"_s));
        QVERIFY(!credentials::verifyPassword(u"x"_s, QString()));
        const QString t1 = credentials::newToken(), t2 = credentials::newToken();
        QVERIFY(t1 != t2);
        QCOMPARE(t1.size(), 43);
        QCOMPARE(credentials::tokenHash(t1), credentials::tokenHash(t1));
        QCOMPARE(credentials::tokenHash(t1).size(), 64);
        QVERIFY(credentials::tokenHash(t1) != credentials::tokenHash(t2));
    }

    void users()
    {
        auto hash = credentials::hashPassword(u"password-1"_s);
        QVERIFY(m_store->addUser(u"ann"_s, Role::Agent, *hash));
        const Status dup = m_store->addUser(u"ann"_s, Role::Lead, *hash);
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, Error::Code::Constraint);
        QVERIFY(m_store->storeToken(u"h1"_s, u"ann"_s, QDateTime::currentDateTimeUtc().addSecs(60)));
        QVERIFY(m_store->session(u"h1"_s)->has_value());
        auto disabled = m_store->disableUser(u"ann"_s);
        QVERIFY(disabled && disabled->has_value() && (*disabled)->disabled);
        QVERIFY(!m_store->session(u"h1"_s)->has_value());
        QVERIFY(!m_store->disableUser(u"nobody"_s)->has_value());
    }
};

QTEST_GUILESS_MAIN(TestServerStore)
#include "tst_server_store.moc"

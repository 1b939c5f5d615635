// SPDX-License-Identifier: GPL-3.0-or-later
// The lead's "median open → send" keeps whole seconds below 10 minutes (issue 18, point 16): sends 6 s and 24 s
// after the draft was first shown give 15 s, not 0, read from the weekly rollups and from the events alike, and
// schema v6 rebuilds the histogram a server kept in whole minutes. Runs on SQLite, and on PostgreSQL as
// tst_server_handletime_pg.
#include "ServerTestSupport.h"

#include "ServerDb.h"
#include "ServerStore.h"
#include "Statistics.h"

#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::server;

class TestServerHandleTime : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<ServerDb> m_db;
    std::unique_ptr<ServerStore> m_store;
    int m_n = 0;

    static QDateTime at(const char *iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate); }

    FeedbackEvent event(FeedbackEvent::Kind kind, const QString &ticket, const QDateTime &when)
    {
        FeedbackEvent e;
        e.id = u"00000000-0000-4000-8000-%1"_s.arg(++m_n, 12, 10, QChar(u'0'));
        e.kind = kind;
        e.agent = u"ann"_s;
        e.ticketId = ticket;
        e.at = when;
        e.confidence = 0.8;
        return e;
    }

    /// Ann opens @p ticket at @p open and sends it @p seconds later.
    QList<FeedbackEvent> openAndSend(const QString &ticket, const QDateTime &open, qint64 seconds)
    {
        return {event(FeedbackEvent::Kind::Shown, ticket, open),
                event(FeedbackEvent::Kind::SentAsIs, ticket, open.addSecs(seconds))};
    }

    std::optional<double> median(const StatsFilter &filter)
    {
        auto rows = Statistics(*m_db).agents(filter);
        if (!rows || rows->size() != 1)
            return std::nullopt;
        return rows->first().medianOpenToSendSeconds;
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        const QString url = test::freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        auto config = DatabaseConfig::fromUrl(url);
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

    // Sends 6 s and 24 s after opening (Wednesday 18 November 2026): 15 s from the events (a range inside the
    // week) and from the rollups (the whole week), never 0.
    void secondsBelowTenMinutes()
    {
        QList<FeedbackEvent> events = openAndSend(u"T-1"_s, at("2026-11-18T10:00:00Z"), 6);
        events += openAndSend(u"T-2"_s, at("2026-11-18T11:00:00Z"), 24);
        auto stored = m_store->ingestEvents(events);
        QVERIFY2(stored, stored ? "" : qPrintable(stored.error().message));
        QCOMPARE(median({at("2026-11-18T00:00:00Z"), at("2026-11-19T00:00:00Z"), {}, {}}), 15.0);
        QCOMPARE(median({at("2026-11-16T00:00:00Z"), at("2026-11-23T00:00:00Z"), {}, {}}), 15.0);
        QCOMPARE(median({}), 15.0);

        // 9 min 59 s is still to the second; 10 min 40 s and 59 min 59 s are to the minute, as before.
        QVERIFY(m_store->ingestEvents(openAndSend(u"T-3"_s, at("2026-11-18T12:00:00Z"), 599)));
        QVERIFY(m_store->ingestEvents(openAndSend(u"T-4"_s, at("2026-11-18T13:00:00Z"), 640)));
        QVERIFY(m_store->ingestEvents(openAndSend(u"T-5"_s, at("2026-11-18T14:00:00Z"), 3599)));
        // Of 6, 24, 599, 600 (640 to the minute), 3540 (3599 to the minute): the middle one.
        QCOMPARE(median({at("2026-11-16T00:00:00Z"), at("2026-11-23T00:00:00Z"), {}, {}}), 599.0);
        QCOMPARE(median({at("2026-11-18T00:00:00Z"), at("2026-11-19T00:00:00Z"), {}, {}}), 599.0);
        auto keys = m_db->exec(u"SELECT key FROM rollups WHERE metric = 'handle'"_s);
        QVERIFY(keys);
        QList<qint64> seen;
        while (keys->next())
            seen << keys->value(0).toLongLong();
        std::sort(seen.begin(), seen.end());
        QCOMPARE(seen, (QList<qint64>{6, 24, 599, 600, 3540}));
    }

    // A server that kept the histogram in whole minutes (schema v5) has it rebuilt from the events by v6.
    void upgradeRebuildsTheMinuteHistogram()
    {
        QList<FeedbackEvent> events = openAndSend(u"T-1"_s, at("2026-11-18T10:00:00Z"), 6);
        events += openAndSend(u"T-2"_s, at("2026-11-18T11:00:00Z"), 24);
        events += openAndSend(u"T-3"_s, at("2026-11-18T12:00:00Z"), 90);
        QVERIFY(m_store->ingestEvents(events));
        // What v5 kept: 0, 0 and 60.
        QVERIFY(m_db->exec(u"DELETE FROM rollups WHERE metric = 'handle'"_s));
        QVERIFY(m_db->exec(u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) SELECT 'handle', agent, "
                           "CAST((at_ms - open_ms) / 60000 * 60 AS TEXT) AS b, (at_ms + 259200000) / 604800000 AS wk, "
                           "COUNT(*), 0, 0, 0 FROM events WHERE kind = 'sent_as_is' GROUP BY agent, b, wk"_s));
        const StatsFilter week{at("2026-11-16T00:00:00Z"), at("2026-11-23T00:00:00Z"), {}, {}};
        QCOMPARE(median(week), 0.0);
        QVERIFY(m_db->exec(u"UPDATE schema_version SET version = 5"_s));
        const Status st = m_db->migrate();
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
        QCOMPARE(*m_db->schemaVersion(), ServerDb::currentSchemaVersion());
        QCOMPARE(median(week), 24.0); // of 6, 24, 90
        auto n = m_db->exec(u"SELECT SUM(n) FROM rollups WHERE metric = 'handle'"_s);
        QVERIFY(n && n->next());
        QCOMPARE(n->value(0).toLongLong(), 3);
    }
};

QTEST_GUILESS_MAIN(TestServerHandleTime)
#include "tst_server_handletime.moc"

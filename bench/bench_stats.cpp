// SPDX-License-Identifier: GPL-3.0-or-later
// The lead's statistics endpoints over a large event log: fills a server database with N events (default
// 1,000,000) through the server's own ingest path (ServerStore::ingestEvents: batches of 1000, as agents push
// them), then answers GET /stats/agents, /stats/me, /stats/trends, /stats/calibration and /flags through the API
// handler (Api::handle: authentication, authorisation, queries, JSON) several times each, and prints the times.
//
//   bench_stats                     SQLite in a temporary folder
//   bench_stats --database pg       a throwaway PostgreSQL cluster (tests/support/pg_cluster.sh)
//   bench_stats --events 200000 --json stats.json
//
// The synthetic log: 200 agents in 10 teams over 26 weeks; each ticket an agent opens gets a shown event and
// then one outcome (sent as is 45%, edited 25%, rejected 12%, escalated 8%, flagged 5%, regenerated 5%); tickets
// fall into 77 topics (intents), a few far commoner than the rest; drafts cite one of 500 articles.
#include "BenchSupport.h"

#include "Api.h"
#include "Credentials.h"
#include "ServerDb.h"
#include "ServerStore.h"

#include <understudy/Types.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUrlQuery>
#include <QUuid>

#include <chrono>
#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::server;
using bench::secondsSince;

namespace {

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_stats: %s\n", qPrintable(message));
    std::exit(1);
}

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

const QString kPgScript = QStringLiteral(UNDERSTUDY_SOURCE_DIR "/tests/support/pg_cluster.sh");

QString startPostgres(const QString &state)
{
    QProcess p;
    p.start(kPgScript, {u"start"_s, state});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        die(u"%1 start failed: %2"_s.arg(kPgScript, QString::fromUtf8(p.readAllStandardError())));
    QFile url(state + u"/url"_s);
    if (!url.open(QIODevice::ReadOnly))
        die(u"%1 wrote no url file"_s.arg(kPgScript));
    return QString::fromUtf8(url.readAll()).trimmed();
}

void stopPostgres(const QString &state)
{
    QProcess p;
    p.start(kPgScript, {u"stop"_s, state});
    p.waitForFinished(60000);
}

/// Fills the log through the server's ingest path.
void fill(ServerStore &store, qint64 events, int agents)
{
    QRandomGenerator rng(77);
    const qint64 end = QDateTime(QDate(2026, 11, 30), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 span = 26LL * 7 * 24 * 3600 * 1000;
    const QStringList reasons = {u"wrong_answer"_s,        u"outdated_information"_s,  u"wrong_tone"_s,
                                 u"missing_information"_s, u"should_have_escalated"_s, u"other"_s};
    const auto t0 = std::chrono::steady_clock::now();
    qint64 written = 0, ticket = 0;
    QList<FeedbackEvent> batch;
    auto flush = [&] {
        auto ids = store.ingestEvents(batch);
        if (!ids)
            die(ids.error().message);
        written += batch.size();
        batch.clear();
        if (written % 100000 == 0)
            out() << "  " << written << " events, " << qRound(double(written) / secondsSince(t0)) << "/s" << Qt::endl;
    };
    while (written + batch.size() < events) {
        const QString agent = u"agent-%1"_s.arg(rng.bounded(agents), 3, 10, QChar(u'0'));
        const QString ticketId = u"T-%1"_s.arg(++ticket);
        const qint64 openedAt = end - span + qint64(rng.bounded(double(span)));
        const double confidence = rng.generateDouble();
        const QString engine = openedAt < end - span / 2 ? u"0.4.0"_s : u"0.5.0"_s;
        // 77 topics, a few much commoner than the rest (as support queues go).
        const int topic = int(std::pow(rng.generateDouble(), 2.0) * 77);
        const QString intent = u"topic_%1"_s.arg(topic);
        auto event = [&](FeedbackEvent::Kind kind, qint64 at) {
            FeedbackEvent e;
            e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            e.kind = kind;
            e.agent = agent;
            e.ticketId = ticketId;
            e.at = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
            e.confidence = confidence;
            e.engine = engine;
            e.intent = intent;
            e.sources = {Source{u"article"_s, u"kb-%1"_s.arg(rng.bounded(500)), u"Article"_s, 0.8, {}, {}, {}, {}}};
            return e;
        };
        batch << event(FeedbackEvent::Kind::Shown, openedAt);
        const qint64 actedAt = openedAt + 20000 + rng.bounded(600000);
        const double roll = rng.generateDouble();
        FeedbackEvent outcome;
        if (roll < 0.45) {
            outcome = event(FeedbackEvent::Kind::SentAsIs, actedAt);
        } else if (roll < 0.70) {
            outcome = event(FeedbackEvent::Kind::SentEdited, actedAt);
            outcome.edit = EditStats{rng.bounded(200), rng.bounded(40), rng.generateDouble()};
        } else if (roll < 0.82) {
            outcome = event(FeedbackEvent::Kind::Rejected, actedAt);
            outcome.reason = reasons.at(rng.bounded(reasons.size()));
        } else if (roll < 0.90) {
            outcome = event(FeedbackEvent::Kind::Escalated, actedAt);
        } else if (roll < 0.95) {
            outcome = event(FeedbackEvent::Kind::Flagged, actedAt);
            outcome.finalText = u"A draft that was wrong."_s;
        } else {
            outcome = event(FeedbackEvent::Kind::Regenerated, actedAt);
        }
        batch << outcome;
        if (batch.size() >= 1000)
            flush();
    }
    if (!batch.isEmpty())
        flush();
    out() << "filled " << written << " events in " << QString::number(secondsSince(t0), 'f', 1) << " s" << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(u"The statistics endpoints of understudy-server over a large event log."_s);
    cli.addHelpOption();
    const QCommandLineOption dbOpt(
        u"database"_s,
        u"sqlite (a temp file, default), pg (a throwaway cluster), or a sqlite:// or postgresql:// URL "
        "(kept: filled on the first run, reused after)."_s,
        u"db"_s, u"sqlite"_s);
    const QCommandLineOption eventsOpt(u"events"_s, u"Events in the log (default 1000000)."_s, u"n"_s, u"1000000"_s);
    const QCommandLineOption agentsOpt(u"agents"_s, u"Agents (default 200, 20 per team)."_s, u"n"_s, u"200"_s);
    const QCommandLineOption repeatOpt(u"repeat"_s, u"Requests per endpoint (default 5)."_s, u"n"_s, u"5"_s);
    const QCommandLineOption jsonOpt(u"json"_s, u"Also write the figures as JSON."_s, u"file"_s);
    cli.addOptions({dbOpt, eventsOpt, agentsOpt, repeatOpt, jsonOpt});
    cli.process(app);
    const qint64 events = cli.value(eventsOpt).toLongLong();
    const int agents = cli.value(agentsOpt).toInt();
    const int repeat = std::max(1, cli.value(repeatOpt).toInt());
    if (events <= 0 || agents <= 0)
        die(u"--events and --agents must be positive"_s);

    QTemporaryDir dir;
    if (!dir.isValid())
        die(u"no temporary folder"_s);
    QString url, pgState;
    if (cli.value(dbOpt) == u"pg"_s) {
        pgState = dir.filePath(u"pg"_s);
        QDir().mkpath(pgState);
        url = startPostgres(pgState);
    } else if (cli.value(dbOpt) == u"sqlite"_s) {
        url = u"sqlite://"_s + dir.filePath(u"server.db"_s);
    } else if (cli.value(dbOpt).startsWith(u"sqlite://"_s) || cli.value(dbOpt).startsWith(u"postgresql://"_s)) {
        url = cli.value(dbOpt); // an existing database: filled once, then reused by later runs
    } else {
        die(u"--database must be sqlite or pg"_s);
    }
    auto config = DatabaseConfig::fromUrl(url);
    if (!config)
        die(config.error().message);
    int status = 0;
    {
        ServerDb db(*config);
        ServerStore store(db);
        if (auto st = store.migrate(); !st)
            die(st.error().message);
        auto held = db.exec(u"SELECT COUNT(*) FROM events"_s);
        if (!held || !held->next())
            die(u"cannot count the events"_s);
        const bool reuse = held->value(0).toLongLong() > 0;
        held->finish();
        // 10 teams of agents, and a lead with a team and one without.
        auto hash = credentials::hashPassword(u"password-lead"_s);
        if (!hash)
            die(hash.error().message);
        for (int i = 0; i < agents && !reuse; ++i)
            if (auto st = store.addUser(u"agent-%1"_s.arg(i, 3, 10, QChar(u'0')), Role::Agent, *hash,
                                        u"team-%1"_s.arg(i % 10));
                !st)
                die(st.error().message);
        if (!reuse) {
            if (auto st = store.addUser(u"lead"_s, Role::Lead, *hash); !st)
                die(st.error().message);
            if (auto st = store.addUser(u"lead-3"_s, Role::Lead, *hash, u"team-3"_s); !st)
                die(st.error().message);
            out() << "filling " << events << " events (" << config->backendName() << ")" << Qt::endl;
            fill(store, events, agents);
            if (db.isPostgres()) {
                // What autovacuum does on a running server after a bulk load: statistics for the planner and the
                // visibility map that lets index-only scans skip the table.
                const auto t = std::chrono::steady_clock::now();
                if (auto st = db.exec(u"VACUUM ANALYZE events, rollups"_s); !st)
                    die(st.error().message);
                out() << "VACUUM ANALYZE in " << QString::number(secondsSince(t), 'f', 1) << " s" << Qt::endl;
            }
        }

        const Api api(store, {});
        auto request = [&](const QByteArray &method, const QString &path, const QByteArray &token,
                           const QByteArray &body = {}) {
            HttpRequest r;
            r.method = method;
            const QUrl u(u"http://x"_s + path);
            r.path = u.path();
            r.segments = r.path.split(u'/', Qt::SkipEmptyParts);
            r.query = QUrlQuery(u);
            if (!token.isEmpty())
                r.authorization = "Bearer " + token;
            r.body = body;
            r.contentLength = body.size();
            r.remoteAddress = u"127.0.0.1"_s;
            return api.handle(r);
        };
        auto tokenOf = [&](const QString &name) {
            const HttpResponse r =
                request("POST", u"/api/v1/session"_s, {},
                        QJsonDocument(QJsonObject{{u"name"_s, name}, {u"password"_s, u"password-lead"_s}}).toJson());
            if (r.status != 200)
                die(u"login as %1: %2"_s.arg(name).arg(r.status));
            return r.body.value(u"token"_s).toString().toUtf8();
        };
        const QByteArray lead = tokenOf(u"lead"_s), teamLead = tokenOf(u"lead-3"_s), agent = tokenOf(u"agent-007"_s);
        const QString all = u"from=2026-06-01&to=2026-12-01"_s, quarter = u"from=2026-09-01&to=2026-12-01"_s;
        struct Probe {
            QString name;
            QString path;
            QByteArray token;
        };
        const QList<Probe> probes = {
            {u"stats/agents (all teams, 26 weeks)"_s, u"/api/v1/stats/agents?"_s + all, lead},
            {u"stats/agents (all teams, 13 weeks)"_s, u"/api/v1/stats/agents?"_s + quarter, lead},
            {u"stats/agents (28 days, mid-week ends)"_s, u"/api/v1/stats/agents?from=2026-11-04&to=2026-12-02"_s, lead},
            {u"stats/agents (team lead, 26 weeks)"_s, u"/api/v1/stats/agents?"_s + all, teamLead},
            {u"stats/me (agent, 26 weeks)"_s, u"/api/v1/stats/me?"_s + all, agent},
            {u"stats/trends (all, 26 weeks)"_s, u"/api/v1/stats/trends?"_s + all, lead},
            {u"stats/trends (one agent)"_s, u"/api/v1/stats/trends?agent=agent-007&"_s + all, lead},
            {u"stats/calibration (all)"_s, u"/api/v1/stats/calibration?"_s + all, lead},
            {u"flags (open, newest 500)"_s, u"/api/v1/flags"_s, lead},
            {u"stats/gaps (all, 26 weeks)"_s, u"/api/v1/stats/gaps?"_s + all, lead},
            {u"stats/gaps (28 days, mid-week ends)"_s, u"/api/v1/stats/gaps?from=2026-11-04&to=2026-12-02"_s, lead},
            {u"stats/spikes (week of 2026-11-25)"_s, u"/api/v1/stats/spikes?to=2026-11-26"_s, lead},
        };
        QJsonArray figures;
        double worst = 0;
        out() << Qt::endl << "endpoint                                  median ms    max ms" << Qt::endl;
        for (const Probe &p : probes) {
            std::vector<double> ms;
            for (int i = 0; i < repeat; ++i) {
                const auto t = std::chrono::steady_clock::now();
                const HttpResponse r = request("GET", p.path, p.token);
                const QByteArray body = QJsonDocument(r.body).toJson(QJsonDocument::Compact);
                ms.push_back(secondsSince(t) * 1000);
                if (r.status != 200)
                    die(u"%1: %2 %3"_s.arg(p.path).arg(r.status).arg(QString::fromUtf8(body.left(300))));
            }
            const auto pc = bench::percentiles(ms);
            worst = std::max(worst, pc.max);
            out() << p.name.leftJustified(40) << QString::number(pc.p50, 'f', 1).rightJustified(11)
                  << QString::number(pc.max, 'f', 1).rightJustified(10) << Qt::endl;
            figures.append(QJsonObject{{u"endpoint"_s, p.name}, {u"median_ms"_s, pc.p50}, {u"max_ms"_s, pc.max}});
        }
        out() << Qt::endl
              << "slowest answer: " << QString::number(worst, 'f', 1) << " ms over " << events << " events ("
              << config->backendName() << "); target < 1000 ms" << Qt::endl;
        if (cli.isSet(jsonOpt)) {
            QFile f(cli.value(jsonOpt));
            if (!f.open(QIODevice::WriteOnly))
                die(u"cannot write %1"_s.arg(cli.value(jsonOpt)));
            f.write(QJsonDocument(QJsonObject{{u"database"_s, config->backendName()},
                                              {u"events"_s, events},
                                              {u"endpoints"_s, figures},
                                              {u"slowest_ms"_s, worst}})
                        .toJson());
        }
    }
    if (!pgState.isEmpty())
        stopPostgres(pgState);
    return status;
}

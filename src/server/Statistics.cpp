// SPDX-License-Identifier: GPL-3.0-or-later
#include "Statistics.h"

#include <understudy/Json.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace understudy::server {

namespace {

const QStringList kKinds = {u"shown"_s,   u"sent_as_is"_s,  u"sent_edited"_s, u"rejected"_s,
                            u"flagged"_s, u"regenerated"_s, u"escalated"_s};
// The kinds that are a verdict on a draft (the calibration's population).
constexpr auto kActed = "kind IN ('sent_as_is', 'sent_edited', 'rejected', 'flagged', 'escalated')";
constexpr qint64 kWeekMs = 7 * 24 * 3600 * 1000LL;
constexpr qint64 kThursdayToMondayMs = 3 * 24 * 3600 * 1000LL; // 1970-01-01 was a Thursday
constexpr int kBins = 10;

QJsonValue optional(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

struct Where {
    QString sql;
    QVariantList binds;
};

Where whereOf(const StatsFilter &f)
{
    Where w{u" WHERE at_ms >= ? AND at_ms < ?"_s,
            {f.from.isValid() ? f.from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min(),
             f.to.isValid() ? f.to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max()}};
    if (!f.agent.isEmpty()) {
        w.sql += u" AND agent = ?"_s;
        w.binds << f.agent;
    }
    if (!f.team.isEmpty()) {
        w.sql += u" AND agent IN (SELECT name FROM users WHERE team = ?)"_s;
        w.binds << f.team;
    }
    return w;
}

// The median of @p value per agent over the events matching @p w and @p condition, in SQL (window functions:
// SQLite ≥ 3.25 and PostgreSQL), so only one row per agent leaves the database.
Result<QHash<QString, double>> mediansByAgent(ServerDb &db, const QString &value, const QString &condition,
                                              const Where &w)
{
    auto q = db.exec(u"SELECT agent, AVG(v) FROM (SELECT agent, v, ROW_NUMBER() OVER (PARTITION BY agent ORDER BY v) "
                     "AS rn, COUNT(*) OVER (PARTITION BY agent) AS n FROM (SELECT agent, "_s +
                         value + u" AS v FROM events"_s + w.sql + u" AND "_s + condition +
                         u") s) r WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY agent"_s,
                     w.binds);
    if (!q)
        return q.error();
    QHash<QString, double> out;
    while (q->next())
        out.insert(q->value(0).toString(), q->value(1).toDouble());
    return out;
}

} // namespace

double acceptanceOf(const QHash<QString, qint64> &counts)
{
    const qint64 accepted = counts.value(u"sent_as_is"_s) + counts.value(u"sent_edited"_s);
    const qint64 acted =
        accepted + counts.value(u"rejected"_s) + counts.value(u"flagged"_s) + counts.value(u"escalated"_s);
    return acted == 0 ? 0.0 : double(accepted) / double(acted);
}

QJsonObject AgentStats::toJson() const
{
    QJsonObject o{{u"agent"_s, agent}, {u"team"_s, team.isEmpty() ? QJsonValue() : QJsonValue(team)}};
    for (const QString &k : kKinds)
        o.insert(k, counts.value(k));
    o.insert(u"acceptance"_s, acceptance());
    QJsonObject reasons;
    for (auto it = rejectReasons.begin(); it != rejectReasons.end(); ++it)
        reasons.insert(it.key(), it.value());
    o.insert(u"rejected_by_reason"_s, reasons);
    o.insert(u"mean_confidence"_s, optional(meanConfidence));
    o.insert(u"median_kept"_s, optional(medianKept));
    o.insert(u"median_open_to_send_s"_s, optional(medianOpenToSendSeconds));
    return o;
}

QJsonObject WeekStats::toJson() const
{
    QJsonObject o{{u"week"_s, week.toString(Qt::ISODate)}};
    for (const QString &k : kKinds)
        if (k != u"regenerated"_s)
            o.insert(k, counts.value(k));
    o.insert(u"acceptance"_s, acceptanceOf(counts));
    o.insert(u"mean_kept"_s, optional(meanKept));
    o.insert(u"engines"_s, QJsonArray::fromStringList(engines));
    return o;
}

QJsonObject CalibrationBin::toJson() const
{
    return {{u"lo"_s, lo},
            {u"hi"_s, hi},
            {u"drafts"_s, drafts},
            {u"accepted"_s, accepted},
            {u"mean_confidence"_s, optional(meanConfidence)}};
}

QJsonObject FlagRecord::toJson() const
{
    QJsonArray sources;
    for (const Source &s : flag.sources)
        sources.append(json::toJson(s));
    QJsonValue res;
    if (resolution)
        res = QJsonObject{{u"resolution"_s, resolution->reason},
                          {u"note"_s, resolution->finalText},
                          {u"by"_s, resolution->agent},
                          {u"at"_s, json::formatTime(resolution->at)},
                          {u"event_id"_s, resolution->id}};
    return {{u"id"_s, flag.id},
            {u"agent"_s, flag.agent},
            {u"ticket_id"_s, flag.ticketId},
            {u"at"_s, json::formatTime(flag.at)},
            {u"reason"_s, flag.reason},
            {u"confidence"_s, flag.confidence},
            {u"draft"_s, flag.finalText},
            {u"engine"_s, flag.engine},
            {u"sources"_s, sources},
            {u"resolution"_s, res}};
}

Result<QList<AgentStats>> Statistics::agents(const StatsFilter &filter) const
{
    const Where w = whereOf(filter);
    QMap<QString, AgentStats> rows;
    auto row = [&](const QString &name) -> AgentStats & {
        auto it = rows.find(name);
        if (it == rows.end()) {
            it = rows.insert(name, AgentStats{});
            it->agent = name;
        }
        return *it;
    };
    // Separate query objects: reassigning one Result<QSqlQuery> over QPSQL loses the later rows.
    auto counts = m_db.exec(u"SELECT agent, kind, COUNT(*), AVG(confidence) FROM events"_s + w.sql +
                                u" AND kind <> 'flag_resolved' GROUP BY agent, kind"_s,
                            w.binds);
    if (!counts)
        return counts.error();
    while (counts->next()) {
        AgentStats &s = row(counts->value(0).toString());
        s.counts.insert(counts->value(1).toString(), counts->value(2).toLongLong());
        if (counts->value(1).toString() == u"shown"_s && !counts->value(3).isNull())
            s.meanConfidence = counts->value(3).toDouble();
    }
    counts->finish();
    auto reasons = m_db.exec(u"SELECT agent, reason, COUNT(*) FROM events"_s + w.sql +
                                 u" AND kind = 'rejected' GROUP BY agent, reason"_s,
                             w.binds);
    if (!reasons)
        return reasons.error();
    while (reasons->next()) {
        const QString reason = reasons->value(1).isNull() ? u"unspecified"_s : reasons->value(1).toString();
        row(reasons->value(0).toString()).rejectReasons[reason] += reasons->value(2).toLongLong();
    }
    reasons->finish();
    auto kept = mediansByAgent(m_db, u"kept"_s, u"kind = 'sent_edited' AND kept IS NOT NULL"_s, w);
    if (!kept)
        return kept.error();
    for (auto it = kept->cbegin(); it != kept->cend(); ++it)
        row(it.key()).medianKept = it.value();
    auto handling = mediansByAgent(m_db, u"CAST(at_ms - open_ms AS DOUBLE PRECISION) / 1000"_s,
                                   u"kind IN ('sent_as_is', 'sent_edited') AND open_ms IS NOT NULL AND "
                                   "at_ms >= open_ms"_s,
                                   w);
    if (!handling)
        return handling.error();
    for (auto it = handling->cbegin(); it != handling->cend(); ++it)
        row(it.key()).medianOpenToSendSeconds = it.value();
    if (!filter.agent.isEmpty() && rows.isEmpty())
        row(filter.agent);
    auto teams = m_db.exec(u"SELECT name, team FROM users WHERE team IS NOT NULL"_s);
    if (!teams)
        return teams.error();
    while (teams->next())
        if (auto it = rows.find(teams->value(0).toString()); it != rows.end())
            it->team = teams->value(1).toString();
    return QList<AgentStats>(rows.cbegin(), rows.cend());
}

Result<QList<WeekStats>> Statistics::trends(const StatsFilter &filter) const
{
    const Where w = whereOf(filter);
    const QString week = u"(at_ms + %1) / %2"_s.arg(kThursdayToMondayMs).arg(kWeekMs);
    QMap<qint64, WeekStats> weeks;
    auto at = [&](qint64 index) -> WeekStats & {
        auto it = weeks.find(index);
        if (it == weeks.end()) {
            it = weeks.insert(index, WeekStats{});
            it->week = QDateTime::fromMSecsSinceEpoch(index * kWeekMs - kThursdayToMondayMs, Qt::UTC).date();
        }
        return *it;
    };
    auto counts = m_db.exec(u"SELECT "_s + week + u" AS wk, kind, COUNT(*), AVG(kept) FROM events"_s + w.sql +
                                u" AND kind <> 'flag_resolved' GROUP BY wk, kind"_s,
                            w.binds);
    if (!counts)
        return counts.error();
    while (counts->next()) {
        WeekStats &s = at(counts->value(0).toLongLong());
        s.counts.insert(counts->value(1).toString(), counts->value(2).toLongLong());
        if (counts->value(1).toString() == u"sent_edited"_s && !counts->value(3).isNull())
            s.meanKept = counts->value(3).toDouble();
    }
    counts->finish();
    auto engines = m_db.exec(u"SELECT DISTINCT "_s + week + u" AS wk, engine FROM events"_s + w.sql +
                                 u" AND kind = 'shown' AND engine IS NOT NULL AND engine <> '' ORDER BY wk, engine"_s,
                             w.binds);
    if (!engines)
        return engines.error();
    while (engines->next())
        at(engines->value(0).toLongLong()).engines << engines->value(1).toString();
    return QList<WeekStats>(weeks.cbegin(), weeks.cend());
}

Result<QList<CalibrationBin>> Statistics::calibration(const StatsFilter &filter) const
{
    const Where w = whereOf(filter);
    // PostgreSQL's CAST rounds; SQLite's truncates (and SQLite 3.40 may lack FLOOR).
    const QString bin = m_db.isPostgres() ? u"CAST(FLOOR(confidence * %1) AS INTEGER)"_s.arg(kBins)
                                          : u"CAST(confidence * %1 AS INTEGER)"_s.arg(kBins);
    QList<CalibrationBin> bins;
    for (int i = 0; i < kBins; ++i)
        bins << CalibrationBin{double(i) / kBins, double(i + 1) / kBins, 0, 0, std::nullopt};
    QList<double> confidenceSums(kBins, 0.0);
    auto q = m_db.exec(u"SELECT "_s + bin + u" AS bin, COUNT(*), SUM(CASE WHEN kind IN ('sent_as_is', 'sent_edited') "
                                            "THEN 1 ELSE 0 END), SUM(confidence) FROM events"_s +
                           w.sql + u" AND confidence IS NOT NULL AND "_s + QString::fromLatin1(kActed) +
                           u" GROUP BY bin"_s,
                       w.binds);
    if (!q)
        return q.error();
    while (q->next()) {
        const int i = std::clamp(q->value(0).toInt(), 0, kBins - 1); // confidence 1.0 belongs to the last bin
        bins[i].drafts += q->value(1).toLongLong();
        bins[i].accepted += q->value(2).toLongLong();
        confidenceSums[i] += q->value(3).toDouble();
    }
    for (int i = 0; i < kBins; ++i)
        if (bins[i].drafts > 0)
            bins[i].meanConfidence = confidenceSums[i] / double(bins[i].drafts);
    return bins;
}

Result<QList<FlagRecord>> Statistics::flags(FlagState state, int limit) const
{
    auto parse = [](const QString &text) -> Result<FeedbackEvent> {
        return json::feedbackEventFromJson(QJsonDocument::fromJson(text.toUtf8()).object());
    };
    QHash<QString, FeedbackEvent> resolutions; // by flag id; few: one per resolved flag
    auto r = m_db.exec(u"SELECT data FROM events WHERE kind = 'flag_resolved'"_s);
    if (!r)
        return r.error();
    while (r->next()) {
        auto e = parse(r->value(0).toString());
        if (!e)
            return e.error();
        resolutions.insert(e->draftId, *e);
    }
    r->finish();
    QList<FlagRecord> out;
    auto q = m_db.exec(u"SELECT data FROM events WHERE kind = 'flagged' ORDER BY at_ms DESC, id"_s);
    if (!q)
        return q.error();
    while (out.size() < limit && q->next()) {
        auto e = parse(q->value(0).toString());
        if (!e)
            return e.error();
        auto it = resolutions.constFind(e->id);
        const bool resolved = it != resolutions.cend();
        if ((state == FlagState::Open && resolved) || (state == FlagState::Resolved && !resolved))
            continue;
        out << FlagRecord{*e, resolved ? std::optional<FeedbackEvent>(*it) : std::nullopt};
    }
    return out;
}

QString Statistics::resolutionId(const QString &flagId)
{
    static const QUuid ns = QUuid::fromString(u"{6f1c2a4e-3b5d-4e8f-9a17-2c4b6d8e0f31}"_s);
    return QUuid::createUuidV5(ns, flagId).toString(QUuid::WithoutBraces);
}

} // namespace understudy::server

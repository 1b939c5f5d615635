// SPDX-License-Identifier: GPL-3.0-or-later
#include "Statistics.h"

#include <understudy/Json.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace understudy::server {

namespace {

const QStringList kKinds = {u"shown"_s,   u"sent_as_is"_s,  u"sent_edited"_s, u"rejected"_s,
                            u"flagged"_s, u"regenerated"_s, u"escalated"_s};
constexpr qint64 kWeekMs = 7 * 24 * 3600 * 1000LL;
constexpr qint64 kThursdayToMondayMs = 3 * 24 * 3600 * 1000LL; // 1970-01-01 was a Thursday
constexpr int kBins = 10;
constexpr qint64 kNone = std::numeric_limits<qint64>::max() / 4; // an unbounded end of a range

QJsonValue optional(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

/// The events or rollups of one agent / one team (the time bounds are added by the caller).
struct Who {
    QString sql;
    QVariantList binds;
};

Who whoOf(const StatsFilter &f)
{
    Who w;
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

bool isActedOn(FeedbackEvent::Kind k)
{
    using K = FeedbackEvent::Kind;
    return FeedbackEvent::isSend(k) || k == K::Rejected || k == K::Flagged || k == K::Escalated;
}

// Whole seconds below 10 minutes (a send 6 s after opening is 6, not 0), whole minutes below an hour, 10 minutes
// below a day, hours above. The server's schema v6 computes the same buckets in SQL (ServerDb.cpp).
qint64 handleBucketSeconds(qint64 ms)
{
    if (ms < 600000)
        return ms / 1000;
    if (ms < 3600000)
        return ms / 60000 * 60;
    if (ms < 86400000)
        return ms / 600000 * 600;
    return ms / 3600000 * 3600;
}

/// The median of a histogram {value: count}.
std::optional<double> medianOf(QMap<double, qint64> histogram)
{
    qint64 total = 0;
    for (qint64 n : std::as_const(histogram))
        total += n;
    if (total == 0)
        return std::nullopt;
    // The (total+1)/2-th and (total+2)/2-th values (1-based): the same one when total is odd.
    const qint64 lo = (total + 1) / 2, hi = (total + 2) / 2;
    std::optional<double> a, b;
    qint64 seen = 0;
    for (auto it = histogram.cbegin(); it != histogram.cend() && !b; ++it) {
        seen += it.value();
        if (!a && seen >= lo)
            a = it.key();
        if (!b && seen >= hi)
            b = it.key();
    }
    return (*a + *b) / 2;
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

qint64 Statistics::weekOf(qint64 atMs)
{
    return (atMs + kThursdayToMondayMs) / kWeekMs; // the SQL of the schema's backfill says the same
}

qint64 Statistics::weekStartMs(qint64 week)
{
    return week * kWeekMs - kThursdayToMondayMs;
}

QList<RollupRow> Statistics::contributions(const FeedbackEvent &e, std::optional<qint64> openMs)
{
    using K = FeedbackEvent::Kind;
    QList<RollupRow> out;
    if (e.kind == K::FlagResolved)
        return out;
    const qint64 at = e.at.toMSecsSinceEpoch();
    const qint64 week = weekOf(at);
    const auto row = [&](const char16_t *metric, const QString &key, double s1 = 0, double s2 = 0, qint64 k2 = 0) {
        out << RollupRow{QString::fromUtf16(metric), e.agent, key, week, 1, s1, s2, k2};
    };
    row(u"kind", FeedbackEvent::kindName(e.kind), e.confidence, e.edit ? e.edit->kept : 0.0, e.edit ? 1 : 0);
    if (e.kind == K::Rejected) {
        const QString code = e.reasonCode();
        row(u"reason", code.isEmpty() ? u"unspecified"_s : code);
    }
    if (isActedOn(e.kind))
        row(u"bin", QString::number(std::clamp(int(std::floor(e.confidence * kBins)), 0, kBins - 1)), e.confidence,
            FeedbackEvent::isSend(e.kind) ? 1.0 : 0.0);
    if (e.kind == K::Shown && !e.engine.isEmpty())
        row(u"engine", e.engine);
    if (e.kind == K::SentEdited && e.edit)
        row(u"kept", QString::number(qint64(std::floor(std::clamp(e.edit->kept, 0.0, 1.0) * 100 + 0.5))));
    if (auto handle = handleContribution(e, openMs))
        out << *handle;
    // Knowledge gaps: per topic (intent) and per first source.
    const bool low = e.confidence < kLowConfidence;
    if (!e.intent.isEmpty()) {
        if (e.kind == K::Shown)
            row(u"topic", e.intent, low ? 1.0 : 0.0, e.confidence, e.sources.isEmpty() ? 1 : 0);
        else if (e.kind == K::Rejected)
            row(u"topic_rejected", e.intent);
        else if (e.kind == K::Flagged)
            row(u"topic_flagged", e.intent);
    }
    if (!e.sources.isEmpty() && (e.kind == K::Rejected || e.kind == K::Flagged)) {
        const bool outdated = e.kind == K::Rejected && e.reasonCode() == u"outdated_information"_s;
        row(e.kind == K::Rejected ? u"source_rejected" : u"source_flagged", sourceKey(e), outdated ? 1.0 : 0.0);
    }
    return out;
}

std::optional<RollupRow> Statistics::handleContribution(const FeedbackEvent &e, std::optional<qint64> openMs)
{
    const qint64 at = e.at.toMSecsSinceEpoch();
    if (!FeedbackEvent::isSend(e.kind) || !openMs || at < *openMs)
        return std::nullopt;
    return RollupRow{u"handle"_s, e.agent, QString::number(handleBucketSeconds(at - *openMs)), weekOf(at), 1, 0, 0, 0};
}

QString Statistics::sourceKey(const FeedbackEvent &e)
{
    return e.sources.isEmpty() ? QString() : e.sources.first().kind + u':' + e.sources.first().id;
}

bool Statistics::isProblem(const FeedbackEvent &e)
{
    using K = FeedbackEvent::Kind;
    return e.kind == K::Rejected || e.kind == K::Flagged ||
           (e.kind == K::Shown && (e.confidence < kLowConfidence || e.sources.isEmpty()));
}

QList<RollupRow> Statistics::summed(const QList<RollupRow> &rows)
{
    QHash<QString, RollupRow> byKey;
    byKey.reserve(rows.size());
    for (const RollupRow &r : rows) {
        RollupRow &t = byKey[r.metric + QChar(0) + r.agent + QChar(0) + r.key + QChar(0) + QString::number(r.week)];
        if (t.n == 0) {
            t = r;
            continue;
        }
        t.n += r.n;
        t.s1 += r.s1;
        t.s2 += r.s2;
        t.k2 += r.k2;
    }
    return QList<RollupRow>(byKey.cbegin(), byKey.cend());
}

Status Statistics::addToRollups(ServerDb &db, const QList<RollupRow> &rows)
{
    // One row per key: a multi-row upsert may not touch a key twice.
    const QList<RollupRow> sums = summed(rows);
    if (sums.isEmpty())
        return ok();
    QVariantList values;
    values.reserve(sums.size() * 8);
    for (const RollupRow &r : sums)
        values << r.metric << r.agent << r.key << r.week << r.n << r.s1 << r.s2 << r.k2;
    return db.insertRows(
        u"INSERT INTO rollups (metric, agent, key, week, n, s1, s2, k2) VALUES "_s, 8, values,
        u" ON CONFLICT (metric, agent, key, week) DO UPDATE SET n = rollups.n + excluded.n, "
        "s1 = rollups.s1 + excluded.s1, s2 = rollups.s2 + excluded.s2, k2 = rollups.k2 + excluded.k2"_s);
}

Result<QList<RollupRow>> Statistics::gather(const StatsFilter &f, const QStringList &metrics, bool byAgent,
                                            bool byWeek) const
{
    const qint64 from = f.from.isValid() ? f.from.toMSecsSinceEpoch() : -kNone;
    const qint64 to = f.to.isValid() ? f.to.toMSecsSinceEpoch() : kNone;
    const Who who = whoOf(f);
    QList<RollupRow> out;
    if (from >= to)
        return out;
    // Whole weeks [firstWeek, endWeek) from the rollups; the rest of [from, to) from the events.
    const qint64 firstWeek = f.from.isValid() ? weekOf(from + kWeekMs - 1) : -kNone;
    const qint64 endWeek = f.to.isValid() ? weekOf(to) : kNone;
    QList<QPair<qint64, qint64>> raw; // [from, to) spans read from the events
    if (firstWeek < endWeek) {
        QStringList marks(metrics.size(), u"?"_s);
        QVariantList binds;
        for (const QString &m : metrics)
            binds << m;
        binds << firstWeek << endWeek;
        binds += who.binds;
        const QString week = byWeek ? u", week"_s : QString();
        const QString agent = byAgent ? u"agent"_s : u"''"_s;
        auto q =
            m_db.exec(u"SELECT metric, %1, key, SUM(n), SUM(s1), SUM(s2), SUM(k2)"_s.arg(agent) + week +
                          u" FROM rollups WHERE metric IN (%1) AND week >= ? AND week < ?"_s.arg(marks.join(u',')) +
                          who.sql + (byAgent ? u" GROUP BY metric, agent, key"_s : u" GROUP BY metric, key"_s) + week,
                      binds);
        if (!q)
            return q.error();
        while (q->next())
            out << RollupRow{q->value(0).toString(),   q->value(1).toString(),
                             q->value(2).toString(),   byWeek ? q->value(7).toLongLong() : 0,
                             q->value(3).toLongLong(), q->value(4).toDouble(),
                             q->value(5).toDouble(),   q->value(6).toLongLong()};
        q->finish();
        if (f.from.isValid() && from < weekStartMs(firstWeek))
            raw << qMakePair(from, weekStartMs(firstWeek));
        if (f.to.isValid() && weekStartMs(endWeek) < to)
            raw << qMakePair(weekStartMs(endWeek), to);
    } else {
        raw << qMakePair(from, to);
    }
    for (const auto &[lo, hi] : std::as_const(raw)) {
        QVariantList binds{lo, hi};
        binds += who.binds;
        auto q = m_db.exec(u"SELECT agent, kind, at_ms, confidence, kept, reason, engine, open_ms, intent, source "
                           "FROM events WHERE at_ms >= ? AND at_ms < ? AND kind <> 'flag_resolved'"_s +
                               who.sql,
                           binds);
        if (!q)
            return q.error();
        while (q->next()) {
            FeedbackEvent e;
            e.agent = q->value(0).toString();
            const auto kind = FeedbackEvent::kindFromName(q->value(1).toString());
            if (!kind)
                continue;
            e.kind = *kind;
            e.at = QDateTime::fromMSecsSinceEpoch(q->value(2).toLongLong(), Qt::UTC);
            e.confidence = q->value(3).toDouble();
            if (!q->value(4).isNull())
                e.edit = EditStats{0, 0, q->value(4).toDouble()};
            e.reason = q->value(5).toString();
            e.engine = q->value(6).toString();
            e.intent = q->value(8).toString();
            if (const QString source = q->value(9).toString(); !source.isEmpty())
                e.sources = {Source{source.section(u':', 0, 0), source.section(u':', 1), {}, 0, {}, {}, {}, {}}};
            const std::optional<qint64> open =
                q->value(7).isNull() ? std::nullopt : std::optional<qint64>(q->value(7).toLongLong());
            for (RollupRow &r : contributions(e, open))
                if (metrics.contains(r.metric)) {
                    if (!byWeek)
                        r.week = 0;
                    if (!byAgent)
                        r.agent.clear();
                    out << r;
                }
        }
    }
    return out;
}

Result<QList<AgentStats>> Statistics::agents(const StatsFilter &filter) const
{
    auto rows = gather(filter, {u"kind"_s, u"reason"_s, u"kept"_s, u"handle"_s}, true, false);
    if (!rows)
        return rows.error();
    QMap<QString, AgentStats> agents;
    QHash<QString, QMap<double, qint64>> kept, handle;
    QHash<QString, std::pair<double, qint64>> shownConfidence;
    for (const RollupRow &r : std::as_const(*rows)) {
        AgentStats &s = agents[r.agent];
        s.agent = r.agent;
        if (r.metric == u"kind"_s) {
            s.counts[r.key] += r.n;
            if (r.key == u"shown"_s) {
                shownConfidence[r.agent].first += r.s1;
                shownConfidence[r.agent].second += r.n;
            }
        } else if (r.metric == u"reason"_s) {
            s.rejectReasons[r.key] += r.n;
        } else if (r.metric == u"kept"_s) {
            kept[r.agent][r.key.toDouble() / 100.0] += r.n;
        } else if (r.metric == u"handle"_s) {
            handle[r.agent][r.key.toDouble()] += r.n;
        }
    }
    for (AgentStats &s : agents) {
        if (const auto c = shownConfidence.value(s.agent); c.second > 0)
            s.meanConfidence = c.first / double(c.second);
        s.medianKept = medianOf(kept.value(s.agent));
        s.medianOpenToSendSeconds = medianOf(handle.value(s.agent));
    }
    if (!filter.agent.isEmpty() && agents.isEmpty())
        agents[filter.agent].agent = filter.agent;
    auto teams = m_db.exec(u"SELECT name, team FROM users WHERE team IS NOT NULL"_s);
    if (!teams)
        return teams.error();
    while (teams->next())
        if (auto it = agents.find(teams->value(0).toString()); it != agents.end())
            it->team = teams->value(1).toString();
    return QList<AgentStats>(agents.cbegin(), agents.cend());
}

Result<QList<WeekStats>> Statistics::trends(const StatsFilter &filter) const
{
    auto rows = gather(filter, {u"kind"_s, u"engine"_s}, false, true);
    if (!rows)
        return rows.error();
    QMap<qint64, WeekStats> weeks;
    QHash<qint64, std::pair<double, qint64>> keptSums;
    for (const RollupRow &r : std::as_const(*rows)) {
        WeekStats &w = weeks[r.week];
        if (!w.week.isValid())
            w.week = QDateTime::fromMSecsSinceEpoch(weekStartMs(r.week), Qt::UTC).date();
        if (r.metric == u"kind"_s) {
            w.counts[r.key] += r.n;
            if (r.key == u"sent_edited"_s) {
                keptSums[r.week].first += r.s2;
                keptSums[r.week].second += r.k2;
            }
        } else if (!w.engines.contains(r.key)) {
            w.engines << r.key;
        }
    }
    for (auto it = weeks.begin(); it != weeks.end(); ++it) {
        if (const auto k = keptSums.value(it.key()); k.second > 0)
            it->meanKept = k.first / double(k.second);
        it->engines.sort();
    }
    return QList<WeekStats>(weeks.cbegin(), weeks.cend());
}

Result<QList<CalibrationBin>> Statistics::calibration(const StatsFilter &filter) const
{
    auto rows = gather(filter, {u"bin"_s}, false, false);
    if (!rows)
        return rows.error();
    QList<CalibrationBin> bins;
    for (int i = 0; i < kBins; ++i)
        bins << CalibrationBin{double(i) / kBins, double(i + 1) / kBins, 0, 0, std::nullopt};
    QList<double> confidenceSums(kBins, 0.0);
    for (const RollupRow &r : std::as_const(*rows)) {
        const int i = std::clamp(r.key.toInt(), 0, kBins - 1);
        bins[i].drafts += r.n;
        bins[i].accepted += qint64(std::llround(r.s2));
        confidenceSums[i] += r.s1;
    }
    for (int i = 0; i < kBins; ++i)
        if (bins[i].drafts > 0)
            bins[i].meanConfidence = confidenceSums[i] / double(bins[i].drafts);
    return bins;
}

QJsonObject GapReview::toJson() const
{
    return {{u"kind"_s, kind}, {u"key"_s, key}, {u"by"_s, by}, {u"at"_s, json::formatTime(at)}};
}

namespace {

QJsonValue reviewJson(const std::optional<GapReview> &r)
{
    return r ? QJsonValue(QJsonObject{{u"by"_s, r->by}, {u"at"_s, json::formatTime(r->at)}}) : QJsonValue();
}

} // namespace

QJsonObject TopicGap::toJson() const
{
    return {{u"intent"_s, intent},
            {u"drafts"_s, drafts},
            {u"low_confidence"_s, low},
            {u"no_source"_s, noSource},
            {u"rejected"_s, rejected},
            {u"flagged"_s, flagged},
            {u"mean_confidence"_s, drafts > 0 ? QJsonValue(confidenceSum / double(drafts)) : QJsonValue()},
            {u"problems"_s, problems()},
            {u"examples"_s, QJsonArray::fromStringList(examples)},
            {u"reviewed"_s, reviewJson(reviewed)}};
}

QJsonObject SourceGap::toJson() const
{
    return {{u"source"_s, source},
            {u"kind"_s, source.section(u':', 0, 0)},
            {u"id"_s, source.section(u':', 1)},
            {u"title"_s, title.isEmpty() ? QJsonValue() : QJsonValue(title)},
            {u"flagged"_s, flagged},
            {u"outdated_rejects"_s, outdated},
            {u"rejected"_s, rejected},
            {u"examples"_s, QJsonArray::fromStringList(examples)},
            {u"reviewed"_s, reviewJson(reviewed)}};
}

QJsonObject Spike::toJson() const
{
    return {{u"intent"_s, intent},
            {u"tickets"_s, tickets},
            {u"baseline"_s, baseline},
            {u"ratio"_s, ratio},
            {u"examples"_s, QJsonArray::fromStringList(examples)}};
}

Result<QStringList> Statistics::examples(const StatsFilter &f, const QString &condition,
                                         const QVariantList &binds) const
{
    const Who who = whoOf(f);
    QVariantList all = binds;
    all << (f.from.isValid() ? f.from.toMSecsSinceEpoch() : -kNone)
        << (f.to.isValid() ? f.to.toMSecsSinceEpoch() : kNone);
    all += who.binds;
    // The newest matching events straight off an (…, at_ms) index, distinct tickets picked here: a GROUP BY
    // ticket_id would read every match first.
    auto q = m_db.exec(u"SELECT ticket_id FROM events WHERE "_s + condition + u" AND at_ms >= ? AND at_ms < ?"_s +
                           who.sql + u" ORDER BY at_ms DESC, id LIMIT 50"_s,
                       all);
    if (!q)
        return q.error();
    QStringList out;
    while (out.size() < 3 && q->next())
        if (const QString t = q->value(0).toString(); !out.contains(t))
            out << t;
    return out;
}

Result<QHash<QString, GapReview>> Statistics::reviews() const
{
    auto q = m_db.exec(u"SELECT kind, key, by_name, at_ms FROM gap_reviews"_s);
    if (!q)
        return q.error();
    QHash<QString, GapReview> out;
    while (q->next()) {
        GapReview r{q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
                    QDateTime::fromMSecsSinceEpoch(q->value(3).toLongLong(), Qt::UTC)};
        out.insert(r.kind + u'\n' + r.key, r);
    }
    return out;
}

Result<Gaps> Statistics::gaps(const StatsFilter &filter) const
{
    constexpr qsizetype kTop = 20;
    auto rows =
        gather(filter, {u"topic"_s, u"topic_rejected"_s, u"topic_flagged"_s, u"source_rejected"_s, u"source_flagged"_s},
               false, false);
    if (!rows)
        return rows.error();
    QMap<QString, TopicGap> topics;
    QMap<QString, SourceGap> sources;
    for (const RollupRow &r : std::as_const(*rows)) {
        if (r.metric.startsWith(u"topic"_s)) {
            TopicGap &t = topics[r.key];
            t.intent = r.key;
            if (r.metric == u"topic"_s) {
                t.drafts += r.n;
                t.low += qint64(std::llround(r.s1));
                t.confidenceSum += r.s2;
                t.noSource += r.k2;
            } else if (r.metric == u"topic_rejected"_s) {
                t.rejected += r.n;
            } else {
                t.flagged += r.n;
            }
        } else {
            SourceGap &g = sources[r.key];
            g.source = r.key;
            if (r.metric == u"source_rejected"_s) {
                g.rejected += r.n;
                g.outdated += qint64(std::llround(r.s1));
            } else {
                g.flagged += r.n;
            }
        }
    }
    auto reviewed = reviews();
    if (!reviewed)
        return reviewed.error();
    Gaps out;
    for (const TopicGap &t : std::as_const(topics))
        if (t.problems() > 0)
            out.topics << t;
    std::stable_sort(out.topics.begin(), out.topics.end(),
                     [](const TopicGap &a, const TopicGap &b) { return a.problems() > b.problems(); });
    out.topics = out.topics.mid(0, kTop);
    for (TopicGap &t : out.topics) {
        auto ex = examples(filter, u"problem = 1 AND intent = ?"_s, {t.intent});
        if (!ex)
            return ex.error();
        t.examples = *ex;
        if (auto it = reviewed->constFind(u"topic\n"_s + t.intent); it != reviewed->cend())
            t.reviewed = *it;
    }
    for (const SourceGap &g : std::as_const(sources))
        out.articles << g;
    std::stable_sort(out.articles.begin(), out.articles.end(), [](const SourceGap &a, const SourceGap &b) {
        const qint64 x = a.flagged + a.outdated, y = b.flagged + b.outdated;
        return x != y ? x > y : a.rejected > b.rejected;
    });
    out.articles = out.articles.mid(0, kTop);
    for (SourceGap &g : out.articles) {
        auto ex = examples(filter, u"problem = 1 AND source = ?"_s, {g.source});
        if (!ex)
            return ex.error();
        g.examples = *ex;
        if (auto it = reviewed->constFind(u"article\n"_s + g.source); it != reviewed->cend())
            g.reviewed = *it;
        if (g.source.startsWith(u"article:"_s)) {
            auto a = m_db.exec(u"SELECT data FROM articles WHERE id = ?"_s, {g.source.mid(8)});
            if (!a)
                return a.error();
            if (a->next())
                g.title =
                    QJsonDocument::fromJson(a->value(0).toString().toUtf8()).object().value(u"title"_s).toString();
        }
    }
    return out;
}

Result<GapReview> Statistics::review(const QString &kind, const QString &key, const QString &by) const
{
    GapReview r{kind, key, by, QDateTime::currentDateTimeUtc()};
    const Status st = m_db.transaction("review gap", false, [&]() -> Status {
        US_TRY(m_db.exec(u"INSERT INTO gap_reviews (kind, key, by_name, at_ms) VALUES (?, ?, ?, ?) ON CONFLICT (kind, "
                         "key) DO UPDATE SET by_name = excluded.by_name, at_ms = excluded.at_ms"_s,
                         {kind, key, by, r.at.toMSecsSinceEpoch()}));
        return ok();
    });
    if (!st)
        return st.error();
    return r;
}

Result<std::pair<QDate, QList<Spike>>> Statistics::spikes(const StatsFilter &filter) const
{
    constexpr int kBaselineWeeks = 4;
    const qint64 to = filter.to.isValid() ? filter.to.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    const qint64 week = weekOf(to - 1); // "to" is exclusive
    StatsFilter f = filter;
    f.from = QDateTime::fromMSecsSinceEpoch(weekStartMs(week - kBaselineWeeks), Qt::UTC);
    f.to = QDateTime::fromMSecsSinceEpoch(to, Qt::UTC);
    auto rows = gather(f, {u"topic"_s}, false, true);
    if (!rows)
        return rows.error();
    QHash<QString, std::pair<qint64, qint64>> volume; // intent → (this week, the weeks before)
    for (const RollupRow &r : std::as_const(*rows))
        (r.week == week ? volume[r.key].first : volume[r.key].second) += r.n;
    QList<Spike> out;
    for (auto it = volume.cbegin(); it != volume.cend(); ++it) {
        const auto [now, before] = it.value();
        const double baseline = double(before) / kBaselineWeeks;
        const double ratio = double(now) / std::max(1.0, baseline);
        if (now >= 5 && ratio >= 2.0)
            out << Spike{it.key(), now, baseline, ratio, {}};
    }
    std::sort(out.begin(), out.end(), [](const Spike &a, const Spike &b) {
        return a.ratio != b.ratio ? a.ratio > b.ratio : a.intent < b.intent;
    });
    StatsFilter thisWeek = filter;
    thisWeek.from = QDateTime::fromMSecsSinceEpoch(weekStartMs(week), Qt::UTC);
    thisWeek.to = f.to;
    for (Spike &s : out) {
        auto ex = examples(thisWeek, u"kind = 'shown' AND intent = ?"_s, {s.intent});
        if (!ex)
            return ex.error();
        s.examples = *ex;
    }
    return std::pair{QDateTime::fromMSecsSinceEpoch(weekStartMs(week), Qt::UTC).date(), out};
}

Result<QList<FlagRecord>> Statistics::flags(FlagState state, int limit, const QString &team) const
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
    // Open or all: at most `limit` plus the resolved ones are read (QPSQL fetches a whole result at once).
    const QString bound =
        state == FlagState::Resolved ? QString() : u" LIMIT %1"_s.arg(qint64(limit) + resolutions.size());
    QString scope;
    QVariantList binds;
    if (!team.isEmpty()) {
        scope = u" AND agent IN (SELECT name FROM users WHERE team = ?)"_s;
        binds << team;
    }
    auto q = m_db.exec(
        u"SELECT data FROM events WHERE kind = 'flagged'"_s + scope + u" ORDER BY at_ms DESC, id"_s + bound, binds);
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

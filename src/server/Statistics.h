// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerDb.h"

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace understudy::server {

/// @brief Which events a figure covers: from <= at < to (invalid = unbounded), one agent (empty: all), the
/// agents of one team (empty: all teams).
struct StatsFilter {
    QDateTime from;
    QDateTime to;
    QString agent;
    QString team;
};

/// @brief (sent as is + sent edited) / every draft acted on (sent, rejected, flagged, escalated); 0 when none.
double acceptanceOf(const QHash<QString, qint64> &countsByKind);

struct AgentStats {
    QString agent;
    QString team;
    QHash<QString, qint64> counts;                 ///< by event kind name
    QHash<QString, qint64> rejectReasons;          ///< rejected events by reason code
    std::optional<double> meanConfidence;          ///< mean displayed confidence of the drafts shown
    std::optional<double> medianKept;              ///< median share of the draft kept in edited sends
    std::optional<double> medianOpenToSendSeconds; ///< first draft shown for a ticket → the agent's send of it
    double acceptance() const { return acceptanceOf(counts); }
    QJsonObject toJson() const;
};

struct WeekStats {
    QDate week; ///< the Monday (UTC) the week starts on
    QHash<QString, qint64> counts;
    std::optional<double> meanKept; ///< mean share kept in edited sends
    QStringList engines;            ///< engine versions that drafted this week
    QJsonObject toJson() const;
};

struct CalibrationBin {
    double lo = 0;
    double hi = 0;
    qint64 drafts = 0;   ///< drafts acted on whose displayed confidence falls in [lo, hi)
    qint64 accepted = 0; ///< of which sent (as is or edited)
    std::optional<double> meanConfidence;
    QJsonObject toJson() const;
};

struct FlagRecord {
    FeedbackEvent flag;
    std::optional<FeedbackEvent> resolution; ///< a flag_resolved event whose draftId is the flag's id
    QJsonObject toJson() const;
};

struct GapReview {
    QString kind; ///< "topic" or "article"
    QString key;  ///< the intent, or the source "kind:id"
    QString by;
    QDateTime at;
    QJsonObject toJson() const;
};

/// @brief A topic (the intent the engine read) whose drafts go wrong.
struct TopicGap {
    QString intent;
    qint64 drafts = 0;   ///< drafts shown
    qint64 low = 0;      ///< of which below kLowConfidence
    qint64 noSource = 0; ///< of which without a source
    qint64 rejected = 0;
    qint64 flagged = 0;
    double confidenceSum = 0;
    QStringList examples;
    std::optional<GapReview> reviewed;
    qint64 problems() const { return low + noSource + rejected + 2 * flagged; }
    QJsonObject toJson() const;
};

/// @brief A knowledge source (the first source of the drafts) that drafts built on went wrong with.
struct SourceGap {
    QString source; ///< "article:kb-9"
    QString title;
    qint64 flagged = 0;
    qint64 rejected = 0;
    qint64 outdated = 0; ///< rejects for outdated information
    QStringList examples;
    std::optional<GapReview> reviewed;
    QJsonObject toJson() const;
};

struct Gaps {
    QList<TopicGap> topics;
    QList<SourceGap> articles;
};

/// @brief A topic whose volume this week jumped against the four weeks before.
struct Spike {
    QString intent;
    qint64 tickets = 0;
    double baseline = 0;
    double ratio = 0;
    QStringList examples;
    QJsonObject toJson() const;
};

/// @brief One event's share of a weekly pre-aggregate (table rollups): for an agent and an ISO week, a count
/// @c n under a metric and key with sums — metric "kind" (key: kind; s1 Σconfidence, s2 Σkept, k2 how many had
/// a kept share), "reason" (rejects by reason code), "bin" (drafts acted on by confidence tenth; s1 Σconfidence,
/// s2 how many were sent), "engine" (drafts shown by engine version), "kept" (edited sends by kept share in
/// hundredths) and "handle" (sends by seconds from the agent's first draft shown for the ticket: whole seconds
/// below 10 minutes, whole minutes below an hour, 10 minutes below a day, hours above). The medians come from the last
/// two histograms.
struct RollupRow {
    QString metric;
    QString agent;
    QString key;
    qint64 week = 0;
    qint64 n = 0;
    double s1 = 0;
    double s2 = 0;
    qint64 k2 = 0;
};

/// @brief The lead's figures. Whole weeks of a range are read from the weekly rollups (a few rows per agent
/// and week, whatever the number of events), the partial weeks at its ends from the events themselves, both
/// through contributions(), so either path gives the same numbers.
class Statistics {
public:
    explicit Statistics(ServerDb &db) : m_db(db) {}

    /// @brief The ISO week (Monday 00:00 UTC) an instant falls in, counted from the week of 1970-01-01.
    static qint64 weekOf(qint64 atMs);
    static qint64 weekStartMs(qint64 week);
    /// @brief A draft below this displayed confidence counts as low-confidence (the engine's default threshold).
    static constexpr double kLowConfidence = 0.5;
    /// @brief The draft's first source as "kind:id" (the key of an article gap), empty when it had none.
    static QString sourceKey(const FeedbackEvent &event);
    /// @brief Rejected, flagged, or shown below kLowConfidence or without a source: an example of a gap.
    static bool isProblem(const FeedbackEvent &event);
    /// @brief What one event adds to the rollups; @p openMs is when the agent first saw a draft for the ticket.
    static QList<RollupRow> contributions(const FeedbackEvent &event, std::optional<qint64> openMs);
    /// @brief The one share of contributions() that depends on @p openMs (the open → send histogram of a send),
    /// nullopt when there is none: contributions(e, o) = contributions(e, nullopt) + this.
    static std::optional<RollupRow> handleContribution(const FeedbackEvent &event, std::optional<qint64> openMs);
    /// @brief @p rows summed by key (metric, agent, key, week), in no particular order.
    static QList<RollupRow> summed(const QList<RollupRow> &rows);
    /// @brief Adds @p rows (summed by key first) to the rollups; run inside the ingest's transaction.
    static Status addToRollups(ServerDb &db, const QList<RollupRow> &rows);

    /// @brief One row per agent with events in the filter, by name.
    Result<QList<AgentStats>> agents(const StatsFilter &filter) const;
    /// @brief One row per ISO week with events, oldest first.
    Result<QList<WeekStats>> trends(const StatsFilter &filter) const;
    /// @brief Ten bins of displayed confidence, empty ones included.
    Result<QList<CalibrationBin>> calibration(const StatsFilter &filter) const;

    /// @brief Knowledge gaps over the filter: at most 20 topics and 20 sources, worst first, with examples.
    Result<Gaps> gaps(const StatsFilter &filter) const;
    /// @brief Marks a gap reviewed (a later review replaces an earlier one).
    Result<GapReview> review(const QString &kind, const QString &key, const QString &by) const;
    /// @brief The topics whose drafts shown in the week holding @p filter.to (invalid: now) reach at least 5 and at
    /// least twice their weekly mean over the four weeks before; biggest ratio first. Returns the week too.
    Result<std::pair<QDate, QList<Spike>>> spikes(const StatsFilter &filter) const;

    enum class FlagState { Open, Resolved, All };
    /// @brief Flags newest first, at most @p limit, with their resolutions; with @p team, only flags raised by
    /// that team's agents.
    Result<QList<FlagRecord>> flags(FlagState state, int limit, const QString &team = {}) const;

    /// @brief The id of the one resolution a flag can have (a name-based UUID: the primary key makes a second
    /// resolution of the same flag impossible, across server processes too).
    static QString resolutionId(const QString &flagId);

private:
    /// @brief The rollup rows of @p metrics for the filter, per agent or summed over agents (agent empty), per
    /// week or summed over weeks (week 0).
    Result<QList<RollupRow>> gather(const StatsFilter &filter, const QStringList &metrics, bool byAgent,
                                    bool byWeek) const;

    /// @brief Up to three tickets, newest first, among events matching @p condition (binds first) in the filter.
    Result<QStringList> examples(const StatsFilter &filter, const QString &condition, const QVariantList &binds) const;
    Result<QHash<QString, GapReview>> reviews() const;

    ServerDb &m_db;
};

} // namespace understudy::server

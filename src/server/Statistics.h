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
    QHash<QString, qint64> counts;                ///< by event kind name
    QHash<QString, qint64> rejectReasons;         ///< rejected events by reason code
    std::optional<double> meanConfidence;         ///< mean displayed confidence of the drafts shown
    std::optional<double> medianKept;             ///< median share of the draft kept in edited sends
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

/// @brief The lead's figures, computed from the events table with grouped queries over its indexed columns
/// (kind, agent, at_ms, reason, kept, confidence, engine, open_ms) — never by reading events into memory.
class Statistics {
public:
    explicit Statistics(ServerDb &db) : m_db(db) {}

    /// @brief One row per agent with events in the filter, by name.
    Result<QList<AgentStats>> agents(const StatsFilter &filter) const;
    /// @brief One row per ISO week with events, oldest first.
    Result<QList<WeekStats>> trends(const StatsFilter &filter) const;
    /// @brief Ten bins of displayed confidence, empty ones included.
    Result<QList<CalibrationBin>> calibration(const StatsFilter &filter) const;

    enum class FlagState { Open, Resolved, All };
    /// @brief Flags newest first, at most @p limit, with their resolutions.
    Result<QList<FlagRecord>> flags(FlagState state, int limit) const;

    /// @brief The id of the one resolution a flag can have (a name-based UUID: the primary key makes a second
    /// resolution of the same flag impossible, across server processes too).
    static QString resolutionId(const QString &flagId);

private:
    ServerDb &m_db;
};

} // namespace understudy::server

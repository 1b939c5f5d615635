// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentStatsModel.h"
#include "GapsModel.h"

#include <understudy/Result.h>

#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <array>
#include <functional>
#include <memory>

namespace understudy::store {
class Store;
}
namespace understudy::sync {
class StatsClient;
}

namespace understudy::app {

class SyncController;
struct LeadBatch;

/// @brief The lead view without widgets: asks the server for the figures of a date range (per-agent table,
/// weekly trends, calibration, open flags, knowledge gaps, and the spikes of the week holding the range's last
/// day), keeps every answer in the local store (setting
/// `stats.snapshot.<route>`, with the time it was fetched) and, when the server cannot be reached, shows the
/// last saved figures instead and says so (isOffline(), asOf()). A lead or admin sees the team (GET
/// /stats/agents, the flag queue, the knowledge gaps and the spikes); an agent sees their own figures (GET /stats/me).
class LeadController : public QObject {
    Q_OBJECT
public:
    enum class Section { Agents, Trends, Calibration, Flags, Gaps, Spikes };
    Q_ENUM(Section)

    /// @brief @p store must outlive the controller; @p sync may be null (standalone: saved figures only).
    LeadController(store::Store &store, SyncController *sync, QObject *parent = nullptr);
    ~LeadController() override;

    QDate from() const { return m_from; }
    QDate to() const { return m_to; }
    QString team() const { return m_team; }
    /// @brief The agent the trends and calibration are for; empty: the whole team (or, for an agent, themself).
    QString agent() const { return m_agent; }
    void setRange(QDate from, QDate to);
    void setTeam(const QString &team);

    /// @brief True for a lead or admin (known from the sign-in, confirmed by GET /session on refresh).
    bool isLead() const { return m_lead; }
    QString user() const { return m_user; }
    bool isBusy() const { return m_pending > 0; }
    /// @brief Some figures on show come from a saved snapshot because the server could not be reached.
    bool isOffline() const { return m_offline; }
    /// @brief The latest refresh reached the server (it answered GET /session).
    bool isReachable() const { return m_reachable; }
    /// @brief When the oldest snapshot on show was fetched (valid while offline).
    QDateTime asOf() const { return m_asOf; }
    /// @brief Any figures on show, from the server or a snapshot.
    bool hasData() const { return m_loaded != 0; }
    bool hasSection(Section s) const { return m_loaded & (1u << unsigned(s)); }

    const QList<AgentStatsRow> &agents() const { return m_agents; }
    const QList<TrendWeek> &weeks() const { return m_weeks; }
    const QList<CalibrationBin> &bins() const { return m_bins; }
    const QList<FlagItem> &flags() const { return m_flags; }
    /// @brief The knowledge gaps of the range (reviewed ones included), in the server's order.
    const QList<GapTopic> &gapTopics() const { return m_topics; }
    const QList<GapArticle> &gapArticles() const { return m_articles; }
    /// @brief The spikes of spikeWeek() (the week holding to()), biggest ratio first.
    const QList<Spike> &spikes() const { return m_spikes; }
    /// @brief The Monday of the week the spikes are for (invalid before they arrive).
    QDate spikeWeek() const { return m_spikeWeek; }
    /// @brief The teams named in the rows on show (sorted).
    QStringList teams() const;

    /// @brief The store setting that keeps the last answer of @p route ("agents", "me", "trends", ...).
    static QString snapshotKey(const QString &route);
    /// @brief The sections only a lead or admin gets (flags, gaps, spikes).
    static bool isLeadSection(Section s);

public Q_SLOTS:
    /// @brief Everything again: the role, then every section; refreshed() once all have answered.
    void refresh();
    /// @brief Trends and calibration for @p agent (empty: the whole team); chartsRefreshed() afterwards.
    void setAgent(const QString &agent);
    /// @brief POST /flags/{id}/resolve; flagResolved() (the flag leaves flags()) or flagResolveFailed().
    void resolveFlag(const QString &flagId, const QString &resolution, const QString &note);
    /// @brief POST /stats/gaps/review for a topic (@p kind "topic", @p key its intent) or an article gap
    /// ("article", its source); gapReviewed() (the item shows its review) or gapReviewFailed().
    void reviewGap(const QString &kind, const QString &key);

Q_SIGNALS:
    void roleChanged(bool lead);
    void busyChanged(bool busy);
    void sectionChanged(understudy::app::LeadController::Section section);
    /// @brief The server refused @p section (or does not offer it); @p message is for people.
    void sectionFailed(understudy::app::LeadController::Section section, const QString &message);
    void offlineChanged(bool offline);
    void refreshed();
    void chartsRefreshed();
    void flagResolved(const QString &flagId);
    void flagResolveFailed(const QString &flagId, const QString &message);
    void gapReviewed(const QString &kind, const QString &key);
    void gapReviewFailed(const QString &kind, const QString &key, const QString &message);

private:
    QString routeOf(Section s) const;
    QString snapshotRoute(Section s) const;
    void fetch(Section s, const std::shared_ptr<LeadBatch> &batch);
    /// @brief One request of @p batch answered; the last one announces the batch.
    void finishOne(const std::shared_ptr<LeadBatch> &batch);
    void apply(Section s, const QJsonObject &answer);
    /// @brief Shows the saved answer of @p s; false when there is none.
    bool loadSnapshot(Section s);
    void saveSnapshot(Section s, const QJsonObject &answer);
    void setLead(bool lead);
    void markOffline(const QDateTime &fetchedAt);
    /// @brief Rewrites the saved answer of @p route through @p edit (so offline shows what was done since).
    void editSnapshot(const QString &route, const std::function<void(QJsonObject &answer)> &edit);
    /// @brief Why a write to the server failed, for the agent: unreachable (try again online) or the server's reason.
    static QString failureText(const Error &error);

    store::Store &m_store;
    QPointer<SyncController> m_sync;
    sync::StatsClient *m_stats;
    QDate m_from;
    QDate m_to;
    QString m_team;
    QString m_agent;
    QString m_user;
    bool m_lead = false;
    bool m_offline = false;
    QDateTime m_asOf;
    unsigned m_loaded = 0;                   ///< bit per Section: figures on show
    int m_pending = 0;                       ///< requests of the current batches still outstanding
    std::shared_ptr<LeadBatch> m_batch;      ///< the latest refresh
    std::shared_ptr<LeadBatch> m_chartBatch; ///< the latest charts-only refresh
    bool m_reachable = false;                ///< the latest refresh reached the server
    std::array<quint64, 6> m_sectionGen{};   ///< bumped per section fetch: only the latest answer counts
    QList<AgentStatsRow> m_agents;
    QList<TrendWeek> m_weeks;
    QList<CalibrationBin> m_bins;
    QList<FlagItem> m_flags;
    QList<GapTopic> m_topics;
    QList<GapArticle> m_articles;
    QList<Spike> m_spikes;
    QDate m_spikeWeek;
};

} // namespace understudy::app

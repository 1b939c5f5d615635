// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadController.h"

#include "StatsClient.h"
#include "Store.h"
#include "SyncController.h"

#include <understudy/Clock.h>
#include <understudy/Json.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <memory>
#include <set>

using namespace Qt::StringLiterals;

namespace understudy::app {

Q_LOGGING_CATEGORY(lcLead, "understudy.app.lead", QtInfoMsg)

namespace {

const QString kRoleSetting = u"stats.role"_s;
constexpr std::array kSections{LeadController::Section::Agents,      LeadController::Section::Trends,
                               LeadController::Section::Calibration, LeadController::Section::Flags,
                               LeadController::Section::Gaps,        LeadController::Section::Spikes};

bool leadRole(const QString &role)
{
    return role == u"lead"_s || role == u"admin"_s;
}

} // namespace

/// One refresh (or charts-only refresh): its requests still outstanding. A newer refresh makes it stale: its
/// late answers are then ignored altogether (a sign-out can swallow them, so nothing may wait for them).
struct LeadBatch {
    int left = 0;
    bool chartsOnly = false;
    bool stale = false;
};

LeadController::LeadController(store::Store &store, SyncController *sync, QObject *parent)
    : QObject(parent), m_store(store), m_sync(sync), m_stats(new sync::StatsClient(nullptr, this))
{
    m_to = Clock::now().toUTC().date();
    m_from = m_to.addDays(-27); // 28 days, today included
    QString role = m_store.setting(kRoleSetting).value_or(QString());
    if (m_sync) {
        m_user = m_sync->user();
        if (!m_sync->role().isEmpty())
            role = m_sync->role();
    }
    m_lead = leadRole(role);
}

LeadController::~LeadController() = default;

QString LeadController::snapshotKey(const QString &route)
{
    return u"stats.snapshot."_s + route;
}

bool LeadController::isLeadSection(Section s)
{
    return s == Section::Flags || s == Section::Gaps || s == Section::Spikes;
}

void LeadController::setRange(QDate from, QDate to)
{
    m_from = from;
    m_to = to;
}

void LeadController::setTeam(const QString &team)
{
    m_team = team.trimmed();
}

QStringList LeadController::teams() const
{
    std::set<QString> names;
    for (const AgentStatsRow &r : m_agents)
        if (!r.team.isEmpty())
            names.insert(r.team);
    return QStringList(names.begin(), names.end());
}

void LeadController::setLead(bool lead)
{
    if (m_lead == lead)
        return;
    m_lead = lead;
    Q_EMIT roleChanged(lead);
}

QString LeadController::routeOf(Section s) const
{
    switch (s) {
    case Section::Agents:
        return m_lead ? u"stats/agents"_s : u"stats/me"_s;
    case Section::Trends:
        return u"stats/trends"_s;
    case Section::Calibration:
        return u"stats/calibration"_s;
    case Section::Flags:
        return u"flags"_s;
    case Section::Gaps:
        return u"stats/gaps"_s;
    case Section::Spikes:
        return u"stats/spikes"_s;
    }
    return {};
}

QString LeadController::snapshotRoute(Section s) const
{
    // The last segment of the route: stats.snapshot.agents, .me, .trends, .calibration, .flags, .gaps, .spikes.
    return routeOf(s).section(u'/', -1);
}

void LeadController::refresh()
{
    for (const auto &old : {m_batch, m_chartBatch})
        if (old)
            old->stale = true;
    m_chartBatch.reset();
    m_offline = false;
    m_reachable = false;
    m_asOf = {};
    m_loaded = 0;
    m_agents.clear();
    m_weeks.clear();
    m_bins.clear();
    m_flags.clear();
    m_topics.clear();
    m_articles.clear();
    m_spikes.clear();
    m_spikeWeek = {};
    for (Section s : kSections)
        Q_EMIT sectionChanged(s);
    m_stats->setClient(m_sync ? m_sync->client() : nullptr);
    auto batch = std::make_shared<LeadBatch>();
    m_batch = batch;
    batch->left = 1; // the session, then the sections
    m_pending = 1;
    Q_EMIT busyChanged(true);
    QPointer<LeadController> self(this);
    m_stats->get(u"session"_s, {}, [self, batch](Result<QJsonObject> session) {
        if (!self || batch->stale)
            return;
        LeadController &c = *self;
        if (session) {
            c.m_reachable = true;
            c.m_user = session->value(u"name"_s).toString(c.m_user);
            const QString role = session->value(u"role"_s).toString();
            if (auto s = c.m_store.setSetting(kRoleSetting, role); !s)
                qCWarning(lcLead) << "cannot keep the role:" << s.error().message;
            c.setLead(leadRole(role));
            for (Section s : kSections)
                if (!isLeadSection(s) || c.m_lead) {
                    ++batch->left;
                    ++c.m_pending;
                    c.fetch(s, batch);
                }
        } else {
            // No answer (or no sign-in): show what was saved, and say how old it is.
            if (session.error().code != Error::Code::Io)
                Q_EMIT c.sectionFailed(Section::Agents,
                                       tr("The server refused the figures: %1").arg(session.error().message));
            qCInfo(lcLead) << "showing saved figures:" << session.error().message;
            c.setLead(leadRole(c.m_store.setting(kRoleSetting).value_or(QString())) || c.m_lead);
            for (Section s : kSections)
                if (!isLeadSection(s) || c.m_lead)
                    c.loadSnapshot(s);
        }
        c.finishOne(batch);
    });
}

void LeadController::setAgent(const QString &agent)
{
    m_agent = agent;
    if (m_chartBatch && !m_chartBatch->stale) {
        m_chartBatch->stale = true;
        m_pending -= m_chartBatch->left;
    }
    auto batch = std::make_shared<LeadBatch>();
    m_chartBatch = batch;
    batch->chartsOnly = true;
    batch->left = 2;
    m_pending += 2;
    Q_EMIT busyChanged(true);
    if (!m_stats->canReachServer() || !m_reachable) {
        // Saved figures are for what was asked when they were fetched: nothing to ask now.
        finishOne(batch);
        finishOne(batch);
        return;
    }
    fetch(Section::Trends, batch);
    fetch(Section::Calibration, batch);
}

void LeadController::fetch(Section s, const std::shared_ptr<LeadBatch> &batch)
{
    const auto index = std::size_t(s);
    const quint64 generation = ++m_sectionGen[index];
    QUrlQuery query;
    switch (s) {
    case Section::Agents:
        query = sync::StatsClient::rangeQuery(m_from, m_to, m_lead ? m_team : QString());
        break;
    case Section::Trends:
    case Section::Calibration:
        query = sync::StatsClient::rangeQuery(m_from, m_to, m_lead ? m_team : QString(), m_lead ? m_agent : QString());
        break;
    case Section::Flags:
        query.addQueryItem(u"state"_s, u"open"_s);
        break;
    case Section::Gaps:
        query = sync::StatsClient::rangeQuery(m_from, m_to, m_team);
        break;
    case Section::Spikes:
        query = sync::StatsClient::spikesQuery(m_to, m_team);
        break;
    }
    QPointer<LeadController> self(this);
    m_stats->get(routeOf(s), query, [self, s, index, generation, batch](Result<QJsonObject> answer) {
        if (!self || batch->stale)
            return;
        LeadController &c = *self;
        if (generation == c.m_sectionGen[index]) {
            if (answer) {
                c.apply(s, *answer);
                c.saveSnapshot(s, *answer);
            } else if (answer.error().code == Error::Code::Io) {
                c.loadSnapshot(s);
            } else if (answer.error().code == Error::Code::NotFound) {
                Q_EMIT c.sectionFailed(
                    s, tr("This server does not offer these figures yet (%1).").arg(answer.error().message));
            } else {
                Q_EMIT c.sectionFailed(s, tr("The server refused the figures: %1").arg(answer.error().message));
            }
        }
        c.finishOne(batch);
    });
}

void LeadController::finishOne(const std::shared_ptr<LeadBatch> &batch)
{
    if (batch->stale)
        return;
    --m_pending;
    if (m_pending == 0)
        Q_EMIT busyChanged(false);
    if (--batch->left > 0)
        return;
    batch->stale = true; // done: nothing of it is outstanding any more
    if (batch->chartsOnly)
        return Q_EMIT chartsRefreshed();
    Q_EMIT offlineChanged(m_offline);
    Q_EMIT refreshed();
}

void LeadController::apply(Section s, const QJsonObject &answer)
{
    m_loaded |= 1u << unsigned(s);
    switch (s) {
    case Section::Agents:
        m_agents.clear();
        if (answer.contains(u"agents"_s)) {
            for (const QJsonValue &v : answer.value(u"agents"_s).toArray())
                m_agents << AgentStatsRow::fromJson(v.toObject());
        } else {
            m_agents << AgentStatsRow::fromJson(answer); // stats/me: one row
        }
        break;
    case Section::Trends:
        m_weeks.clear();
        for (const QJsonValue &v : answer.value(u"weeks"_s).toArray())
            m_weeks << TrendWeek::fromJson(v.toObject());
        break;
    case Section::Calibration:
        m_bins.clear();
        for (const QJsonValue &v : answer.value(u"bins"_s).toArray())
            m_bins << CalibrationBin::fromJson(v.toObject());
        break;
    case Section::Flags:
        m_flags.clear();
        for (const QJsonValue &v : answer.value(u"flags"_s).toArray()) {
            FlagItem f = FlagItem::fromJson(v.toObject());
            if (f.resolution.isEmpty())
                m_flags << f;
        }
        break;
    case Section::Gaps:
        m_topics.clear();
        m_articles.clear();
        for (const QJsonValue &v : answer.value(u"topics"_s).toArray())
            m_topics << GapTopic::fromJson(v.toObject());
        for (const QJsonValue &v : answer.value(u"articles"_s).toArray())
            m_articles << GapArticle::fromJson(v.toObject());
        break;
    case Section::Spikes:
        m_spikes.clear();
        m_spikeWeek = QDate::fromString(answer.value(u"week"_s).toString(), Qt::ISODate);
        for (const QJsonValue &v : answer.value(u"spikes"_s).toArray())
            m_spikes << Spike::fromJson(v.toObject());
        break;
    }
    Q_EMIT sectionChanged(s);
}

void LeadController::saveSnapshot(Section s, const QJsonObject &answer)
{
    const QJsonObject snapshot{{u"fetched_at"_s, json::formatTime(Clock::now())},
                               {u"user"_s, m_user},
                               {u"from"_s, m_from.toString(Qt::ISODate)},
                               {u"to"_s, m_to.toString(Qt::ISODate)},
                               {u"team"_s, m_team},
                               {u"agent"_s, m_agent},
                               {u"answer"_s, answer}};
    const QString text = QString::fromUtf8(QJsonDocument(snapshot).toJson(QJsonDocument::Compact));
    if (auto st = m_store.setSetting(snapshotKey(snapshotRoute(s)), text); !st)
        qCWarning(lcLead) << "cannot save the figures for offline use:" << st.error().message;
}

bool LeadController::loadSnapshot(Section s)
{
    auto text = m_store.setting(snapshotKey(snapshotRoute(s)));
    if (!text || text->isEmpty())
        return false;
    const QJsonObject snapshot = QJsonDocument::fromJson(text->toUtf8()).object();
    if (!snapshot.value(u"answer"_s).isObject())
        return false;
    apply(s, snapshot.value(u"answer"_s).toObject());
    markOffline(json::parseTime(snapshot.value(u"fetched_at"_s).toString()));
    return true;
}

void LeadController::markOffline(const QDateTime &fetchedAt)
{
    m_offline = true;
    if (fetchedAt.isValid() && (!m_asOf.isValid() || fetchedAt < m_asOf))
        m_asOf = fetchedAt;
}

void LeadController::resolveFlag(const QString &flagId, const QString &resolution, const QString &note)
{
    QPointer<LeadController> self(this);
    m_stats->setClient(m_sync ? m_sync->client() : nullptr);
    m_stats->resolveFlag(flagId, resolution, note, [self, flagId](Result<QJsonObject> answer) {
        if (!self)
            return;
        LeadController &c = *self;
        if (!answer) {
            const QString why = failureText(answer.error());
            Q_EMIT c.flagResolveFailed(flagId, why);
            return;
        }
        c.m_flags.removeIf([&](const FlagItem &f) { return f.id == flagId; });
        // The saved queue follows, so offline it does not offer the resolved flag again.
        c.editSnapshot(u"flags"_s, [&](QJsonObject &saved) {
            QJsonArray kept;
            for (const QJsonValue &v : saved.value(u"flags"_s).toArray())
                if (v.toObject().value(u"id"_s).toString() != flagId)
                    kept.append(v);
            saved.insert(u"flags"_s, kept);
        });
        Q_EMIT c.sectionChanged(Section::Flags);
        Q_EMIT c.flagResolved(flagId);
    });
}

QString LeadController::failureText(const Error &error)
{
    return error.code == Error::Code::Io
               ? tr("the server cannot be reached (%1); try again when online").arg(error.message)
               : error.message;
}

void LeadController::editSnapshot(const QString &route, const std::function<void(QJsonObject &)> &edit)
{
    auto text = m_store.setting(snapshotKey(route));
    if (!text || text->isEmpty())
        return;
    QJsonObject snapshot = QJsonDocument::fromJson(text->toUtf8()).object();
    QJsonObject saved = snapshot.value(u"answer"_s).toObject();
    edit(saved);
    snapshot.insert(u"answer"_s, saved);
    if (auto st = m_store.setSetting(snapshotKey(route),
                                     QString::fromUtf8(QJsonDocument(snapshot).toJson(QJsonDocument::Compact)));
        !st)
        qCWarning(lcLead) << "cannot update the saved figures:" << st.error().message;
}

void LeadController::reviewGap(const QString &kind, const QString &key)
{
    QPointer<LeadController> self(this);
    m_stats->setClient(m_sync ? m_sync->client() : nullptr);
    m_stats->reviewGap(kind, key, [self, kind, key](Result<QJsonObject> answer) {
        if (!self)
            return;
        LeadController &c = *self;
        if (!answer) {
            const QString why = failureText(answer.error());
            Q_EMIT c.gapReviewFailed(kind, key, why);
            return;
        }
        const QJsonObject review{{u"by"_s, answer->value(u"by"_s).toString(c.m_user)},
                                 {u"at"_s, answer->value(u"at"_s).toString(json::formatTime(Clock::now()))}};
        const bool topic = kind == u"topic"_s;
        if (topic) {
            for (GapTopic &t : c.m_topics)
                if (t.intent == key)
                    t.reviewed = GapReview::fromJson(review);
        } else {
            for (GapArticle &a : c.m_articles)
                if (a.source == key)
                    a.reviewed = GapReview::fromJson(review);
        }
        // The saved gaps follow, so offline the item shows as reviewed too.
        c.editSnapshot(u"gaps"_s, [&](QJsonObject &saved) {
            const QString listName = topic ? u"topics"_s : u"articles"_s;
            const QString keyName = topic ? u"intent"_s : u"source"_s;
            QJsonArray items = saved.value(listName).toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                QJsonObject item = items.at(i).toObject();
                if (item.value(keyName).toString() == key) {
                    item.insert(u"reviewed"_s, review);
                    items.replace(i, item);
                }
            }
            saved.insert(listName, items);
        });
        Q_EMIT c.sectionChanged(Section::Gaps);
        Q_EMIT c.gapReviewed(kind, key);
    });
}

} // namespace understudy::app

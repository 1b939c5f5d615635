// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatsClient.h"

#include "SyncClient.h"

#include <understudy/Json.h>

#include <QLoggingCategory>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace understudy::sync {

Q_LOGGING_CATEGORY(lcStats, "understudy.sync.stats", QtInfoMsg)

StatsClient::StatsClient(SyncClient *client, QObject *parent) : QObject(parent), m_client(client) {}

void StatsClient::setClient(SyncClient *client)
{
    m_client = client;
}

bool StatsClient::canReachServer() const
{
    return m_client && m_client->isSignedIn();
}

QUrlQuery StatsClient::rangeQuery(QDate from, QDate to, const QString &team, const QString &agent)
{
    QUrlQuery q;
    if (from.isValid())
        q.addQueryItem(u"from"_s, json::formatTime(from.startOfDay(Qt::UTC)));
    if (to.isValid())
        q.addQueryItem(u"to"_s, json::formatTime(to.addDays(1).startOfDay(Qt::UTC)));
    if (!team.isEmpty())
        q.addQueryItem(u"team"_s, team);
    if (!agent.isEmpty())
        q.addQueryItem(u"agent"_s, agent);
    return q;
}

QUrlQuery StatsClient::spikesQuery(QDate to, const QString &team)
{
    QUrlQuery q;
    if (to.isValid())
        q.addQueryItem(u"to"_s,
                       to.addDays(1).startOfDay(Qt::UTC).addMSecs(-1).toString(Qt::ISODateWithMs)); // …T23:59:59.999Z
    if (!team.isEmpty())
        q.addQueryItem(u"team"_s, team);
    return q;
}

void StatsClient::get(const QString &route, const QUrlQuery &query, Done done)
{
    send("GET", u"/"_s + route, query, std::nullopt, std::move(done));
}

void StatsClient::resolveFlag(const QString &flagId, const QString &resolution, const QString &note, Done done)
{
    QJsonObject body{{u"resolution"_s, resolution}};
    if (!note.isEmpty())
        body.insert(u"note"_s, note);
    const QString path = u"/flags/%1/resolve"_s.arg(QString::fromUtf8(QUrl::toPercentEncoding(flagId)));
    send("POST", path, {}, body, std::move(done));
}

void StatsClient::reviewGap(const QString &kind, const QString &key, Done done)
{
    send("POST", u"/stats/gaps/review"_s, {}, QJsonObject{{u"kind"_s, kind}, {u"key"_s, key}}, std::move(done));
}

void StatsClient::send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                       const std::optional<QJsonObject> &body, Done done)
{
    if (!canReachServer()) {
        // Answered from the event loop like a real request, so callers see one order of events.
        QTimer::singleShot(
            0, this, [done = std::move(done)] { done(Error::make(Error::Code::Io, u"not signed in to a server"_s)); });
        return;
    }
    QPointer<StatsClient> self(this);
    m_client->call(verb, path, query.toString(QUrl::FullyEncoded), body,
                   [self, path, done = std::move(done)](const SyncClient::ApiReply &r) {
                       if (!self)
                           return;
                       if (r.ok())
                           return done(r.body);
                       qCInfo(lcStats) << "request failed:" << path << r.status;
                       const bool unreachable = r.status == 0 || r.status >= 500;
                       done(Error::make(unreachable ? Error::Code::Io
                                                    : (r.status == 404 ? Error::Code::NotFound : Error::Code::Generic),
                                        r.message));
                   });
}

} // namespace understudy::sync

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QDate>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

namespace understudy::sync {

class SyncClient;

/// @brief The statistics and flag-review routes of docs/protocol.md (GET /session, /stats/*, /flags,
/// POST /flags/{id}/resolve and POST /stats/gaps/review) for the lead view. Requests go through the signed-in
/// SyncClient (its token, network access manager and timeout); every answer arrives asynchronously.
///
/// Errors: Error::Code::Io when no answer could be had (not signed in, the server unreachable or timing out,
/// a 5xx) — the caller may fall back to saved figures; any other code when the server refused (the message
/// carries the HTTP status and the server's `error` text).
class StatsClient : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Result<QJsonObject>)>;

    /// @brief @p client may be null (standalone): every request then fails with Error::Code::Io.
    explicit StatsClient(SyncClient *client, QObject *parent = nullptr);

    void setClient(SyncClient *client);
    bool canReachServer() const;

    /// @brief The query of the stats routes: @p from and @p to as whole UTC days (to inclusive: the
    /// server's exclusive `to` is the next midnight); empty @p team or @p agent are left out.
    static QUrlQuery rangeQuery(QDate from, QDate to, const QString &team = {}, const QString &agent = {});

    /// @brief The query of GET /stats/spikes: `to` is the last instant of the UTC day @p to (so the week
    /// looked at is the one holding that day, the whole day included); empty @p team is left out.
    static QUrlQuery spikesQuery(QDate to, const QString &team = {});

    /// @brief GET /api/v1/<@p route> (e.g. "stats/agents", "flags", "session") with @p query.
    void get(const QString &route, const QUrlQuery &query, Done done);
    /// @brief POST /flags/{id}/resolve; @p resolution is fixed_article, bad_retrieval or agent_error.
    void resolveFlag(const QString &flagId, const QString &resolution, const QString &note, Done done);
    /// @brief POST /stats/gaps/review: marks the topic (@p kind "topic", @p key its intent) or the article gap
    /// (@p kind "article", @p key its source, "article:kb-9") reviewed; answers `{"kind","key","by","at"}`.
    void reviewGap(const QString &kind, const QString &key, Done done);

private:
    void send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
              const std::optional<QJsonObject> &body, Done done);

    QPointer<SyncClient> m_client;
};

} // namespace understudy::sync

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChangeFeed.h"
#include "HttpServer.h"
#include "IngestQueue.h"
#include "ServerStore.h"
#include "Statistics.h"

#include <QHostAddress>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace understudy::server {

struct ApiOptions {
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    qint64 tokenTtlSeconds = 12 * 3600;
    LoginLimits loginLimits;
    QHostAddress trustedProxy; ///< null: X-Forwarded-For is never believed
    QString version = QStringLiteral("0.1.0");
    /// @brief A helpdesk's authenticated webhook named one of its tickets (integration name, helpdesk ticket id): the
    /// server pulls that ticket now. Called on a pool thread; unset, webhooks are answered 503.
    std::function<void(const QString &, const QString &)> helpdeskWebhook;
};

/// @brief The protocol of docs/protocol.md: routing (404/405), body cap (413), authentication (401),
/// authorisation (403), field-by-field validation (400) and the handlers. Thread-safe: the only state of its
/// own is the changes feed's window of recent pages (ChangeFeed), which never decides an answer, so it may run
/// on any pool thread and in several processes at once.
class Api {
public:
    Api(ServerStore &store, ApiOptions options);

    HttpResponse handle(const HttpRequest &request) const;

    /// @brief Every route as "METHOD /api/v1/path" with its role ("-" = anonymous), for tests and docs.
    QList<QPair<QString, QString>> routeTable() const;

private:
    struct Context {
        const HttpRequest &request;
        QStringList args; ///< the path's variable parts
        std::optional<Session> session;
    };
    using Handler = HttpResponse (Api::*)(Context &) const;
    struct Route {
        QByteArray method;
        QStringList pattern;      ///< segments after /api/v1; "*" matches one segment
        std::optional<Role> role; ///< nullopt: anonymous
        Handler handler;
    };

    /// The team a lead's view is limited to (empty: everything, for a lead without a team and for admins).
    std::optional<HttpResponse> teamScope(const Context &c, QString &team) const;
    /// The client's address: the peer, or the last X-Forwarded-For entry when the peer is the trusted proxy.
    QString clientAddress(const HttpRequest &request) const;

    HttpResponse health(Context &c) const;
    HttpResponse login(Context &c) const;
    HttpResponse sessionInfo(Context &c) const;
    HttpResponse logout(Context &c) const;
    HttpResponse changes(Context &c) const;
    HttpResponse events(Context &c) const;
    HttpResponse eventLog(Context &c) const;
    HttpResponse listTickets(Context &c) const;
    HttpResponse getTicket(Context &c) const;
    HttpResponse claim(Context &c) const;
    HttpResponse reply(Context &c) const;
    HttpResponse getArticle(Context &c) const;
    HttpResponse statsMe(Context &c) const;
    HttpResponse statsAgents(Context &c) const;
    HttpResponse statsTrends(Context &c) const;
    HttpResponse statsCalibration(Context &c) const;
    HttpResponse statsGaps(Context &c) const;
    HttpResponse reviewGap(Context &c) const;
    HttpResponse statsSpikes(Context &c) const;
    HttpResponse listFlags(Context &c) const;
    HttpResponse resolveFlag(Context &c) const;
    /// @brief The filter of a statistics request (from, to, team, agent) narrowed to what the caller may see:
    /// agents their own events, a lead with a team that team; a 400/403 answer otherwise.
    std::optional<HttpResponse> statsFilter(const Context &c, StatsFilter &filter) const;
    /// @brief A statistics answer: the filter as statsFilter() allows it, @p query's object, `generated_at`.
    using StatsQuery = std::function<Result<QJsonObject>(StatsFilter &)>;
    HttpResponse statsAnswer(Context &c, const StatsQuery &query) const;
    HttpResponse importKnowledge(Context &c) const;
    HttpResponse importTickets(Context &c) const;
    HttpResponse listUsers(Context &c) const;
    HttpResponse addUser(Context &c) const;
    HttpResponse disableUser(Context &c) const;
    HttpResponse enableUser(Context &c) const;
    HttpResponse deleteUser(Context &c) const;
    HttpResponse setRole(Context &c) const;
    HttpResponse resetPassword(Context &c) const;
    HttpResponse changePassword(Context &c) const;
    HttpResponse listSessions(Context &c) const;
    HttpResponse revokeSessions(Context &c) const;
    HttpResponse auditLog(Context &c) const;
    HttpResponse helpdeskWebhook(Context &c) const;

    ServerStore &m_store;
    Statistics m_stats;
    std::unique_ptr<ChangeFeed> m_feed;
    std::unique_ptr<IngestQueue> m_ingest;
    ApiOptions m_options;
    std::vector<Route> m_routes;
};

/// @brief A store error as an HTTP answer: 503 when the database is busy or unreachable, else 500.
HttpResponse storeError(const Error &error);

} // namespace understudy::server

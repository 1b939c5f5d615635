// SPDX-License-Identifier: GPL-3.0-or-later
#include "Api.h"

#include "Credentials.h"
#include "EventValidation.h"

#include <understudy/Json.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServerApi, "understudy.server.api")

namespace understudy::server {

namespace {

constexpr int kMaxEventsPerBatch = 1000;

/// A 400 naming the field; @p prefix is prepended ("events[3].").
HttpResponse badField(const QString &field, const QString &what)
{
    return HttpResponse::error(400, u"%1: %2"_s.arg(field, what), field);
}

/// Turns core JSON's `field "x": what` into a 400 naming `<prefix>x`.
HttpResponse badRecord(const Error &e, const QString &prefix)
{
    static const QRegularExpression re(u"^field \"([^\"]*)\": (.*)$"_s, QRegularExpression::DotMatchesEverythingOption);
    const auto m = re.match(e.message);
    if (m.hasMatch())
        return badField(prefix + m.captured(1), m.captured(2));
    const QString field = prefix.endsWith(u'.') ? prefix.chopped(1) : prefix;
    return badField(field, e.message);
}

/// The request body as a JSON object; an empty body counts as {} when @p emptyOk.
std::optional<HttpResponse> parseBody(const HttpRequest &req, QJsonObject &out, bool emptyOk = false)
{
    if (req.body.trimmed().isEmpty() && emptyOk) {
        out = {};
        return std::nullopt;
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(req.body, &err);
    if (err.error != QJsonParseError::NoError)
        return HttpResponse::error(
            400, u"body: not valid JSON (%1 at offset %2)"_s.arg(err.errorString()).arg(err.offset), u"body"_s);
    if (!doc.isObject())
        return HttpResponse::error(400, u"body: must be a JSON object"_s, u"body"_s);
    out = doc.object();
    // NUL and unpaired surrogates: SQLite would store them and PostgreSQL refuse them; refused alike here.
    if (auto p = validateStrings(out, u"body"_s))
        return badField(p->field, p->what);
    return std::nullopt;
}

/// A required non-empty string field (at most @p maxLength characters).
std::optional<HttpResponse> requiredString(const QJsonObject &o, const QString &key, QString &out, int maxLength = 256)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return badField(key, u"is required"_s);
    if (!v.isString())
        return badField(key, u"must be a string"_s);
    out = v.toString();
    if (out.isEmpty())
        return badField(key, u"must not be empty"_s);
    if (out.size() > maxLength)
        return badField(key, u"must be at most %1 characters"_s.arg(maxLength));
    return std::nullopt;
}

std::optional<HttpResponse> optionalString(const QJsonObject &o, const QString &key, QString &out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString())
        return badField(key, u"must be a string"_s);
    out = v.toString();
    return std::nullopt;
}

/// An integer query parameter in [min, max]; absent → @p fallback; above max is clamped when @p clamp.
std::optional<HttpResponse> intParam(const QUrlQuery &q, const QString &key, qint64 fallback, qint64 min, qint64 max,
                                     qint64 &out, bool clamp = false)
{
    const QString text = q.queryItemValue(key, QUrl::FullyDecoded);
    if (text.isEmpty()) {
        out = fallback;
        return std::nullopt;
    }
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || (v > max && !clamp))
        return badField(key, u"must be a whole number from %1 to %2"_s.arg(min).arg(max));
    out = std::min(v, max);
    return std::nullopt;
}

std::optional<HttpResponse> timeParam(const QUrlQuery &q, const QString &key, QDateTime &out)
{
    const QString text = q.queryItemValue(key, QUrl::FullyDecoded);
    out = {};
    if (text.isEmpty())
        return std::nullopt;
    out = json::parseTime(text);
    if (!out.isValid())
        return badField(key, u"\"%1\" is not an ISO 8601 date or date-time"_s.arg(text.left(64)));
    return std::nullopt;
}

QJsonObject userJson(const User &u)
{
    return {{u"name"_s, u.name},
            {u"role"_s, roleName(u.role)},
            {u"disabled"_s, u.disabled},
            {u"created_at"_s, u.createdAt},
            {u"team"_s, u.team.isEmpty() ? QJsonValue() : QJsonValue(u.team)}};
}

/// A name a client typed, for the log: never verbatim (people type passwords into the name field), but the same
/// name always gives the same tag, so repeated failures can be told apart.
QString loginNameTag(const QString &name)
{
    const QByteArray hash = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
    return u"name#"_s + QString::fromLatin1(hash.toHex().left(12));
}

/// The token of an authenticated request (the route checked the header's form).
QString bearerToken(const HttpRequest &request)
{
    return QString::fromLatin1(request.authorization.trimmed().mid(7).trimmed());
}

/// A new password from @p key of @p body, hashed; a 400 naming the field otherwise.
std::optional<HttpResponse> newPasswordHash(const QJsonObject &body, const QString &key, QString &hash)
{
    QString password;
    if (auto e = requiredString(body, key, password, 1024))
        return e;
    if (password.size() < 8)
        return badField(key, u"must be at least 8 characters"_s);
    auto hashed = credentials::hashPassword(password);
    if (!hashed)
        return HttpResponse::error(500, hashed.error().message);
    hash = *hashed;
    return std::nullopt;
}

HttpResponse noUser(const QString &name)
{
    return HttpResponse::error(404, u"no user \"%1\""_s.arg(name.left(64)));
}

/// The answer to a change of account @p name: the store's error, 404 when there is no such user, else @p done's.
template <typename T, typename Done> HttpResponse accountChange(const Result<T> &result, const QString &name, Done done)
{
    if (!result)
        return storeError(result.error());
    if (!*result)
        return noUser(name);
    return done(*result);
}

bool validUserName(const QString &name)
{
    static const QRegularExpression re(u"^[A-Za-z0-9._@-]{1,64}$"_s);
    return re.match(name).hasMatch();
}

} // namespace

HttpResponse storeError(const Error &error)
{
    // The detail may carry values; it goes to the log, the client gets the gist.
    qCWarning(lcServerApi).noquote() << "database error:" << error.message;
    if (error.code == Error::Code::Busy || error.code == Error::Code::DiskFull)
        return HttpResponse::error(503, u"the database is unavailable or busy; retry later"_s);
    return HttpResponse::error(500, u"database error"_s);
}

Api::Api(ServerStore &store, ApiOptions options)
    : m_store(store), m_stats(store.db()), m_feed(std::make_unique<ChangeFeed>(store)), m_options(std::move(options))
{
    store.db().startBackgroundCheckpoints();         // first: connections opened after it leave checkpoints
    m_ingest = std::make_unique<IngestQueue>(store); // to its thread, the ingest writer's among them
    const auto A = std::optional<Role>(Role::Agent);
    const auto L = std::optional<Role>(Role::Lead);
    const auto D = std::optional<Role>(Role::Admin);
    const std::optional<Role> anon;
    const auto p = [](const QString &path) { return path.split(u'/', Qt::SkipEmptyParts); };
    m_routes = {
        {"GET", p(u"health"_s), anon, &Api::health},
        {"POST", p(u"session"_s), anon, &Api::login},
        {"GET", p(u"session"_s), A, &Api::sessionInfo},
        {"DELETE", p(u"session"_s), A, &Api::logout},
        {"GET", p(u"changes"_s), A, &Api::changes},
        {"POST", p(u"events"_s), A, &Api::events},
        {"GET", p(u"events"_s), L, &Api::eventLog},
        {"GET", p(u"tickets"_s), A, &Api::listTickets},
        {"POST", p(u"tickets"_s), D, &Api::importTickets},
        {"GET", p(u"tickets/*"_s), A, &Api::getTicket},
        {"POST", p(u"tickets/*/claim"_s), A, &Api::claim},
        {"POST", p(u"tickets/*/replies"_s), A, &Api::reply},
        {"GET", p(u"articles/*"_s), A, &Api::getArticle},
        {"GET", p(u"stats/me"_s), A, &Api::statsMe},
        {"GET", p(u"stats/agents"_s), L, &Api::statsAgents},
        {"GET", p(u"stats/trends"_s), A, &Api::statsTrends},
        {"GET", p(u"stats/calibration"_s), A, &Api::statsCalibration},
        {"GET", p(u"stats/gaps"_s), L, &Api::statsGaps},
        {"POST", p(u"stats/gaps/review"_s), L, &Api::reviewGap},
        {"GET", p(u"stats/spikes"_s), L, &Api::statsSpikes},
        {"GET", p(u"flags"_s), L, &Api::listFlags},
        {"POST", p(u"flags/*/resolve"_s), L, &Api::resolveFlag},
        {"POST", p(u"knowledge"_s), D, &Api::importKnowledge},
        {"GET", p(u"users"_s), D, &Api::listUsers},
        {"POST", p(u"users"_s), D, &Api::addUser},
        {"POST", p(u"users/*/disable"_s), D, &Api::disableUser},
        {"POST", p(u"users/*/enable"_s), D, &Api::enableUser},
        {"DELETE", p(u"users/*"_s), D, &Api::deleteUser},
        {"POST", p(u"users/*/role"_s), D, &Api::setRole},
        {"POST", p(u"users/*/password"_s), D, &Api::resetPassword},
        {"GET", p(u"users/*/sessions"_s), D, &Api::listSessions},
        {"DELETE", p(u"users/*/sessions"_s), D, &Api::revokeSessions},
        {"POST", p(u"session/password"_s), A, &Api::changePassword},
        {"GET", p(u"audit"_s), L, &Api::auditLog},
        // Authenticated by the integration's own webhook token, not a session (see helpdeskWebhook).
        {"POST", p(u"helpdesk/*/webhook"_s), anon, &Api::helpdeskWebhook},
    };
}

QList<QPair<QString, QString>> Api::routeTable() const
{
    QList<QPair<QString, QString>> out;
    for (const Route &r : m_routes)
        out.append({QString::fromLatin1(r.method) + u" /api/v1/"_s + r.pattern.join(u'/'),
                    r.role ? roleName(*r.role) : u"-"_s});
    return out;
}

HttpResponse Api::handle(const HttpRequest &req) const
{
    if (req.segments.size() < 3 || req.segments[0] != u"api"_s || req.segments[1] != u"v1"_s)
        return HttpResponse::error(404, u"no such path"_s);
    const QStringList rest = req.segments.mid(2);
    const Route *route = nullptr;
    QStringList allowed;
    QStringList args;
    for (const Route &r : m_routes) {
        if (r.pattern.size() != rest.size())
            continue;
        QStringList captured;
        bool match = true;
        for (qsizetype i = 0; i < rest.size() && match; ++i) {
            if (r.pattern[i] == u"*"_s)
                captured << rest[i];
            else
                match = r.pattern[i] == rest[i];
        }
        if (!match)
            continue;
        allowed << QString::fromLatin1(r.method);
        if (r.method == req.method && !route) {
            route = &r;
            args = captured;
        }
    }
    if (allowed.isEmpty())
        return HttpResponse::error(404, u"no such path"_s);
    if (!route) {
        HttpResponse r = HttpResponse::error(
            405, u"%1 is not allowed here; use %2"_s.arg(QString::fromLatin1(req.method), allowed.join(u", "_s)));
        r.headers.append({QByteArray("Allow"), allowed.join(u", "_s).toLatin1()});
        return r;
    }
    if (req.body.size() > m_options.maxBodyBytes || req.contentLength > m_options.maxBodyBytes)
        return HttpResponse::error(413, u"the body is larger than %1 bytes"_s.arg(m_options.maxBodyBytes));

    Context ctx{req, args, std::nullopt};
    if (route->role) {
        const QByteArray auth = req.authorization.trimmed();
        if (!auth.toLower().startsWith("bearer ") || auth.mid(7).trimmed().isEmpty()) {
            HttpResponse r = HttpResponse::error(401, u"authentication required: send Authorization: Bearer <token>"_s);
            r.headers.append({QByteArray("WWW-Authenticate"), QByteArray("Bearer")});
            return r;
        }
        const QString token = QString::fromLatin1(auth.mid(7).trimmed());
        auto session = m_store.session(credentials::tokenHash(token));
        if (!session)
            return storeError(session.error());
        if (!*session) {
            HttpResponse r = HttpResponse::error(401, u"the token is unknown, expired or revoked"_s);
            r.headers.append({QByteArray("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_token\"")});
            return r;
        }
        if (int((*session)->role) < int(*route->role))
            return HttpResponse::error(
                403, u"this needs the %1 role; you are %2"_s.arg(roleName(*route->role), roleName((*session)->role)));
        ctx.session = **session;
    }
    // Ids in the path obey the rules of ids in bodies: one line, and no longer than any id the server stores.
    for (const QString &arg : std::as_const(args)) {
        const bool control = std::any_of(arg.cbegin(), arg.cend(), [](QChar ch) {
            return ch.unicode() < 0x20 || (ch.unicode() >= 0x7f && ch.unicode() <= 0x9f);
        });
        if (control || arg.size() > 256 || !QStringView(arg).isValidUtf16())
            return badField(u"path"_s, u"an id in the path must be one line of at most 256 characters"_s);
    }
    return (this->*route->handler)(ctx);
}

// ---- session ----------------------------------------------------------------------------------------------------

QString Api::clientAddress(const HttpRequest &request) const
{
    const QHostAddress peer(request.remoteAddress);
    if (m_options.trustedProxy.isNull() || request.forwardedFor.isEmpty() ||
        !peer.isEqual(m_options.trustedProxy, QHostAddress::ConvertV4MappedToIPv4))
        return request.remoteAddress;
    // The proxy appends the address it saw; anything before it is the client's own say.
    const QHostAddress forwarded(QString::fromLatin1(request.forwardedFor.split(',').last().trimmed()));
    return forwarded.isNull() ? request.remoteAddress : forwarded.toString();
}

HttpResponse Api::health(Context &) const
{
    const QString backend = m_store.db().config().backendName();
    if (auto q = m_store.db().exec(u"SELECT 1"_s); !q) {
        qCWarning(lcServerApi).noquote() << "health check:" << q.error().message;
        return HttpResponse::json(503, {{u"status"_s, u"unavailable"_s},
                                        {u"version"_s, m_options.version},
                                        {u"database"_s, backend},
                                        {u"error"_s, u"the database is unavailable"_s}});
    }
    return HttpResponse::json(200,
                              {{u"status"_s, u"ok"_s}, {u"version"_s, m_options.version}, {u"database"_s, backend}});
}

HttpResponse Api::login(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    QString name, password;
    if (auto e = requiredString(body, u"name"_s, name, 64))
        return *e;
    if (auto e = requiredString(body, u"password"_s, password, 1024))
        return *e;
    const QString address = clientAddress(c.request);
    const LoginLimits &limits = m_options.loginLimits;
    // The attempt is counted before the password is checked, so parallel attempts cannot overrun the limits.
    auto retry = m_store.beginLoginAttempt(name, address, limits);
    if (!retry)
        return storeError(retry.error());
    if (*retry > 0) {
        qCWarning(lcServerApi).noquote() << "login rate-limited for" << loginNameTag(name) << "from" << address;
        HttpResponse r = HttpResponse::error(429, u"too many failed logins; retry in %1 s"_s.arg(*retry));
        r.headers.append({QByteArray("Retry-After"), QByteArray::number(*retry)});
        return r;
    }
    auto candidate = m_store.loginCandidate(name);
    if (!candidate)
        return storeError(candidate.error());
    bool good = false;
    if (*candidate)
        good = credentials::verifyPassword(password, (*candidate)->passwordHash);
    else
        credentials::verifyDummy(password); // same cost whether or not the name exists
    if (!good || (*candidate)->user.disabled) {
        // A disabled account answers as a wrong password does: the answer must not confirm the password.
        qCInfo(lcServerApi).noquote() << "failed login for" << loginNameTag(name) << "from" << address;
        return HttpResponse::error(401, u"wrong name or password"_s);
    }
    if (auto st = m_store.clearFailedLogins(name); !st)
        return storeError(st.error());
    const QString token = credentials::newToken();
    const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(m_options.tokenTtlSeconds);
    if (auto st = m_store.storeToken(credentials::tokenHash(token), name, expires); !st)
        return storeError(st.error());
    qCInfo(lcServerApi) << "login:" << name;
    return HttpResponse::json(200, {{u"token"_s, token},
                                    {u"name"_s, name},
                                    {u"role"_s, roleName((*candidate)->user.role)},
                                    {u"expires_at"_s, json::formatTime(expires)}});
}

HttpResponse Api::sessionInfo(Context &c) const
{
    return HttpResponse::json(200, {{u"name"_s, c.session->name},
                                    {u"role"_s, roleName(c.session->role)},
                                    {u"expires_at"_s, json::formatTime(c.session->expiresAt)}});
}

HttpResponse Api::logout(Context &c) const
{
    if (auto st = m_store.revokeToken(credentials::tokenHash(bearerToken(c.request))); !st)
        return storeError(st.error());
    return HttpResponse{204, {}, {}, {}};
}

// ---- sync -------------------------------------------------------------------------------------------------------

HttpResponse Api::changes(Context &c) const
{
    qint64 since = 0, limit = 0;
    if (auto e = intParam(c.request.query, u"since"_s, 0, 0, std::numeric_limits<qint64>::max(), since))
        return *e;
    if (auto e = intParam(c.request.query, u"limit"_s, 500, 1, 5000, limit, true))
        return *e;
    // Built as bytes: the stored JSON of each change is spliced in, not parsed and serialised again.
    auto body = m_feed->page(since, int(limit));
    if (!body)
        return storeError(body.error());
    return HttpResponse::raw(200, std::move(*body));
}

HttpResponse Api::eventLog(Context &c) const
{
    qint64 limit = 0;
    if (auto e = intParam(c.request.query, u"limit"_s, 500, 1, 5000, limit, true))
        return *e;
    const QString after = c.request.query.queryItemValue(u"after"_s, QUrl::FullyDecoded);
    if (after.size() > 128)
        return badField(u"after"_s, u"must be at most 128 characters"_s);
    QString team;
    if (c.session->role == Role::Lead) { // a lead with a team sees that team's events only
        auto me = m_store.user(c.session->name);
        if (!me)
            return storeError(me.error());
        team = *me ? (*me)->team : QString();
    }
    auto page = m_store.eventLog(after, int(limit), team);
    if (!page)
        return storeError(page.error());
    QJsonArray list;
    for (const QJsonObject &e : std::as_const(page->events))
        list.append(e);
    return HttpResponse::json(200, {{u"events"_s, list}, {u"next"_s, page->next}, {u"more"_s, page->more}});
}

HttpResponse Api::events(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    const QJsonValue v = body.value(u"events"_s);
    if (!v.isArray())
        return badField(u"events"_s, v.isUndefined() ? u"is required"_s : u"must be an array"_s);
    const QJsonArray arr = v.toArray();
    if (arr.size() > kMaxEventsPerBatch)
        return badField(u"events"_s, u"at most %1 events per batch"_s.arg(kMaxEventsPerBatch));
    // The whole batch is validated before anything is stored.
    QList<FeedbackEvent> events;
    events.reserve(arr.size());
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString prefix = u"events[%1]."_s.arg(i);
        if (!arr[i].isObject())
            return badField(u"events[%1]"_s.arg(i), u"must be an object"_s);
        const QJsonObject o = arr[i].toObject();
        if (auto p = validateEventJson(o, prefix))
            return badField(p->field, p->what);
        auto e = json::feedbackEventFromJson(o);
        if (!e)
            return badRecord(e.error(), prefix);
        if (e->kind == FeedbackEvent::Kind::FlagResolved)
            return badField(prefix + u"kind"_s, u"flag_resolved is written by POST /flags/{id}/resolve"_s);
        e->agent = c.session->name; // the token says who did it, never the body
        events << *e;
    }
    // Stored together with the batches of other requests that wait for the same turn (group commit).
    auto ids = m_ingest->ingest(events);
    if (!ids)
        return storeError(ids.error());
    return HttpResponse::json(200, {{u"acknowledged"_s, QJsonArray::fromStringList(*ids)}});
}

// ---- tickets and knowledge ---------------------------------------------------------------------------------------

HttpResponse Api::listTickets(Context &c) const
{
    const QString status = c.request.query.queryItemValue(u"status"_s, QUrl::FullyDecoded);
    if (!status.isEmpty() && !QStringList{u"open"_s, u"pending"_s, u"resolved"_s, u"closed"_s}.contains(status))
        return badField(u"status"_s, u"must be one of open, pending, resolved, closed"_s);
    qint64 limit = 0, offset = 0;
    if (auto e = intParam(c.request.query, u"limit"_s, 100, 1, 1000, limit, true))
        return *e;
    if (auto e = intParam(c.request.query, u"offset"_s, 0, 0, std::numeric_limits<int>::max(), offset))
        return *e;
    auto tickets = m_store.tickets(status, int(limit), int(offset));
    if (!tickets)
        return storeError(tickets.error());
    QJsonArray list;
    for (const QJsonObject &t : *tickets)
        list.append(t);
    return HttpResponse::json(200, {{u"tickets"_s, list}});
}

HttpResponse Api::getTicket(Context &c) const
{
    auto t = m_store.ticket(c.args.value(0));
    if (!t)
        return storeError(t.error());
    if (!*t)
        return HttpResponse::error(404, u"no ticket \"%1\""_s.arg(c.args.value(0).left(100)));
    return HttpResponse::json(200, **t);
}

HttpResponse Api::claim(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body, true))
        return *e;
    const QString id = c.args.value(0);
    auto r = m_store.claim(id, c.session->name);
    if (!r)
        return storeError(r.error());
    switch (r->outcome) {
    case ClaimResult::Outcome::NotFound:
        return HttpResponse::error(404, u"no ticket \"%1\""_s.arg(id.left(100)));
    case ClaimResult::Outcome::Conflict: {
        HttpResponse resp = HttpResponse::error(409, u"the ticket is claimed by %1"_s.arg(r->claimedBy));
        resp.body.insert(u"claimed_by"_s, r->claimedBy);
        return resp;
    }
    case ClaimResult::Outcome::Claimed:
        break;
    }
    return HttpResponse::json(200, {{u"ticket_id"_s, id}, {u"claimed_by"_s, r->claimedBy}});
}

HttpResponse Api::reply(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    QString key, text, eventId;
    if (auto e = requiredString(body, u"idempotency_key"_s, key, 200))
        return *e;
    if (auto e = requiredString(body, u"text"_s, text, 1 << 20))
        return *e;
    if (auto e = optionalString(body, u"event_id"_s, eventId))
        return *e;
    if (!eventId.isEmpty() && !isCanonicalUuid(eventId))
        return badField(u"event_id"_s, u"must be a UUID in canonical lower-case form"_s);
    const QString id = c.args.value(0);
    auto r = m_store.reply(id, c.session->name, key, text, eventId);
    if (!r)
        return storeError(r.error());
    switch (r->outcome) {
    case ReplyResult::Outcome::NotFound:
        return HttpResponse::error(404, u"no ticket \"%1\""_s.arg(id.left(100)));
    case ReplyResult::Outcome::Conflict: {
        HttpResponse resp = HttpResponse::error(409, u"the ticket is claimed by %1"_s.arg(r->claimedBy));
        resp.body.insert(u"claimed_by"_s, r->claimedBy);
        return resp;
    }
    case ReplyResult::Outcome::KeyReused:
        return HttpResponse::error(409, u"idempotency_key: already used for another ticket or agent"_s,
                                   u"idempotency_key"_s);
    case ReplyResult::Outcome::Replayed:
        return HttpResponse::json(200, r->answer);
    case ReplyResult::Outcome::Created:
        break;
    }
    return HttpResponse::json(201, r->answer);
}

HttpResponse Api::getArticle(Context &c) const
{
    auto a = m_store.article(c.args.value(0));
    if (!a)
        return storeError(a.error());
    if (!*a)
        return HttpResponse::error(404, u"no article \"%1\""_s.arg(c.args.value(0).left(100)));
    return HttpResponse::json(200, **a);
}

HttpResponse Api::importKnowledge(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    const QJsonValue v = body.value(u"articles"_s);
    if (!v.isArray())
        return badField(u"articles"_s, v.isUndefined() ? u"is required"_s : u"must be an array"_s);
    QString origin;
    if (auto e = optionalString(body, u"origin"_s, origin))
        return *e;
    QList<Article> articles;
    const QJsonArray arr = v.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        if (!arr[i].isObject())
            return badField(u"articles[%1]"_s.arg(i), u"must be an object"_s);
        auto a = json::articleFromJson(arr[i].toObject());
        if (!a)
            return badRecord(a.error(), u"articles[%1]."_s.arg(i));
        articles << *a;
    }
    auto counts = m_store.importArticles(articles, origin);
    if (!counts) {
        if (counts.error().code == Error::Code::Invalid)
            return badField(u"articles"_s, counts.error().message);
        return storeError(counts.error());
    }
    return HttpResponse::json(
        200, {{u"added"_s, counts->added}, {u"updated"_s, counts->updated}, {u"unchanged"_s, counts->unchanged}});
}

HttpResponse Api::importTickets(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    const QJsonValue v = body.value(u"tickets"_s);
    if (!v.isArray())
        return badField(u"tickets"_s, v.isUndefined() ? u"is required"_s : u"must be an array"_s);
    QList<Ticket> tickets;
    const QJsonArray arr = v.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        if (!arr[i].isObject())
            return badField(u"tickets[%1]"_s.arg(i), u"must be an object"_s);
        auto t = json::ticketFromJson(arr[i].toObject());
        if (!t)
            return badRecord(t.error(), u"tickets[%1]."_s.arg(i));
        tickets << *t;
    }
    auto counts = m_store.importTickets(tickets);
    if (!counts) {
        if (counts.error().code == Error::Code::Invalid)
            return badField(u"tickets"_s, counts.error().message);
        return storeError(counts.error());
    }
    return HttpResponse::json(
        200, {{u"added"_s, counts->added}, {u"updated"_s, counts->updated}, {u"unchanged"_s, counts->unchanged}});
}

// ---- statistics -------------------------------------------------------------------------------------------------

std::optional<HttpResponse> Api::statsFilter(const Context &c, StatsFilter &f) const
{
    const QUrlQuery &q = c.request.query;
    if (auto e = timeParam(q, u"from"_s, f.from))
        return e;
    if (auto e = timeParam(q, u"to"_s, f.to))
        return e;
    f.agent = q.queryItemValue(u"agent"_s, QUrl::FullyDecoded);
    f.team = q.queryItemValue(u"team"_s, QUrl::FullyDecoded);
    if (c.session->role == Role::Agent) {
        if (!f.agent.isEmpty() && f.agent != c.session->name)
            return HttpResponse::error(403, u"an agent sees their own statistics only"_s);
        f.agent = c.session->name;
        f.team.clear();
        return std::nullopt;
    }
    if (c.session->role == Role::Lead) {
        auto me = m_store.user(c.session->name);
        if (!me)
            return storeError(me.error());
        const QString team = *me ? (*me)->team : QString();
        if (!team.isEmpty()) {
            if (!f.team.isEmpty() && f.team != team)
                return HttpResponse::error(403, u"a lead sees their own team's statistics only"_s);
            f.team = team;
        }
    }
    return std::nullopt;
}

namespace {

template <typename T> QJsonArray jsonArray(const QList<T> &rows)
{
    QJsonArray list;
    for (const T &r : rows)
        list.append(r.toJson());
    return list;
}

} // namespace

HttpResponse Api::statsAnswer(Context &c, const StatsQuery &query) const
{
    StatsFilter f;
    if (auto e = statsFilter(c, f))
        return *e;
    auto body = query(f);
    if (!body)
        return storeError(body.error());
    body->insert(u"generated_at"_s, json::formatTime(QDateTime::currentDateTimeUtc()));
    return HttpResponse::json(200, *body);
}

HttpResponse Api::statsMe(Context &c) const
{
    return statsAnswer(c, [&](StatsFilter &f) -> Result<QJsonObject> {
        f.agent = c.session->name; // "me" for a lead too
        f.team.clear();
        auto rows = m_stats.agents(f);
        if (!rows)
            return rows.error();
        return rows->first().toJson();
    });
}

HttpResponse Api::statsAgents(Context &c) const
{
    return statsAnswer(c, [&](StatsFilter &f) -> Result<QJsonObject> {
        auto rows = m_stats.agents(f);
        if (!rows)
            return rows.error();
        return QJsonObject{{u"agents"_s, jsonArray(*rows)}, {u"team"_s, f.team.isEmpty() ? QJsonValue() : f.team}};
    });
}

HttpResponse Api::statsTrends(Context &c) const
{
    return statsAnswer(c, [&](StatsFilter &f) -> Result<QJsonObject> {
        auto weeks = m_stats.trends(f);
        if (!weeks)
            return weeks.error();
        return QJsonObject{{u"weeks"_s, jsonArray(*weeks)}};
    });
}

HttpResponse Api::statsCalibration(Context &c) const
{
    return statsAnswer(c, [&](StatsFilter &f) -> Result<QJsonObject> {
        auto bins = m_stats.calibration(f);
        if (!bins)
            return bins.error();
        return QJsonObject{{u"bins"_s, jsonArray(*bins)}};
    });
}

HttpResponse Api::statsGaps(Context &c) const
{
    return statsAnswer(c, [&](StatsFilter &f) -> Result<QJsonObject> {
        auto gaps = m_stats.gaps(f);
        if (!gaps)
            return gaps.error();
        return QJsonObject{{u"topics"_s, jsonArray(gaps->topics)}, {u"articles"_s, jsonArray(gaps->articles)}};
    });
}

HttpResponse Api::statsSpikes(Context &c) const
{
    return statsAnswer(c, [&](StatsFilter &f) -> Result<QJsonObject> {
        auto spikes = m_stats.spikes(f);
        if (!spikes)
            return spikes.error();
        return QJsonObject{{u"week"_s, spikes->first.toString(Qt::ISODate)}, {u"spikes"_s, jsonArray(spikes->second)}};
    });
}

HttpResponse Api::reviewGap(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    QString kind, key;
    if (auto e = requiredString(body, u"kind"_s, kind, 16))
        return *e;
    if (kind != u"topic"_s && kind != u"article"_s)
        return badField(u"kind"_s, u"must be topic or article"_s);
    if (auto e = requiredString(body, u"key"_s, key, 512))
        return *e;
    auto r = m_stats.review(kind, key, c.session->name);
    if (!r)
        return storeError(r.error());
    return HttpResponse::json(200, r->toJson());
}

// ---- flag review --------------------------------------------------------------------------------------------------

std::optional<HttpResponse> Api::teamScope(const Context &c, QString &team) const
{
    team.clear();
    if (c.session->role != Role::Lead)
        return std::nullopt;
    auto me = m_store.user(c.session->name);
    if (!me)
        return storeError(me.error());
    if (*me)
        team = (*me)->team;
    return std::nullopt;
}

HttpResponse Api::listFlags(Context &c) const
{
    const QString state = c.request.query.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    Statistics::FlagState s = Statistics::FlagState::Open;
    if (state == u"resolved"_s)
        s = Statistics::FlagState::Resolved;
    else if (state == u"all"_s)
        s = Statistics::FlagState::All;
    else if (!state.isEmpty() && state != u"open"_s)
        return badField(u"state"_s, u"must be open, resolved or all"_s);
    QString team;
    if (auto e = teamScope(c, team))
        return *e;
    auto flags = m_stats.flags(s, 500, team);
    if (!flags)
        return storeError(flags.error());
    return HttpResponse::json(200, {{u"flags"_s, jsonArray(*flags)}});
}

HttpResponse Api::resolveFlag(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    QString resolution, note;
    if (auto e = requiredString(body, u"resolution"_s, resolution, 32))
        return *e;
    if (!QStringList{u"fixed_article"_s, u"bad_retrieval"_s, u"agent_error"_s}.contains(resolution))
        return badField(u"resolution"_s, u"must be fixed_article, bad_retrieval or agent_error"_s);
    if (auto e = optionalString(body, u"note"_s, note))
        return *e;
    if (note.size() > 4000)
        return badField(u"note"_s, u"must be at most 4000 characters"_s);
    const QString flagId = c.args.value(0);
    auto flag = m_store.event(flagId);
    if (!flag)
        return storeError(flag.error());
    QString team;
    if (auto e = teamScope(c, team))
        return *e;
    bool inScope = true;
    if (*flag && !team.isEmpty()) {
        auto author = m_store.user((*flag)->agent);
        if (!author)
            return storeError(author.error());
        inScope = *author && (*author)->team == team;
    }
    // Another team's flag is answered as no flag: a lead learns nothing about it.
    if (!*flag || (*flag)->kind != FeedbackEvent::Kind::Flagged || !inScope)
        return HttpResponse::error(404, u"no flag \"%1\""_s.arg(flagId.left(64)));
    const QString id = Statistics::resolutionId(flagId);
    auto alreadyResolved = [&](const FeedbackEvent &resolution) {
        QJsonObject o = FlagRecord{**flag, resolution}.toJson();
        o.insert(u"error"_s, u"this flag was already resolved"_s);
        return HttpResponse::json(409, o);
    };
    auto existing = m_store.event(id);
    if (!existing)
        return storeError(existing.error());
    if (*existing)
        return alreadyResolved(**existing);
    FeedbackEvent r;
    r.id = id;
    r.kind = FeedbackEvent::Kind::FlagResolved;
    r.agent = c.session->name;
    r.ticketId = (*flag)->ticketId;
    r.draftId = flagId;
    r.at = QDateTime::currentDateTimeUtc();
    r.reason = resolution;
    r.finalText = note;
    r.confidence = (*flag)->confidence;
    r.sources = (*flag)->sources;
    r.engine = (*flag)->engine;
    if (auto ids = m_store.ingestEvents({r}); !ids)
        return storeError(ids.error());
    // Read back: when two leads resolve at once, the name-based id lets one resolution in, and the other
    // learns whose it was.
    auto stored = m_store.event(id);
    if (!stored || !*stored)
        return stored ? HttpResponse::error(500, u"the resolution vanished"_s) : storeError(stored.error());
    if ((*stored)->agent != r.agent || (*stored)->reason != r.reason || (*stored)->finalText != r.finalText)
        return alreadyResolved(**stored);
    qCInfo(lcServerApi) << "flag resolved:" << flagId << resolution << "by" << c.session->name;
    return HttpResponse::json(200, FlagRecord{**flag, **stored}.toJson());
}

// ---- users ------------------------------------------------------------------------------------------------------

HttpResponse Api::listUsers(Context &) const
{
    auto users = m_store.users();
    if (!users)
        return storeError(users.error());
    QJsonArray list;
    for (const User &u : *users)
        list.append(userJson(u));
    return HttpResponse::json(200, {{u"users"_s, list}});
}

HttpResponse Api::addUser(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    QString name, roleText, password;
    if (auto e = requiredString(body, u"name"_s, name, 64))
        return *e;
    if (!validUserName(name))
        return badField(u"name"_s, u"may hold only letters, digits and . _ @ -"_s);
    if (auto e = requiredString(body, u"role"_s, roleText, 16))
        return *e;
    const auto role = roleFromName(roleText);
    if (!role)
        return badField(u"role"_s, u"must be agent, lead or admin"_s);
    if (auto e = requiredString(body, u"password"_s, password, 1024))
        return *e;
    if (password.size() < 8)
        return badField(u"password"_s, u"must be at least 8 characters"_s);
    QString team;
    if (auto e = optionalString(body, u"team"_s, team))
        return *e;
    if (team.size() > 64)
        return badField(u"team"_s, u"must be at most 64 characters"_s);
    auto hash = credentials::hashPassword(password);
    if (!hash)
        return HttpResponse::error(500, hash.error().message);
    if (auto st = m_store.addUser(name, *role, *hash, team, c.session->name); !st) {
        if (st.error().code == Error::Code::Constraint)
            return HttpResponse::error(409, st.error().message, u"name"_s);
        return storeError(st.error());
    }
    auto user = m_store.user(name);
    if (!user || !*user)
        return user ? HttpResponse::error(500, u"the new user vanished"_s) : storeError(user.error());
    qCInfo(lcServerApi) << "user added:" << name << roleText << "by" << c.session->name;
    return HttpResponse::json(201, userJson(**user));
}

HttpResponse Api::disableUser(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body, true))
        return *e;
    const QString name = c.args.value(0);
    return accountChange(m_store.disableUser(name, c.session->name), name, [&](const std::optional<User> &user) {
        qCInfo(lcServerApi) << "user disabled:" << name << "by" << c.session->name;
        return HttpResponse::json(200, userJson(*user));
    });
}

HttpResponse Api::enableUser(Context &c) const
{
    const QString name = c.args.value(0);
    return accountChange(m_store.enableUser(name, c.session->name), name, [&](const std::optional<User> &user) {
        qCInfo(lcServerApi) << "user enabled:" << name << "by" << c.session->name;
        return HttpResponse::json(200, userJson(*user));
    });
}

HttpResponse Api::deleteUser(Context &c) const
{
    const QString name = c.args.value(0);
    return accountChange(m_store.deleteUser(name, c.session->name), name, [&](bool) {
        qCInfo(lcServerApi) << "user deleted:" << name << "by" << c.session->name;
        return HttpResponse{204, {}, {}, {}};
    });
}

HttpResponse Api::setRole(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    QString roleText, team;
    if (auto e = requiredString(body, u"role"_s, roleText, 16))
        return *e;
    const auto role = roleFromName(roleText);
    if (!role)
        return badField(u"role"_s, u"must be agent, lead or admin"_s);
    if (auto e = optionalString(body, u"team"_s, team))
        return *e;
    if (team.size() > 64)
        return badField(u"team"_s, u"must be at most 64 characters"_s);
    const QString name = c.args.value(0);
    return accountChange(m_store.setRole(name, *role, team, c.session->name), name,
                         [&](const std::optional<User> &user) {
                             qCInfo(lcServerApi) << "role changed:" << name << roleText << "by" << c.session->name;
                             return HttpResponse::json(200, userJson(*user));
                         });
}

HttpResponse Api::resetPassword(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    QString hash;
    if (auto e = newPasswordHash(body, u"password"_s, hash))
        return *e;
    const QString name = c.args.value(0);
    // Every session of the user ends: whoever held the old password is signed out.
    return accountChange(m_store.setPassword(name, hash, u"password_reset"_s, c.session->name), name, [&](bool) {
        qCInfo(lcServerApi) << "password reset:" << name << "by" << c.session->name;
        return HttpResponse{204, {}, {}, {}};
    });
}

HttpResponse Api::changePassword(Context &c) const
{
    QJsonObject body;
    if (auto e = parseBody(c.request, body))
        return *e;
    QString current, hash;
    if (auto e = requiredString(body, u"current_password"_s, current, 1024))
        return *e;
    if (auto e = newPasswordHash(body, u"new_password"_s, hash))
        return *e;
    const QString &name = c.session->name;
    // A stolen token must not make guessing the password cheap: the check counts as a login attempt.
    auto retry = m_store.beginLoginAttempt(name, clientAddress(c.request), m_options.loginLimits);
    if (!retry)
        return storeError(retry.error());
    if (*retry > 0) {
        HttpResponse r = HttpResponse::error(429, u"too many failed attempts; retry in %1 s"_s.arg(*retry));
        r.headers.append({QByteArray("Retry-After"), QByteArray::number(*retry)});
        return r;
    }
    auto candidate = m_store.loginCandidate(name);
    if (!candidate)
        return storeError(candidate.error());
    if (!*candidate || !credentials::verifyPassword(current, (*candidate)->passwordHash))
        return HttpResponse::error(403, u"current_password: wrong password"_s, u"current_password"_s);
    if (auto st = m_store.clearFailedLogins(name); !st)
        return storeError(st.error());
    // The other sessions end; this one goes on.
    auto found =
        m_store.setPassword(name, hash, u"password_changed"_s, name, credentials::tokenHash(bearerToken(c.request)));
    if (!found)
        return storeError(found.error());
    qCInfo(lcServerApi) << "password changed:" << name;
    return HttpResponse{204, {}, {}, {}};
}

HttpResponse Api::listSessions(Context &c) const
{
    const QString name = c.args.value(0);
    auto user = m_store.user(name);
    if (!user)
        return storeError(user.error());
    if (!*user)
        return noUser(name);
    auto sessions = m_store.sessions(name);
    if (!sessions)
        return storeError(sessions.error());
    QJsonArray list;
    for (const SessionInfo &s : *sessions)
        list.append(QJsonObject{{u"id"_s, s.id},
                                {u"created_at"_s, json::formatTime(s.createdAt)},
                                {u"expires_at"_s, json::formatTime(s.expiresAt)}});
    return HttpResponse::json(200, {{u"name"_s, name}, {u"sessions"_s, list}});
}

HttpResponse Api::revokeSessions(Context &c) const
{
    const QString name = c.args.value(0);
    const QString id = c.request.query.queryItemValue(u"id"_s, QUrl::FullyDecoded); // empty: all of them
    if (id.size() > 16)
        return badField(u"id"_s, u"must be a session id (16 characters)"_s);
    auto user = m_store.user(name);
    if (!user)
        return storeError(user.error());
    if (!*user)
        return noUser(name);
    auto revoked = m_store.revokeSessions(name, id, c.session->name);
    if (!revoked)
        return storeError(revoked.error());
    if (!id.isEmpty() && *revoked == 0)
        return HttpResponse::error(404, u"no session \"%1\" of \"%2\""_s.arg(id.left(16), name.left(64)));
    qCInfo(lcServerApi) << "sessions revoked:" << name << *revoked << "by" << c.session->name;
    return HttpResponse::json(200, {{u"name"_s, name}, {u"revoked"_s, *revoked}});
}

// ---- audit log --------------------------------------------------------------------------------------------------

HttpResponse Api::auditLog(Context &c) const
{
    qint64 after = 0, limit = 0;
    if (auto e = intParam(c.request.query, u"after"_s, 0, 0, std::numeric_limits<qint64>::max(), after))
        return *e;
    if (auto e = intParam(c.request.query, u"limit"_s, 500, 1, 5000, limit, true))
        return *e;
    QString team;
    if (auto e = teamScope(c, team))
        return *e;
    // One more than asked tells whether there is more.
    auto entries = m_store.auditLog(after, int(limit) + 1, team);
    if (!entries)
        return storeError(entries.error());
    const bool more = entries->size() > limit;
    if (more)
        entries->removeLast();
    QJsonArray list;
    for (const AuditEntry &e : std::as_const(*entries))
        list.append(QJsonObject{{u"seq"_s, e.seq},
                                {u"at"_s, json::formatTime(e.at)},
                                {u"actor"_s, e.actor},
                                {u"action"_s, e.action},
                                {u"target"_s, e.target},
                                {u"team"_s, e.team.isEmpty() ? QJsonValue() : QJsonValue(e.team)},
                                {u"detail"_s, e.detail}});
    return HttpResponse::json(
        200, {{u"entries"_s, list}, {u"next"_s, entries->isEmpty() ? after : entries->last().seq}, {u"more"_s, more}});
}

// ---- helpdesk webhooks (issue 17) -----------------------------------------------------------------------------

/// POST /helpdesk/{name}/webhook with "Authorization: Bearer <token>" (the token `helpdesk add` printed; the server
/// keeps only its SHA-256) and a JSON body naming the ticket: {"ticket_id": …}, {"ticket": {"id": …}} (a Zendesk
/// webhook's body is the trigger's own JSON) or Freshdesk's {"freshdesk_webhook": {"ticket_id": …}}. 202: the
/// server pulls that ticket now. An unknown integration and a wrong token get the same 401.
HttpResponse Api::helpdeskWebhook(Context &c) const
{
    const QString name = c.args.value(0);
    const auto refused = [] { return HttpResponse::error(401, u"unknown helpdesk or wrong webhook token"_s); };
    QByteArray token = c.request.authorization;
    if (!token.startsWith("Bearer ") || token.size() <= 7)
        return refused();
    token = token.mid(7).trimmed();
    auto all = m_store.integrations();
    if (!all)
        return storeError(all.error());
    const auto it =
        std::find_if(all->cbegin(), all->cend(), [&](const HelpdeskIntegration &i) { return i.name == name; });
    if (it == all->cend())
        return refused();
    const QByteArray want = it->settings.value(u"webhook_sha256"_s).toString().toLatin1();
    const QByteArray got = QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
    if (want.size() != got.size())
        return refused();
    unsigned char diff = 0; // constant time: how much of the token matched must not show in the answer's timing
    for (qsizetype i = 0; i < got.size(); ++i)
        diff |= static_cast<unsigned char>(want[i] ^ got[i]);
    if (diff != 0)
        return refused();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(c.request.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return HttpResponse::error(400, u"the body must be a JSON object naming the ticket (ticket_id)"_s);
    const QJsonObject o = doc.object();
    QJsonValue id = o.value(u"ticket_id"_s);
    if (id.isUndefined())
        id = o.value(u"ticket"_s).toObject().value(u"id"_s);
    if (id.isUndefined())
        id = o.value(u"freshdesk_webhook"_s).toObject().value(u"ticket_id"_s);
    const QString ticketId = id.isDouble() ? QString::number(id.toInteger()) : id.toString().trimmed();
    static const QRegularExpression plainId(u"^[A-Za-z0-9_-]{1,64}$"_s);
    if (!plainId.match(ticketId).hasMatch())
        return HttpResponse::error(400, u"ticket_id: expected the helpdesk's ticket id"_s, u"ticket_id"_s);
    if (!m_options.helpdeskWebhook)
        return HttpResponse::error(503, u"this server does not pull helpdesks"_s);
    m_options.helpdeskWebhook(name, ticketId);
    return HttpResponse::json(202, {{u"pulling"_s, ticketId}});
}

} // namespace understudy::server

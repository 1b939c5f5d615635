// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncClient.h"

#include "Store.h"
#include "TokenStore.h"

#include <understudy/Clock.h>
#include <understudy/Json.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace understudy::sync {

Q_LOGGING_CATEGORY(lcSync, "understudy.sync.client", QtInfoMsg)

namespace {

const QString kLastSyncSetting = u"sync.last_sync"_s;
const QString kCursorServerSetting = u"sync.cursor_server"_s;

QString baseUrl(const QUrl &server)
{
    QString s = server.toString(QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (s.endsWith(u'/'))
        s.chop(1);
    return s;
}

} // namespace

QString SyncClient::Response::message() const
{
    if (status == 0)
        return networkError.isEmpty() ? u"no answer from the server"_s : networkError;
    const QString error = body.value(u"error"_s).toString();
    return error.isEmpty() ? u"the server answered HTTP %1"_s.arg(status) : u"%1 (HTTP %2)"_s.arg(error).arg(status);
}

SyncClient::SyncClient(store::Store &store, const QUrl &server, QObject *parent)
    : SyncClient(store, server, Options{}, parent)
{
}

SyncClient::SyncClient(store::Store &store, const QUrl &server, const Options &options, QObject *parent)
    : QObject(parent), m_store(store), m_server(server), m_options(options),
      m_backoff(options.backoffBaseMs, options.backoffCapMs, options.random)
{
    qRegisterMetaType<SyncReport>();
    m_nam = new QNetworkAccessManager(this);
    m_timer.setInterval(std::max(1000, m_options.intervalMs));
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_busy && !m_retryTimer.isActive())
            syncNow();
    });
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &SyncClient::syncNow);
    m_soonTimer.setSingleShot(true);
    connect(&m_soonTimer, &QTimer::timeout, this, &SyncClient::syncNow);
    if (auto last = m_store.setting(kLastSyncSetting); last && !last->isEmpty())
        m_lastSync = json::parseTime(*last);
}

SyncClient::~SyncClient()
{
    ++m_epoch;
    for (QNetworkReply *reply : std::as_const(m_inflight)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void SyncClient::setNetworkAccessManager(QNetworkAccessManager *nam)
{
    if (m_nam && m_nam->parent() == this)
        m_nam->deleteLater();
    m_nam = nam;
}

void SyncClient::setTokenStore(TokenStore *tokens)
{
    m_tokens = tokens;
}

void SyncClient::setCredentials(const QString &user, const QString &token)
{
    const bool was = isSignedIn();
    m_user = user;
    m_token = token;
    if (was != isSignedIn())
        Q_EMIT signedInChanged(isSignedIn());
}

QString SyncClient::accountKey() const
{
    return TokenStore::accountKey(baseUrl(m_server), m_user);
}

void SyncClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

Status SyncClient::setCaFile(const QString &path)
{
    const QString file = path.isEmpty() ? qEnvironmentVariable("SSL_CERT_FILE") : path;
    if (file.isEmpty())
        return ok();
    const QString what = path.isEmpty() ? u"SSL_CERT_FILE"_s : u"--ca-file"_s;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Code::Io, u"%1: cannot read %2: %3"_s.arg(what, file, f.errorString()));
    const QList<QSslCertificate> cas = QSslCertificate::fromDevice(&f, QSsl::Pem);
    if (cas.isEmpty())
        return Error::make(Error::Code::Invalid, u"%1: %2 holds no PEM certificate"_s.arg(what, file));
    auto ssl = std::make_shared<QSslConfiguration>(QSslConfiguration::defaultConfiguration());
    ssl->addCaCertificates(cas);
    m_ssl = std::move(ssl);
    return ok();
}

void SyncClient::request(const QByteArray &verb, const QString &path, const QString &query,
                         const std::optional<QJsonObject> &body, Handler done, int timeoutMs)
{
    if (timeoutMs <= 0)
        timeoutMs = m_options.requestTimeoutMs;
    QUrl url(baseUrl(m_server) + u"/api/v1"_s + path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (m_ssl)
        req.setSslConfiguration(*m_ssl);
    req.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QByteArray payload;
    if (body) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = body ? m_nam->sendCustomRequest(req, verb, payload) : m_nam->sendCustomRequest(req, verb);
    m_inflight.insert(reply);
    // A whole-request deadline of our own: a server that accepts the connection and then hangs must not
    // stall the cycle, whatever the network access manager in use implements.
    QTimer::singleShot(timeoutMs, reply, [reply] {
        if (!reply->isFinished())
            reply->abort();
    });
    const quint64 epoch = m_epoch;
    connect(reply, &QNetworkReply::finished, this, [this, reply, epoch, timeoutMs, done = std::move(done)] {
        m_inflight.remove(reply);
        reply->deleteLater();
        if (epoch != m_epoch)
            return; // signed out (or destroyed) meanwhile: nobody waits for this answer
        Response r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        if (r.status == 0) {
            r.networkError = reply->error() == QNetworkReply::OperationCanceledError
                                 ? u"the server did not answer within %1 s"_s.arg(timeoutMs / 1000.0)
                                 : reply->errorString();
        } else if (!data.isEmpty()) {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
            if (doc.isObject()) {
                r.body = doc.object();
            } else if (r.status >= 200 && r.status < 300) {
                // Not our server (a captive portal, a proxy page): treat like no answer.
                r.networkError = u"the server's answer is not a JSON object (HTTP %1)"_s.arg(r.status);
                r.status = 0;
            }
        }
        if (reply->hasRawHeader("Retry-After"))
            r.retryAfterS = reply->rawHeader("Retry-After").trimmed().toInt();
        done(r);
    });
}

void SyncClient::call(const QByteArray &verb, const QString &path, const QString &query,
                      const std::optional<QJsonObject> &body, std::function<void(const ApiReply &)> done)
{
    request(verb, path, query, body, [done = std::move(done)](const Response &r) {
        done(ApiReply{r.status, r.body, r.message()});
    });
}

void SyncClient::login(const QString &user, const QString &password)
{
    ++m_epoch; // a new identity: answers meant for the old token are dropped
    m_busy = false;
    request("POST", u"/session"_s, {}, QJsonObject{{u"name"_s, user}, {u"password"_s, password}},
            [this, user](const Response &r) {
                if (r.status == 200 && !r.body.value(u"token"_s).toString().isEmpty()) {
                    setState(State::Online);
                    const QString name = r.body.value(u"name"_s).toString(user);
                    const QString role = r.body.value(u"role"_s).toString();
                    setCredentials(name, r.body.value(u"token"_s).toString());
                    qCInfo(lcSync) << "signed in to" << baseUrl(m_server) << "as role" << role;
                    if (!m_tokens) {
                        Q_EMIT loggedIn(name, role);
                        return;
                    }
                    m_tokens->write(accountKey(), m_token, [this, name, role](Status s) {
                        if (!s)
                            Q_EMIT tokenStoreFailed(s.error().message);
                        Q_EMIT loggedIn(name, role);
                    });
                    return;
                }
                if (r.status == 401)
                    return Q_EMIT loginFailed(u"wrong name or password for %1"_s.arg(baseUrl(m_server)));
                if (r.status == 429)
                    return Q_EMIT loginFailed(
                        u"too many failed sign-ins; try again in %1 s"_s.arg(std::max(1, r.retryAfterS)));
                if (r.status == 0)
                    setState(State::Offline);
                Q_EMIT loginFailed(u"cannot sign in to %1: %2"_s.arg(baseUrl(m_server), r.message()));
            });
}

void SyncClient::logout()
{
    if (!isSignedIn()) {
        dropToken(u"signed out"_s);
        return;
    }
    ++m_epoch;
    m_busy = false;
    // Revoke first so a stolen copy dies too; whatever the server says, the token is forgotten here.
    // Offline, signing out must not hang: the revocation gets a few seconds, then the token is dropped anyway.
    request(
        "DELETE", u"/session"_s, {}, std::nullopt, [this](const Response &) { dropToken(u"signed out"_s); },
        std::min(5000, m_options.requestTimeoutMs));
}

void SyncClient::dropToken(const QString &reason)
{
    ++m_epoch;
    m_busy = false;
    m_again = false;
    m_retryTimer.stop();
    m_soonTimer.stop();
    const QString key = accountKey();
    m_token.clear();
    Q_EMIT signedInChanged(false);
    if (m_state == State::Syncing)
        setState(State::Online);
    qCInfo(lcSync) << "signed out:" << reason;
    if (!m_tokens) {
        Q_EMIT signedOut(reason);
        return;
    }
    m_tokens->remove(key, [this, reason](Status s) {
        if (!s)
            Q_EMIT tokenStoreFailed(s.error().message);
        Q_EMIT signedOut(reason);
    });
}

void SyncClient::start()
{
    if (m_options.intervalMs > 0)
        m_timer.start();
    syncNow();
}

void SyncClient::stop()
{
    m_timer.stop();
    m_retryTimer.stop();
    m_soonTimer.stop();
}

void SyncClient::scheduleSync(int delayMs)
{
    if (m_busy) {
        m_again = true;
        return;
    }
    if (m_retryTimer.isActive())
        return; // the server is failing: the backoff decides when to try again
    if (!m_soonTimer.isActive() || m_soonTimer.remainingTime() > delayMs)
        m_soonTimer.start(std::max(0, delayMs));
}

void SyncClient::syncNow()
{
    if (!isSignedIn()) {
        Q_EMIT syncFailed(u"not signed in to %1"_s.arg(baseUrl(m_server)), -1);
        return;
    }
    if (m_busy) {
        m_again = true;
        return;
    }
    m_retryTimer.stop();
    m_soonTimer.stop();
    beginCycle();
}

void SyncClient::beginCycle()
{
    m_busy = true;
    m_report = {};
    m_batch = std::max(1, m_options.pushBatch);
    m_triedReplies.clear();
    setState(State::Syncing);
    // A cursor belongs to one server: pointed elsewhere, start that server's feed from the beginning.
    const QString server = baseUrl(m_server);
    auto owner = m_store.setting(kCursorServerSetting);
    if (!owner)
        return failStore(owner.error());
    if (*owner != server) {
        // One step of the store's: the cursor, its owner and the learned state change together or not at all.
        if (auto s = m_store.restartSync(QString::fromUtf16(cursorStream), kCursorServerSetting, server); !s)
            return failStore(s.error());
    }
    // Order: our events and replies first, then the feed. A reply shown locally stays until the server has it,
    // and the pull then brings the ticket as the server keeps it (our reply included, or not after a conflict).
    pushBatch();
}

void SyncClient::pullPage()
{
    auto since = m_store.cursor(QString::fromUtf16(cursorStream));
    if (!since)
        return failStore(since.error());
    const QString cursor = since->isEmpty() ? u"0"_s : *since;
    QUrlQuery q;
    q.addQueryItem(u"since"_s, cursor);
    q.addQueryItem(u"limit"_s, QString::number(m_options.pullLimit));
    request("GET", u"/changes"_s, q.toString(QUrl::FullyEncoded), std::nullopt,
            [this, cursor](const Response &r) { onPulled(r, cursor); });
}

void SyncClient::onPulled(const Response &r, const QString &since)
{
    if (!checkCommon(r, u"pull changes"_s))
        return;
    if (r.status != 200)
        return failCycle(u"cannot pull changes: %1"_s.arg(r.message()), false);
    const QJsonValue cursorValue = r.body.value(u"cursor"_s);
    const QString cursor =
        cursorValue.isDouble() ? QString::number(qint64(cursorValue.toDouble())) : cursorValue.toString();
    const QJsonArray changes = r.body.value(u"changes"_s).toArray();
    const bool more = r.body.value(u"more"_s).toBool();
    store::Store::RemoteChanges page;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QJsonObject change = changes[i].toObject();
        const QString kind = change.value(u"kind"_s).toString();
        const QJsonObject data = change.value(u"data"_s).toObject();
        auto bad = [&](const Error &e) {
            failCycle(u"the server sent a change the client cannot read (changes[%1], %2 %3): %4"_s.arg(i).arg(
                          kind, change.value(u"id"_s).toString(), e.message),
                      false);
        };
        if (kind == u"ticket"_s) {
            auto t = json::ticketFromJson(data);
            if (!t)
                return bad(t.error());
            page.tickets << *t;
        } else if (kind == u"article"_s) {
            auto a = json::articleFromJson(data);
            if (!a)
                return bad(a.error());
            page.articles << *a;
        } else if (kind == u"event"_s) {
            if (!FeedbackEvent::kindFromName(data.value(u"kind"_s).toString())) {
                // An event kind a newer server added: skipped like an unknown change, not a broken page.
                qCDebug(lcSync) << "skipping an event of unknown kind" << data.value(u"kind"_s).toString();
                continue;
            }
            auto e = json::feedbackEventFromJson(data);
            if (!e)
                return bad(e.error());
            page.events << *e;
        } else if (kind == u"learned"_s) {
            // A record of the team's learned state; the engine checks its counts when it reads them.
            const QString key = change.value(u"id"_s).toString();
            if (key.isEmpty() || !change.value(u"data"_s).isObject())
                return bad(
                    Error::make(Error::Code::Invalid, u"a learned-state record needs an id and a data object"_s));
            page.learned.append({key, data});
        } else {
            qCDebug(lcSync) << "skipping a change of unknown kind" << kind; // a newer server's addition
        }
    }
    if (cursor.isEmpty())
        return failCycle(u"the server's changes page has no cursor"_s, false);
    auto applied = m_store.applyRemoteChanges(page, QString::fromUtf16(cursorStream), cursor);
    if (!applied)
        return failStore(applied.error());
    ++m_report.pages;
    m_report.tickets += applied->tickets.added + applied->tickets.updated;
    m_report.articles += applied->articles.added + applied->articles.updated;
    m_report.events += applied->events;
    m_report.learned += applied->learned;
    m_report.answerKeys += applied->answerKeys;
    m_report.cursor = cursor;
    setState(State::Syncing);
    if (more && cursor != since && !changes.isEmpty())
        return pullPage();
    finishCycle();
}

void SyncClient::pushBatch()
{
    auto batch = m_store.outbox(m_batch);
    if (!batch)
        return failStore(batch.error());
    if (batch->isEmpty())
        return deliverReplies();
    QJsonArray events;
    QStringList ids;
    for (const FeedbackEvent &e : std::as_const(*batch)) {
        events.append(json::toJson(e));
        ids << e.id;
    }
    request("POST", u"/events"_s, {}, QJsonObject{{u"events"_s, events}},
            [this, ids](const Response &r) { onPushed(r, ids); });
}

void SyncClient::onPushed(const Response &r, const QStringList &sent)
{
    if (!checkCommon(r, u"push events"_s))
        return;
    if (r.status == 413 && sent.size() > 1) {
        // Long final texts can make a batch exceed the server's body cap: halve it until it fits.
        m_batch = std::max(1, int(sent.size()) / 2);
        qCInfo(lcSync) << "batch too large for the server; retrying with" << m_batch << "events";
        return pushBatch();
    }
    if (setAsideRefused(r, sent))
        return;
    if (r.status != 200)
        return failCycle(u"the server refused %1 events: %2"_s.arg(sent.size()).arg(r.message()), false);
    // Only ids of this batch leave the outbox, and only those the server says it holds.
    const QSet<QString> batch(sent.cbegin(), sent.cend());
    QStringList held;
    for (const QJsonValue &v : r.body.value(u"acknowledged"_s).toArray())
        if (batch.contains(v.toString()))
            held << v.toString();
    if (auto s = m_store.acknowledge(held); !s)
        return failStore(s.error());
    m_report.pushed += int(held.size());
    emitOutbox();
    if (held.size() < sent.size())
        return failCycle(
            u"the server acknowledged %1 of %2 events; the rest stay queued"_s.arg(held.size()).arg(sent.size()), true);
    pushBatch();
}

bool SyncClient::setAsideRefused(const Response &r, const QStringList &sent)
{
    if (r.status != 400 && r.status != 413)
        return false;
    // The server validates a batch whole and stores none of it; its 400 names the first bad event
    // ("events[3].edit.kept"). Retrying that event can only fail again, and would block every later one.
    static const QRegularExpression index(u"^events\\[(\\d+)\\]"_s);
    const auto m = index.match(r.body.value(u"field"_s).toString());
    qsizetype bad = m.hasMatch() ? m.captured(1).toLongLong() : -1;
    if (bad >= sent.size())
        bad = -1;
    if (bad < 0 && sent.size() == 1)
        bad = 0;
    if (bad < 0) {
        m_batch = std::max(1, int(sent.size()) / 2);
        qCInfo(lcSync) << "the server refused a batch without naming an event; retrying with" << m_batch << "events";
        pushBatch();
        return true;
    }
    const QString id = sent.at(bad);
    qCWarning(lcSync).noquote() << "the server refused event" << id << "for good; set aside:" << r.message();
    if (auto s = m_store.setAside(id, r.status, r.message()); !s) {
        failStore(s.error());
        return true;
    }
    ++m_report.setAside;
    Q_EMIT eventSetAside(id, r.message());
    emitOutbox();
    pushBatch(); // the rest of the batch, and what follows
    return true;
}

void SyncClient::deliverReplies()
{
    auto pending = m_store.pendingReplies(int(m_triedReplies.size()) + 1);
    if (!pending)
        return failStore(pending.error());
    const store::Store::PendingReply *next = nullptr;
    for (const auto &p : std::as_const(*pending))
        if (!m_triedReplies.contains(p.eventId)) {
            next = &p;
            break;
        }
    if (!next)
        return pullPage();
    const store::Store::PendingReply reply = *next;
    m_triedReplies.insert(reply.eventId);
    if (auto s = m_store.noteReplyAttempt(reply.eventId); !s)
        return failStore(s.error());
    const QJsonObject body{
        {u"idempotency_key"_s, reply.eventId}, {u"text"_s, reply.text}, {u"event_id"_s, reply.eventId}};
    const QString path = u"/tickets/%1/replies"_s.arg(QString::fromUtf8(QUrl::toPercentEncoding(reply.ticketId)));
    request("POST", path, {}, body, [this, reply](const Response &r) {
        if (!checkCommon(r, u"deliver a reply"_s))
            return;
        if (r.status == 200 || r.status == 201) {
            if (auto s = m_store.markReplyDelivered(reply.eventId, r.body.value(u"reply_id"_s).toString()); !s)
                return failStore(s.error());
            ++m_report.replies;
        } else if (r.status == 409) {
            const QString by = r.body.value(u"claimed_by"_s).toString();
            if (auto s = m_store.markReplyRefused(reply.eventId, u"conflict"_s, by); !s)
                return failStore(s.error());
            ++m_report.conflicts;
            qCInfo(lcSync) << "reply refused: ticket claimed by another agent";
            Q_EMIT claimConflict(reply.ticketId, by);
        } else {
            // 400/403/404/413: retrying the same request cannot succeed.
            if (auto s = m_store.markReplyRefused(reply.eventId, u"failed"_s, r.message()); !s)
                return failStore(s.error());
            ++m_report.failedReplies;
            Q_EMIT replyFailed(reply.ticketId, r.message());
        }
        deliverReplies();
    });
}

void SyncClient::finishCycle()
{
    m_busy = false;
    m_backoff.reset();
    m_lastSync = Clock::now();
    if (auto s = m_store.setSetting(kLastSyncSetting, json::formatTime(m_lastSync)); !s)
        qCWarning(lcSync) << "cannot store the last sync time:" << s.error().message;
    if (auto n = m_store.outboxSize(); n)
        m_report.outbox = *n;
    if (auto n = m_store.setAsideCount(); n)
        m_report.heldAside = *n;
    setState(State::Online);
    Q_EMIT lastSyncChanged(m_lastSync);
    emitOutbox();
    Q_EMIT syncFinished(m_report);
    if (m_again) {
        m_again = false;
        m_soonTimer.start(0);
    }
}

void SyncClient::failCycle(const QString &message, bool transient, int retryAfterS)
{
    m_busy = false;
    m_again = false;
    int retryIn = -1;
    if (transient && m_options.retry) {
        retryIn = m_backoff.nextDelayMs();
        if (retryAfterS > 0)
            retryIn = std::max(retryIn, retryAfterS * 1000);
        m_retryTimer.start(retryIn);
    }
    qCInfo(lcSync) << "sync failed:" << message << "retry in ms:" << retryIn;
    if (m_state == State::Syncing)
        setState(State::Online);
    Q_EMIT syncFailed(message, retryIn);
}

void SyncClient::failStore(const Error &error)
{
    // The local store could not take the work (full disk, locked, I/O): nothing was half-written (every step
    // is one transaction) and nothing was acknowledged locally, so the same step simply runs again later.
    const QString message = error.code == Error::Code::DiskFull
                                ? u"the local store is full; sync resumes once there is room: %1"_s.arg(error.message)
                                : u"local store error during sync: %1"_s.arg(error.toString());
    failCycle(message, true);
}

bool SyncClient::checkCommon(const Response &r, const QString &what)
{
    if (r.status == 401) {
        failCycle(u"the server no longer accepts the sign-in (%1); sign in again"_s.arg(r.message()), false);
        dropToken(u"the server no longer accepts the sign-in; sign in again"_s);
        return false;
    }
    if (r.transient()) {
        // Unreachable, overloaded or failing: to the agent all of these mean "offline, work is queued".
        setState(State::Offline);
        failCycle(r.status == 0 ? u"cannot reach %1 to %2: %3"_s.arg(baseUrl(m_server), what, r.message())
                                : u"cannot %1: %2"_s.arg(what, r.message()),
                  true, r.retryAfterS);
        return false;
    }
    setState(State::Syncing);
    return true;
}

void SyncClient::emitOutbox()
{
    if (auto n = m_store.outboxSize(); n)
        Q_EMIT outboxChanged(*n);
}

void SyncClient::claim(const QString &ticketId)
{
    if (!isSignedIn())
        return Q_EMIT claimFailed(ticketId, u"not signed in to %1"_s.arg(baseUrl(m_server)));
    const QString path = u"/tickets/%1/claim"_s.arg(QString::fromUtf8(QUrl::toPercentEncoding(ticketId)));
    request("POST", path, {}, QJsonObject{}, [this, ticketId](const Response &r) {
        if (r.status == 200)
            return Q_EMIT ticketClaimed(ticketId);
        if (r.status == 409)
            return Q_EMIT claimConflict(ticketId, r.body.value(u"claimed_by"_s).toString());
        if (r.status == 401)
            dropToken(u"the server no longer accepts the sign-in; sign in again"_s);
        Q_EMIT claimFailed(ticketId, r.message());
    });
}

} // namespace understudy::sync

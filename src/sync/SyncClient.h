// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Backoff.h"

#include <understudy/Result.h>

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QSslConfiguration;
class QNetworkReply;

namespace understudy::store {
class Store;
}

namespace understudy::sync {

class TokenStore;

/// @brief What one sync cycle moved.
struct SyncReport {
    int pages = 0;         ///< pages of the changes feed applied
    int tickets = 0;       ///< tickets added or updated locally
    int articles = 0;      ///< articles added or updated locally
    int events = 0;        ///< other agents' events new to this store
    int learned = 0;       ///< records of the team's learned state received
    QStringList answerKeys; ///< answers that teammates' sends added to this store
    int pushed = 0;        ///< local events the server acknowledged (and that left the outbox)
    int replies = 0;       ///< replies the server took
    int conflicts = 0;     ///< replies refused because another agent claimed the ticket
    int failedReplies = 0; ///< replies refused for another reason (not retried)
    qint64 outbox = 0;     ///< events still waiting afterwards
    int setAside = 0;      ///< events the server refused for good in this cycle (a 400 or 413 naming them)
    qint64 heldAside = 0;  ///< all events set aside so far (store::Store::setAsideEvents), after the cycle
    QString cursor;        ///< the cursor stored after the last page
};

/// @brief The client side of the sync protocol (docs/protocol.md) for one local Store and one server:
/// sign-in, pull of the changes feed (each page applied with its cursor in one local transaction), push of
/// the outbox in batches (a row leaves the outbox only once the server acknowledged its UUID), delivery of
/// sent replies exactly once (idempotency key = event id), claim conflicts, and retry with exponential
/// backoff while the server is unreachable. All network I/O is asynchronous; the client never blocks.
///
/// Safe to interrupt anywhere: every step is either idempotent on the server (event UUIDs, reply keys) or
/// only recorded locally after the server's answer, so a killed client resends and never loses anything.
class SyncClient : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool signedIn READ isSignedIn NOTIFY signedInChanged)
    Q_PROPERTY(QDateTime lastSync READ lastSync NOTIFY lastSyncChanged)
public:
    enum class State {
        Offline, ///< the server did not answer (or not yet asked); local work continues and queues
        Online,  ///< the last exchange with the server succeeded
        Syncing, ///< a sync cycle is running
    };
    Q_ENUM(State)

    struct Options {
        int pushBatch = 500;          ///< events per POST /events (the server takes up to 1000)
        int pullLimit = 500;          ///< changes per page
        int intervalMs = 30000;       ///< periodic sync after start(); 0 disables the timer
        int requestTimeoutMs = 30000; ///< a request without an answer for this long fails (and is retried)
        bool retry = true;            ///< retry transient failures (network, 5xx, 429, local store) with backoff
        int backoffBaseMs = 1000;
        int backoffCapMs = 60000;
        Backoff::Random random; ///< jitter source (tests); default: QRandomGenerator
    };

    /// @brief The local cursor stream of the changes feed.
    static constexpr const char16_t *cursorStream = u"server";

    /// @brief @p store must outlive the client. @p server is the base URL ("http://127.0.0.1:8470").
    SyncClient(store::Store &store, const QUrl &server, const Options &options, QObject *parent = nullptr);
    SyncClient(store::Store &store, const QUrl &server, QObject *parent = nullptr);
    ~SyncClient() override;

    /// @brief Replaces the network access manager (tests); the client does not take ownership.
    void setNetworkAccessManager(QNetworkAccessManager *nam);
    /// @brief Trusts the CA certificates (PEM) in @p path besides the system's for every request, so a server
    /// whose certificate a private CA signed is verified, not refused; an empty @p path takes $SSL_CERT_FILE when
    /// set (OpenSSL's variable, which Qt does not read itself). Verification is never switched off. An error, and
    /// nothing changed, when the file cannot be read or holds no certificate.
    Status setCaFile(const QString &path);
    /// @brief Where login() keeps the token and a 401 or logout() removes it (not owned; may be null).
    void setTokenStore(TokenStore *tokens);

    QUrl server() const { return m_server; }
    QString user() const { return m_user; }
    QString token() const { return m_token; }
    /// @brief Uses a token obtained earlier (from the keyring or the environment) without a login.
    void setCredentials(const QString &user, const QString &token);
    bool isSignedIn() const { return !m_token.isEmpty(); }
    State state() const { return m_state; }
    QDateTime lastSync() const { return m_lastSync; }
    /// @brief True while a sync cycle runs.
    bool isBusy() const { return m_busy; }
    /// @brief True while a retry is scheduled after a failure.
    bool retryPending() const { return m_retryTimer.isActive(); }
    const Options &options() const { return m_options; }

public Q_SLOTS:
    /// @brief POST /session; then loggedIn() (after the token was handed to the token store) or loginFailed().
    void login(const QString &user, const QString &password);
    /// @brief Revokes the token on the server (best effort), forgets it, removes it from the token store,
    /// then signedOut().
    void logout();
    /// @brief One cycle: push the whole outbox, deliver owed replies, pull every page; syncFinished() or
    /// syncFailed(). A call during a cycle runs another cycle right after it.
    void syncNow();
    /// @brief Runs a cycle @p delayMs from now unless one is already scheduled sooner (e.g. after the agent
    /// acted, so several quick actions go out in one push).
    void scheduleSync(int delayMs = 1000);
    /// @brief Syncs now and then every Options::intervalMs.
    void start();
    /// @brief Stops the periodic and retry timers (a running cycle finishes).
    void stop();
    /// @brief POST /tickets/{id}/claim; ticketClaimed(), claimConflict() or claimFailed().
    void claim(const QString &ticketId);

public:
    /// @brief One answer of call(): @p status 0 when the server did not answer (then @p message says why).
    struct ApiReply {
        int status = 0;
        QJsonObject body;
        QString message; ///< the server's `error` text with the status, or the network error
        bool ok() const { return status >= 200 && status < 300; }
    };
    /// @brief One request to the API (@p path below /api/v1, @p query already encoded) with this client's
    /// token, network access manager and timeout; @p done runs later on this thread. Not called when the
    /// client signs out or is destroyed first.
    void call(const QByteArray &verb, const QString &path, const QString &query, const std::optional<QJsonObject> &body,
              std::function<void(const ApiReply &)> done);

Q_SIGNALS:
    void stateChanged(understudy::sync::SyncClient::State state);
    void signedInChanged(bool signedIn);
    void loggedIn(const QString &user, const QString &role);
    void loginFailed(const QString &message);
    /// @brief The token works for this session but could not be kept (no keyring...); @p message says why.
    void tokenStoreFailed(const QString &message);
    /// @brief The token is gone (logout, or the server answered 401): sign in again to sync.
    void signedOut(const QString &reason);
    void syncFinished(const understudy::sync::SyncReport &report);
    /// @brief A cycle stopped early; @p retryInMs is when it is retried, -1 when not automatically.
    void syncFailed(const QString &message, int retryInMs);
    void outboxChanged(qint64 size);
    /// @brief The server refused @p eventId for good (@p message names the field): it left the outbox for the
    /// store's set-aside list, and the events behind it went on.
    void eventSetAside(const QString &eventId, const QString &message);
    void lastSyncChanged(const QDateTime &at);
    /// @brief @p ticketId is claimed by @p claimedBy: a reply of ours to it was refused, or our claim was.
    void claimConflict(const QString &ticketId, const QString &claimedBy);
    void ticketClaimed(const QString &ticketId);
    void claimFailed(const QString &ticketId, const QString &message);
    /// @brief The server refused a reply for a reason other than a claim (not retried).
    void replyFailed(const QString &ticketId, const QString &message);

private:
    struct Response {
        int status = 0; ///< HTTP status; 0 when the server did not answer
        QJsonObject body;
        QString networkError;
        int retryAfterS = -1;
        bool transient() const { return status == 0 || status == 408 || status == 429 || status >= 500; }
        QString message() const;
    };
    using Handler = std::function<void(const Response &)>;

    /// @brief @p timeoutMs 0: Options::requestTimeoutMs.
    void request(const QByteArray &verb, const QString &path, const QString &query,
                 const std::optional<QJsonObject> &body, Handler done, int timeoutMs = 0);
    void setState(State state);
    void beginCycle();
    void pullPage();
    void onPulled(const Response &r, const QString &since);
    void pushBatch();
    void onPushed(const Response &r, const QStringList &sent);
    /// @brief A 400 or 413 for a push: sets aside the event it names (or the batch's only one) and pushes on;
    /// a refusal that names no event halves the batch until it does. False when it is not such an answer.
    bool setAsideRefused(const Response &r, const QStringList &sent);
    void deliverReplies();
    void finishCycle();
    /// @brief Ends the cycle on an error: transient ones are retried after the backoff delay.
    void failCycle(const QString &message, bool transient, int retryAfterS = -1);
    void failStore(const Error &error);
    /// @brief Handles what every route answers alike (401, transport errors, 5xx); false when it did.
    bool checkCommon(const Response &r, const QString &what);
    void dropToken(const QString &reason);
    void emitOutbox();
    QString accountKey() const;

    store::Store &m_store;
    QUrl m_server;
    Options m_options;
    QNetworkAccessManager *m_nam = nullptr;
    std::shared_ptr<QSslConfiguration> m_ssl; ///< set by setCaFile(): the default configuration plus its CAs
    TokenStore *m_tokens = nullptr;
    QString m_user;
    QString m_token;
    State m_state = State::Offline;
    QDateTime m_lastSync;
    Backoff m_backoff;
    QTimer m_timer;
    QTimer m_retryTimer;
    QTimer m_soonTimer;
    int m_batch = 500; ///< events per push in this cycle (halved when the server finds a batch too large)
    bool m_busy = false;
    bool m_again = false;
    quint64 m_epoch = 0; ///< bumped on logout/drop: answers to older requests are ignored
    SyncReport m_report;
    QSet<QString> m_triedReplies; ///< replies attempted in this cycle (each at most once per cycle)
    QSet<QNetworkReply *> m_inflight;
};

} // namespace understudy::sync

Q_DECLARE_METATYPE(understudy::sync::SyncReport)

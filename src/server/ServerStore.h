// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerDb.h"
#include "Statistics.h"

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace understudy::engine {
class LearnedState;
}

namespace understudy::server {

/// @brief Roles, ordered: a higher role may do what a lower one may.
enum class Role { Agent = 1, Lead = 2, Admin = 3 };
QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

struct User {
    QString name;
    Role role = Role::Agent;
    bool disabled = false;
    QString createdAt;
    QString team; ///< empty: none
};

struct LoginCandidate {
    User user;
    QString passwordHash;
};

/// @brief Who a bearer token belongs to.
struct Session {
    QString name;
    Role role = Role::Agent;
    QDateTime expiresAt;
};

/// @brief One signed-in session of a user (a live token), as an admin lists it: @ref id is the first 16 hex
/// digits of the token's stored hash, enough to revoke it and nothing to sign in with.
struct SessionInfo {
    QString id;
    QDateTime createdAt;
    QDateTime expiresAt;
};

/// @brief An entry of the append-only audit log of account and role changes.
struct AuditEntry {
    qint64 seq = 0;
    QDateTime at;
    QString actor;  ///< the account that did it, or "cli:<unix user>" for the server's command line
    QString action; ///< user_added, user_disabled, user_enabled, user_deleted, role_changed, password_reset,
                    ///< password_changed, sessions_revoked
    QString target; ///< the account it was done to
    QString team;   ///< the target's team at the time (empty: none)
    QJsonObject detail;
};

struct Change {
    qint64 seq = 0;
    QString kind; ///< "ticket", "article", "event"
    QString id;
    QJsonObject data;
    QString dataText; ///< data already serialised (compact), when the writer has it; else derived from data
};

struct ChangesPage {
    QList<Change> changes;      ///< without data: changes() does not parse the stored JSON, see dataJson
    QList<QByteArray> dataJson; ///< each change's data as stored (compact JSON, UTF-8), in the order of changes
    qint64 cursor = 0;
    bool more = false;
};

/// @brief A batch of events for ServerStore::ingestPrepared() with all the work that needs no database done
/// (ServerStore::prepareEvents(), on the request's thread), so the one ingest writer only runs SQL.
struct PreparedEvents {
    QStringList ids;             ///< the answer: every id of the batch, in batch order, without duplicates
    QList<FeedbackEvent> events; ///< the events of @ref ids, in the same order
    QList<QString> texts;        ///< each event as stored and served (compact JSON)
    /// The events' column values (kColumns per event, see ServerStore.cpp) but open_ms, which needs the database.
    QVariantList values;
    /// What the events add to the rollups, summed by key, without the open → send shares (which need open_ms).
    QList<RollupRow> rollups;
    /// The events' learned-state delta.
    std::shared_ptr<const engine::LearnedState> learned;
};

/// @brief A page of the stored correction log, in id order.
struct EventLogPage {
    QList<QJsonObject> events;
    QString next; ///< the last id of the page: pass it as after= for the next one
    bool more = false;
};

struct ImportCounts {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
};

struct ClaimResult {
    enum class Outcome { Claimed, NotFound, Conflict };
    Outcome outcome = Outcome::Claimed;
    QString claimedBy;
};

struct ReplyResult {
    enum class Outcome { Created, Replayed, NotFound, Conflict, KeyReused };
    Outcome outcome = Outcome::Created;
    QJsonObject answer;
    QString claimedBy;
};

/// @brief A helpdesk the server pulls tickets from and delivers replies to (issue 17). The secret is only read by
/// the poller; nothing prints it and no API route returns it.
struct HelpdeskIntegration {
    QString name;
    QString kind; ///< "rt", …
    QString baseUrl;
    QString user;
    QString secret;
    QJsonObject settings; ///< the connector's other settings (queue, tagsField, markerField, timezone)
    QString cursor;
    qint64 lastPollMs = 0;
    QString lastError;
};

/// @brief A reply waiting for (or done with) delivery to a helpdesk.
struct HelpdeskDelivery {
    QString key; ///< the reply's idempotency key
    QString integration;
    QString ticketId;
    QString externalTicketId;
    QString author;
    QString body;
    QDateTime createdAt;
    QString state; ///< "queued", "delivered", "failed"
    int attempts = 0;
    QString externalId;
    QString lastError;
};

/// @brief Limits for failed logins, per account and per address, over a sliding window: up to the limit,
/// attempts are free; from there each further failure doubles the wait after the latest one, starting at
/// firstDelaySeconds and never above windowSeconds.
struct LoginLimits {
    int perAccount = 5;
    int perAddress = 20;
    qint64 windowSeconds = 300;
    qint64 firstDelaySeconds = 1;
};

/// @brief Everything the server stores, as operations; each write is one transaction, and each write the team
/// must see appends to the changes feed inside that transaction.
class ServerStore {
public:
    explicit ServerStore(ServerDb &db) : m_db(db) {}

    ServerDb &db() { return m_db; }
    /// @brief Brings the schema to the latest version (ServerDb::migrate) with the steps that need more than SQL.
    Status migrate();

    // Accounts. Every change is audited (auditLog()) in its own transaction, by @p actor.
    Status addUser(const QString &name, Role role, const QString &passwordHash, const QString &team = {},
                   const QString &actor = cliActor());
    Result<QList<User>> users();
    Result<std::optional<User>> user(const QString &name);
    /// @brief Disables the account and revokes its tokens; nullopt when there is no such user.
    Result<std::optional<User>> disableUser(const QString &name, const QString &actor = cliActor());
    /// @brief Enables a disabled account again (an admin who disabled themselves, from the CLI).
    Result<std::optional<User>> enableUser(const QString &name, const QString &actor = cliActor());
    /// @brief Removes the account, its tokens and its failed logins; its events stay in the log. False when
    /// there was none.
    Result<bool> deleteUser(const QString &name, const QString &actor = cliActor());
    /// @brief Sets role and team; nullopt when there is no such user.
    Result<std::optional<User>> setRole(const QString &name, Role role, const QString &team,
                                        const QString &actor = cliActor());
    /// @brief Replaces the password hash and revokes every token of the user but @p keepTokenHash (the session
    /// that changed its own password); audited as @p action (password_reset or password_changed). False when
    /// there is no such user.
    Result<bool> setPassword(const QString &name, const QString &passwordHash, const QString &action,
                             const QString &actor = cliActor(), const QString &keepTokenHash = {});
    /// @brief The user's live sessions, newest first.
    Result<QList<SessionInfo>> sessions(const QString &name);
    /// @brief Revokes the session @p id of @p name, or all of them when @p id is empty; returns how many.
    Result<int> revokeSessions(const QString &name, const QString &id, const QString &actor = cliActor());
    /// @brief Entries after @p afterSeq in order, at most @p limit; only those about team @p team when set.
    Result<QList<AuditEntry>> auditLog(qint64 afterSeq, int limit, const QString &team);
    /// @brief "cli:<unix user>": who changes accounts from the server's command line.
    static QString cliActor();
    Result<std::optional<LoginCandidate>> loginCandidate(const QString &name);

    // Failed logins (rate limiting, shared by every server process through the database)
    /// @brief Takes one login attempt for @p name from @p address, atomically across threads and processes:
    /// 0 when allowed, and the attempt then counts as a failure until clearFailedLogins() (a success) removes
    /// it; else the seconds to wait, and nothing is counted.
    Result<qint64> beginLoginAttempt(const QString &name, const QString &address, const LoginLimits &limits);
    Status clearFailedLogins(const QString &name);

    // Tokens (only hashes are stored)
    Status storeToken(const QString &tokenHash, const QString &name, const QDateTime &expiresAt);
    /// @brief The session of a live token of an enabled user; nullopt for unknown, expired or revoked tokens.
    Result<std::optional<Session>> session(const QString &tokenHash);
    Status revokeToken(const QString &tokenHash);

    // Sync
    Result<ChangesPage> changes(qint64 since, int limit);
    /// @brief Stores each event whose id is new (the agent already set by the caller), folds the new events into
    /// the team's learned state and appends the changed records to the feed (with the events themselves when
    /// inFeed()); returns every id of the batch, in batch order, without duplicates.
    Result<QStringList> ingestEvents(const QList<FeedbackEvent> &events);
    /// @brief The part of ingestEvents() that needs no database; safe on any thread.
    static PreparedEvents prepareEvents(const QList<FeedbackEvent> &events);
    /// @brief Stores the batches of @p group in one transaction as if one after the other (ingestEvents() of
    /// each: an event already stored, or stored by an earlier batch of the group, is skipped). Each batch's
    /// answer is its PreparedEvents::ids.
    Status ingestPrepared(const QList<const PreparedEvents *> &group);
    /// @brief Whether events of @p kind travel the changes feed themselves: sends (a teammate's reply teaches
    /// every client's answer bank), escalations and flag resolutions. The others (shown, regenerated, rejected,
    /// flagged) reach the team as learned-state records and the statistics only.
    static bool inFeed(FeedbackEvent::Kind kind);
    /// @brief The stored events with ids after @p after, in id order; only those of agents in @p team when set.
    Result<EventLogPage> eventLog(const QString &after, int limit, const QString &team);

    // Tickets and knowledge
    Result<QList<QJsonObject>> tickets(const QString &status, int limit, int offset);
    Result<std::optional<QJsonObject>> ticket(const QString &id);
    Result<ClaimResult> claim(const QString &ticketId, const QString &agent);
    Result<ReplyResult> reply(const QString &ticketId, const QString &agent, const QString &key, const QString &text,
                              const QString &eventId);
    Result<std::optional<QJsonObject>> article(const QString &id);
    Result<ImportCounts> importArticles(const QList<Article> &articles, const QString &origin);
    Result<ImportCounts> importTickets(const QList<Ticket> &tickets);
    // Helpdesk integrations (issue 17)
    /// @brief Stores a new integration; an Invalid error when the name is taken.
    Status addIntegration(const HelpdeskIntegration &integration);
    /// @brief Every integration, secrets included (for the poller only).
    Result<QList<HelpdeskIntegration>> integrations();
    /// @brief Removes it; false when there was none.
    Result<bool> removeIntegration(const QString &name);
    /// @brief One pulled page in one transaction: the tickets (as importTickets(), each remembered as coming from
    /// @p integration with its helpdesk id), then the integration's cursor and poll state. @p lastError is empty
    /// when the page had no bad item.
    Result<ImportCounts> importHelpdeskPage(const QString &integration, const QList<QPair<Ticket, QString>> &tickets,
                                            const QString &cursor, const QString &lastError);
    /// @brief Records a failed poll (the cursor stays).
    Status recordPollError(const QString &integration, const QString &message);
    /// @brief Queued deliveries whose next attempt is due at @p nowMs, oldest first.
    Result<QList<HelpdeskDelivery>> dueDeliveries(qint64 nowMs, int limit);
    Result<std::optional<HelpdeskDelivery>> delivery(const QString &key);
    Status markDelivered(const QString &key, const QString &externalId);
    /// @brief A failed attempt: queued again for @p nextAttemptMs, or, when @p permanent, failed for good.
    Status markDeliveryFailed(const QString &key, const QString &error, bool permanent, qint64 nextAttemptMs);

    /// @brief True when there are no tickets and no articles (for --demo).
    Result<bool> contentEmpty();

    /// @brief The stored event with this id, nullopt when there is none.
    Result<std::optional<FeedbackEvent>> event(const QString &id);

private:
    /// @brief UPDATE users SET @p setSql (its values @p binds) for @p name and audits it, in one transaction; the
    /// user as it is then, nullopt when there is none. @p revokeTokens also ends the user's sessions.
    Result<std::optional<User>> updateUser(const char *reason, const QString &name, const QString &setSql,
                                           const QVariantList &binds, const QString &actor, const QString &action,
                                           const QJsonObject &detail, bool revokeTokens = false);
    /// @brief Appends to the audit log inside the caller's transaction; the team is read from @p target's row.
    Status audit(const QString &actor, const QString &action, const QString &target, const QJsonObject &detail = {});
    /// @brief importTickets()'s work inside the caller's transaction; appends the changes to @p changes.
    Status importTicketsIn(const QList<Ticket> &tickets, ImportCounts &counts, QList<Change> &changes);
    /// @brief Appends @p changes to the feed under the next sequence numbers. @p last: the transaction's last
    /// write, run with its COMMIT (ServerDb::execAtCommit), one round trip less while the feed's lock is held.
    Status appendChanges(const QList<Change> &changes, bool last = false);
    /// @brief Adds @p delta to the learned-state records held in the feed (kind "learned", one per key): the
    /// records it touches are replaced by their new totals, appended to @p changes. @p lock: takes the feed's
    /// lock first (ServerDb::lockChangesAnd), in the round trip of the first read.
    Status foldLearned(const engine::LearnedState &delta, QList<Change> &changes, bool lock = false);
    /// @brief Looks @p keys (agent, ticket) up in ticket_opens and sets the first-seen times found in @p opens.
    Status readOpens(const QList<QPair<QString, QString>> &keys, QHash<QPair<QString, QString>, qint64> &opens);

    ServerDb &m_db;
};

} // namespace understudy::server

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"

#include <understudy/Result.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace understudy::store {

/// @brief A helpdesk this store pulls from and delivers to without a server (`understudyctl helpdesk add`). The
/// secret is not here: it is in the keyring.
struct LocalHelpdesk {
    QString name;
    QString kind; ///< "rt", "zendesk", "freshdesk"
    QString baseUrl;
    QString user;
    QJsonObject settings; ///< queue, id_prefix, report_tags (default true), …
    QString ticketCursor;
    QString articleCursor;
    QDateTime lastPullAt; ///< invalid before the first pull
    QString lastError;    ///< of the latest pull, empty when it went well
};

/// @brief Something an agent's event owes a helpdesk: the reply of a send ("reply"), a report-back tag ("tag") or an
/// escalation's hand-off ("escalate").
struct HelpdeskAction {
    QString eventId; ///< also the reply's idempotency key
    QString action;  ///< "reply", "tag", "escalate"
    QString integration;
    QString ticketId; ///< the local ticket
    QString externalTicketId;
    QString body; ///< reply: the text; tag: the tag; escalate: the event's reason (the rules' reasons)
    QDateTime createdAt;
    QString state; ///< "queued", "done", "failed"
    int attempts = 0;
    QDateTime nextAttemptAt; ///< queued: not before this (invalid: at once)
    QString lastError;       ///< queued: why the latest try failed (it is retried); failed: the helpdesk's reason
    QString externalId;      ///< done reply: the helpdesk's id of the message
    QDateTime doneAt;
};

/// @brief The local store's helpdesk integrations and delivery outbox (issue 17, the standalone path): a small
/// repository over the store's Database (schema v11, Migrations.cpp). Rows of the outbox are made by a trigger when
/// an event of a helpdesk ticket enters the event outbox (Store::recordReply, Store::recordEvent), in the same
/// transaction, so a send is never recorded without what it owes the helpdesk. A reply's final outcome is also
/// written to reply_deliveries (Store::replyDelivery), the state the client keeps for every send.
class DeliveryOutbox {
public:
    explicit DeliveryOutbox(Database &db) : m_db(db) {}

    /// @brief Stores a new integration; Invalid when the name is taken.
    Status addIntegration(const LocalHelpdesk &helpdesk);
    Result<QList<LocalHelpdesk>> integrations();
    Result<std::optional<LocalHelpdesk>> integration(const QString &name);
    /// @brief Removes the integration and its ticket map (queued actions stay, and wait for it to come back);
    /// false when there is none of that name.
    Result<bool> removeIntegration(const QString &name);
    /// @brief Stores where the pulls stand and how the latest went (empty @p error: well). Call inside the
    /// transaction that stores the page the cursor passed.
    Status setTicketCursor(const QString &name, const QString &cursor);
    Status setArticleCursor(const QString &name, const QString &cursor);
    Status recordPull(const QString &name, const QString &error);
    /// @brief Remembers that local ticket @c first is @p name's ticket @c second (kept across re-imports).
    Status mapTickets(const QString &name, const QList<std::pair<QString, QString>> &tickets);
    /// @brief The helpdesk ticket of local @p ticketId: (integration, external id), or nullopt.
    Result<std::optional<std::pair<QString, QString>>> helpdeskTicket(const QString &ticketId);

    /// @brief Queued actions due at @p now (all integrations, or @p integration's), oldest first; a ticket's reply
    /// comes before its tags.
    Result<QList<HelpdeskAction>> due(const QDateTime &now, int limit, const QString &integration = {});
    /// @brief Every action of @p ticketId's events, oldest first (for the agent's view).
    Result<QList<HelpdeskAction>> actionsOfTicket(const QString &ticketId);
    Result<std::optional<HelpdeskAction>> action(const QString &eventId, const QString &action);
    /// @brief Counts by state ("queued", "done", "failed").
    Result<QList<std::pair<QString, qint64>>> stateCounts();

    /// @brief The helpdesk has it (@p externalId: the message's id there), in one transaction with the reply's
    /// reply_deliveries row.
    Status markDone(const QString &eventId, const QString &action, const QString &externalId);
    /// @brief A try failed: @p permanent ends the action as "failed" (and a reply's reply_deliveries row), else it
    /// stays queued until @p nextAttempt. @p error is the helpdesk's reason, shown to the agent.
    Status markFailed(const QString &eventId, const QString &action, const QString &error, bool permanent,
                      const QDateTime &nextAttempt);
    /// @brief The agent asks again: a failed (or waiting) action is queued and due now; NotFound when there is
    /// none, Invalid when it is done.
    Status retry(const QString &eventId, const QString &action);

private:
    Result<QList<HelpdeskAction>> readActions(Statement &q);
    Database &m_db;
};

} // namespace understudy::store

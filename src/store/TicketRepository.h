// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "StoreTypes.h"

#include <functional>
#include <optional>

namespace understudy::store {

class SettingsRepository;

/// @brief Tickets, their customers and messages (and the answer-bank entries resolved tickets make). See the
/// Store methods of the same names.
class TicketRepository {
public:
    using Progress = std::function<void(qsizetype done, qsizetype total)>;

    TicketRepository(Database &db, SettingsRepository &settings) : m_db(db), m_settings(settings) {}

    Result<ImportReport> importTickets(const QList<Ticket> &tickets, const QString &origin,
                                       const Progress &progress = {});
    Result<std::optional<Ticket>> ticket(const QString &id);
    Result<QList<Ticket>> tickets(const QString &status, int limit, bool withMessages);
    Result<QList<Ticket>> customerHistory(const QString &customerId, const QString &exceptTicket, int limit);
    Result<bool> exists(const QString &id);
    /// @brief Appends @p text as the agent's latest message at @p at and marks the ticket resolved (inside the
    /// caller's transaction).
    Status appendAgentReply(const QString &ticketId, const QString &text, const QDateTime &at);

private:
    Result<QList<Message>> messagesOf(const QString &ticketId);
    /// @brief Reads the messages of each of @p tickets.
    Status fillMessages(QList<Ticket> &tickets);
    Result<QList<Ticket>> ticketsOf(const Result<Statement *> &q);

    Database &m_db;
    SettingsRepository &m_settings;
};

} // namespace understudy::store

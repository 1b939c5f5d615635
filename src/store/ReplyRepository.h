// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "StoreTypes.h"

#include <optional>

namespace understudy::store {

/// @brief The replies committed sends owe the server, and where each stands (table reply_deliveries, whose rows
/// a trigger adds for every send). See the Store methods of the same names.
class ReplyRepository {
public:
    explicit ReplyRepository(Database &db) : m_db(db) {}

    Result<QList<PendingReply>> pending(int limit);
    Status noteAttempt(const QString &eventId);
    Status markDelivered(const QString &eventId, const QString &replyId);
    Status markRefused(const QString &eventId, const QString &state, const QString &detail);
    Result<std::optional<ReplyDelivery>> delivery(const QString &eventId);

private:
    Database &m_db;
};

} // namespace understudy::store

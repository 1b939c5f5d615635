// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "StoreTypes.h"

#include <optional>

namespace understudy::store {

/// @brief Drafts, the append-only correction log, its outbox (with the events set aside) and the events held
/// back for a reason. See the Store methods of the same names.
class EventRepository {
public:
    explicit EventRepository(Database &db) : m_db(db) {}

    Status saveDraft(const Draft &draft);
    Result<std::optional<Draft>> latestDraft(const QString &ticketId);
    Result<bool> wasShown(const QString &ticketId, const QString &draftId);

    /// @brief Inserts @p event and its outbox row inside the caller's transaction; false if the id was held.
    Result<bool> append(const FeedbackEvent &event);
    /// @brief Inserts @p event from the server, stamped synced at @p now, without an outbox row, inside the
    /// caller's transaction; false if the id was held.
    Result<bool> appendRemote(const FeedbackEvent &event, const QString &now);
    Status record(const FeedbackEvent &event);
    Status hold(const FeedbackEvent &event);
    Result<FeedbackEvent> recordHeld(const QString &eventId, const QString &reason);
    Result<int> recordAllHeld();
    Result<QList<FeedbackEvent>> events(const QString &ticketId);

    Result<QList<FeedbackEvent>> outbox(int limit);
    Result<qint64> outboxSize();
    Status acknowledge(const QStringList &eventIds);
    Status setAside(const QString &eventId, int status, const QString &detail);
    Result<QList<SetAsideEvent>> setAsideEvents(int limit);
    Result<qint64> setAsideCount();

private:
    Database &m_db;
};

} // namespace understudy::store

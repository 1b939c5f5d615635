// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "StoreTypes.h"

#include <QSet>

#include <optional>

namespace understudy::store {

/// @brief The agent's queue: pages of tickets under a QueueQuery, read only. Over the store's own connection, or
/// over a read connection of its own (the client reads slow pages on a worker thread: SQLite in WAL mode lets a
/// reader run beside the writer). See the Store methods of the same names.
class QueueRepository {
public:
    explicit QueueRepository(Database &db) : m_db(db) {}

    Result<QList<QueueRow>> page(const QueueQuery &query, int offset, int limit);
    Result<std::optional<QueueRow>> row(const QString &ticketId);
    Result<qint64> size(const QueueQuery &query);
    /// @brief Which of @p ticketIds have a draft flagged as a bad answer (in the log, or held for its reason).
    Result<QSet<QString>> flaggedAmong(const QStringList &ticketIds);
    /// @brief Whether @p query's order has no index to walk (customer and tier): SQLite reads and sorts every
    /// ticket that passes for each page (about 100-250 ms at 100k tickets, bench_app --queue-sorts), so such
    /// pages belong off the GUI thread. The other orders walk an index (3-16 ms).
    static bool sortsEveryRow(const QueueQuery &query);

private:
    Database &m_db;
};

} // namespace understudy::store

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerStore.h"

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QList>
#include <QStringList>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace understudy::server {

/// @brief Group commit for POST /events: batches are stored by one writer thread, and batches that arrive while
/// it stores one are stored together, in one ServerStore::ingestEvents() transaction.
///
/// Writers of events take turns anyway (SQLite has one writer; on PostgreSQL every writer of the changes feed
/// takes the feed's lock), so a batch that would only wait for the lock is stored in the next transaction
/// along with the others that waited, and the per-transaction costs (begin, commit, the feed's sequence, the
/// pages of the indexes the commit writes) are paid once for all of them. One thread with one connection does
/// all of it, so SQLite's page cache of that connection stays valid from one commit to the next (a connection
/// drops its cache when another one wrote since its last transaction). Nothing waits for company: a batch
/// that arrives when the writer is idle is stored at once, alone.
///
/// Each request is answered as if it had been stored alone: the ids of its own batch that the store
/// acknowledged, in its order, without duplicates. When a combined transaction fails, each batch of the group
/// is tried again on its own, so one batch can never make another fail.
class IngestQueue {
public:
    explicit IngestQueue(ServerStore &store, qsizetype maxEventsPerTransaction = 5000);
    ~IngestQueue();
    IngestQueue(const IngestQueue &) = delete;
    IngestQueue &operator=(const IngestQueue &) = delete;

    /// @brief Stores @p events (validated, agent set) and returns the acknowledged ids, as ingestEvents() does.
    /// Blocks until they are stored (or failed). What needs no database (ServerStore::prepareEvents()) is done
    /// on the calling thread first, so the writer only runs SQL.
    Result<QStringList> ingest(const QList<FeedbackEvent> &events);

private:
    struct Pending {
        const PreparedEvents *events;
        std::optional<Status> result;
    };

    void run();
    /// One outcome per batch of @p group, in its order; runs without the lock.
    std::vector<Status> storeGroup(const std::vector<Pending *> &group);

    ServerStore &m_store;
    const qsizetype m_maxEvents;
    std::mutex m_mutex;
    std::condition_variable m_work; ///< the writer waits here for batches
    std::condition_variable m_done; ///< requests wait here for their answers
    std::deque<Pending *> m_queue;
    bool m_stopping = false;
    std::thread m_writer;
};

} // namespace understudy::server

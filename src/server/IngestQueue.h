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
///
/// On PostgreSQL several writers (kPostgresWriters, each with its own connection) store groups side by side:
/// an ingest transaction takes the feed's lock only for its last steps (ServerStore::ingestPrepared), so the
/// round trips of one group overlap those of the others, and a batch that arrives while every writer is busy
/// joins the next group. SQLite has one writer at a time anyway, so one writer there.
class IngestQueue {
public:
    /// Writers on PostgreSQL. Chosen on bench_server against one PostgreSQL (200 agents, 10,000 events/s offered,
    /// 2 cores under load, back to back): 4 writers took 7,560 events/s where 1 took 4,615; 2 and 4 were alike
    /// with 32 request threads.
    static constexpr int kPostgresWriters = 4;

    /// @param writers 0: kPostgresWriters on PostgreSQL, 1 on SQLite.
    explicit IngestQueue(ServerStore &store, qsizetype maxEventsPerTransaction = 5000, int writers = 0);
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
    std::vector<std::thread> m_writers;
};

} // namespace understudy::server

// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestQueue.h"

namespace understudy::server {

std::vector<Status> IngestQueue::storeGroup(const std::vector<Pending *> &group)
{
    QList<const PreparedEvents *> batches;
    batches.reserve(qsizetype(group.size()));
    for (const Pending *p : group)
        batches << p->events;
    Status st = m_store.ingestPrepared(batches);
    if (st || group.size() == 1)
        return std::vector<Status>(group.size(), st);
    // Nothing of the group was stored (one transaction): each batch on its own, so it fails alone if at all.
    std::vector<Status> out;
    out.reserve(group.size());
    for (const PreparedEvents *p : std::as_const(batches))
        out.push_back(m_store.ingestPrepared({p}));
    return out;
}

IngestQueue::IngestQueue(ServerStore &store, qsizetype maxEventsPerTransaction, int writers)
    : m_store(store), m_maxEvents(maxEventsPerTransaction)
{
    if (writers <= 0)
        writers = store.db().isPostgres() ? kPostgresWriters : 1;
    for (int i = 0; i < writers; ++i)
        m_writers.emplace_back([this] { run(); });
}

IngestQueue::~IngestQueue()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work.notify_all();
    for (std::thread &w : m_writers)
        w.join(); // each stores what is queued first: a request that got in is answered
}

Result<QStringList> IngestQueue::ingest(const QList<FeedbackEvent> &events)
{
    const PreparedEvents prepared = ServerStore::prepareEvents(events);
    Pending me{&prepared, std::nullopt};
    std::unique_lock lock(m_mutex);
    if (m_stopping)
        return Error::make(Error::Code::Busy, QStringLiteral("the server is shutting down"));
    m_queue.push_back(&me);
    m_work.notify_one();
    m_done.wait(lock, [&] { return me.result.has_value(); });
    if (!*me.result)
        return me.result->error();
    // Every id of the batch: the new ones were stored, the others were held already.
    return prepared.ids;
}

void IngestQueue::run()
{
    (void)m_store.db().connection(); // opened now rather than by the first batch (an error shows up again there)
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_work.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and nothing left
        // Whatever waits, oldest first, up to the size cap (at least one batch).
        std::vector<Pending *> group;
        qsizetype n = 0;
        while (!m_queue.empty() && (group.empty() || n + m_queue.front()->events->ids.size() <= m_maxEvents)) {
            n += m_queue.front()->events->ids.size();
            group.push_back(m_queue.front());
            m_queue.pop_front();
        }
        lock.unlock();
        std::vector<Status> results;
        try {
            results = storeGroup(group);
        } catch (const std::exception &e) { // e.g. bad_alloc: these batches fail, the writer goes on
            results.clear();
            for (size_t i = 0; i < group.size(); ++i)
                results.push_back(Error::make(
                    Error::Code::Generic, QStringLiteral("ingest failed: %1").arg(QString::fromLocal8Bit(e.what()))));
        }
        lock.lock(); // answers are handed over under the lock: the requests read them under it
        for (size_t i = 0; i < group.size(); ++i)
            group[i]->result.emplace(std::move(results[i]));
        m_done.notify_all();
    }
}

} // namespace understudy::server

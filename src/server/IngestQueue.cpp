// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestQueue.h"

#include <QSet>

namespace understudy::server {

namespace {

/// The ids of @p events that @p acknowledged holds, in batch order, without duplicates: what ingestEvents()
/// answers for this batch stored alone.
QStringList answerFor(const QList<FeedbackEvent> &events, const QSet<QString> &acknowledged)
{
    QStringList ids;
    QSet<QString> seen;
    for (const FeedbackEvent &e : events) {
        if (seen.contains(e.id) || !acknowledged.contains(e.id))
            continue;
        seen.insert(e.id);
        ids << e.id;
    }
    return ids;
}

} // namespace

std::vector<Result<QStringList>> IngestQueue::storeGroup(const std::vector<Pending *> &group)
{
    std::vector<Result<QStringList>> out;
    out.reserve(group.size());
    if (group.size() == 1) {
        out.emplace_back(m_store.ingestEvents(*group.front()->events));
        return out;
    }
    QList<FeedbackEvent> all;
    qsizetype n = 0;
    for (const Pending *p : group)
        n += p->events->size();
    all.reserve(n);
    for (const Pending *p : group)
        all += *p->events;
    auto ids = m_store.ingestEvents(all);
    if (!ids) {
        // Nothing of the group was stored (one transaction): each batch on its own, so it fails alone if at all.
        for (const Pending *p : group)
            out.emplace_back(m_store.ingestEvents(*p->events));
        return out;
    }
    const QSet<QString> acknowledged(ids->cbegin(), ids->cend());
    for (const Pending *p : group)
        out.emplace_back(answerFor(*p->events, acknowledged));
    return out;
}

IngestQueue::IngestQueue(ServerStore &store, qsizetype maxEventsPerTransaction)
    : m_store(store), m_maxEvents(maxEventsPerTransaction), m_writer([this] { run(); })
{
}

IngestQueue::~IngestQueue()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work.notify_all();
    m_writer.join(); // stores what is queued first: a request that got in is answered
}

Result<QStringList> IngestQueue::ingest(const QList<FeedbackEvent> &events)
{
    Pending me{&events, std::nullopt};
    std::unique_lock lock(m_mutex);
    if (m_stopping)
        return Error::make(Error::Code::Busy, QStringLiteral("the server is shutting down"));
    m_queue.push_back(&me);
    m_work.notify_one();
    m_done.wait(lock, [&] { return me.result.has_value(); });
    return std::move(*me.result);
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
        while (!m_queue.empty() && (group.empty() || n + m_queue.front()->events->size() <= m_maxEvents)) {
            n += m_queue.front()->events->size();
            group.push_back(m_queue.front());
            m_queue.pop_front();
        }
        lock.unlock();
        std::vector<Result<QStringList>> results;
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

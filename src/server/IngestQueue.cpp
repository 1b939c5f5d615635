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

void IngestQueue::storeGroup(const std::vector<Pending *> &group)
{
    if (group.size() == 1) {
        group.front()->result.emplace(m_store.ingestEvents(*group.front()->events));
        return;
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
        for (Pending *p : group)
            p->result.emplace(m_store.ingestEvents(*p->events));
        return;
    }
    const QSet<QString> acknowledged(ids->cbegin(), ids->cend());
    for (Pending *p : group)
        p->result.emplace(answerFor(*p->events, acknowledged));
}

Result<QStringList> IngestQueue::ingest(const QList<FeedbackEvent> &events)
{
    Pending me{&events, std::nullopt};
    std::unique_lock lock(m_mutex);
    m_queue.push_back(&me);
    for (;;) {
        if (me.result)
            return std::move(*me.result);
        if (m_storing) {
            m_done.wait(lock);
            continue;
        }
        // No transaction running: this thread stores what waits, oldest first, up to the size cap (at least one).
        m_storing = true;
        std::vector<Pending *> group;
        qsizetype n = 0;
        while (!m_queue.empty() && (group.empty() || n + m_queue.front()->events->size() <= m_maxEvents)) {
            n += m_queue.front()->events->size();
            group.push_back(m_queue.front());
            m_queue.pop_front();
        }
        lock.unlock();
        try {
            storeGroup(group);
        } catch (...) {
            // e.g. bad_alloc: answer every waiter, never leave one blocked; the caller reports this one.
            lock.lock();
            for (Pending *p : group)
                if (!p->result)
                    p->result.emplace(Error::make(Error::Code::Generic, QStringLiteral("ingest failed")));
            std::erase(m_queue, &me); // when this thread's own batch was not in the group
            m_storing = false;
            m_done.notify_all();
            throw;
        }
        lock.lock();
        m_storing = false;
        m_done.notify_all();
    }
}

} // namespace understudy::server

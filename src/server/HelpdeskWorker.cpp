// SPDX-License-Identifier: GPL-3.0-or-later
#include "HelpdeskWorker.h"

#include "Helpdesk.h"
#include "ServerStore.h"

#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace understudy::connectors;

namespace understudy::server {

Q_LOGGING_CATEGORY(lcHelpdesk, "understudy.server.helpdesk", QtInfoMsg)

struct HelpdeskWorker::Cycle {
    struct Entry {
        HelpdeskIntegration integration;
        std::unique_ptr<HelpdeskConnector> connector; ///< null when the settings are unusable
        std::unique_ptr<sync::HelpdeskExecutor> executor;
    };
    std::vector<Entry> entries;
    qsizetype current = 0;
    QList<HelpdeskDelivery> due;
    std::function<void()> done;
};

namespace {

HelpdeskConfig configOf(const HelpdeskIntegration &i)
{
    HelpdeskConfig c;
    c.kind = i.kind;
    c.baseUrl = i.baseUrl;
    c.user = i.user;
    c.secret = i.secret;
    const auto text = [&](const char16_t *key, QString &field) {
        if (i.settings.contains(QStringView(key)))
            field = i.settings.value(QStringView(key)).toString();
    };
    text(u"id_prefix", c.idPrefix);
    text(u"queue", c.queue);
    text(u"tags_field", c.tagsField);
    text(u"marker_field", c.markerField);
    text(u"timezone", c.timezone);
    return c;
}

/// @brief Stores the poll error for `helpdesk list`; a store that cannot take it is logged, not ignored.
void recordPollError(ServerStore &store, const QString &name, const QString &message)
{
    if (auto st = store.recordPollError(name, message); !st)
        qCWarning(lcHelpdesk) << "helpdesk" << name << "poll error not recorded:" << st.error().message;
}

} // namespace

HelpdeskWorker::HelpdeskWorker(ServerStore &store, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_options(std::move(options))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { runOnce(); });
    connect(this, &HelpdeskWorker::cycleFinished, this, [this] {
        if (m_options.pollSeconds > 0 && m_timer.property("started").toBool())
            m_timer.start(m_options.pollSeconds * 1000);
    });
}

HelpdeskWorker::~HelpdeskWorker() = default;

void HelpdeskWorker::start()
{
    m_timer.setProperty("started", true);
    runOnce();
}

void HelpdeskWorker::runOnce(std::function<void()> done)
{
    if (m_running) {
        if (done)
            done();
        return;
    }
    auto integrations = m_store.integrations();
    if (!integrations) {
        qCWarning(lcHelpdesk) << "helpdesk integrations could not be read:" << integrations.error().message;
        if (done)
            done();
        Q_EMIT cycleFinished();
        return;
    }
    m_running = true;
    auto cycle = std::make_shared<Cycle>();
    cycle->done = std::move(done);
    for (const HelpdeskIntegration &i : *integrations) {
        Cycle::Entry e;
        e.integration = i;
        auto connector = makeHelpdeskConnector(configOf(i));
        if (connector) {
            e.connector = std::move(connector).value();
            e.executor = std::make_unique<sync::HelpdeskExecutor>(QUrl(i.baseUrl), m_options.http);
        } else {
            qCWarning(lcHelpdesk) << "helpdesk" << i.name << ":" << connector.error().toString();
            recordPollError(m_store, i.name, connector.error().toString());
        }
        cycle->entries.push_back(std::move(e));
    }
    nextIntegration(cycle);
}

void HelpdeskWorker::nextIntegration(const std::shared_ptr<Cycle> &cycle)
{
    while (cycle->current < qsizetype(cycle->entries.size()) && !cycle->entries[cycle->current].connector)
        ++cycle->current;
    if (cycle->current >= qsizetype(cycle->entries.size())) {
        deliver(cycle);
        return;
    }
    pull(cycle, cycle->current, 1);
}

void HelpdeskWorker::pull(const std::shared_ptr<Cycle> &cycle, qsizetype index, int page)
{
    Cycle::Entry &e = cycle->entries[index];
    std::shared_ptr<HelpdeskCall<TicketPage>> call =
        e.connector->pullTickets(HelpdeskCursor{e.integration.cursor}, m_options.pageSize);
    e.executor->run(call, [this, cycle, index, page, call](HelpdeskStatus st) {
        Cycle::Entry &e = cycle->entries[index];
        const QString name = e.integration.name;
        if (!st) {
            qCWarning(lcHelpdesk).noquote() << "helpdesk" << name << "pull failed:" << st.error().toString();
            recordPollError(m_store, name, st.error().toString());
            ++cycle->current;
            nextIntegration(cycle);
            return;
        }
        TicketPage p = call->take();
        QList<QPair<Ticket, QString>> tickets;
        for (const HelpdeskTicket &t : std::as_const(p.tickets))
            tickets.append({t.ticket, t.externalId});
        QStringList errors;
        for (const ItemError &ie : std::as_const(p.itemErrors)) {
            // One bad item never stops the rest: it is logged with its id and passed.
            qCWarning(lcHelpdesk).noquote() << "helpdesk" << name << "item" << ie.itemId << ":" << ie.error.toString();
            errors << ie.error.toString();
        }
        auto counts = m_store.importHelpdeskPage(name, tickets, p.next.value, errors.join(u"; "_s));
        if (!counts) {
            qCWarning(lcHelpdesk) << "helpdesk" << name << "page not stored:" << counts.error().message;
            ++cycle->current;
            nextIntegration(cycle);
            return;
        }
        e.integration.cursor = p.next.value;
        if (!p.tickets.isEmpty() || !p.itemErrors.isEmpty())
            qCInfo(lcHelpdesk) << "helpdesk" << name << "page" << page << ":" << counts->added << "added,"
                               << counts->updated << "updated," << counts->unchanged << "unchanged,"
                               << p.itemErrors.size() << "unreadable";
        if (p.more && page < m_options.maxPagesPerCycle) {
            pull(cycle, index, page + 1);
            return;
        }
        ++cycle->current;
        nextIntegration(cycle);
    });
}

void HelpdeskWorker::deliver(const std::shared_ptr<Cycle> &cycle)
{
    auto due = m_store.dueDeliveries(QDateTime::currentMSecsSinceEpoch(), m_options.deliveryBatch);
    if (!due) {
        qCWarning(lcHelpdesk) << "delivery outbox could not be read:" << due.error().message;
        finishCycle(cycle);
        return;
    }
    cycle->due = *due;
    deliverOne(cycle, 0);
}

void HelpdeskWorker::deliverOne(const std::shared_ptr<Cycle> &cycle, qsizetype index)
{
    if (index >= cycle->due.size()) {
        finishCycle(cycle);
        return;
    }
    const HelpdeskDelivery d = cycle->due.at(index);
    const auto entry = std::find_if(cycle->entries.begin(), cycle->entries.end(),
                                    [&](const Cycle::Entry &e) { return e.integration.name == d.integration; });
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (entry == cycle->entries.end() || !entry->connector) {
        // The integration was removed or is broken: keep the reply queued, it is not lost.
        const QString why = u"the helpdesk \"%1\" is not configured"_s.arg(d.integration);
        if (auto m = m_store.markDeliveryFailed(d.key, why, false, now + qint64(m_options.retryCapSeconds) * 1000); !m)
            qCWarning(lcHelpdesk) << "delivery" << d.key << "(" << why << ") not recorded:" << m.error().message;
        deliverOne(cycle, index + 1);
        return;
    }
    OutgoingReply reply;
    reply.ticketExternalId = d.externalTicketId;
    reply.body = d.body;
    reply.idempotencyKey = d.key;
    reply.createdAt = d.createdAt;
    reply.authorName = d.author;
    reply.statusAfter = u"resolved"_s; // the server's own copy is resolved by the reply (ServerStore::reply)
    std::shared_ptr<HelpdeskCall<PostedReply>> call = entry->connector->postReply(reply, true);
    entry->executor->run(call, [this, cycle, index, d, call](HelpdeskStatus st) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (st) {
            const PostedReply posted = call->take();
            if (auto m = m_store.markDelivered(d.key, posted.externalId); !m)
                qCWarning(lcHelpdesk) << "delivery" << d.key << "posted but not recorded:" << m.error().message;
            else
                qCInfo(lcHelpdesk) << "delivery" << d.key << "to" << d.integration << "ticket" << d.externalTicketId
                                   << (posted.alreadyThere ? "was already there" : "delivered");
            if (!posted.warning.isEmpty())
                qCWarning(lcHelpdesk).noquote() << posted.warning;
        } else {
            const HelpdeskError &e = st.error();
            const sync::DeliveryRetry r = sync::deliveryRetry(e, d.attempts, m_options.retryBaseSeconds,
                                                              m_options.retryCapSeconds, m_options.maxAttempts);
            qCWarning(lcHelpdesk).noquote()
                << "delivery" << d.key << (r.permanent ? "failed:" : "will be retried:") << e.toString();
            if (auto m = m_store.markDeliveryFailed(d.key, e.toString(), r.permanent, now + r.waitSeconds * 1000); !m)
                // The delivery stays as it was (queued, due): it is tried again next cycle, looked up first.
                qCWarning(lcHelpdesk) << "delivery" << d.key << "failure not recorded:" << m.error().message;
        }
        deliverOne(cycle, index + 1);
    });
}

void HelpdeskWorker::pullTicket(const QString &integration, const QString &externalId)
{
    const auto finish = [this, integration, externalId](bool ok) { Q_EMIT ticketPulled(integration, externalId, ok); };
    auto all = m_store.integrations();
    if (!all) {
        qCWarning(lcHelpdesk) << "webhook of" << integration
                              << ": integrations could not be read:" << all.error().message;
        return finish(false);
    }
    const auto it =
        std::find_if(all->cbegin(), all->cend(), [&](const HelpdeskIntegration &i) { return i.name == integration; });
    if (it == all->cend())
        return finish(false);
    auto made = makeHelpdeskConnector(configOf(*it));
    if (!made) {
        qCWarning(lcHelpdesk).noquote() << "webhook of" << integration << ":" << made.error().toString();
        return finish(false);
    }
    std::shared_ptr<HelpdeskConnector> connector = std::move(made).value();
    // Parented to the worker and deleted later: the executor must outlive the answer it is handing out.
    auto *executor = new sync::HelpdeskExecutor(QUrl(it->baseUrl), m_options.http, nullptr, this);
    std::shared_ptr<HelpdeskCall<HelpdeskTicket>> call = connector->fetchTicket(externalId);
    executor->run(call, [this, executor, connector, call, integration, externalId, finish](HelpdeskStatus st) {
        executor->deleteLater();
        if (!st) {
            qCWarning(lcHelpdesk).noquote()
                << "webhook of" << integration << ": ticket" << externalId << "not pulled:" << st.error().toString();
            return finish(false);
        }
        const HelpdeskTicket t = call->take();
        // The cursor as it stands now (a cycle may have moved it meanwhile), so storing the page leaves it as it is.
        QString cursor;
        if (auto now = m_store.integrations(); now) {
            for (const HelpdeskIntegration &i : std::as_const(*now))
                if (i.name == integration)
                    cursor = i.cursor;
        } else {
            qCWarning(lcHelpdesk) << "webhook of" << integration << ": cursor not read:" << now.error().message;
            return finish(false);
        }
        auto counts = m_store.importHelpdeskPage(integration, {{t.ticket, t.externalId}}, cursor, {});
        if (!counts) {
            qCWarning(lcHelpdesk) << "webhook of" << integration << ": ticket" << externalId
                                  << "not stored:" << counts.error().message;
            return finish(false);
        }
        qCInfo(lcHelpdesk) << "webhook of" << integration << ": ticket" << externalId << "pulled"
                           << (counts->added     ? "(new)"
                               : counts->updated ? "(updated)"
                                                 : "(unchanged)");
        finish(true);
    });
}

void HelpdeskWorker::finishCycle(const std::shared_ptr<Cycle> &cycle)
{
    m_running = false;
    if (cycle->done)
        cycle->done();
    Q_EMIT cycleFinished();
}

} // namespace understudy::server

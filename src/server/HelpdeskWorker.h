// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HelpdeskExecutor.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace understudy::connectors {
class HelpdeskConnector;
}

namespace understudy::server {

class ServerStore;
struct HelpdeskIntegration;

/// @brief The server's side of the helpdesk integrations (issue 17): every cycle it pulls each integration's changed
/// tickets page by page (each page stored with its cursor in one transaction, so a killed server resumes where the
/// last stored page ended) and then delivers the queued replies of the delivery outbox. A delivery always looks
/// for the reply in the helpdesk first (its idempotency key, else author + text + time window) and posts only when
/// it is not there, so a server killed between "posted" and "recorded as delivered" never posts twice.
///
/// One cycle at a time, on the thread that owns the worker; the HTTP work is asynchronous (HelpdeskExecutor).
/// Logs counts and errors, never a secret or a message body.
class HelpdeskWorker : public QObject {
    Q_OBJECT
public:
    struct Options {
        int pollSeconds = 10;      ///< between the end of one cycle and the start of the next
        int pageSize = 100;        ///< tickets per pull page
        int maxPagesPerCycle = 50; ///< a long backlog is pulled over several cycles, deliveries in between
        int deliveryBatch = 100;   ///< due deliveries per cycle
        int retryBaseSeconds = 10; ///< first retry of a failed delivery; doubles per attempt
        int retryCapSeconds = 3600;
        int maxAttempts = 20; ///< then the delivery fails for good (the agent sees why)
        sync::HelpdeskExecutorOptions http;
    };

    HelpdeskWorker(ServerStore &store, Options options, QObject *parent = nullptr);
    ~HelpdeskWorker() override;

    /// @brief Runs a cycle now and then every Options::pollSeconds.
    void start();
    /// @brief Runs one cycle unless one is running; @p done is called when it ends (or at once if one runs).
    void runOnce(std::function<void()> done = {});
    /// @brief Pulls one ticket of @p integration now (a webhook named it), besides the cycles: stored as a page of one
    /// with the integration's cursor as it stands (the incremental pull still passes the ticket in its turn).
    void pullTicket(const QString &integration, const QString &externalId);

Q_SIGNALS:
    void cycleFinished();
    /// @brief pullTicket() ended: @p ok false when the ticket could not be pulled or stored (logged).
    void ticketPulled(const QString &integration, const QString &externalId, bool ok);

private:
    struct Cycle;
    void nextIntegration(const std::shared_ptr<Cycle> &cycle);
    void pull(const std::shared_ptr<Cycle> &cycle, qsizetype index, int page);
    void deliver(const std::shared_ptr<Cycle> &cycle);
    void deliverOne(const std::shared_ptr<Cycle> &cycle, qsizetype index);
    void finishCycle(const std::shared_ptr<Cycle> &cycle);

    ServerStore &m_store;
    Options m_options;
    QTimer m_timer;
    bool m_running = false;
};

} // namespace understudy::server

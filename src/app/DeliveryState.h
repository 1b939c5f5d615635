// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QWidget>

class QVBoxLayout;

namespace understudy::store {
class Store;
}

namespace understudy::app {

/// @brief Where each reply the agent sent on the shown ticket stands (issue 17): queued, delivered, retrying with the
/// helpdesk's reason, or failed with it (then a Retry button queues it again). Reads the local store: a connected
/// helpdesk's delivery outbox (store::DeliveryOutbox, filled by `understudyctl helpdesk push`), else the reply owed to
/// the server (Store::replyDelivery). Hidden when the ticket has no sent reply.
class DeliveryState : public QWidget {
    Q_OBJECT
public:
    explicit DeliveryState(QWidget *parent = nullptr);

    /// @brief Shows the delivery of @p ticketId's sent replies, read from @p store (kept for Retry and refresh()).
    void showTicket(store::Store &store, const QString &ticketId);
    /// @brief Reads the shown ticket's state again.
    void refresh();
    void clear();

    /// @brief The lines shown, one per reply, oldest first (for tests and accessibility).
    QStringList lines() const;

Q_SIGNALS:
    /// @brief The store could not be read or written; for the message bar.
    void errorOccurred(const QString &message);

private:
    void retry(const QString &eventId);

    store::Store *m_store = nullptr;
    QString m_ticketId;
    QVBoxLayout *m_rows;
    QStringList m_lines;
};

} // namespace understudy::app

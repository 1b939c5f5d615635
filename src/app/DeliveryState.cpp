// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeliveryState.h"

#include "DeliveryOutbox.h"
#include "Store.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace understudy::app {

DeliveryState::DeliveryState(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"deliveryState"_s);
    m_rows = new QVBoxLayout(this);
    m_rows->setContentsMargins(0, 4, 0, 0);
    m_rows->setSpacing(2);
    hide();
}

void DeliveryState::showTicket(store::Store &store, const QString &ticketId)
{
    m_store = &store;
    m_ticketId = ticketId;
    refresh();
}

void DeliveryState::clear()
{
    m_store = nullptr;
    m_ticketId.clear();
    refresh();
}

QStringList DeliveryState::lines() const
{
    return m_lines;
}

void DeliveryState::refresh()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        if (QLayout *l = item->layout()) {
            while (QLayoutItem *inner = l->takeAt(0)) {
                delete inner->widget();
                delete inner;
            }
        }
        delete item->widget();
        delete item;
    }
    m_lines.clear();
    if (!m_store || m_ticketId.isEmpty()) {
        hide();
        return;
    }
    auto events = m_store->events(m_ticketId);
    if (!events) {
        Q_EMIT errorOccurred(tr("Cannot read the replies' delivery: %1").arg(events.error().toString()));
        hide();
        return;
    }
    store::DeliveryOutbox outbox(m_store->db());
    const QLocale locale;
    for (const FeedbackEvent &e : std::as_const(*events)) {
        if (!FeedbackEvent::isSend(e.kind))
            continue;
        const QString when = locale.toString(e.at.toLocalTime(), QLocale::ShortFormat);
        QString text;
        bool canRetry = false;
        QString state;
        auto helpdesk = outbox.action(e.id, u"reply"_s);
        if (helpdesk && helpdesk->has_value()) {
            const store::HelpdeskAction &a = **helpdesk;
            state = a.state;
            if (a.state == u"done"_s) {
                text = tr("Reply of %1: delivered to %2").arg(when, a.integration);
            } else if (a.state == u"failed"_s) {
                text = tr("Reply of %1: not delivered to %2 — %3").arg(when, a.integration, a.lastError);
                canRetry = true;
            } else if (!a.lastError.isEmpty()) {
                text = a.nextAttemptAt.isValid()
                           ? tr("Reply of %1: will be retried after %2 (attempt %3 failed — %4)")
                                 .arg(when, locale.toString(a.nextAttemptAt.toLocalTime(), QLocale::ShortFormat))
                                 .arg(a.attempts)
                                 .arg(a.lastError)
                           : tr("Reply of %1: queued again for %2 (last try failed — %3)")
                                 .arg(when, a.integration, a.lastError);
                state = u"retrying"_s;
            } else {
                text = tr("Reply of %1: queued for %2").arg(when, a.integration);
            }
        } else {
            auto server = m_store->replyDelivery(e.id);
            if (!server || !server->has_value())
                continue; // a send recorded from a teammate: nothing owed from here
            const store::Store::ReplyDelivery &d = **server;
            state = d.state;
            if (d.state == u"delivered"_s)
                text = tr("Reply of %1: delivered to the server").arg(when);
            else if (d.state == u"conflict"_s)
                text = tr("Reply of %1: not sent — the ticket was claimed by %2").arg(when, d.detail);
            else if (d.state == u"failed"_s)
                text = tr("Reply of %1: refused by the server — %2").arg(when, d.detail);
            else
                text = tr("Reply of %1: queued for the server").arg(when);
        }
        auto *row = new QHBoxLayout;
        auto *label = new QLabel(text, this);
        label->setObjectName(u"deliveryLine"_s);
        label->setProperty("deliveryState", state);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        row->addWidget(label, 1);
        if (canRetry) {
            auto *button = new QPushButton(tr("Retry"), this);
            button->setObjectName(u"deliveryRetry"_s);
            button->setToolTip(tr("Queue this reply again; the next delivery run tries it"));
            const QString id = e.id;
            connect(button, &QPushButton::clicked, this, [this, id] { retry(id); });
            row->addWidget(button);
        }
        m_rows->addLayout(row);
        m_lines << text;
    }
    setVisible(!m_lines.isEmpty());
}

void DeliveryState::retry(const QString &eventId)
{
    if (!m_store)
        return;
    store::DeliveryOutbox outbox(m_store->db());
    if (auto s = outbox.retry(eventId, u"reply"_s); !s)
        Q_EMIT errorOccurred(tr("Cannot queue the reply again: %1").arg(s.error().toString()));
    // After the click's own handling: refresh() deletes the button that was clicked.
    QMetaObject::invokeMethod(this, &DeliveryState::refresh, Qt::QueuedConnection);
}

} // namespace understudy::app

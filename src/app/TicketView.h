// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QTextBrowser;

namespace understudy::app {

/// @brief The selected ticket: the conversation, the customer (name, tier, previous tickets with their
/// outcome) and what the customer says they already tried.
class TicketView : public QWidget {
    Q_OBJECT
public:
    explicit TicketView(QWidget *parent = nullptr);

    void showTicket(const Ticket &ticket, const QList<Ticket> &history);
    void showAlreadyTried(const QStringList &tried);
    void clear();

    /// @brief The conversation as HTML (escaped message bodies).
    static QString conversationHtml(const Ticket &ticket);

private:
    void applyColours();

    std::optional<Ticket> m_shown;
    QLabel *m_subject;
    QTextBrowser *m_thread;
    QLabel *m_customer;
    QLabel *m_tier;
    QListWidget *m_history;
    QLabel *m_tried;
};

} // namespace understudy::app

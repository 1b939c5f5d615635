// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QSet>

namespace understudy::engine {

/// @brief What the engine reads from a ticket before drafting.
struct ReadTicket {
    QString subject;
    QString text;          ///< the latest customer message(s), quoted history and signatures removed
    QString queryText;     ///< text without the "already tried" clauses: what to search with
    QString language;      ///< the ticket's, else a guess
    QStringList alreadyTried; ///< the customer's own phrases ("restarted the app")
    QSet<QString> triedActions; ///< canonical actions behind them ("restart", "clear-cache")
};

/// @brief Reads tickets: cleans the latest customer text and finds what the customer already tried.
class TicketReader {
public:
    static ReadTicket read(const Ticket &ticket);
    /// @brief Removes quoted replies ("> …", "On … wrote:") and signatures ("-- ", "Sent from my iPhone").
    static QString stripQuotesAndSignature(const QString &body);
    /// @brief The customer's "I already …" statements, as short phrases.
    /// @param remainder receives the text without those statements.
    static QStringList alreadyTried(const QString &text, QString *remainder = nullptr);
    /// @brief Canonical troubleshooting actions mentioned in @p text ("restart", "clear-cache", "reinstall", …).
    static QSet<QString> actionsIn(const QString &text);
};

} // namespace understudy::engine

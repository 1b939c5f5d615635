// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QSet>

namespace understudy::engine {

/// @brief What the engine reads from a ticket before drafting.
struct ReadTicket {
    QString subject;
    QString text;          ///< the latest customer message(s), quoted history and signatures removed
    /// What to search with: text without the "already tried" clauses; for a follow-up, followed (after a blank
    /// line) by earlierText, so "and on my iPad?" is searched with the question it continues.
    QString queryText;
    QString language;      ///< the ticket's, else a guess
    QStringList alreadyTried; ///< the customer's own phrases ("restarted the app")
    QSet<QString> triedActions; ///< canonical actions behind them ("restart", "clear-cache")
    /// The customer's turns before the last agent message, oldest first, cleaned like text; empty when the
    /// conversation has no agent message yet.
    QString earlierText;
    /// What the agents already wrote in this ticket, oldest first: each message without quoted history, greeting,
    /// sign-off and signature. The draft should not say it again (see alreadySaid()).
    QString agentSaid;
    /// The latest text only makes sense with what came before: an agent already replied, and the text is short
    /// (fewer than kFollowUpTerms content terms), opens like a continuation ("and …", "what about …", "et …",
    /// "und …", "y …") or leans on pronouns ("does that work there too?"). A bare thank-you is not a follow-up.
    bool followUp = false;
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

    /// @brief A latest message with fewer content terms (Analyzer::terms: stop words out) than this is short
    /// enough to be read with the earlier turns. Chosen by hand, not tuned on any data: "and on my iPad?" has 1,
    /// "Does the export work on the mobile app too?" has 4 and stands on its own.
    static constexpr int kFollowUpTerms = 4;
    /// @brief Whether @p latest leans on the conversation before it (see ReadTicket::followUp; the caller checks
    /// that there is an earlier turn).
    static bool isFollowUp(const QString &latest);
    /// @brief @p body without a greeting line ("Hi Ana,", "Bonjour,"), quoted history, the sign-off and signature.
    static QString stripGreetingAndSignOff(const QString &body);
    /// @brief The statements in @p agentSaid (ReadTicket::agentSaid): its sentences and list items, trimmed, each
    /// of at least three words, in order.
    static QStringList alreadyAnswered(const QString &agentSaid);
    /// @brief How much of @p unit an agent already said: the largest share of @p unit's content terms that one
    /// statement of @p agentSaid contains, in [0,1] (0 when either is empty). 1 means every term of the unit is in
    /// one thing the agent wrote.
    static double alreadySaid(const QString &unit, const QString &agentSaid);
};

} // namespace understudy::engine

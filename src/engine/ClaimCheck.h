// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

namespace understudy::engine {

/// @brief What this ticket and its customer record support: a customer-specific fact taken from a source is kept
/// only when it is found here.
struct TicketFacts {
    QString text;      ///< the subject and every customer message of this ticket
    Customer customer; ///< this ticket's customer (name, e-mail, id, tier)

    static TicketFacts of(const Ticket &ticket);
};

/// @brief One unit of a source after the check.
struct CheckedUnit {
    QString text;                                          ///< customer-specific facts replaced by placeholders
    DraftSentence::Claim claim = DraftSentence::Claim::None; ///< what the unit (as written in the source) asserts
    bool drop = false;        ///< an action taken or promised for another customer: leave the unit out
    QStringList placeholders; ///< the placeholders put in ("[invoice number]"), in order
};

/// @brief The check stage of drafting: keeps what is general in a source (steps, policy, links, explanations),
/// and never lets a draft state an action nobody took for this customer or another customer's details.
class ClaimCheck {
public:
    /// @brief Checks one unit (a sentence, a list item, a numbered procedure) taken from a source.
    /// @param fromPastReply the unit comes from a reply written to another customer (an answer-bank source):
    /// actions stated as taken or promised ("I've cancelled…", "I'll refund…", "I checked…") are dropped,
    /// customer-specific facts (names, e-mails, phone numbers, card tails, amounts, dates, codes, order and invoice
    /// numbers) not found in @p facts become placeholders. Article and macro text keeps its actions (they describe
    /// what the product or team does in general) but gets the same fact check.
    /// @param sourceCustomer the customer the source was written to, when known (their name is never kept).
    static CheckedUnit check(const QString &unit, const TicketFacts &facts, bool fromPastReply,
                             const Customer &sourceCustomer = {});
    /// @brief What @p unit asserts: an action taken or promised for the reader, a customer-specific fact, or neither.
    static DraftSentence::Claim claimOf(const QString &unit);
    /// @brief The personal data in @p text that @p facts does not hold (e-mails, phone numbers, card tails,
    /// invoice/order numbers, @p knownNames): empty when none. For tests and the eval report.
    static QStringList foreignPersonalData(const QString &text, const TicketFacts &facts,
                                           const QStringList &knownNames = {});
};

} // namespace understudy::engine

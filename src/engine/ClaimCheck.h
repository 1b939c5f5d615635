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
    QString text;                                            ///< customer-specific facts replaced by placeholders
    DraftSentence::Claim claim = DraftSentence::Claim::None; ///< what the unit (as written in the source) asserts
    bool drop = false;        ///< an action taken or promised for another customer: leave the unit out
    QStringList placeholders; ///< the placeholders put in ("[invoice number]"), in order
};

/// @brief The check stage of drafting: keeps what is general in a source (steps, policy, links, explanations),
/// and never lets a draft state an action nobody took for this customer or another customer's details.
///
/// The rules, in the four languages of the project (en, fr, de, es):
/// - **Action**: the writer or their team did or will do something for the reader: a perfect or past tense
///   ("I've cancelled", "I checked", "we credited", "our billing team has processed", "J'ai annulé", "Ich habe …
///   storniert", "He cancelado"), a promise ("I'll refund", "I'm going to reset", "Je vais…", "Ich werde…",
///   "Voy a…", "Te enviaré…"), work in progress ("we're looking into it", "Estamos revisando"), looking at the
///   account ("I can see two charges", "I had a look"), or a passive of what a team does to an account ("your
///   subscription has been cancelled", "the refund has been issued"). Not actions: instructions, policy in the
///   present tense, a "we will" under a condition or inside a step of a procedure ("we'll email you a link when the
///   export is ready"), apologies, thanks, questions, offers ("I'd suggest…"), and the writer's own business
///   ("I submitted my form").
/// - **Facts** (in a past reply): e-mail addresses and mail domains, phone numbers, card tails and numbers, IBANs,
///   invoice/order/reference numbers, amounts (not prices: "$8 per member"), specific dates, times, quoted codes
///   and values after "code"/"error"/"message"…, quoted project or workspace names, IP addresses, and person names
///   found conservatively (the source customer's, after a greeting, thanks or title, beside "your colleague" /
///   "your success manager", after "asked"/"told"). Markdown links, URLs, placeholders, team addresses (support@,
///   privacy@, no-reply@…) and format examples after "e.g."/"for example" are never facts. A fact this ticket or
///   its customer record holds (compared without case and spaces; numbers by their digits, amounts by value, dates
///   by day and month) is kept; any other becomes a lower-case placeholder: [email], [email domain],
///   [phone number], [card ending], [card number], [bank account], [invoice number], [order number], [reference],
///   [amount], [date], [time], [code], [ip address], [name]. Placeholders are in English in every language.
/// - **Article and macro text** is written for every customer: its actions are kept and reported, and "we" there
///   (we/nous/wir/hemos) describes how the organisation works, not an action (only the writer's own "I…" and
///   passives about the reader's things count). Its prices, dates, times, codes and reference formats describe
///   the product and are kept; only a person's own identifiers are checked (e-mails at consumer mail providers —
///   other addresses there are the organisation's contact points or examples —, card tails, IBANs, a name after a
///   greeting or thanks), and only they make its claim Fact.
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
    /// Reads the unit as written to one customer (as a past reply); check() reads "we" in article text as the
    /// organisation's practice, so its claim can be None where this says Action.
    static DraftSentence::Claim claimOf(const QString &unit);
    /// @brief The personal data in @p text that @p facts does not hold (e-mails but not team addresses, phone
    /// numbers, card tails and numbers, IBANs, invoice/order/reference numbers, and @p knownNames matched as whole
    /// words with their capital): empty when none. For tests and the eval report.
    static QStringList foreignPersonalData(const QString &text, const TicketFacts &facts,
                                           const QStringList &knownNames = {});
};

} // namespace understudy::engine

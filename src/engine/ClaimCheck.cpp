// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClaimCheck.h"

using namespace Qt::StringLiterals;

namespace understudy::engine {

TicketFacts TicketFacts::of(const Ticket &ticket)
{
    QStringList parts{ticket.subject};
    for (const Message &m : ticket.messages) {
        if (m.author != "agent"_L1)
            parts << m.body;
    }
    return {parts.join(u'\n'), ticket.customer};
}

CheckedUnit ClaimCheck::check(const QString &unit, const TicketFacts &facts, bool fromPastReply,
                              const Customer &sourceCustomer)
{
    Q_UNUSED(facts);
    Q_UNUSED(sourceCustomer);
    CheckedUnit out;
    out.text = unit;
    out.claim = claimOf(unit);
    out.drop = fromPastReply && out.claim == DraftSentence::Claim::Action;
    return out;
}

DraftSentence::Claim ClaimCheck::claimOf(const QString &unit)
{
    Q_UNUSED(unit);
    return DraftSentence::Claim::None;
}

QStringList ClaimCheck::foreignPersonalData(const QString &text, const TicketFacts &facts,
                                            const QStringList &knownNames)
{
    Q_UNUSED(text);
    Q_UNUSED(facts);
    Q_UNUSED(knownNames);
    return {};
}

} // namespace understudy::engine

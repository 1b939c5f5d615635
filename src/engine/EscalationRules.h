// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>
#include <understudy/Types.h>

namespace understudy::engine {

/// @brief One rule of the lead-edited escalation file (see resources/rules/escalation.json).
struct EscalationRule {
    QString id;
    QString reason;      ///< shown in the banner
    QStringList phrases; ///< folded; any one matches ("refund*" matches word endings)
    QStringList unless;  ///< folded phrases that cancel a phrase match
    QStringList tiers;   ///< customer tiers that match on their own
    double minFrustration = -1; ///< matches at or above this frustration score
    QString handoff;     ///< macro id for the warm hand-off text
    bool draftHandoff = true; ///< false: still draft a normal answer, for a human to review first
};

/// @brief The escalation rules: which tickets go to a human first, and why.
class EscalationRules {
public:
    /// @brief Parses the rules JSON; errors name the rule and field.
    static Result<EscalationRules> fromJson(const QByteArray &data, const QString &fileName);
    static Result<EscalationRules> fromFile(const QString &path);
    /// @brief The rules shipped in resources/rules/escalation.json (compiled in).
    static EscalationRules defaults();

    /// @param text subject and customer text; @param tier the customer's; @param frustration in [0,1].
    /// @param handoff receives the hand-off macro id of the first matched rule that drafts a hand-off
    /// (empty when every matched rule wants a normal answer drafted).
    Escalation evaluate(const QString &text, const QString &tier, double frustration, QString *handoff = nullptr) const;
    const QList<EscalationRule> &rules() const { return m_rules; }

private:
    QList<EscalationRule> m_rules;
};

} // namespace understudy::engine

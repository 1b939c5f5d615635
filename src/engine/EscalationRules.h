// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QMap>

namespace understudy::engine {

/// @brief One rule of the lead-edited escalation file (see resources/rules/escalation.json).
///
/// The rule matches when its text condition (any of @ref phrases, or every group of @ref allOf within one
/// sentence, not cancelled by @ref unless), its tier or its frustration threshold matches — and, when it names
/// topics in @ref requiresTopic, the ticket also mentions one of them. Words alone escalated a driving-licence
/// refund as a refund of our product; the topic says what the ticket is about from the team's point of view.
struct EscalationRule {
    QString id;
    QString reason;             ///< shown in the banner
    QStringList phrases;        ///< folded; any one matches ("refund*" matches word endings)
    QList<QStringList> allOf;   ///< folded phrase groups; matches when one sentence has a phrase of every group
    QStringList unless;         ///< folded phrases that cancel a phrase or all_of match
    QStringList requiresTopic;  ///< topic names; when set, the rule only matches a ticket that mentions one of them
    QStringList tiers;          ///< customer tiers that match on their own
    double minFrustration = -1; ///< matches at or above this frustration score
    QString handoff;            ///< macro id for the warm hand-off text
    QString handoffGroup;       ///< handoff.group: the helpdesk group (RT: queue) an escalation moves the ticket to
    QString handoffPriority;    ///< handoff.priority: low, normal, high or urgent, set in the helpdesk on escalation
    bool draftHandoff = true;   ///< false: still draft a normal answer, for a human to review first
};

/// @brief The escalation rules: which tickets go to a human first, and why.
class EscalationRules {
public:
    /// @brief Parses the rules JSON; errors name the rule (or topic) and field.
    static Result<EscalationRules> fromJson(const QByteArray &data, const QString &fileName);
    static Result<EscalationRules> fromFile(const QString &path);
    /// @brief The rules shipped in resources/rules/escalation.json (compiled in).
    static EscalationRules defaults();

    /// @param text subject and customer text; @param tier the customer's; @param frustration in [0,1].
    /// @param handoff receives the hand-off macro id of the first matched rule that drafts a hand-off
    /// (empty when every matched rule wants a normal answer drafted).
    Escalation evaluate(const QString &text, const QString &tier, double frustration, QString *handoff = nullptr) const;
    /// @brief The names of the topics @p text mentions, in name order (for tests and explanations).
    QStringList topicsIn(const QString &text) const;

    const QList<EscalationRule> &rules() const { return m_rules; }
    /// @brief Topic name → folded context phrases (the file's "topics" section; empty in old files).
    const QMap<QString, QStringList> &topics() const { return m_topics; }

private:
    QList<EscalationRule> m_rules;
    QMap<QString, QStringList> m_topics;
};

} // namespace understudy::engine

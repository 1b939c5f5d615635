// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace understudy::app {

/// @brief The words the client shows for a draft's codes, in the interface language: the reasons behind its
/// confidence (DraftReason), why a unit needs checking (DraftSentence::check), the built-in escalation rules and
/// language names. The engine sends codes and English text; the text is only the fallback, for codes this client
/// does not know and for drafts stored before there were codes. Widget-free, so it is tested without a window.
class DraftText {
    Q_DECLARE_TR_FUNCTIONS(understudy::app::DraftText)
public:
    /// @brief @p reason in the interface language; @p english (the engine's text) when the code is unknown or its
    /// arguments are missing. @p escalation supplies the reason text of an "escalation" code's custom rules.
    static QString reason(const DraftReason &reason, const QString &english, const Escalation &escalation = {});
    /// @brief All of @p draft's reasons, translated where they have codes; `reasons` as is for an older draft.
    static QStringList reasons(const Draft &draft);
    /// @brief Why a unit with @p check code needs the agent's eye (shown on hover); empty when @p check is.
    static QString check(const QString &check);
    /// @brief A built-in escalation rule's reason (resources/rules/escalation.json) in the interface language.
    /// A rule the client does not know, or a built-in id whose rule file says something else (@p english differs
    /// from the built-in text), keeps @p english; the id itself when there is no text at all.
    static QString escalationRule(const QString &ruleId, const QString &english = {});
    /// @brief The reasons of @p escalation's matched rules, translated where the client knows the rule.
    static QStringList escalationReasons(const Escalation &escalation);
    /// @brief The name of the language with ISO 639-1 @p code for the interface (e.g. "German", "Deutsch",
    /// "allemand"); the code itself when QLocale does not know it.
    static QString languageName(const QString &code);
    /// @brief The banner shown when no source is in the customer's language; empty when @p draft has no mismatch.
    static QString languageMismatch(const Draft &draft);
};

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

class QTranslator;

namespace understudy::app {

/// @brief Picks the interface language and installs the matching translators (the client's own, embedded under
/// :/i18n, and Qt's qtbase catalogue when the system has it).
class Translations {
public:
    /// @brief The locale for a language override: empty means the system locale, otherwise a code such as "de".
    static QLocale localeFor(const QString &language);

    /// @brief Installs the translators for @p language (empty = system locale) on the running application,
    /// replacing any installed by an earlier call; English or an unknown language leaves the source strings.
    /// Returns true when a translation of the client was loaded.
    static bool apply(const QString &language);

    /// @brief Loads the client's translation for @p locale into a fresh translator owned by the caller;
    /// for tests and the language picker. Returns nullptr when there is none.
    static QTranslator *load(const QLocale &locale);
};

} // namespace understudy::app

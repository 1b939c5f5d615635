// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace understudy::engine {

/// @brief How frustrated a customer sounds, in [0,1], and what gave it away.
struct Frustration {
    double score = 0;
    QStringList signals; ///< e.g. "shouting", "threatens to cancel"
};

/// @brief A lexicon-and-cues frustration scorer (English, French, German, Spanish).
class Sentiment {
public:
    /// @param text the customer's latest text; @param priorContacts earlier tickets or messages on the same issue.
    static Frustration score(const QString &text, int priorContacts = 0);
};

} // namespace understudy::engine

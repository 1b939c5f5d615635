// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QJsonObject>

namespace understudy::engine {
class Engine;
}
namespace understudy::store {
class Store;
}

namespace understudy::cli {

/// @brief Figures of one replay run over a labelled test set.
struct ReplayReport {
    qsizetype trainTickets = 0;
    qsizetype testTickets = 0;
    double top1 = 0;                  ///< share of test tickets whose predicted intent is the label
    double top3 = 0;                  ///< label among the first three predictions
    double coverage = 0;              ///< share of drafts at or above the confidence threshold
    double accuracyCovered = 0;       ///< top-1 among those
    double intentCoverage = 0;        ///< share whose intent probability is at least 0.5 (routing could act on it)
    double intentAccuracyCovered = 0; ///< top-1 among those
    double escalationRate = 0;
    double meanConfidence = 0;
    double latencyP50 = 0, latencyP90 = 0, latencyP99 = 0, latencyMax = 0; ///< ms per draft
    double importSeconds = 0, loadSeconds = 0, draftSeconds = 0;
    QJsonObject toJson() const;
    QString toText() const;
};

/// @brief Drafts for every test ticket with the loaded @p engine and scores the drafts' intent.
Result<ReplayReport> evaluate(const engine::Engine &engine, store::Store &store, const QList<Ticket> &test);

} // namespace understudy::cli

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
    // With an out-of-scope label (EvaluationOptions::oosLabel):
    bool hasOos = false;
    double inScopeAccuracy = 0; ///< in-scope tickets with the right intent and no abstention
    double oosRecall = 0;       ///< out-of-scope tickets where the engine abstained (Draft::outOfScope) or escalated
    double oosPrecision = 0;    ///< abstentions that were out of scope
    double calibrationError = 0; ///< expected calibration error of the intent probability (10 bins)
    QJsonObject toJson() const;
    QString toText() const;
};

/// @brief How a replay scores abstention.
struct EvaluationOptions {
    QString oosLabel;         ///< test tickets with this label are out of scope (empty: none)
    double abstainBelow = 0;  ///< the engine also abstains when its intent probability is below this
};

/// @brief Drafts for every test ticket with the loaded @p engine and scores the drafts' intent.
Result<ReplayReport> evaluate(const engine::Engine &engine, store::Store &store, const QList<Ticket> &test,
                              const EvaluationOptions &options = {});

/// @brief The learning curve of a replay with learning.
struct LearningReport {
    struct Point {
        int perIntent = 0; ///< examples per intent seen (0 = the whole stream)
        qsizetype learned = 0;
        ReplayReport report;
    };
    QList<Point> points;
    qsizetype corrections = 0;
    double streamTop1 = 0; ///< share of stream items predicted right before being learned
    double learnSeconds = 0;
    QJsonObject toJson() const;
    QString toText() const;
};

/// @brief Replays @p train as agent corrections in stream order: the engine drafts for each ticket first,
/// then learns what the agent did (its intent label and reply go into the answer bank and the intent model).
/// At each checkpoint (examples per intent seen; 0 = all) the model is re-fitted and @p test evaluated.
/// Items beyond a checkpoint wait for the next one, so each point sees at most that many per intent.
Result<LearningReport> replayLearning(engine::Engine &engine, store::Store &store, const QList<Ticket> &train,
                                      const QList<Ticket> &test, QList<int> checkpoints,
                                      const EvaluationOptions &options);

} // namespace understudy::cli

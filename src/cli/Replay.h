// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QJsonObject>

#include <optional>

namespace understudy::engine {
class Engine;
}
namespace understudy::store {
class Store;
}

namespace understudy::cli {

/// @brief What the engine said about one test item (one line of `replay --predictions`).
struct ReplayPrediction {
    QString id;
    QString gold;            ///< the item's label
    QString predicted;       ///< the engine's top intent (empty: none)
    double probability = 0;  ///< Draft::intentProbability: what --oos-threshold and --sweep compare with
    bool outOfScope = false; ///< the engine abstained by itself (Draft::outOfScope)
    bool escalated = false;  ///< an escalation rule matched: reported apart, not an out-of-scope decision
    QStringList escalationRules;
    QList<Source> sources; ///< the first few, best first
    /// @brief One JSON object: the fields above, "abstained" (abstains()) and "right" (the top intent is the gold).
    QJsonObject toJson(const QString &oosLabel, double abstainBelow) const;
    /// @brief The item is predicted out of scope: the engine abstains, has no intent, predicts @p oosLabel or
    /// its probability is below @p abstainBelow. Escalation does not count.
    bool abstains(const QString &oosLabel, double abstainBelow) const;
};

/// @brief Gorodkin's multi-class Matthews correlation coefficient (R_K) of parallel gold and predicted labels:
/// (c·s − Σ p_k·t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)) with c right, s items, t_k and p_k the items of class k in gold
/// and in predictions. 0 when either side has a single class (the denominator is 0).
double multiClassMcc(const QStringList &gold, const QStringList &predicted);

/// @brief The figures of one abstention threshold in `replay --sweep`; out of scope is a class of its own.
struct SweepRow {
    double threshold = 0;
    double coverage = 0;                   ///< share of items not predicted out of scope
    double accuracy = 0;                   ///< share of items whose class (intent or out of scope) is right
    std::optional<double> inScopeAccuracy; ///< among in-scope items (none when there are none)
    std::optional<double> oosRecall;       ///< among out-of-scope items (none without an out-of-scope label or items)
    double mcc = 0;                        ///< multiClassMcc over the intents plus out of scope
    QJsonObject toJson() const;
};

/// @brief The sweep over abstention thresholds 0, 0.05, …, 0.95: an item is predicted out of scope when its
/// probability is below the threshold or the engine abstains (ReplayPrediction::abstains); gold is out of scope
/// when its label is @p oosLabel.
QList<SweepRow> sweepThresholds(const QList<ReplayPrediction> &predictions, const QString &oosLabel);
/// @brief The sweep as a table, one row per threshold.
QString sweepText(const QList<SweepRow> &rows);

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
    qsizetype escalated = 0; ///< items an escalation rule sends to a human (not counted as abstentions)
    qsizetype escalatedInScope = 0, escalatedOos = 0; ///< with an out-of-scope label: by gold
    double meanConfidence = 0;
    double latencyP50 = 0, latencyP90 = 0, latencyP99 = 0, latencyMax = 0; ///< ms per draft
    double importSeconds = 0, loadSeconds = 0, draftSeconds = 0;
    /// @brief The labelled questions the engine's store held and how many the intent model was fitted on (fewer only
    /// above EngineConfig::intentTextBudget; -1 when not loaded from a store, as with --learn).
    qsizetype labelledQuestions = -1, intentExamples = -1;
    // With an out-of-scope label (EvaluationOptions::oosLabel):
    bool hasOos = false;
    double inScopeAccuracy = 0; ///< in-scope tickets with the right intent and no abstention
    double oosRecall = 0;       ///< out-of-scope tickets where the engine abstained (ReplayPrediction::abstains)
    double oosPrecision = 0;    ///< abstentions that were out of scope
    double calibrationError = 0; ///< expected calibration error of the intent probability (10 bins)
    QList<ReplayPrediction> predictions; ///< one per test ticket, in test order (not part of toJson())
    QJsonObject toJson() const;
    QString toText() const;
};

/// @brief How a replay scores abstention.
struct EvaluationOptions {
    QString oosLabel;         ///< test tickets with this label are out of scope (empty: none)
    double abstainBelow = 0;  ///< the engine also abstains when its intent probability is below this
    int sourcesPerPrediction = 3; ///< sources kept in each ReplayPrediction
};

/// @brief Drafts for every test ticket with the loaded @p engine and scores the drafts' intent. Escalations are
/// counted apart: an escalated draft is scored on its intent like any other.
Result<ReplayReport> evaluate(const engine::Engine &engine, store::Store &store, const QList<Ticket> &test,
                              const EvaluationOptions &options = {});

/// @brief Writes one JSON line per item of @p predictions to @p path (replaced whole, or not at all).
Status writePredictions(const QString &path, const QList<ReplayPrediction> &predictions,
                        const EvaluationOptions &options);

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

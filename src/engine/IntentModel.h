// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

namespace understudy::engine {

/// @brief A linear intent classifier over word (1–2) and character (1–5) n-grams of the folded text.
///
/// Every example is learned at once with one multi-class passive-aggressive step (so a correction changes the
/// very next prediction) and kept; retrain() re-fits the weights from all kept examples with a few epochs of
/// averaged passive-aggressive updates in a seeded order. Same examples in the same order → the same weights,
/// bit for bit (no threads, no unordered iteration, our own shuffle).
///
/// Features are n-gram hashes mapped to dense ids on first sight (no collisions); weights are one dense row of
/// label scores per feature, so scoring a text touches only its own features.
class IntentModel {
public:
    /// Checked on validation data (BANKING77's fixed tenth of train, CLINC150 val; the score of DraftTuning's intent
    /// block, 0.9009 as set): C 0.5 / 2 → 0.8996 / 0.8975; epochs 3 / 8 / 10 / 12 → 0.8937 / 0.9035 / 0.9029 /
    /// 0.9038 (within the sets' noise of 5, at up to 2.4× the fitting time); temperature 0.1 / 0.3 → 0.8968 / 0.8991.
    struct Options {
        double aggressiveness = 1.0; ///< PA-II C: how far one example may move the weights
        int epochs = 5;              ///< passes over the examples in retrain()
        int charMin = 1, charMax = 5;
        double retrainGrowth = 1.3; ///< retrainIfDue() re-fits when the examples grew by this factor
        std::uint64_t seed = 0x5eed;
        double temperature = 0.2; ///< probability = softmax(score / temperature)
    };
    struct Scored {
        QString label;
        double score = 0;          ///< raw linear score
        double probability = 0;    ///< the top label's is calibrated (calibrate()); the rest share the remainder
        double rawProbability = 0; ///< softmax over all labels, uncalibrated
    };

    IntentModel() : IntentModel(Options{}) {}
    explicit IntentModel(Options options);

    /// @brief Learns that @p text has intent @p label (a new label is added) and keeps the example.
    /// Returns whether the model predicted it right before learning (for learning curves).
    bool learn(QStringView text, const QString &label);
    /// @brief Keeps an example without learning from it yet (bulk loads: add all, then retrain() once).
    void add(QStringView text, const QString &label);
    /// @brief Re-fits the weights from every example kept (deterministic).
    void retrain();
    /// @brief Fits the maps from the raw softmax probability of a label to how often such a label is right, on
    /// out-of-sample predictions (kCalibrationFolds models, each on the other folds' examples, predict their own
    /// fold; isotonic regression, with simulated questions on unseen topics, see kNovelShare): one map for the top
    /// label, one for the runners-up (a runner-up with the same raw probability is right less often, and the
    /// engine may still pick it when past tickets agree with it).
    /// Below kMinCalibrationExamples the raw probabilities are kept.
    void calibrate();
    bool isCalibrated() const { return !m_topCalibration.empty(); }
    /// @brief retrain() then calibrate(), the full fit on a second thread while the calibration's folds fit on this
    /// one (the same weights and maps, in about half the time on two cores; twice the fitting memory meanwhile).
    void retrainAndCalibrate();
    static constexpr std::size_t kMinCalibrationExamples = 100;
    /// @brief Calibration fits its fold models on at most this many examples.
    static constexpr std::size_t kCalibrationSample = 8000;
    /// @brief Each fold model learns from (folds - 1) / folds of the sample: closer to the full model than halves
    /// (whose calibration was over-confident on held-out data), for about three retrain()s.
    static constexpr int kCalibrationFolds = 4;
    /// @brief The runners-up map learns from this many labels after the top one in each prediction.
    static constexpr int kCalibrationRunnersUp = 3;
    /// @brief The share of questions about a topic no example covers yet that calibration assumes (one in twenty).
    /// Each fold model also misses an eighth of the labels; its guesses for their examples (all wrong, as for a
    /// new topic) weigh this much of the maps' data, so a label proposed with middling certainty is not trusted
    /// as if every question had a known answer. Validation (BANKING77's tenth of train, CLINC150 val): 1/40 / 1/20 /
    /// 1/10 → score 0.9002 / 0.9009 / 0.9000, CLINC150 out-of-scope recall 0.78 / 0.81 / 0.85, ECE 0.023 / 0.027 /
    /// 0.050.
    static constexpr double kNovelShare = 1.0 / 20;
    /// @brief From this many examples on, retrain() first drops n-grams seen in only one example.
    static constexpr std::size_t kPruneFrom = 2000;
    /// @brief retrain() keeps at most this many n-grams (the most frequent): weights are n-grams × labels floats.
    static constexpr std::size_t kMaxFeatures = 60000;
    /// @brief Only the first characters of a text make features.
    static constexpr qsizetype kMaxChars = 400;
    /// @brief Frees the kept examples (their features are most of the model's memory). The weights stay; learn()
    /// still updates them online, but retrain() and calibrate() do nothing from then on (rebuild to re-fit).
    void dropExamples();
    /// @brief Which labelled examples a bulk fit keeps when their texts exceed @p budget characters (each counts
    /// min(length, kMaxChars), about what its features cost in memory): every label keeps its most recent examples
    /// up to one shared count K, the largest K whose examples fit the budget (a label with fewer keeps all of its
    /// own, and every label keeps at least one). @p labels and @p chars are per example, oldest first; returns
    /// the kept indices in that order — all of them when the budget holds everything.
    static std::vector<std::size_t> balancedSample(std::span<const std::uint32_t> labels,
                                                   std::span<const std::uint32_t> chars, std::size_t budget);
    /// @brief retrain() when the examples grew by Options::retrainGrowth since the last one. Returns whether it did.
    bool retrainIfDue();

    /// @brief The @p k most likely labels, best first; empty before the first example.
    QList<Scored> predict(QStringView text, int k = 3) const;

    qsizetype exampleCount() const { return qsizetype(m_examples.size()); }
    qsizetype labelCount() const { return qsizetype(m_labels.size()); }
    qsizetype featureCount() const { return qsizetype(m_featureIds.size()); }
    const QList<QString> &labels() const { return m_labels; }
    std::size_t memoryBytes() const;

private:
    using Feature = std::pair<std::uint32_t, float>; ///< (feature id, value)
    using Features = std::vector<Feature>;           ///< one text's, L2-normalised per group
    using FeatureSpan = std::span<const Feature>;
    /// @brief A kept example: its label and its features' range in m_arena (one allocation for all examples,
    /// so dropping them really returns the memory).
    struct Example {
        std::uint32_t label = 0;
        std::size_t begin = 0, end = 0;
    };
    FeatureSpan featuresOf(const Example &e) const { return FeatureSpan(m_arena).subspan(e.begin, e.end - e.begin); }
    void keep(std::uint32_t label, const Features &f);

    /// @brief The n-gram hashes of @p text with their values (1 + log count, each group L2-normalised).
    std::vector<std::pair<std::uint64_t, float>> hashed(QStringView text) const;
    /// @brief Features of an example to learn: unseen n-grams get new ids (weight rows).
    Features features(QStringView text);
    /// @brief Features for a prediction: unseen n-grams are dropped.
    Features knownFeatures(QStringView text) const;
    void scores(FeatureSpan f, const std::vector<float> &w, std::vector<float> &out) const;
    std::uint32_t labelId(const QString &label);
    /// @brief Weights fitted on the examples at @p subset (indices), averaged PA in a seeded order.
    std::vector<float> fit(const std::vector<std::size_t> &subset) const;
    double topProbability(const std::vector<float> &score) const;
    /// @brief One out-of-sample prediction for calibration: its raw probability, 1 if right, and its weight.
    struct Outcome {
        double raw, right, weight;
    };
    /// @brief A non-decreasing step function (isotonic regression's blocks): upper raw probability of each step
    /// and the observed rate of right labels there. Below the lowest raw probability it was fitted on, it falls
    /// in proportion to zero (a history that never saw such doubt says nothing for it).
    struct StepMap {
        std::vector<double> bounds, values;
        double lowest = 0;
        bool empty() const { return bounds.empty(); }
        double operator()(double raw) const;
        static StepMap fit(std::vector<Outcome> outcomes);
    };
    void pruneRareFeatures();
    /// @brief retrain(), and with @p andCalibrate calibrate() beside it on this thread.
    void refit(bool andCalibrate);
    /// @brief One PA-II step on @p w given the example's current @p score; @p avgSum (may be null) accumulates
    /// step-weighted updates for averaging.
    void paStep(std::uint32_t label, FeatureSpan f, std::vector<float> &w, std::vector<float> *avgSum, double step,
                const std::vector<float> &score) const;

    Options m_options;
    QList<QString> m_labels;
    QHash<QString, std::uint32_t> m_labelIds;
    std::unordered_map<std::uint64_t, std::uint32_t> m_featureIds;
    std::vector<float> m_weights; ///< featureCount × labelCount, row-major
    std::vector<Example> m_examples;
    Features m_arena;
    std::size_t m_lastRetrain = 0;
    bool m_examplesDropped = false;
    StepMap m_topCalibration;    ///< raw probability of the top label → how often it is right
    StepMap m_runnerCalibration; ///< the same for the labels after it
    friend class EngineSnapshot; ///< saves and restores the fitted state
};

} // namespace understudy::engine

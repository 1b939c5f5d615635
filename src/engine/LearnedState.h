// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <algorithm>
#include <array>
#include <map>
#include <vector>

namespace understudy::engine {

/// @brief A source's ranking features by name. A Source carries them as values() (LearnedState::kRankFeatures
/// numbers, in this order), and the wire by these names (docs/protocol.md).
struct RankFeatures {
    enum class Kind { Answer, Article, Macro };
    double cosine = 0;      ///< the idf-weighted cosine with the question
    double relative = 0;    ///< the BM25 score relative to the best hit in its index
    double intentMatch = 0; ///< 1 when its topic is the ticket's predicted one
    Kind kind = Kind::Article;

    QList<double> values() const
    {
        return {cosine,
                relative,
                intentMatch,
                kind == Kind::Answer ? 1.0 : 0.0,
                kind == Kind::Article ? 1.0 : 0.0,
                kind == Kind::Macro ? 1.0 : 0.0};
    }
};

/// @brief What the team's corrections taught, as a fold over the feedback-event log: per-source reputation
/// (how often drafts built on a source were sent as they were, edited, rejected or flagged) and the record
/// of displayed confidence against what agents did, from which the displayed confidence is calibrated.
///
/// Every figure is a count or an integer sum, and the calibration map is a function of those counts alone, so
/// the fold does not depend on the order of the events: the same events give byte-identical serialize() output
/// (ordered maps), and merge() of two folds equals the fold of both logs. That is how the team shares it: the
/// server folds every agent's events and serves the state as parts() (one record per source, one for the
/// calibration) in its changes feed; a client sets those parts and folds on top only its own events the server
/// has not acknowledged yet.
class LearnedState {
public:
    /// @brief Counts of what agents did with drafts that cited one source (the draft's first source).
    struct SourceRecord {
        qint64 acted = 0;        ///< sent, edited, rejected or flagged
        qint64 sentAsIs = 0;
        qint64 sentLightEdit = 0; ///< sent with at least kLightEdit of the draft kept
        qint64 sentHeavyEdit = 0;
        qint64 rejected = 0;
        qint64 flagged = 0;
        qint64 outdated = 0; ///< rejects with reason outdated_information
    };

    /// @brief An edited send keeping at least this share of the draft counts as accepted ("no substantial edit").
    static constexpr double kLightEdit = 0.8;
    /// @brief Calibration starts once this many drafts have an outcome.
    static constexpr qint64 kMinCalibrationOutcomes = 50;

    /// @brief Folds one event. Shown and regenerated events carry no verdict and only count as seen.
    void apply(const FeedbackEvent &event);
    /// @brief Adds @p other's counts: the state of both logs.
    void merge(const LearnedState &other);

    /// @brief The ranking features of a candidate source (Source::features, in RankFeatures::values() order): its
    /// coverage of the question, its retrieval score relative to the best hit, whether its intent matches the
    /// ticket's, and its kind (answer, article, macro: one of them 1).
    static constexpr int kRankFeatures = 6;
    /// @brief The adjustment moves each weight by at most this much.
    static constexpr double kRankMaxShift = 0.5;
    /// @brief How much each ranking feature's weight moves (added to the engine's built-in ranking), learned
    /// pairwise from sends whose reply used a source the engine had ranked below others: kRankRate × the sum,
    /// over those pairs, of the used source's features minus the higher-ranked one's, divided by the sends with
    /// a known used source plus kRankPrior (so a ranking that is usually right moves little). Zero until then.
    std::array<double, kRankFeatures> rankAdjustment() const;
    /// @brief Sends whose used source was known (and had features).
    qint64 rankSends() const { return m_rankSends; }

    /// @brief One record as the server shares it: key "source:<kind>:<id>", "calibration" or "ranking", and its
    /// counts.
    struct Part {
        QString key;
        QJsonObject data;
    };
    static constexpr const char *kCalibrationKey = "calibration";
    static constexpr const char *kRankingKey = "ranking";
    /// @brief Every record, in key order (the calibration record only once an event was folded).
    QList<Part> parts() const;
    /// @brief Replaces one record with @p data (as parts() wrote it); an error naming the key and field when it is
    /// malformed, and then the state is unchanged.
    Status setPart(const QString &key, const QJsonObject &data);

    /// @brief Smoothed acceptance of drafts built on a source, in (0, 1); 0.5 for a source never acted on.
    /// A Beta(2, 2) prior: one flag on a fresh source already sinks it below neutral.
    double reputation(const QString &kind, const QString &id) const;
    /// @brief The ranking multiplier of a source: twice its reputation (1.0 is neutral), at most 1.5.
    /// One flag on a fresh source: 0.67; three: 0.4.
    double rankFactor(const QString &kind, const QString &id) const { return std::min(1.5, 2.0 * reputation(kind, id)); }
    const SourceRecord *record(const QString &kind, const QString &id) const;

    /// @brief The displayed confidence for a raw engine confidence: the observed acceptance of past drafts with
    /// similar raw confidence (isotonic fit over 20 bins, refitted with every outcome); @p raw itself until
    /// kMinCalibrationOutcomes drafts have an outcome.
    double calibrated(double raw) const;
    /// @brief Expected calibration error of calibrated() on the outcomes folded so far (10 bins).
    double calibrationError() const;
    qint64 outcomes() const { return m_outcomes; }

    qint64 eventsApplied() const { return m_events; }
    /// @brief A canonical byte form of the whole state (for hashing, persistence and comparison).
    QByteArray serialize() const;
    /// @brief SHA-256 of serialize(), hex.
    QByteArray hash() const;

private:
    static constexpr int kBins = 20;
    void refit();

    std::map<QString, SourceRecord> m_sources; ///< key "kind:id"; ordered, so serialisation is canonical
    qint64 m_events = 0;
    qint64 m_outcomes = 0;
    // Per raw-confidence bin: drafts with an outcome, accepted among them, sum of raw confidence (in 1e-6 units,
    // integers so the fold is exact whatever the order of additions).
    std::vector<qint64> m_binCount = std::vector<qint64>(kBins, 0);
    std::vector<qint64> m_binAccepted = std::vector<qint64>(kBins, 0);
    std::vector<qint64> m_binConfidence = std::vector<qint64>(kBins, 0);
    std::vector<double> m_map; ///< calibrated value per bin (isotonic), empty until kMinCalibrationOutcomes
    static constexpr double kRankRate = 0.5;
    static constexpr double kRankPrior = 20;
    qint64 m_rankSends = 0;
    qint64 m_rankPairs = 0;
    std::array<qint64, kRankFeatures> m_rankDiff{}; ///< summed feature differences, in 1e-6 units (exact sums)
};

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <algorithm>
#include <map>
#include <vector>

namespace understudy::engine {

/// @brief What the team's corrections taught, as a fold over the feedback-event log: per-source reputation
/// (how often drafts built on a source were sent as they were, edited, rejected or flagged) and the record
/// of displayed confidence against what agents did, from which the displayed confidence is calibrated.
///
/// apply() is the only writer. The same events in the same order give byte-identical serialize() output
/// (ordered maps, no floating-point sums that depend on hashing order), so a server and every client that
/// fold the same log hold the same state, and a test can compare hashes.
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

    /// @brief Smoothed acceptance of drafts built on a source, in (0, 1); 0.5 for a source never acted on.
    /// A Beta(2, 2) prior: one flag on a fresh source already sinks it below neutral.
    double reputation(const QString &kind, const QString &id) const;
    /// @brief The ranking multiplier of a source: twice its reputation (1.0 is neutral), at most 1.5.
    /// One flag on a fresh source: 0.67; three: 0.4.
    double rankFactor(const QString &kind, const QString &id) const { return std::min(1.5, 2.0 * reputation(kind, id)); }
    const SourceRecord *record(const QString &kind, const QString &id) const;
    /// @brief Sources with flags or outdated-information rejects, most flagged first (for leads).
    QList<std::pair<QString, SourceRecord>> sourcesToReview() const;

    /// @brief The displayed confidence for a raw engine confidence: the observed acceptance of past drafts with
    /// similar raw confidence (isotonic fit over 20 bins, refreshed as outcomes arrive); @p raw itself until
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
    std::vector<double> m_map; ///< calibrated value per bin (isotonic), empty until refit
    qint64 m_fittedAt = 0;
};

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Composer.h"
#include "DraftTuning.h"
#include "EscalationRules.h"
#include "IntentModel.h"
#include "InvertedIndex.h"
#include "LearnedState.h"

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QHash>

#include <atomic>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace understudy::store {
class Store;
struct Answer;
struct ChunkRow;
} // namespace understudy::store

namespace understudy::engine {

struct SnapshotReport;
struct UnitTrace;

/// @brief Tunables of the drafting engine.
struct EngineConfig {
    double lowConfidenceThreshold = 0.5; ///< below this a draft is marked low-confidence
    int answerCandidates = 30;           ///< answer-bank hits considered (and voting on the intent)
    int sourcesShown = 5;
    /// @brief The intent classifier fits at load on every labelled question while their texts hold at most this
    /// many characters (each counted up to IntentModel::kMaxChars): their n-gram features take about 12 bytes
    /// per character until the fit is done. Beyond it the sample is balanced, not most-recent: every label keeps
    /// its most recent questions up to one shared count (IntentModel::balancedSample), and Stats reports it.
    /// 8M characters hold ~160,000 intent-length questions or 20,000 ticket-length ones (~100 MB while fitting).
    std::size_t intentTextBudget = 8'000'000;
    VoiceProfile voice = VoiceProfile::defaults();
    DraftTuning tuning;
};

/// @brief What a draft may draw on; the default, everything the engine knows.
struct DraftScope {
    /// Only these articles' sections are sources (no past replies, no macros): what selection makes of a source
    /// known to be right (`understudyctl eval`'s "given the gold document" figure). Empty: no restriction.
    QStringList articles;
    /// When set, the select stage appends every unit it scored here (`understudyctl eval --unit-features`: the
    /// data the unit scorer is fitted on).
    QList<UnitTrace> *unitTrace = nullptr;
};

/// @brief The offline drafting engine: read → signals → escalate → retrieve → classify → rank → select (with the
/// claim check) → compose → confidence → explain; each stage is a private step over one Work record.
/// load() builds the in-memory indexes from a store; draft() is const and safe to call from several threads,
/// each passing its own Store connection.
class Engine {
public:
    static constexpr const char *kVersion = "1.1.0";

    Engine(EngineConfig config, EscalationRules rules);

    /// @brief (Re)builds the retrieval indexes from @p store. Call off the GUI thread.
    Status load(store::Store &store);
    /// @brief Loads from the snapshot at @p snapshotPath when it was saved for this store's current content and
    /// this configuration (EngineSnapshot); otherwise — none, stale, foreign, corrupt — builds as load(store) does
    /// and writes the snapshot (a failed write is logged and reported, the engine works all the same). An empty
    /// path only builds. The learned state is read from the store either way. Call off the GUI thread.
    Status load(store::Store &store, const QString &snapshotPath, SnapshotReport *report = nullptr);
    /// @brief The store's content generation the indexes were built from (by load(store, path)); -1 when unknown.
    qint64 contentGeneration() const { return m_generation; }
    /// @brief Drafts a reply for @p ticket from what @p scope allows; reads source texts from @p store.
    Result<Draft> draft(const Ticket &ticket, store::Store &store, const DraftScope &scope = {}) const;
    /// @brief Learns from an answer already stored (a sent reply, an agent's correction, a labelled question):
    /// it joins the answer index at once and, with an intent, teaches the intent model (one update now, a re-fit
    /// whenever the examples have grown by 30 %). Safe while other threads draft (an exclusive lock).
    void learn(const store::Answer &answer);
    /// @brief Re-fits the intent model on everything learned so far.
    void consolidate();
    /// @brief Folds a feedback event into the learned state (source reputation, confidence calibration).
    void apply(const FeedbackEvent &event);
    /// @brief A copy of the learned state (for reports and hashing).
    LearnedState learnedState() const;
    /// @brief Replaces the learned state (with the team's, after a sync: see learnedFrom()).
    void setLearnedState(LearnedState state);
    /// @brief Which of @p sources a sent reply was built on, for LearnedState's ranking: the first (the draft's
    /// base) when it was sent as drafted; after an edit, the source whose text holds the largest share of the
    /// reply's words, if that share is at least half; nullopt when none does or a text cannot be read.
    static std::optional<int> usedSource(const QList<Source> &sources, const QString &finalText, bool edited,
                                         store::Store &store);
    /// @brief The learned state a store holds: the team's state as the server last sent it plus this client's
    /// events the server has not acknowledged; with no state from a server, the fold of the store's whole log.
    static Result<LearnedState> learnedFrom(store::Store &store);

    /// @brief The prior calibration of confidence from the leave-one-out replay of load() (see calibrateOnHistory).
    struct PriorCalibration {
        bool fitted = false;
        double scale = 1, shift = 0; ///< raw confidence = sigmoid(scale · log-odds + shift)
        int replayed = 0;            ///< past replies it was fitted on
    };
    PriorCalibration priorCalibration() const
    {
        std::shared_lock lock(m_lock);
        return m_prior;
    }

    struct Stats {
        size_t chunks = 0, answers = 0, macros = 0, memoryBytes = 0;
        size_t labelled = 0;       ///< labelled questions in the store
        size_t intentExamples = 0; ///< of those, the ones the intent model was fitted on (see intentTextBudget)
        double loadMs = 0;
    };
    Stats stats() const { return m_stats; }
    const EngineConfig &config() const { return m_config; }

private:
    struct Candidate;
    struct Work;
    /// @brief Part of load(): drafts a sample of the team's past questions without their own reply (leave one out)
    /// and fits how often the top source was on the reply's topic against the confidence model's log-odds, so a
    /// team with history starts calibrated before its agents' outcomes are in (LearnedState then takes over).
    /// Only topics with at least two other replies take part: they are the ones the history can answer.
    Status calibrateOnHistory(store::Store &store);
    // The drafting stages, in order.
    void readTicket(Work &w) const;
    void escalate(Work &w) const;
    void retrieve(Work &w) const;
    /// @brief Part of retrieve under a DraftScope: every matching section of @p articles, nothing else.
    Status restrictSources(Work &w, store::Store &store, const QStringList &articles) const;
    void classify(Work &w) const;
    Status rank(Work &w, store::Store &store) const;
    Status select(Work &w, store::Store &store) const;
    /// @brief Part of select: each other question of a multi-part ticket that the body does not answer gets a block
    /// from its own article.
    Status answerOtherParts(Work &w, store::Store &store) const;
    void compose(Work &w) const;
    void scoreConfidence(Work &w) const;
    void explain(Work &w) const;
    /// @brief The body units @p c offers for this ticket (checked, selected); empty when none answers.
    /// @p more: other sections of the same article whose units compete with the candidate's.
    QList<BodyUnit> unitsOf(Work &w, const Candidate &c, const QString &more, const Customer &sourceCustomer,
                            int *actionsRemoved) const;
    /// @brief A candidate for an article section, its similarity to @p query measured (rank and features unset);
    /// @p english: the query's English words alone, for a ticket in another language (the better match counts).
    Candidate sectionCandidate(const store::ChunkRow &row, const std::vector<std::string> &query,
                               const std::vector<std::string> &english = {}) const;
    /// @brief Whose idf weighs the words of a source's units: the knowledge base's when there is one.
    const InvertedIndex &unitIndex() const { return m_chunks.documentCount() > 0 ? m_chunks : m_answers; }

    EngineConfig m_config;
    EscalationRules m_rules;
    Composer m_composer;
    InvertedIndex m_answers;
    InvertedIndex m_chunks;
    InvertedIndex m_macroIndex;
    std::vector<uint16_t> m_answerIntent; ///< by answer id: index into m_intents (0 = none)
    std::vector<uint8_t> m_answerHasReply;
    std::vector<uint16_t> m_chunkIntent;      ///< by chunk id: the topic of the replies citing its article
    std::vector<uint32_t> m_chunkArticle;     ///< by chunk id: its article's ordinal (from 1; 0 = unknown)
    uint16_t intentId(const QString &intent); ///< adds unknown intents
    std::vector<QString> m_intents;
    QHash<QString, uint16_t> m_intentIds;
    IntentModel m_intentModel; ///< fitted at load on the labelled questions (see EngineConfig::intentTextBudget)
    LearnedState m_learned;
    PriorCalibration m_prior;
    QList<Macro> m_macros;
    Stats m_stats;
    /// @brief load() and learn() write under an exclusive lock, draft() reads under a shared one.
    mutable std::shared_mutex m_lock;
    std::atomic<qint64> m_generation{-1};
    std::uint64_t m_intentSample = 0; ///< checksum of the labelled sample m_intentModel was fitted on
    /// @brief A fitted model load() takes instead of fitting when its sample is the same (EngineSnapshot).
    struct FittedIntent {
        std::uint64_t sample = 0;
        IntentModel model;
    };
    std::optional<FittedIntent> m_fittedIntent;
    bool m_intentReused = false; ///< the last load() kept m_fittedIntent
    friend class EngineSnapshot; ///< saves and restores what load() builds
};

} // namespace understudy::engine

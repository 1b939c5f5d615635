// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Engine.h"
#include "EngineSnapshot.h"
#include "Store.h"

#include <understudy/Types.h>

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace understudy::app {

/// @brief Why an agent rejected a draft (stored as the event's reason code).
enum class RejectReason { WrongAnswer, OutdatedInformation, WrongTone, MissingInformation, ShouldHaveEscalated, Other };

/// @brief The reason code written to the correction log, e.g. "wrong_answer".
QString rejectReasonCode(RejectReason reason);

/// @brief The widget-free logic of the main screen: the selected ticket, its current draft, drafting in the
/// background, and the agent's actions, each written as exactly one FeedbackEvent.
///
/// Owns the GUI thread's Store. Drafting and engine loading run on a private one-thread pool that opens its
/// own Store on the same file; a result for a ticket the agent has already left is dropped.
/// A send is held for undoWindow() milliseconds before its event is committed.
///
/// The engine starts from its snapshot beside the store (engine::EngineSnapshot) when that is current, else it is
/// built and the snapshot written. While the client runs, the store's content generation is checked after each
/// sync and every contentCheckInterval(): when content changed (articles, answers, macros, labels), a new engine is
/// built on a second, low-priority thread, swapped in when ready (drafting goes on with the current one, which
/// learns sends and teammates' replies at once meanwhile) and its snapshot saved, so the next start is instant.
class DraftController : public QObject {
    Q_OBJECT
public:
    /// @brief Drafts for a ticket on the worker thread with that thread's Store (tests replace the engine).
    using DraftFunction = std::function<Result<Draft>(const Ticket &, store::Store &)>;

    explicit DraftController(std::unique_ptr<store::Store> store, QObject *parent = nullptr);
    ~DraftController() override;

    store::Store &store() { return *m_store; }
    QString databasePath() const { return m_path; }

    QString agent() const { return m_agent; }
    void setAgent(const QString &agent) { m_agent = agent; }
    int undoWindow() const { return m_undoMs; }
    /// @brief How long a send can be undone before it is committed (0 commits at once).
    void setUndoWindow(int ms) { m_undoMs = ms; }
    double lowConfidenceThreshold() const { return m_threshold; }

    /// @brief Loads the engine in the background, from its snapshot when that is current (else built from the
    /// store and the snapshot written); engineLoaded() or engineFailed() follows.
    void loadEngine(const engine::EngineConfig &config);
    /// @brief Where the engine's snapshot is kept (default: beside the store); empty: none, always build.
    void setSnapshotPath(const QString &path) { m_snapshotPath = path; }
    QString snapshotPath() const { return m_snapshotPath; }
    /// @brief What the last load or rebuild did with the snapshot.
    const engine::SnapshotReport &snapshotReport() const { return m_snapshotReport; }
    /// @brief How often the store is checked for changed content once the engine is loaded (0: only after syncs
    /// and on noteContentChanged()). Default 60 s: the running engine already learns each send at once.
    void setContentCheckInterval(int ms);
    int contentCheckInterval() const { return m_contentCheckMs; }
    /// @brief Rebuilds the engine in the background if the store's content changed since it was built (a sync,
    /// an import by understudyctl, sends); engineRebuilt() follows the swap. Never blocks.
    void noteContentChanged();
    /// @brief A background rebuild is running.
    bool isRebuilding() const { return m_rebuilding; }
    /// @brief Tests: draft with @p fn instead of the engine (marks the engine ready).
    void setDraftFunction(DraftFunction fn);
    bool engineReady() const { return bool(m_draftFn); }

    /// @brief A sync brought what teammates taught: their sent replies (answers under @p answerKeys, learned at
    /// once) and the team's learned state (taken from the store with this client's unsent events on top), so the
    /// next draft reflects them without a restart.
    void absorbTeamLearning(const QStringList &answerKeys);
    /// @brief The engine once loaded (null before), for tests and reports.
    std::shared_ptr<const engine::Engine> engine() const { return m_engine; }

    /// @brief Makes @p ticketId the current ticket and drafts for it (as soon as the engine is ready). A revisit
    /// shows the stored draft again while what it was made from holds (Draft::basis: the same ticket, knowledge
    /// and engine version); otherwise it drafts anew.
    void selectTicket(const QString &ticketId);
    /// @brief A draft counts as shown (one shown event per draft, ever) once it has been on screen this long, or at
    /// the agent's first action on it; a ticket the agent moves on from sooner records nothing. 0: at once.
    void setShownAfter(int ms) { m_shownAfterMs = ms; }
    /// @brief Long enough that arrowing through the queue (key repeat: 25–40 tickets a second) counts nothing,
    /// short enough that a draft the agent read counts (hand-set; docs/protocol.md).
    static constexpr int kShownAfterMs = 1000;
    const std::optional<Ticket> &ticket() const { return m_ticket; }
    const std::optional<Draft> &draft() const { return m_draft; }
    bool isDrafting() const { return m_drafting; }
    /// @brief True when the current draft was sent (or its send is pending).
    bool isSent() const { return m_sent; }
    /// @brief Number of draft results dropped because the agent had moved on.
    int staleResults() const { return m_stale; }

    /// @brief Sends @p finalText as the reply to the current draft: sent_as_is or sent_edited, held for undo.
    /// Once committed (store::Store::recordReply), the reply is in the ticket's thread and the ticket resolved.
    bool send(const QString &finalText);
    bool hasPendingSend() const { return m_pending.has_value(); }
    /// @brief Cancels the pending send; nothing is written.
    bool undoSend();
    /// @brief Commits the pending send now (application exit, a second send).
    void commitPendingSend();
    /// @brief Rejects the current draft with @p reason and the agent's @p text (required for Other).
    bool reject(RejectReason reason, const QString &text = {});
    /// @brief Flags the current draft as a bad answer; the ticket and draft stay. The flag waits, kept in the store
    /// (store::Store::holdEvent), while the agent may say why: giveFlagReason() records it with its reason; moving
    /// to another ticket, any other action, quitting or flagReasonWindow() passing records it without one.
    bool flag();
    /// @brief Records the waiting flag with @p reason (its code, rejectReasonCode()); false when none waits.
    bool giveFlagReason(RejectReason reason);
    /// @brief Records the waiting flag without a reason; nothing when none waits.
    void recordWaitingFlag() { recordHeldFlag({}); }
    bool isFlagAwaitingReason() const { return m_heldFlag.has_value(); }
    /// @brief How long a flag waits for its reason before it is recorded without one (0: it waits until the agent
    /// moves on). Long enough to read five choices and pick one, short enough that the team sees it soon (hand-set).
    static constexpr int kFlagReasonWindowMs = 30000;
    void setFlagReasonWindow(int ms) { m_flagReasonMs = ms; }
    /// @brief Records a regenerated event and drafts again.
    bool regenerate();
    /// @brief Hands the ticket to a human: an escalated event with the rule reasons (or @p note).
    bool escalate(const QString &note = {});

Q_SIGNALS:
    void engineLoaded();
    void engineFailed(const QString &message);
    /// @brief A background rebuild (noteContentChanged()) replaced the engine; drafts now come from the new one.
    void engineRebuilt();
    void ticketChanged(const QString &ticketId);
    /// @brief The current ticket was changed in the store (a committed send appended the reply and resolved it).
    void ticketUpdated(const QString &ticketId);
    void draftRequested(const QString &ticketId);
    void draftReady(const QString &ticketId);
    void draftFailed(const QString &ticketId, const QString &message);
    void staleDraftDropped(const QString &ticketId);
    void sendPending(const QString &ticketId, int undoMs);
    void sendUndone(const QString &ticketId);
    /// @brief A flag of @p ticketId waits for its optional reason (flag()).
    void flagReasonOffered(const QString &ticketId);
    /// @brief The waiting flag of @p ticketId is recorded (with or without a reason), or could not be.
    void flagReasonClosed(const QString &ticketId);
    /// @brief An event of @p kind (FeedbackEvent::kindName) is in the store.
    void eventRecorded(const QString &ticketId, const QString &kind);
    void outboxChanged(qint64 size);
    /// @brief A store or engine error for the message bar.
    void errorOccurred(const QString &message);

private:
    struct DraftOutcome {
        qint64 request = 0;
        QString ticketId;
        QString basis; ///< what it is made from, read when it was requested
        std::optional<Draft> draft;
        QString error;
    };
    /// @brief Drafts for the current ticket; @p knownBasis is its Draft::basis when the caller has just read it.
    void requestDraft(const QString &knownBasis = {});
    void finishDraft(const DraftOutcome &outcome);
    /// @brief Draft::basis for the current ticket now (empty when the store cannot say: then nothing is reused).
    QString currentBasis();
    /// @brief Shows the stored draft of the current ticket if it was made on @p basis (currentBasis()).
    bool reuseStoredDraft(const QString &basis);
    /// @brief The current draft is on screen: draftReady(), and the shown event once it has been a moment.
    void showDraft();
    /// @brief Records the current draft's shown event unless the log has it already.
    void recordShown();
    FeedbackEvent makeEvent(FeedbackEvent::Kind kind) const;
    bool record(const FeedbackEvent &event);
    /// @brief An action on the current draft before its moment on screen was up: its shown event comes first.
    void recordShownBefore(const FeedbackEvent &action);
    /// @brief What follows an event entering the log: the engine learns it, the UI hears of it.
    void noteRecorded(const FeedbackEvent &event);
    /// @brief Records the waiting flag with @p reason (a code, or empty for none).
    void recordHeldFlag(const QString &reason);
    void reportError(const QString &what, const Error &error);

    std::unique_ptr<store::Store> m_store;
    QString m_path;
    QString m_agent;
    int m_undoMs = 5000;
    double m_threshold = 0.5;
    QThreadPool m_pool;
    DraftFunction m_draftFn;
    std::shared_ptr<engine::Engine> m_engine; ///< learns from the events recorded here (thread-safe)
    /// @brief Installs a loaded or rebuilt engine for drafting.
    void useEngine(std::shared_ptr<engine::Engine> engine);
    /// @brief Learns an answer now and remembers it for an engine a rebuild is making.
    void learnAnswer(const store::Answer &answer);
    engine::EngineConfig m_config;
    QString m_snapshotPath;
    engine::SnapshotReport m_snapshotReport;
    QThreadPool m_buildPool; ///< background rebuilds: one low-priority thread with its own Store
    QTimer m_contentCheck;
    int m_contentCheckMs = 60000;
    quint64 m_engineSerial = 0; ///< grows with each loadEngine(): a rebuild for an older configuration is dropped
    bool m_loading = false;     ///< a loadEngine() is under way
    bool m_rebuilding = false;
    QStringList m_learnedWhileRebuilding; ///< answer keys the current engine learned while a rebuild ran
    std::optional<Ticket> m_ticket;
    std::optional<Draft> m_draft;
    bool m_drafting = false;
    bool m_awaitingEngine = false; ///< a draft was requested before the engine was ready
    bool m_sent = false;
    qint64 m_request = 0;
    int m_stale = 0;
    std::optional<FeedbackEvent> m_pending;
    std::optional<FeedbackEvent> m_heldFlag; ///< the flag waiting for its reason (kept in the store meanwhile)
    QTimer m_flagReasonTimer;
    int m_flagReasonMs = kFlagReasonWindowMs;
    QTimer m_sendTimer;
    QTimer m_shownTimer;
    int m_shownAfterMs = kShownAfterMs;
};

} // namespace understudy::app

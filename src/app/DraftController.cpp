// SPDX-License-Identifier: GPL-3.0-or-later
#include "DraftController.h"

#include <understudy/Clock.h>
#include <understudy/EditDistance.h>
#include <understudy/Json.h>

#include <QCryptographicHash>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace understudy::app {

Q_LOGGING_CATEGORY(lcDraft, "understudy.app.draft")

QString rejectReasonCode(RejectReason reason)
{
    switch (reason) {
    case RejectReason::WrongAnswer:
        return u"wrong_answer"_s;
    case RejectReason::OutdatedInformation:
        return u"outdated_information"_s;
    case RejectReason::WrongTone:
        return u"wrong_tone"_s;
    case RejectReason::MissingInformation:
        return u"missing_information"_s;
    case RejectReason::ShouldHaveEscalated:
        return u"should_have_escalated"_s;
    case RejectReason::Other:
        break;
    }
    return u"other"_s;
}

namespace {

// The worker thread's own connection: a Store is one sqlite connection and must stay on its thread.
Result<store::Store *> workerStore(const QString &path)
{
    thread_local std::unique_ptr<store::Store> s_store;
    thread_local QString s_path;
    if (!s_store || s_path != path) {
        s_store.reset();
        auto opened = store::Store::open(path);
        if (!opened)
            return opened.error();
        s_store = std::move(*opened);
        s_path = path;
    }
    return s_store.get();
}

} // namespace

DraftController::DraftController(std::unique_ptr<store::Store> store, QObject *parent)
    : QObject(parent), m_store(std::move(store)), m_path(m_store->db().path()),
      m_snapshotPath(engine::EngineSnapshot::pathFor(m_path))
{
    // One worker: drafts queue up instead of competing, and its thread keeps its Store open.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    // Rebuilds get a thread of their own, so drafts never wait behind one.
    m_buildPool.setMaxThreadCount(1);
    m_buildPool.setExpiryTimeout(-1);
    m_buildPool.setThreadPriority(QThread::LowPriority);
    m_sendTimer.setSingleShot(true);
    connect(&m_sendTimer, &QTimer::timeout, this, &DraftController::commitPendingSend);
    m_shownTimer.setSingleShot(true);
    connect(&m_shownTimer, &QTimer::timeout, this, &DraftController::recordShown);
    connect(&m_contentCheck, &QTimer::timeout, this, &DraftController::noteContentChanged);
    m_flagReasonTimer.setSingleShot(true);
    connect(&m_flagReasonTimer, &QTimer::timeout, this, &DraftController::recordWaitingFlag);
    // A flag still waiting for its reason when the client last stopped goes into the log as it is.
    if (auto n = m_store->recordHeldEvents(); !n)
        qCWarning(lcDraft) << "cannot record the events held when the client stopped:" << n.error().message;
    else if (*n > 0)
        qCInfo(lcDraft) << "recorded" << *n << "event(s) held when the client stopped";
}

DraftController::~DraftController()
{
    recordWaitingFlag();
    commitPendingSend();
    m_pool.clear();
    m_pool.waitForDone();
    m_buildPool.waitForDone(); // a rebuild cannot be interrupted: its snapshot is written, and the next start uses it
}

void DraftController::setContentCheckInterval(int ms)
{
    m_contentCheckMs = std::max(0, ms);
    if (m_contentCheckMs == 0)
        m_contentCheck.stop();
    else if (m_engine)
        m_contentCheck.start(m_contentCheckMs);
}

namespace {

struct Loaded {
    std::shared_ptr<engine::Engine> engine;
    QString error;
    engine::SnapshotReport report;
};

// Runs on a worker thread: the engine from its snapshot, or built (and the snapshot written).
Loaded loadOnWorker(const QString &path, const engine::EngineConfig &config, const QString &snapshotPath)
{
    auto s = workerStore(path);
    if (!s)
        return {nullptr, s.error().toString(), {}};
    auto e = std::make_shared<engine::Engine>(config, engine::EscalationRules::defaults());
    engine::SnapshotReport report;
    if (auto st = e->load(**s, snapshotPath, &report); !st)
        return {nullptr, st.error().toString(), report};
    return {std::move(e), {}, report};
}

} // namespace

void DraftController::loadEngine(const engine::EngineConfig &config)
{
    m_threshold = config.lowConfidenceThreshold;
    m_config = config;
    m_loading = true;
    const quint64 serial = ++m_engineSerial;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, serial] {
        watcher->deleteLater();
        const Loaded loaded = watcher->result();
        if (serial != m_engineSerial)
            return; // settings changed again: a later load follows
        m_loading = false;
        m_snapshotReport = loaded.report;
        if (!loaded.engine) {
            qCWarning(lcDraft) << "engine failed to load:" << loaded.error;
            Q_EMIT engineFailed(loaded.error);
            Q_EMIT errorOccurred(tr("The drafting engine could not start: %1").arg(loaded.error));
            return;
        }
        useEngine(loaded.engine);
        qCInfo(lcDraft) << "engine ready in" << loaded.engine->stats().loadMs << "ms"
                        << (loaded.report.loaded ? "(from its snapshot)" : "(built)");
        Q_EMIT engineLoaded();
        if (m_contentCheckMs > 0)
            m_contentCheck.start(m_contentCheckMs);
        noteContentChanged(); // content that arrived while it loaded
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, loadOnWorker, m_path, config, m_snapshotPath));
}

void DraftController::useEngine(std::shared_ptr<engine::Engine> engine)
{
    m_engine = engine;
    setDraftFunction([engine](const Ticket &t, store::Store &s) { return engine->draft(t, s); });
}

void DraftController::noteContentChanged()
{
    if (!m_engine || m_loading || m_engine->contentGeneration() < 0)
        return; // loading (it reads the store as it is), or a test's draft function
    if (m_rebuilding)
        return; // checked again when it is done
    auto generation = m_store->contentGeneration();
    if (!generation)
        return reportError(tr("Cannot check the store for new knowledge"), generation.error());
    if (*generation == m_engine->contentGeneration())
        return;
    qCInfo(lcDraft) << "content changed (generation" << m_engine->contentGeneration() << "->" << *generation
                    << "): rebuilding the engine in the background";
    m_rebuilding = true;
    m_learnedWhileRebuilding.clear();
    const quint64 serial = m_engineSerial;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, serial] {
        watcher->deleteLater();
        m_rebuilding = false;
        const Loaded loaded = watcher->result();
        const QStringList learned = std::exchange(m_learnedWhileRebuilding, {});
        if (serial != m_engineSerial)
            return noteContentChanged(); // built with settings since replaced
        if (!loaded.engine) {
            // The current engine keeps drafting; the next check tries again.
            qCWarning(lcDraft) << "background rebuild failed:" << loaded.error;
            return;
        }
        // What happened here while it was built: the corrections' learned state (read now, as after a sync) and the
        // answers the current engine learned online.
        auto state = engine::Engine::learnedFrom(*m_store);
        if (!state)
            return reportError(tr("Cannot read what the team's corrections taught"), state.error());
        loaded.engine->setLearnedState(std::move(*state));
        for (const QString &key : learned)
            if (auto a = m_store->answerByKey(key); a && *a)
                loaded.engine->learn(**a);
        m_snapshotReport = loaded.report;
        useEngine(loaded.engine);
        qCInfo(lcDraft) << "engine rebuilt in the background in" << qRound(loaded.report.loadMs) << "ms";
        Q_EMIT engineRebuilt();
        noteContentChanged(); // more may have come in meanwhile
    });
    watcher->setFuture(QtConcurrent::run(&m_buildPool, loadOnWorker, m_path, m_config, m_snapshotPath));
}

void DraftController::learnAnswer(const store::Answer &answer)
{
    if (!m_engine)
        return;
    m_engine->learn(answer);
    if (m_rebuilding)
        m_learnedWhileRebuilding << answer.key;
}

void DraftController::setDraftFunction(DraftFunction fn)
{
    m_draftFn = std::move(fn);
    if (m_awaitingEngine && m_ticket)
        requestDraft();
}

void DraftController::selectTicket(const QString &ticketId)
{
    if (m_ticket && m_ticket->id == ticketId)
        return;
    recordWaitingFlag(); // the agent moved on without saying why
    auto t = m_store->ticket(ticketId);
    ++m_request; // whatever is in flight now belongs to a ticket the agent left
    m_shownTimer.stop(); // left before it was a moment on screen: not shown
    m_draft.reset();
    m_drafting = false;
    m_sent = false;
    if (!t) {
        m_ticket.reset();
        reportError(tr("Cannot open ticket %1").arg(ticketId), t.error());
        Q_EMIT ticketChanged(QString());
        return;
    }
    if (!*t) {
        m_ticket.reset();
        Q_EMIT errorOccurred(tr("Ticket %1 is no longer in the local store.").arg(ticketId));
        Q_EMIT ticketChanged(QString());
        return;
    }
    m_ticket = **t;
    Q_EMIT ticketChanged(ticketId);
    const QString basis = currentBasis();
    if (!reuseStoredDraft(basis))
        requestDraft(basis);
}

QString DraftController::currentBasis()
{
    if (!m_ticket)
        return {};
    auto generation = m_store->contentGeneration();
    if (!generation) {
        reportError(tr("Cannot check the store for new knowledge"), generation.error());
        return {};
    }
    const QByteArray ticket = QJsonDocument(json::toJson(*m_ticket)).toJson(QJsonDocument::Compact);
    return u"%1/%2/%3"_s.arg(*generation)
        .arg(QString::fromLatin1(engine::Engine::kVersion),
             QString::fromLatin1(QCryptographicHash::hash(ticket, QCryptographicHash::Sha1).toHex().left(16)));
}

bool DraftController::reuseStoredDraft(const QString &basis)
{
    if (basis.isEmpty())
        return false;
    auto stored = m_store->latestDraft(m_ticket->id);
    if (!stored) {
        reportError(tr("Cannot read the stored draft of %1").arg(m_ticket->id), stored.error());
        return false;
    }
    if (!*stored || (*stored)->basis != basis)
        return false;
    m_draft = **stored;
    m_drafting = false;
    m_awaitingEngine = false;
    showDraft();
    return true;
}

void DraftController::showDraft()
{
    if (m_shownAfterMs <= 0)
        recordShown();
    else
        m_shownTimer.start(m_shownAfterMs);
    Q_EMIT draftReady(m_draft->ticketId);
}

void DraftController::recordShown()
{
    m_shownTimer.stop();
    if (!m_ticket || !m_draft)
        return;
    auto shown = m_store->wasShown(m_ticket->id, m_draft->id);
    if (!shown)
        return reportError(tr("Cannot read the correction log"), shown.error());
    if (!*shown)
        record(makeEvent(FeedbackEvent::Kind::Shown));
}

void DraftController::requestDraft(const QString &knownBasis)
{
    if (!m_ticket)
        return;
    const qint64 request = ++m_request;
    m_drafting = true;
    Q_EMIT draftRequested(m_ticket->id);
    m_awaitingEngine = !m_draftFn;
    if (m_awaitingEngine)
        return; // drafts as soon as the engine is ready (setDraftFunction)
    auto *watcher = new QFutureWatcher<DraftOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        finishDraft(watcher->result());
    });
    const QString path = m_path;
    const Ticket ticket = *m_ticket;
    const DraftFunction fn = m_draftFn;
    const QString basis = knownBasis.isEmpty() ? currentBasis() : knownBasis;
    watcher->setFuture(QtConcurrent::run(&m_pool, [path, ticket, fn, request, basis]() -> DraftOutcome {
        DraftOutcome out;
        out.request = request;
        out.ticketId = ticket.id;
        out.basis = basis;
        auto s = workerStore(path);
        if (!s) {
            out.error = s.error().toString();
            return out;
        }
        auto d = fn(ticket, **s);
        if (!d)
            out.error = d.error().toString();
        else
            out.draft = *d;
        return out;
    }));
}

void DraftController::finishDraft(const DraftOutcome &outcome)
{
    if (outcome.request != m_request || !m_ticket || m_ticket->id != outcome.ticketId) {
        ++m_stale;
        Q_EMIT staleDraftDropped(outcome.ticketId);
        return;
    }
    m_drafting = false;
    if (!outcome.draft) {
        qCWarning(lcDraft) << "drafting failed for" << outcome.ticketId << outcome.error;
        Q_EMIT draftFailed(outcome.ticketId, outcome.error);
        Q_EMIT errorOccurred(tr("No draft for %1: %2").arg(outcome.ticketId, outcome.error));
        return;
    }
    Draft d = *outcome.draft;
    if (d.id.isEmpty())
        d.id = Clock::newId();
    d.ticketId = m_ticket->id;
    if (!d.createdAt.isValid())
        d.createdAt = Clock::now();
    d.basis = outcome.basis;
    m_draft = d;
    m_sent = false;
    if (auto s = m_store->saveDraft(d); !s)
        reportError(tr("The draft could not be saved"), s.error());
    showDraft();
}

FeedbackEvent DraftController::makeEvent(FeedbackEvent::Kind kind) const
{
    FeedbackEvent e;
    e.id = Clock::newId();
    e.kind = kind;
    e.agent = m_agent;
    e.ticketId = m_ticket ? m_ticket->id : QString();
    e.at = Clock::now();
    if (m_draft) {
        e.draftId = m_draft->id;
        e.confidence = std::clamp(m_draft->confidence, 0.0, 1.0);
        e.rawConfidence = std::clamp(m_draft->rawConfidence, 0.0, 1.0);
        e.sources = m_draft->sources;
        e.engine = m_draft->engineVersion;
        e.intent = m_draft->intent;
    }
    return e;
}

void DraftController::recordShownBefore(const FeedbackEvent &action)
{
    // An action on a draft before its moment on screen was up: it was seen, and that comes first in the log.
    if (m_shownTimer.isActive() && m_draft && action.draftId == m_draft->id)
        recordShown();
}

bool DraftController::record(const FeedbackEvent &event)
{
    if (event.kind != FeedbackEvent::Kind::Shown) {
        recordWaitingFlag(); // another action: the agent did not say why
        recordShownBefore(event);
    }
    if (auto s = m_store->recordEvent(event); !s) {
        reportError(tr("Could not record the %1 event").arg(FeedbackEvent::kindName(event.kind)), s.error());
        return false;
    }
    noteRecorded(event);
    return true;
}

void DraftController::noteRecorded(const FeedbackEvent &event)
{
    if (m_engine)
        m_engine->apply(event); // the agent's own corrections count at once (reputation, calibration)
    Q_EMIT eventRecorded(event.ticketId, FeedbackEvent::kindName(event.kind));
    if (auto n = m_store->outboxSize(); n)
        Q_EMIT outboxChanged(*n);
}

void DraftController::reportError(const QString &what, const Error &error)
{
    qCWarning(lcDraft) << what << error.toString();
    Q_EMIT errorOccurred(u"%1: %2"_s.arg(what, error.toString()));
}

bool DraftController::send(const QString &finalText)
{
    if (!m_ticket || !m_draft || m_sent || finalText.trimmed().isEmpty())
        return false;
    recordWaitingFlag();
    if (m_shownTimer.isActive())
        recordShown();
    commitPendingSend();
    const bool edited = finalText != m_draft->text;
    FeedbackEvent e = makeEvent(edited ? FeedbackEvent::Kind::SentEdited : FeedbackEvent::Kind::SentAsIs);
    e.finalText = finalText;
    e.edit = editStats(m_draft->text, finalText);
    e.usedSource = engine::Engine::usedSource(e.sources, finalText, edited, *m_store); // teaches the ranking
    m_pending = e;
    m_sent = true;
    Q_EMIT sendPending(e.ticketId, m_undoMs);
    if (m_undoMs <= 0)
        commitPendingSend();
    else
        m_sendTimer.start(m_undoMs);
    return true;
}

bool DraftController::undoSend()
{
    if (!m_pending)
        return false;
    m_sendTimer.stop();
    const QString ticketId = m_pending->ticketId;
    m_pending.reset();
    // The draft is sendable again only if it is still the one on screen.
    if (m_ticket && m_ticket->id == ticketId)
        m_sent = false;
    Q_EMIT sendUndone(ticketId);
    return true;
}

void DraftController::absorbTeamLearning(const QStringList &answerKeys)
{
    if (!m_engine)
        return; // the engine is still loading: it reads all of this from the store
    for (const QString &key : answerKeys) {
        auto a = m_store->answerByKey(key);
        if (!a)
            return reportError(tr("Cannot read a teammate's answer"), a.error());
        if (*a)
            learnAnswer(**a);
    }
    auto learned = engine::Engine::learnedFrom(*m_store);
    if (!learned)
        return reportError(tr("Cannot read what the team's corrections taught"), learned.error());
    m_engine->setLearnedState(std::move(*learned));
    noteContentChanged(); // the sync may have brought articles and tickets too
}

void DraftController::commitPendingSend()
{
    m_sendTimer.stop();
    if (!m_pending)
        return;
    const FeedbackEvent e = *m_pending;
    m_pending.reset();
    // The event, its outbox row, the reply appended to the thread and the ticket resolved: one transaction.
    if (auto s = m_store->recordReply(e); !s) {
        reportError(tr("Could not record the %1 event").arg(FeedbackEvent::kindName(e.kind)), s.error());
        if (m_ticket && m_ticket->id == e.ticketId)
            m_sent = false; // not in the store: let the agent try again
        return;
    }
    if (m_engine) {
        m_engine->apply(e);
        // The reply is now an answer to its question (recordReply): drafts for similar tickets can reuse it at once.
        if (auto a = m_store->answerByKey(u"event:"_s + e.id); a && *a)
            learnAnswer(**a);
    }
    if (m_ticket && m_ticket->id == e.ticketId) {
        if (auto t = m_store->ticket(e.ticketId); t && *t) {
            m_ticket = **t;
            Q_EMIT ticketUpdated(e.ticketId);
        } else if (!t) {
            reportError(tr("Cannot read ticket %1 again").arg(e.ticketId), t.error());
        }
    }
    Q_EMIT eventRecorded(e.ticketId, FeedbackEvent::kindName(e.kind));
    if (auto n = m_store->outboxSize(); n)
        Q_EMIT outboxChanged(*n);
}

bool DraftController::reject(RejectReason reason, const QString &text)
{
    if (!m_ticket || !m_draft || m_sent)
        return false;
    if (reason == RejectReason::Other && text.trimmed().isEmpty())
        return false;
    FeedbackEvent e = makeEvent(FeedbackEvent::Kind::Rejected);
    e.reason = rejectReasonCode(reason);
    if (!text.trimmed().isEmpty())
        e.reason += u": "_s + text.trimmed();
    if (!record(e))
        return false;
    m_sent = true; // a rejected draft is done with; regenerate for a new one
    return true;
}

bool DraftController::flag()
{
    if (!m_ticket || !m_draft)
        return false;
    recordWaitingFlag(); // flagged again: the first flag goes as it is
    FeedbackEvent e = makeEvent(FeedbackEvent::Kind::Flagged);
    e.finalText = m_draft->text; // the lead reviewing the flag sees the draft as it was shown
    recordShownBefore(e);
    if (auto s = m_store->holdEvent(e); !s) {
        reportError(tr("Could not record the %1 event").arg(FeedbackEvent::kindName(e.kind)), s.error());
        return false;
    }
    m_heldFlag = e;
    if (m_flagReasonMs > 0)
        m_flagReasonTimer.start(m_flagReasonMs);
    Q_EMIT flagReasonOffered(e.ticketId);
    return true;
}

bool DraftController::giveFlagReason(RejectReason reason)
{
    if (!m_heldFlag || reason == RejectReason::Other)
        return false;
    recordHeldFlag(rejectReasonCode(reason));
    return true;
}

void DraftController::recordHeldFlag(const QString &reason)
{
    if (!m_heldFlag)
        return;
    const FeedbackEvent held = *m_heldFlag;
    m_heldFlag.reset();
    m_flagReasonTimer.stop();
    // On an error the flag stays held in the store, and the next start records it.
    if (auto e = m_store->recordHeldEvent(held.id, reason); !e)
        reportError(tr("Could not record the %1 event").arg(FeedbackEvent::kindName(held.kind)), e.error());
    else
        noteRecorded(*e);
    Q_EMIT flagReasonClosed(held.ticketId);
}

bool DraftController::regenerate()
{
    if (!m_ticket || m_drafting || !m_draftFn)
        return false;
    recordWaitingFlag();
    if (m_draft && !m_pending && !record(makeEvent(FeedbackEvent::Kind::Regenerated)))
        return false;
    commitPendingSend();
    m_draft.reset();
    m_sent = false;
    requestDraft();
    return true;
}

bool DraftController::escalate(const QString &note)
{
    if (!m_ticket)
        return false;
    FeedbackEvent e = makeEvent(FeedbackEvent::Kind::Escalated);
    QStringList reasons;
    if (m_draft)
        reasons = m_draft->escalation.reasons;
    if (!note.trimmed().isEmpty())
        reasons << note.trimmed();
    e.reason = reasons.isEmpty() ? tr("escalated by the agent") : reasons.join(u"; "_s);
    return record(e);
}

} // namespace understudy::app

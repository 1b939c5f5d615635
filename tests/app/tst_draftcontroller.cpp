// SPDX-License-Identifier: GPL-3.0-or-later
// DraftController without widgets: drafting off the GUI thread, stale results, and one event per action.
#include "AppTestSupport.h"
#include "DraftController.h"

#include <understudy/Clock.h>
#include <understudy/EditDistance.h>

#include <QFileInfo>
#include <QSignalSpy>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::app;
using Kind = FeedbackEvent::Kind;

namespace {

Draft fakeDraft(const Ticket &t)
{
    Draft d;
    d.id = Clock::newId();
    d.ticketId = t.id;
    d.text = u"Hi there,\n\nPlease reset your password from the sign-in page.\n\nThanks"_s;
    d.confidence = 0.8;
    d.lowConfidence = false;
    d.reasons = {u"a close past reply"_s};
    d.sources = {Source{u"article"_s,
                        u"kb-reset-password"_s,
                        u"Reset your password"_s,
                        3.2,
                        u"Go to sign-in"_s,
                        u"https://help.example/reset"_s,
                        {},
                        {}}};
    d.engineVersion = u"test"_s;
    d.createdAt = Clock::now();
    return d;
}

} // namespace

class TestDraftController : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<DraftController> m_c;

    DraftController &make(int undoMs = 0)
    {
        m_c = std::make_unique<DraftController>(test::demoStore(m_dir, u"c%1.db"_s.arg(++m_n)));
        m_c->setAgent(u"alice"_s);
        m_c->setUndoWindow(undoMs);
        return *m_c;
    }
    void useFake(DraftController &c, int delayForT1247 = 0)
    {
        c.setDraftFunction([delayForT1247](const Ticket &t, store::Store &) -> Result<Draft> {
            if (t.id == u"T-1247"_s && delayForT1247 > 0)
                QThread::msleep(ulong(delayForT1247));
            return fakeDraft(t);
        });
    }
    void selectAndWait(DraftController &c, const QString &id)
    {
        c.selectTicket(id);
        QTRY_VERIFY(c.draft().has_value() && c.draft()->ticketId == id);
    }
    int m_n = 0;

private Q_SLOTS:
    void cleanup() { m_c.reset(); }

    void draftsOffTheGuiThreadAndRecordsShown()
    {
        DraftController &c = make();
        std::atomic<bool> onGuiThread{true};
        QThread *gui = QThread::currentThread();
        c.setDraftFunction([&onGuiThread, gui](const Ticket &t, store::Store &) -> Result<Draft> {
            onGuiThread = QThread::currentThread() == gui;
            return fakeDraft(t);
        });
        QSignalSpy ready(&c, &DraftController::draftReady);
        c.selectTicket(u"T-1249"_s);
        QVERIFY(c.ticket().has_value());
        QCOMPARE(c.ticket()->id, u"T-1249"_s);
        QTRY_COMPARE(ready.count(), 1);
        QVERIFY(!onGuiThread);
        QTRY_COMPARE(test::eventsOf(c.store(), Kind::Shown, u"T-1249"_s).size(), 1);
        auto saved = c.store().latestDraft(u"T-1249"_s);
        QVERIFY(saved && *saved);
        QCOMPARE((*saved)->id, c.draft()->id);
    }

    void staleResultIsDropped()
    {
        DraftController &c = make();
        useFake(c, 300);
        QSignalSpy ready(&c, &DraftController::draftReady);
        QSignalSpy stale(&c, &DraftController::staleDraftDropped);
        c.selectTicket(u"T-1247"_s); // slow
        c.selectTicket(u"T-1249"_s); // the agent moved on at once
        QTRY_COMPARE(ready.count(), 1);
        QCOMPARE(ready.first().first().toString(), u"T-1249"_s);
        QTRY_COMPARE(stale.count(), 1);
        QCOMPARE(stale.first().first().toString(), u"T-1247"_s);
        QCOMPARE(c.draft()->ticketId, u"T-1249"_s);
        QCOMPARE(c.staleResults(), 1);
        // Nothing was shown, so nothing was recorded, for the ticket the agent left.
        QVERIFY(test::eventsOf(c.store(), Kind::Shown, u"T-1247"_s).isEmpty());
        QTRY_COMPARE(test::eventsOf(c.store(), Kind::Shown, u"T-1249"_s).size(), 1);
    }

    void draftsOnceTheEngineIsReady()
    {
        DraftController &c = make();
        QSignalSpy ready(&c, &DraftController::draftReady);
        c.selectTicket(u"T-1249"_s);
        QTest::qWait(50);
        QCOMPARE(ready.count(), 0);
        useFake(c);
        QTRY_COMPARE(ready.count(), 1);
    }

    void sendAsIs()
    {
        DraftController &c = make();
        useFake(c);
        selectAndWait(c, u"T-1249"_s);
        QVERIFY(c.send(c.draft()->text));
        const auto sent = test::eventsOf(c.store(), Kind::SentAsIs);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].agent, u"alice"_s);
        QCOMPARE(sent[0].draftId, c.draft()->id);
        QVERIFY(sent[0].edit.has_value());
        QCOMPARE(sent[0].edit->chars, 0);
        QCOMPARE(sent[0].edit->kept, 1.0);
        // Sent as drafted: built on the draft's base, which teaches the ranking (LearnedState::rankAdjustment).
        QCOMPARE(sent[0].usedSource, c.draft()->sources.isEmpty() ? std::nullopt : std::optional<int>(0));
        QVERIFY(!c.send(c.draft()->text)); // a draft is sent once
        QCOMPARE(test::eventsOf(c.store(), Kind::SentAsIs).size(), 1);
    }

    void sendEditedWithEditDistance()
    {
        DraftController &c = make();
        useFake(c);
        selectAndWait(c, u"T-1249"_s);
        const QString draft = c.draft()->text;
        QString final = draft;
        final.replace(u"Please reset"_s, u"You can reset"_s);
        QVERIFY(c.send(final));
        const auto sent = test::eventsOf(c.store(), Kind::SentEdited);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].finalText, final);
        QCOMPARE(sent[0].edit->chars, characterDistance(draft, final));
        QCOMPARE(sent[0].edit->words, 2); // "Please" → "You", "can" inserted
        QCOMPARE(sent[0].edit->kept, keptShare(draft, final));
        QVERIFY(sent[0].edit->kept < 1.0);
        QVERIFY(test::eventsOf(c.store(), Kind::SentAsIs).isEmpty());
    }

    void sendIsHeldAndCanBeUndone()
    {
        DraftController &c = make(150);
        useFake(c);
        selectAndWait(c, u"T-1249"_s);
        QSignalSpy undone(&c, &DraftController::sendUndone);
        QVERIFY(c.send(c.draft()->text));
        QVERIFY(c.hasPendingSend());
        QVERIFY(c.undoSend());
        QCOMPARE(undone.count(), 1);
        QTest::qWait(300);
        QVERIFY(test::eventsOf(c.store(), Kind::SentAsIs).isEmpty());
        // Sent again, it lands once the window has passed.
        QVERIFY(c.send(c.draft()->text));
        QVERIFY(test::eventsOf(c.store(), Kind::SentAsIs).isEmpty());
        QTRY_COMPARE(test::eventsOf(c.store(), Kind::SentAsIs).size(), 1);
        QVERIFY(!c.hasPendingSend());
    }

    void pendingSendIsCommittedOnExit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"exit.db"_s);
        {
            auto store = test::demoStore(dir, u"exit.db"_s);
            DraftController c(std::move(store));
            c.setUndoWindow(60000);
            useFake(c);
            selectAndWait(c, u"T-1249"_s);
            QVERIFY(c.send(c.draft()->text + u" PS"_s));
        }
        auto reopened = store::Store::open(path);
        QVERIFY(reopened);
        QCOMPARE(test::eventsOf(**reopened, Kind::SentEdited).size(), 1);
    }

    void rejectWithReason()
    {
        DraftController &c = make();
        useFake(c);
        selectAndWait(c, u"T-1249"_s);
        QVERIFY(!c.reject(RejectReason::Other)); // "Other" needs the agent's words
        QVERIFY(c.reject(RejectReason::OutdatedInformation, u"the menu moved"_s));
        const auto r = test::eventsOf(c.store(), Kind::Rejected);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].reason, u"outdated_information: the menu moved"_s);
        QVERIFY(!c.send(c.draft()->text)); // done with this draft
    }

    void flagStaysOnTheTicket()
    {
        DraftController &c = make();
        useFake(c);
        selectAndWait(c, u"T-1249"_s);
        const QString draftId = c.draft()->id;
        QVERIFY(c.flag());
        c.recordWaitingFlag();
        const auto f = test::eventsOf(c.store(), Kind::Flagged);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].draftId, draftId);
        QCOMPARE(f[0].sources.size(), 1);
        QCOMPARE(f[0].sources[0].id, u"kb-reset-password"_s);
        QCOMPARE(c.ticket()->id, u"T-1249"_s);
        QCOMPARE(c.draft()->id, draftId);
        QVERIFY(c.send(c.draft()->text)); // a flagged draft can still be sent (after a fix)
    }

    void aFlagWaitsForItsReasonThenCarriesIt()
    {
        DraftController &c = make();
        useFake(c);
        selectAndWait(c, u"T-1249"_s);
        QSignalSpy offered(&c, &DraftController::flagReasonOffered);
        QSignalSpy closed(&c, &DraftController::flagReasonClosed);
        QVERIFY(c.flag());
        QCOMPARE(offered.count(), 1);
        QVERIFY(c.isFlagAwaitingReason());
        QVERIFY(test::eventsOf(c.store(), Kind::Flagged).isEmpty()); // kept aside, not yet in the log
        QVERIFY(c.giveFlagReason(RejectReason::OutdatedInformation));
        QCOMPARE(closed.count(), 1);
        const auto f = test::eventsOf(c.store(), Kind::Flagged);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].reason, u"outdated_information"_s);
        QCOMPARE(c.store().outbox(10)->last().id, f[0].id);  // it travels with its reason
        QVERIFY(!c.giveFlagReason(RejectReason::WrongTone)); // nothing waits any more
    }

    void movingOnOrActingRecordsTheFlagWithoutAReason()
    {
        DraftController &c = make();
        useFake(c);
        selectAndWait(c, u"T-1249"_s);
        QVERIFY(c.flag());
        selectAndWait(c, u"T-1247"_s); // moved on
        QCOMPARE(test::eventsOf(c.store(), Kind::Flagged, u"T-1249"_s).size(), 1);
        QVERIFY(test::eventsOf(c.store(), Kind::Flagged, u"T-1249"_s)[0].reason.isEmpty());
        QVERIFY(c.flag());
        QVERIFY(c.escalate()); // another action
        auto f = test::eventsOf(c.store(), Kind::Flagged, u"T-1247"_s);
        QCOMPARE(f.size(), 1);
        QVERIFY(f[0].reason.isEmpty());
        c.setFlagReasonWindow(50);
        QVERIFY(c.flag());
        QTRY_COMPARE(test::eventsOf(c.store(), Kind::Flagged, u"T-1247"_s).size(), 2); // the window passed
        QVERIFY(!c.isFlagAwaitingReason());
    }

    void aWaitingFlagIsNeverLost()
    {
        // Quitting records it.
        DraftController &c = make();
        useFake(c);
        const QString path = c.databasePath();
        selectAndWait(c, u"T-1249"_s);
        QVERIFY(c.flag());
        m_c.reset();
        {
            auto s = store::Store::open(path);
            QVERIFY(s);
            QCOMPARE(test::eventsOf(**s, Kind::Flagged, u"T-1249"_s).size(), 1);
            // A killed client leaves it held in the store, out of the log...
            FeedbackEvent held = test::eventsOf(**s, Kind::Flagged, u"T-1249"_s)[0];
            held.id = Clock::newId();
            QVERIFY((*s)->holdEvent(held));
            QCOMPARE(test::eventsOf(**s, Kind::Flagged, u"T-1249"_s).size(), 1);
        }
        // ...and the next start records it, once.
        auto s = store::Store::open(path);
        QVERIFY(s);
        DraftController next(std::move(*s));
        QCOMPARE(test::eventsOf(next.store(), Kind::Flagged, u"T-1249"_s).size(), 2);
        QCOMPARE(next.store().recordHeldEvents().value_or(-1), 0);
        QCOMPARE(next.store().outboxSize().value_or(-1), test::eventsOf(next.store(), Kind::Flagged).size() + 1);
    }

    void regenerateAndEscalate()
    {
        DraftController &c = make();
        useFake(c);
        selectAndWait(c, u"T-1249"_s);
        const QString first = c.draft()->id;
        QSignalSpy ready(&c, &DraftController::draftReady);
        QVERIFY(c.regenerate());
        QTRY_COMPARE(ready.count(), 1);
        QVERIFY(c.draft()->id != first);
        const auto regen = test::eventsOf(c.store(), Kind::Regenerated);
        QCOMPARE(regen.size(), 1);
        QCOMPARE(regen[0].draftId, first);
        QTRY_COMPARE(test::eventsOf(c.store(), Kind::Shown).size(), 2);
        QVERIFY(c.escalate(u"customer asked for a manager"_s));
        const auto esc = test::eventsOf(c.store(), Kind::Escalated);
        QCOMPARE(esc.size(), 1);
        QCOMPARE(esc[0].reason, u"customer asked for a manager"_s);
    }

    // 18.9: a draft counts as shown once per ticket and draft version, after a moment on screen.
    void arrowingPastCountsNothing()
    {
        DraftController &c = make();
        useFake(c);
        c.setShownAfter(400);
        selectAndWait(c, u"T-1249"_s);
        selectAndWait(c, u"T-1247"_s); // moved on at once
        QTRY_COMPARE(test::eventsOf(c.store(), Kind::Shown, u"T-1247"_s).size(), 1);
        QVERIFY(test::eventsOf(c.store(), Kind::Shown, u"T-1249"_s).isEmpty());
        // The draft arrowed past is stored all the same: coming back shows it, and now it counts.
        selectAndWait(c, u"T-1249"_s);
        QTRY_COMPARE(test::eventsOf(c.store(), Kind::Shown, u"T-1249"_s).size(), 1);
    }

    void aRevisitShowsTheStoredDraftAndCountsItOnce()
    {
        DraftController &c = make();
        std::atomic<int> drafted{0};
        c.setDraftFunction([&drafted](const Ticket &t, store::Store &) -> Result<Draft> {
            ++drafted;
            return fakeDraft(t);
        });
        c.setShownAfter(50);
        selectAndWait(c, u"T-1249"_s);
        const QString first = c.draft()->id;
        QVERIFY(!c.draft()->basis.isEmpty());
        QTRY_COMPARE(test::eventsOf(c.store(), Kind::Shown, u"T-1249"_s).size(), 1);
        for (int visit = 0; visit < 3; ++visit) {
            selectAndWait(c, u"T-1247"_s);
            selectAndWait(c, u"T-1249"_s);
            QCOMPARE(c.draft()->id, first);
        }
        QTest::qWait(200);
        QCOMPARE(drafted.load(), 2); // T-1249 once, T-1247 once
        QCOMPARE(test::eventsOf(c.store(), Kind::Shown, u"T-1249"_s).size(), 1);
        QVERIFY(test::eventsOf(c.store(), Kind::Shown, u"T-1247"_s).isEmpty()); // never on screen for a moment
    }

    void newKnowledgeOrANewMessageDraftsAgain()
    {
        DraftController &c = make();
        useFake(c);
        c.setShownAfter(0);
        selectAndWait(c, u"T-1249"_s);
        const QString first = c.draft()->id;
        selectAndWait(c, u"T-1247"_s);
        // The knowledge changed: a new past reply.
        store::Answer a;
        a.key = u"test:new-answer"_s;
        a.question = u"How do I export my timesheets?"_s;
        a.reply = u"Use Reports, then Export."_s;
        QVERIFY(c.store().addAnswers({a}));
        selectAndWait(c, u"T-1249"_s);
        const QString second = c.draft()->id;
        QVERIFY(second != first);
        // The ticket changed: the customer wrote again.
        selectAndWait(c, u"T-1247"_s);
        auto t = c.store().ticket(u"T-1249"_s);
        QVERIFY(t && *t);
        Ticket ticket = **t;
        ticket.messages << Message{u"customer"_s, u"Any news on this?"_s, Clock::now()};
        QVERIFY(c.store().importTickets({ticket}, u"test"_s));
        selectAndWait(c, u"T-1249"_s);
        QVERIFY(c.draft()->id != second);
        QCOMPARE(test::eventsOf(c.store(), Kind::Shown, u"T-1249"_s).size(), 3);
    }

    void anActionBeforeTheMomentRecordsShownFirst()
    {
        DraftController &c = make();
        useFake(c);
        c.setShownAfter(60000);
        selectAndWait(c, u"T-1249"_s);
        QVERIFY(c.flag());
        QVERIFY(c.send(c.draft()->text));
        const auto events = c.store().events(u"T-1249"_s);
        QVERIFY(events);
        QStringList kinds;
        for (const FeedbackEvent &e : *events)
            kinds << FeedbackEvent::kindName(e.kind);
        QCOMPARE(kinds, (QStringList{u"shown"_s, u"flagged"_s, u"sent_as_is"_s}));
    }

    void storeErrorsAreReportedNotThrown()
    {
        DraftController &c = make();
        useFake(c);
        selectAndWait(c, u"T-1249"_s);
        QTRY_COMPARE(test::eventsOf(c.store(), Kind::Shown, u"T-1249"_s).size(), 1);
        QSignalSpy errors(&c, &DraftController::errorOccurred);
        c.store().db().failAfter(1, 13 /* SQLITE_FULL */);
        QVERIFY(!c.flag());
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains(u"flagged"_s));
        QVERIFY(c.flag()); // the next try works
    }

    void realEngineDraftsWithSources()
    {
        DraftController &c = make();
        QSignalSpy loaded(&c, &DraftController::engineLoaded);
        c.loadEngine(engine::EngineConfig{});
        c.selectTicket(u"T-1249"_s);
        QTRY_COMPARE(loaded.count(), 1);
        QTRY_VERIFY(c.draft().has_value());
        QVERIFY(!c.draft()->text.isEmpty());
        QVERIFY(!c.draft()->sources.isEmpty());
        QVERIFY(c.draft()->confidence >= 0 && c.draft()->confidence <= 1);
    }

    void engineStartsFromItsSnapshotAndRebuildsInTheBackground()
    {
        const QString path = m_dir.filePath(u"snapshot.db"_s);
        {
            DraftController first(test::demoStore(m_dir, u"snapshot.db"_s));
            QCOMPARE(first.snapshotPath(), path + u".engine"_s);
            QSignalSpy loaded(&first, &DraftController::engineLoaded);
            first.loadEngine(engine::EngineConfig{});
            QTRY_COMPARE(loaded.count(), 1);
            QVERIFY(!first.snapshotReport().loaded); // the first start builds and writes it
            QVERIFY(first.snapshotReport().saved);
            QVERIFY(QFileInfo::exists(first.snapshotPath()));
        }
        auto reopened = store::Store::open(path);
        QVERIFY(reopened.ok());
        DraftController c(std::move(*reopened));
        c.setContentCheckInterval(0); // this test says when to look
        QSignalSpy loaded(&c, &DraftController::engineLoaded);
        QSignalSpy rebuilt(&c, &DraftController::engineRebuilt);
        c.loadEngine(engine::EngineConfig{});
        QTRY_COMPARE(loaded.count(), 1);
        QVERIFY2(c.snapshotReport().loaded, qPrintable(c.snapshotReport().rebuiltBecause));
        const auto before = c.engine();

        c.noteContentChanged();
        QVERIFY(!c.isRebuilding()); // nothing changed

        // New knowledge arrives (as from a sync or an import): a rebuild starts and returns at once; the current
        // engine drafts until the new one is swapped in.
        Article a;
        a.id = u"kb-zebra"_s;
        a.title = u"Zebra mode"_s;
        a.body = u"## Turning on zebra mode\n\nOpen Settings, then Appearance, and switch on Zebra mode to stripe "
                 "every table row."_s;
        QVERIFY(c.store().importArticles({a}, u"test"_s, false).ok());
        c.noteContentChanged();
        QVERIFY(c.isRebuilding());
        QCOMPARE(c.engine(), before);
        QTRY_COMPARE_WITH_TIMEOUT(rebuilt.count(), 1, 60000);
        QVERIFY(!c.isRebuilding());
        QVERIFY(c.engine() != before);
        QCOMPARE(c.engine()->contentGeneration(), *c.store().contentGeneration());
        QVERIFY2(c.snapshotReport().rebuiltBecause.contains(u"stale"_s), qPrintable(c.snapshotReport().rebuiltBecause));
        QVERIFY(c.snapshotReport().saved);

        Ticket t;
        t.id = u"T-ZEBRA"_s;
        t.subject = u"Zebra mode"_s;
        t.customer = Customer{u"C-Z"_s, u"Dana Fox"_s, {}, u"pro"_s};
        t.messages << Message{u"customer"_s, u"How do I turn on zebra mode to stripe table rows?"_s, {}};
        auto d = c.engine()->draft(t, c.store());
        QVERIFY(d.ok());
        QVERIFY(!d->sources.isEmpty());
        QCOMPARE(d->sources.first().id, u"kb-zebra"_s);

        // The next start uses the snapshot the rebuild wrote.
        auto again = store::Store::open(path);
        QVERIFY(again.ok());
        DraftController next(std::move(*again));
        QSignalSpy nextLoaded(&next, &DraftController::engineLoaded);
        next.loadEngine(engine::EngineConfig{});
        QTRY_COMPARE(nextLoaded.count(), 1);
        QVERIFY2(next.snapshotReport().loaded, qPrintable(next.snapshotReport().rebuiltBecause));
    }
};

QTEST_GUILESS_MAIN(TestDraftController)
#include "tst_draftcontroller.moc"

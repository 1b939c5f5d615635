// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's snapshot beside the store: a round trip drafts exactly as a fresh build; a stale, foreign,
// truncated, altered or other-version file is rebuilt (and says why); a failed write leaves the engine working.
#include "Engine.h"
#include "EngineSnapshot.h"
#include "Importers.h"
#include "Store.h"
#include "TestSupport.h"

#include <understudy/Clock.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::engine;

namespace {

QList<Ticket> probes()
{
    const QStringList texts = {
        u"How do I download the invoice for last month? Our accountant needs a PDF."_s,
        u"I forgot my password and the reset email never arrives."_s,
        u"The web app is very slow and pages take forever to load in Chrome."_s,
        u"Can I export all my projects to CSV?"_s,
        u"I was charged twice this month, please refund the duplicate."_s,
        u"How do I invite colleagues to my workspace?"_s,
        u"Hi"_s,
        u"Wie kann ich meine Rechnung herunterladen?"_s,
    };
    QList<Ticket> out;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        Ticket t;
        t.id = u"T-SNAP-%1"_s.arg(i);
        t.customer = Customer{u"C-S"_s, u"Dana Fox"_s, u"dana@example.com"_s, u"pro"_s};
        t.status = u"open"_s;
        t.messages << Message{u"customer"_s, texts[i], QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC)};
        out << t;
    }
    return out;
}

// Everything a draft says that does not depend on when it was made.
QString fingerprint(const Draft &d)
{
    QString s = d.text + u'|' + d.intent + u'|' + QString::number(d.intentProbability, 'g', 17) + u'|' +
                QString::number(d.confidence, 'g', 17) + u'|' + QString::number(d.rawConfidence, 'g', 17) + u'|' +
                d.intentAlternatives.join(u',') + u'|' + d.reasons.join(u';');
    for (const Source &src : d.sources)
        s += u'|' + src.kind + u':' + src.id + u'@' + QString::number(src.score, 'g', 17);
    return s;
}

} // namespace

class TestEngineSnapshot : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_storePath;
    std::unique_ptr<store::Store> m_store;
    QStringList m_fresh; ///< drafts of a fresh build, by probe

    QString snapshotPath() const { return EngineSnapshot::pathFor(m_storePath); }

    QStringList draftsOf(const Engine &engine)
    {
        QStringList out;
        for (const Ticket &t : probes()) {
            auto d = engine.draft(t, *m_store);
            if (!d)
                qFatal("draft failed: %s", qPrintable(d.error().toString()));
            out << fingerprint(*d);
        }
        return out;
    }

    static EngineConfig config()
    {
        EngineConfig c;
        c.tuning.looSamples = 60; // the prior calibration is part of the snapshot: switch it on
        return c;
    }

    /// Loads through the snapshot; the engine and what happened.
    std::pair<std::unique_ptr<Engine>, SnapshotReport> load(const QString &path, const EngineConfig &c = config())
    {
        auto e = std::make_unique<Engine>(c, EscalationRules::defaults());
        SnapshotReport report;
        const Status st = e->load(*m_store, path, &report);
        if (!st)
            qFatal("load failed: %s", qPrintable(st.error().toString()));
        return {std::move(e), report};
    }

    /// A damaged or unusable snapshot is rebuilt for the reason @p why and drafts as a fresh build; the rewritten
    /// file then loads.
    void expectRebuilt(const QString &why)
    {
        auto [engine, report] = load(snapshotPath());
        QVERIFY(!report.loaded);
        QVERIFY2(report.rebuiltBecause.contains(why), qPrintable(report.rebuiltBecause));
        QVERIFY(report.saved);
        QCOMPARE(draftsOf(*engine), m_fresh);
        auto [again, second] = load(snapshotPath());
        QVERIFY2(second.loaded, qPrintable(second.rebuiltBecause));
    }

    static void patch(const QString &path, qint64 offset, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(offset));
        QCOMPARE(f.write(bytes), bytes.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_storePath = m_dir.filePath(u"demo.db"_s);
        auto store = store::Store::open(m_storePath);
        QVERIFY(store.ok());
        m_store = std::move(*store);
        const QString demo = test::demoDir();
        auto kb = connectors::readKnowledge({demo + u"/kb"_s});
        QVERIFY(kb.ok());
        QVERIFY(m_store->importArticles(*kb, u"demo"_s, true).ok());
        auto macros = connectors::readMacros(demo + u"/macros.json"_s);
        QVERIFY(macros.ok());
        QVERIFY(m_store->importMacros(*macros).ok());
        auto tickets = connectors::readTickets(demo + u"/tickets.jsonl"_s, {});
        QVERIFY(tickets.ok());
        QVERIFY(m_store->importTickets(*tickets, u"demo"_s).ok());
    }

    void init()
    {
        // Every case starts from a fresh build of the store as it is now, and no snapshot.
        QFile::remove(snapshotPath());
        Engine fresh(config(), EscalationRules::defaults());
        QVERIFY(fresh.load(*m_store).ok());
        m_fresh = draftsOf(fresh);
    }

    void storeIdentityIsStableAndOwn()
    {
        auto a = m_store->identity();
        QVERIFY(a.ok() && !a->isEmpty());
        QCOMPARE(*m_store->identity(), *a);
        auto other = store::Store::open(m_dir.filePath(u"other.db"_s));
        QVERIFY(other.ok());
        QVERIFY(*(*other)->identity() != *a);
        QCOMPARE(EngineSnapshot::pathFor(u":memory:"_s), QString());
    }

    void roundTripDraftsAsAFreshBuild()
    {
        auto [built, first] = load(snapshotPath());
        QVERIFY(!first.loaded);
        QVERIFY(first.saved);
        QVERIFY(first.bytes > 0);
        QCOMPARE(QFileInfo(snapshotPath()).size(), first.bytes);
        QCOMPARE(first.generation, *m_store->contentGeneration());
        QCOMPARE(built->contentGeneration(), first.generation);

        auto [restored, second] = load(snapshotPath());
        QVERIFY2(second.loaded, qPrintable(second.rebuiltBecause));
        QVERIFY(!second.saved);
        QCOMPARE(restored->contentGeneration(), first.generation);
        QCOMPARE(draftsOf(*restored), m_fresh);
        QCOMPARE(restored->stats().answers, built->stats().answers);
        QCOMPARE(restored->stats().chunks, built->stats().chunks);
        QCOMPARE(restored->stats().macros, built->stats().macros);
        QCOMPARE(restored->stats().labelled, built->stats().labelled);
        const auto prior = built->priorCalibration(), again = restored->priorCalibration();
        QVERIFY(prior.fitted); // the leave-one-out replay ran: its result comes back from the file
        QCOMPARE(again.fitted, prior.fitted);
        QCOMPARE(again.scale, prior.scale);
        QCOMPARE(again.shift, prior.shift);
        QCOMPARE(again.replayed, prior.replayed);

        // The same snapshot written again is the same bytes: the file is deterministic.
        const QByteArray bytes = test::readFile(snapshotPath());
        QVERIFY(EngineSnapshot::save(*restored, *EngineSnapshot::keyOf(*m_store, config()), snapshotPath()).ok());
        QVERIFY(test::readFile(snapshotPath()) == bytes);

        // A restored engine keeps learning online like a built one.
        store::Answer a;
        a.key = u"test:snapshot-learn"_s;
        a.question = u"Can the snapshot engine learn a brand new question about zebra stripes?"_s;
        a.reply = u"Yes: zebra stripes are in the Appearance settings."_s;
        a.intent = u"zebra-stripes"_s;
        Ticket t = probes().front();
        t.messages.first().body = a.question;
        QVERIFY(m_store->addAnswers({a}).ok());
        auto stored = m_store->answerByKey(a.key);
        QVERIFY(stored.ok() && stored->has_value());
        restored->learn(**stored);
        auto d = restored->draft(t, *m_store);
        QVERIFY(d.ok());
        QVERIFY2(!d->sources.isEmpty() && d->sources.first().id == a.key, qPrintable(fingerprint(*d)));
    }

    void staleGenerationIsRebuilt()
    {
        load(snapshotPath()); // builds and writes it
        store::Answer a;
        a.key = u"test:stale"_s;
        a.question = u"Is a snapshot rebuilt once the answer bank changes?"_s;
        a.reply = u"It is."_s;
        QVERIFY(m_store->addAnswers({a}).ok());
        init(); // the fresh drafts of the store as it is now (init() also removed the file: write it again)
        {
            Engine older(config(), EscalationRules::defaults());
            QVERIFY(older.load(*m_store).ok());
            auto key = EngineSnapshot::keyOf(*m_store, config());
            QVERIFY(key.ok());
            key->generation -= 1; // as if built before the last change
            QVERIFY(EngineSnapshot::save(older, *key, snapshotPath()).ok());
        }
        expectRebuilt(u"stale"_s);
    }

    void rebuildKeepsTheFittedModelWhileTheLabelsAreTheSame()
    {
        load(snapshotPath()); // builds and writes it
        // New knowledge, no new label: the rebuild keeps the fitted intent model, and drafts as a fresh build.
        Article art;
        art.id = u"kb-snapshot-reuse"_s;
        art.title = u"Dark mode"_s;
        art.body = u"## Turning on dark mode\n\nOpen Settings, then Appearance, and choose Dark."_s;
        QVERIFY(m_store->importArticles({art}, u"test"_s, false).ok());
        {
            Engine fresh(config(), EscalationRules::defaults());
            QVERIFY(fresh.load(*m_store).ok());
            m_fresh = draftsOf(fresh);
        }
        auto [kept, report] = load(snapshotPath());
        QVERIFY(!report.loaded);
        QVERIFY2(report.rebuiltBecause.contains(u"stale"_s), qPrintable(report.rebuiltBecause));
        QVERIFY(report.intentModelReused);
        QVERIFY(report.saved);
        QCOMPARE(draftsOf(*kept), m_fresh);

        // A new labelled question changes the sample: the model is fitted again.
        store::Answer a;
        a.key = u"test:reuse-label"_s;
        a.question = u"How do I switch the app to dark mode?"_s;
        a.reply = u"Settings, Appearance, Dark."_s;
        a.intent = u"dark-mode"_s;
        QVERIFY(m_store->addAnswers({a}).ok());
        auto [refitted, second] = load(snapshotPath());
        QVERIFY(!second.loaded);
        QVERIFY(!second.intentModelReused);
        Engine fresh(config(), EscalationRules::defaults());
        QVERIFY(fresh.load(*m_store).ok());
        QCOMPARE(draftsOf(*refitted), draftsOf(fresh));
    }

    void foreignStoreIsRebuilt()
    {
        // Another store's snapshot, copied beside this one.
        auto other = store::Store::open(m_dir.filePath(u"foreign.db"_s));
        QVERIFY(other.ok());
        Engine foreign(config(), EscalationRules::defaults());
        SnapshotReport r;
        const QString foreignPath = EngineSnapshot::pathFor(m_dir.filePath(u"foreign.db"_s));
        QVERIFY(foreign.load(**other, foreignPath, &r).ok());
        QVERIFY(r.saved);
        QVERIFY(QFile::copy(foreignPath, snapshotPath()));
        expectRebuilt(u"another store"_s);
    }

    void otherConfigurationIsRebuilt()
    {
        load(snapshotPath()); // builds and writes it
        EngineConfig c = config();
        c.intentTextBudget = 1000;
        auto [engine, report] = load(snapshotPath(), c);
        QVERIFY(!report.loaded);
        QVERIFY2(report.rebuiltBecause.contains(u"configuration"_s), qPrintable(report.rebuiltBecause));
    }

    void truncatedFileIsRebuilt()
    {
        load(snapshotPath()); // builds and writes it
        QFile f(snapshotPath());
        QVERIFY(f.resize(f.size() / 2));
        expectRebuilt(u"truncated"_s);
        // Cut inside the header too.
        QVERIFY(QFile(snapshotPath()).resize(12));
        expectRebuilt(u"truncated"_s);
    }

    void flippedByteIsRebuilt()
    {
        load(snapshotPath()); // builds and writes it
        const QByteArray bytes = test::readFile(snapshotPath());
        for (const qint64 at : {bytes.size() / 2, bytes.size() - 20, qint64(30)}) {
            patch(snapshotPath(), at, QByteArray(1, char(bytes[at] ^ 0x10)));
            expectRebuilt(at == 30 ? u"header is corrupt"_s : u"checksum mismatch"_s);
        }
        QFile::remove(snapshotPath());
        test::writeFile(snapshotPath(), "not a snapshot at all, but long enough to have a header");
        expectRebuilt(u"not an engine snapshot"_s);
    }

    void otherFormatVersionIsRebuilt()
    {
        load(snapshotPath()); // builds and writes it
        const quint32 version = EngineSnapshot::kFormatVersion + 1;
        patch(snapshotPath(), 8, QByteArray(reinterpret_cast<const char *>(&version), sizeof version));
        expectRebuilt(u"format version %1"_s.arg(version));
    }

    void failedWriteLeavesTheEngineWorking()
    {
        const QString path = m_dir.filePath(u"no-such-dir/demo.db.engine"_s);
        auto [engine, report] = load(path);
        QVERIFY(!report.loaded);
        QVERIFY(!report.saved);
        QVERIFY2(!report.saveError.isEmpty(), "the report says why the snapshot was not written");
        QCOMPARE(draftsOf(*engine), m_fresh);
    }

    void everyContentChangeMovesTheGeneration()
    {
        // What load() builds: answers (with their intents), article sections, macros. Each write that changes one
        // of them moves the generation; reading does not.
        auto gen = [this] { return *m_store->contentGeneration(); };
        qint64 g = gen();
        auto moved = [&](const char *what) {
            const qint64 now = gen();
            if (now <= g)
                QTest::qFail(qPrintable(u"the generation did not move on: "_s + QString::fromLatin1(what)), __FILE__,
                             __LINE__);
            g = now;
        };
        Article art;
        art.id = u"kb-gen"_s;
        art.title = u"Generation"_s;
        art.body = u"A section about generations."_s;
        QVERIFY(m_store->importArticles({art}, u"gen"_s, false).ok());
        moved("article added");
        QVERIFY(m_store->importArticles({art}, u"gen"_s, false).ok());
        QCOMPARE(gen(), g); // unchanged: nothing to rebuild
        art.body += u" Now longer."_s;
        QVERIFY(m_store->importArticles({art}, u"gen"_s, false).ok());
        moved("article updated");
        QVERIFY(m_store->importArticles({}, u"gen"_s, true).ok());
        moved("article removed");
        Macro m;
        m.id = u"macro-gen"_s;
        m.title = u"Generation macro"_s;
        m.body = u"Hello"_s;
        QVERIFY(m_store->importMacros({m}).ok());
        moved("macro added");
        Ticket t;
        t.id = u"T-GEN"_s;
        t.subject = u"Labelled"_s;
        t.status = u"resolved"_s;
        t.intent = u"gen-intent"_s;
        t.messages << Message{u"customer"_s, u"A labelled question"_s, Clock::now()};
        QVERIFY(m_store->importTickets({t}, u"gen"_s).ok());
        moved("labelled ticket");
        t.intent = u"another-intent"_s;
        QVERIFY(m_store->importTickets({t}, u"gen"_s).ok());
        moved("relabelled ticket");
        store::Answer a;
        a.key = u"test:gen"_s;
        a.question = u"A question"_s;
        a.intent = u"gen-intent"_s;
        QVERIFY(m_store->addAnswers({a}).ok());
        moved("answer added");
        t.id = u"T-GEN-OPEN"_s;
        t.status = u"open"_s;
        QVERIFY(m_store->importTickets({t}, u"gen"_s).ok());
        g = gen();
        FeedbackEvent sent;
        sent.id = Clock::newId();
        sent.kind = FeedbackEvent::Kind::SentAsIs;
        sent.agent = u"sam"_s;
        sent.ticketId = t.id;
        sent.draftId = Clock::newId();
        sent.at = Clock::now();
        sent.finalText = u"Here is the answer."_s;
        QVERIFY(m_store->recordReply(sent).ok());
        moved("reply sent (a learned answer)");
        FeedbackEvent teammate = sent;
        teammate.id = Clock::newId();
        QVERIFY(m_store->recordRemoteEvents({teammate}).ok());
        moved("a teammate's reply from the server");
    }
};

QTEST_GUILESS_MAIN(TestEngineSnapshot)
#include "tst_enginesnapshot.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "LearnedState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace understudy;
using namespace understudy::engine;
using namespace Qt::StringLiterals;

namespace {

FeedbackEvent makeEvent(FeedbackEvent::Kind kind, const QString &article, double confidence, double kept = 1.0,
                    const QString &reason = {})
{
    FeedbackEvent e;
    e.id = u"e"_s;
    e.kind = kind;
    e.confidence = confidence;
    e.sources = {Source{u"article"_s, article, {}, 0, {}, {}, {}, {}}};
    if (kind == FeedbackEvent::Kind::SentEdited)
        e.edit = EditStats{10, 2, kept};
    e.reason = reason;
    return e;
}

/// @brief A feedback history whose raw confidence is over-confident: acceptance really is raw².
QList<FeedbackEvent> overconfidentHistory(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<FeedbackEvent> out;
    for (int i = 0; i < n; ++i) {
        const double raw = rng.generateDouble();
        const bool accepted = rng.generateDouble() < raw * raw;
        out << makeEvent(accepted ? FeedbackEvent::Kind::SentAsIs : FeedbackEvent::Kind::Rejected,
                     u"kb-%1"_s.arg(i % 40), raw);
    }
    return out;
}

} // namespace

class TstLearnedState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameEventsSameOrderSameBytes()
    {
        const auto history = overconfidentHistory(2000, 7);
        LearnedState a, b;
        for (const auto &e : history)
            a.apply(e);
        for (const auto &e : history)
            b.apply(e);
        QCOMPARE(a.serialize(), b.serialize());
        QCOMPARE(a.hash(), b.hash());
        LearnedState c;
        for (const auto &e : history.mid(0, 1999))
            c.apply(e);
        QVERIFY(c.hash() != a.hash()); // one event less is another state
    }

    // The server folds each batch as it arrives and clients merge what it serves: any split and any order of the
    // log must give the same bytes as one fold of it.
    void anyOrderAndAnySplitGiveTheSameState()
    {
        auto history = overconfidentHistory(3000, 11);
        history << makeEvent(FeedbackEvent::Kind::Flagged, u"kb-1"_s, 0.9)
                << makeEvent(FeedbackEvent::Kind::Rejected, u"kb-2"_s, 0.4, 1.0, u"outdated_information"_s)
                << makeEvent(FeedbackEvent::Kind::SentEdited, u"kb-3"_s, 0.6, 0.5)
                << makeEvent(FeedbackEvent::Kind::Shown, u"kb-3"_s, 0.6);
        LearnedState whole;
        for (const auto &e : history)
            whole.apply(e);
        LearnedState reversed;
        for (auto it = history.crbegin(); it != history.crend(); ++it)
            reversed.apply(*it);
        QCOMPARE(reversed.hash(), whole.hash());
        LearnedState first, second;
        for (qsizetype i = 0; i < history.size(); ++i)
            (i % 7 == 3 ? second : first).apply(history[i]);
        first.merge(second);
        QCOMPARE(first.hash(), whole.hash());
        QCOMPARE(first.calibrated(0.35), whole.calibrated(0.35));
    }

    void partsCarryTheWholeState()
    {
        LearnedState s;
        for (const auto &e : overconfidentHistory(500, 5))
            s.apply(e);
        s.apply(makeEvent(FeedbackEvent::Kind::Rejected, u"kb-1"_s, 0.4, 1.0, u"outdated_information"_s));
        const QList<LearnedState::Part> parts = s.parts();
        QCOMPARE(parts.first().key, u"calibration"_s);
        QCOMPARE(parts.size(), 41); // the calibration and one record per source
        LearnedState copy;
        for (const auto &p : parts) // through JSON text, as the feed and the client's store carry them
            QVERIFY(copy.setPart(p.key, QJsonDocument::fromJson(QJsonDocument(p.data).toJson()).object()));
        QCOMPARE(copy.hash(), s.hash());
        QCOMPARE(copy.record(u"article"_s, u"kb-1"_s)->outdated, 1);
        // Setting a part replaces that record; it does not add to it.
        QVERIFY(copy.setPart(parts.last().key, parts.last().data));
        QCOMPARE(copy.hash(), s.hash());
    }

    void malformedPartsAreRefusedAndChangeNothing()
    {
        LearnedState s;
        s.apply(makeEvent(FeedbackEvent::Kind::Flagged, u"kb-1"_s, 0.9));
        const QByteArray before = s.hash();
        const QJsonObject good = s.parts().last().data;
        QJsonObject negative = good;
        negative.insert(u"flagged"_s, -1);
        QJsonObject fractional = good;
        fractional.insert(u"acted"_s, 1.5);
        QJsonObject missing = good;
        missing.remove(u"rejected"_s);
        for (const QJsonObject &bad : {negative, fractional, missing}) {
            const Status st = s.setPart(u"source:article:kb-1"_s, bad);
            QVERIFY(!st);
            QVERIFY2(st.error().message.contains(u"source:article:kb-1"_s), qPrintable(st.error().message));
        }
        QVERIFY(!s.setPart(u"calibration"_s, QJsonObject{{u"events"_s, 1}, {u"bins"_s, QJsonArray{}}}));
        QVERIFY(!s.setPart(u"weights"_s, good));
        QVERIFY(!s.setPart(u"source:"_s, good));
        QCOMPARE(s.hash(), before);
    }

    // Agents keep sending replies built on the article the engine ranked second, below an answer: the weights
    // move toward what tells the article apart; a send of the top source teaches nothing pairwise but dilutes.
    void rankingLearnsFromTheSourceAgentsUsed()
    {
        const QList<double> answer{0.8, 1.0, 1, 1, 0, 0}, article{0.5, 0.6, 0, 0, 1, 0};
        auto send = [&](int used) {
            FeedbackEvent e = makeEvent(FeedbackEvent::Kind::SentEdited, u"kb-1"_s, 0.7, 0.9);
            e.sources = {Source{u"answer"_s, u"event:1"_s, {}, 0, {}, {}, {}, answer},
                         Source{u"article"_s, u"kb-1"_s, {}, 0, {}, {}, {}, article}};
            e.usedSource = used;
            return e;
        };
        LearnedState s;
        QCOMPARE(s.rankAdjustment(), (std::array<double, LearnedState::kRankFeatures>{}));
        for (int i = 0; i < 30; ++i)
            s.apply(send(1));
        const auto adjust = s.rankAdjustment();
        QCOMPARE(s.rankSends(), 30);
        QVERIFY(adjust[4] > 0.25);  // article
        QVERIFY(adjust[3] < -0.25); // answer
        QVERIFY(adjust[2] < 0);     // the intent match the answer had
        // Their ranks under the adjustment (the engine adds it to its built-in 0.6 coverage + 0.2 relative + 0.2
        // intent): the article now comes first.
        auto rank = [&](const QList<double> &f, double base) {
            for (int k = 0; k < LearnedState::kRankFeatures; ++k)
                base += adjust[size_t(k)] * f[k];
            return base;
        };
        QVERIFY(rank(article, 0.6 * 0.5 + 0.2 * 0.6) > rank(answer, 0.6 * 0.8 + 0.2 * 1.0 + 0.2));
        // As many sends of the top source halve the shift; the parts carry it; the fold stays order-independent.
        for (int i = 0; i < 30; ++i)
            s.apply(send(0));
        QVERIFY(std::abs(s.rankAdjustment()[4] - adjust[4] * 50.0 / 80.0) < 1e-9);
        LearnedState copy;
        for (const auto &p : s.parts())
            QVERIFY(copy.setPart(p.key, p.data));
        QCOMPARE(copy.hash(), s.hash());
        LearnedState reversed;
        for (int i = 0; i < 30; ++i)
            reversed.apply(send(0));
        for (int i = 0; i < 30; ++i)
            reversed.apply(send(1));
        QCOMPARE(reversed.hash(), s.hash());
    }

    void aFlaggedSourceSinks()
    {
        LearnedState s;
        QCOMPARE(s.reputation(u"article"_s, u"kb-1"_s), 0.5);
        s.apply(makeEvent(FeedbackEvent::Kind::SentAsIs, u"kb-good"_s, 0.7));
        s.apply(makeEvent(FeedbackEvent::Kind::Flagged, u"kb-bad"_s, 0.7));
        QVERIFY(s.reputation(u"article"_s, u"kb-bad"_s) < 0.5);
        QVERIFY(s.reputation(u"article"_s, u"kb-good"_s) > 0.5);
        QVERIFY(s.rankFactor(u"article"_s, u"kb-bad"_s) < 1.0);
        // A heavy edit is worse than a light one, better than a reject.
        LearnedState t;
        t.apply(makeEvent(FeedbackEvent::Kind::SentEdited, u"light"_s, 0.5, 0.9));
        t.apply(makeEvent(FeedbackEvent::Kind::SentEdited, u"heavy"_s, 0.5, 0.3));
        t.apply(makeEvent(FeedbackEvent::Kind::Rejected, u"rejected"_s, 0.5, 1.0, u"wrong_answer"_s));
        QVERIFY(t.reputation(u"article"_s, u"light"_s) > t.reputation(u"article"_s, u"heavy"_s));
        QVERIFY(t.reputation(u"article"_s, u"heavy"_s) > t.reputation(u"article"_s, u"rejected"_s));
    }

    void outdatedRejectsAndFlagsAreCounted()
    {
        LearnedState s;
        s.apply(makeEvent(FeedbackEvent::Kind::Rejected, u"kb-old"_s, 0.6, 1.0, u"outdated_information"_s));
        s.apply(makeEvent(FeedbackEvent::Kind::Flagged, u"kb-wrong"_s, 0.6));
        s.apply(makeEvent(FeedbackEvent::Kind::Flagged, u"kb-wrong"_s, 0.6));
        s.apply(makeEvent(FeedbackEvent::Kind::SentAsIs, u"kb-fine"_s, 0.6));
        QCOMPARE(s.record(u"article"_s, u"kb-wrong"_s)->flagged, 2);
        QCOMPARE(s.record(u"article"_s, u"kb-old"_s)->outdated, 1);
        QCOMPARE(s.record(u"article"_s, u"kb-fine"_s)->flagged + s.record(u"article"_s, u"kb-fine"_s)->outdated, 0);
    }

    void shownAndRegeneratedAreNotVerdicts()
    {
        LearnedState s;
        s.apply(makeEvent(FeedbackEvent::Kind::Shown, u"kb-1"_s, 0.9));
        s.apply(makeEvent(FeedbackEvent::Kind::Regenerated, u"kb-1"_s, 0.9));
        QCOMPARE(s.eventsApplied(), 2);
        QCOMPARE(s.outcomes(), 0);
        QVERIFY(!s.record(u"article"_s, u"kb-1"_s));
    }

    void calibrationFixesAnOverconfidentEngine()
    {
        LearnedState s;
        for (const auto &e : overconfidentHistory(20000, 11))
            s.apply(e);
        // The raw 0.8 is accepted about 0.64 of the time; 0.5 about 0.25.
        QVERIFY2(qAbs(s.calibrated(0.8) - 0.64) < 0.05, qPrintable(QString::number(s.calibrated(0.8))));
        QVERIFY2(qAbs(s.calibrated(0.5) - 0.25) < 0.05, qPrintable(QString::number(s.calibrated(0.5))));
        QVERIFY(s.calibrated(0.9) >= s.calibrated(0.3)); // monotone
        QVERIFY2(s.calibrationError() < 0.03, qPrintable(QString::number(s.calibrationError())));
        // Too few outcomes: the raw value is shown as it is.
        LearnedState fresh;
        for (const auto &e : overconfidentHistory(int(LearnedState::kMinCalibrationOutcomes) - 1, 3))
            fresh.apply(e);
        QCOMPARE(fresh.calibrated(0.8), 0.8);
    }
};

QTEST_APPLESS_MAIN(TstLearnedState)
#include "tst_learnedstate.moc"

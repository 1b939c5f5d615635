// SPDX-License-Identifier: GPL-3.0-or-later
#include "LearnedState.h"

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
    e.sources = {Source{u"article"_s, article, {}, 0, {}, {}, {}}};
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

    void outdatedRejectsAndFlagsAreReported()
    {
        LearnedState s;
        s.apply(makeEvent(FeedbackEvent::Kind::Rejected, u"kb-old"_s, 0.6, 1.0, u"outdated_information"_s));
        s.apply(makeEvent(FeedbackEvent::Kind::Flagged, u"kb-wrong"_s, 0.6));
        s.apply(makeEvent(FeedbackEvent::Kind::Flagged, u"kb-wrong"_s, 0.6));
        s.apply(makeEvent(FeedbackEvent::Kind::SentAsIs, u"kb-fine"_s, 0.6));
        const auto review = s.sourcesToReview();
        QCOMPARE(review.size(), 2);
        QCOMPARE(review[0].first, u"article:kb-wrong"_s);
        QCOMPARE(review[0].second.flagged, 2);
        QCOMPARE(review[1].first, u"article:kb-old"_s);
        QCOMPARE(review[1].second.outdated, 1);
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

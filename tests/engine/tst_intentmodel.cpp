// SPDX-License-Identifier: GPL-3.0-or-later
#include "IntentModel.h"

#include <QTest>

using namespace understudy::engine;
using namespace Qt::StringLiterals;

class TstIntentModel : public QObject {
    Q_OBJECT
private:
    static void teach(IntentModel &m)
    {
        const QList<std::pair<QString, QString>> examples{
            {u"my card has not arrived yet"_s, u"card_arrival"_s},
            {u"when will my new card arrive"_s, u"card_arrival"_s},
            {u"still waiting for the card in the post"_s, u"card_arrival"_s},
            {u"how do I reset my password"_s, u"password_reset"_s},
            {u"forgot password, cannot log in"_s, u"password_reset"_s},
            {u"password reset link does not work"_s, u"password_reset"_s},
            {u"I want a refund for the last charge"_s, u"refund"_s},
            {u"please refund my money"_s, u"refund"_s},
        };
        for (const auto &[text, label] : examples)
            m.learn(text, label);
    }

private Q_SLOTS:
    void emptyModelPredictsNothing()
    {
        IntentModel m;
        QVERIFY(m.predict(u"anything"_s).isEmpty());
    }

    void learnsAndPredicts()
    {
        IntentModel m;
        teach(m);
        m.retrain();
        QCOMPARE(m.labelCount(), 3);
        QCOMPARE(m.predict(u"my card never arrived"_s, 1).first().label, u"card_arrival"_s);
        QCOMPARE(m.predict(u"I forgot my password"_s, 1).first().label, u"password_reset"_s);
        const auto top = m.predict(u"refund me please"_s, 3);
        QCOMPARE(top.size(), 3);
        QCOMPARE(top.first().label, u"refund"_s);
        double sum = 0;
        for (const auto &s : top)
            sum += s.probability;
        QVERIFY(qAbs(sum - 1.0) < 1e-9); // all three labels: the softmax sums to one
        QVERIFY(top[0].probability > top[1].probability);
    }

    void oneCorrectionChangesTheNextPrediction()
    {
        IntentModel m;
        teach(m);
        m.retrain();
        const QString text = u"the card reader app crashed"_s;
        QVERIFY(!m.learn(text, u"app_crash"_s)); // a new label: it could not have been right
        QCOMPARE(m.predict(text, 1).first().label, u"app_crash"_s);
    }

    void sameStreamGivesTheSameModel()
    {
        IntentModel a, b;
        teach(a);
        teach(b);
        a.retrain();
        b.retrain();
        const QString probe = u"where is my card, I need a refund"_s;
        const auto pa = a.predict(probe, 3), pb = b.predict(probe, 3);
        QCOMPARE(pa.size(), pb.size());
        for (qsizetype i = 0; i < pa.size(); ++i) {
            QCOMPARE(pa[i].label, pb[i].label);
            QCOMPARE(pa[i].score, pb[i].score); // bit for bit, not approximately
        }
    }

    void retrainIfDueFollowsGrowth()
    {
        IntentModel::Options o;
        o.retrainGrowth = 2.0;
        IntentModel m(o);
        m.learn(u"a b c"_s, u"x"_s);
        QVERIFY(m.retrainIfDue()); // 1 example ≥ 0 × 2
        m.learn(u"d e f"_s, u"y"_s);
        QVERIFY(m.retrainIfDue()); // 2 ≥ 1 × 2
        m.learn(u"g h i"_s, u"x"_s);
        QVERIFY(!m.retrainIfDue()); // 3 < 2 × 2
    }

    void calibrationGivesEveryLabelAProbability()
    {
        // A synthetic history: three topics whose questions share words, a fifth of them ambiguous (either label).
        const QStringList topics{u"card"_s, u"refund"_s, u"password"_s};
        const QStringList words{u"my"_s, u"please"_s, u"help"_s, u"account"_s, u"today"_s, u"again"_s};
        IntentModel m;
        for (int i = 0; i < 300; ++i) {
            const QString topic = topics[i % 3], other = topics[(i / 3) % 3];
            QString text = topic + u' ' + words[i % 6] + u' ' + words[(i / 6) % 6];
            if (i % 5 == 0)
                text += u' ' + other; // ambiguous: mentions another topic too
            m.add(text, i % 5 == 0 && (i / 5) % 2 ? other : topic);
        }
        m.retrain();
        QVERIFY(!m.isCalibrated());
        m.calibrate();
        QVERIFY(m.isCalibrated());
        for (const QString &probe : {u"card my help"_s, u"refund password please"_s, u"something else entirely"_s}) {
            const auto top = m.predict(probe, 3);
            QCOMPARE(top.size(), 3);
            double sum = 0;
            for (const auto &s : top) {
                QVERIFY(s.probability >= 0 && s.probability <= 1);
                sum += s.probability;
            }
            QVERIFY(sum <= 1.0 + 1e-9); // the runners-up never claim more than the top label leaves
        }
        // A clear question is more likely right than an ambiguous one.
        QVERIFY(m.predict(u"card my help"_s, 1).first().probability >
                m.predict(u"refund password card"_s, 1).first().probability);
        // Deterministic: the same history calibrates to the same probabilities, bit for bit.
        IntentModel again;
        for (int i = 0; i < 300; ++i) {
            const QString topic = topics[i % 3], other = topics[(i / 3) % 3];
            QString text = topic + u' ' + words[i % 6] + u' ' + words[(i / 6) % 6];
            if (i % 5 == 0)
                text += u' ' + other;
            again.add(text, i % 5 == 0 && (i / 5) % 2 ? other : topic);
        }
        again.retrain();
        again.calibrate();
        const auto pa = m.predict(u"refund password please"_s, 3), pb = again.predict(u"refund password please"_s, 3);
        for (qsizetype i = 0; i < pa.size(); ++i)
            QCOMPARE(pa[i].probability, pb[i].probability);
    }

    void oneExamplePerIntentVouchesForNothing()
    {
        // No intent has a second example to be checked on: calibration finds every out-of-sample guess wrong.
        IntentModel m;
        for (int i = 0; i < 120; ++i)
            m.add(u"question number %1 about topic %1"_s.arg(i), u"topic-%1"_s.arg(i));
        m.retrain();
        m.calibrate();
        QVERIFY(m.isCalibrated());
        const auto top = m.predict(u"question number 7 about topic 7"_s, 2);
        QCOMPARE(top.first().label, u"topic-7"_s);
        QVERIFY2(top.first().probability < 0.05, qPrintable(QString::number(top.first().probability)));
    }

    void aQuestionOnAnUnseenTopicIsNotTrusted()
    {
        // Topics are pairs of words (card fee, refund status, …); twelve of the sixteen pairs have questions.
        // Held out, a known pair's question is always right, so without simulating unseen topics calibration
        // would vouch for any top label. A question on an unseen pair shares both words with known topics and
        // gets a middling raw share: it must not be passed off as likely right.
        const QStringList things{u"card"_s, u"refund"_s, u"password"_s, u"transfer"_s};
        const QStringList aspects{u"arrival"_s, u"fee"_s, u"status"_s, u"limit"_s};
        const QStringList words{u"my"_s, u"please"_s, u"help"_s, u"account"_s, u"today"_s, u"again"_s, u"now"_s};
        IntentModel m;
        for (int i = 0; i < 480; ++i) {
            const int t = i % 4, a = (i / 4) % 4;
            if (t == a)
                continue; // card arrival, refund fee, password status, transfer limit: never asked
            const QString topic = things[t] + u'_' + aspects[a];
            m.add(things[t] + u' ' + aspects[a] + u' ' + words[i % 7] + u' ' + words[(i / 7) % 7], topic);
        }
        m.retrain();
        m.calibrate();
        QVERIFY(m.isCalibrated());
        const auto known = m.predict(u"refund status please"_s, 1).first();
        QCOMPARE(known.label, u"refund_status"_s);
        QVERIFY2(known.probability > 0.9, qPrintable(QString::number(known.probability)));
        const auto unseen = m.predict(u"card arrival please"_s, 1).first();
        QVERIFY2(unseen.probability < 0.5 * unseen.rawProbability,
                 qPrintable(u"%1 (raw %2)"_s.arg(unseen.probability).arg(unseen.rawProbability)));
    }

    void accentsAndCaseDoNotMatter()
    {
        IntentModel m;
        m.learn(u"Où est ma carte ?"_s, u"card_arrival"_s);
        m.learn(u"mot de passe oublié"_s, u"password_reset"_s);
        m.retrain();
        QCOMPARE(m.predict(u"OU EST MA CARTE"_s, 1).first().label, u"card_arrival"_s);
        QCOMPARE(m.predict(u"mot de passe oublie"_s, 1).first().label, u"password_reset"_s);
    }

    void balancedSampleKeepsEveryLabel()
    {
        // Label 0 has 100 old examples, label 1 has 10, label 2 has 3 (the newest): 10 characters each.
        std::vector<std::uint32_t> labels, chars;
        for (int i = 0; i < 100; ++i)
            labels.push_back(0);
        for (int i = 0; i < 10; ++i)
            labels.push_back(1);
        for (int i = 0; i < 3; ++i)
            labels.push_back(2);
        chars.assign(labels.size(), 10);
        // Everything fits: all of it, in order.
        auto kept = IntentModel::balancedSample(labels, chars, 1130);
        QCOMPARE(kept.size(), std::size_t(113));
        QVERIFY(std::is_sorted(kept.begin(), kept.end()));
        // 249 characters: K = 11 fits 11 + 10 + 3 = 24 examples (240 characters), K = 12 (250) does not.
        kept = IntentModel::balancedSample(labels, chars, 249);
        std::vector<int> perLabel(3, 0);
        for (std::size_t i : kept)
            ++perLabel[labels[i]];
        QCOMPARE(perLabel, (std::vector<int>{11, 10, 3}));
        QCOMPARE(kept.front(), std::size_t(89)); // label 0 keeps its most recent: indices 89..99
        QVERIFY(std::is_sorted(kept.begin(), kept.end()));
        // A budget below one example per label still keeps one of each.
        kept = IntentModel::balancedSample(labels, chars, 5);
        QCOMPARE(kept, (std::vector<std::size_t>{99, 109, 112}));
        // Long texts count up to what the model reads.
        chars.assign(labels.size(), 100000);
        kept = IntentModel::balancedSample(labels, chars, 3 * std::size_t(IntentModel::kMaxChars));
        QCOMPARE(kept.size(), std::size_t(3));
    }
};

QTEST_APPLESS_MAIN(TstIntentModel)
#include "tst_intentmodel.moc"

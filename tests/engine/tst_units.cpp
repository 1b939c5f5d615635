// SPDX-License-Identifier: GPL-3.0-or-later
#include "Analyzer.h"
#include "InvertedIndex.h"
#include "Selector.h"
#include "Units.h"

#include <understudy/Chunker.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::engine;

class TestUnits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sentencesDoNotEndAtAbbreviationsDecimalsOrUrls()
    {
        const QStringList s = splitSentences(
            u"Plans cost 9.50 a month, e.g. for teams. See help.example.com/billing for details. Dr. Smith agreed! "
            "Why? Because J. Doe said so. the next one starts lower-case."_s);
        QCOMPARE(s, (QStringList{u"Plans cost 9.50 a month, e.g. for teams."_s,
                                 u"See help.example.com/billing for details."_s, u"Dr. Smith agreed!"_s, u"Why?"_s,
                                 u"Because J. Doe said so. the next one starts lower-case."_s}));
    }

    void numberedProcedureStaysWholeWithItsLeadIn()
    {
        const auto units = splitUnits(u"# Export\nTo export, do this:\n\n1. Open Settings.\n   More on step one.\n"
                                      "2. Click Export.\n\nIt takes a minute. This is normal."_s);
        QCOMPARE(units.size(), 5);
        QCOMPARE(units[0].kind, TextUnit::Kind::Heading);
        QCOMPARE(units[1].text, u"To export, do this:"_s);
        QCOMPARE(units[2].kind, TextUnit::Kind::Procedure);
        QCOMPARE(units[2].text, u"1. Open Settings.\n   More on step one.\n2. Click Export."_s);
        QVERIFY(units[2].dependsOnPrevious); // the lead-in introduces it
        QVERIFY(!units[3].dependsOnPrevious);
        QVERIFY(units[4].dependsOnPrevious); // "This is…" leans on the sentence before
        QCOMPARE(units[3].block, units[4].block);
    }

    void longProcedureIsOfferedStepByStep()
    {
        QString text;
        for (int i = 1; i <= 6; ++i)
            text += u"%1. %2\n"_s.arg(i).arg(QString(200, u'x'));
        const auto units = splitUnits(text, 800);
        QCOMPARE(units.size(), 6);
        for (const TextUnit &u : units)
            QCOMPARE(u.kind, TextUnit::Kind::ListItem);
        QVERIFY(!units[0].dependsOnPrevious);
        QVERIFY(units[1].dependsOnPrevious);
    }

    void bulletsAndCodeBlocks()
    {
        // A short bullet list is one unit, led in by the line before it.
        const auto units = splitUnits(u"Options:\n- Daily\n- Weekly\n```\nrm -rf cache\n```\nDone."_s);
        QCOMPARE(units.size(), 4);
        QCOMPARE(units[1].kind, TextUnit::Kind::ListItem);
        QCOMPARE(units[1].text, u"- Daily\n- Weekly"_s);
        QVERIFY(units[1].dependsOnPrevious);
        QCOMPARE(units[2].kind, TextUnit::Kind::Code);
        QCOMPARE(units[3].text, u"Done."_s);
    }

    void selectTakesTheBestUnitAndWhatItLeansOn()
    {
        const auto units = splitUnits(u"Our app syncs every minute. Invoices are PDFs. They are under Billing. "
                                      "Exports take an hour."_s);
        // Unit 2 ("They are under Billing.") scores best, but cannot be read without unit 1.
        const QList<double> scores{0.0, 0.3, 0.9, 0.1};
        QCOMPARE(selectUnits(units, scores, SelectLimits{420, 3, 0.6}), (QList<int>{1, 2}));
        // With a lower bar the third-best comes too, in reading order, while the budget lasts.
        QCOMPARE(selectUnits(units, scores, SelectLimits{420, 4, 0.1}), (QList<int>{1, 2, 3}));
        QCOMPARE(selectUnits(units, scores, SelectLimits{60, 4, 0.1}), (QList<int>{1, 2}));
    }

    void selectWithoutAnyMatchTakesTheOpening()
    {
        const auto units = splitUnits(u"# Title\nFirst point. Second point."_s);
        QCOMPARE(selectUnits(units, {0, 0, 0}, SelectLimits{}), (QList<int>{1}));
    }

    void unitMatchBlendsCosineAndCoverage()
    {
        const Similarity s{0.2, 0.8, 2};
        QVERIFY(qAbs(unitMatch(s, 1.0) - 0.2) < 1e-12);
        QVERIFY(qAbs(unitMatch(s, 0.0) - 0.8) < 1e-12);
        QVERIFY(qAbs(unitMatch(s, 0.25) - (0.25 * 0.2 + 0.75 * 0.8)) < 1e-12);
    }

    void anArticlesQuestionLineIntroducesItsAnswer()
    {
        // An FAQ: the question line matches the ticket best, but it is not an answer; the sentence after it is.
        QList<TextUnit> units = splitUnits(u"Plates and refunds. Can I get a refund for my plates? "
                                           "Yes, within 30 days of surrender. Keep the receipt."_s);
        QCOMPARE(units.size(), 4);
        const QList<Similarity> sims{{0.1, 0.1, 1}, {0.9, 0.9, 3}, {0.0, 0.0, 0}, {0.0, 0.0, 0}};
        const UnitScoring faq{.introShare = 1.0, .questionLinesIntroduce = true};
        QList<TextUnit> article = units;
        const QList<double> scores = scoreUnits(article, sims, faq);
        QCOMPARE(article[1].kind, TextUnit::Kind::Heading);
        QCOMPARE(scores[1], 0.0);
        QVERIFY(qAbs(scores[2] - 0.9) < 1e-12); // inherits the question's match
        QCOMPARE(scores[3], 0.0);
        QCOMPARE(selectUnits(article, scores, SelectLimits{420, 1, 0.8}), (QList<int>{2}));
        // A past reply's own question ("Have you tried …?") stays a unit it may answer with.
        QList<TextUnit> reply = units;
        const QList<double> replyScores = scoreUnits(reply, sims, UnitScoring{.introShare = 1.0});
        QCOMPARE(reply[1].kind, TextUnit::Kind::Sentence);
        QVERIFY(qAbs(replyScores[1] - 0.9) < 1e-12);
    }

    void aHeadingsMatchPassesToTheUnitAfterIt()
    {
        QList<TextUnit> units = splitUnits(u"# Updating your address\nWe mail documents to you. Change it online."_s);
        QCOMPARE(units.size(), 3);
        const QList<Similarity> sims{{0.8, 0.8, 2}, {0.1, 0.1, 1}, {0.2, 0.2, 1}};
        const QList<double> scores =
            scoreUnits(units, sims, UnitScoring{.cosine = 1.0, .coverage = 0.0, .introShare = 2.0});
        QCOMPARE(scores[0], 0.0); // a heading is never an answer
        QVERIFY(qAbs(scores[1] - (0.1 + 2 * 0.8)) < 1e-12);
        QVERIFY(qAbs(scores[2] - 0.2) < 1e-12); // only the unit right after the heading inherits
        // A "how do I" ticket weighs procedures up.
        QList<TextUnit> steps = splitUnits(u"Intro.\n\n1. Open Settings.\n2. Click Export."_s);
        QCOMPARE(steps[1].kind, TextUnit::Kind::Procedure);
        const QList<double> how = scoreUnits(steps, {{0.4, 0.4, 1}, {0.3, 0.3, 1}},
                                             UnitScoring{.cosine = 1.0,
                                                         .coverage = 0.0,
                                                         .introShare = 2.0,
                                                         .procedureBoost = 2.0,
                                                         .questionLinesIntroduce = true});
        QVERIFY(qAbs(how[1] - 0.9) < 1e-12);
    }

    void aBareYesOrNoIsReadWithTheSentenceAfterIt()
    {
        const auto units = splitUnits(u"Can I drive with a foreign licence? Yes. Your licence lets you drive without "
                                      "a supervisor. Bring a translation.\n\nNo."_s);
        QCOMPARE(units.size(), 4);
        QCOMPARE(units[1].text, u"Yes. Your licence lets you drive without a supervisor."_s);
        QCOMPARE(units[2].text, u"Bring a translation."_s);
        QCOMPARE(units[3].text, u"No."_s); // nothing after it to join
    }

    void cuesOfAUnitWeighInItsScore()
    {
        // The units under two headings; the question's terms in order.
        QList<TextUnit> units = splitUnits(u"# Renewing online\nRenew licence online in minutes. Online, licence "
                                           "holders renew in minutes.\n# Fees\nA licence costs 10 dollars."_s);
        QCOMPARE(units.size(), 5);
        const std::vector<std::string> query = Analyzer::terms(u"renew licence online");
        const QList<Similarity> sims{{0.6, 0.5, 2}, {0.7, 0.9, 3}, {0.6, 0.6, 2}, {0.0, 0.0, 0}, {0.3, 0.3, 1}};
        const QList<UnitSignals> cues = unitSignals(units, sims, query, 0.5, 4);
        QCOMPARE(cues[1].position, 0);
        QCOMPARE(cues[2].position, 1);
        QCOMPARE(cues[4].position, 0);
        QVERIFY(qAbs(cues[1].sectionTitle - 0.55) < 1e-12); // the heading "Renewing online" above
        QCOMPARE(cues[4].sectionTitle, 0.0);                // "Fees" holds no question term
        QVERIFY(qAbs(cues[1].bigrams - 1.0) < 1e-12);       // "renew licenc", "licenc onlin" both in order
        QCOMPARE(cues[2].bigrams, 0.0);                     // the same words, not side by side
        QVERIFY(!cues[1].neighbour);
        QVERIFY(cues[4].neighbour);
        QCOMPARE(cues[1].words, int(Analyzer::terms(units[1].text).size()));

        const UnitScoring scoring{
            .cosine = 0.1, .coverage = 0.5, .bigrams = 0.5, .introShare = 1.0, .sectionTitle = 0.5, .firstUnder = -0.1};
        const QList<double> scores = scoreUnits(units, sims, scoring, cues);
        QCOMPARE(scores[0], 0.0);
        // own 0.07 + 0.45 + 0.5 bigrams, the heading's 0.55 inherited, its title 0.275, first under it -0.1
        QVERIFY(qAbs(scores[1] - (0.07 + 0.45 + 0.5 + 0.55 + 0.275 - 0.1)) < 1e-12);
        QVERIFY(qAbs(scores[2] - (0.06 + 0.3 + 0.275)) < 1e-12);
        QCOMPARE(scores[3], 0.0);
        // A unit that holds no question term and inherits nothing scores 0, whatever its cues.
        QList<Similarity> none = sims;
        none[4] = Similarity{};
        QCOMPARE(scoreUnits(units, none, scoring, cues)[4], 0.0);
        QCOMPARE(selectUnits(units, scores, SelectLimits{420, 1, 0.8}), (QList<int>{1}));
    }

    void similarityIsAnIdfWeightedCosine()
    {
        InvertedIndex::Builder b;
        b.add(1, {"invoic", "download"});
        b.add(2, {"password", "reset"});
        b.add(3, {"password", "chang"});
        const InvertedIndex index = b.build();
        const Similarity same = similarity({"password", "reset"}, u"reset password", index);
        QCOMPARE(same.matchedTerms, 2);
        QVERIFY(qAbs(same.cosine - 1.0) < 1e-9);
        QVERIFY(qAbs(same.queryCoverage - 1.0) < 1e-9);
        const Similarity half = similarity({"password", "reset"}, u"reset the invoices", index);
        QCOMPARE(half.matchedTerms, 1);
        QVERIFY(half.cosine > 0 && half.cosine < 1);
        QCOMPARE(similarity({}, u"anything", index).cosine, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestUnits)
#include "tst_units.moc"

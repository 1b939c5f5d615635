// SPDX-License-Identifier: GPL-3.0-or-later
// `understudyctl eval`: the metric arithmetic against hand-computed values, and the command as users run it (a real
// process, real files) on a tiny knowledge base and on the demo store with the demo gold.
#include "CtlRun.h"
#include "Eval.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace understudy;
namespace metrics = understudy::cli::metrics;

namespace {
using test::Run;

// Every key a report has, whatever the input (null when no ticket had the gold a figure needs).
const QStringList kReportKeys{u"n"_s,
                              u"n_source_gold"_s,
                              u"source_top1"_s,
                              u"source_recall5"_s,
                              u"n_intent_gold"_s,
                              u"intent_top1"_s,
                              u"n_escalation_gold"_s,
                              u"escalated"_s,
                              u"escalation_true_positives"_s,
                              u"escalation_false_positives"_s,
                              u"escalation_false_negatives"_s,
                              u"escalation_precision"_s,
                              u"escalation_recall"_s,
                              u"n_out_of_scope"_s,
                              u"out_of_scope_flagged"_s,
                              u"out_of_scope_flagged_share"_s,
                              u"n_gold_in_top3"_s,
                              u"holding_when_gold_in_top3"_s,
                              u"holding_when_gold_in_top3_share"_s,
                              u"modes"_s,
                              u"modes_inferred"_s,
                              u"body_length_median"_s,
                              u"body_length_p95"_s,
                              u"body_length_max"_s,
                              u"n_reference"_s,
                              u"body_to_reference_median"_s,
                              u"drafts_with_units"_s,
                              u"drafts_unsupported"_s,
                              u"drafts_unsupported_action"_s,
                              u"drafts_foreign_personal_data"_s,
                              u"language_match"_s,
                              u"language_says_why"_s,
                              u"language_ok_share"_s,
                              u"n_span"_s,
                              u"span_f1"_s,
                              u"n_span_top_right"_s,
                              u"span_f1_top_right"_s,
                              u"n_span_given_gold"_s,
                              u"span_f1_given_gold"_s,
                              u"n_calibration"_s,
                              u"confidence_auroc"_s,
                              u"confidence_ece"_s,
                              u"low_confidence_share"_s,
                              u"top_source_wrong_share"_s,
                              u"latency_p50_ms"_s,
                              u"latency_p99_ms"_s,
                              u"input"_s,
                              u"kb"_s,
                              u"history"_s,
                              u"engine"_s,
                              u"low_confidence_threshold"_s};

QByteArray line(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject ticket(const QString &id, const QString &text, const QJsonObject &gold)
{
    return {{u"id"_s, id},
            {u"messages"_s, QJsonArray{QJsonObject{{u"author"_s, u"customer"_s}, {u"body"_s, text}}}},
            {u"status"_s, u"open"_s},
            {u"language"_s, u"en"_s},
            {u"gold"_s, gold}};
}

QList<QJsonObject> readJsonl(const QString &path)
{
    QList<QJsonObject> out;
    for (const QByteArray &l : test::readFile(path).split('\n'))
        if (!l.trimmed().isEmpty())
            out << QJsonDocument::fromJson(l).object();
    return out;
}

// The report rounds its shares to 4 decimals and its ratios to 3.
bool near(double a, double b)
{
    return std::abs(a - b) < 1e-3;
}
} // namespace

class TestEval : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    Run ctl(const QStringList &args) { return test::runCtl(args); }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A tiny help centre and five tickets whose gold is known by construction.
    void writeTinyData()
    {
        QByteArray kb;
        kb += line({{u"id"_s, u"kb-reset"_s},
                    {u"title"_s, u"Reset your password"_s},
                    {u"body"_s, u"If you forgot your password, click Forgot password on the sign-in page. Enter your "
                                "email address and open the password reset link we send you. The link expires after "
                                "60 minutes."_s}});
        kb += line({{u"id"_s, u"kb-invoices"_s},
                    {u"title"_s, u"Download invoices"_s},
                    {u"body"_s, u"Go to Settings, Billing, Invoices and click Download invoice to get the invoice "
                                "PDF. Every invoice since the workspace was created is there."_s}});
        kb += line({{u"id"_s, u"kb-export"_s},
                    {u"title"_s, u"Export time entries to CSV"_s},
                    {u"body"_s, u"Go to Reports, Export, choose Time entries and click Export CSV. Exports hold up to "
                                "50,000 rows."_s}});
        test::writeFile(path(u"kb.jsonl"_s), kb);

        QByteArray t;
        t += line(ticket(u"t1"_s, u"I forgot my password. How do I reset my password?"_s,
                         {{u"articles"_s, QJsonArray{u"kb-reset"_s}},
                          {u"escalate"_s, false},
                          {u"span"_s, u"click Forgot password on the sign-in page"_s},
                          {u"reference"_s, u"Click Forgot password on the sign-in page."_s}}));
        t += line(ticket(u"t2"_s, u"Where do I download my invoices? I need the invoice PDF."_s,
                         {{u"articles"_s, QJsonArray{u"kb-invoices"_s}}, {u"escalate"_s, false}}));
        t += line(ticket(u"t3"_s, u"How do I export my time entries to a CSV file?"_s,
                         {{u"articles"_s, QJsonArray{u"kb-export"_s}}, {u"escalate"_s, false}}));
        t += line(ticket(u"t4"_s,
                         u"You charged my credit card twice for my subscription this month. I want a refund of the "
                         "duplicate charge."_s,
                         {{u"articles"_s, QJsonArray{u"kb-invoices"_s}},
                          {u"intent"_s, u"refund-request"_s},
                          {u"escalate"_s, true}}));
        t += line(ticket(u"t5"_s, u"Do you sell gardening tools and garden hoses?"_s,
                         {{u"intent"_s, u"out_of_scope"_s}, {u"escalate"_s, false}}));
        test::writeFile(path(u"tickets.jsonl"_s), t);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void percentile()
    {
        QVERIFY(!metrics::percentile({}, 0.5));
        QCOMPARE(*metrics::percentile({7}, 0.99), 7.0);
        QCOMPARE(*metrics::percentile({4, 1, 3, 2}, 0.5), 2.5); // the mean of the middle two
        QCOMPARE(*metrics::percentile({3, 1, 2}, 0.5), 2.0);
        std::vector<double> twenty;
        for (int i = 1; i <= 20; ++i)
            twenty.push_back(i);
        QCOMPARE(*metrics::percentile(twenty, 0.95), 19.05); // rank 0.95 * 19 = 18.05: 19 + 0.05 * (20 - 19)
        QCOMPARE(*metrics::percentile(twenty, 0.0), 1.0);
        QCOMPARE(*metrics::percentile(twenty, 1.0), 20.0);
        std::vector<double> hundred;
        for (int i = 100; i >= 1; --i)
            hundred.push_back(i);
        QCOMPARE(*metrics::percentile(hundred, 0.99), 99.01); // rank 98.01 between 99 and 100
    }

    void auroc()
    {
        // Pairs (positive, negative), ties one half: 0.9 beats all 3; 0.8 ties 0.8 and beats 0.5, 0.3 (2.5);
        // 0.3 loses to 0.8 and 0.5 and ties 0.3 (0.5): 6 of 9.
        const auto a =
            metrics::auroc({{0.9, true}, {0.8, false}, {0.8, true}, {0.5, false}, {0.3, true}, {0.3, false}});
        QVERIFY(a);
        QVERIFY(std::abs(*a - 6.0 / 9.0) < 1e-12);
        QCOMPARE(*metrics::auroc({{0.5, true}, {0.5, false}}), 0.5);
        QCOMPARE(*metrics::auroc({{0.9, true}, {0.1, false}, {0.2, false}}), 1.0);
        QCOMPARE(*metrics::auroc({{0.1, true}, {0.9, false}}), 0.0);
        QVERIFY(!metrics::auroc({{0.1, true}, {0.9, true}}));
        QVERIFY(!metrics::auroc({}));
    }

    void expectedCalibrationError()
    {
        // Bin 0: p 0.05, wrong: 0.05. Bin 1: p 0.15, wrong: 0.15. Bin 9: p 0.95, 0.95, 1.0 (1.0 falls in the last
        // bin), 2 of 3 right: |0.9667 - 0.6667| = 0.3. Weighted: (0.05 + 0.15 + 3 * 0.3) / 5 = 0.22.
        const auto e =
            metrics::expectedCalibrationError({{0.05, false}, {0.15, false}, {0.95, true}, {0.95, false}, {1.0, true}});
        QVERIFY(e);
        QVERIFY(std::abs(*e - 0.22) < 1e-12);
        QCOMPARE(*metrics::expectedCalibrationError({{0.25, true}, {0.25, false}, {0.25, false}, {0.25, false}}), 0.0);
        QCOMPARE(*metrics::expectedCalibrationError({{0.0, true}}), 1.0);
        QVERIFY(!metrics::expectedCalibrationError({}));
    }

    void tokenF1()
    {
        QCOMPARE(metrics::answerTokens(u"Don't re-send THE e-mail!"_s),
                 (QStringList{u"dont"_s, u"resend"_s, u"email"_s}));
        QCOMPARE(metrics::answerTokens(u"Settings → Billing → Invoices"_s),
                 (QStringList{u"settings"_s, u"billing"_s, u"invoices"_s}));
        QCOMPARE(metrics::tokenF1(u"The cat sat on the mat."_s, u"a cat sat on a mat"_s), 1.0);
        // go to settings then billing / settings billing invoices: 2 common, P 2/5, R 2/3, F1 0.5.
        QVERIFY(std::abs(metrics::tokenF1(u"Go to Settings, then Billing"_s, u"Settings → Billing → Invoices"_s) -
                         0.5) < 1e-12);
        // A bag of tokens: "yes" counts once against one gold "yes": P 1/3, R 1/2, F1 0.4.
        QVERIFY(std::abs(metrics::tokenF1(u"yes yes yes"_s, u"yes no"_s) - 0.4) < 1e-12);
        QCOMPARE(metrics::tokenF1(u"the"_s, u"a"_s), 1.0); // both empty after normalisation
        QCOMPARE(metrics::tokenF1(u"something"_s, QString()), 0.0);
        QCOMPARE(metrics::tokenF1(QString(), u"something"_s), 0.0);
        QCOMPARE(metrics::tokenF1(u"apples"_s, u"pears"_s), 0.0);
    }

    void tinyKnowledgeBase()
    {
        writeTinyData();
        const Run r = ctl({u"eval"_s, u"--kb"_s, path(u"kb.jsonl"_s), u"--input"_s, path(u"tickets.jsonl"_s),
                           u"--report"_s, path(u"tiny.json"_s), u"--predictions"_s, path(u"tiny.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"eval: 5 tickets"_s));
        QVERIFY(r.out.contains(u"recall@5"_s));
        const QJsonObject report = QJsonDocument::fromJson(test::readFile(path(u"tiny.json"_s))).object();
        for (const QString &key : kReportKeys)
            QVERIFY2(report.contains(key), qPrintable(key));

        // What the gold holds, whatever the engine does.
        QCOMPARE(report.value(u"n"_s).toInt(), 5);
        QCOMPARE(report.value(u"n_source_gold"_s).toInt(), 4);
        QCOMPARE(report.value(u"n_intent_gold"_s).toInt(), 1);
        QCOMPARE(report.value(u"n_escalation_gold"_s).toInt(), 5);
        QCOMPARE(report.value(u"n_out_of_scope"_s).toInt(), 1);
        QCOMPARE(report.value(u"n_span"_s).toInt(), 1);
        QCOMPARE(report.value(u"n_reference"_s).toInt(), 1);
        QCOMPARE(report.value(u"kb"_s).toArray().size(), 1);

        // The predictions, one per ticket, in input order.
        const QList<QJsonObject> pred = readJsonl(path(u"tiny.jsonl"_s));
        QCOMPARE(pred.size(), 5);
        QStringList ids;
        for (const QJsonObject &p : pred) {
            ids << p.value(u"id"_s).toString();
            for (const QString &key :
                 {u"sources"_s, u"gold"_s, u"right@1"_s, u"right@5"_s, u"confidence"_s, u"low_confidence"_s, u"mode"_s,
                  u"escalate"_s, u"intent"_s, u"body_length"_s, u"language"_s, u"latency_ms"_s, u"text"_s})
                QVERIFY2(p.contains(key), qPrintable(key));
        }
        QCOMPARE(ids, (QStringList{u"t1"_s, u"t2"_s, u"t3"_s, u"t4"_s, u"t5"_s}));
        // Confidence is scored on the four with a source and the out-of-scope one, hand-offs aside (their
        // confidence is the hand-off's, not their sources').
        int handoffs = 0;
        for (const QJsonObject &p : pred)
            handoffs += p.value(u"mode"_s).toString() == u"handoff"_s;
        QCOMPARE(report.value(u"n_calibration"_s).toInt(), 5 - handoffs);

        // Each question names its article's title words: the article is the top source.
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(pred[i].value(u"right@1"_s).toBool(), qPrintable(ids[i]));
            QCOMPARE(pred[i].value(u"sources"_s).toArray().first().toObject().value(u"kind"_s).toString(),
                     u"article"_s);
        }
        // No source can be right for the out-of-scope question.
        QVERIFY(!pred[4].value(u"right@1"_s).toBool());
        QVERIFY(!pred[4].value(u"right@5"_s).toBool());
        // A refund of a double charge goes to a human under the bundled rules.
        QVERIFY(pred[3].value(u"escalate"_s).toBool());

        // The report's figures are those of the predictions.
        int top1 = 0, top5 = 0, tp = 0, fp = 0, fn = 0, low = 0, wrong = 0, scored = 0;
        for (int i = 0; i < 5; ++i) {
            const QJsonObject &p = pred[i];
            const bool right1 = p.value(u"right@1"_s).toBool();
            if (i < 4) {
                top1 += right1;
                top5 += p.value(u"right@5"_s).toBool();
            }
            const bool gold = p.value(u"gold"_s).toObject().value(u"escalate"_s).toBool();
            const bool esc = p.value(u"escalate"_s).toBool();
            tp += gold && esc;
            fp += !gold && esc;
            fn += gold && !esc;
            if (p.value(u"mode"_s).toString() != u"handoff"_s) {
                low += p.value(u"low_confidence"_s).toBool();
                wrong += !right1;
                ++scored;
            }
        }
        QCOMPARE(report.value(u"source_top1"_s).toDouble(), top1 / 4.0);
        QCOMPARE(report.value(u"source_recall5"_s).toDouble(), top5 / 4.0);
        QCOMPARE(report.value(u"escalation_true_positives"_s).toInt(), tp);
        QCOMPARE(report.value(u"escalation_false_positives"_s).toInt(), fp);
        QCOMPARE(report.value(u"escalation_false_negatives"_s).toInt(), fn);
        QCOMPARE(report.value(u"escalation_recall"_s).toDouble(), 1.0); // t4, the only gold escalation
        QVERIFY(near(report.value(u"escalation_precision"_s).toDouble(), double(tp) / double(tp + fp)));
        QCOMPARE(report.value(u"low_confidence_share"_s).toDouble(), double(low) / scored);
        QCOMPARE(report.value(u"top_source_wrong_share"_s).toDouble(), double(wrong) / scored);
        QCOMPARE(report.value(u"language_ok_share"_s).toDouble(), 1.0); // English tickets, English knowledge
        std::vector<double> lengths;
        for (const QJsonObject &p : pred)
            lengths.push_back(p.value(u"body_length"_s).toDouble());
        QCOMPARE(report.value(u"body_length_median"_s).toDouble(), *metrics::percentile(lengths, 0.5));
        QVERIFY(near(report.value(u"body_to_reference_median"_s).toDouble(),
                     pred[0].value(u"body_length"_s).toDouble() /
                         double(QStringLiteral("Click Forgot password on the sign-in page.").size())));
        const double f1 = pred[0].value(u"span_f1"_s).toDouble();
        QVERIFY(f1 > 0 && f1 <= 1); // the draft holds some of the grounding words
        QVERIFY(near(report.value(u"span_f1"_s).toDouble(), f1));
        QVERIFY(report.value(u"confidence_ece"_s).toDouble() >= 0);
        QVERIFY(report.value(u"latency_p99_ms"_s).toDouble() >= report.value(u"latency_p50_ms"_s).toDouble());
    }

    void spanF1EndToEndWhenRightAndGivenTheGoldArticle()
    {
        // The answer sits in an article the question's other words do not point to: end to end the export guide
        // comes first, given the gold article the selection finds the sentence.
        QByteArray kb;
        kb += line({{u"id"_s, u"kb-limits"_s},
                    {u"title"_s, u"Plan limits"_s},
                    {u"body"_s, u"Projects have no limit on any plan. Exports hold up to 50,000 rows. Larger exports "
                                "are split into several files."_s}});
        kb += line({{u"id"_s, u"kb-export"_s},
                    {u"title"_s, u"Export time entries to CSV"_s},
                    {u"body"_s, u"Go to Reports, Export, choose Time entries and click Export CSV."_s}});
        test::writeFile(path(u"span-kb.jsonl"_s), kb);
        QByteArray t;
        t += line(
            ticket(u"s1"_s, u"How many rows can my CSV export of time entries hold?"_s,
                   {{u"articles"_s, QJsonArray{u"kb-limits"_s}}, {u"span"_s, u"Exports hold up to 50,000 rows."_s}}));
        t += line(ticket(
            u"s2"_s, u"How do I export time entries to CSV?"_s,
            {{u"articles"_s, QJsonArray{u"kb-export"_s}}, {u"span"_s, u"choose Time entries and click Export CSV"_s}}));
        test::writeFile(path(u"span-tickets.jsonl"_s), t);
        const Run r = ctl({u"eval"_s, u"--kb"_s, path(u"span-kb.jsonl"_s), u"--input"_s, path(u"span-tickets.jsonl"_s),
                           u"--report"_s, path(u"span.json"_s), u"--predictions"_s, path(u"span.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"given the gold articles (2)"_s), qPrintable(r.out));
        const QJsonObject report = QJsonDocument::fromJson(test::readFile(path(u"span.json"_s))).object();
        const QList<QJsonObject> pred = readJsonl(path(u"span.jsonl"_s));
        QCOMPARE(pred.size(), 2);
        // Given the gold article, the selection takes the sentence that answers.
        QCOMPARE(pred[0].value(u"answer_given_gold"_s).toString(), u"Exports hold up to 50,000 rows."_s);
        QCOMPARE(pred[0].value(u"span_f1_given_gold"_s).toDouble(), 1.0);
        // When the gold article is on top anyway, the same selection code gives the same answer both ways.
        QVERIFY(pred[1].value(u"right@1"_s).toBool());
        QCOMPARE(pred[1].value(u"span_f1_given_gold"_s).toDouble(), pred[1].value(u"span_f1"_s).toDouble());
        // The report's three figures are the predictions' means over their tickets.
        double all = 0, right = 0, given = 0;
        int rightN = 0;
        for (const QJsonObject &p : pred) {
            all += p.value(u"span_f1"_s).toDouble();
            given += p.value(u"span_f1_given_gold"_s).toDouble();
            if (p.value(u"right@1"_s).toBool()) {
                right += p.value(u"span_f1"_s).toDouble();
                ++rightN;
            }
        }
        QCOMPARE(report.value(u"n_span"_s).toInt(), 2);
        QCOMPARE(report.value(u"n_span_given_gold"_s).toInt(), 2);
        QCOMPARE(report.value(u"n_span_top_right"_s).toInt(), rightN);
        QVERIFY(near(report.value(u"span_f1"_s).toDouble(), all / 2));
        QVERIFY(near(report.value(u"span_f1_given_gold"_s).toDouble(), given / 2));
        QVERIFY(near(report.value(u"span_f1_top_right"_s).toDouble(), right / rightN));

        // --unit-features: every unit the select stage scored given the gold articles, with its cues; what the
        // draft took is marked, and a unit without a question term scores 0.
        const Run u = ctl({u"eval"_s, u"--kb"_s, path(u"span-kb.jsonl"_s), u"--input"_s, path(u"span-tickets.jsonl"_s),
                           u"--unit-features"_s, path(u"units.jsonl"_s)});
        QVERIFY2(u.code == 0, qPrintable(u.err));
        const QList<QJsonObject> units = readJsonl(path(u"units.jsonl"_s));
        QVERIFY(units.size() >= 4); // the limits article's three sentences and its title, the export article's
        QStringList taken;
        for (const QJsonObject &o : units) {
            for (const char *key : {"id", "source", "call", "text", "kind", "depends", "cosine", "coverage", "matched",
                                    "bigrams", "section_title", "position", "words", "neighbour", "score", "taken"})
                QVERIFY2(o.contains(QLatin1String(key)), key);
            if (o.value(u"taken"_s).toBool())
                taken << o.value(u"id"_s).toString() + u": "_s + o.value(u"text"_s).toString();
            if (o.value(u"matched"_s).toInt() == 0 && o.value(u"kind"_s).toString() == u"sentence"_s &&
                o.value(u"position"_s).toInt() > 0)
                QCOMPARE(o.value(u"score"_s).toDouble(), 0.0);
        }
        QVERIFY2(taken.contains(u"s1: Exports hold up to 50,000 rows."_s), qPrintable(taken.join(u" | "_s)));
        QVERIFY(units.first().value(u"source"_s).toString().startsWith(u"article:kb-limits"_s));
    }

    void limitAndStoreReferences()
    {
        writeTinyData();
        // A store holding the tickets; the input then names them by id only.
        const QString db = path(u"refs.db"_s);
        Run r = ctl({u"--db"_s, db, u"import"_s, u"kb"_s, path(u"kb.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = ctl({u"--db"_s, db, u"import"_s, u"tickets"_s, path(u"tickets.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        test::writeFile(
            path(u"refs.jsonl"_s),
            line({{u"id"_s, u"t1"_s}, {u"gold"_s, QJsonObject{{u"articles"_s, QJsonArray{u"kb-reset"_s}}}}}) +
                line({{u"id"_s, u"t3"_s}, {u"gold"_s, QJsonObject{{u"articles"_s, QJsonArray{u"kb-export"_s}}}}}) +
                line({{u"id"_s, u"t2"_s}}));
        r = ctl({u"--db"_s, db, u"eval"_s, u"--input"_s, path(u"refs.jsonl"_s), u"--limit"_s, u"2"_s, u"--report"_s,
                 path(u"refs.json"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject report = QJsonDocument::fromJson(test::readFile(path(u"refs.json"_s))).object();
        QCOMPARE(report.value(u"n"_s).toInt(), 2);
        QCOMPARE(report.value(u"source_top1"_s).toDouble(), 1.0);
        QVERIFY(report.value(u"escalation_precision"_s).isNull()); // no gold escalation, nothing escalated
        QVERIFY(report.value(u"intent_top1"_s).isNull());
    }

    void personalDataOfAnotherCustomer()
    {
        // A sign-off that names another customer of the store puts their name into every draft: each one counts.
        writeTinyData();
        test::writeFile(
            path(u"history.jsonl"_s),
            line({{u"id"_s, u"h1"_s},
                  {u"customer"_s, QJsonObject{{u"id"_s, u"C-9"_s}, {u"name"_s, u"Gwendolyn Hartley"_s}}},
                  {u"messages"_s,
                   QJsonArray{QJsonObject{{u"author"_s, u"customer"_s}, {u"body"_s, u"How do I reset my password?"_s}},
                              QJsonObject{{u"author"_s, u"agent"_s}, {u"body"_s, u"Use Forgot password."_s}}}},
                  {u"status"_s, u"resolved"_s}}));
        test::writeFile(path(u"voice.json"_s), R"({"sign_off": {"en": "Regards,\nGwendolyn Hartley"}})");
        Run r =
            ctl({u"eval"_s, u"--kb"_s, path(u"kb.jsonl"_s), u"--history"_s, path(u"history.jsonl"_s), u"--input"_s,
                 path(u"tickets.jsonl"_s), u"--report"_s, path(u"pd.json"_s), u"--predictions"_s, path(u"pd.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(test::readFile(path(u"pd.json"_s)))
                     .object()
                     .value(u"drafts_foreign_personal_data"_s)
                     .toInt(),
                 0);
        r = ctl({u"eval"_s, u"--kb"_s, path(u"kb.jsonl"_s), u"--history"_s, path(u"history.jsonl"_s), u"--input"_s,
                 path(u"tickets.jsonl"_s), u"--voice"_s, path(u"voice.json"_s), u"--report"_s, path(u"pd.json"_s),
                 u"--predictions"_s, path(u"pd.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(test::readFile(path(u"pd.json"_s)))
                     .object()
                     .value(u"drafts_foreign_personal_data"_s)
                     .toInt(),
                 5);
        QVERIFY(r.out.contains(u"5 drafts with personal data"_s));
        const QJsonArray found = readJsonl(path(u"pd.jsonl"_s)).first().value(u"foreign_personal_data"_s).toArray();
        QVERIFY(found.contains(u"Gwendolyn Hartley"_s));
    }

    void errors()
    {
        writeTinyData();
        const QString report = path(u"never.json"_s);
        auto expectFailure = [&](const QByteArray &input, const QString &message) {
            test::writeFile(path(u"bad.jsonl"_s), input);
            const Run r = ctl(
                {u"eval"_s, u"--kb"_s, path(u"kb.jsonl"_s), u"--input"_s, path(u"bad.jsonl"_s), u"--report"_s, report});
            QVERIFY2(r.code != 0, qPrintable(message));
            QVERIFY2(r.err.contains(message), qPrintable(r.err));
            QVERIFY2(!QFile::exists(report), "a failed run wrote a report");
        };
        const QByteArray good = line(ticket(u"a"_s, u"How do I reset my password?"_s, {}));
        expectFailure(good + "{\"id\": \"b\",\n", path(u"bad.jsonl"_s) + u":2: invalid JSON"_s);
        expectFailure(good + "[1, 2]\n", path(u"bad.jsonl"_s) + u":2: expected a JSON object"_s);
        expectFailure(good + "\n{\"text\": \"no id\"}\n", path(u"bad.jsonl"_s) + u":3: missing \"id\""_s);
        expectFailure(good + good, u":2: duplicate id \"a\" (first on line 1)"_s);
        expectFailure(good + line({{u"id"_s, 7}, {u"text"_s, u"hi"_s}}) +
                          line({{u"id"_s, u"7"_s}, {u"text"_s, u"hi"_s}}),
                      u":3: duplicate id \"7\" (first on line 2)"_s);
        expectFailure(
            line({{u"id"_s, u"x"_s}, {u"text"_s, u"hi"_s}, {u"gold"_s, QJsonObject{{u"escalate"_s, u"yes"_s}}}}),
            u":1: gold.escalate must be true or false"_s);
        expectFailure(
            line({{u"id"_s, u"x"_s}, {u"text"_s, u"hi"_s}, {u"gold"_s, QJsonObject{{u"article"_s, u"kb-reset"_s}}}}),
            u":1: unknown gold key \"article\""_s);
        expectFailure(
            line({{u"id"_s, u"x"_s}, {u"text"_s, u"hi"_s}, {u"gold"_s, QJsonObject{{u"articles"_s, u"kb-reset"_s}}}}),
            u":1: gold.articles must be an array"_s);
        expectFailure(line({{u"id"_s, u"x"_s}, {u"subject"_s, 3.5}}), u":1:"_s);
        expectFailure(line({{u"id"_s, u"nowhere"_s}, {u"gold"_s, QJsonObject{}}}),
                      u":1: no ticket \"nowhere\" in the store"_s);

        Run r = ctl({u"eval"_s, u"--report"_s, report});
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains(u"--input"_s));
        r = ctl({u"eval"_s, u"--input"_s, path(u"missing.jsonl"_s)});
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains(path(u"missing.jsonl"_s)));
        // An unwritable report: the error names it, nothing is left behind.
        const QString unwritable = path(u"no-such-folder/report.json"_s);
        r = ctl({u"eval"_s, u"--kb"_s, path(u"kb.jsonl"_s), u"--input"_s, path(u"tickets.jsonl"_s), u"--report"_s,
                 unwritable});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(unwritable), qPrintable(r.err));
        QVERIFY(!QFile::exists(unwritable));
        r = ctl({u"eval"_s, u"--help"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"--predictions"_s));
        r = ctl({u"--help"_s});
        QVERIFY(r.out.contains(u"eval --input"_s));
    }

    void datasetConverters()
    {
        // The converters on the real data sets: fixed, disjoint halves that cover everything; eval reads their output.
        const QString datasets = test::datasetsDir();
        if (!QFile::exists(datasets + u"/doc2dial/questions.jsonl"_s) ||
            !QFile::exists(datasets + u"/stackfaq/stackExchange-FAQ.json"_s))
            QSKIP("../shared/datasets (doc2dial, stackfaq) is absent");
        const QString python = QStandardPaths::findExecutable(u"python3"_s);
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        auto convert = [&](const QString &script, const QStringList &args) {
            QProcess p;
            p.start(python, QStringList{test::sourceDir() + u"/bench/datasets/"_s + script} + args);
            QVERIFY(p.waitForFinished(120000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        };
        auto ids = [](const QString &file) {
            QStringList out;
            for (const QJsonObject &o : readJsonl(file))
                out << o.value(u"id"_s).toString();
            return out;
        };
        for (const QString &half : {u"tune"_s, u"test"_s, u"all"_s}) {
            convert(u"doc2dial_to_eval.py"_s, {path(u"d2d-"_s + half), u"--half"_s, half});
            convert(u"stackfaq_to_eval.py"_s, {path(u"sf-"_s + half), u"--as"_s, u"history"_s, u"--half"_s, half});
        }
        QCOMPARE(readJsonl(path(u"d2d-all/kb.jsonl"_s)).size(), 273);
        const QStringList d2dTune = ids(path(u"d2d-tune/tickets.jsonl"_s)),
                          d2dTest = ids(path(u"d2d-test/tickets.jsonl"_s));
        QCOMPARE(ids(path(u"d2d-all/tickets.jsonl"_s)).size(), 660); // first user turns
        QCOMPARE(d2dTune.size() + d2dTest.size(), 660);
        QVERIFY(
            !QSet<QString>(d2dTune.begin(), d2dTune.end()).intersects(QSet<QString>(d2dTest.begin(), d2dTest.end())));
        const QStringList sfTune = ids(path(u"sf-tune/tickets.jsonl"_s)),
                          sfTest = ids(path(u"sf-test/tickets.jsonl"_s));
        QCOMPARE(ids(path(u"sf-all/tickets.jsonl"_s)).size(), 1249); // paraphrases without the "*" entries
        QCOMPARE(sfTune.size() + sfTest.size(), 1249);
        QVERIFY(!QSet<QString>(sfTune.begin(), sfTune.end()).intersects(QSet<QString>(sfTest.begin(), sfTest.end())));
        QCOMPARE(readJsonl(path(u"sf-all/history.jsonl"_s)).size(), 125);

        const Run r =
            ctl({u"eval"_s, u"--kb"_s, path(u"d2d-tune/kb.jsonl"_s), u"--input"_s, path(u"d2d-tune/tickets.jsonl"_s),
                 u"--limit"_s, u"50"_s, u"--report"_s, path(u"d2d.json"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject report = QJsonDocument::fromJson(test::readFile(path(u"d2d.json"_s))).object();
        QCOMPARE(report.value(u"n"_s).toInt(), 50);
        QCOMPARE(report.value(u"n_span"_s).toInt(), 50);
        QCOMPARE(report.value(u"n_escalation_gold"_s).toInt(), 50);
    }

    void demoGoldIsWellFormed()
    {
        // Every open demo ticket has gold, naming articles of the demo knowledge base and intents of its resolved
        // tickets (or out_of_scope).
        QSet<QString> articles;
        for (const QString &f : QDir(test::demoDir() + u"/kb"_s).entryList(QDir::Files))
            articles << f.section(u'.', 0, 0);
        QSet<QString> intents{u"out_of_scope"_s};
        QStringList open;
        for (const QJsonObject &t : readJsonl(test::demoDir() + u"/tickets.jsonl"_s)) {
            if (t.value(u"status"_s).toString() == u"open"_s)
                open << t.value(u"id"_s).toString();
            else
                intents << t.value(u"intent"_s).toString();
        }
        const QList<QJsonObject> gold = readJsonl(test::demoDir() + u"/eval/open-tickets.gold.jsonl"_s);
        QStringList ids;
        for (const QJsonObject &g : gold) {
            ids << g.value(u"id"_s).toString();
            QCOMPARE(g.keys(), (QStringList{u"gold"_s, u"id"_s}));
            const QJsonObject o = g.value(u"gold"_s).toObject();
            QVERIFY(o.value(u"escalate"_s).isBool());
            QVERIFY2(intents.contains(o.value(u"intent"_s).toString()), qPrintable(ids.last()));
            for (const QJsonValue &a : o.value(u"articles"_s).toArray())
                QVERIFY2(articles.contains(a.toString()), qPrintable(ids.last() + u' ' + a.toString()));
            QVERIFY2(!o.value(u"articles"_s).toArray().isEmpty() || o.value(u"intent"_s).toString() != u""_s,
                     qPrintable(ids.last()));
        }
        QCOMPARE(ids, open);
        QCOMPARE(ids.size(), 82);
    }

    void demoStore()
    {
        const QString db = path(u"demo.db"_s);
        Run r = ctl({u"--db"_s, db, u"demo"_s, u"--tickets"_s, u"1"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = ctl({u"--db"_s, db, u"eval"_s, u"--input"_s, test::demoDir() + u"/eval/open-tickets.gold.jsonl"_s,
                 u"--report"_s, path(u"demo.json"_s), u"--predictions"_s, path(u"demo.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject report = QJsonDocument::fromJson(test::readFile(path(u"demo.json"_s))).object();
        for (const QString &key : kReportKeys)
            QVERIFY2(report.contains(key), qPrintable(key));
        QCOMPARE(report.value(u"n"_s).toInt(), 82);
        QCOMPARE(report.value(u"n_escalation_gold"_s).toInt(), 82);
        QCOMPARE(readJsonl(path(u"demo.jsonl"_s)).size(), 82);
    }
};

QTEST_GUILESS_MAIN(TestEval)
#include "tst_eval.moc"

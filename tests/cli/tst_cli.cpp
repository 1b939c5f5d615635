// SPDX-License-Identifier: GPL-3.0-or-later
// understudyctl as users and scripts run it: a real process, a real store file. The replay's arithmetic (MCC, the
// threshold sweep) is also checked directly against hand-computed values.
#include "CtlRun.h"
#include "Replay.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;

using test::Run;

namespace {
// Every line of a --predictions file as JSON, failing on a line that is not one object.
QList<QJsonObject> readJsonLines(const QString &path)
{
    QList<QJsonObject> out;
    for (const QByteArray &line : test::readFile(path).split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument d = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !d.isObject())
            return {};
        out << d.object();
    }
    return out;
}

const QStringList kPredictionKeys{u"id"_s,        u"gold"_s,  u"predicted"_s, u"probability"_s,      u"out_of_scope"_s,
                                  u"abstained"_s, u"right"_s, u"escalated"_s, u"escalation_rules"_s, u"sources"_s};
} // namespace

class TestCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    Run ctl(const QStringList &args) { return test::runCtl(args, 120000); }

    QString db() const { return m_dir.filePath(u"cli.db"_s); }

    // Stream sorted by label, as public datasets are, with out-of-scope items; and a held-out set.
    void writeStreamWithOos()
    {
        test::writeFile(m_dir.filePath(u"stream.csv"_s), "text,category\n"
                                                         "my card has not arrived yet,card_arrival\n"
                                                         "when will my new card be delivered,card_arrival\n"
                                                         "still waiting for the card in the post,card_arrival\n"
                                                         "how do I change my pin,change_pin\n"
                                                         "I want a different PIN number,change_pin\n"
                                                         "can I reset the pin code,change_pin\n"
                                                         "what is the exchange rate for euros,exchange_rate\n"
                                                         "which rate do you use to convert dollars,exchange_rate\n"
                                                         "how much is the currency exchange fee,exchange_rate\n"
                                                         "tell me a joke about penguins,oos\n"
                                                         "what is the capital of peru,oos\n");
        test::writeFile(m_dir.filePath(u"heldout.csv"_s), "text,category\n"
                                                          "the card still has not been delivered,card_arrival\n"
                                                          "I would like to change my PIN,change_pin\n"
                                                          "what exchange rate applies to euros,exchange_rate\n"
                                                          "tell me a joke about cats,oos\n");
    }

private Q_SLOTS:
    void help()
    {
        const Run r = ctl({u"--help"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"import kb|tickets|macros"_s));
        for (const QString &cmd : {u"import"_s, u"draft"_s, u"replay"_s, u"demo"_s, u"stats"_s}) {
            const Run h = ctl({cmd, u"--help"_s});
            QCOMPARE(h.code, 0);
            QVERIFY2(h.out.contains(u"--help"_s), qPrintable(cmd));
        }
        QVERIFY(ctl({u"frobnicate"_s}).code != 0);
        QVERIFY(ctl({}).code != 0);
    }

    void importAndDraftJson()
    {
        Run r = ctl({u"--db"_s, db(), u"import"_s, u"kb"_s, test::demoDir() + u"/kb"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"49 articles"_s));
        r = ctl({u"--db"_s, db(), u"import"_s, u"macros"_s, test::demoDir() + u"/macros.json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = ctl({u"--db"_s, db(), u"import"_s, u"tickets"_s, test::demoDir() + u"/tickets.jsonl"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"328 tickets"_s));

        r = ctl({u"--db"_s, db(), u"draft"_s, u"--json"_s, u"--text"_s, u"How do I turn on two-factor authentication?"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        const QJsonObject o = QJsonDocument::fromJson(lines.first().toUtf8()).object();
        for (const QString &key : {u"ticket_id"_s, u"text"_s, u"confidence"_s, u"low_confidence"_s, u"reasons"_s,
                                   u"sources"_s, u"escalation"_s, u"intent"_s, u"already_tried"_s, u"latency_ms"_s})
            QVERIFY2(o.contains(key), qPrintable(key));
        const QJsonObject src = o.value(u"sources"_s).toArray().first().toObject();
        for (const QString &key : {u"kind"_s, u"id"_s, u"title"_s, u"score"_s, u"snippet"_s})
            QVERIFY2(src.contains(key), qPrintable(key));
        QVERIFY(o.value(u"escalation"_s).toObject().contains(u"escalate"_s));
        QVERIFY(o.value(u"intent"_s).toObject().contains(u"probability"_s));
        QCOMPARE(o.value(u"intent"_s).toObject().value(u"label"_s).toString(), u"two-factor-setup"_s);

        // By ticket id, and for a file of tickets.
        r = ctl({u"--db"_s, db(), u"draft"_s, u"--json"_s, u"--ticket"_s, u"T-1247"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"ticket_id"_s).toString(), u"T-1247"_s);
        test::writeFile(m_dir.filePath(u"in.jsonl"_s),
                        "{\"id\":\"Q1\",\"subject\":\"invoice\",\"messages\":[{\"author\":\"customer\",\"body\":\"where is my invoice\"}]}\n"
                        "{\"id\":\"Q2\",\"text\":\"I want a refund now\"}\n");
        r = ctl({u"--db"_s, db(), u"draft"_s, u"--json"_s, u"--input"_s, m_dir.filePath(u"in.jsonl"_s)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList two = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(two.size(), 2);
        QVERIFY(QJsonDocument::fromJson(two[1].toUtf8()).object().value(u"escalation"_s).toObject().value(u"escalate"_s).toBool());

        r = ctl({u"--db"_s, db(), u"draft"_s, u"--ticket"_s, u"NOPE"_s});
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains(u"NOPE"_s));
    }

    void badInputImportsNothing()
    {
        const QString fresh = m_dir.filePath(u"bad.db"_s);
        QCOMPARE(ctl({u"--db"_s, fresh, u"import"_s, u"tickets"_s, test::demoDir() + u"/tickets.jsonl"_s}).code, 0);
        const QString before = ctl({u"--db"_s, fresh, u"stats"_s}).out;
        const QString bad = m_dir.filePath(u"bad.jsonl"_s);
        test::writeFile(bad, "{\"id\":\"N1\",\"text\":\"fine\"}\n{\"id\":\"N2\",\"text\":\"fine\"}\n{\"id\":\"N3\",\"messages\":[{\"author\":\"robot\",\"body\":\"x\"}]}\n");
        const Run r = ctl({u"--db"_s, fresh, u"import"_s, u"tickets"_s, bad});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"bad.jsonl:3"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"messages[0].author"_s), qPrintable(r.err));
        QCOMPARE(ctl({u"--db"_s, fresh, u"stats"_s}).out, before);
        const Run missing = ctl({u"--db"_s, fresh, u"import"_s, u"kb"_s, m_dir.filePath(u"nowhere"_s)});
        QVERIFY(missing.code != 0);
        QVERIFY(missing.err.contains(u"nowhere"_s));
    }

    void replayReportsFigures()
    {
        // A tiny labelled stream: three intents, paraphrased.
        test::writeFile(m_dir.filePath(u"train.csv"_s),
                        "text,category\n"
                        "my card has not arrived yet,card_arrival\n"
                        "when will my new card be delivered,card_arrival\n"
                        "still waiting for the card in the post,card_arrival\n"
                        "how do I change my pin,change_pin\n"
                        "I want a different PIN number,change_pin\n"
                        "can I reset the pin code,change_pin\n"
                        "what is the exchange rate for euros,exchange_rate\n"
                        "which rate do you use to convert dollars,exchange_rate\n"
                        "how much is the currency exchange fee,exchange_rate\n");
        test::writeFile(m_dir.filePath(u"test.csv"_s),
                        "text,category\n"
                        "the card still hasn't been delivered,card_arrival\n"
                        "I'd like to change my PIN,change_pin\n"
                        "what exchange rate applies to euros,exchange_rate\n");
        const QString report = m_dir.filePath(u"report.json"_s);
        const Run r = ctl({u"replay"_s, u"--train"_s, m_dir.filePath(u"train.csv"_s), u"--test"_s, m_dir.filePath(u"test.csv"_s),
                           u"--text-column"_s, u"text"_s, u"--label-column"_s, u"category"_s, u"--report"_s, report});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"top-1 accuracy"_s));
        const QJsonObject o = QJsonDocument::fromJson(test::readFile(report)).object();
        QCOMPARE(o.value(u"train_tickets"_s).toInt(), 9);
        QCOMPARE(o.value(u"test_tickets"_s).toInt(), 3);
        QCOMPARE(o.value(u"top1_accuracy"_s).toDouble(), 1.0);
        QVERIFY(o.value(u"latency_ms"_s).toObject().contains(u"p99"_s));
        QVERIFY(ctl({u"replay"_s, u"--train"_s, m_dir.filePath(u"train.csv"_s)}).code != 0);
    }

    void replayLearnsAndPrintsTheCurve()
    {
        writeStreamWithOos(); // sorted by label: the checkpoints interleave it by examples per intent
        const QString report = m_dir.filePath(u"learn.json"_s);
        const Run r = ctl({u"replay"_s, u"--learn"_s, u"--checkpoints"_s, u"1,all"_s, u"--oos-label"_s, u"oos"_s,
                           u"--train"_s, m_dir.filePath(u"stream.csv"_s), u"--test"_s, m_dir.filePath(u"heldout.csv"_s),
                           u"--text-column"_s, u"text"_s, u"--label-column"_s, u"category"_s, u"--report"_s, report});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"learning curve"_s));
        const QJsonObject o = QJsonDocument::fromJson(test::readFile(report)).object();
        QCOMPARE(o.value(u"corrections"_s).toInt(), 11);
        const QJsonArray curve = o.value(u"learning_curve"_s).toArray();
        QCOMPARE(curve.size(), 2);
        QCOMPARE(curve[0].toObject().value(u"examples_per_intent"_s).toInt(), 1);
        QCOMPARE(curve[0].toObject().value(u"corrections_learned"_s).toInt(), 4); // one of each of the 4 labels
        QCOMPARE(curve[1].toObject().value(u"examples_per_intent"_s).toString(), u"all"_s);
        QCOMPARE(curve[1].toObject().value(u"corrections_learned"_s).toInt(), 11);
        const QJsonObject last = o.value(u"final"_s).toObject();
        QCOMPARE(last.value(u"in_scope_accuracy"_s).toDouble(), 1.0);
        QCOMPARE(last.value(u"oos_recall"_s).toDouble(), 1.0);
        QVERIFY(last.contains(u"calibration_error"_s));

        QVERIFY(ctl({u"replay"_s, u"--learn"_s, u"--checkpoints"_s, u"0"_s, u"--train"_s, m_dir.filePath(u"stream.csv"_s),
                     u"--test"_s, m_dir.filePath(u"heldout.csv"_s)})
                    .code != 0); // checkpoints are positive numbers or "all"
    }

    void multiClassMccMatchesHandComputedValues()
    {
        // Gorodkin's R_K: s = 4, c = 3, t = {a 2, b 1, oos 1}, p = {a 1, b 2, oos 1}:
        // (3·4 − (2·1 + 1·2 + 1·1)) / √((16 − 6)(16 − 6)) = 7 / 10.
        QCOMPARE(cli::multiClassMcc({u"a"_s, u"a"_s, u"b"_s, u"oos"_s}, {u"a"_s, u"b"_s, u"b"_s, u"oos"_s}), 0.7);
        // Two classes: the binary MCC, TP 1, FN 1, TN 2, FP 0 → 2 / √12.
        QVERIFY(qFuzzyCompare(cli::multiClassMcc({u"y"_s, u"y"_s, u"n"_s, u"n"_s}, {u"y"_s, u"n"_s, u"n"_s, u"n"_s}),
                              2 / std::sqrt(12.0)));
        QCOMPARE(cli::multiClassMcc({u"a"_s, u"b"_s, u"c"_s}, {u"a"_s, u"b"_s, u"c"_s}), 1.0);
        QCOMPARE(cli::multiClassMcc({u"a"_s, u"b"_s}, {u"b"_s, u"a"_s}), -1.0);
        QCOMPARE(cli::multiClassMcc({u"a"_s, u"b"_s}, {u"a"_s, u"a"_s}), 0.0); // one predicted class: 0, not NaN
        QCOMPARE(cli::multiClassMcc({}, {}), 0.0);
    }

    void sweepCountsOutOfScopeAsAClass()
    {
        const auto item = [](const QString &gold, const QString &predicted, double p, bool outOfScope = false) {
            cli::ReplayPrediction r;
            r.gold = gold;
            r.predicted = predicted;
            r.probability = p;
            r.outOfScope = outOfScope;
            r.escalated = gold == u"b"_s; // escalation never makes an item out of scope
            return r;
        };
        const QList<cli::ReplayPrediction> items{item(u"a"_s, u"a"_s, 0.9), item(u"a"_s, u"b"_s, 0.3),
                                                 item(u"b"_s, u"b"_s, 0.6), item(u"oos"_s, u"a"_s, 0.2),
                                                 item(u"oos"_s, u"b"_s, 0.7, true)};
        const QList<cli::SweepRow> rows = cli::sweepThresholds(items, u"oos"_s);
        QCOMPARE(rows.size(), 20);
        QCOMPARE(rows.first().threshold, 0.0);
        QVERIFY(qFuzzyCompare(rows.last().threshold, 0.95));
        // Threshold 0: only the engine's own abstention. Predicted a, b, b, a, OOS against a, a, b, OOS, OOS.
        QCOMPARE(rows[0].coverage, 0.8);
        QCOMPARE(rows[0].accuracy, 0.6);
        QVERIFY(qFuzzyCompare(*rows[0].inScopeAccuracy, 2.0 / 3));
        QCOMPARE(*rows[0].oosRecall, 0.5);
        QCOMPARE(rows[0].mcc, 7.0 / 16); // s 5, c 3, t {a 2, b 1, OOS 2}, p {a 2, b 2, OOS 1}
        // 0.25: the 0.2 item abstains too (a, b, b, OOS, OOS).
        QCOMPARE(rows[5].accuracy, 0.8);
        QCOMPARE(*rows[5].oosRecall, 1.0);
        QCOMPARE(rows[5].mcc, 0.75);
        // 0.35: so does the wrong 0.3 one (a, OOS, b, OOS, OOS): (20 − 9) / √(14 · 16).
        QVERIFY(qFuzzyCompare(rows[7].mcc, 11 / std::sqrt(14.0 * 16)));
        QVERIFY(qFuzzyCompare(*rows[7].inScopeAccuracy, 2.0 / 3));
        // Without an out-of-scope label nothing is gold out of scope: no recall, and abstaining is never right.
        const QList<cli::SweepRow> plain = cli::sweepThresholds(items, {});
        QVERIFY(!plain[0].oosRecall);
        QCOMPARE(*plain[0].inScopeAccuracy, 0.4); // a and b right; the engine's abstention on the 5th is wrong
    }

    void replayWritesPredictionsAndSweep()
    {
        writeStreamWithOos();
        const QString report = m_dir.filePath(u"sweep.json"_s);
        const QString predictions = m_dir.filePath(u"predictions.jsonl"_s);
        const QStringList common{u"replay"_s,
                                 u"--oos-label"_s,
                                 u"oos"_s,
                                 u"--train"_s,
                                 m_dir.filePath(u"stream.csv"_s),
                                 u"--test"_s,
                                 m_dir.filePath(u"heldout.csv"_s),
                                 u"--text-column"_s,
                                 u"text"_s,
                                 u"--label-column"_s,
                                 u"category"_s};
        Run r = ctl(common + QStringList{u"--sweep"_s, u"--predictions"_s, predictions, u"--report"_s, report});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"threshold sweep"_s));
        QVERIFY(r.out.contains(u"escalated"_s));

        const QList<QJsonObject> lines = readJsonLines(predictions);
        QCOMPARE(lines.size(), 4); // one valid JSON object per test item, in test order
        const QStringList gold{u"card_arrival"_s, u"change_pin"_s, u"exchange_rate"_s, u"oos"_s};
        for (qsizetype i = 0; i < lines.size(); ++i) {
            for (const QString &key : kPredictionKeys)
                QVERIFY2(lines[i].contains(key), qPrintable(key));
            QCOMPARE(lines[i].value(u"gold"_s).toString(), gold[i]);
            const double p = lines[i].value(u"probability"_s).toDouble(-1);
            QVERIFY(p >= 0 && p <= 1);
            QVERIFY(lines[i].value(u"sources"_s).toArray().size() <= 3);
            for (const QJsonValue &s : lines[i].value(u"sources"_s).toArray())
                QVERIFY(s.toObject().contains(u"kind"_s) && s.toObject().contains(u"id"_s));
        }
        QCOMPARE(lines[1].value(u"predicted"_s).toString(), u"change_pin"_s);
        QVERIFY(!lines[1].value(u"sources"_s).toArray().isEmpty()); // the training replies are its sources

        const QJsonObject o = QJsonDocument::fromJson(test::readFile(report)).object();
        const QJsonArray sweep = o.value(u"sweep"_s).toArray();
        QCOMPARE(sweep.size(), 20);
        double lastRecall = -1, lastCoverage = 2;
        for (const QJsonValue &v : sweep) {
            const QJsonObject row = v.toObject();
            for (const QString &key :
                 {u"threshold"_s, u"coverage"_s, u"accuracy"_s, u"in_scope_accuracy"_s, u"oos_recall"_s, u"mcc"_s})
                QVERIFY2(row.contains(key), qPrintable(key));
            // A higher threshold only adds abstentions: out-of-scope recall never falls, coverage never rises.
            QVERIFY(row.value(u"oos_recall"_s).toDouble() >= lastRecall);
            QVERIFY(row.value(u"coverage"_s).toDouble() <= lastCoverage);
            lastRecall = row.value(u"oos_recall"_s).toDouble();
            lastCoverage = row.value(u"coverage"_s).toDouble();
        }
        QCOMPARE(sweep.last().toObject().value(u"threshold"_s).toDouble(), 0.95);
        // Threshold 0 is the plain report's rule (no --oos-threshold).
        QCOMPARE(sweep.first().toObject().value(u"in_scope_accuracy"_s).toDouble(),
                 o.value(u"in_scope_accuracy"_s).toDouble());
        QCOMPARE(sweep.first().toObject().value(u"oos_recall"_s).toDouble(), o.value(u"oos_recall"_s).toDouble());
        QCOMPARE(o.value(u"rules"_s).toString(), u"default"_s);
        QVERIFY(o.contains(u"escalated"_s));

        // --learn writes the evaluation at its last checkpoint (the whole stream).
        QFile::remove(predictions);
        r = ctl(common + QStringList{u"--learn"_s, u"--checkpoints"_s, u"1,all"_s, u"--sweep"_s, u"--predictions"_s,
                                     predictions, u"--report"_s, report});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QList<QJsonObject> learned = readJsonLines(predictions);
        QCOMPARE(learned.size(), 4);
        qsizetype right = 0;
        for (const QJsonObject &line : learned)
            right += line.value(u"right"_s).toBool();
        const QJsonObject l = QJsonDocument::fromJson(test::readFile(report)).object();
        QCOMPARE(l.value(u"sweep"_s).toArray().size(), 20);
        QCOMPARE(double(right) / 4, l.value(u"final"_s).toObject().value(u"top1_accuracy"_s).toDouble());

        QVERIFY(ctl(common + QStringList{u"--predictions"_s, m_dir.filePath(u"no/such/dir/p.jsonl"_s)}).code != 0);
    }

    void replayRulesNoneEscalatesNothing()
    {
        // A banking-style set whose questions the bundled SaaS rules send to a human ("refund", "dispute").
        test::writeFile(m_dir.filePath(u"bank-train.csv"_s),
                        "text,category\n"
                        "I want a refund for this purchase,request_refund\n"
                        "can I get a refund for the item I returned,request_refund\n"
                        "I would like a refund please,request_refund\n"
                        "I want to dispute a charge on my credit card,dispute_charge\n"
                        "there is a charge on my card I want to dispute,dispute_charge\n"
                        "how do I dispute a payment on my debit card,dispute_charge\n"
                        "how do I change my pin,change_pin\n"
                        "I want a different PIN number,change_pin\n"
                        "can I reset the pin code,change_pin\n");
        test::writeFile(m_dir.filePath(u"bank-test.csv"_s),
                        "text,category\n"
                        "I want a refund for the thing I sent back,request_refund\n"
                        "I need to dispute a charge on my credit card,dispute_charge\n"
                        "I'd like to change my PIN,change_pin\n");
        const QString predictions = m_dir.filePath(u"bank.jsonl"_s);
        const QString report = m_dir.filePath(u"bank.json"_s);
        const QStringList common{u"replay"_s,
                                 u"--train"_s,
                                 m_dir.filePath(u"bank-train.csv"_s),
                                 u"--test"_s,
                                 m_dir.filePath(u"bank-test.csv"_s),
                                 u"--text-column"_s,
                                 u"text"_s,
                                 u"--label-column"_s,
                                 u"category"_s,
                                 u"--report"_s,
                                 report,
                                 u"--predictions"_s,
                                 predictions};
        Run r = ctl(common);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonObject o = QJsonDocument::fromJson(test::readFile(report)).object();
        QCOMPARE(o.value(u"escalated"_s).toInt(), 2); // the refund and the dispute
        QList<QJsonObject> lines = readJsonLines(predictions);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].value(u"escalated"_s).toBool());
        QVERIFY(lines[0].value(u"escalation_rules"_s).toArray().contains(u"refund"_s));
        QVERIFY(lines[1].value(u"escalated"_s).toBool());
        QVERIFY(!lines[2].value(u"escalated"_s).toBool());
        // Escalated questions are scored on their intent, not as abstentions.
        QCOMPARE(o.value(u"top1_accuracy"_s).toDouble(), 1.0);
        QVERIFY(!lines[0].value(u"abstained"_s).toBool());

        r = ctl(common + QStringList{u"--rules"_s, u"none"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        o = QJsonDocument::fromJson(test::readFile(report)).object();
        QCOMPARE(o.value(u"escalated"_s).toInt(), 0);
        QCOMPARE(o.value(u"rules"_s).toString(), u"none"_s);
        QCOMPARE(o.value(u"top1_accuracy"_s).toDouble(), 1.0);
        lines = readJsonLines(predictions);
        QCOMPARE(lines.size(), 3);
        for (const QJsonObject &line : lines)
            QVERIFY(!line.value(u"escalated"_s).toBool());

        // `draft` reads --rules the same way.
        r = ctl({u"--db"_s, m_dir.filePath(u"rules.db"_s), u"draft"_s, u"--json"_s, u"--rules"_s, u"none"_s,
                 u"--text"_s, u"I want a refund now"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!QJsonDocument::fromJson(r.out.toUtf8())
                     .object()
                     .value(u"escalation"_s)
                     .toObject()
                     .value(u"escalate"_s)
                     .toBool());
        QVERIFY(ctl(common + QStringList{u"--rules"_s, m_dir.filePath(u"no-such-rules.json"_s)}).code != 0);
    }

    void importSkipInvalid()
    {
        const QString fresh = m_dir.filePath(u"skip.db"_s);
        const QString good = m_dir.filePath(u"good.csv"_s);
        test::writeFile(good, "sentence,label\nwhere is my invoice,invoice\n");
        const QString dirty = m_dir.filePath(u"dirty.tsv"_s);
        test::writeFile(dirty, "sentence\tlabel\n"
                               "where is my refund\trefund\n"
                               "\trefund\n"
                               "how do I close my account\tclose_account\n"
                               "lonely field\n"
                               "\"card declined\ttwice\"\tdeclined\n");
        const QString before = ctl({u"--db"_s, fresh, u"stats"_s}).out;

        // Strict by default: the bad row is named, and no file of the set is imported.
        Run r = ctl({u"--db"_s, fresh, u"import"_s, u"tickets"_s, good, dirty, u"--text-column"_s, u"sentence"_s,
                     u"--label-column"_s, u"label"_s});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(dirty + u":3: column \"sentence\" is empty"_s), qPrintable(r.err));
        QCOMPARE(ctl({u"--db"_s, fresh, u"stats"_s}).out, before);

        // The header is listed when the text column is not the default one.
        r = ctl({u"--db"_s, fresh, u"import"_s, u"tickets"_s, dirty});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"no column \"text\" for the text (the header has: sentence, label)"_s),
                 qPrintable(r.err));

        r = ctl({u"--db"_s, fresh, u"import"_s, u"tickets"_s, dirty, u"--text-column"_s, u"sentence"_s,
                 u"--label-column"_s, u"label"_s, u"--skip-invalid"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(dirty + u": 3 tickets (3 added, 0 updated, 3 answer-bank entries), 2 skipped"_s),
                 qPrintable(r.out));
        QCOMPARE(r.err.split(u'\n', Qt::SkipEmptyParts),
                 (QStringList{u"understudyctl: skipped "_s + dirty + u":3: column \"sentence\" is empty"_s,
                              u"understudyctl: skipped "_s + dirty + u":5: the row has 1 fields, the header has 2"_s}));
        QVERIFY(ctl({u"--db"_s, fresh, u"stats"_s}).out.startsWith(u"tickets 3 "_s));
    }

    void draftReadsWhatImportReads()
    {
        const QString fresh = m_dir.filePath(u"formats.db"_s);
        QCOMPARE(ctl({u"--db"_s, fresh, u"import"_s, u"kb"_s, test::demoDir() + u"/kb"_s}).code, 0);
        const auto drafted = [](const Run &r) {
            QStringList ids;
            for (const QString &line : r.out.split(u'\n', Qt::SkipEmptyParts))
                ids << QJsonDocument::fromJson(line.toUtf8()).object().value(u"ticket_id"_s).toString();
            return ids;
        };

        // Labelled pairs, as import reads them (CLINC150's shape).
        const QString pairs = m_dir.filePath(u"pairs.json"_s);
        test::writeFile(pairs, "{\"train\":[[\"what is my balance\",\"balance\"]],"
                               "\"test\":[[\"how do I reset my password\",\"reset\"],[\"\",\"x\"],"
                               "[\"I want a refund\",\"refund\"]]}");
        Run r = ctl({u"--db"_s, fresh, u"draft"_s, u"--json"_s, u"--input"_s, pairs});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"the file has \"test\", \"train\""_s), qPrintable(r.err));
        r = ctl({u"--db"_s, fresh, u"draft"_s, u"--json"_s, u"--input"_s, pairs, u"--split"_s, u"test"_s});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(pairs + u":2: record 2 of \"test\": the text is empty"_s), qPrintable(r.err));
        r = ctl({u"--db"_s, fresh, u"draft"_s, u"--json"_s, u"--input"_s, pairs, u"--split"_s, u"test"_s,
                 u"--skip-invalid"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(drafted(r), (QStringList{u"test-1"_s, u"test-3"_s}));
        QVERIFY2(r.err.contains(u"skipped "_s + pairs + u":2: record 2"_s), qPrintable(r.err));

        // TSV with its columns named.
        const QString tsv = m_dir.filePath(u"questions.tsv"_s);
        test::writeFile(tsv,
                        "id\tsentence\nQ1\thow do I turn on two-factor authentication\nQ2\t\"where is my\tinvoice\"\n");
        r = ctl({u"--db"_s, fresh, u"draft"_s, u"--json"_s, u"--input"_s, tsv, u"--text-column"_s, u"sentence"_s,
                 u"--id-column"_s, u"id"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(drafted(r), (QStringList{u"Q1"_s, u"Q2"_s}));
        QVERIFY(ctl({u"draft"_s, u"--help"_s}).out.contains(u"--skip-invalid"_s));
    }

    void demo()
    {
        const Run r = ctl({u"--db"_s, m_dir.filePath(u"demo.db"_s), u"demo"_s, u"--tickets"_s, u"3"_s, u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"328 tickets"_s));
        int drafts = 0;
        for (const QString &line : r.out.split(u'\n'))
            drafts += line.startsWith(u'{') && QJsonDocument::fromJson(line.toUtf8()).object().contains(u"text"_s);
        QCOMPARE(drafts, 3);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

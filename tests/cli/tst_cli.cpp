// SPDX-License-Identifier: GPL-3.0-or-later
// understudyctl as users and scripts run it: a real process, a real store file.
#include "CtlRun.h"
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

class TestCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    Run ctl(const QStringList &args) { return test::runCtl(args, 120000); }

    QString db() const { return m_dir.filePath(u"cli.db"_s); }

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
        // Stream sorted by label, as public datasets are: the checkpoints interleave it by examples per intent.
        test::writeFile(m_dir.filePath(u"stream.csv"_s),
                        "text,category\n"
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
        test::writeFile(m_dir.filePath(u"heldout.csv"_s),
                        "text,category\n"
                        "the card still has not been delivered,card_arrival\n"
                        "I would like to change my PIN,change_pin\n"
                        "what exchange rate applies to euros,exchange_rate\n"
                        "tell me a joke about cats,oos\n");
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

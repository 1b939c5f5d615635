// SPDX-License-Identifier: GPL-3.0-or-later
// The engine learns the same model from the same labelled history whatever the path: `replay` (import, load, draft),
// `replay --learn` (every example taught one by one as a correction) and `import` then `draft --input` (a real store
// on disk, as the client loads it). Run on CLINC150 (train + oos_train, scored on val + oos_val, its validation split),
// sorted by intent: a cap on the most recent examples would lose its first intents. Also: a question made only of
// stop words ("Hi", "are you there?") teaches its label on load as it does online.
#include "CtlRun.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using test::runCtl;

namespace {

const QString kOos = u"oos"_s;

/// @brief In-scope accuracy of a replay's --predictions file: right and not abstained, over items whose gold is in
/// scope.
double inScopeFromPredictions(const QString &path, qsizetype *items)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    qsizetype inScope = 0, right = 0;
    *items = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        ++*items;
        if (o.value(u"gold"_s).toString() == kOos)
            continue;
        ++inScope;
        right += o.value(u"right"_s).toBool() && !o.value(u"abstained"_s).toBool();
    }
    return inScope ? double(right) / double(inScope) : -1;
}

} // namespace

class TestLearningPaths : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void clinc150PathsAgree();
    void stopWordQuestionsLearnedOnLoad();
};

void TestLearningPaths::clinc150PathsAgree()
{
    const QString datasets = test::datasetsDir();
    const QString clinc = datasets + u"/clinc150/data_full.json"_s;
    if (datasets.isEmpty() || !QFileInfo::exists(clinc))
        QSKIP(
            "clinc150/data_full.json is not in ../shared/datasets (the public datasets are not copied into the repo)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList common{u"--rules"_s, u"none"_s, u"--oos-label"_s,   kOos,
                             u"--train"_s, clinc,     u"--train-split"_s, u"train,oos_train"_s,
                             u"--test"_s,  clinc,     u"--test-split"_s,  u"val,oos_val"_s};

    // 1. replay: imports the training stream, loads the engine from the store, drafts.
    auto run = runCtl(QStringList{u"replay"_s, u"--predictions"_s, dir.filePath(u"plain.jsonl"_s)} + common);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    qsizetype items = 0;
    const double plain = inScopeFromPredictions(dir.filePath(u"plain.jsonl"_s), &items);
    QCOMPARE(items, 3100);

    // 2. replay --learn: the same stream taught one correction at a time.
    run = runCtl(QStringList{u"replay"_s, u"--learn"_s, u"--checkpoints"_s, u"all"_s, u"--predictions"_s,
                             dir.filePath(u"learn.jsonl"_s)} +
                 common);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const double learned = inScopeFromPredictions(dir.filePath(u"learn.jsonl"_s), &items);
    QCOMPARE(items, 3100);

    // 3. import into a store on disk, then draft from a fresh process (the client's path: load from the store).
    const QString db = dir.filePath(u"store.db"_s);
    run = runCtl({u"--db"_s, db, u"import"_s, u"tickets"_s, clinc, u"--split"_s, u"train,oos_train"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    run = runCtl({u"--db"_s, db, u"draft"_s, u"--json"_s, u"--rules"_s, u"none"_s, u"--input"_s, clinc, u"--split"_s,
                  u"val,oos_val"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QFile data(clinc);
    QVERIFY(data.open(QIODevice::ReadOnly));
    const QJsonObject splits = QJsonDocument::fromJson(data.readAll()).object();
    QStringList gold;
    for (const QString &split : {u"val"_s, u"oos_val"_s})
        for (const QJsonValue &pair : splits.value(split).toArray())
            gold << pair.toArray().at(1).toString();
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), gold.size());
    qsizetype inScope = 0, right = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (gold[i] == kOos)
            continue;
        ++inScope;
        const QJsonObject intent = QJsonDocument::fromJson(lines[i].toUtf8()).object().value(u"intent"_s).toObject();
        right += intent.value(u"label"_s).toString() == gold[i] && !intent.value(u"out_of_scope"_s).toBool();
    }
    const double drafted = double(right) / double(inScope);

    qInfo("CLINC150 val in-scope accuracy: replay %.2f%%, replay --learn %.2f%%, import + draft %.2f%%", 100 * plain,
          100 * learned, 100 * drafted);
    QVERIFY2(plain > 0.85, "the model learned the whole stream, its first intents too");
    QVERIFY2(std::abs(plain - learned) <= 0.002, "replay and replay --learn agree within 0.2 points");
    QVERIFY2(std::abs(plain - drafted) <= 0.002, "replay and import + draft agree within 0.2 points");
}

void TestLearningPaths::stopWordQuestionsLearnedOnLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Two labels; "greeting" is said only in stop words, which the answer index cannot hold.
    QByteArray csv = "text,category\n";
    const char *greetings[] = {"Hi", "Hello?", "Are you there?", "hi there", "\"Hello, is anyone there?\"", "Hey"};
    const char *refunds[] = {
        "I want my money back for the order", "refund my order please",  "money back for a broken blender",
        "how do I get a refund for my order", "refund the broken order", "please refund me"};
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < 6; ++i)
            csv += QByteArray(greetings[i]) + ",greeting\n" + QByteArray(refunds[i]) + ",refund\n";
    test::writeFile(dir.filePath(u"train.csv"_s), csv);
    const QString db = dir.filePath(u"store.db"_s);
    auto run = runCtl(
        {u"--db"_s, db, u"import"_s, u"tickets"_s, dir.filePath(u"train.csv"_s), u"--label-column"_s, u"category"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    run = runCtl({u"--db"_s, db, u"draft"_s, u"--json"_s, u"--rules"_s, u"none"_s, u"--text"_s, u"Hello there?"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QJsonObject intent = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"intent"_s).toObject();
    QCOMPARE(intent.value(u"label"_s).toString(), u"greeting"_s);
}

QTEST_GUILESS_MAIN(TestLearningPaths)
#include "tst_learningpaths.moc"

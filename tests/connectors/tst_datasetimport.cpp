// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

namespace {

// Generous against a loaded 2-core machine; the figures printed are what to watch.
constexpr qint64 kMaxParseMs = 2000;

QSet<QString> intents(const QList<Ticket> &tickets)
{
    QSet<QString> out;
    for (const Ticket &t : tickets)
        out.insert(t.intent);
    return out;
}

} // namespace

class TestDatasetImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void banking77Train();
    void banking77Test();
    void clinc150Full();
    void englishDatasetsReadAsEnglish();

private:
    QString m_datasets;
};

void TestDatasetImport::initTestCase()
{
    m_datasets = test::datasetsDir();
    if (m_datasets.isEmpty())
        QSKIP("../shared/datasets is not beside the project (set UNDERSTUDY_SHARED_DIR); the public datasets are not "
              "copied into the repo");
}

void TestDatasetImport::banking77Train()
{
    const QString path = m_datasets + u"/banking77/train.csv"_s;
    if (!QFileInfo::exists(path))
        QSKIP("banking77/train.csv is missing from the shared datasets");
    TicketReadOptions options;
    options.csv.labelColumn = u"category"_s;
    QElapsedTimer timer;
    timer.start();
    auto r = readTickets(path, options);
    const qint64 ms = timer.elapsed();
    QVERIFY_OK(r);
    qInfo("BANKING77 train.csv: %lld tickets in %lld ms", qint64(r->size()), ms);
    QCOMPARE(r->size(), 10003);
    QCOMPARE(intents(*r).size(), 77);
    const Ticket &first = r->first();
    QCOMPARE(first.id, u"train-1"_s);
    QCOMPARE(first.messages.size(), 1);
    QCOMPARE(first.messages[0].author, u"customer"_s);
    QCOMPARE(first.messages[0].body, u"I am still waiting on my card?"_s);
    QCOMPARE(first.intent, u"card_arrival"_s);
    QCOMPARE(first.status, u"resolved"_s);
    // Row 1291 is a quoted field spanning several lines.
    QCOMPARE(r->at(1290).id, u"train-1291"_s);
    QCOMPARE(r->at(1290).messages[0].body, u"I can't seem to be able to use my card"_s);
    QCOMPARE(r->at(1290).intent, u"card_not_working"_s);
    QCOMPARE(r->last().id, u"train-10003"_s);
    QCOMPARE(r->last().messages[0].body, u"Which countries are represented?"_s);
    QCOMPARE(r->last().intent, u"country_support"_s);
    QVERIFY2(ms < kMaxParseMs, qPrintable(u"parsing took %1 ms"_s.arg(ms)));
}

void TestDatasetImport::banking77Test()
{
    const QString path = m_datasets + u"/banking77/test.csv"_s;
    if (!QFileInfo::exists(path))
        QSKIP("banking77/test.csv is missing from the shared datasets");
    TicketReadOptions options;
    options.csv.labelColumn = u"category"_s;
    auto r = readTickets(path, options);
    QVERIFY_OK(r);
    QCOMPARE(r->size(), 3080);
    QCOMPARE(intents(*r).size(), 77);
    QCOMPARE(r->first().id, u"test-1"_s);
}

void TestDatasetImport::clinc150Full()
{
    const QString path = m_datasets + u"/clinc150/data_full.json"_s;
    if (!QFileInfo::exists(path))
        QSKIP("clinc150/data_full.json is missing from the shared datasets");
    TicketReadOptions options;
    options.splits = QStringList{u"train"_s, u"oos_train"_s};
    QElapsedTimer timer;
    timer.start();
    auto train = readTickets(path, options);
    const qint64 ms = timer.elapsed();
    QVERIFY_OK(train);
    qInfo("CLINC150 data_full.json train+oos_train: %lld tickets in %lld ms", qint64(train->size()), ms);
    QCOMPARE(train->size(), 15100);
    const QSet<QString> labels = intents(*train);
    QCOMPARE(labels.size(), 151);
    QVERIFY(labels.contains(u"oos"_s));
    QCOMPARE(train->first().id, u"train-1"_s);
    QCOMPARE(train->first().messages[0].body, u"what expression would i use to say i love you if i were an italian"_s);
    QCOMPARE(train->first().intent, u"translate"_s);
    QCOMPARE(train->at(14999).id, u"train-15000"_s);
    QCOMPARE(train->last().id, u"oos_train-100"_s);
    QCOMPARE(train->last().intent, u"oos"_s);
    QVERIFY2(ms < kMaxParseMs, qPrintable(u"parsing took %1 ms"_s.arg(ms)));

    options.splits = QStringList{u"test"_s, u"oos_test"_s};
    auto test = readTickets(path, options);
    QVERIFY_OK(test);
    QCOMPARE(test->size(), 5500);

    options.splits.clear();
    auto none = readTickets(path, options);
    QVERIFY(!none.ok());
    QCOMPARE(
        none.error().message,
        u"choose the splits to read; the file has \"oos_test\", \"oos_train\", \"oos_val\", \"test\", \"train\", \"val\""_s);
}

void TestDatasetImport::englishDatasetsReadAsEnglish()
{
    // The importers label what names no language with detectLanguage(). On English data it must never name another
    // language (that would hide the right sources from an English ticket); short queries may stay unknown.
    struct Set {
        const char *name;
        QList<Ticket> tickets;
    };
    QList<Set> sets;
    TicketReadOptions banking;
    banking.csv.labelColumn = u"category"_s;
    if (auto r = readTickets(m_datasets + u"/banking77/train.csv"_s, banking))
        sets.append({"BANKING77 train", *r});
    TicketReadOptions clinc;
    clinc.splits = QStringList{u"val"_s};
    if (auto r = readTickets(m_datasets + u"/clinc150/data_full.json"_s, clinc))
        sets.append({"CLINC150 val", *r});
    // doc2dial's help pages as articles (its user turns hold a few Spanish ones, so they are not used here).
    QFile passages(m_datasets + u"/doc2dial/passages.jsonl"_s);
    QList<Ticket> pages;
    if (passages.open(QIODevice::ReadOnly)) {
        QByteArray jsonl;
        while (!passages.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(passages.readLine()).object();
            jsonl += QJsonDocument(QJsonObject{{u"id"_s, o.value(u"passage_id"_s)},
                                               {u"title"_s, o.value(u"doc_title"_s)},
                                               {u"body"_s, o.value(u"text"_s)}})
                         .toJson(QJsonDocument::Compact) +
                     '\n';
        }
        auto articles = parseArticlesJsonl(jsonl, u"passages.jsonl"_s);
        QVERIFY_OK(articles);
        int english = 0;
        for (const Article &a : *articles)
            english += a.language == u"en"_s;
        qInfo("doc2dial passages: %d of %lld read as English", english, qint64(articles->size()));
        QCOMPARE(english, articles->size());
    }
    if (sets.isEmpty() && !passages.isOpen())
        QSKIP("banking77, clinc150 and doc2dial are missing from the shared datasets");
    for (const Set &set : sets) {
        int english = 0, unknown = 0;
        QStringList other;
        for (const Ticket &t : set.tickets) {
            if (t.language == u"en"_s)
                ++english;
            else if (t.language.isEmpty())
                ++unknown;
            else if (other.size() < 5)
                other << t.language + u": "_s + t.messages.first().body;
        }
        qInfo("%s: %d English, %d unknown of %lld", set.name, english, unknown, qint64(set.tickets.size()));
        QVERIFY2(other.isEmpty(), qPrintable(other.join(u"; "_s)));
        QVERIFY2(unknown * 5 < set.tickets.size(), set.name); // fewer than 20 % too short to tell
    }
}

QTEST_GUILESS_MAIN(TestDatasetImport)
#include "tst_datasetimport.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoData.h"
#include "ImporterTestUtil.h"
#include "Importers.h"
#include "Store.h"
#include "TestSupport.h"

#include <understudy/Json.h>
#include <understudy/Text.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

namespace {

// Ticket intents: every article id without "kb-", plus the catalogue's intents that have no article.
QSet<QString> knownIntents(const QList<Article> &articles)
{
    QSet<QString> out{u"refund-request"_s, u"chargeback-dispute"_s, u"security-incident"_s,
                      u"legal-request"_s,  u"complaint"_s,          u"feature-request"_s,
                      u"other"_s};
    for (const Article &a : articles)
        out.insert(a.id.startsWith(u"kb-") ? a.id.mid(3) : a.id);
    return out;
}

} // namespace

class TestDemoData : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void knowledgeBase();
    void tickets();
    void macros();
    void loaderStoresLanguages();
    void historyJoinsTheLogSyncedAndAddsNoReply();
    void detectionAgreesWithStatedLanguages();

private:
    QString m_demo;
    QList<Article> m_articles;
};

void TestDemoData::initTestCase()
{
    m_demo = test::demoDir();
    QVERIFY2(QFileInfo(m_demo + u"/kb"_s).isDir(), qPrintable(m_demo + u"/kb is missing"_s)); // committed data
}

void TestDemoData::knowledgeBase()
{
    auto r = readKnowledge({m_demo + u"/kb"_s});
    QVERIFY_OK(r);
    m_articles = *r;
    QStringList files =
        QDir(m_demo + u"/kb"_s).entryList({u"*.md"_s, u"*.markdown"_s, u"*.html"_s, u"*.htm"_s}, QDir::Files);
    files.sort(); // readKnowledge's order: plain path order, not the locale's
    QCOMPARE(r->size(), files.size());
    QVERIFY(r->size() >= 20);

    const QRegularExpression leftoverTag(u"<(p|li|ul|h[1-6]|div|br|a)[ >/]"_s);
    for (qsizetype i = 0; i < r->size(); ++i) {
        const Article &a = r->at(i);
        QCOMPARE(a.id, QFileInfo(files[i]).completeBaseName()); // the catalogue's rule: id = file name
        QVERIFY2(!a.title.isEmpty(), qPrintable(a.id));
        QVERIFY2(a.body.size() > 100, qPrintable(a.id));
        QVERIFY2(!a.tags.isEmpty(), qPrintable(a.id));
        QVERIFY2(a.url.startsWith(u"https://help.tidewater.example/"_s), qPrintable(a.id));
        QVERIFY2(a.updatedAt.isValid(), qPrintable(a.id));
        QVERIFY2(!a.body.contains(leftoverTag), qPrintable(a.id));
        QVERIFY2(a.status == u"active" || a.status == u"deprecated", qPrintable(a.id));
    }

    auto find = [&](const QString &id) -> const Article * {
        for (const Article &a : *r)
            if (a.id == id)
                return &a;
        return nullptr;
    };
    const Article *reset = find(u"kb-reset-password"_s);
    QVERIFY(reset);
    QCOMPARE(reset->title, u"Reset your password"_s);
    QCOMPARE(reset->tags, (QStringList{u"account"_s, u"login"_s, u"password"_s}));
    QCOMPARE(reset->url, u"https://help.tidewater.example/articles/reset-password"_s);
    QCOMPARE(json::formatTime(reset->updatedAt), u"2026-05-12T00:00:00Z"_s);
    QCOMPARE(reset->status, u"active"_s);
    QVERIFY(reset->body.startsWith(u"If you forgot your Tidewater password"_s));
    QVERIFY(reset->body.contains(u"\n## Steps\n1. Go to https://app.tidewater.example/signin"_s));

    const Article *old = find(u"kb-old-invoice-page"_s);
    QVERIFY(old);
    QCOMPARE(old->status, u"deprecated"_s);

    const Article *security = find(u"kb-security-overview"_s);
    QVERIFY(security);
    QCOMPARE(security->title, u"How Tidewater protects your data"_s);
    QCOMPARE(security->tags, (QStringList{u"security"_s, u"privacy"_s}));
    QCOMPARE(json::formatTime(security->updatedAt), u"2026-03-02T00:00:00Z"_s);
    QVERIFY(security->body.contains(u"## Encryption and hosting\n\n- All data is encrypted in transit"_s));
    QVERIFY(security->body.contains(u"## Certifications & testing"_s));
    QVERIFY(security->body.contains(
        u"See [Data requests: access, correction and deletion](https://help.tidewater.example/articles/gdpr-requests)."_s));
}

void TestDemoData::tickets()
{
    const QString path = m_demo + u"/tickets.jsonl"_s;
    QVERIFY2(QFileInfo::exists(path), qPrintable(path + u" is missing"_s)); // committed data
    auto r = readTickets(path, {});
    QVERIFY_OK(r);
    QVERIFY(r->size() >= 10);
    const QSet<QString> intents = knownIntents(m_articles);
    for (const Ticket &t : *r) {
        QVERIFY2(!t.messages.isEmpty(), qPrintable(t.id));
        QCOMPARE(t.messages.first().author, u"customer"_s);
        QVERIFY2(!t.latestCustomerText().isEmpty() || t.isResolved(), qPrintable(t.id));
        if (!t.intent.isEmpty() && !m_articles.isEmpty())
            QVERIFY2(intents.contains(t.intent), qPrintable(u"%1: unknown intent \"%2\""_s.arg(t.id, t.intent)));
    }
}

void TestDemoData::macros()
{
    const QString path = m_demo + u"/macros.json"_s;
    QVERIFY2(QFileInfo::exists(path), qPrintable(path + u" is missing"_s)); // committed data
    auto r = readMacros(path);
    QVERIFY_OK(r);
    QVERIFY(!r->isEmpty());
    for (const Macro &m : *r) {
        QVERIFY2(!m.title.isEmpty(), qPrintable(m.id));
        QVERIFY2(!m.body.isEmpty(), qPrintable(m.id));
        // The file names no languages: each macro's is read from its text ("m-escalated-refund-de" is German).
        const QString suffix = m.id.section(u'-', -1);
        const QString expected = QStringList{u"fr"_s, u"de"_s, u"es"_s}.contains(suffix) ? suffix : u"en"_s;
        QVERIFY2(m.language == expected, qPrintable(m.id + u": "_s + m.language));
    }
}

void TestDemoData::loaderStoresLanguages()
{
    // importDemoData (the loader `understudyctl demo` and `understudy --demo` share) keeps every source's language:
    // the English help centre, the macros in four languages, the tickets' own languages and their answers'.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = store::Store::open(dir.filePath(u"demo.db"_s));
    QVERIFY_OK(store);
    auto report = demo::importDemoData(**store);
    QVERIFY_OK(report);
    QHash<QString, int> chunkLanguages;
    QVERIFY((*store)->forEachChunk([&](const store::ChunkRow &c) { ++chunkLanguages[c.language]; }));
    QCOMPARE(chunkLanguages.keys(), QList<QString>{u"en"_s});
    auto macros = (*store)->macros();
    QVERIFY_OK(macros);
    QSet<QString> macroLanguages;
    for (const Macro &m : *macros)
        macroLanguages.insert(m.language);
    QCOMPARE(macroLanguages, (QSet<QString>{u"en"_s, u"fr"_s, u"de"_s, u"es"_s}));
    auto tickets = (*store)->tickets();
    QVERIFY_OK(tickets);
    QHash<QString, QString> ticketLanguage;
    for (const Ticket &t : *tickets)
        ticketLanguage.insert(t.id, t.language);
    QHash<QString, int> answerLanguages;
    int answers = 0;
    QVERIFY((*store)->forEachAnswer([&](const store::Answer &a) {
        ++answers;
        ++answerLanguages[a.language];
        if (a.language != ticketLanguage.value(a.ticketId))
            QTest::qFail(qPrintable(u"answer %1 is in \"%2\", its ticket in \"%3\""_s.arg(
                             a.key, a.language, ticketLanguage.value(a.ticketId))),
                         __FILE__, __LINE__);
    }));
    QVERIFY(answers > 0);
    for (const QString &language : {u"en"_s, u"fr"_s, u"de"_s, u"es"_s})
        QVERIFY2(answerLanguages.value(language) > 0, qPrintable(language));
}

void TestDemoData::historyJoinsTheLogSyncedAndAddsNoReply()
{
    // The team's history (understudyctl demo, understudy --demo) is in the log as already synced, so a sign-in never
    // pushes it; it adds no answer-bank entry (no draft can quote it), and importing again adds nothing.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto plain = store::Store::open(dir.filePath(u"plain.db"_s));
    QVERIFY_OK(plain);
    QVERIFY_OK(demo::importDemoData(**plain));
    auto store = store::Store::open(dir.filePath(u"history.db"_s));
    QVERIFY_OK(store);
    auto report = demo::importDemoData(**store, {}, demo::History::With);
    QVERIFY_OK(report);
    QVERIFY(report->historyEvents > 500);
    auto without = (*plain)->counts();
    auto with = (*store)->counts();
    QVERIFY_OK(without);
    QVERIFY_OK(with);
    QCOMPARE(with->events, qint64(report->historyEvents));
    QCOMPARE(with->outbox, qint64(0));
    QCOMPARE(with->answers, without->answers);
    QVERIFY((*store)->forEachAnswer([](const store::Answer &a) { QVERIFY(a.origin != u"correction"_s); }));
    auto again = demo::importDemoData(**store, {}, demo::History::With);
    QVERIFY_OK(again);
    QCOMPARE(again->historyEvents, 0);
}

void TestDemoData::detectionAgreesWithStatedLanguages()
{
    // The demo's tickets state their language (258 en, 23 fr, 23 de, 24 es): the detector that labels sources
    // without one must agree with them whenever it names a language, and name one for nearly all.
    auto r = readTickets(m_demo + u"/tickets.jsonl"_s, {});
    QVERIFY_OK(r);
    int named = 0, agreed = 0;
    QStringList wrong;
    for (const Ticket &t : *r) {
        QString text = t.subject;
        for (const Message &m : t.messages)
            if (m.author == u"customer"_s)
                text += u'\n' + m.body;
        const QString detected = detectLanguage(text);
        if (detected.isEmpty())
            continue;
        ++named;
        if (detected == t.language)
            ++agreed;
        else
            wrong << u"%1: %2 for %3"_s.arg(t.id, detected, t.language);
    }
    qInfo("demo tickets: %d of %lld named a language, %d agree with the stated one", named, qlonglong(r->size()),
          agreed);
    QVERIFY2(named >= r->size() * 95 / 100, qPrintable(QString::number(named)));
    QVERIFY2(agreed == named, qPrintable(wrong.join(u"; "_s)));
}

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"
#include "TestSupport.h"

#include <understudy/Json.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
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

private:
    QString m_demo;
    QList<Article> m_articles;
};

void TestDemoData::initTestCase()
{
    m_demo = test::demoDir();
    if (!QFileInfo(m_demo + u"/kb"_s).isDir())
        QSKIP("resources/demo/kb is not there yet");
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
    if (!QFileInfo::exists(path))
        QSKIP("resources/demo/tickets.jsonl is not there yet");
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
    if (!QFileInfo::exists(path))
        QSKIP("resources/demo/macros.json is not there yet");
    auto r = readMacros(path);
    QVERIFY_OK(r);
    QVERIFY(!r->isEmpty());
    for (const Macro &m : *r) {
        QVERIFY2(!m.title.isEmpty(), qPrintable(m.id));
        QVERIFY2(!m.body.isEmpty(), qPrintable(m.id));
    }
}

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"

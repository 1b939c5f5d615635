// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <understudy/Json.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

class TestMarkdownImporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullFrontMatter();
    void tagForms_data();
    void tagForms();
    void idFromFileName();
    void titleFromFirstHeading();
    void headingInCodeFenceIsNotTheTitle();
    void noFrontMatter();
    void crlfAndBom();
    void quotedValuesAndUnknownKeys();
    void errors_data();
    void errors();
};

void TestMarkdownImporter::fullFrontMatter()
{
    const QByteArray md = "---\n"
                          "id: kb-reset-password\n"
                          "title: Reset your password\n"
                          "tags: [account, login, password]\n"
                          "url: https://help.example/articles/reset-password\n"
                          "updated: 2026-05-12\n"
                          "status: Deprecated\n"
                          "---\n"
                          "\n"
                          "If you forgot your password, set a new one.\n"
                          "\n"
                          "## Steps\n"
                          "1. Go to the sign-in page.\n"
                          "\n\n";
    auto a = parseMarkdownArticle(md, u"kb/whatever.md"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->id, u"kb-reset-password"_s);
    QCOMPARE(a->title, u"Reset your password"_s);
    QCOMPARE(a->tags, (QStringList{u"account"_s, u"login"_s, u"password"_s}));
    QCOMPARE(a->url, u"https://help.example/articles/reset-password"_s);
    QCOMPARE(json::formatTime(a->updatedAt), u"2026-05-12T00:00:00Z"_s);
    QCOMPARE(a->status, u"deprecated"_s);
    QCOMPARE(a->body, u"If you forgot your password, set a new one.\n\n## Steps\n1. Go to the sign-in page."_s);
}

void TestMarkdownImporter::tagForms_data()
{
    QTest::addColumn<QByteArray>("tagLines");
    QTest::addColumn<QStringList>("tags");
    const QStringList ab{u"billing"_s, u"invoice pdf"_s};
    QTest::newRow("brackets") << QByteArray("tags: [billing, invoice pdf]\n") << ab;
    QTest::newRow("bare list") << QByteArray("tags: billing, invoice pdf\n") << ab;
    QTest::newRow("quoted items") << QByteArray("tags: [\"billing\", 'invoice pdf']\n") << ab;
    QTest::newRow("yaml block") << QByteArray("tags:\n  - billing\n  - \"invoice pdf\"\n") << ab;
    QTest::newRow("single") << QByteArray("tags: billing\n") << QStringList{u"billing"_s};
    QTest::newRow("empty brackets") << QByteArray("tags: []\n") << QStringList{};
}

void TestMarkdownImporter::tagForms()
{
    QFETCH(QByteArray, tagLines);
    QFETCH(QStringList, tags);
    auto a = parseMarkdownArticle("---\ntitle: T\n" + tagLines + "---\nbody\n", u"t.md"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->tags, tags);
}

void TestMarkdownImporter::idFromFileName()
{
    auto a =
        parseMarkdownArticle("---\ntitle: Refunds\n---\nWe refund within 14 days.\n", u"/tmp/kb/kb-refund-policy.md"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->id, u"kb-refund-policy"_s);
    QCOMPARE(a->status, u"active"_s);
    QVERIFY(!a->updatedAt.isValid());
}

void TestMarkdownImporter::titleFromFirstHeading()
{
    auto a = parseMarkdownArticle("---\nid: kb-1\n---\nIntro line.\n\n# Change your plan #\n\nText.\n", u"x.md"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->title, u"Change your plan"_s);
    QCOMPARE(a->body, u"Intro line.\n\n# Change your plan #\n\nText."_s);
}

void TestMarkdownImporter::headingInCodeFenceIsNotTheTitle()
{
    auto a = parseMarkdownArticle("```\n# not a title\n```\n# Real title\nbody\n", u"fenced.md"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->title, u"Real title"_s);
    QCOMPARE(a->id, u"fenced"_s);
}

void TestMarkdownImporter::noFrontMatter()
{
    auto a = parseMarkdownArticle("# Webhooks\n\nSet them up under Settings.\n---\nA rule, not front matter.\n",
                                  u"kb-webhooks.md"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->id, u"kb-webhooks"_s);
    QCOMPARE(a->title, u"Webhooks"_s);
    QCOMPARE(a->body, u"# Webhooks\n\nSet them up under Settings.\n---\nA rule, not front matter."_s);
}

void TestMarkdownImporter::crlfAndBom()
{
    auto a = parseMarkdownArticle(
        "\xEF\xBB\xBF---\r\nid: kb-crlf\r\ntitle: Caf\xC3\xA9 hours\r\n---\r\nLine one\r\nLine two\r\n", u"crlf.md"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->id, u"kb-crlf"_s);
    QCOMPARE(a->title, u"Café hours"_s);
    QCOMPARE(a->body, u"Line one\nLine two"_s);
}

void TestMarkdownImporter::quotedValuesAndUnknownKeys()
{
    auto a = parseMarkdownArticle(
        "---\n# a comment\nid: \"kb-q\"\ntitle: 'It''s: quoted'\nauthors:\n  - someone\nreviewer:\n  id: 7\n\n"
        "updated: 2026-01-02T03:04:05Z\n...\nBody\n",
        u"q.md"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->id, u"kb-q"_s);
    QCOMPARE(a->title, u"It's: quoted"_s);
    QCOMPARE(json::formatTime(a->updatedAt), u"2026-01-02T03:04:05Z"_s);
    QCOMPARE(a->body, u"Body"_s);
}

void TestMarkdownImporter::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::newRow("unclosed front matter")
        << QByteArray("---\nid: a\ntitle: b\nbody without end\n")
        << u"kb/a.md:4: front matter: expected \"key: value\", got \"body without end\""_s;
    QTest::newRow("never closed") << QByteArray("---\nid: a\ntitle: b\n")
                                  << u"kb/a.md:1: front matter is not closed: no \"---\" line after line 1"_s;
    QTest::newRow("bad date")
        << QByteArray("---\ntitle: T\nupdated: last tuesday\n---\nx\n")
        << u"kb/a.md:3: front matter: \"updated\": \"last tuesday\" is not a date (use YYYY-MM-DD or an ISO-8601 date-time)"_s;
    QTest::newRow("bad status")
        << QByteArray("---\ntitle: T\n\nstatus: gone\n---\nx\n")
        << u"kb/a.md:4: front matter: \"status\": \"gone\" is not one of active, deprecated, removed"_s;
    QTest::newRow("unclosed tag list") << QByteArray("---\ntitle: T\ntags: [a, b\n---\n")
                                       << u"kb/a.md:3: front matter: \"tags\": the list has no closing \"]\""_s;
    QTest::newRow("stray list item") << QByteArray("---\ntitle: T\n- a\n---\n")
                                     << u"kb/a.md:3: a \"- item\" line must follow a \"key:\" line"_s;
    QTest::newRow("no title") << QByteArray("---\nid: x\n---\nJust text.\n")
                              << u"kb/a.md: no title: add \"title:\" to the front matter or a \"# \" heading"_s;
    QTest::newRow("empty file") << QByteArray()
                                << u"kb/a.md: no title: add \"title:\" to the front matter or a \"# \" heading"_s;
    QTest::newRow("invalid utf-8") << QByteArray("---\ntitle: T\n---\nok\nbad \xC3\x28 byte\n")
                                   << u"kb/a.md:5: invalid UTF-8 (byte 0xc3 at column 5); save the file as UTF-8"_s;
    QTest::newRow("truncated utf-8 at end")
        << QByteArray("# T\n\xE2\x82") << u"kb/a.md:2: invalid UTF-8 (byte 0xe2 at column 1); save the file as UTF-8"_s;
    QTest::newRow("overlong utf-8") << QByteArray("# T\n\xC0\xAF")
                                    << u"kb/a.md:2: invalid UTF-8 (byte 0xc0 at column 1); save the file as UTF-8"_s;
    QTest::newRow("surrogate in utf-8")
        << QByteArray("# T\n\xED\xA0\x80")
        << u"kb/a.md:2: invalid UTF-8 (byte 0xed at column 1); save the file as UTF-8"_s;
    QTest::newRow("nul byte") << QByteArray("# T\nab\0c", 8)
                              << u"kb/a.md:2: NUL byte at column 3; this does not look like a text file"_s;
}

void TestMarkdownImporter::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    auto a = parseMarkdownArticle(data, u"kb/a.md"_s);
    QVERIFY(!a.ok());
    QCOMPARE(a.error().toString(), error);
    QCOMPARE(a.error().file, u"kb/a.md"_s);
}

QTEST_GUILESS_MAIN(TestMarkdownImporter)
#include "tst_markdownimporter.moc"

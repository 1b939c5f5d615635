// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <understudy/Json.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

class TestHtmlImporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullPage();
    void titleFallsBackToH1();
    void conversion_data();
    void conversion();
    void malformedMarkupDegrades_data();
    void malformedMarkupDegrades();
    void errors_data();
    void errors();
};

void TestHtmlImporter::fullPage()
{
    const QByteArray html = R"(<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Billing &amp; invoices</title>
<meta name="id" content="kb-billing">
<meta name="tags" content="billing, invoices">
<meta name="url" content="https://help.example/billing">
<meta name="updated" content="2026-03-02">
<meta name="status" content="deprecated">
<style>body { color: red; }</style>
<script>var x = "<p>not text</p>";</script>
</head>
<body>
<h1>Billing &amp; invoices</h1>
<p>Invoices are   sent
on the <b>1st</b> of each month.</p>
<h2>Download</h2>
<ol><li>Open <a href="/billing">Billing</a>.</li><li>Click&nbsp;<em>Download</em>.</li></ol>
<h3>Old invoices</h3>
<ul><li>Kept for 24 months</li><li>Ask support for &lt;older&gt; ones &#8211; we&#39;ll help&#x21;</li></ul>
<!-- a comment <p>hidden</p> -->
<p>Line one<br>Line two</p>
</body></html>
)";
    auto a = parseHtmlArticle(html, u"kb/billing.html"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->id, u"kb-billing"_s);
    QCOMPARE(a->title, u"Billing & invoices"_s);
    QCOMPARE(a->tags, (QStringList{u"billing"_s, u"invoices"_s}));
    QCOMPARE(a->url, u"https://help.example/billing"_s);
    QCOMPARE(json::formatTime(a->updatedAt), u"2026-03-02T00:00:00Z"_s);
    QCOMPARE(a->status, u"deprecated"_s);
    QCOMPARE(a->body, u"# Billing & invoices\n\n"
                      "Invoices are sent on the 1st of each month.\n\n"
                      "## Download\n\n"
                      "1. Open [Billing](/billing).\n"
                      "2. Click Download.\n\n"
                      "### Old invoices\n\n"
                      "- Kept for 24 months\n"
                      "- Ask support for <older> ones \u2013 we'll help!\n\n"
                      "Line one\nLine two"_s);
}

void TestHtmlImporter::titleFallsBackToH1()
{
    auto a =
        parseHtmlArticle("<h1>  Export to <i>CSV</i> </h1><p>Use the export button.</p>", u"/kb/kb-export-csv.htm"_s);
    QVERIFY_OK(a);
    QCOMPARE(a->id, u"kb-export-csv"_s);
    QCOMPARE(a->title, u"Export to CSV"_s);
    QCOMPARE(a->body, u"# Export to CSV\n\nUse the export button."_s);
    QVERIFY(a->tags.isEmpty());
    QCOMPARE(a->status, u"active"_s);
}

void TestHtmlImporter::conversion_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("markdown");
    QTest::newRow("plain text") << u"just text"_s << u"just text"_s;
    QTest::newRow("paragraphs") << u"<p>a</p><p>b</p>"_s << u"a\n\nb"_s;
    QTest::newRow("div and br") << u"<div>a<br/>b<br><br>c</div>"_s << u"a\nb\n\nc"_s;
    QTest::newRow("headings keep their level")
        << u"<h2>Two</h2><h3>Three</h3><h4>Four</h4>x"_s << u"## Two\n\n### Three\n\n#### Four\n\nx"_s;
    QTest::newRow("nested lists") << u"<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"_s << u"- a\n  - b\n- c"_s;
    QTest::newRow("ordered list") << u"<ol><li>one</li><li>two</li></ol>"_s << u"1. one\n2. two"_s;
    QTest::newRow("link with spaces") << u"see <a href=\"https://x.example/a?b=1&amp;c=2\"> the docs </a> now"_s
                                      << u"see [the docs](https://x.example/a?b=1&c=2) now"_s;
    QTest::newRow("anchor without text is dropped") << u"a<a href=\"/x\"></a>b"_s << u"ab"_s;
    QTest::newRow("in-page anchors are plain text") << u"<a href=\"#top\">top</a>"_s << u"top"_s;
    QTest::newRow("entities") << u"&amp;&lt;&gt;&quot;&#39;&apos;&nbsp;&#65;&#x42;&#x1F600;&copy;"_s
                              << u"&<>\"'' AB\U0001F600\u00A9"_s;
    QTest::newRow("unknown or bare ampersand") << u"AT&T &bogus; &#; & done"_s << u"AT&T &bogus; &#; & done"_s;
    QTest::newRow("invalid numeric references")
        << u"&#0;&#xD800;&#99999999999;&#150;"_s << u"\uFFFD\uFFFD\uFFFD\u2013"_s;
    QTest::newRow("scripts and styles") << u"a<script>if (a<b) x();</script>b<STYLE>p{}</STYLE>c"_s << u"abc"_s;
    QTest::newRow("comments") << u"a<!-- <p>x</p> -->b"_s << u"ab"_s;
    QTest::newRow("pre") << u"<p>Run:</p><pre>\nls  -l\n  &lt;dir&gt;</pre><p>done</p>"_s
                         << u"Run:\n\n```\nls  -l\n  <dir>\n```\n\ndone"_s;
    QTest::newRow("table") << u"<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>$12</td></tr></table>"_s
                           << u"Plan Price\nPro $12"_s;
    QTest::newRow("attributes with >") << u"<p title=\"a > b\" data-x='1'>text</p>"_s << u"text"_s;
    QTest::newRow("uppercase tags") << u"<P>A</P><UL><LI>b</LI></UL>"_s << u"A\n\n- b"_s;
    QTest::newRow("nav dropped") << u"<nav><a href=\"/\">Home</a></nav><p>Body</p>"_s << u"Body"_s;
}

void TestHtmlImporter::conversion()
{
    QFETCH(QString, html);
    QFETCH(QString, markdown);
    QCOMPARE(htmlToMarkdown(html), markdown);
}

void TestHtmlImporter::malformedMarkupDegrades_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("markdown");
    QTest::newRow("lone <") << u"1 < 2 and 3<4"_s << u"1 < 2 and 3<4"_s;
    QTest::newRow("tag cut off") << u"text <a href=\"x"_s << u"text"_s;
    QTest::newRow("unclosed comment") << u"a<!-- b"_s << u"a"_s;
    QTest::newRow("unclosed script") << u"a<script>b"_s << u"a"_s;
    QTest::newRow("unclosed pre") << u"<pre>code"_s << u"```\ncode\n```"_s;
    QTest::newRow("stray closers") << u"</li></ul></ol></a></pre></h2>a"_s << u"a"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("only <") << u"<"_s << u"<"_s;
    QTest::newRow("bogus closing tag") << u"a</3>b"_s << u"ab"_s;
    QTest::newRow("stray equals") << u"<p =x>y</p>"_s << u"y"_s;
}

void TestHtmlImporter::malformedMarkupDegrades()
{
    QFETCH(QString, html);
    QFETCH(QString, markdown);
    QCOMPARE(htmlToMarkdown(html), markdown);
}

void TestHtmlImporter::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::newRow("bad date")
        << QByteArray("<title>T</title>\n\n<meta name=\"updated\" content=\"soon\">")
        << u"kb/p.html:3: <meta name=\"updated\">: \"soon\" is not a date (use YYYY-MM-DD or an ISO-8601 date-time)"_s;
    QTest::newRow("bad status")
        << QByteArray("<title>T</title><meta name=status content=archived>")
        << u"kb/p.html:1: <meta name=\"status\">: \"archived\" is not one of active, deprecated, removed"_s;
    QTest::newRow("no title") << QByteArray("<p>Body only</p>") << u"kb/p.html: no title: add a <title> or an <h1>"_s;
    QTest::newRow("latin-1 bytes") << QByteArray("<title>Caf\xE9</title>")
                                   << u"kb/p.html:1: invalid UTF-8 (byte 0xe9 at column 11); save the file as UTF-8"_s;
}

void TestHtmlImporter::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    auto a = parseHtmlArticle(data, u"kb/p.html"_s);
    QVERIFY(!a.ok());
    QCOMPARE(a.error().toString(), error);
}

QTEST_GUILESS_MAIN(TestHtmlImporter)
#include "tst_htmlimporter.moc"

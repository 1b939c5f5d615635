// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Chunker.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;

class TestChunker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splitsAtHeadings()
    {
        Article a;
        a.id = u"kb-1"_s;
        a.title = u"Reset your password"_s;
        a.body = u"# Reset your password\n\nIntro text.\n\n## Steps\n1. Go to sign in\n2. Click Forgot\n\n"
                 "## If the email doesn't arrive\nCheck spam.\n\n```\n## not a heading\n```\n"_s;
        const QList<Chunk> chunks = splitIntoChunks(a);
        QCOMPARE(chunks.size(), 3);
        QCOMPARE(chunks[0].heading, u"Reset your password"_s);
        QCOMPARE(chunks[0].body, u"Intro text."_s);
        QCOMPARE(chunks[1].heading, u"Steps"_s);
        QCOMPARE(chunks[1].body, u"1. Go to sign in\n2. Click Forgot"_s);
        QCOMPARE(chunks[2].heading, u"If the email doesn't arrive"_s);
        QVERIFY(chunks[2].body.contains(u"## not a heading"_s));
        for (int i = 0; i < chunks.size(); ++i) {
            QCOMPARE(chunks[i].seq, i);
            QCOMPARE(chunks[i].articleId, u"kb-1"_s);
        }
    }

    void skipsEmptySectionsAndCutsLongOnes()
    {
        Article a;
        a.id = u"kb-2"_s;
        a.title = u"T"_s;
        QString longSection;
        for (int i = 0; i < 40; ++i)
            longSection += u"Paragraph %1 with some words in it to make it longer than usual.\n\n"_s.arg(i);
        a.body = u"## Empty\n\n## Long\n"_s + longSection;
        const QList<Chunk> chunks = splitIntoChunks(a, 500);
        QVERIFY(chunks.size() > 3);
        for (const Chunk &c : chunks) {
            QCOMPARE(c.heading, u"Long"_s);
            QVERIFY(c.body.size() <= 500);
        }
    }

    void noBodyNoChunks()
    {
        Article a;
        a.id = u"x"_s;
        a.title = u"Nothing"_s;
        QVERIFY(splitIntoChunks(a).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChunker)
#include "tst_chunker.moc"

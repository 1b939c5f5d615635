// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/EditDistance.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;

class TestEditDistance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void characters_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("distance");
        QTest::newRow("equal") << u"hello"_s << u"hello"_s << 0;
        QTest::newRow("empty-left") << QString() << u"abc"_s << 3;
        QTest::newRow("empty-right") << u"abc"_s << QString() << 3;
        QTest::newRow("kitten") << u"kitten"_s << u"sitting"_s << 3;
        QTest::newRow("insert") << u"Thanks"_s << u"Thanks!"_s << 1;
        // A character outside the BMP is one edit, not two UTF-16 units.
        QTest::newRow("emoji") << u"ok"_s << u"ok 😀"_s << 2;
        QTest::newRow("umlaut") << u"Grüße"_s << u"Grusse"_s << 3;
    }
    void characters()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, distance);
        QCOMPARE(characterDistance(a, b), distance);
        QCOMPARE(characterDistance(b, a), distance);
    }

    void words_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("distance");
        QTest::newRow("equal") << u"reset your password"_s << u"reset your password"_s << 0;
        QTest::newRow("whitespace only") << u"reset  your\npassword"_s << u"reset your password"_s << 0;
        QTest::newRow("one replaced") << u"reset your password"_s << u"reset my password"_s << 1;
        QTest::newRow("appended") << u"Hi Ana"_s << u"Hi Ana, thanks a lot"_s << 4; // "Ana" → "Ana," and three more
        QTest::newRow("empty") << QString() << u"two words"_s << 2;
    }
    void words()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, distance);
        QCOMPARE(wordDistance(a, b), distance);
    }

    void kept()
    {
        QCOMPARE(keptShare(u"a b c d", u"a b c d"), 1.0);
        QCOMPARE(keptShare(u"a b c d", u"a x c d"), 0.75);
        QCOMPARE(keptShare(u"a b c d", u"totally different"), 0.0);
        QCOMPARE(keptShare(u"", u"anything"), 1.0);
        // Added words don't lower the share of the draft that was kept.
        QCOMPARE(keptShare(u"a b", u"x a y b z"), 1.0);
        // Order matters: a subsequence, not a bag of words.
        QCOMPARE(keptShare(u"a b", u"b a"), 0.5);
    }

    void stats()
    {
        const EditStats s = editStats(u"Hi Ana, reset your password.", u"Hi Ana, please reset your password.");
        QCOMPARE(s.chars, 7);
        QCOMPARE(s.words, 1);
        QCOMPARE(s.kept, 1.0);
        const EditStats same = editStats(u"x", u"x");
        QCOMPARE(same.chars, 0);
        QCOMPARE(same.words, 0);
        QCOMPARE(same.kept, 1.0);
    }

    void longTexts()
    {
        // Drafts are a few hundred words; the quadratic table must stay cheap.
        QString a, b;
        for (int i = 0; i < 400; ++i) {
            a += u"word%1 "_s.arg(i);
            b += u"word%1 "_s.arg(i % 7 == 0 ? i + 1000 : i);
        }
        QCOMPARE(wordDistance(a, b), 58);
        QVERIFY(characterDistance(a, b) > 0);
    }
};

QTEST_GUILESS_MAIN(TestEditDistance)
#include "tst_editdistance.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "EscalationRules.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::engine;

class TestEscalation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bundledRulesParse()
    {
        const EscalationRules rules = EscalationRules::defaults();
        QStringList ids;
        for (const EscalationRule &r : rules.rules())
            ids << r.id;
        QCOMPARE(ids, (QStringList{u"security"_s, u"legal-privacy"_s, u"billing-dispute"_s, u"refund"_s,
                                   u"high-frustration"_s, u"enterprise"_s}));
    }

    void matches_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<double>("frustration");
        QTest::addColumn<QString>("rule");
        QTest::newRow("chargeback en") << u"If this isn't fixed I'll file a chargeback with my bank"_s << u"pro"_s << 0.2 << u"billing-dispute"_s;
        QTest::newRow("charged twice") << u"You charged me twice this month"_s << u"free"_s << 0.0 << u"billing-dispute"_s;
        QTest::newRow("contracargo es") << u"Voy a pedir un contracargo a mi banco"_s << u"free"_s << 0.0 << u"billing-dispute"_s;
        QTest::newRow("refund en") << u"I want my money back for the annual plan"_s << u"pro"_s << 0.0 << u"refund"_s;
        QTest::newRow("refunded") << u"Can I get refunded?"_s << u"free"_s << 0.0 << u"refund"_s;
        QTest::newRow("remboursement fr") << u"Je demande le remboursement de mon abonnement"_s << u"free"_s << 0.0 << u"refund"_s;
        QTest::newRow("rückerstattung de") << u"Ich möchte eine Rückerstattung"_s << u"free"_s << 0.0 << u"refund"_s;
        QTest::newRow("reembolso es") << u"Quiero un reembolso"_s << u"free"_s << 0.0 << u"refund"_s;
        QTest::newRow("hacked") << u"I think my account was hacked, unknown login from Russia"_s << u"free"_s << 0.0 << u"security"_s;
        QTest::newRow("piraté fr") << u"Mon compte a été piraté"_s << u"free"_s << 0.0 << u"security"_s;
        QTest::newRow("gehackt de") << u"Mein Konto wurde gehackt"_s << u"free"_s << 0.0 << u"security"_s;
        QTest::newRow("gdpr") << u"Under GDPR please delete all my data"_s << u"free"_s << 0.0 << u"legal-privacy"_s;
        QTest::newRow("datenschutz de") << u"Gemäß Datenschutz bitte meine Daten löschen"_s << u"free"_s << 0.0 << u"legal-privacy"_s;
        QTest::newRow("abogado es") << u"Mi abogado se pondrá en contacto"_s << u"free"_s << 0.0 << u"legal-privacy"_s;
        QTest::newRow("avocat fr") << u"Mon avocat va vous contacter"_s << u"free"_s << 0.0 << u"legal-privacy"_s;
        QTest::newRow("angry") << u"whatever"_s << u"free"_s << 0.9 << u"high-frustration"_s;
        QTest::newRow("enterprise") << u"How do I add a user?"_s << u"enterprise"_s << 0.0 << u"enterprise"_s;
    }

    void matches()
    {
        QFETCH(QString, text);
        QFETCH(QString, tier);
        QFETCH(double, frustration);
        QFETCH(QString, rule);
        QString handoff;
        const Escalation e = EscalationRules::defaults().evaluate(text, tier, frustration, &handoff);
        QVERIFY(e.escalate);
        QVERIFY2(e.rules.contains(rule), qPrintable(e.rules.join(u',')));
        QCOMPARE(e.reasons.size(), e.rules.size());
        // Angry and enterprise customers still get a normal draft for the human to review.
        const bool answerMode = rule == u"high-frustration"_s || rule == u"enterprise"_s;
        QCOMPARE(handoff.isEmpty(), answerMode);
    }

    void doesNotMatch_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("how-to") << u"How do I download my invoice?"_s;
        QTest::newRow("refund policy question") << u"Where can I read your refund policy?"_s;
        QTest::newRow("report phishing") << u"How do I report phishing emails pretending to be you?"_s;
        QTest::newRow("issue is not sue") << u"There is an issue with my export"_s;
    }

    void doesNotMatch()
    {
        QFETCH(QString, text);
        const Escalation e = EscalationRules::defaults().evaluate(text, u"pro"_s, 0.1);
        QVERIFY2(!e.escalate, qPrintable(e.rules.join(u',')));
    }

    void badFilesGiveClearErrors()
    {
        auto r = EscalationRules::fromJson("{\"rules\":[{\"id\":\"x\"}]}", u"rules.json"_s);
        QVERIFY(!r.ok());
        QVERIFY(r.error().toString().contains(u"rules.json"_s));
        QVERIFY(r.error().message.contains(u"reason"_s));
        r = EscalationRules::fromJson("{\"rules\":[{\"id\":\"x\",\"reason\":\"r\"}]}", u"rules.json"_s);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(u"phrases"_s));
        r = EscalationRules::fromJson("{\"rules\":[{\"id\":\"x\",\"reason\":\"r\",\"min_frustration\":3}]}", u"f"_s);
        QVERIFY(!r.ok());
        QVERIFY(!EscalationRules::fromJson("not json", u"f"_s).ok());
        QVERIFY(!EscalationRules::fromFile(u"/nonexistent/rules.json"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestEscalation)
#include "tst_escalation.moc"

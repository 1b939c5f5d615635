// SPDX-License-Identifier: GPL-3.0-or-later
#include "Composer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::engine;

class TestComposer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reusesReplyInOurVoice()
    {
        VoiceProfile v = VoiceProfile::defaults();
        v.agent = u"Sam"_s;
        const Composer c(v);
        CompositionInput in;
        in.language = u"en"_s;
        in.firstName = u"Priya"_s;
        in.reusedReply = u"Hi Marco,\n\nYou can download invoices under Settings → Billing → Invoices.\n\nBest,\nAlex from Tidewater Support"_s;
        QCOMPARE(c.compose(in), u"Hi Priya,\n\nYou can download invoices under Settings → Billing → Invoices.\n\nBest,\nSam"_s);
    }

    void skipsStepsAlreadyTriedAndRenumbers()
    {
        const QString body = u"Try these steps:\n1. Restart the desktop app.\n2. Clear the cache under Help → Reset local data.\n"
                             "3. Sign out and back in.\n4. Contact us with the log file."_s;
        QStringList dropped;
        const QString out = Composer::dropTriedSteps(body, {u"restart"_s, u"sign-out"_s}, &dropped);
        QCOMPARE(out, u"Try these steps:\n1. Clear the cache under Help → Reset local data.\n2. Contact us with the log file."_s);
        QCOMPARE(dropped, (QStringList{u"Restart the desktop app."_s, u"Sign out and back in."_s}));
    }

    void articleBasedWithLinkAndLanguage()
    {
        const Composer c(VoiceProfile::defaults());
        CompositionInput in;
        in.language = u"fr"_s;
        in.firstName = u"Élodie"_s;
        in.articleTitle = u"Reset your password"_s;
        in.articleBody = u"1. Open the sign-in page.\n2. Click Forgot password."_s;
        in.articleUrl = u"https://help.example/reset"_s;
        const QString text = c.compose(in);
        QVERIFY(text.startsWith(u"Bonjour Élodie,"_s));
        QVERIFY(text.contains(u"1. Open the sign-in page."_s));
        QVERIFY(text.contains(u"https://help.example/reset"_s));
        QVERIFY(text.endsWith(u"Cordialement,\nThe Support team"_s));
    }

    void escalationUsesHandoff()
    {
        const Composer c(VoiceProfile::defaults());
        CompositionInput in;
        in.firstName = u"Jo"_s;
        in.escalate = true;
        in.reusedReply = u"Hi,\nsomething unrelated"_s;
        in.handoffText = u"Hi {first_name},\n\nI've asked our billing specialists to look at this today.\n\nBest,\nSupport"_s;
        const QString text = c.compose(in);
        QVERIFY(text.contains(u"billing specialists"_s));
        QVERIFY(!text.contains(u"unrelated"_s));
        QVERIFY(text.startsWith(u"Hi Jo,"_s));
    }

    void noNameNoSource()
    {
        const Composer c(VoiceProfile::defaults());
        const QString text = c.compose(CompositionInput{});
        QVERIFY(text.startsWith(u"Hi there,"_s));
        QVERIFY(text.contains(u"get back to you"_s));
    }

    void voiceProfileFromJson()
    {
        auto v = VoiceProfile::fromJson(R"({"greeting":{"en":"Hello {first_name}!"},"sign_off":"Cheers,\n{agent}","agent":"Kim"})", u"v.json"_s);
        QVERIFY(v.ok());
        QCOMPARE(v->pick(v->greeting, u"en"_s), u"Hello {first_name}!"_s);
        QCOMPARE(v->pick(v->greeting, u"de"_s), u"Hallo {first_name},"_s); // default kept
        QCOMPARE(v->agent, u"Kim"_s);
        QVERIFY(!VoiceProfile::fromJson(R"({"greeting":3})", u"v.json"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestComposer)
#include "tst_composer.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "Composer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::engine;

namespace {
BodyUnit unit(const QString &text, int block, bool line = false)
{
    return BodyUnit{
        DraftSentence{text, u"answer:ticket:T-1"_s, DraftSentence::Support::Kb, DraftSentence::Claim::None, {}}, block,
        line};
}
} // namespace

class TestComposer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void composesBodyUnitsInOurVoice()
    {
        VoiceProfile v = VoiceProfile::defaults();
        v.agent = u"Sam"_s;
        const Composer c(v);
        CompositionInput in;
        in.language = u"en"_s;
        in.firstName = u"Priya"_s;
        in.body = {unit(u"You can download invoices under Settings → Billing → Invoices."_s, 0),
                   unit(u"Each one is a PDF."_s, 0), unit(u"1. Open Billing.\n2. Click Invoices."_s, 1, true)};
        const Composition out = c.compose(in);
        QCOMPARE(out.text,
                 u"Hi Priya,\n\nYou can download invoices under Settings → Billing → Invoices. Each one is a PDF."
                 "\n\n1. Open Billing.\n2. Click Invoices.\n\nBest,\nSam"_s);
        QCOMPARE(out.mode, Draft::Mode::Answer);
        // Every unit is in the text verbatim, with its provenance; greeting and sign-off are the voice's.
        QCOMPARE(out.sentences.size(), 5);
        QCOMPARE(out.sentences.first().support, DraftSentence::Support::Voice);
        QCOMPARE(out.sentences[1].source, u"answer:ticket:T-1"_s);
        QCOMPARE(out.sentences.last().support, DraftSentence::Support::Voice);
        for (const DraftSentence &s : out.sentences)
            QVERIFY2(out.text.contains(s.text), qPrintable(s.text));
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
        in.articleUrl = u"https://help.example/reset"_s;
        in.articleSource = u"article:kb-reset"_s;
        in.body = {unit(u"1. Open the sign-in page.\n2. Click Forgot password."_s, 0, true)};
        const Composition out = c.compose(in);
        QVERIFY(out.text.startsWith(u"Bonjour Élodie,"_s));
        QVERIFY(out.text.contains(u"1. Open the sign-in page."_s));
        QVERIFY(out.text.contains(u"https://help.example/reset"_s));
        QVERIFY(out.text.endsWith(u"Cordialement,\nThe Support team"_s));
        // The link line is the voice's stock sentence, pointing at the article.
        QCOMPARE(out.sentences[out.sentences.size() - 2].source, u"article:kb-reset"_s);
        QCOMPARE(out.sentences[out.sentences.size() - 2].support, DraftSentence::Support::Voice);
    }

    void escalationUsesHandoff()
    {
        const Composer c(VoiceProfile::defaults());
        CompositionInput in;
        in.firstName = u"Jo"_s;
        in.escalate = true;
        in.body = {unit(u"something unrelated"_s, 0)};
        in.handoffText = u"Hi {first_name},\n\nI've asked our billing specialists to look at this today.\n\nBest,\nSupport"_s;
        in.handoffSource = u"macro:m-billing"_s;
        const Composition out = c.compose(in);
        QVERIFY(out.text.contains(u"billing specialists"_s));
        QVERIFY(!out.text.contains(u"unrelated"_s));
        QVERIFY(out.text.startsWith(u"Hi Jo,"_s));
        QCOMPARE(out.mode, Draft::Mode::Handoff);
        // The hand-off states the escalation this ticket gets: backed by the ticket, not unsupported.
        QCOMPARE(out.sentences[1].claim, DraftSentence::Claim::Action);
        QCOMPARE(out.sentences[1].support, DraftSentence::Support::Ticket);
        QCOMPARE(out.sentences[1].source, u"macro:m-billing"_s);
    }

    void noNameNoSource()
    {
        const Composer c(VoiceProfile::defaults());
        const Composition out = c.compose(CompositionInput{});
        QVERIFY(out.text.startsWith(u"Hi there,"_s));
        QVERIFY(out.text.contains(u"get back to you"_s));
        QCOMPARE(out.mode, Draft::Mode::Holding);
    }

    void replyBodyDropsGreetingAndSignOff()
    {
        QCOMPARE(Composer::replyBody(u"Hi Marco,\n\nYou can download invoices.\n\nBest,\nAlex from Support"_s),
                 u"You can download invoices."_s);
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

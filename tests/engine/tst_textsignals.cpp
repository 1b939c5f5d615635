// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a ticket: quotes and signatures, already-tried steps, frustration, language.
#include "Analyzer.h"
#include "Sentiment.h"
#include "TextUtil.h"
#include "TicketReader.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::engine;

class TestTextSignals : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stripsQuotedHistoryAndSignature()
    {
        const QString body = u"My export keeps failing.\nIt stops at 50%.\n\nThanks,\nPriya Raman\nHead of Ops\n\n"
                             "On Mon, 3 Nov 2026 Sam wrote:\n> Could you try again?\n> Best, Sam"_s;
        QCOMPARE(TicketReader::stripQuotesAndSignature(body), u"My export keeps failing.\nIt stops at 50%."_s);
        QCOMPARE(TicketReader::stripQuotesAndSignature(u"Help please\n-- \nJo\n+1 555 0100"_s), u"Help please"_s);
        QCOMPARE(TicketReader::stripQuotesAndSignature(u"Ça ne marche pas\n\nEnvoyé de mon iPhone"_s),
                 u"Ça ne marche pas"_s);
        QCOMPARE(TicketReader::stripQuotesAndSignature(u"Geht nicht.\nAm 3. Nov. 2026 schrieb Sam:\n> alt"_s),
                 u"Geht nicht."_s);
        // "Thanks" in the middle of a long message is not a sign-off.
        const QString keep = u"Thanks for the quick reply.\nThe app still crashes on start."_s;
        QCOMPARE(TicketReader::stripQuotesAndSignature(keep), keep);
    }

    void findsWhatWasAlreadyTried()
    {
        const QStringList tried = TicketReader::alreadyTried(
            u"The desktop app won't sync. I already restarted the app and cleared the cache. Any ideas?"_s);
        QCOMPARE(tried.size(), 1);
        QVERIFY(tried.first().contains(u"restarted"_s));
        const QSet<QString> actions = TicketReader::actionsIn(tried.first());
        QVERIFY(actions.contains(u"restart"_s));
        QVERIFY(actions.contains(u"clear-cache"_s));

        QVERIFY(TicketReader::actionsIn(TicketReader::alreadyTried(u"I've checked my spam folder twice."_s).join(u' '))
                    .contains(u"check-spam"_s));
        QVERIFY(TicketReader::actionsIn(TicketReader::alreadyTried(u"J'ai déjà réinstallé l'application."_s).join(u' '))
                    .contains(u"reinstall"_s));
        QVERIFY(TicketReader::actionsIn(
                    TicketReader::alreadyTried(u"Ich habe die App bereits neu installiert."_s).join(u' '))
                    .contains(u"reinstall"_s));
        QVERIFY(TicketReader::actionsIn(TicketReader::alreadyTried(u"Ya he reiniciado el ordenador."_s).join(u' '))
                    .contains(u"restart"_s));
        // Statements that name no step, and steps not claimed as tried, are not "already tried".
        QVERIFY(TicketReader::alreadyTried(u"I already wrote to you last week."_s).isEmpty());
        QVERIFY(TicketReader::alreadyTried(u"Should I restart the app?"_s).isEmpty());
    }

    void readUsesLatestCustomerMessages()
    {
        Ticket t;
        t.subject = u"Sync"_s;
        t.messages = {Message{u"customer"_s, u"It won't sync. I tried reinstalling."_s, {}},
                      Message{u"agent"_s, u"Did you restart?"_s, {}},
                      Message{u"customer"_s, u"Yes, I restarted too.\n\nSent from my iPhone"_s, {}}};
        const ReadTicket r = TicketReader::read(t);
        QCOMPARE(r.text, u"Yes, I restarted too."_s);
        QCOMPARE(r.language, u"en"_s);
        QVERIFY(r.triedActions.contains(u"reinstall"_s)); // from the earlier message
    }

    void frustration()
    {
        const double calm = Sentiment::score(u"Hi, how do I download my invoice for October?"_s).score;
        const double angry =
            Sentiment::score(
                u"This is the THIRD TIME I'm writing!!! Completely UNACCEPTABLE. Fix it or I cancel my subscription."_s)
                .score;
        QVERIFY2(calm < 0.1, qPrintable(QString::number(calm)));
        QVERIFY2(angry > 0.85, qPrintable(QString::number(angry)));
        const Frustration f = Sentiment::score(u"C'est inacceptable, je vais résilier !!!"_s);
        QVERIFY(f.score > 0.6);
        QVERIFY(f.signals.contains(u"threatens to cancel or go public"_s));
        QVERIFY(Sentiment::score(u"ok"_s, 3).score > Sentiment::score(u"ok"_s, 0).score);
    }

    void languageGuess()
    {
        QCOMPARE(guessLanguage(u"Bonjour, je ne peux pas me connecter à mon compte"_s), u"fr"_s);
        QCOMPARE(guessLanguage(u"Hallo, ich kann mich nicht anmelden, bitte helfen Sie mir"_s), u"de"_s);
        QCOMPARE(guessLanguage(u"Hola, no puedo entrar en mi cuenta, por favor"_s), u"es"_s);
        QCOMPARE(guessLanguage(u"I can't sign in to my account"_s), u"en"_s);
    }

    void folding()
    {
        QCOMPARE(foldForMatching(u"Rückerstattung, BITTE!"_s), u" ruckerstattung bitte "_s);
        QVERIFY(containsPhrase(foldForMatching(u"I was refunded twice"_s), u"refund*"_s));
        QVERIFY(!containsPhrase(foldForMatching(u"an issue"_s), u"sue"_s));
    }

    void analyzer()
    {
        QCOMPARE(Analyzer::terms(u"Invoices invoiced INVOICE"_s),
                 (std::vector<std::string>{"invoic", "invoic", "invoic"}));
        QCOMPARE(Analyzer::terms(u"the café's résumé"_s), (std::vector<std::string>{"cafe", "resum"}));
        QCOMPARE(Analyzer::terms(u"don't charge me twice"_s), (std::vector<std::string>{"charg", "twice"}));
    }
};

QTEST_GUILESS_MAIN(TestTextSignals)
#include "tst_textsignals.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The check stage of drafting: actions taken for another customer are dropped, their facts become placeholders.
#include "ClaimCheck.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::engine;

using Claim = DraftSentence::Claim;
Q_DECLARE_METATYPE(understudy::DraftSentence::Claim)

namespace {

/// The ticket being answered in these tests: Dana Fox, who wrote about her account.
TicketFacts danasTicket(const QString &text = u"I need help with my account."_s)
{
    return TicketFacts{text, Customer{u"C-100"_s, u"Dana Fox"_s, u"dana@fox.example"_s, u"pro"_s}};
}

const Customer kAnna{u"C-901"_s, u"Anna Berg"_s, u"anna.berg@berg-studio.example"_s, u"pro"_s};

} // namespace

class TestClaimCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void claims_data()
    {
        QTest::addColumn<QString>("unit");
        QTest::addColumn<Claim>("claim");
        const Claim A = Claim::Action, N = Claim::None, F = Claim::Fact;
        const QList<std::pair<const char *, Claim>> rows{
            // English actions: perfect, past, future, progressive, passive, hidden mid-sentence.
            {"I've cancelled it for you now, effective immediately.", A},
            {"I have refunded the last charge.", A},
            {"I re-sent the e-mail this morning.", A},
            {"I've re-sent the e-mail and checked it was delivered.", A},
            {"I checked and it was delivered.", A},
            {"I've also asked our billing team to look at the charge.", A},
            {"We've credited your account.", A},
            {"I'll refund the difference.", A},
            {"I'm going to reset your password.", A},
            {"I went ahead and upgraded the workspace.", A},
            {"Your subscription has been cancelled.", A},
            {"The refund has been issued.", A},
            {"I've escalated this.", A},
            {"Just so you know, our billing team has already processed the refund.", A},
            {"I've added the credit to your account.", A},
            {"I'll email you the invoice.", A},
            {"Good news: I've gone ahead and removed the block.", A},
            {"That's a lockout, so I've treated it as urgent and brought in a specialist.", A},
            {"I'm treating this as urgent and have paged our on-call engineer.", A},
            {"I've attached the PDF here.", A},
            {"We're investigating the outage right now.", A},
            {"Let me check with the billing team.", A},
            {"Your subscription was cancelled yesterday.", A},
            {"The status page has been updated.", A},
            // French.
            {"J'ai annulé votre abonnement.", A},
            {"Nous avons remboursé la facture.", A},
            {"J'ai transmis le dossier en priorité à notre équipe facturation.", A},
            {"Je vous ai envoyé un nouveau lien.", A},
            {"Votre abonnement a été annulé.", A},
            {"Je vais réinitialiser votre mot de passe.", A},
            {"Je vous enverrai la facture demain.", A},
            // German.
            {"Ich habe Ihr Abonnement storniert.", A},
            {"Wir haben Ihnen den Betrag erstattet.", A},
            {"Ich habe Ihre Anfrage an unser Billing-Team weitergeleitet: Erstattung und Umstellung.", A},
            {"Außerdem habe ich unser Engineering-Team gebeten, das zu beheben.", A},
            {"Ich habe den Fall an unser Engineering und an Ihren Manager, Herrn Vogel, eskaliert.", A},
            {"Ihr Abonnement wurde storniert.", A},
            {"Ich werde Ihnen die Rechnung zusenden.", A},
            {"Ich melde mich spätestens in 30 Minuten wieder.", A},
            // Spanish.
            {"He cancelado tu suscripción.", A},
            {"Hemos reembolsado el importe.", A},
            {"He revisado tu cuenta y veo la cancelación.", A},
            {"Tu suscripción ha sido cancelada.", A},
            {"Voy a restablecer tu contraseña.", A},
            {"Te enviaré la factura hoy mismo.", A},
            {"Estamos revisando el problema.", A},
            // Not actions: instructions, policy, product behaviour, apologies, thanks, questions, offers.
            {"Go to Settings → Billing and click Cancel.", N},
            {"Refunds are processed within 5 days.", N},
            {"We'll email you a download link when it's ready.", N},
            {"We'll email you a link when the export is ready.", N},
            {"I'm sorry for the trouble.", N},
            {"Thanks for your patience.", N},
            {"Would you like me to cancel it?", N},
            {"Shall I refund the charge?", N},
            {"I understand how frustrating this is.", N},
            {"I'd suggest turning on two-factor authentication.", N},
            {"We retry the payment automatically on days 3, 5 and 7.", N},
            {"We never remove 2FA based on an email alone.", N},
            {"Once your workspace has been deleted, it cannot be restored.", N},
            {"Data that has been deleted is kept for 30 days.", N},
            {"If you need anything else, let me know.", N},
            {"I hope this helps!", N},
            {"Your card was declined by your bank.", N},
            {"Your account is now unlocked.", A},
            {"You should have a confirmation email.", A},
            {"It should reach your bank within 5 business days.", A},
            {"You'll receive a refund confirmation by email.", A},
            {"You'll get a confirmation email once it's done.", N},
            {"You should see the new plan after a refresh.", N},
            {"A refund of $12 was issued yesterday.", A},
            {"The credit, which was applied to your invoice, covers the seats.", N},
            {"I can see two charges for the same invoice.", A},
            {"I had a look and two of them have it switched on.", A},
            {"Je vois deux paiements pour la même facture.", A},
            {"Si quoi que ce soit ne fonctionne pas, répondez ici : je suivrai personnellement.", A},
            {"Te confirmarán por escrito cuando esté hecha.", N},
            {"I see what you mean.", N},
            {"If you'd like your success manager to join, just say so.", N},
            {"We need proof that the request comes from the company.", N},
            {"Once you've cancelled, you keep access until the end of the period.", N},
            {"1. Go to **Settings → Workspace → Data export** and click **Start export**.", N},
            {"2. We'll send a confirmation link to the **new** address.", N},
            {"Je suis désolé pour ce désagrément.", N},
            {"Allez dans Paramètres → Facturation et cliquez sur Annuler.", N},
            {"Nous vous enverrons un lien dès que l'export est prêt.", N},
            {"Les remboursements sont traités sous 5 jours.", N},
            {"Gehen Sie zu Einstellungen → Abrechnung und klicken Sie auf Kündigen.", N},
            {"Erstattungen werden innerhalb von 5 Tagen bearbeitet.", N},
            {"Wir prüfen die Nummer über VIES.", N},
            {"Ich habe eine Frage zu Ihrer Rechnung.", N},
            {"Ve a Configuración → Facturación y haz clic en Cancelar.", N},
            {"Los reembolsos se procesan en 5 días.", N},
            {"Te enviaremos un enlace cuando la exportación esté lista.", N},
            {"Lo siento mucho por las molestias.", N},
            // Facts without an action.
            {"Your bank's decline code was 'do not honor'.", F},
            {"The charge on invoice INV-2041 is the annual renewal.", F},
            {"Your plan renewed on March 3.", F},
        };
        for (const auto &[text, claim] : rows)
            QTest::newRow(text) << QString::fromUtf8(text) << claim;
    }

    void claims()
    {
        QFETCH(QString, unit);
        QFETCH(Claim, claim);
        QCOMPARE(DraftSentence::claimName(ClaimCheck::claimOf(unit)), DraftSentence::claimName(claim));
    }

    void pastReplyActionsAreDroppedArticleActionsKept()
    {
        const QString unit = u"I've cancelled your subscription."_s;
        QVERIFY(ClaimCheck::check(unit, danasTicket(), true).drop);
        const CheckedUnit article = ClaimCheck::check(unit, danasTicket(), false);
        QVERIFY(!article.drop);
        QCOMPARE(article.claim, Claim::Action); // still reported
        QCOMPARE(article.text, unit);
    }

    /// In an article or a macro, "we" is the organisation describing how it works for everyone; from a past reply,
    /// the same words promised something to one customer.
    void articleWeIsHowTheOrganisationWorks_data()
    {
        QTest::addColumn<QString>("unit");
        QTest::addColumn<Claim>("asArticle");
        QTest::addColumn<bool>("droppedFromPastReply");
        const QList<std::tuple<const char *, Claim, bool>> rows{
            {"We will mail you your new card.", Claim::None, true},
            {"We are expanding our services to more regions.", Claim::None, true},
            {"Nous vous enverrons votre nouvelle carte.", Claim::None, true},
            {"Wir haben das Verfahren vereinfacht.", Claim::None, true},
            {"Hemos simplificado el proceso.", Claim::None, true},
            {"Short sale has been approved.", Claim::None, true},
            {"I've cancelled your subscription.", Claim::Action, true},
            {"Your subscription has been cancelled.", Claim::Action, true},
            {"I submitted my application form.", Claim::None, false},
        };
        for (const auto &[text, claim, dropped] : rows)
            QTest::newRow(text) << QString::fromUtf8(text) << claim << dropped;
    }

    void articleWeIsHowTheOrganisationWorks()
    {
        QFETCH(QString, unit);
        QFETCH(Claim, asArticle);
        QFETCH(bool, droppedFromPastReply);
        QCOMPARE(DraftSentence::claimName(ClaimCheck::check(unit, danasTicket(), false).claim),
                 DraftSentence::claimName(asArticle));
        QCOMPARE(ClaimCheck::check(unit, danasTicket(), true).drop, droppedFromPastReply);
    }

    void factsReplacedOrKept_data()
    {
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("ticket");   // this ticket's text (what supports a fact)
        QTest::addColumn<QString>("expected"); // the unit after the check
        const QList<std::array<const char *, 4>> rows{
            // name, unit, ticket text, expected
            {"email", "Exports go to anna.berg@berg-studio.example.", "", "Exports go to [email]."},
            {"email kept", "Exports go to sam@studio.example.", "Please send it to sam@studio.example", nullptr},
            {"own email kept", "Exports go to dana@fox.example.", "", nullptr},
            {"phone", "Call us back at +1 (415) 555-0134.", "", "Call us back at [phone number]."},
            {"phone kept", "Call us back at +1 (415) 555-0134.", "my number is 415 555 0134", nullptr},
            {"card", "The card ending in 4242 was declined.", "", "The card ending in [card ending] was declined."},
            {"card kept", "The card ending in 4242 was declined.", "card **** 4242 fails", nullptr},
            {"masked card", "Card •••• 4242 expired.", "", "Card [card ending] expired."},
            {"amount $", "The $49 charge is your renewal.", "", "The [amount] charge is your renewal."},
            {"amount €", "The 49.00 € charge is your renewal.", "", "The [amount] charge is your renewal."},
            {"amount EUR", "The EUR 12 charge is your renewal.", "", "The [amount] charge is your renewal."},
            {"amount kept", "The $49 charge is your renewal.", "why was I charged 49.00 USD?", nullptr},
            {"price kept", "Pro is $8 per member per month.", "", nullptr},
            {"date", "It renewed on March 3.", "", "It renewed on [date]."},
            {"date dmy", "It renewed on 3 March 2026.", "", "It renewed on [date]."},
            {"date iso", "It renewed on 2026-01-05.", "", "It renewed on [date]."},
            {"date ordinal", "It renewed on the 12th.", "", "It renewed on [date]."},
            {"date kept", "It renewed on March 3.", "I was charged on 3 March again", nullptr},
            {"date ordinal kept", "It renewed on the 3rd.", "I was charged on March 3", nullptr},
            {"time", "The outage ended at 14:41 UTC.", "", "The outage ended at [time]."},
            {"invoice", "See invoice INV-2041.", "", "See invoice [invoice number]."},
            {"invoice kept", "See invoice INV-2041.", "about inv-2041", nullptr},
            {"order", "Order 123-456 shipped.", "", "Order [order number] shipped."},
            {"order kept", "Order 123-456 shipped.", "where is order 123456", nullptr},
            {"hash", "Your ticket #58213 is closed.", "", "Your ticket [reference] is closed."},
            {"code", "The decline code was 'do not honor'.", "", "The decline code was [code]."},
            {"code kept", "The decline code was 'do not honor'.", "my bank says DO NOT HONOR", nullptr},
            {"ip", "Requests from 203.0.113.42 are blocked.", "", "Requests from [ip address] are blocked."},
            {"greeting name", "Hi Anna,", "", "Hi [name],"},
            {"colleague", "Your colleague Anna can approve it.", "", "Your colleague [name] can approve it."},
            {"colleague kept", "Your colleague Anna can approve it.", "Anna is our owner", nullptr},
            {"source customer", "Berg Studio belongs to Anna Berg.", "", "[name] Studio belongs to [name]."},
            {"markdown link kept", "See [Invoice 2041 guide](https://help.example.com/a/inv-2041).", "", nullptr},
            {"url kept", "Guide: https://help.example.com/articles/2026-01-05-release", "", nullptr},
            {"button kept", "Click \"Start export\" and wait.", "", nullptr},
            {"team address kept", "Forward it to phishing@vendor.example.", "", nullptr},
            {"example kept", "Enter it without spaces, e.g. `GB123456789`.", "", nullptr},
            {"relation after name", "Marta (your success manager) will call.", "",
             "[name] (your success manager) will call."},
            {"not a name", "Ask your email admin to allowlist us.", "", nullptr},
            {"two-word name is one placeholder", "Hi Ana María,", "", "Hi [name],"},
        };
        for (const auto &row : rows)
            QTest::newRow(row[0]) << QString::fromUtf8(row[1]) << QString::fromUtf8(row[2])
                                  << (row[3] ? QString::fromUtf8(row[3]) : QString::fromUtf8(row[1]));
    }

    void factsReplacedOrKept()
    {
        QFETCH(QString, unit);
        QFETCH(QString, ticket);
        QFETCH(QString, expected);
        const CheckedUnit c = ClaimCheck::check(unit, danasTicket(ticket), true, kAnna);
        QVERIFY(!c.drop);
        QCOMPARE(c.text, expected);
        QCOMPARE(c.placeholders, Draft::placeholders(c.text)); // every placeholder is one the client recognises
    }

    void articlesKeepProductFactsAndExamples()
    {
        // An article is written for everyone: prices, dates, error codes and example addresses describe the product.
        const QString unit = u"Since 2026-01-05 Pro costs $12, and an expired token returns \"ERR_TOKEN_EXPIRED\"; "
                             "invite people as e.g. name@company.com, write to support@help.example or "
                             "StudentLoanSupport@ed.gov, or ask your success manager, Marta."_s;
        const CheckedUnit c = ClaimCheck::check(unit, danasTicket(), false);
        QCOMPARE(c.text, unit);
        QVERIFY(c.placeholders.isEmpty());
        QCOMPARE(c.claim, Claim::None);                   // nothing there is a customer's
        QCOMPARE(ClaimCheck::claimOf(unit), Claim::Fact); // …though written to one customer, those would be facts
        // …but a person's own details are still foreign there.
        const CheckedUnit personal =
            ClaimCheck::check(u"Hi Anna, write from anna.berg@gmail.com (card ending 4242)."_s, danasTicket(), false);
        QCOMPARE(personal.text, u"Hi [name], write from [email] (card ending [card ending])."_s);
        QCOMPARE(personal.claim, Claim::Fact);
    }

    void foreignPersonalDataLists()
    {
        const TicketFacts facts = danasTicket(u"My invoice INV-7777 was paid with card ending 1881."_s);
        const QString text = u"Hi Dana, your invoice INV-7777 (card ending 1881) and Anna's INV-2041, "
                             "anna.berg@berg-studio.example, +44 20 7946 0958. Write to support@help.example or see "
                             "[the guide](https://help.example.com/a/1)."_s;
        const QStringList found =
            ClaimCheck::foreignPersonalData(text, facts, {u"Anna Berg"_s, u"Anna"_s, u"Dana Fox"_s, u"Dana"_s});
        QCOMPARE(found,
                 (QStringList{u"INV-2041"_s, u"anna.berg@berg-studio.example"_s, u"+44 20 7946 0958"_s, u"Anna"_s}));
        QVERIFY(ClaimCheck::foreignPersonalData(u"Hi Dana, your invoice INV-7777."_s, facts, {u"Dana"_s}).isEmpty());
    }

    void ticketFactsHoldSubjectCustomerMessagesAndRecord()
    {
        Ticket t;
        t.subject = u"Card 4242"_s;
        t.customer = Customer{u"C-1"_s, u"Dana Fox"_s, u"dana@fox.example"_s, u"pro"_s};
        t.messages << Message{u"customer"_s, u"first"_s, {}} << Message{u"agent"_s, u"agent text"_s, {}}
                   << Message{u"customer"_s, u"second"_s, {}};
        const TicketFacts f = TicketFacts::of(t);
        QVERIFY(f.text.contains(u"Card 4242"_s));
        QVERIFY(f.text.contains(u"first"_s));
        QVERIFY(f.text.contains(u"second"_s));
        QVERIFY(!f.text.contains(u"agent text"_s));
        QCOMPARE(f.customer.email, t.customer.email);
    }

    /// The adversarial set: past replies full of another customer's details and hidden actions. After the check,
    /// none of the foreign values is left in any kept unit.
    void adversarialReplies()
    {
        QFile file(test::sourceDir() + u"/tests/engine/data/adversarial_replies.jsonl"_s);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        int lines = 0, dropped = 0, withPlaceholders = 0, kept = 0;
        QStringList failures;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QVERIFY2(!o.isEmpty(), line.constData());
            ++lines;
            const QString id = o.value("id"_L1).toString();
            const QString unit = o.value("unit"_L1).toString();
            const QJsonObject sc = o.value("source_customer"_L1).toObject();
            const Customer source{
                sc.value("id"_L1).toString(), sc.value("name"_L1).toString(), sc.value("email"_L1).toString(), {}};
            const TicketFacts facts =
                o.contains("facts"_L1) ? danasTicket(o.value("facts"_L1).toString()) : danasTicket();
            const QString expect = o.value("expect"_L1).toString();
            const CheckedUnit c = ClaimCheck::check(unit, facts, true, source);
            auto fail = [&](const QString &why) { failures << u"%1 (%2): %3 -> %4"_s.arg(id, why, unit, c.text); };
            if (expect == "drop"_L1) {
                ++dropped;
                if (!c.drop)
                    fail(u"not dropped"_s);
            } else if (expect == "placeholders"_L1) {
                ++withPlaceholders;
                QStringList want;
                for (const QJsonValue &v : o.value("placeholders"_L1).toArray())
                    want << v.toString();
                if (c.drop)
                    fail(u"dropped"_s);
                else if (c.placeholders != want)
                    fail(u"placeholders %1, want %2"_s.arg(c.placeholders.join(u','), want.join(u',')));
            } else {
                ++kept;
                if (c.drop || c.text != unit)
                    fail(u"not kept"_s);
            }
            // Zero leaks: whatever survives holds none of the other customer's values.
            if (!c.drop) {
                for (const QJsonValue &v : o.value("foreign"_L1).toArray()) {
                    if (c.text.contains(v.toString(), Qt::CaseInsensitive))
                        fail(u"leaks %1"_s.arg(v.toString()));
                }
                if (!source.name.isEmpty() && expect != "kept"_L1) {
                    const QStringList left =
                        ClaimCheck::foreignPersonalData(c.text, facts, {source.name, source.name.section(u' ', 0, 0)});
                    if (!left.isEmpty())
                        fail(u"personal data left: %1"_s.arg(left.join(u", "_s)));
                }
            }
        }
        qInfo("adversarial set: %d units (%d drop, %d placeholders, %d kept)", lines, dropped, withPlaceholders, kept);
        QVERIFY(lines >= 40);
        QVERIFY2(failures.isEmpty(), qPrintable(u"\n"_s + failures.join(u'\n')));
    }

    /// The demo's resolved tickets: a step of a procedure an agent wrote is never an action claim.
    void demoStepListsAreNotActions()
    {
        QFile file(test::demoDir() + u"/tickets.jsonl"_s);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + u": "_s + file.errorString()));
        static const QRegularExpression kStep(u"^\\s*(?:\\d{1,2}[.)]|[-*•])\\s+\\S"_s);
        // The writer speaking of themself ("1. I've passed your request…") or reporting what the team just did
        // ("…the email the specialist has just sent her"): a report, not a plain step.
        static const QRegularExpression kWriter(
            u"\\b(?:I|I'm|I've|I'll|I'd|me|my|je|ich|mir|mich|yo|he)\\b|\\bj'|\\b(?:has|have)\\s+(?:just|already)\\b"_s,
            QRegularExpression::CaseInsensitiveOption);
        int steps = 0, reports = 0;
        QStringList actions;
        while (!file.atEnd()) {
            const QJsonObject t = QJsonDocument::fromJson(file.readLine()).object();
            for (const QJsonValue &m : t.value("messages"_L1).toArray()) {
                const QJsonObject msg = m.toObject();
                if (msg.value("author"_L1).toString() != "agent"_L1)
                    continue;
                for (const QString &line : msg.value("body"_L1).toString().split(u'\n')) {
                    if (!kStep.match(line).hasMatch())
                        continue;
                    if (kWriter.match(QString(line).replace(u'\u2019', u'\'')).hasMatch()) {
                        ++reports;
                        continue;
                    }
                    ++steps;
                    // A step that reports something done for that customer ("3. I've reset…") is an action; a plain
                    // instruction is not. The demo's steps are instructions.
                    if (ClaimCheck::claimOf(line) == Claim::Action)
                        actions << t.value("id"_L1).toString() + u": "_s + line;
                }
            }
        }
        qInfo("demo agent replies: %d plain steps, %lld marked as actions (%d steps where the writer reports)", steps,
              qint64(actions.size()), reports);
        QVERIFY(steps > 100);
        QVERIFY2(actions.isEmpty(), qPrintable(u"\n"_s + actions.join(u'\n')));
    }

    /// Real help-centre text (doc2dial's 273 passages from ssa.gov, va.gov, studentaid.gov and the NY DMV) as
    /// articles: almost nothing reads as an action taken for the reader, and the text stays as it is. A regression
    /// guard, not a held-out figure: the "we" and "my own business" rules were written while reading these passages.
    void helpCentreTextIsNotActions()
    {
        const QString path = test::datasetsDir() + u"/doc2dial/passages.jsonl"_s;
        QFile file(path);
        if (test::datasetsDir().isEmpty() || !file.open(QIODevice::ReadOnly))
            QSKIP("../shared/datasets/doc2dial is not there");
        static const QRegularExpression kSentence(u"(?<=[.!?])\\s+|\\n+"_s);
        int sentences = 0, actions = 0, changed = 0;
        while (!file.atEnd()) {
            const QString text = QJsonDocument::fromJson(file.readLine()).object().value("text"_L1).toString();
            for (const QString &s : text.split(kSentence, Qt::SkipEmptyParts)) {
                ++sentences;
                const CheckedUnit c = ClaimCheck::check(s, danasTicket(), false);
                actions += c.claim == Claim::Action;
                changed += c.text != s;
            }
        }
        qInfo("doc2dial passages as articles: %d sentences, %d read as actions, %d changed by the check", sentences,
              actions, changed);
        QVERIFY(sentences > 10000);
        QVERIFY2(actions * 200 < sentences, qPrintable(QString::number(actions))); // under 0.5 %
        QVERIFY2(changed * 200 < sentences, qPrintable(QString::number(changed)));
    }

    /// The check runs on a handful of units per draft, inside the draft's 5 ms budget: printed, not asserted (a
    /// limit here would be a timed assertion, decided by the shared machine's load; bench_draft is the measure).
    void fast()
    {
        const TicketFacts facts =
            danasTicket(u"Hello, I was charged twice on invoice INV-7777 (card ending 1881) on 4 May, see screenshot. "
                        "Please call me on +44 20 7946 0000 or write to dana@fox.example. Thanks, Dana"_s.repeated(4));
        const QStringList units{u"I've cancelled it for you now, effective immediately."_s,
                                u"Your bank's decline code was 'do not honor' on March 3 for $49."_s,
                                u"1. Go to **Settings → Billing** and click **Invoices**.\n2. Download the PDF."_s,
                                u"Hi Anna, see [the guide](https://help.example.com/articles/invoices)."_s,
                                u"Refunds are processed within 5 business days."_s};
        for (const QString &u : units)
            ClaimCheck::check(u, facts, true, kAnna); // first use compiles the patterns
        QElapsedTimer timer;
        timer.start();
        constexpr int kRounds = 200;
        for (int i = 0; i < kRounds; ++i)
            for (const QString &u : units)
                ClaimCheck::check(u, facts, true, kAnna);
        const double perUnitMs = double(timer.nsecsElapsed()) / 1e6 / (kRounds * units.size());
        qInfo("ClaimCheck::check: %.3f ms per unit", perUnitMs);
        QVERIFY(perUnitMs > 0);
    }
};

QTEST_GUILESS_MAIN(TestClaimCheck)
#include "tst_claimcheck.moc"

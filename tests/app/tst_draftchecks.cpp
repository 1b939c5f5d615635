// SPDX-License-Identifier: GPL-3.0-or-later
// What the agent must check, in the agent's language: reason and check codes become German text with the translator
// loaded (unknown codes and older drafts keep the engine's English), the draft panel marks the units to check and
// the placeholders with the reason on hover (formatting only: the reply sent is the text), the language-mismatch
// banner, and Send asking once when a placeholder is left. Drafts are built by hand, not by the engine.
#include "AppTestSupport.h"
#include "DraftController.h"
#include "DraftPanel.h"
#include "DraftText.h"
#include "MainWindow.h"
#include "Translations.h"

#include <QAction>
#include <QApplication>
#include <QFrame>
#include <QHelpEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolTip>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::app;
using Support = DraftSentence::Support;
using Claim = DraftSentence::Claim;
using Kind = FeedbackEvent::Kind;

namespace {

DraftSentence unit(const QString &text, const QString &source, Support support, Claim claim = Claim::None,
                   const QString &check = {})
{
    DraftSentence s;
    s.text = text;
    s.source = source;
    s.support = support;
    s.claim = claim;
    s.check = check;
    return s;
}

/// A reply with a greeting, a unit with a placeholder, an action claimed for the customer that no source backs,
/// an article sentence and a sign-off; the text holds the units verbatim, as the engine's does.
Draft checkedDraft()
{
    Draft d;
    d.id = u"d-1"_s;
    d.confidence = 0.62;
    d.lowConfidence = false;
    d.mode = Draft::Mode::Answer;
    d.language = u"en"_s;
    d.sentences = {
        unit(u"Hi Lukas,"_s, u"voice"_s, Support::Voice),
        unit(u"We've refunded [refund amount] to your card."_s, u"answer:a-17"_s, Support::Placeholder, Claim::Action,
             u"placeholder"_s),
        unit(u"I've cancelled your subscription for you."_s, u"answer:a-17"_s, Support::Unsupported, Claim::Action,
             u"unsupported-action"_s),
        unit(u"You can download every invoice under Billing."_s, u"article:kb-invoices"_s, Support::Kb),
        unit(u"Best,\nSam"_s, u"voice"_s, Support::Voice),
    };
    d.text = u"Hi Lukas,\n\nWe've refunded [refund amount] to your card. I've cancelled your subscription for you.\n\n"
             "You can download every invoice under Billing.\n\nBest,\nSam"_s;
    d.reasons = {u"Reuses a past reply to a similar question (similarity 83%)"_s,
                 u"Fill in before sending: [refund amount]"_s};
    d.reasonCodes = {{u"reused-reply"_s, {u"83%"_s}}, {u"fill-placeholders"_s, {u"[refund amount]"_s}}};
    return d;
}

QString tooltipOf(const QPlainTextEdit *editor, const QString &marked)
{
    for (const QTextEdit::ExtraSelection &s : editor->extraSelections())
        if (s.cursor.selectedText() == marked)
            return s.format.toolTip();
    return u"(not marked)"_s;
}

} // namespace

class TestDraftChecks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Translations::apply(u"en"_s); }

    void reasonCodesInGerman()
    {
        QVERIFY(Translations::apply(u"de"_s));
        QCOMPARE(DraftText::reason({u"article"_s, {u"Reset your password"_s, u"83%"_s}}, u"English"_s),
                 u"Aus dem Artikel „Reset your password“ erstellt (Ähnlichkeit 83%)"_s);
        QCOMPARE(DraftText::reason({u"calibrated"_s, {u"12"_s}}, {}),
                 u"Sicherheit kalibriert an 12 früheren Entwürfen, die das Team bearbeitet hat"_s);
        QCOMPARE(DraftText::reason({u"tried-steps-left-out"_s, {u"1"_s}}, {}),
                 u"1 Schritt weggelassen, den der Kunde schon versucht hat"_s);
        QCOMPARE(DraftText::reason({u"fill-placeholders"_s, {u"[refund amount], [date]"_s}}, {}),
                 u"Vor dem Senden ausfüllen: [refund amount], [date]"_s);
        QCOMPARE(DraftText::reason({u"fill-placeholders"_s, {u"[email]"_s, u"[email]"_s}}, {}),
                 u"Vor dem Senden ausfüllen: [email]"_s);
        QCOMPARE(DraftText::reason({u"no-source-in-language"_s, {u"de"_s, u"en"_s}}, {}),
                 u"Keine Quelle auf Deutsch: die Antwort ist auf Englisch (vor dem Senden übersetzen oder prüfen)"_s);
        QCOMPARE(DraftText::reason({u"frustrated"_s, {u"shouting, repeat contact, sarcasm"_s}}, {}),
                 u"Der Kunde wirkt frustriert (schreit in Großbuchstaben, wiederholte Kontaktaufnahme, sarcasm)"_s);
        // An escalation names built-in rules in German and keeps a team's own rule in its own words.
        Escalation e;
        e.escalate = true;
        e.rules = {u"refund"_s, u"vip"_s};
        e.reasons = {u"Refund request: refunds are approved by a human"_s, u"VIP customer: call them back"_s};
        QCOMPARE(DraftText::reason({u"escalation"_s, e.rules}, {}, e),
                 u"Eskalation: Erstattungswunsch: Erstattungen genehmigt ein Mensch; VIP customer: call them back"_s);
        QCOMPARE(DraftText::escalationReasons(e),
                 (QStringList{u"Erstattungswunsch: Erstattungen genehmigt ein Mensch"_s,
                              u"VIP customer: call them back"_s}));
        // A built-in id whose rule file says something else is not replaced by the built-in text.
        QCOMPARE(DraftText::escalationRule(u"refund"_s, u"Refunds over 100 EUR need a lead"_s),
                 u"Refunds over 100 EUR need a lead"_s);
        QCOMPARE(DraftText::escalationRule(u"security"_s),
                 u"Mögliche Kontoübernahme oder Sicherheitsvorfall: ein Sicherheitsspezialist muss sich darum "
                 "kümmern"_s);
        QCOMPARE(DraftText::check(u"unsupported-action"_s),
                 u"Nennt eine für den Kunden erledigte Aktion: Prüfen Sie, ob sie wirklich erfolgt ist"_s);
        QCOMPARE(DraftText::check(u"placeholder"_s), u"Vor dem Senden ausfüllen"_s);
        QCOMPARE(DraftText::check(u"something-newer"_s), u"Vor dem Senden prüfen"_s);
        QCOMPARE(DraftText::check({}), QString());
        QCOMPARE(DraftText::languageName(u"fr"_s), u"Französisch"_s);
        QCOMPARE(DraftText::languageName(u"ja"_s), u"日本語"_s); // not in the table: the language's own name
    }

    void unknownCodesAndOlderDraftsKeepTheEnglish()
    {
        QVERIFY(Translations::apply(u"de"_s));
        // A code from a newer engine, or one missing its arguments: the engine's English text.
        QCOMPARE(DraftText::reason({u"some-newer-code"_s, {u"x"_s}}, u"Something the engine said"_s),
                 u"Something the engine said"_s);
        QCOMPARE(DraftText::reason({u"article"_s, {}}, u"Built from the article \"X\" (similarity 50%)"_s),
                 u"Built from the article \"X\" (similarity 50%)"_s);
        QCOMPARE(DraftText::reason({u"calibrated"_s, {u"many"_s}}, u"Confidence calibrated on many"_s),
                 u"Confidence calibrated on many"_s);
        // A draft stored before there were codes.
        Draft old;
        old.reasons = {u"Built from the article \"Invoices\" (similarity 71%)"_s};
        QCOMPARE(DraftText::reasons(old), old.reasons);
        // Codes and reasons side by side: each code replaces its own reason.
        Draft d = checkedDraft();
        d.reasonCodes[1].code = u"some-newer-code"_s;
        QCOMPARE(DraftText::reasons(d),
                 (QStringList{u"Verwendet eine frühere Antwort auf eine ähnliche Frage (Ähnlichkeit 83%)"_s,
                              u"Fill in before sending: [refund amount]"_s}));
    }

    void englishTextsMatchTheEngines()
    {
        // Without a translator the client's text is the engine's English, so nothing changes for English users.
        QCOMPARE(DraftText::reason({u"reused-reply"_s, {u"83%"_s}}, {}),
                 u"Reuses a past reply to a similar question (similarity 83%)"_s);
        QCOMPARE(DraftText::reason({u"topic-disagrees"_s, {u"billing"_s, u"41%"_s}}, {}),
                 u"Similar past tickets disagree on the topic (\"billing\" only 41%)"_s);
        QCOMPARE(DraftText::reason({u"no-source-in-language"_s, {u"de"_s, u"en"_s}}, {}),
                 u"No source in German: the answer is in English (translate or check before sending)"_s);
        QCOMPARE(DraftText::languageName(u"ja"_s), u"Japanese"_s);
        QCOMPARE(DraftText::languageName(u"zz"_s), u"zz"_s);
    }

    void panelMarksWhatToCheck()
    {
        DraftPanel panel;
        panel.resize(520, 640);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Draft d = checkedDraft();
        panel.showDraft(d, 0.5);
        QPlainTextEdit *editor = panel.editor();
        // The placeholder unit, the unsupported action and the placeholder itself; nothing else.
        QCOMPARE(editor->extraSelections().size(), 3);
        QCOMPARE(tooltipOf(editor, u"We've refunded [refund amount] to your card."_s),
                 u"Fill this in before sending"_s);
        QCOMPARE(tooltipOf(editor, u"I've cancelled your subscription for you."_s),
                 u"States an action taken for the customer: make sure it was done"_s);
        QCOMPARE(tooltipOf(editor, u"[refund amount]"_s), u"Fill this in before sending"_s);
        // Marks are formatting: the reply is exactly the draft's text.
        QCOMPARE(panel.replyText(), d.text);
        QVERIFY(panel.findChild<QLabel *>(u"draftStatus"_s)->text().contains(u"2 passage(s) marked to check"_s));

        const int action = int(d.text.indexOf(u"cancelled"_s));
        QCOMPARE(panel.checkAt(action), u"States an action taken for the customer: make sure it was done"_s);
        QCOMPARE(panel.checkAt(int(d.text.indexOf(u"download"_s))), QString());
        QCOMPARE(panel.checkAt(int(d.text.indexOf(u"refund amount"_s))), u"Fill this in before sending"_s);

        // Hovering shows the reason.
        QTextCursor c(editor->document());
        c.setPosition(action + 3);
        const QPoint pos = editor->cursorRect(c).center();
        QHelpEvent hover(QEvent::ToolTip, pos, editor->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(editor->viewport(), &hover);
        QTRY_COMPARE(QToolTip::text(), u"States an action taken for the customer: make sure it was done"_s);
        QToolTip::hideText();

        // Filling the placeholder unmarks it and its unit; the action stays marked while it is there.
        QTextCursor fill(editor->document());
        const int at = int(editor->toPlainText().indexOf(u"[refund amount]"_s));
        fill.setPosition(at);
        fill.setPosition(at + int(u"[refund amount]"_s.size()), QTextCursor::KeepAnchor);
        fill.insertText(u"EUR 20"_s);
        QCOMPARE(editor->extraSelections().size(), 1);
        QCOMPARE(tooltipOf(editor, u"I've cancelled your subscription for you."_s),
                 u"States an action taken for the customer: make sure it was done"_s);
        // A placeholder the agent types is marked as well; deleting the action unmarks it.
        editor->moveCursor(QTextCursor::End);
        editor->insertPlainText(u" [date]"_s);
        QCOMPARE(tooltipOf(editor, u"[date]"_s), u"Fill this in before sending"_s);
        QTextCursor del(editor->document());
        const int from = int(editor->toPlainText().indexOf(u"I've cancelled"_s));
        del.setPosition(from);
        del.setPosition(from + int(u"I've cancelled your subscription for you."_s.size()), QTextCursor::KeepAnchor);
        del.removeSelectedText();
        QCOMPARE(editor->extraSelections().size(), 1); // only [date]
        QVERIFY(!editor->toPlainText().contains(u"cancelled"_s));
    }

    void panelMarksInGerman()
    {
        QVERIFY(Translations::apply(u"de"_s));
        DraftPanel panel;
        Draft d = checkedDraft();
        d.escalation.escalate = true;
        d.escalation.rules = {u"refund"_s};
        d.escalation.reasons = {u"Refund request: refunds are approved by a human"_s};
        panel.showDraft(d, 0.5);
        QCOMPARE(tooltipOf(panel.editor(), u"I've cancelled your subscription for you."_s),
                 u"Nennt eine für den Kunden erledigte Aktion: Prüfen Sie, ob sie wirklich erfolgt ist"_s);
        QVERIFY(panel.findChild<QLabel *>(u"escalationReasons"_s)
                    ->text()
                    .contains(u"Erstattungswunsch: Erstattungen genehmigt ein Mensch"_s));
        const QString reasons = panel.findChild<QLabel *>(u"confidenceReasons"_s)->text();
        QVERIFY2(reasons.contains(u"Verwendet eine frühere Antwort auf eine ähnliche Frage (Ähnlichkeit 83%)"_s),
                 qPrintable(reasons));
        QVERIFY(panel.findChild<QLabel *>(u"draftStatus"_s)->text().contains(u"2 Stellen zum Prüfen markiert"_s));
    }

    void olderDraftWithoutUnits()
    {
        DraftPanel panel;
        Draft d;
        d.text = u"Hello,\n\nYour invoice for [month] is attached.\n\nBest"_s;
        d.reasons = {u"Built from the article \"Invoices\" (similarity 71%)"_s};
        d.confidence = 0.4;
        panel.showDraft(d, 0.5);
        QCOMPARE(panel.replyText(), d.text);
        QCOMPARE(panel.editor()->extraSelections().size(), 1); // the placeholder
        QCOMPARE(tooltipOf(panel.editor(), u"[month]"_s), u"Fill this in before sending"_s);
        QVERIFY(panel.findChild<QLabel *>(u"confidenceReasons"_s)->text().contains(u"Invoices"_s));
        QVERIFY(panel.findChild<QFrame *>(u"languageBanner"_s)->isHidden());
        // A unit the text does not hold is left unmarked rather than marked somewhere else.
        d.sentences = {
            unit(u"Not in the text."_s, u"answer:a-3"_s, Support::Unsupported, Claim::Fact, u"unsupported"_s)};
        panel.showDraft(d, 0.5);
        QCOMPARE(panel.editor()->extraSelections().size(), 1);
        panel.showNoTicket();
        QVERIFY(panel.editor()->extraSelections().isEmpty());
    }

    void languageMismatchBanner()
    {
        DraftPanel panel;
        panel.resize(520, 640);
        panel.show();
        Draft d = checkedDraft();
        d.languageMismatch = true;
        d.reasonCodes << DraftReason{u"no-source-in-language"_s, {u"de"_s, u"en"_s}};
        d.reasons << u"No source in German: the answer is in English (translate or check before sending)"_s;
        panel.showDraft(d, 0.5);
        auto *banner = panel.findChild<QFrame *>(u"languageBanner"_s);
        QVERIFY(banner->isVisible());
        QCOMPARE(panel.findChild<QLabel *>(u"languageMismatch"_s)->text(),
                 u"No source in German: the answer below is in English — translate or check before sending"_s);

        QVERIFY(Translations::apply(u"de"_s));
        panel.showDraft(d, 0.5);
        QCOMPARE(panel.findChild<QLabel *>(u"languageMismatch"_s)->text(),
                 u"Keine Quelle auf Deutsch: Die Antwort unten ist auf Englisch – vor dem Senden übersetzen oder "
                 "prüfen"_s);
        // Without the reason code (the ticket's language unknown) it still says so plainly.
        d.reasonCodes.clear();
        QVERIFY(DraftText::languageMismatch(d).startsWith(u"Keine Quelle in der Sprache des Kunden"_s));

        d.languageMismatch = false;
        panel.showDraft(d, 0.5);
        QVERIFY(!banner->isVisible());
        panel.showNoTicket();
        QVERIFY(!banner->isVisible());
    }

    void sendAsksOnceAboutPlaceholders()
    {
        QTemporaryDir dir;
        auto *controller = new DraftController(test::demoStore(dir));
        controller->setAgent(u"alice"_s);
        controller->setUndoWindow(0);
        controller->setDraftFunction([](const Ticket &t, store::Store &) -> Result<Draft> {
            Draft d = checkedDraft();
            d.id.clear();
            d.ticketId = t.id;
            d.text.replace(u"You can download"_s, u"From [date] you can download"_s);
            return d;
        });
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectFirstTicket());
        QTRY_VERIFY(controller->draft().has_value());
        auto *editor = window.findChild<QPlainTextEdit *>(u"replyEditor"_s);
        QTRY_VERIFY(!editor->toPlainText().isEmpty());
        const QString ticketId = controller->ticket()->id;
        const QString text = editor->toPlainText();
        auto *send = window.findChild<QAction *>(u"sendAction"_s);
        auto question = [&window]() { return window.findChild<QMessageBox *>(u"placeholderQuestion"_s); };

        // Send asks; Enter answers with the default, Go back: nothing is sent, the first placeholder is selected.
        send->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = question()) && box->isVisible());
        QCOMPARE(box->text(), u"The reply still has placeholders to fill: [refund amount], [date]. Send anyway?"_s);
        QCOMPARE(box->defaultButton()->objectName(), u"goBackButton"_s);
        QVERIFY(!controller->hasPendingSend());
        send->trigger(); // asks once: no second question while the first is open
        QCOMPARE(window.findChildren<QMessageBox *>(u"placeholderQuestion"_s).size(), 1);
        QTest::keyClick(box, Qt::Key_Return);
        QTRY_VERIFY(!question());
        QVERIFY(!controller->hasPendingSend());
        QVERIFY(!controller->isSent());
        QVERIFY(test::eventsOf(controller->store(), Kind::SentAsIs, ticketId).isEmpty());
        QCOMPARE(editor->textCursor().selectedText(), u"[refund amount]"_s);
        QCOMPARE(editor->toPlainText(), text);

        // Send anyway sends the reply as it is, placeholders and all.
        send->trigger();
        QTRY_VERIFY((box = question()) && box->isVisible());
        QTest::mouseClick(box->findChild<QPushButton *>(u"sendAnywayButton"_s), Qt::LeftButton);
        QTRY_COMPARE(test::eventsOf(controller->store(), Kind::SentAsIs, ticketId).size(), 1);
        QCOMPARE(test::eventsOf(controller->store(), Kind::SentAsIs, ticketId).first().finalText, text);
    }

    void sendWithoutPlaceholdersDoesNotAsk()
    {
        QTemporaryDir dir;
        auto *controller = new DraftController(test::demoStore(dir));
        controller->setAgent(u"alice"_s);
        controller->setUndoWindow(0);
        controller->setDraftFunction([](const Ticket &t, store::Store &) -> Result<Draft> {
            Draft d = checkedDraft();
            d.id.clear();
            d.ticketId = t.id;
            return d;
        });
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectFirstTicket());
        QTRY_VERIFY(controller->draft().has_value());
        auto *editor = window.findChild<QPlainTextEdit *>(u"replyEditor"_s);
        QTRY_VERIFY(!editor->toPlainText().isEmpty());
        const QString ticketId = controller->ticket()->id;
        // The agent fills the placeholder in, then sends: no question, and no mark in the text sent.
        QTextCursor fill(editor->document());
        const int at = int(editor->toPlainText().indexOf(u"[refund amount]"_s));
        QVERIFY(at > 0);
        fill.setPosition(at);
        fill.setPosition(at + int(u"[refund amount]"_s.size()), QTextCursor::KeepAnchor);
        fill.insertText(u"EUR 20"_s);
        const QString final = editor->toPlainText();
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(!window.findChild<QMessageBox *>(u"placeholderQuestion"_s));
        QTRY_COMPARE(test::eventsOf(controller->store(), Kind::SentEdited, ticketId).size(), 1);
        QCOMPARE(test::eventsOf(controller->store(), Kind::SentEdited, ticketId).first().finalText, final);
        QVERIFY(Draft::placeholders(final).isEmpty());
    }
};

QTEST_MAIN(TestDraftChecks)
#include "tst_draftchecks.moc"

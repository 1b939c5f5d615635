// SPDX-License-Identifier: GPL-3.0-or-later
// The real main window, offscreen, driven by objectName against a real store with the demo data and the real
// engine; every action is checked in the store, not only on screen.
#include "AppTestSupport.h"
#include "DraftController.h"
#include "KnowledgeBrowser.h"
#include "MainWindow.h"
#include "QueueFilterModel.h"
#include "QueueModel.h"
#include "RejectDialog.h"
#include "SettingsDialog.h"
#include "SourcesModel.h"
#include "Theme.h"

#include <understudy/EditDistance.h>

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyle>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::app;
using Kind = FeedbackEvent::Kind;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_w;
    DraftController *m_c = nullptr;
    int m_n = 0;

    template <typename T>
    T *child(const QString &name)
    {
        T *w = m_w->findChild<T *>(name);
        if (!w)
            qWarning("no child %s", qPrintable(name));
        return w;
    }
    QPlainTextEdit *editor() { return child<QPlainTextEdit>(u"replyEditor"_s); }
    QTableView *queue() { return child<QTableView>(u"queueView"_s); }

    // Clicks the row of @p ticketId in the queue view and waits for its draft on screen.
    void clickTicket(const QString &ticketId)
    {
        QTableView *view = queue();
        auto *filter = m_w->queueFilter();
        const int row = m_w->queueModel()->rowOf(ticketId);
        QVERIFY(row >= 0);
        const QModelIndex proxy = filter->mapFromSource(m_w->queueModel()->index(row, QueueModel::SubjectColumn));
        QVERIFY(proxy.isValid());
        view->scrollTo(proxy);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(proxy).center());
        QTRY_VERIFY(m_c->draft().has_value() && m_c->draft()->ticketId == ticketId);
        QTRY_VERIFY(!editor()->toPlainText().isEmpty());
    }

private Q_SLOTS:
    void init()
    {
        m_c = new DraftController(test::demoStore(m_dir, u"w%1.db"_s.arg(++m_n)));
        m_c->setAgent(u"alice"_s);
        m_c->setUndoWindow(150);
        m_w = std::make_unique<MainWindow>(m_c);
        m_c->loadEngine(engine::EngineConfig{});
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
        QTRY_VERIFY(m_c->engineReady());
    }
    void cleanup() { m_w.reset(); }

    void queueIsInteractiveAndModelsPassTheTester()
    {
        QAbstractItemModelTester t1(m_w->queueModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(m_w->queueFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *sources = qobject_cast<SourcesModel *>(child<QTableView>(u"sourcesView"_s)->model());
        QVERIFY(sources);
        QAbstractItemModelTester t3(sources, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(queue()->model()->rowCount(), 82); // open and pending by default
        clickTicket(u"T-1249"_s);
        QVERIFY(sources->rowCount() > 0);
        auto *search = child<QLineEdit>(u"queueSearch"_s);
        QTest::keyClicks(search, u"T-1250"_s);
        QTRY_COMPARE(queue()->model()->rowCount(), 1); // after the typing pause, in the store
        QCOMPARE(queue()->model()->index(0, 0).data(QueueModel::TicketIdRole).toString(), u"T-1250"_s);
        // The ticket being worked on stays selected while the queue is searched.
        QCOMPARE(m_c->ticket()->id, u"T-1249"_s);
        search->clear();
        QTRY_COMPARE(m_w->queueModel()->totalRows(), 82);
        QVERIFY(queue()->currentIndex().isValid()); // T-1249 is listed again, and selected again
        QCOMPARE(queue()->currentIndex().data(QueueModel::TicketIdRole).toString(), u"T-1249"_s);
        child<QComboBox>(u"statusFilter"_s)->setCurrentIndex(1); // all statuses
        QCOMPARE(m_w->queueModel()->totalRows(), 328);
        QCOMPARE(queue()->model()->rowCount(), m_w->queueModel()->rowCount());
        queue()->sortByColumn(QueueModel::ConfidenceColumn, Qt::DescendingOrder);
        QCOMPARE(queue()->model()->index(0, 0).data(QueueModel::TicketIdRole).toString(), u"T-1249"_s);
    }

    void selectingATicketShowsADraftWithSourcesAndConfidence()
    {
        clickTicket(u"T-1249"_s);
        QCOMPARE(editor()->toPlainText(), m_c->draft()->text);
        QVERIFY(!editor()->isReadOnly());
        QVERIFY(child<QTableView>(u"sourcesView"_s)->model()->rowCount() > 0);
        const QString pct = u"%1%"_s.arg(qRound(100 * m_c->draft()->confidence));
        QVERIFY(child<QLabel>(u"confidenceLabel"_s)->text().contains(pct));
        QVERIFY(!child<QLabel>(u"ticketSubject"_s)->text().isEmpty());
        QVERIFY(child<QTextBrowser>(u"conversation"_s)->toPlainText().size() > 10);
        QTRY_COMPARE(test::eventsOf(m_c->store(), Kind::Shown, u"T-1249"_s).size(), 1);
        // The queue row now shows the draft's confidence.
        const int row = m_w->queueModel()->rowOf(u"T-1249"_s);
        QVERIFY(m_w->queueModel()->index(row, 0).data(QueueModel::HasDraftRole).toBool());
    }

    void editAndSendRecordsOneSentEditedEvent()
    {
        clickTicket(u"T-1249"_s);
        const QString draft = m_c->draft()->text;
        QPlainTextEdit *ed = editor();
        ed->setFocus();
        ed->moveCursor(QTextCursor::End);
        QTest::keyClicks(ed, u" Extra words here."_s);
        const QString final = ed->toPlainText();
        QCOMPARE(final, draft + u" Extra words here."_s);
        QTest::keyClick(ed, Qt::Key_Return, Qt::ControlModifier); // Send
        QVERIFY(m_c->hasPendingSend());
        QVERIFY(child<QWidget>(u"undoBox"_s)->isVisible());
        QVERIFY(ed->isReadOnly());
        QVERIFY(test::eventsOf(m_c->store(), Kind::SentEdited).isEmpty()); // held for undo
        QTRY_COMPARE(test::eventsOf(m_c->store(), Kind::SentEdited).size(), 1);
        const FeedbackEvent e = test::eventsOf(m_c->store(), Kind::SentEdited).first();
        QCOMPARE(e.ticketId, u"T-1249"_s);
        QCOMPARE(e.agent, u"alice"_s);
        QCOMPARE(e.finalText, final);
        QVERIFY(e.edit);
        QCOMPARE(e.edit->chars, 18);
        QCOMPARE(e.edit->words, 3);
        QCOMPARE(e.edit->kept, 1.0);
        QVERIFY(test::eventsOf(m_c->store(), Kind::SentAsIs).isEmpty());
        QTest::qWait(200);
        QCOMPARE(test::eventsOf(m_c->store(), Kind::SentEdited).size(), 1);
        QTRY_VERIFY(!child<QWidget>(u"undoBox"_s)->isVisible());
        QVERIFY(!m_w->findChild<QAction *>(u"sendAction"_s)->isEnabled());
        QVERIFY(child<QLabel>(u"outboxLabel"_s)->text().contains(QString::number(*m_c->store().outboxSize())));
        // Sending changed the ticket: the reply ends its thread, it is resolved, and the queue row and the
        // conversation on screen show it.
        auto t = m_c->store().ticket(u"T-1249"_s);
        QVERIFY(t && t->has_value());
        QCOMPARE((*t)->status, u"resolved"_s);
        QCOMPARE((*t)->messages.last().author, u"agent"_s);
        QCOMPARE((*t)->messages.last().body, final);
        const int row = m_w->queueModel()->rowOf(u"T-1249"_s);
        QCOMPARE(m_w->queueModel()->index(row, 0).data(QueueModel::StatusRole).toString(), u"resolved"_s);
        QVERIFY(child<QTextBrowser>(u"conversation"_s)->toPlainText().contains(u"Extra words here."_s));
    }

    void undoSendWithCtrlZ()
    {
        m_c->setUndoWindow(3000);
        clickTicket(u"T-1249"_s);
        QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(m_c->hasPendingSend());
        QTest::keyClick(editor(), Qt::Key_Z, Qt::ControlModifier); // the editor is frozen, so Ctrl+Z is Undo send
        QVERIFY(!m_c->hasPendingSend());
        QVERIFY(!editor()->isReadOnly());
        QVERIFY(test::eventsOf(m_c->store(), Kind::SentAsIs).isEmpty());
        QVERIFY(m_w->findChild<QAction *>(u"sendAction"_s)->isEnabled());
    }

    void rejectWithAReason()
    {
        clickTicket(u"T-1249"_s);
        QTest::mouseClick(child<QToolButton>(u"rejectActionButton"_s), Qt::LeftButton);
        RejectDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_w->findChild<RejectDialog *>(u"rejectDialog"_s)) && dialog->isVisible());
        auto *reason = dialog->findChild<QComboBox *>(u"rejectReason"_s);
        reason->setCurrentIndex(reason->findText(u"Other"_s));
        auto *ok = dialog->findChild<QPushButton *>(u"rejectOk"_s);
        QVERIFY(!ok->isEnabled()); // "Other" needs words
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"rejectNote"_s), u"quotes the old pricing"_s);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        const auto r = test::eventsOf(m_c->store(), Kind::Rejected);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].reason, u"other: quotes the old pricing"_s);
        QCOMPARE(r[0].draftId, m_c->draft()->id);
        QVERIFY(!m_w->findChild<QAction *>(u"sendAction"_s)->isEnabled());
    }

    void oneClickFlagStaysOnTheTicket()
    {
        clickTicket(u"T-1249"_s);
        const QString draftId = m_c->draft()->id;
        editor()->setFocus();
        QTest::keyClick(editor(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(child<QWidget>(u"flagReasonBar"_s)->isVisible()); // the optional reason is offered
        m_c->recordWaitingFlag();
        const auto f = test::eventsOf(m_c->store(), Kind::Flagged);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].draftId, draftId);
        QVERIFY(!f[0].sources.isEmpty());
        QCOMPARE(m_c->ticket()->id, u"T-1249"_s);
        QCOMPARE(m_c->draft()->id, draftId);
        QCOMPARE(queue()->currentIndex().data(QueueModel::TicketIdRole).toString(), u"T-1249"_s);
        // One click on the button too.
        QTest::mouseClick(child<QToolButton>(u"flagActionButton"_s), Qt::LeftButton);
        QVERIFY(m_c->isFlagAwaitingReason());
        m_c->recordWaitingFlag();
        QCOMPARE(test::eventsOf(m_c->store(), Kind::Flagged).size(), 2);
    }

    // 18.18: after the one-click flag a small bar asks why, without taking the focus or blocking the agent; a
    // reason picked there travels in the flag event.
    void flagReasonIsOfferedInlineAndTravelsInTheFlag()
    {
        clickTicket(u"T-1249"_s);
        editor()->setFocus();
        QTest::mouseClick(child<QToolButton>(u"flagActionButton"_s), Qt::LeftButton);
        auto *bar = child<QWidget>(u"flagReasonBar"_s);
        QVERIFY(bar->isVisible());
        editor()->setFocus();
        QTest::keyClicks(editor(), u"still typing"_s); // nothing modal: the reply takes the keys
        QVERIFY(editor()->toPlainText().contains(u"still typing"_s));
        auto *combo = child<QComboBox>(u"flagReasonCombo"_s);
        QCOMPARE(combo->currentIndex(), -1);
        combo->showPopup();
        QAbstractItemView *popup = combo->view();
        const int row = combo->findData(int(RejectReason::MissingInformation));
        QVERIFY(row >= 0);
        QTRY_VERIFY(popup->isVisible());
        QTest::mouseClick(popup->viewport(), Qt::LeftButton, {},
                          popup->visualRect(popup->model()->index(row, 0)).center());
        QTRY_VERIFY(!bar->isVisible());
        const auto f = test::eventsOf(m_c->store(), Kind::Flagged);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].reason, u"missing_information"_s);
    }

    // 18.18: closing the bar, or moving to another ticket, keeps the flag without a reason.
    void skippingTheReasonOrMovingOnKeepsTheFlag()
    {
        clickTicket(u"T-1249"_s);
        QTest::mouseClick(child<QToolButton>(u"flagActionButton"_s), Qt::LeftButton);
        QTest::mouseClick(child<QToolButton>(u"flagReasonSkip"_s), Qt::LeftButton);
        QVERIFY(!child<QWidget>(u"flagReasonBar"_s)->isVisible());
        QCOMPARE(test::eventsOf(m_c->store(), Kind::Flagged, u"T-1249"_s).size(), 1);
        QTest::mouseClick(child<QToolButton>(u"flagActionButton"_s), Qt::LeftButton);
        QVERIFY(child<QWidget>(u"flagReasonBar"_s)->isVisible());
        clickTicket(u"T-1247"_s);
        QVERIFY(!child<QWidget>(u"flagReasonBar"_s)->isVisible());
        const auto f = test::eventsOf(m_c->store(), Kind::Flagged, u"T-1249"_s);
        QCOMPARE(f.size(), 2);
        QVERIFY(f[0].reason.isEmpty() && f[1].reason.isEmpty());
        QVERIFY(!m_c->isFlagAwaitingReason());
    }

    void regenerateAndEscalateShortcuts()
    {
        clickTicket(u"T-1249"_s);
        const QString first = m_c->draft()->id;
        QTest::keyClick(queue(), Qt::Key_R, Qt::ControlModifier);
        QTRY_VERIFY(m_c->draft().has_value() && m_c->draft()->id != first);
        QCOMPARE(test::eventsOf(m_c->store(), Kind::Regenerated).size(), 1);
        QTRY_COMPARE(test::eventsOf(m_c->store(), Kind::Shown, u"T-1249"_s).size(), 2);
        QTest::keyClick(queue(), Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(test::eventsOf(m_c->store(), Kind::Escalated).size(), 1);
    }

    void escalationBannerOnAnEscalatingTicket()
    {
        clickTicket(u"T-1249"_s);
        QVERIFY(!child<QFrame>(u"escalationBanner"_s)->isVisible());
        clickTicket(u"T-1247"_s); // a refund request: the rules send it to a human
        QVERIFY(m_c->draft()->escalation.escalate);
        QTRY_VERIFY(child<QFrame>(u"escalationBanner"_s)->isVisible());
        QVERIFY(child<QLabel>(u"escalationReasons"_s)->text().contains(u"Refund"_s));
        QTest::keyClick(queue(), Qt::Key_E, Qt::ControlModifier);
        const auto esc = test::eventsOf(m_c->store(), Kind::Escalated, u"T-1247"_s);
        QCOMPARE(esc.size(), 1);
        QVERIFY(esc[0].reason.contains(u"Refund"_s));
    }

    void keyboardNavigationSelectsTickets()
    {
        queue()->setFocus();
        QTest::keyClick(queue(), Qt::Key_Down);
        QTRY_VERIFY(m_c->ticket().has_value());
        const QString first = m_c->ticket()->id;
        QTest::keyClick(queue(), Qt::Key_Down);
        QTRY_VERIFY(m_c->ticket()->id != first);
        QTRY_VERIFY(m_c->draft().has_value() && m_c->draft()->ticketId == m_c->ticket()->id);
    }

    void knowledgeBrowserHighlightsMatches()
    {
        clickTicket(u"T-1249"_s);
        auto *sources = child<QTableView>(u"sourcesView"_s);
        int articleRow = -1;
        for (int r = 0; r < sources->model()->rowCount(); ++r)
            if (sources->model()->index(r, 0).data(SourcesModel::SourceKindRole).toString() == u"article"_s)
                articleRow = r;
        KnowledgeBrowser *browser = m_w->knowledgeBrowser();
        if (articleRow >= 0) {
            const QModelIndex i = sources->model()->index(articleRow, SourcesModel::TitleColumn);
            sources->scrollTo(i);
            const QPoint at = sources->visualRect(i).center();
            QVERIFY(sources->viewport()->rect().contains(at));
            QTest::mousePress(sources->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseRelease(sources->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseDClick(sources->viewport(), Qt::LeftButton, {}, at);
            QTRY_VERIFY(browser->isVisible());
            QCOMPARE(browser->currentArticle(), i.data(SourcesModel::SourceIdRole).toString());
        }
        browser->search(u"password"_s);
        QVERIFY(browser->resultCount() > 0);
        const QString html = browser->findChild<QTextBrowser *>(u"kbResults"_s)->toHtml();
        QVERIFY(html.contains(u"font-weight"_s) || html.contains(u"<b>"_s));
        QCOMPARE(KnowledgeBrowser::highlightSnippet(u"reset your [password] <now>"_s),
                 u"reset your <b>password</b> &lt;now&gt;"_s);
        QVERIFY(browser->showArticle(u"kb-reset-password"_s));
    }

    void insertSourceLink()
    {
        clickTicket(u"T-1249"_s);
        auto *sources = child<QTableView>(u"sourcesView"_s);
        int row = -1;
        for (int r = 0; r < sources->model()->rowCount() && row < 0; ++r)
            if (!sources->model()->index(r, 0).data(SourcesModel::UrlRole).toString().isEmpty())
                row = r;
        // T-1249's draft cites help-centre articles: a missing link is a regression, not a reason to skip.
        QVERIFY2(row >= 0, "no source with a link for T-1249");
        const QString url = sources->model()->index(row, 0).data(SourcesModel::UrlRole).toString();
        sources->setCurrentIndex(sources->model()->index(row, 0));
        auto *insert = child<QPushButton>(u"insertLinkButton"_s);
        QVERIFY(insert->isEnabled());
        editor()->moveCursor(QTextCursor::End);
        QTest::mouseClick(insert, Qt::LeftButton);
        QVERIFY(editor()->toPlainText().endsWith(url));
    }

    void statusBarAndInlineErrors()
    {
        QCOMPARE(child<QLabel>(u"modeLabel"_s)->text(), u"Offline — standalone mode"_s);
        QCOMPARE(child<QLabel>(u"syncLabel"_s)->text(), u"Last sync: never"_s);
        clickTicket(u"T-1249"_s);
        QTRY_VERIFY(child<QLabel>(u"outboxLabel"_s)->text().contains(u"1"_s)); // the shown event, after a moment
        m_c->store().db().failAfter(1, 13 /* SQLITE_FULL */);
        QTest::mouseClick(child<QToolButton>(u"flagActionButton"_s), Qt::LeftButton);
        auto *bar = child<QFrame>(u"messageBar"_s);
        QVERIFY(bar->isVisible());
        QVERIFY(child<QLabel>(u"messageText"_s)->text().contains(u"flagged"_s));
        QVERIFY(test::eventsOf(m_c->store(), Kind::Flagged).isEmpty());
        QTest::mouseClick(child<QToolButton>(u"messageClose"_s), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
    }

    // Settings → Theme switches the whole application's palette at once and is kept in the store; the colours
    // the client paints itself follow and stay readable on both palettes.
    void themeSwitchesThePaletteAndPersists()
    {
        clickTicket(u"T-1249"_s);
        const QPalette original = QApplication::palette();
        auto chooseTheme = [&](const QString &name) {
            m_w->findChild<QAction *>(u"settingsAction"_s)->trigger();
            SettingsDialog *dialog = nullptr;
            QTRY_VERIFY((dialog = m_w->findChild<SettingsDialog *>(u"settingsDialog"_s)) && dialog->isVisible());
            auto *theme = dialog->findChild<QComboBox *>(u"themeMode"_s);
            QVERIFY(theme);
            theme->setCurrentIndex(theme->findData(name));
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
            QTRY_VERIFY(!m_w->findChild<SettingsDialog *>(u"settingsDialog"_s));
        };
        auto checkReadable = [&] {
            using Role = Theme::Role;
            const QPalette p = QApplication::palette();
            const std::pair<QColor, QColor> pairs[] = {
                {Theme::color(Role::BannerText), Theme::color(Role::BannerBackground)},
                {Theme::color(Role::ErrorText), Theme::color(Role::ErrorBackground)},
                {Theme::color(Role::InfoText), Theme::color(Role::InfoBackground)},
                {p.color(QPalette::Text), Theme::color(Role::AgentMessage)},
                {p.color(QPalette::Text), Theme::color(Role::CustomerMessage)},
                {Theme::color(Role::MutedText), p.color(QPalette::Base)},
                {Theme::color(Role::Danger), p.color(QPalette::Window)},
                {Theme::color(Role::Escalation), p.color(QPalette::Base)},
                {Theme::color(Role::Enterprise), p.color(QPalette::Window)},
                {Theme::color(Role::HighlightText), Theme::color(Role::Highlight)},
                {p.color(QPalette::WindowText), p.color(QPalette::Window)},
            };
            for (const auto &[fg, bg] : pairs)
                QVERIFY2(Theme::contrast(fg, bg) >= 4.5,
                         qPrintable(u"%1 on %2: %3"_s.arg(fg.name(), bg.name()).arg(Theme::contrast(fg, bg))));
            for (const double c : {0.2, 0.6, 0.9}) {
                const QColor band = Theme::bandColor(c, 0.5);
                QVERIFY2(Theme::contrast(Theme::textOn(band), band) >= 4.5, qPrintable(band.name())); // the badge
                QVERIFY2(Theme::contrast(band, p.color(QPalette::Window)) >= 2.5, qPrintable(band.name())); // bold %
            }
            // The banner, meter and message bar were restyled for this palette.
            QVERIFY(child<QFrame>(u"escalationBanner"_s)->styleSheet().contains(
                Theme::color(Role::BannerBackground).name()));
            QVERIFY(child<QWidget>(u"confidenceMeter"_s)->styleSheet().contains(Theme::color(Role::MeterTrack).name()));
            m_w->showError(u"x"_s);
            QCOMPARE(child<QWidget>(u"messageBar"_s)->palette().color(QPalette::Window),
                     Theme::color(Role::ErrorBackground));
            QVERIFY(!m_w->grab().isNull());
        };

        chooseTheme(u"dark"_s);
        QVERIFY(Theme::isDark());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
        QCOMPARE(*m_c->store().setting(QString::fromUtf16(SettingsDialog::kThemeKey)), u"dark"_s);
        checkReadable();

        // Kept: the dialog opens on it again; Light switches back at once.
        m_w->findChild<QAction *>(u"settingsAction"_s)->trigger();
        SettingsDialog *again = nullptr;
        QTRY_VERIFY((again = m_w->findChild<SettingsDialog *>(u"settingsDialog"_s)) && again->isVisible());
        QCOMPARE(again->findChild<QComboBox *>(u"themeMode"_s)->currentData().toString(), u"dark"_s);
        again->reject();
        QTRY_VERIFY(!m_w->findChild<SettingsDialog *>(u"settingsDialog"_s));
        chooseTheme(u"light"_s);
        QVERIFY(!Theme::isDark());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
        QCOMPARE(*m_c->store().setting(QString::fromUtf16(SettingsDialog::kThemeKey)), u"light"_s);
        checkReadable();
        chooseTheme(u"system"_s);
        QCOMPARE(QApplication::palette().color(QPalette::Window), original.color(QPalette::Window));
        QCOMPARE(*m_c->store().setting(QString::fromUtf16(SettingsDialog::kThemeKey)), u"system"_s);
    }

    // Settings → Voice profile: a file is validated when chosen (a broken one is refused with its reason and changes
    // nothing), kept in the store on OK, and the next draft speaks in it; the shortcuts overview opens from there.
    void voiceProfileFromSettingsShapesTheNextDraft()
    {
        clickTicket(u"T-1249"_s);
        QVERIFY(!editor()->toPlainText().contains(u"Fair winds"_s));
        auto write = [&](const QString &name, const QByteArray &data) {
            QFile f(m_dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(data) == data.size());
        };
        write(u"broken.json"_s, "{\"sign_off\": [1, 2]}");
        write(u"harbour.json"_s, R"({"team": "Harbour Desk", "sign_off": "Fair winds,\n{agent} for the {team} crew"})");

        m_w->findChild<QAction *>(u"settingsAction"_s)->trigger();
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_w->findChild<SettingsDialog *>(u"settingsDialog"_s)) && dialog->isVisible());
        auto *voice = dialog->findChild<QLabel *>(u"voiceProfile"_s);
        QCOMPARE(voice->text(), u"Default voice"_s);

        QTest::mouseClick(dialog->findChild<QPushButton *>(u"shortcutsButton"_s), Qt::LeftButton);
        QMessageBox *shortcuts = nullptr;
        QTRY_VERIFY((shortcuts = dialog->findChild<QMessageBox *>(u"shortcutsBox"_s)) && shortcuts->isVisible());
        QVERIFY(shortcuts->text().contains(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
        shortcuts->accept();

        // Through the real file chooser: the broken file is refused and says why.
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"voiceChooseButton"_s), Qt::LeftButton);
        QFileDialog *chooser = nullptr;
        QTRY_VERIFY((chooser = dialog->findChild<QFileDialog *>(u"voiceFileDialog"_s)) && chooser->isVisible());
        chooser->selectFile(m_dir.filePath(u"broken.json"_s));
        static_cast<QDialog *>(chooser)->accept(); // QFileDialog::accept, as its Open button does
        QVERIFY2(voice->text().contains(u"not a usable voice profile"_s), qPrintable(voice->text()));
        QVERIFY(voice->text().contains(u"sign_off"_s));
        QVERIFY(!dialog->loadVoiceFile(m_dir.filePath(u"missing.json"_s)));
        QVERIFY(voice->text().contains(u"Cannot read"_s));

        QVERIFY(dialog->loadVoiceFile(m_dir.filePath(u"harbour.json"_s)));
        QVERIFY2(voice->text().contains(u"Harbour Desk (from harbour.json)"_s), qPrintable(voice->text()));
        QSignalSpy reloaded(m_c, &DraftController::engineLoaded);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY(!m_w->findChild<SettingsDialog *>(u"settingsDialog"_s));
        QVERIFY(m_c->store().setting(QString::fromUtf16(SettingsDialog::kVoiceKey))->contains(u"Harbour Desk"_s));
        QCOMPARE(SettingsDialog::engineConfig(m_c->store()).voice.team, u"Harbour Desk"_s);

        QTRY_COMPARE(reloaded.count(), 1);
        clickTicket(u"T-1250"_s);
        QTRY_VERIFY2(editor()->toPlainText().contains(u"Fair winds,\n"_s), qPrintable(editor()->toPlainText()));
        QVERIFY(editor()->toPlainText().endsWith(u" for the Harbour Desk crew"_s));

        // Default again: the setting is cleared and the default voice comes back.
        m_w->findChild<QAction *>(u"settingsAction"_s)->trigger();
        QTRY_VERIFY((dialog = m_w->findChild<SettingsDialog *>(u"settingsDialog"_s)) && dialog->isVisible());
        QVERIFY(dialog->findChild<QLabel *>(u"voiceProfile"_s)->text().contains(u"Harbour Desk"_s));
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"voiceResetButton"_s), Qt::LeftButton);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY(!m_w->findChild<SettingsDialog *>(u"settingsDialog"_s));
        QVERIFY(m_c->store().setting(QString::fromUtf16(SettingsDialog::kVoiceKey))->isEmpty());
        QCOMPARE(SettingsDialog::engineConfig(m_c->store()).voice.team, engine::VoiceProfile::defaults().team);
    }

    // Issue 18.2: an undone send gives the draft its own status line back, not "Sending…".
    void undoneSendRestoresTheDraftStatus()
    {
        m_c->setUndoWindow(3000);
        clickTicket(u"T-1249"_s);
        auto *status = child<QLabel>(u"draftStatus"_s);
        const QString shown = status->text();
        QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(status->text().startsWith(u"Sending"_s));
        QTest::keyClick(editor(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!m_c->hasPendingSend());
        QCOMPARE(status->text(), shown);
    }

    // Issue 18.3: before the agent has put the cursor anywhere, a link goes at the end of the body (before the
    // sign-off), never glued to the greeting; once they type, it goes where they type, spaced from the words.
    void insertLinkAtTheEndOfTheBodyOrWhereTheAgentTypes()
    {
        clickTicket(u"T-1249"_s);
        auto *sources = child<QTableView>(u"sourcesView"_s);
        int row = -1;
        for (int r = 0; r < sources->model()->rowCount() && row < 0; ++r)
            if (!sources->model()->index(r, 0).data(SourcesModel::UrlRole).toString().isEmpty())
                row = r;
        QVERIFY2(row >= 0, "no source with a link for T-1249");
        const QString url = sources->model()->index(row, 0).data(SourcesModel::UrlRole).toString();
        sources->setCurrentIndex(sources->model()->index(row, 0));
        const QString before = editor()->toPlainText();
        const qsizetype signOff = before.lastIndexOf(u"\n\n"_s);
        QVERIFY2(signOff > 0 && before.count(u"\n\n"_s) >= 2, qPrintable(before));
        QTest::mouseClick(child<QPushButton>(u"insertLinkButton"_s), Qt::LeftButton);
        QCOMPARE(editor()->toPlainText(), before.left(signOff) + u' ' + url + before.mid(signOff));
        QVERIFY(!editor()->toPlainText().startsWith(url));

        // The agent types at the end: the next link follows their words, with a space between.
        editor()->setFocus();
        editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor(), u" See"_s);
        QTest::mouseClick(child<QPushButton>(u"insertLinkButton"_s), Qt::LeftButton);
        QVERIFY2(editor()->toPlainText().endsWith(u" See "_s + url), qPrintable(editor()->toPlainText()));
    }

    // Issue 18.5: Enter runs the search and moves into the results; Down does too, before the typing pause is over.
    void downAndEnterMoveFromTheSearchIntoTheResults()
    {
        m_w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_w.get()));
        auto *search = child<QLineEdit>(u"queueSearch"_s);
        search->setFocus();
        QTest::keyClicks(search, u"T-1250"_s);
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(queue()->model()->rowCount(), 1);
        QTRY_VERIFY(queue()->hasFocus());
        QTRY_VERIFY(m_c->ticket() && m_c->ticket()->id == u"T-1250"_s);

        search->setFocus();
        search->selectAll();
        QTest::keyClicks(search, u"password"_s);
        QTest::keyClick(search, Qt::Key_Down);
        QVERIFY(queue()->model()->rowCount() >= 1);
        QTRY_VERIFY(queue()->hasFocus());
        QVERIFY(queue()->currentIndex().isValid());
    }

    // Issue 18.5: a search that matches nothing says so instead of showing a blank list.
    void searchWithoutMatchesSaysSo()
    {
        auto *empty = child<QLabel>(u"queueEmptyState"_s);
        QVERIFY(!empty->isVisible());
        QTest::keyClicks(child<QLineEdit>(u"queueSearch"_s), u"zzqxv"_s);
        QTRY_COMPARE(queue()->model()->rowCount(), 0);
        QTRY_VERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"No tickets match"_s));
        QVERIFY(empty->text().contains(u"zzqxv"_s));
        child<QLineEdit>(u"queueSearch"_s)->clear();
        QTRY_VERIFY(queue()->model()->rowCount() > 0);
        QVERIFY(!empty->isVisible());
    }

    // Issue 18.6 and 18.7: no label shows a literal "&"; the name field is the sign-off's, empty until set (the
    // team default is its placeholder), and saving settings does not change who the events are recorded under.
    void settingsShowNoLiteralAmpersandAndKeepTheAgent()
    {
        m_w->findChild<QAction *>(u"settingsAction"_s)->trigger();
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_w->findChild<SettingsDialog *>(u"settingsDialog"_s)) && dialog->isVisible());
        QStringList literal;
        for (QLabel *l : dialog->findChildren<QLabel *>())
            if (l->isVisible() && l->textFormat() != Qt::RichText &&
                QString(l->text()).remove(u"&&"_s).contains(u'&') && !l->buddy())
                literal << l->text();
        QVERIFY2(literal.isEmpty(), qPrintable(literal.join(u", "_s)));
        auto *name = dialog->findChild<QLineEdit *>(u"agentName"_s);
        QVERIFY(name->text().isEmpty());
        QCOMPARE(name->placeholderText(), engine::VoiceProfile::defaults().agent);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY(!m_w->findChild<SettingsDialog *>(u"settingsDialog"_s));
        QCOMPARE(m_c->agent(), u"alice"_s);
        QVERIFY(m_c->store().setting(QString::fromUtf16(SettingsDialog::kAgentKey))->isEmpty());
        clickTicket(u"T-1249"_s);
        QTRY_VERIFY(!test::eventsOf(m_c->store(), Kind::Shown, u"T-1249"_s).isEmpty());
        QCOMPARE(test::eventsOf(m_c->store(), Kind::Shown, u"T-1249"_s).last().agent, u"alice"_s);
    }

    // Issue 18.10: escalated and flagged are two marks with their own tooltips, and a flag is read from the store.
    void escalatedAndFlaggedTicketsHaveDistinctMarks()
    {
        QVERIFY(QueueModel::escalatedMark() != QueueModel::flaggedMark());
        clickTicket(u"T-1249"_s);
        QTest::mouseClick(child<QToolButton>(u"flagActionButton"_s), Qt::LeftButton);
        auto mark = [&](const QString &id, int role) {
            return m_w->queueModel()
                ->index(m_w->queueModel()->rowOf(id), QueueModel::EscalationColumn)
                .data(role)
                .toString();
        };
        QCOMPARE(mark(u"T-1249"_s, Qt::DisplayRole), QueueModel::flaggedMark());
        QVERIFY(mark(u"T-1249"_s, Qt::ToolTipRole).contains(u"flagged"_s));
        QVERIFY(!mark(u"T-1249"_s, Qt::ToolTipRole).contains(u"Escalated"_s));
        clickTicket(u"T-1247"_s); // the rules escalate a refund
        QTRY_COMPARE(mark(u"T-1247"_s, Qt::DisplayRole), QueueModel::escalatedMark());
        QVERIFY(mark(u"T-1247"_s, Qt::ToolTipRole).contains(u"Escalated"_s));
        QVERIFY(!mark(u"T-1247"_s, Qt::ToolTipRole).contains(u"flagged"_s));
        // The header names both marks.
        const QString header =
            m_w->queueModel()->headerData(QueueModel::EscalationColumn, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY(header.contains(QueueModel::escalatedMark()) && header.contains(QueueModel::flaggedMark()));
        // From the store, not from this session: a fresh model over it marks T-1249 flagged too.
        QueueModel fresh(&m_c->store());
        fresh.reload();
        QVERIFY(fresh.index(fresh.rowOf(u"T-1249"_s), 0).data(QueueModel::FlaggedRole).toBool());
        QVERIFY(!fresh.index(fresh.rowOf(u"T-1250"_s), 0).data(QueueModel::FlaggedRole).toBool());
    }

    // Issue 18.12: at the default window size the sources' titles are whole, and so are the subjects in the queue.
    void titlesAndSubjectsAreWholeAtTheDefaultSize()
    {
        QCOMPARE(m_w->size(), QSize(1440, 880));
        clickTicket(u"T-1249"_s);
        auto *sources = child<QTableView>(u"sourcesView"_s);
        const QFontMetrics fm(sources->font());
        for (int r = 0; r < sources->model()->rowCount(); ++r) {
            const QString title = sources->model()->index(r, SourcesModel::TitleColumn).data().toString();
            QVERIFY2(fm.horizontalAdvance(title) <= sources->columnWidth(SourcesModel::TitleColumn), qPrintable(title));
        }
        QFont bold = queue()->font();
        bold.setBold(true);
        const QFontMetrics qfm(bold);
        QStringList cut;
        const int rows = queue()->model()->rowCount();
        for (int r = 0; r < rows; ++r) {
            const QString subject = queue()->model()->index(r, QueueModel::SubjectColumn).data().toString();
            if (qfm.horizontalAdvance(subject) + 8 > queue()->columnWidth(QueueModel::SubjectColumn))
                cut << subject;
        }
        QVERIFY2(cut.size() * 10 <= rows, qPrintable(u"%1 of %2 cut at %3 px: %4"_s.arg(cut.size())
                                                         .arg(rows)
                                                         .arg(queue()->columnWidth(QueueModel::SubjectColumn))
                                                         .arg(cut.join(u" | "_s))));
    }

    // Issue 18.12: the knowledge base opens on the articles behind the current draft, with a hint, never blank.
    void knowledgeBrowserOpensOnTheDraftsArticles()
    {
        auto *browser = m_w->knowledgeBrowser();
        QVERIFY(browser->findChild<QTextBrowser *>(u"kbResults"_s)->toPlainText().contains(u"Select a ticket"_s));
        QVERIFY(!browser->findChild<QTextBrowser *>(u"kbArticle"_s)->placeholderText().isEmpty());
        clickTicket(u"T-1249"_s);
        QString title;
        for (const Source &s : m_c->draft()->sources)
            if (s.kind == u"article"_s && title.isEmpty())
                title = s.title;
        QVERIFY(!title.isEmpty());
        QTest::keyClick(queue(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(browser->isVisible());
        QVERIFY(browser->findChild<QTextBrowser *>(u"kbResults"_s)->toPlainText().contains(title));
        QVERIFY(browser->findChild<QLabel *>(u"kbSummary"_s)->text().contains(u"current draft"_s));
    }

    void everyControlHasAnAccessibleNameOrText()
    {
        clickTicket(u"T-1249"_s);
        QStringList missing;
        for (QWidget *w : m_w->findChildren<QWidget *>()) {
            if (!w->isVisible() || w->focusPolicy() == Qt::NoFocus)
                continue;
            QString text = w->accessibleName();
            if (auto *b = qobject_cast<QAbstractButton *>(w); b && text.isEmpty())
                text = b->text();
            if (text.isEmpty() && !w->objectName().startsWith(u"qt_"_s) && !w->inherits("QScrollBar") &&
                !w->inherits("QSplitterHandle") && !w->inherits("QHeaderView"))
                missing << u"%1(%2)"_s.arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

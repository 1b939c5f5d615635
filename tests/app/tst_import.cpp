// SPDX-License-Identifier: GPL-3.0-or-later
// Import from the client (issue 18, point 15): File ▸ Import… and drops on the real main window, offscreen, on a
// real demo store; the import's readers and store writes are understudyctl's. Every outcome is checked in the
// store: what an import adds, and that a bad file or Cancel leaves it exactly as it was.
#include "AppTestSupport.h"
#include "DraftController.h"
#include "ImportDialog.h"
#include "KnowledgeBrowser.h"
#include "MainWindow.h"
#include "QueueModel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::app;

namespace {

void write(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

/// @p n articles as JSONL, ids "quokka-<i>", each about quokka export settings.
QByteArray articlesJsonl(int n)
{
    QByteArray out;
    for (int i = 1; i <= n; ++i) {
        const QJsonObject a{
            {u"id"_s, u"quokka-%1"_s.arg(i)},
            {u"title"_s, u"Quokka export settings %1"_s.arg(i)},
            {u"body"_s, u"To export a quokka report, open Settings and choose Export. Step %1."_s.arg(i)},
            {u"url"_s, u"https://help.example/quokka-%1"_s.arg(i)},
            {u"language"_s, u"en"_s}};
        out += QJsonDocument(a).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}

/// What an import could change, to compare before and after.
QList<qint64> contentOf(store::Store &s)
{
    auto c = s.counts();
    if (!c)
        return {};
    auto generation = s.contentGeneration();
    return {c->tickets,  c->customers,      c->messages,
            c->articles, c->activeArticles, c->chunks,
            c->answers,  c->macros,         generation ? *generation : -1};
}

} // namespace

class TestImport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_w;
    DraftController *m_c = nullptr;
    int m_n = 0;

    QString file(const QString &name) { return m_dir.filePath(u"%1-%2"_s.arg(m_n).arg(name)); }
    QLabel *status(ImportDialog *d) { return d->findChild<QLabel *>(u"importStatus"_s); }
    void clickImport(ImportDialog *d)
    {
        QTest::mouseClick(d->findChild<QPushButton *>(u"importButton"_s), Qt::LeftButton);
    }

private Q_SLOTS:
    void init()
    {
        m_c = new DraftController(test::demoStore(m_dir, u"i%1.db"_s.arg(++m_n)));
        m_c->setAgent(u"alice"_s);
        m_w = std::make_unique<MainWindow>(m_c);
        m_c->loadEngine(engine::EngineConfig{});
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
        QTRY_VERIFY(m_c->engineReady());
    }
    void cleanup() { m_w.reset(); }

    void fileImportAsksForFilesWithoutBlocking()
    {
        auto *action = m_w->findChild<QAction *>(u"importAction"_s);
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
        action->trigger();
        QFileDialog *chooser = nullptr;
        QTRY_VERIFY((chooser = m_w->findChild<QFileDialog *>(u"importFileDialog"_s)) && chooser->isVisible());
        QCOMPARE(chooser->fileMode(), QFileDialog::ExistingFiles);
        chooser->reject();
    }

    void knowledgeFileIsImportedAndShownInTheKnowledgeBrowser()
    {
        const QString path = file(u"quokka.jsonl"_s);
        write(path, articlesJsonl(3));
        const qint64 articlesBefore = m_c->store().counts()->articles;
        QSignalSpy rebuilt(m_c, &DraftController::engineRebuilt);
        ImportDialog *d = m_w->importFiles({path});
        QVERIFY(d && d->isVisible());
        QCOMPARE(d->kind(), ImportKind::Knowledge); // guessed from the file: articles have a body
        clickImport(d);
        QTRY_VERIFY(d->job() && !d->job()->isRunning());
        QCOMPARE(d->job()->outcome().status, ImportOutcome::Status::Done);
        QVERIFY2(
            status(d)->text().contains(u"%1: 3 article(s) (3 added, 0 updated, 0 unchanged, 0 marked removed)"_s.arg(
                QFileInfo(path).fileName())),
            qPrintable(status(d)->text()));
        QCOMPARE(m_c->store().counts()->articles, articlesBefore + 3);
        // The articles are in the knowledge-base browser, and drafting takes them in (the engine is rebuilt).
        KnowledgeBrowser *kb = m_w->knowledgeBrowser();
        kb->search(u"quokka"_s);
        QCOMPARE(kb->resultCount(), 3);
        QVERIFY(kb->showArticle(u"quokka-2"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rebuilt.size() >= 1, 60000);
        QVERIFY(!d->findChild<QPushButton *>(u"importButton"_s)->isVisible()); // done: only Close is left
        QCOMPARE(d->findChild<QPushButton *>(u"importCancelButton"_s)->text(), u"Close"_s);
    }

    void ticketFileDroppedOnTheWindowIsImportedIntoTheQueue()
    {
        const QString path = file(u"new-tickets.jsonl"_s);
        QByteArray data;
        for (int i = 1; i <= 2; ++i)
            data +=
                QJsonDocument(
                    QJsonObject{{u"id"_s, u"T-900%1"_s.arg(i)},
                                {u"subject"_s, u"Imported from a drop %1"_s.arg(i)},
                                {u"status"_s, u"open"_s},
                                {u"customer"_s, QJsonObject{{u"id"_s, u"C-900"_s}, {u"name"_s, u"Ida Import"_s}}},
                                {u"messages"_s, QJsonArray{QJsonObject{{u"author"_s, u"customer"_s},
                                                                       {u"body"_s, u"How do I export my timesheets?"_s},
                                                                       {u"at"_s, u"2026-11-30T09:00:00Z"_s}}}}})
                    .toJson(QJsonDocument::Compact) +
                '\n';
        write(path, data);
        const QString other = file(u"picture.png"_s);
        write(other, "png");

        // A file no import reads is not taken.
        QMimeData wrong;
        wrong.setUrls({QUrl::fromLocalFile(other)});
        QDragEnterEvent refused(QPoint(200, 200), Qt::CopyAction, &wrong, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_w.get(), &refused);
        QVERIFY(!refused.isAccepted());

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_w.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_w.get(), &drop);
        ImportDialog *d = nullptr;
        QTRY_VERIFY((d = m_w->findChild<ImportDialog *>(u"importDialog"_s)) && d->isVisible());
        QCOMPARE(d->paths(), QStringList{path});
        QCOMPARE(d->kind(), ImportKind::Tickets); // guessed: a ticket has messages
        QCOMPARE(m_w->queueModel()->rowOf(u"T-9001"_s), -1);
        clickImport(d);
        QTRY_VERIFY(d->job() && !d->job()->isRunning());
        QVERIFY2(status(d)->text().contains(u"2 ticket(s) (2 added, 0 updated"_s), qPrintable(status(d)->text()));
        // The queue is read again: the new open tickets are listed at once.
        QVERIFY(m_w->queueModel()->rowOf(u"T-9001"_s) >= 0 || m_w->selectTicket(u"T-9001"_s));
        auto t = m_c->store().ticket(u"T-9002"_s);
        QVERIFY(t && t->has_value());
        QCOMPARE((*t)->subject, u"Imported from a drop 2"_s);
    }

    void malformedFileShowsItsErrorAndChangesNothing()
    {
        const QString good = file(u"good.jsonl"_s);
        write(good, articlesJsonl(2));
        const QString bad = file(u"bad.jsonl"_s);
        write(bad, articlesJsonl(1) + "{\"id\": \"broken\", \"title\": \n");
        const QList<qint64> before = contentOf(m_c->store());
        QVERIFY(!before.isEmpty());
        ImportDialog *d = m_w->importFiles({good, bad}); // every file is read before any is written
        clickImport(d);
        QTRY_VERIFY(d->job() && !d->job()->isRunning());
        QCOMPARE(d->job()->outcome().status, ImportOutcome::Status::Failed);
        const QString shown = status(d)->text();
        QVERIFY2(shown.contains(u"Nothing was imported"_s) && shown.contains(bad + u":2:"_s), qPrintable(shown));
        QCOMPARE(contentOf(m_c->store()), before);
        QVERIFY(!m_c->store().article(u"quokka-1"_s)->has_value());
        // The agent can pick another kind and try again: the button is back.
        QVERIFY(d->findChild<QPushButton *>(u"importButton"_s)->isEnabled());
    }

    void cancelMidImportLeavesTheStoreAsItWas()
    {
        const QString path = file(u"many.jsonl"_s);
        write(path, articlesJsonl(200));
        const QList<qint64> before = contentOf(m_c->store());
        ImportDialog *d = m_w->importFiles({path});
        // The import stops at its 50th record, inside the transaction, until the agent has pressed Cancel.
        QSemaphore reached;
        QSemaphore proceed;
        d->setRecordHook([&](qint64 done) {
            if (done == 50) {
                reached.release();
                proceed.acquire();
            }
        });
        clickImport(d);
        QTRY_VERIFY(reached.available() == 1);
        QVERIFY(d->job()->isRunning());
        auto *cancel = d->findChild<QPushButton *>(u"importCancelButton"_s);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(d->job()->isCancelling());
        QVERIFY(d->isVisible()); // Cancel says what happened; it does not close the dialog
        proceed.release();
        QTRY_VERIFY(!d->job()->isRunning());
        QCOMPARE(d->job()->outcome().status, ImportOutcome::Status::Cancelled);
        QVERIFY(d->job()->done() < 200); // it stopped where it was cancelled
        QVERIFY2(status(d)->text().contains(u"cancelled"_s), qPrintable(status(d)->text()));
        QCOMPARE(contentOf(m_c->store()), before);
        QVERIFY(!m_c->store().article(u"quokka-1"_s)->has_value());
        // The store is not left locked: the same file imports whole afterwards.
        d->setRecordHook({});
        clickImport(d);
        QTRY_VERIFY(!d->job()->isRunning());
        QCOMPARE(d->job()->outcome().status, ImportOutcome::Status::Done);
        QCOMPARE(m_c->store().counts()->articles, before.at(3) + 200);
    }
};

QTEST_MAIN(TestImport)
#include "tst_import.moc"

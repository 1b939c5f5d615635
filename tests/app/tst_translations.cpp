// SPDX-License-Identifier: GPL-3.0-or-later
// The embedded German and French catalogues: they load, known strings translate, the override switches
// and English falls back to the source strings; the main window comes up in German; no .ts entry is unfinished
// or vanished.
#include "AppTestSupport.h"
#include "DraftController.h"
#include "MainWindow.h"
#include "QueueModel.h"
#include "Translations.h"

#include <QAction>
#include <QApplication>
#include <QAbstractButton>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::app;

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Translations::apply(u"en"_s); }

    void germanCatalogue()
    {
        std::unique_ptr<QTranslator> de(Translations::load(QLocale(QLocale::German, QLocale::Germany)));
        QVERIFY(de);
        QCOMPARE(de->language(), u"de_DE"_s);
        QCOMPARE(de->translate("understudy::app::MainWindow", "&Send"), u"&Senden"_s);
        QCOMPARE(de->translate("understudy::app::RejectDialog", "Reject draft"), u"Entwurf ablehnen"_s);
        QCOMPARE(de->translate("understudy::app::SettingsDialog", "Interface &language:"),
                 u"&Sprache der Oberfläche:"_s);
        QCOMPARE(de->translate("understudy::app::KnowledgeBrowser", "%n match(es)", nullptr, 1), u"%n Treffer"_s);
    }

    void frenchCatalogue()
    {
        std::unique_ptr<QTranslator> fr(Translations::load(QLocale(QLocale::French)));
        QVERIFY(fr);
        QCOMPARE(fr->translate("understudy::app::MainWindow", "&Send"), u"&Envoyer"_s);
        QCOMPARE(fr->translate("understudy::app::MainWindow", "%n correction(s) waiting to be synced", nullptr, 3),
                 u"%n corrections en attente de synchronisation"_s);
    }

    void overrideSwitchesLanguage()
    {
        QVERIFY(Translations::apply(u"de"_s));
        QCOMPARE(QCoreApplication::translate("understudy::app::MainWindow", "&Quit"), u"&Beenden"_s);
        QVERIFY(Translations::apply(u"fr"_s));
        QCOMPARE(QCoreApplication::translate("understudy::app::MainWindow", "&Quit"), u"&Quitter"_s);
        QVERIFY(!Translations::apply(u"en"_s));
        QCOMPARE(QCoreApplication::translate("understudy::app::MainWindow", "&Quit"), u"&Quit"_s);
    }

    void mainWindowInGerman()
    {
        QVERIFY(Translations::apply(u"de"_s));
        QTemporaryDir dir;
        auto *controller = new DraftController(test::demoStore(dir));
        MainWindow window(controller);
        auto *send = window.findChild<QAction *>(u"sendAction"_s);
        QVERIFY(send);
        QCOMPARE(send->text(), u"&Senden"_s);
    }

    // German and French labels are longer: at the size the screenshot uses, and at the window's minimum size,
    // no button, check box or unwrapped label is narrower than its text, and every queue header title fits.
    void noClippedLabels_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        for (const QString &l : {u"en"_s, u"de"_s, u"fr"_s}) {
            QTest::addRow("%s 1440x880", qPrintable(l)) << l << QSize(1440, 880);
            QTest::addRow("%s 1366x768", qPrintable(l)) << l << QSize(1366, 768);
        }
    }
    void noClippedLabels()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        Translations::apply(language);
        QTemporaryDir dir;
        auto *controller = new DraftController(test::demoStore(dir));
        controller->setDraftFunction([](const Ticket &t, store::Store &) -> Result<Draft> {
            Draft d;
            d.ticketId = t.id;
            d.text = u"Hello"_s;
            d.confidence = 0.3;
            d.lowConfidence = true;
            d.escalation.escalate = true;
            d.escalation.reasons = {u"refund"_s};
            return d;
        });
        MainWindow window(controller);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectFirstTicket());
        QTRY_VERIFY(controller->draft().has_value());
        QApplication::processEvents();
        QStringList clipped;
        for (QWidget *w : window.findChildren<QWidget *>()) {
            if (!w->isVisible() || w->window() != &window)
                continue;
            const auto *label = qobject_cast<QLabel *>(w);
            const bool button = qobject_cast<QAbstractButton *>(w) != nullptr;
            if (!button && !(label && !label->wordWrap() && !label->text().isEmpty()))
                continue;
            if (w->width() < w->sizeHint().width())
                clipped << u"%1 \"%2\" %3 < %4"_s.arg(QString::fromLatin1(w->metaObject()->className()),
                                                      button ? qobject_cast<QAbstractButton *>(w)->text()
                                                             : label->text())
                               .arg(w->width())
                               .arg(w->sizeHint().width());
        }
        auto *view = window.findChild<QTableView *>(u"queueView"_s);
        QHeaderView *h = view->horizontalHeader();
        for (int c = 0; c < h->count(); ++c)
            if (!h->isSectionHidden(c) && c != QueueModel::SubjectColumn && h->sectionSize(c) < h->sectionSizeHint(c))
                clipped << u"header %1 %2 < %3"_s.arg(view->model()->headerData(c, Qt::Horizontal).toString())
                               .arg(h->sectionSize(c))
                               .arg(h->sectionSizeHint(c));
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(u"; "_s)));
    }

    void everyEntryFinished_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("de") << u"understudy_de.ts"_s;
        QTest::newRow("fr") << u"understudy_fr.ts"_s;
    }
    void everyEntryFinished()
    {
        QFETCH(QString, file);
        QFile ts(qEnvironmentVariable("UNDERSTUDY_SOURCE_DIR") + u"/translations/"_s + file);
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        const QByteArray text = ts.readAll();
        QVERIFY(text.contains("<translation"));
        QCOMPARE(text.count("type=\"unfinished\""), 0);
        // Vanished or obsolete entries mean the .ts was refreshed without the sources (or strings were dropped).
        QCOMPARE(text.count("type=\"vanished\""), 0);
        QCOMPARE(text.count("type=\"obsolete\""), 0);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Sync in the desktop client, offscreen: the Sign in dialog, the status bar (standalone, online, offline,
// signed out), claim conflicts in the message bar; against the in-memory server at the QNAM seam.
#include "../app/AppTestSupport.h"
#include "DraftController.h"
#include "FakeServer.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "SyncClient.h"
#include "SyncController.h"
#include "SyncTestUtil.h"
#include "SyncUi.h"
#include "TokenStore.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::app;
using namespace understudy::test;

class TestSyncUi : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<MainWindow> m_w;
    DraftController *m_c = nullptr;
    SyncController *m_sync = nullptr;
    FakeServerState m_server;
    std::unique_ptr<FakeNam> m_nam;
    sync::MemoryTokenStore m_tokens;

    QLabel *label(const QString &name) { return m_w->findChild<QLabel *>(name); }
    QString messageText() { return m_w->findChild<MessageBar *>(u"messageBar"_s)->text(); }

    void makeWindow(const std::function<void(store::Store &)> &prepare = {})
    {
        auto store = demoStore(m_dir, u"ui%1.db"_s.arg(++m_n));
        if (prepare)
            prepare(*store);
        m_c = new DraftController(std::move(store));
        m_w = std::make_unique<MainWindow>(m_c);
        m_sync = new SyncController(m_c->store(), &m_tokens, m_w.get());
        m_sync->setNetworkAccessManager(m_nam.get());
        m_sync->setTimings(60000, 20, 100);
        installSync(m_w.get(), m_sync);
        m_sync->restore();
        m_w->show();
    }

    void signInThroughTheDialog(const QString &password)
    {
        m_w->findChild<QAction *>(u"signInAction"_s)->trigger();
        LoginDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_w->findChild<LoginDialog *>()) != nullptr);
        auto *server = dialog->findChild<QLineEdit *>(u"serverEdit"_s);
        server->clear();
        QTest::keyClicks(server, u"http://fake.invalid:8470"_s);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"nameEdit"_s), u"alice"_s);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"passwordEdit"_s), password);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

private Q_SLOTS:
    void init()
    {
        m_server = FakeServerState{};
        m_server.passwords.insert(u"alice"_s, u"pw-alice"_s);
        m_nam = std::make_unique<FakeNam>(&m_server);
        m_tokens = sync::MemoryTokenStore{};
    }

    void cleanup()
    {
        m_w.reset();
        m_sync = nullptr;
    }

    void standaloneWithoutAServer()
    {
        makeWindow();
        QCOMPARE(m_sync->mode(), SyncController::Mode::Standalone);
        QCOMPARE(label(u"modeLabel"_s)->text(), u"Offline — standalone mode"_s);
        QVERIFY(!m_w->findChild<QAction *>(u"signOutAction"_s)->isEnabled());
        QVERIFY(m_w->findChild<QAction *>(u"signInAction"_s)->isEnabled());
        QVERIFY(m_server.log.isEmpty()); // not a single request
    }

    void wrongPasswordIsShownInTheDialog()
    {
        makeWindow();
        signInThroughTheDialog(u"nope"_s);
        auto *dialog = m_w->findChild<LoginDialog *>();
        auto *status = dialog->findChild<QLabel *>(u"loginStatus"_s);
        QTRY_VERIFY(status->text().contains(u"wrong name or password"_s));
        QVERIFY(dialog->isVisible());
        QCOMPARE(m_sync->mode(), SyncController::Mode::Standalone);
    }

    void signInSyncsAndShowsOnline()
    {
        makeWindow();
        m_server.addChange(u"ticket"_s, u"SRV-1"_s, json::toJson(makeTicket(u"SRV-1"_s, u"From the server"_s)));
        signInThroughTheDialog(u"pw-alice"_s);
        QTRY_VERIFY(m_w->findChild<LoginDialog *>() == nullptr || !m_w->findChild<LoginDialog *>()->isVisible());
        QTRY_COMPARE(label(u"modeLabel"_s)->text(), u"Online — alice"_s);
        QTRY_VERIFY(label(u"syncLabel"_s)->text() != u"Last sync: never"_s);
        QVERIFY(m_c->store().ticket(u"SRV-1"_s)->has_value());
        QCOMPARE(*m_c->store().setting(u"sync.server"_s), u"http://fake.invalid:8470"_s);
        QCOMPARE(*m_c->store().setting(u"sync.user"_s), u"alice"_s);
        QCOMPARE(m_tokens.tokens().size(), 1);
        QVERIFY(m_w->findChild<QAction *>(u"signOutAction"_s)->isEnabled());

        // The server goes away: offline, queued.
        m_server.inject[u"POST /events"_s] = {0, 0, 0, 0, 0, 0, 0, 0};
        QVERIFY(m_c->store().recordEvent(makeEvent(FeedbackEvent::Kind::Shown, u"SRV-1"_s)));
        Q_EMIT m_c->eventRecorded(u"SRV-1"_s, u"shown"_s);
        QTRY_COMPARE_WITH_TIMEOUT(label(u"modeLabel"_s)->text(), u"Offline — queued"_s, 5000);
        QTRY_VERIFY(messageText().contains(u"offline"_s, Qt::CaseInsensitive));
        // ...and back: the queued event goes out, the outbox label follows.
        QTRY_COMPARE_WITH_TIMEOUT(label(u"modeLabel"_s)->text(), u"Online — alice"_s, 10000);
        QTRY_COMPARE(*m_c->store().outboxSize(), 0);
        QTRY_VERIFY(label(u"outboxLabel"_s)->text().contains(u'0'));
    }

    void restoredFromTheKeyringAtStartup()
    {
        m_tokens.write(sync::TokenStore::accountKey(u"http://fake.invalid:8470"_s, u"alice"_s), u"tok-1"_s,
                       [](Status) {});
        m_server.tokens.insert(u"tok-1"_s, u"alice"_s);
        makeWindow([](store::Store &s) {
            QVERIFY(s.setSetting(u"sync.server"_s, u"http://fake.invalid:8470"_s));
            QVERIFY(s.setSetting(u"sync.user"_s, u"alice"_s));
        });
        QTRY_COMPARE(label(u"modeLabel"_s)->text(), u"Online — alice"_s);
        QVERIFY(m_server.log.contains(u"GET /changes"_s));

        // Revoked on the server: signed out, said so, and the action offers to sign in again.
        m_server.tokens.clear();
        m_sync->client()->syncNow();
        QTRY_COMPARE(m_sync->mode(), SyncController::Mode::SignedOut);
        QVERIFY(label(u"modeLabel"_s)->text().startsWith(u"Signed out"_s));
        QVERIFY(messageText().contains(u"Signed out"_s));
        QVERIFY(m_tokens.tokens().isEmpty());
        QVERIFY(!m_w->findChild<QAction *>(u"signOutAction"_s)->isEnabled());
    }

    void claimConflictIsShownToTheLoser()
    {
        m_tokens.write(sync::TokenStore::accountKey(u"http://fake.invalid:8470"_s, u"alice"_s), u"tok-1"_s,
                       [](Status) {});
        m_server.tokens.insert(u"tok-1"_s, u"alice"_s);
        m_server.claims.insert(u"T-1"_s, u"bob"_s);
        makeWindow([](store::Store &s) {
            QVERIFY(s.setSetting(u"sync.server"_s, u"http://fake.invalid:8470"_s));
            QVERIFY(s.setSetting(u"sync.user"_s, u"alice"_s));
            QVERIFY(s.recordEvent(makeEvent(FeedbackEvent::Kind::SentAsIs, u"T-1"_s, u"Hello"_s)));
        });
        QTRY_VERIFY(messageText().contains(u"T-1"_s));
        QVERIFY2(messageText().contains(u"bob"_s) && messageText().contains(u"NOT sent"_s), qPrintable(messageText()));
    }
};

QTEST_MAIN(TestSyncUi)
#include "tst_syncui.moc"

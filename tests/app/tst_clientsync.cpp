// SPDX-License-Identifier: GPL-3.0-or-later
// The client's sync as an agent lives it, offscreen, against the in-memory server at the QNAM seam (issue 18):
// the offline notice goes once the server is back, the queue follows a sync, the account is the agent, a missing
// keyring is a plain notice with a session-only choice, and a probe brings the client back within seconds.
#include "AppTestSupport.h"
#include "DraftController.h"
#include "FakeServer.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "QueueModel.h"
#include "SyncClient.h"
#include "SyncController.h"
#include "SyncTestUtil.h"
#include "SyncUi.h"
#include "TokenStore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::app;
using namespace understudy::test;

namespace {
const QString kServer = u"http://fake.invalid:8470"_s;
}

class TestClientSync : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<MainWindow> m_w;
    DraftController *m_c = nullptr;
    SyncController *m_sync = nullptr;
    FakeServerState m_server;
    std::unique_ptr<FakeNam> m_nam;
    sync::MemoryTokenStore m_tokens;

    MessageBar *bar() { return m_w->findChild<MessageBar *>(u"messageBar"_s); }
    QLabel *modeLabel() { return m_w->findChild<QLabel *>(u"modeLabel"_s); }

    /// The window on a demo store; with @p signedInAs, restored as that account (a token in the keyring).
    void makeWindow(const QString &signedInAs = {}, int backoffMs = 20)
    {
        auto store = demoStore(m_dir, u"cs%1.db"_s.arg(++m_n));
        if (!signedInAs.isEmpty()) {
            QVERIFY(store->setSetting(u"sync.server"_s, kServer));
            QVERIFY(store->setSetting(u"sync.user"_s, signedInAs));
            m_tokens.write(sync::TokenStore::accountKey(kServer, signedInAs), u"tok-"_s + signedInAs, [](Status) {});
            m_server.tokens.insert(u"tok-"_s + signedInAs, signedInAs);
        }
        m_c = new DraftController(std::move(store));
        m_c->setAgent(u"someone-else"_s);
        m_w = std::make_unique<MainWindow>(m_c);
        m_sync = new SyncController(m_c->store(), &m_tokens, m_w.get());
        m_sync->setNetworkAccessManager(m_nam.get());
        m_sync->setTimings(3600000, backoffMs, backoffMs);
        m_sync->setProbeInterval(50);
        installSync(m_w.get(), m_sync);
        m_sync->restore();
        m_w->show();
    }

private Q_SLOTS:
    void init()
    {
        m_server = FakeServerState{};
        m_nam = std::make_unique<FakeNam>(&m_server);
        m_tokens = sync::MemoryTokenStore{};
    }

    void cleanup()
    {
        m_w.reset();
        m_sync = nullptr;
    }

    // 18.1: "Working offline …" is withdrawn by the first sync that succeeds.
    void offlineNoticeGoesWhenTheServerIsBack()
    {
        m_server.inject[u"GET /changes"_s] = {0};
        makeWindow(u"alice"_s);
        QTRY_VERIFY(bar()->text().contains(u"Working offline"_s));
        QTRY_COMPARE(m_sync->mode(), SyncController::Mode::Online);
        QTRY_VERIFY(!bar()->isVisible());
        QVERIFY(bar()->text().isEmpty());
        // A message of another kind stays: only the offline notice is withdrawn.
        bar()->showMessage(u"Something else"_s);
        m_sync->client()->syncNow();
        QTRY_COMPARE(m_sync->mode(), SyncController::Mode::Online);
        QCOMPARE(bar()->text(), u"Something else"_s);
    }

    // 18.4: a ticket the sync marked resolved leaves the open queue at once, without touching a filter.
    void queueFollowsASync()
    {
        makeWindow(u"alice"_s);
        QTRY_COMPARE(m_sync->mode(), SyncController::Mode::Online);
        QVERIFY(m_w->queueModel()->rowOf(u"T-1249"_s) >= 0);
        auto t = m_c->store().ticket(u"T-1249"_s);
        QVERIFY(t && t->has_value());
        Ticket resolved = **t;
        resolved.status = u"resolved"_s;
        m_server.addChange(u"ticket"_s, resolved.id, json::toJson(resolved));
        m_server.addChange(u"ticket"_s, u"SRV-9"_s,
                           json::toJson(makeTicket(u"SRV-9"_s, u"Brand new from the server"_s)));
        const qint64 before = m_w->queueModel()->totalRows();
        m_sync->client()->syncNow();
        QTRY_COMPARE(m_w->queueModel()->rowOf(u"T-1249"_s), -1);
        QCOMPARE(m_w->queueModel()->totalRows(), before); // one resolved, one new
        // SRV-9 is counted; it is listed once paged in (new tickets sort by age like the rest).
        QVERIFY(m_c->store().ticket(u"SRV-9"_s)->has_value());
    }

    // 18.7: signed in, events are recorded under the account, not a name given elsewhere or the sign-off.
    void theAccountIsTheAgent()
    {
        makeWindow(u"bob"_s);
        QTRY_COMPARE(m_c->agent(), u"bob"_s);
        m_c->loadEngine(engine::EngineConfig{});
        QTRY_VERIFY(m_c->engineReady());
        QVERIFY(m_w->selectTicket(u"T-1249"_s));
        QTRY_VERIFY(m_c->draft().has_value());
        QTRY_COMPARE(eventsOf(m_c->store(), FeedbackEvent::Kind::Shown, u"T-1249"_s).size(), 1);
        const auto shown = eventsOf(m_c->store(), FeedbackEvent::Kind::Shown, u"T-1249"_s);
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown[0].agent, u"bob"_s);
    }

    // 18.11: no keyring is a notice in the GUI's own words (no command-line options); "remember" unticked keeps
    // the sign-in for this session only and never touches the keyring.
    void noKeyringIsANoticeWithASessionOnlyChoice()
    {
        makeWindow();
        auto signIn = [&](bool remember) {
            m_w->findChild<QAction *>(u"signInAction"_s)->trigger();
            LoginDialog *dialog = nullptr;
            QTRY_VERIFY((dialog = m_w->findChild<LoginDialog *>()) != nullptr && dialog->isVisible());
            auto *server = dialog->findChild<QLineEdit *>(u"serverEdit"_s);
            server->setText(kServer);
            dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"alice"_s);
            dialog->findChild<QLineEdit *>(u"passwordEdit"_s)->setText(u"pw-alice"_s);
            auto *check = dialog->findChild<QCheckBox *>(u"rememberCheck"_s);
            QVERIFY(check && check->isChecked());
            check->setChecked(remember);
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
            QTRY_VERIFY(!dialog->isVisible());
        };
        m_tokens.failNext(sync::KeychainTokenStore::describeError(0, u"org.freedesktop.secrets was not provided"_s));
        signIn(true);
        QTRY_VERIFY(bar()->text().contains(u"for this session only"_s));
        QVERIFY(!bar()->text().contains(u"--password-stdin"_s));
        QVERIFY(!bar()->text().contains(u"UNDERSTUDY_TOKEN"_s));
        QVERIFY(bar()->text().contains(u"GNOME Keyring"_s));
        QTRY_COMPARE(m_sync->mode(), SyncController::Mode::Online);

        m_w->findChild<QAction *>(u"signOutAction"_s)->trigger();
        QTRY_COMPARE(m_sync->mode(), SyncController::Mode::SignedOut);
        bar()->withdraw(bar()->text());
        signIn(false);
        QTRY_COMPARE(m_sync->mode(), SyncController::Mode::Online);
        QVERIFY(m_tokens.tokens().isEmpty()); // nothing went to the keyring
        QVERIFY(!bar()->text().contains(u"keyring"_s));
    }

    // 18.12: once the server answers again, the client is online within a probe, not at the end of its backoff.
    void backOnlineSoonAfterTheServerReturns()
    {
        // Down for the first sync and the first probes; the sync's own retry is an hour away.
        m_server.inject[u"GET /changes"_s] = {0};
        m_server.inject[u"GET /health"_s] = {0, 0, 0};
        makeWindow(u"alice"_s, 3600000);
        QTRY_COMPARE(m_sync->mode(), SyncController::Mode::Offline);
        // Only a probe can bring it back before the hour is out.
        QTRY_COMPARE_WITH_TIMEOUT(m_sync->mode(), SyncController::Mode::Online, 15000);
        QCOMPARE(m_server.log.count(u"GET /health"_s), 4); // three refused, the fourth answered
    }
};

QTEST_MAIN(TestClientSync)
#include "tst_clientsync.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop client's sync against the real understudy-server on 127.0.0.1 (issue 18, point 12), offscreen: the
// server stops and comes back on the same port, and the client is online again by its probe (its own sync retry
// is an hour away); the client quits while its push hangs on a server that accepts and never answers, and what
// it recorded is still in the outbox at the next start, then reaches the server.
#include "AppTestSupport.h"
#include "DraftController.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "RealServer.h"
#include "SyncClient.h"
#include "SyncController.h"
#include "SyncUi.h"
#include "TokenStore.h"

#include <understudy/Json.h>

#include <QApplication>
#include <QLabel>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::app;
using namespace understudy::test;

namespace {
const QString kPassword = u"password-123"_s;
const int kHour = 3600000;
} // namespace

/// Accepts connections on a port and never answers: a hung server (requests stay in flight).
class HungServer : public QObject {
public:
    bool listen(quint16 port) { return m_server.listen(QHostAddress::LocalHost, port); }
    QByteArray received() const { return m_received; }
    HungServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                connect(s, &QTcpSocket::readyRead, this, [this, s] { m_received += s->readAll(); });
        });
    }

private:
    QTcpServer m_server;
    QByteArray m_received;
};

class TestClientSyncLive : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<RealServer> m_server;
    sync::MemoryTokenStore m_tokens;
    std::unique_ptr<MainWindow> m_w;
    DraftController *m_c = nullptr;
    SyncController *m_sync = nullptr;
    QString m_dbPath;

    /// The window on a fresh demo store, signed in to the real server as alice; no periodic sync, and a failed
    /// sync is retried only an hour later (so only the probe can bring the client back soon).
    void signedInWindow()
    {
        m_dbPath = m_dir.filePath(u"live%1.db"_s.arg(++m_n));
        auto store = demoStore(m_dir, QFileInfo(m_dbPath).fileName());
        QVERIFY(store);
        m_c = new DraftController(std::move(store));
        m_w = std::make_unique<MainWindow>(m_c);
        m_sync = new SyncController(m_c->store(), &m_tokens, m_w.get());
        m_sync->setTimings(kHour, kHour, kHour);
        m_sync->setProbeInterval(300);
        installSync(m_w.get(), m_sync);
        m_w->show();
        m_sync->signIn(QUrl(m_server->url()), u"alice"_s, kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(m_sync->mode(), SyncController::Mode::Online, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(*m_c->store().outboxSize(), 0, 30000); // the demo's history went up
    }

    QString modeText() { return m_w->findChild<QLabel *>(u"modeLabel"_s)->text(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!RealServer::executable().isEmpty(), "understudy-server is not built");
        m_server = std::make_unique<RealServer>();
        QString error;
        QVERIFY2(m_server->addUser(u"alice"_s, kPassword, u"agent"_s, &error), qPrintable(error));
        QVERIFY2(m_server->addUser(u"lead"_s, kPassword, u"lead"_s, &error), qPrintable(error));
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.reset(); }

    void cleanup()
    {
        m_w.reset();
        m_sync = nullptr;
        m_c = nullptr;
        if (!m_server->isRunning()) {
            QString error;
            QVERIFY2(m_server->start(&error), qPrintable(error));
        }
    }

    // The server stops: the client goes offline and says so. It comes back on the same port: the client's probe
    // finds it and the client is online again, the offline notice gone, long before its own retry (an hour).
    void backOnlineByTheProbeWhenTheServerReturns()
    {
        signedInWindow();
        QVERIFY(modeText().startsWith(u"Online"_s));
        m_server->stop();
        m_sync->client()->syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(m_sync->mode(), SyncController::Mode::Offline, 15000);
        auto *bar = m_w->findChild<MessageBar *>(u"messageBar"_s);
        QTRY_VERIFY(bar->text().contains(u"Working offline"_s));
        QVERIFY(modeText().startsWith(u"Offline"_s));
        QVERIFY(m_sync->client()->retryPending()); // the sync's own retry: an hour away
        // Several probes fail meanwhile (connection refused), so the interval has grown to its cap.
        QTest::qWait(1500);
        QCOMPARE(m_sync->mode(), SyncController::Mode::Offline);

        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(m_sync->mode(), SyncController::Mode::Online, 15000);
        QVERIFY(modeText().startsWith(u"Online"_s));
        QTRY_VERIFY(!bar->text().contains(u"Working offline"_s));
    }

    // Quitting while a push hangs (the server accepts and never answers) waits on nothing and loses nothing:
    // the event is in the outbox at the next start, and reaches the server once it is back.
    void quittingWithAPushInFlightLosesNothing()
    {
        signedInWindow();
        const quint16 port = quint16(QUrl(m_server->url()).port());
        m_server->stop();
        auto hung = std::make_unique<HungServer>();
        QVERIFY(hung->listen(port));

        m_c->loadEngine(engine::EngineConfig{});
        QTRY_VERIFY_WITH_TIMEOUT(m_c->engineReady(), 30000);
        QVERIFY(m_w->selectTicket(u"T-1249"_s));
        QTRY_COMPARE_WITH_TIMEOUT(eventsOf(m_c->store(), FeedbackEvent::Kind::Shown, u"T-1249"_s).size(), 1, 15000);
        const QString shownId = eventsOf(m_c->store(), FeedbackEvent::Kind::Shown, u"T-1249"_s).first().id;
        // The push is on the wire to the hung server (a second after the action) and gets no answer.
        QTRY_VERIFY_WITH_TIMEOUT(hung->received().contains("POST /api/v1/events"), 15000);
        QCOMPARE(m_sync->mode(), SyncController::Mode::Syncing);

        // Quit: the window, the controller and the sync go, as at the end of the application.
        m_w.reset();
        m_sync = nullptr;
        m_c = nullptr;

        // The next start: the event waits in the outbox.
        auto reopened = store::Store::open(m_dbPath);
        QVERIFY(reopened);
        auto outbox = (*reopened)->outbox(1000);
        QVERIFY(outbox);
        QStringList ids;
        for (const FeedbackEvent &e : *outbox)
            ids << e.id;
        QVERIFY(ids.contains(shownId));

        // The server is back: the restored client sends it.
        hung.reset();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        SyncController again(**reopened, &m_tokens);
        again.setTimings(kHour, 200, 1000);
        again.restore();
        QTRY_COMPARE_WITH_TIMEOUT(*(*reopened)->outboxSize(), 0, 30000);
        const QString lead = m_server->token(u"lead"_s, kPassword);
        bool onServer = false;
        for (const QJsonObject &e : m_server->eventLog(lead))
            onServer = onServer || e.value(u"id"_s).toString() == shownId;
        QVERIFY(onServer);
    }
};

QTEST_MAIN(TestClientSyncLive)
#include "tst_clientsync_live.moc"

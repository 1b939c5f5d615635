// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncController.h"

#include "StatsClient.h"
#include "Store.h"
#include "SyncClient.h"
#include "TokenStore.h"

#include <understudy/Json.h>

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace understudy::app {

Q_LOGGING_CATEGORY(lcSyncUi, "understudy.app.sync", QtInfoMsg)

namespace {
const QString kServerSetting = u"sync.server"_s;
const QString kUserSetting = u"sync.user"_s;
const QString kRoleSetting = u"sync.role"_s;

QString urlText(const QUrl &url)
{
    QString s = url.toString();
    while (s.endsWith(u'/'))
        s.chop(1);
    return s;
}
} // namespace

SyncController::SyncController(store::Store &store, sync::TokenStore *tokens, QObject *parent)
    : QObject(parent), m_store(store), m_tokens(tokens)
{
    if (!m_tokens) {
        m_ownTokens = std::make_unique<sync::KeychainTokenStore>();
        m_tokens = m_ownTokens.get();
    }
    m_probe.setSingleShot(true);
    connect(&m_probe, &QTimer::timeout, this, &SyncController::probe);
}

SyncController::~SyncController()
{
    // Quitting waits on no answer: the probe and the client's requests are aborted (SyncClient's destructor).
    if (m_probeReply) {
        m_probeReply->disconnect(this);
        m_probeReply->abort();
    }
}

void SyncController::setTimings(int intervalMs, int backoffBaseMs, int backoffCapMs)
{
    m_intervalMs = intervalMs;
    m_backoffBaseMs = backoffBaseMs;
    m_backoffCapMs = backoffCapMs;
}

QDateTime SyncController::lastSync() const
{
    return m_client ? m_client->lastSync() : QDateTime();
}

void SyncController::setMode(Mode mode)
{
    if (mode == Mode::Offline && m_probeMs > 0) {
        if (!m_probe.isActive() && !m_probeReply)
            scheduleProbe();
    } else if (mode != Mode::Offline) {
        m_probe.stop();
        // Online again (or not syncing at all): the next outage starts with quick probes. A retry of the sync
        // (Syncing between two Offline) keeps the interval reached.
        if (mode != Mode::Syncing)
            m_probeDelayMs = std::min(kFirstProbeMs, m_probeMs);
    }
    if (m_mode == mode)
        return;
    m_mode = mode;
    qCInfo(lcSyncUi) << "mode" << mode;
    Q_EMIT modeChanged(mode);
}

void SyncController::scheduleProbe()
{
    const double spread = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    m_probe.start(std::max(1, int(m_probeDelayMs * spread)));
}

void SyncController::probe()
{
    if (!m_client || m_probeReply || m_mode != Mode::Offline)
        return;
    QNetworkAccessManager *nam = m_nam;
    if (!nam) {
        if (!m_probeNam)
            m_probeNam = new QNetworkAccessManager(this);
        nam = m_probeNam;
    }
    QUrl url = m_server;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + u"/api/v1/health"_s);
    QNetworkRequest request(url);
    // A server that accepts and never answers holds no probe for long.
    request.setTransferTimeout(std::clamp(m_probeMs, 500, 5000));
    QNetworkReply *reply = nam->get(request);
    m_probeReply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_probeReply.clear();
        if (m_mode != Mode::Offline)
            return;
        // Any HTTP answer (even an error status) means the server is reachable again: sync now. Else the next
        // probe waits twice as long, up to probeInterval().
        const bool answered = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() > 0;
        if (answered && m_client) {
            m_client->syncNow();
            return;
        }
        m_probeDelayMs = std::min(2 * m_probeDelayMs, m_probeMs);
        if (m_probeMs > 0)
            scheduleProbe();
    });
}

void SyncController::setRole(const QString &role)
{
    if (role.isEmpty() || role == m_role)
        return;
    m_role = role;
    if (auto s = m_store.setSetting(kRoleSetting, role); !s)
        Q_EMIT message(tr("Cannot keep the role: %1").arg(s.error().message), true);
    Q_EMIT roleChanged(role);
}

void SyncController::fetchRole()
{
    if (!m_client || !m_client->isSignedIn())
        return;
    auto *stats = new sync::StatsClient(m_client.get(), this);
    QPointer<SyncController> self(this);
    stats->get(u"session"_s, {}, [self, stats](Result<QJsonObject> session) {
        stats->deleteLater();
        if (self && session)
            self->setRole(session->value(u"role"_s).toString());
    });
}

void SyncController::updateMode()
{
    // A server counts as configured once a sign-in to it succeeded (or the settings name it): a failed first
    // attempt leaves the client standalone.
    if (!m_client || (!m_client->isSignedIn() && !m_configured))
        return setMode(m_configured ? Mode::SignedOut : Mode::Standalone);
    if (!m_client->isSignedIn())
        return setMode(Mode::SignedOut);
    switch (m_client->state()) {
    case sync::SyncClient::State::Offline:
        return setMode(Mode::Offline);
    case sync::SyncClient::State::Online:
        return setMode(Mode::Online);
    case sync::SyncClient::State::Syncing:
        return setMode(Mode::Syncing);
    }
}

void SyncController::makeClient(const QUrl &server)
{
    sync::SyncClient::Options o;
    o.intervalMs = m_intervalMs;
    o.backoffBaseMs = m_backoffBaseMs;
    o.backoffCapMs = m_backoffCapMs;
    m_client = std::make_unique<sync::SyncClient>(m_store, server, o);
    if (m_nam)
        m_client->setNetworkAccessManager(m_nam);
    // A private CA (understudyctl --ca-file keeps it, else $SSL_CERT_FILE): unreadable, it is said, never skipped.
    if (auto st = m_client->setCaFile(m_store.setting(u"sync.ca_file"_s).value_or(QString())); !st)
        Q_EMIT message(st.error().message, true);
    m_client->setTokenStore(m_tokens);
    m_server = server;
    using C = sync::SyncClient;
    connect(m_client.get(), &C::stateChanged, this, &SyncController::updateMode);
    connect(m_client.get(), &C::signedInChanged, this, &SyncController::updateMode);
    connect(m_client.get(), &C::outboxChanged, this, &SyncController::outboxChanged);
    connect(m_client.get(), &C::lastSyncChanged, this, &SyncController::lastSyncChanged);
    connect(m_client.get(), &C::claimConflict, this, [this](const QString &ticket, const QString &by) {
        Q_EMIT claimConflict(ticket, by);
        Q_EMIT message(tr("Ticket %1 is being handled by %2: your reply was NOT sent to the customer.")
                           .arg(ticket, by.isEmpty() ? tr("another agent") : by),
                       true);
    });
    connect(m_client.get(), &C::replyFailed, this, [this](const QString &ticket, const QString &why) {
        Q_EMIT message(tr("The server refused the reply to ticket %1: %2").arg(ticket, why), true);
    });
    connect(m_client.get(), &C::tokenStoreFailed, this, [this](const QString &why) {
        // The token works for this run; the keyring's own words (and the command-line alternatives) are for the log.
        qInfo("sign-in token not kept: %s", qPrintable(why));
        Q_EMIT message(tr("Signed in for this session only: no desktop keyring is available to remember the "
                          "sign-in, so you will be asked to sign in again at the next start. To stay signed in, "
                          "start GNOME Keyring or KWallet in your desktop session (Debian: install the "
                          "gnome-keyring package, then log in again)."),
                       false);
    });
    connect(m_client.get(), &C::signedOut, this, [this](const QString &reason) {
        updateMode();
        Q_EMIT message(
            tr("Signed out of %1: %2. Corrections stay queued until you sign in again.").arg(urlText(m_server), reason),
            true);
    });
    connect(m_client.get(), &C::syncFailed, this, [this](const QString &why, int retryInMs) {
        // Being offline is shown in the status bar; the message bar is for what needs the agent.
        if (retryInMs >= 0 && m_client->state() == C::State::Offline) {
            if (!m_warnedOffline) {
                m_offlineNotice =
                    tr("Working offline: %1. Corrections are queued and sent when the server is back.").arg(why);
                Q_EMIT message(m_offlineNotice, false);
            }
            m_warnedOffline = true;
            return;
        }
        if (m_client->isSignedIn())
            Q_EMIT message(tr("Sync failed: %1").arg(why), true);
    });
    connect(m_client.get(), &C::syncFinished, this, [this](const sync::SyncReport &report) {
        m_warnedOffline = false;
        if (!m_offlineNotice.isEmpty())
            Q_EMIT messageWithdrawn(std::exchange(m_offlineNotice, QString()));
        if (report.tickets > 0 || report.events > 0 || report.replies > 0 || report.conflicts > 0)
            Q_EMIT queueChanged();
        if (report.learned > 0 || !report.answerKeys.isEmpty())
            Q_EMIT teamLearned(report.answerKeys);
    });
}

void SyncController::restore()
{
    auto server = m_store.setting(kServerSetting);
    auto user = m_store.setting(kUserSetting);
    if (!server || !user) {
        Q_EMIT message(tr("Cannot read the sync settings: %1").arg((!server ? server.error() : user.error()).message),
                       true);
        return;
    }
    if (server->isEmpty())
        return setMode(Mode::Standalone);
    m_configured = true;
    m_user = *user;
    m_role = m_store.setting(kRoleSetting).value_or(QString());
    makeClient(QUrl(*server));
    updateMode();
    if (m_user.isEmpty())
        return;
    const QString account = sync::TokenStore::accountKey(urlText(m_server), m_user);
    QPointer<SyncController> self(this);
    m_tokens->read(account, [self](Result<QString> token) {
        if (!self || !self->m_client)
            return;
        if (!token) {
            qInfo("cannot read the sign-in token: %s", qPrintable(token.error().message));
            Q_EMIT self->message(tr("The desktop keyring cannot be read, so you are signed out. Sign in again "
                                    "(File ▸ Sign in…) for this session, or start GNOME Keyring or KWallet in your "
                                    "desktop session to stay signed in."),
                                 false);
            return;
        }
        if (token->isEmpty())
            return; // signed out: the status bar offers to sign in
        self->m_client->setCredentials(self->m_user, *token);
        self->m_client->start();
        self->updateMode();
        if (self->m_role.isEmpty())
            self->fetchRole();
    });
}

void SyncController::signIn(const QUrl &server, const QString &user, const QString &password, bool remember)
{
    if (!server.isValid() || (server.scheme() != u"http"_s && server.scheme() != u"https"_s) ||
        server.host().isEmpty()) {
        Q_EMIT signInFailed(tr("“%1” is not a server address (e.g. http://127.0.0.1:8470)").arg(server.toString()));
        return;
    }
    if (user.isEmpty() || password.isEmpty()) {
        Q_EMIT signInFailed(tr("Enter your name and password."));
        return;
    }
    if (!m_client || urlText(server) != urlText(m_server))
        makeClient(server);
    auto *client = m_client.get();
    if (remember) {
        client->setTokenStore(m_tokens);
    } else {
        if (!m_sessionTokens)
            m_sessionTokens = std::make_unique<sync::MemoryTokenStore>();
        client->setTokenStore(m_sessionTokens.get());
    }
    auto done = std::make_shared<QMetaObject::Connection>();
    auto failed = std::make_shared<QMetaObject::Connection>();
    *done = connect(client, &sync::SyncClient::loggedIn, this,
                    [this, done, failed](const QString &name, const QString &role) {
                        disconnect(*done);
                        disconnect(*failed);
                        m_user = name;
                        setRole(role);
                        m_configured = true;
                        if (auto s = m_store.setSetting(kServerSetting, urlText(m_server)); !s)
                            Q_EMIT message(tr("Cannot keep the server address: %1").arg(s.error().message), true);
                        if (auto s = m_store.setSetting(kUserSetting, name); !s)
                            Q_EMIT message(tr("Cannot keep the user name: %1").arg(s.error().message), true);
                        updateMode();
                        Q_EMIT signedIn(name);
                        m_client->start();
                    });
    *failed = connect(client, &sync::SyncClient::loginFailed, this, [this, done, failed](const QString &why) {
        disconnect(*done);
        disconnect(*failed);
        updateMode();
        Q_EMIT signInFailed(why);
    });
    client->login(user, password);
}

void SyncController::signOut()
{
    if (m_client)
        m_client->logout();
}

void SyncController::outboxGrew()
{
    if (m_client && m_client->isSignedIn())
        m_client->scheduleSync(1000);
}

} // namespace understudy::app

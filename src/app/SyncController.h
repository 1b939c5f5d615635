// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace understudy::store {
class Store;
}
namespace understudy::sync {
class MemoryTokenStore;
class SyncClient;
class TokenStore;
} // namespace understudy::sync

namespace understudy::app {

/// @brief The desktop client's side of sync, without widgets: which server and user (settings sync.server and
/// sync.user in the store), the token in the keyring, one SyncClient while signed in, and what the status bar
/// shows. With no server configured it does nothing at all (standalone mode).
///
/// While offline it asks the server's cheap GET /health, first after half a second, then at doubling intervals up
/// to probeInterval() (2 s), and syncs at once when any answer comes, so the client is back within a few seconds of the
/// server instead of at the end of the sync backoff. Nothing waits on the network when it goes: requests in flight
/// are aborted (what they carried is still in the store's outbox, sent at the next start).
class SyncController : public QObject {
    Q_OBJECT
public:
    enum class Mode {
        Standalone, ///< no server configured
        SignedOut,  ///< a server is configured but there is no valid token
        Offline,    ///< signed in; the server cannot be reached (work queues)
        Online,
        Syncing,
    };
    Q_ENUM(Mode)

    /// @brief @p store must outlive the controller; @p tokens (not owned) defaults to the desktop keyring.
    explicit SyncController(store::Store &store, sync::TokenStore *tokens = nullptr, QObject *parent = nullptr);
    ~SyncController() override;

    /// @brief Tests: the network access manager for the clients this controller creates (not owned).
    void setNetworkAccessManager(QNetworkAccessManager *nam) { m_nam = nam; }
    /// @brief Tests: retry and periodic-sync timings of the clients created from now on.
    void setTimings(int intervalMs, int backoffBaseMs, int backoffCapMs);
    /// @brief The longest wait between two probes of the server while offline (default 2 s; 0: never probe). Each wait
    /// is spread by ±20 % so the clients of a team do not all come back in the same instant..
    void setProbeInterval(int ms)
    {
        m_probeMs = ms;
        m_probeDelayMs = std::min(kFirstProbeMs, ms);
    }
    /// @brief The first probe after going offline comes this soon (or after probeInterval() when shorter).
    static constexpr int kFirstProbeMs = 500;
    int probeInterval() const { return m_probeMs; }

    Mode mode() const { return m_mode; }
    QUrl server() const { return m_server; }
    QString user() const { return m_user; }
    /// @brief "agent", "lead" or "admin" as the server said at the last sign-in (empty when unknown).
    QString role() const { return m_role; }
    QDateTime lastSync() const;
    sync::SyncClient *client() const { return m_client.get(); }

public Q_SLOTS:
    /// @brief At start-up: with a configured server, reads the token from the keyring and starts syncing.
    void restore();
    /// @brief Signs in to @p server as @p user; signedIn() or signInFailed(). With @p remember false the token is
    /// kept in memory for this session only (the keyring is not touched).
    void signIn(const QUrl &server, const QString &user, const QString &password, bool remember = true);
    void signOut();
    /// @brief The agent acted: push soon (a second later, so quick actions travel together).
    void outboxGrew();

Q_SIGNALS:
    void modeChanged(understudy::app::SyncController::Mode mode);
    void signedIn(const QString &user);
    void signInFailed(const QString &message);
    void lastSyncChanged(const QDateTime &at);
    void outboxChanged(qint64 size);
    /// @brief For the message bar: @p error true for problems, false for notices.
    void message(const QString &text, bool error);
    /// @brief A sync changed what the queue shows (tickets pulled or updated, teammates' events, replies taken).
    void queueChanged();
    /// @brief A notice sent by message() no longer holds (the server is back): the bar can hide it.
    void messageWithdrawn(const QString &text);
    /// @brief The account's role became known (from the sign-in or the server's GET /session).
    void roleChanged(const QString &role);
    /// @brief A sync brought teammates' answers (@p answerKeys) or records of the team's learned state.
    void teamLearned(const QStringList &answerKeys);
    /// @brief Another agent holds @p ticketId: our reply to it was not sent.
    void claimConflict(const QString &ticketId, const QString &claimedBy);

private:
    void makeClient(const QUrl &server);
    void setMode(Mode mode);
    void updateMode();
    /// @brief GET /health: any answer means the server is back, so sync now.
    void probe();
    /// @brief Starts the wait for the next probe: m_probeDelayMs, spread by ±20 %.
    void scheduleProbe();
    /// @brief Asks the server for the account's role when it is not known (a sign-in made by understudyctl).
    void fetchRole();
    void setRole(const QString &role);

    store::Store &m_store;
    sync::TokenStore *m_tokens;
    std::unique_ptr<sync::TokenStore> m_ownTokens;
    QNetworkAccessManager *m_nam = nullptr;
    std::unique_ptr<sync::SyncClient> m_client;
    QUrl m_server;
    QString m_user;
    QString m_role;
    Mode m_mode = Mode::Standalone;
    int m_intervalMs = 60000;
    int m_backoffBaseMs = 2000;
    int m_backoffCapMs = 60000;
    bool m_warnedOffline = false;
    QString m_offlineNotice;              ///< the "Working offline" text last shown, withdrawn once a sync succeeds
    QTimer m_probe;                       ///< single shot: the next probe while offline
    int m_probeMs = 2000;                 ///< the cap of m_probeDelayMs
    int m_probeDelayMs = kFirstProbeMs;   ///< the wait before the next probe; doubles up to the cap
    QPointer<QNetworkReply> m_probeReply; ///< the probe on the wire, aborted when the client goes
    QNetworkAccessManager *m_probeNam = nullptr;             ///< for probes when no manager was set (owned, child)
    std::unique_ptr<sync::MemoryTokenStore> m_sessionTokens; ///< "remember for this session only"
    bool m_configured = false; ///< a server is set in the settings (signed in to at least once)
};

} // namespace understudy::app

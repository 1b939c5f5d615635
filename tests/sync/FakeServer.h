// SPDX-License-Identifier: GPL-3.0-or-later
// An in-memory understudy-server behind a fake QNetworkAccessManager (Nextcloud's FakeQNAM): protocol state,
// per-route error injection, and a hanging reply for timeouts. For client unit tests only.
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QStringList>

namespace understudy::test {

/// @brief What the fake server holds; tests read and change it directly.
struct FakeServerState {
    QHash<QString, QString> passwords{{QStringLiteral("alice"), QStringLiteral("pw-alice")},
                                      {QStringLiteral("bob"), QStringLiteral("pw-bob")}};
    QHash<QString, QString> tokens;      ///< token → user
    QList<QJsonObject> changes;          ///< the feed; seq = index + 1
    QHash<QString, QJsonObject> events;  ///< id → event as stored (agent from the token)
    QStringList eventOrder;              ///< ids in arrival order (duplicates never appear)
    int eventPosts = 0;                  ///< POST /events received (retries included)
    QHash<QString, QJsonObject> replies; ///< idempotency key → answer
    QMap<QString, QString> claims;       ///< ticket → user
    QList<QJsonObject> replyBodies;      ///< every reply body received, replays included
    int ackLimit = -1;                   ///< acknowledge at most this many ids per push (-1: all)
    /// @brief Route ("POST /events", "GET /changes", "POST /replies", ...) → statuses to answer next, in order;
    /// 0 = a network error (connection refused), -1 = a reply that never finishes, -2 = the request is handled
    /// but its answer is lost (the connection drops).
    QHash<QString, QList<int>> inject;
    QStringList log; ///< "VERB /path" of every request, in order

    void addChange(const QString &kind, const QString &id, const QJsonObject &data);
};

/// @brief A QNetworkAccessManager whose requests are answered by a FakeServerState, asynchronously.
class FakeNam : public QNetworkAccessManager {
    Q_OBJECT
public:
    explicit FakeNam(FakeServerState *state, QObject *parent = nullptr) : QNetworkAccessManager(parent), m_state(state)
    {
    }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoing) override;

private:
    FakeServerState *m_state;
};

} // namespace understudy::test

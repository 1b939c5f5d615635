// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpLimits.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QSslConfiguration;
class QTcpServer;
class QTcpSocket;

namespace understudy::server {

class ConnectionLimiter;

/// @brief Watches one connection on behalf of the HTTP layer, which has no limits of its own (Qt 6.4): a child
/// of the socket, its readyRead slot is connected before QtHttpServer's, so it sees each new chunk first and
/// only peeks at it. It follows the request's phase (idle, headers, body, handled), runs that phase's timer,
/// checks the request line and headers as they arrive (URL length, header size and count, Content-Length or
/// the body bytes counted so far against the body cap) and, at the first limit crossed, answers the error
/// itself, cuts QtHttpServer off the socket, discards what else arrives and closes.
class ConnectionGuard : public QObject {
    Q_OBJECT
public:
    ConnectionGuard(QTcpSocket *socket, ConnectionLimiter *limiter, const HttpLimits &limits);
    ~ConnectionGuard() override;

    /// @brief The guard of @p socket, or nullptr.
    static ConnectionGuard *of(QTcpSocket *socket);
    /// @brief QtHttpServer handed a complete request to the application: no timer while it is handled.
    void dispatched();
    /// @brief The answer was written: the connection is idle until the next request's first byte.
    void answered();
    /// @brief Answers @p status with a JSON error and closes, whatever the phase.
    void refuse(int status, const QString &message);

private:
    /// Idle: no request under way; Head, Body: one arriving; Received: complete, not yet dispatched by
    /// QtHttpServer; Handled: the application has it; Closing: refused, draining until closed.
    enum class Phase { Idle, Head, Body, Received, Handled, Closing };

    void onReadyRead();
    void onTimeout();
    void enter(Phase phase);
    void readHead();
    /// Checks a complete head (request line and headers, without the blank line); false once refused.
    bool checkHead(QByteArrayView head);
    void countBody(qint64 bytes);
    void drain();

    QTcpSocket *m_socket;
    ConnectionLimiter *m_limiter;
    const HttpLimits &m_limits;
    QHostAddress m_address;
    QTimer m_timer;
    Phase m_phase = Phase::Idle;
    QByteArray m_head;     ///< the head read so far (Head)
    qint64 m_bodyLeft = 0; ///< body bytes still expected (Body, with Content-Length)
    qint64 m_bodySeen = 0; ///< body bytes counted so far (Body)
    bool m_chunked = false;
};

/// @brief Admits connections: counts them per peer address and in all, refuses those over a limit, and gives
/// each admitted socket its ConnectionGuard. Creates the listening servers, whose nextPendingConnection()
/// admits before QtHttpServer takes a socket, and which keep accepting (after a pause) once descriptors run out.
class ConnectionLimiter : public QObject {
    Q_OBJECT
public:
    /// @param reservedDescriptors kept free of connections for database files, logs and the like
    ConnectionLimiter(const HttpLimits &limits, int reservedDescriptors);

    /// @brief A listening server for QAbstractHttpServer::bind(): TLS when @p tls is given. Not listening yet.
    QTcpServer *createServer(const QSslConfiguration *tls);
    /// @brief Gives @p socket a guard, or answers 429/503 and closes it when a limit is reached (false).
    bool admit(QTcpSocket *socket);
    /// @brief A guarded connection is gone.
    void release(const QHostAddress &address);
    /// @brief Pauses accepting while no descriptor is free, resumes once one is.
    void watchDescriptors();

    const HttpLimits &limits() const { return m_limits; }
    int maxConnections() const { return m_maxConnections; }

private:
    void pauseAccepting();

    HttpLimits m_limits;
    int m_maxConnections;
    int m_open = 0;
    QHash<QHostAddress, int> m_perAddress;
    QPointer<QTcpServer> m_server;
    bool m_paused = false;
    QTimer m_descriptorCheck;
};

} // namespace understudy::server

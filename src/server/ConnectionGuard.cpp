// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionGuard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServerConn, "understudy.server.connections")

namespace understudy::server {

namespace {

/// How long a refused or timed-out connection is still read (and what arrives discarded) before it is cut:
/// a client still sending its body then reads the error instead of a reset.
constexpr int kLingerMs = 2000;
/// Chunked bodies are counted as they arrive, framing included: the cap plus room for the chunk lines.
qint64 chunkedAllowance(qint64 maxBody)
{
    return maxBody + maxBody / 8 + 64 * 1024;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Service Unavailable";
    }
}

/// A complete HTTP/1.1 answer that closes the connection, written straight to the socket.
QByteArray closingAnswer(int status, const QString &message)
{
    const QByteArray body = QJsonDocument(QJsonObject{{u"error"_s, message}}).toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
           "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n" + body;
}

/// The end of a head (just past its blank line, CRLF or bare LF as http_parser allows) at or after @p from,
/// or -1. @p lineEnd gets where the last header line ends.
qsizetype headEnd(const QByteArray &buf, qsizetype from, qsizetype &lineEnd)
{
    for (qsizetype i = buf.indexOf('\n', from); i >= 0; i = buf.indexOf('\n', i + 1)) {
        lineEnd = i;
        if (i + 1 < buf.size() && buf[i + 1] == '\n')
            return i + 2;
        if (i + 2 < buf.size() && buf[i + 1] == '\r' && buf[i + 2] == '\n')
            return i + 3;
    }
    return -1;
}

/// Raises the soft descriptor limit to the hard one (as Go's runtime does) and returns the soft limit.
rlim_t raiseDescriptorLimit()
{
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0)
        return 1024;
    if (lim.rlim_cur < lim.rlim_max) {
        rlimit raised = lim;
        raised.rlim_cur = lim.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            lim = raised;
    }
    return lim.rlim_cur;
}

/// True while the process can open one more descriptor (the next accept() would not fail with EMFILE).
bool descriptorFree()
{
    const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

/// A listening server that admits each connection through the limiter before QtHttpServer's
/// handleNewConnections() takes it (it loops over nextPendingConnection(), which is virtual).
template <class Base> class GuardedServer : public Base {
public:
    explicit GuardedServer(ConnectionLimiter *limiter) : m_limiter(limiter) {}

    QTcpSocket *nextPendingConnection() override
    {
        while (QTcpSocket *socket = Base::nextPendingConnection()) {
            m_limiter->watchDescriptors();
            if (m_limiter->admit(socket))
                return socket;
        }
        return nullptr;
    }

private:
    ConnectionLimiter *m_limiter;
};

} // namespace

// --- ConnectionGuard ---------------------------------------------------------------------------------------

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, ConnectionLimiter *limiter, const HttpLimits &limits)
    : QObject(socket), m_socket(socket), m_limiter(limiter), m_limits(limits), m_address(socket->peerAddress())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    // Connected before QtHttpServer connects its own handler, so this runs first on every chunk.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    // QtHttpServer deletes the sockets it took when they close; this also frees one it never took (a TLS
    // handshake that failed or timed out), and with it the guard and its place in the counts.
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    enter(Phase::Idle);
}

ConnectionGuard::~ConnectionGuard()
{
    m_limiter->release(m_address);
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

void ConnectionGuard::dispatched()
{
    m_head.clear();
    if (m_phase != Phase::Closing)
        enter(Phase::Handled);
}

void ConnectionGuard::answered()
{
    if (m_phase == Phase::Handled)
        enter(Phase::Idle);
}

void ConnectionGuard::enter(Phase phase)
{
    m_phase = phase;
    switch (phase) {
    case Phase::Idle:
        m_timer.start(m_limits.idleTimeoutMs);
        break;
    case Phase::Head:
        m_timer.start(m_limits.headerTimeoutMs);
        break;
    case Phase::Body:
        m_timer.start(m_limits.bodyTimeoutMs);
        break;
    case Phase::Received:
        // QtHttpServer dispatches it at once; the timer only catches a request it never dispatches.
        m_timer.start(m_limits.bodyTimeoutMs);
        break;
    case Phase::Handled:
        m_timer.stop(); // the application's time, not the client's
        break;
    case Phase::Closing:
        m_timer.start(kLingerMs);
        break;
    }
}

void ConnectionGuard::onReadyRead()
{
    switch (m_phase) {
    case Phase::Closing:
        drain();
        return;
    case Phase::Idle:
    case Phase::Received:
    case Phase::Handled:
        m_head.clear();
        m_bodySeen = 0;
        m_bodyLeft = 0;
        m_chunked = false;
        enter(Phase::Head);
        [[fallthrough]];
    case Phase::Head:
        readHead();
        return;
    case Phase::Body:
        countBody(m_socket->bytesAvailable());
        return;
    }
}

void ConnectionGuard::readHead()
{
    // Only peeked: QtHttpServer reads the same bytes right after. Never more than the cap allows.
    const qint64 available = m_socket->bytesAvailable();
    const qint64 room = m_limits.maxHeaderBytes + 3 - m_head.size();
    const QByteArray fresh = m_socket->peek(std::clamp<qint64>(available, 0, std::max<qint64>(room, 0)));
    const qsizetype from = std::max<qsizetype>(0, m_head.size() - 2);
    m_head += fresh;
    qsizetype lineEnd = 0;
    const qsizetype end = headEnd(m_head, from, lineEnd);
    if (end < 0 || end > m_limits.maxHeaderBytes + 2) {
        if (m_head.size() > m_limits.maxHeaderBytes)
            refuse(431, u"the request line and headers are larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes));
        return;
    }
    if (!checkHead(QByteArrayView(m_head).first(lineEnd)))
        return;
    const qint64 rest = (m_head.size() - end) + (available - fresh.size());
    m_head.clear();
    if (m_chunked || m_bodyLeft > 0) {
        enter(Phase::Body);
        countBody(rest);
    } else {
        enter(Phase::Received); // QtHttpServer dispatches it in its own slot, right after this one
    }
}

bool ConnectionGuard::checkHead(QByteArrayView head)
{
    qsizetype eol = head.indexOf('\n');
    const QByteArrayView requestLine = (eol < 0 ? head : head.first(eol)).trimmed();
    const qsizetype targetStart = requestLine.indexOf(' ') + 1;
    const qsizetype targetEnd = requestLine.lastIndexOf(' ');
    if (targetStart > 0 && targetEnd - targetStart > m_limits.maxUrlBytes) {
        refuse(414, u"the URL is longer than %1 bytes"_s.arg(m_limits.maxUrlBytes));
        return false;
    }
    qint64 length = -1;
    int headers = 0;
    while (eol >= 0) {
        const qsizetype start = eol + 1;
        eol = head.indexOf('\n', start);
        const QByteArrayView line = head.sliced(start, (eol < 0 ? head.size() : eol) - start);
        if (++headers > m_limits.maxHeaders) {
            refuse(431, u"more than %1 headers"_s.arg(m_limits.maxHeaders));
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue; // QtHttpServer's parser refuses the request itself
        const QByteArrayView name = line.first(colon).trimmed();
        if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            m_chunked = true;
        } else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            bool isNumber = false;
            const qint64 v = line.sliced(colon + 1).trimmed().toLongLong(&isNumber);
            if (!isNumber || v < 0 || (length >= 0 && v != length)) {
                refuse(400, u"Content-Length must be one whole number"_s);
                return false;
            }
            length = v;
        }
    }
    if (length > m_limits.maxBodyBytes) {
        refuse(413, u"the body is larger than %1 bytes"_s.arg(m_limits.maxBodyBytes));
        return false;
    }
    m_bodyLeft = m_chunked ? 0 : std::max<qint64>(length, 0);
    return true;
}

void ConnectionGuard::countBody(qint64 bytes)
{
    m_bodySeen += bytes;
    if (m_chunked) {
        if (m_bodySeen > chunkedAllowance(m_limits.maxBodyBytes))
            refuse(413, u"the body is larger than %1 bytes"_s.arg(m_limits.maxBodyBytes));
        return; // it ends when QtHttpServer dispatches the request
    }
    m_bodyLeft -= bytes;
    if (m_bodyLeft <= 0)
        enter(Phase::Received);
}

void ConnectionGuard::refuse(int status, const QString &message)
{
    if (m_phase == Phase::Closing)
        return;
    qCInfo(lcServerConn).noquote() << "refused" << status << "from" << m_address.toString() << '-' << message;
    // Cut QtHttpServer off (a slot disconnected during the emission is not called) and drop what it buffered.
    disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::drain);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    enter(Phase::Closing);
    drain();
    m_socket->write(closingAnswer(status, message));
    // Once the answer is out, a plain TCP socket sends its FIN (the client reads the answer, then the end) and
    // keeps draining until the client closes or the linger time is up.
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_socket->bytesToWrite() == 0 && !qobject_cast<QSslSocket *>(m_socket))
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    });
}

void ConnectionGuard::drain()
{
    m_socket->skip(m_socket->bytesAvailable());
}

void ConnectionGuard::onTimeout()
{
    switch (m_phase) {
    case Phase::Idle:
        qCDebug(lcServerConn).noquote() << "idle connection from" << m_address.toString() << "closed";
        enter(Phase::Closing);
        m_socket->disconnectFromHost();
        return;
    case Phase::Head:
        refuse(408, u"the request's headers took longer than %1 ms"_s.arg(m_limits.headerTimeoutMs));
        return;
    case Phase::Body:
    case Phase::Received:
        refuse(408, u"the request's body took longer than %1 ms"_s.arg(m_limits.bodyTimeoutMs));
        return;
    case Phase::Handled:
        return;
    case Phase::Closing:
        m_socket->abort();
        return;
    }
}

// --- ConnectionLimiter -------------------------------------------------------------------------------------

ConnectionLimiter::ConnectionLimiter(const HttpLimits &limits, int reservedDescriptors) : m_limits(limits)
{
    const auto soft = qint64(std::min<rlim_t>(raiseDescriptorLimit(), 1 << 24));
    const qint64 room = std::max<qint64>(1, soft - reservedDescriptors);
    m_maxConnections = int(limits.maxConnections > 0 ? std::min<qint64>(limits.maxConnections, room) : room);
    // At the descriptor limit accept() fails with EMFILE, and Qt 6.4's accept loop either pauses for good (the
    // unguarded server never answered again) or, resumed while none is free, polls the still readable listening
    // socket in a loop (measured: 13,000 failed accepts a second). So accepting pauses before the last descriptor
    // is taken and resumes once one is free; the check also runs every second, for descriptors taken elsewhere.
    connect(&m_descriptorCheck, &QTimer::timeout, this, &ConnectionLimiter::watchDescriptors);
    m_descriptorCheck.start(1000);
}

QTcpServer *ConnectionLimiter::createServer(const QSslConfiguration *tls)
{
    QTcpServer *server = nullptr;
    if (tls) {
        auto *ssl = new GuardedServer<QSslServer>(this);
        ssl->setSslConfiguration(*tls);
        // The guard starts with the handshake: a handshake that never ends is an idle connection.
        connect(ssl, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket *socket) { admit(socket); });
        server = ssl;
    } else {
        server = new GuardedServer<QTcpServer>(this);
    }
    m_server = server;
    connect(server, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        qCWarning(lcServerConn) << "cannot accept a connection:" << error;
        pauseAccepting(); // Qt has paused already; it would not resume by itself
    });
    return server;
}

void ConnectionLimiter::watchDescriptors()
{
    if (!m_server)
        return;
    const bool free = descriptorFree();
    if (m_paused && free) {
        m_paused = false;
        m_server->resumeAccepting();
        m_descriptorCheck.start(1000);
        qCInfo(lcServerConn) << "accepting connections again, open:" << m_open;
    } else if (!m_paused && !free) {
        pauseAccepting();
    }
}

void ConnectionLimiter::pauseAccepting()
{
    m_paused = true;
    m_server->pauseAccepting();
    qCWarning(lcServerConn) << "out of file descriptors with" << m_open
                            << "connections open: not accepting until one is free";
    m_descriptorCheck.start(100);
}

bool ConnectionLimiter::admit(QTcpSocket *socket)
{
    if (ConnectionGuard::of(socket))
        return true;
    const QHostAddress address = socket->peerAddress();
    int status = 0;
    QString message;
    if (m_open >= m_maxConnections) {
        status = 503;
        message = u"the server is at its connection limit (%1); try again shortly"_s.arg(m_maxConnections);
    } else if (m_perAddress.value(address) >= m_limits.maxConnectionsPerAddress) {
        status = 429;
        message = u"too many connections from your address (limit %1)"_s.arg(m_limits.maxConnectionsPerAddress);
    }
    if (status == 0) {
        ++m_open;
        ++m_perAddress[address];
        new ConnectionGuard(socket, this, m_limits);
        return true;
    }
    qCInfo(lcServerConn).noquote() << "refused" << status << "connection from" << address.toString();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (qobject_cast<QSslSocket *>(socket)) {
        socket->abort(); // still in its handshake: nothing to answer on
    } else {
        socket->write(closingAnswer(status, message));
        socket->disconnectFromHost();
    }
    return false;
}

void ConnectionLimiter::release(const QHostAddress &address)
{
    --m_open;
    auto it = m_perAddress.find(address);
    if (it != m_perAddress.end() && --*it <= 0)
        m_perAddress.erase(it);
}

} // namespace understudy::server

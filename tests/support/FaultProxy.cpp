// SPDX-License-Identifier: GPL-3.0-or-later
#include "FaultProxy.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <deque>
#include <functional>
#include <utility>

namespace understudy::test {

namespace {

/// Size of a chunked body starting at @p from, or -1 if incomplete.
qint64 chunkedLength(const QByteArray &buf, qint64 from)
{
    qint64 pos = from;
    for (;;) {
        const qint64 eol = buf.indexOf("\r\n", pos);
        if (eol < 0)
            return -1;
        QByteArray sizeText = buf.mid(pos, eol - pos);
        if (const qsizetype semi = sizeText.indexOf(';'); semi >= 0)
            sizeText.truncate(semi);
        bool ok = false;
        const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return -1;
        pos = eol + 2;
        if (size == 0) {
            // Trailers end with an empty line.
            const qint64 end = buf.indexOf("\r\n\r\n", pos - 2);
            return end < 0 ? -1 : end + 4 - from;
        }
        pos += size + 2;
        if (pos > buf.size())
            return -1;
    }
}

} // namespace

qint64 httpMessageLength(const QByteArray &buffer, bool isResponse)
{
    const qint64 headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return -1;
    const qint64 bodyStart = headerEnd + 4;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    if (isResponse) {
        const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
        const int code = status.value(1).toInt();
        if ((code >= 100 && code < 200) || code == 204 || code == 304)
            return bodyStart;
    }
    qint64 contentLength = -1;
    bool chunked = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length")
            contentLength = value.toLongLong();
        else if (name == "transfer-encoding" && value.toLower().contains("chunked"))
            chunked = true;
    }
    if (chunked) {
        const qint64 body = chunkedLength(buffer, bodyStart);
        return body < 0 ? -1 : bodyStart + body;
    }
    if (contentLength >= 0)
        return buffer.size() >= bodyStart + contentLength ? bodyStart + contentLength : -1;
    // A request without a length has no body; a response without one runs to the end of the connection.
    return isResponse ? -1 : bodyStart;
}

/// One direction of a connection: chunks are written in order, each no earlier than its release time.
class DelayPipe : public QObject {
public:
    DelayPipe(FaultProxy *proxy, QTcpSocket *out, QObject *parent) : QObject(parent), m_proxy(proxy), m_out(out)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &DelayPipe::pump);
    }

    void push(QByteArray data)
    {
        const int delay = m_proxy->chunkDelayMs();
        const qint64 release = std::max(m_lastRelease, m_proxy->nowMs() + delay);
        m_lastRelease = release;
        m_queue.emplace_back(std::move(data), release);
        pump();
    }

    bool empty() const { return m_queue.empty(); }
    std::function<void()> drained; ///< called each time the queue empties

    void pump()
    {
        if (m_out->state() != QAbstractSocket::ConnectedState)
            return; // resumed from connected()
        const qint64 now = m_proxy->nowMs();
        bool wrote = false;
        while (!m_queue.empty() && m_queue.front().second <= now) {
            m_out->write(m_queue.front().first);
            m_queue.pop_front();
            wrote = true;
        }
        if (!m_queue.empty())
            m_timer.start(int(m_queue.front().second - now));
        else if (wrote && drained)
            drained();
    }

private:
    FaultProxy *m_proxy;
    QTcpSocket *m_out;
    QTimer m_timer;
    std::deque<std::pair<QByteArray, qint64>> m_queue;
    qint64 m_lastRelease = 0;
};

/// A client connection and its own upstream connection.
class ProxyConnection : public QObject {
public:
    ProxyConnection(FaultProxy *proxy, QTcpSocket *client)
        : QObject(proxy), m_proxy(proxy), m_client(client), m_upstream(new QTcpSocket(this))
    {
        m_client->setParent(this);
        m_toUpstream = new DelayPipe(proxy, m_upstream, this);
        m_toClient = new DelayPipe(proxy, m_client, this);
        m_toClient->drained = [this] {
            if (m_cutWhenDrained)
                cutNow();
            else if (m_closeClientWhenDrained)
                m_client->disconnectFromHost();
        };
        m_toUpstream->drained = [this] {
            if (m_closeUpstreamWhenDrained)
                m_upstream->disconnectFromHost();
        };
        connect(m_client, &QTcpSocket::readyRead, this, &ProxyConnection::readClient);
        connect(m_client, &QTcpSocket::disconnected, this, &ProxyConnection::clientClosed);
        connect(m_upstream, &QTcpSocket::connected, m_toUpstream, &DelayPipe::pump);
        connect(m_upstream, &QTcpSocket::readyRead, this, &ProxyConnection::readUpstream);
        connect(m_upstream, &QTcpSocket::disconnected, this, &ProxyConnection::upstreamClosed);
        connect(m_upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError && m_upstream->state() != QAbstractSocket::ConnectedState)
                upstreamClosed();
        });
        ++proxy->m_openConnections;
        m_upstream->connectToHost(proxy->m_targetHost, proxy->m_targetPort);
        if (m_client->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &ProxyConnection::readClient);
    }

private:
    void readClient()
    {
        if (m_finished)
            return;
        m_pending += m_client->readAll();
        while (!m_pending.isEmpty() && !m_finished) {
            qint64 len = m_pending.size();
            if (m_proxy->m_framing == FaultProxy::Framing::Http) {
                len = httpMessageLength(m_pending, false);
                if (len < 0)
                    return;
            }
            const QByteArray request = m_pending.left(len);
            m_pending.remove(0, len);
            forward(request);
        }
    }

    void forward(const QByteArray &request)
    {
        FaultProxy::Stats &stats = m_proxy->m_stats;
        ++stats.requests;
        const FaultProxy::Decision d = m_proxy->decide();
        if (d.drop) {
            ++stats.dropped;
            Q_EMIT m_proxy->faultInjected(FaultProxy::Fault::Drop);
            finish(false);
            return;
        }
        if (d.duplicate) {
            m_proxy->sendDuplicate(request);
            Q_EMIT m_proxy->faultInjected(FaultProxy::Fault::Duplicate);
        }
        if (d.cutAfter >= 0)
            m_cutBudget = d.cutAfter;
        ++stats.forwarded;
        stats.bytesUp += request.size();
        m_toUpstream->push(request);
    }

    void readUpstream()
    {
        QByteArray data = m_upstream->readAll();
        if (m_finished || m_cutWhenDrained || data.isEmpty())
            return;
        if (m_cutBudget >= 0) {
            if (data.size() >= m_cutBudget) {
                data.truncate(m_cutBudget);
                m_cutWhenDrained = true;
            }
            m_cutBudget -= data.size();
        }
        m_proxy->m_stats.bytesDown += data.size();
        if (!data.isEmpty())
            m_toClient->push(std::move(data));
        if (m_cutWhenDrained && m_toClient->empty())
            cutNow();
    }

    void cutNow()
    {
        if (m_finished)
            return;
        ++m_proxy->m_stats.cut;
        Q_EMIT m_proxy->faultInjected(FaultProxy::Fault::Cut);
        finish(true);
    }

    void clientClosed()
    {
        if (m_finished)
            return;
        // The client is gone: whatever it sent still reaches the target, then the upstream side closes.
        m_clientGone = true;
        if (m_toUpstream->empty())
            m_upstream->disconnectFromHost();
        else
            m_closeUpstreamWhenDrained = true;
        maybeDone();
    }

    void upstreamClosed()
    {
        if (m_finished)
            return;
        m_upstreamGone = true;
        readUpstream();
        if (m_finished)
            return;
        if (m_toClient->empty())
            m_client->disconnectFromHost();
        else
            m_closeClientWhenDrained = true;
        maybeDone();
    }

    void maybeDone()
    {
        if (m_client->state() == QAbstractSocket::UnconnectedState &&
            m_upstream->state() == QAbstractSocket::UnconnectedState)
            finish(false);
        else if (m_clientGone && m_upstreamGone)
            finish(false);
    }

    /// Ends the connection. A graceful close still delivers what the client socket holds (the cut answer).
    void finish(bool graceful)
    {
        if (m_finished)
            return;
        m_finished = true;
        --m_proxy->m_openConnections;
        disconnect(m_client, nullptr, this, nullptr);
        disconnect(m_upstream, nullptr, this, nullptr);
        m_upstream->abort();
        if (graceful && m_client->state() == QAbstractSocket::ConnectedState) {
            connect(m_client, &QTcpSocket::disconnected, this, &QObject::deleteLater);
            m_client->disconnectFromHost();
            if (m_client->state() == QAbstractSocket::UnconnectedState)
                deleteLater();
            else
                QTimer::singleShot(5000, this, &QObject::deleteLater);
        } else {
            m_client->abort();
            deleteLater();
        }
    }

    FaultProxy *m_proxy;
    QTcpSocket *m_client;
    QTcpSocket *m_upstream;
    DelayPipe *m_toUpstream = nullptr;
    DelayPipe *m_toClient = nullptr;
    QByteArray m_pending;
    qint64 m_cutBudget = -1;
    bool m_cutWhenDrained = false;
    bool m_closeClientWhenDrained = false;
    bool m_closeUpstreamWhenDrained = false;
    bool m_clientGone = false;
    bool m_upstreamGone = false;
    bool m_finished = false;
};

/// The extra copy of a duplicated request: sent on its own connection; the answer is read to its end and dropped.
class DuplicateRequest : public QObject {
public:
    DuplicateRequest(FaultProxy *proxy, const QByteArray &request) : QObject(proxy), m_proxy(proxy)
    {
        connect(&m_socket, &QTcpSocket::connected, this, [this, request] { m_socket.write(request); });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] {
            m_answer += m_socket.readAll();
            if (m_proxy->m_framing == FaultProxy::Framing::Raw || httpMessageLength(m_answer, true) >= 0)
                done(true);
        });
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] { done(!m_answer.isEmpty()); });
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
            if (m_socket.state() != QAbstractSocket::ConnectedState)
                done(!m_answer.isEmpty());
        });
        QTimer::singleShot(30000, this, [this] { done(false); });
        ++proxy->m_pendingDuplicates;
        m_socket.connectToHost(proxy->m_targetHost, proxy->m_targetPort);
        proxy->m_stats.bytesUp += request.size();
    }

private:
    void done(bool answered)
    {
        if (m_done)
            return;
        m_done = true;
        --m_proxy->m_pendingDuplicates;
        if (answered)
            ++m_proxy->m_stats.duplicatesAnswered;
        m_socket.disconnect(this);
        m_socket.abort();
        deleteLater();
    }

    FaultProxy *m_proxy;
    QTcpSocket m_socket;
    QByteArray m_answer;
    bool m_done = false;
};

FaultProxy::FaultProxy(QString targetHost, quint16 targetPort, quint64 seed, QObject *parent)
    : QObject(parent), m_targetHost(std::move(targetHost)), m_targetPort(targetPort), m_server(new QTcpServer(this)),
      m_requestRng(seed), m_chunkRng(seed ^ 0x9e3779b97f4a7c15ULL)
{
    m_clock.start();
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *client = m_server->nextPendingConnection()) {
            ++m_stats.connections;
            new ProxyConnection(this, client);
        }
    });
}

FaultProxy::~FaultProxy() = default;

bool FaultProxy::listen()
{
    if (m_server->listen(QHostAddress::LocalHost, 0))
        return true;
    qWarning("FaultProxy: listen failed: %s", qPrintable(m_server->errorString()));
    return false;
}

quint16 FaultProxy::port() const
{
    return m_server->serverPort();
}

QUrl FaultProxy::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    return u;
}

FaultProxy::Decision FaultProxy::decide()
{
    // Always draw the same number of values per request, so a seed gives the same sequence whatever the settings.
    const double drop = m_requestRng.generateDouble();
    const double duplicate = m_requestRng.generateDouble();
    const double cut = m_requestRng.generateDouble();
    const quint64 cutPick = m_requestRng.generate();
    Decision d;
    d.drop = drop < m_faults.dropProbability;
    if (!d.drop) {
        d.duplicate = duplicate < m_faults.duplicateProbability;
        if (cut < m_faults.cutProbability) {
            const qint64 span = std::max<qint64>(0, m_faults.cutMaxBytes - m_faults.cutMinBytes) + 1;
            d.cutAfter = std::max<qint64>(0, m_faults.cutMinBytes) + qint64(cutPick % quint64(span));
        }
    }
    Fault f = Fault::None;
    if (d.drop)
        f = Fault::Drop;
    else if (d.duplicate && d.cutAfter >= 0)
        f = Fault::DuplicateAndCut;
    else if (d.duplicate)
        f = Fault::Duplicate;
    else if (d.cutAfter >= 0)
        f = Fault::Cut;
    m_decisions.append(f);
    return d;
}

int FaultProxy::chunkDelayMs()
{
    const double roll = m_chunkRng.generateDouble();
    const quint64 pick = m_chunkRng.generate();
    if (roll >= m_faults.delayProbability || m_faults.delayMaxMs <= 0)
        return 0;
    ++m_stats.delayedChunks;
    const int lo = std::max(0, m_faults.delayMinMs);
    const int span = std::max(0, m_faults.delayMaxMs - lo) + 1;
    return lo + int(pick % quint64(span));
}

void FaultProxy::sendDuplicate(const QByteArray &request)
{
    ++m_stats.duplicated;
    new DuplicateRequest(this, request);
}

} // namespace understudy::test

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QRandomGenerator64>
#include <QString>
#include <QUrl>

class QTcpServer;

namespace understudy::test {

class ProxyConnection;
class DuplicateRequest;
class DelayPipe;

/**
 * @brief A fault-injecting TCP proxy on loopback for tests.
 *
 * Listens on 127.0.0.1 (ephemeral port) and forwards every accepted connection to a fresh connection to the
 * target. In HTTP framing (the default) the client's byte stream is cut into requests (headers plus
 * Content-Length or chunked body) and each request draws its faults from a seeded generator:
 *  - drop: the request is never forwarded; both connections are closed;
 *  - duplicate: the same request bytes are also sent upstream on a fresh connection, whose answer is read and
 *    thrown away; the client gets the one answer of its own connection (a retried POST, seen by the server);
 *  - cut: the request is forwarded, then the client's connection is closed after N bytes of the answer
 *    (N in [cutMinBytes, cutMaxBytes]; 0 = the server answered but the client got nothing).
 * Independently, every chunk in either direction may be held for a random delay (order is kept).
 * With the default Faults the proxy passes everything through unchanged. In Raw framing every chunk the
 * client sends counts as one request.
 *
 * Lives in the thread that creates it; everything is driven by that thread's event loop.
 */
class FaultProxy : public QObject {
    Q_OBJECT
public:
    struct Faults {
        double dropProbability = 0;      ///< per request: close instead of forwarding
        double duplicateProbability = 0; ///< per request: also send it on a fresh upstream connection
        double cutProbability = 0;       ///< per request: cut the client's connection inside the answer
        qint64 cutMinBytes = 0;          ///< answer bytes the client still gets before a cut (inclusive range)
        qint64 cutMaxBytes = 256;
        double delayProbability = 0; ///< per chunk, either direction: hold it back
        int delayMinMs = 1;          ///< delay range in milliseconds (inclusive)
        int delayMaxMs = 50;
    };
    enum class Framing { Http, Raw };
    enum class Fault { None, Drop, Duplicate, Cut, DuplicateAndCut };
    Q_ENUM(Fault)

    struct Stats {
        int connections = 0;        ///< client connections accepted
        int requests = 0;           ///< requests framed from clients
        int forwarded = 0;          ///< requests written upstream on the client's own connection
        int dropped = 0;            ///< requests never forwarded
        int duplicated = 0;         ///< extra copies sent upstream
        int duplicatesAnswered = 0; ///< extra copies whose answer came back complete
        int cut = 0;                ///< answers cut short
        int delayedChunks = 0;      ///< chunks held back
        qint64 bytesUp = 0;         ///< client -> target, including duplicates
        qint64 bytesDown = 0;       ///< target -> client, as delivered
    };

    /// @brief A proxy to @p targetHost:@p targetPort drawing every decision from @p seed.
    FaultProxy(QString targetHost, quint16 targetPort, quint64 seed = 1, QObject *parent = nullptr);
    ~FaultProxy() override;

    /// @brief Listens on 127.0.0.1:0; false (with a warning) if that fails.
    bool listen();
    quint16 port() const;
    /// @brief http://127.0.0.1:<port>
    QUrl url() const;

    void setFaults(const Faults &faults) { m_faults = faults; }
    Faults faults() const { return m_faults; }
    /// @brief No faults from now on (connections already cut stay cut).
    void setPassThrough() { m_faults = Faults{}; }
    void setFraming(Framing framing) { m_framing = framing; }

    Stats stats() const { return m_stats; }
    /// @brief The per-request decisions so far, in the order requests were framed.
    QList<Fault> decisions() const { return m_decisions; }
    int openConnections() const { return m_openConnections; }
    int pendingDuplicates() const { return m_pendingDuplicates; }
    /// @brief No client connection open and no duplicate waiting for its answer.
    bool idle() const { return openConnections() == 0 && pendingDuplicates() == 0; }

Q_SIGNALS:
    void faultInjected(understudy::test::FaultProxy::Fault fault);

private:
    friend class ProxyConnection;
    friend class DelayPipe;
    friend class DuplicateRequest;

    struct Decision {
        bool drop = false;
        bool duplicate = false;
        qint64 cutAfter = -1; ///< -1 = no cut
    };
    Decision decide();
    int chunkDelayMs();
    qint64 nowMs() const { return m_clock.elapsed(); }
    void sendDuplicate(const QByteArray &request);

    QString m_targetHost;
    quint16 m_targetPort;
    QTcpServer *m_server = nullptr;
    Faults m_faults;
    Framing m_framing = Framing::Http;
    QRandomGenerator64 m_requestRng; ///< request decisions only, so they do not depend on chunk timing
    QRandomGenerator64 m_chunkRng;
    QElapsedTimer m_clock;
    Stats m_stats;
    QList<Fault> m_decisions;
    int m_openConnections = 0;
    int m_pendingDuplicates = 0;
};

/**
 * @brief Length of the first complete HTTP message at the start of @p buffer, or -1 if it is not complete yet.
 *
 * Knows Content-Length and chunked bodies; a response with neither (and not 1xx/204/304) has no length and
 * gives -1 until the connection closes. Exposed for tests.
 */
qint64 httpMessageLength(const QByteArray &buffer, bool isResponse);

} // namespace understudy::test

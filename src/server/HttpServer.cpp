// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpServer.h"

#include "ConnectionGuard.h"

#include <QFile>
#include <QFutureWatcher>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QThreadPool>
#include <QtConcurrent>

#include <latch>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServerHttp, "understudy.server.http")

namespace understudy::server {

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

HttpRequest copyRequest(const QHttpServerRequest &req)
{
    HttpRequest r;
    r.method = methodName(req.method());
    r.path = req.url().path(QUrl::FullyEncoded);
    for (const QString &s : r.path.split(u'/', Qt::SkipEmptyParts))
        r.segments << QUrl::fromPercentEncoding(s.toUtf8());
    r.path = QUrl::fromPercentEncoding(r.path.toUtf8());
    r.query = req.query();
    r.authorization = req.value("authorization");
    bool ok = false;
    const qint64 length = req.value("content-length").trimmed().toLongLong(&ok);
    r.contentLength = ok ? length : -1;
    r.body = req.body();
    r.remoteAddress = req.remoteAddress().toString();
    r.forwardedFor = req.value("x-forwarded-for");
    return r;
}

QHttpServerResponse toQt(const HttpResponse &r)
{
    const auto status = static_cast<QHttpServerResponse::StatusCode>(r.status);
    QHttpServerResponse out =
        r.status == 204 ? QHttpServerResponse(status)
        : !r.rawJson.isEmpty()
            ? QHttpServerResponse("application/json", r.rawJson, status)
            : QHttpServerResponse("application/json", QJsonDocument(r.body).toJson(QJsonDocument::Compact), status);
    for (const auto &[k, v] : r.headers)
        out.addHeader(k, v);
    out.addHeader("Cache-Control", "no-store");
    return out;
}

} // namespace

HttpResponse HttpResponse::error(int status, const QString &message, const QString &field)
{
    QJsonObject o{{u"error"_s, message}};
    if (!field.isEmpty())
        o.insert(u"field"_s, field);
    return HttpResponse{status, o, {}, {}};
}

HttpServer::HttpServer(Handler handler, int threads, const HttpLimits &limits)
    : m_handler(std::move(handler)),
      // Descriptors kept out of the connection budget: each worker's database connection (SQLite: file, WAL,
      // shared memory) and the log, listening socket, event loop and thread wake-ups.
      m_limiter(std::make_unique<ConnectionLimiter>(limits, 64 + 2 * std::max(1, threads) * 4)),
      m_pool(std::make_unique<QThreadPool>()), m_readPool(std::make_unique<QThreadPool>()),
      m_context(std::make_unique<QObject>()), m_server(std::make_unique<QHttpServer>())
{
    for (QThreadPool *pool : {m_pool.get(), m_readPool.get()}) {
        pool->setMaxThreadCount(std::max(1, threads));
        pool->setExpiryTimeout(-1); // workers keep their database connection for the life of the server
    }
    const auto dispatch = [this](const QHttpServerRequest &req, QHttpServerResponder &&responder) {
        this->dispatch(req, std::move(responder));
    };
    // Every method on one, two or three segments under /api/v1; the API's own router sorts out 404 and 405,
    // which QtHttpServer cannot tell apart.
    const auto all = QHttpServerRequest::Method::AnyKnown;
    m_server->route(u"/api/v1/<arg>"_s, all,
                    [dispatch](const QString &, const QHttpServerRequest &req, QHttpServerResponder &&responder) {
                        dispatch(req, std::move(responder));
                    });
    m_server->route(u"/api/v1/<arg>/<arg>"_s, all,
                    [dispatch](const QString &, const QString &, const QHttpServerRequest &req,
                               QHttpServerResponder &&responder) { dispatch(req, std::move(responder)); });
    m_server->route(u"/api/v1/<arg>/<arg>/<arg>"_s, all,
                    [dispatch](const QString &, const QString &, const QString &, const QHttpServerRequest &req,
                               QHttpServerResponder &&responder) { dispatch(req, std::move(responder)); });
    m_server->setMissingHandler([](const QHttpServerRequest &req, QHttpServerResponder &&responder) {
        qCInfo(lcServerHttp).noquote() << methodName(req.method()) << req.url().path() << 404;
        ConnectionGuard *guard = ConnectionGuard::of(responder.socket());
        if (guard)
            guard->dispatched();
        toQt(HttpResponse::error(404, u"no such path"_s)).write(std::move(responder));
        if (guard)
            guard->answered();
    });
}

// Responder-style handlers rather than QFuture<QHttpServerResponse>: Qt 6.4 answers a future on a socket it
// may already have deleted (a client that hangs up mid-request crashed the server). Here the answer is
// written on the server's thread, and only while the socket still exists.
void HttpServer::dispatch(const QHttpServerRequest &req, QHttpServerResponder &&responder)
{
    HttpRequest copy = copyRequest(req); // the request object must not leave this thread
    const QPointer<QTcpSocket> socket = responder.socket();
    if (ConnectionGuard *guard = ConnectionGuard::of(socket))
        guard->dispatched();
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    auto *watcher = new QFutureWatcher<HttpResponse>(m_context.get());
    QObject::connect(watcher, &QFutureWatcherBase::finished, m_context.get(), [watcher, held, socket] {
        const HttpResponse r = watcher->result();
        watcher->deleteLater();
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return; // the client went away; the work is done (and committed) all the same
        toQt(r).write(std::move(*held));
        if (ConnectionGuard *guard = ConnectionGuard::of(socket))
            guard->answered();
    });
    const bool read = copy.method == "GET" || copy.method == "HEAD";
    QThreadPool *pool = read ? m_readPool.get() : m_pool.get();
    watcher->setFuture(QtConcurrent::run(pool, [handler = m_handler, copy = std::move(copy)]() {
        QElapsedTimer timer;
        timer.start();
        HttpResponse r;
        try {
            r = handler(copy);
        } catch (const std::exception &e) { // e.g. bad_alloc: one failed request, not a dead server
            qCCritical(lcServerHttp) << "request failed:" << e.what();
            r = HttpResponse::error(500, u"internal error"_s);
        }
        // Method, path and status only: never bodies, tokens or passwords.
        qCInfo(lcServerHttp).noquote() << copy.method << copy.path << r.status << timer.elapsed() << "ms";
        return r;
    }));
}

HttpServer::~HttpServer()
{
    m_server.reset();
    m_pool->waitForDone();
    m_readPool->waitForDone();
    m_context.reset(); // watchers of answers nobody will read any more
}

void HttpServer::warmUp(const std::function<void()> &perThread)
{
    for (QThreadPool *pool : {m_pool.get(), m_readPool.get()}) {
        const int n = pool->maxThreadCount();
        std::latch started(n); // each task holds its thread until all have one, so each runs on a thread of its own
        for (int i = 0; i < n; ++i)
            pool->start([&] {
                perThread();
                started.arrive_and_wait();
            });
        pool->waitForDone();
    }
}

Status HttpServer::setupTls(const QString &certPath, const QString &keyPath)
{
    QFile certFile(certPath);
    if (!certFile.open(QIODevice::ReadOnly))
        return Error::make(Error::Code::Io, u"--tls-cert: cannot read %1: %2"_s.arg(certPath, certFile.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromDevice(&certFile, QSsl::Pem);
    if (chain.isEmpty())
        return Error::make(Error::Code::Invalid, u"--tls-cert: %1 holds no PEM certificate"_s.arg(certPath));
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return Error::make(Error::Code::Io, u"--tls-key: cannot read %1: %2"_s.arg(keyPath, keyFile.errorString()));
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return Error::make(Error::Code::Invalid, u"--tls-key: %1 holds no PEM RSA or EC private key"_s.arg(keyPath));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    m_tls = config; // listen() serves it through a guarded QSslServer
    return ok();
}

Result<quint16> HttpServer::listen(const QHostAddress &address, quint16 port)
{
    QTcpServer *tcp = m_limiter->createServer(m_tls ? &*m_tls : nullptr);
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return Error::make(Error::Code::Io, u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(why));
    }
    m_server->bind(tcp); // QtHttpServer takes it (and its parent); our nextPendingConnection() admits first
    qCInfo(lcServerHttp) << "at most" << m_limiter->maxConnections() << "connections,"
                         << m_limiter->limits().maxConnectionsPerAddress << "per address";
    return tcp->serverPort();
}

} // namespace understudy::server

// SPDX-License-Identifier: GPL-3.0-or-later
// Load generator for understudy-server: N simulated agents on loopback, each on its own keep-alive HTTP/1.1
// connection, looping pull (GET /changes) -> push a batch (POST /events) -> every few loops a reply
// (POST /tickets/{id}/replies with an idempotency key). Prints events/s, requests/s and p50/p99 per request kind.
// Users, tickets and logins (Argon2id, deliberately slow) are set up before the timed window.
//
//   bench_server                                    200 agents, 10 s, a server it starts on a temp SQLite file
//   bench_server --database pg                      the same on a throwaway PostgreSQL cluster (pg_cluster.sh)
//   bench_server --database sqlite:///tmp/b/s.db --token-cache /tmp/b/tokens.json
//                                                   keeps the database; later runs skip the 200 logins
//   bench_server --interval-ms 1000                 paced: one loop per agent per second (10,000 events/s offered)
//   bench_server --pull-limit 1 --reply-every 0     ingest only (no fan-out of the feed to every agent)
//   bench_server --database pg --processes 1,2      one window with one server process, then one with two on the
//                                                   same database, the agents spread over them (round robin)
#include "BenchSupport.h"

#include <understudy/Clock.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <atomic>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using understudy::bench::percentiles;
using understudy::bench::secondsSince;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Response {
    int status = 0; ///< 0 = transport error
    QByteArray body;
    bool ok() const { return status >= 200 && status < 300; }
};

/// Length of the complete HTTP response at the front of @p buf, or -1; sets @p status.
qint64 responseLength(const QByteArray &buf, int *status)
{
    const qint64 headerEnd = buf.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return -1;
    const qint64 bodyStart = headerEnd + 4;
    const qsizetype firstSpace = buf.indexOf(' ');
    *status = buf.mid(firstSpace + 1, 3).toInt();
    if (*status == 204 || *status == 304 || (*status >= 100 && *status < 200))
        return bodyStart;
    const QByteArray headers = buf.left(headerEnd).toLower();
    const qsizetype cl = headers.indexOf("\r\ncontent-length:");
    if (cl >= 0) {
        const qsizetype eol = headers.indexOf("\r\n", cl + 2);
        const qint64 len = headers.mid(cl + 17, (eol < 0 ? headers.size() : eol) - cl - 17).trimmed().toLongLong();
        return buf.size() >= bodyStart + len ? bodyStart + len : -1;
    }
    if (headers.contains("transfer-encoding: chunked")) {
        qint64 pos = bodyStart;
        for (;;) {
            const qint64 eol = buf.indexOf("\r\n", pos);
            if (eol < 0)
                return -1;
            bool ok = false;
            const qint64 size = buf.mid(pos, eol - pos).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok)
                return -1;
            if (size == 0) {
                const qint64 end = buf.indexOf("\r\n\r\n", eol);
                return end < 0 ? -1 : end + 4;
            }
            pos = eol + 2 + size + 2;
            if (pos > buf.size())
                return -1;
        }
    }
    return -1; // no length: not something the server sends
}

/// De-chunks a chunked body if needed (the server uses Content-Length; this is defensive).
QByteArray bodyOf(const QByteArray &message)
{
    const qint64 headerEnd = message.indexOf("\r\n\r\n");
    QByteArray body = message.mid(headerEnd + 4);
    if (!message.left(headerEnd).toLower().contains("transfer-encoding: chunked"))
        return body;
    QByteArray out;
    qint64 pos = 0;
    for (;;) {
        const qint64 eol = body.indexOf("\r\n", pos);
        const qint64 size = body.mid(pos, eol - pos).split(';').value(0).trimmed().toLongLong(nullptr, 16);
        if (eol < 0 || size <= 0)
            return out;
        out += body.mid(eol + 2, size);
        pos = eol + 2 + size + 2;
    }
}

/// One keep-alive HTTP/1.1 connection, one request at a time. A connection closed before any answer byte is
/// reopened and the request sent once more (as QNetworkAccessManager does); the server is idempotent for it.
class HttpConnection : public QObject {
public:
    using Callback = std::function<void(const Response &)>;

    HttpConnection(QString host, quint16 port, QObject *parent = nullptr)
        : QObject(parent), m_host(std::move(host)), m_port(port), m_socket(new QTcpSocket(this))
    {
        m_hostHeader = QStringLiteral("%1:%2").arg(m_host).arg(m_port).toUtf8();
        connect(m_socket, &QTcpSocket::connected, this, [this] {
            m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            if (m_busy)
                m_socket->write(m_out);
        });
        connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
        connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onClosed);
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                onClosed();
        });
    }

    void connectSocket()
    {
        ++m_generation;
        m_socket->connectToHost(m_host, m_port);
    }

    int reconnects = 0;

    void request(const QByteArray &method, const QByteArray &path, const QByteArray &token, const QByteArray &body,
                 Callback cb)
    {
        Q_ASSERT(!m_busy);
        m_out = method + ' ' + path + " HTTP/1.1\r\nHost: " + m_hostHeader;
        if (!token.isEmpty())
            m_out += "\r\nAuthorization: Bearer " + token;
        if (!body.isEmpty() || method == "POST")
            m_out += "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size());
        m_out += "\r\n\r\n" + body;
        m_in.clear();
        m_cb = std::move(cb);
        m_busy = true;
        m_resent = false;
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->write(m_out);
        else if (m_socket->state() == QAbstractSocket::UnconnectedState)
            connectSocket();
    }

private:
    void onReadyRead()
    {
        m_in += m_socket->readAll();
        if (!m_busy)
            return;
        int status = 0;
        const qint64 len = responseLength(m_in, &status);
        if (len < 0)
            return;
        complete(Response{status, bodyOf(m_in.left(len))});
    }

    void onClosed()
    {
        // errorOccurred and disconnected may both report one closed connection.
        if (!m_busy || m_closedGeneration == m_generation)
            return;
        m_closedGeneration = m_generation;
        if (m_in.isEmpty() && !m_resent) {
            m_resent = true;
            ++reconnects;
            QTimer::singleShot(0, this, [this] {
                if (m_socket->state() == QAbstractSocket::UnconnectedState)
                    connectSocket();
            });
            return;
        }
        complete(Response{0, {}});
    }

    void complete(const Response &r)
    {
        m_busy = false;
        m_in.clear();
        Callback cb = std::move(m_cb);
        m_cb = nullptr;
        cb(r);
    }

    QString m_host;
    quint16 m_port;
    QTcpSocket *m_socket;
    QByteArray m_hostHeader;
    QByteArray m_out;
    QByteArray m_in;
    Callback m_cb;
    bool m_busy = false;
    bool m_resent = false;
    int m_generation = 0;
    int m_closedGeneration = -1;
};

struct Options {
    QString host = u"127.0.0.1"_s;
    quint16 port = 0;
    int agents = 200;
    double seconds = 10;
    int batch = 50;
    int replyEvery = 5;
    int pullLimit = 500;
    int intervalMs = 0;
    int threads = 1;
    int ticketsPerAgent = 5;
    bool randomIds = false; ///< version 4 ids, as clients made before Clock::newId became time-ordered
};

/// What one client thread measured.
struct Tally {
    std::vector<double> pullMs, pushMs, replyMs;
    qint64 events = 0;     ///< acknowledged by pushes that finished inside the window
    qint64 eventsAll = 0;  ///< acknowledged by every push, also the ones that finished after the deadline
    qint64 eventsSent = 0; ///< events in pushes started
    qint64 pulledChanges = 0;
    qint64 bytesIn = 0;
    int reconnects = 0;
    std::map<QString, int> errors; ///< "push 503" -> count
};

struct AgentSetup {
    QByteArray name;
    QByteArray token;
    QStringList tickets;
    quint16 port = 0; ///< the server process this agent talks to (0: Options::port)
};

QByteArray isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
}

const char *const kKinds[] = {"shown", "sent_as_is", "sent_edited", "rejected", "flagged", "regenerated", "escalated"};

/// A random (version 4) UUID from a per-thread generator: QUuid::createUuid() asks the kernel every time.
QByteArray randomUuid()
{
    thread_local QRandomGenerator64 rng(QRandomGenerator::system()->generate64());
    const quint64 a = rng.generate(), b = rng.generate();
    const QUuid u(uint(a >> 32), ushort(a >> 16), ushort((a & 0x0fff) | 0x4000), uchar(((b >> 56) & 0x3f) | 0x80),
                  uchar(b >> 48), uchar(b >> 40), uchar(b >> 32), uchar(b >> 24), uchar(b >> 16), uchar(b >> 8),
                  uchar(b));
    return u.toByteArray(QUuid::WithoutBraces);
}

/// An id as the client makes it (time-ordered), or a random one with --random-ids.
QByteArray uuid(const Options &o)
{
    return o.randomIds ? randomUuid() : understudy::Clock::newId().toLatin1();
}

/// A simulated agent: pull, push, sometimes reply, until the deadline.
class Agent : public QObject {
public:
    Agent(const Options &o, AgentSetup setup, QByteArray cursor, SteadyClock::time_point deadline, Tally *tally,
          std::function<void()> finished, QObject *parent)
        : QObject(parent), m_o(o), m_setup(std::move(setup)), m_cursor(std::move(cursor)), m_deadline(deadline),
          m_tally(tally), m_finished(std::move(finished)),
          m_conn(new HttpConnection(o.host, m_setup.port ? m_setup.port : o.port, this))
    {
    }

    void start(int delayMs) { QTimer::singleShot(delayMs, this, &Agent::loop); }

private:
    bool inWindow() const { return SteadyClock::now() < m_deadline; }

    void fail(const char *kind, int status)
    {
        ++m_tally->errors[QStringLiteral("%1 %2").arg(QLatin1String(kind)).arg(status)];
    }

    double msSince(SteadyClock::time_point t) const { return secondsSince(t) * 1000.0; }

    void loop()
    {
        if (!inWindow()) {
            m_tally->reconnects += m_conn->reconnects;
            m_finished();
            return;
        }
        m_loopStart = SteadyClock::now();
        ++m_loops;
        pull();
    }

    void pull()
    {
        const auto t = SteadyClock::now();
        const QByteArray path = "/api/v1/changes?since=" + m_cursor + "&limit=" + QByteArray::number(m_o.pullLimit);
        m_conn->request("GET", path, m_setup.token, {}, [this, t](const Response &r) {
            const bool counted = inWindow();
            if (counted)
                m_tally->pullMs.push_back(msSince(t));
            m_tally->bytesIn += r.body.size();
            if (r.ok()) {
                // The cursor is the last key of the answer; no need to parse a page of changes.
                const qsizetype at = r.body.lastIndexOf("\"cursor\":");
                if (at >= 0) {
                    const qsizetype open = r.body.indexOf('"', at + 9);
                    const qsizetype close = r.body.indexOf('"', open + 1);
                    if (open > 0 && close > open)
                        m_cursor = r.body.mid(open + 1, close - open - 1);
                }
                m_tally->pulledChanges += r.body.count("\"seq\":");
            } else {
                fail("pull", r.status);
            }
            push();
        });
    }

    void push()
    {
        QByteArray body;
        body.reserve(m_o.batch * 420 + 16);
        body += "{\"events\":[";
        const QByteArray at = isoNow();
        auto *rng = QRandomGenerator::global();
        for (int i = 0; i < m_o.batch; ++i) {
            if (i)
                body += ',';
            const char *kind = kKinds[rng->bounded(int(std::size(kKinds)))];
            const QByteArray ticket = m_setup.tickets.value(rng->bounded(int(m_setup.tickets.size()))).toUtf8();
            body += "{\"id\":\"" + uuid(m_o) + "\",\"kind\":\"" + kind + "\",\"ticket_id\":\"" + ticket +
                    "\",\"draft_id\":\"" + uuid(m_o) + "\",\"at\":\"" + at + "\",\"confidence\":0." +
                    QByteArray::number(rng->bounded(10, 99)) +
                    ",\"sources\":[{\"kind\":\"article\",\"id\":\"kb-12\"}],"
                    "\"final_text\":\"Thanks for your patience, your card is on its way.\","
                    "\"edit\":{\"chars\":12,\"words\":3,\"kept\":0.91},\"reason\":null,\"engine\":\"1.0.0\"}";
        }
        body += "]}";
        m_tally->eventsSent += m_o.batch;
        const auto t = SteadyClock::now();
        m_conn->request("POST", "/api/v1/events", m_setup.token, body, [this, t](const Response &r) {
            const bool counted = inWindow();
            if (counted)
                m_tally->pushMs.push_back(msSince(t));
            if (r.ok()) {
                const qint64 acked = QJsonDocument::fromJson(r.body).object().value(u"acknowledged"_s).toArray().size();
                m_tally->eventsAll += acked;
                if (counted)
                    m_tally->events += acked;
            } else {
                fail("push", r.status);
            }
            if (m_o.replyEvery > 0 && m_loops % m_o.replyEvery == 1 % m_o.replyEvery) // loops 1, 1+N, 1+2N…
                reply();
            else
                next();
        });
    }

    void reply()
    {
        const QString ticket = m_setup.tickets.value(m_loops / m_o.replyEvery % m_setup.tickets.size());
        const QByteArray body =
            "{\"idempotency_key\":\"" + uuid(m_o) + "\",\"text\":\"Hello, your refund was issued today.\"}";
        const QByteArray path = "/api/v1/tickets/" + QUrl::toPercentEncoding(ticket) + "/replies";
        const auto t = SteadyClock::now();
        m_conn->request("POST", path, m_setup.token, body, [this, t](const Response &r) {
            if (inWindow())
                m_tally->replyMs.push_back(msSince(t));
            if (!r.ok())
                fail("reply", r.status);
            next();
        });
    }

    void next()
    {
        if (m_o.intervalMs <= 0) {
            loop();
            return;
        }
        const double elapsed = msSince(m_loopStart);
        QTimer::singleShot(std::max(0, int(m_o.intervalMs - elapsed)), this, &Agent::loop);
    }

    const Options &m_o;
    AgentSetup m_setup;
    QByteArray m_cursor;
    SteadyClock::time_point m_deadline;
    Tally *m_tally;
    std::function<void()> m_finished;
    HttpConnection *m_conn;
    SteadyClock::time_point m_loopStart;
    int m_loops = 0;
};

// ---- set-up helpers (blocking on a local event loop is fine here: nothing else runs yet) ----

Response call(const Options &o, const QByteArray &method, const QByteArray &path, const QByteArray &token,
              const QByteArray &body)
{
    HttpConnection c(o.host, o.port);
    Response out;
    bool done = false;
    c.request(method, path, token, body, [&](const Response &r) {
        out = r;
        done = true;
    });
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return out;
}

/// Runs @p make(i) for i in [0, n) with @p parallel requests in flight; @p make returns (method, path, body,
/// token) and @p done receives each answer.
void callMany(const Options &o, int n, int parallel,
              const std::function<std::tuple<QByteArray, QByteArray, QByteArray, QByteArray>(int)> &make,
              const std::function<void(int, const Response &)> &done)
{
    std::vector<std::unique_ptr<HttpConnection>> conns;
    int nextIndex = 0, finished = 0;
    std::function<void(HttpConnection *)> pump = [&](HttpConnection *c) {
        if (nextIndex >= n)
            return;
        const int i = nextIndex++;
        auto [method, path, body, token] = make(i);
        c->request(method, path, token, body, [&, c, i](const Response &r) {
            done(i, r);
            ++finished;
            pump(c);
        });
    };
    for (int k = 0; k < std::min(parallel, n); ++k) {
        conns.push_back(std::make_unique<HttpConnection>(o.host, o.port));
        pump(conns.back().get());
    }
    while (finished < n)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

QJsonObject jsonOf(const Response &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

std::function<void()> g_cleanup; ///< stops what the bench started (server, PostgreSQL cluster) on a fatal error

[[noreturn]] void die(const QString &message)
{
    if (auto cleanup = std::exchange(g_cleanup, nullptr))
        cleanup();
    std::fprintf(stderr, "bench_server: %s\n", qPrintable(message));
    std::exit(1);
}

/// The server process, when the bench starts one.
struct LocalServer {
    QString program;
    QString database;
    QStringList extraArgs;
    QString pgState; ///< the throwaway PostgreSQL cluster's state folder, when the bench started one
    QProcess process;
    QString logPath;

    /// The database URL travels in the environment, so its password never shows in the process list.
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"UNDERSTUDY_DATABASE_URL"_s, database);
        return env;
    }

    int runCli(const QStringList &args, const QByteArray &input)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(program, args);
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(120000))
            die(u"understudy-server %1 did not finish"_s.arg(args.join(u' ')));
        if (p.exitCode() != 0)
            std::fprintf(stderr, "%s", p.readAllStandardError().constData());
        return p.exitCode();
    }

    /// Starts the server on an ephemeral port; its output goes to files, so a full pipe never blocks it.
    quint16 start()
    {
        const QString outPath = logPath + u".out"_s;
        process.setStandardOutputFile(outPath);
        process.setStandardErrorFile(logPath);
        process.setProcessEnvironment(environment());
        process.start(program, QStringList{u"--listen"_s, u"127.0.0.1:0"_s} + extraArgs);
        static const QRegularExpression re(u"listening on https?://[^:]+:(\\d+)"_s);
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 30000 && process.state() != QProcess::NotRunning) {
            process.waitForFinished(50);
            QFile f(outPath);
            if (f.open(QIODevice::ReadOnly))
                out = f.readAll();
            if (const auto m = re.match(QString::fromUtf8(out)); m.hasMatch())
                return quint16(m.captured(1).toUInt());
        }
        die(u"the server did not print \"listening on\" (log: %1): %2"_s.arg(logPath, QString::fromUtf8(out)));
    }

    /// utime+stime of the server in seconds, and its resident memory in MiB.
    std::pair<double, double> cpuAndRss() const
    {
        const qint64 pid = process.processId();
        QFile stat(u"/proc/%1/stat"_s.arg(pid));
        QFile statm(u"/proc/%1/statm"_s.arg(pid));
        if (pid <= 0 || !stat.open(QIODevice::ReadOnly) || !statm.open(QIODevice::ReadOnly))
            return {0, 0};
        const QByteArray s = stat.readAll();
        const QList<QByteArray> f = s.mid(s.lastIndexOf(')') + 2).split(' ');
        const double ticks = double(sysconf(_SC_CLK_TCK));
        const double cpu = (f.value(11).toDouble() + f.value(12).toDouble()) / ticks;
        const double rss = statm.readAll().split(' ').value(1).toDouble() * double(sysconf(_SC_PAGESIZE)) / 1048576.0;
        return {cpu, rss};
    }

    /// Starts a throwaway cluster (tests/support/pg_cluster.sh) and returns its URL.
    QString startPostgres()
    {
        const QString script = QStringLiteral(UNDERSTUDY_SOURCE_DIR "/tests/support/pg_cluster.sh");
        QProcess p;
        p.start(script, {u"start"_s, pgState});
        if (!p.waitForFinished(120000) || p.exitCode() != 0)
            die(u"%1 start failed: %2"_s.arg(script, QString::fromUtf8(p.readAllStandardError())));
        QFile url(pgState + u"/url"_s);
        if (!url.open(QIODevice::ReadOnly))
            die(u"%1 wrote no url file"_s.arg(script));
        return QString::fromUtf8(url.readAll()).trimmed();
    }

    void stop()
    {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            if (!process.waitForFinished(10000)) {
                process.kill();
                process.waitForFinished(5000);
            }
        }
        if (!pgState.isEmpty()) {
            QProcess p;
            p.start(QStringLiteral(UNDERSTUDY_SOURCE_DIR "/tests/support/pg_cluster.sh"), {u"stop"_s, pgState});
            p.waitForFinished(60000);
            pgState.clear();
        }
    }
};

/// The server's own count of the bench agents' events (the sum of their stats rows), -1 if unavailable.
qint64 heldEvents(const Options &o, const QByteArray &adminToken)
{
    const Response r = call(o, "GET", "/api/v1/stats/agents", adminToken, {});
    if (!r.ok())
        return -1;
    qint64 held = 0;
    for (const QJsonValue &row : jsonOf(r).value(u"agents"_s).toArray()) {
        const QJsonObject a = row.toObject();
        if (!a.value(u"agent"_s).toString().startsWith(u"bench-agent-"_s))
            continue;
        for (const char *k : kKinds)
            held += a.value(QLatin1String(k)).toInteger();
    }
    return held;
}

double clientCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

QJsonObject summary(const std::vector<double> &ms, double seconds)
{
    const auto p = percentiles(ms);
    return QJsonObject{{u"count"_s, p.n},     {u"per_s"_s, double(p.n) / seconds},
                       {u"p50_ms"_s, p.p50},  {u"p90_ms"_s, p.p90},
                       {u"p99_ms"_s, p.p99},  {u"max_ms"_s, p.max},
                       {u"mean_ms"_s, p.mean}};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(u"Load generator for understudy-server (simulated agents on loopback)."_s);
    cli.addHelpOption();
    const QCommandLineOption urlOpt(u"url"_s, u"Use a running server (default: start one)."_s, u"url"_s);
    const QCommandLineOption adminOpt(u"admin"_s, u"With --url: an admin account; its password is read from stdin."_s,
                                      u"name"_s);
    const QCommandLineOption serverOpt(u"server"_s, u"The understudy-server executable to start."_s, u"path"_s,
                                       QStringLiteral(UNDERSTUDY_SERVER_PATH));
    const QCommandLineOption dbOpt(
        u"database"_s,
        u"sqlite (a temp file, default), sqlite:///path, postgresql://user:pass@host:port/db, or pg (a "
        "throwaway cluster from tests/support/pg_cluster.sh)"_s,
        u"url"_s, u"sqlite"_s);
    const QCommandLineOption agentsOpt(u"agents"_s, u"Simulated agents (default 200)."_s, u"n"_s, u"200"_s);
    const QCommandLineOption secondsOpt(u"seconds"_s, u"Timed window (default 10)."_s, u"s"_s, u"10"_s);
    const QCommandLineOption batchOpt(u"batch"_s, u"Events per push (default 50)."_s, u"n"_s, u"50"_s);
    const QCommandLineOption replyOpt(u"reply-every"_s, u"A reply every N loops (default 5, 0 = never)."_s, u"n"_s,
                                      u"5"_s);
    const QCommandLineOption limitOpt(u"pull-limit"_s, u"limit= of each pull (default 500, the protocol default)."_s,
                                      u"n"_s, u"500"_s);
    const QCommandLineOption intervalOpt(
        u"interval-ms"_s, u"Each agent starts a loop at most every N ms (default 0: closed loop, as fast as it can)."_s,
        u"ms"_s, u"0"_s);
    const QCommandLineOption threadsOpt(u"threads"_s, u"Client threads (default 1)."_s, u"n"_s, u"1"_s);
    const QCommandLineOption serverThreadsOpt(u"server-threads"_s, u"--threads for the server it starts."_s, u"n"_s);
    const QCommandLineOption tokenCacheOpt(
        u"token-cache"_s,
        u"Keep the agents' tokens in FILE and reuse them next time (with --url or a kept sqlite:///path database): "
        "skips 200 Argon2id logins."_s,
        u"file"_s);
    const QCommandLineOption randomIdsOpt(
        u"random-ids"_s,
        u"Send random (version 4) event ids, as clients did before ids became time-ordered (default: the "
        "client's time-ordered ids)."_s);
    const QCommandLineOption jsonOpt(u"json"_s, u"Also write the figures as JSON to FILE."_s, u"file"_s);
    const QCommandLineOption processesOpt(
        u"processes"_s,
        u"Server processes on the one database, as a comma-separated list of counts: one timed window each, the "
        "agents spread over the processes round robin (default 1; not with --url)."_s,
        u"list"_s, u"1"_s);
    cli.addOptions({urlOpt, adminOpt, serverOpt, dbOpt, agentsOpt, secondsOpt, batchOpt, replyOpt, limitOpt,
                    intervalOpt, threadsOpt, serverThreadsOpt, tokenCacheOpt, randomIdsOpt, jsonOpt, processesOpt});
    cli.process(app);

    Options o;
    o.agents = std::max(1, cli.value(agentsOpt).toInt());
    o.seconds = std::max(0.5, cli.value(secondsOpt).toDouble());
    o.batch = std::clamp(cli.value(batchOpt).toInt(), 1, 1000);
    o.replyEvery = std::max(0, cli.value(replyOpt).toInt());
    o.pullLimit = std::clamp(cli.value(limitOpt).toInt(), 1, 5000);
    o.intervalMs = std::max(0, cli.value(intervalOpt).toInt());
    o.threads = std::clamp(cli.value(threadsOpt).toInt(), 1, 16);
    o.randomIds = cli.isSet(randomIdsOpt);
    QList<int> processCounts;
    for (const QString &n : cli.value(processesOpt).split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int k = n.trimmed().toInt(&ok);
        if (!ok || k < 1 || k > 16)
            die(u"--processes: expected counts from 1 to 16, like 1,2"_s);
        processCounts << k;
    }
    if (processCounts.isEmpty())
        processCounts << 1;
    if (cli.isSet(urlOpt) && (processCounts.size() > 1 || processCounts.first() > 1))
        die(u"--processes needs a server the bench starts (not --url)"_s);

    QTemporaryDir tmp;
    LocalServer server;
    std::vector<std::unique_ptr<LocalServer>> extraServers; ///< --processes: the second, third… process
    std::vector<quint16> extraPorts;
    QByteArray adminName = "bench-admin";
    QByteArray adminPassword = "bench-admin-password";
    QString databaseKind;
    if (cli.isSet(urlOpt)) {
        const QUrl url(cli.value(urlOpt));
        o.host = url.host();
        o.port = quint16(url.port(80));
        if (!cli.isSet(adminOpt))
            die(u"--url needs --admin NAME (password on stdin) to create the agents"_s);
        adminName = cli.value(adminOpt).toUtf8();
        adminPassword = QTextStream(stdin).readLine().toUtf8();
        databaseKind = u"external"_s;
    } else {
        server.program = cli.value(serverOpt);
        QString db = cli.value(dbOpt);
        if (db == u"sqlite"_s)
            db = u"sqlite://"_s + tmp.filePath(u"server.db"_s);
        if (db == u"pg"_s) {
            server.pgState = tmp.filePath(u"pg"_s);
            db = server.startPostgres();
        }
        if (cli.isSet(serverThreadsOpt))
            server.extraArgs << u"--threads"_s << cli.value(serverThreadsOpt);
        server.database = db;
        server.logPath = tmp.filePath(u"server.log"_s);
        g_cleanup = [&server, &extraServers] {
            for (auto &x : extraServers)
                x->stop();
            server.stop();
        };
        databaseKind = db.section(u':', 0, 0);
        // On a database kept from an earlier run the admin is already there; the login below decides.
        server.runCli({u"user"_s, u"add"_s, u"--name"_s, QString::fromUtf8(adminName), u"--role"_s, u"admin"_s},
                      adminPassword + '\n');
        o.port = server.start();
    }
    std::printf("server: http://%s:%u, database %s\n", qPrintable(o.host), unsigned(o.port), qPrintable(databaseKind));

    // ---- set-up, not timed: tickets, agents, logins, the head of the changes feed ----
    const auto setupStart = SteadyClock::now();
    const Response adminLogin = call(o, "POST", "/api/v1/session", {},
                                     QJsonDocument(QJsonObject{{u"name"_s, QString::fromUtf8(adminName)},
                                                               {u"password"_s, QString::fromUtf8(adminPassword)}})
                                         .toJson(QJsonDocument::Compact));
    if (!adminLogin.ok())
        die(u"admin login failed: %1 %2"_s.arg(adminLogin.status).arg(QString::fromUtf8(adminLogin.body)));
    const QByteArray adminToken = jsonOf(adminLogin).value(u"token"_s).toString().toUtf8();

    const QString runTag = QString::number(QDateTime::currentSecsSinceEpoch(), 36);
    std::vector<AgentSetup> agents(size_t(o.agents));
    QJsonArray tickets;
    for (int a = 0; a < o.agents; ++a) {
        agents[size_t(a)].name = QStringLiteral("bench-agent-%1").arg(a, 3, 10, QChar(u'0')).toUtf8();
        for (int k = 0; k < o.ticketsPerAgent; ++k) {
            const QString id = u"B-%1-%2-%3"_s.arg(runTag).arg(a).arg(k);
            agents[size_t(a)].tickets << id;
            tickets.append(QJsonObject{
                {u"id"_s, id},
                {u"subject"_s, u"Card not arrived (%1)"_s.arg(k)},
                {u"status"_s, u"open"_s},
                {u"created_at"_s, QString::fromUtf8(isoNow())},
                {u"customer"_s, QJsonObject{{u"id"_s, u"c-%1"_s.arg(a)}, {u"name"_s, u"Customer %1"_s.arg(a)}}},
                {u"messages"_s, QJsonArray{QJsonObject{{u"author"_s, u"customer"_s},
                                                       {u"body"_s, u"My new card has not arrived yet."_s},
                                                       {u"at"_s, QString::fromUtf8(isoNow())}}}}});
        }
    }
    for (qsizetype i = 0; i < tickets.size(); i += 500) {
        QJsonArray page;
        for (qsizetype j = i; j < std::min(tickets.size(), i + 500); ++j)
            page.append(tickets[j]);
        const Response r = call(o, "POST", "/api/v1/tickets", adminToken,
                                QJsonDocument(QJsonObject{{u"tickets"_s, page}}).toJson(QJsonDocument::Compact));
        if (!r.ok())
            die(u"ticket import failed: %1 %2"_s.arg(r.status).arg(QString::fromUtf8(r.body)));
    }
    // Tokens from an earlier run against the same database, if every one still works.
    int reused = 0;
    if (cli.isSet(tokenCacheOpt)) {
        QFile f(cli.value(tokenCacheOpt));
        const QJsonObject cached =
            f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject{};
        for (auto &a : agents)
            a.token = cached.value(QString::fromUtf8(a.name)).toString().toUtf8();
        callMany(
            o, o.agents, 8,
            [&](int a) {
                return std::tuple{QByteArray("GET"), QByteArray("/api/v1/session"), QByteArray(),
                                  agents[size_t(a)].token};
            },
            [&](int a, const Response &r) {
                if (r.ok())
                    ++reused;
                else
                    agents[size_t(a)].token.clear();
            });
    }
    auto password = [](int a) { return QByteArray("bench-password-") + QByteArray::number(a); };
    int userErrors = 0;
    std::vector<int> missing;
    for (int a = 0; a < o.agents; ++a)
        if (agents[size_t(a)].token.isEmpty())
            missing.push_back(a);
    callMany(
        o, int(missing.size()), 8,
        [&](int i) {
            const int a = missing[size_t(i)];
            const QByteArray body = QJsonDocument(QJsonObject{{u"name"_s, QString::fromUtf8(agents[size_t(a)].name)},
                                                              {u"role"_s, u"agent"_s},
                                                              {u"password"_s, QString::fromUtf8(password(a))}})
                                        .toJson(QJsonDocument::Compact);
            return std::tuple{QByteArray("POST"), QByteArray("/api/v1/users"), body, adminToken};
        },
        [&](int, const Response &r) {
            if (!r.ok() && r.status != 409 && r.status != 400) // 409/400: already there from an earlier run
                ++userErrors;
        });
    const auto loginStart = SteadyClock::now();
    callMany(
        o, int(missing.size()), 8,
        [&](int i) {
            const int a = missing[size_t(i)];
            const QByteArray body = QJsonDocument(QJsonObject{{u"name"_s, QString::fromUtf8(agents[size_t(a)].name)},
                                                              {u"password"_s, QString::fromUtf8(password(a))}})
                                        .toJson(QJsonDocument::Compact);
            return std::tuple{QByteArray("POST"), QByteArray("/api/v1/session"), body, QByteArray()};
        },
        [&](int i, const Response &r) {
            if (r.ok())
                agents[size_t(missing[size_t(i)])].token = jsonOf(r).value(u"token"_s).toString().toUtf8();
        });
    const double loginSeconds = secondsSince(loginStart);
    for (const auto &a : agents)
        if (a.token.isEmpty())
            die(u"login failed for %1 (user creation errors: %2)"_s.arg(QString::fromUtf8(a.name)).arg(userErrors));
    if (cli.isSet(tokenCacheOpt)) {
        QJsonObject cache;
        for (const auto &a : agents)
            cache.insert(QString::fromUtf8(a.name), QString::fromUtf8(a.token));
        QFile f(cli.value(tokenCacheOpt));
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(cache).toJson()) < 0)
            die(u"cannot write %1"_s.arg(f.fileName()));
    }
    // Agents start at the head of the feed, as clients that are already in sync. Paging a kept database's whole
    // feed would take minutes, so the head is found by probing with limit=1; this reads the cursor as the decimal
    // sequence it is today (docs/protocol.md), which a real client must not do.
    auto hasChangesAfter = [&](qint64 seq) {
        const Response r =
            call(o, "GET", "/api/v1/changes?since=" + QByteArray::number(seq) + "&limit=1", adminToken, {});
        if (!r.ok())
            die(u"GET /changes failed: %1 %2"_s.arg(r.status).arg(QString::fromUtf8(r.body)));
        return !jsonOf(r).value(u"changes"_s).toArray().isEmpty();
    };
    const auto headOfFeed = [&] {
        qint64 lo = 0, hi = 1; // invariant once set: changes after lo, none after hi
        while (hasChangesAfter(hi)) {
            lo = hi;
            hi *= 2;
        }
        if (hasChangesAfter(0)) {
            while (hi - lo > 1) {
                const qint64 mid = lo + (hi - lo) / 2;
                (hasChangesAfter(mid) ? lo : hi) = mid;
            }
        } else {
            hi = 0;
        }
        return QByteArray::number(hi);
    };
    std::printf("set-up: %d agents, %lld tickets, %.1f s (%d logins in %.1f s, Argon2id; %d tokens reused)\n", o.agents,
                qlonglong(tickets.size()), secondsSince(setupStart), o.agents - reused, loginSeconds, reused);
    std::fflush(stdout);

    QJsonArray rounds;
    for (const int processes : std::as_const(processCounts)) {
        // More processes on the same database, started now, and the agents spread over them.
        while (int(extraServers.size()) < processes - 1) {
            auto x = std::make_unique<LocalServer>();
            x->program = server.program;
            x->database = server.database;
            x->extraArgs = server.extraArgs;
            x->logPath = tmp.filePath(u"server-%1.log"_s.arg(extraServers.size() + 2));
            extraServers.push_back(std::move(x));
            extraPorts.push_back(extraServers.back()->start());
        }
        std::vector<quint16> ports{o.port};
        for (int x = 0; x + 1 < processes; ++x)
            ports.push_back(extraPorts[size_t(x)]);
        for (int a = 0; a < o.agents; ++a)
            agents[size_t(a)].port = ports[size_t(a % processes)];
        const QByteArray cursor = headOfFeed();              // each window starts in sync
        const qint64 heldBefore = heldEvents(o, adminToken); // a kept database holds earlier runs' events

        // ---- the timed window ----
        const auto serversCpuAndRss = [&] {
            auto [cpu, rss] = server.cpuAndRss();
            for (int x = 0; x + 1 < processes; ++x) {
                const auto [c, r] = extraServers[size_t(x)]->cpuAndRss();
                cpu += c;
                rss += r;
            }
            return std::pair{cpu, rss};
        };
        const auto [cpu0, rss0] = serversCpuAndRss();
        const double clientCpu0 = clientCpuSeconds();
        std::vector<Tally> tallies(size_t(o.threads));
        std::vector<std::unique_ptr<QThread>> threads;
        std::atomic<int> running{o.agents};
        const auto start = SteadyClock::now();
        const auto deadline = start + std::chrono::microseconds(qint64(o.seconds * 1e6));
        for (int t = 0; t < o.threads; ++t) {
            auto thread = std::make_unique<QThread>();
            auto *context = new QObject;
            context->moveToThread(thread.get());
            QObject::connect(thread.get(), &QThread::finished, context, &QObject::deleteLater);
            thread->start();
            Tally *tally = &tallies[size_t(t)];
            QMetaObject::invokeMethod(context, [&, context, tally, t] {
                for (int a = t; a < o.agents; a += o.threads) {
                    auto *agent = new Agent(
                        o, agents[size_t(a)], cursor, deadline, tally, [&running] { --running; }, context);
                    // Spread the first loops over the pacing interval (or 50 ms) so they do not start in lock-step.
                    agent->start(
                        QRandomGenerator::global()->bounded(std::max(1, o.intervalMs > 0 ? o.intervalMs : 50)));
                }
            });
            threads.push_back(std::move(thread));
        }
        while (running.load() > 0)
            QThread::msleep(20);
        const double elapsed = secondsSince(start);
        const auto [cpu1, rss1] = serversCpuAndRss();
        const double clientCpu = clientCpuSeconds() - clientCpu0;
        for (auto &t : threads) {
            t->quit();
            t->wait();
        }

        Tally all;
        for (Tally &t : tallies) {
            all.pullMs.insert(all.pullMs.end(), t.pullMs.begin(), t.pullMs.end());
            all.pushMs.insert(all.pushMs.end(), t.pushMs.begin(), t.pushMs.end());
            all.replyMs.insert(all.replyMs.end(), t.replyMs.begin(), t.replyMs.end());
            all.events += t.events;
            all.eventsAll += t.eventsAll;
            all.eventsSent += t.eventsSent;
            all.pulledChanges += t.pulledChanges;
            all.bytesIn += t.bytesIn;
            all.reconnects += t.reconnects;
            for (const auto &[k, v] : t.errors)
                all.errors[k] += v;
        }
        std::vector<double> every = all.pullMs;
        every.insert(every.end(), all.pushMs.begin(), all.pushMs.end());
        every.insert(every.end(), all.replyMs.begin(), all.replyMs.end());

        const qint64 heldAfter = heldEvents(o, adminToken);
        const qint64 held = heldAfter < 0 || heldBefore < 0 ? -1 : heldAfter - heldBefore;

        const double window = o.seconds;
        const QJsonObject pull = summary(all.pullMs, window);
        const QJsonObject push = summary(all.pushMs, window);
        const QJsonObject reply = summary(all.replyMs, window);
        const QJsonObject total = summary(every, window);
        std::printf("\n%d server process%s, %d agents, batch %d, reply every %d loops, pull limit %d, %s, %s ids, %d "
                    "client thread(s), %.1f s "
                    "window (all done after %.2f s)\n",
                    processes, processes > 1 ? "es" : "", o.agents, o.batch, o.replyEvery, o.pullLimit,
                    o.intervalMs > 0 ? qPrintable(u"one loop per %1 ms per agent"_s.arg(o.intervalMs)) : "closed loop",
                    o.randomIds ? "random" : "time-ordered", o.threads, window, elapsed);
        std::printf("  events ingested: %10.0f events/s  (%lld acknowledged in the window)\n",
                    double(all.events) / window, qlonglong(all.events));
        std::printf("  requests:        %10.0f req/s     p50 %7.2f ms  p99 %7.2f ms\n", total[u"per_s"_s].toDouble(),
                    total[u"p50_ms"_s].toDouble(), total[u"p99_ms"_s].toDouble());
        for (const auto &[name, s] : {std::pair{"pull  GET /changes", pull}, std::pair{"push  POST /events", push},
                                      std::pair{"reply POST /replies", reply}})
            std::printf("  %-20s %8.0f req/s  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (n=%d)\n", name,
                        s[u"per_s"_s].toDouble(), s[u"p50_ms"_s].toDouble(), s[u"p90_ms"_s].toDouble(),
                        s[u"p99_ms"_s].toDouble(), s[u"max_ms"_s].toDouble(), s[u"count"_s].toInt());
        std::printf("  pulled %lld changes (%.1f MiB of answers)\n", qlonglong(all.pulledChanges),
                    double(all.bytesIn) / 1048576.0);
        if (server.process.state() == QProcess::Running)
            std::printf("  server%s: %.0f%% of one core over the window, RSS %.0f MiB (%.0f MiB before)\n",
                        processes > 1 ? "s (all processes)" : "", 100.0 * (cpu1 - cpu0) / elapsed, rss1, rss0);
        std::printf("  bench client: %.0f%% of one core\n", 100.0 * clientCpu / elapsed);
        QString errors;
        for (const auto &[k, v] : all.errors)
            errors += u" %1 x%2"_s.arg(k).arg(v);
        std::printf("  errors:%s; reconnects: %d\n", errors.isEmpty() ? " none" : qPrintable(errors), all.reconnects);
        std::printf("  check: %lld events acknowledged in total, the server gained %lld for the bench agents%s\n",
                    qlonglong(all.eventsAll), qlonglong(held),
                    held < 0 ? " (stats unavailable)" : (held == all.eventsAll ? " (equal)" : " (DIFFERENT)"));

        {
            const QJsonObject out{
                {u"processes"_s, processes},
                {u"database"_s, databaseKind},
                {u"agents"_s, o.agents},
                {u"batch"_s, o.batch},
                {u"reply_every"_s, o.replyEvery},
                {u"pull_limit"_s, o.pullLimit},
                {u"interval_ms"_s, o.intervalMs},
                {u"threads"_s, o.threads},
                {u"ids"_s, o.randomIds ? u"random"_s : u"time-ordered"_s},
                {u"seconds"_s, window},
                {u"events_per_s"_s, double(all.events) / window},
                {u"requests_per_s"_s, total[u"per_s"_s]},
                {u"all"_s, total},
                {u"pull"_s, pull},
                {u"push"_s, push},
                {u"reply"_s, reply},
                {u"login_seconds"_s, loginSeconds},
                {u"events_acknowledged"_s, all.eventsAll},
                {u"events_held"_s, held},
                {u"server_cpu_share"_s, elapsed > 0 ? (cpu1 - cpu0) / elapsed : 0.0},
                {u"server_rss_mib"_s, rss1},
                {u"client_cpu_share"_s, elapsed > 0 ? clientCpu / elapsed : 0.0},
            };
            rounds.append(out);
        }
    }
    if (cli.isSet(jsonOpt)) {
        QFile f(cli.value(jsonOpt));
        const QJsonDocument doc = rounds.size() == 1 ? QJsonDocument(rounds.first().toObject())
                                                     : QJsonDocument(QJsonObject{{u"rounds"_s, rounds}});
        if (!f.open(QIODevice::WriteOnly) || f.write(doc.toJson()) < 0)
            die(u"cannot write %1"_s.arg(f.fileName()));
    }
    for (auto &x : extraServers)
        x->stop();
    server.stop();
    return 0;
}

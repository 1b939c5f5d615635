// SPDX-License-Identifier: GPL-3.0-or-later
#include "RealServer.h"

#include <QUrl>

#include "ServerTestSupport.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTimer>
#include <QUrlQuery>

#include <csignal>

using namespace Qt::StringLiterals;

namespace understudy::test {

Http httpRequest(const QByteArray &verb, const QString &url, const QJsonObject &body, const QString &token)
{
    QNetworkAccessManager nam;
    QNetworkRequest req{QUrl(url)};
    req.setTransferTimeout(30000);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply;
    if (verb == "GET") {
        reply = nam.get(req);
    } else {
        req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        reply = nam.sendCustomRequest(req, verb, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Http h;
    h.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    h.json = QJsonDocument::fromJson(reply->readAll()).object();
    h.error = reply->errorString();
    delete reply;
    return h;
}

RealServer::RealServer()
{
    // SQLite in the temp folder, or a fresh database in the throwaway PostgreSQL cluster when
    // UNDERSTUDY_TEST_BACKEND=postgresql (ctest's *_pg tests, fixture pg_cluster).
    m_databaseUrl = freshDatabaseUrl(m_dir, &m_databaseError);
    // A port nobody holds now; the server binds it later (and again after a restart).
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    m_port = probe.serverPort();
}

RealServer::~RealServer()
{
    stop();
}

QString RealServer::executable()
{
    const QString path = qEnvironmentVariable("UNDERSTUDY_BINARY_DIR") + u"/src/server/understudy-server"_s;
    if (QFileInfo(path).isExecutable())
        return path;
    const QString built = QStringLiteral(UNDERSTUDY_SERVER_PATH);
    return QFileInfo(built).isExecutable() ? built : QString();
}

QString RealServer::databaseUrl() const
{
    return m_databaseUrl;
}

namespace {
bool runCli(const QStringList &args, const QByteArray &input, QString *error)
{
    QProcess p;
    p.start(RealServer::executable(), args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput());
        return false;
    }
    return true;
}
} // namespace

bool RealServer::addUser(const QString &name, const QString &password, const QString &role, QString *error)
{
    if (m_databaseUrl.isEmpty()) {
        if (error)
            *error = m_databaseError;
        return false;
    }
    return runCli({u"--database"_s, databaseUrl(), u"user"_s, u"add"_s, u"--name"_s, name, u"--role"_s, role},
                  password.toUtf8(), error);
}

bool RealServer::import(const QString &what, const QByteArray &jsonl, QString *error)
{
    const QString path = m_dir.filePath(u"import%1.jsonl"_s.arg(++m_imports));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(jsonl) != jsonl.size())
        return false;
    f.close();
    return runCli({u"--database"_s, databaseUrl(), u"import"_s, what, path}, {}, error);
}

bool RealServer::start(QString *error)
{
    if (m_databaseUrl.isEmpty()) {
        if (error)
            *error = m_databaseError;
        return false;
    }
    QByteArray seen;
    // The probed port may be taken by another test before the server binds it: before the first start (no
    // client knows the port yet), take another one. A restart keeps its port.
    for (int attempt = 0; attempt < (m_started ? 1 : 5); ++attempt) {
        if (attempt > 0) {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            m_port = probe.serverPort();
        }
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->start(executable(), {u"--database"_s, databaseUrl(), u"--listen"_s, u"127.0.0.1:%1"_s.arg(m_port),
                                        u"--threads"_s, u"2"_s});
        seen.clear();
        for (int i = 0; i < 300; ++i) {
            if (!m_process->waitForReadyRead(100) && m_process->state() == QProcess::NotRunning)
                break;
            seen += m_process->readAll();
            if (seen.contains("listening on")) {
                m_started = true;
                return true;
            }
        }
        seen += m_process->readAll();
        stop();
        if (!seen.contains("already in use"))
            break;
    }
    if (error)
        *error = u"understudy-server did not start: "_s + QString::fromUtf8(seen);
    return false;
}

void RealServer::kill()
{
    if (!m_process)
        return;
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10000);
    m_process.reset();
}

void RealServer::stop()
{
    if (!m_process)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(10000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

bool RealServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString RealServer::token(const QString &name, const QString &password) const
{
    return httpRequest("POST", api() + u"/session"_s, QJsonObject{{u"name"_s, name}, {u"password"_s, password}})
        .json.value(u"token"_s)
        .toString();
}

QList<QJsonObject> RealServer::feed(const QString &token) const
{
    QList<QJsonObject> out;
    QString cursor = u"0"_s;
    for (;;) {
        const Http h = httpRequest("GET", api() + u"/changes?since=%1&limit=5000"_s.arg(cursor), {}, token);
        if (h.status != 200)
            return out;
        for (const QJsonValue &v : h.json.value(u"changes"_s).toArray())
            out << v.toObject();
        cursor = h.json.value(u"cursor"_s).toVariant().toString();
        if (!h.json.value(u"more"_s).toBool())
            return out;
    }
}

QList<QJsonObject> RealServer::eventLog(const QString &token) const
{
    QList<QJsonObject> out;
    QString after;
    for (;;) {
        const Http h = httpRequest(
            "GET", api() + u"/events?limit=5000&after="_s + QString::fromUtf8(QUrl::toPercentEncoding(after)), {},
            token);
        if (h.status != 200) {
            qWarning("GET /events: %d %s", h.status, qPrintable(h.json.value(u"error"_s).toString()));
            return out;
        }
        for (const QJsonValue &v : h.json.value(u"events"_s).toArray())
            out << v.toObject();
        after = h.json.value(u"next"_s).toString();
        if (!h.json.value(u"more"_s).toBool())
            return out;
    }
}

} // namespace understudy::test

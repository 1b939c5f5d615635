// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerTestSupport.h"

#include "ServerDb.h"

#include <QCoreApplication>
#include <QDebug>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <atomic>

using namespace Qt::StringLiterals;

namespace understudy::test {

namespace {

QMutex g_casMutex;
QList<QSslCertificate> g_cas;

QList<QSslCertificate> trustedCas()
{
    const QMutexLocker lock(&g_casMutex);
    return g_cas;
}

} // namespace

bool trustCa(const QString &pemPath)
{
    const QList<QSslCertificate> cas = QSslCertificate::fromPath(pemPath, QSsl::Pem);
    const QMutexLocker lock(&g_casMutex);
    g_cas += cas;
    return !cas.isEmpty();
}

HttpReply http(const QByteArray &method, const QString &url, const QByteArray &body, const QString &token,
               int timeoutMs)
{
    // One manager per thread: the main thread's dies with the application, a worker's with its thread.
    thread_local std::unique_ptr<QNetworkAccessManager> owned;
    thread_local QNetworkAccessManager *nam = nullptr;
    if (!nam) {
        if (QThread::currentThread() == QCoreApplication::instance()->thread()) {
            nam = new QNetworkAccessManager(QCoreApplication::instance());
        } else {
            owned = std::make_unique<QNetworkAccessManager>();
            nam = owned.get();
        }
    }
    QNetworkRequest req{QUrl(url)};
    // Certificates are verified: a test serving TLS trusts its certificate's CA with trustCa().
    if (const QList<QSslCertificate> cas = trustedCas(); !cas.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(cas);
        req.setSslConfiguration(ssl);
    }
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = nullptr;
    if (method == "GET")
        reply = nam->get(req);
    else if (body.isNull() && method == "DELETE")
        reply = nam->deleteResource(req);
    else
        reply = nam->sendCustomRequest(req, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    HttpReply out;
    if (!reply->isFinished()) {
        reply->abort();
        out.networkError = u"timeout"_s;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body).object();
    for (const auto &[k, v] : reply->rawHeaderPairs())
        out.headers.insert(k.toLower(), v);
    if (out.status == 0)
        out.networkError = reply->errorString();
    reply->deleteLater();
    return out;
}

HttpReply http(const QByteArray &method, const QString &url, const QJsonObject &body, const QString &token)
{
    return http(method, url, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QString serverPath()
{
    return QStringLiteral(UNDERSTUDY_SERVER_PATH);
}

CliRun runServerCli(const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.setProgram(serverPath());
    p.setArguments(args);
    p.start();
    p.waitForStarted();
    if (!input.isNull())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000))
        p.kill();
    return CliRun{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                  QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

bool usePostgres()
{
    return qEnvironmentVariable("UNDERSTUDY_TEST_BACKEND") == u"postgresql"_s;
}

bool execSql(const QString &url, const QString &sql, QString *error)
{
    auto config = server::DatabaseConfig::fromUrl(url);
    if (!config) {
        if (error)
            *error = config.error().message;
        return false;
    }
    server::ServerDb db(*config);
    auto q = db.exec(sql);
    if (!q && error)
        *error = q.error().message;
    return bool(q);
}

QString freshDatabaseUrl(const QTemporaryDir &dir, QString *error)
{
    static std::atomic<int> counter{0};
    if (!usePostgres())
        return u"sqlite://"_s + dir.filePath(u"server-%1.db"_s.arg(counter++));
    const QString file = qEnvironmentVariable("UNDERSTUDY_PG_URL_FILE");
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly)) {
        *error =
            u"PostgreSQL tests need the throwaway cluster: UNDERSTUDY_PG_URL_FILE=\"%1\" is not readable. "
            "Run them through ctest (fixture pg_cluster) or start it with tests/support/pg_cluster.sh start DIR."_s.arg(
                file);
        return {};
    }
    const QString baseUrl = QString::fromUtf8(f.readAll()).trimmed();
    const QString name = u"t_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(counter++);
    QString err;
    if (!execSql(baseUrl, u"CREATE DATABASE %1"_s.arg(name), &err)) {
        *error = u"cannot create a test database on %1: %2"_s.arg(baseUrl.section(u'@', 1), err);
        return {};
    }
    QUrl url(baseUrl);
    url.setPath(u"/"_s + name);
    return url.toString();
}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QString &databaseUrl, const QStringList &extraArgs, QString *error)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(serverPath());
    QStringList args{u"--listen"_s, u"127.0.0.1:0"_s};
    if (!databaseUrl.isEmpty()) // else extraArgs or the environment name it
        args = QStringList{u"--database"_s, databaseUrl} + args;
    m_process->setArguments(args + extraArgs);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        *error = u"cannot start %1: %2"_s.arg(serverPath(), m_process->errorString());
        return false;
    }
    static const QRegularExpression re(u"listening on (https?://127\\.0\\.0\\.1:\\d+)"_s);
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        const auto m = re.match(QString::fromUtf8(out));
        if (m.hasMatch()) {
            m_base = m.captured(1);
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    *error = u"the server did not start: %1 %2"_s.arg(QString::fromUtf8(out),
                                                      QString::fromUtf8(m_process->readAllStandardError()));
    stop();
    return false;
}

void ServerProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill(); // SIGKILL on Unix
    m_process->waitForFinished(10000);
    m_process.reset();
}

QString passwordOf(const QString &name)
{
    return u"password-"_s + name;
}

bool addUser(const QString &databaseUrl, const QString &name, const QString &role, const QString &team,
             const QString &password)
{
    QStringList args{u"--database"_s, databaseUrl, u"user"_s, u"add"_s, u"--name"_s, name, u"--role"_s, role};
    if (!team.isEmpty())
        args << u"--team"_s << team;
    const CliRun r = runServerCli(args, ((password.isEmpty() ? passwordOf(name) : password) + u'\n').toUtf8());
    if (r.code != 0)
        qWarning().noquote() << r.err;
    return r.code == 0;
}

QString login(const QString &api, const QString &name, const QString &password)
{
    const HttpReply r = http("POST", api + u"/session"_s, QJsonObject{{u"name"_s, name}, {u"password"_s, password}});
    return r.status == 200 ? r.json.value(u"token"_s).toString() : QString();
}

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject makeEvent(const QString &id, const QString &kind, const QString &ticket, const QString &at)
{
    return {{u"id"_s, id}, {u"kind"_s, kind}, {u"ticket_id"_s, ticket}, {u"at"_s, at}, {u"confidence"_s, 0.5}};
}

} // namespace understudy::test

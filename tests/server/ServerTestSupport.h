// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace understudy::test {

/// @brief An HTTP answer as the tests look at it.
struct HttpReply {
    int status = 0; ///< 0 when the request failed below HTTP
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QString networkError;
};

/// @brief Makes http() trust the CA certificate(s) in the PEM file @p pemPath besides the system's (server
/// certificates are always verified, never ignored); false when it holds none.
bool trustCa(const QString &pemPath);

/// @brief One blocking HTTP request (QNetworkAccessManager on this thread).
HttpReply http(const QByteArray &method, const QString &url, const QByteArray &body = {}, const QString &token = {},
               int timeoutMs = 60000);
HttpReply http(const QByteArray &method, const QString &url, const QJsonObject &body, const QString &token = {});

/// @brief The understudy-server executable.
QString serverPath();

/// @brief Runs a CLI command of understudy-server to completion; @p input goes to stdin.
struct CliRun {
    int code = -1;
    QString out;
    QString err;
};
CliRun runServerCli(const QStringList &args, const QByteArray &input = {});

/// @brief "sqlite" unless UNDERSTUDY_TEST_BACKEND=postgresql.
bool usePostgres();
/// @brief A fresh, empty database for one test: a SQLite file in @p dir, or a new database in the throwaway
/// PostgreSQL cluster (its URL in the file named by UNDERSTUDY_PG_URL_FILE). Empty with a message in
/// @p error when PostgreSQL is wanted but not there.
QString freshDatabaseUrl(const QTemporaryDir &dir, QString *error);
/// @brief Runs one SQL statement against @p url (tests reach into the database, e.g. to expire a token).
bool execSql(const QString &url, const QString &sql, QString *error = nullptr);

/// @brief A real understudy-server child process on 127.0.0.1 with an ephemeral port.
class ServerProcess {
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    /// @brief Starts it and waits for the "listening on" line; false with stderr in @p error otherwise. An empty
    /// @p databaseUrl passes no --database (@p extraArgs or the environment name the database).
    bool start(const QString &databaseUrl, const QStringList &extraArgs, QString *error);
    void stop();
    /// @brief SIGKILL, as a crash or an OOM kill would end it.
    void kill();
    /// @brief "http://127.0.0.1:PORT/api/v1"
    QString api() const { return m_base + QStringLiteral("/api/v1"); }
    QString base() const { return m_base; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    /// @brief What it wrote to stderr so far.
    QString readStderr() { return m_process ? QString::fromUtf8(m_process->readAllStandardError()) : QString(); }

private:
    std::unique_ptr<QProcess> m_process;
    QString m_base;
};

/// @brief "password-NAME": the password addUser() gives @p name unless told another.
QString passwordOf(const QString &name);
/// @brief Adds the user @p name with @p role (and @p team when not empty) to the database @p databaseUrl through the
/// server CLI (`user add`, the password on stdin: @p password, else passwordOf(name)); false, with the CLI's stderr
/// logged, when the CLI refuses.
bool addUser(const QString &databaseUrl, const QString &name, const QString &role = QStringLiteral("agent"),
             const QString &team = {}, const QString &password = {});

/// @brief Logs in; returns the token or an empty string.
QString login(const QString &api, const QString &name, const QString &password);

/// @brief A random UUID without braces.
QString uuid();

/// @brief A minimal valid event.
QJsonObject makeEvent(const QString &id, const QString &kind, const QString &ticket, const QString &at);

} // namespace understudy::test

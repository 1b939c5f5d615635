// SPDX-License-Identifier: GPL-3.0-or-later
// The real understudy-server as a child process on 127.0.0.1 for sync integration tests: a fixed port per
// instance (so it can be killed and restarted where clients expect it), a SQLite database in a temp folder or,
// with UNDERSTUDY_TEST_BACKEND=postgresql, a fresh database in the throwaway PostgreSQL cluster.
#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace understudy::test {

struct Http {
    int status = 0; ///< 0: no HTTP answer
    QJsonObject json;
    QString error;
};

/// @brief One blocking request (tests only).
Http httpRequest(const QByteArray &verb, const QString &url, const QJsonObject &body = {}, const QString &token = {});

class RealServer {
public:
    RealServer();
    ~RealServer();

    /// @brief The executable (built beside the tests), or empty when it is not there.
    static QString executable();
    /// @brief Adds an account through `understudy-server user add`; false with the output in @p error.
    bool addUser(const QString &name, const QString &password, const QString &role, QString *error);
    /// @brief Imports a JSONL file of tickets or articles (what = "tickets" or "kb").
    bool import(const QString &what, const QByteArray &jsonl, QString *error);
    bool start(QString *error);
    /// @brief SIGKILL: no shutdown of any kind.
    void kill();
    void stop();
    bool isRunning() const;
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QString api() const { return url() + QStringLiteral("/api/v1"); }
    QString databaseUrl() const;
    /// @brief Logs in over HTTP; the token or empty.
    QString token(const QString &name, const QString &password) const;
    /// @brief Every change of the feed, in order (all pages).
    QList<QJsonObject> feed(const QString &token) const;
    /// @brief Every event the server holds (GET /events, a lead's or admin's token), page by page.
    QList<QJsonObject> eventLog(const QString &token) const;

private:
    QTemporaryDir m_dir;
    QString m_databaseUrl;
    QString m_databaseError;
    quint16 m_port = 0;
    bool m_started = false; ///< once started, the port stays (clients know it)
    std::unique_ptr<QProcess> m_process;
    int m_imports = 0;
};

} // namespace understudy::test

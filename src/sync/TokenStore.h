// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace understudy::sync {

/// @brief Where bearer tokens are kept between runs: the desktop keyring, never a plain file.
/// Calls are asynchronous (a keyring answers over D-Bus); @p done runs exactly once, on the caller's thread,
/// possibly before the call returns.
class TokenStore {
public:
    virtual ~TokenStore() = default;
    /// @brief The token for @p account, an empty string when none is stored, or an error (no keyring...).
    virtual void read(const QString &account, std::function<void(Result<QString>)> done) = 0;
    virtual void write(const QString &account, const QString &token, std::function<void(Status)> done) = 0;
    /// @brief Removes the token; removing one that is not there succeeds.
    virtual void remove(const QString &account, std::function<void(Status)> done) = 0;

    /// @brief The account key of a token: the server URL and the user name ("https://host:8470 alice").
    static QString accountKey(const QString &serverUrl, const QString &user);
};

/// @brief Tokens in memory only (unit tests, and runs that get their token from the environment).
class MemoryTokenStore final : public TokenStore {
public:
    void read(const QString &account, std::function<void(Result<QString>)> done) override;
    void write(const QString &account, const QString &token, std::function<void(Status)> done) override;
    void remove(const QString &account, std::function<void(Status)> done) override;
    /// @brief Tests: the next call fails with @p message (empty: no failure).
    void failNext(const QString &message) { m_fail = message; }
    const QHash<QString, QString> &tokens() const { return m_tokens; }

private:
    bool takeFailure(Error &error);
    QHash<QString, QString> m_tokens;
    QString m_fail;
};

/// @brief Tokens in the desktop keyring through qtkeychain (Secret Service, KWallet), service "understudy".
/// Without a reachable keyring every call fails with a message saying so and what to do instead; there is
/// deliberately no plain-text fallback.
class KeychainTokenStore final : public QObject, public TokenStore {
    Q_OBJECT
public:
    explicit KeychainTokenStore(QObject *parent = nullptr, const QString &service = QStringLiteral("understudy"));
    void read(const QString &account, std::function<void(Result<QString>)> done) override;
    void write(const QString &account, const QString &token, std::function<void(Status)> done) override;
    void remove(const QString &account, std::function<void(Status)> done) override;

    /// @brief The message shown for a qtkeychain error (exposed for tests).
    static QString describeError(int code, const QString &qtkeychainMessage);

private:
    QString m_service;
};

} // namespace understudy::sync

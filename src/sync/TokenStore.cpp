// SPDX-License-Identifier: GPL-3.0-or-later
#include "TokenStore.h"

#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace understudy::sync {

Q_LOGGING_CATEGORY(lcSyncTokens, "understudy.sync.tokens", QtInfoMsg)

QString TokenStore::accountKey(const QString &serverUrl, const QString &user)
{
    QString server = serverUrl;
    while (server.endsWith(u'/'))
        server.chop(1);
    return server + u' ' + user;
}

bool MemoryTokenStore::takeFailure(Error &error)
{
    if (m_fail.isEmpty())
        return false;
    error = Error::make(Error::Code::Io, m_fail);
    m_fail.clear();
    return true;
}

void MemoryTokenStore::read(const QString &account, std::function<void(Result<QString>)> done)
{
    if (Error e; takeFailure(e))
        return done(e);
    done(m_tokens.value(account));
}

void MemoryTokenStore::write(const QString &account, const QString &token, std::function<void(Status)> done)
{
    if (Error e; takeFailure(e))
        return done(e);
    m_tokens.insert(account, token);
    done(ok());
}

void MemoryTokenStore::remove(const QString &account, std::function<void(Status)> done)
{
    if (Error e; takeFailure(e))
        return done(e);
    m_tokens.remove(account);
    done(ok());
}

KeychainTokenStore::KeychainTokenStore(QObject *parent, const QString &service) : QObject(parent), m_service(service)
{
}

QString KeychainTokenStore::describeError(int code, const QString &qtkeychainMessage)
{
    // qtkeychain reports a missing Secret Service as a D-Bus error (NoBackendAvailable or OtherError with
    // "org.freedesktop.secrets was not provided by any .service files", "Cannot autolaunch D-Bus...").
    const bool noKeyring = code == QKeychain::NoBackendAvailable || code == QKeychain::NotImplemented ||
                           qtkeychainMessage.contains(u"org.freedesktop.secrets"_s) ||
                           qtkeychainMessage.contains(u"D-Bus"_s, Qt::CaseInsensitive) ||
                           qtkeychainMessage.contains(u"dbus"_s, Qt::CaseInsensitive);
    if (noKeyring)
        return u"no keyring is available to keep the sign-in token (%1). Start a Secret Service keyring "
               "(GNOME Keyring or KWallet) in this session, or, for scripts, pass the password with "
               "--password-stdin or a token in UNDERSTUDY_TOKEN; the token is never written to a plain file"_s
            .arg(qtkeychainMessage.isEmpty() ? u"error %1"_s.arg(code) : qtkeychainMessage);
    return u"the keyring refused the sign-in token: %1"_s.arg(qtkeychainMessage.isEmpty() ? u"error %1"_s.arg(code)
                                                                                          : qtkeychainMessage);
}

void KeychainTokenStore::read(const QString &account, std::function<void(Result<QString>)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)](QKeychain::Job *) {
        if (job->error() == QKeychain::EntryNotFound)
            return done(QString());
        if (job->error() != QKeychain::NoError) {
            qCInfo(lcSyncTokens) << "keyring read failed:" << job->errorString();
            return done(Error::make(Error::Code::Io, describeError(job->error(), job->errorString())));
        }
        done(job->textData());
    });
    job->start();
}

void KeychainTokenStore::write(const QString &account, const QString &token, std::function<void(Status)> done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(account);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)](QKeychain::Job *) {
        if (job->error() != QKeychain::NoError) {
            qCInfo(lcSyncTokens) << "keyring write failed:" << job->errorString();
            return done(Error::make(Error::Code::Io, describeError(job->error(), job->errorString())));
        }
        done(ok());
    });
    job->start();
}

void KeychainTokenStore::remove(const QString &account, std::function<void(Status)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)](QKeychain::Job *) {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
            qCInfo(lcSyncTokens) << "keyring delete failed:" << job->errorString();
            return done(Error::make(Error::Code::Io, describeError(job->error(), job->errorString())));
        }
        done(ok());
    });
    job->start();
}

} // namespace understudy::sync

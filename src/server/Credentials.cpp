// SPDX-License-Identifier: GPL-3.0-or-later
#include "Credentials.h"

#include <sodium.h>

#include <mutex>

using namespace Qt::StringLiterals;

namespace understudy::server::credentials {

namespace {

bool ensureSodium()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

} // namespace

Result<QString> hashPassword(const QString &password)
{
    if (!ensureSodium())
        return Error::make(Error::Code::Generic, u"libsodium could not be initialised"_s);
    const QByteArray pw = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pw.constData(), static_cast<unsigned long long>(pw.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return Error::make(Error::Code::Generic, u"password hashing ran out of memory"_s);
    return QString::fromLatin1(out);
}

bool verifyPassword(const QString &password, const QString &hash)
{
    if (!ensureSodium())
        return false;
    const QByteArray h = hash.toLatin1();
    if (h.isEmpty() || h.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray pw = password.toUtf8();
    return crypto_pwhash_str_verify(h.constData(), pw.constData(), static_cast<unsigned long long>(pw.size())) == 0;
}

void verifyDummy(const QString &password)
{
    static std::once_flag once;
    static QString dummy;
    std::call_once(once, [] {
        auto h = hashPassword(u"understudy-dummy-password"_s);
        if (h)
            dummy = *h;
    });
    (void)verifyPassword(password, dummy);
}

QString newToken()
{
    ensureSodium();
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString tokenHash(const QString &token)
{
    ensureSodium();
    const QByteArray in = token.toUtf8();
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char *>(in.constData()),
                       static_cast<unsigned long long>(in.size()), nullptr, 0);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex());
}

} // namespace understudy::server::credentials

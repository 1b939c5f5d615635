// SPDX-License-Identifier: GPL-3.0-or-later
#include "Credentials.h"

#include <QFile>

#include <openssl/pem.h>
#include <openssl/x509.h>
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

namespace {

/// The PEM text of @p path in an OpenSSL memory BIO (freed with it), or an error naming @p option.
Result<std::unique_ptr<BIO, decltype(&BIO_free)>> pemBio(const QString &option, const QString &path, QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Code::Io, u"%1: cannot read %2: %3"_s.arg(option, path, f.errorString()));
    bytes = f.readAll();
    return std::unique_ptr<BIO, decltype(&BIO_free)>(BIO_new_mem_buf(bytes.constData(), int(bytes.size())), &BIO_free);
}

} // namespace

Status checkTlsKeyPair(const QString &certPath, const QString &keyPath)
{
    QByteArray certBytes, keyBytes;
    auto certBio = pemBio(u"--tls-cert"_s, certPath, certBytes);
    if (!certBio)
        return certBio.error();
    auto keyBio = pemBio(u"--tls-key"_s, keyPath, keyBytes);
    if (!keyBio)
        return keyBio.error();
    const std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(certBio->get(), nullptr, nullptr, nullptr),
                                                           &X509_free);
    // No passphrase callback: an encrypted key fails here instead of prompting on the terminal.
    const auto noPassphrase = [](char *, int, int, void *) { return 0; };
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio->get(), nullptr, noPassphrase, nullptr), &EVP_PKEY_free);
    if (!cert)
        return Error::make(Error::Code::Invalid, u"--tls-cert: %1 holds no PEM certificate"_s.arg(certPath));
    if (!key)
        return Error::make(Error::Code::Invalid, u"--tls-key: %1 holds no unencrypted PEM private key"_s.arg(keyPath));
    if (X509_check_private_key(cert.get(), key.get()) != 1)
        return Error::make(Error::Code::Invalid,
                           u"--tls-key: the private key in %1 does not belong to the certificate in %2 (the first "
                           "certificate of --tls-cert must be the server's own)"_s.arg(keyPath, certPath));
    return ok();
}

} // namespace understudy::server::credentials

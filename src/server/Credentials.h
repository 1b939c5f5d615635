// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QByteArray>
#include <QString>

/// @brief Password hashing (Argon2id via libsodium) and bearer tokens.
namespace understudy::server::credentials {

/// @brief An Argon2id hash string (libsodium's crypto_pwhash_str, interactive limits).
Result<QString> hashPassword(const QString &password);

/// @brief True when @p password matches @p hash; false for a malformed hash.
bool verifyPassword(const QString &password, const QString &hash);

/// @brief Spends the same effort as verifyPassword() on a fixed hash, so an unknown name answers as slowly as a
/// wrong password.
void verifyDummy(const QString &password);

/// @brief A fresh token: 32 random bytes, base64url without padding.
QString newToken();

/// @brief What the database keeps of a token: hex BLAKE2b-256 (crypto_generichash).
QString tokenHash(const QString &token);

/// @brief Ok when the PEM private key in @p keyPath belongs to the first certificate in @p certPath (OpenSSL's
/// X509_check_private_key); else an error saying they do not match.
Status checkTlsKeyPair(const QString &certPath, const QString &keyPath);

} // namespace understudy::server::credentials

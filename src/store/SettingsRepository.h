// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"

namespace understudy::store {

/// @brief The store's key/value settings, the content generation and the store's identity (table settings).
class SettingsRepository {
public:
    explicit SettingsRepository(Database &db) : m_db(db) {}

    /// @brief The value under @p key, or @p fallback when none is stored.
    Result<QString> value(const QString &key, const QString &fallback = {});
    Status setValue(const QString &key, const QString &value);
    /// @brief See Store::contentGeneration().
    Result<qint64> contentGeneration();
    /// @brief Grows the content generation by one (inside the caller's transaction).
    Status bumpContentGeneration();
    /// @brief See Store::identity().
    Result<QString> identity();

private:
    Database &m_db;
};

} // namespace understudy::store

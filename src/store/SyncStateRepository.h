// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"

#include <QJsonObject>
#include <QList>

#include <utility>

namespace understudy::store {

/// @brief What the client keeps of its sync with a server: the feed cursors and the team's learned state as the
/// server last sent it (tables sync_cursors, learned_parts).
class SyncStateRepository {
public:
    explicit SyncStateRepository(Database &db) : m_db(db) {}

    /// @brief The cursor of @p stream, empty before the first pull.
    Result<QString> cursor(const QString &stream);
    Status setCursor(const QString &stream, const QString &cursor);
    /// @brief The learned-state records in key order.
    Result<QList<std::pair<QString, QJsonObject>>> learnedParts();
    /// @brief Replaces the records held under the keys of @p parts (inside the caller's transaction).
    Status putLearnedParts(const QList<std::pair<QString, QJsonObject>> &parts);
    Status clearLearnedParts();

private:
    Database &m_db;
};

} // namespace understudy::store

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "StoreTypes.h"

#include <functional>
#include <optional>

namespace understudy::store {

class SettingsRepository;

/// @brief The knowledge base: articles and their chunks (with the chunks' full-text index) and macros. See the
/// Store methods of the same names.
class KnowledgeRepository {
public:
    using Progress = std::function<void(qsizetype done, qsizetype total)>;

    KnowledgeRepository(Database &db, SettingsRepository &settings) : m_db(db), m_settings(settings) {}

    Result<ImportReport> importArticles(const QList<Article> &articles, const QString &origin, bool markMissing,
                                        const Progress &progress = {});
    Result<ImportReport> importMacros(const QList<Macro> &macros);
    Result<std::optional<Article>> article(const QString &id);
    Result<QList<Chunk>> chunksOf(const QString &articleId);
    Result<std::optional<ChunkRow>> chunk(qint64 id);
    /// @brief Every chunk in id order, from a statement of its own: @p fn may call back into the store.
    Status forEachChunk(const std::function<void(const ChunkRow &)> &fn);
    Result<QList<Macro>> macros();
    Result<QList<KnowledgeHit>> search(const QString &query, int limit);

private:
    /// @brief Marks "removed" the active articles of @p origin not in @p seen; how many.
    Result<int> markMissing(const QString &origin, const QSet<QString> &seen, const QString &now);

    Database &m_db;
    SettingsRepository &m_settings;
};

} // namespace understudy::store

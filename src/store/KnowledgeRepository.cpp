// SPDX-License-Identifier: GPL-3.0-or-later
#include "KnowledgeRepository.h"

#include "Rows.h"
#include "SettingsRepository.h"
#include "StoredText.h"

#include <understudy/Chunker.h>
#include <understudy/Clock.h>
#include <understudy/Json.h>

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace understudy::store {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace {

QString articleHash(const Article &a)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(stored::compact(json::toJson(a)).toUtf8(), QCryptographicHash::Sha1).toHex());
}

const QString kChunkRowSql = u"SELECT c.id, c.article_id, c.seq, c.heading, c.body, a.title, a.url, a.status, "
                             "a.updated_at, a.language FROM chunks c JOIN articles a ON a.id = c.article_id"_s;

ChunkRow chunkRow(Statement &s)
{
    return ChunkRow{Chunk{s.int64(0), s.text(1), int(s.int64(2)), s.text(3), s.text(4)},
                    s.text(5),
                    s.text(6),
                    s.text(7),
                    json::parseTime(s.text(8)),
                    s.text(9)};
}

// The statements an article import runs for each article.
struct ArticleWriter {
    Statement *find = nullptr, *upsert = nullptr, *dropChunks = nullptr, *addChunk = nullptr;

    static Result<ArticleWriter> prepare(Database &db)
    {
        auto find = db.prepare(u"SELECT content_hash, status, language FROM articles WHERE id = ?1"_s);
        auto upsert = db.prepare(
            u"INSERT INTO articles (id, title, body, url, tags, updated_at, status, origin, content_hash, "
            "imported_at, language) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(id) DO UPDATE "
            "SET title = excluded.title, body = excluded.body, url = excluded.url, tags = excluded.tags, "
            "updated_at = excluded.updated_at, status = excluded.status, origin = excluded.origin, "
            "content_hash = excluded.content_hash, imported_at = excluded.imported_at, language = excluded.language"_s);
        auto dropChunks = db.prepare(u"DELETE FROM chunks WHERE article_id = ?1"_s);
        auto addChunk =
            db.prepare(u"INSERT INTO chunks (article_id, seq, title, heading, body) VALUES (?1, ?2, ?3, ?4, ?5)"_s);
        for (auto *r : {&find, &upsert, &dropChunks, &addChunk})
            if (!*r)
                return r->error();
        return ArticleWriter{*find, *upsert, *dropChunks, *addChunk};
    }

    /// @brief Writes @p a unless it is stored as it is; what happened to it, counted in @p report.
    Status write(const Article &a, const QString &origin, const QString &now, ImportReport &report)
    {
        const QString hash = articleHash(a);
        const QString language = stored::languageOf(a.language, QString(a.title + u'\n' + a.body));
        find->bind(1, a.id);
        auto row = find->next();
        if (!row)
            return row.error();
        const bool exists = *row;
        const bool same = exists && find->text(0) == hash && find->text(1) == a.status && find->text(2) == language;
        find->reset();
        if (same) {
            ++report.unchanged;
            return ok();
        }
        upsert->bind(1, a.id).bind(2, a.title).bind(3, a.body).bind(4, a.url).bind(5, stored::tagsJson(a.tags));
        upsert->bindOptional(6, json::formatTime(a.updatedAt)).bind(7, a.status).bind(8, origin).bind(9, hash);
        upsert->bind(10, now).bind(11, language);
        US_TRY(upsert->exec());
        US_TRY(dropChunks->bind(1, a.id).exec());
        for (const Chunk &c : splitIntoChunks(a)) {
            addChunk->bind(1, a.id).bind(2, c.seq).bind(3, a.title).bind(4, c.heading).bind(5, c.body);
            US_TRY(addChunk->exec());
        }
        ++(exists ? report.updated : report.added);
        return ok();
    }
};

} // namespace

Result<ImportReport> KnowledgeRepository::importArticles(const QList<Article> &articles, const QString &origin,
                                                         bool markMissingOnes, const Progress &progress)
{
    for (qsizetype i = 0; i < articles.size(); ++i)
        if (articles[i].id.isEmpty())
            return Error::make(Error::Code::Invalid,
                               u"article %1 of the import (\"%2\") has no id"_s.arg(i + 1).arg(articles[i].title));
    ImportReport report;
    auto tx = m_db.transaction("import articles");
    US_TRY(tx.status());
    auto writer = ArticleWriter::prepare(m_db);
    if (!writer)
        return writer.error();
    const QString now = json::formatTime(Clock::now());
    QSet<QString> seen;
    qsizetype done = 0;
    for (const Article &a : articles) {
        seen.insert(a.id);
        US_TRY(writer->write(a, origin, now, report));
        if (progress)
            progress(++done, articles.size());
    }
    if (markMissingOnes) {
        auto removed = markMissing(origin, seen, now);
        if (!removed)
            return removed.error();
        report.removed = *removed;
    }
    if (report.added + report.updated + report.removed > 0)
        US_TRY(m_settings.bumpContentGeneration());
    US_TRY(tx.commit());
    qCInfo(lcStore) << "imported articles: added" << report.added << "updated" << report.updated << "unchanged"
                    << report.unchanged << "removed" << report.removed;
    return report;
}

Result<int> KnowledgeRepository::markMissing(const QString &origin, const QSet<QString> &seen, const QString &now)
{
    auto active = m_db.prepare(u"SELECT id FROM articles WHERE origin = ?1 AND status != 'removed'"_s);
    if (active)
        (*active)->bind(1, origin);
    auto ids = rows::collect(active, [](Statement &s) { return s.text(0); });
    if (!ids)
        return ids.error();
    auto mark = m_db.prepare(u"UPDATE articles SET status = 'removed', imported_at = ?2 WHERE id = ?1"_s);
    if (!mark)
        return mark.error();
    int removed = 0;
    for (const QString &id : std::as_const(*ids)) {
        if (seen.contains(id))
            continue;
        US_TRY((*mark)->bind(1, id).bind(2, now).exec());
        ++removed;
    }
    return removed;
}

Result<ImportReport> KnowledgeRepository::importMacros(const QList<Macro> &macros)
{
    for (qsizetype i = 0; i < macros.size(); ++i)
        if (macros[i].id.isEmpty())
            return Error::make(Error::Code::Invalid,
                               u"macro %1 of the import (\"%2\") has no id"_s.arg(i + 1).arg(macros[i].title));
    ImportReport report;
    auto tx = m_db.transaction("import macros");
    US_TRY(tx.status());
    auto find = m_db.prepare(u"SELECT title, body, tags, language FROM macros WHERE id = ?1"_s);
    auto upsert = m_db.prepare(
        u"INSERT INTO macros (id, title, body, tags, language) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(id) DO UPDATE "
        "SET title = excluded.title, body = excluded.body, tags = excluded.tags, language = excluded.language"_s);
    for (auto *r : {&find, &upsert})
        if (!*r)
            return r->error();
    for (const Macro &m : macros) {
        const QString tags = stored::tagsJson(m.tags);
        const QString language = stored::languageOf(m.language, QString(m.title + u'\n' + m.body));
        Statement &f = **find;
        f.bind(1, m.id);
        auto row = f.next();
        if (!row)
            return row.error();
        const bool exists = *row;
        const bool same =
            exists && f.text(0) == m.title && f.text(1) == m.body && f.text(2) == tags && f.text(3) == language;
        f.reset();
        if (same) {
            ++report.unchanged;
            continue;
        }
        US_TRY((*upsert)->bind(1, m.id).bind(2, m.title).bind(3, m.body).bind(4, tags).bind(5, language).exec());
        ++(exists ? report.updated : report.added);
    }
    if (report.added + report.updated > 0)
        US_TRY(m_settings.bumpContentGeneration());
    US_TRY(tx.commit());
    return report;
}

Result<std::optional<Article>> KnowledgeRepository::article(const QString &id)
{
    auto q =
        m_db.prepare(u"SELECT id, title, body, url, tags, updated_at, status, language FROM articles WHERE id = ?1"_s);
    if (q)
        (*q)->bind(1, id);
    return rows::first(q, [](Statement &s) {
        return Article{
            s.text(0), s.text(1), s.text(2), s.text(3), stored::tagsFromJson(s.text(4)), json::parseTime(s.text(5)),
            s.text(6), s.text(7)};
    });
}

Result<QList<Chunk>> KnowledgeRepository::chunksOf(const QString &articleId)
{
    auto q =
        m_db.prepare(u"SELECT id, article_id, seq, heading, body FROM chunks WHERE article_id = ?1 ORDER BY seq"_s);
    if (q)
        (*q)->bind(1, articleId);
    return rows::collect(q, [](Statement &s) {
        return Chunk{s.int64(0), s.text(1), int(s.int64(2)), s.text(3), s.text(4)};
    });
}

Result<std::optional<ChunkRow>> KnowledgeRepository::chunk(qint64 id)
{
    auto q = m_db.prepare(kChunkRowSql + u" WHERE c.id = ?1"_s);
    if (q)
        (*q)->bind(1, id);
    return rows::first(q, chunkRow);
}

Status KnowledgeRepository::forEachChunk(const std::function<void(const ChunkRow &)> &fn)
{
    auto q = m_db.prepareOwned(kChunkRowSql + u" ORDER BY c.id"_s);
    if (!q)
        return q.error();
    return (*q)->forEachRow([&](Statement &s) { fn(chunkRow(s)); });
}

Result<QList<Macro>> KnowledgeRepository::macros()
{
    return rows::collect(m_db.prepare(u"SELECT id, title, body, tags, language FROM macros ORDER BY id"_s),
                         [](Statement &s) {
                             return Macro{s.text(0), s.text(1), s.text(2), stored::tagsFromJson(s.text(3)), s.text(4)};
                         });
}

Result<QList<KnowledgeHit>> KnowledgeRepository::search(const QString &query, int limit)
{
    // Each word becomes a quoted prefix term, so user input can never be FTS5 syntax.
    QStringList terms;
    for (const QString &w : query.split(QRegularExpression(u"[^\\w]+"_s), Qt::SkipEmptyParts))
        terms << u"\"%1\"*"_s.arg(w);
    if (terms.isEmpty())
        return QList<KnowledgeHit>();
    auto q = m_db.prepare(
        u"SELECT c.article_id, c.id, c.title, c.heading, snippet(chunks_fts, 2, '[', ']', '…', 16), "
        "bm25(chunks_fts, 5.0, 3.0, 1.0) AS score FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid "
        "JOIN articles a ON a.id = c.article_id WHERE chunks_fts MATCH ?1 AND a.status != 'removed' "
        "ORDER BY score LIMIT ?2"_s);
    if (q)
        (*q)->bind(1, terms.join(u" OR "_s)).bind(2, qint64(limit));
    return rows::collect(q, [](Statement &s) {
        return KnowledgeHit{s.text(0), s.int64(1), s.text(2), s.text(3), s.text(4), -s.real(5)};
    });
}

} // namespace understudy::store

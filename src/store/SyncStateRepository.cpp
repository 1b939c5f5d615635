// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncStateRepository.h"

#include "Rows.h"
#include "StoredText.h"

using namespace Qt::StringLiterals;

namespace understudy::store {

Result<QString> SyncStateRepository::cursor(const QString &stream)
{
    auto q = m_db.prepare(u"SELECT cursor FROM sync_cursors WHERE stream = ?1"_s);
    if (q)
        (*q)->bind(1, stream);
    auto v = rows::first(q, [](Statement &s) { return s.text(0); });
    if (!v)
        return v.error();
    return v->value_or(QString());
}

Status SyncStateRepository::setCursor(const QString &stream, const QString &cursor)
{
    auto q = m_db.prepare(u"INSERT INTO sync_cursors (stream, cursor) VALUES (?1, ?2) ON CONFLICT(stream) DO UPDATE "
                          "SET cursor = excluded.cursor"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, stream).bind(2, cursor).exec();
}

Result<QList<std::pair<QString, QJsonObject>>> SyncStateRepository::learnedParts()
{
    return rows::collect(m_db.prepare(u"SELECT key, data FROM learned_parts ORDER BY key"_s), [](Statement &row) {
        return std::pair<QString, QJsonObject>(row.text(0), stored::objectFrom(row.text(1)));
    });
}

Status SyncStateRepository::putLearnedParts(const QList<std::pair<QString, QJsonObject>> &parts)
{
    auto put = m_db.prepare(u"INSERT INTO learned_parts (key, data) VALUES (?1, ?2) "
                            "ON CONFLICT(key) DO UPDATE SET data = excluded.data"_s);
    if (!put)
        return put.error();
    for (const auto &[key, data] : parts)
        US_TRY((*put)->bind(1, key).bind(2, stored::compact(data)).exec());
    return ok();
}

Status SyncStateRepository::clearLearnedParts()
{
    auto q = m_db.prepare(u"DELETE FROM learned_parts"_s);
    if (!q)
        return q.error();
    return (*q)->exec();
}

} // namespace understudy::store

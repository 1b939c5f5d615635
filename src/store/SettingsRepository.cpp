// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsRepository.h"

#include "Rows.h"

#include <understudy/Clock.h>

using namespace Qt::StringLiterals;

namespace understudy::store {

Result<QString> SettingsRepository::value(const QString &key, const QString &fallback)
{
    auto q = m_db.prepare(u"SELECT value FROM settings WHERE key = ?1"_s);
    if (q)
        (*q)->bind(1, key);
    auto v = rows::first(q, [](Statement &s) { return s.text(0); });
    if (!v)
        return v.error();
    return v->value_or(fallback);
}

Status SettingsRepository::setValue(const QString &key, const QString &value)
{
    auto q = m_db.prepare(
        u"INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    if (!q)
        return q.error();
    return (*q)->bind(1, key).bind(2, value).exec();
}

Status SettingsRepository::bumpContentGeneration()
{
    auto q =
        m_db.prepare(u"INSERT INTO settings (key, value) VALUES ('content.generation', '1') ON CONFLICT(key) DO UPDATE "
                     "SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"_s);
    if (!q)
        return q.error();
    return (*q)->exec();
}

Result<qint64> SettingsRepository::contentGeneration()
{
    auto v = value(u"content.generation"_s, u"0"_s);
    if (!v)
        return v.error();
    return v->toLongLong();
}

Result<QString> SettingsRepository::identity()
{
    if (auto held = value(u"store.id"_s); !held || !held->isEmpty())
        return held;
    auto q = m_db.prepare(u"INSERT INTO settings (key, value) VALUES ('store.id', ?1) ON CONFLICT(key) DO NOTHING"_s);
    if (!q)
        return q.error();
    US_TRY((*q)->bind(1, Clock::newId()).exec());
    return value(u"store.id"_s);
}

} // namespace understudy::store

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "Store.h"

#include <QCryptographicHash>
#include <QStringList>
#include <QTest>

namespace understudy::test {

/// @brief The error of a failed Result/Status for QVERIFY2's message (which is evaluated even on success).
template <typename R>
QByteArray why(const R &r)
{
    return r ? QByteArray() : r.error().toString().toUtf8();
}

/// @brief Every row of @p sql, columns joined by '|', NULL shown as "∅"; fails the test on error.
inline QStringList rows(store::Database &db, const QString &sql)
{
    QStringList out;
    auto q = db.prepareOwned(sql);
    if (!q) {
        QTest::qFail(qPrintable(q.error().toString()), __FILE__, __LINE__);
        return out;
    }
    for (;;) {
        auto r = (*q)->next();
        if (!r) {
            QTest::qFail(qPrintable(r.error().toString()), __FILE__, __LINE__);
            return out;
        }
        if (!*r)
            break;
        QStringList cols;
        for (int c = 0; c < (*q)->columnCount(); ++c)
            cols << ((*q)->isNull(c) ? QStringLiteral("∅") : (*q)->text(c));
        out << cols.join(QLatin1Char('|'));
    }
    return out;
}

/// @brief The first column of the first row of @p sql as an integer (-1 on error or no row).
inline qint64 scalar(store::Database &db, const QString &sql)
{
    auto q = db.prepareOwned(sql);
    if (!q)
        return -1;
    auto r = (*q)->next();
    if (!r || !*r)
        return -1;
    return (*q)->int64(0);
}

/// @brief The schema, normalised: one line per object of sqlite_master, whitespace in its SQL collapsed.
inline QStringList schemaOf(store::Database &db)
{
    QStringList out;
    for (const QString &row : rows(db, QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")))
        out << row.simplified();
    return out;
}

/// @brief A checksum of the knowledge base's content (everything an import writes but its timestamps).
inline QByteArray knowledgeChecksum(store::Database &db)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    const char *queries[] = {
        "SELECT id, title, body, url, tags, updated_at, status, origin, content_hash FROM articles ORDER BY id",
        "SELECT article_id, seq, title, heading, body FROM chunks ORDER BY article_id, seq",
    };
    for (const char *sql : queries)
        for (const QString &row : rows(db, QString::fromLatin1(sql)))
            h.addData(row.toUtf8() + '\n');
    return h.result().toHex();
}

/// @brief "ok" when SQLite's integrity check passes and the FTS5 index holds exactly the chunks' text, else what
/// is wrong. (FTS5's own 'integrity-check' does not compare an external-content index with its content table
/// before SQLite 3.44, so the index is compared token by token with one rebuilt from the chunks.)
inline QString integrity(store::Database &db)
{
    const QStringList sqliteCheck = rows(db, QStringLiteral("PRAGMA integrity_check"));
    if (sqliteCheck != QStringList{QStringLiteral("ok")})
        return sqliteCheck.join(QLatin1Char('\n'));
    if (auto s = db.exec(QStringLiteral("INSERT INTO chunks_fts(chunks_fts) VALUES ('integrity-check')")); !s)
        return s.error().message;
    const auto setup = db.exec(QStringLiteral(
        "CREATE VIRTUAL TABLE temp.fts_rebuilt USING fts5(title, heading, body, "
        "tokenize='unicode61 remove_diacritics 2');"
        "INSERT INTO temp.fts_rebuilt(rowid, title, heading, body) SELECT id, title, heading, body FROM chunks;"
        "CREATE VIRTUAL TABLE temp.fts_live_terms USING fts5vocab(main, chunks_fts, instance);"
        "CREATE VIRTUAL TABLE temp.fts_rebuilt_terms USING fts5vocab(temp, fts_rebuilt, instance);"));
    if (!setup)
        return setup.error().message;
    const QStringList extra = rows(db, QStringLiteral("SELECT * FROM temp.fts_live_terms EXCEPT "
                                                      "SELECT * FROM temp.fts_rebuilt_terms LIMIT 5"));
    const QStringList missing = rows(db, QStringLiteral("SELECT * FROM temp.fts_rebuilt_terms EXCEPT "
                                                        "SELECT * FROM temp.fts_live_terms LIMIT 5"));
    const auto teardown = db.exec(QStringLiteral("DROP TABLE temp.fts_live_terms; DROP TABLE temp.fts_rebuilt_terms; "
                                                 "DROP TABLE temp.fts_rebuilt;"));
    if (!teardown)
        return teardown.error().message;
    if (!extra.isEmpty() || !missing.isEmpty())
        return QStringLiteral("the full-text index differs from the chunks: stale %1; missing %2")
            .arg(extra.join(u", "), missing.join(u", "));
    return QStringLiteral("ok");
}

} // namespace understudy::test

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QList>
#include <QString>
#include <QStringList>
#include <QTest>

namespace understudy::test {

/// @brief The error text of @p r, or an empty string when it holds a value (safe to call either way).
template <typename T> QString errorOf(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().toString();
}

#ifdef CONNECTOR_TEST_DATA
/// @brief The path of @p relative under tests/connectors/data.
inline QString dataPath(const QString &relative)
{
    return QStringLiteral(CONNECTOR_TEST_DATA) + u'/' + relative;
}
#endif

/// @brief The ids of @p items (articles, tickets), in their order.
template <typename T> QStringList idsOf(const QList<T> &items)
{
    QStringList out;
    for (const T &item : items)
        out << item.id;
    return out;
}

} // namespace understudy::test

/// @brief Fails the test with the error's text unless @p result holds a value.
#define QVERIFY_OK(result) QVERIFY2((result).ok(), qPrintable(::understudy::test::errorOf(result)))

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QString>
#include <QTest>

namespace understudy::test {

/// @brief The error text of @p r, or an empty string when it holds a value (safe to call either way).
template <typename T> QString errorOf(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().toString();
}

} // namespace understudy::test

/// @brief Fails the test with the error's text unless @p result holds a value.
#define QVERIFY_OK(result) QVERIFY2((result).ok(), qPrintable(::understudy::test::errorOf(result)))

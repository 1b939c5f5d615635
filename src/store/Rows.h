// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"

#include <QList>

#include <optional>
#include <type_traits>
#include <utility>

namespace understudy::store::rows {

namespace detail {
template <typename R> struct Unwrap {
    using type = R;
};
template <typename T> struct Unwrap<Result<T>> {
    using type = T;
};
template <typename R> inline constexpr bool isResult = !std::is_same_v<typename Unwrap<R>::type, R>;
} // namespace detail

/// @brief What a row mapper returns a row as (T for a mapper returning T or Result<T>).
template <typename Map>
using RowOf = typename detail::Unwrap<std::decay_t<std::invoke_result_t<Map &, Statement &>>>::type;

/// @brief Steps @p q (bound by the caller) through at most @p limit rows (-1: all), mapping each with @p map (which
/// returns T, or Result<T> to stop at an error); the statement is reset afterwards, on success and on error.
template <typename Map> Result<QList<RowOf<Map>>> collect(Statement &q, Map &&map, qsizetype limit = -1)
{
    QList<RowOf<Map>> out;
    while (limit < 0 || out.size() < limit) {
        auto r = q.next();
        if (!r || !*r) {
            q.reset();
            if (!r)
                return r.error();
            return out;
        }
        auto row = map(q);
        if constexpr (detail::isResult<decltype(row)>) {
            if (!row) {
                q.reset();
                return row.error();
            }
            out << std::move(*row);
        } else {
            out << std::move(row);
        }
    }
    q.reset();
    return out;
}

/// @brief collect() over a statement just prepared: its error when preparing failed.
template <typename Map> Result<QList<RowOf<Map>>> collect(const Result<Statement *> &q, Map &&map, qsizetype limit = -1)
{
    if (!q)
        return q.error();
    return collect(**q, std::forward<Map>(map), limit);
}

/// @brief The first row of @p q mapped with @p map, or nothing; the statement is reset afterwards.
template <typename Map> Result<std::optional<RowOf<Map>>> first(const Result<Statement *> &q, Map &&map)
{
    auto rows = collect(q, std::forward<Map>(map), 1);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<RowOf<Map>>();
    return std::optional<RowOf<Map>>(std::move(rows->first()));
}

/// @brief The first column of the first row of @p q as an integer (0 without a row).
inline Result<qint64> scalar(const Result<Statement *> &q)
{
    auto v = first(q, [](Statement &s) { return s.int64(0); });
    if (!v)
        return v.error();
    return v->value_or(0);
}

} // namespace understudy::store::rows

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace understudy {

/// @brief What went wrong, where: the message is for people, the code for callers.
struct Error {
    enum class Code { Generic, Parse, NotFound, Io, DiskFull, Constraint, Busy, Invalid };

    Code code = Code::Generic;
    QString message;
    QString file;     ///< file the error is about, if any
    qint64 line = 0;  ///< 1-based line or record number in that file, 0 if none

    static Error make(Code code, QString message) { return Error{code, std::move(message), {}, 0}; }
    static Error at(QString file, qint64 line, QString message)
    {
        return Error{Code::Parse, std::move(message), std::move(file), line};
    }

    /// @brief "file:line: message", or just the message.
    QString toString() const
    {
        if (file.isEmpty())
            return message;
        if (line > 0)
            return QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message);
        return QStringLiteral("%1: %2").arg(file, message);
    }
};

/// @brief A value or an Error (std::expected in miniature; C++20 has none).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    /// @brief The value, or @p fallback when this holds an error.
    T value_or(T fallback) const & { return ok() ? value() : std::move(fallback); }

    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

/// @brief Success without a value.
struct Ok {};
using Status = Result<Ok>;

inline Status ok() { return Ok{}; }

} // namespace understudy

/// @brief Returns the error of a failed Status/Result expression from the enclosing function.
#define US_TRY(expr)                                                                                                   \
    do {                                                                                                               \
        if (auto us_try_r = (expr); !us_try_r)                                                                        \
            return us_try_r.error();                                                                                   \
    } while (false)

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

/// @brief Readers for the statistics answers (docs/protocol.md): missing or mistyped fields read as 0 / null / empty.
namespace understudy::app::statsjson {

inline qint64 count(const QJsonObject &o, const QString &key)
{
    return qint64(o.value(key).toDouble());
}

inline std::optional<double> optionalNumber(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

inline QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

} // namespace understudy::app::statsjson

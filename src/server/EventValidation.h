// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace understudy::server {

/// @brief Why a value was refused: the field's path ("events[3].edit.kept") and what is wrong with it.
struct FieldProblem {
    QString field;
    QString what;
};

/// @brief The wire limits of an event (docs/protocol.md, "Limits of an event"). Lengths count UTF-16 code units.
namespace limits {
constexpr int kMaxTicketId = 256;
constexpr int kMaxDraftId = 128;
constexpr int kMaxAgent = 64;
constexpr int kMaxTime = 40;
constexpr int kMaxSources = 64;
constexpr int kMaxSourceKind = 32;
constexpr int kMaxSourceId = 256;
constexpr int kMaxSourceTitle = 1024;
constexpr int kMaxSourceSnippet = 4096;
constexpr int kMaxSourceUrl = 2048;
constexpr int kMaxIntent = 128;
constexpr int kMaxFeatures = 32;
constexpr int kMaxFinalText = 65536;
constexpr int kMaxReason = 2048;
constexpr int kMaxEngine = 32;
constexpr double kMaxEditCount = 1e9;
} // namespace limits

/// @brief True for a UUID in canonical form: 36 characters, lower-case hexadecimal, hyphens at 8-4-4-4-12.
bool isCanonicalUuid(const QString &text);

/// @brief Checks every field of one event of POST /events against the protocol: types, ranges, finite numbers,
/// a canonical UUID id, lengths, and no NUL, control characters (tab, line feed and carriage return are allowed
/// in free text only) or unpaired surrogates. @p prefix starts each field path ("events[3].").
std::optional<FieldProblem> validateEventJson(const QJsonObject &event, const QString &prefix);

/// @brief Checks that no string anywhere in @p value (keys included) holds a NUL or an unpaired surrogate,
/// which neither database stores faithfully. @p path names @p value ("body").
std::optional<FieldProblem> validateStrings(const QJsonValue &value, const QString &path);

} // namespace understudy::server

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Importers.h"

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QByteArrayView>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <initializer_list>

/// @brief Helpers shared by the importers: decoding, JSON with located errors, id bookkeeping.
namespace understudy::connectors::detail {

/// @brief JSON deeper than this is rejected before Qt's recursive parser sees it.
inline constexpr int kMaxJsonDepth = 64;

/// @brief "kb/reset.md" → "reset".
QString baseNameOf(const QString &fileName);

/// @brief Offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
/// surrogates, code points above U+10FFFF and truncated sequences are invalid); -1 when valid.
qsizetype firstInvalidUtf8(QByteArrayView data);

/// @brief 1-based line of @p offset in @p data.
qint64 lineAt(QByteArrayView data, qsizetype offset);

/// @brief Checks that @p data is UTF-8 text without NUL bytes; returns it without a leading BOM.
Result<QByteArrayView> checkText(const QByteArray &data, const QString &fileName);

/// @brief checkText(), decoded, with CRLF and lone CR turned into LF.
Result<QString> decodeText(const QByteArray &data, const QString &fileName);

/// @brief Parses a whole JSON document from checked text; errors carry the line.
Result<QJsonDocument> parseJson(QByteArrayView text, const QString &fileName, qint64 firstLine = 1);

/// @brief checkText() then parseJson().
Result<QJsonDocument> parseJsonFile(const QByteArray &data, const QString &fileName);

/// @brief Calls @p handle with each non-blank line of a JSONL file, parsed as an object, and its line number. With
/// @p skip, a line that is not a JSON object or that @p handle refuses goes to @p skip and the rest is read.
Status forEachJsonLine(const QByteArray &data, const QString &fileName,
                       const std::function<Status(const QJsonObject &, qint64)> &handle, const SkipHandler &skip = {});

/// @brief The error of record @p index (0-based) of a JSON array: line index+1, "record N: ...".
Error recordError(const QString &fileName, qsizetype index, const QString &message);
/// @brief The same with a qualifier, e.g. "record 3 of \"train\": ...".
Error recordError(const QString &fileName, qsizetype index, const QString &where, const QString &message);

/// @brief Rejects numbers that are not exact integers in the listed fields (which the core reads as strings).
Status checkIntegralNumbers(const QJsonObject &o, std::initializer_list<const char16_t *> keys,
                            const QString &prefix = {});

/// @brief What the core's articleFromJson() lets through but an article must have: a non-blank
/// title and a status the rest of the system knows (active, deprecated, removed).
Status checkArticle(const Article &article);
/// @brief An article of the JSONL shape (articles.jsonl, a JSON array of them) from one record, checked and with its
/// language filled; the error's message says what is wrong, the caller adds where.
Result<Article> articleFromRecord(const QJsonObject &o);

/// @brief An id given as a string or an exact integer; empty when absent; an error message otherwise.
Result<QString> idValue(const QJsonValue &v, const QString &field);
/// @brief A string field: absent/null → empty; anything but a string → error.
Result<QString> stringValue(const QJsonValue &v, const QString &field);
/// @brief An array of strings, or a "a, b" string; absent/null → empty.
Result<QStringList> stringListValue(const QJsonValue &v, const QString &field);
/// @brief A bool field: absent/null → false.
Result<bool> boolValue(const QJsonValue &v, const QString &field);

/// @brief The language a record names in "language", "locale" or "lang" (the first present) as an ISO 639-1 code
/// (languageCode(): "en-us" → "en"); empty when none is given or the value names no language; an error when the
/// value is not a string.
Result<QString> languageValue(const QJsonObject &o, const QString &prefix = {});
/// @brief Sources and tickets that name no language get the one their text shows (detectLanguage(), the function
/// the engine reads tickets with); it stays empty when the text is too short to tell. A ticket's text is its
/// subject and the customer's messages.
void fillLanguage(Article &article);
void fillLanguage(Macro &macro);
void fillLanguage(Ticket &ticket);

/// @brief parseZendeskArticles() on a parsed document.
Result<QList<Article>> zendeskArticlesFromJson(const QJsonDocument &doc, const QString &fileName);
/// @brief parseZendeskTickets() on a parsed document.
Result<QList<Ticket>> zendeskTicketsFromJson(const QJsonDocument &doc, const QString &fileName,
                                             const SkipHandler &skip = {});
/// @brief parseLabelledPairsJson() on a parsed document.
Result<QList<Ticket>> labelledPairsFromJson(const QJsonDocument &doc, const QString &fileName,
                                            const QStringList &splits, const SkipHandler &skip = {});

/// @brief Remembers where each id was first seen.
class IdRegister {
public:
    /// @brief Records @p id at @p position; returns the earlier position when it was already there, else 0.
    qint64 add(const QString &id, qint64 position);

private:
    QHash<QString, qint64> m_seen;
};

} // namespace understudy::connectors::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace understudy::store {

/// @brief How the store writes values into text columns, and reads them back.
namespace stored {

QString tagsJson(const QStringList &tags);
QStringList tagsFromJson(const QString &text);
/// @brief @p o as compact JSON text.
QString compact(const QJsonObject &o);
QJsonObject objectFrom(const QString &text);
/// @brief The language a source is stored with: the given tag as an ISO 639-1 code, else what its text says (empty
/// when unsure). One function for every writer, so an import, a sync and a send label the same text alike.
QString languageOf(const QString &given, QStringView text);
/// @brief A ticket's language: its own tag, else detected from the subject and the customer's messages.
QString ticketLanguage(const Ticket &t);
/// @brief An answer's language: the given tag, else detected from the reply (the question without a reply).
QString answerLanguage(const QString &given, const QString &reply, const QString &question);

} // namespace stored
} // namespace understudy::store

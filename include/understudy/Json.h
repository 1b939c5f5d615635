// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QJsonObject>

namespace understudy::json {

/// @brief Parses an ISO-8601 date or date-time ("2026-11-23", "2026-11-23T10:00:00Z"); invalid if neither.
QDateTime parseTime(const QString &text);
QString formatTime(const QDateTime &t);

QJsonObject toJson(const Customer &c);
QJsonObject toJson(const Message &m);
QJsonObject toJson(const Ticket &t);
QJsonObject toJson(const Article &a);
QJsonObject toJson(const Source &s);
QJsonObject toJson(const Escalation &e);
QJsonObject toJson(const DraftSentence &s);
QJsonObject toJson(const Draft &d);
QJsonObject toJson(const FeedbackEvent &e);

/// @brief A ticket in the DESIGN.md interchange shape; the error names the offending field.
Result<Ticket> ticketFromJson(const QJsonObject &o);
/// @brief An article from {"id","title","body","url","tags","updated_at"}.
Result<Article> articleFromJson(const QJsonObject &o);
Result<Source> sourceFromJson(const QJsonObject &o);
Result<Draft> draftFromJson(const QJsonObject &o);
Result<FeedbackEvent> feedbackEventFromJson(const QJsonObject &o);

} // namespace understudy::json

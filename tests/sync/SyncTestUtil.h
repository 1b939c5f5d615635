// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Store.h"

#include <understudy/Clock.h>
#include <understudy/Json.h>

#include <QTest>
#include <QUuid>

namespace understudy::test {

template <typename R>
QByteArray whyNot(const R &r)
{
    return r ? QByteArray() : r.error().toString().toUtf8();
}

/// @brief An event of @p kind on @p ticket with a fresh UUID; sends carry @p text as the final text.
inline FeedbackEvent makeEvent(FeedbackEvent::Kind kind, const QString &ticket, const QString &text = {})
{
    FeedbackEvent e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.kind = kind;
    e.agent = QStringLiteral("alice");
    e.ticketId = ticket;
    e.draftId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.at = QDateTime::currentDateTimeUtc();
    e.confidence = 0.7;
    e.finalText = text;
    e.engine = QStringLiteral("1.0.0");
    return e;
}

inline Ticket makeTicket(const QString &id, const QString &subject, const QString &status = QStringLiteral("open"))
{
    Ticket t;
    t.id = id;
    t.subject = subject;
    t.status = status;
    t.customer.id = QStringLiteral("c-") + id;
    t.customer.name = QStringLiteral("Ana");
    t.messages << Message{QStringLiteral("customer"), subject + QStringLiteral(": please help"),
                          QDateTime::currentDateTimeUtc()};
    t.createdAt = QDateTime::currentDateTimeUtc();
    return t;
}

inline Article makeArticle(const QString &id, const QString &title)
{
    Article a;
    a.id = id;
    a.title = title;
    a.body = QStringLiteral("# ") + title + QStringLiteral("\n\nHow to ") + title.toLower() + QLatin1Char('.');
    a.updatedAt = QDateTime::currentDateTimeUtc();
    return a;
}

} // namespace understudy::test

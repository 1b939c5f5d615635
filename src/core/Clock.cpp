// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Clock.h>

#include <QUuid>

namespace understudy {

QDateTime Clock::s_fixed;

QDateTime Clock::now()
{
    return s_fixed.isValid() ? s_fixed : QDateTime::currentDateTimeUtc();
}

QString Clock::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void Clock::setFixedTime(const QDateTime &t)
{
    s_fixed = t;
}

} // namespace understudy

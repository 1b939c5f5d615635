// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Clock.h>

#include <QRandomGenerator>
#include <QUuid>

namespace understudy {

QDateTime Clock::s_fixed;

QDateTime Clock::now()
{
    return s_fixed.isValid() ? s_fixed : QDateTime::currentDateTimeUtc();
}

QString Clock::newId()
{
    // Version 7 (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits. Ids made at about the same
    // time sort together, so the server's primary-key inserts stay at the end of its index; a random (version 4)
    // id dirtied one index page per event there. The real clock on purpose: the order is the order of creation.
    const auto ms = quint64(QDateTime::currentMSecsSinceEpoch());
    quint64 r[2];
    QRandomGenerator::global()->fillRange(r);
    const QUuid u(uint(ms >> 16), ushort(ms), ushort(0x7000 | (r[0] & 0x0fff)), uchar(0x80 | ((r[1] >> 56) & 0x3f)),
                  uchar(r[1] >> 48), uchar(r[1] >> 40), uchar(r[1] >> 32), uchar(r[1] >> 24), uchar(r[1] >> 16),
                  uchar(r[1] >> 8), uchar(r[1]));
    return u.toString(QUuid::WithoutBraces);
}

void Clock::setFixedTime(const QDateTime &t)
{
    s_fixed = t;
}

} // namespace understudy

// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpLimits.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace understudy::server {

namespace {

struct IntOption {
    QString name;
    QString help;
    QString valueName;
    qint64 min;
    qint64 max;
    int HttpLimits::*field;
    int scale; ///< the option's unit in the field's unit (seconds → milliseconds: 1000)
};

const QList<IntOption> &intOptions()
{
    static const QList<IntOption> options{
        {u"max-header-bytes"_s, u"Largest request line and headers together (default: 32768)."_s, u"bytes"_s, 1024,
         1 << 24, &HttpLimits::maxHeaderBytes, 1},
        {u"max-headers"_s, u"Most header lines in one request (default: 100)."_s, u"n"_s, 8, 10000,
         &HttpLimits::maxHeaders, 1},
        {u"max-url-bytes"_s, u"Longest request target (path and query) (default: 8192)."_s, u"bytes"_s, 256, 1 << 24,
         &HttpLimits::maxUrlBytes, 1},
        {u"header-timeout"_s, u"Seconds a client has to send a request's headers (default: 10)."_s, u"seconds"_s, 1,
         3600, &HttpLimits::headerTimeoutMs, 1000},
        {u"body-timeout"_s, u"Seconds a client has to send a request's body (default: 60)."_s, u"seconds"_s, 1, 3600,
         &HttpLimits::bodyTimeoutMs, 1000},
        {u"idle-timeout"_s, u"Seconds a connection may stay open with no request under way (default: 60)."_s,
         u"seconds"_s, 1, 86400, &HttpLimits::idleTimeoutMs, 1000},
        {u"max-connections-per-address"_s,
         u"Open connections from one client address (default: 256; behind a proxy or NAT, raise it)."_s, u"n"_s, 1,
         1000000, &HttpLimits::maxConnectionsPerAddress, 1},
        {u"max-connections"_s,
         u"Open connections in all (default: 0, as many as the file-descriptor limit leaves room for)."_s, u"n"_s, 0,
         1000000, &HttpLimits::maxConnections, 1},
    };
    return options;
}

} // namespace

void HttpLimits::addOptions(QCommandLineParser &parser)
{
    const HttpLimits defaults;
    for (const IntOption &o : intOptions())
        parser.addOption({o.name, o.help, o.valueName, QString::number(defaults.*o.field / o.scale)});
}

Result<HttpLimits> HttpLimits::fromOptions(const QCommandLineParser &parser, qint64 maxBodyBytes)
{
    HttpLimits limits;
    limits.maxBodyBytes = maxBodyBytes;
    for (const IntOption &o : intOptions()) {
        bool isNumber = false;
        const qint64 v = parser.value(o.name).toLongLong(&isNumber);
        if (!isNumber || v < o.min || v > o.max)
            return Error::make(Error::Code::Invalid,
                               u"--%1: expected a number from %2 to %3"_s.arg(o.name).arg(o.min).arg(o.max));
        limits.*o.field = int(v * o.scale);
    }
    return limits;
}

} // namespace understudy::server

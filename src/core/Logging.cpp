// SPDX-License-Identifier: GPL-3.0-or-later
#include "Logging.h"

#include <QDir>
#include <QStandardPaths>
#include <QString>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace understudy {

namespace {

std::shared_ptr<spdlog::logger> g_logger;

// One message is one line: control characters (a line feed in a URL path, an escape sequence in a name) are
// written as escapes, so nothing a client sends can forge a log line or drive a terminal.
QByteArray escapeControls(const QString &msg)
{
    const auto isControl = [](QChar ch) {
        const char16_t c = ch.unicode();
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    };
    if (std::none_of(msg.cbegin(), msg.cend(), isControl))
        return msg.toUtf8();
    QString out;
    out.reserve(msg.size() + 16);
    for (const QChar ch : msg) {
        if (!isControl(ch))
            out += ch;
        else if (ch == u'\n')
            out += QLatin1String("\\n");
        else if (ch == u'\r')
            out += QLatin1String("\\r");
        else if (ch == u'\t')
            out += QLatin1String("\\t");
        else
            out += QLatin1String("\\u") + QString::number(ch.unicode(), 16).rightJustified(4, u'0');
    }
    return out.toUtf8();
}

void handler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    if (!g_logger)
        return;
    const QByteArray text = escapeControls(msg);
    const char *category = ctx.category ? ctx.category : "default";
    auto level = spdlog::level::info;
    switch (type) {
    case QtDebugMsg: level = spdlog::level::debug; break;
    case QtInfoMsg: level = spdlog::level::info; break;
    case QtWarningMsg: level = spdlog::level::warn; break;
    case QtCriticalMsg: level = spdlog::level::err; break;
    case QtFatalMsg: level = spdlog::level::critical; break;
    }
    g_logger->log(level, "[{}] {}", category, std::string_view(text.constData(), size_t(text.size())));
    if (type == QtFatalMsg)
        g_logger->flush();
}

} // namespace

void installLogging(const QString &appName, const QString &logDir)
{
    QString dir = logDir;
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/logs");
    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(spdlog::level::warn);
    console->set_pattern("%^%l%$: %v");
    sinks.push_back(console);
    if (QDir().mkpath(dir)) {
        try {
            const QByteArray path = (dir + QLatin1Char('/') + appName + QStringLiteral(".log")).toLocal8Bit();
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path.toStdString(), 5 * 1024 * 1024, 3);
            file->set_level(spdlog::level::info);
            sinks.push_back(file);
        } catch (const spdlog::spdlog_ex &) {
            // An unwritable log folder must not stop the program; stderr still gets warnings.
        }
    }
    g_logger = std::make_shared<spdlog::logger>(appName.toStdString(), sinks.begin(), sinks.end());
    g_logger->set_level(spdlog::level::info);
    g_logger->flush_on(spdlog::level::warn);
    qInstallMessageHandler(handler);
}

} // namespace understudy

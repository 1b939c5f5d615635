// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemView>
#include <QByteArray>
#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace understudy::app {

/// @brief Reports when a window became interactive, for benchmarks (`understudy --report-startup`,
/// bench/bench_bare_window). Header-only and Widgets-only so the bare-window baseline measures the same way.
///
/// "Interactive" is: the watched view's viewport has painted once (the first page is on screen) and the event
/// loop has then run dry once (a zero timer fired), so the next input event is handled at once. It prints one line
/// to stdout, `interactive_ms=<ms since process start> monotonic_ns=<CLOCK_MONOTONIC> rss_kb=<VmRSS>`:
/// interactive_ms counts from the kernel's start time of the process (/proc/self/stat, 10 ms ticks); a parent that
/// noted CLOCK_MONOTONIC before starting the process gets a precise figure from monotonic_ns.
class StartupProbe : public QObject {
public:
    /// @brief Watches @p view; with @p exitWhenInteractive the application exits (code 0) after the report.
    StartupProbe(QAbstractItemView *view, bool exitWhenInteractive, QObject *parent = nullptr)
        : QObject(parent), m_view(view), m_exit(exitWhenInteractive)
    {
        view->viewport()->installEventFilter(this);
    }

    /// @brief Prints `<label>_ms=... monotonic_ns=... rss_kb=...` and flushes stdout.
    static void report(const char *label)
    {
        std::printf("%s_ms=%.1f monotonic_ns=%lld rss_kb=%lld\n", label, msSinceProcessStart(), nowNs(CLOCK_MONOTONIC),
                    rssKb());
        std::fflush(stdout);
    }

    static long long nowNs(clockid_t clock)
    {
        timespec ts{};
        clock_gettime(clock, &ts);
        return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
    }

    /// @brief Milliseconds since the kernel started this process (field 22 of /proc/self/stat vs CLOCK_BOOTTIME).
    static double msSinceProcessStart()
    {
        QFile f(QStringLiteral("/proc/self/stat"));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray stat = f.readAll();
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 20)
            return -1;
        const double startSeconds = fields[19].toDouble() / double(sysconf(_SC_CLK_TCK)); // field 22 overall
        return (double(nowNs(CLOCK_BOOTTIME)) / 1e9 - startSeconds) * 1e3;
    }

    /// @brief VmRSS of this process in KiB (0 when unknown).
    static long long rssKb()
    {
        QFile f(QStringLiteral("/proc/self/status"));
        if (!f.open(QIODevice::ReadOnly))
            return 0;
        // readAll(): /proc files report size 0, so atEnd() cannot be trusted.
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).simplified().split(' ').value(0).toLongLong();
        }
        return 0;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_armed && event->type() == QEvent::Paint && m_view && watched == m_view->viewport()) {
            m_armed = true;
            // After this paint has finished and whatever is already queued has run.
            QTimer::singleShot(0, this, [this] {
                report("interactive");
                if (m_exit)
                    QCoreApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QPointer<QAbstractItemView> m_view;
    bool m_exit = false;
    bool m_armed = false;
};

} // namespace understudy::app

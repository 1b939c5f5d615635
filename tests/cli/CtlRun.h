// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs the real understudyctl (UNDERSTUDYCTL_PATH, set by tests/cli/CMakeLists.txt) and collects what it said.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace understudy::test {

struct Run {
    int code = -1; ///< the exit code, -1 when it crashed
    QString out;
    QString err;
};

inline Run runCtl(const QStringList &args, int timeoutMs = 300000)
{
    QProcess p;
    p.setProgram(QStringLiteral(UNDERSTUDYCTL_PATH));
    p.setArguments(args);
    p.start();
    if (!p.waitForFinished(timeoutMs))
        qFatal("understudyctl did not finish");
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
               QString::fromUtf8(p.readAllStandardError())};
}

} // namespace understudy::test

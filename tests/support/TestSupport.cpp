// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

namespace understudy::test {

QString sourceDir()
{
    const QString env = qEnvironmentVariable("UNDERSTUDY_SOURCE_DIR");
    return env.isEmpty() ? QStringLiteral(UNDERSTUDY_TEST_SOURCE_DIR) : env;
}

QString binaryDir()
{
    const QString env = qEnvironmentVariable("UNDERSTUDY_BINARY_DIR");
    return env.isEmpty() ? QStringLiteral(UNDERSTUDY_TEST_BINARY_DIR) : env;
}

QString demoDir()
{
    return sourceDir() + QStringLiteral("/resources/demo");
}

QString datasetsDir()
{
    QString dir = qEnvironmentVariable("UNDERSTUDY_SHARED_DIR");
    if (dir.isEmpty())
        dir = sourceDir() + QStringLiteral("/../shared");
    dir += QStringLiteral("/datasets");
    return QFileInfo(dir).isDir() ? QDir(dir).canonicalPath() : QString();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        QFAIL(qPrintable(QStringLiteral("cannot write %1").arg(path)));
    f.write(data);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace understudy::test

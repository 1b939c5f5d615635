// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerCli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("understudy-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("understudy"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UNDERSTUDY_VERSION));
    return understudy::server::runServerCli(QCoreApplication::arguments());
}

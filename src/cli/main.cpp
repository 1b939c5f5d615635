// SPDX-License-Identifier: GPL-3.0-or-later
#include "Commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("understudy"));
    QCoreApplication::setOrganizationName(QStringLiteral("understudy"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UNDERSTUDY_VERSION));
    return understudy::cli::run(QCoreApplication::arguments());
}

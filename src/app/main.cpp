// SPDX-License-Identifier: GPL-3.0-or-later
#include "Launcher.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("understudy"));
    QApplication::setOrganizationName(QStringLiteral("understudy"));
    QApplication::setApplicationDisplayName(QStringLiteral("Understudy"));
    QApplication::setApplicationVersion(QStringLiteral(UNDERSTUDY_VERSION));
    return understudy::app::Launcher::run(QApplication::arguments());
}

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
    // Matches the installed desktop entry, so Wayland compositors find its name and icon.
    QApplication::setDesktopFileName(QStringLiteral("io.github.understudy.Understudy"));
    return understudy::app::Launcher::run(QApplication::arguments());
}

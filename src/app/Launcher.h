// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace understudy::app {

/// @brief Starts the desktop client: parses the command line (--db, --demo, --agent, --screenshot,
/// --report-startup, --exit-when-interactive), opens the
/// store, starts loading the engine in the background and shows the main window.
class Launcher {
public:
    /// @brief Runs the client inside an existing QApplication; returns the exit code.
    static int run(const QStringList &arguments);
};

} // namespace understudy::app

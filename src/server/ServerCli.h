// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace understudy::server {

/// @brief `understudy-server`: serve, or run one of the `user` / `import` commands. Returns the exit code.
int runServerCli(const QStringList &arguments);

} // namespace understudy::server

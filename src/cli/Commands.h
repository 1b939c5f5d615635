// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace understudy::cli {

/// @brief Runs `understudyctl` with @p arguments (argv, program name first); returns the exit code.
/// Results go to stdout, errors to stderr.
int run(const QStringList &arguments);

} // namespace understudy::cli

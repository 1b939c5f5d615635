// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace understudy::cli {

/// @brief `understudyctl --server URL login|sync|logout ...` (see --help of each). @p db is the local store's
/// path, @p server the URL given with --server (empty: the one the store last signed in to). Returns the exit
/// code; results go to stdout, errors to stderr.
int runSyncCommand(const QString &command, const QString &db, const QString &server, const QStringList &args);

} // namespace understudy::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"

namespace understudy::store {

/// @brief Forward-only schema migrations keyed on PRAGMA user_version.
/// Step i (0-based) takes a database from version i to i+1; never edit a released step, add one.
class Migrations {
public:
    static int latestVersion();
    /// @brief Migrates @p db up to @p target (default: latest), each step in its own transaction.
    /// A database newer than this build is refused rather than touched.
    static Status migrate(Database &db, int target = -1);
};

} // namespace understudy::store

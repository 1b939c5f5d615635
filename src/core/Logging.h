// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace understudy {

/// @brief Routes every Qt message to spdlog: a rotating file under @p logDir and, for warnings and up, stderr.
/// Message bodies and personal data never go out at info level; that is the callers' rule.
void installLogging(const QString &appName, const QString &logDir = {});

} // namespace understudy

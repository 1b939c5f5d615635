// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace understudy::test {

/// @brief The project's source folder (from ctest's environment, else the compile-time path).
QString sourceDir();
/// @brief The build folder, where the executables are.
QString binaryDir();
/// @brief resources/demo in the source tree.
QString demoDir();
/// @brief ../shared/datasets beside the project, or empty when it is absent (tests then skip).
QString datasetsDir();
/// @brief Writes @p data to @p path (creating folders); fails the test on error.
void writeFile(const QString &path, const QByteArray &data);
QByteArray readFile(const QString &path);

} // namespace understudy::test

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <functional>

namespace understudy {

/// @brief The time and ids every layer uses; tests can fix the time for repeatable results.
class Clock {
public:
    static QDateTime now();
    static QString newId(); ///< a time-ordered (version 7) UUID without braces
    /// @brief Tests only: fix the time (invalid restores the real clock).
    static void setFixedTime(const QDateTime &t);

private:
    static QDateTime s_fixed;
};

} // namespace understudy

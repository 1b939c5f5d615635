// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

namespace understudy::sync {

/// @brief Exponential backoff with jitter for retrying a server that is down or failing.
/// The n-th delay (n from 0) is drawn uniformly from [d/2, d] where d = min(cap, base · 2^n): it never
/// drops below half the exponential step (so a flapping server is not hammered) and clients that failed
/// together spread out instead of retrying in lock-step.
class Backoff {
public:
    /// @brief A random number in [0, 1); injectable so tests are deterministic.
    using Random = std::function<double()>;

    explicit Backoff(int baseMs = 1000, int capMs = 60000, Random random = {});

    /// @brief The delay before the next attempt, in ms; counts one more failure.
    int nextDelayMs();
    /// @brief After a success: the next failure starts again from the base delay.
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }
    int baseMs() const { return m_baseMs; }
    int capMs() const { return m_capMs; }

private:
    int m_baseMs;
    int m_capMs;
    int m_failures = 0;
    Random m_random;
};

} // namespace understudy::sync

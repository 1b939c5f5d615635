// SPDX-License-Identifier: GPL-3.0-or-later
#include "Backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace understudy::sync {

Backoff::Backoff(int baseMs, int capMs, Random random)
    : m_baseMs(std::max(1, baseMs)), m_capMs(std::max(m_baseMs, capMs)), m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

int Backoff::nextDelayMs()
{
    // Doubling stops once the cap is reached, so the shift never overflows however long the outage.
    qint64 step = m_baseMs;
    for (int i = 0; i < m_failures && step < m_capMs; ++i)
        step *= 2;
    step = std::min<qint64>(step, m_capMs);
    ++m_failures;
    const double r = std::clamp(m_random(), 0.0, 1.0);
    return int(step / 2 + qint64(double(step - step / 2) * r));
}

} // namespace understudy::sync

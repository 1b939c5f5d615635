// SPDX-License-Identifier: GPL-3.0-or-later
#include "LearnedState.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

QString sourceKey(const QString &kind, const QString &id)
{
    return kind + u':' + id;
}

} // namespace

void LearnedState::apply(const FeedbackEvent &event)
{
    using Kind = FeedbackEvent::Kind;
    ++m_events;
    if (event.kind == Kind::Shown || event.kind == Kind::Regenerated || event.kind == Kind::FlagResolved)
        return;
    // Escalation is a routing decision, not a verdict on the draft's sources; it still is an outcome for
    // calibration (the draft was not sent).
    const bool sent = event.kind == Kind::SentAsIs || event.kind == Kind::SentEdited;
    const bool accepted =
        event.kind == Kind::SentAsIs || (event.kind == Kind::SentEdited && event.edit && event.edit->kept >= kLightEdit);

    // Calibration learns from the engine's own estimate: learning from the displayed (already calibrated)
    // value would undo itself on the next refit.
    const double raw = std::clamp(event.rawConfidence.value_or(event.confidence), 0.0, 1.0);
    const int bin = std::clamp(int(raw * kBins), 0, kBins - 1);
    ++m_binCount[size_t(bin)];
    m_binAccepted[size_t(bin)] += accepted;
    m_binConfidence[size_t(bin)] += qint64(std::llround(raw * 1e6));
    ++m_outcomes;
    // Refit as outcomes grow (every 10%, and at the threshold) so calibrated() stays cheap and current.
    if (m_outcomes >= kMinCalibrationOutcomes && double(m_outcomes) >= double(m_fittedAt) * 1.1)
        refit();

    if (event.kind == Kind::Escalated || event.sources.isEmpty())
        return;
    SourceRecord &r = m_sources[sourceKey(event.sources.first().kind, event.sources.first().id)];
    ++r.acted;
    if (event.kind == Kind::SentAsIs)
        ++r.sentAsIs;
    else if (sent && accepted)
        ++r.sentLightEdit;
    else if (sent)
        ++r.sentHeavyEdit;
    else if (event.kind == Kind::Rejected) {
        ++r.rejected;
        r.outdated += event.reason == u"outdated_information"_s;
    } else if (event.kind == Kind::Flagged)
        ++r.flagged;
}

const LearnedState::SourceRecord *LearnedState::record(const QString &kind, const QString &id) const
{
    auto it = m_sources.find(sourceKey(kind, id));
    return it == m_sources.end() ? nullptr : &it->second;
}

double LearnedState::reputation(const QString &kind, const QString &id) const
{
    const SourceRecord *r = record(kind, id);
    if (!r)
        return 0.5;
    // Good: sent as is or lightly edited; half credit for a heavy edit (the source was on topic); a flag
    // weighs double (the agent went out of their way to say it was bad).
    const double good = double(r->sentAsIs + r->sentLightEdit) + 0.5 * double(r->sentHeavyEdit);
    const double bad = double(r->rejected) + 2.0 * double(r->flagged) + 0.5 * double(r->sentHeavyEdit);
    return (good + 2.0) / (good + bad + 4.0);
}

QList<std::pair<QString, LearnedState::SourceRecord>> LearnedState::sourcesToReview() const
{
    QList<std::pair<QString, SourceRecord>> out;
    for (const auto &[key, r] : m_sources) {
        if (r.flagged > 0 || r.outdated > 0)
            out.append({key, r});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.second.flagged + a.second.outdated > b.second.flagged + b.second.outdated;
    });
    return out;
}

void LearnedState::refit()
{
    // Pool adjacent violators over the bins, weighted by their counts: a non-decreasing map.
    struct Block {
        double accepted, count;
        int first, last;
    };
    std::vector<Block> blocks;
    for (int b = 0; b < kBins; ++b) {
        if (m_binCount[size_t(b)] == 0)
            continue;
        blocks.push_back({double(m_binAccepted[size_t(b)]), double(m_binCount[size_t(b)]), b, b});
        while (blocks.size() > 1 && blocks[blocks.size() - 2].accepted / blocks[blocks.size() - 2].count >=
                                        blocks.back().accepted / blocks.back().count) {
            const Block last = blocks.back();
            blocks.pop_back();
            blocks.back().accepted += last.accepted;
            blocks.back().count += last.count;
            blocks.back().last = last.last;
        }
    }
    m_map.assign(kBins, -1.0);
    for (const Block &b : blocks) {
        // A little shrinkage toward the bins' own mean confidence keeps thin bins from reading 0% or 100%.
        double confidence = 0;
        for (int i = b.first; i <= b.last; ++i)
            confidence += double(m_binConfidence[size_t(i)]) / 1e6;
        const double prior = confidence / b.count;
        for (int i = b.first; i <= b.last; ++i)
            m_map[size_t(i)] = (b.accepted + 2.0 * prior) / (b.count + 2.0);
    }
    // Bins without outcomes take their nearest fitted neighbour below (or above, at the start).
    double last = -1;
    for (double &v : m_map) {
        if (v >= 0)
            last = v;
        else if (last >= 0)
            v = last;
    }
    for (int i = kBins - 1; i >= 0; --i) {
        if (m_map[size_t(i)] >= 0)
            last = m_map[size_t(i)];
        else
            m_map[size_t(i)] = last;
    }
    m_fittedAt = m_outcomes;
}

double LearnedState::calibrated(double raw) const
{
    if (m_map.empty())
        return raw;
    return m_map[size_t(std::clamp(int(raw * kBins), 0, kBins - 1))];
}

double LearnedState::calibrationError() const
{
    if (m_outcomes == 0)
        return 0;
    // Per 10-bin group of the displayed value: |mean displayed - observed acceptance|, weighted by count.
    double count[10] = {}, shown[10] = {}, accepted[10] = {};
    for (int b = 0; b < kBins; ++b) {
        const double n = double(m_binCount[size_t(b)]);
        if (n == 0)
            continue;
        const double display = calibrated(double(m_binConfidence[size_t(b)]) / 1e6 / n);
        const int g = std::clamp(int(display * 10), 0, 9);
        count[g] += n;
        shown[g] += display * n;
        accepted[g] += double(m_binAccepted[size_t(b)]);
    }
    double ece = 0;
    for (int g = 0; g < 10; ++g) {
        if (count[g] > 0)
            ece += count[g] / double(m_outcomes) * std::abs(shown[g] / count[g] - accepted[g] / count[g]);
    }
    return ece;
}

QByteArray LearnedState::serialize() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint32(1) << m_events << m_outcomes << m_fittedAt << quint32(m_sources.size());
    for (const auto &[key, r] : m_sources)
        s << key << r.acted << r.sentAsIs << r.sentLightEdit << r.sentHeavyEdit << r.rejected << r.flagged << r.outdated;
    for (int b = 0; b < kBins; ++b)
        s << m_binCount[size_t(b)] << m_binAccepted[size_t(b)] << m_binConfidence[size_t(b)];
    s << quint32(m_map.size());
    for (double v : m_map)
        s << v;
    return out;
}

QByteArray LearnedState::hash() const
{
    return QCryptographicHash::hash(serialize(), QCryptographicHash::Sha256).toHex();
}

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#include "LearnedState.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>

#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

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
    const bool sent = FeedbackEvent::isSend(event.kind);
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
    refit();

    if (sent && event.usedSource && *event.usedSource >= 0 && *event.usedSource < event.sources.size()) {
        // Pairwise: the source the reply used against each one the engine had ranked above it.
        const QList<double> &used = event.sources[*event.usedSource].features;
        if (used.size() == kRankFeatures) {
            ++m_rankSends;
            for (int j = 0; j < *event.usedSource; ++j) {
                const QList<double> &above = event.sources[j].features;
                if (above.size() != kRankFeatures)
                    continue;
                ++m_rankPairs;
                for (int k = 0; k < kRankFeatures; ++k)
                    m_rankDiff[size_t(k)] += qint64(std::llround((used[k] - above[k]) * 1e6));
            }
        }
    }

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

void LearnedState::refit()
{
    // A function of the bins' counts only (never of when it ran), so the fold stays order-independent.
    if (m_outcomes < kMinCalibrationOutcomes) {
        m_map.clear();
        return;
    }
    // Pool adjacent violators over the bins, weighted by their counts: a non-decreasing map.
    struct Block {
        double accepted, count;
        int first, last;
    };
    std::array<Block, kBins> blocks;
    size_t n = 0;
    for (int b = 0; b < kBins; ++b) {
        if (m_binCount[size_t(b)] == 0)
            continue;
        blocks[n++] = {double(m_binAccepted[size_t(b)]), double(m_binCount[size_t(b)]), b, b};
        while (n > 1 && blocks[n - 2].accepted / blocks[n - 2].count >= blocks[n - 1].accepted / blocks[n - 1].count) {
            blocks[n - 2].accepted += blocks[n - 1].accepted;
            blocks[n - 2].count += blocks[n - 1].count;
            blocks[n - 2].last = blocks[n - 1].last;
            --n;
        }
    }
    m_map.assign(kBins, -1.0);
    for (size_t k = 0; k < n; ++k) {
        const Block &b = blocks[k];
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

namespace {

// The source record's fields, in the order of SourceRecord, as parts() names them.
constexpr std::array<std::pair<const char *, qint64 LearnedState::SourceRecord::*>, 7> kSourceFields{{
    {"acted", &LearnedState::SourceRecord::acted},
    {"sent_as_is", &LearnedState::SourceRecord::sentAsIs},
    {"sent_light_edit", &LearnedState::SourceRecord::sentLightEdit},
    {"sent_heavy_edit", &LearnedState::SourceRecord::sentHeavyEdit},
    {"rejected", &LearnedState::SourceRecord::rejected},
    {"flagged", &LearnedState::SourceRecord::flagged},
    {"outdated", &LearnedState::SourceRecord::outdated},
}};

} // namespace

std::array<double, LearnedState::kRankFeatures> LearnedState::rankAdjustment() const
{
    std::array<double, kRankFeatures> out{};
    if (m_rankSends == 0)
        return out;
    for (size_t k = 0; k < out.size(); ++k)
        out[k] = std::clamp(kRankRate * double(m_rankDiff[k]) / 1e6 / (double(m_rankSends) + kRankPrior),
                            -kRankMaxShift, kRankMaxShift);
    return out;
}

void LearnedState::merge(const LearnedState &other)
{
    m_rankSends += other.m_rankSends;
    m_rankPairs += other.m_rankPairs;
    for (size_t k = 0; k < m_rankDiff.size(); ++k)
        m_rankDiff[k] += other.m_rankDiff[k];
    for (const auto &[key, r] : other.m_sources) {
        SourceRecord &mine = m_sources[key];
        for (const auto &[name, field] : kSourceFields)
            mine.*field += r.*field;
    }
    for (size_t b = 0; b < size_t(kBins); ++b) {
        m_binCount[b] += other.m_binCount[b];
        m_binAccepted[b] += other.m_binAccepted[b];
        m_binConfidence[b] += other.m_binConfidence[b];
    }
    m_events += other.m_events;
    m_outcomes += other.m_outcomes;
    refit();
}

namespace {

constexpr QLatin1StringView kSourcePrefix("source:");

// A count as parts() writes it: a non-negative integer that a double holds exactly.
std::optional<qint64> count(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d < 0 || d > 9007199254740992.0 || d != std::floor(d))
        return std::nullopt;
    return qint64(d);
}

} // namespace

QList<LearnedState::Part> LearnedState::parts() const
{
    QList<Part> out;
    out.reserve(qsizetype(m_sources.size()) + 1);
    if (m_events > 0) {
        QJsonArray bins;
        for (size_t b = 0; b < size_t(kBins); ++b)
            bins.append(QJsonArray{m_binCount[b], m_binAccepted[b], m_binConfidence[b]});
        out.append({QString::fromLatin1(kCalibrationKey), QJsonObject{{u"events"_s, m_events}, {u"bins"_s, bins}}});
    }
    if (m_rankSends > 0) {
        QJsonArray diff;
        for (qint64 d : m_rankDiff)
            diff.append(d);
        out.append({QString::fromLatin1(kRankingKey),
                    QJsonObject{{u"sends"_s, m_rankSends}, {u"pairs"_s, m_rankPairs}, {u"diff"_s, diff}}});
    }
    for (const auto &[key, r] : m_sources) {
        QJsonObject o;
        for (const auto &[name, field] : kSourceFields)
            o.insert(QLatin1StringView(name), r.*field);
        out.append({kSourcePrefix + key, o});
    }
    return out;
}

Status LearnedState::setPart(const QString &key, const QJsonObject &data)
{
    auto bad = [&](const QString &field) {
        return Error::make(Error::Code::Invalid, u"learned state %1: %2 is missing or not a count"_s.arg(key, field));
    };
    if (key == QLatin1StringView(kCalibrationKey)) {
        const auto events = count(data.value(u"events"_s));
        const QJsonArray bins = data.value(u"bins"_s).toArray();
        if (!events)
            return bad(u"events"_s);
        if (bins.size() != kBins)
            return Error::make(Error::Code::Invalid,
                               u"learned state %1: bins must hold %2 entries"_s.arg(key).arg(kBins));
        std::vector<qint64> values(size_t(kBins) * 3);
        for (qsizetype b = 0; b < kBins; ++b) {
            const QJsonArray bin = bins[b].toArray();
            for (qsizetype i = 0; i < 3; ++i) {
                const auto v = count(bin.at(i));
                if (!v || bin.size() != 3)
                    return bad(u"bins[%1]"_s.arg(b));
                values[size_t(b * 3 + i)] = *v;
            }
        }
        m_outcomes = 0;
        for (size_t b = 0; b < size_t(kBins); ++b) {
            m_binCount[b] = values[b * 3];
            m_binAccepted[b] = values[b * 3 + 1];
            m_binConfidence[b] = values[b * 3 + 2];
            m_outcomes += m_binCount[b];
        }
        // The events of the other parts count here only: a part per source would count them again.
        m_events = *events;
        refit();
        return ok();
    }
    if (key == QLatin1StringView(kRankingKey)) {
        const auto sends = count(data.value(u"sends"_s));
        const auto pairs = count(data.value(u"pairs"_s));
        const QJsonArray diff = data.value(u"diff"_s).toArray();
        if (!sends)
            return bad(u"sends"_s);
        if (!pairs)
            return bad(u"pairs"_s);
        if (diff.size() != kRankFeatures)
            return Error::make(Error::Code::Invalid,
                               u"learned state %1: diff must hold %2 entries"_s.arg(key).arg(kRankFeatures));
        std::array<qint64, kRankFeatures> values{};
        for (qsizetype k = 0; k < kRankFeatures; ++k) {
            // A signed sum: whole numbers a double holds exactly.
            const double d = diff[k].toDouble(0.5);
            if (!diff[k].isDouble() || d != std::floor(d) || std::abs(d) > 9007199254740992.0)
                return bad(u"diff[%1]"_s.arg(k));
            values[size_t(k)] = qint64(d);
        }
        m_rankSends = *sends;
        m_rankPairs = *pairs;
        m_rankDiff = values;
        return ok();
    }
    if (!key.startsWith(kSourcePrefix) || key.size() == kSourcePrefix.size())
        return Error::make(Error::Code::Invalid, u"learned state: unknown record %1"_s.arg(key));
    SourceRecord r;
    for (const auto &[name, field] : kSourceFields) {
        const auto v = count(data.value(QLatin1StringView(name)));
        if (!v)
            return bad(QString::fromLatin1(name));
        r.*field = *v;
    }
    m_sources[key.mid(kSourcePrefix.size())] = r;
    return ok();
}

QByteArray LearnedState::serialize() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint32(2) << m_events << m_outcomes << quint32(m_sources.size());
    for (const auto &[key, r] : m_sources)
        s << key << r.acted << r.sentAsIs << r.sentLightEdit << r.sentHeavyEdit << r.rejected << r.flagged << r.outdated;
    for (int b = 0; b < kBins; ++b)
        s << m_binCount[size_t(b)] << m_binAccepted[size_t(b)] << m_binConfidence[size_t(b)];
    s << m_rankSends << m_rankPairs;
    for (qint64 d : m_rankDiff)
        s << d;
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

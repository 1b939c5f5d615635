// SPDX-License-Identifier: GPL-3.0-or-later
#include "IntentModel.h"

#include "TextUtil.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <thread>

namespace understudy::engine {

namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t fnv(QStringView s, std::uint64_t h)
{
    for (QChar c : s) {
        h ^= c.unicode();
        h *= kFnvPrime;
    }
    return h;
}

/// @brief splitmix64: a small portable generator, so the shuffle is the same with every standard library.
std::uint64_t nextRandom(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/// @brief Sorts (hash, count) pairs, merges equal hashes and turns counts into 1 + log(count).
void mergeCounts(std::vector<std::pair<std::uint64_t, float>> &v)
{
    std::sort(v.begin(), v.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    std::size_t out = 0;
    for (std::size_t i = 0; i < v.size();) {
        std::size_t j = i;
        float n = 0;
        while (j < v.size() && v[j].first == v[i].first)
            n += v[j++].second;
        v[out++] = {v[i].first, 1.0f + std::log(n)};
        i = j;
    }
    v.resize(out);
}

} // namespace

IntentModel::IntentModel(Options options) : m_options(options) {}

std::vector<std::pair<std::uint64_t, float>> IntentModel::hashed(QStringView text) const
{
    // The opening of a message says what it is about; a cap keeps long tickets from flooding the model.
    const QString folded = foldForMatching(text.left(kMaxChars));
    // Words and word pairs, then character n-grams across the padded text (word boundaries are spaces).
    // The two groups are normalised separately and weigh the same.
    std::vector<std::pair<std::uint64_t, float>> words, chars;
    qsizetype start = 1;
    std::uint64_t previous = 0;
    for (qsizetype i = 1; i < folded.size(); ++i) {
        if (folded[i] != u' ')
            continue;
        const std::uint64_t h = fnv(QStringView(folded).mid(start, i - start), kFnvOffset ^ 1);
        words.push_back({h, 1.0f});
        if (previous)
            words.push_back({(previous * kFnvPrime) ^ h ^ 2, 1.0f});
        previous = h;
        start = i + 1;
    }
    for (int n = m_options.charMin; n <= m_options.charMax; ++n) {
        for (qsizetype i = 0; i + n <= folded.size(); ++i)
            chars.push_back({fnv(QStringView(folded).mid(i, n), kFnvOffset ^ (3 + std::uint64_t(n))), 1.0f});
    }
    std::vector<std::pair<std::uint64_t, float>> out;
    out.reserve(words.size() + chars.size());
    for (auto *group : {&words, &chars}) {
        mergeCounts(*group);
        double norm = 0;
        for (const auto &[h, v] : *group)
            norm += double(v) * v;
        if (norm <= 0)
            continue;
        const double scale = 1.0 / std::sqrt(2.0 * norm);
        for (const auto &[h, v] : *group)
            out.push_back({h, float(v * scale)});
    }
    return out;
}

IntentModel::Features IntentModel::features(QStringView text)
{
    Features out;
    for (const auto &[h, v] : hashed(text)) {
        auto it = m_featureIds.find(h);
        if (it == m_featureIds.end())
            it = m_featureIds.emplace(h, std::uint32_t(m_featureIds.size())).first;
        out.push_back({it->second, v});
    }
    return out;
}

IntentModel::Features IntentModel::knownFeatures(QStringView text) const
{
    Features out;
    for (const auto &[h, v] : hashed(text)) {
        if (auto it = m_featureIds.find(h); it != m_featureIds.end())
            out.push_back({it->second, v});
    }
    return out;
}

std::uint32_t IntentModel::labelId(const QString &label)
{
    if (auto it = m_labelIds.constFind(label); it != m_labelIds.constEnd())
        return it.value();
    // A new label widens every row: re-lay the weights out with one more column.
    const std::size_t oldK = std::size_t(m_labels.size()), newK = oldK + 1, rows = oldK ? m_weights.size() / oldK : 0;
    std::vector<float> wider(rows * newK, 0.0f);
    for (std::size_t r = 0; r < rows; ++r)
        std::copy_n(m_weights.begin() + r * oldK, oldK, wider.begin() + r * newK);
    m_weights = std::move(wider);
    m_labels.push_back(label);
    m_labelIds.insert(label, std::uint32_t(oldK));
    return std::uint32_t(oldK);
}

void IntentModel::scores(FeatureSpan f, const std::vector<float> &w, std::vector<float> &out) const
{
    // The hot loop of learning and prediction: float accumulators over contiguous rows, so it vectorises.
    const std::size_t k = std::size_t(m_labels.size());
    out.assign(k, 0.0f);
    float *acc = out.data();
    const std::size_t rows = k ? w.size() / k : 0; // features without a row yet weigh zero
    for (const auto &[id, v] : f) {
        if (id >= rows)
            continue;
        const float *row = w.data() + std::size_t(id) * k;
        for (std::size_t j = 0; j < k; ++j)
            acc[j] += row[j] * v;
    }
}

void IntentModel::paStep(std::uint32_t label, FeatureSpan f, std::vector<float> &w, std::vector<float> *avgSum,
                         double step, const std::vector<float> &score) const
{
    const std::size_t k = std::size_t(m_labels.size());
    if (k < 2)
        return;
    std::size_t rival = label == 0 ? 1 : 0;
    for (std::size_t j = 0; j < k; ++j) {
        if (j != label && score[j] > score[rival])
            rival = j;
    }
    const double loss = 1.0 - (double(score[label]) - score[rival]);
    if (loss <= 0)
        return;
    double norm = 0;
    for (const auto &[id, v] : f)
        norm += double(v) * v;
    const double tau = loss / (2.0 * norm + 1.0 / (2.0 * m_options.aggressiveness));
    for (const auto &[id, v] : f) {
        const std::size_t row = std::size_t(id) * k;
        const float d = float(tau * v);
        w[row + label] += d;
        w[row + rival] -= d;
        if (avgSum) {
            (*avgSum)[row + label] += float(step) * d;
            (*avgSum)[row + rival] -= float(step) * d;
        }
    }
}

bool IntentModel::learn(QStringView text, const QString &label)
{
    const bool known = m_labelIds.contains(label);
    const std::uint32_t id = labelId(label);
    const Features f = features(text);
    std::vector<float> score;
    scores(f, m_weights, score);
    // Right before learning: the label is known and scores highest (ties go to the earlier label, as in predict).
    const auto best = std::size_t(std::max_element(score.begin(), score.end()) - score.begin());
    const bool wasRight = known && best == id;
    m_weights.resize(m_featureIds.size() * std::size_t(m_labels.size()), 0.0f); // rows for new n-grams
    paStep(id, f, m_weights, nullptr, 0, score);
    if (!m_examplesDropped)
        keep(id, f);
    return wasRight;
}

void IntentModel::keep(std::uint32_t label, const Features &f)
{
    m_examples.push_back({label, m_arena.size(), m_arena.size() + f.size()});
    m_arena.insert(m_arena.end(), f.begin(), f.end());
}

void IntentModel::add(QStringView text, const QString &label)
{
    const std::uint32_t id = labelId(label);
    keep(id, features(text));
}

std::vector<float> IntentModel::fit(const std::vector<std::size_t> &subset) const
{
    // Averaged PA: w_avg = w - sum(step · update) / steps, the standard trick that avoids summing w every step.
    const std::size_t size = m_featureIds.size() * std::size_t(m_labels.size());
    std::vector<float> w(size, 0.0f), sum(size, 0.0f);
    std::vector<std::size_t> order = subset;
    std::uint64_t state = m_options.seed;
    std::vector<float> scratch;
    double step = 1;
    for (int epoch = 0; epoch < m_options.epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[nextRandom(state) % i]);
        for (std::size_t i : order) {
            const FeatureSpan f = featuresOf(m_examples[i]);
            scores(f, w, scratch);
            paStep(m_examples[i].label, f, w, &sum, step, scratch);
            step += 1;
        }
    }
    for (std::size_t j = 0; j < w.size(); ++j)
        w[j] -= float(sum[j] / step);
    return w;
}

void IntentModel::pruneRareFeatures()
{
    // N-grams seen in a single example only help to memorise that example: drop them (and their weight rows).
    std::vector<std::uint32_t> df(m_featureIds.size(), 0);
    for (const Feature &f : m_arena)
        ++df[f.first];
    // Beyond kMaxFeatures, the most frequent ones stay (the weights are features × labels floats).
    std::uint32_t minDf = 2;
    if (df.size() > kMaxFeatures) {
        std::vector<std::uint32_t> sorted = df;
        std::nth_element(sorted.begin(), sorted.begin() + qsizetype(kMaxFeatures), sorted.end(), std::greater<>());
        minDf = std::max(minDf, sorted[kMaxFeatures] + 1);
    }
    std::vector<std::uint32_t> remap(df.size(), UINT32_MAX);
    std::uint32_t next = 0;
    for (std::size_t id = 0; id < df.size(); ++id)
        if (df[id] >= minDf)
            remap[id] = next++;
    if (next == df.size())
        return;
    Features arena;
    arena.reserve(m_arena.size());
    for (Example &e : m_examples) {
        const std::size_t begin = arena.size();
        for (const Feature &f : featuresOf(e))
            if (remap[f.first] != UINT32_MAX)
                arena.push_back({remap[f.first], f.second});
        e.begin = begin;
        e.end = arena.size();
    }
    arena.shrink_to_fit();
    m_arena = std::move(arena);
    for (auto it = m_featureIds.begin(); it != m_featureIds.end();) {
        if (remap[it->second] == UINT32_MAX) {
            it = m_featureIds.erase(it);
        } else {
            it->second = remap[it->second];
            ++it;
        }
    }
    m_featureIds.rehash(0);
    m_weights.clear();
    m_weights.shrink_to_fit();
}

std::vector<std::size_t> IntentModel::balancedSample(std::span<const std::uint32_t> labels,
                                                     std::span<const std::uint32_t> chars, std::size_t budget)
{
    const std::size_t n = std::min(labels.size(), chars.size());
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t(0));
    std::size_t total = 0;
    for (std::size_t i = 0; i < n; ++i)
        total += std::min<std::size_t>(chars[i], std::size_t(kMaxChars));
    if (total <= budget)
        return all;
    // cost[l][k]: the characters of label l's k most recent examples.
    std::unordered_map<std::uint32_t, std::vector<std::size_t>> cost;
    for (std::size_t i = n; i-- > 0;) {
        auto &c = cost[labels[i]];
        if (c.empty())
            c.push_back(0);
        c.push_back(c.back() + std::min<std::size_t>(chars[i], std::size_t(kMaxChars)));
    }
    std::size_t most = 0;
    for (const auto &[label, c] : cost)
        most = std::max(most, c.size() - 1);
    const auto fits = [&](std::size_t k) {
        std::size_t sum = 0;
        for (const auto &[label, c] : cost)
            sum += c[std::min(k, c.size() - 1)];
        return sum <= budget;
    };
    std::size_t lo = 1, hi = most; // the answer lies in [lo, hi]; at least one example per label
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo + 1) / 2;
        if (fits(mid))
            lo = mid;
        else
            hi = mid - 1;
    }
    std::unordered_map<std::uint32_t, std::size_t> seen;
    std::vector<std::size_t> kept;
    for (std::size_t i = n; i-- > 0;)
        if (seen[labels[i]]++ < lo)
            kept.push_back(i);
    std::reverse(kept.begin(), kept.end());
    return kept;
}

void IntentModel::dropExamples()
{
    m_examples.clear();
    m_examples.shrink_to_fit();
    m_arena.clear();
    m_arena.shrink_to_fit();
    m_examplesDropped = true;
}

void IntentModel::retrain()
{
    refit(false);
}

void IntentModel::retrainAndCalibrate()
{
    refit(true);
}

void IntentModel::refit(bool andCalibrate)
{
    if (m_examplesDropped)
        return; // the weights stay as fitted; online updates still apply
    if (m_examples.size() >= kPruneFrom || m_featureIds.size() > kMaxFeatures)
        pruneRareFeatures();
    std::vector<std::size_t> all(m_examples.size());
    std::iota(all.begin(), all.end(), std::size_t(0));
    std::vector<float> weights;
    if (andCalibrate) {
        // The full fit and the calibration's fold fits read the same examples and write nothing shared until both
        // are done: on two threads, a bulk load takes about half the time (the weights are the same either way).
        std::thread full([this, &all, &weights] { weights = fit(all); });
        calibrate();
        full.join();
    } else {
        weights = fit(all);
    }
    m_weights = std::move(weights);
    m_lastRetrain = m_examples.size();
}

void IntentModel::calibrate()
{
    // Cross-fitting: each label's examples are dealt round-robin into the folds (so every fold has its share of
    // every intent, whatever the order of the stream); a model on the other folds predicts each fold, and those
    // out-of-sample (raw probability, was it right) pairs fit the maps.
    m_topCalibration = {};
    m_runnerCalibration = {};
    if (m_examplesDropped || m_examples.size() < kMinCalibrationExamples || m_labels.size() < 2)
        return;
    // At most kCalibrationSample examples, evenly spread, keep the cost bounded on large histories.
    constexpr int kFolds = kCalibrationFolds;
    std::vector<std::size_t> fold[kFolds];
    const std::size_t stride = std::max<std::size_t>(1, m_examples.size() / kCalibrationSample);
    std::vector<std::size_t> dealt(m_labels.size(), 0);
    for (std::size_t i = 0; i < m_examples.size(); i += stride)
        fold[dealt[m_examples[i].label]++ % kFolds].push_back(i);
    std::vector<Outcome> top, runners, novelTop, novelRunners;
    top.reserve(m_examples.size());
    runners.reserve(m_examples.size() * std::size_t(kCalibrationRunnersUp));
    std::vector<float> score;
    std::vector<std::size_t> order(m_labels.size());
    // Questions about a topic nobody has answered yet: each fold's model also never sees one of 2 × kFolds groups
    // of labels (label % (2 × kFolds) == fold; with at least 2 × kFolds labels), so its predictions for those
    // labels' examples are all wrong, as for a new topic; those outcomes weigh kNovelShare of the maps' data.
    const bool simulateNovel = m_labels.size() >= 2 * kFolds;
    auto hiddenIn = [&](std::uint32_t label, int f) { return simulateNovel && int(label % (2 * kFolds)) == f; };
    // Scores example i with weights w and records its top label and runners-up (right or not) in the outcomes;
    // the labels hidden from fold @p f's model are not proposed.
    auto predictHeldOut = [&](const std::vector<float> &w, std::size_t i, int f, std::vector<Outcome> &topOut,
                              std::vector<Outcome> &runnerOut) {
        scores(featuresOf(m_examples[i]), w, score);
        for (std::size_t j = 0; j < score.size(); ++j)
            if (hiddenIn(std::uint32_t(j), f))
                score[j] = -std::numeric_limits<float>::infinity();
        std::iota(order.begin(), order.end(), std::size_t(0));
        const std::size_t n = std::min<std::size_t>(order.size(), 1 + kCalibrationRunnersUp);
        std::partial_sort(order.begin(), order.begin() + qsizetype(n), order.end(), [&](std::size_t a, std::size_t b) {
            return score[a] != score[b] ? score[a] > score[b] : a < b;
        });
        const double topProb = topProbability(score);
        const double best = score[order[0]];
        topOut.push_back({topProb, order[0] == m_examples[i].label ? 1.0 : 0.0, 1.0});
        for (std::size_t r = 1; r < n; ++r) {
            const double raw = topProb * std::exp((double(score[order[r]]) - best) / m_options.temperature);
            runnerOut.push_back({raw, order[r] == m_examples[i].label ? 1.0 : 0.0, 1.0});
        }
    };
    for (int f = 0; f < kFolds; ++f) {
        std::vector<std::size_t> rest;
        for (int g = 0; g < kFolds; ++g)
            if (g != f)
                for (std::size_t i : fold[g])
                    if (!hiddenIn(m_examples[i].label, f))
                        rest.push_back(i);
        std::sort(rest.begin(), rest.end());
        const std::vector<float> w = fit(rest);
        for (std::size_t i : fold[f]) {
            if (hiddenIn(m_examples[i].label, f))
                predictHeldOut(w, i, f, novelTop, novelRunners);
            else
                predictHeldOut(w, i, f, top, runners);
        }
    }
    for (auto [novel, seen] : {std::pair{&novelTop, &top}, std::pair{&novelRunners, &runners}}) {
        if (novel->empty())
            continue;
        const double weight = kNovelShare / (1.0 - kNovelShare) * double(seen->size()) / double(novel->size());
        for (const Outcome &o : *novel)
            seen->push_back({o.raw, o.right, weight}); // never right: the true label is hidden
    }
    m_topCalibration = StepMap::fit(std::move(top));
    m_runnerCalibration = StepMap::fit(std::move(runners));
}

IntentModel::StepMap IntentModel::StepMap::fit(std::vector<Outcome> outcomes)
{
    // Weighted isotonic regression (pool adjacent violators): a non-decreasing step function of the raw
    // probability.
    std::sort(outcomes.begin(), outcomes.end(),
              [](const Outcome &a, const Outcome &b) { return a.raw != b.raw ? a.raw < b.raw : a.right < b.right; });
    struct Block {
        double sum, weight, upper;
    };
    std::vector<Block> blocks;
    for (const Outcome &o : outcomes) {
        if (!blocks.empty() && blocks.back().upper == o.raw) { // equal raw probabilities get one value
            blocks.back().sum += o.right * o.weight;
            blocks.back().weight += o.weight;
        } else {
            blocks.push_back({o.right * o.weight, o.weight, o.raw});
        }
        while (blocks.size() > 1 && blocks[blocks.size() - 2].sum / blocks[blocks.size() - 2].weight >=
                                        blocks.back().sum / blocks.back().weight) {
            const Block b = blocks.back();
            blocks.pop_back();
            blocks.back().sum += b.sum;
            blocks.back().weight += b.weight;
            blocks.back().upper = b.upper;
        }
    }
    StepMap map;
    map.lowest = outcomes.empty() ? 0.0 : outcomes.front().raw;
    for (const Block &b : blocks) {
        map.bounds.push_back(b.upper);
        map.values.push_back(b.sum / b.weight);
    }
    return map;
}

double IntentModel::StepMap::operator()(double raw) const
{
    if (bounds.empty())
        return raw;
    if (raw < lowest)
        return values.front() * raw / lowest;
    const auto it = std::lower_bound(bounds.begin(), bounds.end(), raw);
    return values[std::min<std::size_t>(std::size_t(it - bounds.begin()), values.size() - 1)];
}

double IntentModel::topProbability(const std::vector<float> &score) const
{
    const float top = *std::max_element(score.begin(), score.end());
    double z = 0;
    for (float v : score)
        z += std::exp((double(v) - top) / m_options.temperature);
    return 1.0 / z;
}

bool IntentModel::retrainIfDue()
{
    if (m_examplesDropped || m_examples.empty() ||
        double(m_examples.size()) < double(m_lastRetrain) * m_options.retrainGrowth)
        return false;
    retrain();
    return true;
}

QList<IntentModel::Scored> IntentModel::predict(QStringView text, int k) const
{
    QList<Scored> out;
    if (m_labels.isEmpty() || k <= 0)
        return out;
    std::vector<float> s;
    scores(knownFeatures(text), m_weights, s);
    const double top = *std::max_element(s.begin(), s.end());
    double z = 0;
    for (float v : s)
        z += std::exp((v - top) / m_options.temperature);
    std::vector<std::size_t> idx(s.size());
    std::iota(idx.begin(), idx.end(), std::size_t(0));
    const std::size_t n = std::min<std::size_t>(std::size_t(k), idx.size());
    std::partial_sort(idx.begin(), idx.begin() + qsizetype(n), idx.end(),
                      [&](std::size_t a, std::size_t b) { return s[a] != s[b] ? s[a] > s[b] : a < b; });
    // Each label gets its calibrated probability (the top one's map, or the runners-up's); the runners-up are
    // scaled down if they would claim more than the top label leaves.
    double rest = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double raw = std::exp((s[idx[i]] - top) / m_options.temperature) / z;
        const double p = i == 0 ? m_topCalibration(raw) : m_runnerCalibration(raw);
        out.push_back({m_labels[qsizetype(idx[i])], s[idx[i]], p, raw});
        rest += i == 0 ? 0.0 : p;
    }
    if (!out.isEmpty() && rest > 1.0 - out.first().probability) {
        const double scale = rest > 0 ? std::max(0.0, 1.0 - out.first().probability) / rest : 0.0;
        for (qsizetype i = 1; i < out.size(); ++i)
            out[i].probability *= scale;
    }
    return out;
}

std::size_t IntentModel::memoryBytes() const
{
    std::size_t bytes = m_weights.capacity() * sizeof(float) + m_featureIds.size() * 32;
    bytes += m_examples.capacity() * sizeof(Example) + m_arena.capacity() * sizeof(Feature);
    return bytes;
}

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#include "Replay.h"

#include "Engine.h"
#include "Store.h"

#include <QElapsedTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace understudy::cli {

namespace {
double percentile(std::vector<double> sorted, double p)
{
    if (sorted.empty())
        return 0;
    std::sort(sorted.begin(), sorted.end());
    const auto i = size_t(std::clamp(p * double(sorted.size() - 1) + 0.5, 0.0, double(sorted.size() - 1)));
    return sorted[i];
}
double round3(double x)
{
    return std::round(x * 1000) / 1000;
}
} // namespace

Result<ReplayReport> evaluate(const engine::Engine &engine, store::Store &store, const QList<Ticket> &test)
{
    ReplayReport r;
    r.testTickets = test.size();
    if (test.isEmpty())
        return r;
    qsizetype top1 = 0, top3 = 0, covered = 0, coveredRight = 0, escalated = 0, sure = 0, sureRight = 0;
    double confidence = 0;
    std::vector<double> latencies;
    latencies.reserve(size_t(test.size()));
    QElapsedTimer timer;
    timer.start();
    for (const Ticket &t : test) {
        auto d = engine.draft(t, store);
        if (!d)
            return d.error();
        latencies.push_back(d->latencyMs);
        const bool right = !t.intent.isEmpty() && d->intent == t.intent;
        top1 += right;
        QStringList first3{d->intent};
        first3 += d->intentAlternatives.mid(0, 2);
        top3 += !t.intent.isEmpty() && first3.contains(t.intent);
        if (!d->lowConfidence) {
            ++covered;
            coveredRight += right;
        }
        if (d->intentProbability >= 0.5) {
            ++sure;
            sureRight += right;
        }
        escalated += d->escalation.escalate;
        confidence += d->confidence;
    }
    const double n = double(test.size());
    r.draftSeconds = double(timer.nsecsElapsed()) / 1e9;
    r.top1 = double(top1) / n;
    r.top3 = double(top3) / n;
    r.coverage = double(covered) / n;
    r.accuracyCovered = covered ? double(coveredRight) / double(covered) : 0;
    r.intentCoverage = double(sure) / n;
    r.intentAccuracyCovered = sure ? double(sureRight) / double(sure) : 0;
    r.escalationRate = double(escalated) / n;
    r.meanConfidence = confidence / n;
    r.latencyP50 = percentile(latencies, 0.50);
    r.latencyP90 = percentile(latencies, 0.90);
    r.latencyP99 = percentile(latencies, 0.99);
    r.latencyMax = percentile(latencies, 1.0);
    return r;
}

QJsonObject ReplayReport::toJson() const
{
    return {{u"train_tickets"_s, trainTickets},
            {u"test_tickets"_s, testTickets},
            {u"top1_accuracy"_s, round3(top1)},
            {u"top3_accuracy"_s, round3(top3)},
            {u"coverage"_s, round3(coverage)},
            {u"accuracy_when_covered"_s, round3(accuracyCovered)},
            {u"intent_coverage_at_0_5"_s, round3(intentCoverage)},
            {u"intent_accuracy_when_covered"_s, round3(intentAccuracyCovered)},
            {u"escalation_rate"_s, round3(escalationRate)},
            {u"mean_confidence"_s, round3(meanConfidence)},
            {u"latency_ms"_s, QJsonObject{{u"p50"_s, round3(latencyP50)},
                                          {u"p90"_s, round3(latencyP90)},
                                          {u"p99"_s, round3(latencyP99)},
                                          {u"max"_s, round3(latencyMax)}}},
            {u"seconds"_s, QJsonObject{{u"import"_s, round3(importSeconds)},
                                       {u"index"_s, round3(loadSeconds)},
                                       {u"draft"_s, round3(draftSeconds)}}}};
}

QString ReplayReport::toText() const
{
    return u"train tickets        %1\n"
           "test tickets         %2\n"
           "top-1 accuracy       %3%\n"
           "top-3 accuracy       %4%\n"
           "coverage             %5% of drafts at or above the confidence threshold (top-1 there %6%)\n"
           "intent coverage      %16% with intent probability >= 0.5 (top-1 there %17%)\n"
           "escalation rate      %7%\n"
           "mean confidence      %8\n"
           "draft latency (ms)   p50 %9  p90 %10  p99 %11  max %12\n"
           "time (s)             import %13  index %14  drafts %15\n"_s.arg(trainTickets)
               .arg(testTickets)
               .arg(100 * top1, 0, 'f', 2)
               .arg(100 * top3, 0, 'f', 2)
               .arg(100 * coverage, 0, 'f', 1)
               .arg(100 * accuracyCovered, 0, 'f', 2)
               .arg(100 * escalationRate, 0, 'f', 1)
               .arg(meanConfidence, 0, 'f', 3)
               .arg(latencyP50, 0, 'f', 2)
               .arg(latencyP90, 0, 'f', 2)
               .arg(latencyP99, 0, 'f', 2)
               .arg(latencyMax, 0, 'f', 2)
               .arg(importSeconds, 0, 'f', 2)
               .arg(loadSeconds, 0, 'f', 2)
               .arg(draftSeconds, 0, 'f', 2)
               .arg(100 * intentCoverage, 0, 'f', 1)
               .arg(100 * intentAccuracyCovered, 0, 'f', 2);
}

} // namespace understudy::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#include "Replay.h"

#include "Engine.h"
#include "Store.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <climits>
#include <cmath>

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

double expectedCalibrationError(const std::vector<std::pair<double, bool>> &outcomes)
{
    constexpr int kBins = 10;
    double count[kBins] = {}, confidence[kBins] = {}, right[kBins] = {};
    for (const auto &[p, ok] : outcomes) {
        const int b = std::clamp(int(p * kBins), 0, kBins - 1);
        count[b] += 1;
        confidence[b] += p;
        right[b] += ok;
    }
    double ece = 0;
    for (int b = 0; b < kBins; ++b) {
        if (count[b] > 0)
            ece += count[b] / double(outcomes.size()) * std::abs(confidence[b] / count[b] - right[b] / count[b]);
    }
    return ece;
}

QJsonValue optionalNumber(std::optional<double> v)
{
    return v ? QJsonValue(round3(*v)) : QJsonValue();
}

// The class an item counts as in the sweep: out of scope has a name no intent label can have.
const QString kOosClass = u"\u0001out-of-scope"_s;
} // namespace

bool ReplayPrediction::abstains(const QString &oosLabel, double abstainBelow) const
{
    return outOfScope || predicted.isEmpty() || (!oosLabel.isEmpty() && predicted == oosLabel) ||
           probability < abstainBelow;
}

QJsonObject ReplayPrediction::toJson(const QString &oosLabel, double abstainBelow) const
{
    QJsonArray top;
    for (const Source &s : sources) {
        QJsonObject o{{u"kind"_s, s.kind}, {u"id"_s, s.id}, {u"score"_s, std::round(s.score * 1e4) / 1e4}};
        if (!s.intent.isEmpty())
            o.insert(u"intent"_s, s.intent);
        top.append(o);
    }
    return {{u"id"_s, id},
            {u"gold"_s, gold},
            {u"predicted"_s, predicted},
            {u"probability"_s, std::round(probability * 1e6) / 1e6},
            {u"out_of_scope"_s, outOfScope},
            {u"abstained"_s, abstains(oosLabel, abstainBelow)},
            {u"right"_s, !gold.isEmpty() && predicted == gold},
            {u"escalated"_s, escalated},
            {u"escalation_rules"_s, QJsonArray::fromStringList(escalationRules)},
            {u"sources"_s, top}};
}

double multiClassMcc(const QStringList &gold, const QStringList &predicted)
{
    Q_ASSERT(gold.size() == predicted.size());
    QHash<QString, double> t, p;
    double s = 0, c = 0;
    for (qsizetype i = 0; i < gold.size(); ++i) {
        t[gold[i]] += 1;
        p[predicted[i]] += 1;
        c += gold[i] == predicted[i];
        s += 1;
    }
    double pt = 0, pp = 0, tt = 0;
    for (auto it = p.cbegin(); it != p.cend(); ++it) {
        pt += it.value() * t.value(it.key());
        pp += it.value() * it.value();
    }
    for (double v : std::as_const(t))
        tt += v * v;
    const double denominator = std::sqrt((s * s - pp) * (s * s - tt));
    return denominator > 0 ? (c * s - pt) / denominator : 0;
}

QJsonObject SweepRow::toJson() const
{
    return {{u"threshold"_s, round3(threshold)},
            {u"coverage"_s, round3(coverage)},
            {u"accuracy"_s, round3(accuracy)},
            {u"in_scope_accuracy"_s, optionalNumber(inScopeAccuracy)},
            {u"oos_recall"_s, optionalNumber(oosRecall)},
            {u"mcc"_s, round3(mcc)}};
}

QList<SweepRow> sweepThresholds(const QList<ReplayPrediction> &predictions, const QString &oosLabel)
{
    QList<SweepRow> rows;
    QStringList gold;
    gold.reserve(predictions.size());
    for (const ReplayPrediction &p : predictions)
        gold << (!oosLabel.isEmpty() && p.gold == oosLabel ? kOosClass : p.gold);
    for (int step = 0; step <= 19; ++step) {
        SweepRow row;
        row.threshold = step * 0.05;
        QStringList predicted;
        predicted.reserve(predictions.size());
        qsizetype answered = 0, right = 0, inScope = 0, inScopeRight = 0, oos = 0, oosCaught = 0;
        for (qsizetype i = 0; i < predictions.size(); ++i) {
            const bool abstains = predictions[i].abstains(oosLabel, row.threshold);
            predicted << (abstains ? kOosClass : predictions[i].predicted);
            answered += !abstains;
            const bool ok = predicted.last() == gold[i];
            right += ok;
            if (gold[i] == kOosClass) {
                ++oos;
                oosCaught += ok;
            } else {
                ++inScope;
                inScopeRight += ok;
            }
        }
        const double n = std::max<double>(1, double(predictions.size()));
        row.coverage = double(answered) / n;
        row.accuracy = double(right) / n;
        if (inScope)
            row.inScopeAccuracy = double(inScopeRight) / double(inScope);
        if (oos)
            row.oosRecall = double(oosCaught) / double(oos);
        row.mcc = multiClassMcc(gold, predicted);
        rows << row;
    }
    return rows;
}

QString sweepText(const QList<SweepRow> &rows)
{
    const auto percent = [](std::optional<double> v) {
        return v ? u"%1%"_s.arg(100 * *v, 0, 'f', 2).rightJustified(10) : u"-"_s.rightJustified(10);
    };
    QString out = u"threshold sweep (out of scope below the intent probability, or when the engine abstains)\n"
                  "  threshold   coverage   accuracy   in-scope  oos recall     MCC\n"_s;
    for (const SweepRow &r : rows)
        out += u"  %1 %2 %3 %4 %5 %6\n"_s.arg(r.threshold, 9, 'f', 2)
                   .arg(percent(r.coverage))
                   .arg(percent(r.accuracy))
                   .arg(percent(r.inScopeAccuracy))
                   .arg(percent(r.oosRecall).rightJustified(11))
                   .arg(r.mcc, 7, 'f', 4);
    return out;
}

Status writePredictions(const QString &path, const QList<ReplayPrediction> &predictions,
                        const EvaluationOptions &options)
{
    QByteArray data;
    for (const ReplayPrediction &p : predictions)
        data += QJsonDocument(p.toJson(options.oosLabel, options.abstainBelow)).toJson(QJsonDocument::Compact) + '\n';
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return Error{Error::Code::Io, u"cannot write the predictions: %1"_s.arg(f.errorString()), path, 0};
    return ok();
}

Result<ReplayReport> evaluate(const engine::Engine &engine, store::Store &store, const QList<Ticket> &test,
                              const EvaluationOptions &options)
{
    ReplayReport r;
    r.testTickets = test.size();
    if (test.isEmpty())
        return r;
    qsizetype top1 = 0, top3 = 0, covered = 0, coveredRight = 0, escalated = 0, sure = 0, sureRight = 0;
    qsizetype inScope = 0, inScopeRight = 0, oos = 0, oosCaught = 0, abstained = 0;
    std::vector<std::pair<double, bool>> outcomes;
    outcomes.reserve(size_t(test.size()));
    r.predictions.reserve(test.size());
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
        outcomes.push_back({d->intentProbability, right});
        ReplayPrediction p;
        p.id = t.id;
        p.gold = t.intent;
        p.predicted = d->intent;
        p.probability = d->intentProbability;
        p.outOfScope = d->outOfScope;
        p.escalated = d->escalation.escalate;
        p.escalationRules = d->escalation.rules;
        p.sources = d->sources.mid(0, std::max(0, options.sourcesPerPrediction));
        for (Source &s : p.sources) {
            s.snippet.clear(); // only kind, id, score and intent are written; the rest would only take memory
            s.features.clear();
        }
        if (!options.oosLabel.isEmpty()) {
            // Escalation is a business rule, not an out-of-scope decision: it is counted apart below.
            const bool abstains = p.abstains(options.oosLabel, options.abstainBelow);
            abstained += abstains;
            if (t.intent == options.oosLabel) {
                ++oos;
                oosCaught += abstains;
                r.escalatedOos += p.escalated;
            } else {
                ++inScope;
                inScopeRight += right && !abstains;
                r.escalatedInScope += p.escalated;
            }
        }
        r.predictions << std::move(p);
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
    r.escalated = escalated;
    r.escalationRate = double(escalated) / n;
    r.meanConfidence = confidence / n;
    r.calibrationError = expectedCalibrationError(outcomes);
    r.hasOos = !options.oosLabel.isEmpty();
    r.inScopeAccuracy = inScope ? double(inScopeRight) / double(inScope) : 0;
    r.oosRecall = oos ? double(oosCaught) / double(oos) : 0;
    r.oosPrecision = abstained ? double(oosCaught) / double(abstained) : 0;
    r.latencyP50 = percentile(latencies, 0.50);
    r.latencyP90 = percentile(latencies, 0.90);
    r.latencyP99 = percentile(latencies, 0.99);
    r.latencyMax = percentile(latencies, 1.0);
    return r;
}

Result<LearningReport> replayLearning(engine::Engine &engine, store::Store &store, const QList<Ticket> &train,
                                      const QList<Ticket> &test, QList<int> checkpoints,
                                      const EvaluationOptions &options)
{
    std::sort(checkpoints.begin(), checkpoints.end(), [](int a, int b) { return (a <= 0 ? INT_MAX : a) < (b <= 0 ? INT_MAX : b); });
    if (checkpoints.isEmpty() || checkpoints.last() > 0)
        checkpoints << 0; // the whole stream is always the last point
    // Each stream item's rank among the items of its intent: a point at k has learned the items of rank < k.
    std::vector<int> rank(size_t(train.size()));
    {
        QHash<QString, int> seen;
        for (qsizetype i = 0; i < train.size(); ++i)
            rank[size_t(i)] = seen[train[i].intent]++;
    }
    LearningReport report;
    QElapsedTimer timer;
    qint64 learnNs = 0;
    qsizetype streamRight = 0;
    int from = 0;
    for (int cp : checkpoints) {
        const int to = cp <= 0 ? INT_MAX : cp;
        if (to <= from && cp > 0)
            continue;
        timer.start();
        for (qsizetype i = 0; i < train.size(); ++i) {
            if (rank[size_t(i)] < from || rank[size_t(i)] >= to)
                continue;
            const Ticket &t = train[i];
            // The engine drafts first (as the agent would see it) ...
            auto d = engine.draft(t, store);
            if (!d)
                return d.error();
            streamRight += !t.intent.isEmpty() && d->intent == t.intent;
            // ... then learns what the agent did: this question has this intent (and this reply, if any).
            store::Answer a;
            a.key = u"replay:"_s + t.id;
            a.question = store::questionOf(t);
            a.reply = t.lastAgentReply();
            a.intent = t.intent;
            a.ticketId = t.id;
            a.origin = u"replay"_s;
            a.createdAt = t.createdAt;
            if (a.question.trimmed().isEmpty())
                continue;
            US_TRY(store.addAnswers({a}));
            auto stored = store.answerByKey(a.key);
            if (!stored)
                return stored.error();
            if (*stored)
                engine.learn(**stored);
            ++report.corrections;
        }
        engine.consolidate();
        learnNs += timer.nsecsElapsed();
        auto r = evaluate(engine, store, test, options);
        if (!r)
            return r.error();
        r->trainTickets = report.corrections;
        report.points.append({cp, report.corrections, *r});
        from = to;
    }
    report.streamTop1 = report.corrections ? double(streamRight) / double(report.corrections) : 0;
    report.learnSeconds = double(learnNs) / 1e9;
    return report;
}

QJsonObject LearningReport::toJson() const
{
    QJsonArray curve;
    for (const Point &p : points) {
        QJsonObject o = p.report.toJson();
        o.insert(u"examples_per_intent"_s, p.perIntent > 0 ? QJsonValue(p.perIntent) : QJsonValue(u"all"_s));
        o.insert(u"corrections_learned"_s, p.learned);
        curve.append(o);
    }
    return {{u"learning_curve"_s, curve},
            {u"corrections"_s, corrections},
            {u"stream_top1_before_learning"_s, round3(streamTop1)},
            {u"learn_seconds"_s, round3(learnSeconds)},
            {u"corrections_per_second"_s, learnSeconds > 0 ? round3(double(corrections) / learnSeconds) : 0.0}};
}

QString LearningReport::toText() const
{
    QString out = u"learning curve (examples per intent seen → test figures)\n"_s;
    for (const Point &p : points) {
        out += u"  %1  learned %2  top-1 %3%  top-3 %4%  ECE %5"_s
                   .arg(p.perIntent > 0 ? QString::number(p.perIntent).rightJustified(4) : u" all"_s)
                   .arg(p.learned, 6)
                   .arg(100 * p.report.top1, 0, 'f', 2)
                   .arg(100 * p.report.top3, 0, 'f', 2)
                   .arg(p.report.calibrationError, 0, 'f', 3);
        if (p.report.hasOos)
            out += u"  in-scope %1%  oos recall %2%  oos precision %3%"_s.arg(100 * p.report.inScopeAccuracy, 0, 'f', 2)
                       .arg(100 * p.report.oosRecall, 0, 'f', 1)
                       .arg(100 * p.report.oosPrecision, 0, 'f', 1);
        out += u'\n';
    }
    out += u"learning: %1 corrections in %2 s (%3 per second); stream top-1 before learning %4%\n"_s.arg(corrections)
               .arg(learnSeconds, 0, 'f', 2)
               .arg(learnSeconds > 0 ? double(corrections) / learnSeconds : 0, 0, 'f', 0)
               .arg(100 * streamTop1, 0, 'f', 2);
    return out;
}

QJsonObject ReplayReport::toJson() const
{
    return {{u"train_tickets"_s, trainTickets},
            {u"calibration_error"_s, round3(calibrationError)},
            {u"in_scope_accuracy"_s, hasOos ? QJsonValue(round3(inScopeAccuracy)) : QJsonValue()},
            {u"oos_recall"_s, hasOos ? QJsonValue(round3(oosRecall)) : QJsonValue()},
            {u"oos_precision"_s, hasOos ? QJsonValue(round3(oosPrecision)) : QJsonValue()},
            {u"test_tickets"_s, testTickets},
            {u"top1_accuracy"_s, round3(top1)},
            {u"top3_accuracy"_s, round3(top3)},
            {u"coverage"_s, round3(coverage)},
            {u"accuracy_when_covered"_s, round3(accuracyCovered)},
            {u"intent_coverage_at_0_5"_s, round3(intentCoverage)},
            {u"intent_accuracy_when_covered"_s, round3(intentAccuracyCovered)},
            {u"escalation_rate"_s, round3(escalationRate)},
            {u"escalated"_s, escalated},
            {u"escalated_in_scope"_s, hasOos ? QJsonValue(escalatedInScope) : QJsonValue()},
            {u"escalated_out_of_scope"_s, hasOos ? QJsonValue(escalatedOos) : QJsonValue()},
            {u"mean_confidence"_s, round3(meanConfidence)},
            {u"latency_ms"_s, QJsonObject{{u"p50"_s, round3(latencyP50)},
                                          {u"p90"_s, round3(latencyP90)},
                                          {u"p99"_s, round3(latencyP99)},
                                          {u"max"_s, round3(latencyMax)}}},
            {u"labelled_questions"_s, labelledQuestions >= 0 ? QJsonValue(labelledQuestions) : QJsonValue()},
            {u"intent_examples"_s, intentExamples >= 0 ? QJsonValue(intentExamples) : QJsonValue()},
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
           "escalated            %7% (%19 of %2 sent to a human by the escalation rules%20; scored on their intent, "
           "not as abstentions)\n"
           "mean confidence      %8\n"
           "draft latency (ms)   p50 %9  p90 %10  p99 %11  max %12\n"
           "time (s)             import %13  index %14  drafts %15\n"
           "calibration error    %18 (intent probability vs top-1, 10 bins)\n"_s.arg(trainTickets)
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
               .arg(100 * intentAccuracyCovered, 0, 'f', 2)
               .arg(calibrationError, 0, 'f', 3)
               .arg(escalated)
               .arg(hasOos ? u": %1 in scope, %2 out of scope"_s.arg(escalatedInScope).arg(escalatedOos) : QString()) +
           (hasOos ? u"in-scope accuracy    %1%\nout-of-scope recall  %2% (precision %3%)\n"_s
                         .arg(100 * inScopeAccuracy, 0, 'f', 2)
                         .arg(100 * oosRecall, 0, 'f', 1)
                         .arg(100 * oosPrecision, 0, 'f', 1)
                   : QString()) +
           (labelledQuestions >= 0
                ? u"intent model         fitted on %1 of %2 labelled questions%3\n"_s.arg(intentExamples)
                      .arg(labelledQuestions)
                      .arg(intentExamples < labelledQuestions ? u" (a sample balanced per label: the text budget)"_s
                                                              : QString())
                : QString());
}

} // namespace understudy::cli

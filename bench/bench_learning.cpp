// SPDX-License-Identifier: GPL-3.0-or-later
// The intent learner on a labelled stream: every training item is first predicted, then learned (as an agent's
// correction would be), with the model re-fitted whenever the examples grew by the retrain factor; then the test
// set is scored. Prints accuracy, learning throughput and memory. Not a test: figures only.
//   bench_learning [--train FILE] [--test FILE] [--text-column text] [--label-column category] [--json FILE]
#include "BenchSupport.h"
#include "IntentModel.h"
#include "LearnedState.h"

#include <understudy/Json.h>

#include <Importers.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace understudy;
using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QString root = QStringLiteral(UNDERSTUDY_SOURCE_DIR "/../shared/datasets/banking77/");
    QCommandLineOption train(u"train"_s, u"Training stream (ticket file)."_s, u"FILE"_s, root + u"train.csv"_s);
    QCommandLineOption test(u"test"_s, u"Test set (ticket file)."_s, u"FILE"_s, root + u"test.csv"_s);
    QCommandLineOption text(u"text-column"_s, u"CSV text column."_s, u"NAME"_s, u"text"_s);
    QCommandLineOption label(u"label-column"_s, u"CSV label column."_s, u"NAME"_s, u"category"_s);
    QCommandLineOption json(u"json"_s, u"Write the figures as JSON."_s, u"FILE"_s);
    QCommandLineOption growth(u"growth"_s, u"Re-fit when the examples grew by this factor."_s, u"X"_s, u"1.3"_s);
    QCommandLineOption epochs(u"epochs"_s, u"Epochs per re-fit."_s, u"N"_s, u"5"_s);
    QCommandLineOption trainSplit(u"train-split"_s, u"Labelled-pairs JSON keys for --train."_s, u"KEYS"_s, u"train"_s);
    QCommandLineOption testSplit(u"test-split"_s, u"Labelled-pairs JSON keys for --test."_s, u"KEYS"_s, u"test"_s);
    QCommandLineOption aggressiveness(u"aggressiveness"_s, u"PA-II C."_s, u"C"_s,
                                      QString::number(engine::IntentModel::Options{}.aggressiveness));
    QCommandLineOption charMin(u"char-min"_s, u"Shortest character n-gram."_s, u"N"_s, u"1"_s);
    QCommandLineOption charMax(u"char-max"_s, u"Longest character n-gram."_s, u"N"_s, u"5"_s);
    QCommandLineOption foldEvents(u"fold-events"_s, u"Also rebuild the learned state from N synthetic events "
                                                    "(parsed from their JSON wire form, then folded)."_s,
                                  u"N"_s, u"1000000"_s);
    parser.addOptions({train, test, text, label, json, growth, epochs, trainSplit, testSplit, aggressiveness, charMin,
                       charMax, foldEvents});
    parser.process(app);

    connectors::TicketReadOptions options;
    options.csv.textColumn = parser.value(text);
    options.csv.labelColumn = parser.value(label);
    options.splits = parser.value(trainSplit).split(u',');
    auto trainSet = connectors::readTickets(parser.value(train), options);
    options.splits = parser.value(testSplit).split(u',');
    auto testSet = connectors::readTickets(parser.value(test), options);
    if (!trainSet || !testSet) {
        std::fprintf(stderr, "bench_learning: %s\n",
                     qPrintable((trainSet ? testSet.error() : trainSet.error()).message));
        return 1;
    }
    auto question = [](const Ticket &t) { return t.messages.isEmpty() ? t.subject : t.messages.first().body; };

    engine::IntentModel::Options modelOptions;
    modelOptions.retrainGrowth = parser.value(growth).toDouble();
    modelOptions.epochs = parser.value(epochs).toInt();
    modelOptions.aggressiveness = parser.value(aggressiveness).toDouble();
    modelOptions.charMin = parser.value(charMin).toInt();
    modelOptions.charMax = parser.value(charMax).toInt();
    engine::IntentModel model(modelOptions);
    QElapsedTimer timer;
    timer.start();
    qsizetype streamRight = 0;
    for (const Ticket &t : *trainSet) {
        streamRight += model.learn(question(t), t.intent);
        model.retrainIfDue();
    }
    model.retrain();
    const double learnSeconds = timer.nsecsElapsed() / 1e9;
    // The cross-fitted calibration runs when the engine consolidates (a load, a replay checkpoint), not per correction.
    timer.restart();
    model.calibrate();
    const double calibrateSeconds = timer.nsecsElapsed() / 1e9;

    qsizetype right = 0, right3 = 0;
    timer.restart();
    for (const Ticket &t : *testSet) {
        const auto top = model.predict(question(t), 3);
        right += !top.isEmpty() && top.first().label == t.intent;
        for (const auto &s : top)
            right3 += s.label == t.intent;
    }
    const double predictSeconds = timer.nsecsElapsed() / 1e9;
    const double n = double(testSet->size());
    QJsonObject out{{u"train"_s, trainSet->size()},
                    {u"test"_s, testSet->size()},
                    {u"labels"_s, model.labelCount()},
                    {u"features"_s, model.featureCount()},
                    {u"top1"_s, right / n},
                    {u"top3"_s, right3 / n},
                    {u"stream_top1_before_learning"_s, double(streamRight) / double(trainSet->size())},
                    {u"learn_seconds"_s, learnSeconds},
                    {u"calibrate_seconds"_s, calibrateSeconds},
                    {u"corrections_per_second"_s, double(trainSet->size()) / learnSeconds},
                    {u"predict_ms_mean"_s, 1000 * predictSeconds / n},
                    {u"model_mb"_s, double(model.memoryBytes()) / (1 << 20)}};
    // Rebuilding the learned state: N events in their wire form (as the store and the server hold them), parsed
    // and folded in order. Sources cycle over 5,000 articles; kinds and confidence vary deterministically.
    const qsizetype events = parser.value(foldEvents).toLongLong();
    if (events > 0) {
        QList<QByteArray> wire;
        wire.reserve(events);
        const FeedbackEvent::Kind kinds[] = {FeedbackEvent::Kind::Shown, FeedbackEvent::Kind::SentAsIs,
                                             FeedbackEvent::Kind::SentEdited, FeedbackEvent::Kind::Rejected,
                                             FeedbackEvent::Kind::Flagged, FeedbackEvent::Kind::Escalated};
        const QDateTime at = QDateTime::currentDateTimeUtc();
        for (qsizetype i = 0; i < events; ++i) {
            FeedbackEvent e;
            e.id = u"00000000-0000-4000-8000-%1"_s.arg(i, 12, 10, QChar(u'0'));
            e.kind = kinds[(i * 7) % 6];
            e.agent = u"agent-%1"_s.arg(i % 50);
            e.ticketId = u"T-%1"_s.arg(i / 3);
            e.draftId = e.id;
            e.at = at;
            e.confidence = double((i * 37) % 1000) / 1000.0;
            e.rawConfidence = e.confidence;
            e.sources = {Source{u"article"_s, u"kb-%1"_s.arg(i % 5000), {}, 0, {}, {}, {}, {}}};
            if (e.kind == FeedbackEvent::Kind::SentEdited)
                e.edit = EditStats{12, 3, double((i * 13) % 100) / 100.0};
            if (e.kind == FeedbackEvent::Kind::Rejected)
                e.reason = i % 4 ? u"wrong_answer"_s : u"outdated_information"_s;
            wire << QJsonDocument(json::toJson(e)).toJson(QJsonDocument::Compact);
        }
        timer.restart();
        engine::LearnedState state;
        for (const QByteArray &line : std::as_const(wire)) {
            auto e = json::feedbackEventFromJson(QJsonDocument::fromJson(line).object());
            if (!e) {
                std::fprintf(stderr, "bench_learning: %s\n", qPrintable(e.error().message));
                return 1;
            }
            state.apply(*e);
        }
        const double foldSeconds = timer.nsecsElapsed() / 1e9;
        out.insert(u"fold_events"_s, events);
        out.insert(u"fold_seconds"_s, foldSeconds);
        out.insert(u"fold_events_per_second"_s, double(events) / foldSeconds);
        out.insert(u"fold_state_hash"_s, QString::fromLatin1(state.hash()));
        out.insert(u"fold_calibration_error"_s, state.calibrationError());
    }
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    if (parser.isSet(json)) {
        QFile f(parser.value(json));
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(out).toJson()) < 0)
            return 1;
    }
    return 0;
}

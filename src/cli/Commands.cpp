// SPDX-License-Identifier: GPL-3.0-or-later
#include "Commands.h"

#include "DemoData.h"
#include "Engine.h"
#include "EngineSnapshot.h"
#include "Eval.h"
#include "HelpdeskCommands.h"
#include "Importers.h"
#include "Logging.h"
#include "Replay.h"
#include "Store.h"
#include "SyncCommands.h"

#include <understudy/Json.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace understudy::cli {

// Helpers shared with the other commands (declared in Commands.h).

void out(const QString &text)
{
    const QByteArray b = text.toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
    std::fflush(stdout);
}

int fail(const QString &message)
{
    std::fflush(stdout);
    const QByteArray b = (u"understudyctl: "_s + message + u'\n').toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    return 1;
}

int fail(const Error &e)
{
    return fail(e.toString());
}

// Progress on stderr only when a person is watching.
store::Store::Progress progressPrinter(const QString &what)
{
    if (!isatty(fileno(stderr)))
        return {};
    return [what, last = -1](qsizetype done, qsizetype total) mutable {
        const int pct = total ? int(100 * done / total) : 100;
        if (pct == last)
            return;
        last = pct;
        std::fprintf(stderr, "\r%s: %d%%%s", what.toUtf8().constData(), pct, done == total ? "\n" : "");
        std::fflush(stderr);
    };
}

QString defaultDbPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir + u"/understudy.db"_s;
}

Result<std::unique_ptr<store::Store>> openStore(const QString &path)
{
    return store::Store::open(path.isEmpty() ? defaultDbPath() : path);
}

Result<engine::EngineConfig> engineConfig(const QCommandLineParser &p, store::Store &store)
{
    engine::EngineConfig config;
    if (p.isSet(u"threshold"_s)) {
        bool okNumber = false;
        config.lowConfidenceThreshold = p.value(u"threshold"_s).toDouble(&okNumber);
        if (!okNumber || config.lowConfidenceThreshold < 0 || config.lowConfidenceThreshold > 1)
            return Error::make(Error::Code::Invalid, u"--threshold must be a number between 0 and 1"_s);
    }
    if (p.isSet(u"voice"_s)) {
        QFile f(p.value(u"voice"_s));
        if (!f.open(QIODevice::ReadOnly))
            return Error{Error::Code::Io, u"cannot read: %1"_s.arg(f.errorString()), f.fileName(), 0};
        auto v = engine::VoiceProfile::fromJson(f.readAll(), f.fileName());
        if (!v)
            return v.error();
        config.voice = *v;
    }
    auto agent = store.setting(u"agent.name"_s);
    if (!agent)
        return agent.error();
    if (!agent->isEmpty())
        config.voice.agent = *agent;
    if (p.isSet(u"agent"_s))
        config.voice.agent = p.value(u"agent"_s);
    return config;
}

Result<engine::EscalationRules> rules(const QCommandLineParser &p)
{
    if (p.isSet(u"rules"_s) && p.value(u"rules"_s) == u"none"_s)
        return engine::EscalationRules{}; // nothing escalates (intent benchmarks without the demo's SaaS rules)
    if (p.isSet(u"rules"_s))
        return engine::EscalationRules::fromFile(p.value(u"rules"_s));
    return engine::EscalationRules::defaults();
}

void addEngineOptions(QCommandLineParser &p)
{
    p.addOption({u"rules"_s, u"Escalation rules file (JSON), or \"none\" for no rules; default: the bundled rules."_s,
                 u"FILE|none"_s});
    p.addOption({u"voice"_s, u"Voice profile file (JSON)."_s, u"FILE"_s});
    p.addOption({u"agent"_s, u"Agent name used in the sign-off."_s, u"NAME"_s});
    p.addOption({u"threshold"_s, u"Low-confidence threshold, 0-1 (default 0.5)."_s, u"X"_s});
}

void addCsvOptions(QCommandLineParser &p, const QString &prefix)
{
    p.addOption({prefix + u"text-column"_s, u"CSV/TSV column with the customer's text (default: text)."_s, u"C"_s});
    p.addOption({prefix + u"label-column"_s, u"CSV/TSV column with the intent label."_s, u"C"_s});
    p.addOption({prefix + u"id-column"_s, u"CSV/TSV column with ticket ids."_s, u"C"_s});
    p.addOption({prefix + u"subject-column"_s, u"CSV/TSV column with the subject."_s, u"C"_s});
    p.addOption({prefix + u"skip-invalid"_s,
                 u"Skip the records that cannot be read, naming each on stderr (file:line: why), and read the rest; "
                 "by default one bad record fails the file."_s});
}

connectors::TicketReadOptions ticketOptions(const QCommandLineParser &p, const QString &splitOption, qsizetype *skipped)
{
    connectors::TicketReadOptions o;
    if (p.isSet(u"text-column"_s))
        o.csv.textColumn = p.value(u"text-column"_s);
    o.csv.labelColumn = p.value(u"label-column"_s);
    o.csv.idColumn = p.value(u"id-column"_s);
    o.csv.subjectColumn = p.value(u"subject-column"_s);
    if (!splitOption.isEmpty() && p.isSet(splitOption))
        o.splits = p.value(splitOption).split(u',', Qt::SkipEmptyParts);
    if (p.isSet(u"skip-invalid"_s))
        o.skipInvalid = [skipped](const Error &e) {
            if (skipped)
                ++*skipped;
            std::fflush(stdout);
            const QByteArray b = (u"understudyctl: skipped "_s + e.toString() + u'\n').toUtf8();
            std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
        };
    return o;
}

// Parses a subcommand's arguments; on --help or an error prints and returns the exit code.
std::optional<int> parse(QCommandLineParser &p, const QStringList &args, const QString &usage)
{
    p.addHelpOption();
    p.setApplicationDescription(usage);
    if (!p.parse(args))
        return fail(p.errorText() + u"\n(see --help)"_s);
    if (p.isSet(u"help"_s)) {
        out(p.helpText());
        return 0;
    }
    return std::nullopt;
}

QString originOf(const QString &path)
{
    const QFileInfo fi(path);
    return fi.exists() ? fi.absoluteFilePath() : path;
}

int importKnowledge(store::Store &store, const QStringList &paths, bool markMissing)
{
    int total = 0;
    for (const QString &path : paths) {
        auto articles = connectors::readKnowledge({path});
        if (!articles)
            return fail(articles.error());
        auto report =
            store.importArticles(*articles, originOf(path), markMissing, progressPrinter(u"importing "_s + path));
        if (!report)
            return fail(report.error());
        out(u"%1: %2 articles (%3 added, %4 updated, %5 unchanged, %6 marked removed)\n"_s.arg(path)
                .arg(articles->size())
                .arg(report->added)
                .arg(report->updated)
                .arg(report->unchanged)
                .arg(report->removed));
        total += int(articles->size());
    }
    return 0;
}

namespace {

int cmdImport(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    p.addPositionalArgument(u"what"_s, u"kb, tickets or macros"_s);
    p.addPositionalArgument(u"paths"_s, u"Files or folders to import."_s, u"PATH..."_s);
    addCsvOptions(p);
    p.addOption(
        {u"split"_s, u"For labelled-pairs JSON (e.g. CLINC150): the keys to read, comma-separated."_s, u"KEYS"_s});
    p.addOption({u"keep-missing"_s, u"kb: do not mark articles missing from this import as removed."_s});
    if (auto r = parse(
            p, args,
            u"Import knowledge or tickets into the local store, in one transaction per file set.\n"
            "  kb: Markdown (front matter), HTML, JSONL, Zendesk Help Center export (.json)\n"
            "  tickets: JSONL, CSV or TSV (--text-column/--label-column), Zendesk tickets export, labelled pairs\n"
            "    JSON (--split); every file is read before any is imported. One bad record fails the import unless\n"
            "    --skip-invalid: then each one left out is named on stderr (file:line: why) and the rest imported\n"
            "  macros: {\"macros\":[...]}"_s))
        return *r;
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 2)
        return fail(u"import needs what to import (kb, tickets, macros) and at least one path"_s);
    auto store = openStore(db);
    if (!store)
        return fail(store.error());
    const QString what = pos.first();
    const QStringList paths = pos.mid(1);
    if (what == u"kb"_s)
        return importKnowledge(**store, paths, !p.isSet(u"keep-missing"_s));
    if (what == u"tickets"_s) {
        // Read every file first: a file that cannot be read leaves the store as it was.
        QList<QList<Ticket>> files;
        QList<qsizetype> skipped(paths.size(), 0);
        for (qsizetype i = 0; i < paths.size(); ++i) {
            auto tickets = connectors::readTickets(paths[i], ticketOptions(p, u"split"_s, &skipped[i]));
            if (!tickets)
                return fail(tickets.error());
            files << std::move(*tickets);
        }
        for (qsizetype i = 0; i < paths.size(); ++i) {
            const QString &path = paths[i];
            auto report = (*store)->importTickets(files[i], originOf(path), progressPrinter(u"importing "_s + path));
            if (!report)
                return fail(report.error());
            out(u"%1: %2 tickets (%3 added, %4 updated, %5 answer-bank entries)%6\n"_s.arg(path)
                    .arg(files[i].size())
                    .arg(report->added)
                    .arg(report->updated)
                    .arg(report->answers)
                    .arg(skipped[i] ? u", %1 skipped"_s.arg(skipped[i]) : QString()));
        }
        return 0;
    }
    if (what == u"macros"_s) {
        for (const QString &path : paths) {
            auto macros = connectors::readMacros(path);
            if (!macros)
                return fail(macros.error());
            auto report = (*store)->importMacros(*macros);
            if (!report)
                return fail(report.error());
            out(u"%1: %2 macros\n"_s.arg(path).arg(macros->size()));
        }
        return 0;
    }
    return fail(u"unknown import kind \"%1\" (expected kb, tickets or macros)"_s.arg(what));
}

QString humanDraft(const Ticket &t, const Draft &d)
{
    QString s;
    s += u"━━ %1 · %2\n"_s.arg(t.id, t.subject.isEmpty() ? u"(no subject)"_s : t.subject);
    s += u"   customer: %1 (%2)\n"_s.arg(t.customer.name.isEmpty() ? u"unknown"_s : t.customer.name,
                                         t.customer.tier.isEmpty() ? u"unknown tier"_s : t.customer.tier);
    s += u"   confidence: %1%%2   intent: %3 (%4%)   %5 ms\n"_s.arg(qRound(100 * d.confidence))
             .arg(d.lowConfidence ? u" (low)"_s : QString())
             .arg(d.intent.isEmpty() ? u"-"_s : d.intent)
             .arg(qRound(100 * d.intentProbability))
             .arg(d.latencyMs, 0, 'f', 2);
    if (d.escalation.escalate)
        s += u"   ESCALATE: %1\n"_s.arg(d.escalation.reasons.join(u"; "_s));
    if (!d.alreadyTried.isEmpty())
        s += u"   already tried: %1\n"_s.arg(d.alreadyTried.join(u" | "_s));
    for (const QString &r : d.reasons)
        s += u"   · %1\n"_s.arg(r);
    for (const Source &src : d.sources)
        s += u"   [%1] %2 — %3 (%4)\n"_s.arg(src.kind, src.id, src.title).arg(src.score, 0, 'f', 2);
    s += u"\n"_s;
    for (const QString &line : d.text.split(u'\n'))
        s += u"   │ "_s + line + u'\n';
    s += u'\n';
    return s;
}

int printDrafts(const engine::Engine &engine, store::Store &store, const QList<Ticket> &tickets, bool asJson)
{
    for (const Ticket &t : tickets) {
        auto d = engine.draft(t, store);
        if (!d)
            return fail(d.error());
        if (asJson) {
            QJsonObject o = json::toJson(*d);
            o.insert(u"ticket_id"_s, t.id);
            out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + u'\n');
        } else {
            out(humanDraft(t, *d));
        }
    }
    return 0;
}

} // namespace

Result<std::unique_ptr<engine::Engine>> loadEngine(const QCommandLineParser &p, store::Store &store,
                                                   const QString &snapshotPath)
{
    auto config = engineConfig(p, store);
    if (!config)
        return config.error();
    auto r = rules(p);
    if (!r)
        return r.error();
    auto engine = std::make_unique<engine::Engine>(*config, *r);
    if (auto s = snapshotPath.isEmpty() ? engine->load(store) : engine->load(store, snapshotPath); !s)
        return s.error();
    return engine;
}

namespace {

int cmdDraft(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"json"_s, u"One JSON object per ticket on stdout."_s});
    p.addOption({u"ticket"_s, u"Draft for this ticket id in the store (repeatable)."_s, u"ID"_s});
    p.addOption({u"input"_s,
                 u"Draft for every ticket in this file: any ticket file import reads (JSONL, CSV, TSV, Zendesk "
                 "export, labelled pairs with --split)."_s,
                 u"FILE"_s});
    p.addOption({u"split"_s, u"With --input, labelled-pairs JSON: the keys to read, comma-separated."_s, u"KEYS"_s});
    p.addOption({u"text"_s, u"Draft for this customer message."_s, u"TEXT"_s});
    p.addOption({u"open"_s, u"Draft for every open ticket in the store."_s});
    p.addOption({u"limit"_s, u"At most this many tickets."_s, u"N"_s});
    addCsvOptions(p);
    addEngineOptions(p);
    if (auto r = parse(p, args, u"Draft replies with the offline engine."_s))
        return *r;
    auto store = openStore(db);
    if (!store)
        return fail(store.error());
    QList<Ticket> tickets;
    for (const QString &id : p.values(u"ticket"_s)) {
        auto t = (*store)->ticket(id);
        if (!t)
            return fail(t.error());
        if (!*t)
            return fail(u"no ticket \"%1\" in %2"_s.arg(id, (*store)->db().path()));
        tickets << **t;
    }
    if (p.isSet(u"input"_s)) {
        auto t = connectors::readTickets(p.value(u"input"_s), ticketOptions(p, u"split"_s));
        if (!t)
            return fail(t.error());
        tickets += *t;
    }
    if (p.isSet(u"text"_s)) {
        Ticket t;
        t.id = u"text-1"_s;
        t.status = u"open"_s;
        t.messages << Message{u"customer"_s, p.value(u"text"_s), QDateTime::currentDateTimeUtc()};
        tickets << t;
    }
    if (p.isSet(u"open"_s)) {
        auto t = (*store)->tickets(u"open"_s);
        if (!t)
            return fail(t.error());
        tickets += *t;
    }
    if (tickets.isEmpty())
        return fail(u"nothing to draft for: give --ticket ID, --input FILE, --text TEXT or --open"_s);
    if (p.isSet(u"limit"_s))
        tickets = tickets.mid(0, p.value(u"limit"_s).toInt());
    auto engine = loadEngine(p, **store, engine::EngineSnapshot::pathFor((*store)->db().path()));
    if (!engine)
        return fail(engine.error());
    return printDrafts(**engine, **store, tickets, p.isSet(u"json"_s));
}

// Writes the --report file: @p o with what every evaluation's report carries — the sweep (with
// --sweep), the rules, the train and test files, the engine's version, the out-of-scope label and threshold.
int writeReport(const QCommandLineParser &p, QJsonObject o, const QJsonArray &sweep,
                const EvaluationOptions &evaluation)
{
    if (p.isSet(u"sweep"_s))
        o.insert(u"sweep"_s, sweep);
    o.insert(u"rules"_s, p.isSet(u"rules"_s) ? p.value(u"rules"_s) : u"default"_s);
    o.insert(u"train"_s, p.value(u"train"_s));
    o.insert(u"test"_s, p.value(u"test"_s));
    o.insert(u"engine"_s, QString::fromLatin1(engine::Engine::kVersion));
    o.insert(u"oos_label"_s, evaluation.oosLabel);
    o.insert(u"oos_threshold"_s, evaluation.abstainBelow);
    QFile f(p.value(u"report"_s));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(QJsonDocument(o).toJson()) < 0 || !f.flush())
        return fail(Error{Error::Code::Io, u"cannot write the report: %1"_s.arg(f.errorString()), f.fileName(), 0});
    return 0;
}

// --sweep and --predictions of one evaluation; the sweep goes into @p sweep for the report. On failure, the exit code.
std::optional<int> sweepAndPredictions(const QCommandLineParser &p, const ReplayReport &report,
                                       const EvaluationOptions &evaluation, QJsonArray *sweep)
{
    if (p.isSet(u"sweep"_s)) {
        const QList<SweepRow> rows = sweepThresholds(report.predictions, evaluation.oosLabel);
        out(sweepText(rows));
        for (const SweepRow &row : rows)
            sweep->append(row.toJson());
    }
    if (p.isSet(u"predictions"_s)) {
        if (Status s = writePredictions(p.value(u"predictions"_s), report.predictions, evaluation); !s)
            return fail(s.error());
    }
    return std::nullopt;
}

int replayWithLearning(const QCommandLineParser &p, store::Store &store, const QList<Ticket> &train,
                       const QList<Ticket> &test, const EvaluationOptions &evaluation)
{
    QList<int> checkpoints;
    for (const QString &c : p.value(u"checkpoints"_s).split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = c.trimmed() == u"all"_s ? 0 : c.trimmed().toInt(&ok);
        if (c.trimmed() != u"all"_s && (!ok || n <= 0))
            return fail(u"--checkpoints takes positive numbers and \"all\", e.g. 1,5,10,20,all"_s);
        checkpoints << n;
    }
    auto engine = loadEngine(p, store); // the knowledge base only: the stream is learned, not imported
    if (!engine)
        return fail(engine.error());
    auto report = replayLearning(**engine, store, train, test, checkpoints, evaluation);
    if (!report)
        return fail(report.error());
    out(report->points.last().report.toText());
    out(report->toText());
    QJsonArray sweep; // at the last checkpoint, as --predictions
    if (auto code = sweepAndPredictions(p, report->points.last().report, evaluation, &sweep))
        return *code;
    if (!p.isSet(u"report"_s))
        return 0;
    QJsonObject o = report->toJson();
    o.insert(u"final"_s, report->points.last().report.toJson());
    return writeReport(p, o, sweep, evaluation);
}

// replay's options: the train and test streams, the report and what goes in it, --learn, the CSV and engine options.
void addReplayOptions(QCommandLineParser &p)
{
    p.addOption({u"train"_s, u"Training stream: imported as resolved history (any ticket format)."_s, u"FILE"_s});
    p.addOption({u"test"_s, u"Test set: drafted for, never imported."_s, u"FILE"_s});
    p.addOption({u"train-split"_s, u"Labelled-pairs JSON keys for --train (default: train)."_s, u"KEYS"_s});
    p.addOption({u"test-split"_s, u"Labelled-pairs JSON keys for --test (default: test)."_s, u"KEYS"_s});
    p.addOption({u"report"_s, u"Write the figures as JSON here."_s, u"OUT.json"_s});
    p.addOption({u"limit"_s, u"Use at most N test tickets."_s, u"N"_s});
    p.addOption({u"learn"_s, u"Replay the training stream in order as agent corrections: the engine drafts for each "
                             "ticket first, then learns its label (and reply). Prints the learning curve."_s});
    p.addOption({u"checkpoints"_s, u"With --learn: examples per intent at which to evaluate, e.g. 1,5,10,20,all."_s,
                 u"LIST"_s});
    p.addOption({u"oos-label"_s,
                 u"The label that means out of scope (e.g. oos): such test tickets count as right "
                 "only when the engine abstains (escalations are counted apart)."_s,
                 u"LABEL"_s});
    p.addOption({u"oos-threshold"_s,
                 u"The engine also abstains below this intent probability (default 0: only when it "
                 "finds the question out of scope)."_s,
                 u"P"_s});
    p.addOption({u"predictions"_s,
                 u"Write one JSON line per test ticket here: gold, predicted intent, probability, out of scope, "
                 "abstained, escalated, top sources. With --learn: the evaluation at the last checkpoint."_s,
                 u"FILE.jsonl"_s});
    p.addOption({u"sweep"_s, u"Print (and report) accuracy, in-scope accuracy, out-of-scope recall and MCC (out of "
                             "scope as a class) at intent-probability thresholds 0, 0.05, ..., 0.95. With --learn: "
                             "at the last checkpoint."_s});
    addCsvOptions(p);
    addEngineOptions(p);
}

int cmdReplay(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    addReplayOptions(p);
    if (auto r = parse(p, args,
                       u"Replay a labelled training stream and test set: imports the training tickets as history, "
                       "drafts for every test ticket and prints intent accuracy, coverage, escalation and latency.\n"
                       "Without --db a temporary store is used."_s))
        return *r;
    if (!p.isSet(u"train"_s) || !p.isSet(u"test"_s))
        return fail(u"replay needs --train FILE and --test FILE"_s);

    QTemporaryDir tmp;
    const QString path = db.isEmpty() ? tmp.filePath(u"replay.db"_s) : db;
    auto store = store::Store::open(path);
    if (!store)
        return fail(store.error());

    connectors::TicketReadOptions trainOptions = ticketOptions(p, u"train-split"_s);
    if (trainOptions.splits.isEmpty())
        trainOptions.splits = QStringList{u"train"_s};
    connectors::TicketReadOptions testOptions = ticketOptions(p, u"test-split"_s);
    if (testOptions.splits.isEmpty())
        testOptions.splits = QStringList{u"test"_s};
    QElapsedTimer timer;
    timer.start();
    auto train = connectors::readTickets(p.value(u"train"_s), trainOptions);
    if (!train)
        return fail(train.error());
    for (Ticket &t : *train)
        t.status = u"resolved"_s; // the stream is history, whatever the file says
    auto test = connectors::readTickets(p.value(u"test"_s), testOptions);
    if (!test)
        return fail(test.error());
    if (p.isSet(u"limit"_s))
        *test = test->mid(0, p.value(u"limit"_s).toInt());
    EvaluationOptions evaluation;
    evaluation.oosLabel = p.value(u"oos-label"_s);
    evaluation.abstainBelow = 0.0;
    if (p.isSet(u"oos-threshold"_s)) {
        bool ok = false;
        evaluation.abstainBelow = p.value(u"oos-threshold"_s).toDouble(&ok);
        if (!ok || evaluation.abstainBelow < 0 || evaluation.abstainBelow > 1)
            return fail(u"--oos-threshold must be a number between 0 and 1"_s);
    }
    if (p.isSet(u"learn"_s))
        return replayWithLearning(p, **store, *train, *test, evaluation);
    auto imported =
        (*store)->importTickets(*train, originOf(p.value(u"train"_s)), progressPrinter(u"importing training stream"_s));
    if (!imported)
        return fail(imported.error());
    const double importSeconds = double(timer.nsecsElapsed()) / 1e9;
    timer.restart();
    auto engine = loadEngine(p, **store);
    if (!engine)
        return fail(engine.error());
    const double loadSeconds = double(timer.nsecsElapsed()) / 1e9;
    auto report = evaluate(**engine, **store, *test, evaluation);
    if (!report)
        return fail(report.error());
    report->trainTickets = train->size();
    report->labelledQuestions = qsizetype((*engine)->stats().labelled);
    report->intentExamples = qsizetype((*engine)->stats().intentExamples);
    report->importSeconds = importSeconds;
    report->loadSeconds = loadSeconds;
    out(report->toText());
    QJsonArray sweep;
    if (auto code = sweepAndPredictions(p, *report, evaluation, &sweep))
        return *code;
    if (!p.isSet(u"report"_s))
        return 0;
    QJsonObject o = report->toJson();
    o.insert(u"low_confidence_threshold"_s, (*engine)->config().lowConfidenceThreshold);
    return writeReport(p, o, sweep, evaluation);
}

int cmdDemo(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"tickets"_s, u"How many open demo tickets to draft for (default 4)."_s, u"N"_s});
    p.addOption({u"json"_s, u"Print drafts as JSON."_s});
    p.addOption({u"no-history"_s, u"Leave out the demo team's six weeks of history (events for the lead's charts)."_s});
    addEngineOptions(p);
    if (auto r = parse(p, args,
                       u"Import the bundled demo help centre (articles, macros, tickets) and the demo team's recent "
                       "history into the store and print drafts for a few open demo tickets."_s))
        return *r;
    auto store = openStore(db);
    if (!store)
        return fail(store.error());
    auto demoReport = demo::importDemoData(**store, progressPrinter(u"importing demo knowledge"_s),
                                           p.isSet(u"no-history"_s) ? demo::History::Without : demo::History::With);
    if (!demoReport)
        return fail(demoReport.error());
    const demo::DemoReport &d = *demoReport;
    out(u"%1/kb: %2 articles (%3 added, %4 updated, %5 unchanged, %6 marked removed)\n"_s.arg(demo::demoResourceRoot())
            .arg(d.articles)
            .arg(d.knowledge.added)
            .arg(d.knowledge.updated)
            .arg(d.knowledge.unchanged)
            .arg(d.knowledge.removed));
    out(u"demo: %1 macros, %2 tickets (%3 answer-bank entries), %4 history events in %5\n\n"_s.arg(d.macros)
            .arg(d.tickets)
            .arg(d.ticketReport.answers)
            .arg(d.historyEvents)
            .arg((*store)->db().path()));
    auto engine = loadEngine(p, **store);
    if (!engine)
        return fail(engine.error());
    auto open = (*store)->tickets(u"open"_s);
    if (!open)
        return fail(open.error());
    // A varied sample: evenly spread over the queue.
    const int n = std::max(1, p.value(u"tickets"_s).isEmpty() ? 4 : p.value(u"tickets"_s).toInt());
    QList<Ticket> sample;
    for (int i = 0; i < n && !open->isEmpty(); ++i)
        sample << open->at(qsizetype(i) * open->size() / n);
    return printDrafts(**engine, **store, sample, p.isSet(u"json"_s));
}

int cmdStats(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    if (auto r = parse(p, args, u"Counts of what the local store holds."_s))
        return *r;
    auto store = openStore(db);
    if (!store)
        return fail(store.error());
    auto c = (*store)->counts();
    if (!c)
        return fail(c.error());
    out(u"tickets %1 (open %2), customers %3, messages %4\narticles %5 (active %6), chunks %7, answers %8, macros %9\n"
        "drafts %10, feedback events %11, outbox %12\n"_s.arg(c->tickets)
            .arg(c->openTickets)
            .arg(c->customers)
            .arg(c->messages)
            .arg(c->articles)
            .arg(c->activeArticles)
            .arg(c->chunks)
            .arg(c->answers)
            .arg(c->macros)
            .arg(c->drafts)
            .arg(c->events)
            .arg(c->outbox));
    return 0;
}

const char kUsage[] =
    "Usage: understudyctl [--db PATH] <command> [options]\n"
    "\n"
    "Commands:\n"
    "  import kb|tickets|macros PATH...   import knowledge, tickets or macros\n"
    "  draft --json (--ticket ID | --input FILE | --text TEXT | --open)\n"
    "                                      draft replies with the offline engine\n"
    "  replay --train FILE --test FILE [--report OUT.json]\n"
    "                                      measure the engine on a labelled test set\n"
    "  eval --input TICKETS.jsonl [--kb PATH...] [--history FILE] [--report OUT.json]\n"
    "                                      measure drafts against gold sources, intents, escalations\n"
    "  demo                                import the bundled demo data and draft for a few tickets\n"
    "  stats                               what the local store holds\n"
    "  login --name NAME                   sign in to --server (password from stdin; token kept\n"
    "                                      in the desktop keyring)\n"
    "  sync [--password-stdin --name NAME] pull the server's changes, push the outbox and replies\n"
    "  logout                              revoke the token and remove it from the keyring\n"
    "  helpdesk add|list|remove|pull|push|retry\n"
    "                                      without a server: connect a helpdesk (secret in the keyring),\n"
    "                                      pull its tickets, deliver the replies sent (exactly once)\n"
    "\n"
    "Global options:\n"
    "  --db PATH      the local store (default: the per-user data folder)\n"
    "  --server URL   the understudy-server to sync with (default: the last one signed in to)\n"
    "  --log-dir DIR  where the rotating log file goes\n"
    "  -h, --help     this help; `understudyctl <command> --help` for a command's options\n"
    "  -v, --version  the version\n";

} // namespace

int run(const QStringList &arguments)
{
    QString db;
    QString logDir;
    QString server;
    qsizetype i = 1;
    for (; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == u"--db"_s || a == u"--log-dir"_s || a == u"--server"_s) {
            if (i + 1 >= arguments.size())
                return fail(a + u" needs a value"_s);
            (a == u"--db"_s ? db : a == u"--server"_s ? server : logDir) = arguments[++i];
        } else if (a.startsWith(u"--db="_s)) {
            db = a.mid(5);
        } else if (a.startsWith(u"--server="_s)) {
            server = a.mid(9);
        } else if (a == u"-h"_s || a == u"--help"_s) {
            out(QString::fromUtf8(kUsage));
            return 0;
        } else if (a == u"-v"_s || a == u"--version"_s) {
            out(u"understudyctl "_s + QCoreApplication::applicationVersion() + u'\n');
            return 0;
        } else if (a.startsWith(u'-')) {
            return fail(u"unknown option %1 before the command (see --help)"_s.arg(a));
        } else {
            break;
        }
    }
    if (i >= arguments.size()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    installLogging(u"understudyctl"_s, logDir);
    const QString command = arguments[i];
    // The subcommand parser sees "understudyctl <command> args...".
    QStringList rest{arguments.first() + u' ' + command};
    rest += arguments.mid(i + 1);
    using Command = int (*)(const QString &db, const QStringList &args);
    static const QHash<QString, Command> kCommands{{u"import"_s, cmdImport}, {u"draft"_s, cmdDraft},
                                                   {u"replay"_s, cmdReplay}, {u"eval"_s, cmdEval},
                                                   {u"demo"_s, cmdDemo},     {u"stats"_s, cmdStats}};
    if (const auto found = kCommands.constFind(command); found != kCommands.cend())
        return (*found)(db, rest);
    if (command == u"helpdesk"_s)
        return runHelpdeskCommand(db.isEmpty() ? defaultDbPath() : db, rest);
    if (command == u"login"_s || command == u"sync"_s || command == u"logout"_s)
        return runSyncCommand(command, db.isEmpty() ? defaultDbPath() : db, server, rest);
    return fail(u"unknown command \"%1\" (see --help)"_s.arg(command));
}

} // namespace understudy::cli

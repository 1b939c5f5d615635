// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Engine.h"
#include "Importers.h"
#include "Store.h"

#include <understudy/Result.h>

#include <QStringList>

#include <memory>
#include <optional>

class QCommandLineParser;

namespace understudy::cli {

/// @brief Runs `understudyctl` with @p arguments (argv, program name first); returns the exit code.
/// Results go to stdout, errors to stderr.
int run(const QStringList &arguments);

// Helpers the commands share (Commands.cpp, Eval.cpp).

/// @brief Writes @p text to stdout as UTF-8.
void out(const QString &text);
/// @brief Prints "understudyctl: message" to stderr; returns the exit code 1.
int fail(const QString &message);
int fail(const Error &e);
/// @brief A progress callback that prints percentages to stderr, only when stderr is a terminal.
store::Store::Progress progressPrinter(const QString &what);
/// @brief The store in the per-user data folder.
QString defaultDbPath();
/// @brief Opens @p path, or the default store when it is empty.
Result<std::unique_ptr<store::Store>> openStore(const QString &path);
/// @brief The engine's settings from --threshold, --voice, --agent and the store's agent name.
Result<engine::EngineConfig> engineConfig(const QCommandLineParser &p, store::Store &store);
/// @brief The escalation rules of --rules (none for "--rules none"; ./none names a file), else the bundled ones.
Result<engine::EscalationRules> rules(const QCommandLineParser &p);
/// @brief Adds --rules, --voice, --agent and --threshold.
void addEngineOptions(QCommandLineParser &p);
/// @brief Adds the ticket-file options (the CSV/TSV columns and --skip-invalid), each name prefixed with @p prefix.
void addCsvOptions(QCommandLineParser &p, const QString &prefix = {});
/// @brief The ticket reader's options from the ticket-file options and, when set, the splits in @p splitOption. With
/// --skip-invalid each record left out is named on stderr ("understudyctl: skipped file:line: why") and counted in
/// @p skipped when given.
connectors::TicketReadOptions ticketOptions(const QCommandLineParser &p, const QString &splitOption,
                                            qsizetype *skipped = nullptr);
/// @brief Parses a subcommand's arguments; on --help or an error prints and returns the exit code.
std::optional<int> parse(QCommandLineParser &p, const QStringList &args, const QString &usage);
/// @brief The absolute path of @p path when it exists (an import's origin), else @p path.
QString originOf(const QString &path);
/// @brief Imports knowledge files and folders as `import kb` does, printing a line per path; returns the exit code.
int importKnowledge(store::Store &store, const QStringList &paths, bool markMissing);
/// @brief An engine configured from the options of addEngineOptions(), loaded from @p store; with @p snapshotPath,
/// from that snapshot when it is current (else built and the snapshot written: engine::EngineSnapshot).
Result<std::unique_ptr<engine::Engine>> loadEngine(const QCommandLineParser &p, store::Store &store,
                                                   const QString &snapshotPath = {});

} // namespace understudy::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Store.h"

#include <understudy/Result.h>

#include <QString>

namespace understudy::demo {

/// @brief What importDemoData() put into the store.
struct DemoReport {
    int articles = 0;
    store::ImportReport knowledge;
    int macros = 0;
    int tickets = 0;
    store::ImportReport ticketReport;
    int historyEvents = 0; ///< events of the team history new to the store
};

/// @brief Whether importDemoData() adds the demo's team history (makeHistory()) to the correction log.
enum class History { Without, With };

/// @brief The bundled demo data (Qt resources under @c :/understudy/demo).
QString demoResourceRoot();

/// @brief Imports the bundled demo help centre (articles, macros, tickets) into @p store; each part is one
/// transaction. Shared by `understudyctl demo` and `understudy --demo`. With History::With, the six weeks before
/// now of the demo team's history go into the correction log as events already synced (as a teammate's come from
/// the server: never pushed, so a later sign-in to a real server does not send them); they teach the engine as
/// the team's corrections do. Their ids are fixed, so importing again adds none.
Result<DemoReport> importDemoData(store::Store &store, const store::Store::Progress &progress = {},
                                  History history = History::Without);

} // namespace understudy::demo

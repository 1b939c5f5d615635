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
};

/// @brief The bundled demo data (Qt resources under @c :/understudy/demo).
QString demoResourceRoot();

/// @brief Imports the bundled demo help centre (articles, macros, tickets) into @p store; each part is one
/// transaction. Shared by `understudyctl demo` and `understudy --demo`.
Result<DemoReport> importDemoData(store::Store &store, const store::Store::Progress &progress = {});

} // namespace understudy::demo

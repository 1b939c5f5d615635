// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoData.h"

#include "DemoHistory.h"
#include "Importers.h"

using namespace Qt::StringLiterals;

namespace understudy::demo {

QString demoResourceRoot()
{
    return u":/understudy/demo"_s;
}

Result<DemoReport> importDemoData(store::Store &store, const store::Store::Progress &progress, History history)
{
    const QString root = demoResourceRoot();
    DemoReport report;
    const QString kb = root + u"/kb"_s;
    auto articles = connectors::readKnowledge({kb});
    if (!articles)
        return articles.error();
    auto knowledge = store.importArticles(*articles, kb, true, progress);
    if (!knowledge)
        return knowledge.error();
    report.articles = int(articles->size());
    report.knowledge = *knowledge;
    auto macros = connectors::readMacros(root + u"/macros.json"_s);
    if (!macros)
        return macros.error();
    if (auto r = store.importMacros(*macros); !r)
        return r.error();
    report.macros = int(macros->size());
    auto tickets = connectors::readTickets(root + u"/tickets.jsonl"_s, {});
    if (!tickets)
        return tickets.error();
    auto imported = store.importTickets(*tickets, u"demo"_s);
    if (!imported)
        return imported.error();
    report.tickets = int(tickets->size());
    report.ticketReport = *imported;
    if (history == History::With) {
        auto added = store.recordRemoteEvents(makeHistory(*tickets, *articles, recentHistory()));
        if (!added)
            return added.error();
        report.historyEvents = *added;
    }
    return report;
}

} // namespace understudy::demo

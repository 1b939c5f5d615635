// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DemoData.h"
#include "Store.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace understudy::test {

/// @brief A fresh store with the bundled demo data in @p dir; fails the test on error.
inline std::unique_ptr<store::Store> demoStore(const QTemporaryDir &dir, const QString &name = QStringLiteral("app.db"))
{
    auto s = store::Store::open(dir.filePath(name));
    if (!s) {
        QTest::qFail(qPrintable(s.error().toString()), __FILE__, __LINE__);
        return nullptr;
    }
    auto imported = demo::importDemoData(**s);
    if (!imported) {
        QTest::qFail(qPrintable(imported.error().toString()), __FILE__, __LINE__);
        return nullptr;
    }
    return std::move(*s);
}

/// @brief The events of @p kind in @p store (for @p ticketId, or all).
inline QList<FeedbackEvent> eventsOf(store::Store &store, FeedbackEvent::Kind kind, const QString &ticketId = {})
{
    QList<FeedbackEvent> out;
    auto all = store.events(ticketId);
    if (!all)
        return out;
    for (const FeedbackEvent &e : *all)
        if (e.kind == kind)
            out << e;
    return out;
}

} // namespace understudy::test

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Importers.h"

#include <QByteArray>
#include <QSet>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

/// @brief Aborts (so libFuzzer keeps the input) when an invariant does not hold.
#define FUZZ_CHECK(cond)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);                         \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

/// @brief Invariants every importer keeps on any input; a broken one aborts so libFuzzer saves the input.
namespace understudy::fuzz {

/// @brief The fuzzer's bytes, not copied: reads past the end are caught by ASan.
inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

/// @brief An error names the file, says something, and points at a line that exists.
template <typename T> void checkError(const Result<T> &r, const QString &file, const QByteArray &input)
{
    if (r.ok())
        return;
    const Error &e = r.error();
    FUZZ_CHECK(e.file == file);
    FUZZ_CHECK(!e.message.isEmpty());
    FUZZ_CHECK(e.line >= 0);
    FUZZ_CHECK(e.line <= input.count('\n') + input.count('\r') + 1 || e.message.startsWith(QLatin1String("record ")));
    FUZZ_CHECK(e.line <= input.size() + 1);
}

inline void checkArticle(const Article &a)
{
    FUZZ_CHECK(!a.id.isEmpty());
    FUZZ_CHECK(!a.title.isEmpty());
    FUZZ_CHECK(a.status == QLatin1String("active") || a.status == QLatin1String("deprecated") ||
               a.status == QLatin1String("removed"));
    FUZZ_CHECK(!a.updatedAt.isValid() || a.updatedAt.timeSpec() == Qt::UTC);
}

inline void checkArticles(const QList<Article> &articles)
{
    QSet<QString> ids;
    for (const Article &a : articles) {
        checkArticle(a);
        FUZZ_CHECK(!ids.contains(a.id));
        ids.insert(a.id);
    }
}

inline void checkTickets(const QList<Ticket> &tickets)
{
    QSet<QString> ids;
    for (const Ticket &t : tickets) {
        FUZZ_CHECK(!t.id.isEmpty());
        FUZZ_CHECK(!ids.contains(t.id));
        ids.insert(t.id);
        FUZZ_CHECK(!t.status.isEmpty());
        FUZZ_CHECK(!t.messages.isEmpty() || !t.subject.isEmpty());
        for (const Message &m : t.messages)
            FUZZ_CHECK(m.author == QLatin1String("customer") || m.author == QLatin1String("agent"));
    }
}

} // namespace understudy::fuzz

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerStore.h"

#include <understudy/Result.h>

#include <QByteArray>
#include <QByteArrayView>

#include <deque>
#include <mutex>

namespace understudy::server {

/// @brief Appends @p utf8 to @p out as a JSON string literal (quotes included), escaped as QJsonDocument
/// escapes it: `"`, `\`, and control characters; everything else, UTF-8 included, as it is.
void appendJsonString(QByteArray &out, QByteArrayView utf8);

/// @brief The body of GET /changes, built as bytes: each change's stored JSON is spliced in as it is, never
/// parsed and re-serialised. Same shape as before: `{"changes":[{"data":…,"id":…,"kind":…,"seq":N},…],
/// "cursor":"N","more":…}` (keys in QJsonObject's order).
///
/// Recent changes are kept, rendered, in a bounded window shared by all threads: every client that is in
/// sync asks for the same few pages, and each is read from the database once. This is safe because of what
/// docs/protocol.md promises about the feed: rows are never changed once committed, and a reader that saw
/// seq N has seen every change up to N (writers are serialised and hand out seq in commit order, from a
/// counter that never goes back). So when a query "seq > S" answered rows up to L, the window holds every
/// change in (S, L], in this process and any other; the rows after the window always come from the database.
/// A learned-state record is replaced by deleting its row and appending the new total under a new seq: the
/// window may still serve the old row, and the reader then meets its replacement further on, as it would have
/// met it had it read the old row a moment earlier.
///
/// A page is bounded in bytes as well as in changes (docs/protocol.md, "Limits of a connection"): it stops
/// before the change that would take it past @p maxPageBytes (always holding at least one), with "more":true,
/// and the database is read in chunks, so neither the answer nor the rows behind it grow with `limit`.
class ChangeFeed {
public:
    explicit ChangeFeed(ServerStore &store, qsizetype maxCachedBytes = 16 * 1024 * 1024,
                        qsizetype maxPageBytes = 4 * 1024 * 1024);

    /// @brief The JSON answer for changes after @p since, at most @p limit (≥ 1) of them and about
    /// maxPageBytes.
    Result<QByteArray> page(qint64 since, int limit);

private:
    struct Entry {
        qint64 seq;
        QByteArray json; ///< the rendered change object
    };
    struct Page;

    static QByteArray body(const Page &page, qint64 since);
    /// Fills @p page from the window, as far as it reaches; under m_mutex.
    void fromWindow(qint64 since, Page &page);
    /// Fills the rest of @p page from the database, after @p from.
    Status fromDatabase(qint64 from, Page &page);

    static QByteArray render(const Change &change, const QByteArray &dataJson);
    /// Adds rows a query "seq > from" answered; under m_mutex.
    void remember(qint64 from, std::vector<Entry> &rows);

    ServerStore &m_store;
    const qsizetype m_maxBytes;
    const qsizetype m_maxPageBytes;
    std::mutex m_mutex;
    std::deque<Entry> m_window; ///< every change in (m_lo, m_hi], in seq order
    qint64 m_lo = -1;           ///< -1: the window is empty
    qint64 m_hi = -1;
    qsizetype m_bytes = 0;
};

} // namespace understudy::server

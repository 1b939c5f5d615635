// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChangeFeed.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace understudy::server {

namespace {

/// The stored data as it goes into the answer: as it is when it is an object (the server always writes compact
/// JSON objects); anything else is read as QJsonDocument would read it (garbage becomes {}), as before.
QByteArrayView dataObject(const QByteArray &stored, QByteArray &scratch)
{
    QByteArrayView v(stored);
    v = v.trimmed();
    if (v.size() >= 2 && v.front() == '{' && v.back() == '}')
        return v;
    scratch = QJsonDocument(QJsonDocument::fromJson(stored).object()).toJson(QJsonDocument::Compact);
    return scratch;
}

} // namespace

void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    qsizetype plain = 0; // start of the run of bytes that need no escape
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default: {
            const char esc[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
            out.append(esc, sizeof esc);
        }
        }
    }
    out.append(utf8.data() + plain, utf8.size() - plain);
    out += '"';
}

/// A page being built: the changes it holds, and whether there are more than it could take.
struct ChangeFeed::Page {
    int limit;
    qsizetype budget;
    std::vector<Entry> parts;
    qsizetype bytes = 0;
    bool more = false;

    int room() const { return limit - int(parts.size()); }
    /// Adds @p e, or says the page is full (more): by count, or by bytes once it holds one change.
    bool add(const Entry &e)
    {
        if (room() <= 0 || (!parts.empty() && bytes + e.json.size() > budget)) {
            more = true;
            return false;
        }
        bytes += e.json.size() + 1;
        parts.push_back(e);
        return true;
    }
};

ChangeFeed::ChangeFeed(ServerStore &store, qsizetype maxCachedBytes, qsizetype maxPageBytes)
    : m_store(store), m_maxBytes(maxCachedBytes), m_maxPageBytes(maxPageBytes)
{
}

QByteArray ChangeFeed::render(const Change &change, const QByteArray &dataJson)
{
    QByteArray scratch;
    const QByteArrayView data = dataObject(dataJson, scratch);
    const QByteArray id = change.id.toUtf8();
    const QByteArray kind = change.kind.toUtf8();
    QByteArray out;
    out.reserve(data.size() + id.size() + kind.size() + 64);
    out += "{\"data\":";
    out.append(data);
    out += ",\"id\":";
    appendJsonString(out, id);
    out += ",\"kind\":";
    appendJsonString(out, kind);
    out += ",\"seq\":";
    out += QByteArray::number(change.seq);
    out += '}';
    return out;
}

void ChangeFeed::remember(qint64 from, std::vector<Entry> &rows)
{
    if (rows.empty() || m_maxBytes <= 0)
        return;
    if (m_lo < 0 || from > m_hi) {
        // Nothing kept yet, or the rows start past the window: the window starts over here.
        m_window.clear();
        m_bytes = 0;
        m_lo = m_hi = from;
    } else if (from < m_lo) {
        return; // older than the window (a client catching up): read through, not kept
    }
    // The rows are every change in (from, last row]; from lies inside the window, so the window grows to there.
    for (Entry &e : rows) {
        if (e.seq <= m_hi)
            continue;
        m_bytes += e.json.size();
        m_hi = e.seq;
        m_window.push_back(e);
    }
    while (m_bytes > m_maxBytes && m_window.size() > 1) {
        m_lo = m_window.front().seq;
        m_bytes -= m_window.front().json.size();
        m_window.pop_front();
    }
}

Result<QByteArray> ChangeFeed::page(qint64 since, int limit)
{
    Page page{std::max(1, limit), m_maxPageBytes, {}};
    {
        const std::lock_guard lock(m_mutex);
        fromWindow(since, page);
    }
    if (!page.more) {
        // The window ends at (or before) since, or the page reaches past it: the rest from the database.
        if (auto st = fromDatabase(page.parts.empty() ? since : page.parts.back().seq, page); !st)
            return st.error();
    }
    return body(page, since);
}

void ChangeFeed::fromWindow(qint64 since, Page &page)
{
    if (m_lo < 0 || since < m_lo || since >= m_hi)
        return;
    auto it =
        std::upper_bound(m_window.cbegin(), m_window.cend(), since, [](qint64 s, const Entry &e) { return s < e.seq; });
    for (; it != m_window.cend(); ++it)
        if (!page.add(*it))
            return;
}

Status ChangeFeed::fromDatabase(qint64 from, Page &page)
{
    // Rows are read a chunk at a time, so a page of large changes stops reading once its byte budget is spent.
    constexpr int kChunk = 256;
    for (;;) {
        auto rows = m_store.changes(from, std::min(kChunk, page.room()));
        if (!rows)
            return rows.error();
        std::vector<Entry> fresh;
        fresh.reserve(size_t(rows->changes.size()));
        for (qsizetype i = 0; i < rows->changes.size(); ++i)
            fresh.push_back(Entry{rows->changes[i].seq, render(rows->changes[i], rows->dataJson.value(i))});
        {
            const std::lock_guard lock(m_mutex);
            remember(from, fresh);
        }
        for (const Entry &e : fresh)
            if (!page.add(e))
                return ok();
        page.more = rows->more;
        if (!rows->more || page.room() <= 0 || fresh.empty())
            return ok();
        from = fresh.back().seq;
    }
}

QByteArray ChangeFeed::body(const Page &page, qint64 since)
{
    const qint64 cursor = page.parts.empty() ? since : page.parts.back().seq;
    QByteArray body;
    body.reserve(page.bytes + 64);
    body += "{\"changes\":[";
    for (size_t i = 0; i < page.parts.size(); ++i) {
        if (i)
            body += ',';
        body += page.parts[i].json;
    }
    body += "],\"cursor\":\"";
    body += QByteArray::number(cursor);
    body += "\",\"more\":";
    body += page.more ? "true" : "false";
    body += '}';
    return body;
}

} // namespace understudy::server

// SPDX-License-Identifier: GPL-3.0-or-later
#include "CsvReader.h"
#include "ImporterSupport.h"
#include "Importers.h"

using namespace Qt::StringLiterals;

namespace understudy::connectors {

namespace detail {

CsvReader::CsvReader(QStringView text, QString fileName, QChar delimiter, Quotes quotes)
    : m_text(text), m_fileName(std::move(fileName)), m_delimiter(delimiter), m_quotes(quotes)
{
    while (m_text.endsWith(u'\n'))
        m_text.chop(1);
}

bool CsvReader::next(QStringList &fields)
{
    fields.clear();
    m_recordError.reset();
    const qsizetype n = m_text.size();
    if (m_error || m_pos > n || (m_pos == n && m_recordLine > 0))
        return false;
    m_recordLine = m_line;
    m_blank = m_pos == n || m_text[m_pos] == u'\n';
    for (;;) {
        const bool quoted = m_pos < n && m_text[m_pos] == u'"' && m_pos >= m_failedUpTo && readQuoted(fields);
        if (m_error)
            return false;
        if (m_recordError) {
            skipRestOfLine();
            return true;
        }
        if (!quoted) {
            qsizetype end = m_pos;
            while (end < n && m_text[end] != m_delimiter && m_text[end] != u'\n')
                ++end;
            fields << m_text.sliced(m_pos, end - m_pos).toString();
            m_pos = end;
        }
        if (m_pos < n && m_text[m_pos] == m_delimiter) {
            ++m_pos;
            continue;
        }
        if (m_pos < n) { // '\n'
            ++m_pos;
            ++m_line;
        } else {
            m_pos = n;
        }
        return true;
    }
}

// The quoted field at m_pos: true when it is well formed (and appended); else false, with m_error or m_recordError
// set in Strict mode.
bool CsvReader::readQuoted(QStringList &fields)
{
    const qsizetype n = m_text.size();
    QString value;
    qint64 newlines = 0;
    qsizetype pos = m_pos + 1;
    for (;;) {
        const qsizetype quote = m_text.indexOf(u'"', pos);
        if (quote < 0) {
            if (m_quotes == Quotes::Strict)
                m_error = Error::at(m_fileName, m_line, u"a quoted field starting on this line is never closed"_s);
            m_failedUpTo = n;
            return false;
        }
        const QStringView part = m_text.sliced(pos, quote - pos);
        newlines += part.count(u'\n');
        value += part;
        if (quote + 1 < n && m_text[quote + 1] == u'"') {
            value += u'"';
            pos = quote + 2;
            continue;
        }
        pos = quote + 1;
        break;
    }
    if (pos < n && m_text[pos] != m_delimiter && m_text[pos] != u'\n') {
        m_failedUpTo = pos - 1; // the closing quote: a field may start there
        if (m_quotes == Quotes::Strict) {
            m_line += newlines;
            m_pos = pos;
            m_recordError = Error::at(
                m_fileName, m_line,
                u"unexpected \"%1\" after a closing quote (write \"\" for a quote inside a quoted field)"_s.arg(
                    m_text[pos]));
        }
        return false;
    }
    fields << std::move(value);
    m_line += newlines;
    m_pos = pos;
    return true;
}

void CsvReader::skipRestOfLine()
{
    const qsizetype nl = m_text.indexOf(u'\n', m_pos);
    if (nl < 0) {
        m_pos = m_text.size();
        return;
    }
    m_pos = nl + 1;
    ++m_line;
}

} // namespace detail

namespace {

qsizetype findColumn(const QStringList &header, const QString &name)
{
    qsizetype i = header.indexOf(name);
    if (i >= 0)
        return i;
    const QString wanted = name.trimmed();
    for (i = 0; i < header.size(); ++i)
        if (header[i].trimmed().compare(wanted, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

Result<QList<Ticket>> parseDelimited(const QByteArray &data, const QString &fileName, const CsvMapping &mapping,
                                     QChar delimiter, detail::CsvReader::Quotes quotes, const SkipHandler &skip)
{
    auto decoded = detail::decodeText(data, fileName);
    if (!decoded)
        return decoded.error();
    if (decoded->trimmed().isEmpty())
        return Error::at(fileName, 1, u"the file is empty; a header row is required"_s);
    detail::CsvReader reader(*decoded, fileName, delimiter, quotes);
    QStringList header;
    if (!reader.next(header))
        return reader.error() ? *reader.error()
                              : Error::at(fileName, 1, u"the file is empty; a header row is required"_s);
    if (reader.recordError())
        return *reader.recordError();
    if (reader.recordBlank())
        return Error::at(fileName, 1, u"the header row is empty"_s);
    const QString headerText = header.join(u", "_s);

    struct Column {
        const QString *name;
        const char16_t *role;
        qsizetype index = -1;
    };
    Column text{&mapping.textColumn, u"text"};
    Column label{&mapping.labelColumn, u"label"};
    Column id{&mapping.idColumn, u"id"};
    Column subject{&mapping.subjectColumn, u"subject"};
    if (mapping.textColumn.isEmpty())
        return Error::at(fileName, 1, u"no text column given"_s);
    for (Column *c : {&text, &label, &id, &subject}) {
        if (c->name->isEmpty())
            continue;
        c->index = findColumn(header, *c->name);
        if (c->index < 0)
            return Error::at(
                fileName, 1,
                u"no column \"%1\" for the %2 (the header has: %3)"_s.arg(*c->name, QStringView(c->role), headerText));
    }

    const QString baseName = detail::baseNameOf(fileName);
    const QString status = mapping.statusValue.isEmpty() ? u"open"_s : mapping.statusValue;
    QList<Ticket> out;
    detail::IdRegister ids;
    QStringList fields;
    qint64 row = 0;
    // The ticket of the record just read, or why there is none.
    const auto ticketOf = [&](qint64 line) -> Result<Ticket> {
        if (reader.recordError())
            return *reader.recordError();
        if (reader.recordBlank())
            return Error::at(fileName, line, u"empty row"_s);
        if (fields.size() != header.size())
            return Error::at(fileName, line,
                             u"the row has %1 fields, the header has %2"_s.arg(fields.size()).arg(header.size()));
        Ticket t;
        const QString body = fields[text.index].trimmed();
        if (body.isEmpty())
            return Error::at(fileName, line, u"column \"%1\" is empty"_s.arg(mapping.textColumn));
        t.messages << Message{u"customer"_s, body, {}};
        if (label.index >= 0)
            t.intent = fields[label.index].trimmed();
        if (subject.index >= 0)
            t.subject = fields[subject.index].trimmed();
        if (id.index >= 0) {
            t.id = fields[id.index].trimmed();
            if (t.id.isEmpty())
                return Error::at(fileName, line, u"column \"%1\" is empty"_s.arg(mapping.idColumn));
        } else {
            t.id = u"%1-%2"_s.arg(baseName).arg(row);
        }
        if (const qint64 first = ids.add(t.id, line))
            return Error::at(fileName, line, u"duplicate id \"%1\" (first on line %2)"_s.arg(t.id).arg(first));
        t.status = status;
        detail::fillLanguage(t);
        return t;
    };
    while (reader.next(fields)) {
        ++row;
        auto ticket = ticketOf(reader.recordLine());
        if (ticket) {
            out << std::move(*ticket);
            continue;
        }
        if (!skip)
            return ticket.error();
        skip(ticket.error());
    }
    if (reader.error())
        return *reader.error();
    return out;
}

} // namespace

Result<QList<Ticket>> parseTicketsCsv(const QByteArray &data, const QString &fileName, const CsvMapping &mapping,
                                      const SkipHandler &skip)
{
    return parseDelimited(data, fileName, mapping, u',', detail::CsvReader::Quotes::Strict, skip);
}

Result<QList<Ticket>> parseTicketsTsv(const QByteArray &data, const QString &fileName, const CsvMapping &mapping,
                                      const SkipHandler &skip)
{
    return parseDelimited(data, fileName, mapping, u'\t', detail::CsvReader::Quotes::Literal, skip);
}

} // namespace understudy::connectors

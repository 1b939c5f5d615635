// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QStringList>
#include <QStringView>

#include <optional>

namespace understudy::connectors::detail {

/// @brief An RFC 4180 record reader over decoded text whose line ends are already "\n":
/// quoted fields with "" escapes and embedded newlines, a quote inside an unquoted field taken
/// literally, trailing empty lines ignored. Linear in the input.
class CsvReader {
public:
    CsvReader(QStringView text, QString fileName);

    /// @brief Reads the next record into @p fields; false at the end or on an error (see error()).
    bool next(QStringList &fields);
    /// @brief The line on which the last record started (1-based).
    qint64 recordLine() const { return m_recordLine; }
    /// @brief Whether the last record was an empty line.
    bool recordBlank() const { return m_blank; }
    const std::optional<Error> &error() const { return m_error; }

private:
    QStringView m_text;
    QString m_fileName;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    bool m_blank = false;
    std::optional<Error> m_error;
};

} // namespace understudy::connectors::detail

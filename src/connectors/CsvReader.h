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
    /// @brief What a field that starts with a quote but is no well-formed quoted field is.
    enum class Quotes {
        Strict,  ///< an error (CSV): the record, or the rest of the file when the quote is never closed
        Literal, ///< text up to the next delimiter or line end (TSV, which has no quoting of its own)
    };

    CsvReader(QStringView text, QString fileName, QChar delimiter = u',', Quotes quotes = Quotes::Strict);

    /// @brief Reads the next record into @p fields; false at the end or when the reader stops (see error()).
    bool next(QStringList &fields);
    /// @brief The line on which the last record started (1-based).
    qint64 recordLine() const { return m_recordLine; }
    /// @brief Whether the last record was an empty line.
    bool recordBlank() const { return m_blank; }
    /// @brief Why the last record cannot be read, if it cannot; the reader went on at the next line.
    const std::optional<Error> &recordError() const { return m_recordError; }
    /// @brief What stopped the reader before the end, if anything did.
    const std::optional<Error> &error() const { return m_error; }

private:
    bool readQuoted(QStringList &fields);
    void skipRestOfLine();

    QStringView m_text;
    QString m_fileName;
    QChar m_delimiter;
    Quotes m_quotes;
    qsizetype m_pos = 0;
    // Literal mode: a quoted field starting before here already failed to close well; reading it again would make
    // the reader quadratic, so it is literal.
    qsizetype m_failedUpTo = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    bool m_blank = false;
    std::optional<Error> m_recordError;
    std::optional<Error> m_error;
};

} // namespace understudy::connectors::detail

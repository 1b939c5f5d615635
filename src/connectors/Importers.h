// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

/// @brief Importers: files in the interchange formats of DESIGN.md in, domain types out.
///
/// The parse functions are pure (bytes in, values out) so they can be fuzzed; @p fileName is only
/// used in errors. Every error names the file and the line (line-based formats) or the record
/// (JSON arrays: Error::line is the 1-based index and the message says "record N"). One bad record
/// fails the whole file, unless the caller passes a SkipHandler: then each record that cannot be read
/// is handed to it and left out, and the rest is read. Input must be UTF-8 (a leading BOM is allowed);
/// invalid UTF-8 and NUL bytes are rejected, JSON nesting is bounded, and every parser is linear in its input.
///
/// Articles, macros and tickets carry a language (ISO 639-1): the one the record names ("language", "locale" or
/// "lang"; "en-us" → "en"), else the one detectLanguage() reads in its text, else empty (too little text to tell).
namespace understudy::connectors {

/// @brief Called with each record a lenient read leaves out: the Error names the file, the line (or record) and why.
/// Problems of the whole file (not UTF-8, a missing column, a quote never closed) still fail it.
using SkipHandler = std::function<void(const Error &)>;

/// @brief A Markdown article with optional front matter (id, title, tags, url, updated, status, language).
/// The id falls back to the file's base name, the title to the first "# " heading; the body is
/// the Markdown after the front matter. Tags may be "[a, b]", "a, b" or a YAML "- a" list.
Result<Article> parseMarkdownArticle(const QByteArray &data, const QString &fileName);

/// @brief An HTML article: title from <title> (else the first <h1>), <meta name="id|tags|url|updated|status|language"
/// content="...">, the id falling back to the file's base name, the language to <html lang>; the body converted by
/// htmlToMarkdown().
Result<Article> parseHtmlArticle(const QByteArray &data, const QString &fileName);

/// @brief Converts an HTML document or fragment to Markdown-ish text: <h1>..<h6> become "#".."######"
/// headings, <li> "- " (or "1. " inside <ol>), <p>/<div>/<br> paragraphs and line breaks, <a href>
/// "[text](href)", <pre> fenced blocks; entities are decoded; <head>, scripts, styles and comments
/// are dropped; runs of whitespace collapse. Linear in the input; never fails.
QString htmlToMarkdown(QStringView html);

/// @brief Articles, one JSON object per line: {"id","title","body","url","tags","updated_at","language"}. Blank lines
/// are skipped.
Result<QList<Article>> parseArticlesJsonl(const QByteArray &data, const QString &fileName);

/// @brief A Zendesk Help Center export {"articles":[{"id","title","body","html_url","label_names",
/// "updated_at","draft","outdated","locale"}]}: id → "zd-<id>", HTML body converted, draft/outdated → "deprecated".
Result<QList<Article>> parseZendeskArticles(const QByteArray &data, const QString &fileName);

/// @brief Macros {"macros":[{"id","title","body","tags","language"}]} (or a bare array). A Zendesk macro without
/// "body" takes its text from its "comment_value" / "comment_value_html" actions; "active": false skips it.
Result<QList<Macro>> parseMacros(const QByteArray &data, const QString &fileName);

/// @brief Tickets in the DESIGN.md shape, one JSON object per line. Blank lines are skipped.
Result<QList<Ticket>> parseTicketsJsonl(const QByteArray &data, const QString &fileName, const SkipHandler &skip = {});

/// @brief Which CSV or TSV columns hold what; column names match exactly, else ignoring case and spaces.
struct CsvMapping {
    QString textColumn = QStringLiteral("text");      ///< the customer's message (required)
    QString labelColumn;                              ///< the intent label, if any
    QString idColumn;                                 ///< ticket ids; else "<file base name>-<row>"
    QString subjectColumn;                            ///< the subject, if any
    QString statusValue = QStringLiteral("resolved"); ///< status given to every ticket
};

/// @brief RFC 4180 CSV (quoted fields, "" escapes, embedded newlines, CRLF, a UTF-8 BOM) with a header
/// row; each row becomes a ticket with one customer message. Missing columns, rows with the wrong
/// number of fields, blank rows, empty texts and duplicate ids are errors naming the line (rows @p skip can leave
/// out; a field with text after its closing quote is one too).
Result<QList<Ticket>> parseTicketsCsv(const QByteArray &data, const QString &fileName, const CsvMapping &mapping,
                                      const SkipHandler &skip = {});

/// @brief Tab-separated values, read as parseTicketsCsv() reads CSV. A field that starts with a quote is a quoted
/// field (as Python's csv module and pandas write them) when it is one: closed, then a tab or the line's end; else it
/// is read literally up to the next tab or line end, as plain TSV has no quoting.
Result<QList<Ticket>> parseTicketsTsv(const QByteArray &data, const QString &fileName, const CsvMapping &mapping,
                                      const SkipHandler &skip = {});

/// @brief A Zendesk tickets export {"tickets":[{"id","subject","description","status","requester",
/// "organization","comments",...}]}: id → "ZD-<id>"; comments by the requester are "customer", other
/// public comments "agent" (private notes are skipped); solved/closed → "resolved", new → "open",
/// hold → "pending"; the language from the ticket's "locale", else the requester's. Lenient on missing optional
/// parts, strict on types.
Result<QList<Ticket>> parseZendeskTickets(const QByteArray &data, const QString &fileName,
                                          const SkipHandler &skip = {});

/// @brief Intent datasets such as CLINC150: an object of arrays of [text, label] pairs (or of
/// {"text","label"} objects), or a bare array of them. @p splits picks the object's keys, in that
/// order; empty is an error listing the available keys. Ids "<split>-<n>" (1-based; a bare array
/// uses the file's base name as the split); status "resolved".
Result<QList<Ticket>> parseLabelledPairsJson(const QByteArray &data, const QString &fileName, const QStringList &splits,
                                             const SkipHandler &skip = {});

/// @brief Reads files and folders (recursively, sorted by path): *.md/*.markdown, *.html/*.htm,
/// *.jsonl (articles), *.json (Zendesk {"articles":...} or an array of articles). Other files in a
/// folder are skipped; a named file of another type, an unreadable or invalid file, and an id
/// that two files share are errors naming the file (and line).
Result<QList<Article>> readKnowledge(const QStringList &paths);

/// @brief Options for readTickets(): the CSV/TSV mapping, the splits of a labelled-pairs file and, for a lenient
/// read, where the records left out go (strict when empty).
struct TicketReadOptions {
    CsvMapping csv;
    QStringList splits;
    SkipHandler skipInvalid;
};

/// @brief Reads a ticket file, by extension and content: .jsonl/.ndjson → JSONL tickets, .csv → CSV, .tsv → TSV,
/// .json → a Zendesk {"tickets":...} export, else labelled pairs. A lenient read that leaves out every record
/// fails.
Result<QList<Ticket>> readTickets(const QString &path, const TicketReadOptions &options);

/// @brief Reads macros (parseMacros) from a .json file.
Result<QList<Macro>> readMacros(const QString &path);

} // namespace understudy::connectors

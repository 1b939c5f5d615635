// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterSupport.h"
#include "Importers.h"

#include <understudy/Json.h>

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

namespace {

constexpr qint64 kMaxFileSize = 512LL * 1024 * 1024;

enum class KnowledgeKind { None, Markdown, Html, Jsonl, Json };

KnowledgeKind knowledgeKindOf(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"md" || suffix == u"markdown")
        return KnowledgeKind::Markdown;
    if (suffix == u"html" || suffix == u"htm")
        return KnowledgeKind::Html;
    if (suffix == u"jsonl" || suffix == u"ndjson")
        return KnowledgeKind::Jsonl;
    if (suffix == u"json")
        return KnowledgeKind::Json;
    return KnowledgeKind::None;
}

Error fileError(Error::Code code, const QString &path, const QString &message)
{
    return Error{code, message, path, 0};
}

Result<QByteArray> readWholeFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fileError(Error::Code::Io, path, u"cannot read: %1"_s.arg(f.errorString()));
    if (f.size() > kMaxFileSize)
        return fileError(Error::Code::Io, path, u"the file is larger than %1 MiB"_s.arg(kMaxFileSize >> 20));
    QByteArray data = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return fileError(Error::Code::Io, path, u"cannot read: %1"_s.arg(f.errorString()));
    return data;
}

// A JSON array of articles in the JSONL shape.
Result<QList<Article>> articlesFromJsonArray(const QJsonArray &records, const QString &path)
{
    QList<Article> out;
    detail::IdRegister ids;
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (!records[i].isObject())
            return detail::recordError(path, i, u"must be an object"_s);
        const QJsonObject o = records[i].toObject();
        auto a = detail::articleFromRecord(o);
        if (!a)
            return detail::recordError(path, i, a.error().message);
        if (const qint64 first = ids.add(a->id, i + 1))
            return detail::recordError(path, i, u"duplicate id \"%1\" (also record %2)"_s.arg(a->id).arg(first));
        out << std::move(*a);
    }
    return out;
}

Result<QList<Article>> readKnowledgeFile(const QString &path, KnowledgeKind kind)
{
    auto data = readWholeFile(path);
    if (!data)
        return data.error();
    switch (kind) {
    case KnowledgeKind::Markdown:
    case KnowledgeKind::Html: {
        auto a = kind == KnowledgeKind::Markdown ? parseMarkdownArticle(*data, path) : parseHtmlArticle(*data, path);
        if (!a)
            return a.error();
        return QList<Article>{std::move(*a)};
    }
    case KnowledgeKind::Jsonl:
        return parseArticlesJsonl(*data, path);
    case KnowledgeKind::Json: {
        auto doc = detail::parseJsonFile(*data, path);
        if (!doc)
            return doc.error();
        if (doc->isArray())
            return articlesFromJsonArray(doc->array(), path);
        return detail::zendeskArticlesFromJson(*doc, path);
    }
    case KnowledgeKind::None:
        break;
    }
    return fileError(Error::Code::Invalid, path, u"unsupported knowledge file type"_s);
}

// Files under @p dir we can import, sorted by path; hidden files and folders (.git) are left out.
QStringList knowledgeFilesUnder(const QString &dir)
{
    QStringList files;
    const QString root = QDir(dir).absolutePath();
    QDirIterator it(dir, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(QFileInfo(path).absoluteFilePath());
        if (relative.startsWith(u'.') || relative.contains(u"/."_s))
            continue;
        if (knowledgeKindOf(path) != KnowledgeKind::None)
            files << path;
    }
    files.sort();
    return files;
}

} // namespace

Result<QList<Article>> readKnowledge(const QStringList &paths)
{
    if (paths.isEmpty())
        return Error::make(Error::Code::Invalid, u"no knowledge files or folders given"_s);
    QList<Article> out;
    QHash<QString, QString> fileOfId;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            return fileError(Error::Code::NotFound, path, u"no such file or folder"_s);
        QStringList files;
        if (info.isDir()) {
            files = knowledgeFilesUnder(path);
        } else if (knowledgeKindOf(path) == KnowledgeKind::None) {
            return fileError(
                Error::Code::Invalid, path,
                u"unsupported knowledge file type (expected .md, .markdown, .html, .htm, .jsonl or .json)"_s);
        } else {
            files << path;
        }
        for (const QString &file : files) {
            auto articles = readKnowledgeFile(file, knowledgeKindOf(file));
            if (!articles)
                return articles.error();
            for (Article &a : *articles) {
                const auto it = fileOfId.constFind(a.id);
                if (it != fileOfId.constEnd())
                    return fileError(Error::Code::Constraint, file,
                                     u"duplicate article id \"%1\" (also in %2)"_s.arg(a.id, it.value()));
                fileOfId.insert(a.id, file);
                out << std::move(a);
            }
        }
    }
    return out;
}

Result<QList<Ticket>> readTickets(const QString &path, const TicketReadOptions &options)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fileError(Error::Code::NotFound, path, u"no such file"_s);
    if (info.isDir())
        return fileError(Error::Code::Invalid, path,
                         u"is a folder; give a ticket file (.jsonl, .csv, .tsv or .json)"_s);
    const QString suffix = info.suffix().toLower();
    if (suffix != u"jsonl" && suffix != u"ndjson" && suffix != u"csv" && suffix != u"tsv" && suffix != u"json")
        return fileError(Error::Code::Invalid, path,
                         u"unsupported ticket file type (expected .jsonl, .csv, .tsv or .json)"_s);
    auto data = readWholeFile(path);
    if (!data)
        return data.error();
    qsizetype skipped = 0;
    SkipHandler skip;
    if (options.skipInvalid)
        skip = [&](const Error &e) {
            ++skipped;
            options.skipInvalid(e);
        };
    auto tickets = [&]() -> Result<QList<Ticket>> {
        if (suffix == u"csv")
            return parseTicketsCsv(*data, path, options.csv, skip);
        if (suffix == u"tsv")
            return parseTicketsTsv(*data, path, options.csv, skip);
        if (suffix != u"json")
            return parseTicketsJsonl(*data, path, skip);
        auto doc = detail::parseJsonFile(*data, path);
        if (!doc)
            return doc.error();
        if (doc->isObject() && doc->object().contains(u"tickets"))
            return detail::zendeskTicketsFromJson(*doc, path, skip);
        return detail::labelledPairsFromJson(*doc, path, options.splits, skip);
    }();
    if (tickets && tickets->isEmpty() && skipped > 0)
        return fileError(Error::Code::Invalid, path,
                         u"no ticket could be read: all %1 records were skipped"_s.arg(skipped));
    return tickets;
}

Result<QList<Macro>> readMacros(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fileError(Error::Code::NotFound, path, u"no such file"_s);
    auto data = readWholeFile(path);
    if (!data)
        return data.error();
    return parseMacros(*data, path);
}

} // namespace understudy::connectors

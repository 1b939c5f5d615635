// SPDX-License-Identifier: GPL-3.0-or-later
#include "HtmlConverter.h"
#include "ImporterSupport.h"
#include "Importers.h"

#include <understudy/Json.h>
#include <understudy/Text.h>

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

QString htmlToMarkdown(QStringView html)
{
    detail::HtmlConverter converter(html);
    converter.run();
    return converter.markdown();
}

Result<Article> parseHtmlArticle(const QByteArray &data, const QString &fileName)
{
    auto decoded = detail::decodeText(data, fileName);
    if (!decoded)
        return decoded.error();
    const QString &html = *decoded;
    detail::HtmlConverter converter(html);
    converter.run();

    Article a;
    a.body = converter.markdown();
    a.title = converter.title();
    if (a.title.isEmpty())
        a.title = converter.firstH1();

    auto lineOf = [&html](qsizetype offset) { return qint64(QStringView(html).first(offset).count(u'\n')) + 1; };
    QSet<QString> seen;
    for (const detail::HtmlConverter::Meta &m : converter.metas()) {
        if (seen.contains(m.name))
            continue; // the first of a repeated meta wins
        seen.insert(m.name);
        if (m.name == u"id") {
            a.id = m.content;
        } else if (m.name == u"tags" || m.name == u"keywords") {
            if (m.name == u"keywords" && seen.contains(u"tags"_s))
                continue;
            a.tags.clear();
            for (const QString &t : m.content.split(u',', Qt::SkipEmptyParts))
                if (const QString tag = t.trimmed(); !tag.isEmpty())
                    a.tags << tag;
        } else if (m.name == u"url") {
            a.url = m.content;
        } else if (m.name == u"language" || m.name == u"locale" || m.name == u"lang" || m.name == u"content-language") {
            if (a.language.isEmpty())
                a.language = languageCode(m.content);
        } else if (m.name == u"updated" || m.name == u"updated_at") {
            if (m.content.isEmpty())
                continue;
            a.updatedAt = json::parseTime(m.content);
            if (!a.updatedAt.isValid())
                return Error::at(
                    fileName, lineOf(m.offset),
                    u"<meta name=\"%1\">: \"%2\" is not a date (use YYYY-MM-DD or an ISO-8601 date-time)"_s.arg(
                        m.name, m.content));
        } else if (m.name == u"status") {
            const QString s = m.content.toLower();
            if (s.isEmpty())
                continue;
            if (s != u"active" && s != u"deprecated" && s != u"removed")
                return Error::at(
                    fileName, lineOf(m.offset),
                    u"<meta name=\"status\">: \"%1\" is not one of active, deprecated, removed"_s.arg(m.content));
            a.status = s;
        }
    }
    if (a.id.isEmpty())
        a.id = detail::baseNameOf(fileName);
    if (a.id.isEmpty())
        return Error::at(fileName, 0, u"no id: add <meta name=\"id\" content=\"...\">"_s);
    if (a.title.isEmpty())
        return Error::at(fileName, 0, u"no title: add a <title> or an <h1>"_s);
    if (a.language.isEmpty()) {
        // <html lang="fr-CA">: the document's own declaration, in its first few lines.
        static const QRegularExpression htmlLang(
            u"<html\\b[^>]*?\\blang\\s*=\\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)"_s,
            QRegularExpression::CaseInsensitiveOption);
        if (const auto m = htmlLang.match(QStringView(html).left(4096)); m.hasMatch())
            a.language = languageCode(m.capturedView(1));
    }
    detail::fillLanguage(a);
    return a;
}

} // namespace understudy::connectors

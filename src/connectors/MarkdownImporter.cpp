// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterSupport.h"
#include "Importers.h"

#include <understudy/Json.h>
#include <understudy/Text.h>

using namespace Qt::StringLiterals;

namespace understudy::connectors {

namespace {

using detail::baseNameOf;

// Line-by-line view over decoded text; lines are numbered from 1.
class LineCursor {
public:
    explicit LineCursor(QStringView text) : m_text(text) {}

    bool next(QStringView &line)
    {
        if (m_pos > m_text.size() || (m_pos == m_text.size() && m_line > 0))
            return false;
        qsizetype end = m_text.indexOf(u'\n', m_pos);
        if (end < 0)
            end = m_text.size();
        line = m_text.sliced(m_pos, end - m_pos);
        m_pos = end + 1;
        ++m_line;
        return true;
    }
    qint64 line() const { return m_line; }
    qsizetype pos() const { return qMin(m_pos, m_text.size()); }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
    qint64 m_line = 0;
};

QString unquote(QStringView v)
{
    v = v.trimmed();
    if (v.size() >= 2 && (v.front() == u'"' || v.front() == u'\'') && v.back() == v.front()) {
        QString s = v.sliced(1, v.size() - 2).toString();
        if (v.front() == u'"') {
            s.replace(u"\\\""_s, u"\""_s);
            s.replace(u"\\\\"_s, u"\\"_s);
        } else {
            s.replace(u"''"_s, u"'"_s);
        }
        return s;
    }
    return v.toString();
}

bool isFence(QStringView line)
{
    return line.trimmed() == u"---";
}

bool isFrontMatterEnd(QStringView line)
{
    const QStringView t = line.trimmed();
    return t == u"---" || t == u"...";
}

// "# Title #" → "Title"; null when the line is not a level-1 heading.
QString h1Text(QStringView line)
{
    if (!line.startsWith(u"# "))
        return {};
    QStringView t = line.sliced(2).trimmed();
    while (t.endsWith(u'#'))
        t.chop(1);
    return t.trimmed().toString();
}

QString firstH1(QStringView body)
{
    LineCursor lines(body);
    QStringView line;
    bool inFence = false;
    while (lines.next(line)) {
        if (line.trimmed().startsWith(u"```"))
            inFence = !inFence;
        else if (!inFence) {
            const QString h = h1Text(line);
            if (!h.isEmpty())
                return h;
        }
    }
    return {};
}

struct FrontMatter {
    Article article;
    bool hasId = false;
    bool hasTitle = false;
};

Status parseTagList(QStringView value, QStringList &tags)
{
    value = value.trimmed();
    if (value.startsWith(u'[')) {
        if (!value.endsWith(u']'))
            return Error::make(Error::Code::Invalid, u"\"tags\": the list has no closing \"]\""_s);
        value = value.sliced(1, value.size() - 2);
    }
    for (QStringView part : value.split(u',')) {
        const QString tag = unquote(part);
        if (!tag.isEmpty())
            tags << tag;
    }
    return ok();
}

Status applyKey(FrontMatter &fm, const QString &key, QStringView rawValue)
{
    const QString value = unquote(rawValue);
    if (key == u"id") {
        fm.article.id = value.trimmed();
        fm.hasId = !fm.article.id.isEmpty();
    } else if (key == u"title") {
        fm.article.title = value.trimmed();
        fm.hasTitle = !fm.article.title.isEmpty();
    } else if (key == u"tags") {
        fm.article.tags.clear();
        return parseTagList(rawValue, fm.article.tags);
    } else if (key == u"url") {
        fm.article.url = value.trimmed();
    } else if (key == u"updated" || key == u"updated_at") {
        if (value.trimmed().isEmpty())
            return ok();
        fm.article.updatedAt = json::parseTime(value);
        if (!fm.article.updatedAt.isValid())
            return Error::make(
                Error::Code::Invalid,
                u"\"%1\": \"%2\" is not a date (use YYYY-MM-DD or an ISO-8601 date-time)"_s.arg(key, value));
    } else if (key == u"language" || key == u"locale" || key == u"lang") {
        // A value that names no language ("multi") leaves it to the text, as when absent.
        if (fm.article.language.isEmpty())
            fm.article.language = languageCode(value);
    } else if (key == u"status") {
        const QString s = value.trimmed().toLower();
        if (s.isEmpty())
            return ok();
        if (s != u"active" && s != u"deprecated" && s != u"removed")
            return Error::make(Error::Code::Invalid,
                               u"\"status\": \"%1\" is not one of active, deprecated, removed"_s.arg(value));
        fm.article.status = s;
    }
    return ok(); // other keys (author, description, ...) are not ours to judge
}

} // namespace

Result<Article> parseMarkdownArticle(const QByteArray &data, const QString &fileName)
{
    auto decoded = detail::decodeText(data, fileName);
    if (!decoded)
        return decoded.error();
    const QString &text = *decoded;

    FrontMatter fm;
    LineCursor lines(text);
    QStringView line;
    qsizetype bodyStart = 0;
    if (lines.next(line) && isFence(line)) {
        bool closed = false;
        QString listKey; // key whose value continues as "- item" lines
        while (lines.next(line)) {
            if (isFrontMatterEnd(line)) {
                closed = true;
                break;
            }
            const QStringView t = line.trimmed();
            if (t.isEmpty() || t.startsWith(u'#'))
                continue;
            if (t.startsWith(u'-') && (t.size() == 1 || t[1].isSpace())) {
                if (listKey.isEmpty())
                    return Error::at(fileName, lines.line(), u"a \"- item\" line must follow a \"key:\" line"_s);
                if (listKey == u"tags")
                    if (const QString tag = unquote(t.sliced(1)); !tag.isEmpty())
                        fm.article.tags << tag;
                continue;
            }
            if (line.front().isSpace())
                continue; // nested YAML under a key that is not ours
            const qsizetype colon = line.indexOf(u':');
            if (colon <= 0)
                return Error::at(fileName, lines.line(),
                                 u"front matter: expected \"key: value\", got \"%1\""_s.arg(t.left(80).toString()));
            const QString key = line.first(colon).trimmed().toString().toLower();
            const QStringView value = line.sliced(colon + 1);
            listKey = value.trimmed().isEmpty() ? key : QString();
            Status st = applyKey(fm, key, value);
            if (!st)
                return Error::at(fileName, lines.line(), u"front matter: %1"_s.arg(st.error().message));
        }
        if (!closed)
            return Error::at(fileName, 1, u"front matter is not closed: no \"---\" line after line 1"_s);
        bodyStart = lines.pos();
    }

    Article a = std::move(fm.article);
    QStringView body = QStringView(text).sliced(bodyStart);
    while (!body.isEmpty() && body.front() == u'\n')
        body = body.sliced(1);
    a.body = body.trimmed().isEmpty() ? QString() : body.toString();
    while (!a.body.isEmpty() && a.body.back().isSpace())
        a.body.chop(1);
    if (!fm.hasId)
        a.id = baseNameOf(fileName);
    if (a.id.isEmpty())
        return Error::at(fileName, 0, u"no id: add \"id:\" to the front matter"_s);
    if (!fm.hasTitle)
        a.title = firstH1(a.body);
    if (a.title.isEmpty())
        return Error::at(fileName, 0, u"no title: add \"title:\" to the front matter or a \"# \" heading"_s);
    detail::fillLanguage(a);
    return a;
}

} // namespace understudy::connectors

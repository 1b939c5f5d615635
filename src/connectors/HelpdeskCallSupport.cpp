// SPDX-License-Identifier: GPL-3.0-or-later
#include "HelpdeskCallSupport.h"

#include "ImporterSupport.h"

#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace understudy::connectors::detail {

QByteArray basicAuthorization(const QString &user, const QString &password)
{
    return "Basic " + (user + u':' + password).toUtf8().toBase64();
}

HelpdeskResult<QJsonDocument> readJson(const HttpResponse &response, const QString &what, bool array)
{
    const QByteArray body = response.body.trimmed();
    const QByteArray type = response.header("Content-Type").toLower();
    if (type.contains("text/html") || body.startsWith('<'))
        return HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                   u"%1: the helpdesk answered with an HTML page instead of JSON (a login page or a "
                                   "proxy in the way?)"_s.arg(what));
    if (body.isEmpty())
        return HelpdeskError::make(HelpdeskError::Kind::Malformed, u"%1: empty answer instead of JSON"_s.arg(what));
    // Qt's parser recurses; a hostile answer must not exhaust the stack.
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    if (deepest > kMaxJsonDepth)
        return HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                   u"%1: JSON nested deeper than %2 levels"_s.arg(what).arg(kMaxJsonDepth));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return HelpdeskError::make(
            HelpdeskError::Kind::Malformed,
            u"%1: the answer is not valid JSON (%2 at byte %3)"_s.arg(what, error.errorString()).arg(error.offset));
    if (array ? !doc.isArray() : !doc.isObject())
        return HelpdeskError::make(HelpdeskError::Kind::Malformed,
                                   u"%1: expected a JSON %2"_s.arg(what, array ? u"array"_s : u"object"_s));
    return doc;
}

QString plainTextToHtml(const QString &text)
{
    QString normalised = text;
    normalised.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    static const QRegularExpression blank(u"\\n[ \\t]*\\n+"_s);
    QStringList paragraphs = normalised.trimmed().split(blank);
    for (QString &p : paragraphs)
        p = u"<p>"_s + p.toHtmlEscaped().replace(u'\n', u"<br>"_s) + u"</p>"_s;
    return paragraphs.join(QString());
}

QDateTime jsonTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (t.isValid())
        t = t.toUTC();
    return t;
}

QString jsonId(const QJsonValue &value)
{
    auto id = idValue(value, {});
    return id ? *id : QString();
}

QString relativeLink(const QString &url, const QString &baseUrl)
{
    const QUrl link(url);
    const QUrl base(baseUrl);
    if (!link.isValid() || link.host().compare(base.host(), Qt::CaseInsensitive) != 0 || link.port() != base.port())
        return {};
    QString path = link.path(QUrl::FullyEncoded);
    const QString basePath = base.path(QUrl::FullyEncoded);
    // The base URL may carry a path prefix (a proxy); requests are relative to it.
    if (!basePath.isEmpty() && basePath != u"/") {
        const QString prefix = basePath.endsWith(u'/') ? basePath.chopped(1) : basePath;
        if (!path.startsWith(prefix))
            return {};
        path = path.mid(prefix.size());
    }
    return link.hasQuery() ? path + u'?' + link.query(QUrl::FullyEncoded) : path;
}

QString nextLink(const HttpResponse &response)
{
    static const QRegularExpression entry(u"<([^>]*)>\\s*;[^,]*rel\\s*=\\s*\"?next\"?"_s);
    const auto m = entry.match(QString::fromUtf8(response.header("Link")));
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace understudy::connectors::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImporterSupport.h"

#include <understudy/Text.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonParseError>

#include <cmath>

using namespace Qt::StringLiterals;

namespace understudy::connectors::detail {

namespace {

constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53

// Offset of the first bracket that nests deeper than kMaxJsonDepth, or -1.
qsizetype tooDeep(QByteArrayView text)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            else if (c == '\n')
                inString = false; // a broken line in JSONL must not hide the next one's brackets
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth > kMaxJsonDepth)
                return i;
            break;
        case ']':
        case '}':
            if (depth > 0)
                --depth;
            break;
        default:
            break;
        }
    }
    return -1;
}

qsizetype columnAt(QByteArrayView text, qsizetype offset)
{
    const qsizetype nl = text.first(qMin(offset, text.size())).lastIndexOf('\n');
    return offset - nl; // 1-based; nl is -1 on the first line
}

bool isBlank(QByteArrayView line)
{
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    return true;
}

} // namespace

QString baseNameOf(const QString &fileName)
{
    return QFileInfo(fileName).completeBaseName();
}

qsizetype firstInvalidUtf8(QByteArrayView data)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    const qsizetype n = data.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        qsizetype len = 0;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; // overlong
            else if (c == 0xED)
                hi = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90; // overlong
            else if (c == 0xF4)
                hi = 0x8F; // above U+10FFFF
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        if (p[i + 1] < lo || p[i + 1] > hi)
            return i;
        for (qsizetype k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
        i += len;
    }
    return -1;
}

qint64 lineAt(QByteArrayView data, qsizetype offset)
{
    return data.first(qBound(qsizetype(0), offset, data.size())).count('\n') + 1;
}

Result<QByteArrayView> checkText(const QByteArray &data, const QString &fileName)
{
    QByteArrayView text(data);
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    const qsizetype bad = firstInvalidUtf8(text);
    if (bad >= 0)
        return Error::at(fileName, lineAt(text, bad),
                         u"invalid UTF-8 (byte 0x%1 at column %2); save the file as UTF-8"_s
                             .arg(uint(uchar(text[bad])), 2, 16, QChar(u'0'))
                             .arg(columnAt(text, bad)));
    const qsizetype nul = text.indexOf('\0');
    if (nul >= 0)
        return Error::at(fileName, lineAt(text, nul),
                         u"NUL byte at column %1; this does not look like a text file"_s.arg(columnAt(text, nul)));
    return text;
}

Result<QString> decodeText(const QByteArray &data, const QString &fileName)
{
    auto text = checkText(data, fileName);
    if (!text)
        return text.error();
    QString s = QString::fromUtf8(*text);
    if (s.contains(u'\r')) {
        s.replace(u"\r\n"_s, u"\n"_s);
        s.replace(u'\r', u'\n');
    }
    return s;
}

Result<QJsonDocument> parseJson(QByteArrayView text, const QString &fileName, qint64 firstLine)
{
    const qsizetype deep = tooDeep(text);
    if (deep >= 0)
        return Error::at(
            fileName, firstLine + lineAt(text, deep) - 1,
            u"JSON nested deeper than %1 levels (column %2)"_s.arg(kMaxJsonDepth).arg(columnAt(text, deep)));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &err);
    if (err.error != QJsonParseError::NoError) {
        const qsizetype at = qBound(qsizetype(0), qsizetype(err.offset), text.size());
        return Error::at(fileName, firstLine + lineAt(text, at) - 1,
                         u"invalid JSON: %1 (column %2)"_s.arg(err.errorString()).arg(columnAt(text, at)));
    }
    if (!doc.isObject() && !doc.isArray())
        return Error::at(fileName, firstLine, u"expected a JSON object or array"_s);
    return doc;
}

Result<QJsonDocument> parseJsonFile(const QByteArray &data, const QString &fileName)
{
    auto text = checkText(data, fileName);
    if (!text)
        return text.error();
    if (text->trimmed().isEmpty())
        return Error::at(fileName, 0, u"the file is empty"_s);
    return parseJson(*text, fileName);
}

Status forEachJsonLine(const QByteArray &data, const QString &fileName,
                       const std::function<Status(const QJsonObject &, qint64)> &handle, const SkipHandler &skip)
{
    auto text = checkText(data, fileName);
    if (!text)
        return text.error();
    qint64 lineNo = 0;
    qsizetype pos = 0;
    while (pos < text->size()) {
        qsizetype end = text->indexOf('\n', pos);
        if (end < 0)
            end = text->size();
        const QByteArrayView line = text->sliced(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (isBlank(line))
            continue;
        Status st = ok();
        if (auto doc = parseJson(line, fileName, lineNo); !doc)
            st = doc.error();
        else if (!doc->isObject())
            st = Error::at(fileName, lineNo, u"expected a JSON object"_s);
        else
            st = handle(doc->object(), lineNo);
        if (st)
            continue;
        if (!skip)
            return st;
        skip(st.error());
    }
    return ok();
}

Error recordError(const QString &fileName, qsizetype index, const QString &message)
{
    return Error::at(fileName, index + 1, u"record %1: %2"_s.arg(index + 1).arg(message));
}

Error recordError(const QString &fileName, qsizetype index, const QString &where, const QString &message)
{
    return Error::at(fileName, index + 1, u"record %1 of %2: %3"_s.arg(index + 1).arg(where, message));
}

Status checkIntegralNumbers(const QJsonObject &o, std::initializer_list<const char16_t *> keys, const QString &prefix)
{
    for (const char16_t *key : keys) {
        const QJsonValue v = o.value(QStringView(key));
        if (!v.isDouble())
            continue;
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > kMaxExactInteger)
            return Error::make(Error::Code::Invalid,
                               u"field \"%1%2\": must be a string"_s.arg(prefix, QStringView(key)));
    }
    return ok();
}

Status checkArticle(const Article &article)
{
    if (article.title.trimmed().isEmpty())
        return Error::make(Error::Code::Invalid, u"field \"title\": must not be empty"_s);
    const QString &status = article.status;
    if (status == u"active" || status == u"deprecated" || status == u"removed")
        return ok();
    return Error::make(Error::Code::Invalid,
                       u"field \"status\": \"%1\" is not one of active, deprecated, removed"_s.arg(status.left(80)));
}

Result<QString> idValue(const QJsonValue &v, const QString &field)
{
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > kMaxExactInteger)
            return Error::make(Error::Code::Invalid, u"field \"%1\": must be an integer or a string"_s.arg(field));
        return QString::number(qint64(d));
    }
    if (v.isUndefined() || v.isNull())
        return QString();
    return Error::make(Error::Code::Invalid, u"field \"%1\": must be an integer or a string"_s.arg(field));
}

Result<QString> stringValue(const QJsonValue &v, const QString &field)
{
    if (v.isString())
        return v.toString();
    if (v.isUndefined() || v.isNull())
        return QString();
    return Error::make(Error::Code::Invalid, u"field \"%1\": must be a string"_s.arg(field));
}

Result<QString> languageValue(const QJsonObject &o, const QString &prefix)
{
    for (const char16_t *key : {u"language", u"locale", u"lang"}) {
        const QJsonValue v = o.value(QStringView(key));
        if (v.isUndefined() || v.isNull())
            continue;
        auto tag = stringValue(v, prefix + QString::fromUtf16(key));
        if (!tag)
            return tag.error();
        return languageCode(*tag);
    }
    return QString();
}

void fillLanguage(Article &article)
{
    if (article.language.isEmpty())
        article.language = detectLanguage(QString(article.title + u'\n' + article.body));
}

void fillLanguage(Macro &macro)
{
    if (macro.language.isEmpty())
        macro.language = detectLanguage(QString(macro.title + u'\n' + macro.body));
}

void fillLanguage(Ticket &ticket)
{
    if (!ticket.language.isEmpty())
        return;
    QString text = ticket.subject;
    for (const Message &m : ticket.messages)
        if (m.author == u"customer"_s)
            text += u'\n' + m.body;
    ticket.language = detectLanguage(text);
}

Result<QStringList> stringListValue(const QJsonValue &v, const QString &field)
{
    QStringList out;
    if (v.isUndefined() || v.isNull())
        return out;
    if (v.isString()) {
        for (const QString &s : v.toString().split(u',', Qt::SkipEmptyParts))
            if (const QString t = s.trimmed(); !t.isEmpty())
                out << t;
        return out;
    }
    if (!v.isArray())
        return Error::make(Error::Code::Invalid, u"field \"%1\": must be an array of strings"_s.arg(field));
    const QJsonArray arr = v.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        if (!arr[i].isString())
            return Error::make(Error::Code::Invalid, u"field \"%1[%2]\": must be a string"_s.arg(field).arg(i));
        out << arr[i].toString();
    }
    return out;
}

Result<bool> boolValue(const QJsonValue &v, const QString &field)
{
    if (v.isBool())
        return v.toBool();
    if (v.isUndefined() || v.isNull())
        return false;
    return Error::make(Error::Code::Invalid, u"field \"%1\": must be true or false"_s.arg(field));
}

qint64 IdRegister::add(const QString &id, qint64 position)
{
    const auto it = m_seen.constFind(id);
    if (it != m_seen.constEnd())
        return it.value();
    m_seen.insert(id, position);
    return 0;
}

} // namespace understudy::connectors::detail

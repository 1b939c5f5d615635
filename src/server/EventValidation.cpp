// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventValidation.h"

#include <understudy/Json.h>
#include <understudy/Types.h>

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace understudy::server {

namespace {

enum class Text {
    Line, ///< an identifier or a one-line value: no control character at all
    Free, ///< free text: tab, line feed and carriage return allowed
};

bool isControl(char16_t c, Text text)
{
    if (text == Text::Free && (c == u'\t' || c == u'\n' || c == u'\r'))
        return false;
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/// What is wrong with the characters of @p s, empty when nothing.
QString badCharacters(const QString &s, Text text)
{
    for (const QChar ch : s) {
        if (ch.unicode() == 0)
            return u"must not contain NUL characters"_s;
        if (isControl(ch.unicode(), text))
            return text == Text::Free ? u"must not contain control characters other than tab and line breaks"_s
                                      : u"must not contain control characters"_s;
    }
    if (!QStringView(s).isValidUtf16())
        return u"must not contain unpaired surrogates"_s;
    return {};
}

class Checker {
public:
    Checker(const QJsonObject &o, QString prefix) : m_o(o), m_prefix(std::move(prefix)) {}

    std::optional<FieldProblem> problem;

    /// A string field; absent or null is fine unless @p required (then it must not be empty either).
    bool string(const QString &key, int maxLength, Text text, bool required, QString *out = nullptr)
    {
        if (problem)
            return false;
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return fail(key, u"is required"_s);
            return true;
        }
        if (!v.isString())
            return fail(key, u"must be a string"_s);
        const QString s = v.toString();
        if (required && s.trimmed().isEmpty())
            return fail(key, u"must not be empty"_s);
        if (s.size() > maxLength)
            return fail(key, u"must be at most %1 characters"_s.arg(maxLength));
        if (const QString bad = badCharacters(s, text); !bad.isEmpty())
            return fail(key, bad);
        if (out)
            *out = s;
        return true;
    }

    /// A finite number in [lo, hi]; absent or null is fine; @p whole: an integer.
    bool number(const QString &key, double lo, double hi, bool whole = false)
    {
        if (problem)
            return false;
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d))
            return fail(key, u"must be a number"_s);
        if (whole && std::floor(d) != d)
            return fail(key, u"must be a whole number"_s);
        if (d < lo || d > hi)
            return fail(key, u"must be between %1 and %2"_s.arg(lo).arg(hi));
        return true;
    }

    bool fail(const QString &key, const QString &what)
    {
        problem = FieldProblem{m_prefix + key, what};
        return false;
    }

    const QJsonObject &object() const { return m_o; }
    const QString &prefix() const { return m_prefix; }

private:
    const QJsonObject &m_o;
    QString m_prefix;
};

std::optional<FieldProblem> validateFeatures(const QJsonValue &f, const QString &field)
{
    if (f.isUndefined() || f.isNull())
        return std::nullopt;
    const auto finite = [](const QJsonValue &v) { return v.isDouble() && std::isfinite(v.toDouble()); };
    if (f.isObject()) {
        const QJsonObject o = f.toObject();
        if (o.size() > limits::kMaxFeatures)
            return FieldProblem{field, u"must hold at most %1 numbers"_s.arg(limits::kMaxFeatures)};
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!finite(it.value()) || it.key().size() > 64)
                return FieldProblem{field, u"must hold finite numbers only"_s};
        return std::nullopt;
    }
    if (f.isArray()) {
        const QJsonArray a = f.toArray();
        if (a.size() > limits::kMaxFeatures)
            return FieldProblem{field, u"must hold at most %1 numbers"_s.arg(limits::kMaxFeatures)};
        for (const QJsonValue &v : a)
            if (!finite(v))
                return FieldProblem{field, u"must hold finite numbers only"_s};
        return std::nullopt;
    }
    return FieldProblem{field, u"must be an object of named numbers or an array of numbers"_s};
}

} // namespace

bool isCanonicalUuid(const QString &text)
{
    if (text.size() != 36)
        return false;
    for (qsizetype i = 0; i < 36; ++i) {
        const char16_t c = text[i].unicode();
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'))) {
            return false;
        }
    }
    return true;
}

std::optional<FieldProblem> validateEventJson(const QJsonObject &event, const QString &prefix)
{
    Checker c(event, prefix);
    QString id, kind, at;
    if (!c.string(u"id"_s, 36, Text::Line, true, &id))
        return c.problem;
    if (!isCanonicalUuid(id))
        return FieldProblem{prefix + u"id"_s, u"must be a UUID in canonical lower-case form (8-4-4-4-12 hex digits)"_s};
    if (!c.string(u"kind"_s, 32, Text::Line, true, &kind))
        return c.problem;
    if (!FeedbackEvent::kindFromName(kind))
        return FieldProblem{prefix + u"kind"_s, u"unknown kind \"%1\""_s.arg(kind)};
    c.string(u"agent"_s, limits::kMaxAgent, Text::Line, false);
    c.string(u"ticket_id"_s, limits::kMaxTicketId, Text::Line, true);
    c.string(u"draft_id"_s, limits::kMaxDraftId, Text::Line, false);
    if (!c.string(u"at"_s, limits::kMaxTime, Text::Line, true, &at))
        return c.problem;
    const QDateTime t = json::parseTime(at);
    if (!t.isValid())
        return FieldProblem{prefix + u"at"_s, u"\"%1\" is not an ISO 8601 date-time"_s.arg(at)};
    if (t.date().year() < 1970 || t.date().year() > 9999)
        return FieldProblem{prefix + u"at"_s, u"must be between the years 1970 and 9999"_s};
    c.number(u"confidence"_s, 0, 1);
    c.number(u"raw_confidence"_s, 0, 1);
    c.string(u"final_text"_s, limits::kMaxFinalText, Text::Free, false);
    c.string(u"reason"_s, limits::kMaxReason, Text::Free, false);
    c.string(u"engine"_s, limits::kMaxEngine, Text::Line, false);
    c.string(u"intent"_s, limits::kMaxIntent, Text::Line, false);
    if (c.problem)
        return c.problem;

    const QJsonValue sources = event.value(u"sources"_s);
    qsizetype sourceCount = 0;
    if (!sources.isUndefined() && !sources.isNull()) {
        if (!sources.isArray())
            return FieldProblem{prefix + u"sources"_s, u"must be an array"_s};
        const QJsonArray list = sources.toArray();
        if (list.size() > limits::kMaxSources)
            return FieldProblem{prefix + u"sources"_s, u"must hold at most %1 sources"_s.arg(limits::kMaxSources)};
        sourceCount = list.size();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString sp = prefix + u"sources[%1]"_s.arg(i);
            if (!list[i].isObject())
                return FieldProblem{sp, u"must be an object"_s};
            const QJsonObject so = list[i].toObject();
            Checker s(so, sp + u'.');
            s.string(u"kind"_s, limits::kMaxSourceKind, Text::Line, true);
            s.string(u"id"_s, limits::kMaxSourceId, Text::Line, true);
            s.string(u"title"_s, limits::kMaxSourceTitle, Text::Free, false);
            s.string(u"snippet"_s, limits::kMaxSourceSnippet, Text::Free, false);
            s.string(u"url"_s, limits::kMaxSourceUrl, Text::Line, false);
            s.string(u"intent"_s, limits::kMaxIntent, Text::Line, false);
            s.number(u"score"_s, -1e12, 1e12);
            if (s.problem)
                return s.problem;
            if (auto p = validateFeatures(so.value(u"features"_s), sp + u".features"_s))
                return p;
        }
    }
    if (const QJsonValue used = event.value(u"used_source"_s); !used.isUndefined() && !used.isNull()) {
        const double u = used.toDouble(-1);
        if (!used.isDouble() || !std::isfinite(u) || std::floor(u) != u || u < 0 || u >= double(sourceCount))
            return FieldProblem{prefix + u"used_source"_s, u"must be the index of one of the event's sources"_s};
    }
    const QJsonValue edit = event.value(u"edit"_s);
    if (!edit.isUndefined() && !edit.isNull()) {
        if (!edit.isObject())
            return FieldProblem{prefix + u"edit"_s, u"must be an object or null"_s};
        const QJsonObject eo = edit.toObject();
        Checker e(eo, prefix + u"edit."_s);
        e.number(u"chars"_s, 0, limits::kMaxEditCount, true);
        e.number(u"words"_s, 0, limits::kMaxEditCount, true);
        e.number(u"kept"_s, 0, 1);
        if (e.problem)
            return e.problem;
    }
    return std::nullopt;
}

std::optional<FieldProblem> validateStrings(const QJsonValue &value, const QString &path)
{
    const auto check = [](const QString &s) {
        return s.contains(QChar(0))             ? u"must not contain NUL characters"_s
               : !QStringView(s).isValidUtf16() ? u"must not contain unpaired surrogates"_s
                                                : QString();
    };
    if (value.isString()) {
        if (const QString bad = check(value.toString()); !bad.isEmpty())
            return FieldProblem{path, bad};
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            if (auto p = validateStrings(a[i], u"%1[%2]"_s.arg(path).arg(i)))
                return p;
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString child = path == u"body"_s ? it.key() : path + u'.' + it.key();
            if (const QString bad = check(it.key()); !bad.isEmpty())
                return FieldProblem{path, u"a key "_s + bad};
            if (auto p = validateStrings(it.value(), child))
                return p;
        }
    }
    return std::nullopt;
}

} // namespace understudy::server

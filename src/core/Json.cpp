// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Json.h>

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace understudy::json {

namespace {

Error fieldError(const QString &field, const QString &what)
{
    return Error::make(Error::Code::Invalid, u"field \"%1\": %2"_s.arg(field, what));
}

// A string field: absent or null gives `fallback`, numbers are accepted as ids, anything else is an error.
Result<QString> stringField(const QJsonObject &o, const QString &key, bool required, const QString &prefix = {})
{
    const QJsonValue v = o.value(key);
    if (v.isString())
        return v.toString();
    // Numeric ids are common in exports ({"id": 35436}); numbers anywhere else are a mistake.
    if (v.isDouble() && key == u"id"_s) {
        const double d = v.toDouble();
        if (std::abs(d) < 9e15 && std::floor(d) == d)
            return QString::number(qint64(d));
        return fieldError(prefix + key, u"must be a string or a whole number"_s);
    }
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return fieldError(prefix + key, u"is required"_s);
        return QString();
    }
    return fieldError(prefix + key, u"must be a string"_s);
}

Result<QStringList> stringListField(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    QStringList out;
    if (v.isUndefined() || v.isNull())
        return out;
    if (v.isString()) { // "a, b" is common in exports
        for (const QString &s : v.toString().split(u',', Qt::SkipEmptyParts))
            out << s.trimmed();
        return out;
    }
    if (!v.isArray())
        return fieldError(key, u"must be an array of strings"_s);
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString())
            return fieldError(key, u"must be an array of strings"_s);
        out << e.toString();
    }
    return out;
}

Result<QDateTime> timeField(const QJsonObject &o, const QString &key, const QString &prefix = {})
{
    const QJsonValue v = o.value(key);
    // An empty string is what toJson writes for "no time" (formatTime of an invalid QDateTime): read it back as such.
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()))
        return QDateTime();
    if (!v.isString())
        return fieldError(prefix + key, u"must be an ISO-8601 date-time string"_s);
    QDateTime t = parseTime(v.toString());
    if (!t.isValid())
        return fieldError(prefix + key, u"\"%1\" is not an ISO-8601 date-time"_s.arg(v.toString()));
    return t;
}

QJsonValue nullable(const QString &s)
{
    return s.isNull() ? QJsonValue() : QJsonValue(s);
}

} // namespace

QDateTime parseTime(const QString &text)
{
    const QString s = text.trimmed();
    if (s.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    if (!t.isValid()) {
        const QDate d = QDate::fromString(s, Qt::ISODate);
        if (d.isValid())
            t = QDateTime(d, QTime(0, 0), Qt::UTC);
    }
    if (t.isValid() && t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC); // times without an offset are taken as UTC, never as the machine's zone
    return t.isValid() ? t.toUTC() : QDateTime();
}

QString formatTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QJsonObject toJson(const Customer &c)
{
    return {{u"id"_s, c.id}, {u"name"_s, c.name}, {u"email"_s, c.email}, {u"tier"_s, c.tier}};
}

QJsonObject toJson(const Message &m)
{
    return {{u"author"_s, m.author}, {u"body"_s, m.body}, {u"at"_s, formatTime(m.at)}};
}

QJsonObject toJson(const Ticket &t)
{
    QJsonArray messages;
    for (const Message &m : t.messages)
        messages.append(toJson(m));
    QJsonObject o{{u"id"_s, t.id},           {u"subject"_s, t.subject}, {u"customer"_s, toJson(t.customer)},
                  {u"messages"_s, messages}, {u"intent"_s, t.intent},   {u"status"_s, t.status}};
    if (!t.language.isEmpty())
        o.insert(u"language"_s, t.language);
    if (t.createdAt.isValid())
        o.insert(u"created_at"_s, formatTime(t.createdAt));
    return o;
}

QJsonObject toJson(const Article &a)
{
    return {{u"id"_s, a.id},
            {u"title"_s, a.title},
            {u"body"_s, a.body},
            {u"url"_s, a.url},
            {u"tags"_s, QJsonArray::fromStringList(a.tags)},
            {u"updated_at"_s, formatTime(a.updatedAt)},
            {u"status"_s, a.status}};
}

namespace {
// A source's ranking features on the wire, by name, in Source::features order (LearnedState::kRankFeatures).
// Clients before version 1.1 sent them as an array in this order; both forms are read.
constexpr const char16_t *kFeatureNames[] = {u"cosine", u"relative", u"intent_match", u"answer", u"article", u"macro"};
constexpr qsizetype kFeatureCount = qsizetype(std::size(kFeatureNames));

QJsonValue featuresJson(const QList<double> &features)
{
    if (features.size() != kFeatureCount) { // not the engine's set: kept as it came
        QJsonArray out;
        for (double f : features)
            out.append(f);
        return out;
    }
    QJsonObject out;
    for (qsizetype i = 0; i < kFeatureCount; ++i)
        out.insert(QString::fromUtf16(kFeatureNames[i]), features[i]);
    return out;
}

bool isFeatureValue(const QJsonValue &v)
{
    return v.isDouble() && std::isfinite(v.toDouble()) && std::abs(v.toDouble()) <= 1e6;
}
} // namespace

QJsonObject toJson(const Source &s)
{
    QJsonObject o{
        {u"kind"_s, s.kind}, {u"id"_s, s.id}, {u"title"_s, s.title}, {u"score"_s, s.score}, {u"snippet"_s, s.snippet}};
    if (!s.url.isEmpty())
        o.insert(u"url"_s, s.url);
    if (!s.intent.isEmpty())
        o.insert(u"intent"_s, s.intent);
    if (!s.features.isEmpty())
        o.insert(u"features"_s, featuresJson(s.features));
    return o;
}

QJsonObject toJson(const Escalation &e)
{
    return {{u"escalate"_s, e.escalate},
            {u"reasons"_s, QJsonArray::fromStringList(e.reasons)},
            {u"rules"_s, QJsonArray::fromStringList(e.rules)}};
}

QJsonObject toJson(const DraftSentence &s)
{
    QJsonObject o{{u"text"_s, s.text},
                  {u"source"_s, s.source},
                  {u"support"_s, DraftSentence::supportName(s.support)},
                  {u"claim"_s, DraftSentence::claimName(s.claim)}};
    if (!s.check.isEmpty())
        o.insert(u"check"_s, s.check);
    return o;
}

QJsonObject toJson(const Draft &d)
{
    QJsonArray sources;
    for (const Source &s : d.sources)
        sources.append(toJson(s));
    QJsonArray sentences;
    for (const DraftSentence &s : d.sentences)
        sentences.append(toJson(s));
    QJsonObject evidence;
    for (const auto &[name, value] : d.evidence)
        evidence.insert(name, value);
    QJsonArray codes;
    for (const DraftReason &r : d.reasonCodes)
        codes.append(QJsonObject{{u"code"_s, r.code}, {u"args"_s, QJsonArray::fromStringList(r.args)}});
    QJsonObject o{{u"id"_s, d.id},
                  {u"ticket_id"_s, d.ticketId},
                  {u"text"_s, d.text},
                  {u"confidence"_s, d.confidence},
                  {u"raw_confidence"_s, d.rawConfidence},
                  {u"low_confidence"_s, d.lowConfidence},
                  {u"reasons"_s, QJsonArray::fromStringList(d.reasons)},
                  {u"sources"_s, sources},
                  {u"escalation"_s, toJson(d.escalation)},
                  {u"intent"_s, QJsonObject{{u"label"_s, d.intent},
                                            {u"probability"_s, d.intentProbability},
                                            {u"alternatives"_s, QJsonArray::fromStringList(d.intentAlternatives)},
                                            {u"out_of_scope"_s, d.outOfScope}}},
                  {u"already_tried"_s, QJsonArray::fromStringList(d.alreadyTried)},
                  {u"frustration"_s, d.frustration},
                  {u"latency_ms"_s, d.latencyMs},
                  {u"engine"_s, d.engineVersion},
                  {u"created_at"_s, formatTime(d.createdAt)},
                  {u"mode"_s, Draft::modeName(d.mode)},
                  {u"sentences"_s, sentences},
                  {u"reason_codes"_s, codes},
                  {u"language"_s, d.language},
                  {u"language_mismatch"_s, d.languageMismatch},
                  {u"evidence"_s, evidence}};
    if (!d.basis.isEmpty())
        o.insert(u"basis"_s, d.basis);
    return o;
}

QJsonObject toJson(const FeedbackEvent &e)
{
    QJsonArray sources;
    for (const Source &s : e.sources) {
        QJsonObject so{{u"kind"_s, s.kind}, {u"id"_s, s.id}};
        if (!s.features.isEmpty())
            so.insert(u"features"_s, featuresJson(s.features));
        sources.append(so);
    }
    QJsonObject o{{u"id"_s, e.id},
                  {u"kind"_s, FeedbackEvent::kindName(e.kind)},
                  {u"agent"_s, e.agent},
                  {u"ticket_id"_s, e.ticketId},
                  {u"draft_id"_s, nullable(e.draftId)},
                  {u"at"_s, formatTime(e.at)},
                  {u"confidence"_s, e.confidence},
                  {u"sources"_s, sources},
                  {u"final_text"_s, nullable(e.finalText)},
                  {u"reason"_s, nullable(e.reason)},
                  {u"engine"_s, e.engine}};
    if (e.rawConfidence)
        o.insert(u"raw_confidence"_s, *e.rawConfidence);
    if (!e.intent.isEmpty())
        o.insert(u"intent"_s, e.intent);
    if (e.usedSource)
        o.insert(u"used_source"_s, *e.usedSource);
    if (e.edit)
        o.insert(u"edit"_s,
                 QJsonObject{{u"chars"_s, e.edit->chars}, {u"words"_s, e.edit->words}, {u"kept"_s, e.edit->kept}});
    else
        o.insert(u"edit"_s, QJsonValue());
    return o;
}

Result<Ticket> ticketFromJson(const QJsonObject &o)
{
    Ticket t;
    auto id = stringField(o, u"id"_s, true);
    if (!id)
        return id.error();
    t.id = id->trimmed();
    if (t.id.isEmpty())
        return fieldError(u"id"_s, u"must not be empty"_s);
    for (auto [key, dst] : {std::pair{u"subject"_s, &t.subject},
                            {u"intent"_s, &t.intent},
                            {u"status"_s, &t.status},
                            {u"language"_s, &t.language}}) {
        auto v = stringField(o, key, false);
        if (!v)
            return v.error();
        *dst = *v;
    }
    if (t.status.isEmpty())
        t.status = u"open"_s;
    auto created = timeField(o, u"created_at"_s);
    if (!created)
        return created.error();
    t.createdAt = *created;

    const QJsonValue cv = o.value(u"customer"_s);
    if (cv.isObject()) {
        const QJsonObject c = cv.toObject();
        for (auto [key, dst] : {std::pair{u"id"_s, &t.customer.id},
                                {u"name"_s, &t.customer.name},
                                {u"email"_s, &t.customer.email},
                                {u"tier"_s, &t.customer.tier}}) {
            auto v = stringField(c, key, false, u"customer."_s);
            if (!v)
                return v.error();
            *dst = *v;
        }
        t.customer.tier = t.customer.tier.toLower();
    } else if (!cv.isUndefined() && !cv.isNull()) {
        return fieldError(u"customer"_s, u"must be an object"_s);
    }

    const QJsonValue mv = o.value(u"messages"_s);
    if (mv.isArray()) {
        const QJsonArray arr = mv.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            const QString prefix = u"messages[%1]."_s.arg(i);
            if (!arr[i].isObject())
                return fieldError(u"messages[%1]"_s.arg(i), u"must be an object"_s);
            const QJsonObject m = arr[i].toObject();
            Message msg;
            auto author = stringField(m, u"author"_s, true, prefix);
            if (!author)
                return author.error();
            msg.author = author->toLower();
            if (msg.author != u"customer"_s && msg.author != u"agent"_s)
                return fieldError(prefix + u"author"_s, u"must be \"customer\" or \"agent\""_s);
            auto body = stringField(m, u"body"_s, true, prefix);
            if (!body)
                return body.error();
            msg.body = *body;
            auto at = timeField(m, u"at"_s, prefix);
            if (!at)
                return at.error();
            msg.at = *at;
            t.messages << msg;
        }
    } else if (!mv.isUndefined() && !mv.isNull()) {
        return fieldError(u"messages"_s, u"must be an array"_s);
    }
    // A bare {"id","text"} record (e.g. a question to draft for) becomes one customer message.
    if (t.messages.isEmpty()) {
        auto text = stringField(o, u"text"_s, false);
        if (!text)
            return text.error();
        if (!text->isEmpty())
            t.messages << Message{u"customer"_s, *text, t.createdAt};
    }
    if (t.messages.isEmpty() && t.subject.isEmpty())
        return fieldError(u"messages"_s, u"a ticket needs a subject, a text or at least one message"_s);
    if (!t.createdAt.isValid() && !t.messages.isEmpty())
        t.createdAt = t.messages.first().at;
    return t;
}

Result<Article> articleFromJson(const QJsonObject &o)
{
    Article a;
    for (auto [key, dst, required] : {std::tuple{u"id"_s, &a.id, true},
                                      {u"title"_s, &a.title, true},
                                      {u"body"_s, &a.body, false},
                                      {u"url"_s, &a.url, false}}) {
        auto v = stringField(o, key, required);
        if (!v)
            return v.error();
        *dst = *v;
    }
    a.id = a.id.trimmed();
    if (a.id.isEmpty())
        return fieldError(u"id"_s, u"must not be empty"_s);
    if (a.title.trimmed().isEmpty())
        return fieldError(u"title"_s, u"must not be empty"_s);
    auto tags = stringListField(o, u"tags"_s);
    if (!tags)
        return tags.error();
    a.tags = *tags;
    auto updated = timeField(o, o.contains(u"updated_at"_s) ? u"updated_at"_s : u"updated"_s);
    if (!updated)
        return updated.error();
    a.updatedAt = *updated;
    auto status = stringField(o, u"status"_s, false);
    if (!status)
        return status.error();
    if (!status->isEmpty())
        a.status = status->toLower();
    if (a.status != u"active"_s && a.status != u"deprecated"_s && a.status != u"removed"_s)
        return fieldError(u"status"_s, u"\"%1\" is not one of active, deprecated, removed"_s.arg(a.status.left(80)));
    return a;
}

Result<Source> sourceFromJson(const QJsonObject &o)
{
    Source s;
    for (auto [key, dst, required] : {std::tuple{u"kind"_s, &s.kind, true},
                                      {u"id"_s, &s.id, true},
                                      {u"title"_s, &s.title, false},
                                      {u"snippet"_s, &s.snippet, false},
                                      {u"url"_s, &s.url, false},
                                      {u"intent"_s, &s.intent, false}}) {
        auto v = stringField(o, key, required, u"sources[]."_s);
        if (!v)
            return v.error();
        *dst = *v;
    }
    s.score = o.value(u"score"_s).toDouble();
    if (const QJsonValue f = o.value(u"features"_s); f.isObject()) {
        // By name: every one of the engine's features, nothing else.
        const QJsonObject named = f.toObject();
        for (const char16_t *name : kFeatureNames) {
            const QJsonValue v = named.value(QString::fromUtf16(name));
            if (!isFeatureValue(v))
                return fieldError(u"sources[].features"_s, u"\"%1\" must be a number"_s.arg(QString::fromUtf16(name)));
            s.features << v.toDouble();
        }
        if (named.size() != kFeatureCount)
            return fieldError(u"sources[].features"_s,
                              u"holds names other than cosine, relative, intent_match, answer, article, macro"_s);
    } else if (!f.isUndefined() && !f.isNull()) {
        const QJsonArray list = f.toArray();
        if (!f.isArray() || list.size() > 32)
            return fieldError(u"sources[].features"_s,
                              u"must be an object of named numbers or an array of at most 32 numbers"_s);
        for (const QJsonValue &v : list) {
            if (!isFeatureValue(v))
                return fieldError(u"sources[].features"_s,
                                  u"must be an object of named numbers or an array of at most 32 numbers"_s);
            s.features << v.toDouble();
        }
    }
    return s;
}

Result<Draft> draftFromJson(const QJsonObject &o)
{
    Draft d;
    d.id = o.value(u"id"_s).toString();
    d.ticketId = o.value(u"ticket_id"_s).toString();
    d.text = o.value(u"text"_s).toString();
    d.confidence = o.value(u"confidence"_s).toDouble();
    d.rawConfidence = o.value(u"raw_confidence"_s).toDouble(d.confidence);
    d.lowConfidence = o.value(u"low_confidence"_s).toBool(true);
    for (const QJsonValue &r : o.value(u"reasons"_s).toArray())
        d.reasons << r.toString();
    for (const QJsonValue &sv : o.value(u"sources"_s).toArray()) {
        auto s = sourceFromJson(sv.toObject());
        if (!s)
            return s.error();
        d.sources << *s;
    }
    const QJsonObject esc = o.value(u"escalation"_s).toObject();
    d.escalation.escalate = esc.value(u"escalate"_s).toBool();
    for (const QJsonValue &r : esc.value(u"reasons"_s).toArray())
        d.escalation.reasons << r.toString();
    for (const QJsonValue &r : esc.value(u"rules"_s).toArray())
        d.escalation.rules << r.toString();
    const QJsonObject intent = o.value(u"intent"_s).toObject();
    d.intent = intent.value(u"label"_s).toString();
    d.intentProbability = intent.value(u"probability"_s).toDouble();
    d.outOfScope = intent.value(u"out_of_scope"_s).toBool();
    for (const QJsonValue &r : intent.value(u"alternatives"_s).toArray())
        d.intentAlternatives << r.toString();
    for (const QJsonValue &r : o.value(u"already_tried"_s).toArray())
        d.alreadyTried << r.toString();
    d.frustration = o.value(u"frustration"_s).toDouble();
    d.latencyMs = o.value(u"latency_ms"_s).toDouble();
    d.engineVersion = o.value(u"engine"_s).toString();
    d.basis = o.value(u"basis"_s).toString();
    d.createdAt = parseTime(o.value(u"created_at"_s).toString());
    // Drafts stored before sentences and modes existed read as a holding reply without units.
    d.mode = Draft::modeFromName(o.value(u"mode"_s).toString()).value_or(Draft::Mode::Holding);
    for (const QJsonValue &sv : o.value(u"sentences"_s).toArray()) {
        const QJsonObject so = sv.toObject();
        DraftSentence s;
        s.text = so.value(u"text"_s).toString();
        s.source = so.value(u"source"_s).toString();
        s.support = DraftSentence::supportFromName(so.value(u"support"_s).toString())
                        .value_or(DraftSentence::Support::Unsupported);
        s.claim = DraftSentence::claimFromName(so.value(u"claim"_s).toString()).value_or(DraftSentence::Claim::None);
        s.check = so.value(u"check"_s).toString();
        d.sentences << s;
    }
    for (const QJsonValue &rv : o.value(u"reason_codes"_s).toArray()) {
        const QJsonObject ro = rv.toObject();
        DraftReason r{ro.value(u"code"_s).toString(), {}};
        for (const QJsonValue &a : ro.value(u"args"_s).toArray())
            r.args << a.toString();
        d.reasonCodes << r;
    }
    d.language = o.value(u"language"_s).toString();
    d.languageMismatch = o.value(u"language_mismatch"_s).toBool();
    const QJsonObject evidence = o.value(u"evidence"_s).toObject();
    for (auto it = evidence.begin(); it != evidence.end(); ++it)
        d.evidence.append({it.key(), it.value().toDouble()});
    return d;
}

Result<FeedbackEvent> feedbackEventFromJson(const QJsonObject &o)
{
    FeedbackEvent e;
    auto id = stringField(o, u"id"_s, true);
    if (!id)
        return id.error();
    e.id = *id;
    auto kindName = stringField(o, u"kind"_s, true);
    if (!kindName)
        return kindName.error();
    const auto kind = FeedbackEvent::kindFromName(*kindName);
    if (!kind)
        return fieldError(u"kind"_s, u"unknown kind \"%1\""_s.arg(*kindName));
    e.kind = *kind;
    for (auto [key, dst, required] : {std::tuple{u"agent"_s, &e.agent, false},
                                      {u"ticket_id"_s, &e.ticketId, true},
                                      {u"draft_id"_s, &e.draftId, false},
                                      {u"final_text"_s, &e.finalText, false},
                                      {u"reason"_s, &e.reason, false},
                                      {u"engine"_s, &e.engine, false},
                                      {u"intent"_s, &e.intent, false}}) {
        auto v = stringField(o, key, required);
        if (!v)
            return v.error();
        *dst = *v;
    }
    auto at = timeField(o, u"at"_s);
    if (!at)
        return at.error();
    if (!at->isValid())
        return fieldError(u"at"_s, u"is required"_s);
    e.at = *at;
    const QJsonValue conf = o.value(u"confidence"_s);
    if (!conf.isUndefined() && !conf.isNull() && !conf.isDouble())
        return fieldError(u"confidence"_s, u"must be a number"_s);
    e.confidence = conf.toDouble();
    if (e.confidence < 0 || e.confidence > 1)
        return fieldError(u"confidence"_s, u"must be between 0 and 1"_s);
    if (const QJsonValue raw = o.value(u"raw_confidence"_s); !raw.isUndefined() && !raw.isNull()) {
        if (!raw.isDouble() || raw.toDouble() < 0 || raw.toDouble() > 1)
            return fieldError(u"raw_confidence"_s, u"must be a number between 0 and 1"_s);
        e.rawConfidence = raw.toDouble();
    }
    for (const QJsonValue &sv : o.value(u"sources"_s).toArray()) {
        auto s = sourceFromJson(sv.toObject());
        if (!s)
            return s.error();
        e.sources << *s;
    }
    if (const QJsonValue used = o.value(u"used_source"_s); !used.isUndefined() && !used.isNull()) {
        const double u = used.toDouble(-1);
        if (!used.isDouble() || u != std::floor(u) || u < 0 || u >= double(e.sources.size()))
            return fieldError(u"used_source"_s, u"must be the index of one of the event's sources"_s);
        e.usedSource = int(u);
    }
    const QJsonValue edit = o.value(u"edit"_s);
    if (edit.isObject()) {
        const QJsonObject eo = edit.toObject();
        e.edit = EditStats{eo.value(u"chars"_s).toInt(), eo.value(u"words"_s).toInt(), eo.value(u"kept"_s).toDouble(1)};
    }
    return e;
}

} // namespace understudy::json

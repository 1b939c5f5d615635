// SPDX-License-Identifier: GPL-3.0-or-later
#include "Eval.h"

#include "ClaimCheck.h"
#include "Commands.h"
#include "Engine.h"
#include "Importers.h"
#include "Selector.h"
#include "Store.h"
#include "TicketReader.h"

#include <QCommandLineParser>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace understudy::cli {

namespace metrics {

std::optional<double> percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const double pos = std::clamp(p, 0.0, 1.0) * double(values.size() - 1);
    const auto lo = size_t(std::floor(pos));
    const size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (values[hi] - values[lo]) * (pos - double(lo));
}

std::optional<double> auroc(const std::vector<std::pair<double, bool>> &scored)
{
    std::vector<std::pair<double, bool>> s = scored;
    std::sort(s.begin(), s.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    double positives = 0, rankSum = 0;
    for (size_t i = 0; i < s.size();) {
        size_t j = i;
        while (j < s.size() && s[j].first == s[i].first)
            ++j;
        const double midRank = (double(i + 1) + double(j)) / 2; // ranks i+1 … j share their mean
        for (size_t k = i; k < j; ++k) {
            if (s[k].second) {
                positives += 1;
                rankSum += midRank;
            }
        }
        i = j;
    }
    const double negatives = double(s.size()) - positives;
    if (positives == 0 || negatives == 0)
        return std::nullopt;
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
}

std::optional<double> expectedCalibrationError(const std::vector<std::pair<double, bool>> &outcomes, int bins)
{
    if (outcomes.empty() || bins < 1)
        return std::nullopt;
    std::vector<double> count(size_t(bins), 0), probability(size_t(bins), 0), happened(size_t(bins), 0);
    for (const auto &[p, ok] : outcomes) {
        const auto b = size_t(std::clamp(int(std::floor(p * bins)), 0, bins - 1));
        count[b] += 1;
        probability[b] += p;
        happened[b] += ok ? 1 : 0;
    }
    double ece = 0;
    for (size_t b = 0; b < size_t(bins); ++b)
        if (count[b] > 0)
            ece += count[b] / double(outcomes.size()) * std::abs(happened[b] / count[b] - probability[b] / count[b]);
    return ece;
}

QStringList answerTokens(const QString &text)
{
    // SQuAD deletes ASCII punctuation (string.punctuation, which includes symbols such as $ and +); all Unicode
    // punctuation and symbols (’ “ – … → €) go too, so typographic quotes and menu arrows in a knowledge base
    // neither spoil tokens nor count as tokens.
    QString s;
    s.reserve(text.size());
    for (const QChar c : text.toLower()) {
        if (c.isPunct() || c.isSymbol())
            continue;
        s += c;
    }
    static const QRegularExpression articles(u"\\b(a|an|the)\\b"_s, QRegularExpression::UseUnicodePropertiesOption);
    s.replace(articles, u" "_s);
    return s.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
}

double tokenF1(const QString &prediction, const QString &gold)
{
    const QStringList p = answerTokens(prediction);
    const QStringList g = answerTokens(gold);
    if (p.isEmpty() || g.isEmpty())
        return p.isEmpty() && g.isEmpty() ? 1.0 : 0.0;
    QHash<QString, int> goldCounts;
    for (const QString &t : g)
        ++goldCounts[t];
    int common = 0;
    for (const QString &t : p) {
        auto it = goldCounts.find(t);
        if (it != goldCounts.end() && *it > 0) {
            --*it;
            ++common;
        }
    }
    if (common == 0)
        return 0;
    const double precision = double(common) / double(p.size());
    const double recall = double(common) / double(g.size());
    return 2 * precision * recall / (precision + recall);
}

} // namespace metrics

namespace {

const QString kOutOfScope = u"out_of_scope"_s;

/// What a ticket should have got. Every part is optional; a metric counts only the tickets that have its part.
struct Gold {
    QStringList articles;         ///< article ids that answer the ticket
    QString intent;               ///< the topic, or "out_of_scope" when nothing known answers it
    std::optional<bool> escalate; ///< whether a careful human would hand it on
    QString span;                 ///< the text in the source that answers it (doc2dial's grounding span)
    QString reference;            ///< a real agent reply, for the length ratio
    QJsonObject json;             ///< as read, for --predictions

    bool outOfScope() const { return intent == kOutOfScope; }
    /// A source can be right: there are gold articles or an in-scope intent (an answer-bank source with that intent).
    bool hasSource() const { return !articles.isEmpty() || (!intent.isEmpty() && !outOfScope()); }
    bool isRight(const Source &s) const
    {
        if (s.kind == u"article"_s)
            return articles.contains(s.id);
        if (s.kind == u"answer"_s)
            return !intent.isEmpty() && !outOfScope() && s.intent == intent;
        return false;
    }
};

struct Item {
    Ticket ticket;
    Gold gold;
    qint64 line = 0;
    bool fromStore = false; ///< the line named a ticket of the store ({"id","gold"} only)
};

Error lineError(const QString &file, qint64 line, const QString &message)
{
    return Error::at(file, line, message);
}

Result<Gold> readGold(const QJsonValue &v, const QString &file, qint64 line)
{
    Gold g;
    if (v.isUndefined() || v.isNull())
        return g;
    if (!v.isObject())
        return lineError(file, line, u"\"gold\" must be an object"_s);
    const QJsonObject o = v.toObject();
    g.json = o;
    if (const QJsonValue a = o.value(u"articles"_s); !a.isUndefined() && !a.isNull()) {
        if (!a.isArray())
            return lineError(file, line, u"gold.articles must be an array of article ids"_s);
        for (const QJsonValue &id : a.toArray()) {
            if (!id.isString() || id.toString().trimmed().isEmpty())
                return lineError(file, line, u"gold.articles must be an array of non-empty strings"_s);
            g.articles << id.toString().trimmed();
        }
    }
    for (auto [key, dst] : {std::pair{u"intent"_s, &g.intent}, {u"span"_s, &g.span}, {u"reference"_s, &g.reference}}) {
        const QJsonValue s = o.value(key);
        if (s.isUndefined() || s.isNull())
            continue;
        if (!s.isString())
            return lineError(file, line, u"gold.%1 must be a string"_s.arg(key));
        *dst = s.toString();
    }
    if (const QJsonValue e = o.value(u"escalate"_s); !e.isUndefined() && !e.isNull()) {
        if (!e.isBool())
            return lineError(file, line, u"gold.escalate must be true or false"_s);
        g.escalate = e.toBool();
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        static const QSet<QString> known{u"articles"_s, u"intent"_s, u"escalate"_s, u"span"_s, u"reference"_s};
        if (!known.contains(it.key()))
            return lineError(file, line,
                             u"unknown gold key \"%1\" (expected articles, intent, escalate, span, "
                             "reference)"_s.arg(it.key()));
    }
    return g;
}

/// Reads the eval input: tickets with gold, or {"id","gold"} naming a ticket of the store (resolved later).
Result<QList<Item>> readInput(const QString &path, qsizetype limit)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{Error::Code::Io, u"cannot read: %1"_s.arg(f.errorString()), path, 0};
    QByteArray data = f.readAll();
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    QList<Item> items;
    QHash<QString, qint64> seen;
    qint64 lineNo = 0;
    for (const QByteArray &raw : data.split('\n')) {
        ++lineNo;
        if (raw.trimmed().isEmpty())
            continue;
        if (limit >= 0 && items.size() >= limit)
            break;
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(raw, &pe);
        if (pe.error != QJsonParseError::NoError)
            return lineError(path, lineNo, u"invalid JSON: %1 (at byte %2)"_s.arg(pe.errorString()).arg(pe.offset + 1));
        if (!doc.isObject())
            return lineError(path, lineNo, u"expected a JSON object"_s);
        const QJsonObject o = doc.object();
        // Ids are strings; like the importer, an integer is taken as its digits.
        const QJsonValue idValue = o.value(u"id"_s);
        QString id = idValue.toString().trimmed();
        if (idValue.isDouble() && std::trunc(idValue.toDouble()) == idValue.toDouble() &&
            std::abs(idValue.toDouble()) < 9e15)
            id = QString::number(qint64(idValue.toDouble()));
        if (id.isEmpty())
            return lineError(path, lineNo, u"missing \"id\" (a non-empty string)"_s);
        Item item;
        item.line = lineNo;
        auto gold = readGold(o.value(u"gold"_s), path, lineNo);
        if (!gold)
            return gold.error();
        item.gold = *gold;
        bool onlyIdAndGold = true;
        for (auto it = o.begin(); it != o.end(); ++it)
            onlyIdAndGold = onlyIdAndGold && (it.key() == u"id"_s || it.key() == u"gold"_s);
        if (onlyIdAndGold) {
            item.fromStore = true;
            item.ticket.id = id;
        } else {
            // The importer's own reader, so that a ticket line means here what it means to `import tickets`.
            auto ticket = connectors::parseTicketsJsonl(raw, path);
            if (!ticket) {
                Error e = ticket.error();
                e.line = lineNo;
                return e;
            }
            item.ticket = ticket->first();
        }
        if (const qint64 first = seen.value(item.ticket.id))
            return lineError(path, lineNo, u"duplicate id \"%1\" (first on line %2)"_s.arg(item.ticket.id).arg(first));
        seen.insert(item.ticket.id, lineNo);
        items << item;
    }
    return items;
}

QString primaryLanguage(const QString &code)
{
    const QString c = code.trimmed().toLower().section(u'-', 0, 0).section(u'_', 0, 0);
    return c.isEmpty() ? u"en"_s : c;
}

/// The figures of one draft against its gold.
struct Outcome {
    const Item *item = nullptr;
    Draft draft;
    Draft::Mode mode = Draft::Mode::Holding;
    bool modeInferred = false;
    int goldRank = -1; ///< index of the first right source, -1 when none is right
    int bodyLength = 0;
    QString ticketLanguage;
    bool languageMatch = false;
    std::optional<double> spanF1;
    /// Span F1 of a draft whose only sources are the gold articles (Engine's DraftScope): what selection makes of
    /// the right document, as doc2dial's published span figures are measured.
    std::optional<double> spanF1GivenGold;
    QString answerGivenGold;         ///< the answer text that figure read
    bool unsupported = false;        ///< a unit with support Unsupported
    bool unsupportedAction = false;  ///< … that claims an action
    QStringList foreignPersonalData; ///< personal data in the draft that this ticket and its customer do not hold

    bool rightAt(int k) const { return goldRank >= 0 && goldRank < k; }
};

/// The draft's mode. An engine from before drafts had units leaves Draft::mode at its default (holding), so for a
/// draft without units the mode is read from the text: the voice's holding reply, else a hand-off when escalated,
/// else an answer.
Draft::Mode modeOf(const Draft &d, const engine::VoiceProfile &voice, bool *inferred)
{
    *inferred = d.sentences.isEmpty();
    if (!*inferred)
        return d.mode;
    for (const QString &holding : voice.holding)
        if (!holding.isEmpty() && d.text.contains(holding))
            return Draft::Mode::Holding;
    return d.escalation.escalate ? Draft::Mode::Handoff : Draft::Mode::Answer;
}

/// The names of the store's customers (full and first names), for the personal-data check: a draft that names one
/// of them who is not this ticket's customer leaks another customer's data. First names shorter than three letters
/// are left out (initials); names are matched case-sensitively as whole words.
Result<QStringList> namesOfCustomers(store::Store &store)
{
    auto tickets = store.tickets({}, -1, false);
    if (!tickets)
        return tickets.error();
    QSet<QString> names;
    for (const Ticket &t : *tickets) {
        const QString full = t.customer.name.simplified();
        if (full.isEmpty())
            continue;
        names.insert(full);
        if (const QString first = t.customer.firstName(); first.size() >= 3)
            names.insert(first);
    }
    QStringList out(names.begin(), names.end());
    out.sort();
    return out;
}

/// The answer a draft selected, as span F1 reads it: its units a knowledge source holds (a draft without units, from
/// an engine before #15: its text).
QString answerText(const Draft &draft)
{
    if (draft.sentences.isEmpty())
        return draft.text;
    QStringList kb;
    for (const DraftSentence &s : draft.sentences)
        if (s.support == DraftSentence::Support::Kb)
            kb << s.text;
    return kb.join(u' ');
}

Outcome score(const Item &item, Draft draft, const engine::VoiceProfile &voice, const QStringList &customerNames)
{
    Outcome o;
    o.item = &item;
    o.mode = modeOf(draft, voice, &o.modeInferred);
    for (int i = 0; i < draft.sources.size() && o.goldRank < 0; ++i)
        if (item.gold.isRight(draft.sources[i]))
            o.goldRank = i;
    // A draft without units (an engine before #15) has no body apart from its text.
    const QString body = draft.sentences.isEmpty() ? draft.text : draft.body();
    o.bodyLength = int(body.size());
    QString ticketLanguage = item.ticket.language;
    if (ticketLanguage.trimmed().isEmpty())
        ticketLanguage = engine::TicketReader::read(item.ticket).language;
    o.ticketLanguage = primaryLanguage(ticketLanguage);
    o.languageMatch = primaryLanguage(draft.language) == o.ticketLanguage;
    for (const DraftSentence &s : draft.sentences) {
        if (s.support == DraftSentence::Support::Unsupported) {
            o.unsupported = true;
            o.unsupportedAction = o.unsupportedAction || s.claim == DraftSentence::Claim::Action;
        }
    }
    // Another customer's data can come only from what was written to someone else (a past reply) or from what the
    // engine adds itself: article and macro text is written for every customer, and its phone numbers and examples
    // are nobody's personal data. A draft without units is checked whole.
    QStringList personal;
    for (const DraftSentence &s : draft.sentences)
        if (!s.source.startsWith(u"article:"_s) && !s.source.startsWith(u"macro:"_s))
            personal << s.text;
    o.foreignPersonalData =
        engine::ClaimCheck::foreignPersonalData(draft.sentences.isEmpty() ? draft.text : personal.join(u'\n'),
                                                engine::TicketFacts::of(item.ticket), customerNames);
    if (!item.gold.span.isEmpty())
        o.spanF1 = metrics::tokenF1(answerText(draft), item.gold.span);
    o.draft = std::move(draft);
    return o;
}

QJsonObject unitFeatures(const QString &ticketId, const engine::UnitTrace &u)
{
    static const char *const kinds[] = {"sentence", "list", "procedure", "heading", "code"};
    return QJsonObject{
        {u"id"_s, ticketId},
        {u"source"_s, u.source},
        {u"call"_s, u.call},
        {u"text"_s, u.text},
        {u"kind"_s, QString::fromLatin1(kinds[int(u.kind)])},
        {u"depends"_s, u.dependsOnPrevious},
        {u"cosine"_s, u.sim.cosine},
        {u"coverage"_s, u.sim.queryCoverage},
        {u"matched"_s, u.sim.matchedTerms},
        {u"bigrams"_s, u.cues.bigrams},
        {u"section_title"_s, u.cues.sectionTitle},
        {u"position"_s, u.cues.position},
        {u"words"_s, u.cues.words},
        {u"neighbour"_s, u.cues.neighbour},
        {u"score"_s, u.score},
        {u"taken"_s, u.taken},
    };
}

QJsonValue number(std::optional<double> v, int decimals = 4)
{
    if (!v || !std::isfinite(*v))
        return QJsonValue::Null;
    const double scale = std::pow(10.0, decimals);
    return std::round(*v * scale) / scale;
}

std::optional<double> share(qsizetype part, qsizetype whole)
{
    if (whole == 0)
        return std::nullopt;
    return double(part) / double(whole);
}

QString pct(std::optional<double> v)
{
    return v ? u"%1 %"_s.arg(100 * *v, 0, 'f', 1) : u"-"_s;
}

QString fixed(std::optional<double> v, int decimals = 3)
{
    return v ? QString::number(*v, 'f', decimals) : u"-"_s;
}

std::optional<double> mean(const std::vector<double> &values)
{
    if (values.empty())
        return std::nullopt;
    double sum = 0;
    for (double v : values)
        sum += v;
    return sum / double(values.size());
}

/// The report of a run: every key is always present (null when no ticket had the gold it needs).
struct Report {
    QJsonObject json;
    QString text;
};

Report summarise(const QList<Outcome> &outcomes)
{
    qsizetype sourceN = 0, top1 = 0, top5 = 0, intentN = 0, intentRight = 0;
    qsizetype escN = 0, tp = 0, fp = 0, fn = 0, oosN = 0, oosFlagged = 0, top3N = 0, top3Holding = 0;
    qsizetype withUnits = 0, unsupported = 0, unsupportedAction = 0, languageMatch = 0, languageSaysWhy = 0;
    qsizetype inferred = 0, escalated = 0, lowConfidence = 0, wrong = 0, foreignData = 0;
    QHash<QString, qsizetype> modes;
    std::vector<double> bodyLengths, ratios, f1s, f1sTopRight, f1sGivenGold, latencies;
    std::vector<std::pair<double, bool>> calibration;
    for (const Outcome &o : outcomes) {
        const Gold &g = o.item->gold;
        const Draft &d = o.draft;
        ++modes[Draft::modeName(o.mode)];
        inferred += o.modeInferred;
        escalated += d.escalation.escalate;
        if (g.hasSource()) {
            ++sourceN;
            top1 += o.rightAt(1);
            top5 += o.rightAt(5);
            if (o.rightAt(3)) {
                ++top3N;
                top3Holding += o.mode == Draft::Mode::Holding;
            }
        }
        // "Top source right" is scored wherever a source can be right or where none can (out of scope: any top
        // source is wrong). A hand-off's confidence is about the hand-off, not its sources: it is left out.
        if ((g.hasSource() || g.outOfScope()) && o.mode != Draft::Mode::Handoff) {
            calibration.push_back({d.confidence, o.rightAt(1)});
            lowConfidence += d.lowConfidence;
            wrong += !o.rightAt(1);
        }
        if (!g.intent.isEmpty() && !g.outOfScope()) {
            ++intentN;
            intentRight += d.intent == g.intent;
        }
        if (g.outOfScope()) {
            ++oosN;
            oosFlagged += d.outOfScope || o.mode == Draft::Mode::Holding;
        }
        if (g.escalate) {
            ++escN;
            tp += *g.escalate && d.escalation.escalate;
            fp += !*g.escalate && d.escalation.escalate;
            fn += *g.escalate && !d.escalation.escalate;
        }
        bodyLengths.push_back(o.bodyLength);
        if (!g.reference.trimmed().isEmpty())
            ratios.push_back(double(o.bodyLength) / double(g.reference.trimmed().size()));
        if (o.spanF1) {
            f1s.push_back(*o.spanF1);
            if (o.rightAt(1))
                f1sTopRight.push_back(*o.spanF1);
        }
        if (o.spanF1GivenGold)
            f1sGivenGold.push_back(*o.spanF1GivenGold);
        if (!d.sentences.isEmpty()) {
            ++withUnits;
            unsupported += o.unsupported;
            unsupportedAction += o.unsupportedAction;
        }
        foreignData += !o.foreignPersonalData.isEmpty();
        if (o.languageMatch)
            ++languageMatch;
        else if (d.languageMismatch)
            ++languageSaysWhy;
        latencies.push_back(d.latencyMs);
    }
    const qsizetype n = outcomes.size();
    const auto meanF1 = mean(f1s);
    const auto meanF1TopRight = mean(f1sTopRight);
    const auto meanF1GivenGold = mean(f1sGivenGold);
    const auto precision = share(tp, tp + fp);
    const auto recall = share(tp, tp + fn);
    const auto auc = metrics::auroc(calibration);
    const auto ece = metrics::expectedCalibrationError(calibration, 10);
    const auto bodyMedian = metrics::percentile(bodyLengths, 0.5);
    const auto bodyP95 = metrics::percentile(bodyLengths, 0.95);
    const auto bodyMax = metrics::percentile(bodyLengths, 1.0);
    const auto ratioMedian = metrics::percentile(ratios, 0.5);
    const auto latencyP50 = metrics::percentile(latencies, 0.5);
    const auto latencyP99 = metrics::percentile(latencies, 0.99);
    const auto languageShare = share(languageMatch + languageSaysWhy, n);

    QJsonObject modeCounts;
    for (Draft::Mode m : {Draft::Mode::Answer, Draft::Mode::Handoff, Draft::Mode::Holding})
        modeCounts.insert(Draft::modeName(m), modes.value(Draft::modeName(m)));
    QJsonObject j{
        {u"n"_s, n},
        {u"n_source_gold"_s, sourceN},
        {u"source_top1"_s, number(share(top1, sourceN))},
        {u"source_recall5"_s, number(share(top5, sourceN))},
        {u"n_intent_gold"_s, intentN},
        {u"intent_top1"_s, number(share(intentRight, intentN))},
        {u"n_escalation_gold"_s, escN},
        {u"escalated"_s, escalated},
        {u"escalation_true_positives"_s, tp},
        {u"escalation_false_positives"_s, fp},
        {u"escalation_false_negatives"_s, fn},
        {u"escalation_precision"_s, number(precision)},
        {u"escalation_recall"_s, number(recall)},
        {u"n_out_of_scope"_s, oosN},
        {u"out_of_scope_flagged"_s, oosFlagged},
        {u"out_of_scope_flagged_share"_s, number(share(oosFlagged, oosN))},
        {u"n_gold_in_top3"_s, top3N},
        {u"holding_when_gold_in_top3"_s, top3Holding},
        {u"holding_when_gold_in_top3_share"_s, number(share(top3Holding, top3N))},
        {u"modes"_s, modeCounts},
        {u"modes_inferred"_s, inferred},
        {u"body_length_median"_s, number(bodyMedian, 1)},
        {u"body_length_p95"_s, number(bodyP95, 1)},
        {u"body_length_max"_s, number(bodyMax, 1)},
        {u"n_reference"_s, qsizetype(ratios.size())},
        {u"body_to_reference_median"_s, number(ratioMedian, 3)},
        {u"drafts_with_units"_s, withUnits},
        {u"drafts_unsupported"_s, unsupported},
        {u"drafts_unsupported_action"_s, unsupportedAction},
        {u"drafts_foreign_personal_data"_s, foreignData},
        {u"language_match"_s, languageMatch},
        {u"language_says_why"_s, languageSaysWhy},
        {u"language_ok_share"_s, number(languageShare)},
        {u"n_span"_s, qsizetype(f1s.size())},
        {u"span_f1"_s, number(meanF1)},
        {u"n_span_top_right"_s, qsizetype(f1sTopRight.size())},
        {u"span_f1_top_right"_s, number(meanF1TopRight)},
        {u"n_span_given_gold"_s, qsizetype(f1sGivenGold.size())},
        {u"span_f1_given_gold"_s, number(meanF1GivenGold)},
        {u"n_calibration"_s, qsizetype(calibration.size())},
        {u"confidence_auroc"_s, number(auc)},
        {u"confidence_ece"_s, number(ece)},
        {u"low_confidence_share"_s, number(share(lowConfidence, qsizetype(calibration.size())))},
        {u"top_source_wrong_share"_s, number(share(wrong, qsizetype(calibration.size())))},
        {u"latency_p50_ms"_s, number(latencyP50, 3)},
        {u"latency_p99_ms"_s, number(latencyP99, 3)},
    };

    QString t;
    t += u"eval: %1 tickets\n"_s.arg(n);
    t += u"  gold source      top-1 %1, recall@5 %2 (%3 tickets with a gold source)\n"_s
             .arg(pct(share(top1, sourceN)), pct(share(top5, sourceN)))
             .arg(sourceN);
    t += u"  intent           top-1 %1 (%2 with an in-scope gold intent)\n"_s.arg(pct(share(intentRight, intentN)))
             .arg(intentN);
    t += u"  escalation       precision %1, recall %2 (%3 right, %4 false, %5 missed of %6 with gold; %7 escalated)\n"_s
             .arg(pct(precision), pct(recall))
             .arg(tp)
             .arg(fp)
             .arg(fn)
             .arg(escN)
             .arg(escalated);
    t += u"  out of scope     %1 of %2 flagged (out of scope or a holding reply)\n"_s.arg(oosFlagged).arg(oosN);
    t += u"  holding replies  %1 of %2 drafts with the gold source in the top 3 (%3)\n"_s.arg(top3Holding)
             .arg(top3N)
             .arg(pct(share(top3Holding, top3N)));
    t += u"  modes            answer %1, handoff %2, holding %3%4\n"_s.arg(modes.value(u"answer"_s))
             .arg(modes.value(u"handoff"_s))
             .arg(modes.value(u"holding"_s))
             .arg(inferred ? u" (%1 read from the text: the drafts have no units)"_s.arg(inferred) : QString());
    t += u"  body length      median %1, p95 %2, max %3 characters; median %4 × the reference (%5 with one)\n"_s
             .arg(fixed(bodyMedian, 0), fixed(bodyP95, 0), fixed(bodyMax, 0), fixed(ratioMedian, 2))
             .arg(ratios.size());
    t +=
        u"  unsupported      %1 drafts with an unsupported unit, %2 with an unsupported action (%3 drafts have units)\n"_s
            .arg(unsupported)
            .arg(unsupportedAction)
            .arg(withUnits);
    t += u"  personal data    %1 drafts with personal data this ticket and its customer do not hold\n"_s.arg(
        foreignData);
    t += u"  language         %1 in the ticket's language or saying why (%2 match, %3 say why)\n"_s
             .arg(pct(languageShare))
             .arg(languageMatch)
             .arg(languageSaysWhy);
    t += u"  answer span F1   %1 end to end (%2 with a gold span), %3 when the top source is gold (%4), %5 given the "
         "gold articles (%6)\n"_s.arg(fixed(meanF1))
             .arg(f1s.size())
             .arg(fixed(meanF1TopRight))
             .arg(f1sTopRight.size())
             .arg(fixed(meanF1GivenGold))
             .arg(f1sGivenGold.size());
    t +=
        u"  confidence       AUROC %1, ECE %2, low confidence %3 vs top source wrong %4 (%5 drafts, hand-offs aside)\n"_s
            .arg(fixed(auc), fixed(ece), pct(share(lowConfidence, qsizetype(calibration.size()))),
                 pct(share(wrong, qsizetype(calibration.size()))))
            .arg(calibration.size());
    t += u"  latency          p50 %1 ms, p99 %2 ms\n"_s.arg(fixed(latencyP50, 2), fixed(latencyP99, 2));
    return {j, t};
}

QJsonObject prediction(const Outcome &o)
{
    const Draft &d = o.draft;
    QJsonArray sources;
    for (const Source &s : d.sources) {
        QJsonObject so{{u"kind"_s, s.kind}, {u"id"_s, s.id}, {u"score"_s, number(s.score)}};
        if (!s.intent.isEmpty())
            so.insert(u"intent"_s, s.intent);
        sources.append(so);
    }
    return {{u"id"_s, o.item->ticket.id},
            {u"sources"_s, sources},
            {u"gold"_s, o.item->gold.json},
            {u"gold_rank"_s, o.goldRank < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(o.goldRank + 1)},
            {u"right@1"_s, o.rightAt(1)},
            {u"right@5"_s, o.rightAt(5)},
            {u"confidence"_s, number(d.confidence)},
            {u"low_confidence"_s, d.lowConfidence},
            {u"mode"_s, Draft::modeName(o.mode)},
            {u"mode_inferred"_s, o.modeInferred},
            {u"escalate"_s, d.escalation.escalate},
            {u"escalation_rules"_s, QJsonArray::fromStringList(d.escalation.rules)},
            {u"intent"_s, d.intent},
            {u"out_of_scope"_s, d.outOfScope},
            {u"body_length"_s, o.bodyLength},
            {u"language"_s, d.language},
            {u"ticket_language"_s, o.ticketLanguage},
            {u"language_mismatch"_s, d.languageMismatch},
            {u"span_f1"_s, number(o.spanF1)},
            {u"span_f1_given_gold"_s, number(o.spanF1GivenGold)},
            {u"answer_given_gold"_s, o.answerGivenGold},
            {u"foreign_personal_data"_s, QJsonArray::fromStringList(o.foreignPersonalData)},
            {u"latency_ms"_s, number(d.latencyMs, 3)},
            {u"text"_s, d.text}};
}

Status writeAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return Error{Error::Code::Io, u"cannot write: %1"_s.arg(f.errorString()), path, 0};
    return ok();
}

} // namespace

int cmdEval(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"input"_s,
                 u"Tickets with gold, one JSON object per line: a ticket plus \"gold\":{\"articles\",\"intent\","
                 "\"escalate\",\"span\",\"reference\"}, or just {\"id\",\"gold\"} for a ticket already in the store."_s,
                 u"TICKETS.jsonl"_s});
    p.addOption({u"kb"_s, u"Knowledge to import first, as `import kb` reads it (repeatable)."_s, u"PATH"_s});
    p.addOption({u"history"_s,
                 u"Tickets to import first, as `import tickets` reads them: the resolved ones become "
                 "the answer bank (repeatable)."_s,
                 u"FILE"_s});
    p.addOption({u"report"_s, u"Write the figures as JSON here."_s, u"OUT.json"_s});
    p.addOption({u"predictions"_s, u"Write one JSON line per ticket here (sources, gold, draft)."_s, u"FILE.jsonl"_s});
    p.addOption({u"limit"_s, u"Only the first N tickets of --input."_s, u"N"_s});
    p.addOption({u"unit-features"_s,
                 u"Write every unit the select stage scored when drafting from the gold articles, one JSON line "
                 "each (its signals, score, whether taken): what bench/datasets/fit_unit_scorer.py fits on."_s,
                 u"FILE.jsonl"_s});
    addEngineOptions(p);
    if (auto r = parse(p, args,
                       u"Draft for every ticket of --input and measure the drafts against its gold: the gold source's "
                       "rank, intent, escalation, out-of-scope, holding replies, length, unsupported units, language, "
                       "answer-span F1, confidence (AUROC, ECE) and latency.\n"
                       "With --db the knowledge and tickets of that store are used (--kb and --history add to it); "
                       "without, a temporary store."_s))
        return *r;
    if (!p.isSet(u"input"_s))
        return fail(u"eval needs --input TICKETS.jsonl"_s);
    qsizetype limit = -1;
    if (p.isSet(u"limit"_s)) {
        bool okNumber = false;
        limit = p.value(u"limit"_s).toLongLong(&okNumber);
        if (!okNumber || limit < 0)
            return fail(u"--limit must be a number of tickets"_s);
    }
    const QString inputPath = p.value(u"input"_s);
    auto items = readInput(inputPath, limit);
    if (!items)
        return fail(items.error());
    if (items->isEmpty())
        return fail(Error::at(inputPath, 0, u"no tickets"_s));

    QTemporaryDir tmp;
    if (db.isEmpty() && !tmp.isValid())
        return fail(u"cannot create a temporary folder: %1"_s.arg(tmp.errorString()));
    auto store = openStore(db.isEmpty() ? tmp.filePath(u"eval.db"_s) : db);
    if (!store)
        return fail(store.error());
    // The store's other articles stay active: --kb adds knowledge, it does not replace it.
    if (const QStringList kb = p.values(u"kb"_s); !kb.isEmpty())
        if (const int code = importKnowledge(**store, kb, false); code != 0)
            return code;
    for (const QString &path : p.values(u"history"_s)) {
        auto tickets = connectors::readTickets(path, {});
        if (!tickets)
            return fail(tickets.error());
        auto report = (*store)->importTickets(*tickets, originOf(path), progressPrinter(u"importing "_s + path));
        if (!report)
            return fail(report.error());
        out(u"%1: %2 tickets (%3 answer-bank entries)\n"_s.arg(path).arg(tickets->size()).arg(report->answers));
    }
    for (Item &item : *items) {
        if (!item.fromStore)
            continue;
        auto t = (*store)->ticket(item.ticket.id);
        if (!t)
            return fail(t.error());
        if (!*t)
            return fail(Error::at(
                inputPath, item.line,
                u"no ticket \"%1\" in the store %2 (a line with only \"id\" and \"gold\" names a "
                "ticket of the store; give the whole ticket otherwise)"_s.arg(item.ticket.id, (*store)->db().path())));
        item.ticket = **t;
    }

    auto customerNames = namesOfCustomers(**store);
    if (!customerNames)
        return fail(customerNames.error());
    auto engine = loadEngine(p, **store);
    if (!engine)
        return fail(engine.error());
    QList<Outcome> outcomes;
    outcomes.reserve(items->size());
    QByteArray unitLines;
    const bool traceUnits = p.isSet(u"unit-features"_s);
    for (const Item &item : *items) {
        auto d = (*engine)->draft(item.ticket, **store);
        if (!d)
            return fail(d.error());
        outcomes << score(item, std::move(*d), (*engine)->config().voice, *customerNames);
        if (!item.gold.span.isEmpty() && !item.gold.articles.isEmpty()) {
            QList<engine::UnitTrace> trace;
            auto given = (*engine)->draft(item.ticket, **store,
                                          engine::DraftScope{item.gold.articles, traceUnits ? &trace : nullptr});
            if (!given)
                return fail(given.error());
            for (const engine::UnitTrace &u : std::as_const(trace))
                unitLines += QJsonDocument(unitFeatures(item.ticket.id, u)).toJson(QJsonDocument::Compact) + '\n';
            outcomes.last().answerGivenGold = answerText(*given);
            outcomes.last().spanF1GivenGold = metrics::tokenF1(outcomes.last().answerGivenGold, item.gold.span);
        }
    }

    Report report = summarise(outcomes);
    out(report.text);
    if (traceUnits)
        if (Status s = writeAtomically(p.value(u"unit-features"_s), unitLines); !s)
            return fail(s.error());
    if (p.isSet(u"predictions"_s)) {
        QByteArray lines;
        for (const Outcome &o : outcomes)
            lines += QJsonDocument(prediction(o)).toJson(QJsonDocument::Compact) + '\n';
        if (Status s = writeAtomically(p.value(u"predictions"_s), lines); !s)
            return fail(s.error());
    }
    if (p.isSet(u"report"_s)) {
        QJsonObject o = report.json;
        o.insert(u"input"_s, inputPath);
        o.insert(u"kb"_s, QJsonArray::fromStringList(p.values(u"kb"_s)));
        o.insert(u"history"_s, QJsonArray::fromStringList(p.values(u"history"_s)));
        o.insert(u"engine"_s, QString::fromLatin1(engine::Engine::kVersion));
        o.insert(u"low_confidence_threshold"_s, (*engine)->config().lowConfidenceThreshold);
        if (Status s = writeAtomically(p.value(u"report"_s), QJsonDocument(o).toJson()); !s)
            return fail(s.error());
    }
    return 0;
}

} // namespace understudy::cli

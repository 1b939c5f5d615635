// SPDX-License-Identifier: GPL-3.0-or-later
#include "Engine.h"

#include "Analyzer.h"
#include "Sentiment.h"
#include "Store.h"
#include "TicketReader.h"

#include <understudy/Clock.h>

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <unordered_set>

Q_LOGGING_CATEGORY(lcEngine, "understudy.engine", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

// Intent voting: the k nearest past questions vote with weight (score / top score)^sharpness
// (30 and 4 measured best of {10,15,30} x {2,4,8,16} on BANKING77 and CLINC150 replays),
// so near-ties share the vote and distant hits barely count.
constexpr int kIntentVoters = 30;
constexpr double kIntentSharpness = 4.0;
// An article section's vote counts this much of a past question's.
constexpr double kArticleVote = 0.5;
// The intent ranking: this share from the classifier, the rest from the neighbours' vote (0.8 measured better
// than 0.7 on both the BANKING77 and CLINC150 replays, 0.9 and 1.0 worse on one of them).
constexpr double kModelShare = 0.8;
// Below this similarity the best source is not an answer to the question: write a holding reply instead.
constexpr double kMinSimilarity = 0.10;
constexpr double kMinQueryCoverage = 0.3;
// ... or agrees with a topic vote at least this strong. Chosen on the demo queue (open tickets drafted
// against the resolved ones): 42 of 82 usable, 28 of them on the right source, vs 25 and 17 at 0.45.
constexpr double kMinAgreement = 0.35;

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

QString snippetOf(const QString &text, qsizetype max = 200)
{
    QString s = text.simplified();
    if (s.size() > max) {
        s.truncate(max);
        const qsizetype space = s.lastIndexOf(u' ');
        if (space > max / 2)
            s.truncate(space);
        s += u'…';
    }
    return s;
}

QString percent(double x)
{
    return u"%1%"_s.arg(qRound(100 * x));
}

} // namespace

struct Engine::Candidate {
    enum class Kind { Answer, Chunk, Macro };
    explicit Candidate(Kind k) : kind(k) {}
    Kind kind;
    qint64 docId = 0;
    double bm25 = 0;
    double relative = 0; ///< bm25 / best bm25 in its index
    double coverage = 0;      ///< similarity to the question, see Engine::coverage()
    double queryCoverage = 0; ///< share of the question's weight the source contains
    int matchedTerms = 0;     ///< distinct question terms the source contains
    double rank = 0;
    QString intent;
    Source source;
    // Payload for composition.
    QString reply;
    QString title, heading, body, url;
    bool deprecated = false;
};

Engine::Engine(EngineConfig config, EscalationRules rules)
    : m_config(std::move(config)), m_rules(std::move(rules)), m_composer(m_config.voice)
{
}

Status Engine::load(store::Store &store)
{
    QElapsedTimer timer;
    timer.start();
    InvertedIndex::Builder answers, chunks, macros;
    std::vector<uint16_t> answerIntent;
    std::vector<uint8_t> answerHasReply;
    std::vector<QString> intents{QString()};
    QHash<QString, uint16_t> intentIds;
    std::vector<std::string> terms;
    const auto maxLabelled = qsizetype(std::max(0, m_config.intentExamples));
    QList<std::pair<QString, QString>> labelled; // (question, intent), the most recent maxLabelled

    // Which topic each help-centre URL answers: the majority intent of the past replies citing it.
    QHash<QString, QHash<uint16_t, int>> urlVotes;
    static const QRegularExpression urlPattern(u"https?://[^\\s<>()\\[\\]\"']+"_s);
    US_TRY(store.forEachAnswer([&](const store::Answer &a) {
        terms.clear();
        Analyzer::terms(a.question, terms);
        if (terms.empty())
            return;
        const auto id = uint32_t(a.id);
        answers.add(id, terms);
        if (answerIntent.size() <= id) {
            answerIntent.resize(id + 1, 0);
            answerHasReply.resize(id + 1, 0);
        }
        if (!a.intent.isEmpty()) {
            auto it = intentIds.find(a.intent);
            if (it == intentIds.end()) {
                it = intentIds.insert(a.intent, uint16_t(intents.size()));
                intents.push_back(a.intent);
            }
            answerIntent[id] = *it;
            labelled.append({a.question, a.intent});
            if (labelled.size() > 2 * maxLabelled)
                labelled.remove(0, labelled.size() - maxLabelled);
            for (auto m = a.reply.contains(u"http"_s) ? urlPattern.globalMatch(a.reply) : QRegularExpressionMatchIterator();
                 m.hasNext();) {
                QString url = m.next().captured(0);
                while (!url.isEmpty() && QStringView(u".,;:!?").contains(url.back()))
                    url.chop(1);
                ++urlVotes[url][*it];
            }
        }
        answerHasReply[id] = a.reply.isEmpty() ? 0 : 1;
    }));
    QHash<QString, uint16_t> urlIntent;
    for (auto it = urlVotes.cbegin(); it != urlVotes.cend(); ++it) {
        uint16_t best = 0;
        int bestCount = 0;
        for (auto v = it->cbegin(); v != it->cend(); ++v)
            if (v.value() > bestCount || (v.value() == bestCount && v.key() < best))
                best = v.key(), bestCount = v.value();
        urlIntent.insert(it.key(), best);
    }
    std::vector<uint16_t> chunkIntent;
    size_t chunkCount = 0;
    US_TRY(store.forEachChunk([&](const store::ChunkRow &c) {
        if (c.status == u"removed"_s)
            return;
        if (const uint16_t intent = urlIntent.value(c.url, 0)) {
            if (chunkIntent.size() <= size_t(c.chunk.id))
                chunkIntent.resize(size_t(c.chunk.id) + 1, 0);
            chunkIntent[size_t(c.chunk.id)] = intent;
        }
        terms.clear();
        // Titles and headings say what a section is about: count them twice.
        const QString head = c.articleTitle + u' ' + c.chunk.heading;
        Analyzer::terms(head, terms);
        Analyzer::terms(head, terms);
        Analyzer::terms(c.chunk.body, terms);
        chunks.add(uint32_t(c.chunk.id), terms);
        ++chunkCount;
    }));
    auto macroList = store.macros();
    if (!macroList)
        return macroList.error();
    for (qsizetype i = 0; i < macroList->size(); ++i) {
        terms.clear();
        Analyzer::terms((*macroList)[i].title + u' ' + (*macroList)[i].body, terms);
        macros.add(uint32_t(i), terms);
    }

    IntentModel intentModel;
    for (qsizetype i = std::max<qsizetype>(0, labelled.size() - maxLabelled); i < labelled.size(); ++i)
        intentModel.add(labelled[i].first, labelled[i].second);
    labelled.clear();
    if (intentModel.exampleCount() > 0) {
        intentModel.retrain();
        intentModel.calibrate();
        // The store keeps the texts: the next load re-fits. Corrections of this session still teach the model
        // online (and through the answer index at once).
        intentModel.dropExamples();
    }

    auto learned = learnedFrom(store);
    if (!learned)
        return learned.error();

    InvertedIndex answerIndex = answers.build(), chunkIndex = chunks.build(), macroIndex = macros.build();
    std::unique_lock lock(m_lock);
    m_learned = std::move(*learned);
    m_intentModel = std::move(intentModel);
    m_intentIds = std::move(intentIds);
    m_answers = std::move(answerIndex);
    m_chunks = std::move(chunkIndex);
    m_macroIndex = std::move(macroIndex);
    m_answerIntent = std::move(answerIntent);
    m_answerHasReply = std::move(answerHasReply);
    m_chunkIntent = std::move(chunkIntent);
    m_intents = std::move(intents);
    m_macros = *macroList;
    m_stats.answers = m_answers.documentCount();
    m_stats.chunks = chunkCount;
    m_stats.macros = size_t(m_macros.size());
    m_stats.memoryBytes = m_answers.memoryBytes() + m_chunks.memoryBytes() + m_macroIndex.memoryBytes() +
                          m_answerIntent.size() * 3 + m_intentModel.memoryBytes();
    m_stats.loadMs = double(timer.nsecsElapsed()) / 1e6;
    lock.unlock();
    qCInfo(lcEngine) << "engine loaded:" << m_stats.answers << "answers," << m_stats.chunks << "chunks,"
                     << m_stats.macros << "macros in" << qRound(m_stats.loadMs) << "ms";
    return ok();
}

double Engine::coverage(const std::vector<std::string> &query, const QString &docText, const InvertedIndex &index,
                        double *queryCoverage, int *matchedTerms)
{
    // An idf-weighted overlap of distinct terms, normalised by both sides (a cosine over binary
    // term vectors): a long ticket matched by a short past question scores like the reverse.
    const std::vector<std::string> docTerms = Analyzer::terms(docText);
    const std::unordered_set<std::string_view> doc(docTerms.begin(), docTerms.end());
    const std::unordered_set<std::string_view> q(query.begin(), query.end());
    double qTotal = 0, dTotal = 0, matched = 0;
    for (std::string_view t : q) {
        const double w = index.idf(t);
        qTotal += w * w;
        if (doc.contains(t)) {
            matched += w * w;
            if (matchedTerms)
                ++*matchedTerms;
        }
    }
    for (std::string_view t : doc) {
        const double w = index.idf(t);
        dTotal += w * w;
    }
    if (queryCoverage)
        *queryCoverage = qTotal > 0 ? matched / qTotal : 0.0;
    return qTotal > 0 && dTotal > 0 ? matched / std::sqrt(qTotal * dTotal) : 0.0;
}

void Engine::learn(const store::Answer &answer)
{
    std::vector<std::string> terms;
    Analyzer::terms(answer.question, terms);
    std::unique_lock lock(m_lock);
    if (answer.id > 0 && !terms.empty()) {
        const auto id = uint32_t(answer.id);
        if (m_answers.contains(id))
            m_answers.remove(id); // an answer updated in place (same key) replaces its old text
        m_answers.add(id, terms);
        if (m_answerIntent.size() <= id) {
            m_answerIntent.resize(id + 1, 0);
            m_answerHasReply.resize(id + 1, 0);
        }
        m_answerIntent[id] = answer.intent.isEmpty() ? 0 : intentId(answer.intent);
        m_answerHasReply[id] = answer.reply.isEmpty() ? 0 : 1;
    }
    if (!answer.intent.isEmpty()) {
        m_intentModel.learn(answer.question, answer.intent);
        m_intentModel.retrainIfDue();
    }
    m_stats.answers = m_answers.documentCount();
}

void Engine::apply(const FeedbackEvent &event)
{
    std::unique_lock lock(m_lock);
    m_learned.apply(event);
}

std::optional<int> Engine::usedSource(const QList<Source> &sources, const QString &finalText, bool edited,
                                      store::Store &store)
{
    if (sources.isEmpty())
        return std::nullopt;
    if (!edited)
        return 0;
    std::vector<std::string> reply = Analyzer::terms(finalText);
    std::sort(reply.begin(), reply.end());
    reply.erase(std::unique(reply.begin(), reply.end()), reply.end());
    if (reply.empty())
        return std::nullopt;
    std::optional<int> best;
    double bestShare = 0.5 - 1e-9;
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const Source &s = sources[i];
        QString text;
        if (s.kind == u"answer"_s) {
            auto a = store.answerByKey(s.id);
            if (!a)
                return std::nullopt;
            if (*a)
                text = (*a)->reply.isEmpty() ? (*a)->question : (*a)->reply;
        } else if (s.kind == u"article"_s) {
            auto a = store.article(s.id);
            if (!a)
                return std::nullopt;
            if (*a)
                text = (*a)->title + u'\n' + (*a)->body;
        } else if (s.kind == u"macro"_s) {
            auto macros = store.macros();
            if (!macros)
                return std::nullopt;
            for (const Macro &m : std::as_const(*macros))
                if (m.id == s.id)
                    text = m.body;
        }
        const std::vector<std::string> terms = Analyzer::terms(text);
        const std::unordered_set<std::string_view> held(terms.begin(), terms.end());
        size_t shared = 0;
        for (const std::string &t : reply)
            shared += held.contains(t);
        const double share = double(shared) / double(reply.size());
        if (share > bestShare) {
            bestShare = share;
            best = int(i);
        }
    }
    return best;
}

Result<LearnedState> Engine::learnedFrom(store::Store &store)
{
    auto parts = store.learnedParts();
    if (!parts)
        return parts.error();
    LearnedState learned;
    // Standalone, or a server that has not shared its state yet: the fold of the whole local log.
    auto events = parts->isEmpty() ? store.events() : store.outbox(std::numeric_limits<int>::max());
    if (!events)
        return events.error();
    for (const auto &[key, data] : std::as_const(*parts)) {
        // One damaged record costs what it taught, not the engine.
        if (auto st = learned.setPart(key, data); !st)
            qCWarning(lcEngine) << "skipping a learned-state record:" << st.error().message;
    }
    // With the team's state from the server: only what the server has not acknowledged yet is missing from it.
    for (const FeedbackEvent &e : std::as_const(*events))
        learned.apply(e);
    return learned;
}

void Engine::setLearnedState(LearnedState state)
{
    std::unique_lock lock(m_lock);
    m_learned = std::move(state);
}

LearnedState Engine::learnedState() const
{
    std::shared_lock lock(m_lock);
    return m_learned;
}

void Engine::consolidate()
{
    std::unique_lock lock(m_lock);
    if (m_intentModel.exampleCount() > 0) {
        m_intentModel.retrain();
        m_intentModel.calibrate();
    }
}

uint16_t Engine::intentId(const QString &intent)
{
    auto it = m_intentIds.constFind(intent);
    if (it != m_intentIds.constEnd())
        return it.value();
    const auto id = uint16_t(m_intents.size());
    m_intents.push_back(intent);
    m_intentIds.insert(intent, id);
    return id;
}

Result<Draft> Engine::draft(const Ticket &ticket, store::Store &store) const
{
    QElapsedTimer timer;
    timer.start();
    std::shared_lock lock(m_lock);
    Draft d;
    d.id = Clock::newId();
    d.ticketId = ticket.id;
    d.engineVersion = QString::fromLatin1(kVersion);
    d.createdAt = Clock::now();

    // 1. Read, 2. signals.
    const ReadTicket read = TicketReader::read(ticket);
    d.alreadyTried = read.alreadyTried;
    int customerMessages = 0;
    for (const Message &m : ticket.messages)
        customerMessages += m.author == u"customer"_s;
    const Frustration frustration = Sentiment::score(read.subject + u'\n' + read.text, std::max(0, customerMessages - 2));
    d.frustration = frustration.score;

    // 3. Escalation.
    QString handoffMacro;
    d.escalation = m_rules.evaluate(read.subject + u'\n' + read.text, ticket.customer.tier, frustration.score, &handoffMacro);

    // 4. Retrieve.
    std::vector<std::string> query;
    Analyzer::terms(read.subject, query);
    Analyzer::terms(read.queryText, query);
    const auto answerHits = m_answers.search(query, size_t(m_config.answerCandidates));
    const auto chunkHits = m_chunks.search(query, size_t(m_config.chunkCandidates));
    const auto macroHits = m_macroIndex.search(query, 3);

    // Intent: weighted vote of the nearest past questions.
    QHash<QString, double> votes;
    double voteTotal = 0;
    if (!answerHits.empty()) {
        const double top = answerHits.front().score;
        for (size_t i = 0; i < answerHits.size() && i < size_t(kIntentVoters); ++i) {
            const uint32_t doc = answerHits[i].doc;
            const uint16_t intent = doc < m_answerIntent.size() ? m_answerIntent[doc] : 0;
            if (intent == 0)
                continue;
            const double w = std::pow(double(answerHits[i].score) / top, kIntentSharpness);
            votes[m_intents[intent]] += w;
            voteTotal += w;
        }
    }
    // Article sections vote too, for the topic of the past replies that cite their article.
    if (!chunkHits.empty()) {
        const double top = chunkHits.front().score;
        for (size_t i = 0; i < chunkHits.size() && i < 5; ++i) {
            const uint32_t doc = chunkHits[i].doc;
            const uint16_t intent = doc < m_chunkIntent.size() ? m_chunkIntent[doc] : 0;
            if (intent == 0)
                continue;
            const double w = kArticleVote * std::pow(double(chunkHits[i].score) / top, kIntentSharpness);
            votes[m_intents[intent]] += w;
            voteTotal += w;
        }
    }
    // Blend the neighbours' vote with the classifier's distribution over all labels it knows.
    QHash<QString, double> blended;
    const double modelShare = m_intentModel.labelCount() > 0 ? kModelShare : 0.0;
    for (auto it = votes.cbegin(); it != votes.cend(); ++it)
        blended[it.key()] += (1 - modelShare) * it.value() / (voteTotal + 0.3); // a small prior: one lucky
                                                                                // neighbour is not certainty
    QHash<QString, double> calibrated; // what the classifier's record says of each label it proposes
    if (modelShare > 0) {
        for (const auto &s : m_intentModel.predict(read.subject + u'\n' + read.queryText, 5)) {
            blended[s.label] += modelShare * s.rawProbability;
            calibrated.insert(s.label, s.probability);
        }
    }
    QList<std::pair<double, QString>> ranked;
    for (auto it = blended.cbegin(); it != blended.cend(); ++it)
        ranked.append({it.value(), it.key()});
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (!ranked.isEmpty()) {
        d.intent = ranked.first().second;
        // Shown: the classifier's calibrated probability when it has one, else the blended vote share.
        d.intentProbability = std::min(1.0, calibrated.value(d.intent, modelShare > 0 ? 0.0 : ranked.first().first));
        for (qsizetype i = 1; i < ranked.size() && i < 5; ++i)
            d.intentAlternatives << ranked[i].second;
        // Out of scope: the calibrated chance that neither the chosen topic nor its strongest rival is right beats
        // the chosen topic's. A doubt between two close known topics is not that; a question like none of the past
        // ones spreads its probability over many topics, or gives every topic little.
        double rival = 0;
        for (auto it = calibrated.cbegin(); it != calibrated.cend(); ++it)
            if (it.key() != d.intent)
                rival = std::max(rival, it.value());
        d.outOfScope = m_intentModel.isCalibrated() && d.intentProbability < 1.0 - d.intentProbability - rival;
    }

    // 5. Rank: fetch the leading candidates and score them on one scale.
    std::vector<Candidate> candidates;
    const size_t answerFetch = std::min<size_t>(answerHits.size(), 8);
    for (size_t i = 0; i < answerHits.size() && candidates.size() < answerFetch + 4; ++i) {
        const uint32_t doc = answerHits[i].doc;
        const uint16_t intent = doc < m_answerIntent.size() ? m_answerIntent[doc] : 0;
        // Beyond the first few, only fetch answers that agree with the predicted intent.
        if (i >= answerFetch && (intent == 0 || m_intents[intent] != d.intent))
            continue;
        auto a = store.answer(doc);
        if (!a)
            return a.error();
        if (!*a)
            continue;
        Candidate c(Candidate::Kind::Answer);
        c.docId = doc;
        c.bm25 = answerHits[i].score;
        c.relative = c.bm25 / answerHits.front().score;
        c.coverage = coverage(query, (*a)->question, m_answers, &c.queryCoverage, &c.matchedTerms);
        c.intent = (*a)->intent;
        c.reply = (*a)->reply;
        c.source = Source{u"answer"_s,
                          (*a)->key,
                          snippetOf((*a)->question, 90),
                          0,
                          snippetOf((*a)->reply.isEmpty() ? (*a)->question : (*a)->reply),
                          {},
                          (*a)->intent,
                          {}};
        const bool intentMatch = !d.intent.isEmpty() && c.intent == d.intent;
        c.rank = 0.6 * c.coverage + 0.2 * c.relative + (intentMatch ? 0.2 : 0.0);
        c.source.features = {c.coverage, c.relative, intentMatch ? 1.0 : 0.0, 1, 0, 0};
        candidates.push_back(std::move(c));
    }
    for (size_t i = 0; i < chunkHits.size() && i < 5; ++i) {
        auto row = store.chunk(chunkHits[i].doc);
        if (!row)
            return row.error();
        if (!*row || (*row)->status == u"removed"_s)
            continue;
        const store::ChunkRow &r = **row;
        Candidate c(Candidate::Kind::Chunk);
        c.docId = r.chunk.id;
        c.bm25 = chunkHits[i].score;
        c.relative = c.bm25 / chunkHits.front().score;
        c.coverage = coverage(query, r.articleTitle + u' ' + r.chunk.heading + u' ' + r.chunk.body, m_chunks, &c.queryCoverage, &c.matchedTerms);
        c.deprecated = r.status == u"deprecated"_s;
        c.title = r.articleTitle;
        c.heading = r.chunk.heading;
        c.body = r.chunk.body;
        c.url = r.url;
        const QString title = r.chunk.heading == r.articleTitle ? r.articleTitle : r.articleTitle + u" › "_s + r.chunk.heading;
        c.source = Source{u"article"_s, r.chunk.articleId, title, 0, snippetOf(r.chunk.body), r.url, {}, {}};
        c.rank = (0.6 * c.coverage + 0.2 * c.relative) * (c.deprecated ? 0.6 : 1.0);
        const uint16_t topic = size_t(r.chunk.id) < m_chunkIntent.size() ? m_chunkIntent[size_t(r.chunk.id)] : 0;
        const bool intentMatch = topic != 0 && !d.intent.isEmpty() && m_intents[topic] == d.intent;
        c.source.features = {c.coverage, c.relative, intentMatch ? 1.0 : 0.0, 0, 1, 0};
        candidates.push_back(std::move(c));
    }
    for (const auto &h : macroHits) {
        const Macro &m = m_macros[qsizetype(h.doc)];
        Candidate c(Candidate::Kind::Macro);
        c.docId = h.doc;
        c.bm25 = h.score;
        c.relative = h.score / macroHits.front().score;
        c.coverage = coverage(query, m.title + u' ' + m.body, m_chunks, &c.queryCoverage, &c.matchedTerms);
        c.reply = m.body;
        c.source = Source{u"macro"_s, m.id, m.title, 0, snippetOf(m.body), {}, {}, {}};
        c.rank = 0.5 * c.coverage; // macros are generic: they rarely answer the question itself
        c.source.features = {c.coverage, c.relative, 0, 0, 0, 1};
        candidates.push_back(std::move(c));
    }
    // The sources agents used when the engine had ranked others above them move the ranking's weights; what
    // agents did with drafts built on each source moves it up or down (both neutral until learned).
    const auto adjust = m_learned.rankAdjustment();
    for (Candidate &c : candidates) {
        for (int k = 0; k < LearnedState::kRankFeatures; ++k)
            c.rank += adjust[size_t(k)] * c.source.features[k];
        c.rank = std::max(0.0, c.rank) * m_learned.rankFactor(c.source.kind, c.source.id);
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) { return a.rank > b.rank; });

    // The draft's base: the best candidate that can be turned into a reply.
    const Candidate *base = nullptr;
    for (const Candidate &c : candidates) {
        if (c.kind == Candidate::Kind::Answer && c.reply.isEmpty())
            continue; // a labelled question without a reply informs the intent, not the text
        base = &c;
        break;
    }
    const Candidate *bestIntentAnswer = nullptr;
    for (const Candidate &c : candidates)
        if (c.kind == Candidate::Kind::Answer && (d.intent.isEmpty() || c.intent == d.intent)) {
            bestIntentAnswer = &c;
            break;
        }

    // 6. Compose.
    CompositionInput in;
    in.language = read.language;
    in.firstName = ticket.customer.firstName();
    in.triedActions = read.triedActions;
    in.acknowledgeTried = true;
    in.escalate = !handoffMacro.isEmpty();
    if (in.escalate) {
        // A macro in the customer's language ("m-escalated-refund-de") wins over the default one.
        const QString localized = handoffMacro + u'-' + read.language;
        for (const Macro &m : m_macros) {
            if (m.id == localized) {
                in.handoffText = m.body;
                break;
            }
            if (m.id == handoffMacro)
                in.handoffText = m.body;
        }
    }
    // A source answers the question when it is similar enough, shares more than one word with it,
    // and either covers much of the question or agrees with what similar past tickets were about.
    const bool agrees = base && !d.intent.isEmpty() && base->intent == d.intent && d.intentProbability >= kMinAgreement;
    const bool usable = base && base->coverage >= kMinSimilarity && base->matchedTerms >= 2 &&
                        (base->queryCoverage >= kMinQueryCoverage || agrees);
    if (usable) {
        if (base->kind == Candidate::Kind::Chunk) {
            in.articleTitle = base->title;
            in.articleHeading = base->heading;
            in.articleBody = base->body;
            in.articleUrl = base->url;
        } else {
            in.reusedReply = base->reply;
        }
    }
    QStringList dropped;
    d.text = m_composer.compose(in, &dropped);

    // Sources: the base first, then the rest by rank; scores on the 0–1 ranking scale.
    QSet<QString> listed;
    auto addSource = [&](const Candidate &c) {
        const QString key = c.source.kind + u':' + c.source.id;
        if (listed.contains(key) || d.sources.size() >= m_config.sourcesShown)
            return;
        listed.insert(key);
        Source s = c.source;
        s.score = std::round(c.rank * 1000) / 1000;
        d.sources << s;
    };
    if (usable)
        addSource(*base);
    if (bestIntentAnswer)
        addSource(*bestIntentAnswer);
    for (const Candidate &c : candidates)
        addSource(c);

    // 7. Confidence: a hand-set logistic model over the evidence until calibration learns it.
    const double cov = usable ? base->coverage : (base ? base->coverage : 0.0);
    const bool reply = usable && base->kind != Candidate::Kind::Chunk;
    const bool deprecated = usable && base->deprecated;
    const double qcov = base ? base->queryCoverage : 0.0;
    double z = -3.4 + 4.0 * cov + 1.5 * qcov + 1.6 * d.intentProbability + (reply ? 0.8 : 0.0) - (deprecated ? 1.5 : 0.0);
    if (!usable)
        z = std::min(z, -2.5);
    d.rawConfidence = std::round(sigmoid(z) * 1000) / 1000;
    d.confidence = std::round(m_learned.calibrated(d.rawConfidence) * 1000) / 1000;
    d.lowConfidence = d.confidence < m_config.lowConfidenceThreshold;

    if (!usable) {
        d.reasons << u"Nothing in the knowledge base or past replies fits this question well: needs a human"_s;
    } else if (base->kind == Candidate::Kind::Answer) {
        d.reasons << u"Reuses a past reply to a similar question (similarity %1)"_s.arg(percent(cov));
    } else if (base->kind == Candidate::Kind::Chunk) {
        d.reasons << u"Built from the article \"%1\" (similarity %2)"_s.arg(base->title, percent(cov));
    } else {
        d.reasons << u"Built from the macro \"%1\""_s.arg(base->source.title);
    }
    if (d.outOfScope)
        d.reasons << u"No known topic fits this question well: needs a human"_s;
    if (!d.intent.isEmpty()) {
        if (d.intentProbability >= 0.6)
            d.reasons << u"Similar past tickets agree on the topic \"%1\" (%2)"_s.arg(d.intent, percent(d.intentProbability));
        else
            d.reasons << u"Similar past tickets disagree on the topic (\"%1\" only %2)"_s.arg(d.intent, percent(d.intentProbability));
    }
    if (deprecated)
        d.reasons << u"The source article is marked deprecated and may be out of date"_s;
    if (usable && m_learned.reputation(base->source.kind, base->source.id) < 0.4)
        d.reasons << u"Agents often rejected or flagged drafts built on this source"_s;
    if (m_learned.outcomes() >= LearnedState::kMinCalibrationOutcomes)
        d.reasons << u"Confidence calibrated on %1 past drafts the team acted on"_s.arg(m_learned.outcomes());
    if (usable && cov < 0.3)
        d.reasons << u"Only part of the question is covered by the source"_s;
    static const QRegularExpression placeholder(u"\\{[a-z_]+\\}"_s);
    QStringList toFill;
    for (auto it = placeholder.globalMatch(d.text); it.hasNext();)
        toFill << it.next().captured(0);
    if (!toFill.isEmpty())
        d.reasons << u"Fill in before sending: %1"_s.arg(toFill.join(u", "_s));
    if (!dropped.isEmpty())
        d.reasons << u"Left out %n step(s) the customer already tried"_s.replace(u"%n"_s, QString::number(dropped.size()));
    if (d.escalation.escalate)
        d.reasons << u"Escalation: "_s + d.escalation.reasons.join(u"; "_s);
    if (!frustration.signals.isEmpty() && frustration.score >= 0.4)
        d.reasons << u"The customer sounds frustrated (%1)"_s.arg(frustration.signals.join(u", "_s));

    d.latencyMs = double(timer.nsecsElapsed()) / 1e6;
    return d;
}

} // namespace understudy::engine

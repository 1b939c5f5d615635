// SPDX-License-Identifier: GPL-3.0-or-later
#include "Engine.h"

#include "Analyzer.h"
#include "ClaimCheck.h"
#include "Lexicon.h"
#include "Selector.h"
#include "Sentiment.h"
#include "Store.h"
#include "TicketReader.h"

#include <understudy/Chunker.h>
#include <understudy/Clock.h>
#include <understudy/Text.h>

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <mutex>
#include <unordered_set>

Q_LOGGING_CATEGORY(lcEngine, "understudy.engine", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

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

/// @brief How well @p text matches the question: for a ticket in another language, the better of the whole query
/// and its English words alone (@p english), so an English source is not held back by the ticket's own words.
Similarity questionSimilarity(const std::vector<std::string> &query, const std::vector<std::string> &english,
                              QStringView text, const InvertedIndex &index)
{
    const Similarity whole = similarity(query, text, index);
    if (english.empty())
        return whole;
    const Similarity inEnglish = similarity(english, text, index);
    return inEnglish.cosine > whole.cosine ? inEnglish : whole;
}

/// @brief The share of the question's adjacent term pairs (@p pairs, stop words out: "reset my password" →
/// reset password) that @p text holds in the same order, next to each other: a phrase matched, not two words apart.
double pairShare(const std::vector<std::pair<std::string, std::string>> &pairs, QStringView text)
{
    if (pairs.empty())
        return 0;
    const std::vector<std::string> terms = Analyzer::terms(text);
    size_t held = 0;
    for (const auto &[first, second] : pairs)
        for (size_t i = 1; i < terms.size(); ++i)
            if (terms[i] == second && terms[i - 1] == first) {
                ++held;
                break;
            }
    return double(held) / double(pairs.size());
}

QString percent(double x)
{
    return u"%1%"_s.arg(qRound(100 * x));
}

/// @brief The labelled questions of a load, oldest first: each one's topic and length (up to what the intent model
/// reads), and the texts themselves while they fit the budget. Beyond it, sampled() reads the sampled texts in a second
/// pass, so memory stays within the budget at any number of labelled questions.
class LabelledQuestions {
public:
    explicit LabelledQuestions(std::size_t budget) : m_budget(budget) {}

    void add(const QString &question, uint16_t intent)
    {
        const auto chars = std::min(question.size(), IntentModel::kMaxChars);
        m_intent.push_back(intent);
        m_chars.push_back(uint32_t(chars));
        m_total += std::size_t(chars);
        if (m_total > m_budget && !m_textsDropped) {
            m_textsDropped = true;
            m_text = {};
        }
        if (!m_textsDropped)
            m_text.append(question.left(chars));
    }
    std::size_t count() const { return m_intent.size(); }

    /// @brief The balanced sample's texts and topics (IntentModel::balancedSample), in order; frees the rest.
    Status sampled(store::Store &store, const QHash<QString, uint16_t> &intentIds, QList<QString> &text,
                   std::vector<uint16_t> &intent)
    {
        const std::vector<std::size_t> sample = IntentModel::balancedSample(m_intent, m_chars, m_budget);
        text.reserve(qsizetype(sample.size()));
        if (!m_textsDropped) {
            for (const std::size_t i : sample) {
                text.append(m_text[qsizetype(i)]);
                intent.push_back(uint16_t(m_intent[i]));
            }
        } else {
            std::vector<bool> wanted(m_intent.size(), false);
            for (const std::size_t i : sample)
                wanted[i] = true;
            std::size_t ordinal = 0;
            // The same order as the first pass (by id). An answer another connection adds meanwhile comes last; the
            // topic is read here, so a text never meets another question's label.
            US_TRY(store.forEachAnswer([&](const store::Answer &a) {
                if (a.intent.isEmpty() || a.question.trimmed().isEmpty() || ordinal >= wanted.size())
                    return;
                if (!wanted[ordinal++])
                    return;
                if (const auto it = intentIds.constFind(a.intent); it != intentIds.constEnd()) {
                    text.append(a.question.left(IntentModel::kMaxChars));
                    intent.push_back(*it);
                }
            }));
        }
        m_text = {};
        m_intent = {};
        m_chars = {};
        return ok();
    }

private:
    std::size_t m_budget;
    QList<QString> m_text;
    std::vector<std::uint32_t> m_intent, m_chars;
    std::size_t m_total = 0;
    bool m_textsDropped = false;
};

} // namespace

struct Engine::Candidate {
    enum class Kind { Answer, Chunk, Macro };
    explicit Candidate(Kind k) : kind(k) {}
    Kind kind;
    qint64 docId = 0;
    double bm25 = 0;
    double relative = 0; ///< bm25 / best bm25 in its index
    double breadth = 0;  ///< an article's other matching sections, on the same scale (DraftTuning::otherSections)
    std::array<uint32_t, 2> nextSections{}; ///< an article's next best matching sections (their units compete)
    Similarity sim;                         ///< to the question
    double lexical = 0;                     ///< the rank from the words alone (no topic bonus, nothing learned)
    double rank = 0;
    QString intent;
    Source source;
    QString text; ///< what the body is selected from: a past reply, an article section, a macro
    QString title, heading, url;
    QString ticketId; ///< a past reply's ticket (its customer's details are never reused)
    QString language; ///< the source's, "" when unknown
    bool deprecated = false;
    /// @brief "article:ID", "answer:KEY", "macro:ID": a draft unit's provenance.
    QString ref() const { return source.kind + u':' + source.id; }
};

/// @brief Everything one draft's stages read and write.
struct Engine::Work {
    explicit Work(const Ticket &t) : ticket(t), facts(TicketFacts::of(t)) {}
    const Ticket &ticket;
    TicketFacts facts;
    Draft d;
    ReadTicket read;
    Frustration frustration;
    QString handoffMacro; ///< the matched rule's hand-off macro, when the draft is a hand-off
    std::vector<std::string> query;
    QString translated;               ///< the ticket's words in English (Lexicon), for a ticket in another language
    std::vector<std::string> english; ///< translated's terms (also in query)
    std::vector<std::pair<std::string, std::string>> pairs; ///< adjacent terms of the subject and of the text
    std::vector<InvertedIndex::Hit> answerHits, chunkHits, macroHits;
    QHash<QString, double> calibratedIntents; ///< what the classifier's record says of each label it proposes
    std::vector<Candidate> candidates;
    const Candidate *base = nullptr; ///< the source the body comes from
    const Candidate *bestIntentAnswer = nullptr;
    QList<BodyUnit> body;
    int actionsRemoved = 0;     ///< sentences of a past reply left out: they stated what was done for someone else
    QStringList droppedSteps;   ///< steps the customer already tried
    QStringList placeholders;   ///< left in the composed text for the agent to fill
    QList<Source> extraSources; ///< the articles answering the other parts of a multi-part question
    double margin = 0;          ///< how far the base stands above the next source, in [0,1]
    double logit = 0;           ///< the confidence model's log-odds, before the prior calibration
    qint64 excludeAnswer = -1;  ///< an answer left out of retrieval (the leave-one-out replay of load())
    QList<UnitTrace> *unitTrace = nullptr; ///< DraftScope::unitTrace
    int unitCalls = 0;                     ///< sources whose units were scored
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
    LabelledQuestions labelled(m_config.intentTextBudget);

    // Which topic each help-centre URL answers: the majority intent of the past replies citing it.
    QHash<QString, QHash<uint16_t, int>> urlVotes;
    static const QRegularExpression urlPattern(u"https?://[^\\s<>()\\[\\]\"']+"_s);
    US_TRY(store.forEachAnswer([&](const store::Answer &a) {
        uint16_t intent = 0;
        if (!a.intent.isEmpty()) {
            auto it = intentIds.find(a.intent);
            if (it == intentIds.end()) {
                it = intentIds.insert(a.intent, uint16_t(intents.size()));
                intents.push_back(a.intent);
            }
            intent = *it;
            // The intent model reads characters too: "Hi" or "Are you there?" (only stop words, so not in the
            // answer index) still teach it their label, as learn() does.
            if (!a.question.trimmed().isEmpty())
                labelled.add(a.question, intent);
        }
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
        if (intent) {
            answerIntent[id] = intent;
            for (auto m = a.reply.contains(u"http"_s) ? urlPattern.globalMatch(a.reply)
                                                      : QRegularExpressionMatchIterator();
                 m.hasNext();) {
                QString url = m.next().captured(0);
                while (!url.isEmpty() && QStringView(u".,;:!?").contains(url.back()))
                    url.chop(1);
                ++urlVotes[url][intent];
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
    std::vector<uint32_t> chunkArticle;
    QHash<QString, uint32_t> articleOrdinals;
    size_t chunkCount = 0;
    US_TRY(store.forEachChunk([&](const store::ChunkRow &c) {
        if (c.status == u"removed"_s)
            return;
        if (chunkArticle.size() <= size_t(c.chunk.id))
            chunkArticle.resize(size_t(c.chunk.id) + 1, 0);
        auto ordinal = articleOrdinals.constFind(c.chunk.articleId);
        if (ordinal == articleOrdinals.constEnd())
            ordinal = articleOrdinals.insert(c.chunk.articleId, uint32_t(articleOrdinals.size() + 1));
        chunkArticle[size_t(c.chunk.id)] = *ordinal;
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
    const size_t labelledCount = labelled.count();
    QList<QString> sampleText;
    std::vector<uint16_t> sampleIntent;
    US_TRY(labelled.sampled(store, intentIds, sampleText, sampleIntent));
    const size_t sampleCount = size_t(sampleText.size());
    // The same sample fits the same model, bit for bit: a rebuild whose sample did not change (new articles, macros,
    // unlabelled answers) takes the model fitted for the snapshot it replaces (EngineSnapshot) instead of fitting.
    std::uint64_t sampleSum = 0;
    for (qsizetype i = 0; i < sampleText.size(); ++i) {
        const QString &text = sampleText[i], &label = intents[sampleIntent[size_t(i)]];
        sampleSum = InvertedIndex::checksum(text.constData(), size_t(text.size()) * sizeof(QChar), sampleSum);
        sampleSum = InvertedIndex::checksum(label.constData(), size_t(label.size()) * sizeof(QChar), sampleSum + 1);
    }
    std::optional<FittedIntent> fitted = std::exchange(m_fittedIntent, std::nullopt);
    m_intentReused = fitted && fitted->sample == sampleSum && sampleCount > 0;
    if (m_intentReused)
        intentModel = std::move(fitted->model);
    else
        for (qsizetype i = 0; i < sampleText.size(); ++i)
            intentModel.add(sampleText[i], intents[sampleIntent[size_t(i)]]);
    sampleText = {};
    if (sampleCount < labelledCount)
        qCInfo(lcEngine) << "intent model: fitted on" << sampleCount << "of" << labelledCount
                         << "labelled questions (a balanced sample: the text budget is" << m_config.intentTextBudget
                         << "characters)";
    if (m_intentReused)
        qCInfo(lcEngine) << "intent model: the same" << sampleCount
                         << "labelled questions as before, fitted model kept";
    if (intentModel.exampleCount() > 0) {
        intentModel.retrainAndCalibrate();
        // The store keeps the texts: the next load re-fits. Corrections of this session still teach the model
        // online (and through the answer index at once).
        intentModel.dropExamples();
    }

    auto learned = learnedFrom(store);
    if (!learned)
        return learned.error();

    InvertedIndex answerIndex = answers.build(), macroIndex = macros.build();
    InvertedIndex chunkIndex = chunks.build(float(m_config.tuning.sectionK1));
    std::unique_lock lock(m_lock);
    m_learned = std::move(*learned);
    m_intentModel = std::move(intentModel);
    m_intentSample = sampleSum;
    m_intentIds = std::move(intentIds);
    m_answers = std::move(answerIndex);
    m_chunks = std::move(chunkIndex);
    m_macroIndex = std::move(macroIndex);
    m_answerIntent = std::move(answerIntent);
    m_answerHasReply = std::move(answerHasReply);
    m_chunkIntent = std::move(chunkIntent);
    m_chunkArticle = std::move(chunkArticle);
    m_intents = std::move(intents);
    m_macros = *macroList;
    m_stats.answers = m_answers.documentCount();
    m_stats.chunks = chunkCount;
    m_stats.macros = size_t(m_macros.size());
    m_stats.labelled = labelledCount;
    m_stats.intentExamples = sampleCount;
    m_stats.memoryBytes = m_answers.memoryBytes() + m_chunks.memoryBytes() + m_macroIndex.memoryBytes() +
                          m_answerIntent.size() * 3 + m_chunkArticle.size() * 4 + m_intentModel.memoryBytes();
    m_stats.loadMs = double(timer.nsecsElapsed()) / 1e6;
    m_prior = {};
    lock.unlock();
    US_TRY(calibrateOnHistory(store));
    qCInfo(lcEngine) << "engine loaded:" << m_stats.answers << "answers," << m_stats.chunks << "chunks,"
                     << m_stats.macros << "macros in" << qRound(m_stats.loadMs) << "ms";
    return ok();
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
        m_intentModel.retrainAndCalibrate();
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

Status Engine::calibrateOnHistory(store::Store &store)
{
    const DraftTuning &t = m_config.tuning;
    std::vector<std::pair<double, bool>> replayed; // (log-odds, the top source was on the held-out reply's topic)
    {
        std::shared_lock lock(m_lock);
        // Past replies whose topic has at least two other answers: a topic the history can answer without them.
        std::vector<int> perIntent(m_intents.size(), 0);
        for (size_t id = 0; id < m_answerIntent.size(); ++id)
            perIntent[m_answerIntent[id]] += m_answerHasReply[id];
        std::vector<qint64> eligible;
        for (size_t id = 0; id < m_answerIntent.size(); ++id)
            if (m_answerIntent[id] != 0 && m_answerHasReply[id] && perIntent[m_answerIntent[id]] >= 3)
                eligible.push_back(qint64(id));
        if (t.looSamples <= 0 || qsizetype(eligible.size()) < t.looMinimum)
            return ok();
        const size_t step = std::max<size_t>(1, eligible.size() / size_t(t.looSamples));
        for (size_t k = 0; k < eligible.size() && replayed.size() < size_t(t.looSamples); k += step) {
            auto a = store.answer(eligible[k]);
            if (!a)
                return a.error();
            if (!*a)
                continue;
            Ticket ticket;
            ticket.id = (*a)->ticketId;
            ticket.language = (*a)->language;
            ticket.messages << Message{u"customer"_s, (*a)->question, {}};
            Work w(ticket);
            w.excludeAnswer = eligible[k];
            readTicket(w);
            retrieve(w);
            classify(w);
            US_TRY(rank(w, store));
            US_TRY(select(w, store));
            if (!w.base)
                continue;
            compose(w);
            scoreConfidence(w);
            const Candidate &b = *w.base;
            const uint16_t topic = b.kind == Candidate::Kind::Chunk && size_t(b.docId) < m_chunkIntent.size()
                                       ? m_chunkIntent[size_t(b.docId)]
                                       : 0;
            const QString baseTopic = b.kind == Candidate::Kind::Chunk ? m_intents[topic] : b.intent;
            replayed.push_back({w.logit, !baseTopic.isEmpty() && baseTopic == (*a)->intent});
        }
    }
    const auto right = std::count_if(replayed.begin(), replayed.end(), [](const auto &r) { return r.second; });
    if (qsizetype(replayed.size()) < t.looMinimum || right < 5 || qsizetype(replayed.size()) - right < 5)
        return ok();
    // Platt scaling: p = sigmoid(scale · z + shift), by gradient descent on the log-loss (a slight pull towards the
    // identity keeps a small replay from over-fitting).
    double scale = 1, shift = 0;
    for (int it = 0; it < 500; ++it) {
        double gScale = 0, gShift = 0;
        for (const auto &[z, onTopic] : replayed) {
            const double e = sigmoid(scale * z + shift) - (onTopic ? 1.0 : 0.0);
            gScale += e * z;
            gShift += e;
        }
        const double n = double(replayed.size());
        scale -= 0.5 * (gScale / n + 0.01 * (scale - 1));
        shift -= 0.5 * (gShift / n + 0.01 * shift);
    }
    std::unique_lock lock(m_lock);
    m_prior = {true, scale, shift, int(replayed.size())};
    qCInfo(lcEngine) << "confidence calibrated on a leave-one-out replay of" << replayed.size() << "past replies ("
                     << right << "on topic): scale" << scale << "shift" << shift;
    return ok();
}

Result<Draft> Engine::draft(const Ticket &ticket, store::Store &store, const DraftScope &scope) const
{
    QElapsedTimer timer;
    timer.start();
    std::shared_lock lock(m_lock);
    Work w(ticket);
    w.unitTrace = scope.unitTrace;
    w.d.id = Clock::newId();
    w.d.ticketId = ticket.id;
    w.d.engineVersion = QString::fromLatin1(kVersion);
    w.d.createdAt = Clock::now();

    readTicket(w);
    escalate(w);
    retrieve(w);
    if (!scope.articles.isEmpty())
        US_TRY(restrictSources(w, store, scope.articles));
    classify(w);
    US_TRY(rank(w, store));
    US_TRY(select(w, store));
    compose(w);
    scoreConfidence(w);
    explain(w);

    w.d.latencyMs = double(timer.nsecsElapsed()) / 1e6;
    return std::move(w.d);
}

void Engine::readTicket(Work &w) const
{
    w.read = TicketReader::read(w.ticket);
    w.d.alreadyTried = w.read.alreadyTried;
    // Writing again and again without an answer is a sign of frustration; a long conversation with answers is not.
    int unanswered = 0;
    for (const Message &m : w.ticket.messages)
        unanswered = m.author == u"agent"_s ? 0 : unanswered + 1;
    w.frustration = Sentiment::score(w.read.subject + u'\n' + w.read.text, std::max(0, unanswered - 2));
    w.d.frustration = w.frustration.score;
}

void Engine::escalate(Work &w) const
{
    w.d.escalation = m_rules.evaluate(w.read.subject + u'\n' + w.read.text, w.ticket.customer.tier, w.frustration.score,
                                      &w.handoffMacro);
}

void Engine::retrieve(Work &w) const
{
    Analyzer::terms(w.read.subject, w.query);
    const size_t subjectEnd = w.query.size();
    Analyzer::terms(w.read.queryText, w.query);
    for (size_t i = 1; i < w.query.size(); ++i)
        if (i != subjectEnd && w.query[i - 1] != w.query[i])
            w.pairs.push_back({w.query[i - 1], w.query[i]});
    // A ticket in another language than English also asks in English words (Lexicon): most knowledge bases are
    // English, or only partly translated; the original words still find sources in the ticket's language.
    if (w.read.language != u"en"_s) {
        w.translated = Lexicon::defaults().translate(w.read.subject + u'\n' + w.read.queryText, w.read.language);
        Analyzer::terms(w.translated, w.english);
        w.query.insert(w.query.end(), w.english.begin(), w.english.end());
    }
    w.answerHits = m_answers.search(w.query, size_t(m_config.answerCandidates));
    w.chunkHits = m_chunks.search(w.query, size_t(m_config.tuning.chunkHits));
    w.macroHits = m_macroIndex.search(w.query, 3);
}

Status Engine::restrictSources(Work &w, store::Store &store, const QStringList &articles) const
{
    QSet<qint64> sections;
    for (const QString &id : articles) {
        auto chunks = store.chunksOf(id);
        if (!chunks)
            return chunks.error();
        for (const Chunk &c : *chunks)
            sections.insert(c.id);
    }
    w.chunkHits = m_chunks.search(w.query, m_chunks.documentCount());
    std::erase_if(w.chunkHits, [&](const InvertedIndex::Hit &h) { return !sections.contains(qint64(h.doc)); });
    w.answerHits.clear();
    w.macroHits.clear();
    return ok();
}

void Engine::classify(Work &w) const
{
    const DraftTuning &t = m_config.tuning;
    Draft &d = w.d;
    // A weighted vote of the nearest past questions…
    QHash<QString, double> votes;
    double voteTotal = 0;
    if (!w.answerHits.empty()) {
        const double top = w.answerHits.front().score;
        for (size_t i = 0; i < w.answerHits.size() && i < size_t(t.intentVoters); ++i) {
            const uint32_t doc = w.answerHits[i].doc;
            const uint16_t intent = doc < m_answerIntent.size() ? m_answerIntent[doc] : 0;
            if (intent == 0 || qint64(doc) == w.excludeAnswer)
                continue;
            const double v = std::pow(double(w.answerHits[i].score) / top, t.intentSharpness);
            votes[m_intents[intent]] += v;
            voteTotal += v;
        }
    }
    // … and of the article sections, for the topic of the past replies that cite their article …
    if (!w.chunkHits.empty()) {
        const double top = w.chunkHits.front().score;
        for (size_t i = 0; i < w.chunkHits.size() && i < 5; ++i) {
            const uint32_t doc = w.chunkHits[i].doc;
            const uint16_t intent = doc < m_chunkIntent.size() ? m_chunkIntent[doc] : 0;
            if (intent == 0)
                continue;
            const double v = t.articleVote * std::pow(double(w.chunkHits[i].score) / top, t.intentSharpness);
            votes[m_intents[intent]] += v;
            voteTotal += v;
        }
    }
    // … blended with the classifier's distribution over all labels it knows.
    QHash<QString, double> blended;
    const double modelShare = m_intentModel.labelCount() > 0 ? t.modelShare : 0.0;
    for (auto it = votes.cbegin(); it != votes.cend(); ++it)
        blended[it.key()] += (1 - modelShare) * it.value() / (voteTotal + 0.3); // a small prior: one lucky
                                                                                // neighbour is not certainty
    if (modelShare > 0) {
        // The topic model learned mostly from English questions: it reads the translation too.
        const QString text =
            w.read.subject + u'\n' + w.read.queryText + (w.translated.isEmpty() ? QString() : u'\n' + w.translated);
        for (const auto &s : m_intentModel.predict(text, 5)) {
            blended[s.label] += modelShare * s.rawProbability;
            w.calibratedIntents.insert(s.label, s.probability);
        }
    }
    QList<std::pair<double, QString>> ranked;
    for (auto it = blended.cbegin(); it != blended.cend(); ++it)
        ranked.append({it.value(), it.key()});
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (ranked.isEmpty())
        return;
    d.intent = ranked.first().second;
    // Shown: the classifier's calibrated probability when it has one, else the blended vote share.
    d.intentProbability =
        std::min(1.0, w.calibratedIntents.value(d.intent, modelShare > 0 ? 0.0 : ranked.first().first));
    for (qsizetype i = 1; i < ranked.size() && i < 5; ++i)
        d.intentAlternatives << ranked[i].second;
    // Out of scope: the calibrated chance that neither the chosen topic nor its strongest rival is right beats the
    // chosen topic's. A doubt between two close known topics is not that; a question like none of the past ones
    // spreads its probability over many topics, or gives every topic little.
    double rival = 0;
    for (auto it = w.calibratedIntents.cbegin(); it != w.calibratedIntents.cend(); ++it)
        if (it.key() != d.intent)
            rival = std::max(rival, it.value());
    d.outOfScope = m_intentModel.isCalibrated() && d.intentProbability < 1.0 - d.intentProbability - rival;
}

Engine::Candidate Engine::sectionCandidate(const store::ChunkRow &r, const std::vector<std::string> &query,
                                           const std::vector<std::string> &english) const
{
    Candidate c(Candidate::Kind::Chunk);
    c.docId = r.chunk.id;
    c.sim = questionSimilarity(query, english, r.articleTitle + u' ' + r.chunk.heading + u' ' + r.chunk.body, m_chunks);
    c.deprecated = r.status == u"deprecated"_s;
    c.title = r.articleTitle;
    c.heading = r.chunk.heading;
    c.text = r.chunk.body;
    c.url = r.url;
    c.language = r.language;
    const QString title =
        r.chunk.heading == r.articleTitle ? r.articleTitle : r.articleTitle + u" › "_s + r.chunk.heading;
    c.source = Source{u"article"_s, r.chunk.articleId, title, 0, snippetOf(r.chunk.body), r.url, {}, {}};
    return c;
}

Status Engine::rank(Work &w, store::Store &store) const
{
    const DraftTuning &t = m_config.tuning;
    const Draft &d = w.d;
    std::vector<Candidate> &candidates = w.candidates;
    const size_t answerFetch = std::min<size_t>(w.answerHits.size(), size_t(t.answerFetch));
    for (size_t i = 0; i < w.answerHits.size() && candidates.size() < answerFetch + 4; ++i) {
        const uint32_t doc = w.answerHits[i].doc;
        const uint16_t intent = doc < m_answerIntent.size() ? m_answerIntent[doc] : 0;
        // Beyond the first few, only fetch answers that agree with the predicted intent.
        if ((i >= answerFetch && (intent == 0 || m_intents[intent] != d.intent)) || qint64(doc) == w.excludeAnswer)
            continue;
        auto a = store.answer(doc);
        if (!a)
            return a.error();
        if (!*a)
            continue;
        Candidate c(Candidate::Kind::Answer);
        c.docId = doc;
        c.bm25 = w.answerHits[i].score;
        c.relative = c.bm25 / w.answerHits.front().score;
        c.sim = questionSimilarity(w.query, w.english, (*a)->question, m_answers);
        c.intent = (*a)->intent;
        c.text = (*a)->reply;
        c.ticketId = (*a)->ticketId;
        c.language = (*a)->language;
        c.source = Source{u"answer"_s,
                          (*a)->key,
                          snippetOf((*a)->question, 90),
                          0,
                          snippetOf((*a)->reply.isEmpty() ? (*a)->question : (*a)->reply),
                          {},
                          (*a)->intent,
                          {}};
        const bool intentMatch = !d.intent.isEmpty() && c.intent == d.intent;
        c.lexical = (t.rankCosine * c.sim.cosine + t.rankRelative * c.relative +
                     t.rankPairs * pairShare(w.pairs, (*a)->question)) *
                    t.rankAnswer;
        c.rank = c.lexical + (intentMatch ? t.rankIntent : 0.0) * t.rankAnswer;
        c.source.features =
            RankFeatures{c.sim.cosine, c.relative, intentMatch ? 1.0 : 0.0, RankFeatures::Kind::Answer}.values();
        candidates.push_back(std::move(c));
    }
    // Article sections: several may belong to one article. An article is ranked by its best section, plus a share
    // of its other sections' scores: an article that matches in several places is more likely about the question.
    struct ArticleHits {
        size_t best = 0; ///< index in chunkHits
        double score = 0;
        std::array<uint32_t, 2> next{}; ///< its next best sections, 0 when fewer matched
    };
    std::vector<ArticleHits> byArticle;
    {
        QHash<uint32_t, size_t> slot;
        for (size_t i = 0; i < w.chunkHits.size(); ++i) {
            const uint32_t doc = w.chunkHits[i].doc;
            const uint32_t article = doc < m_chunkArticle.size() ? m_chunkArticle[doc] : 0;
            auto it = slot.constFind(article);
            if (article == 0 || it == slot.constEnd()) {
                if (article != 0)
                    slot.insert(article, byArticle.size());
                byArticle.push_back({i, double(w.chunkHits[i].score)});
            } else {
                byArticle[*it].score += t.otherSections * double(w.chunkHits[i].score);
                for (uint32_t &n : byArticle[*it].next)
                    if (n == 0) {
                        n = doc;
                        break;
                    }
            }
        }
        std::stable_sort(byArticle.begin(), byArticle.end(),
                         [](const ArticleHits &a, const ArticleHits &b) { return a.score > b.score; });
    }
    const double topSection = w.chunkHits.empty() ? 1.0 : w.chunkHits.front().score;
    QSet<QString> articles;
    for (size_t k = 0; k < byArticle.size() && articles.size() < t.chunkCandidates; ++k) {
        const size_t i = byArticle[k].best;
        auto row = store.chunk(w.chunkHits[i].doc);
        if (!row)
            return row.error();
        if (!*row || (*row)->status == u"removed"_s || articles.contains((*row)->chunk.articleId))
            continue;
        const store::ChunkRow &r = **row;
        articles.insert(r.chunk.articleId);
        Candidate c = sectionCandidate(r, w.query, w.english);
        c.bm25 = w.chunkHits[i].score;
        c.relative = c.bm25 / topSection;
        c.nextSections = byArticle[k].next;
        c.breadth = (byArticle[k].score - c.bm25) / topSection;
        const uint16_t topic = size_t(r.chunk.id) < m_chunkIntent.size() ? m_chunkIntent[size_t(r.chunk.id)] : 0;
        const bool intentMatch = topic != 0 && !d.intent.isEmpty() && m_intents[topic] == d.intent;
        if (intentMatch)
            c.intent = d.intent;
        const double pairs = pairShare(w.pairs, r.articleTitle + u' ' + r.chunk.heading + u' ' + r.chunk.body);
        c.lexical = (t.rankCosine * c.sim.cosine + t.rankRelative * c.relative + t.rankPairs * pairs) *
                    (c.deprecated ? t.rankDeprecated : 1.0);
        c.rank = c.lexical + (intentMatch ? t.rankIntent : 0.0) * (c.deprecated ? t.rankDeprecated : 1.0);
        c.source.features =
            RankFeatures{c.sim.cosine, c.relative, intentMatch ? 1.0 : 0.0, RankFeatures::Kind::Article}.values();
        candidates.push_back(std::move(c));
    }
    for (const auto &h : w.macroHits) {
        const Macro &m = m_macros[qsizetype(h.doc)];
        Candidate c(Candidate::Kind::Macro);
        c.docId = h.doc;
        c.bm25 = h.score;
        c.relative = h.score / w.macroHits.front().score;
        c.sim = questionSimilarity(w.query, w.english, m.title + u' ' + m.body, m_chunks);
        c.text = m.body;
        c.language = m.language;
        c.source = Source{u"macro"_s, m.id, m.title, 0, snippetOf(m.body), {}, {}, {}};
        c.lexical = c.rank = t.rankMacro * c.sim.cosine;
        c.source.features = RankFeatures{c.sim.cosine, c.relative, 0, RankFeatures::Kind::Macro}.values();
        candidates.push_back(std::move(c));
    }
    // The sources agents used when the engine had ranked others above them move the ranking's weights; what
    // agents did with drafts built on each source moves it up or down (both neutral until learned). Sources in
    // the customer's language come first.
    const auto adjust = m_learned.rankAdjustment();
    for (Candidate &c : candidates) {
        for (int k = 0; k < LearnedState::kRankFeatures; ++k)
            c.rank += adjust[size_t(k)] * c.source.features[k];
        c.rank = std::max(0.0, c.rank) * m_learned.rankFactor(c.source.kind, c.source.id);
        if (!c.language.isEmpty() && c.language != w.read.language)
            c.rank *= t.otherLanguage;
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.rank > b.rank; });
    for (const Candidate &c : candidates)
        if (c.kind == Candidate::Kind::Answer && (d.intent.isEmpty() || c.intent == d.intent)) {
            w.bestIntentAnswer = &c;
            break;
        }
    return ok();
}

QList<BodyUnit> Engine::unitsOf(Work &w, const Candidate &c, const QString &more, const Customer &sourceCustomer,
                                int *actionsRemoved) const
{
    const DraftTuning &t = m_config.tuning;
    const bool pastReply = c.kind == Candidate::Kind::Answer;
    QString text = pastReply ? Composer::replyBody(c.text) : c.text;
    if (c.kind == Candidate::Kind::Macro) {
        text.replace(u"{first_name}"_s, w.ticket.customer.firstName());
        text = Composer::replyBody(text);
    }
    QStringList dropped;
    text = Composer::dropTriedSteps(text, w.read.triedActions, &dropped);
    QList<TextUnit> units = splitUnits(text, t.maxBlock);
    if (c.kind == Candidate::Kind::Chunk && !c.heading.isEmpty())
        units.prepend(TextUnit{TextUnit::Kind::Heading, c.heading, -1, false}); // the section's heading
    const qsizetype ownUnits = units.size();
    if (!more.isEmpty()) {
        // Another section of the same article: its units compete, in blocks of their own.
        const int offset = units.isEmpty() ? 0 : units.last().block + 1;
        for (TextUnit u : splitUnits(Composer::dropTriedSteps(more, w.read.triedActions), t.maxBlock)) {
            u.block += offset;
            units << u;
        }
    }
    // The check stage first: what a past reply did for someone else never reaches the draft.
    QList<TextUnit> kept;
    QList<CheckedUnit> checked;
    int removed = 0;
    qsizetype firstNeighbour = -1;
    enum class LeftOut { No, Claim, Repeat } previous = LeftOut::No;
    for (qsizetype ui = 0; ui < units.size(); ++ui) {
        const TextUnit &u = units[ui];
        if (ui >= ownUnits && firstNeighbour < 0)
            firstNeighbour = kept.size();
        CheckedUnit cu = ClaimCheck::check(u.text, w.facts, pastReply, sourceCustomer);
        // A unit that leans on one left out goes with it: "That's on us…" after "I've refunded you" says nothing
        // true on its own.
        const LeftOut leaned = u.dependsOnPrevious ? previous : LeftOut::No;
        if (cu.drop || leaned == LeftOut::Claim) {
            ++removed;
            previous = LeftOut::Claim;
            continue;
        }
        // What an agent already told this customer is not said again.
        if (leaned == LeftOut::Repeat || (u.kind != TextUnit::Kind::Heading && !w.read.agentSaid.isEmpty() &&
                                          TicketReader::alreadySaid(cu.text, w.read.agentSaid) >= t.alreadySaid)) {
            previous = LeftOut::Repeat;
            continue;
        }
        previous = LeftOut::No;
        TextUnit k = u;
        k.text = cu.text;
        kept << k;
        checked << cu;
    }
    // Then the units that answer this question.
    QList<Similarity> sims;
    for (const TextUnit &u : std::as_const(kept))
        sims << similarity(w.query, u.text, unitIndex());
    // A question of how to do something is answered by steps.
    static const QRegularExpression howQuestion(u"\\b(how|comment|wie|c(o|ó)mo)\\b"_s,
                                                QRegularExpression::CaseInsensitiveOption);
    const bool how = howQuestion.match(w.read.subject + u' ' + w.read.text).hasMatch();
    const UnitScoring scoring{.cosine = t.unitCosine,
                              .coverage = t.unitCoverage,
                              .bigrams = t.unitBigrams,
                              .matchedTerms = t.unitMatchedTerms,
                              .introShare = t.introShare,
                              .sectionTitle = t.sectionTitle,
                              .firstUnder = t.firstUnder,
                              .leans = t.leans,
                              .procedureBoost = how ? t.procedureBoost : 0.0,
                              .questionLinesIntroduce = c.kind == Candidate::Kind::Chunk};
    if (scoring.questionLinesIntroduce)
        markQuestionLines(kept);
    const QList<UnitSignals> cues =
        unitSignals(kept, sims, w.query, 0.5, firstNeighbour < 0 ? kept.size() : firstNeighbour);
    const QList<double> scores = scoreUnits(kept, sims, scoring, cues);
    SelectLimits limits{t.bodyBudget, t.maxUnits, t.secondaryShare};
    if (pastReply) {
        // A past reply answered a question like this one as a whole: keep it whole when it is short enough.
        qsizetype chars = 0;
        for (const TextUnit &u : std::as_const(kept))
            chars += u.text.size();
        if (chars <= t.bodyBudget * 3 / 2)
            limits = SelectLimits{int(chars), int(kept.size()), 0.0};
    }
    QList<BodyUnit> out;
    bool content = false;
    const QList<int> selected = selectUnits(kept, scores, limits);
    if (w.unitTrace) {
        for (qsizetype i = 0; i < kept.size(); ++i)
            w.unitTrace->append(UnitTrace{c.ref(), w.unitCalls, kept[i].text, kept[i].kind, kept[i].dependsOnPrevious,
                                          sims[i], cues[i], scores[i], selected.contains(int(i))});
        ++w.unitCalls;
    }
    for (int i : selected) {
        const CheckedUnit &cu = checked[i];
        BodyUnit b;
        b.block = kept[i].block;
        b.line = kept[i].kind != TextUnit::Kind::Sentence;
        b.sentence.text = kept[i].text;
        b.sentence.source = c.ref();
        b.sentence.claim = cu.claim;
        if (!cu.placeholders.isEmpty()) {
            b.sentence.support = DraftSentence::Support::Placeholder;
            b.sentence.check = u"placeholder"_s;
        } else {
            b.sentence.support = DraftSentence::Support::Kb;
        }
        // A past reply answered a question like this one: its words need not be the question's.
        content = content || pastReply || scores[i] > 0 || kept[i].kind != TextUnit::Kind::Sentence;
        out << b;
    }
    if (!content)
        return {};
    if (actionsRemoved)
        *actionsRemoved = removed;
    for (const QString &step : std::as_const(dropped))
        if (!w.droppedSteps.contains(step))
            w.droppedSteps << step;
    return out;
}

Status Engine::select(Work &w, store::Store &store) const
{
    const DraftTuning &t = m_config.tuning;
    if (!w.handoffMacro.isEmpty())
        return ok(); // the body is the hand-off
    int tried = 0;
    for (const Candidate &c : w.candidates) {
        if (c.kind == Candidate::Kind::Answer && c.text.isEmpty())
            continue; // a labelled question without a reply informs the intent, not the text
        // A source answers the question when it shares enough of it (rank also weighs the kind and the topic, so
        // one that does not is passed over); after three answering sources gave no body, or none answers, the draft
        // is a holding reply.
        if (c.sim.matchedTerms < t.minMatchedTerms || c.sim.cosine < t.minSimilarity)
            continue;
        if (++tried > 3)
            break;
        Customer sourceCustomer;
        if (c.kind == Candidate::Kind::Answer && !c.ticketId.isEmpty()) {
            auto src = store.ticket(c.ticketId);
            if (!src)
                return src.error();
            if (*src)
                sourceCustomer = (*src)->customer;
        }
        QString more;
        for (uint32_t section : c.nextSections) {
            if (section == 0)
                break;
            auto next = store.chunk(section);
            if (!next)
                return next.error();
            if (*next)
                more += u"\n\n# "_s + (*next)->chunk.heading + u"\n\n"_s + (*next)->chunk.body;
        }
        int removed = 0;
        QList<BodyUnit> body = unitsOf(w, c, more, sourceCustomer, &removed);
        w.actionsRemoved += removed;
        if (body.isEmpty())
            continue; // nothing general was left of it: the next source
        w.base = &c;
        w.body = std::move(body);
        break;
    }
    if (w.base) {
        // The margin, on the words alone, over the best source that disagrees with the base: another article, or a
        // past reply on another topic. (A topic bonus would make a wrongly predicted topic look like certainty.)
        const Candidate &b = *w.base;
        double rival = 0;
        for (const Candidate &c : w.candidates) {
            const bool same = c.source.id == b.source.id && c.kind == b.kind;
            const bool agrees =
                same || (!c.intent.isEmpty() && c.intent == b.intent) ||
                (c.kind == Candidate::Kind::Chunk && b.kind == Candidate::Kind::Chunk && c.source.id == b.source.id);
            if (!agrees && c.kind != Candidate::Kind::Macro)
                rival = std::max(rival, c.lexical);
        }
        w.margin = b.lexical > 0 ? std::clamp((b.lexical - rival) / b.lexical, 0.0, 1.0) : 0.0;
        return answerOtherParts(w, store);
    }
    return ok();
}

Status Engine::answerOtherParts(Work &w, store::Store &store) const
{
    const DraftTuning &t = m_config.tuning;
    // The parts: the customer's questions, each with enough words of its own to be searched alone.
    QList<std::vector<std::string>> parts;
    for (const QString &sentence : understudy::splitSentences(w.read.text.simplified())) {
        std::vector<std::string> terms;
        Analyzer::terms(sentence, terms);
        if (sentence.endsWith(u'?') && terms.size() >= size_t(t.minPartTerms))
            parts << std::move(terms);
    }
    if (parts.size() < 2)
        return ok();
    QString bodyText;
    for (const BodyUnit &u : std::as_const(w.body))
        bodyText += u.sentence.text + u' ';
    QSet<QString> used{w.base->source.id};
    const std::vector<std::string> query = w.query;
    int block = w.body.isEmpty() ? 0 : w.body.last().block + 1000;
    for (const auto &part : std::as_const(parts)) {
        if (w.extraSources.size() >= 2)
            break;
        // A part the body already answers needs no block of its own.
        if (similarity(part, bodyText, unitIndex()).queryCoverage >= t.partAnswered)
            continue;
        const auto hits = m_chunks.search(part, 3);
        for (const auto &hit : hits) {
            auto row = store.chunk(hit.doc);
            if (!row)
                return row.error();
            if (!*row || (*row)->status != u"active"_s || used.contains((*row)->chunk.articleId))
                continue;
            Candidate c = sectionCandidate(**row, part);
            if (c.sim.matchedTerms < t.minMatchedTerms || c.sim.cosine < t.minSimilarity)
                break;
            c.rank = c.lexical = c.sim.cosine;
            c.source.features = RankFeatures{c.sim.cosine, 0, 0, RankFeatures::Kind::Article}.values();
            w.query = part;
            int removed = 0;
            QList<BodyUnit> units = unitsOf(w, c, {}, {}, &removed);
            w.query = query;
            if (units.isEmpty())
                break;
            for (BodyUnit &u : units) {
                u.block += block;
                w.body << u;
            }
            block += 1000;
            used.insert(c.source.id);
            w.extraSources << c.source;
            break;
        }
    }
    return ok();
}

void Engine::compose(Work &w) const
{
    Draft &d = w.d;
    CompositionInput in;
    in.firstName = w.ticket.customer.firstName();
    in.language = w.read.language;
    in.escalate = !w.handoffMacro.isEmpty();
    if (in.escalate) {
        // A macro in the customer's language ("m-escalated-refund-de") wins over the default one.
        const QString localized = w.handoffMacro + u'-' + w.read.language;
        for (const Macro &m : m_macros) {
            if (m.id == localized) {
                in.handoffText = m.body;
                in.handoffSource = u"macro:"_s + m.id;
                break;
            }
            if (m.id == w.handoffMacro) {
                in.handoffText = m.body;
                in.handoffSource = u"macro:"_s + m.id;
            }
        }
    } else if (w.base) {
        in.body = w.body;
        in.acknowledgeTried = !w.droppedSteps.isEmpty();
        if (w.base->kind == Candidate::Kind::Chunk) {
            in.articleTitle = w.base->title;
            in.articleUrl = w.base->url;
            in.articleSource = w.base->ref();
        }
        // The customer's language, or the source's when none exists in theirs: said, never a silent mix.
        QString sourceLanguage = w.base->language;
        if (sourceLanguage.isEmpty())
            sourceLanguage = detectLanguage(w.base->text);
        if (!sourceLanguage.isEmpty() && sourceLanguage != w.read.language) {
            d.languageMismatch = true;
            in.language = sourceLanguage;
            for (BodyUnit &u : in.body)
                if (u.sentence.check.isEmpty())
                    u.sentence.check = u"other-language"_s;
        }
    }
    d.language = in.language.isEmpty() ? u"en"_s : in.language;
    Composition c = m_composer.compose(in);
    d.text = std::move(c.text);
    w.placeholders = Draft::placeholders(d.text);
    d.sentences = std::move(c.sentences);
    d.mode = c.mode;

    // Sources: the base first, then the best answer on the topic, then the rest by rank; scores on the 0–1 scale.
    QSet<QString> listed;
    auto addSource = [&](const Candidate &cand) {
        const QString key = cand.ref();
        if (listed.contains(key) || d.sources.size() >= m_config.sourcesShown)
            return;
        listed.insert(key);
        Source s = cand.source;
        s.score = std::round(cand.rank * 1000) / 1000;
        d.sources << s;
    };
    // The base first (a hand-off or holding reply has none: the best-ranked source), then one of each kind near
    // the top: the best article and the best past reply on the topic.
    if (w.base && d.mode == Draft::Mode::Answer) {
        addSource(*w.base);
        for (const Source &extra : std::as_const(w.extraSources)) {
            const QString key = extra.kind + u':' + extra.id;
            if (d.sources.size() < m_config.sourcesShown && !listed.contains(key)) {
                listed.insert(key);
                d.sources << extra;
            }
        }
    } else if (!w.candidates.empty()) {
        // No body: the best source on a topic the model is sure of, else the best-ranked one.
        const Candidate *first = &w.candidates.front();
        if (d.intentProbability >= m_config.tuning.sureTopic)
            for (const Candidate &cand : w.candidates)
                if (cand.intent == d.intent) {
                    first = &cand;
                    break;
                }
        addSource(*first);
    }
    for (const Candidate &cand : w.candidates)
        if (cand.kind == Candidate::Kind::Chunk) {
            addSource(cand);
            break;
        }
    if (w.bestIntentAnswer)
        addSource(*w.bestIntentAnswer);
    // The rest: an article that matches in several sections moves up the list (the base stays the best match).
    std::vector<const Candidate *> rest;
    for (const Candidate &cand : w.candidates)
        rest.push_back(&cand);
    const double breadthWeight = m_config.tuning.rankRelative;
    std::stable_sort(rest.begin(), rest.end(), [&](const Candidate *a, const Candidate *b) {
        return a->rank + breadthWeight * a->breadth > b->rank + breadthWeight * b->breadth;
    });
    for (const Candidate *cand : rest)
        addSource(*cand);
}

void Engine::scoreConfidence(Work &w) const
{
    const DraftTuning &t = m_config.tuning;
    Draft &d = w.d;
    double z = 0;
    if (d.mode == Draft::Mode::Handoff) {
        z = t.zHandoff;
    } else if (!w.base) {
        z = t.zHolding;
    } else {
        const Candidate &b = *w.base;
        const double intent = !b.intent.isEmpty() && b.intent == d.intent ? d.intentProbability : 0.0;
        const double onTopic = intent > 0 ? 1.0 : 0.0;
        const auto placeholders = w.placeholders.size();
        z = t.zBias + t.zCoverage * b.sim.cosine + t.zQueryCoverage * b.sim.queryCoverage + t.zRelative * b.relative +
            t.zMatchedTerms * std::log1p(b.sim.matchedTerms) + t.zMargin * w.margin +
            t.zSqrtMargin * std::sqrt(w.margin) + (w.margin <= 0 ? t.zNoLead : 0.0) + t.zIntent * intent +
            t.zOnTopic * onTopic + (b.kind == Candidate::Kind::Answer ? t.zReply : 0.0) +
            t.zPlaceholder * double(placeholders) + (d.languageMismatch ? t.zLanguageMismatch : 0.0) +
            (b.deprecated ? t.zDeprecated : 0.0);
        d.evidence = {{u"cosine"_s, b.sim.cosine},
                      {u"query_coverage"_s, b.sim.queryCoverage},
                      {u"matched_terms"_s, b.sim.matchedTerms},
                      {u"margin"_s, w.margin},
                      {u"relative"_s, b.relative},
                      {u"intent"_s, intent},
                      {u"on_topic"_s, onTopic},
                      {u"reply"_s, b.kind == Candidate::Kind::Answer ? 1.0 : 0.0},
                      {u"placeholders"_s, double(placeholders)},
                      {u"actions_removed"_s, double(w.actionsRemoved)},
                      {u"language_mismatch"_s, d.languageMismatch ? 1.0 : 0.0},
                      {u"out_of_scope"_s, d.outOfScope ? 1.0 : 0.0},
                      {u"deprecated"_s, b.deprecated ? 1.0 : 0.0}};
    }
    w.logit = z;
    // A team with history: the leave-one-out replay of load() maps the model's log-odds onto its own record.
    d.rawConfidence = std::round(sigmoid(m_prior.fitted ? m_prior.scale * z + m_prior.shift : z) * 1000) / 1000;
    d.confidence = std::round(m_learned.calibrated(d.rawConfidence) * 1000) / 1000;
    d.lowConfidence = d.confidence < m_config.lowConfidenceThreshold;
}

void Engine::explain(Work &w) const
{
    Draft &d = w.d;
    auto reason = [&](const QString &code, const QStringList &args, const QString &text) {
        d.reasonCodes << DraftReason{code, args};
        d.reasons << text;
    };
    const Candidate *b = d.mode == Draft::Mode::Answer ? w.base : nullptr;
    if (d.escalation.escalate)
        reason(u"escalation"_s, d.escalation.rules, u"Escalation: "_s + d.escalation.reasons.join(u"; "_s));
    if (d.mode == Draft::Mode::Holding) {
        reason(u"nothing-fits"_s, {},
               u"Nothing in the knowledge base or past replies fits this question well: needs a human"_s);
    } else if (b && b->kind == Candidate::Kind::Answer) {
        const QString sim = percent(b->sim.cosine);
        reason(u"reused-reply"_s, {sim}, u"Reuses a past reply to a similar question (similarity %1)"_s.arg(sim));
    } else if (b && b->kind == Candidate::Kind::Chunk) {
        const QString sim = percent(b->sim.cosine);
        reason(u"article"_s, {b->title, sim}, u"Built from the article \"%1\" (similarity %2)"_s.arg(b->title, sim));
    } else if (b) {
        reason(u"macro"_s, {b->source.title}, u"Built from the macro \"%1\""_s.arg(b->source.title));
    }
    if (d.languageMismatch)
        reason(u"no-source-in-language"_s, {w.read.language, d.language},
               u"No source in %1: the answer is in %2 (translate or check before sending)"_s.arg(w.read.language,
                                                                                                 d.language));
    // The topic model's doubt matters where the draft is in doubt too; a confident answer from a source that fits
    // is not contradicted by it.
    if (d.outOfScope && (d.mode == Draft::Mode::Holding || (d.mode == Draft::Mode::Answer && d.lowConfidence)))
        reason(u"out-of-scope"_s, {}, u"No known topic fits this question well: needs a human"_s);
    if (!d.intent.isEmpty() && d.mode != Draft::Mode::Handoff) {
        const QString p = percent(d.intentProbability);
        if (d.intentProbability >= 0.6)
            reason(u"topic-agrees"_s, {d.intent, p},
                   u"Similar past tickets agree on the topic \"%1\" (%2)"_s.arg(d.intent, p));
        else
            reason(u"topic-disagrees"_s, {d.intent, p},
                   u"Similar past tickets disagree on the topic (\"%1\" only %2)"_s.arg(d.intent, p));
    }
    if (b && b->deprecated)
        reason(u"deprecated-source"_s, {}, u"The source article is marked deprecated and may be out of date"_s);
    if (b && m_learned.reputation(b->source.kind, b->source.id) < 0.4)
        reason(u"poor-reputation"_s, {}, u"Agents often rejected or flagged drafts built on this source"_s);
    if (m_learned.outcomes() >= LearnedState::kMinCalibrationOutcomes) {
        const QString n = QString::number(m_learned.outcomes());
        reason(u"calibrated"_s, {n}, u"Confidence calibrated on %1 past drafts the team acted on"_s.arg(n));
    }
    if (b && b->sim.queryCoverage < 0.5)
        reason(u"partial-coverage"_s, {}, u"Only part of the question is covered by the source"_s);
    if (!w.placeholders.isEmpty()) {
        const QString toFill = w.placeholders.join(u", "_s);
        reason(u"fill-placeholders"_s, {toFill}, u"Fill in before sending: %1"_s.arg(toFill));
    }
    if (b && w.actionsRemoved > 0) {
        const QString n = QString::number(w.actionsRemoved);
        reason(u"actions-removed"_s, {n},
               u"Left out %1 sentence(s) of a past reply that said what was done for another customer"_s.arg(n));
    }
    if (b && !w.extraSources.isEmpty()) {
        const QString n = QString::number(w.extraSources.size() + 1);
        reason(u"multi-part"_s, {n}, u"The question has %1 parts, answered from separate sources"_s.arg(n));
    }
    if (w.read.followUp)
        reason(u"follow-up"_s, {}, u"Read as a follow-up to the earlier messages in the conversation"_s);
    if (b && !w.droppedSteps.isEmpty()) {
        const QString n = QString::number(w.droppedSteps.size());
        reason(u"tried-steps-left-out"_s, {n}, u"Left out %1 step(s) the customer already tried"_s.arg(n));
    }
    if (!w.frustration.signals.isEmpty() && w.frustration.score >= 0.4) {
        const QString signals = w.frustration.signals.join(u", "_s);
        reason(u"frustrated"_s, {signals}, u"The customer sounds frustrated (%1)"_s.arg(signals));
    }
}

} // namespace understudy::engine

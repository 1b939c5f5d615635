// SPDX-License-Identifier: GPL-3.0-or-later
#include "InvertedIndex.h"

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>
#include <utility>

#include <xxhash.h>

namespace understudy::engine {

namespace {

constexpr uint32_t kEnd = UINT32_MAX;
constexpr uint32_t kPadding = 8; // unpack() reads 8 bytes at a time past a block's last byte
// Stored maxima are rounded up by this much, so that no rounding (float storage, the order of
// double operations) can let a score exceed its bound.
constexpr double kBoundSlack = 1.0 + 1e-5;
// Scores are summed as integers in units of 2^-40: exact and independent of summation order,
// so pruned and exhaustive evaluation agree to the bit.
constexpr double kFixedScale = 1099511627776.0; // 2^40

inline double tfFactor(uint32_t tf, uint32_t length, double c0, double c1, double k1p1)
{
    const double t = tf;
    return t * k1p1 / (t + c0 + c1 * double(length));
}

// Windows of the document space scored together: at least kMinWindow ids (so that per-window
// work stays small next to the postings), at most kMaxWindow (the accumulator size).
constexpr uint32_t kMinWindow = 2048;
constexpr uint32_t kMaxWindow = 4096;
constexpr uint32_t kFactorTable = 512; // tf = 1 factors precomputed for lengths below this
constexpr int kWindowBlocks = 16;      // block maxima read per list and window

inline float toFloat(int64_t fixed)
{
    return float(double(fixed) / kFixedScale);
}

inline float roundedUp(double bound)
{
    return float(bound * kBoundSlack);
}

// Mode 0: raw values; 1: values + 1 (term frequencies are stored minus one); 2: doc ids from
// gaps (each id is the previous one + 1 + its gap; @p base is the first id's lower bound).
template <uint32_t Bits, int Mode> void unpackFixed(const uint8_t *p, uint32_t n, uint32_t base, uint32_t *out)
{
    constexpr uint64_t mask = Bits == 32 ? 0xffffffffull : (1ull << Bits) - 1;
    uint64_t bitpos = 0;
    for (uint32_t i = 0; i < n; ++i, bitpos += Bits) {
        uint64_t w = 0;
        if constexpr (Bits > 0) {
            std::memcpy(&w, p + (bitpos >> 3), sizeof w);
            w = (w >> (bitpos & 7)) & mask;
        }
        if constexpr (Mode == 0) {
            out[i] = uint32_t(w);
        } else if constexpr (Mode == 1) {
            out[i] = uint32_t(w) + 1;
        } else {
            base += uint32_t(w);
            out[i] = base++;
        }
    }
}

using Unpacker = void (*)(const uint8_t *, uint32_t, uint32_t, uint32_t *);

template <int Mode, uint32_t... Bits> constexpr auto unpackTable(std::integer_sequence<uint32_t, Bits...>)
{
    return std::array<Unpacker, sizeof...(Bits)>{&unpackFixed<Bits, Mode>...};
}

// One routine per bit width: with the width a constant the loop unrolls.
template <int Mode> const uint8_t *unpack(const uint8_t *p, uint32_t n, uint32_t bits, uint32_t *out, uint32_t base = 0)
{
    static constexpr auto table = unpackTable<Mode>(std::make_integer_sequence<uint32_t, 33>());
    table[bits](p, n, base, out);
    return p + (uint64_t(n) * bits + 7) / 8;
}

void pack(std::vector<uint8_t> &out, const uint32_t *v, uint32_t n, uint32_t bits)
{
    if (bits == 0)
        return;
    const size_t start = out.size();
    out.resize(start + (uint64_t(n) * bits + 7) / 8, 0);
    uint64_t bitpos = 0;
    for (uint32_t i = 0; i < n; ++i, bitpos += bits) {
        uint64_t x = uint64_t(v[i]) << (bitpos & 7);
        for (size_t at = start + (bitpos >> 3); x; ++at, x >>= 8)
            out[at] |= uint8_t(x);
    }
}

inline uint32_t blockBytes(uint32_t n, uint32_t docBits, uint32_t tfBits)
{
    return 2 + uint32_t((uint64_t(n) * docBits + 7) / 8) + uint32_t((uint64_t(n) * tfBits + 7) / 8);
}

void decodeBlock(const uint8_t *p, uint32_t n, uint32_t base, uint32_t *docs, uint32_t *tfs)
{
    const uint8_t *tfData = unpack<2>(p + 2, n, p[0], docs, base);
    unpack<1>(tfData, n, p[1], tfs);
}

inline void putVarint(std::vector<uint8_t> &out, uint32_t v)
{
    while (v >= 0x80) {
        out.push_back(uint8_t(v | 0x80));
        v >>= 7;
    }
    out.push_back(uint8_t(v));
}

inline uint32_t getVarint(const uint8_t *&p)
{
    uint32_t v = 0;
    for (int shift = 0;; shift += 7) {
        const uint8_t byte = *p++;
        v |= uint32_t(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return v;
    }
}

template <typename T> size_t heapBytes(const std::vector<T> &v)
{
    return v.capacity() * sizeof(T);
}

} // namespace

struct InvertedIndex::Query {
    struct Term {
        std::string_view text;
        int64_t mainTerm = -1;
        const std::vector<DeltaPosting> *delta = nullptr;
        uint64_t df = 0;
        double idf = 0.0;     ///< times the weight of its repetitions in the query
        uint32_t repeats = 1; ///< occurrences in the query
    };
    std::vector<Term> terms;
    double c0 = 0.0, c1 = 0.0, k1p1 = 0.0;
    double drift = 1.0;        // max(1, avgdl / avgdl of the main segment's build)
    std::vector<double> tfOne; // tfFactor(1, length), the same expression, so the same bits

    void prepareTable()
    {
        tfOne.resize(kFactorTable);
        for (uint32_t length = 0; length < kFactorTable; ++length)
            tfOne[length] = tfFactor(1, length, c0, c1, k1p1);
    }

    // A term's score in units of 2^-40, truncated: never above the real value, and summed
    // exactly whatever the order of the terms. @p idfFixed is idf * 2^40 (an exact scaling).
    int64_t score(double idfFixed, uint32_t tf, uint32_t length) const
    {
        const double factor = tf == 1 && length < kFactorTable ? tfOne[length] : tfFactor(tf, length, c0, c1, k1p1);
        return int64_t(idfFixed * factor);
    }
};

// The k best (score, caller id) pairs seen so far; the worst sits at heap.front().
struct InvertedIndex::TopK {
    struct Entry {
        float score;
        uint32_t doc;
    };
    explicit TopK(size_t k) : k(k) { heap.reserve(std::min<size_t>(k, 1024)); }

    static bool better(const Entry &a, const Entry &b)
    {
        return a.score > b.score || (a.score == b.score && a.doc < b.doc);
    }

    // Bounds at or below this cannot produce a document that enters: its float score would be
    // below the k-th score, so not even a tie with a lower id is possible.
    double cut() const { return cutoff; }

    void push(int64_t fixed, uint32_t doc)
    {
        const Entry e{toFloat(fixed), doc};
        if (heap.size() < k) {
            heap.push_back(e);
            std::push_heap(heap.begin(), heap.end(), better);
        } else if (better(e, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), better);
            heap.back() = e;
            std::push_heap(heap.begin(), heap.end(), better);
        } else {
            return;
        }
        if (heap.size() == k)
            cutoff = double(std::nextafter(heap.front().score, 0.0f));
    }

    std::vector<Hit> take()
    {
        std::sort_heap(heap.begin(), heap.end(), better);
        std::vector<Hit> hits;
        hits.reserve(heap.size());
        for (const Entry &e : heap)
            hits.push_back(Hit{e.doc, e.score});
        return hits;
    }

    size_t k;
    std::vector<Entry> heap;
    double cutoff = -1.0;
};

// A position in one term's main-segment postings. Block moves are "shallow" (metadata only);
// a block is decoded when a posting in it is needed.
struct InvertedIndex::Cursor {
    const uint8_t *base = nullptr;
    const uint32_t *last = nullptr;
    const uint32_t *offset = nullptr;
    const float *blockMax = nullptr;
    uint32_t blocks = 0;
    uint32_t df = 0;
    uint32_t block = 0;
    uint32_t decoded = kEnd;
    uint32_t pos = 0;
    uint32_t count = 0;
    uint32_t doc = 0; // current posting, or a lower bound of the next one when !exact
    bool exact = false;
    double idfFixed = 0.0; // idf * 2^40
    double scale = 0.0;    // idf * drift: turns stored tf-factor maxima into score bounds
    double windowBound = 0.0;
    float termMax = 0.0f;
    uint32_t docs[kBlockSize];
    uint32_t tfs[kBlockSize];

    const uint8_t *tfData = nullptr; // the decoded block's frequencies, until unpacked
    uint32_t tfBits = 0;

    // Doc ids only: probes into a block mostly miss, and then need no frequencies.
    void decode()
    {
        count = block + 1 == blocks ? df - block * kBlockSize : kBlockSize;
        const uint8_t *p = base + offset[block];
        tfData = unpack<2>(p + 2, count, p[0], docs, block == 0 ? 0 : last[block - 1] + 1);
        tfBits = p[1];
        decoded = block;
        pos = 0;
    }

    void decodeTfs()
    {
        if (tfData) {
            unpack<1>(tfData, count, tfBits, tfs);
            tfData = nullptr;
        }
    }

    uint32_t tf()
    {
        decodeTfs();
        return tfs[pos];
    }

    // Moves to the block that would hold @p target; false when the list has no such block.
    bool shallow(uint32_t target)
    {
        if (block < blocks && last[block] >= target)
            return true;
        while (block < blocks && last[block] < target)
            ++block;
        exact = false;
        doc = block < blocks ? last[block - 1] + 1 : kEnd;
        return block < blocks;
    }

    void nextGeq(uint32_t target)
    {
        if (exact && doc >= target)
            return;
        if (!shallow(target)) {
            doc = kEnd;
            exact = true;
            return;
        }
        if (decoded != block)
            decode();
        while (docs[pos] < target)
            ++pos;
        doc = docs[pos];
        exact = true;
    }

    // Past the end of a block the next doc is only known to be beyond it: the caller works
    // inside one window and must not pay for decoding the next block yet.
    void next()
    {
        if (++pos < count) {
            doc = docs[pos];
            return;
        }
        if (block + 1 >= blocks) {
            block = blocks;
            doc = kEnd;
            exact = true;
            return;
        }
        exact = false;
        doc = last[block++] + 1;
    }
};

// Writes main segments (from the Builder) and reads and writes files.
struct IndexCodec {
    using Index = InvertedIndex;

    struct Writer {
        Index &ix;
        double c0, c1, k1p1;
        std::vector<uint32_t> gaps, tfs;

        Writer(Index &index) : ix(index)
        {
            const double avgdl = ix.m_docCount && ix.m_totalLength ? double(ix.m_totalLength) / ix.m_docCount : 1.0;
            ix.m_buildAvgdl = avgdl;
            c0 = double(ix.m_k1) * (1.0 - double(ix.m_b));
            c1 = double(ix.m_k1) * double(ix.m_b) / avgdl;
            k1p1 = double(ix.m_k1) + 1.0;
            ix.m_termText.clear();
            ix.m_postings.clear();
            ix.m_termTextOffset.assign(1, 0);
            ix.m_termFirstBlock.assign(1, 0);
            gaps.resize(Index::kBlockSize);
            tfs.resize(Index::kBlockSize);
        }

        // @p postings: (internal doc, tf), ascending doc, not empty.
        void addTerm(std::string_view term, const std::vector<std::pair<uint32_t, uint32_t>> &postings)
        {
            ix.m_termText.insert(ix.m_termText.end(), term.begin(), term.end());
            ix.m_termTextOffset.push_back(uint32_t(ix.m_termText.size()));
            const uint64_t start = ix.m_postings.size();
            ix.m_termPostings.push_back(start);
            ix.m_termDf.push_back(uint32_t(postings.size()));
            double termMax = 0.0;
            uint32_t base = 0;
            for (size_t first = 0; first < postings.size(); first += Index::kBlockSize) {
                const uint32_t n = uint32_t(std::min<size_t>(Index::kBlockSize, postings.size() - first));
                uint32_t maxGap = 0, maxTf = 0;
                double blockMax = 0.0;
                uint32_t prev = base;
                for (uint32_t i = 0; i < n; ++i) {
                    const auto [doc, tf] = postings[first + i];
                    gaps[i] = doc - prev;
                    tfs[i] = tf - 1;
                    prev = doc + 1;
                    maxGap = std::max(maxGap, gaps[i]);
                    maxTf = std::max(maxTf, tfs[i]);
                    blockMax = std::max(blockMax, tfFactor(tf, ix.m_lengths[doc], c0, c1, k1p1));
                }
                const uint32_t docBits = uint32_t(std::bit_width(maxGap));
                const uint32_t tfBits = uint32_t(std::bit_width(maxTf));
                ix.m_blockOffset.push_back(uint32_t(ix.m_postings.size() - start));
                ix.m_postings.push_back(uint8_t(docBits));
                ix.m_postings.push_back(uint8_t(tfBits));
                pack(ix.m_postings, gaps.data(), n, docBits);
                pack(ix.m_postings, tfs.data(), n, tfBits);
                base = prev;
                ix.m_blockLast.push_back(prev - 1);
                ix.m_blockMax.push_back(roundedUp(blockMax));
                termMax = std::max(termMax, blockMax);
            }
            ix.m_termMax.push_back(roundedUp(termMax));
            ix.m_termFirstBlock.push_back(uint32_t(ix.m_blockLast.size()));
        }

        void finish()
        {
            ix.m_postings.resize(ix.m_postings.size() + kPadding, 0);
            ix.m_tombstones.assign((size_t(ix.m_docCount) + 63) / 64, 0);
            ix.m_deletedMain = 0;
            for (auto *v :
                 {&ix.m_termTextOffset, &ix.m_termDf, &ix.m_termFirstBlock, &ix.m_blockLast, &ix.m_blockOffset})
                v->shrink_to_fit();
            ix.m_termText.shrink_to_fit();
            ix.m_termPostings.shrink_to_fit();
            ix.m_termMax.shrink_to_fit();
            ix.m_blockMax.shrink_to_fit();
            ix.m_postings.shrink_to_fit();
        }
    };

    static Status save(const Index &ix, const QString &path);
    static Result<Index> load(const QString &path);
    /// Writes the index to @p out; false when a write failed (the device's error says why).
    static bool write(const Index &ix, QIODevice &out);
    /// Reads an index from @p in's position, leaving it after the index; @p name names it in errors.
    static Result<Index> read(QIODevice &in, const QString &name);
    static QString validate(const Index &ix);
};

// ---- Builder ----

void InvertedIndex::Builder::add(uint32_t doc, const std::vector<std::string> &terms)
{
    const uint32_t seq = uint32_t(m_docIds.size());
    m_docIds.push_back(doc);
    m_lengths.push_back(uint32_t(terms.size()));
    m_scratch.clear();
    for (const std::string &term : terms) {
        auto it = m_termIds.find(term);
        if (it == m_termIds.end()) {
            it = m_termIds.emplace(term, uint32_t(m_terms.size())).first;
            m_terms.push_back(term);
            m_postings.emplace_back();
            m_lastSeq.push_back(0);
        }
        m_scratch.push_back(it->second);
    }
    std::sort(m_scratch.begin(), m_scratch.end());
    for (size_t i = 0; i < m_scratch.size();) {
        size_t j = i + 1;
        while (j < m_scratch.size() && m_scratch[j] == m_scratch[i])
            ++j;
        const uint32_t term = m_scratch[i];
        putVarint(m_postings[term], seq + 1 - m_lastSeq[term]);
        putVarint(m_postings[term], uint32_t(j - i));
        m_lastSeq[term] = seq + 1;
        i = j;
    }
}

InvertedIndex InvertedIndex::Builder::build(float k1, float b)
{
    InvertedIndex ix;
    ix.m_k1 = k1;
    ix.m_b = b;
    const uint32_t n = uint32_t(m_docIds.size());

    // Internal ids follow caller ids; of two adds with one id the later wins.
    std::vector<uint32_t> seqToInternal(n, kEnd);
    bool sorted = std::is_sorted(m_docIds.begin(), m_docIds.end(), std::less_equal<>());
    if (sorted) {
        std::iota(seqToInternal.begin(), seqToInternal.end(), 0u);
        ix.m_docIds = m_docIds;
        ix.m_lengths = m_lengths;
    } else {
        std::vector<uint32_t> order(n);
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(),
                         [this](uint32_t a, uint32_t b) { return m_docIds[a] < m_docIds[b]; });
        for (uint32_t i = 0; i < n; ++i) {
            if (i + 1 < n && m_docIds[order[i + 1]] == m_docIds[order[i]])
                continue;
            seqToInternal[order[i]] = uint32_t(ix.m_docIds.size());
            ix.m_docIds.push_back(m_docIds[order[i]]);
            ix.m_lengths.push_back(m_lengths[order[i]]);
        }
    }
    ix.m_docCount = uint32_t(ix.m_docIds.size());
    ix.m_totalLength = std::accumulate(ix.m_lengths.begin(), ix.m_lengths.end(), uint64_t(0));
    bool identity = true;
    for (uint32_t i = 0; i < ix.m_docCount && identity; ++i)
        identity = ix.m_docIds[i] == i;
    if (identity)
        ix.m_docIds = {};
    else
        ix.m_docIds.shrink_to_fit();
    ix.m_lengths.shrink_to_fit();

    std::vector<uint32_t> termOrder(m_terms.size());
    std::iota(termOrder.begin(), termOrder.end(), 0u);
    std::sort(termOrder.begin(), termOrder.end(), [this](uint32_t a, uint32_t b) { return m_terms[a] < m_terms[b]; });

    IndexCodec::Writer writer(ix);
    std::vector<std::pair<uint32_t, uint32_t>> postings;
    for (const uint32_t term : termOrder) {
        postings.clear();
        const std::vector<uint8_t> &buffer = m_postings[term];
        const uint8_t *p = buffer.data();
        const uint8_t *end = p + buffer.size();
        uint32_t seqPlus1 = 0;
        bool ascending = true;
        while (p < end) {
            seqPlus1 += getVarint(p);
            const uint32_t tf = getVarint(p);
            const uint32_t internal = seqToInternal[seqPlus1 - 1];
            if (internal == kEnd)
                continue;
            if (!postings.empty() && postings.back().first > internal)
                ascending = false;
            postings.emplace_back(internal, tf);
        }
        std::vector<uint8_t>().swap(m_postings[term]);
        if (postings.empty())
            continue;
        if (!ascending)
            std::sort(postings.begin(), postings.end());
        writer.addTerm(m_terms[term], postings);
    }
    writer.finish();
    *this = Builder();
    return ix;
}

// ---- InvertedIndex ----

InvertedIndex::InvertedIndex()
{
    m_termTextOffset.push_back(0);
    m_termFirstBlock.push_back(0);
    m_postings.resize(kPadding, 0);
}

InvertedIndex::InvertedIndex(InvertedIndex &&) noexcept = default;
InvertedIndex &InvertedIndex::operator=(InvertedIndex &&) noexcept = default;
InvertedIndex::InvertedIndex(const InvertedIndex &) = default;
InvertedIndex &InvertedIndex::operator=(const InvertedIndex &) = default;
InvertedIndex::~InvertedIndex() = default;

int64_t InvertedIndex::findTerm(std::string_view term) const
{
    size_t lo = 0, hi = m_termDf.size();
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        const std::string_view t(m_termText.data() + m_termTextOffset[mid],
                                 m_termTextOffset[mid + 1] - m_termTextOffset[mid]);
        const int c = t.compare(term);
        if (c == 0)
            return int64_t(mid);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int64_t InvertedIndex::internalId(uint32_t doc) const
{
    if (m_docIds.empty())
        return doc < m_docCount ? int64_t(doc) : -1;
    const auto it = std::lower_bound(m_docIds.begin(), m_docIds.end(), doc);
    return it != m_docIds.end() && *it == doc ? int64_t(it - m_docIds.begin()) : -1;
}

uint32_t InvertedIndex::documentFrequency(std::string_view term) const
{
    uint32_t df = 0;
    if (const int64_t t = findTerm(term); t >= 0)
        df = m_termDf[size_t(t)];
    if (!m_deltaPostings.empty()) {
        const auto it = m_deltaPostings.find(std::string(term));
        if (it != m_deltaPostings.end())
            df += uint32_t(it->second.size());
    }
    return df;
}

double InvertedIndex::idf(std::string_view term) const
{
    const double n = double(m_docCount) + double(m_deltaDocs.size());
    const double df = double(documentFrequency(term));
    return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

InvertedIndex::Query InvertedIndex::prepare(const std::vector<std::string> &queryTerms, size_t maxTerms) const
{
    Query q;
    std::vector<std::string_view> sorted(queryTerms.begin(), queryTerms.end());
    std::sort(sorted.begin(), sorted.end());
    for (auto run = sorted.begin(); run != sorted.end();) {
        const auto end = std::find_if(run, sorted.end(), [&](std::string_view s) { return s != *run; });
        const std::string_view text = *run;
        Query::Term t;
        t.text = text;
        t.repeats = uint32_t(end - run);
        run = end;
        t.mainTerm = findTerm(text);
        if (t.mainTerm >= 0)
            t.df = m_termDf[size_t(t.mainTerm)];
        if (!m_deltaPostings.empty()) {
            const auto it = m_deltaPostings.find(text);
            if (it != m_deltaPostings.end()) {
                t.delta = &it->second;
                t.df += it->second.size();
            }
        }
        if (t.df > 0)
            q.terms.push_back(t);
    }
    if (maxTerms > 0 && q.terms.size() > maxTerms) {
        std::sort(q.terms.begin(), q.terms.end(), [](const Query::Term &a, const Query::Term &b) {
            return a.df != b.df ? a.df < b.df : a.text < b.text;
        });
        q.terms.resize(maxTerms);
    }
    const double n = double(m_docCount) + double(m_deltaDocs.size());
    const uint64_t totalLength = m_totalLength + m_deltaLength;
    const double avgdl = n > 0 && totalLength > 0 ? double(totalLength) / n : 1.0;
    for (Query::Term &t : q.terms)
        t.idf = queryTermWeight(t.repeats) * std::log(1.0 + (n - double(t.df) + 0.5) / (double(t.df) + 0.5));
    q.c0 = double(m_k1) * (1.0 - double(m_b));
    q.c1 = double(m_k1) * double(m_b) / avgdl;
    q.k1p1 = double(m_k1) + 1.0;
    q.drift = std::max(1.0, avgdl / m_buildAvgdl);
    if (!q.terms.empty())
        q.prepareTable();
    return q;
}

std::vector<InvertedIndex::Hit> InvertedIndex::search(const std::vector<std::string> &queryTerms, size_t k,
                                                      size_t maxTerms) const
{
    if (k == 0)
        return {};
    const Query q = prepare(queryTerms, maxTerms);
    if (q.terms.empty())
        return {};
    TopK top(k);
    searchMain(q, top);
    searchDelta(q, top);
    return top.take();
}

std::vector<InvertedIndex::Hit> InvertedIndex::searchExhaustive(const std::vector<std::string> &queryTerms, size_t k,
                                                                size_t maxTerms) const
{
    if (k == 0)
        return {};
    const Query q = prepare(queryTerms, maxTerms);
    if (q.terms.empty())
        return {};
    TopK top(k);
    searchMainExhaustive(q, top);
    searchDelta(q, top);
    return top.take();
}

void InvertedIndex::searchMain(const Query &q, TopK &top) const
{
    std::vector<Cursor> cursors;
    cursors.reserve(q.terms.size());
    for (const Query::Term &t : q.terms) {
        if (t.mainTerm < 0)
            continue;
        const size_t term = size_t(t.mainTerm);
        Cursor &c = cursors.emplace_back();
        const uint32_t first = m_termFirstBlock[term];
        c.base = m_postings.data() + m_termPostings[term];
        c.last = m_blockLast.data() + first;
        c.offset = m_blockOffset.data() + first;
        c.blockMax = m_blockMax.data() + first;
        c.blocks = m_termFirstBlock[term + 1] - first;
        c.df = m_termDf[term];
        c.termMax = m_termMax[term];
        c.idfFixed = t.idf * kFixedScale;
        c.scale = t.idf * q.drift;
    }
    if (cursors.empty())
        return;
    std::vector<Cursor *> active;
    for (Cursor &c : cursors)
        active.push_back(&c);
    std::vector<double> prefix(active.size());
    std::vector<int64_t> scores(kMaxWindow, 0);
    uint64_t matched[kMaxWindow / 64] = {};
    const uint32_t *lengths = m_lengths.data();

    // The document space is scored in windows. Per window each list's bound is the largest
    // block maximum among its blocks there, and the lists split MaxScore-style: "essential"
    // lists are accumulated term at a time into a score array, the others, whose bounds sum to
    // no more than the current cut, only complete candidates that could still enter the top k.
    uint32_t windowMin = 0;
    while (windowMin < m_docCount) {
        size_t live = 0;
        uint32_t windowMax = kEnd;
        for (Cursor *c : active) {
            if (!c->shallow(windowMin))
                continue;
            active[live++] = c;
            windowMax = std::min(windowMax, c->last[c->block]);
        }
        active.resize(live);
        if (live == 0)
            break;
        windowMax = uint32_t(std::min<uint64_t>({std::max<uint64_t>(windowMax, uint64_t(windowMin) + kMinWindow - 1),
                                                 uint64_t(windowMin) + kMaxWindow - 1, m_docCount - 1}));
        for (Cursor *c : active) {
            // A dense list has many blocks in a window: past a few, its term maximum is as good.
            float bound = c->blockMax[c->block];
            uint32_t b = c->block;
            for (int seen = 1; c->last[b] < windowMax && b + 1 < c->blocks; ++seen) {
                if (seen == kWindowBlocks) {
                    bound = c->termMax;
                    break;
                }
                bound = std::max(bound, c->blockMax[++b]);
            }
            c->windowBound = double(bound) * c->scale;
        }
        for (size_t i = 1; i < live; ++i) {
            for (size_t j = i; j > 0 && active[j - 1]->windowBound > active[j]->windowBound; --j)
                std::swap(active[j - 1], active[j]);
        }
        double sum = 0.0;
        for (size_t i = 0; i < live; ++i)
            prefix[i] = sum += active[i]->windowBound;
        double cut = top.cut();
        size_t essential = 0;
        while (essential < live && prefix[essential] <= cut)
            ++essential;

        if (essential < live) {
            for (size_t i = essential; i < live; ++i) {
                Cursor *c = active[i];
                c->nextGeq(windowMin);
                for (;;) {
                    if (c->doc > windowMax)
                        break;
                    if (!c->exact) {
                        c->nextGeq(c->doc);
                        continue;
                    }
                    c->decodeTfs();
                    uint32_t pos = c->pos;
                    const uint32_t n = c->count;
                    for (; pos < n && c->docs[pos] <= windowMax; ++pos) {
                        // Lengths are read at scattered ids: fetch ahead from the decoded ids.
                        __builtin_prefetch(lengths + c->docs[std::min(pos + 16, n - 1)]);
                        const uint32_t doc = c->docs[pos];
                        const uint32_t at = doc - windowMin;
                        scores[at] += q.score(c->idfFixed, c->tfs[pos], lengths[doc]);
                        matched[at >> 6] |= uint64_t(1) << (at & 63);
                    }
                    if (pos < n) {
                        c->pos = pos;
                        c->doc = c->docs[pos];
                        break;
                    }
                    c->pos = n - 1;
                    c->next();
                }
            }
            const uint32_t words = (windowMax - windowMin) / 64 + 1;
            for (uint32_t w = 0; w < words; ++w) {
                for (uint64_t bits = matched[w]; bits; bits &= bits - 1) {
                    const uint32_t at = w * 64 + uint32_t(std::countr_zero(bits));
                    const uint32_t doc = windowMin + at;
                    int64_t score = scores[at];
                    scores[at] = 0;
                    if (isDeleted(doc))
                        continue;
                    bool competitive = true;
                    for (size_t i = essential; i-- > 0;) {
                        if (double(score) / kFixedScale + prefix[i] <= cut) {
                            competitive = false;
                            break;
                        }
                        Cursor *c = active[i];
                        c->nextGeq(doc);
                        if (c->doc == doc)
                            score += q.score(c->idfFixed, c->tf(), lengths[doc]);
                    }
                    if (competitive && double(score) / kFixedScale > cut) {
                        top.push(score, externalId(doc));
                        cut = top.cut();
                    }
                }
                matched[w] = 0;
            }
        }
        if (windowMax >= m_docCount - 1)
            break;
        windowMin = windowMax + 1;
    }
}

void InvertedIndex::searchMainExhaustive(const Query &q, TopK &top) const
{
    std::vector<int64_t> scores(m_docCount, 0);
    for (const Query::Term &t : q.terms) {
        const double idfFixed = t.idf * kFixedScale;
        if (t.mainTerm >= 0) {
            decodeTerm(uint32_t(t.mainTerm),
                       [&](uint32_t doc, uint32_t tf) { scores[doc] += q.score(idfFixed, tf, m_lengths[doc]); });
        }
    }
    for (uint32_t doc = 0; doc < m_docCount; ++doc) {
        if (scores[doc] > 0 && !isDeleted(doc))
            top.push(scores[doc], externalId(doc));
    }
}

void InvertedIndex::searchDelta(const Query &q, TopK &top) const
{
    // The delta is small and uncompressed: merge its lists document by document, no pruning.
    struct DeltaCursor {
        const DeltaPosting *at, *end;
        double idfFixed;
    };
    std::vector<DeltaCursor> lists;
    for (const Query::Term &t : q.terms) {
        if (t.delta && !t.delta->empty())
            lists.push_back({t.delta->data(), t.delta->data() + t.delta->size(), t.idf * kFixedScale});
    }
    while (!lists.empty()) {
        uint32_t slot = kEnd;
        for (const DeltaCursor &c : lists)
            slot = std::min(slot, c.at->slot);
        const DeltaDoc &d = m_deltaDocs[slot];
        int64_t score = 0;
        for (size_t i = 0; i < lists.size();) {
            DeltaCursor &c = lists[i];
            if (c.at->slot == slot) {
                if (d.live)
                    score += q.score(c.idfFixed, c.at->tf, d.length);
                if (++c.at == c.end) {
                    lists[i] = lists.back();
                    lists.pop_back();
                    continue;
                }
            }
            ++i;
        }
        if (d.live)
            top.push(score, d.doc);
    }
}

template <typename Visit> void InvertedIndex::decodeTerm(uint32_t term, Visit &&visit) const
{
    uint32_t docs[kBlockSize], tfs[kBlockSize];
    const uint32_t first = m_termFirstBlock[term];
    const uint32_t blocks = m_termFirstBlock[term + 1] - first;
    const uint32_t df = m_termDf[term];
    const uint8_t *base = m_postings.data() + m_termPostings[term];
    for (uint32_t b = 0; b < blocks; ++b) {
        const uint32_t n = b + 1 == blocks ? df - b * kBlockSize : kBlockSize;
        decodeBlock(base + m_blockOffset[first + b], n, b == 0 ? 0 : m_blockLast[first + b - 1] + 1, docs, tfs);
        for (uint32_t i = 0; i < n; ++i)
            visit(docs[i], tfs[i]);
    }
}

bool InvertedIndex::contains(uint32_t doc) const
{
    if (m_deltaLive.contains(doc))
        return true;
    const int64_t internal = internalId(doc);
    return internal >= 0 && !isDeleted(uint32_t(internal));
}

void InvertedIndex::add(uint32_t doc, const std::vector<std::string> &terms)
{
    remove(doc);
    const uint32_t slot = uint32_t(m_deltaDocs.size());
    m_deltaDocs.push_back(DeltaDoc{doc, uint32_t(terms.size()), true});
    m_deltaLength += terms.size();
    m_deltaLive.emplace(doc, slot);
    std::vector<std::string_view> sorted(terms.begin(), terms.end());
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size();) {
        size_t j = i + 1;
        while (j < sorted.size() && sorted[j] == sorted[i])
            ++j;
        m_deltaPostings[std::string(sorted[i])].push_back(DeltaPosting{slot, uint32_t(j - i)});
        i = j;
    }
}

void InvertedIndex::remove(uint32_t doc)
{
    const auto it = m_deltaLive.find(doc);
    if (it != m_deltaLive.end()) {
        m_deltaDocs[it->second].live = false;
        m_deltaLive.erase(it);
    }
    const int64_t internal = internalId(doc);
    if (internal >= 0 && !isDeleted(uint32_t(internal))) {
        m_tombstones[size_t(internal) >> 6] |= uint64_t(1) << (internal & 63);
        ++m_deletedMain;
    }
}

size_t InvertedIndex::documentCount() const
{
    return size_t(m_docCount - m_deletedMain) + m_deltaLive.size();
}

size_t InvertedIndex::deltaDocumentCount() const
{
    return m_deltaDocs.size();
}

size_t InvertedIndex::termCount() const
{
    return m_termDf.size();
}

uint64_t InvertedIndex::postingCount() const
{
    return std::accumulate(m_termDf.begin(), m_termDf.end(), uint64_t(0));
}

size_t InvertedIndex::memoryBytes() const
{
    size_t bytes = heapBytes(m_docIds) + heapBytes(m_lengths) + heapBytes(m_termText) + heapBytes(m_termTextOffset) +
                   heapBytes(m_termPostings) + heapBytes(m_termDf) + heapBytes(m_termFirstBlock) +
                   heapBytes(m_termMax) + heapBytes(m_blockLast) + heapBytes(m_blockOffset) + heapBytes(m_blockMax) +
                   heapBytes(m_postings) + heapBytes(m_tombstones) + heapBytes(m_deltaDocs);
    // Hash tables: the bucket array plus one node per entry (next pointer, cached hash, value).
    bytes += m_deltaPostings.bucket_count() * sizeof(void *);
    for (const auto &[term, postings] : m_deltaPostings) {
        bytes += 2 * sizeof(void *) + sizeof(term) + sizeof(postings) + heapBytes(postings);
        if (term.capacity() > 15)
            bytes += term.capacity() + 1;
    }
    bytes += m_deltaLive.bucket_count() * sizeof(void *) + m_deltaLive.size() * (2 * sizeof(void *) + 8);
    return bytes;
}

// ---- persistence ----

namespace {

constexpr char kMagic[8] = {'U', 'S', 'T', 'I', 'D', 'X', '\r', '\n'};
constexpr uint32_t kFormatVersion = 1;
constexpr uint32_t kByteOrderMark = 0x01020304;

struct FileHeader {
    char magic[8];
    uint32_t version;
    uint32_t byteOrder;
    float k1;
    float b;
    uint32_t docCount;
    uint32_t deletedMain;
    uint64_t totalLength;
    uint64_t deltaLength;
    double buildAvgdl;
    uint32_t sections;
    uint32_t reserved;
};
static_assert(sizeof(FileHeader) == 64);

struct FileDeltaDoc {
    uint32_t doc;
    uint32_t length;
    uint32_t live;
};

constexpr uint32_t kSections = 15;

Error parseError(const QString &path, const QString &message)
{
    Error e = Error::make(Error::Code::Parse, message);
    e.file = path;
    return e;
}

} // namespace

Status InvertedIndex::save(const QString &path) const
{
    return IndexCodec::save(*this, path);
}

Result<InvertedIndex> InvertedIndex::load(const QString &path)
{
    return IndexCodec::load(path);
}

uint64_t InvertedIndex::checksum(const void *data, size_t bytes, uint64_t seed)
{
    return XXH64(data, bytes, seed);
}

bool InvertedIndex::write(QIODevice &out) const
{
    return IndexCodec::write(*this, out);
}

Result<InvertedIndex> InvertedIndex::read(QIODevice &in, const QString &name)
{
    return IndexCodec::read(in, name);
}

Status IndexCodec::save(const Index &ix, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        Error e = Error::make(Error::Code::Io, QStringLiteral("cannot write the index: %1").arg(file.errorString()));
        e.file = path;
        return e;
    }
    if (!write(ix, file) || !file.commit()) {
        const bool full = file.error() == QFileDevice::ResourceError;
        Error e = Error::make(full ? Error::Code::DiskFull : Error::Code::Io,
                              QStringLiteral("cannot write the index: %1").arg(file.errorString()));
        e.file = path;
        return e;
    }
    return ok();
}

bool IndexCodec::write(const Index &ix, QIODevice &file)
{
    uint64_t hash = 0;
    bool failed = false;
    auto write = [&](const void *data, size_t bytes) {
        hash = XXH64(data, bytes, hash);
        if (!failed && bytes > 0 && file.write(static_cast<const char *>(data), qint64(bytes)) != qint64(bytes))
            failed = true;
    };
    auto section = [&](const void *data, size_t bytes) {
        const uint64_t length = bytes;
        write(&length, sizeof length);
        write(data, bytes);
    };
    auto vec = [&](const auto &v) { section(v.data(), v.size() * sizeof(v[0])); };

    FileHeader header{};
    std::memcpy(header.magic, kMagic, sizeof kMagic);
    header.version = kFormatVersion;
    header.byteOrder = kByteOrderMark;
    header.k1 = ix.m_k1;
    header.b = ix.m_b;
    header.docCount = ix.m_docCount;
    header.deletedMain = ix.m_deletedMain;
    header.totalLength = ix.m_totalLength;
    header.deltaLength = ix.m_deltaLength;
    header.buildAvgdl = ix.m_buildAvgdl;
    header.sections = kSections;
    write(&header, sizeof header);
    vec(ix.m_docIds);
    vec(ix.m_lengths);
    vec(ix.m_termText);
    vec(ix.m_termTextOffset);
    vec(ix.m_termPostings);
    vec(ix.m_termDf);
    vec(ix.m_termFirstBlock);
    vec(ix.m_termMax);
    vec(ix.m_blockLast);
    vec(ix.m_blockOffset);
    vec(ix.m_blockMax);
    vec(ix.m_postings);
    vec(ix.m_tombstones);
    std::vector<FileDeltaDoc> deltaDocs;
    deltaDocs.reserve(ix.m_deltaDocs.size());
    for (const auto &d : ix.m_deltaDocs)
        deltaDocs.push_back({d.doc, d.length, d.live ? 1u : 0u});
    vec(deltaDocs);
    // Delta postings: per term (sorted, for a deterministic file) its length, bytes, count, postings.
    std::vector<uint8_t> delta;
    std::vector<const std::pair<const std::string, std::vector<Index::DeltaPosting>> *> terms;
    for (const auto &entry : ix.m_deltaPostings)
        terms.push_back(&entry);
    std::sort(terms.begin(), terms.end(), [](const auto *a, const auto *b) { return a->first < b->first; });
    auto put32 = [&delta](uint32_t v) {
        const auto *p = reinterpret_cast<const uint8_t *>(&v);
        delta.insert(delta.end(), p, p + 4);
    };
    for (const auto *entry : terms) {
        put32(uint32_t(entry->first.size()));
        delta.insert(delta.end(), entry->first.begin(), entry->first.end());
        put32(uint32_t(entry->second.size()));
        for (const auto &p : entry->second) {
            put32(p.slot);
            put32(p.tf);
        }
    }
    vec(delta);
    const uint64_t checksum = hash;
    if (!failed && file.write(reinterpret_cast<const char *>(&checksum), sizeof checksum) != qint64(sizeof checksum))
        failed = true;
    return !failed;
}

Result<InvertedIndex> IndexCodec::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Error e = Error::make(Error::Code::Io, QStringLiteral("cannot read the index: %1").arg(file.errorString()));
        e.file = path;
        return e;
    }
    auto ix = read(file, path);
    if (ix && !file.atEnd())
        return parseError(path, QStringLiteral("corrupt index file: data after the checksum"));
    return ix;
}

Result<InvertedIndex> IndexCodec::read(QIODevice &file, const QString &path)
{
    const qint64 fileSize = file.size();
    FileHeader header{};
    const qint64 got = file.read(reinterpret_cast<char *>(&header), sizeof header);
    if (got < qint64(sizeof kMagic) || !std::equal(kMagic, kMagic + 8, header.magic)) {
        if (got >= 0 && std::equal(header.magic, header.magic + std::min<qint64>(got, 8), kMagic) &&
            got < qint64(sizeof header))
            return parseError(path, QStringLiteral("truncated index file (%1 bytes)").arg(fileSize));
        return parseError(path, QStringLiteral("not an Understudy index file"));
    }
    if (got != qint64(sizeof header))
        return parseError(path, QStringLiteral("truncated index file (%1 bytes)").arg(fileSize));
    if (!std::equal(kMagic, kMagic + 8, header.magic))
        return parseError(path, QStringLiteral("not an Understudy index file"));
    if (header.byteOrder != kByteOrderMark)
        return parseError(path, QStringLiteral("index file has a foreign byte order"));
    if (header.version != kFormatVersion)
        return parseError(path, QStringLiteral("index format version %1 is not supported (this build reads version %2)")
                                    .arg(header.version)
                                    .arg(kFormatVersion));
    if (header.sections != kSections)
        return parseError(
            path, QStringLiteral("index file has %1 sections, expected %2").arg(header.sections).arg(kSections));
    uint64_t hash = XXH64(&header, sizeof header, 0);

    Index ix;
    QString failure;
    auto read = [&](auto &v) {
        if (!failure.isEmpty())
            return;
        using T = std::decay_t<decltype(v[0])>;
        uint64_t length = 0;
        const qint64 remaining = fileSize - file.pos();
        if (remaining < qint64(sizeof length) + qint64(sizeof(uint64_t)) ||
            file.read(reinterpret_cast<char *>(&length), sizeof length) != qint64(sizeof length)) {
            failure = QStringLiteral("truncated index file (%1 bytes)").arg(fileSize);
            return;
        }
        hash = XXH64(&length, sizeof length, hash);
        if (length > uint64_t(remaining) - sizeof length - sizeof(uint64_t)) {
            failure = QStringLiteral("truncated index file (%1 bytes)").arg(fileSize);
            return;
        }
        if (length % sizeof(T) != 0) {
            failure = QStringLiteral("corrupt index file: bad section length");
            return;
        }
        v.resize(length / sizeof(T));
        if (length > 0 && file.read(reinterpret_cast<char *>(v.data()), qint64(length)) != qint64(length)) {
            failure = QStringLiteral("cannot read the index: %1").arg(file.errorString());
            return;
        }
        hash = XXH64(v.data(), length, hash);
    };
    std::vector<FileDeltaDoc> deltaDocs;
    std::vector<uint8_t> delta;
    read(ix.m_docIds);
    read(ix.m_lengths);
    read(ix.m_termText);
    read(ix.m_termTextOffset);
    read(ix.m_termPostings);
    read(ix.m_termDf);
    read(ix.m_termFirstBlock);
    read(ix.m_termMax);
    read(ix.m_blockLast);
    read(ix.m_blockOffset);
    read(ix.m_blockMax);
    read(ix.m_postings);
    read(ix.m_tombstones);
    read(deltaDocs);
    read(delta);
    if (!failure.isEmpty())
        return parseError(path, failure);
    uint64_t checksum = 0;
    if (file.read(reinterpret_cast<char *>(&checksum), sizeof checksum) != qint64(sizeof checksum))
        return parseError(path, QStringLiteral("truncated index file (%1 bytes)").arg(fileSize));
    if (checksum != hash)
        return parseError(path, QStringLiteral("corrupt index file: checksum mismatch"));

    ix.m_k1 = header.k1;
    ix.m_b = header.b;
    ix.m_docCount = header.docCount;
    ix.m_deletedMain = header.deletedMain;
    ix.m_totalLength = header.totalLength;
    ix.m_deltaLength = header.deltaLength;
    ix.m_buildAvgdl = header.buildAvgdl;

    // The delta postings section: rebuilt into the hash map, checked as it goes.
    const uint8_t *p = delta.data();
    const uint8_t *end = p + delta.size();
    auto get32 = [&p, end](uint32_t &v) {
        if (end - p < 4)
            return false;
        std::memcpy(&v, p, 4);
        p += 4;
        return true;
    };
    while (p < end) {
        uint32_t length = 0, count = 0;
        if (!get32(length) || uint64_t(end - p) < length)
            return parseError(path, QStringLiteral("corrupt index file: bad delta term"));
        std::string term(reinterpret_cast<const char *>(p), length);
        p += length;
        if (!get32(count) || uint64_t(end - p) / 8 < count)
            return parseError(path, QStringLiteral("corrupt index file: bad delta postings"));
        auto &postings = ix.m_deltaPostings[term];
        if (!postings.empty())
            return parseError(path, QStringLiteral("corrupt index file: repeated delta term"));
        postings.resize(count);
        for (auto &posting : postings) {
            get32(posting.slot);
            get32(posting.tf);
        }
    }
    ix.m_deltaDocs.reserve(deltaDocs.size());
    for (const FileDeltaDoc &d : deltaDocs) {
        const auto slot = uint32_t(ix.m_deltaDocs.size());
        ix.m_deltaDocs.push_back({d.doc, d.length, d.live != 0});
        if (d.live && !ix.m_deltaLive.emplace(d.doc, slot).second)
            return parseError(path, QStringLiteral("corrupt index file: document %1 is live twice").arg(d.doc));
    }
    const QString invalid = validate(ix);
    if (!invalid.isEmpty())
        return parseError(path, QStringLiteral("corrupt index file: %1").arg(invalid));
    return ix;
}

// Checks every invariant search() relies on, so that even a file with a valid checksum but
// inconsistent content cannot make it read out of bounds.
QString IndexCodec::validate(const Index &ix)
{
    const uint32_t n = ix.m_docCount;
    if (ix.m_lengths.size() != n || (!ix.m_docIds.empty() && ix.m_docIds.size() != n))
        return QStringLiteral("document tables do not match the document count");
    if (!std::is_sorted(ix.m_docIds.begin(), ix.m_docIds.end(), std::less_equal<>()))
        return QStringLiteral("document ids out of order");
    if (std::accumulate(ix.m_lengths.begin(), ix.m_lengths.end(), uint64_t(0)) != ix.m_totalLength)
        return QStringLiteral("document lengths do not add up");
    if (!(ix.m_buildAvgdl > 0.0) || !std::isfinite(ix.m_buildAvgdl) || !(ix.m_k1 >= 0.0f) || !(ix.m_b >= 0.0f) ||
        ix.m_b > 1.0f)
        return QStringLiteral("bad scoring parameters");
    if (ix.m_tombstones.size() != (size_t(n) + 63) / 64)
        return QStringLiteral("tombstones do not match the document count");
    uint64_t deleted = 0;
    for (const uint64_t w : ix.m_tombstones)
        deleted += uint64_t(std::popcount(w));
    if (deleted != ix.m_deletedMain || (n % 64 && (ix.m_tombstones.back() >> (n % 64))))
        return QStringLiteral("tombstones do not add up");

    const size_t terms = ix.m_termDf.size();
    if (ix.m_termTextOffset.size() != terms + 1 || ix.m_termFirstBlock.size() != terms + 1 ||
        ix.m_termPostings.size() != terms || ix.m_termMax.size() != terms)
        return QStringLiteral("term tables differ in size");
    if (ix.m_termTextOffset.front() != 0 || ix.m_termTextOffset.back() != ix.m_termText.size() ||
        ix.m_termFirstBlock.front() != 0)
        return QStringLiteral("term tables do not start or end right");
    const size_t blocks = ix.m_blockLast.size();
    if (ix.m_blockOffset.size() != blocks || ix.m_blockMax.size() != blocks || ix.m_termFirstBlock.back() != blocks)
        return QStringLiteral("block tables differ in size");
    if (ix.m_postings.size() < kPadding)
        return QStringLiteral("postings too short");
    const uint64_t postingsEnd = ix.m_postings.size() - kPadding;
    std::string_view previous;
    uint32_t gaps[Index::kBlockSize];
    for (size_t t = 0; t < terms; ++t) {
        if (ix.m_termTextOffset[t] > ix.m_termTextOffset[t + 1])
            return QStringLiteral("term text offsets out of order");
        const std::string_view text(ix.m_termText.data() + ix.m_termTextOffset[t],
                                    ix.m_termTextOffset[t + 1] - ix.m_termTextOffset[t]);
        if (t > 0 && !(previous < text))
            return QStringLiteral("terms out of order");
        previous = text;
        const uint32_t df = ix.m_termDf[t];
        const uint32_t first = ix.m_termFirstBlock[t];
        if (df == 0 || df > n || ix.m_termFirstBlock[t + 1] < first ||
            ix.m_termFirstBlock[t + 1] - first != (df + Index::kBlockSize - 1) / Index::kBlockSize)
            return QStringLiteral("term %1 has a bad document count").arg(t);
        if (!(ix.m_termMax[t] >= 0.0f))
            return QStringLiteral("term %1 has a bad maximum").arg(t);
        const uint64_t base = ix.m_termPostings[t];
        if (base > postingsEnd)
            return QStringLiteral("term %1 starts past the postings").arg(t);
        uint64_t expected = 0;
        for (uint32_t b = first; b < ix.m_termFirstBlock[t + 1]; ++b) {
            const uint32_t count =
                b + 1 == ix.m_termFirstBlock[t + 1] ? df - (b - first) * Index::kBlockSize : Index::kBlockSize;
            if (ix.m_blockOffset[b] != expected || base + expected + 2 > postingsEnd)
                return QStringLiteral("term %1 has a misplaced block").arg(t);
            const uint8_t *block = ix.m_postings.data() + base + expected;
            if (block[0] > 32 || block[1] > 32)
                return QStringLiteral("term %1 has a bad bit width").arg(t);
            expected += blockBytes(count, block[0], block[1]);
            if (base + expected > postingsEnd)
                return QStringLiteral("term %1 runs past the postings").arg(t);
            if (ix.m_blockLast[b] >= n || (b > first && ix.m_blockLast[b] <= ix.m_blockLast[b - 1]))
                return QStringLiteral("term %1 has bad block bounds").arg(t);
            if (!(ix.m_blockMax[b] >= 0.0f) || ix.m_blockMax[b] > ix.m_termMax[t])
                return QStringLiteral("term %1 has a bad block maximum").arg(t);
            // Gaps are summed wide: a wrap-around would otherwise hide an out-of-range document.
            uint64_t doc = b == first ? 0 : uint64_t(ix.m_blockLast[b - 1]) + 1;
            unpack<0>(block + 2, count, block[0], gaps);
            for (uint32_t i = 0; i < count; ++i)
                doc += uint64_t(gaps[i]) + 1;
            if (doc - 1 != ix.m_blockLast[b])
                return QStringLiteral("term %1 has postings that disagree with their block").arg(t);
        }
        if (t + 1 < terms && ix.m_termPostings[t + 1] != base + expected)
            return QStringLiteral("term %1 postings overlap the next term").arg(t);
    }

    uint64_t deltaLength = 0;
    for (const auto &d : ix.m_deltaDocs)
        deltaLength += d.length;
    if (deltaLength != ix.m_deltaLength)
        return QStringLiteral("delta lengths do not add up");
    for (const auto &[term, postings] : ix.m_deltaPostings) {
        if (postings.empty())
            return QStringLiteral("empty delta term");
        for (size_t i = 0; i < postings.size(); ++i) {
            if (postings[i].slot >= ix.m_deltaDocs.size() || postings[i].tf == 0 ||
                postings[i].tf > ix.m_deltaDocs[postings[i].slot].length ||
                (i > 0 && postings[i].slot <= postings[i - 1].slot))
                return QStringLiteral("bad delta postings");
        }
    }
    return {};
}

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineSnapshot.h"

#include "Engine.h"
#include "Store.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <type_traits>

Q_LOGGING_CATEGORY(lcSnapshot, "understudy.engine.snapshot", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

constexpr char kMagic[8] = {'U', 'S', 'E', 'N', 'G', 'I', 'N', 'E'};
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr qint64 kFixedHeader = 8 + 4 + 4 + 4; // magic, format version, byte order, key length
constexpr std::uint32_t kMaxKeyBytes = 4096;
constexpr qint64 kTrailer = 16; // payload length, payload checksum
constexpr qint64 kBlock = qint64(1) << 20;
constexpr std::uint64_t kEndMark = 0x454e442d534e4150ull; // the payload's last field: a parse that drifted fails

// The payload goes to the file through this device, which hashes it in blocks of kBlock bytes: the file is written
// as a stream and the reader checks the same blocks.
class BlockHashWriter final : public QIODevice {
public:
    explicit BlockHashWriter(QIODevice &out) : m_out(out)
    {
        m_block.reserve(kBlock);
        open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    /// Writes what is left of the last block; false when a write failed.
    bool finish() { return m_block.isEmpty() || flushBlock(); }
    std::uint64_t hash() const { return m_hash; }
    qint64 total() const { return m_total; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 len) override
    {
        for (qint64 done = 0; done < len;) {
            const qint64 n = std::min(len - done, kBlock - m_block.size());
            m_block.append(data + done, n);
            done += n;
            if (m_block.size() == kBlock && !flushBlock())
                return -1;
        }
        return len;
    }

private:
    bool flushBlock()
    {
        m_hash = InvertedIndex::checksum(m_block.constData(), size_t(m_block.size()), m_hash);
        m_total += m_block.size();
        const bool written = m_out.write(m_block) == m_block.size();
        m_block.clear();
        return written;
    }

    QIODevice &m_out;
    QByteArray m_block;
    std::uint64_t m_hash = 0;
    qint64 m_total = 0;
};

std::uint64_t blockHash(const char *data, qint64 size)
{
    std::uint64_t hash = 0;
    for (qint64 at = 0; at < size; at += kBlock)
        hash = InvertedIndex::checksum(data + at, size_t(std::min(kBlock, size - at)), hash);
    return hash;
}

struct Out {
    QIODevice &device;
    bool failed = false;

    void raw(const void *data, size_t bytes)
    {
        if (!failed && bytes > 0 && device.write(static_cast<const char *>(data), qint64(bytes)) != qint64(bytes))
            failed = true;
    }
    template <typename T> void num(T v)
    {
        static_assert(std::is_arithmetic_v<T>);
        raw(&v, sizeof v);
    }
    template <typename T> void vec(const std::vector<T> &v)
    {
        static_assert(std::is_arithmetic_v<T>);
        num<std::uint64_t>(v.size());
        raw(v.data(), v.size() * sizeof(T));
    }
    void str(const QString &s)
    {
        const QByteArray utf8 = s.toUtf8();
        num<std::uint32_t>(std::uint32_t(utf8.size()));
        raw(utf8.constData(), size_t(utf8.size()));
    }
};

// Reads what Out wrote, bounds-checked: after the checksum matched, a failure here means a file written by another
// build that kept the format version, or a crafted one.
struct In {
    QIODevice &device;
    QString failure;

    bool ok() const { return failure.isEmpty(); }
    void fail(const QString &why)
    {
        if (failure.isEmpty())
            failure = why;
    }
    void raw(void *data, size_t bytes)
    {
        if (ok() && bytes > 0 && device.read(static_cast<char *>(data), qint64(bytes)) != qint64(bytes))
            fail(u"a section runs past the end"_s);
    }
    template <typename T> T num()
    {
        static_assert(std::is_arithmetic_v<T>);
        T v{};
        raw(&v, sizeof v);
        return ok() ? v : T{};
    }
    template <typename T> void vec(std::vector<T> &v)
    {
        const auto n = num<std::uint64_t>();
        if (!ok() || n > std::uint64_t(device.bytesAvailable()) / sizeof(T))
            return fail(u"a section runs past the end"_s);
        v.resize(size_t(n));
        raw(v.data(), v.size() * sizeof(T));
    }
    QString str()
    {
        const auto n = num<std::uint32_t>();
        if (!ok() || n > std::uint64_t(device.bytesAvailable())) {
            fail(u"a text runs past the end"_s);
            return {};
        }
        QByteArray utf8(qsizetype(n), Qt::Uninitialized);
        raw(utf8.data(), n);
        return QString::fromUtf8(utf8);
    }
};

QByteArray encodeKey(const EngineSnapshot::Key &key)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Out out{buffer};
    out.str(key.engineVersion);
    out.str(key.storeId);
    out.num<qint64>(key.generation);
    out.num<qint32>(key.schema);
    out.num<std::uint64_t>(key.config);
    return buffer.data();
}

std::optional<EngineSnapshot::Key> decodeKey(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    In in{buffer, {}};
    EngineSnapshot::Key key;
    key.engineVersion = in.str();
    key.storeId = in.str();
    key.generation = in.num<qint64>();
    key.schema = in.num<qint32>();
    key.config = in.num<std::uint64_t>();
    if (!in.ok() || !buffer.atEnd())
        return std::nullopt;
    return key;
}

Error snapshotError(Error::Code code, const QString &path, const QString &message)
{
    Error e = Error::make(code, message);
    e.file = path;
    return e;
}

} // namespace

QString EngineSnapshot::Key::mismatch(const Key &built) const
{
    if (built.storeId != storeId)
        return u"it was built for another store"_s;
    if (built.engineVersion != engineVersion)
        return u"it was built by engine %1, this is %2"_s.arg(built.engineVersion, engineVersion);
    if (built.schema != schema)
        return u"it was built on store schema %1, the store is at %2"_s.arg(built.schema).arg(schema);
    if (built.generation != generation)
        return u"it is stale: built at content generation %1, the store is at %2"_s.arg(built.generation)
            .arg(generation);
    if (built.config != config)
        return u"it was built with another engine configuration"_s;
    return {};
}

Result<EngineSnapshot::Key> EngineSnapshot::keyOf(store::Store &store, const EngineConfig &config)
{
    Key key;
    key.engineVersion = QString::fromLatin1(Engine::kVersion);
    auto id = store.identity();
    if (!id)
        return id.error();
    key.storeId = *id;
    auto generation = store.contentGeneration();
    if (!generation)
        return generation.error();
    key.generation = *generation;
    key.schema = store.db().userVersion();
    // The configuration load() reads. The tuning constants are code (kFormatVersion), except the leave-one-out
    // calibration's switches.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Out out{buffer};
    out.num<std::uint64_t>(config.intentTextBudget);
    out.num<qint32>(config.answerCandidates);
    out.num<qint32>(config.tuning.looSamples);
    out.num<qint32>(config.tuning.looMinimum);
    key.config = InvertedIndex::checksum(buffer.data().constData(), size_t(buffer.data().size()));
    return key;
}

QString EngineSnapshot::pathFor(const QString &storePath)
{
    if (storePath.isEmpty() || storePath == u":memory:"_s || storePath.startsWith(u"file::memory:"_s))
        return {};
    return storePath + u".engine"_s;
}

Status EngineSnapshot::save(const Engine &engine, const Key &key, const QString &path, qint64 *bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return snapshotError(Error::Code::Io, path, u"cannot write the engine snapshot: %1"_s.arg(file.errorString()));
    const QByteArray keyBytes = encodeKey(key);
    QByteArray header(kMagic, sizeof kMagic);
    const std::uint32_t fixed[3] = {kFormatVersion, kByteOrderMark, std::uint32_t(keyBytes.size())};
    header.append(reinterpret_cast<const char *>(fixed), sizeof fixed);
    header.append(keyBytes);
    const std::uint64_t headerHash = InvertedIndex::checksum(header.constData(), size_t(header.size()));
    header.append(reinterpret_cast<const char *>(&headerHash), sizeof headerHash);
    bool failed = file.write(header) != header.size();

    BlockHashWriter payload(file);
    Out out{payload};
    {
        std::shared_lock lock(engine.m_lock);
        const IntentModel &model = engine.m_intentModel;
        if (model.exampleCount() > 0)
            return snapshotError(Error::Code::Invalid, path,
                                 u"the intent model still holds its examples: only a freshly loaded engine is saved"_s);
        for (const InvertedIndex *ix : {&engine.m_answers, &engine.m_chunks, &engine.m_macroIndex})
            if (!out.failed && !ix->write(payload))
                out.failed = true;
        out.num<std::uint32_t>(std::uint32_t(engine.m_intents.size()));
        for (const QString &intent : engine.m_intents)
            out.str(intent);
        out.vec(engine.m_answerIntent);
        out.vec(engine.m_answerHasReply);
        out.vec(engine.m_chunkIntent);
        out.vec(engine.m_chunkArticle);
        out.num<std::uint64_t>(engine.m_stats.chunks);
        out.num<std::uint64_t>(engine.m_stats.labelled);
        out.num<std::uint64_t>(engine.m_stats.intentExamples);
        out.num<std::uint8_t>(engine.m_prior.fitted ? 1 : 0);
        out.num<double>(engine.m_prior.scale);
        out.num<double>(engine.m_prior.shift);
        out.num<qint32>(engine.m_prior.replayed);
        out.num<std::uint64_t>(engine.m_intentSample);

        const IntentModel::Options &o = model.m_options;
        out.num<double>(o.aggressiveness);
        out.num<qint32>(o.epochs);
        out.num<qint32>(o.charMin);
        out.num<qint32>(o.charMax);
        out.num<double>(o.retrainGrowth);
        out.num<std::uint64_t>(o.seed);
        out.num<double>(o.temperature);
        out.num<std::uint32_t>(std::uint32_t(model.m_labels.size()));
        for (const QString &label : model.m_labels)
            out.str(label);
        std::vector<std::uint64_t> featureHashes(model.m_featureIds.size());
        for (const auto &[hash, id] : model.m_featureIds) {
            if (id >= featureHashes.size())
                return snapshotError(Error::Code::Invalid, path, u"the intent model's n-gram ids are not dense"_s);
            featureHashes[id] = hash;
        }
        out.vec(featureHashes);
        out.vec(model.m_weights);
        out.num<std::uint64_t>(model.m_lastRetrain);
        out.num<std::uint8_t>(model.m_examplesDropped ? 1 : 0);
        for (const IntentModel::StepMap *map : {&model.m_topCalibration, &model.m_runnerCalibration}) {
            out.vec(map->bounds);
            out.vec(map->values);
            out.num<double>(map->lowest);
        }
        out.num<std::uint64_t>(kEndMark);
    }
    failed = failed || out.failed || !payload.finish();
    const std::uint64_t trailer[2] = {std::uint64_t(payload.total()), payload.hash()};
    failed = failed || file.write(reinterpret_cast<const char *>(trailer), sizeof trailer) != qint64(sizeof trailer);
    if (failed || !file.commit()) {
        const bool full = file.error() == QFileDevice::ResourceError;
        return snapshotError(full ? Error::Code::DiskFull : Error::Code::Io, path,
                             u"cannot write the engine snapshot: %1"_s.arg(file.errorString()));
    }
    if (bytes)
        *bytes = header.size() + payload.total() + kTrailer;
    return ok();
}

Status EngineSnapshot::restore(Engine &engine, const Key &key, const QString &path, qint64 *bytes)
{
    return restore(engine, key, path, bytes, false);
}

bool EngineSnapshot::offerFittedIntent(Engine &engine, const Key &key, const QString &path)
{
    Engine older(engine.m_config, engine.m_rules);
    if (!restore(older, key, path, nullptr, true))
        return false;
    engine.m_fittedIntent = Engine::FittedIntent{older.m_intentSample, std::move(older.m_intentModel)};
    return true;
}

Status EngineSnapshot::restore(Engine &engine, const Key &key, const QString &path, qint64 *bytes, bool anyGeneration)
{
    QFile file(path);
    if (!file.exists())
        return snapshotError(Error::Code::NotFound, path, u"there is no engine snapshot"_s);
    if (!file.open(QIODevice::ReadOnly))
        return snapshotError(Error::Code::Io, path, u"cannot read the engine snapshot: %1"_s.arg(file.errorString()));
    const qint64 size = file.size();
    if (bytes)
        *bytes = size;
    auto corrupt = [&path](const QString &why) { return snapshotError(Error::Code::Parse, path, why); };
    QByteArray copy; // when the file cannot be mapped
    const char *data = reinterpret_cast<const char *>(size > 0 ? file.map(0, size) : nullptr);
    if (!data && size > 0) {
        copy = file.readAll();
        if (copy.size() != size)
            return snapshotError(Error::Code::Io, path,
                                 u"cannot read the engine snapshot: %1"_s.arg(file.errorString()));
        data = copy.constData();
    }
    const auto truncated = [&] { return corrupt(u"the file is truncated (%1 bytes)"_s.arg(size)); };
    if (size < qint64(sizeof kMagic) || std::memcmp(data, kMagic, sizeof kMagic) != 0)
        return size < qint64(sizeof kMagic) && size > 0 && std::memcmp(data, kMagic, size_t(size)) == 0
                   ? truncated()
                   : corrupt(u"it is not an engine snapshot"_s);
    if (size < kFixedHeader)
        return truncated();
    std::uint32_t fixed[3];
    std::memcpy(fixed, data + sizeof kMagic, sizeof fixed);
    if (fixed[1] != kByteOrderMark)
        return corrupt(u"it has a foreign byte order"_s);
    if (fixed[0] != kFormatVersion)
        return snapshotError(
            Error::Code::Invalid, path,
            u"it has format version %1, this build reads version %2"_s.arg(fixed[0]).arg(kFormatVersion));
    if (fixed[2] > kMaxKeyBytes)
        return corrupt(u"its header is corrupt"_s);
    const qint64 headerEnd = kFixedHeader + qint64(fixed[2]) + 8;
    if (size < headerEnd + kTrailer)
        return truncated();
    std::uint64_t headerHash;
    std::memcpy(&headerHash, data + headerEnd - 8, 8);
    if (headerHash != InvertedIndex::checksum(data, size_t(headerEnd - 8)))
        return corrupt(u"its header is corrupt (checksum mismatch)"_s);
    const auto built = decodeKey(QByteArray::fromRawData(data + kFixedHeader, qsizetype(fixed[2])));
    if (!built)
        return corrupt(u"its header is corrupt"_s);
    Key wanted = key;
    if (anyGeneration)
        wanted.generation = built->generation;
    if (const QString why = wanted.mismatch(*built); !why.isEmpty())
        return snapshotError(Error::Code::Invalid, path, why);
    std::uint64_t trailer[2];
    std::memcpy(trailer, data + size - kTrailer, sizeof trailer);
    const qint64 payloadSize = size - headerEnd - kTrailer;
    // A cut file ends in payload bytes, so its "trailer" says anything.
    if (trailer[0] != std::uint64_t(payloadSize))
        return corrupt(u"the file is truncated or its end is damaged (%1 bytes)"_s.arg(size));
    if (trailer[1] != blockHash(data + headerEnd, payloadSize))
        return corrupt(u"it is corrupt (checksum mismatch)"_s);

    QBuffer buffer;
    buffer.setData(QByteArray::fromRawData(data + headerEnd, qsizetype(payloadSize)));
    buffer.open(QIODevice::ReadOnly);
    In in{buffer, {}};
    InvertedIndex indexes[3];
    for (InvertedIndex &ix : indexes) {
        auto read = InvertedIndex::read(buffer, path);
        if (!read)
            return corrupt(read.error().message);
        ix = std::move(*read);
    }
    const auto intentCount = in.num<std::uint32_t>();
    if (!in.ok() || intentCount == 0 || intentCount > 65536)
        return corrupt(u"it has a bad intent table"_s);
    std::vector<QString> intents;
    intents.reserve(intentCount);
    QHash<QString, uint16_t> intentIds;
    for (std::uint32_t i = 0; i < intentCount && in.ok(); ++i) {
        intents.push_back(in.str());
        if (i > 0 && (intents.back().isEmpty() || intentIds.contains(intents.back())))
            return corrupt(u"it has a bad intent table"_s);
        if (i > 0)
            intentIds.insert(intents.back(), uint16_t(i));
    }
    if (!intents.empty() && !intents.front().isEmpty())
        return corrupt(u"it has a bad intent table"_s);
    std::vector<uint16_t> answerIntent, chunkIntent;
    std::vector<uint8_t> answerHasReply;
    std::vector<uint32_t> chunkArticle;
    in.vec(answerIntent);
    in.vec(answerHasReply);
    in.vec(chunkIntent);
    in.vec(chunkArticle);
    const auto outOfRange = [&](const std::vector<uint16_t> &v) {
        return std::any_of(v.begin(), v.end(), [&](uint16_t i) { return i >= intentCount; });
    };
    if (in.ok() &&
        (answerHasReply.size() != answerIntent.size() || outOfRange(answerIntent) || outOfRange(chunkIntent)))
        return corrupt(u"its per-document tables do not match"_s);
    Engine::Stats stats;
    stats.chunks = size_t(in.num<std::uint64_t>());
    stats.labelled = size_t(in.num<std::uint64_t>());
    stats.intentExamples = size_t(in.num<std::uint64_t>());
    Engine::PriorCalibration prior;
    prior.fitted = in.num<std::uint8_t>() != 0;
    prior.scale = in.num<double>();
    prior.shift = in.num<double>();
    prior.replayed = in.num<qint32>();
    const auto intentSample = in.num<std::uint64_t>();

    IntentModel::Options o;
    o.aggressiveness = in.num<double>();
    o.epochs = in.num<qint32>();
    o.charMin = in.num<qint32>();
    o.charMax = in.num<qint32>();
    o.retrainGrowth = in.num<double>();
    o.seed = in.num<std::uint64_t>();
    o.temperature = in.num<double>();
    IntentModel model(o);
    const auto labelCount = in.num<std::uint32_t>();
    if (!in.ok() || labelCount > 65536)
        return corrupt(u"it has a bad intent model"_s);
    for (std::uint32_t i = 0; i < labelCount && in.ok(); ++i) {
        const QString label = in.str();
        if (model.m_labelIds.contains(label))
            return corrupt(u"it has a bad intent model"_s);
        model.m_labelIds.insert(label, i);
        model.m_labels.push_back(label);
    }
    std::vector<std::uint64_t> featureHashes;
    in.vec(featureHashes);
    in.vec(model.m_weights);
    model.m_lastRetrain = size_t(in.num<std::uint64_t>());
    model.m_examplesDropped = in.num<std::uint8_t>() != 0;
    for (IntentModel::StepMap *map : {&model.m_topCalibration, &model.m_runnerCalibration}) {
        in.vec(map->bounds);
        in.vec(map->values);
        map->lowest = in.num<double>();
        if (in.ok() && map->bounds.size() != map->values.size())
            return corrupt(u"it has a bad intent model"_s);
    }
    if (in.ok() && in.num<std::uint64_t>() != kEndMark)
        return corrupt(u"its sections do not add up"_s);
    if (!in.ok())
        return corrupt(in.failure);
    if (!buffer.atEnd())
        return corrupt(u"it has data after its sections"_s);
    if (model.m_weights.size() != featureHashes.size() * size_t(labelCount))
        return corrupt(u"it has a bad intent model"_s);
    model.m_featureIds.reserve(featureHashes.size());
    for (size_t id = 0; id < featureHashes.size(); ++id)
        if (!model.m_featureIds.emplace(featureHashes[id], std::uint32_t(id)).second)
            return corrupt(u"it has a bad intent model"_s);

    std::unique_lock lock(engine.m_lock);
    engine.m_answers = std::move(indexes[0]);
    engine.m_chunks = std::move(indexes[1]);
    engine.m_macroIndex = std::move(indexes[2]);
    engine.m_intents = std::move(intents);
    engine.m_intentIds = std::move(intentIds);
    engine.m_answerIntent = std::move(answerIntent);
    engine.m_answerHasReply = std::move(answerHasReply);
    engine.m_chunkIntent = std::move(chunkIntent);
    engine.m_chunkArticle = std::move(chunkArticle);
    engine.m_intentModel = std::move(model);
    engine.m_intentSample = intentSample;
    engine.m_prior = prior;
    engine.m_stats.answers = engine.m_answers.documentCount();
    engine.m_stats.chunks = stats.chunks;
    engine.m_stats.labelled = stats.labelled;
    engine.m_stats.intentExamples = stats.intentExamples;
    engine.m_stats.memoryBytes = engine.m_answers.memoryBytes() + engine.m_chunks.memoryBytes() +
                                 engine.m_macroIndex.memoryBytes() + engine.m_answerIntent.size() * 3 +
                                 engine.m_chunkArticle.size() * 4 + engine.m_intentModel.memoryBytes();
    engine.m_generation = built->generation;
    return ok();
}

Status Engine::load(store::Store &store, const QString &snapshotPath, SnapshotReport *report)
{
    SnapshotReport local;
    SnapshotReport &r = report ? *report : local;
    r = {};
    QElapsedTimer timer;
    timer.start();
    // Read before the build: content that arrives during it leaves the snapshot stale, never wrongly fresh.
    if (snapshotPath.isEmpty()) {
        auto generation = store.contentGeneration();
        if (!generation)
            return generation.error();
        US_TRY(load(store));
        m_generation = r.generation = *generation;
        r.loadMs = double(timer.nsecsElapsed()) / 1e6;
        return ok();
    }
    auto key = EngineSnapshot::keyOf(store, m_config);
    if (!key) {
        // A store that cannot be given an identity (read-only) still drafts, without a snapshot.
        qCWarning(lcSnapshot) << "no engine snapshot for this store:" << key.error().toString();
        const Status built = load(store, QString(), report);
        r.rebuiltBecause = key.error().message;
        r.saveError = key.error().message;
        return built;
    }
    r.generation = key->generation;
    {
        // What the snapshot does not hold comes from the store, as in load(): first, so a store error leaves the
        // engine as it was.
        auto learned = learnedFrom(store);
        if (!learned)
            return learned.error();
        auto macros = store.macros();
        if (!macros)
            return macros.error();
        const Status restored = EngineSnapshot::restore(*this, *key, snapshotPath, &r.bytes);
        if (restored) {
            std::unique_lock lock(m_lock);
            m_learned = std::move(*learned);
            m_macros = std::move(*macros);
            m_stats.macros = size_t(m_macros.size());
            m_stats.loadMs = double(timer.nsecsElapsed()) / 1e6;
            r.loaded = true;
            r.loadMs = m_stats.loadMs;
            qCInfo(lcSnapshot) << "engine loaded from its snapshot:" << m_stats.answers << "answers," << m_stats.chunks
                               << "chunks," << m_stats.macros << "macros in" << qRound(r.loadMs) << "ms," << r.bytes
                               << "bytes, content generation" << key->generation;
            return ok();
        }
        r.rebuiltBecause = restored.error().message;
        r.bytes = 0;
        if (restored.error().code == Error::Code::NotFound)
            qCInfo(lcSnapshot) << "no engine snapshot yet at" << snapshotPath << ": building the engine";
        else
            qCWarning(lcSnapshot) << "engine snapshot" << snapshotPath << "not used:" << r.rebuiltBecause
                                  << "- rebuilding it from the store";
        // Only a stale one (sound, same store and versions, older content) offers its fitted intent model.
        if (restored.error().code == Error::Code::Invalid)
            EngineSnapshot::offerFittedIntent(*this, *key, snapshotPath);
    }
    US_TRY(load(store));
    r.intentModelReused = m_intentReused;
    m_generation = key->generation;
    r.loadMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    if (auto saved = EngineSnapshot::save(*this, *key, snapshotPath, &r.bytes); !saved) {
        // The engine works without it: the next start rebuilds.
        r.saveError = saved.error().message;
        r.bytes = 0;
        qCWarning(lcSnapshot) << "engine snapshot not written:" << saved.error().toString();
    } else {
        r.saved = true;
        r.saveMs = double(timer.nsecsElapsed()) / 1e6;
        qCInfo(lcSnapshot) << "engine snapshot written to" << snapshotPath << ":" << r.bytes << "bytes in"
                           << qRound(r.saveMs) << "ms";
    }
    return ok();
}

} // namespace understudy::engine

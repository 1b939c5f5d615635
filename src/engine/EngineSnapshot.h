// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QString>

#include <cstdint>

namespace understudy::store {
class Store;
}

namespace understudy::engine {

class Engine;
struct EngineConfig;

/// @brief What Engine::load(store, snapshotPath) did (for logs, the client's status and benchmarks).
struct SnapshotReport {
    bool loaded = false;    ///< the engine came from the snapshot (no rebuild)
    QString rebuiltBecause; ///< why the snapshot was not used (empty when it was, or when there is no path)
    bool saved = false;     ///< a new snapshot was written after the rebuild
    /// @brief The rebuild kept the stale snapshot's fitted intent model: its labelled sample had not changed.
    bool intentModelReused = false;
    QString saveError;      ///< why it could not be written (the engine works all the same)
    qint64 generation = -1; ///< the store's content generation the engine was built at
    qint64 bytes = 0;       ///< the snapshot's size
    double loadMs = 0;      ///< reading the snapshot (with the store's learned state and macros), or building
    double saveMs = 0;
};

/// @brief The engine's indexes and fitted model in one file beside the store (`<store>.engine`), so a client
/// starts drafting without rebuilding them.
///
/// Written atomically (QSaveFile) right after a build. The file starts with a header that says what it was built
/// from — the format version, Engine::kVersion, the store's identity (store::Store::identity()), its content
/// generation and schema version, and a fingerprint of the EngineConfig fields that shape the build — with its own
/// checksum; then the payload (the three inverted indexes, the per-document tables, the intents, the fitted intent
/// model with its calibration maps, the prior calibration of confidence), and a trailer holding the payload's size
/// and XXH64 checksum (over 1 MiB blocks, so the file is written and checked as a stream).
///
/// Never trusted when anything differs: another format or engine version, another store, an older or newer
/// generation, another configuration, a truncated or altered byte, an inconsistent table. restore() then fails
/// with the reason and the caller rebuilds from the store. What is not in the file is read from the store at every
/// load: the learned state (the fold of the correction log, which changes without a content change) and the macros.
/// The prior calibration is the one fitted at the snapshot's build, with the learned state of that time.
class EngineSnapshot {
public:
    /// @brief Bumped whenever the layout changes or load() builds something else from the same store (a changed
    /// tokeniser, intent features, tuning constants): an older snapshot is then rebuilt, never misread.
    /// 3: the article sections' index with DraftTuning::sectionK1; 4: Snowball's English stems (Analyzer).
    static constexpr std::uint32_t kFormatVersion = 4;

    /// @brief What a snapshot is valid for.
    struct Key {
        QString engineVersion;
        QString storeId;
        qint64 generation = -1;
        int schema = 0;
        std::uint64_t config = 0; ///< fingerprint of the build-shaping EngineConfig fields
        bool operator==(const Key &) const = default;
        /// @brief Why a snapshot built for @p built does not serve this key; empty when it does.
        QString mismatch(const Key &built) const;
    };

    /// @brief The key of @p store's current content for an engine configured with @p config.
    static Result<Key> keyOf(store::Store &store, const EngineConfig &config);
    /// @brief `<store path>.engine`; empty for an in-memory or nameless store.
    static QString pathFor(const QString &storePath);

    /// @brief Writes @p engine (as load() left it) for @p key to @p path atomically. An Io or DiskFull error
    /// leaves any previous file as it was.
    static Status save(const Engine &engine, const Key &key, const QString &path, qint64 *bytes = nullptr);
    /// @brief Replaces @p engine's indexes and model with the snapshot at @p path if it was written for @p key;
    /// otherwise an Error saying why (Code::NotFound: no file; Code::Invalid: stale or foreign; Code::Parse:
    /// truncated or corrupt; Code::Io) and @p engine unchanged. The learned state and macros are not touched.
    static Status restore(Engine &engine, const Key &key, const QString &path, qint64 *bytes = nullptr);
    /// @brief For a rebuild: when the snapshot at @p path is sound and was written for this store, versions and
    /// configuration at an older generation, hands its fitted intent model to @p engine's next load(store), which
    /// keeps it instead of fitting if its labelled sample is still the same (the same sample fits the same model
    /// bit for bit). Returns whether it did.
    static bool offerFittedIntent(Engine &engine, const Key &key, const QString &path);

private:
    static Status restore(Engine &engine, const Key &key, const QString &path, qint64 *bytes, bool anyGeneration);
};

} // namespace understudy::engine

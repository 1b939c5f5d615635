// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "StoreTypes.h"

#include <functional>
#include <optional>

namespace understudy::store {

class SettingsRepository;

/// @brief The answer bank: resolved questions with the replies that were sent (table answers). See the Store
/// methods of the same names.
class AnswerRepository {
public:
    AnswerRepository(Database &db, SettingsRepository &settings) : m_db(db), m_settings(settings) {}

    /// @brief Upserts @p answers by key in one transaction.
    Result<ImportReport> add(const QList<Answer> &answers);
    /// @brief Upserts one answer by key (inside the caller's transaction); the language filled when not given.
    Status write(const Answer &answer);
    /// @brief For a send of @p ticket: its reply becomes the answer "event:<id>" to the ticket's question (inside
    /// the caller's transaction). The key written, empty when the event taught nothing.
    Result<QString> learnFromSend(const FeedbackEvent &event, const Ticket &ticket);
    Result<std::optional<Answer>> byId(qint64 id);
    Result<std::optional<Answer>> byKey(const QString &key);
    /// @brief Every answer in id order, from a statement of its own: @p fn may call back into the store.
    Status forEach(const std::function<void(const Answer &)> &fn);

private:
    Database &m_db;
    SettingsRepository &m_settings;
};

} // namespace understudy::store

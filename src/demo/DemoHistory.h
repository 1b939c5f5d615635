// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace understudy::demo {

/// @brief How the demo's team history is made. The same options give the same events, ids included.
struct HistoryOptions {
    QDateTime end; ///< the history runs up to (not including) this time; callers pass now
    int weeks = 6; ///< how far back it starts
    quint64 seed = 0x5eed'd3a0'2026ULL;
    QString engine;                        ///< the engine version the drafts carry
    QString lead = QStringLiteral("lead"); ///< who resolves flags
    /// @brief The id of a flag's resolution (the server's name-based one, so resolving it again answers 409);
    /// unset: an id of the generator's own. Every other event's id is the same either way, so a client's demo
    /// store and a demo server of the same day hold the same events, resolutions aside.
    std::function<QString(const QString &flagId)> resolutionId;
};

/// @brief The options the demo imports use: the weeks up to now, drafted by the current engine version.
HistoryOptions recentHistory();

/// @brief The agents the history is written for ("demo" is the demo's own agent account).
QStringList historyAgents();

/// @brief A few weeks of what a support team did with drafts, written by a seeded generator (no recorded data):
/// for resolved tickets of @p tickets that link an article of @p articles in their reply, drafts shown with that
/// article first (or a plausible wrong source: a deprecated article sharing a tag, or the past reply to a ticket of
/// another topic), then sent as is or edited,
/// rejected with a reason, flagged (some flags resolved by the lead a few days later), regenerated or escalated, by
/// several agents with their own habits, on weekdays; drafts get better week by week, and one topic spikes in the
/// last week. Tickets without a linked article get drafts with no source.
///
/// The raw confidence is drawn first and a draft's first source is right with that probability (spread evenly,
/// not drawn), as from a calibrated engine, so the calibration the engine learns from these events stays close to
/// the identity; a wrong source is one whose penalty cannot hurt a draft that needs it. Sends
/// carry no reply text (the ticket's own reply is in the store already): nothing of the history enters the
/// answer bank, so no draft can quote it. A flag carries the flagged draft's text, made from the article alone.
/// Events are in time order; every one passes the server's event validation (docs/protocol.md).
QList<FeedbackEvent> makeHistory(const QList<Ticket> &tickets, const QList<Article> &articles,
                                 const HistoryOptions &options);

} // namespace understudy::demo

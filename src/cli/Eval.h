// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

/// @brief `understudyctl eval`: drafts for tickets that carry gold (the right articles, intent, escalation,
/// grounding span, reference reply) and measures the drafts against it.
namespace understudy::cli {

/// @brief The metric arithmetic of `eval`, pure so that it can be checked by hand.
namespace metrics {

/// @brief The @p p quantile (0-1) of @p values, interpolating linearly between the closest ranks (NumPy's
/// default; the median of an even count is the mean of the middle two); nullopt when @p values is empty.
std::optional<double> percentile(std::vector<double> values, double p);

/// @brief Area under the ROC curve of @p scored (score, positive): the probability that a random positive scores
/// above a random negative, ties counting one half (Mann-Whitney U with mid-ranks); nullopt without both classes.
std::optional<double> auroc(const std::vector<std::pair<double, bool>> &scored);

/// @brief Expected calibration error of @p outcomes (probability, happened) over @p bins equal-width bins of
/// [0,1] (a probability of exactly 1 falls in the last bin): the count-weighted mean of |accuracy - mean
/// probability| per bin; nullopt when empty.
std::optional<double> expectedCalibrationError(const std::vector<std::pair<double, bool>> &outcomes, int bins = 10);

/// @brief SQuAD's answer normalisation as tokens: lower-case, punctuation and symbols deleted ("don't" -> "dont"),
/// the articles a/an/the removed, split on white space.
QStringList answerTokens(const QString &text);

/// @brief SQuAD's token F1 of @p prediction against @p gold over bags of answerTokens(): 1 when both are empty,
/// 0 when only one is.
double tokenF1(const QString &prediction, const QString &gold);

} // namespace metrics

/// @brief Runs `understudyctl [--db PATH] eval …` (@p args: the command's arguments, program name first).
int cmdEval(const QString &db, const QStringList &args);

} // namespace understudy::cli

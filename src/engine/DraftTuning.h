// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace understudy::engine {

/// @brief Every tuned constant of drafting, in one place, each saying what it was chosen on.
/// Validation data only: the demo queue is ours, doc2dial's "tune" half is the dialogues at even positions of the
/// sorted dialogue ids (bench/datasets/doc2dial_to_eval.py --half tune); the "test" half is reported, never tuned on.
struct DraftTuning {
    // --- Intent (issue 16 re-chooses these on validation splits; they were picked on BANKING77 and CLINC150
    // replays, so their intent figures are in-sample) ---
    int intentVoters = 30;        ///< the k nearest past questions vote on the topic
    double intentSharpness = 4.0; ///< a vote weighs (score / top score)^sharpness
    double articleVote = 0.5;     ///< an article section's vote, relative to a past question's
    double modelShare = 0.8;      ///< the classifier's share of the blended topic ranking

    // --- Retrieve ---
    int chunkHits = 40;           ///< article sections asked of the index (several can belong to one article)
    int chunkCandidates = 8;      ///< distinct articles ranked (their best section each)
    int answerFetch = 8;          ///< past replies fetched whatever their topic
    double otherLanguage = 0.5;   ///< rank factor of a source in another language than the ticket's

    // --- Answerability: below these the best source is not an answer, and the draft is a holding reply ---
    int minMatchedTerms = 2;      ///< distinct question terms the source must share
    double minSimilarity = 0.05;  ///< idf-weighted cosine of question and source

    // --- Select: the units of a source that answer the question ---
    int bodyBudget = 420;         ///< characters of selected units a body aims at (a procedure may exceed it)
    int maxBlock = 800;           ///< a numbered procedure longer than this is offered step by step
    int maxUnits = 3;             ///< units taken from one source
    double secondaryShare = 0.6;  ///< a further unit must score this share of the best unit

    // --- Confidence (raw, before the team's calibration): a logistic model over the draft's evidence ---
    double zBias = -3.2;
    double zCoverage = 3.0;       ///< the base source's similarity to the question
    double zQueryCoverage = 1.6;  ///< share of the question's weight the base holds
    double zMargin = 2.5;         ///< how far the base stands above the runner-up source (0–1)
    double zIntent = 1.2;         ///< the topic's probability, when the base agrees with it
    double zReply = 0.6;          ///< a past reply to a question like this one
    double zPlaceholder = -0.5;   ///< per placeholder the agent must fill
    double zActionsRemoved = -0.4; ///< per sentence dropped from a past reply
    double zLanguageMismatch = -1.5;
    double zDeprecated = -1.5;
    double zHolding = -3.0;       ///< a holding reply is rarely sent as is
    double zHandoff = 1.0;        ///< a hand-off from a matched rule is sent with few edits
};

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace understudy {

/// @brief A customer as the helpdesk knows them.
struct Customer {
    QString id;
    QString name;
    QString email;
    QString tier; ///< "free", "pro", "enterprise" or empty when unknown

    QString firstName() const;
};

/// @brief One message in a ticket's conversation.
struct Message {
    QString author; ///< "customer" or "agent"
    QString body;
    QDateTime at;
};

/// @brief A support ticket with its conversation.
struct Ticket {
    QString id;
    QString subject;
    Customer customer;
    QList<Message> messages;
    QString intent;   ///< label, when known (imported history, corrections)
    QString status;   ///< "open", "pending", "resolved", "closed"
    QString language; ///< ISO 639-1 when known
    QDateTime createdAt;

    /// @brief The customer's messages after the last agent message, joined.
    QString latestCustomerText() const;
    /// @brief The last agent message, if the ticket ends with one.
    QString lastAgentReply() const;
    bool isResolved() const;
};

/// @brief A knowledge-base article.
struct Article {
    QString id;
    QString title;
    QString body; ///< Markdown (HTML is converted on import)
    QString url;
    QStringList tags;
    QDateTime updatedAt;
    QString status = QStringLiteral("active"); ///< "active", "deprecated", "removed"
    QString language = {};                     ///< ISO 639-1, empty when unknown
};

/// @brief A section of an article, split at a heading; the unit of retrieval.
struct Chunk {
    qint64 id = 0;
    QString articleId;
    int seq = 0;
    QString heading;
    QString body;
};

/// @brief A canned reply agents use.
struct Macro {
    QString id;
    QString title;
    QString body;
    QStringList tags;
    QString language = {}; ///< ISO 639-1, empty when unknown
};

/// @brief Something a draft drew on.
struct Source {
    QString kind; ///< "article", "answer", "macro"
    QString id;   ///< article id, answer key or macro id
    QString title;
    double score = 0;
    QString snippet;
    QString url;
    QString intent;
    /// @brief What the engine ranked it on (LearnedState::kRankFeatures values), empty when unknown. Events carry
    /// them, so the team's corrections can learn the ranking (LearnedState::rankAdjustment).
    QList<double> features;
};

/// @brief Whether a ticket goes to a human, and why.
struct Escalation {
    bool escalate = false;
    QStringList reasons; ///< human-readable, one per matched rule
    QStringList rules;   ///< ids of the matched rules
};

/// @brief One unit of a draft (a sentence, a list item or a whole numbered procedure) with where it came from.
struct DraftSentence {
    /// What backs the text: a knowledge source (article section, past reply, macro), the ticket itself, the team's
    /// voice (greeting, sign-off, stock sentences), a placeholder the agent fills, or nothing (the agent must check).
    enum class Support { Kb, Ticket, Voice, Placeholder, Unsupported };
    /// What the text asserts: an action taken or promised for this customer, a customer-specific fact, or neither.
    enum class Claim { None, Action, Fact };

    QString text;
    QString source; ///< "article:ID", "answer:KEY", "macro:ID", "voice" or "ticket"
    Support support = Support::Kb;
    Claim claim = Claim::None;
    /// Why the agent should check this unit before sending (a DraftReason code, e.g. "placeholder",
    /// "unsupported-action"); empty when nothing needs checking.
    QString check;

    static QString supportName(Support s);
    static std::optional<Support> supportFromName(QStringView name);
    static QString claimName(Claim c);
    static std::optional<Claim> claimFromName(QStringView name);
};

/// @brief A reason behind a draft's confidence, as a stable code with arguments: the client shows it in its own
/// language (DraftPanel), `reasons` keeps the English text for scripts and older readers.
struct DraftReason {
    QString code;     ///< e.g. "reused-reply", "article", "no-source-in-language" (docs/protocol.md lists them)
    QStringList args; ///< the values the text fills in, in order (a title, a percentage, a language code)
};

/// @brief The engine's suggestion for one ticket.
struct Draft {
    /// What kind of reply the draft is: an answer from the knowledge, a hand-off to a human (escalation), or a
    /// holding reply because nothing known answers the question.
    enum class Mode { Answer, Handoff, Holding };

    QString id;
    QString ticketId;
    QString text;
    double confidence = 0;    ///< shown to the agent: calibrated on the team's feedback once there is enough
    double rawConfidence = 0; ///< the engine's own estimate, before calibration (what calibration learns from)
    bool lowConfidence = true;
    QStringList reasons;
    QList<Source> sources;
    Escalation escalation;
    QString intent;
    double intentProbability = 0;
    QStringList intentAlternatives; ///< ranked labels after the first
    /// No known topic fits: none of the topics the intent model proposes is likelier than the question being about
    /// something else. The draft then needs a human.
    bool outOfScope = false;
    QStringList alreadyTried;
    double frustration = 0;
    double latencyMs = 0;
    QString engineVersion;
    QDateTime createdAt;
    Mode mode = Mode::Holding;
    /// The body of `text` unit by unit, with provenance (greeting and sign-off are units with Support::Voice).
    QList<DraftSentence> sentences;
    QList<DraftReason> reasonCodes; ///< `reasons` as codes, same order
    QString language;               ///< the language the body is written in (ISO 639-1)
    /// No source in the ticket's language: the body is in `language` instead, and the draft says so.
    bool languageMismatch = false;
    /// What the raw confidence was computed from, by name ("cosine", "margin", …), for reports and refits.
    QList<std::pair<QString, double>> evidence;
    /// What the draft was made from, as the client records it (the knowledge's content generation, the engine
    /// version and a fingerprint of the ticket): a revisit shows the stored draft again while its basis holds.
    /// Empty for drafts made elsewhere (understudyctl).
    QString basis;

    static QString modeName(Mode m);
    static std::optional<Mode> modeFromName(QStringView name);
    /// @brief The reply without greeting and sign-off: the units that are not the voice's.
    QString body() const;
    /// @brief Placeholders ("[refund amount]") still in @p text, in order of appearance.
    static QStringList placeholders(const QString &text);
};

/// @brief How much of a draft survived the agent's edit.
struct EditStats {
    int chars = 0;    ///< character edit distance
    int words = 0;    ///< word edit distance
    double kept = 1;  ///< share of the draft's words kept, in [0,1]
};

/// @brief One correction signal; append-only, idempotent by id.
struct FeedbackEvent {
    /// FlagResolved is a lead's verdict on a flag (written by the server: draftId = the flag's event id,
    /// reason = the resolution, finalText = the lead's note); it is not an outcome of a draft.
    enum class Kind { Shown, SentAsIs, SentEdited, Rejected, Flagged, Regenerated, Escalated, FlagResolved };

    QString id; ///< client-made UUID
    Kind kind = Kind::Shown;
    QString agent;
    QString ticketId;
    QString draftId;
    QDateTime at;
    double confidence = 0;
    std::optional<double> rawConfidence; ///< the draft's uncalibrated confidence, when the client knew it
    QList<Source> sources;
    QString finalText;
    std::optional<EditStats> edit;
    QString reason; ///< a reject's reason code, optionally followed by ": " and the agent's own words
    QString engine;
    QString intent; ///< what the engine read in the ticket (the lead's topics), empty when unknown
    /// @brief For a send: which of @c sources the reply was built on (an index), when the client could tell.
    std::optional<int> usedSource;

    /// @brief The reason without the agent's words ("other: too long" → "other"); empty when none.
    QString reasonCode() const;

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(QStringView name);
    /// @brief Sent as is or edited: a reply went to the customer.
    static bool isSend(Kind kind) { return kind == Kind::SentAsIs || kind == Kind::SentEdited; }
};

} // namespace understudy

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>
#include <understudy/Types.h>

#include <QHash>
#include <QSet>
#include <QString>

namespace understudy::engine {

/// @brief The team's voice: greetings, sign-off and stock sentences per language ("en" is the fallback).
/// Placeholders: {first_name}, {agent}, {team}, {url}, {title}.
struct VoiceProfile {
    QHash<QString, QString> greeting;
    QHash<QString, QString> greetingNoName;
    QHash<QString, QString> signOff;
    QHash<QString, QString> articleIntro;  ///< before steps taken from an article section
    QHash<QString, QString> link;          ///< the "read more" line
    QHash<QString, QString> triedAck;      ///< acknowledges steps the customer already tried
    QHash<QString, QString> handoff;       ///< default warm hand-off when no macro is set
    QHash<QString, QString> holding;       ///< when nothing fits: a holding reply for a human to complete
    QString team;
    QString agent;

    static VoiceProfile defaults();
    /// @brief Reads a JSON voice profile; keys missing from it keep their defaults.
    static Result<VoiceProfile> fromJson(const QByteArray &data, const QString &fileName);
    QString pick(const QHash<QString, QString> &table, const QString &language) const;
};

/// @brief One unit of the body, already selected and checked, with where it belongs on the page.
struct BodyUnit {
    DraftSentence sentence;
    int block = 0;     ///< units of one block are written as one paragraph
    bool line = false; ///< starts a line of its own (a list item, a procedure, a code block)
};

/// @brief What the composer assembles a reply from.
struct CompositionInput {
    QString language;
    QString firstName;
    QList<BodyUnit> body; ///< the selected units, in reading order; empty: a holding reply
    QString articleTitle; ///< the article the body came from, for the link line
    QString articleUrl;
    QString articleSource;         ///< its "article:ID"
    bool acknowledgeTried = false; ///< steps the customer already tried were left out: say so
    bool escalate = false;
    QString handoffText;   ///< macro body for the warm hand-off, when escalating
    QString handoffSource; ///< its "macro:ID"
};

/// @brief A composed reply: the text, and the same text unit by unit with provenance.
struct Composition {
    QString text;
    QList<DraftSentence> sentences;
    Draft::Mode mode = Draft::Mode::Holding;
};

/// @brief Writes the reply in the team's voice.
class Composer {
public:
    explicit Composer(VoiceProfile voice) : m_voice(std::move(voice)) {}
    Composition compose(const CompositionInput &in) const;
    const VoiceProfile &voice() const { return m_voice; }

    /// @brief The body of a past reply: greeting line and sign-off removed.
    static QString replyBody(const QString &reply);
    /// @brief Removes list steps whose actions were all tried; renumbers numbered lists.
    static QString dropTriedSteps(const QString &text, const QSet<QString> &tried, QStringList *dropped = nullptr);

private:
    QString fill(QString text, const CompositionInput &in) const;
    VoiceProfile m_voice;
};

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

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

/// @brief What the composer assembles a reply from.
struct CompositionInput {
    QString language;
    QString firstName;
    QString reusedReply;      ///< a past reply to reuse (its greeting and sign-off are replaced), or empty
    QString articleTitle;     ///< else: an article section to turn into a reply
    QString articleHeading;
    QString articleBody;
    QString articleUrl;
    QSet<QString> triedActions; ///< steps naming only these actions are left out
    bool acknowledgeTried = false;
    bool escalate = false;
    QString handoffText;      ///< macro body for the warm hand-off, when escalating
};

/// @brief Writes the reply in the team's voice.
class Composer {
public:
    explicit Composer(VoiceProfile voice) : m_voice(std::move(voice)) {}
    QString compose(const CompositionInput &in, QStringList *droppedSteps = nullptr) const;
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

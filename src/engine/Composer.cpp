// SPDX-License-Identifier: GPL-3.0-or-later
#include "Composer.h"

#include "TicketReader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace understudy::engine {

VoiceProfile VoiceProfile::defaults()
{
    VoiceProfile v;
    v.greeting = {{u"en"_s, u"Hi {first_name},"_s},
                  {u"fr"_s, u"Bonjour {first_name},"_s},
                  {u"de"_s, u"Hallo {first_name},"_s},
                  {u"es"_s, u"Hola {first_name}:"_s}};
    v.greetingNoName = {
        {u"en"_s, u"Hi there,"_s}, {u"fr"_s, u"Bonjour,"_s}, {u"de"_s, u"Hallo,"_s}, {u"es"_s, u"Hola:"_s}};
    v.signOff = {{u"en"_s, u"Best,\n{agent}"_s},
                 {u"fr"_s, u"Cordialement,\n{agent}"_s},
                 {u"de"_s, u"Viele Grüße\n{agent}"_s},
                 {u"es"_s, u"Saludos,\n{agent}"_s}};
    v.articleIntro = {{u"en"_s, u"Here is how to sort this out ({title}):"_s},
                      {u"fr"_s, u"Voici comment procéder ({title}) :"_s},
                      {u"de"_s, u"So lässt sich das lösen ({title}):"_s},
                      {u"es"_s, u"Así puedes solucionarlo ({title}):"_s}};
    v.link = {{u"en"_s, u"You'll find the full guide here: {url}"_s},
              {u"fr"_s, u"Le guide complet est ici : {url}"_s},
              {u"de"_s, u"Die vollständige Anleitung finden Sie hier: {url}"_s},
              {u"es"_s, u"Encontrarás la guía completa aquí: {url}"_s}};
    v.triedAck = {
        {u"en"_s, u"Thanks for letting us know what you've already tried, so I've skipped those steps."_s},
        {u"fr"_s, u"Merci de nous avoir indiqué ce que vous avez déjà essayé ; j'ai donc omis ces étapes."_s},
        {u"de"_s, u"Danke für die Info, was Sie schon versucht haben; diese Schritte habe ich weggelassen."_s},
        {u"es"_s, u"Gracias por contarnos lo que ya has probado; he omitido esos pasos."_s}};
    v.handoff = {
        {u"en"_s,
         u"I've passed your message to the right specialist on our team, who will personally get back to you as soon as possible."_s},
        {u"fr"_s,
         u"J'ai transmis votre message au spécialiste concerné de notre équipe, qui vous répondra personnellement dans les meilleurs délais."_s},
        {u"de"_s,
         u"Ich habe Ihre Nachricht an die zuständige Fachkraft in unserem Team weitergeleitet, die sich so schnell wie möglich persönlich bei Ihnen meldet."_s},
        {u"es"_s,
         u"He pasado tu mensaje al especialista adecuado de nuestro equipo, que te responderá personalmente lo antes posible."_s}};
    v.holding = {
        {u"en"_s,
         u"Thanks for reaching out. I'm looking into this now and will get back to you shortly with an answer."_s},
        {u"fr"_s, u"Merci de nous avoir contactés. J'examine votre demande et reviens vers vous rapidement."_s},
        {u"de"_s, u"Danke für Ihre Nachricht. Ich sehe mir das gerade an und melde mich in Kürze mit einer Antwort."_s},
        {u"es"_s, u"Gracias por escribirnos. Estoy revisando tu caso y te responderé en breve."_s}};
    v.team = u"the Support team"_s;
    v.agent = u"The Support team"_s;
    return v;
}

Result<VoiceProfile> VoiceProfile::fromJson(const QByteArray &data, const QString &fileName)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error{Error::Code::Parse, u"invalid voice profile JSON: %1"_s.arg(pe.errorString()), fileName, 0};
    VoiceProfile v = defaults();
    const QJsonObject o = doc.object();
    const std::pair<const char16_t *, QHash<QString, QString> *> tables[] = {
        {u"greeting", &v.greeting}, {u"greeting_no_name", &v.greetingNoName},
        {u"sign_off", &v.signOff},  {u"article_intro", &v.articleIntro},
        {u"link", &v.link},         {u"tried_ack", &v.triedAck},
        {u"handoff", &v.handoff},   {u"holding", &v.holding}};
    for (const auto &[key, table] : tables) {
        const QJsonValue val = o.value(QString::fromUtf16(key));
        if (val.isString()) {
            (*table)[u"en"_s] = val.toString();
        } else if (val.isObject()) {
            const QJsonObject byLang = val.toObject();
            for (auto it = byLang.begin(); it != byLang.end(); ++it)
                (*table)[it.key()] = it.value().toString();
        } else if (!val.isUndefined()) {
            return Error{Error::Code::Invalid,
                         u"\"%1\" must be a string or an object of language → string"_s.arg(QString::fromUtf16(key)),
                         fileName, 0};
        }
    }
    if (o.contains(u"team"_s))
        v.team = o.value(u"team"_s).toString();
    if (o.contains(u"agent"_s))
        v.agent = o.value(u"agent"_s).toString();
    return v;
}

QString VoiceProfile::pick(const QHash<QString, QString> &table, const QString &language) const
{
    const auto it = table.constFind(language);
    return it != table.constEnd() ? *it : table.value(u"en"_s);
}

namespace {

const QRegularExpression &listItem()
{
    static const QRegularExpression re(u"^(\\s*)(\\d+[.)]|[-*•])\\s+(.*)$"_s);
    return re;
}

} // namespace

QString Composer::replyBody(const QString &reply)
{
    return TicketReader::stripGreetingAndSignOff(reply);
}

QString Composer::dropTriedSteps(const QString &text, const QSet<QString> &tried, QStringList *dropped)
{
    if (tried.isEmpty())
        return text;
    QStringList out;
    int number = 0;
    bool inNumbered = false;
    for (const QString &line : text.split(u'\n')) {
        const auto m = listItem().match(line);
        if (!m.hasMatch()) {
            if (!line.trimmed().isEmpty())
                inNumbered = false, number = 0;
            out << line;
            continue;
        }
        const QSet<QString> actions = TicketReader::actionsIn(m.captured(3));
        if (!actions.isEmpty() && tried.contains(actions)) {
            if (dropped)
                *dropped << m.captured(3).trimmed();
            continue;
        }
        const bool numbered = m.captured(2).front().isDigit();
        if (numbered) {
            number = inNumbered ? number + 1 : 1;
            inNumbered = true;
            out << u"%1%2. %3"_s.arg(m.captured(1)).arg(number).arg(m.captured(3));
        } else {
            out << line;
        }
    }
    return out.join(u'\n');
}

QString Composer::fill(QString text, const CompositionInput &in) const
{
    text.replace(u"{first_name}"_s, in.firstName);
    text.replace(u"{agent}"_s, m_voice.agent);
    text.replace(u"{agent_name}"_s, m_voice.agent);
    text.replace(u"{team}"_s, m_voice.team);
    text.replace(u"{url}"_s, in.articleUrl);
    text.replace(u"{title}"_s, in.articleTitle);
    return text;
}

Composition Composer::compose(const CompositionInput &in) const
{
    using Support = DraftSentence::Support;
    using Claim = DraftSentence::Claim;
    const QString lang = in.language.isEmpty() ? u"en"_s : in.language;
    Composition out;
    QStringList paragraphs; // the text, block by block
    auto voice = [&](const QString &text, const QString &source = u"voice"_s) {
        out.sentences << DraftSentence{text, source, Support::Voice, Claim::None, {}};
        paragraphs << text;
    };

    voice(fill(m_voice.pick(in.firstName.isEmpty() ? m_voice.greetingNoName : m_voice.greeting, lang), in));
    if (in.escalate) {
        // The hand-off states what this ticket's escalation does: the agent sends it as they hand the ticket over.
        out.mode = Draft::Mode::Handoff;
        const QString text =
            in.handoffText.isEmpty() ? m_voice.pick(m_voice.handoff, lang) : replyBody(fill(in.handoffText, in));
        const QString source = in.handoffText.isEmpty() ? u"voice"_s : in.handoffSource;
        for (const QString &para : text.split(u"\n\n"_s, Qt::SkipEmptyParts)) {
            out.sentences << DraftSentence{para.trimmed(), source, Support::Ticket, Claim::Action, {}};
            paragraphs << para.trimmed();
        }
    } else if (!in.body.isEmpty()) {
        out.mode = Draft::Mode::Answer;
        if (in.acknowledgeTried)
            voice(m_voice.pick(m_voice.triedAck, lang));
        QString paragraph;
        int block = in.body.first().block;
        for (const BodyUnit &u : in.body) {
            if (u.block != block && !paragraph.isEmpty()) {
                paragraphs << paragraph;
                paragraph.clear();
            }
            block = u.block;
            if (!paragraph.isEmpty())
                paragraph += u.line ? u"\n"_s : u" "_s;
            paragraph += u.sentence.text;
            out.sentences << u.sentence;
        }
        if (!paragraph.isEmpty())
            paragraphs << paragraph;
        if (!in.articleUrl.isEmpty())
            voice(fill(m_voice.pick(m_voice.link, lang), in), in.articleSource);
    } else {
        out.mode = Draft::Mode::Holding;
        voice(m_voice.pick(m_voice.holding, lang));
    }
    voice(fill(m_voice.pick(m_voice.signOff, lang), in));
    out.text = paragraphs.join(u"\n\n"_s);
    return out;
}

} // namespace understudy::engine

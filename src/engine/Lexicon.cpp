// SPDX-License-Identifier: GPL-3.0-or-later
#include "Lexicon.h"

#include "TextUtil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace understudy::engine {

namespace {

/// A prefix form needs this many letters before its '*': shorter stems ("fac*") match unrelated words.
constexpr qsizetype kMinPrefixStem = 4;
/// A compound whose first part is unknown still gives its last part (the head: "Firmenrechnung" is an invoice)
/// when that part has at least this many letters; shorter known endings of unknown words are chance ("…konto").
/// 7 and not 6: "Datenschutzgründen" ended in "runden" (rounding) in a German privacy request.
constexpr qsizetype kMinBareHead = 7;
/// Words longer than this are not split (URLs, tokens, hashes).
constexpr qsizetype kMaxCompound = 40;

Error invalid(const QString &fileName, const QString &message)
{
    return Error{Error::Code::Invalid, message, fileName, 0};
}

/// Folds text the way translate() reads a ticket: apostrophes are word breaks, so French elisions
/// ("l'application", "d'utilisateur") leave the noun as a word of its own.
QString foldText(QStringView text)
{
    QString s = text.toString();
    for (QChar &c : s)
        if (c == u'\'' || c == QChar(0x2019))
            c = u' ';
    return foldForMatching(s);
}

/// A form's folded words; a raw word ending in '*' marks the last folded word it gives as a prefix.
QStringList foldForm(const QString &raw)
{
    QStringList out;
    for (const QString &token : raw.split(u' ', Qt::SkipEmptyParts)) {
        const bool prefix = token.endsWith(u'*');
        const QStringList words =
            foldText(prefix ? QStringView(token).chopped(1) : QStringView(token)).split(u' ', Qt::SkipEmptyParts);
        out += words;
        if (prefix && !words.isEmpty())
            out.last() += u'*';
    }
    return out;
}

/// Folded strings of an array, longest first (so "ern" is tried before "n").
Result<QStringList> endingList(const QJsonObject &o, const QString &key, const QString &where)
{
    QStringList out;
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return out;
    const QString error = u"%1: \"%2\" must be an array of word endings (strings)"_s.arg(where, key);
    if (!v.isArray())
        return Error::make(Error::Code::Invalid, error);
    for (const QJsonValue &e : v.toArray()) {
        const QString f = foldForMatching(e.toString()).trimmed();
        if (!e.isString() || f.isEmpty() || f.contains(u' '))
            return Error::make(Error::Code::Invalid, error);
        out << f;
    }
    std::stable_sort(out.begin(), out.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return out;
}

/// A hash key over @p size characters of @p data without copying them (the hash does not keep it).
inline QString key(const QChar *data, qsizetype size)
{
    return QString::fromRawData(data, size);
}

} // namespace

Status Lexicon::addForm(Language &lang, QHash<QString, QString> &seen, const QString &raw, qsizetype index,
                        const QString &owner, const QString &what)
{
    const QStringList words = foldForm(raw);
    if (words.isEmpty())
        return Error::make(Error::Code::Invalid, what + u" has no letters"_s);
    for (qsizetype w = 0; w < words.size(); ++w) {
        if (!words[w].endsWith(u'*'))
            continue;
        if (words.size() > 1 && w == 0)
            return Error::make(Error::Code::Invalid, what + u": a phrase cannot begin with a prefix word"_s);
        if (words[w].size() - 1 < kMinPrefixStem)
            return Error::make(Error::Code::Invalid,
                               what + u": a prefix needs at least %1 letters before '*'"_s.arg(kMinPrefixStem));
    }
    const QString folded = words.join(u' ');
    if (const auto s = seen.constFind(folded); s != seen.cend())
        return Error::make(Error::Code::Invalid, what + u" is already listed under %1"_s.arg(*s));
    seen.insert(folded, owner);
    if (index >= 0)
        ++lang.forms;
    if (words.size() > 1) {
        lang.phrases[words.first()].append(Phrase{words, index});
    } else if (words.first().endsWith(u'*')) {
        const QString stem = words.first().chopped(1);
        lang.prefixes.insert(stem, index);
        lang.minPrefix = lang.minPrefix == 0 ? stem.size() : std::min(lang.minPrefix, stem.size());
        lang.maxPrefix = std::max(lang.maxPrefix, stem.size());
    } else {
        lang.words.insert(words.first(), index);
    }
    return ok();
}

Result<Lexicon> Lexicon::fromJson(const QByteArray &data, const QString &fileName)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error{Error::Code::Parse, u"invalid JSON at offset %1: %2"_s.arg(pe.offset).arg(pe.errorString()),
                     fileName, 0};
    const QString shape =
        u"expected {\"languages\": {\"fr\": {...}, ...}, \"terms\": {\"english\": {\"fr\": [forms], ...}, ...}}"_s;
    if (!doc.isObject())
        return invalid(fileName, shape);
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it.key() != u"about"_s && it.key() != u"version"_s && it.key() != u"languages"_s && it.key() != u"terms"_s)
            return invalid(fileName, u"unknown top-level field \"%1\""_s.arg(it.key()));
    if (!root.value(u"languages"_s).isObject() || root.value(u"languages"_s).toObject().isEmpty() ||
        !root.value(u"terms"_s).isObject() || root.value(u"terms"_s).toObject().isEmpty())
        return invalid(fileName, shape);

    Lexicon out;
    const QJsonObject languages = root.value(u"languages"_s).toObject();
    for (auto it = languages.begin(); it != languages.end(); ++it) {
        const QString code = it.key();
        const QString where = u"language \"%1\""_s.arg(code);
        if (code.size() != 2 || code != code.toLower() || !code[0].isLetter() || !code[1].isLetter())
            return invalid(fileName, where + u": the key must be an ISO 639-1 code such as \"fr\""_s);
        if (code == u"en"_s)
            return invalid(fileName, where + u": English is the target language, not a source"_s);
        if (!it.value().isObject())
            return invalid(fileName, where + u": must be an object"_s);
        const QJsonObject o = it.value().toObject();
        static const QSet<QString> known{u"name"_s,     u"endings"_s,  u"compounds"_s, u"linking"_s, u"infixes"_s,
                                         u"min_part"_s, u"min_stem"_s, u"ignore"_s,    u"about"_s,   u"note"_s};
        for (auto f = o.begin(); f != o.end(); ++f)
            if (!known.contains(f.key()))
                return invalid(fileName, where + u": unknown field \"%1\""_s.arg(f.key()));
        Language lang;
        auto endings = endingList(o, u"endings"_s, where);
        if (!endings)
            return invalid(fileName, endings.error().message);
        lang.endings = *endings;
        auto linking = endingList(o, u"linking"_s, where);
        if (!linking)
            return invalid(fileName, linking.error().message);
        lang.linking = *linking;
        auto infixes = endingList(o, u"infixes"_s, where);
        if (!infixes)
            return invalid(fileName, infixes.error().message);
        lang.infixes = *infixes;
        if (o.contains(u"compounds"_s) && !o.value(u"compounds"_s).isBool())
            return invalid(fileName, where + u": \"compounds\" must be true or false"_s);
        lang.compounds = o.value(u"compounds"_s).toBool(false);
        for (auto [field, dst] : {std::pair{u"min_part"_s, &lang.minPart}, {u"min_stem"_s, &lang.minStem}}) {
            if (!o.contains(field))
                continue;
            const int n = o.value(field).toInt(-1);
            if (n < 2 || n > 10)
                return invalid(fileName, where + u": \"%1\" must be a whole number from 2 to 10"_s.arg(field));
            *dst = n;
        }
        out.m_languages.insert(code, lang);
    }

    const QJsonObject terms = root.value(u"terms"_s).toObject();
    // Per language: a form's folded key → the term (or "ignore") that lists it, to report a form listed twice.
    QHash<QString, QHash<QString, QString>> seen;
    for (auto it = terms.begin(); it != terms.end(); ++it) {
        const QString english = it.key().simplified();
        const QString where = u"term \"%1\""_s.arg(it.key());
        if (english.isEmpty() || foldForMatching(english).trimmed().isEmpty())
            return invalid(fileName, u"a term needs an English word (an empty key)"_s);
        if (!it.value().isObject())
            return invalid(fileName, where + u": must be an object {\"fr\": [forms], \"de\": [...], ...}"_s);
        const qsizetype index = out.m_english.size();
        out.m_english << english;
        const QJsonObject byLanguage = it.value().toObject();
        for (auto l = byLanguage.begin(); l != byLanguage.end(); ++l) {
            if (l.key() == u"note"_s)
                continue;
            const auto langIt = out.m_languages.find(l.key());
            if (langIt == out.m_languages.end())
                return invalid(fileName, where + u": language \"%1\" is not declared in \"languages\""_s.arg(l.key()));
            Language &lang = *langIt;
            QJsonArray forms;
            if (l.value().isString())
                forms << l.value();
            else if (l.value().isArray())
                forms = l.value().toArray();
            else
                return invalid(fileName, where + u": \"%1\" must be a form or an array of forms"_s.arg(l.key()));
            for (qsizetype f = 0; f < forms.size(); ++f) {
                if (!forms[f].isString())
                    return invalid(fileName, u"%1: %2 form %3 must be a string"_s.arg(where, l.key()).arg(f + 1));
                const QString raw = forms[f].toString().trimmed();
                const QString what = u"%1: %2 form %3 (\"%4\")"_s.arg(where, l.key()).arg(f + 1).arg(raw);
                if (auto added = addForm(lang, seen[l.key()], raw, index, where, what); !added)
                    return invalid(fileName, added.error().message);
            }
        }
    }
    // Ignored forms last, so that a form both translated and ignored is reported on the "ignore" side.
    for (auto it = languages.begin(); it != languages.end(); ++it) {
        const QJsonValue ignore = it.value().toObject().value(u"ignore"_s);
        if (ignore.isUndefined())
            continue;
        const QString where = u"language \"%1\": \"ignore\""_s.arg(it.key());
        if (!ignore.isArray())
            return invalid(fileName, where + u" must be an array of forms"_s);
        const QJsonArray forms = ignore.toArray();
        for (qsizetype f = 0; f < forms.size(); ++f) {
            if (!forms[f].isString())
                return invalid(fileName, u"%1: form %2 must be a string"_s.arg(where).arg(f + 1));
            const QString raw = forms[f].toString().trimmed();
            const QString what = u"%1: form %2 (\"%3\")"_s.arg(where).arg(f + 1).arg(raw);
            if (auto added = addForm(out.m_languages[it.key()], seen[it.key()], raw, kIgnored, u"\"ignore\""_s, what);
                !added)
                return invalid(fileName, added.error().message);
        }
    }
    out.m_termCount = out.m_english.size();
    // Longest phrase first: "mot de passe oublie" before "mot de passe".
    for (Language &lang : out.m_languages) {
        for (QList<Phrase> &list : lang.phrases) {
            std::stable_sort(list.begin(), list.end(), [](const Phrase &a, const Phrase &b) {
                if (a.words.size() != b.words.size())
                    return a.words.size() > b.words.size();
                return a.words.join(u' ').size() > b.words.join(u' ').size();
            });
        }
    }
    return out;
}

Result<Lexicon> Lexicon::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{Error::Code::Io, u"cannot read: %1"_s.arg(f.errorString()), path, 0};
    return fromJson(f.readAll(), path);
}

const Lexicon &Lexicon::defaults()
{
    static const Lexicon lexicon = [] {
        auto r = fromFile(u":/understudy/lexicon/support-terms.json"_s);
        if (!r.ok()) {
            // Release builds have no assertion: say why translation is off instead of silently translating nothing.
            qWarning("Lexicon: the bundled lexicon does not parse: %s", qPrintable(r.error().toString()));
            Q_ASSERT_X(false, "Lexicon::defaults", "the bundled lexicon must parse");
            return Lexicon();
        }
        return *r;
    }();
    return lexicon;
}

QStringList Lexicon::languages() const
{
    QStringList out = m_languages.keys();
    out.sort();
    return out;
}

qsizetype Lexicon::entryCount(const QString &language) const
{
    const auto it = m_languages.constFind(language);
    return it == m_languages.cend() ? 0 : it->forms;
}

qsizetype Lexicon::lookupSimple(const Language &lang, const QString &word) const
{
    if (const auto it = lang.words.constFind(word); it != lang.words.cend())
        return *it;
    for (const QString &ending : lang.endings) {
        if (word.size() - ending.size() < lang.minStem || !word.endsWith(ending))
            continue;
        if (const auto it = lang.words.constFind(key(word.constData(), word.size() - ending.size()));
            it != lang.words.cend())
            return *it;
    }
    for (qsizetype n = std::min(word.size(), lang.maxPrefix); n >= lang.minPrefix && n > 0; --n)
        if (const auto it = lang.prefixes.constFind(key(word.constData(), n)); it != lang.prefixes.cend())
            return *it;
    return kNone;
}

bool Lexicon::lookupWord(const Language &lang, const QString &word, int depth, QList<qsizetype> &out) const
{
    if (const qsizetype hit = lookupSimple(lang, word); hit != kNone) {
        if (hit >= 0)
            out << hit;
        return true;
    }
    // A separable German verb's infinitive with "zu" ("hochzuladen", "zurückzusetzen") is the listed verb.
    for (const QString &infix : lang.infixes) {
        for (qsizetype p = word.indexOf(infix, 2); p > 0 && p + infix.size() + 3 <= word.size();
             p = word.indexOf(infix, p + 1)) {
            const qsizetype hit = lookupSimple(lang, word.left(p) + word.mid(p + infix.size()));
            if (hit >= 0) {
                out << hit;
                return true;
            }
        }
    }
    if (!lang.compounds || depth > 1 || word.size() < 2 * lang.minPart || word.size() > kMaxCompound)
        return false;
    // German puts the head last ("Rechnungs|adresse" is an address): try the longest known last part first, with a
    // known first part (itself or without a linking element: "Rechnung|s"). Failing that, a long known head alone.
    QList<qsizetype> bareHead;
    for (qsizetype i = lang.minPart; i <= word.size() - lang.minPart; ++i) {
        QList<qsizetype> head;
        const QString right = key(word.constData() + i, word.size() - i);
        if (!lookupWord(lang, right, depth + 1, head))
            continue;
        qsizetype left = lookupSimple(lang, key(word.constData(), i));
        for (qsizetype l = 0; left == kNone && l < lang.linking.size(); ++l) {
            const QString &link = lang.linking[l];
            if (i - link.size() >= lang.minPart && QStringView(word).first(i).endsWith(link))
                left = lookupSimple(lang, key(word.constData(), i - link.size()));
        }
        if (left != kNone) {
            if (left >= 0)
                out << left;
            out << head;
            return true;
        }
        if (bareHead.isEmpty() && right.size() >= kMinBareHead)
            bareHead = head;
    }
    out << bareHead;
    return !bareHead.isEmpty();
}

QString Lexicon::translate(QStringView text, const QString &language) const
{
    auto langIt = m_languages.constFind(language);
    if (langIt == m_languages.cend() && language.size() > 2)
        langIt = m_languages.constFind(languageCode(language));
    if (langIt == m_languages.cend() || text.isEmpty())
        return {};
    const Language &lang = *langIt;

    const QString folded = foldText(text);
    const QList<QStringView> words = QStringView(folded).split(u' ', Qt::SkipEmptyParts);
    QList<qsizetype> hits;
    for (qsizetype i = 0; i < words.size();) {
        const QString word = key(words[i].data(), words[i].size());
        qsizetype matched = 0;
        if (const auto p = lang.phrases.constFind(word); p != lang.phrases.cend()) {
            for (const Phrase &phrase : *p) {
                const qsizetype n = phrase.words.size();
                if (i + n > words.size())
                    continue;
                bool all = true;
                for (qsizetype k = 1; all && k < n; ++k) {
                    const QString &w = phrase.words[k];
                    all = w.endsWith(u'*') ? words[i + k].startsWith(QStringView(w).chopped(1)) : words[i + k] == w;
                }
                if (all) {
                    if (phrase.english >= 0)
                        hits << phrase.english;
                    matched = n;
                    break;
                }
            }
        }
        if (matched == 0) {
            lookupWord(lang, word, 0, hits);
            matched = 1;
        }
        i += matched;
    }
    if (hits.isEmpty())
        return {};

    QStringList english;
    QSet<qsizetype> seenTerms;
    QSet<QString> seenWords;
    for (const qsizetype h : std::as_const(hits)) {
        if (seenTerms.contains(h))
            continue;
        seenTerms.insert(h);
        for (const QString &w : m_english[h].split(u' ', Qt::SkipEmptyParts)) {
            const QString lower = w.toLower();
            if (!seenWords.contains(lower)) {
                seenWords.insert(lower);
                english << w;
            }
        }
    }
    return english.join(u' ');
}

} // namespace understudy::engine

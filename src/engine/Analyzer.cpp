// SPDX-License-Identifier: GPL-3.0-or-later
#include "Analyzer.h"

#include <QString>

#include <algorithm>
#include <array>
#include <unordered_set>

namespace understudy::engine {

namespace {

const std::unordered_set<std::string_view> &stopwords()
{
    static const std::unordered_set<std::string_view> words = {
        // English
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing", "have", "has", "had",
        "i", "me", "my", "mine", "we", "us", "our", "you", "your", "yours", "he", "she", "it", "its", "they", "them",
        "their", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "so", "than",
        "too", "very", "just", "can", "will", "would", "should", "could", "shall", "may", "might", "must", "about",
        "into", "over", "then", "also", "im", "ive", "id", "ill", "youre", "dont", "s", "t", "d", "ll", "m", "re",
        "ve", "hi", "hello", "hey", "thanks", "thank", "please", "regards", "dear", "some", "any", "all", "get",
        "got", "out", "up", "again", "any", "only", "own", "same", "other", "such", "each", "both", "more", "most",
        "yet", "still", "how", "why", "when", "where", "use", "using",
        // French
        "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "je", "tu", "il", "elle", "nous", "vous",
        "ils", "elles", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "votre", "vos", "leur",
        "ce", "cet", "cette", "ces", "que", "qui", "quoi", "dans", "sur", "pour", "par", "avec", "sans", "est",
        "sont", "ai", "avez", "pas", "ne", "plus", "bonjour", "merci", "cordialement", "au", "aux", "en", "y",
        // German
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder", "ich",
        "du", "er", "sie", "es", "wir", "ihr", "mein", "meine", "meinen", "dein", "ihre", "ist", "sind", "war",
        "habe", "hat", "haben", "nicht", "mit", "von", "zu", "zum", "zur", "auf", "fur", "bei", "aus", "wie",
        "was", "dass", "hallo", "danke", "bitte", "gruss", "gruessen", "grussen", "mir", "mich", "uns", "noch",
        // Spanish
        "el", "los", "las", "una", "unos", "unas", "y", "o", "yo", "mi", "mis", "su", "sus", "nuestro", "que",
        "por", "para", "con", "sin", "es", "son", "fue", "he", "ha", "hola", "gracias", "saludos", "lo", "se",
        "del", "al", "como", "pero", "muy", "ya"};
    return words;
}

// Folds one code point to lower-case ASCII where it is a Latin letter with an accent; 0 for separators.
inline void appendFolded(char32_t c, std::string &word)
{
    if (c < 0x80) {
        const char ch = char(c);
        if (ch >= 'A' && ch <= 'Z')
            word.push_back(char(ch - 'A' + 'a'));
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            word.push_back(ch);
        return;
    }
    if (c == U'ß') {
        word += "ss";
        return;
    }
    if (!QChar::isLetterOrNumber(c))
        return;
    char32_t lower = QChar::toLower(c);
    // Strip a Latin accent: take the decomposition's base letter.
    const QString decomposed = QChar::decomposition(lower);
    if (!decomposed.isEmpty() && decomposed[0].unicode() < 0x80 && QChar::category(lower) == QChar::Letter_Lowercase) {
        word.push_back(char(decomposed[0].toLower().unicode()));
        return;
    }
    // Other scripts keep their letters (UTF-8).
    const QString s = QString::fromUcs4(&lower, 1);
    word += s.toStdString();
}

inline bool endsWith(const std::string &w, std::string_view suffix)
{
    return w.size() >= suffix.size() && std::equal(suffix.rbegin(), suffix.rend(), w.rbegin());
}

inline bool hasVowel(std::string_view w)
{
    return w.find_first_of("aeiouy") != std::string_view::npos;
}

} // namespace

bool Analyzer::isStopword(std::string_view word)
{
    return stopwords().contains(word);
}

std::string Analyzer::stem(std::string w)
{
    // A deliberately light English stemmer (Porter step 1 plus a few common endings): merging
    // "invoice/invoices/invoiced" matters; aggressive stems would merge unrelated words.
    if (w.size() <= 3 || (static_cast<unsigned char>(w[0]) >= 0x80))
        return w;
    if (endsWith(w, "sses"))
        w.resize(w.size() - 2);
    else if (endsWith(w, "ies") && w.size() > 4)
        w.replace(w.size() - 3, 3, "i");
    else if (endsWith(w, "s") && !endsWith(w, "ss") && !endsWith(w, "us") && !endsWith(w, "is"))
        w.pop_back();

    auto strip = [&w](std::string_view suffix, size_t minStem) {
        if (endsWith(w, suffix) && w.size() - suffix.size() >= minStem &&
            hasVowel(std::string_view(w).substr(0, w.size() - suffix.size()))) {
            w.resize(w.size() - suffix.size());
            return true;
        }
        return false;
    };
    if (endsWith(w, "eed")) {
        if (w.size() > 4)
            w.pop_back();
    } else if (strip("ing", 3) || strip("ed", 3)) {
        if (endsWith(w, "at") || endsWith(w, "bl") || endsWith(w, "iz"))
            w.push_back('e');
        else if (w.size() >= 2 && w[w.size() - 1] == w[w.size() - 2] && std::string_view("lsz").find(w.back()) == std::string_view::npos)
            w.pop_back();
    }
    if (w.size() > 4 && w.back() == 'y' && hasVowel(std::string_view(w).substr(0, w.size() - 1)))
        w.back() = 'i';
    // Common derivational endings, longest first.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kEndings{{
        {"ational", "ate"}, {"ization", "ize"}, {"fulness", "ful"}, {"ousness", "ous"},
        {"iveness", "ive"}, {"ation", "ate"}, {"ement", ""}, {"ness", ""}}};
    for (const auto &[suffix, replacement] : kEndings) {
        if (endsWith(w, suffix) && w.size() - suffix.size() >= 3) {
            w.resize(w.size() - suffix.size());
            w += replacement;
            break;
        }
    }
    // Final -e: "invoice"/"invoic" and "update"/"updat" meet.
    if (w.size() > 4 && w.back() == 'e')
        w.pop_back();
    return w;
}

void Analyzer::terms(QStringView text, std::vector<std::string> &out)
{
    std::string word;
    auto flush = [&]() {
        if (word.empty())
            return;
        // Apostrophes inside words are dropped ("don't" → "dont"); very long tokens are noise.
        if (word.size() <= 40 && !isStopword(word))
            out.push_back(stem(std::move(word)));
        word.clear();
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < n && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        if (c == U'\'' || c == U'\u2019') {
            continue;
        }
        const size_t before = word.size();
        appendFolded(c, word);
        if (word.size() == before)
            flush();
    }
    flush();
}

std::vector<std::string> Analyzer::terms(QStringView text)
{
    std::vector<std::string> out;
    terms(text, out);
    return out;
}

} // namespace understudy::engine

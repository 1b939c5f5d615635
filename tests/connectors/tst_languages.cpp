// SPDX-License-Identifier: GPL-3.0-or-later
// Sources carry a language: every importer reads it where the format names one ("language", "locale", "lang";
// Zendesk's "en-us" becomes "en") and detects it from the text where it does not, with the one function the engine
// reads tickets with (understudy/Text.h).
#include "ImporterTestUtil.h"
#include "Importers.h"

#include <understudy/Text.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;

namespace {

// One help-centre paragraph per language, as the importers would see it.
const QString kEn = u"To reset your password, open the sign-in page and click the link. We will send you an email "
                    "with a link that is valid for one hour."_s;
const QString kFr = u"Pour réinitialiser votre mot de passe, ouvrez la page de connexion et cliquez sur le lien. "
                    "Nous vous envoyons un e-mail avec un lien valable une heure."_s;
const QString kDe = u"Um Ihr Passwort zurückzusetzen, öffnen Sie die Anmeldeseite und klicken Sie auf den Link. Wir "
                    "schicken Ihnen eine E-Mail mit einem Link, der eine Stunde gültig ist."_s;
const QString kEs = u"Para restablecer tu contraseña, abre la página de inicio de sesión y pulsa el enlace. Te "
                    "enviamos un correo con un enlace que es válido durante una hora."_s;

QByteArray utf8(const QString &s)
{
    return s.toUtf8();
}

QString jsonString(const QString &s)
{
    QString out = s;
    out.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s).replace(u"\n"_s, u"\\n"_s);
    return u'"' + out + u'"';
}

} // namespace

class TestLanguages : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detectsEachLanguage_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("language");
        QTest::addRow("en article") << kEn << u"en"_s;
        QTest::addRow("fr article") << kFr << u"fr"_s;
        QTest::addRow("de article") << kDe << u"de"_s;
        QTest::addRow("es article") << kEs << u"es"_s;
        QTest::addRow("en ticket") << u"Hi, I was charged twice this month, can you please refund one?"_s << u"en"_s;
        QTest::addRow("fr ticket") << u"Bonjour, je ne peux pas me connecter à mon compte depuis ce matin."_s
                                   << u"fr"_s;
        QTest::addRow("de ticket") << u"Hallo, ich kann mich nicht anmelden, bitte helfen Sie mir."_s << u"de"_s;
        QTest::addRow("es ticket") << u"Hola, no puedo entrar en mi cuenta, por favor ayúdenme."_s << u"es"_s;
        QTest::addRow("de macro") << u"Übergabe: Billing-Team\nHallo {first_name}, ich habe Ihre Anfrage an das "
                                     "Billing-Team weitergegeben."_s
                                  << u"de"_s;
    }

    void detectsEachLanguage()
    {
        QFETCH(QString, text);
        QFETCH(QString, language);
        QCOMPARE(detectLanguage(text), language);
        QCOMPARE(guessLanguage(text), language); // one function: when detection names a language, so does the guess
    }

    void saysNothingWithoutEvidence()
    {
        // Too short, code, or one function word each of two languages: unknown, not a coin toss.
        QCOMPARE(detectLanguage(u""_s), QString());
        QCOMPARE(detectLanguage(u"`GET /v1/items?page=2`"_s), QString());
        QCOMPARE(detectLanguage(u"Bonjour"_s), QString());
        QCOMPARE(detectLanguage(u"the und"_s), QString());
        QCOMPARE(detectLanguage(u"Bonjour"_s, 1), u"fr"_s);
        // The ticket reader's guess still answers, "en" when it has nothing to go on.
        QCOMPARE(guessLanguage(u"Bonjour"_s), u"fr"_s);
        QCOMPARE(guessLanguage(u"API 500"_s), u"en"_s);
        QCOMPARE(guessLanguage(u"I need help getting a N.Y. License"_s), u"en"_s); // "i" and "y": a tie is unsure
    }

    void languageCodes_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("code");
        QTest::addRow("plain") << u"fr"_s << u"fr"_s;
        QTest::addRow("zendesk locale") << u"en-us"_s << u"en"_s;
        QTest::addRow("posix locale") << u"de_DE"_s << u"de"_s;
        QTest::addRow("upper case") << u"ES"_s << u"es"_s;
        QTest::addRow("region") << u"pt-BR"_s << u"pt"_s;
        QTest::addRow("name") << u"English"_s << u"en"_s;
        QTest::addRow("native name") << u"Español"_s << u"es"_s;
        QTest::addRow("spaces") << u"  fr-CA "_s << u"fr"_s;
        QTest::addRow("empty") << QString() << QString();
        QTest::addRow("not a language") << u"multi"_s << QString();
        QTest::addRow("three letters") << u"deu"_s << QString();
        QTest::addRow("digits") << u"42"_s << QString();
    }

    void languageCodes()
    {
        QFETCH(QString, tag);
        QFETCH(QString, code);
        QCOMPARE(languageCode(tag), code);
    }

    void markdownFrontMatter_data()
    {
        QTest::addColumn<QString>("frontMatter");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("language");
        QTest::addRow("language") << u"language: de\n"_s << kEn << u"de"_s; // what the author says wins
        QTest::addRow("locale") << u"locale: fr-FR\n"_s << kEn << u"fr"_s;
        QTest::addRow("lang quoted") << u"lang: \"es\"\n"_s << kEn << u"es"_s;
        QTest::addRow("detected en") << QString() << kEn << u"en"_s;
        QTest::addRow("detected fr") << QString() << kFr << u"fr"_s;
        QTest::addRow("detected de") << QString() << kDe << u"de"_s;
        QTest::addRow("detected es") << QString() << kEs << u"es"_s;
        QTest::addRow("unknown tag detects") << u"language: multi\n"_s << kDe << u"de"_s;
        QTest::addRow("too short") << QString() << u"`curl -X POST`"_s << QString();
    }

    void markdownFrontMatter()
    {
        QFETCH(QString, frontMatter);
        QFETCH(QString, body);
        QFETCH(QString, language);
        const QString text = u"---\nid: kb-1\ntitle: Password\n"_s + frontMatter + u"---\n"_s + body + u"\n"_s;
        auto a = parseMarkdownArticle(utf8(text), u"kb-1.md"_s);
        QVERIFY_OK(a);
        QCOMPARE(a->language, language);
        QCOMPARE(a->body, body); // the key is front matter, not body
    }

    void htmlArticle()
    {
        auto meta =
            parseHtmlArticle(utf8(u"<html><head><title>Passwort</title><meta name=\"language\" content=\"de-AT\">"
                                  "</head><body><p>"_s +
                                  kEn + u"</p></body></html>"_s),
                             u"a.html"_s);
        QVERIFY_OK(meta);
        QCOMPARE(meta->language, u"de"_s);
        auto attribute = parseHtmlArticle(
            utf8(u"<!DOCTYPE html>\n<html lang=\"fr-CA\"><head><title>Mot de passe</title></head><body><p>"_s + kEn +
                 u"</p></body></html>"_s),
            u"b.html"_s);
        QVERIFY_OK(attribute);
        QCOMPARE(attribute->language, u"fr"_s);
        auto detected = parseHtmlArticle(
            utf8(u"<html><head><title>Contraseña</title></head><body><p>"_s + kEs + u"</p></body></html>"_s),
            u"c.html"_s);
        QVERIFY_OK(detected);
        QCOMPARE(detected->language, u"es"_s);
    }

    void articlesJsonl()
    {
        const QString data =
            u"{\"id\":\"a\",\"title\":\"T\",\"body\":%1,\"language\":\"fr\"}\n"
            "{\"id\":\"b\",\"title\":\"T\",\"body\":%1,\"locale\":\"de-de\"}\n"
            "{\"id\":\"c\",\"title\":\"T\",\"body\":%1,\"lang\":\"es\"}\n"
            "{\"id\":\"d\",\"title\":\"T\",\"body\":%2}\n"
            "{\"id\":\"e\",\"title\":\"T\",\"body\":%3}\n"_s.arg(jsonString(kEn), jsonString(kDe), jsonString(kFr));
        auto r = parseArticlesJsonl(utf8(data), u"kb.jsonl"_s);
        QVERIFY_OK(r);
        QStringList languages;
        for (const Article &a : *r)
            languages << a.language;
        QCOMPARE(languages, (QStringList{u"fr"_s, u"de"_s, u"es"_s, u"de"_s, u"fr"_s}));
        // A language that is not a string is an error naming the line and the field.
        auto bad = parseArticlesJsonl(utf8(u"{\"id\":\"a\",\"title\":\"T\",\"language\":3}\n"_s), u"kb.jsonl"_s);
        QVERIFY(!bad);
        QCOMPARE(bad.error().line, 1);
        QVERIFY2(bad.error().message.contains(u"language"_s), qPrintable(bad.error().message));
    }

    void zendeskArticles()
    {
        const QString data = u"{\"articles\":[{\"id\":1,\"title\":\"Reset\",\"body\":%1,\"locale\":\"en-us\"},"
                             "{\"id\":2,\"title\":\"Réinitialiser\",\"body\":%2,\"locale\":\"fr\"},"
                             "{\"id\":3,\"title\":\"Zurücksetzen\",\"body\":%3}]}"_s.arg(
                                 jsonString(u"<p>"_s + kEn + u"</p>"_s), jsonString(u"<p>"_s + kFr + u"</p>"_s),
                                 jsonString(u"<p>"_s + kDe + u"</p>"_s));
        auto r = parseZendeskArticles(utf8(data), u"zd.json"_s);
        QVERIFY_OK(r);
        QCOMPARE(r->size(), 3);
        QCOMPARE(r->at(0).language, u"en"_s);
        QCOMPARE(r->at(1).language, u"fr"_s);
        QCOMPARE(r->at(2).language, u"de"_s);
    }

    void macros()
    {
        const QString data =
            u"{\"macros\":[{\"id\":\"m-1\",\"title\":\"Refund\",\"body\":\"Hi {first_name}, your refund is on its "
            "way and it will reach your card within 5 days.\"},"
            "{\"id\":\"m-2\",\"title\":\"Übergabe\",\"body\":\"Hallo {first_name}, ich habe Ihre Anfrage an das "
            "Billing-Team weitergegeben.\"},"
            "{\"id\":\"m-3\",\"title\":\"Traspaso\",\"body\":\"Hola\",\"language\":\"es-MX\"},"
            "{\"id\":\"m-4\",\"title\":\"Transfert\",\"body\":\"Bonjour {first_name}, nous avons transmis votre "
            "demande à notre équipe sécurité.\"}]}"_s;
        auto r = parseMacros(utf8(data), u"macros.json"_s);
        QVERIFY_OK(r);
        QStringList languages;
        for (const Macro &m : *r)
            languages << m.language;
        QCOMPARE(languages, (QStringList{u"en"_s, u"de"_s, u"es"_s, u"fr"_s}));
    }

    void ticketsJsonl()
    {
        const QString data =
            u"{\"id\":\"T-1\",\"subject\":\"Login\",\"language\":\"en-GB\",\"messages\":[{\"author\":\"customer\","
            "\"body\":\"Bonjour, je ne peux pas me connecter.\"}]}\n"
            "{\"id\":\"T-2\",\"subject\":\"Connexion\",\"messages\":[{\"author\":\"customer\",\"body\":\"Bonjour, je "
            "ne peux pas me connecter à mon compte.\"},{\"author\":\"agent\",\"body\":\"Hello, please try this and "
            "that.\"}]}\n"
            "{\"id\":\"T-3\",\"subject\":\"Anmeldung\",\"locale\":\"de\",\"text\":\"Geht nicht\"}\n"
            "{\"id\":\"T-4\",\"subject\":\"?\",\"text\":\"???\"}\n"_s;
        auto r = parseTicketsJsonl(utf8(data), u"t.jsonl"_s);
        QVERIFY_OK(r);
        QCOMPARE(r->size(), 4);
        QCOMPARE(r->at(0).language, u"en"_s); // given, as its language code
        QCOMPARE(r->at(1).language, u"fr"_s); // the customer's words, not the agent's
        QCOMPARE(r->at(2).language, u"de"_s);
        QCOMPARE(r->at(3).language, QString());
    }

    void zendeskTickets()
    {
        const QString data =
            u"{\"tickets\":[{\"id\":1,\"subject\":\"Rechnung\",\"requester\":{\"id\":7,\"locale\":\"de-de\"},"
            "\"description\":\"Where is it?\"},"
            "{\"id\":2,\"subject\":\"Factura\",\"requester\":{\"id\":8},\"description\":\"Hola, no encuentro la "
            "factura de mi cuenta, por favor.\"},"
            "{\"id\":3,\"subject\":\"Invoice\",\"locale\":\"fr\",\"requester\":{\"id\":9,\"locale\":\"en-us\"},"
            "\"description\":\"Where is my invoice?\"}]}"_s;
        auto r = parseZendeskTickets(utf8(data), u"zd.json"_s);
        QVERIFY_OK(r);
        QCOMPARE(r->size(), 3);
        QCOMPARE(r->at(0).language, u"de"_s); // the requester's locale
        QCOMPARE(r->at(1).language, u"es"_s); // detected
        QCOMPARE(r->at(2).language, u"fr"_s); // the ticket's own locale first
    }

    void csvAndLabelledPairs()
    {
        auto csv = parseTicketsCsv(utf8(u"text,category\n\"Hola, no puedo entrar en mi cuenta, por favor\",login\n"
                                        "\"I cannot sign in to my account, can you help?\",login\nhi,other\n"_s),
                                   u"t.csv"_s, CsvMapping{u"text"_s, u"category"_s, {}, {}, u"resolved"_s});
        QVERIFY_OK(csv);
        QCOMPARE(csv->size(), 3);
        QCOMPARE(csv->at(0).language, u"es"_s);
        QCOMPARE(csv->at(1).language, u"en"_s);
        QCOMPARE(csv->at(2).language, QString());
        auto pairs = parseLabelledPairsJson(
            utf8(u"{\"train\":[[\"je ne trouve pas ma facture pour le mois de mars\",\"invoice\"],"
                 "[\"what is my balance\",\"balance\"]]}"_s),
            u"d.json"_s, {u"train"_s});
        QVERIFY_OK(pairs);
        QCOMPARE(pairs->at(0).language, u"fr"_s);
        QCOMPARE(pairs->at(1).language, u"en"_s);
    }
};

QTEST_GUILESS_MAIN(TestLanguages)
#include "tst_languages.moc"

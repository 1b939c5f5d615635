// SPDX-License-Identifier: GPL-3.0-or-later
// Strict input (issue 19, points 5 and 8) against a real understudy-server: every event field is checked for type,
// range, finiteness, canonical UUID, control characters and length, with a 400 naming it, and nothing of a refused
// batch is stored, alike on SQLite and PostgreSQL (tst_server_input_pg). What the server logs has no raw control
// characters and no failed login's name.
#include "ServerTestSupport.h"

#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

class TestInput : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    QString m_ann, m_lee;

    QString api(const QString &path) const { return m_server.api() + path; }
    QString logDir() const { return m_dir.filePath(u"logs"_s); }

    static QJsonObject goodEvent(const QString &id)
    {
        return {{u"id"_s, id},
                {u"kind"_s, u"sent_edited"_s},
                {u"ticket_id"_s, u"T-1"_s},
                {u"draft_id"_s, uuid()},
                {u"at"_s, u"2026-11-23T10:00:00Z"_s},
                {u"confidence"_s, 0.5},
                {u"sources"_s, QJsonArray{QJsonObject{{u"kind"_s, u"article"_s}, {u"id"_s, u"kb-1"_s}}}},
                {u"final_text"_s, u"Hello\n\tthere"_s},
                {u"edit"_s, QJsonObject{{u"chars"_s, 3}, {u"words"_s, 1}, {u"kept"_s, 0.9}}},
                {u"reason"_s, QJsonValue()},
                {u"engine"_s, u"1.1.0"_s}};
    }
    static QByteArray batch(const QJsonObject &event)
    {
        return QJsonDocument(QJsonObject{{u"events"_s, QJsonArray{event}}}).toJson(QJsonDocument::Compact);
    }
    /// Every event id the server holds (a lead reads the log).
    QStringList storedIds()
    {
        QStringList out;
        const HttpReply r = http("GET", api(u"/events?limit=5000"_s), QByteArray(), m_lee);
        for (const QJsonValue &v : r.json.value(u"events"_s).toArray())
            out << v.toObject().value(u"id"_s).toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
        QVERIFY(addUser(m_db, u"ann"_s, u"agent"_s));
        QVERIFY(addUser(m_db, u"lee"_s, u"lead"_s));
        QVERIFY2(m_server.start(m_db, {u"--log-dir"_s, logDir()}, &error), qPrintable(error));
        m_ann = login(m_server.api(), u"ann"_s, u"password-ann"_s);
        m_lee = login(m_server.api(), u"lee"_s, u"password-lee"_s);
        QVERIFY(!m_ann.isEmpty() && !m_lee.isEmpty());
    }

    void everyEventFieldIsChecked_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const auto with = [](const QString &key, const QJsonValue &v) {
            QJsonObject e = goodEvent(uuid());
            e.insert(key, v);
            return batch(e);
        };
        const auto withEdit = [](const QString &key, const QJsonValue &v) {
            QJsonObject e = goodEvent(uuid());
            QJsonObject edit = e.value(u"edit"_s).toObject();
            edit.insert(key, v);
            e.insert(u"edit"_s, edit);
            return batch(e);
        };
        const auto withSource = [](const QString &key, const QJsonValue &v) {
            QJsonObject e = goodEvent(uuid());
            QJsonObject s{{u"kind"_s, u"article"_s}, {u"id"_s, u"kb-1"_s}};
            s.insert(key, v);
            e.insert(u"sources"_s, QJsonArray{s});
            return batch(e);
        };
        const QString id = uuid();
        QTest::newRow("sources not an array") << with(u"sources"_s, u"x"_s) << u"events[0].sources"_s;
        QTest::newRow("a source not an object") << with(u"sources"_s, QJsonArray{1}) << u"events[0].sources[0]"_s;
        QTest::newRow("a source without id")
            << with(u"sources"_s, QJsonArray{QJsonObject{{u"kind"_s, u"article"_s}}}) << u"events[0].sources[0].id"_s;
        QTest::newRow("source feature a string")
            << withSource(u"features"_s, QJsonArray{u"x"_s}) << u"events[0].sources[0].features"_s;
        QTest::newRow("source url with a line feed")
            << withSource(u"url"_s, u"http://x\nforged"_s) << u"events[0].sources[0].url"_s;
        QJsonArray many;
        for (int i = 0; i < 65; ++i)
            many.append(QJsonObject{{u"kind"_s, u"article"_s}, {u"id"_s, u"kb-%1"_s.arg(i)}});
        QTest::newRow("65 sources") << with(u"sources"_s, many) << u"events[0].sources"_s;
        QTest::newRow("kept 1e300") << withEdit(u"kept"_s, 1e300) << u"events[0].edit.kept"_s;
        QTest::newRow("kept 1e308") << withEdit(u"kept"_s, 1e308) << u"events[0].edit.kept"_s;
        QTest::newRow("kept -1e308") << withEdit(u"kept"_s, -1e308) << u"events[0].edit.kept"_s;
        QTest::newRow("kept negative") << withEdit(u"kept"_s, -0.5) << u"events[0].edit.kept"_s;
        QTest::newRow("kept a string") << withEdit(u"kept"_s, u"0.5"_s) << u"events[0].edit.kept"_s;
        QTest::newRow("chars a fraction") << withEdit(u"chars"_s, 1.5) << u"events[0].edit.chars"_s;
        QTest::newRow("words negative") << withEdit(u"words"_s, -1) << u"events[0].edit.words"_s;
        QTest::newRow("edit a string") << with(u"edit"_s, u"x"_s) << u"events[0].edit"_s;
        QTest::newRow("confidence 2") << with(u"confidence"_s, 2) << u"events[0].confidence"_s;
        QTest::newRow("raw_confidence a string") << with(u"raw_confidence"_s, u"x"_s) << u"events[0].raw_confidence"_s;
        QTest::newRow("used_source out of range") << with(u"used_source"_s, 3) << u"events[0].used_source"_s;
        QTest::newRow("id upper-case") << with(u"id"_s, id.toUpper()) << u"events[0].id"_s;
        QTest::newRow("id in braces") << with(u"id"_s, u'{' + id + u'}') << u"events[0].id"_s;
        QTest::newRow("id without hyphens") << with(u"id"_s, QString(id).remove(u'-')) << u"events[0].id"_s;
        QTest::newRow("id a number") << with(u"id"_s, 7) << u"events[0].id"_s;
        QTest::newRow("kind a number") << with(u"kind"_s, 1) << u"events[0].kind"_s;
        QTest::newRow("ticket_id empty") << with(u"ticket_id"_s, u""_s) << u"events[0].ticket_id"_s;
        QTest::newRow("ticket_id with a line feed")
            << with(u"ticket_id"_s, u"T-1\nforged"_s) << u"events[0].ticket_id"_s;
        QTest::newRow("ticket_id with ESC") << with(u"ticket_id"_s, u"T-1\x1b[2J"_s) << u"events[0].ticket_id"_s;
        QTest::newRow("ticket_id 4 MiB") << with(u"ticket_id"_s, QString(4 << 20, u'x')) << u"events[0].ticket_id"_s;
        QTest::newRow("ticket_id 257") << with(u"ticket_id"_s, QString(257, u'x')) << u"events[0].ticket_id"_s;
        QTest::newRow("final_text with NUL")
            << with(u"final_text"_s, u"a"_s + QChar(0) + u"b"_s) << u"events[0].final_text"_s;
        QTest::newRow("final_text with BEL") << with(u"final_text"_s, u"a\x07"_s) << u"events[0].final_text"_s;
        QTest::newRow("final_text 65537") << with(u"final_text"_s, QString(65537, u'x')) << u"events[0].final_text"_s;
        QTest::newRow("reason 2049") << with(u"reason"_s, QString(2049, u'x')) << u"events[0].reason"_s;
        QTest::newRow("draft_id with NUL") << with(u"draft_id"_s, u"d"_s + QChar(0)) << u"events[0].draft_id"_s;
        QTest::newRow("engine 33") << with(u"engine"_s, QString(33, u'1')) << u"events[0].engine"_s;
        QTest::newRow("intent a number") << with(u"intent"_s, 3) << u"events[0].intent"_s;
        QTest::newRow("at before 1970") << with(u"at"_s, u"1900-01-01T00:00:00Z"_s) << u"events[0].at"_s;
        QTest::newRow("at a number") << with(u"at"_s, 5) << u"events[0].at"_s;
        // An unpaired surrogate cannot be built through QJsonDocument; spliced in as JSON text.
        QTest::newRow("reason with a lone surrogate")
            << with(u"reason"_s, u"SURROGATE"_s).replace("SURROGATE", "a\\ud800b") << u"events[0].reason"_s;
        QJsonObject second = goodEvent(uuid());
        second.insert(u"confidence"_s, -1);
        QTest::newRow("second event bad")
            << QJsonDocument(QJsonObject{{u"events"_s, QJsonArray{goodEvent(uuid()), second}}})
                   .toJson(QJsonDocument::Compact)
            << u"events[1].confidence"_s;
    }

    void everyEventFieldIsChecked()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const QStringList before = storedIds();
        const HttpReply r = http("POST", api(u"/events"_s), body, m_ann);
        QVERIFY2(r.status == 400, qPrintable(u"%1: %2"_s.arg(r.status).arg(QString::fromUtf8(r.body.left(300)))));
        QCOMPARE(r.json.value(u"field"_s).toString(), field);
        QVERIFY(r.json.value(u"error"_s).toString().startsWith(field + u": "_s));
        QCOMPARE(storedIds(), before); // nothing of the batch was stored
    }

    void limitsAreInclusive()
    {
        // Values at each limit are taken, with tab and line breaks in free text.
        const QString id = uuid();
        QJsonObject e = goodEvent(id);
        e.insert(u"final_text"_s, QString(65534, u'x') + u"\r\n"_s);
        e.insert(u"ticket_id"_s, QString(256, u'T'));
        e.insert(u"reason"_s, QString(2047, u'r') + u'\t');
        QJsonObject edit{{u"chars"_s, 1e9}, {u"words"_s, 0}, {u"kept"_s, 1}};
        e.insert(u"edit"_s, edit);
        const HttpReply r = http("POST", api(u"/events"_s), batch(e), m_ann);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json.value(u"acknowledged"_s).toArray(), QJsonArray{id});
        QVERIFY(storedIds().contains(id));
    }

    void oneUuidIsOneEvent()
    {
        // The same UUID spelled three ways used to be three events; only the canonical spelling is taken.
        const QString id = uuid();
        QCOMPARE(http("POST", api(u"/events"_s), batch(goodEvent(id)), m_ann).status, 200);
        QCOMPARE(http("POST", api(u"/events"_s), batch(goodEvent(id.toUpper())), m_ann).status, 400);
        QCOMPARE(http("POST", api(u"/events"_s), batch(goodEvent(u'{' + id + u'}')), m_ann).status, 400);
        QCOMPARE(storedIds().count(id), 1);
        QVERIFY(!storedIds().contains(id.toUpper()));
    }

    void otherBodiesAndPaths()
    {
        // NUL anywhere in a body: 400 naming it (SQLite stored it, PostgreSQL answered 500).
        HttpReply r = http("POST", api(u"/tickets/T-1/replies"_s),
                           QJsonObject{{u"idempotency_key"_s, uuid()}, {u"text"_s, u"a"_s + QChar(0)}}, m_ann);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"text"_s);
        r = http("POST", api(u"/tickets/T-1/replies"_s),
                 QJsonObject{{u"idempotency_key"_s, uuid()}, {u"text"_s, u"hi"_s}, {u"event_id"_s, u"X"_s}}, m_ann);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"event_id"_s);
        // An id in the path: one line, bounded.
        r = http("GET", api(u"/tickets/T-1%0Aforged"_s), QByteArray(), m_ann);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"path"_s);
        r = http("POST", api(u"/tickets/T%00/claim"_s), QByteArray("{}"), m_ann);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(u"field"_s).toString(), u"path"_s);
        r = http("GET", api(u"/tickets/"_s + QString(300, u'x')), QByteArray(), m_ann);
        QCOMPARE(r.status, 400);
    }

    void logsHoldNoForgedLinesNorNames()
    {
        // A line feed in the path, and a password typed into the name field.
        const QString secretName = u"hunter2-Secret!"_s;
        QCOMPARE(http("GET", api(u"/tickets/x%0A2026-11-23 forged line"_s), QByteArray(), m_ann).status, 400);
        QCOMPARE(http("GET", api(u"/nothing%0Aforged-404"_s)).status, 404);
        const HttpReply r =
            http("POST", api(u"/session"_s), QJsonObject{{u"name"_s, secretName}, {u"password"_s, u"wrong-pass"_s}});
        QCOMPARE(r.status, 401);
        QCOMPARE(http("POST", api(u"/session"_s),
                      QJsonObject{{u"name"_s, u"ann\nforged"_s}, {u"password"_s, u"wrong-pass"_s}})
                     .status,
                 401);
        m_server.stop(); // flushes the log
        QByteArray log;
        for (const QString &f : QDir(logDir()).entryList({u"*.log*"_s}, QDir::Files))
            log += readFile(QDir(logDir()).filePath(f));
        QVERIFY(!log.isEmpty());
        QVERIFY2(!log.contains(secretName.toUtf8()), log.constData());
        QVERIFY(!log.contains("ann\nforged"));
        for (const QByteArray &line : log.split('\n')) {
            if (line.isEmpty())
                continue;
            QVERIFY2(line.startsWith('['), line.constData()); // every line is a record: "[time] [logger] …"
            QVERIFY2(!line.contains("forged") || line.contains("\\n"), line.constData());
        }
        QVERIFY(log.contains("\\n")); // the line feeds were logged, escaped
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestInput)
#include "tst_server_input.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Schema migrations: every earlier version upgrades to the latest with its rows intact and the same schema as a
// fresh store; newer or foreign files are refused untouched; a failed step changes nothing.
#include "Migrations.h"
#include "Store.h"
#include "StoreTestUtil.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::store;

namespace {

// Rows to put into each table of the schema, as it stood when the table was created. A migration that adds a
// table must add its rows here (the test fails otherwise), so every upgrade path is tested with data.
const QMap<QString, QStringList> &seedRows()
{
    static const QMap<QString, QStringList> rows{
        {u"customers"_s,
         {u"INSERT INTO customers (id, name, email, tier) VALUES ('c-1', 'Ana Lima', 'ana@example.com', 'pro')"_s}},
        {u"tickets"_s,
         {u"INSERT INTO tickets (id, subject, customer_id, status, intent, language, created_at, updated_at, origin) "
          "VALUES ('T-1', 'Printer on fire', 'c-1', 'resolved', 'hardware', 'en', '2026-01-05T10:00:00Z', "
          "'2026-01-05T11:00:00Z', 'seed')"_s,
          u"INSERT INTO tickets (id, subject, customer_id, status, created_at) "
          "VALUES ('T-2', 'Login fails', 'c-1', 'open', '2026-01-06T09:00:00Z')"_s}},
        {u"messages"_s,
         {u"INSERT INTO messages VALUES ('T-1', 0, 'customer', 'My printer is on fire 🔥', '2026-01-05T10:00:00Z')"_s,
          u"INSERT INTO messages VALUES ('T-1', 1, 'agent', 'Use the extinguisher, then unplug it.', "
          "'2026-01-05T11:00:00Z')"_s,
          u"INSERT INTO messages VALUES ('T-2', 0, 'customer', 'I cannot log in', '2026-01-06T09:00:00Z')"_s}},
        {u"articles"_s,
         {u"INSERT INTO articles (id, title, body, url, tags, updated_at, status, origin, content_hash, imported_at) "
          "VALUES ('kb-1', 'Fire safety', '## Extinguishers\nUse a CO2 extinguisher on printers.', "
          "'https://help.example.com/kb-1', '[\"safety\"]', '2026-01-01T00:00:00Z', 'active', 'seed', 'abc', "
          "'2026-01-02T00:00:00Z')"_s}},
        {u"chunks"_s,
         {u"INSERT INTO chunks (id, article_id, seq, title, heading, body) "
          "VALUES (1, 'kb-1', 0, 'Fire safety', 'Extinguishers', 'Use a CO2 extinguisher on printers.')"_s}},
        {u"answers"_s,
         {u"INSERT INTO answers (key, question, reply, intent, ticket_id, origin, created_at) VALUES ('ticket:T-1', "
          "'Printer on fire\nMy printer is on fire', 'Use the extinguisher', 'hardware', 'T-1', 'history', "
          "'2026-01-05T11:00:00Z')"_s}},
        {u"macros"_s,
         {u"INSERT INTO macros (id, title, body, tags) VALUES ('m-1', 'Greeting', 'Hello {{name}}', '[]')"_s}},
        {u"drafts"_s,
         {u"INSERT INTO drafts VALUES ('d-1', 'T-2', '2026-01-06T09:01:00Z', 0.5, '1.0.0', '{\"id\":\"d-1\"}')"_s}},
        {u"feedback_events"_s,
         {u"INSERT INTO feedback_events (id, kind, agent, ticket_id, draft_id, at, payload) VALUES ('e-1', 'shown', "
          "'alice', 'T-2', 'd-1', '2026-01-06T09:01:00Z', '{\"id\":\"e-1\"}')"_s}},
        {u"outbox"_s, {u"INSERT INTO outbox (event_id, created_at) VALUES ('e-1', '2026-01-06T09:01:00Z')"_s}},
        {u"reply_deliveries"_s,
         {u"INSERT INTO reply_deliveries (event_id, ticket_id, text, created_at) "
          "VALUES ('e-1', 'T-2', 'Hello Ana', '2026-01-06T09:02:00Z')"_s}},
        {u"sync_cursors"_s, {u"INSERT INTO sync_cursors VALUES ('tickets', '42')"_s}},
        {u"settings"_s, {u"INSERT INTO settings VALUES ('agent', 'alice')"_s}},
        {u"learned_parts"_s,
         {u"INSERT INTO learned_parts VALUES ('source:article:kb-1', '{\"acted\":1,\"flagged\":1}')"_s}},
        {u"outbox_set_aside"_s,
         {u"INSERT INTO outbox_set_aside VALUES ('e-1', 400, 'events[0].reason: too long', '2026-01-06T09:03:00Z')"_s}},
        {u"held_events"_s,
         {u"INSERT INTO held_events VALUES ('e-2', '{\"id\":\"e-2\",\"kind\":\"flagged\"}', '2026-01-06T09:04:00Z')"_s}},
        {u"helpdesk_integrations"_s,
         {u"INSERT INTO helpdesk_integrations (name, kind, base_url, settings, created_at) "
          "VALUES ('zendesk', 'zendesk', 'https://z.test', '{\"report_tags\":true}', '2026-01-06T09:05:00Z')"_s}},
        {u"helpdesk_tickets"_s, {u"INSERT INTO helpdesk_tickets VALUES ('T-2', 'zendesk', '102')"_s}},
        {u"helpdesk_actions"_s,
         {u"INSERT INTO helpdesk_actions (event_id, action, integration, external_ticket_id, body, created_at) "
          "VALUES ('e-1', 'reply', 'zendesk', '102', 'Hello Ana', '2026-01-06T09:05:00Z')"_s}},
        // Made by a trigger for every ticket; the seed only has to leave them be.
        {u"ticket_queue"_s,
         {u"INSERT INTO ticket_queue (ticket_id) VALUES ('T-2') ON CONFLICT(ticket_id) DO NOTHING"_s}},
    };
    return rows;
}

// Tables that hold rows of their own (not FTS shadow tables, which follow their content table).
QStringList userTables(Database &db)
{
    return test::rows(db, u"SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                          "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'chunks_fts_%' AND name NOT LIKE 'tickets_fts_%' "
                          "ORDER BY name"_s);
}

} // namespace

class TestMigrations : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QList<QStringList> m_schemaAt; // index: version

    QString newPath() { return m_dir.filePath(u"store%1.sqlite"_s.arg(++m_files)); }

    // A database at schema version @p version, made the way an older build made it.
    std::unique_ptr<Database> databaseAt(int version)
    {
        auto db = Database::open(newPath());
        if (!db)
            qFatal("%s", qPrintable(db.error().toString()));
        if (auto s = Migrations::migrate(**db, version); !s)
            qFatal("%s", qPrintable(s.error().toString()));
        return std::move(*db);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(Migrations::latestVersion() >= 1);
        for (int v = 0; v <= Migrations::latestVersion(); ++v) {
            auto db = databaseAt(v);
            QCOMPARE(db->userVersion(), v);
            m_schemaAt << test::schemaOf(*db);
        }
        // Store::open makes exactly the latest schema.
        const QString fresh = newPath();
        auto store = Store::open(fresh);
        QVERIFY2(store, test::why(store));
        QCOMPARE((*store)->db().userVersion(), Migrations::latestVersion());
        QCOMPARE(test::schemaOf((*store)->db()), m_schemaAt.last());
        // Every table of the latest schema has seed rows, so every upgrade below runs with data.
        for (const QString &table : userTables((*store)->db()))
            QVERIFY2(seedRows().contains(table), qPrintable(u"add seed rows for table %1"_s.arg(table)));
    }

    void upgradesFromEveryVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int k = 0; k < Migrations::latestVersion(); ++k)
            QTest::addRow("v%d", k) << k;
    }

    void upgradesFromEveryVersion()
    {
        QFETCH(int, from);
        auto db = databaseAt(from);
        const QString path = db->path();
        QCOMPARE(test::schemaOf(*db), m_schemaAt[from]);

        // Seed every table that exists at this version, in an order foreign keys accept.
        const QStringList tables = userTables(*db);
        const QStringList order{u"customers"_s,        u"tickets"_s,          u"messages"_s,
                                u"articles"_s,         u"chunks"_s,           u"answers"_s,
                                u"macros"_s,           u"drafts"_s,           u"feedback_events"_s,
                                u"outbox"_s,           u"reply_deliveries"_s, u"sync_cursors"_s,
                                u"settings"_s,         u"ticket_queue"_s,     u"learned_parts"_s,
                                u"outbox_set_aside"_s, u"held_events"_s,      u"helpdesk_integrations"_s,
                                u"helpdesk_tickets"_s, u"helpdesk_actions"_s};
        QMap<QString, QStringList> before;
        QMap<QString, QString> columnsBefore; // a later version may add columns: the old ones must keep their values
        for (const QString &table : order) {
            if (!tables.contains(table))
                continue;
            for (const QString &sql : seedRows().value(table)) {
                auto s = db->exec(sql);
                QVERIFY2(s, test::why(s));
            }
            columnsBefore.insert(
                table,
                test::rows(*db, u"SELECT name FROM pragma_table_info('%1') ORDER BY cid"_s.arg(table)).join(u", "_s));
            before.insert(table,
                          test::rows(*db, u"SELECT %1 FROM %2 ORDER BY 1, 2"_s.arg(columnsBefore[table], table)));
            QVERIFY(!before[table].isEmpty());
        }
        for (const QString &table : tables)
            QVERIFY2(order.contains(table), qPrintable(u"no seed order for table %1"_s.arg(table)));
        db.reset();

        auto store = Store::open(path);
        QVERIFY2(store, test::why(store));
        Database &d = (*store)->db();
        QCOMPARE(d.userVersion(), Migrations::latestVersion());
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(test::rows(d, u"SELECT %1 FROM %2 ORDER BY 1, 2"_s.arg(columnsBefore[it.key()], it.key())),
                     it.value());
        QCOMPARE(test::schemaOf(d), m_schemaAt.last());
        QCOMPARE(test::integrity(d), u"ok"_s);

        // The old rows work through the store's API.
        if (from >= 1) {
            auto t = (*store)->ticket(u"T-1"_s);
            QVERIFY2(t, test::why(t));
            QVERIFY(t->has_value());
            QCOMPARE((*t)->customer.name, u"Ana Lima"_s);
            QCOMPARE((*t)->messages.size(), 2);
            QCOMPARE((*t)->messages[0].body, u"My printer is on fire 🔥"_s);
            auto hits = (*store)->searchKnowledge(u"extinguisher"_s);
            QVERIFY2(hits, test::why(hits));
            QCOMPARE(hits->size(), 1);
            QCOMPARE(hits->first().articleId, u"kb-1"_s);
            // The queue's search index and draft columns were filled from the old rows.
            QueueQuery query;
            query.search = u"ana print"_s;
            auto found = (*store)->queuePage(query, 0, 10);
            QVERIFY2(found, test::why(found));
            QCOMPARE(found->size(), 1);
            QCOMPARE(found->first().id, u"T-1"_s);
            if (from >= 3) {
                auto row = (*store)->queueRow(u"T-2"_s);
                QVERIFY2(row, test::why(row));
                QVERIFY(row->has_value() && (*row)->hasDraft);
                QCOMPARE((*row)->confidence, 0.5);
            }
        }
        // v7: sources carry a language. The seed's texts are too short to tell one ("Use a CO2 extinguisher on
        // printers."), so the article and the macro stay unknown; the answer takes its ticket's "en".
        if (from >= 1 && from < 7) {
            QCOMPARE(test::rows(d, u"SELECT language FROM articles"_s), QStringList{QString()});
            if (from >= 2) {
                QCOMPARE(test::rows(d, u"SELECT language FROM macros"_s), QStringList{QString()});
                QCOMPARE(test::rows(d, u"SELECT language FROM answers"_s), QStringList{u"en"_s});
                auto answer = (*store)->answerByKey(u"ticket:T-1"_s);
                QVERIFY2(answer, test::why(answer));
                QVERIFY(answer->has_value());
                QCOMPARE((*answer)->language, u"en"_s);
                QCOMPARE((*answer)->reply, u"Use the extinguisher"_s);
            }
            auto chunk = (*store)->chunk(1);
            QVERIFY2(chunk, test::why(chunk));
            QVERIFY(chunk->has_value());
            QCOMPARE((*chunk)->language, QString());
            QCOMPARE((*chunk)->chunk.body, u"Use a CO2 extinguisher on printers."_s);
        }
        // ...and the new tables take writes.
        QVERIFY((*store)->setSetting(u"migrated"_s, u"yes"_s));
        auto counts = (*store)->counts();
        QVERIFY2(counts, test::why(counts));
        QCOMPARE(counts->tickets, qint64(from >= 1 ? 2 : 0));
        QCOMPARE(counts->answers, qint64(from >= 2 ? 1 : 0));

        // Opening again is a no-op.
        store->reset();
        auto again = Store::open(path);
        QVERIFY2(again, test::why(again));
        QCOMPARE(test::schemaOf((*again)->db()), m_schemaAt.last());
    }

    void v7DetectsLanguagesOfOlderRows()
    {
        // A v6 store with sources in four languages: the upgrade labels each from its text, or from the ticket.
        auto db = databaseAt(6);
        const QString path = db->path();
        for (
            const QString &sql : {
                u"INSERT INTO tickets (id, subject, status, language) VALUES ('T-fr', 'Facture', 'resolved', 'fr')"_s,
                u"INSERT INTO articles (id, title, body) VALUES ('kb-fr', 'Réinitialiser votre mot de passe', "
                "'Pour changer votre mot de passe, ouvrez la page de connexion et cliquez sur le lien. Vous recevez "
                "un e-mail avec un lien qui est valable une heure.')"_s,
                u"INSERT INTO articles (id, title, body) VALUES ('kb-en', 'Reset your password', 'To reset your "
                "password, open the sign-in page and click the link. You will get an email with a link that is "
                "valid for one hour.')"_s,
                u"INSERT INTO macros (id, title, body) VALUES ('m-de', 'Übergabe', 'Hallo {first_name}, ich habe "
                "Ihre Anfrage an das Billing-Team weitergegeben. Sie erhalten eine Antwort mit den Details.')"_s,
                u"INSERT INTO answers (key, question, reply, ticket_id) VALUES ('ticket:T-fr', 'Où est ma facture', "
                "'Hello, your invoice is in Settings.', 'T-fr')"_s,
                u"INSERT INTO answers (key, question, reply) VALUES ('event:1', 'no puedo entrar', 'Hola, para "
                "entrar en tu cuenta, abre la página y pulsa el enlace que te enviamos por correo.')"_s,
                u"INSERT INTO answers (key, question, reply) VALUES ('event:2', 'where is the export of my invoices?', '')"_s,
            }) {
            auto s = db->exec(sql);
            QVERIFY2(s, test::why(s));
        }
        db.reset();
        auto store = Store::open(path);
        QVERIFY2(store, test::why(store));
        Database &d = (*store)->db();
        QCOMPARE(test::rows(d, u"SELECT id, language FROM articles ORDER BY id"_s),
                 (QStringList{u"kb-en|en"_s, u"kb-fr|fr"_s}));
        QCOMPARE(test::rows(d, u"SELECT id, language FROM macros"_s), QStringList{u"m-de|de"_s});
        // The ticket's language wins over the reply's text; without a ticket the reply decides, else the question.
        QCOMPARE(test::rows(d, u"SELECT key, language FROM answers ORDER BY key"_s),
                 (QStringList{u"event:1|es"_s, u"event:2|en"_s, u"ticket:T-fr|fr"_s}));
        auto article = (*store)->article(u"kb-fr"_s);
        QVERIFY2(article, test::why(article));
        QVERIFY(article->has_value());
        QCOMPARE((*article)->language, u"fr"_s);
    }

    void refusesNewerVersionUntouched_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::addRow("wal") << true;
        QTest::addRow("rollback journal") << false;
    }

    void refusesNewerVersionUntouched()
    {
        QFETCH(bool, wal);
        const QString path = newPath();
        {
            Database::Options options;
            options.wal = wal;
            auto db = Database::open(path, options);
            QVERIFY(db);
            QVERIFY(Migrations::migrate(**db));
            QVERIFY((*db)->exec(u"INSERT INTO settings VALUES ('from', 'the future')"_s));
            QVERIFY((*db)->setUserVersion(Migrations::latestVersion() + 1));
        }
        QVERIFY(!QFile::exists(path + u"-wal"_s));
        const QByteArray bytes = test::readFile(path);
        const QDateTime modified = QFileInfo(path).lastModified();

        auto store = Store::open(path);
        QVERIFY(!store);
        QCOMPARE(store.error().code, Error::Code::Invalid);
        QCOMPARE(store.error().file, path);
        QVERIFY2(store.error().message.contains(u"newer than this build"_s), qPrintable(store.error().message));
        QVERIFY2(store.error().message.contains(QString::number(Migrations::latestVersion() + 1)),
                 qPrintable(store.error().message));
        QCOMPARE(test::readFile(path), bytes);
        QCOMPARE(QFileInfo(path).lastModified(), modified);
        QVERIFY(!QFile::exists(path + u"-wal"_s));

        // Migrations refuses it too, whoever calls it.
        auto db = Database::open(path);
        QVERIFY(db);
        auto s = Migrations::migrate(**db);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Invalid);
        QCOMPARE((*db)->userVersion(), Migrations::latestVersion() + 1);
        QVERIFY(!Migrations::migrate(**db, Migrations::latestVersion() + 5));
    }

    void refusesForeignDatabase()
    {
        const QString path = newPath();
        {
            Database::Options options;
            options.wal = false;
            auto db = Database::open(path, options);
            QVERIFY(db);
            QVERIFY((*db)->exec(u"CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT); "
                                "INSERT INTO photos (file) VALUES ('cat.jpg')"_s));
        }
        const QByteArray bytes = test::readFile(path);
        auto store = Store::open(path);
        QVERIFY(!store);
        QCOMPARE(store.error().code, Error::Code::Invalid);
        QVERIFY2(store.error().message.contains(u"not an Understudy store"_s), qPrintable(store.error().message));
        QCOMPARE(test::readFile(path), bytes);
    }

    void failedStepChangesNothing_data()
    {
        QTest::addColumn<int>("from");
        for (int k = 0; k < Migrations::latestVersion(); ++k)
            QTest::addRow("v%d", k) << k;
    }

    void failedStepChangesNothing()
    {
        QFETCH(int, from);
        // Fail the 1st, 2nd, ... statement of the migration until it gets through: every failure must stop at a
        // whole version (each step is one transaction) with exactly that version's schema.
        int failures = 0;
        for (int n = 1;; ++n) {
            QVERIFY2(n < 1000, "the migration never got through");
            auto db = databaseAt(from);
            db->failAfter(n, SQLITE_FULL);
            auto s = Migrations::migrate(*db);
            db->failAfter(0, 0); // a fault the migration did not reach must not hit the checks below
            if (s) {
                QCOMPARE(db->userVersion(), Migrations::latestVersion());
                QCOMPARE(test::schemaOf(*db), m_schemaAt.last());
                break;
            }
            ++failures;
            QCOMPARE(s.error().code, Error::Code::DiskFull);
            QVERIFY(!db->inTransaction());
            const int reached = db->userVersion();
            QVERIFY(reached >= from && reached < Migrations::latestVersion());
            QCOMPARE(test::schemaOf(*db), m_schemaAt[reached]);
            if (n == 1)
                QCOMPARE(reached, from); // the very first step failed: nothing moved at all
            // Retrying without the fault finishes the job.
            QVERIFY(Migrations::migrate(*db));
            QCOMPARE(db->userVersion(), Migrations::latestVersion());
            QCOMPARE(test::schemaOf(*db), m_schemaAt.last());
        }
        QVERIFY(failures >= Migrations::latestVersion() - from);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"

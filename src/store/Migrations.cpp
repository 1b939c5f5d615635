// SPDX-License-Identifier: GPL-3.0-or-later
#include "Migrations.h"

#include <understudy/Text.h>

#include <QLoggingCategory>

#include <iterator>

using namespace Qt::StringLiterals;

namespace understudy::store {

Q_LOGGING_CATEGORY(lcStoreMigrations, "understudy.store.migrations", QtInfoMsg)

namespace {

// v1: the helpdesk content and the knowledge base with its full-text index.
constexpr const char *kV1 = R"sql(
CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    tier TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL DEFAULT '',
    customer_id TEXT REFERENCES customers(id),
    status TEXT NOT NULL DEFAULT 'open',
    intent TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    created_at TEXT,
    updated_at TEXT,
    origin TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tickets_status ON tickets(status, created_at);
CREATE INDEX tickets_customer ON tickets(customer_id);
CREATE TABLE messages (
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    at TEXT,
    PRIMARY KEY (ticket_id, seq)
) WITHOUT ROWID;
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    origin TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    imported_at TEXT
);
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: drafting indexes on disk refer to these ids
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    heading TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    UNIQUE (article_id, seq)
);
CREATE VIRTUAL TABLE chunks_fts USING fts5(
    title, heading, body, content='chunks', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, title, heading, body) VALUES (new.id, new.title, new.heading, new.body);
END;
CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, title, heading, body) VALUES ('delete', old.id, old.title, old.heading, old.body);
END;
CREATE TRIGGER chunks_au AFTER UPDATE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, title, heading, body) VALUES ('delete', old.id, old.title, old.heading, old.body);
    INSERT INTO chunks_fts(rowid, title, heading, body) VALUES (new.id, new.title, new.heading, new.body);
END;
)sql";

// v2: the answer bank (resolved question → sent reply) and macros.
constexpr const char *kV2 = R"sql(
CREATE TABLE answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    question TEXT NOT NULL,
    reply TEXT NOT NULL DEFAULT '',
    intent TEXT NOT NULL DEFAULT '',
    ticket_id TEXT,
    origin TEXT NOT NULL DEFAULT 'history',
    created_at TEXT
);
CREATE INDEX answers_intent ON answers(intent);
CREATE TABLE macros (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]'
);
)sql";

// v3: what the copilot did and what agents did with it; the outbox; sync cursors; settings.
constexpr const char *kV3 = R"sql(
CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    confidence REAL NOT NULL,
    engine TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL
);
CREATE INDEX drafts_ticket ON drafts(ticket_id, created_at);
CREATE TABLE feedback_events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    agent TEXT NOT NULL DEFAULT '',
    ticket_id TEXT NOT NULL,
    draft_id TEXT,
    at TEXT NOT NULL,
    payload TEXT NOT NULL,
    synced_at TEXT
);
CREATE INDEX feedback_ticket ON feedback_events(ticket_id);
-- The correction log is append-only: only synced_at may change, once, and nothing is deleted.
CREATE TRIGGER feedback_no_update BEFORE UPDATE ON feedback_events
WHEN new.seq IS NOT old.seq OR new.id IS NOT old.id OR new.kind IS NOT old.kind OR new.agent IS NOT old.agent
    OR new.ticket_id IS NOT old.ticket_id OR new.draft_id IS NOT old.draft_id OR new.at IS NOT old.at
    OR new.payload IS NOT old.payload OR (old.synced_at IS NOT NULL AND new.synced_at IS NOT old.synced_at)
BEGIN SELECT RAISE(ABORT, 'feedback_events is append-only'); END;
CREATE TRIGGER feedback_no_delete BEFORE DELETE ON feedback_events
BEGIN SELECT RAISE(ABORT, 'feedback_events is append-only'); END;
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE REFERENCES feedback_events(id),
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_cursors (
    stream TEXT PRIMARY KEY,
    cursor TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql";

// v4 (sync): which sent replies the server has taken. A reply is owed for every committed send recorded here
// (an event entering the outbox); events pulled from the server never enter the outbox, so they owe none.
// state: 'pending' until the server answers, then 'delivered', 'conflict' (claimed by another agent: detail
// names them) or 'failed' (refused for good: detail says why).
constexpr const char *kV4 = R"sql(
CREATE TABLE reply_deliveries (
    event_id TEXT PRIMARY KEY REFERENCES feedback_events(id),
    ticket_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    reply_id TEXT,
    detail TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    done_at TEXT
);
CREATE INDEX reply_deliveries_pending ON reply_deliveries(state, created_at);
CREATE TRIGGER outbox_owes_reply AFTER INSERT ON outbox BEGIN
    INSERT OR IGNORE INTO reply_deliveries (event_id, ticket_id, text, created_at)
    SELECT e.id, e.ticket_id, json_extract(e.payload, '$.final_text'), new.created_at FROM feedback_events e
    WHERE e.id = new.event_id AND e.kind IN ('sent_as_is', 'sent_edited')
      AND coalesce(json_extract(e.payload, '$.final_text'), '') <> '';
END;
INSERT OR IGNORE INTO reply_deliveries (event_id, ticket_id, text, created_at)
SELECT e.id, e.ticket_id, json_extract(e.payload, '$.final_text'), o.created_at
FROM outbox o JOIN feedback_events e ON e.id = o.event_id
WHERE e.kind IN ('sent_as_is', 'sent_edited') AND coalesce(json_extract(e.payload, '$.final_text'), '') <> '';
)sql";

// v5: the queue's search, filters and sorts in SQL. ticket_queue has one row per ticket: a stable key (the
// ticket's rowid in tickets_fts, a full-text index over its id, subject and customer name), the latest draft's
// time, confidence, low-confidence and escalation flags (NULL without a draft), and whether an agent escalated
// it. Triggers keep both current whoever writes tickets, customers, drafts or events, in whatever order.
constexpr const char *kV5 = R"sql(
CREATE TABLE ticket_queue (
    key INTEGER PRIMARY KEY,
    ticket_id TEXT NOT NULL UNIQUE,
    draft_at TEXT,
    draft_confidence REAL,
    draft_low INTEGER,
    draft_escalate INTEGER,
    escalated INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE tickets_fts USING fts5(ticket, subject, customer, tokenize='unicode61 remove_diacritics 2');
INSERT INTO ticket_queue (ticket_id) SELECT id FROM tickets ORDER BY rowid;
UPDATE ticket_queue SET (draft_at, draft_confidence, draft_low, draft_escalate) = (
    SELECT d.created_at, d.confidence, json_extract(d.payload, '$.low_confidence'),
           json_extract(d.payload, '$.escalation.escalate')
    FROM drafts d WHERE d.ticket_id = ticket_queue.ticket_id ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1)
WHERE ticket_id IN (SELECT ticket_id FROM drafts);
UPDATE ticket_queue SET escalated = 1
WHERE ticket_id IN (SELECT ticket_id FROM feedback_events WHERE kind = 'escalated');
INSERT INTO tickets_fts (rowid, ticket, subject, customer)
SELECT q.key, t.id, t.subject, coalesce(c.name, '') FROM ticket_queue q JOIN tickets t ON t.id = q.ticket_id
LEFT JOIN customers c ON c.id = t.customer_id;
-- The queue's orders that need no other table, as Store::queuePage writes them, so a page is an index walk.
CREATE INDEX tickets_queue_order ON tickets(CASE WHEN status IN ('open', 'pending') THEN 0 ELSE 1 END, created_at, id);
CREATE INDEX tickets_subject_order ON tickets(subject COLLATE NOCASE, created_at, id);
CREATE INDEX tickets_waiting_order ON tickets(coalesce(updated_at, created_at, ''), created_at, id);

CREATE TRIGGER tickets_queue_ai AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_queue (ticket_id) VALUES (new.id) ON CONFLICT(ticket_id) DO NOTHING;
    UPDATE ticket_queue SET (draft_at, draft_confidence, draft_low, draft_escalate) = (
        SELECT d.created_at, d.confidence, json_extract(d.payload, '$.low_confidence'),
               json_extract(d.payload, '$.escalation.escalate')
        FROM drafts d WHERE d.ticket_id = new.id ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1),
        escalated = EXISTS (SELECT 1 FROM feedback_events e WHERE e.ticket_id = new.id AND e.kind = 'escalated')
    WHERE ticket_id = new.id;
    INSERT INTO tickets_fts (rowid, ticket, subject, customer)
    SELECT q.key, new.id, new.subject, coalesce((SELECT c.name FROM customers c WHERE c.id = new.customer_id), '')
    FROM ticket_queue q WHERE q.ticket_id = new.id;
END;
CREATE TRIGGER tickets_queue_au AFTER UPDATE OF id, subject, customer_id ON tickets
WHEN new.id IS NOT old.id OR new.subject IS NOT old.subject OR new.customer_id IS NOT old.customer_id BEGIN
    UPDATE ticket_queue SET ticket_id = new.id WHERE ticket_id = old.id;
    UPDATE tickets_fts SET ticket = new.id, subject = new.subject,
        customer = coalesce((SELECT c.name FROM customers c WHERE c.id = new.customer_id), '')
    WHERE rowid = (SELECT key FROM ticket_queue WHERE ticket_id = new.id);
END;
CREATE TRIGGER tickets_queue_ad AFTER DELETE ON tickets BEGIN
    DELETE FROM tickets_fts WHERE rowid = (SELECT key FROM ticket_queue WHERE ticket_id = old.id);
    DELETE FROM ticket_queue WHERE ticket_id = old.id;
END;
CREATE TRIGGER customers_queue_ai AFTER INSERT ON customers BEGIN
    UPDATE tickets_fts SET customer = new.name WHERE rowid IN (
        SELECT q.key FROM tickets t JOIN ticket_queue q ON q.ticket_id = t.id WHERE t.customer_id = new.id);
END;
CREATE TRIGGER customers_queue_au AFTER UPDATE OF name ON customers WHEN new.name IS NOT old.name BEGIN
    UPDATE tickets_fts SET customer = new.name WHERE rowid IN (
        SELECT q.key FROM tickets t JOIN ticket_queue q ON q.ticket_id = t.id WHERE t.customer_id = new.id);
END;
CREATE TRIGGER drafts_queue_ai AFTER INSERT ON drafts BEGIN
    UPDATE ticket_queue SET (draft_at, draft_confidence, draft_low, draft_escalate) = (
        SELECT d.created_at, d.confidence, json_extract(d.payload, '$.low_confidence'),
               json_extract(d.payload, '$.escalation.escalate')
        FROM drafts d WHERE d.ticket_id = new.ticket_id ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1)
    WHERE ticket_id = new.ticket_id;
END;
CREATE TRIGGER drafts_queue_ad AFTER DELETE ON drafts BEGIN
    UPDATE ticket_queue SET (draft_at, draft_confidence, draft_low, draft_escalate) = (
        SELECT d.created_at, d.confidence, json_extract(d.payload, '$.low_confidence'),
               json_extract(d.payload, '$.escalation.escalate')
        FROM drafts d WHERE d.ticket_id = old.ticket_id ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1)
    WHERE ticket_id = old.ticket_id;
END;
CREATE TRIGGER feedback_queue_ai AFTER INSERT ON feedback_events WHEN new.kind = 'escalated' BEGIN
    UPDATE ticket_queue SET escalated = 1 WHERE ticket_id = new.ticket_id;
END;
)sql";

// The team's learned state as the server last sent it (LearnedState parts: one record per source, one for the
// calibration), replaced record by record as the changes feed brings newer ones.
constexpr const char *kV6 = R"sql(
CREATE TABLE learned_parts (
    key TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// v7: the language of every source (ISO 639-1, '' when unknown), so drafting can prefer sources in the ticket's
// language. Articles and macros from older imports stay unknown until imported again; an answer takes its
// ticket's language where the ticket has one (later writes detect it from the reply when the ticket has none).
constexpr const char *kV7 = R"sql(
ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE macros ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE answers ADD COLUMN language TEXT NOT NULL DEFAULT '';
UPDATE answers SET language = (SELECT t.language FROM tickets t WHERE t.id = answers.ticket_id)
WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.id = answers.ticket_id AND t.language != '');
)sql";

// v8: events the server refused for good (a 400 or 413 names them): out of the outbox, so they no longer block
// the events behind them, and kept here with the server's answer for the agent to see. The event itself stays
// in the correction log.
constexpr const char *kV8 = R"sql(
CREATE TABLE outbox_set_aside (
    event_id TEXT PRIMARY KEY REFERENCES feedback_events(id),
    status INTEGER NOT NULL,
    detail TEXT NOT NULL,
    set_aside_at TEXT NOT NULL
);
)sql";

// v9: events kept aside before they enter the log, while the agent may still add to them (a flag's reason, chosen
// after the one-click flag). Store::recordHeldEvent() moves one into the log; a client that stopped meanwhile
// records what it left here at its next start (Store::recordHeldEvents()), so nothing is lost.
constexpr const char *kV9 = R"sql(
CREATE TABLE held_events (
    id TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    held_at TEXT NOT NULL
);
)sql";

// v10: the queue's orders by status, confidence and escalation are index walks too (a first page at 100k
// tickets without sorting the whole table). ticket_queue keeps a copy of the ticket's created_at for the tie-break,
// kept current by triggers like its other columns; each order has one index per direction (ties stay oldest first
// either way). The customer and tier orders are left as they were: copying the customer's name and tier into every
// ticket's row made an import that changes a customer's tier rewrite all of that customer's tickets.
constexpr const char *kV10 = R"sql(
ALTER TABLE ticket_queue ADD COLUMN sort_created TEXT;
UPDATE ticket_queue SET sort_created = (SELECT t.created_at FROM tickets t WHERE t.id = ticket_queue.ticket_id);
-- A ticket's row may not exist yet when this fires (tickets_queue_ai makes it): make it here too.
CREATE TRIGGER tickets_sort_ai AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_queue (ticket_id) VALUES (new.id) ON CONFLICT(ticket_id) DO NOTHING;
    UPDATE ticket_queue SET sort_created = new.created_at WHERE ticket_id = new.id;
END;
CREATE TRIGGER tickets_sort_au AFTER UPDATE OF id, created_at ON tickets
WHEN new.id IS NOT old.id OR new.created_at IS NOT old.created_at BEGIN
    UPDATE ticket_queue SET sort_created = new.created_at
    WHERE ticket_id IN (new.id, old.id); -- whichever tickets_queue_au has left it under
END;
CREATE INDEX tickets_status_order ON tickets(CASE status WHEN 'open' THEN 0 WHEN 'pending' THEN 1
    WHEN 'resolved' THEN 2 WHEN 'closed' THEN 3 ELSE 4 END, created_at, id);
CREATE INDEX tickets_status_order_desc ON tickets(CASE status WHEN 'open' THEN 0 WHEN 'pending' THEN 1
    WHEN 'resolved' THEN 2 WHEN 'closed' THEN 3 ELSE 4 END DESC, created_at, id);
CREATE INDEX queue_confidence_order ON ticket_queue(coalesce(draft_confidence, -1), sort_created, ticket_id);
CREATE INDEX queue_confidence_order_desc ON ticket_queue(coalesce(draft_confidence, -1) DESC, sort_created, ticket_id);
CREATE INDEX queue_escalation_order
    ON ticket_queue((coalesce(draft_escalate, 0) != 0 OR escalated != 0), sort_created, ticket_id);
CREATE INDEX queue_escalation_order_desc
    ON ticket_queue((coalesce(draft_escalate, 0) != 0 OR escalated != 0) DESC, sort_created, ticket_id);
)sql";

// v11 (issue 17, the standalone helpdesk path: `understudyctl helpdesk add|pull|push`, DeliveryOutbox.h). An
// integration's settings without its secret (that is in the keyring) and its pull cursors; which local tickets came
// from which helpdesk ticket; and what the agent's events owe that helpdesk: the reply of a send ('reply', body = the
// text), the report-back tag of a send, reject or escalation ('tag', body = the tag; unless the integration's
// settings say report_tags false) and an escalation's hand-off ('escalate', body = the event's reason, which names
// the rules). state: 'queued' (next_attempt_at says when it is due; last_error why the latest try failed), 'done'
// (external_id: the helpdesk's id of the reply) or 'failed' (for good; last_error is the helpdesk's reason). A reply's
// outcome is also written to reply_deliveries, the send's delivery state the client already keeps.
constexpr const char *kV11 = R"sql(
CREATE TABLE helpdesk_integrations (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    base_url TEXT NOT NULL,
    user_name TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '{}',
    ticket_cursor TEXT NOT NULL DEFAULT '',
    article_cursor TEXT NOT NULL DEFAULT '',
    last_pull_at TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE helpdesk_tickets (
    ticket_id TEXT PRIMARY KEY,
    integration TEXT NOT NULL,
    external_id TEXT NOT NULL
);
CREATE TABLE helpdesk_actions (
    event_id TEXT NOT NULL REFERENCES feedback_events(id),
    action TEXT NOT NULL,
    integration TEXT NOT NULL,
    external_ticket_id TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL DEFAULT '',
    done_at TEXT,
    PRIMARY KEY (event_id, action)
) WITHOUT ROWID;
CREATE INDEX helpdesk_actions_due ON helpdesk_actions(state, next_attempt_at);
CREATE TRIGGER outbox_owes_helpdesk AFTER INSERT ON outbox BEGIN
    INSERT OR IGNORE INTO helpdesk_actions (event_id, action, integration, external_ticket_id, body, created_at)
    SELECT e.id, 'reply', h.integration, h.external_id, json_extract(e.payload, '$.final_text'), new.created_at
    FROM feedback_events e JOIN helpdesk_tickets h ON h.ticket_id = e.ticket_id
    WHERE e.id = new.event_id AND e.kind IN ('sent_as_is', 'sent_edited')
      AND coalesce(json_extract(e.payload, '$.final_text'), '') <> '';
    INSERT OR IGNORE INTO helpdesk_actions (event_id, action, integration, external_ticket_id, body, created_at)
    SELECT e.id, 'tag', h.integration, h.external_id,
           CASE e.kind WHEN 'sent_as_is' THEN 'understudy_sent_as_is' WHEN 'sent_edited' THEN 'understudy_edited'
                       WHEN 'rejected' THEN 'understudy_rejected' ELSE 'understudy_escalated' END,
           new.created_at
    FROM feedback_events e JOIN helpdesk_tickets h ON h.ticket_id = e.ticket_id
    JOIN helpdesk_integrations i ON i.name = h.integration
    WHERE e.id = new.event_id AND e.kind IN ('sent_as_is', 'sent_edited', 'rejected', 'escalated')
      AND coalesce(json_extract(i.settings, '$.report_tags'), 1) <> 0;
    INSERT OR IGNORE INTO helpdesk_actions (event_id, action, integration, external_ticket_id, body, created_at)
    SELECT e.id, 'escalate', h.integration, h.external_id, coalesce(json_extract(e.payload, '$.reason'), ''),
           new.created_at
    FROM feedback_events e JOIN helpdesk_tickets h ON h.ticket_id = e.ticket_id
    WHERE e.id = new.event_id AND e.kind = 'escalated';
END;
)sql";

constexpr const char *kSteps[] = {kV1, kV2, kV3, kV4, kV5, kV6, kV7, kV8, kV9, kV10, kV11};
constexpr int kStepCount = int(std::size(kSteps));

/// v7's second half, which SQL cannot do: detects the language of the rows still unknown (detectLanguage(), the
/// function the importers use, so a re-import finds them unchanged). In batches by rowid, so a store with a
/// million answers is never read into memory at once.
Status detectLanguages(Database &db, const QString &table, const QString &textSql)
{
    auto read = db.prepareOwned(
        u"SELECT rowid, %1 FROM %2 WHERE language = '' AND rowid > ?1 ORDER BY rowid LIMIT 2000"_s.arg(textSql, table));
    if (!read)
        return read.error();
    auto write = db.prepareOwned(u"UPDATE %1 SET language = ?2 WHERE rowid = ?1"_s.arg(table));
    if (!write)
        return write.error();
    qint64 last = 0;
    for (;;) {
        QList<std::pair<qint64, QString>> found;
        qsizetype rows = 0;
        (*read)->bind(1, last);
        US_TRY((*read)->forEachRow([&](Statement &s) {
            ++rows;
            last = s.int64(0);
            if (QString language = detectLanguage(s.text(1)); !language.isEmpty())
                found.append({last, language});
        }));
        for (const auto &[rowid, language] : found)
            US_TRY((*write)->bind(1, rowid).bind(2, language).exec());
        if (rows < 2000)
            return ok();
    }
}

Status afterV7(Database &db)
{
    US_TRY(detectLanguages(db, u"articles"_s, u"title || char(10) || body"_s));
    US_TRY(detectLanguages(db, u"macros"_s, u"title || char(10) || body"_s));
    return detectLanguages(db, u"answers"_s, u"CASE WHEN reply != '' THEN reply ELSE question END"_s);
}

/// What a step does after its SQL, in the same transaction (none for most).
Status (*const kAfterStep[])(Database &) = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                            afterV7, nullptr, nullptr, nullptr, nullptr};
static_assert(std::size(kAfterStep) == std::size(kSteps));

} // namespace

int Migrations::latestVersion()
{
    return kStepCount;
}

Status Migrations::migrate(Database &db, int target)
{
    if (target < 0)
        target = kStepCount;
    if (target > kStepCount)
        return Error::make(
            Error::Code::Invalid,
            u"cannot migrate to schema version %1: this build knows up to %2"_s.arg(target).arg(kStepCount));
    const int current = db.userVersion();
    if (current < 0)
        return Error::make(Error::Code::Io, u"cannot read the schema version of %1"_s.arg(db.path()));
    if (current > kStepCount)
        return Error::make(
            Error::Code::Invalid,
            u"%1 has schema version %2, newer than this build understands (%3); use a newer Understudy"_s.arg(db.path())
                .arg(current)
                .arg(kStepCount));
    for (int v = current; v < target; ++v) {
        auto tx = db.transaction("migrate");
        if (!tx.status())
            return tx.status();
        if (auto s = db.exec(QString::fromUtf8(kSteps[v])); !s)
            return s;
        if (kAfterStep[v])
            if (auto s = kAfterStep[v](db); !s)
                return s;
        if (auto s = db.setUserVersion(v + 1); !s)
            return s;
        if (auto s = tx.commit(); !s)
            return s;
        qCInfo(lcStoreMigrations) << "migrated" << db.path() << "to schema version" << v + 1;
    }
    return ok();
}

} // namespace understudy::store

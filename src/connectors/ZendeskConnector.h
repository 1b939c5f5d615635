// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Helpdesk.h"

namespace understudy::connectors {

/**
 * @brief Zendesk (Support API v2 and Help Center API), built from Zendesk's public API documentation and tested
 * against a local double of it (tests/support/HelpdeskDouble), not against Zendesk itself.
 *
 * Config: baseUrl "https://{subdomain}.zendesk.com", user = the agent's email, secret = an API token (basic auth
 * "{email}/token:{token}"). Endpoints:
 * - tickets: GET /api/v2/incremental/tickets/cursor.json?start_time=0 (first pull) or ?cursor={after_cursor},
 *   with per_page and include=users,organizations; end_of_stream false means another page is ready. Deleted
 *   tickets (status "deleted") come back as HelpdeskTicket::deleted.
 * - per ticket: GET /api/v2/tickets/{id}/comments.json (cursor pagination, page[size]=100); a 404 there (deleted
 *   meanwhile) or an unreadable answer is an ItemError for that ticket only. fetchTicket: GET /api/v2/tickets/{id}.json
 *   ?include=users,organizations, then its comments.
 * - the requester, their locale and organisation come from the sideloads; the tier from the organisation's
 *   organization_fields.tier, else a tag "free"/"pro"/"enterprise".
 * - articles: GET /api/v2/help_center/incremental/articles.json?start_time={t} (time-based; next_page, end_time),
 *   then GET /api/v2/help_center/articles/{id}/translations.json for every locale. Article ids are
 *   "{prefix}kb-{id}" in the source locale and "{prefix}kb-{id}-{locale}" for translations.
 * - replies and notes: PUT /api/v2/tickets/{id}.json {"ticket":{"comment":{"body","public"},"metadata":
 *   {"understudy_key":KEY},"status"?}}: the key lands in the audit's custom metadata, invisible to the customer.
 *   findReply reads GET /api/v2/tickets/{id}/audits.json (cursor pagination): the audit whose
 *   metadata.custom.understudy_key is the key, else a Comment event by the integration's user (GET
 *   /api/v2/users/me.json) with the same text and visibility inside the time window.
 * - status: PUT /api/v2/tickets/{id}.json {"ticket":{"status"}} (open→open, pending→pending, resolved and closed →
 *   solved, since Zendesk closes solved tickets itself; "new" and "hold" pass through); tags: PUT
 *   /api/v2/tickets/{id}/tags.json (adds to the ticket's tags); checkAccess: GET /api/v2/users/me.json.
 *
 * Cursors: tickets "zendesk:c:{after_cursor}" (Zendesk's own cursor, so a restart resumes exactly where the last
 * stored page ended); articles "zendesk:a:{start_time}:{ids seen at that second}" (the time-based export repeats
 * items changed in the second it resumes from; those already taken are skipped, not imported again).
 */
class ZendeskConnector : public HelpdeskConnector {
public:
    explicit ZendeskConnector(HelpdeskConfig config);

    UNDERSTUDY_HELPDESK_CONNECTOR("zendesk", "Zendesk")

    /// @brief The Zendesk status for a domain status: open, pending, solved (for resolved and closed); other values
    /// pass through lowercased (Zendesk refuses what it does not know).
    static QString zendeskStatus(const QString &domainStatus);
    /// @brief The domain status of a Zendesk status: new/open → open, pending/hold → pending, solved → resolved,
    /// closed → closed.
    static QString domainStatus(const QString &zendeskStatus);

private:
    HttpRequest request(QByteArray method, QString pathAndQuery, QString purpose) const;
    QString prefix() const;
};

} // namespace understudy::connectors

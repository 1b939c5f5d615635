// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Helpdesk.h"

namespace understudy::connectors {

/**
 * @brief Freshdesk (API v2), built from Freshdesk's public API documentation and tested against a local double of it
 * (tests/support/HelpdeskDouble), not against Freshdesk itself.
 *
 * Config: baseUrl "https://{domain}.freshdesk.com", secret = the API key (basic auth "{key}:X"). Endpoints:
 * - tickets: GET /api/v2/tickets?updated_since={t}&order_by=updated_at&order_type=asc&per_page={n}&page={p}
 *   &include=requester,description. The cursor moves updated_since forward instead of walking pages (Freshdesk
 *   stops list pages at 300); tickets already taken at exactly that second are skipped, not imported again. A
 *   Link rel="next" header means another page is ready. Deleted tickets are not listed by Freshdesk; one deleted
 *   between the list and the read of its conversations (404) is an ItemError.
 * - per ticket: GET /api/v2/tickets/{id}/conversations?per_page=100&page={p} (Link pagination) and, once per call
 *   and company, GET /api/v2/companies/{id} (name; tier from custom_fields.tier, else account_tier: basic → free,
 *   premium → pro, enterprise → enterprise). fetchTicket: GET /api/v2/tickets/{id}?include=requester first.
 * - articles: GET /api/v2/settings/helpdesk (primary and supported languages), GET /api/v2/solutions/categories,
 *   GET /api/v2/solutions/categories/{id}/folders, GET /api/v2/solutions/folders/{id}/articles[/{language}]
 *   (page/per_page). Freshdesk has no "changed since" for solutions, so each pull walks them all and keeps those
 *   changed after the cursor; pageSize is not used and `more` is always false. Ids "{prefix}kb-{id}" in the
 *   primary language, "{prefix}kb-{id}-{language}" otherwise; status 1 (draft) → deprecated.
 * - replies: POST /api/v2/tickets/{id}/reply {"body"}; notes: POST /api/v2/tickets/{id}/notes {"body","private":
 *   true}. Freshdesk keeps no hidden field on a conversation, so a public reply carries no marker (the customer
 *   would see it): findReply matches it by the integration's agent (GET /api/v2/agents/me) + the same text +
 *   the time window over GET /api/v2/tickets/{id}/conversations. A note carries the marker line
 *   (idempotencyMarker) and is found by it. statusAfter is a PUT after the post.
 * - status: PUT /api/v2/tickets/{id} {"status"} (open 2, pending 3, resolved 4, closed 5); tags: GET the ticket,
 *   then PUT {"tags"} with the union (Freshdesk's PUT replaces the list; a tag added by someone else between the two
 *   requests is lost); checkAccess: GET /api/v2/agents/me.
 *
 * Rate limits: Freshdesk answers 429 with Retry-After (and X-Ratelimit-* headers); the executor waits it out.
 */
class FreshdeskConnector : public HelpdeskConnector {
public:
    explicit FreshdeskConnector(HelpdeskConfig config);

    UNDERSTUDY_HELPDESK_CONNECTOR("freshdesk", "Freshdesk")

    /// @brief Freshdesk's status number for a domain status (open 2, pending 3, resolved 4, closed 5; a number
    /// passes through), 0 when unknown.
    static int freshdeskStatus(const QString &domainStatus);
    /// @brief The domain status of a Freshdesk status number (2 open, 3 pending, 4 resolved, 5 closed; custom
    /// statuses above 5 are waiting states → pending).
    static QString domainStatus(int freshdeskStatus);
};

} // namespace understudy::connectors

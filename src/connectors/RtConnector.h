// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Helpdesk.h"

namespace understudy::connectors {

/// @brief Request Tracker 5 through its REST2 API (`<base>/REST/2.0/`), checked against Debian 12's RT 5.0.3.
///
/// Endpoints: `GET /tickets?query=<TicketSQL>&orderby=LastUpdated&orderby=id` (search),
/// `GET /ticket/N`, `GET /ticket/N/history?fields=Type,Creator,Created,CustomFields`,
/// `GET /ticket/N/attachments?fields=TransactionId,ContentType,Content,Filename` (every body of a ticket in one
/// listing; the `Parent` field makes RT 5.0.3 answer 500, so it is not asked for), `GET /user/NAME`,
/// `POST /ticket/N/correspond` (public reply), `POST /ticket/N/comment` (internal note), `PUT /ticket/N`
/// (status, custom fields).
///
/// Mapping:
/// - **Auth**: HelpdeskConfig::user empty → `Authorization: token <secret>` (an RT auth token); else basic auth.
/// - **Cursor**: `"<LastUpdated as ISO UTC>|<ticket id>"`. A page is the tickets with (LastUpdated, id) after the
///   cursor in that order; the next cursor is the last ticket's pair, so no ticket is skipped when several share a
///   second. Once caught up the cursor keeps the second but not the id, so a ticket updated again within the
///   second it was read in comes again (duplicates are harmless; a skip would not be). RT compares TicketSQL dates
///   in the user's time zone: set HelpdeskConfig::timezone when that is not UTC. RT's search never lists deleted
///   tickets, so a deletion shows only through fetchTicket() (NotFound, "deleted in RT").
/// - **Messages**: the history's Create, Correspond and Comment transactions with their text/plain body (text/html
///   converted; attachments with a file name and other types are left out, bodies capped at 200,000 characters).
///   Create is the customer's; Correspond by one of the requestors is the customer's, by anyone else an agent's;
///   Comment is an internal note.
/// - **Requester**: the first Requestor; name, email, organisation and language (RT's Lang) from its user record.
///   RT has no customer tier: Customer::tier stays empty.
/// - **Status**: new/open → open, stalled → pending, resolved → resolved, rejected → closed, deleted → closed
///   (+ deleted); setStatus maps open → open, pending → stalled, resolved/closed → resolved.
/// - **Tags**: RT has no tags. They live in a multi-value freeform ticket custom field, HelpdeskConfig::tagsField
///   ("Understudy Tags"), applied to the queues; addTags reads the ticket and writes the union. Without that field
///   on the ticket, addTags fails with a Config error saying how to create it.
/// - **Idempotency marker**: a single-value transaction custom field, HelpdeskConfig::markerField ("Understudy
///   Key"), set in the same REST2 call as the reply (`TxnCustomFields`). RT keeps it in the transaction and shows
///   it to agents only; the customer's mail is unchanged. If RT did not keep it (the field is missing), the reply
///   is posted and PostedReply::warning says so; findReply then matches by author + exact text + time window.
/// - **Knowledge base**: RT's Articles have no locale and are rarely a help centre; pullArticles() fails with
///   Unsupported.
class RtConnector : public HelpdeskConnector {
public:
    explicit RtConnector(HelpdeskConfig config);

    UNDERSTUDY_HELPDESK_CONNECTOR("rt", "Request Tracker")

    /// @brief The TicketSQL of a pull from @p since (for tests and logs).
    QString pullQuery(const HelpdeskCursor &since) const;
    /// @brief RT's status for a domain status, or empty when there is none.
    static QString rtStatus(const QString &domainStatus);
    /// @brief The domain status for RT's.
    static QString domainStatus(const QString &rtStatus);

    /// @brief A request to `/REST/2.0` + @p path with the integration's auth.
    HttpRequest request(const QByteArray &method, const QString &path, const QString &purpose) const;
    /// @brief The ticket's domain id: HelpdeskConfig::idPrefix (default "rt-") + @p externalId.
    QString domainId(const QString &externalId) const;
};

} // namespace understudy::connectors

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Helpdesk.h>

#include <QJsonObject>
#include <QString>

namespace understudy::sync {
class HelpdeskExecutor;
}

namespace understudy::test {

/// @brief One raw request as a call, for setting a helpdesk up the way a person or a mail gateway would.
class RawCall : public connectors::HelpdeskCall<connectors::HttpResponse> {
public:
    explicit RawCall(connectors::HttpRequest r) : m_request(std::move(r)) {}
    std::optional<connectors::HttpRequest> nextRequest() override;
    connectors::HelpdeskStatus handleResponse(const connectors::HttpResponse &r) override;
    connectors::HttpResponse take() override { return m_response; }

private:
    connectors::HttpRequest m_request;
    connectors::HttpResponse m_response;
    bool m_sent = false;
};

/// @brief The real RT 5 the ctest fixture rt5 started (tests/support/rt5-fixture.sh), as its state folder
/// (UNDERSTUDY_RT_STATE) describes it.
struct Rt5Instance {
    QString state;       ///< the fixture's state folder
    QString unavailable; ///< why there is no RT here (not installed); the tests skip with it
    QString url;
    QString password; ///< root's
    QString token;    ///< root's REST2 auth token

    /// @brief Reads UNDERSTUDY_RT_STATE; an empty url (and no unavailable) means the fixture failed.
    static Rt5Instance fromEnvironment();
    /// @brief Why the tests cannot use this RT although it should be there (no state folder, the fixture failed);
    /// empty when it is ready (or unavailable, which the tests skip for).
    QString problem() const;
    /// @brief One REST2 request as root (path below /REST/2.0); an empty response when it got none.
    connectors::HttpResponse rest(sync::HelpdeskExecutor &executor, const QByteArray &method, const QString &path,
                                  const QJsonObject &body = {}) const;
    /// @brief Creates a ticket in queue General; its id, or empty.
    QString createTicket(sync::HelpdeskExecutor &executor, const QString &subject, const QString &requestor,
                         const QString &content) const;
    /// @brief `rt5-fixture.sh seed`: @p count tickets with history (created, answered, noted) in a new queue
    /// @p queue; false with the script's output in @p error.
    bool seed(int count, const QString &queue, QString *error) const;
};

} // namespace understudy::test

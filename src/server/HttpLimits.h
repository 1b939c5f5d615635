// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QtGlobal>

class QCommandLineParser;

namespace understudy::server {

/// @brief What one connection may cost the server (docs/protocol.md, "Limits of a connection"). Enforced by
/// ConnectionGuard before QtHttpServer reads a byte of the request, so nothing over a limit is ever buffered.
struct HttpLimits {
    qint64 maxBodyBytes = 8 * 1024 * 1024; ///< a larger declared Content-Length is refused at once (413)
    int maxHeaderBytes = 32 * 1024;        ///< request line and headers together (431)
    int maxHeaders = 100;                  ///< header lines (431)
    int maxUrlBytes = 8 * 1024;            ///< the request target as sent (414)
    int headerTimeoutMs = 10'000;          ///< from a request's first byte to the end of its headers (408)
    int bodyTimeoutMs = 60'000;            ///< from the end of the headers to the end of the body (408)
    int idleTimeoutMs = 60'000;            ///< a connection with no request under way is closed after this
    int maxConnectionsPerAddress = 256;    ///< open connections from one peer address (429)
    int maxConnections = 0;                ///< all open connections (503); 0: what the descriptor limit allows

    /// @brief Adds the --max-header-bytes, --max-headers, --max-url-bytes, --header-timeout, --body-timeout,
    /// --idle-timeout, --max-connections-per-address and --max-connections options to @p parser.
    static void addOptions(QCommandLineParser &parser);
    /// @brief The limits @p parser was given (after process()); @p maxBodyBytes is --max-body-bytes.
    static Result<HttpLimits> fromOptions(const QCommandLineParser &parser, qint64 maxBodyBytes);
};

} // namespace understudy::server

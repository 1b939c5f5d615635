// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace understudy::cli {

/// @brief `understudyctl --db FILE helpdesk add|list|remove|pull|push|retry ...`: one agent's helpdesk without a
/// server (issue 17). The integration's settings go to the local store (store::DeliveryOutbox), its secret to the
/// desktop keyring; `pull` brings the helpdesk's tickets and articles into the store, `push` delivers what the
/// agent's events owe it (replies, report-back tags, hand-offs) exactly once: every reply is looked up in the
/// ticket's history by its idempotency key before it is posted. @p db is the store's path, @p args the subcommand's
/// arguments (program name first). Returns the exit code.
int runHelpdeskCommand(const QString &db, const QStringList &args);

} // namespace understudy::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace understudy::app {

class MainWindow;
class SyncController;

/// @brief Wires sync into the main window without the window knowing about it: "Sign in…"/"Sign out" in the
/// File menu (objectNames signInAction, signOutAction), the status bar's mode, outbox and last-sync labels,
/// messages and claim conflicts in the message bar, and a push soon after each recorded action.
/// With no server configured the window stays in standalone mode as before.
void installSync(MainWindow *window, SyncController *sync);

} // namespace understudy::app

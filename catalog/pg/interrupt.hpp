#pragma once
// A user's request to stop (Ctrl-C, SIGTERM), set from a signal handler and
// read wherever reconcile waits on a server: a statement in flight is
// cancelled on the server (PQcancel), not just abandoned by the client, so
// it stops holding its locks.
namespace reconcile::catalog {

// Async-signal-safe.
void request_interrupt() noexcept;
bool interrupt_requested() noexcept;
// For tests that run several commands in one process.
void clear_interrupt() noexcept;

}  // namespace reconcile::catalog

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

// While one exists on a thread, its statements are not cancelled on an
// interrupt: the ROLLBACK and clean-up that follow a cancelled step must
// run. (A second Ctrl-C still exits at once.)
class InterruptShield {
public:
    InterruptShield() noexcept;
    ~InterruptShield();
    InterruptShield(const InterruptShield&) = delete;
    InterruptShield& operator=(const InterruptShield&) = delete;
};
bool interrupt_shielded() noexcept;

}  // namespace reconcile::catalog

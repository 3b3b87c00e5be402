#include "catalog/pg/interrupt.hpp"

#include <atomic>

namespace reconcile::catalog {

namespace {

// Lock-free, so a signal handler may set it.
std::atomic<bool> requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

}  // namespace

void request_interrupt() noexcept {
    requested.store(true);
}

bool interrupt_requested() noexcept {
    return requested.load();
}

void clear_interrupt() noexcept {
    requested.store(false);
}

namespace {
thread_local int shields = 0;
}  // namespace

InterruptShield::InterruptShield() noexcept {
    ++shields;
}

InterruptShield::~InterruptShield() {
    --shields;
}

bool interrupt_shielded() noexcept {
    return shields > 0;
}

}  // namespace reconcile::catalog

#pragma once
// SIGINT and SIGTERM: the first asks reconcile to stop (the statement in
// flight is cancelled on the server, the transaction rolled back, and the
// command reports what stays committed: catalog/pg/interrupt.hpp); a second
// one exits at once.
namespace reconcile::cli {

void install_interrupt_handlers();

}  // namespace reconcile::cli

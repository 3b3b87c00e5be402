#include "cli/signals.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>

#include "catalog/pg/interrupt.hpp"

namespace reconcile::cli {

namespace {

void write_stderr(const char* text) {
    // write(2) is async-signal-safe; iostreams are not.
    ssize_t ignored = write(STDERR_FILENO, text, std::strlen(text));
    (void)ignored;
}

extern "C" void on_interrupt(int) {
    if (catalog::interrupt_requested()) {
        write_stderr(
            "\nreconcile: interrupted again; exiting at once. The server rolls back any transaction "
            "still open when the session ends.\n");
        _exit(130);
    }
    catalog::request_interrupt();
    write_stderr(
        "\nreconcile: interrupt: cancelling the running statement and rolling back (interrupt again to "
        "exit at once)\n");
}

}  // namespace

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: a wait in poll() or a read returns early, so the
    // request is noticed within one polling slice.
    action.sa_flags = 0;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

}  // namespace reconcile::cli

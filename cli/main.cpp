#include "cli/commands.hpp"

int main(int argc, char** argv) {
    return reconcile::cli::run(argc, argv);
}

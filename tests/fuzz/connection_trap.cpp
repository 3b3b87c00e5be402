#include "connection_trap.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace reconcile::fuzz {

ConnectionTrap::ConnectionTrap() {
    char pattern[] = "/tmp/reconcile-trap-XXXXXX";
    if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    directory_ = pattern;
    listener_ = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::string path = directory_ + "/.s.PGSQL.5432";
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(listener_, 16) != 0) {
        throw std::runtime_error("cannot listen on " + path);
    }
}

ConnectionTrap::~ConnectionTrap() {
    if (listener_ >= 0) close(listener_);
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

std::map<std::string, std::string> ConnectionTrap::environment() const {
    return {
        {"PGHOST", directory_},     {"PGPORT", "5432"},
        {"PGCONNECT_TIMEOUT", "2"}, {"DATABASE_URL", "host=" + directory_ + " port=5432 dbname=fuzz connect_timeout=2"},
        {"PGSERVICE", ""},          {"PGHOSTADDR", ""}};
}

bool ConnectionTrap::connected() {
    int connection = accept(listener_, nullptr, nullptr);
    if (connection >= 0) {
        close(connection);
        connected_ = true;
    }
    return connected_;
}

}  // namespace reconcile::fuzz

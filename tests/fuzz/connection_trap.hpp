#pragma once
// A listening Unix socket where libpq looks for a server, given to a child
// as PGHOST and DATABASE_URL: `validate` must never try to connect, and if
// it did, the connection would wait here, seen.
#include <map>
#include <string>

namespace reconcile::fuzz {

class ConnectionTrap {
public:
    ConnectionTrap();  // throws std::runtime_error if the socket cannot be made
    ~ConnectionTrap();
    ConnectionTrap(const ConnectionTrap&) = delete;
    ConnectionTrap& operator=(const ConnectionTrap&) = delete;

    // Every way libpq finds a server, pointed here.
    std::map<std::string, std::string> environment() const;
    // Whether anything connected since the trap was made.
    bool connected();

private:
    std::string directory_;
    int listener_ = -1;
    bool connected_ = false;
};

}  // namespace reconcile::fuzz

#pragma once
// Sets an environment variable for the child processes (reconcile, psql)
// a test starts while it lives, and puts the old value back after. The
// tests run one at a time, so nothing else reads it meanwhile.
#include <cstdlib>
#include <optional>
#include <string>

namespace reconcile::testing {

class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old_) {
            setenv(name_, old_->c_str(), 1);
        } else {
            unsetenv(name_);
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace reconcile::testing

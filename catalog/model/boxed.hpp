#pragma once
// Boxed<T>: an optional value kept on the heap, with std::optional's value
// semantics (copies copy the value, == compares values, nullopt is empty).
// For large members that are usually absent: a column's identity options
// would otherwise add 136 bytes to each of 100,000 columns in a big model.
#include <memory>
#include <optional>
#include <utility>

namespace reconcile::catalog {

template <class T>
class Boxed {
public:
    Boxed() = default;
    Boxed(std::nullopt_t) {}
    Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}
    Boxed(std::optional<T> value) : value_(value ? std::make_unique<T>(std::move(*value)) : nullptr) {}
    Boxed(const Boxed& other) : value_(other ? std::make_unique<T>(*other) : nullptr) {}
    Boxed(Boxed&&) noexcept = default;
    Boxed& operator=(const Boxed& other) {
        if (this != &other) value_ = other ? std::make_unique<T>(*other) : nullptr;
        return *this;
    }
    Boxed& operator=(Boxed&&) noexcept = default;
    Boxed& operator=(std::nullopt_t) {
        value_.reset();
        return *this;
    }

    bool has_value() const { return value_ != nullptr; }
    explicit operator bool() const { return has_value(); }
    void reset() { value_.reset(); }
    template <class... Args>
    T& emplace(Args&&... args) {
        value_ = std::make_unique<T>(std::forward<Args>(args)...);
        return *value_;
    }

    // REQUIRES: has_value(), as for std::optional's.
    T& operator*() { return *value_; }
    const T& operator*() const { return *value_; }
    T* operator->() { return value_.get(); }
    const T* operator->() const { return value_.get(); }
    // Throws std::bad_optional_access when empty.
    const T& value() const {
        if (!value_) throw std::bad_optional_access();
        return *value_;
    }

    friend bool operator==(const Boxed& a, const Boxed& b) { return a ? b && *a == *b : !b; }
    friend bool operator==(const Boxed& a, std::nullopt_t) { return !a; }

private:
    std::unique_ptr<T> value_;
};

}  // namespace reconcile::catalog

#pragma once
// Tests build model values with designated initializers naming only the
// fields a case is about; the rest keep their defaults on purpose. GCC's
// -Wextra would flag every such value, drowning real warnings.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

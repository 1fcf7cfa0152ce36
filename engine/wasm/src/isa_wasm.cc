// Kernels compiled for WebAssembly simd128 (flags in scripts/build-wasm.mjs). The module has
// no C library: this unit supplies what the native ISA units take from <math.h> and
// <string.h> — log, pow, sin and cos from the host (JavaScript's Math, imported), sqrt and memmove as
// wasm instructions (f64.sqrt, memory.copy).
#include <wasm_simd128.h>

#include "kernels.h"

extern "C" double dn_host_log(double) __attribute__((import_module("env"), import_name("log")));
extern "C" double dn_host_pow(double, double) __attribute__((import_module("env"), import_name("pow")));
extern "C" double dn_host_sin(double) __attribute__((import_module("env"), import_name("sin")));
extern "C" double dn_host_cos(double) __attribute__((import_module("env"), import_name("cos")));
#define INFINITY __builtin_inff()
#define memmove __builtin_memmove

namespace dn {
namespace wasm {
static inline double log(double x) { return dn_host_log(x); }
static inline double pow(double x, double y) { return dn_host_pow(x, y); }
static inline double sin(double x) { return dn_host_sin(x); }
static inline double cos(double x) { return dn_host_cos(x); }
static inline double sqrt(double x) { return __builtin_sqrt(x); }
#include "simd_wasm.inc"
#include "kernels_impl.inc"
}  // namespace wasm

void fill_wasm(KernelTable* t) { wasm::fill(t); }
}  // namespace dn

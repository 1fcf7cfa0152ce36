#pragma once
#include "kernels.h"

namespace dn {
Pool* pool_create(int nthreads);
void pool_destroy(Pool* p);
Exec* exec_create(int nthreads);
void exec_destroy(Exec* ex);
size_t exec_scratch_bytes(Exec* ex);
}  // namespace dn

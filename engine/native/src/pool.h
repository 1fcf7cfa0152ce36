#pragma once
#include "kernels.h"

namespace dn {
Pool* pool_create(int nthreads);
void pool_destroy(Pool* p);
Exec* exec_create(int nthreads);
void exec_destroy(Exec* ex);
size_t exec_scratch_bytes(Exec* ex);
/** Threads the pool was created with (the most exec_set_active accepts). */
int exec_capacity(Exec* ex);
/** Threads taking part from the next job on, clamped to [1, capacity]; returns the count. */
int exec_set_active(Exec* ex, int n);
}  // namespace dn

#include "benchmarks/allocation_counter.h"

#include <cstdlib>
#include <new>

namespace iamsim {
namespace {
thread_local uint64_t allocations = 0;
}  // namespace

uint64_t ThreadAllocationCount() { return allocations; }

}  // namespace iamsim

void* operator new(std::size_t size) {
  ++iamsim::allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  ++iamsim::allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

#pragma once

// Bad indices in the CUDA indexing kernels (index, index_select, gather, index_put_,
// scatter_add_) are found on the device and reported without a host round trip per op: the
// first bad index a kernel meets is written to a per-device record in mapped page-locked host
// memory, and the host turns it into the CPU's ember::Error at the next point where it waits
// for the device anyway (a copy to the host such as item() or cpu(), cuda::synchronize(),
// Stream/Event::synchronize(), allclose, nonzero). PyTorch traps on the device instead, which
// leaves the CUDA context unusable; here the device stays usable. Elements with a bad index
// are skipped (nothing outside the tensor is read or written), the others are computed.
//
// This header has no CUDA dependency: the record, its message and report_bad_index (which
// also runs on the host) are tested on the CPU.

#include <cstdint>
#include <string>

#include "ember/core/Macros.h"

namespace ember::cuda {

/// The op whose kernel found a bad index (it prefixes the message as on the CPU).
enum class IndexOp : int32_t { kIndex = 0, kIndexSelect, kGather, kScatterAdd, kScatterReduce };

/// The first bad index found on a device. `raised` is written last.
struct IndexErrorRecord {
  int32_t raised;
  int32_t op;
  int64_t index;
  int64_t dim;
  int64_t size;
};

/// Where kernels report: the record (mapped host memory, seen through its device address) and
/// a device word that lets only the first reporter write it.
struct IndexErrorSlot {
  IndexErrorRecord* record = nullptr;
  int* claim = nullptr;
};

/// Records `index` (outside [-size, size) or [0, size)) as the first bad index of `op` along
/// `dim` unless an earlier report is still pending.
EMBER_HOST_DEVICE inline void report_bad_index(const IndexErrorSlot& slot, IndexOp op,
                                               int64_t index, int64_t dim, int64_t size) {
#if defined(__CUDA_ARCH__)
  if (atomicCAS(slot.claim, 0, 1) != 0) return;
  volatile IndexErrorRecord* r = slot.record;
  r->op = static_cast<int32_t>(op);
  r->index = index;
  r->dim = dim;
  r->size = size;
  __threadfence_system();  // the fields reach the host before the flag
  r->raised = 1;
#else
  if (*slot.claim != 0) return;
  *slot.claim = 1;
  IndexErrorRecord* r = slot.record;
  r->op = static_cast<int32_t>(op);
  r->index = index;
  r->dim = dim;
  r->size = size;
  r->raised = 1;
#endif
}

/// The CPU's message for a record: "index_select(): index 7 is out of bounds for dimension 1
/// with size 5".
inline std::string index_error_message(const IndexErrorRecord& r) {
  static constexpr const char* kPrefix[] = {
      "", "index_select(): ", "gather(): ", "scatter_add_(): ", "scatter_reduce_(): "};
  const auto op = static_cast<size_t>(r.op);
  return std::string(op < 5 ? kPrefix[op] : "") + "index " + std::to_string(r.index) +
         " is out of bounds for dimension " + std::to_string(r.dim) + " with size " +
         std::to_string(r.size);
}

/// If a report is pending in `record` (host view), copies it to `out`, clears the record and
/// returns true; of several threads, one takes it. The caller then re-arms the slot's claim
/// word (until then no kernel writes the record).
inline bool take_index_error(volatile IndexErrorRecord* record, IndexErrorRecord* out) {
  if (record->raised == 0) return false;  // the usual case: one plain read
  if (__atomic_exchange_n(&record->raised, 0, __ATOMIC_ACQUIRE) == 0) return false;
  out->raised = 1;
  out->op = record->op;
  out->index = record->index;
  out->dim = record->dim;
  out->size = record->size;
  return true;
}

namespace impl {

/// The reporting slot of `device` (created on first use; the current device must be
/// `device`).
IndexErrorSlot index_error_slot(int8_t device);
/// Throws the pending bad-index error of any device, if there is one (clearing it). Called
/// after the host has waited for the device.
void throw_pending_index_error();

}  // namespace impl

}  // namespace ember::cuda

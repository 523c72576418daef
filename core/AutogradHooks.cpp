#include "core/AutogradHooks.h"

#include <array>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::detail {

namespace {
struct GradOpNames {
  std::string_view op;
  std::string_view node;
};
constexpr std::array<GradOpNames, kNumGradOps> kGradOpNames = {{
#define EMBER_GRAD_OP_NAMES(op, node_name) {#op, node_name},
    EMBER_FORALL_GRAD_OPS(EMBER_GRAD_OP_NAMES)
#undef EMBER_GRAD_OP_NAMES
}};
}  // namespace

std::string_view grad_op_name(GradOp op) { return kGradOpNames[static_cast<int>(op)].op; }
std::string_view grad_op_node_name(GradOp op) { return kGradOpNames[static_cast<int>(op)].node; }

AutogradHooks& autograd_hooks() {
  static AutogradHooks& hooks = register_autograd();
  return hooks;
}

void check_no_internal_overlap(const Tensor& self, const char* op) {
  for (int64_t d = 0; d < self.dim(); ++d) {
    EMBER_CHECK(!(self.strides()[d] == 0 && self.sizes()[d] > 1),
                "{}: unsupported operation: more than one element of the written-to tensor "
                "refers to a single memory location. Please clone() the tensor before "
                "performing the operation.",
                op);
  }
}

namespace {
// PyTorch's partial-overlap rule: an input that shares memory with self must be self itself
// (same place, same geometry); two dense tensors over intersecting, different ranges would be
// read while they are written.
void check_no_partial_overlap(const Tensor& self, const Tensor& input, const char* op) {
  if (!input.defined() || input.is_same(self) || input.numel() == 0 || self.numel() == 0) return;
  if (!input.storage().is_alias_of(self.storage())) return;
  if (!self.is_contiguous() || !input.is_contiguous()) return;  // too hard to tell: allowed
  const int64_t a0 = self.storage_offset(), a1 = a0 + self.numel();
  const int64_t b0 = input.storage_offset(), b1 = b0 + input.numel();
  if (a0 == b0 && a1 == b1) return;
  EMBER_CHECK(a1 <= b0 || b1 <= a0,
              "{}: unsupported operation: some elements of the input tensor and the written-to "
              "tensor refer to a single memory location. Please clone() the tensor before "
              "performing the operation.",
              op);
}
}  // namespace

InplaceGuard::InplaceGuard(Tensor& self, const char* op, GradOp grad_op,
                           std::initializer_list<Tensor> inputs, OpAttrs&& attrs, Overlap overlap)
    : InplaceGuard(self, op, grad_op, ArrayRef<Tensor>(inputs), std::move(attrs), overlap) {}

InplaceGuard::InplaceGuard(Tensor& self, const char* op, GradOp grad_op, ArrayRef<Tensor> inputs,
                           OpAttrs&& attrs, Overlap overlap)
    : self_(self), grad_mode_(GradMode::is_enabled()) {
  if (overlap == Overlap::kRefused) check_no_internal_overlap(self, op);
  for (size_t i = 1; i < inputs.size(); ++i) check_no_partial_overlap(self, inputs[i], op);
  if (self.unsafeGetTensorImpl()->autograd_meta() != nullptr) {
    autograd_hooks().check_inplace(self, op);
  }
  if (should_record_list(inputs)) {
    recording_ = true;
    pending_ = autograd_hooks().begin_inplace(grad_op, inputs, std::move(attrs));
  }
  GradMode::set_enabled(false);
}

Tensor& InplaceGuard::commit() {
  GradMode::set_enabled(grad_mode_);
  self_.unsafeGetTensorImpl()->bump_version();
  if (recording_) autograd_hooks().commit_inplace(self_, std::move(pending_));
  return self_;
}

}  // namespace ember::detail

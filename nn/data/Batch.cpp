#include "ember/data/Batch.h"

#include "ember/core/Check.h"

namespace ember::data {

Batch::Batch(std::vector<Tensor> tensors) {
  if (!tensors.empty()) data = std::move(tensors[0]);
  if (tensors.size() > 1) target = std::move(tensors[1]);
  for (size_t i = 2; i < tensors.size(); ++i) rest.push_back(std::move(tensors[i]));
}

size_t Batch::num_tensors() const {
  if (!rest.empty()) return 2 + rest.size();
  return target.defined() ? 2 : data.defined() ? 1 : 0;
}

const Tensor& Batch::operator[](size_t i) const {
  EMBER_CHECK(i < num_tensors(), "Batch: index {} is out of range for a batch of {} tensors", i,
              num_tensors());
  return i == 0 ? data : i == 1 ? target : rest[i - 2];
}

std::vector<Tensor> Batch::tensors() const {
  std::vector<Tensor> all;
  for (size_t i = 0; i < num_tensors(); ++i) all.push_back((*this)[i]);
  return all;
}

// Undefined tensors (the target of a one-tensor batch) stay undefined.
template <class F>
static Batch map_tensors(const Batch& batch, F&& f) {
  Batch out;
  out.data = batch.data.defined() ? f(batch.data) : Tensor();
  out.target = batch.target.defined() ? f(batch.target) : Tensor();
  out.rest.reserve(batch.rest.size());
  for (const Tensor& t : batch.rest) out.rest.push_back(t.defined() ? f(t) : Tensor());
  return out;
}

Batch Batch::to(Device device, bool non_blocking) const {
  return map_tensors(*this, [&](const Tensor& t) { return t.to(device, non_blocking); });
}

Batch Batch::pin_memory() const {
  return map_tensors(*this, [](const Tensor& t) { return t.pin_memory(); });
}

}  // namespace ember::data

#pragma once

// Transforms of an example's data tensor, leaving its target alone (libtorch's
// TensorTransform, TensorLambda and Normalize).

#include <functional>
#include <utility>

#include "ember/core/ArrayRef.h"
#include "ember/core/Functions.h"
#include "ember/data/Example.h"
#include "ember/data/transforms/Base.h"

namespace ember::data::transforms {

template <typename Target = Tensor>
class TensorTransform : public Transform<Example<Tensor, Target>, Example<Tensor, Target>> {
 public:
  using E = Example<Tensor, Target>;
  using typename Transform<E, E>::InputType;
  using typename Transform<E, E>::OutputType;

  /// The transformed data tensor.
  virtual Tensor operator()(Tensor input) = 0;

  OutputType apply(InputType input) override {
    input.data = (*this)(std::move(input.data));
    return input;
  }
};

template <typename Target = Tensor>
class TensorLambda : public TensorTransform<Target> {
 public:
  using FunctionType = std::function<Tensor(Tensor)>;

  explicit TensorLambda(FunctionType function) : function_(std::move(function)) {}

  Tensor operator()(Tensor input) override { return function_(std::move(input)); }

 private:
  FunctionType function_;
};

/// (data - mean) / stddev per channel of a [channels, height, width] data tensor: mean and
/// stddev hold one value per channel (or one for all), as float32.
template <typename Target = Tensor>
struct Normalize : public TensorTransform<Target> {
  Normalize(ArrayRef<double> mean, ArrayRef<double> stddev)
      : mean(ember::tensor(mean, kFloat32).unsqueeze(/*dim=*/1).unsqueeze(/*dim=*/2)),
        stddev(ember::tensor(stddev, kFloat32).unsqueeze(/*dim=*/1).unsqueeze(/*dim=*/2)) {}

  Tensor operator()(Tensor input) override { return input.sub(mean).div(stddev); }

  Tensor mean, stddev;
};

}  // namespace ember::data::transforms

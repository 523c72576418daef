#pragma once

// nn::Functional, as libtorch's: wraps a function Tensor -> Tensor as a module, so it can sit
// in a Sequential. Extra arguments are bound after the input:
//   nn::Sequential(nn::Linear(3, 4), nn::Functional(ember::relu),
//                  nn::Functional(ember::leaky_relu, /*negative_slope=*/0.2));

#include <functional>
#include <utility>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"

namespace ember::nn {

class EMBER_API FunctionalImpl : public Cloneable<FunctionalImpl> {
 public:
  using Function = std::function<Tensor(Tensor)>;

  explicit FunctionalImpl(Function function);
  template <typename SomeFunction, typename... Args,
            typename = std::enable_if_t<(sizeof...(Args) > 0)>>
  explicit FunctionalImpl(SomeFunction original_function, Args&&... args)
      : FunctionalImpl(
            Function([f = std::move(original_function), ... bound = std::forward<Args>(args)](
                         Tensor input) { return f(input, bound...); })) {}

  void reset() override {}
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(Tensor input);
  Tensor operator()(Tensor input) { return forward(std::move(input)); }

 private:
  Function function_;
};

EMBER_MODULE(Functional);

}  // namespace ember::nn

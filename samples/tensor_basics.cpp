// A tour of Ember's tensor basics: creation, arithmetic with broadcasting, reductions,
// matrix products, views and dtypes. Every step prints what it does.

#include <ember/ember.h>
#include <ember/fmt.h>

#include <iostream>

int main() {
  std::cout << "Ember tensor basics\n\n";

  auto a = ember::tensor({{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  std::cout << "a = ember::tensor({{1, 2, 3}, {4, 5, 6}} as floats):\n" << a << "\n\n";

  auto b = ember::arange(3);
  std::cout << "b = ember::arange(3):\n" << b << "\n\n";

  std::cout << "a + b (broadcast over rows, int64 promoted to float32):\n" << a + b << "\n\n";
  std::cout << "a * 10 - 1:\n" << a * 10 - 1 << "\n\n";
  std::cout << "a.sum() = " << a.sum() << ", a.mean({1}) = " << a.mean({1}) << "\n\n";

  auto w = ember::ones({3, 2}, ember::kDouble);
  std::cout << "a.to(kDouble).matmul(ones({3, 2}, kDouble)):\n"
            << a.to(ember::kDouble).matmul(w) << "\n\n";

  std::cout << "a.t() (a view, no copy):\n" << a.t() << "\n";
  std::cout << "a.t().is_contiguous() = " << std::boolalpha << a.t().is_contiguous() << "\n\n";

  std::cout << "ember::linspace(0, 1, 5) = " << ember::linspace(0, 1, 5) << "\n";
  std::cout << "ember::eye(2, ember::kInt) = " << ember::eye(2, ember::kInt) << "\n";
  std::cout << "fmt::format: " << fmt::format("{}", ember::full({2}, 1e-5)) << "\n\n";

  std::cout << "CUDA available: " << ember::cuda::is_available() << "\n";
  try {
    ember::zeros({2}, ember::Device("cuda:0"));
    std::cout << "created a tensor on cuda:0\n";
  } catch (const ember::Error& e) {
    std::cout << "zeros on cuda:0 -> ember::Error: " << e.what() << "\n";
  }
  try {
    ember::matmul(ember::ones({2, 3}), ember::ones({2, 1}));
  } catch (const ember::Error& e) {
    std::cout << "a bad matmul -> ember::Error: " << e.what() << "\n";
  }
  return 0;
}

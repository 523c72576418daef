#include <ember/ember.h>

#include <iostream>

int main() {
  ember::Tensor a = ember::tensor({{1.0, 2.0}, {3.0, 4.0}});
  ember::Tensor b = ember::ones({2, 2});
  ember::Tensor c = ember::matmul(a, b) + 1;
  std::cout << c << "\n";
  // [[4, 4], [8, 8]]: sum 24
  return c.sum().item<float>() == 24.0f ? 0 : 1;
}

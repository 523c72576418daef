// libFuzzer target for the tensor API as a hostile user drives it: the input is a little
// program of calls (creation with huge, negative and zero sizes, views, expand, permute,
// indexing, reductions, split, printing and its options, item<T>(), from_blob with arbitrary
// strides, set_num_threads, .npy round trips) applied to a small stack of tensors. Every
// ember::Error is a fine answer; anything else (a crash, a sanitizer report, another
// exception, a hang) is a finding.
//
// Calls whose honest answer is a huge computation (summing 2^40 elements of an expanded view,
// allocating gigabytes) are skipped: the fuzzer hunts wrong answers to absurd requests, and
// those would only make it slow. Whatever overflows int64 is always tried.

#include <ember/ember.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace ember;

constexpr int64_t kAffordable = int64_t{1} << 12;  // elements an op may touch per call
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

class Input {
 public:
  Input(const uint8_t* data, size_t size) : p_(data), n_(size) {}
  bool empty() const { return n_ == 0; }
  uint8_t byte() {
    if (n_ == 0) return 0;
    --n_;
    return *p_++;
  }
  bool flag() { return byte() & 1; }
  // Sizes, dims, indices and counts: mostly small, sometimes at the edges of int64.
  int64_t number() {
    static constexpr int64_t kTable[] = {0,
                                         1,
                                         2,
                                         3,
                                         4,
                                         5,
                                         7,
                                         -1,
                                         -2,
                                         -3,
                                         64,
                                         65,
                                         1000,
                                         int64_t{1} << 16,
                                         int64_t{1} << 31,
                                         int64_t{1} << 32,
                                         int64_t{1} << 40,
                                         (int64_t{1} << 61) - 1,
                                         (int64_t{1} << 62) - 1,
                                         int64_t{1} << 62,
                                         (int64_t{1} << 62) + 1,
                                         kMax,
                                         kMax - 1,
                                         kMin,
                                         kMin + 1};
    const uint8_t b = byte();
    constexpr size_t kEntries = sizeof(kTable) / sizeof(kTable[0]);
    if (b < 128) return static_cast<int64_t>(b % 8);  // the common case: small sizes
    return kTable[(b - 128) % kEntries];
  }
  Dtype dtype() {
    static constexpr Dtype kDtypes[] = {kFloat, kDouble, kLong, kInt,  kShort,
                                        kChar,  kByte,   kBool, kHalf, kBFloat16};
    return kDtypes[byte() % 10];
  }
  std::vector<int64_t> shape() {
    const uint8_t b = byte();
    const size_t ndim = b == 255 ? 65 : b % 5;  // rarely, one dim too many
    std::vector<int64_t> s;
    for (size_t i = 0; i < ndim; ++i) s.push_back(ndim > 4 ? 1 : number());
    return s;
  }

 private:
  const uint8_t* p_;
  size_t n_;
};

// The element count of `shape` when every size is valid and the product fits, else -1 (the
// call must then be refused, which is always worth trying).
int64_t numel_or_invalid(const std::vector<int64_t>& shape) {
  __int128 n = 1;
  for (int64_t s : shape) {
    if (s < 0) return -1;
    n *= s;
    if (n > kMax) n = static_cast<__int128>(kMax) + 1;  // saturate; stays > kMax unless 0
  }
  return n > kMax ? -1 : static_cast<int64_t>(n);
}

bool worth_creating(const std::vector<int64_t>& shape, Dtype dtype) {
  if (shape.size() > 64) return true;
  const int64_t n = numel_or_invalid(shape);
  if (n < 0) return true;
  if (n <= kAffordable) return true;
  // Too many bytes to describe: must be refused without allocating.
  return static_cast<__int128>(n) * element_size(dtype) > kMax;
}

bool affordable(const Tensor& t) { return t.numel() <= kAffordable; }

// A reduction of an empty tensor still has an output as large as its kept dims (sum over the
// zero dim of [2^31, 0] gives 2^31 zeros): the product of the non-zero sizes bounds both.
bool affordable_reduction(const Tensor& t) {
  __int128 n = 1;
  for (int64_t s : t.sizes()) {
    n *= std::max<int64_t>(s, 1);
    if (n > kAffordable) return false;
  }
  return true;
}

// Two operands whose broadcast (or index) result cannot exceed the budget either.
bool affordable(const Tensor& a, const Tensor& b) {
  return static_cast<__int128>(a.numel()) * std::max<int64_t>(b.numel(), 1) <= kAffordable;
}

// Elements a print of `t` reads: all of them, or the shown corners when it summarises.
bool affordable_print(const Tensor& t) {
  const PrintOptions o = get_printoptions();
  if (t.numel() <= o.threshold) return affordable(t);
  __int128 shown = 1;
  for (int64_t s : t.sizes()) {
    shown *= s - o.edgeitems > o.edgeitems ? 2 * o.edgeitems : s;
    if (shown > kAffordable) return false;
  }
  return true;
}

class Program {
 public:
  explicit Program(Input& in) : in_(in) {}

  void run() {
    for (int step = 0; step < 24 && !in_.empty(); ++step) {
      try {
        one_call();
      } catch (const Error&) {
        // a clean refusal
      }
    }
  }

 private:
  Tensor& pick() {
    if (stack_.empty()) stack_.push_back(arange(6, kFloat).view({2, 3}));
    return stack_[in_.byte() % stack_.size()];
  }
  void push(Tensor t) {
    if (stack_.size() < 4) {
      stack_.push_back(std::move(t));
    } else {
      stack_[in_.byte() % 4] = std::move(t);
    }
  }
  std::vector<int64_t> dims(size_t n) {
    std::vector<int64_t> d;
    for (size_t i = 0; i < n; ++i) d.push_back(in_.number());
    return d;
  }

  void one_call() {
    switch (in_.byte() % 24) {
      case 0: {  // creation
        const auto shape = in_.shape();
        const Dtype dtype = in_.dtype();
        if (!worth_creating(shape, dtype)) return;
        switch (in_.byte() % 6) {
          case 0:
            push(zeros(shape, dtype));
            break;
          case 1:
            push(ones(shape, dtype));
            break;
          case 2:
            push(full(shape, in_.number(), dtype));
            break;
          case 3:
            push(rand(shape, dtype));
            break;
          case 4:
            push(randint(in_.number(), in_.number(), shape, dtype));
            break;
          default:
            push(empty(shape, dtype).fill_(1));
            break;
        }
        break;
      }
      case 1: {  // 1-d ranges
        const int64_t a = in_.number(), b = in_.number(), c = in_.number();
        const __int128 span = static_cast<__int128>(b) - a;
        if (c != 0 && span / c > kAffordable && span / c <= kMax) return;
        push(arange(a, b, c, in_.flag() ? TensorOptions() : TensorOptions(in_.dtype())));
        break;
      }
      case 2: {
        const int64_t n = in_.number();
        const bool lin = in_.flag();
        const Dtype dtype = lin ? kFloat : in_.dtype();
        if (!worth_creating({n}, dtype)) return;
        push(lin ? linspace(0, in_.number(), n) : randperm(n, dtype));
        break;
      }
      case 3:  // views: always O(rank)
        push(pick().view(dims(in_.byte() % 5)));
        break;
      case 4: {
        const Tensor& t = pick();
        const auto shape = dims(in_.byte() % 5);
        if (!affordable(t) && !t.is_contiguous()) return;  // may copy
        push(t.reshape(shape));
        break;
      }
      case 5:
        push(pick().expand(dims(in_.byte() % 6)));
        break;
      case 6: {
        const Tensor& t = pick();
        push(t.permute(dims(static_cast<size_t>(t.dim()))));
        break;
      }
      case 7: {
        Tensor& t = pick();
        switch (in_.byte() % 6) {
          case 0:
            push(t.transpose(in_.number(), in_.number()));
            break;
          case 1:
            push(t.unsqueeze(in_.number()));
            break;
          case 2:
            push(t.select(in_.number(), in_.number()));
            break;
          case 3:
            push(t.narrow(in_.number(), in_.number(), in_.number()));
            break;
          case 4:
            push(t.slice(in_.number(), in_.number(), in_.number(), in_.number()));
            break;
          default:
            push(t.flatten(in_.number(), in_.number()));
            break;
        }
        break;
      }
      case 8: {  // materialising copies
        const Tensor& t = pick();
        const bool too_big = static_cast<__int128>(t.numel()) * t.element_size() > kMax;
        if (!affordable(t) && !too_big) return;
        push(in_.flag() ? t.contiguous() : t.clone());
        break;
      }
      case 9: {  // reductions
        const Tensor& t = pick();
        if (!affordable_reduction(t)) return;
        const int64_t d = in_.number();
        const bool keep = in_.flag();
        switch (in_.byte() % 6) {
          case 0:
            push(t.sum());
            break;
          case 1:
            push(sum(t, dims(in_.byte() % 3), keep));
            break;
          case 2:
            push(std::get<0>(max(t, d, keep)));
            break;
          case 3:
            push(argmin(t, d, keep));
            break;
          case 4:
            push(mean(t, std::vector<int64_t>{d}, keep, kDouble));
            break;
          default:
            push(cumsum(t, d));
            break;
        }
        break;
      }
      case 10: {  // indexing
        const Tensor& t = pick();
        const Tensor& idx = pick();
        if (!affordable(t, idx)) return;
        switch (in_.byte() % 4) {
          case 0:
            push(t.index_select(in_.number(), idx));
            break;
          case 1:
            push(t.index({idx}));
            break;
          case 2:
            push(t.index({indexing::Slice(), idx}));
            break;
          default:
            push(t.masked_fill(idx, in_.number()));
            break;
        }
        break;
      }
      case 11: {  // splitting
        const Tensor& t = pick();
        const int64_t n = in_.number(), d = in_.number();
        if (t.dim() == 0) return;
        const int64_t size = t.size(d);
        const uint8_t which = in_.byte() % 3;
        // How many views the call returns; millions would only be slow.
        const __int128 pieces = which == 0   ? (n > 0 ? static_cast<__int128>(size / n) + 1 : 1)
                                : which == 1 ? n
                                             : size;
        if (pieces > kAffordable && pieces < (int64_t{1} << 40)) return;
        std::vector<Tensor> parts = which == 0   ? t.split(n, d)
                                    : which == 1 ? t.chunk(n, d)
                                                 : t.unbind(d);
        if (!parts.empty()) push(parts[in_.byte() % parts.size()]);
        break;
      }
      case 12: {  // elementwise with broadcasting
        const Tensor& a = pick();
        const Tensor& b = pick();
        if (!affordable(a, b)) return;
        switch (in_.byte() % 5) {
          case 0:
            push(a + b);
            break;
          case 1:
            push(a * in_.number());
            break;
          case 2:
            push(a & b);
            break;
          case 3:
            push(eq(a, b));
            break;
          default:
            push(~a);
            break;
        }
        break;
      }
      case 13: {  // scalars out
        const Tensor& t = pick();
        switch (in_.byte() % 6) {
          case 0:
            (void)t.item<int8_t>();
            break;
          case 1:
            (void)t.item<int32_t>();
            break;
          case 2:
            (void)t.item<float>();
            break;
          case 3:
            (void)t.item<uint8_t>();
            break;
          case 4:
            (void)t.item<Half>();
            break;
          default:
            (void)Scalar(static_cast<double>(in_.number()) * 1e10).to<int16_t>();
            break;
        }
        break;
      }
      case 14: {  // print options and printing
        if (in_.flag()) {
          set_printoptions(static_cast<int>(in_.number() % 200), in_.number(), in_.number(),
                           in_.number(), in_.flag());
        }
        const Tensor& t = pick();
        if (!affordable_print(t)) return;
        (void)to_string(t);
        break;
      }
      case 15: {  // threads: absurd counts must be refused, small ones applied
        const int64_t n = in_.number();
        // Starting threads is slow under ASan: valid counts are 1 or 2 (changes still happen).
        set_num_threads(n > 2 && n < 2000 ? 2 : static_cast<int>(n));
        break;
      }
      case 16: {  // from_blob over a small buffer with arbitrary strides
        const auto shape = in_.shape();
        std::vector<int64_t> strides;
        for (size_t i = 0; i < shape.size(); ++i) strides.push_back(in_.number());
        // Only geometry inside the buffer is the library's to check; beyond it, an extent
        // that overflows must still be refused.
        __int128 extent = 1;
        bool any_empty = false;
        for (size_t i = 0; i < shape.size(); ++i) {
          any_empty |= shape[i] == 0;
          // Each term is below 2^127 in magnitude; clamped so that four of them add up safely.
          const __int128 term = (static_cast<__int128>(shape[i]) - 1) * strides[i];
          const __int128 cap = static_cast<__int128>(1) << 100;
          extent += term > cap ? cap : term < -cap ? -cap : term;
        }
        const bool inside = extent <= 64;
        const bool absurd = extent > kMax / 4 || numel_or_invalid(shape) < 0;
        if (!any_empty && !inside && !absurd) return;
        const Tensor view = from_blob(blob_, shape, strides, kFloat);
        push(affordable(view) ? view.clone() : view);
        break;
      }
      case 17: {  // .npy round trip
        const Tensor& t = pick();
        if (!affordable(t)) return;
        const std::string bytes = npy::to_bytes(t);
        push(npy::from_bytes(bytes.data(), bytes.size()));
        break;
      }
      case 18:
        manual_seed(static_cast<uint64_t>(in_.number()));
        break;
      case 19: {
        const Tensor& a = pick();
        const Tensor& b = pick();
        if (!affordable(a, b) || a.dim() > 3 || b.dim() > 3) return;
        push(matmul(a, b));
        break;
      }
      case 20: {
        const Tensor& a = pick();
        const Tensor& b = pick();
        if (!affordable(a) || !affordable(b)) return;
        push(cat({a, b}, in_.number()));
        break;
      }
      case 21: {
        const Tensor& t = pick();
        if (!affordable(t)) return;
        push(t.to(in_.dtype()).expand_as(pick()));
        break;
      }
      case 22: {
        const Tensor& t = pick();
        if (!affordable(t)) return;
        push(softmax(t, in_.number()));
        break;
      }
      default:
        push(pick().squeeze());
        break;
    }
  }

  Input& in_;
  std::vector<Tensor> stack_;
  float blob_[64] = {};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  Program(in).run();
  ember::reset_printoptions();
  return 0;
}

#pragma once

// The optimiser base classes, as libtorch's torch/optim/optimizer.h: per-parameter state,
// per-group options, parameter groups and the Optimizer that owns them. Each optimiser's
// update follows PyTorch's Python algorithm (torch.optim, single-tensor form).

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/optim/OptimizerStateDict.h"

namespace ember::optim {

/// A parameter's state (momentum buffers, running averages, step count).
class EMBER_API OptimizerParamState {
 public:
  virtual std::unique_ptr<OptimizerParamState> clone() const;
  virtual ~OptimizerParamState() = default;
  /// The state as Python's state_dict()["state"][i] holds it: PyTorch's keys in PyTorch's
  /// order, the step count as a 0-d float32 tensor; entries Python would not have are left out.
  virtual std::vector<std::pair<std::string, Tensor>> named_tensors() const;
  /// Restores what named_tensors() gave: `find(key)` returns the saved tensor, or an undefined
  /// tensor when the key is absent.
  virtual void load_named_tensors(const std::function<Tensor(const std::string&)>& find);
};

template <typename Derived>
class OptimizerCloneableParamState : public OptimizerParamState {
 public:
  std::unique_ptr<OptimizerParamState> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

/// The hyper-parameters of one parameter group.
class EMBER_API OptimizerOptions {
 public:
  virtual std::unique_ptr<OptimizerOptions> clone() const;
  virtual ~OptimizerOptions() = default;
  virtual double get_lr() const;
  virtual void set_lr(const double lr);
  /// These options as one entry of Python's state_dict()["param_groups"] (a JSON object,
  /// Python's keys in Python's order, without "params").
  virtual std::string to_json() const;
  /// Sets these options from such a JSON object; absent or mistyped keys are an error.
  virtual void load_json(const std::string& json);
};

template <typename Derived>
class OptimizerCloneableOptions : public OptimizerOptions {
 public:
  std::unique_ptr<OptimizerOptions> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

/// Parameters optimised with the same options; a group without options takes the optimiser's
/// defaults when it is added.
class EMBER_API OptimizerParamGroup {
 public:
  OptimizerParamGroup(const OptimizerParamGroup& param_group)
      : params_(param_group.params()),
        options_(param_group.has_options() ? param_group.options().clone() : nullptr) {}
  OptimizerParamGroup& operator=(const OptimizerParamGroup& param_group) {
    params_ = param_group.params();
    options_ = param_group.has_options() ? param_group.options().clone() : nullptr;
    return *this;
  }
  OptimizerParamGroup(OptimizerParamGroup&&) = default;
  OptimizerParamGroup& operator=(OptimizerParamGroup&&) = default;
  OptimizerParamGroup(std::vector<Tensor> params)  // NOLINT(google-explicit-constructor)
      : params_(std::move(params)) {}
  OptimizerParamGroup(std::vector<Tensor> params, std::unique_ptr<OptimizerOptions> options)
      : params_(std::move(params)), options_(std::move(options)) {}

  bool has_options() const { return options_ != nullptr; }
  OptimizerOptions& options();
  const OptimizerOptions& options() const;
  void set_options(std::unique_ptr<OptimizerOptions> options) { options_ = std::move(options); }
  std::vector<Tensor>& params() { return params_; }
  const std::vector<Tensor>& params() const { return params_; }

 protected:
  std::vector<Tensor> params_;
  std::unique_ptr<OptimizerOptions> options_;
};

/// Base of every optimiser. Copying is not allowed (use state_dict / load_state_dict).
class EMBER_API Optimizer {
 public:
  Optimizer(const Optimizer& optimizer) = delete;
  Optimizer& operator=(const Optimizer& optimizer) = delete;
  Optimizer(Optimizer&& optimizer) = default;

  explicit Optimizer(std::vector<OptimizerParamGroup> param_groups,
                     std::unique_ptr<OptimizerOptions> defaults);
  explicit Optimizer(std::vector<Tensor> parameters, std::unique_ptr<OptimizerOptions> defaults);
  virtual ~Optimizer() = default;

  /// Adds a group; without options of its own it gets a copy of the defaults. A parameter may
  /// belong to one group only, and must be a defined leaf tensor.
  void add_param_group(const OptimizerParamGroup& param_group);
  /// Adds parameters to the first group.
  void add_parameters(const std::vector<Tensor>& parameters);

  /// Re-evaluates the model and returns the loss; run with gradients enabled.
  using LossClosure = std::function<Tensor()>;
  /// One update of every parameter that has a gradient. With a closure, the closure is called
  /// first (gradients enabled) and its loss returned; without, the result is undefined.
  virtual Tensor step(LossClosure closure = nullptr) = 0;

  /// Clears the gradients: undefined when `set_to_none`, else zeroed (and detached).
  void zero_grad(bool set_to_none = true);

  /// The parameters of the first group.
  const std::vector<Tensor>& parameters() const noexcept;
  std::vector<Tensor>& parameters() noexcept;
  /// The number of parameters over all groups.
  size_t size() const noexcept;

  OptimizerOptions& defaults() noexcept { return *defaults_; }
  const OptimizerOptions& defaults() const noexcept { return *defaults_; }
  std::vector<OptimizerParamGroup>& param_groups() noexcept { return param_groups_; }
  const std::vector<OptimizerParamGroup>& param_groups() const noexcept { return param_groups_; }
  /// Per-parameter state, keyed as libtorch keys it (state_key(param)).
  std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>& state() noexcept {
    return state_;
  }
  const std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>& state()
      const noexcept {
    return state_;
  }

  /// Python's optimizer.state_dict(): tensors "state.<i>.<key>" (i numbers the parameters
  /// over all groups in order) and the groups' options as JSON text. The state tensors are
  /// shared with the optimiser, as in Python; the step counts are new 0-d float32 tensors.
  OptimizerStateDict state_dict() const;
  /// Python's optimizer.load_state_dict(): the groups' options are replaced and the state
  /// copied (converted to each parameter's dtype and device). The group count, each group's
  /// parameter count and every state tensor's shape must match.
  void load_state_dict(const OptimizerStateDict& state_dict);

  /// The key of a parameter's entry in state().
  static std::string state_key(const Tensor& param);

 protected:
  /// An empty state of this optimiser's kind, for load_state_dict to fill.
  virtual std::unique_ptr<OptimizerParamState> make_param_state() const = 0;
  /// Calls `closure` (if any) with gradients enabled, as Python's optimisers do.
  static Tensor evaluate_closure(const LossClosure& closure);

  std::vector<OptimizerParamGroup> param_groups_;
  std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>> state_;
  std::unique_ptr<OptimizerOptions> defaults_;
};

}  // namespace ember::optim

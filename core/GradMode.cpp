#include "ember/core/GradMode.h"

namespace ember {
namespace {
// initial-exec: read on every op's recording check, and libember is loaded at start-up (not
// dlopen'ed), so the variable sits in the static TLS block with no __tls_get_addr call.
thread_local bool t_grad_enabled __attribute__((tls_model("initial-exec"))) = true;
}  // namespace

bool GradMode::is_enabled() { return t_grad_enabled; }
void GradMode::set_enabled(bool enabled) { t_grad_enabled = enabled; }

}  // namespace ember

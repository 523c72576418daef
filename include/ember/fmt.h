#pragma once

// fmt::formatter specialisations for Ember's types: fmt::format("{}", t) prints a tensor as
// std::cout << t does. Kept out of <ember/ember.h> so that only the files that format with
// fmt pay for including it.

#include "ember/core/Formatters.h"  // IWYU pragma: export

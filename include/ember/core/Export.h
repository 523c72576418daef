#pragma once

// Symbol visibility. Ember is compiled with hidden visibility: only declarations marked
// EMBER_API (the public API in include/ember) are exported from libember.so, so the library's
// symbol table is its API. EMBER_INTERNAL_API marks the few internal functions and classes
// exported on purpose for Ember's own CUDA backend library and its unit tests; they are not
// part of the API and may change at any time.

#if defined(__GNUC__) || defined(__clang__)
#define EMBER_API __attribute__((visibility("default")))
#else
#define EMBER_API
#endif
#define EMBER_INTERNAL_API EMBER_API

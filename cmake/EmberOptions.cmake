# User-facing options. Tests, samples and benchmarks default on only when Ember is the
# top-level project, so add_subdirectory(ember) in a user's tree builds just the library.
option(EMBER_BUILD_TESTS "Build the GoogleTest suites" ${PROJECT_IS_TOP_LEVEL})
option(EMBER_BUILD_SAMPLES "Build the sample programs" ${PROJECT_IS_TOP_LEVEL})
option(EMBER_BUILD_BENCH "Build the benchmarks" ${PROJECT_IS_TOP_LEVEL})
option(EMBER_WERROR "Treat warnings in Ember's own targets as errors" ${PROJECT_IS_TOP_LEVEL})
option(EMBER_SANITIZE
  "Build with AddressSanitizer and UndefinedBehaviorSanitizer (ON) or ThreadSanitizer (thread)" OFF)
option(EMBER_BUILD_FUZZERS "Build the libFuzzer targets (clang only; use a separate build dir)" OFF)
# libember.so (and libember_cuda.so, loaded on first CUDA use) by default; OFF gives static
# archives with the CUDA backend linked in.
option(BUILD_SHARED_LIBS "Build Ember as shared libraries" ON)
option(EMBER_FMT_HEADER_ONLY "Use fmt header-only (no libfmt.so at run time)" OFF)
set(EMBER_CUDA AUTO CACHE STRING "Build the CUDA backend: AUTO (when nvcc is found), ON or OFF")
set_property(CACHE EMBER_CUDA PROPERTY STRINGS AUTO ON OFF)
set(EMBER_BLAS AUTO CACHE STRING "Use a BLAS for CPU matmul: AUTO, ON or OFF")
set_property(CACHE EMBER_BLAS PROPERTY STRINGS AUTO ON OFF)
set(EMBER_LAPACK AUTO CACHE STRING "Use LAPACK for the CPU linear-algebra factorizations: AUTO, ON or OFF")
set_property(CACHE EMBER_LAPACK PROPERTY STRINGS AUTO ON OFF)
set(EMBER_MPI AUTO CACHE STRING "Build ember::distributed's MPI backend: AUTO (when MPI is found), ON or OFF")
set_property(CACHE EMBER_MPI PROPERTY STRINGS AUTO ON OFF)
set(EMBER_NCCL AUTO CACHE STRING
  "Build ember::distributed's NCCL backend (needs CUDA): AUTO (when NCCL is found), ON or OFF")
set_property(CACHE EMBER_NCCL PROPERTY STRINGS AUTO ON OFF)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

if(EMBER_SANITIZE STREQUAL "thread")
  # Data races between threads using Ember at once (the tsan preset).
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=thread)
elseif(EMBER_SANITIZE)
  # Applied to everything built here (tests included) so that the runtime sees every frame.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(EMBER_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "EMBER_BUILD_FUZZERS needs clang (libFuzzer): configure with "
                        "-DCMAKE_CXX_COMPILER=clang++ in a separate build directory")
  endif()
  # Everything is instrumented for coverage and checked by ASan + UBSan; only the fuzz
  # targets link libFuzzer's main (fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined)
endif()

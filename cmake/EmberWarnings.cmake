# Warnings as errors for Ember's own targets only (never for users' code that includes us).
function(ember_target_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wno-unused-parameter>
    # GCC 12 reports false -Wrestrict positives inside std::string concatenation at -O3
    # (GCC bug 105329).
    $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<CXX_COMPILER_ID:GNU>>:-Wno-restrict>
    $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<BOOL:${EMBER_WERROR}>>:-Werror>
    $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra,-Wno-unused-parameter>)
endfunction()

# The CPU kernels are written as plain loops that the compiler vectorises; -O3 enables that
# in Release builds. A portable baseline ISA is used (no -march=native) so binaries run on any
# x86-64; wider paths are selected at run time where they matter.
function(ember_cpu_kernel_flags target)
  target_compile_options(${target} PRIVATE
    $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<CONFIG:Release>>:-O3>)
endfunction()

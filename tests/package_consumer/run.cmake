# The installed package as users see it. With the build tree's library (shared or static):
#   1. `cmake --install` into a private prefix; a CMake project (find_package(ember 0.1)) builds
#      and runs the consumer: CPU work never maps a CUDA library (shared installs);
#   2. the same program built with pkg-config's flags only (ember.pc);
#   3. with the CUDA backend built (shared): asking for CUDA loads it, and without a GPU the
#      error says which library or driver is missing;
#   4. the Debian packages made by CPack, unpacked into a scratch root: libember + libember-dev
#      (the CUDA backend missing: the error names it), then libember-cuda too.
# Arguments: EMBER_BINARY_DIR, CONSUMER_SOURCE_DIR, WORK_DIR, GENERATOR, CXX, CONSUMER_FLAGS,
# EMBER_SHARED, EMBER_WITH_CUDA, PKG_CONFIG (may be empty), CPACK (may be empty).
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

# The consumer program of a CMake build of the consumer project against `prefix`.
function(build_with_cmake prefix build_dir)
  run("configuring the consumer against ${prefix}" ${CMAKE_COMMAND} -S "${CONSUMER_SOURCE_DIR}"
      -B "${build_dir}" -G "${GENERATOR}" "-DCMAKE_PREFIX_PATH=${prefix}"
      "-DCMAKE_CXX_COMPILER=${CXX}" "-DCMAKE_CXX_FLAGS=${CONSUMER_FLAGS}"
      "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_FLAGS}")
  run("building the consumer against ${prefix}" ${CMAKE_COMMAND} --build "${build_dir}")
endfunction()

# Runs the consumer in `mode`; with `expect` set, its output must match that regex.
function(run_consumer exe mode expect)
  run("the consumer (${mode}) from ${exe}" ${exe} ${mode})
  if(expect AND NOT output MATCHES "${expect}")
    message(FATAL_ERROR "the consumer (${mode}) from ${exe} printed\n${output}\n"
                        "which does not match '${expect}'")
  endif()
  message(STATUS "${exe} ${mode}:\n${output}")
endfunction()

if(EMBER_SHARED OR NOT EMBER_WITH_CUDA)
  set(cpu_mode cpu)  # a CPU program maps no CUDA library
else()
  set(cpu_mode cpu-any)  # static with CUDA: the CUDA libraries are linked in
endif()
# Without a GPU the error names what is missing: the backend library, a CUDA library, or the
# driver/GPU (with the CUDA runtime's reason).
set(cuda_expect "cuda available: yes|cuda error: cuda(:0)? is not available: ..")

# 1. CMake install + find_package.
set(prefix "${WORK_DIR}/prefix")
run("installing Ember" ${CMAKE_COMMAND} --install "${EMBER_BINARY_DIR}" --prefix "${prefix}")
build_with_cmake("${prefix}" "${WORK_DIR}/build")
run_consumer("${WORK_DIR}/build/consumer" ${cpu_mode} "ember [0-9]+\\.[0-9]+\\.[0-9]+")

# 2. pkg-config.
if(PKG_CONFIG)
  file(GLOB_RECURSE pc_file "${prefix}/*/ember.pc")
  get_filename_component(pc_dir "${pc_file}" DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
  set(static_flag)
  if(NOT EMBER_SHARED)
    set(static_flag --static)
  endif()
  run("pkg-config" ${PKG_CONFIG} ${static_flag} --cflags --libs ember)
  string(STRIP "${output}" pc_flags)
  separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
  get_filename_component(libdir "${pc_dir}" DIRECTORY)
  separate_arguments(extra_flags UNIX_COMMAND "${CONSUMER_FLAGS}")
  run("building the consumer with pkg-config's flags" ${CXX} -std=c++20 ${extra_flags}
      "${CONSUMER_SOURCE_DIR}/main.cpp" -o "${WORK_DIR}/consumer_pc" ${pc_flags}
      "-Wl,-rpath,${libdir}")
  run_consumer("${WORK_DIR}/consumer_pc" ${cpu_mode} "ember [0-9]")
endif()

# 3. Asking for CUDA loads the backend (shared builds with CUDA).
if(EMBER_SHARED AND EMBER_WITH_CUDA)
  run_consumer("${WORK_DIR}/build/consumer" cuda "${cuda_expect}")
endif()

# 4. The Debian packages, unpacked into a scratch root.
if(CPACK AND EMBER_SHARED)
  run("cpack" ${CPACK} -G DEB --config "${EMBER_BINARY_DIR}/CPackConfig.cmake"
      -B "${WORK_DIR}/debs")
  file(GLOB debs "${WORK_DIR}/debs/*.deb")
  set(root "${WORK_DIR}/root")
  set(cuda_deb)
  foreach(deb ${debs})
    if(deb MATCHES "libember-cuda")
      set(cuda_deb "${deb}")
    else()
      run("unpacking ${deb}" dpkg-deb -x "${deb}" "${root}")
    endif()
  endforeach()
  build_with_cmake("${root}/usr" "${WORK_DIR}/build-deb")
  run_consumer("${WORK_DIR}/build-deb/consumer" cpu "ember [0-9]")
  if(EMBER_WITH_CUDA)
    if(NOT cuda_deb)
      message(FATAL_ERROR "CUDA was built but CPack made no libember-cuda package: ${debs}")
    endif()
    # libember-cuda not installed: the error names the missing backend library.
    run_consumer("${WORK_DIR}/build-deb/consumer" cuda
                 "cuda error: cuda(:0)? is not available: .*libember_cuda.*No such file")
    run("unpacking ${cuda_deb}" dpkg-deb -x "${cuda_deb}" "${root}")
    run_consumer("${WORK_DIR}/build-deb/consumer" cuda "${cuda_expect}")
  endif()
endif()

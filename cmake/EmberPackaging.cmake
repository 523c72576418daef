# Debian packages (`cpack -G DEB` in the build directory): libember (the shared library),
# libember-cuda (the CUDA backend, when built) and libember-dev (headers, CMake package,
# ember.pc, the development symlink or the static archive).
set(CPACK_PACKAGE_NAME ember)
set(CPACK_PACKAGE_VENDOR "Ember")
set(CPACK_PACKAGE_CONTACT "Ember developers <ember@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENTS_ALL dev)
if(BUILD_SHARED_LIBS)
  list(APPEND CPACK_COMPONENTS_ALL runtime)
endif()
if(TARGET ember_cuda)
  list(APPEND CPACK_COMPONENTS_ALL cuda)
endif()

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libember)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# The library's own dependencies (libfmt, libopenblas, libstdc++) from dpkg-shlibdeps.
find_program(EMBER_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(EMBER_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
endif()

# The CUDA runtime, cuBLAS and NCCL come from NVIDIA's packages, which dpkg-shlibdeps does not know:
# without them libember still works and reports why CUDA is not available.
set(CPACK_DEBIAN_CUDA_PACKAGE_NAME libember-cuda)
set(CPACK_DEBIAN_CUDA_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_CUDA_PACKAGE_DEPENDS "libember (= ${PROJECT_VERSION})")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libember-dev)
if(BUILD_SHARED_LIBS)
  set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libember (= ${PROJECT_VERSION})")
else()
  set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libfmt-dev")
endif()
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS "libfmt-dev")
include(CPack)

# Every dependency comes from the system (Debian packages or the CUDA toolkit); nothing is
# downloaded at configure or build time.
find_package(Threads REQUIRED)

find_package(fmt REQUIRED)
if(EMBER_FMT_HEADER_ONLY)
  set(EMBER_FMT_TARGET fmt::fmt-header-only)
else()
  set(EMBER_FMT_TARGET fmt::fmt)
endif()

# The safetensors header's JSON parser (header-only, used inside the library only).
find_package(nlohmann_json 3 REQUIRED)

# --- BLAS (optional): prefer OpenBLAS, accept any BLAS with the Fortran sgemm_/dgemm_ ABI.
set(EMBER_WITH_BLAS OFF)
if(NOT EMBER_BLAS STREQUAL "OFF")
  set(BLA_VENDOR OpenBLAS)
  find_package(BLAS QUIET)
  if(NOT BLAS_FOUND)
    unset(BLA_VENDOR)
    find_package(BLAS QUIET)
  endif()
  if(BLAS_FOUND)
    set(EMBER_WITH_BLAS ON)
    set(EMBER_BLA_VENDOR "${BLA_VENDOR}")
  elseif(EMBER_BLAS STREQUAL "ON")
    message(FATAL_ERROR "EMBER_BLAS=ON but no BLAS was found (apt-get install libopenblas-dev)")
  endif()
endif()

# --- LAPACK (optional), for the linear-algebra factorizations (backends/cpu/LapackKernels.cpp):
# OpenBLAS bundles it; otherwise a separate liblapack. Without it those ops throw "needs LAPACK".
set(EMBER_WITH_LAPACK OFF)
set(EMBER_LAPACK_LIBRARIES "")
if(NOT EMBER_LAPACK STREQUAL "OFF")
  include(CheckFunctionExists)
  if(EMBER_WITH_BLAS)
    set(CMAKE_REQUIRED_LIBRARIES ${BLAS_LIBRARIES})
    check_function_exists(dgetrf_ EMBER_BLAS_HAS_LAPACK)
    unset(CMAKE_REQUIRED_LIBRARIES)
  endif()
  if(EMBER_BLAS_HAS_LAPACK)
    set(EMBER_WITH_LAPACK ON)
  else()
    find_package(LAPACK QUIET)
    if(LAPACK_FOUND)
      set(EMBER_WITH_LAPACK ON)
      set(EMBER_LAPACK_LIBRARIES ${LAPACK_LIBRARIES})
    elseif(EMBER_LAPACK STREQUAL "ON")
      message(FATAL_ERROR "EMBER_LAPACK=ON but no LAPACK was found (apt-get install libopenblas-dev)")
    endif()
  endif()
endif()

# --- CUDA (optional). The architecture list is set before the language is enabled, so CMake
# never falls back to its own default; it is short on purpose (build time): SASS for Ampere
# and Hopper plus PTX for Ampere, which later GPUs JIT-compile.
set(EMBER_WITH_CUDA OFF)
if(NOT EMBER_CUDA STREQUAL "OFF")
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES "80;90-real" CACHE STRING "CUDA architectures to build for")
    endif()
    enable_language(CUDA)
    # CMake < 3.26 does not know nvcc's C++20 flag; nvcc has had it since CUDA 12.
    if(NOT DEFINED CMAKE_CUDA20_STANDARD_COMPILE_OPTION)
      set(CMAKE_CUDA20_STANDARD_COMPILE_OPTION "-std=c++20")
      set(CMAKE_CUDA20_EXTENSION_COMPILE_OPTION "-std=c++20")
    endif()
    set(CMAKE_CUDA_STANDARD 20)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    find_package(CUDAToolkit REQUIRED)
    set(EMBER_WITH_CUDA ON)
  elseif(EMBER_CUDA STREQUAL "ON")
    message(FATAL_ERROR "EMBER_CUDA=ON but no CUDA compiler (nvcc) was found")
  else()
    message(STATUS "ember: no CUDA compiler found; building the CPU backend only")
  endif()
endif()

# --- MPI (optional): ember::distributed's "mpi" backend and the launcher (mpirun) of
# multi-process programs. Debian: libopenmpi-dev openmpi-bin.
set(EMBER_WITH_MPI OFF)
if(NOT EMBER_MPI STREQUAL "OFF")
  find_package(MPI QUIET COMPONENTS CXX)
  if(MPI_CXX_FOUND)
    set(EMBER_WITH_MPI ON)
  elseif(EMBER_MPI STREQUAL "ON")
    message(FATAL_ERROR "EMBER_MPI=ON but no MPI was found (apt-get install libopenmpi-dev)")
  endif()
endif()

# --- NCCL (optional, with CUDA): ember::distributed's "nccl" backend, built into the CUDA
# backend library (libember.so never links NCCL). Found in the CUDA toolkit, a system install or
# NVIDIA's nvidia-nccl-cu* Python wheel (NCCL_ROOT).
set(EMBER_NCCL_FOUND OFF)
if(EMBER_NCCL STREQUAL "ON" AND NOT EMBER_WITH_CUDA)
  message(FATAL_ERROR "EMBER_NCCL=ON needs the CUDA backend (EMBER_CUDA=ON and nvcc)")
endif()
if(EMBER_WITH_CUDA AND NOT EMBER_NCCL STREQUAL "OFF")
  find_path(EMBER_NCCL_INCLUDE_DIR nccl.h
    HINTS ${NCCL_ROOT} ENV NCCL_ROOT ${CUDAToolkit_INCLUDE_DIRS} PATH_SUFFIXES include)
  find_library(EMBER_NCCL_LIBRARY nccl
    HINTS ${NCCL_ROOT} ENV NCCL_ROOT ${CUDAToolkit_LIBRARY_DIR} ${CUDAToolkit_LIBRARY_ROOT}
    PATH_SUFFIXES lib lib64)
  if(EMBER_NCCL_INCLUDE_DIR AND EMBER_NCCL_LIBRARY)
    set(EMBER_NCCL_FOUND ON)
  elseif(EMBER_NCCL STREQUAL "ON")
    message(FATAL_ERROR "EMBER_NCCL=ON but nccl.h / libnccl were not found (set NCCL_ROOT)")
  endif()
endif()

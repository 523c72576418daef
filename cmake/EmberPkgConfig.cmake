# ember.pc for projects that do not use CMake: `pkg-config --cflags --libs ember` (add
# --static for a static installation). The prefix is found relative to the .pc file, so the
# installation can be moved (or unpacked from the Debian packages into any root).
set(EMBER_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH EMBER_PC_TO_PREFIX /root/${EMBER_PC_DIR} /root)
string(REGEX REPLACE "/$" "" EMBER_PC_TO_PREFIX "${EMBER_PC_TO_PREFIX}")
set(EMBER_PC_LIBS_PRIVATE "-lpthread")
foreach(lib ${CMAKE_DL_LIBS})
  string(APPEND EMBER_PC_LIBS_PRIVATE " -l${lib}")
endforeach()
if(NOT BUILD_SHARED_LIBS)
  # A static libember carries its dependencies' link flags.
  if(EMBER_FMT_HEADER_ONLY)
    set(EMBER_PC_REQUIRES_PRIVATE "")
  else()
    set(EMBER_PC_REQUIRES_PRIVATE "fmt")
  endif()
  if(EMBER_WITH_BLAS)
    string(APPEND EMBER_PC_LIBS_PRIVATE " -lopenblas")
  endif()
  if(EMBER_WITH_CUDA)
    string(APPEND EMBER_PC_LIBS_PRIVATE
           " -L${CUDAToolkit_LIBRARY_DIR} -lcublasLt -lcublas -lcudart")
  endif()
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/ember.pc.in ${PROJECT_BINARY_DIR}/ember.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/ember.pc DESTINATION ${EMBER_PC_DIR} COMPONENT dev)

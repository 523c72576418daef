#!/usr/bin/env python3
"""Writes the .npy test files under tests/core/data/npy/ and tests/core/reference/npy_data.inc.

Valid files are written by NumPy (numpy.save / numpy.lib.format.write_array): every supported
dtype in both byte orders, Fortran order, 0-d and empty arrays, format versions 1.0, 2.0 and
3.0, special float values, plus a few headers NumPy reads but does not write (keys reordered,
double quotes, Python 2 'L' suffixes). The .inc file lists each with its expected contents
and whether Ember must write the very same bytes (what numpy.save writes on a little-endian
machine). Hostile files (bad magic, lying lengths, truncated data, huge or negative shapes,
bad dicts, unsupported dtypes) are listed with a fragment of the expected error.

    /usr/bin/python3 tests/reference/gen_npy.py             # regenerate the files
    /usr/bin/python3 tests/reference/gen_npy.py --verify D  # check files Ember wrote into D

--verify loads every D/<name>.npy with numpy.load and compares it with the array the fixture
<name> holds; the C++ test NpyFiles.ExportForNumpy writes them when EMBER_NPY_EXPORT_DIR=D.
"""
import io
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "core", "data", "npy")
INC = os.path.join(HERE, "..", "core", "reference", "npy_data.inc")

EMBER_DTYPES = {
    "b1": "kBool", "u1": "kByte", "i1": "kChar", "i2": "kShort", "i4": "kInt", "i8": "kLong",
    "f2": "kHalf", "f4": "kFloat", "f8": "kDouble",
}


def fixtures():
    """name -> (array, version or None for numpy.save)."""
    f = {}
    rng = np.random.default_rng(1234)
    f["bool_2x3"] = (np.array([[True, False, True], [False, False, True]]), None)
    f["uint8_4"] = (np.array([0, 1, 128, 255], np.uint8), None)
    f["int8_4"] = (np.array([-128, -1, 0, 127], np.int8), None)
    for code, lo, hi in (("i2", -2**15, 2**15 - 1), ("i4", -2**31, 2**31 - 1),
                         ("i8", -2**63, 2**63 - 1)):
        values = np.array([lo, -2, 0, 3, hi], np.dtype(code))
        for order in "<>":
            f[f"int{np.dtype(code).itemsize * 8}_{'le' if order == '<' else 'be'}"] = (
                values.astype(order + code), None)
    special = [0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan]
    for code, extra in (("f2", [6.0e-8, 65504.0]), ("f4", [1.0e-45, 3.4028235e38]),
                        ("f8", [5.0e-324, 1.7976931348623157e308])):
        values = np.array(special + extra, np.dtype(code))
        for order in "<>":
            f[f"float{np.dtype(code).itemsize * 8}_{'le' if order == '<' else 'be'}"] = (
                values.astype(order + code), None)
    f["float32_3x4"] = (rng.standard_normal((3, 4)).astype(np.float32), None)
    f["float64_2x3x4"] = (rng.standard_normal((2, 3, 4)), None)
    f["fortran_float32_3x4"] = (np.asfortranarray(rng.standard_normal((3, 4)).astype(np.float32)), None)
    f["fortran_int32_be_2x3x4"] = (
        np.asfortranarray(np.arange(24, dtype=">i4").reshape(2, 3, 4)), None)
    f["fortran_bool_3x2"] = (np.asfortranarray(np.array([[1, 0], [0, 0], [1, 1]], bool)), None)
    f["fortran_1d_float64"] = (np.asfortranarray(np.arange(5.0)), None)
    f["scalar_float64"] = (np.array(3.5), None)
    f["scalar_int16_be"] = (np.array(-7, ">i2"), None)
    f["scalar_bool"] = (np.array(True), None)
    f["empty_float32"] = (np.zeros((0,), np.float32), None)
    f["empty_int64_2x0x3"] = (np.zeros((2, 0, 3), np.int64), None)
    f["empty_bool_0x5"] = (np.zeros((0, 5), bool), None)
    f["shape_1x1x1"] = (np.array([[[42]]], np.int32), None)
    f["v2_float32_2x2"] = (np.array([[1, 2], [3, 4]], np.float32), (2, 0))
    f["v3_int16_3"] = (np.array([1, -2, 3], np.int16), (3, 0))
    f["v2_fortran_float64_2x3"] = (np.asfortranarray(np.arange(6.0).reshape(2, 3)), (2, 0))
    return f


def npy_bytes(array, version):
    buf = io.BytesIO()
    if version is None:
        np.save(buf, array)
    else:
        np.lib.format.write_array(buf, array, version=version)
    return buf.getvalue()


def hand_made(header, data=b"", version=(1, 0), magic=b"\x93NUMPY", length=None):
    """A file with a header written by hand (padded as numpy does unless `length` lies)."""
    h = header.encode("latin1")
    size_format = "<H" if version[0] == 1 else "<I"
    prefix_len = 6 + 2 + struct.calcsize(size_format)
    if length is None:
        pad = 64 - (prefix_len + len(h) + 1) % 64
        h = h + b" " * pad + b"\n"
        length = len(h)
    return magic + bytes(version) + struct.pack(size_format, length) + h + data


# Valid files NumPy reads that numpy.save would not write: name -> (bytes, expected array).
def unusual_headers():
    f32 = np.array([1.5, -2.0, 3.25], np.float32)
    return {
        "keys_reordered_double_quotes": (
            hand_made('{"shape": (3,), "fortran_order": False, "descr": "<f4"}', f32.tobytes()),
            f32),
        "python2_long_shape": (
            hand_made("{'descr': '<f4', 'fortran_order': False, 'shape': (3L,), }", f32.tobytes()),
            f32),
        "no_padding_no_newline": (
            hand_made("{'descr':'<f4','fortran_order':False,'shape':(3,)}", f32.tobytes(),
                      length=len("{'descr':'<f4','fortran_order':False,'shape':(3,)}")),
            f32),
        "trailing_data_ignored": (
            hand_made("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
                      f32.tobytes() + b"extra"),
            f32),
        "bool_nonzero_bytes": (
            hand_made("{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }",
                      bytes([0, 1, 2, 255])),
            np.array([False, True, True, True])),
        "native_order_equals": (
            hand_made("{'descr': '=i4', 'fortran_order': False, 'shape': (2,), }",
                      np.array([7, -8], "<i4").tobytes()),
            np.array([7, -8], np.int32)),
        "one_byte_with_order": (
            hand_made("{'descr': '>u1', 'fortran_order': False, 'shape': (2,), }", bytes([9, 200])),
            np.array([9, 200], np.uint8)),
    }


HEADER = "{{'descr': '{}', 'fortran_order': False, 'shape': {}, }}"


# Files that must be rejected: name -> (bytes, fragment of Ember's error message).
def hostile():
    good = HEADER.format("<f4", "(4,)")
    data = np.arange(4, dtype="<f4").tobytes()
    valid = hand_made(good, data)
    return {
        "empty_file": (b"", "too short"),
        "magic_only": (b"\x93NUMPY", "too short"),
        "bad_magic": (b"\x93NUMPX" + valid[6:], "does not start with the magic string"),
        "text_file": (b"hello, this is not a numpy file at all\n", "magic string"),
        "version_4": (hand_made(good, data, version=(4, 0)), "unsupported .npy format version 4.0"),
        "version_1_1": (hand_made(good, data, version=(1, 1)), "format version 1.1"),
        "truncated_preamble_v2": (b"\x93NUMPY\x02\x00\x10", "too short"),
        "header_length_lies": (valid[:8] + struct.pack("<H", 5000) + valid[10:],
                               "runs past the end of the file"),
        "header_length_huge_v2": (hand_made(good, data, version=(2, 0), length=0xFFFFFFFF),
                                  "larger than the 1048576 bytes"),
        "header_length_short": (valid[:8] + struct.pack("<H", 20) + valid[10:], "header"),
        "truncated_data": (valid[:-3], "the data is truncated"),
        "no_data": (hand_made(good), "needs 16 bytes, but 0 follow"),
        "huge_shape": (hand_made(HEADER.format("<f8", "(1099511627776, 1099511627776)"), data),
                       "is too large"),
        "huge_empty_shape": (hand_made(HEADER.format("<f8", "(4611686018427387904, 4, 0)")),
                             "is too large"),
        "big_shape_no_data": (hand_made(HEADER.format("<f8", "(1000000000, 1000)"), data),
                              "the data is truncated"),
        "dimension_overflows_int64": (hand_made(HEADER.format("<f4", "(99999999999999999999,)"), data),
                                      "dimension too large"),
        "negative_shape": (hand_made(HEADER.format("<f4", "(-1, 4)"), data), "negative dimension"),
        "too_many_dims": (hand_made(HEADER.format("<f4", "(" + "1, " * 65 + ")"), data),
                          "more than 64 dimensions"),
        "shape_not_tuple": (hand_made(HEADER.format("<f4", "(4)"), data), "'shape' is not a tuple"),
        "shape_is_list": (hand_made(HEADER.format("<f4", "[4]"), data), "a tuple as 'shape'"),
        "shape_float": (hand_made(HEADER.format("<f4", "(4.0,)"), data), "expected ',' or ')'"),
        "missing_key": (hand_made("{'descr': '<f4', 'shape': (4,), }", data),
                        "lacks 'fortran_order'"),
        "extra_key": (hand_made("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), "
                                "'extra': 1, }", data), "unexpected key 'extra'"),
        "not_a_dict": (hand_made("('<f4', False, (4,))", data), "the header to start with '{'"),
        "unterminated_string": (hand_made("{'descr: '<f4', 'fortran_order': False, 'shape': (4,)}",
                                          data), "expected ':' after a key"),
        "unterminated_header": (hand_made("{'descr': '<f4', 'fortran_order': False", data,
                                          length=len("{'descr': '<f4', 'fortran_order': False")),
                                "expected ',' or '}' at header offset"),
        "fortran_order_string": (hand_made("{'descr': '<f4', 'fortran_order': 'no', 'shape': (4,)}",
                                           data), "expected True or False"),
        "garbage_after_dict": (hand_made(good + " junk", data), "unexpected 'j' after the header"),
        "non_ascii_header": (hand_made("{'descr': '<f\xe94', 'fortran_order': False, 'shape': (4,)}",
                                       data), "unsupported character (byte 0xe9)"),
        "escape_in_string": (hand_made("{'descr': '<f\\x34', 'fortran_order': False, 'shape': (4,)}",
                                       data), "unsupported character (byte 0x5c)"),
        "complex64": (hand_made(HEADER.format("<c8", "(2,)"), data), "unsupported dtype '<c8'"),
        "object": (hand_made(HEADER.format("|O", "(2,)"), data), "unsupported dtype '|O'"),
        "unicode": (hand_made(HEADER.format("<U3", "(1,)"), data), "unsupported dtype '<U3'"),
        "uint16": (hand_made(HEADER.format("<u2", "(8,)"), data), "unsupported dtype '<u2'"),
        "void2": (hand_made(HEADER.format("|V2", "(8,)"), data), "unsupported dtype '|V2'"),
        "datetime": (hand_made(HEADER.format("<M8[ns]", "(2,)"), data), "unsupported dtype"),
        "structured": (hand_made("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (4,), }",
                                 data), "structured dtypes"),
    }


def cpp_values(a):
    flat = a.reshape(-1)
    if a.dtype == np.bool_:
        return "std::vector<bool>{" + ", ".join("true" if v else "false" for v in flat) + "}"
    if a.dtype.kind == "f":
        def lit(v):
            v = float(v)
            if np.isnan(v):
                return "NAN"
            if np.isinf(v):
                return "INFINITY" if v > 0 else "-INFINITY"
            return repr(v)
        return "std::vector<double>{" + ", ".join(lit(v) for v in flat) + "}"

    def i64(v):
        v = int(v)
        return "(-INT64_C(9223372036854775807) - 1)" if v == -2**63 else f"INT64_C({v})"
    return "std::vector<int64_t>{" + ", ".join(i64(v) for v in flat) + "}"


def expected(a):
    shape = "{" + ", ".join(str(s) for s in a.shape) + "}"
    return f"expected_tensor({cpp_values(a)}, {shape}, {EMBER_DTYPES[a.dtype.str[1:]]})"


def generate():
    os.makedirs(DATA, exist_ok=True)
    for old in os.listdir(DATA):
        if old.endswith(".npy"):
            os.remove(os.path.join(DATA, old))
    lines = ["// Generated by tests/reference/gen_npy.py with NumPy " + np.__version__ + "; do not edit.",
             "// EMBER_NPY_FILE(name, canonical, expected): data/npy/<name>.npy holds `expected`;",
             "// canonical files are exactly what numpy.save writes for it (Ember must match).",
             "// EMBER_NPY_BAD_FILE(name, fragment): loading data/npy/bad_<name>.npy must fail."]
    written = {}
    for name, (array, version) in fixtures().items():
        raw = npy_bytes(array, version)
        assert np.array_equal(np.load(io.BytesIO(raw)), array, equal_nan=True)
        canonical = (version is None and array.dtype.byteorder in "<|=" and
                     (array.flags.c_contiguous or array.ndim <= 1))
        written[name] = raw
        lines.append(f"EMBER_NPY_FILE({name}, {'true' if canonical else 'false'}, {expected(array)})")
    for name, (raw, array) in unusual_headers().items():
        loaded = np.load(io.BytesIO(raw))  # NumPy itself reads these
        assert loaded.dtype == array.dtype and np.array_equal(loaded, array), name
        written[name] = raw
        lines.append(f"EMBER_NPY_FILE({name}, false, {expected(array)})")
    for name, (raw, fragment) in hostile().items():
        written["bad_" + name] = raw
        escaped = fragment.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'EMBER_NPY_BAD_FILE({name}, "{escaped}")')
    for name, raw in written.items():
        with open(os.path.join(DATA, name + ".npy"), "wb") as f:
            f.write(raw)
    with open(INC, "w") as f:
        f.write("\n".join(lines) + "\n")
    total = sum(len(r) for r in written.values())
    print(f"wrote {len(written)} files ({total} bytes) to {os.path.relpath(DATA)} and {os.path.relpath(INC)}")


def verify(directory):
    """Checks the files Ember wrote (NpyFiles.ExportForNumpy) with numpy.load."""
    arrays = {name: array for name, (array, _) in fixtures().items()}
    arrays.update({name: array for name, (_, array) in unusual_headers().items()})
    checked = 0
    for entry in sorted(os.listdir(directory)):
        name, ext = os.path.splitext(entry)
        if ext != ".npy":
            continue
        loaded = np.load(os.path.join(directory, entry))
        want = arrays[name]
        assert loaded.shape == want.shape, (name, loaded.shape, want.shape)
        assert loaded.dtype == want.dtype.newbyteorder("="), (name, loaded.dtype, want.dtype)
        assert np.array_equal(loaded, want, equal_nan=True), name
        checked += 1
    assert checked > 0, "no .npy files in " + directory
    print(f"numpy.load read all {checked} files Ember wrote in {directory} correctly")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--verify":
        verify(sys.argv[2])
    else:
        generate()

#!/usr/bin/env python3
"""Writes the safetensors test files under tests/nn/data/serialize/ with safetensors.torch.

    dtypes.safetensors      every dtype Ember has (values the C++ test rebuilds exactly:
                            integer extremes, float specials, 0-d and empty tensors) and one
                            metadata entry
    names.safetensors       names that JSON must escape (quote, backslash, control characters,
                            non-ASCII) and sort byte-wise
    metadata.safetensors    two metadata entries and no tensor
    mlp.safetensors         the state_dict of Sequential(Linear(3, 2), ReLU(), Linear(2, 1))
                            after torch.manual_seed(0)

It also writes the fuzzer's seeds, fuzz/corpus/safetensors/: small valid files (one per dtype,
0-d, empty, metadata only, and headers the library reads but does not write).

Ember must write dtypes, names and mlp byte for byte (Python orders more than one metadata
entry arbitrarily, so metadata is only read).

    python3 tests/reference/gen_safetensors.py             # regenerate the files
    python3 tests/reference/gen_safetensors.py --verify D  # check the files Ember wrote into D

--verify loads D/<name>.safetensors (written by the C++ test SafetensorsFiles.ExportForPython
when EMBER_SAFETENSORS_EXPORT_DIR=D) with safetensors.torch.load_file and compares them with
the tensors above, and loads D/mlp.safetensors into the Sequential with load_state_dict.
"""
import os
import sys

import torch
from safetensors.torch import load_file, save_file

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "nn", "data", "serialize")
SEEDS = os.path.join(HERE, "..", "..", "fuzz", "corpus", "safetensors")


def halves(dtype):
    # -1.25 .. 1.25 in steps of 0.5: exact in every float dtype.
    return (torch.arange(6, dtype=torch.float64).reshape(2, 3) * 0.5 - 1.25).to(dtype)


def dtypes_file():
    t = {}
    for name, dtype in [("f64", torch.float64), ("f32", torch.float32),
                        ("f16", torch.float16), ("bf16", torch.bfloat16)]:
        t[name] = halves(dtype)
    t["f32_special"] = torch.tensor(
        [float("inf"), float("-inf"), float("nan"), -0.0, 1e-45, 3.4028234663852886e38],
        dtype=torch.float32)
    t["i64"] = torch.tensor([[-2**63, 2**63 - 1], [-1, 0], [1, 1234567890123]], dtype=torch.int64)
    t["i32"] = torch.tensor([[-2**31, 2**31 - 1], [-1, 0], [1, 123456789]], dtype=torch.int32)
    t["i16"] = torch.tensor([[-32768, 32767], [-1, 0], [1, 1234]], dtype=torch.int16)
    t["i8"] = torch.tensor([[-128, 127], [-1, 0], [1, 12]], dtype=torch.int8)
    t["u8"] = torch.tensor([[0, 255], [1, 128], [127, 12]], dtype=torch.uint8)
    t["bool"] = torch.tensor([[True, False, True], [True, False, False]])
    t["scalar"] = torch.tensor(3.5, dtype=torch.float32)
    t["empty"] = torch.zeros(0, 3, dtype=torch.float32)
    t["empty_i64"] = torch.zeros(2, 0, dtype=torch.int64)
    return t, {"format": "pt"}


def names_file():
    names = ["a", "B", "\u00e9t\u00e9", 'quote"back\\slash', "new\nline\ttab\x01\x1f\x7f",
             "slash/", "0.weight", ""]
    return {n: torch.full((2,), float(i), dtype=torch.float32) for i, n in enumerate(names)}, None


def metadata_file():
    return {}, {"framework": "pt", "note": "two entries, \"quoted\" and \u00e9"}


def mlp():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))


def mlp_file():
    return {k: v.detach().clone() for k, v in mlp().state_dict().items()}, None


FILES = {"dtypes": dtypes_file, "names": names_file, "metadata": metadata_file, "mlp": mlp_file}


def write_seeds():
    os.makedirs(SEEDS, exist_ok=True)
    seeds = {
        "f32_2x2": ({"w": torch.tensor([[1.0, -2.0], [0.5, 3.0]])}, None),
        "mixed": ({"a": torch.tensor([1, -2], dtype=torch.int64),
                   "b": torch.tensor([True, False]),
                   "c": torch.tensor([1.5], dtype=torch.bfloat16),
                   "d": torch.tensor([[7]], dtype=torch.uint8)}, {"format": "pt"}),
        "scalar_and_empty": ({"s": torch.tensor(2.5, dtype=torch.float64),
                              "e": torch.zeros(3, 0, dtype=torch.int16)}, None),
        "metadata_only": ({}, {"k": "v"}),
    }
    for name, (tensors, metadata) in seeds.items():
        save_file(tensors, os.path.join(SEEDS, name), metadata=metadata)
    # Read by the library though never written by it: entries out of order, other fields,
    # whitespace, a null metadata.
    header = (b'{"__metadata__": null, "b": {"dtype": "I32", "shape": [1], "data_offsets": [4, 8],'
              b' "x": [1, {"y": null}]}, "a": {"dtype": "F16", "shape": [2], "data_offsets": [0, 4]}}')
    with open(os.path.join(SEEDS, "unordered"), "wb") as f:
        f.write(len(header).to_bytes(8, "little") + header + bytes(range(8)))


def same(a, b):
    return (a.dtype == b.dtype and a.shape == b.shape and
            a.reshape(-1).view(torch.uint8).equal(b.reshape(-1).view(torch.uint8)))


def verify(folder):
    failures = 0
    for name, make in FILES.items():
        tensors, metadata = make()
        path = os.path.join(folder, name + ".safetensors")
        loaded = load_file(path)
        ok = loaded.keys() == tensors.keys() and all(same(loaded[k], tensors[k]) for k in tensors)
        print(f"{name}: {'ok' if ok else 'DIFFERS'}")
        failures += not ok
    model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))
    model.load_state_dict(load_file(os.path.join(folder, "mlp.safetensors")))
    ok = all(same(model.state_dict()[k], v) for k, v in mlp_file()[0].items())
    print(f"mlp into Sequential.load_state_dict: {'ok' if ok else 'DIFFERS'}")
    failures += not ok
    sys.exit(1 if failures else 0)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--verify":
        verify(sys.argv[2])
        return
    os.makedirs(DATA, exist_ok=True)
    for name, make in FILES.items():
        tensors, metadata = make()
        save_file(tensors, os.path.join(DATA, name + ".safetensors"), metadata=metadata)
    write_seeds()
    print(f"mlp values: { {k: v.tolist() for k, v in mlp_file()[0].items()} }")


if __name__ == "__main__":
    main()

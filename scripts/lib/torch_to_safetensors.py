#!/usr/bin/env python3
"""Converts a PyTorch checkpoint into a safetensors file without importing torch.

    torch_to_safetensors.py CHECKPOINT OUTPUT --state-key model_state [--keep PREFIX ...]
                            [--metadata KEY=VALUE ...]

Only Python's standard library and numpy are used. The checkpoint is read with a restricted
unpickler: the only globals it resolves are `collections.OrderedDict`, torch's tensor rebuild
function and torch's storage type names; any other global stops the conversion, so a hostile
checkpoint cannot run code. Tensors are rebuilt from the raw storages with numpy (offset,
shape, stride), made contiguous and written as little-endian float32.

Both checkpoint layouts are understood:
  * the zip layout (torch >= 1.6): `<name>/data.pkl` plus one raw file per storage in `<name>/data/`;
  * the legacy layout (torch < 1.6): five consecutive pickles (magic number, protocol version,
    system info, the object, the sorted storage keys), then each storage as an 8-byte little-endian
    element count followed by its raw bytes.

The output follows the safetensors specification: an 8-byte little-endian header length, a JSON
header `{name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__":
{...}}` (keys sorted, so the file is byte-for-byte reproducible), then the tensor bytes.
"""
import argparse
import collections
import io
import json
import pickle
import struct
import sys
import zipfile

import numpy as np

# torch storage class name -> numpy dtype of its elements (little-endian).
STORAGE_DTYPES = {
    "FloatStorage": "<f4", "DoubleStorage": "<f8", "HalfStorage": "<f2",
    "LongStorage": "<i8", "IntStorage": "<i4", "ShortStorage": "<i2",
    "CharStorage": "i1", "ByteStorage": "u1", "BoolStorage": "?",
}
LEGACY_MAGIC = 0x1950A86A20F9469CFC6C


class StorageRef:
    """A storage named by a persistent id; its bytes are attached once they have been read."""

    def __init__(self, key, dtype, numel):
        self.key, self.dtype, self.numel = key, np.dtype(dtype), numel
        self.array = None


class TensorRef:
    """What `torch._utils._rebuild_tensor_v2` would build, kept as a view description."""

    def __init__(self, storage, offset, shape, stride):
        self.storage, self.offset, self.shape, self.stride = storage, offset, tuple(shape), tuple(stride)

    def to_numpy(self):
        base = self.storage.array
        if base is None:
            raise ValueError(f"storage {self.storage.key} was never read")
        count = 1 + sum((n - 1) * s for n, s in zip(self.shape, self.stride)) if all(self.shape) else 0
        if self.offset < 0 or self.offset + count > base.size:
            raise ValueError(f"tensor view exceeds storage {self.storage.key}")
        item = base.itemsize
        view = np.lib.stride_tricks.as_strided(
            base[self.offset:], shape=self.shape, strides=[s * item for s in self.stride], writeable=False)
        return np.ascontiguousarray(view)


def rebuild_tensor(storage, offset, shape, stride, requires_grad=False, hooks=None, *extra):
    if not isinstance(storage, StorageRef):
        raise pickle.UnpicklingError("tensor without a storage")
    return TensorRef(storage, offset, shape, stride)


class StorageType:
    def __init__(self, name):
        self.name = name


class RestrictedUnpickler(pickle.Unpickler):
    """Resolves only the globals a plain state dict needs; storages become `StorageRef`s."""

    def __init__(self, stream, storages):
        super().__init__(stream)
        self.storages = storages

    def find_class(self, module, name):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return rebuild_tensor
        if module == "torch" and name in STORAGE_DTYPES:
            return StorageType(name)
        raise pickle.UnpicklingError(f"refusing global {module}.{name}")

    def persistent_load(self, pid):
        # ('storage', type, key, location, numel[, view metadata])
        if not (isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == "storage"):
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r}")
        kind, key, numel = pid[1], str(pid[2]), int(pid[4])
        if not isinstance(kind, StorageType):
            raise pickle.UnpicklingError("storage of an unknown type")
        if len(pid) > 5 and pid[5] is not None:
            raise pickle.UnpicklingError("storage views are not supported")
        if key not in self.storages:
            self.storages[key] = StorageRef(key, STORAGE_DTYPES[kind.name], numel)
        return self.storages[key]


def load_zip(path):
    storages = {}
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        pkl = [n for n in names if n.endswith("/data.pkl") or n == "data.pkl"]
        if len(pkl) != 1:
            raise ValueError("no single data.pkl in the checkpoint archive")
        prefix = pkl[0][: -len("data.pkl")]
        obj = RestrictedUnpickler(io.BytesIO(archive.read(pkl[0])), storages).load()
        for key, ref in storages.items():
            raw = archive.read(f"{prefix}data/{key}")
            if len(raw) < ref.numel * ref.dtype.itemsize:
                raise ValueError(f"storage {key} is truncated")
            ref.array = np.frombuffer(raw, dtype=ref.dtype, count=ref.numel)
    return obj


def load_legacy(path):
    storages = {}
    with open(path, "rb") as stream:
        safe = lambda: RestrictedUnpickler(stream, {}).load()
        if safe() != LEGACY_MAGIC:
            raise ValueError("not a PyTorch checkpoint (bad magic number)")
        if safe() != 1001:
            raise ValueError("unsupported legacy protocol version")
        info = safe()
        if not info.get("little_endian", False):
            raise ValueError("big-endian checkpoints are not supported")
        obj = RestrictedUnpickler(stream, storages).load()
        keys = safe()
        for key in keys:
            (numel,) = struct.unpack("<q", stream.read(8))
            ref = storages.get(key)
            if ref is None:
                raise ValueError(f"storage {key} has no type (not referenced by the object)")
            raw = stream.read(numel * ref.dtype.itemsize)
            if numel != ref.numel or len(raw) != numel * ref.dtype.itemsize:
                raise ValueError(f"storage {key} is truncated or has an unexpected size")
            ref.array = np.frombuffer(raw, dtype=ref.dtype, count=numel)
    return obj


def write_safetensors(path, tensors, metadata):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4")
        blob = data.tobytes()
        header[name] = {"dtype": "F32", "shape": list(data.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    header["__metadata__"] = dict(sorted(metadata.items()))
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # tensor data starts 8-byte aligned
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for blob in blobs:
            out.write(blob)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checkpoint")
    parser.add_argument("output")
    parser.add_argument("--state-key", help="key of the state dict inside the checkpoint, e.g. model_state")
    parser.add_argument("--keep", action="append", default=[], help="keep only tensors whose name starts with this")
    parser.add_argument("--metadata", action="append", default=[], help="KEY=VALUE stored in __metadata__")
    args = parser.parse_args()

    loader = load_zip if zipfile.is_zipfile(args.checkpoint) else load_legacy
    obj = loader(args.checkpoint)
    state = obj[args.state_key] if args.state_key else obj
    tensors = {}
    for name, value in state.items():
        if args.keep and not any(name.startswith(p) for p in args.keep):
            continue
        if not isinstance(value, TensorRef):
            raise ValueError(f"{name} is not a tensor")
        tensors[name] = value.to_numpy().astype("<f4")
        if not np.all(np.isfinite(tensors[name])):
            raise ValueError(f"{name} has non-finite values")
    if not tensors:
        raise ValueError("no tensors selected")
    metadata = dict(item.split("=", 1) for item in args.metadata)
    write_safetensors(args.output, tensors, metadata)


if __name__ == "__main__":
    try:
        main()
    except (ValueError, KeyError, pickle.UnpicklingError, zipfile.BadZipFile, struct.error, EOFError) as error:
        sys.exit(f"torch_to_safetensors: {error}")

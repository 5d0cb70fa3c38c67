#!/usr/bin/env python3
"""Converts a CTranslate2 Whisper model (model.bin + vocabulary.txt) to whisper.cpp's ggml file.

    convert_ct2_whisper_to_ggml.py CT2_DIR MEL_FILTERS_NPZ OUT.bin [--type f16|q8_0]

Run once by scripts/setup.d/41-whisper-model.sh. Needs only numpy.

CTranslate2's model.bin (little-endian): u32 version (6), string spec name, u32 revision,
u32 variable count, then per variable: string name, u8 rank, u32 dims[rank], u8 dtype
(0 f32, 1 i8, 2 i16, 3 i32, 4 f16, 5 bf16), u32 byte count, data; then u32 alias count and
(alias, target) string pairs. Strings are a u16 length counting a trailing NUL, then UTF-8.

whisper.cpp's ggml file: magic 0x67676d6c, 11 int32 hyper-parameters, the mel filter bank
(int32 n_mel, int32 n_fft, float32[n_mel*n_fft]), the byte-level vocabulary (int32 count, then
int32 length + bytes per token), then tensors under OpenAI's names (int32 n_dims, int32 name
length, int32 ggml type, int32 dims innermost first, name, data).
"""
import argparse
import struct
import sys

import numpy as np

GGML_MAGIC = 0x67676D6C
GGML_TYPE_F32, GGML_TYPE_F16, GGML_TYPE_Q8_0 = 0, 1, 8
# ggml "ftype" of the whole file; quantized files add GGML_QNT_VERSION * 1000.
FTYPE_F16, FTYPE_Q8_0 = 1, 7 + 2 * 1000
CT2_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}


def read_ct2(path):
    """Returns ({name: ndarray}, spec name) with aliases resolved."""
    data = open(path, "rb").read()
    pos = 0

    def take(fmt):
        nonlocal pos
        values = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    def string():
        nonlocal pos
        (length,) = take("H")
        text = data[pos:pos + length - 1].decode("utf-8")
        pos += length
        return text

    (version,) = take("I")
    if version != 6:
        sys.exit(f"unsupported CTranslate2 model version {version} (expected 6)")
    spec = string()
    take("I")  # revision
    (count,) = take("I")
    variables = {}
    for _ in range(count):
        name = string()
        (rank,) = take("B")
        dims = take("I" * rank)
        (dtype,) = take("B")
        (nbytes,) = take("I")
        if dtype not in CT2_DTYPES:
            sys.exit(f"{name}: unsupported dtype {dtype}")
        array = np.frombuffer(data, dtype=CT2_DTYPES[dtype], count=nbytes // np.dtype(CT2_DTYPES[dtype]).itemsize, offset=pos)
        variables[name] = array.reshape(dims) if rank else array
        pos += nbytes
    (aliases,) = take("I")
    for _ in range(aliases):
        alias, target = string(), string()
        variables[alias] = variables[target]
    if pos != len(data):
        sys.exit(f"{len(data) - pos} trailing bytes in {path}")
    return variables, spec


def gpt2_byte_decoder():
    """Inverse of GPT-2's bytes_to_unicode: the printable stand-ins back to raw bytes."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs)}


def vocabulary_bytes(path):
    """The regular (non-special) tokens as raw bytes, in id order, up to <|endoftext|>."""
    decoder = gpt2_byte_decoder()
    tokens = open(path, encoding="utf-8").read().split("\n")
    end = tokens.index("<|endoftext|>")
    return [bytes(decoder[ch] for ch in token) for token in tokens[:end]]


def openai_tensors(v):
    """Yields (OpenAI name, float array) pairs in whisper.cpp's layout from the CT2 variables."""
    def f32(x):
        return np.asarray(x, dtype=np.float32)

    yield "encoder.positional_embedding", f32(v["encoder/position_encodings/encodings"])
    for i in (1, 2):
        yield f"encoder.conv{i}.weight", f32(v[f"encoder/conv{i}/weight"])
        # whisper.cpp adds the conv bias as a [n, 1] tensor
        yield f"encoder.conv{i}.bias", f32(v[f"encoder/conv{i}/bias"]).reshape(-1, 1)

    def norm(prefix, name):
        yield f"{name}.weight", f32(v[f"{prefix}/gamma"])
        yield f"{name}.bias", f32(v[f"{prefix}/beta"])

    def linear(prefix, name):
        yield f"{name}.weight", f32(v[f"{prefix}/weight"])
        yield f"{name}.bias", f32(v[f"{prefix}/bias"])

    def fused(prefix, names):
        """Splits a fused projection; OpenAI's key projections have no bias (CT2 stores zeros)."""
        weights = np.split(f32(v[f"{prefix}/weight"]), len(names))
        biases = np.split(f32(v[f"{prefix}/bias"]), len(names))
        for name, weight, bias in zip(names, weights, biases):
            yield f"{name}.weight", weight
            if name.endswith(".key"):
                if np.abs(bias).max() > 0:
                    sys.exit(f"{prefix}: non-zero key bias, cannot map to OpenAI's layout")
            else:
                yield f"{name}.bias", bias

    def ffn(prefix, block):
        yield from norm(f"{prefix}/ffn/layer_norm", f"{block}.mlp_ln")
        yield from linear(f"{prefix}/ffn/linear_0", f"{block}.mlp.0")
        yield from linear(f"{prefix}/ffn/linear_1", f"{block}.mlp.2")

    def self_attention(prefix, block):
        yield from norm(f"{prefix}/self_attention/layer_norm", f"{block}.attn_ln")
        yield from fused(f"{prefix}/self_attention/linear_0", [f"{block}.attn.query", f"{block}.attn.key", f"{block}.attn.value"])
        yield from linear(f"{prefix}/self_attention/linear_1", f"{block}.attn.out")

    n_audio_layer = layer_count(v, "encoder")
    for i in range(n_audio_layer):
        yield from self_attention(f"encoder/layer_{i}", f"encoder.blocks.{i}")
        yield from ffn(f"encoder/layer_{i}", f"encoder.blocks.{i}")
    yield from norm("encoder/layer_norm", "encoder.ln_post")

    yield "decoder.positional_embedding", f32(v["decoder/position_encodings/encodings"])
    yield "decoder.token_embedding.weight", f32(v["decoder/embeddings/weight"])
    for i in range(layer_count(v, "decoder")):
        prefix, block = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        yield from self_attention(prefix, block)
        yield from norm(f"{prefix}/attention/layer_norm", f"{block}.cross_attn_ln")
        yield from linear(f"{prefix}/attention/linear_0", f"{block}.cross_attn.query")
        yield from fused(f"{prefix}/attention/linear_1", [f"{block}.cross_attn.key", f"{block}.cross_attn.value"])
        yield from linear(f"{prefix}/attention/linear_2", f"{block}.cross_attn.out")
        yield from ffn(prefix, block)
    yield from norm("decoder/layer_norm", "decoder.ln")


def layer_count(v, side):
    n = 0
    while f"{side}/layer_{n}/ffn/linear_0/weight" in v:
        n += 1
    return n


def quantize_q8_0(x):
    """ggml's Q8_0: blocks of 32 values as one f16 scale (max|x|/127) and 32 int8."""
    blocks = x.reshape(-1, 32).astype(np.float32)
    scale = np.abs(blocks).max(axis=1) / 127.0
    inverse = np.divide(1.0, scale, out=np.zeros_like(scale), where=scale != 0)
    q = np.round(blocks * inverse[:, None]).astype(np.int8)
    out = np.empty(len(blocks), dtype=[("d", "<f2"), ("qs", "i1", 32)])
    out["d"] = scale.astype(np.float16)
    out["qs"] = q
    return out.tobytes()


def tensor_type(name, array, wanted):
    # as whisper.cpp expects: 1-D tensors, conv biases and position embeddings in f32; the
    # 3-D conv kernels in f16 even in quantized files; every other matrix in the file's type
    if array.ndim < 2 or name.endswith("conv1.bias") or name.endswith("conv2.bias") or "positional_embedding" in name:
        return GGML_TYPE_F32
    if array.ndim == 3 or wanted == "f16":
        return GGML_TYPE_F16
    return GGML_TYPE_Q8_0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ct2_dir")
    parser.add_argument("mel_filters_npz")
    parser.add_argument("output")
    parser.add_argument("--type", choices=["f16", "q8_0"], default="f16")
    args = parser.parse_args()

    v, spec = read_ct2(f"{args.ct2_dir}/model.bin")
    if spec != "WhisperSpec":
        sys.exit(f"not a Whisper model: {spec}")
    vocab = vocabulary_bytes(f"{args.ct2_dir}/vocabulary.txt")
    n_vocab, n_text_state = v["decoder/embeddings/weight"].shape
    n_audio_ctx, n_audio_state = v["encoder/position_encodings/encodings"].shape
    n_text_ctx = v["decoder/position_encodings/encodings"].shape[0]
    n_mels = v["encoder/conv1/weight"].shape[1]
    filters = np.load(args.mel_filters_npz)[f"mel_{n_mels}"].astype(np.float32)

    hparams = [
        n_vocab, n_audio_ctx, n_audio_state, int(v["encoder/num_heads"][0]), layer_count(v, "encoder"),
        n_text_ctx, n_text_state, int(v["decoder/num_heads"][0]), layer_count(v, "decoder"), n_mels,
        FTYPE_F16 if args.type == "f16" else FTYPE_Q8_0,
    ]
    with open(args.output + ".part", "wb") as out:
        out.write(struct.pack("<I", GGML_MAGIC))
        out.write(struct.pack("<11i", *hparams))
        out.write(struct.pack("<ii", *filters.shape))
        out.write(filters.tobytes())
        out.write(struct.pack("<i", len(vocab)))
        for token in vocab:
            out.write(struct.pack("<i", len(token)))
            out.write(token)
        count = 0
        for name, array in openai_tensors(v):
            ttype = tensor_type(name, array, args.type)
            encoded = name.encode()
            out.write(struct.pack("<iii", array.ndim, len(encoded), ttype))
            out.write(struct.pack(f"<{array.ndim}i", *reversed(array.shape)))
            out.write(encoded)
            if ttype == GGML_TYPE_F32:
                out.write(array.astype("<f4").tobytes())
            elif ttype == GGML_TYPE_F16:
                out.write(array.astype("<f2").tobytes())
            else:
                out.write(quantize_q8_0(array))
            count += 1
    import os
    os.replace(args.output + ".part", args.output)
    print(f"wrote {count} tensors, {len(vocab)} tokens, hparams {hparams} to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()

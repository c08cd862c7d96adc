#!/usr/bin/python3
"""Generates the demo Hub repos under examples/hub/<org>/<name>/.

Run with Debian's interpreter (apt-get install python3-torch python3-numpy python3-yaml):
    /usr/bin/python3 examples/hub/make_examples.py

Every file is small (a few KB) and real: safetensors written to the format's specification
(8-byte little-endian header length, JSON header, raw tensor bytes), PyTorch checkpoints written by
torch.save (zip + pickle), model cards as the Hub renders them (YAML front matter + Markdown).
Each repo's .modelgate-hub.yaml holds what the folder cannot: gating and the Hub's own security
scan verdicts, in the shape the Hub's API returns (securityFileStatus).
"""
import collections
import json
import os
import shutil
import struct

import numpy as np
import torch
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def safetensors_bytes(tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, array in tensors.items():
        data = np.ascontiguousarray(array).tobytes()
        dtype = {np.float32: "F32", np.float16: "F16", np.int64: "I64"}[array.dtype.type]
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)  # the reference writer pads the header to 8 bytes
    return struct.pack("<Q", len(raw)) + raw + b"".join(blobs)


def tiny_lm_tensors(seed, vocab=32, dim=8):
    rng = np.random.default_rng(seed)
    return collections.OrderedDict(
        [
            ("model.embed_tokens.weight", rng.standard_normal((vocab, dim)).astype(np.float32)),
            ("model.layers.0.self_attn.q_proj.weight", rng.standard_normal((dim, dim)).astype(np.float32)),
            ("model.layers.0.mlp.up_proj.weight", rng.standard_normal((dim * 2, dim)).astype(np.float32)),
            ("model.norm.weight", np.ones(dim, dtype=np.float16)),
        ]
    )


def card(front_matter, title, body):
    lines = ["---"]
    for key, value in front_matter.items():
        lines.append(f"{key}: {json.dumps(value) if isinstance(value, list) else value}")
    lines += ["---", "", f"# {title}", "", body.strip(), ""]
    return "\n".join(lines)


def llama_config(**extra):
    config = {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "hidden_size": 8,
        "intermediate_size": 16,
        "num_attention_heads": 2,
        "num_hidden_layers": 1,
        "vocab_size": 32,
        "torch_dtype": "float32",
    }
    config.update(extra)
    return json.dumps(config, indent=2) + "\n"


CHATML = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)


def safe_status(path, pickle_imports=None):
    status = {"status": "safe", "avScan": {"status": "safe"}, "pickleImportScan": {"status": "safe"}}
    if pickle_imports:
        status["pickleImportScan"]["pickleImports"] = pickle_imports
    return status


def write_repo(org, name, files, hub_meta):
    repo = os.path.join(HERE, org, name)
    shutil.rmtree(repo, ignore_errors=True)
    os.makedirs(repo)
    for path, content in files.items():
        full = os.path.join(repo, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if callable(content):
            content(full)
        else:
            with open(full, "wb") as f:
                f.write(content.encode() if isinstance(content, str) else content)
    with open(os.path.join(repo, ".modelgate-hub.yaml"), "w") as f:
        f.write(f"# What the Hub says about {org}/{name} beyond its files (read by `modelgate hub serve`).\n")
        f.write(json_as_yaml(hub_meta))
    print("wrote", os.path.relpath(repo, HERE), sorted(os.listdir(repo)))


def json_as_yaml(value):
    return yaml.safe_dump(value, sort_keys=False, width=100)


def torch_save(obj):
    def write(path):
        torch.save(obj, path)

    return write


class RunsAShellCommand:
    """What a malicious checkpoint smuggles in: unpickling calls os.system (posix.system)."""

    def __reduce__(self):
        return (os.system, ("echo 'ModelGate demo: loading this model ran a shell command' > /tmp/modelgate-demo-pwned",))


def main():
    # 1. A clean model: safetensors only, a full model card, a benign chat template, and Hub scans
    #    that are complete and safe.
    files = {
        "model.safetensors": safetensors_bytes(tiny_lm_tensors(1), {"format": "pt"}),
        "config.json": llama_config(),
        "generation_config.json": json.dumps({"max_new_tokens": 64, "temperature": 0.7}, indent=2) + "\n",
        "tokenizer_config.json": json.dumps({"chat_template": CHATML, "eos_token": "<|im_end|>"}, indent=2) + "\n",
        "README.md": card(
            {
                "license": "apache-2.0",
                "language": ["en"],
                "datasets": ["HuggingFaceTB/smollm-corpus"],
                "pipeline_tag": "text-generation",
                "library_name": "transformers",
                "tags": ["safetensors", "chat"],
            },
            "tiny-chat",
            "A tiny chat model for the ModelGate demo: one Llama layer, weights in safetensors.",
        ),
    }
    write_repo(
        "acme-ml",
        "tiny-chat",
        files,
        {
            "pipelineTag": "text-generation",
            "libraryName": "transformers",
            "tags": ["transformers", "safetensors", "llama", "text-generation"],
            "lastModified": "2025-06-02T10:00:00.000Z",
            "security": {"scansDone": True, "files": {p: safe_status(p) for p in files}},
        },
    )

    # 2. A malicious model: a PyTorch checkpoint whose pickle calls os.system when loaded. The Hub's
    #    pickle-import scan flags it, and ModelGate's own scanner finds it by content.
    checkpoint = collections.OrderedDict(
        [("classifier.weight", torch.zeros(2, 8)), ("classifier.bias", torch.zeros(2)), ("_extra", RunsAShellCommand())]
    )
    files = {
        "pytorch_model.bin": torch_save(checkpoint),
        "config.json": json.dumps({"architectures": ["BertForSequenceClassification"], "model_type": "bert"}, indent=2) + "\n",
        "README.md": card(
            {"license": "mit", "pipeline_tag": "text-classification", "tags": ["pytorch", "bert"]},
            "totally-safe-bert",
            "Best sentiment model ever. Load it with `torch.load` and see!",
        ),
    }
    write_repo(
        "evil-corp",
        "totally-safe-bert",
        files,
        {
            "pipelineTag": "text-classification",
            "libraryName": "transformers",
            "tags": ["transformers", "pytorch", "bert"],
            "lastModified": "2025-05-20T08:30:00.000Z",
            "security": {
                "scansDone": True,
                "files": {
                    "pytorch_model.bin": {
                        "status": "unsafe",
                        "avScan": {"status": "safe"},
                        "pickleImportScan": {
                            "status": "unsafe",
                            "pickleImports": [
                                {"module": "posix", "name": "system", "safety": "dangerous"},
                                {"module": "collections", "name": "OrderedDict", "safety": "innocuous"},
                                {"module": "torch._utils", "name": "_rebuild_tensor_v2", "safety": "innocuous"},
                            ],
                        },
                    },
                    "config.json": safe_status("config.json"),
                    "README.md": safe_status("README.md"),
                },
            },
        },
    )

    # 3. A trusted publisher's model (an org on Cloudsmith's trusted_publishers list). It ships a
    #    benign PyTorch checkpoint beside the safetensors, and the Hub has not finished scanning it.
    state = collections.OrderedDict((k, torch.from_numpy(v.astype(np.float32))) for k, v in tiny_lm_tensors(3).items())
    files = {
        "model.safetensors": safetensors_bytes(tiny_lm_tensors(3), {"format": "pt"}),
        "pytorch_model.bin": torch_save(state),
        "config.json": llama_config(),
        "README.md": card(
            {"license": "apache-2.0", "language": ["en"], "pipeline_tag": "text-generation", "tags": ["demo"]},
            "tiny-demo-lm",
            "A tiny language model from a trusted publisher, for the ModelGate demo.",
        ),
    }
    write_repo(
        "google",
        "tiny-demo-lm",
        files,
        {
            "pipelineTag": "text-generation",
            "libraryName": "transformers",
            "tags": ["transformers", "safetensors", "pytorch"],
            "lastModified": "2025-04-11T16:45:00.000Z",
            "security": {
                "scansDone": False,
                "files": {
                    "model.safetensors": safe_status("model.safetensors"),
                    "pytorch_model.bin": {"status": "queued", "avScan": {"status": "queued"}, "pickleImportScan": {"status": "queued"}},
                    "config.json": safe_status("config.json"),
                    "README.md": safe_status("README.md"),
                },
            },
        },
    )

    # 4. Clean by content, but the Hub's third-party scanner calls a file unsafe: only a policy on
    #    the Hub's verdict (Cloudsmith's security_scan recipe) keeps it out.
    files = {
        "model.safetensors": safetensors_bytes(tiny_lm_tensors(4), {"format": "pt"}),
        "config.json": llama_config(),
        "README.md": card(
            {"license": "apache-2.0", "pipeline_tag": "text-generation"},
            "sketchy-llm",
            "Fine-tuned for extra helpfulness.",
        ),
    }
    write_repo(
        "shady-lab",
        "sketchy-llm",
        files,
        {
            "pipelineTag": "text-generation",
            "libraryName": "transformers",
            "tags": ["transformers", "safetensors"],
            "lastModified": "2025-07-01T00:00:00.000Z",
            "security": {
                "scansDone": True,
                "files": {
                    "model.safetensors": {
                        "status": "unsafe",
                        "avScan": {"status": "safe"},
                        "pickleImportScan": {"status": "safe"},
                        "protectAiScan": {
                            "status": "unsafe",
                            "message": "Architectural backdoor detected in the weights",
                            "reportLabel": "PAIT-ARCH-100",
                        },
                    },
                    "config.json": safe_status("config.json"),
                    "README.md": safe_status("README.md"),
                },
            },
        },
    )

    # 5. A gated model: its files need a token the repo's owner approved (the demo's HFModel names a
    #    Secret holding one).
    files = {
        "model.safetensors": safetensors_bytes(tiny_lm_tensors(5), {"format": "pt"}),
        "config.json": llama_config(),
        "README.md": card(
            {
                "license": "other",
                "license_name": "acme-research-license",
                "extra_gated_prompt": "You agree to use this model for research only.",
                "pipeline_tag": "text-generation",
            },
            "licensed-llm",
            "A gated model: accept the licence on the Hub, then use a token.",
        ),
    }
    write_repo(
        "acme-ml",
        "licensed-llm",
        files,
        {
            "gated": "manual",
            "tokens": ["hf_modelgate_demo_token"],
            "pipelineTag": "text-generation",
            "libraryName": "transformers",
            "tags": ["transformers", "safetensors"],
            "lastModified": "2025-03-15T09:00:00.000Z",
            "security": {"scansDone": True, "files": {p: safe_status(p) for p in files}},
        },
    )


if __name__ == "__main__":
    main()

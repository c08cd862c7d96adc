package cloudsmith

test_pickle_file if {
	match with input as {"v0": {"package": {"format": "huggingface", "uploader": {"slug": "cloudsmith-o6v"}, "files": [{"path": "pytorch_model.bin", "file_extension": ".bin"}]}}}
}

test_safetensors_only if {
	not match with input as {"v0": {"package": {"format": "huggingface", "uploader": {"slug": "cloudsmith-o6v"}, "files": [{"path": "model.safetensors", "file_extension": ".safetensors"}]}}}
}

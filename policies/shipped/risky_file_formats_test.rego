package modelgate.risky_file_formats_test

import data.modelgate.risky_file_formats as policy

test_pickle_extension_matches if {
	policy.match with input as {"files": [{"path": "pytorch_model.bin", "extension": ".bin"}]}
}

test_safetensors_only_does_not_match if {
	not policy.match with input as {"files": [{"path": "model.safetensors", "extension": ".safetensors"}, {"path": "config.json", "extension": ".json"}]}
}

test_reason_names_each_file if {
	count(policy.reason) == 2 with input as {"files": [{"path": "a.pt", "extension": ".pt"}, {"path": "b.pkl", "extension": ".pkl"}]}
}

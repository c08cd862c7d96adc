package cloudsmith

test_dataset_declared if {
	match with input as {"v0": {"package": {"format": "huggingface", "card": {"datasets": ["HuggingFaceTB/smollm-corpus"]}}}}
}

test_dataset_absent if {
	not match with input as {"v0": {"package": {"format": "huggingface", "card": {"datasets": ["other/corpus"]}}}}
}

test_no_card if {
	not match with input as {"v0": {"package": {"format": "huggingface"}}}
}

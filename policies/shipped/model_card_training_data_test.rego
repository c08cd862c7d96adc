package modelgate.model_card_training_data_test

import data.modelgate.model_card_training_data as policy

test_denied_dataset_matches if {
	policy.match with input as {"card": {"datasets": ["a/b", "HuggingFaceTB/smollm-corpus-denied-example"]}}
}

test_other_datasets_do_not_match if {
	not policy.match with input as {"card": {"datasets": ["a/b"]}}
}

test_no_card_does_not_match if {
	not policy.match with input as {"card": {"datasets": []}}
}

test_denied_set_can_be_overridden if {
	policy.match with input as {"card": {"datasets": ["x/y"]}} with policy.denied_datasets as {"x/y"}
}

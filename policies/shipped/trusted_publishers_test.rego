package modelgate.trusted_publishers_test

import data.modelgate.trusted_publishers

test_trusted_publisher_matches if {
	trusted_publishers.match with input as {"model": {"publisher": "google", "repo": "google/gemma"}}
}

test_other_publisher_does_not_match if {
	not trusted_publishers.match with input as {"model": {"publisher": "evil-corp", "repo": "evil-corp/x"}}
}

test_publisher_match_is_case_sensitive if {
	not trusted_publishers.match with input as {"model": {"publisher": "Google"}}
}

test_missing_model_does_not_match if {
	not trusted_publishers.match with input as {}
}

test_reason_names_publisher if {
	trusted_publishers.reason == {"publisher \"microsoft\" is trusted"} with input as {"model": {"publisher": "microsoft"}}
}

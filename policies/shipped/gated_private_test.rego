package modelgate.gated_private_test

import data.modelgate.gated_private as policy

test_gated_matches if {
	policy.match with input as {"model": {"gated": true, "private": false}}
}

test_public_does_not_match if {
	not policy.match with input as {"model": {"gated": false, "private": false}}
}

test_both_reasons if {
	count(policy.reason) == 2 with input as {"model": {"gated": true, "private": true}}
}

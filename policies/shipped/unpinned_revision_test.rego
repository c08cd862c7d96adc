package modelgate.unpinned_revision_test

import data.modelgate.unpinned_revision as policy

test_branch_matches if {
	policy.match with input as {"model": {"revision": "main", "commit": "0123456789abcdef0123456789abcdef01234567"}}
}

test_commit_does_not_match if {
	not policy.match with input as {"model": {"revision": "0123456789abcdef0123456789abcdef01234567"}}
}

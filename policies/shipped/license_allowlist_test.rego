package modelgate.license_allowlist_test

import data.modelgate.license_allowlist as policy

test_allowed_license_does_not_match if {
	not policy.match with input as {"card": {"license": "Apache-2.0"}}
}

test_unknown_license_matches if {
	policy.match with input as {"card": {"license": "proprietary"}}
}

test_missing_license_matches if {
	policy.reason == {"the model card declares no licence"} with input as {"card": {}}
}

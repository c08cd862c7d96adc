package modelgate.pickle_findings_test

import data.modelgate.pickle_findings as policy

test_medium_finding_in_pickle_matches if {
	policy.match with input as {"files": [{"path": "m.pkl", "format": "pickle", "findings": [{"severity": "MEDIUM", "rule": "pickle.global.unknown"}]}]}
}

test_low_finding_in_pickle_does_not_match if {
	not policy.match with input as {"files": [{"path": "m.pkl", "format": "pickle", "findings": [{"severity": "LOW", "rule": "x"}]}]}
}

test_medium_finding_in_other_format_does_not_match if {
	not policy.match with input as {"files": [{"path": "m.gguf", "format": "gguf", "findings": [{"severity": "HIGH", "rule": "gguf.template"}]}]}
}

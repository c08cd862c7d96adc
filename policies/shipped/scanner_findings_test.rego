package modelgate.scanner_findings_test

import data.modelgate.scanner_findings as policy

test_critical_matches_with_reason if {
	inp := {"scan": {"maxSeverity": "CRITICAL"}, "files": [{"path": "a.pkl", "findings": [{"severity": "CRITICAL", "rule": "pickle.global.dangerous", "message": "os.system"}]}]}
	policy.match with input as inp
	policy.reason == {"a.pkl: CRITICAL pickle.global.dangerous: os.system"} with input as inp
}

test_medium_does_not_match if {
	not policy.match with input as {"scan": {"maxSeverity": "MEDIUM"}, "files": []}
}

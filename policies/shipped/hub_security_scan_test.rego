package modelgate.hub_security_scan_test

import data.modelgate.hub_security_scan

safe_hub := {"availability": "COMPLETE", "scanSummary": "SAFE", "files": [{"path": "model.safetensors", "status": "safe", "verdict": "SAFE"}]}

test_complete_and_safe_does_not_match if {
	not hub_security_scan.match with input as {"hub": safe_hub}
}

test_unsafe_file_matches_and_is_named if {
	hub := {"availability": "COMPLETE", "scanSummary": "UNSAFE", "files": [{"path": "pytorch_model.bin", "status": "unsafe", "verdict": "UNSAFE"}]}
	hub_security_scan.match with input as {"hub": hub}
	"the Hub flags pytorch_model.bin as unsafe" in hub_security_scan.reason with input as {"hub": hub}
}

test_partial_scan_matches if {
	hub_security_scan.match with input as {"hub": {"availability": "PARTIAL", "scanSummary": "QUEUED", "files": []}}
}

test_no_hub_data_matches if {
	hub_security_scan.match with input as {"hub": {"availability": "UNAVAILABLE", "scanSummary": "UNKNOWN", "files": []}}
}

package cloudsmith

pkg := {"format": "huggingface", "name": "a/b", "uploader": {"slug": "cloudsmith-o6v"}}

test_safe_complete if {
	not match with input as {"v0": {"package": pkg, "model_security": {"availability": "COMPLETE", "scan_summary": "SAFE"}}}
}

test_unsafe if {
	match with input as {"v0": {"package": pkg, "model_security": {"availability": "COMPLETE", "scan_summary": "UNSAFE"}}}
}

test_incomplete if {
	match with input as {"v0": {"package": pkg, "model_security": {"availability": "INCOMPLETE", "scan_summary": "SAFE"}}}
}

test_reason if {
	reason == {"Hub scan COMPLETE/UNSAFE"} with input as {"v0": {"package": pkg, "model_security": {"availability": "COMPLETE", "scan_summary": "UNSAFE"}}}
}

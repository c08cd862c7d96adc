package cloudsmith_test

import rego.v1

import data.cloudsmith

safe_input := {"v0": {
	"package": {
		"name": "HuggingFaceTB/SmolLM-135M",
		"files": [{"path": "model.safetensors", "file_extension": ".safetensors"}],
	},
	"model_security": {"availability": "COMPLETE", "scan_summary": "SAFE"},
}}

test_safe_model_does_not_match if {
	not cloudsmith.match with input as safe_input
}

test_unsafe_scan_matches if {
	cloudsmith.match with input as object.union(safe_input, {"v0": {"model_security": {"scan_summary": "UNSAFE"}}})
}

test_unsafe_scan_reason if {
	reasons := cloudsmith.reason with input as object.union(safe_input, {"v0": {"model_security": {"scan_summary": "UNSAFE"}}})
	reasons == {"Hub scan summary is UNSAFE"}
}

test_incomplete_scan_matches if {
	cloudsmith.match with input.v0.model_security.availability as "PENDING"
		with input.v0.package as safe_input.v0.package
		with input.v0.model_security.scan_summary as "SAFE"
}

test_pickle_from_untrusted_publisher if {
	pkg := {
		"name": "someone/model",
		"files": [{"path": "pytorch_model.bin", "file_extension": ".BIN"}],
	}
	reasons := cloudsmith.reason with input as {"v0": {"package": pkg, "model_security": safe_input.v0.model_security}}
	reasons == {"pickle-capable file pytorch_model.bin from untrusted publisher someone"}
}

test_pickle_from_trusted_publisher_is_fine if {
	pkg := {"name": "google/gemma", "files": [{"path": "a.bin", "file_extension": ".bin"}]}
	not cloudsmith.match with input as {"v0": {"package": pkg, "model_security": safe_input.v0.model_security}}
}

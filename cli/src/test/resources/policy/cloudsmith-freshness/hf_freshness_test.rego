package cloudsmith_test

import rego.v1

import data.cloudsmith

fresh := {
	"model": {"lastModified": "2099-01-01T00:00:00Z"},
	"card": {"extras": {"transformers_version": "4.40.1"}},
	"files": [{"path": "model.safetensors", "severity": "NONE"}],
}

test_fresh_model_has_no_reasons if {
	count(cloudsmith.review_reasons) == 0 with input as fresh
}

test_old_model_is_stale if {
	cloudsmith.stale with input as object.union(fresh, {"model": {"lastModified": "2015-03-01T00:00:00Z"}})
}

test_old_transformers if {
	cloudsmith.review_reasons == {"old transformers version"} with input.card.extras.transformers_version as "4.30.2"
		with input.model as fresh.model
		with input.files as fresh.files
}

test_unclean_file if {
	bad := array.concat(fresh.files, [{"path": "x.pkl", "severity": "HIGH"}])
	"files not clean" in cloudsmith.review_reasons with input as object.union(fresh, {"files": bad})
}

test_with_data_from_file if {
	data.max_severity == "MEDIUM"
}

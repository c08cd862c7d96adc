package cloudsmith

default match := false

upstream_hf if {
	input.v0.package.format == "huggingface"
	input.v0.package.uploader.slug == "cloudsmith-o6v"
}

match if {
	upstream_hf
	input.v0.model_security.availability != "COMPLETE"
}

match if {
	upstream_hf
	input.v0.model_security.scan_summary != "SAFE"
}

reason contains msg if {
	match
	msg := sprintf("Hub scan %s/%s", [input.v0.model_security.availability, input.v0.model_security.scan_summary])
}

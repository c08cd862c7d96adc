# METADATA
# title: Quarantine models whose Hub security scan is not clean
# description: Cloudsmith EPM recipe style, for Hugging Face models.
package cloudsmith

import rego.v1

default match := false

trusted_publishers := {"google", "meta-llama", "HuggingFaceTB"}

match if count(reason) > 0

reason contains msg if {
	input.v0.model_security.scan_summary != "SAFE"
	msg := sprintf("Hub scan summary is %s", [input.v0.model_security.scan_summary])
}

reason contains msg if {
	input.v0.model_security.availability != "COMPLETE"
	msg := sprintf("Hub scan availability is %s", [input.v0.model_security.availability])
}

reason contains msg if {
	some file in input.v0.package.files
	ext := lower(file.file_extension)
	ext in {".bin", ".pkl", ".pt", ".pth"}
	publisher := split(input.v0.package.name, "/")[0]
	not publisher in trusted_publishers
	msg := sprintf("pickle-capable file %s from untrusted publisher %s", [file.path, publisher])
}

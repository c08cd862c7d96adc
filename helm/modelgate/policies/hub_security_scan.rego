# METADATA
# title: Hub security scan
# description: Quarantine models whose Hugging Face Hub security scans are not complete, or not
#   all safe (ClamAV, pickle imports, third-party scanners as the Hub reports them).
package modelgate.hub_security_scan

default match := false

match if count(reason) > 0

reason contains msg if {
	input.hub.availability != "COMPLETE"
	msg := sprintf("the Hub's security scans are %s", [lower(input.hub.availability)])
}

reason contains msg if {
	input.hub.scanSummary != "SAFE"
	msg := sprintf("the Hub's security scans say %s", [input.hub.scanSummary])
}

reason contains msg if {
	some file in input.hub.files
	file.verdict == "UNSAFE"
	msg := sprintf("the Hub flags %s as %s", [file.path, file.status])
}

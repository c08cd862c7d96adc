# METADATA
# title: Scanner findings baseline
# description: Quarantine any model with a HIGH or CRITICAL scanner finding. Runs last, like
#   Cloudsmith's malware block, so that only a terminal policy before it can override the scanner.
package modelgate.scanner_findings

default match := false

match if input.scan.maxSeverity in {"HIGH", "CRITICAL"}

reason contains msg if {
	some file in input.files
	some finding in file.findings
	finding.severity in {"HIGH", "CRITICAL"}
	msg := sprintf("%s: %s %s: %s", [file.path, finding.severity, finding.rule, finding.message])
}

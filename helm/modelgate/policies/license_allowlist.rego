# METADATA
# title: Licence allowlist
# description: Tag models whose model card licence is missing or not on the allowlist.
package modelgate.license_allowlist

default match := false

allowed := {"apache-2.0", "mit", "bsd-3-clause", "bsd-2-clause", "cc-by-4.0", "openrail", "llama3", "llama3.1", "gemma"}

match if count(reason) > 0

reason contains "the model card declares no licence" if not input.card.license

reason contains msg if {
	license := input.card.license
	not lower(license) in allowed
	msg := sprintf("licence %q is not on the allowlist", [license])
}

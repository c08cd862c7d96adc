# METADATA
# title: Trusted publishers
# description: Models from publishers the organisation trusts are made Available and tagged,
#   and evaluation stops (terminal, precedence 0), so later quarantine policies do not apply.
package modelgate.trusted_publishers

default match := false

# Edit this set (or override it with `data`) to name the publishers you trust.
trusted := {"amazon", "apple", "facebook", "FacebookAI", "google", "Intel", "microsoft", "openai"}

match if input.model.publisher in trusted

reason contains msg if {
	match
	msg := sprintf("publisher %q is trusted", [input.model.publisher])
}

package cloudsmith

import rego.v1

# Models older than the cutoff, or built on an old transformers version, need review.
max_age_years := 2

min_transformers := "4.38.0"

stale if {
	modified := time.parse_rfc3339_ns(input.model.lastModified)
	cutoff := time.add_date(time.now_ns(), 0 - max_age_years, 0, 0)
	modified < cutoff
}

old_library if {
	version := input.card.extras.transformers_version
	regex.match(`^[0-9]+\.[0-9]+\.[0-9]+$`, version)
	semver.compare(version, min_transformers) < 0
}

all_files_scanned if {
	every file in input.files {
		file.severity in {"NONE", "INFO", "LOW"}
	}
}

review_reasons contains "stale model" if stale

review_reasons contains "old transformers version" if old_library

review_reasons contains "files not clean" if not all_files_scanned

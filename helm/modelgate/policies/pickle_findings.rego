# METADATA
# title: Pickle-family findings
# description: Quarantine models in which a pickle-family file (pickle, PyTorch, joblib, dill,
#   numpy object arrays) carries any finding of MEDIUM severity or worse, since in a format that
#   runs code on load an unexplained import is reason enough to stop.
package modelgate.pickle_findings

default match := false

pickle_formats := {"pickle", "pytorch-zip", "pytorch-legacy", "pytorch-legacy-tar", "numpy", "numpy-npz", "joblib", "dill"}

serious := {"MEDIUM", "HIGH", "CRITICAL"}

match if count(reason) > 0

reason contains msg if {
	some file in input.files
	file.format in pickle_formats
	some finding in file.findings
	finding.severity in serious
	msg := sprintf("%s (%s): %s %s", [file.path, file.format, finding.severity, finding.rule])
}

package cloudsmith

default match := false

match if {
	pkg := input.v0.package
	pkg.format == "huggingface"
	"HuggingFaceTB/smollm-corpus" in pkg.card.datasets
}

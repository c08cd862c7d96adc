package cloudsmith

default match := false

trusted_orgs := {"amazon", "apple", "facebook", "FacebookAI", "google", "Intel", "microsoft", "openai"}

match if {
	pkg := input.v0.package
	pkg.format == "huggingface"
	pkg.uploader.slug == "cloudsmith-o6v"
	org := split(pkg.name, "/")[0]
	org in trusted_orgs
}

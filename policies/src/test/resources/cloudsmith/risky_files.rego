package cloudsmith

default match := false

risky_extensions := {".bin", ".ckpt", ".dat", ".dill", ".gguf", ".h5", ".hdf5", ".joblib", ".keras", ".npy", ".pb", ".pdparams", ".pkl", ".pt", ".pth", ".zip"}

match if {
	pkg := input.v0.package
	pkg.format == "huggingface"
	pkg.uploader.slug == "cloudsmith-o6v"
	some file in pkg.files
	file.file_extension in risky_extensions
}

reason contains msg if {
	some file in input.v0.package.files
	file.file_extension in risky_extensions
	msg := sprintf("risky file %s", [file.path])
}

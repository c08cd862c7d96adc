# METADATA
# title: Risky file formats
# description: Tag models that ship files in formats that can run code when loaded (pickle family,
#   Keras/HDF5, TensorFlow graphs, GGUF templates, archives).
package modelgate.risky_file_formats

default match := false

risky_extensions := {
	".bin", ".ckpt", ".dat", ".dill", ".gguf", ".h5", ".hdf5", ".joblib", ".keras",
	".npy", ".npz", ".pb", ".pdparams", ".pkl", ".pickle", ".pt", ".pth", ".zip",
}

match if count(reason) > 0

reason contains msg if {
	some file in input.files
	file.extension in risky_extensions
	msg := sprintf("%s has the risky extension %s", [file.path, file.extension])
}

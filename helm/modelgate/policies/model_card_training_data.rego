# METADATA
# title: Model card training data
# description: Quarantine models whose model card declares training data the organisation does not
#   allow. Override `denied_datasets` with `data` or edit it.
package modelgate.model_card_training_data

default match := false

denied_datasets := {"HuggingFaceTB/smollm-corpus-denied-example"}

match if count(reason) > 0

reason contains msg if {
	some dataset in input.card.datasets
	dataset in denied_datasets
	msg := sprintf("the model card declares training data %q, which is not allowed", [dataset])
}

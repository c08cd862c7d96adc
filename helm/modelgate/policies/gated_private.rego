# METADATA
# title: Gated or private model
# description: Tag models that are gated or private on the Hub, so their terms of use get a look.
package modelgate.gated_private

default match := false

match if count(reason) > 0

reason contains "the model is gated on the Hub" if input.model.gated == true

reason contains "the model is private on the Hub" if input.model.private == true

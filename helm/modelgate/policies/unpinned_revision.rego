# METADATA
# title: Unpinned revision
# description: Tag models whose HFModel asks for a moving revision (a branch or tag) rather than a
#   commit, so that an upstream push cannot silently change what is approved without notice.
package modelgate.unpinned_revision

default match := false

match if not regex.match(`^[0-9a-f]{40}$`, input.model.revision)

reason contains msg if {
	match
	msg := sprintf("revision %q is not a commit; it resolved to %s", [input.model.revision, input.model.commit])
}

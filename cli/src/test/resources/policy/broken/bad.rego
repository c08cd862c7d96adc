package broken

import rego.v1

allow if {
	x := input.user
	y == 1
}

//go:build !unix

package extcheck

import "os/exec"

// ownProcessGroup does nothing here: a cancelled context kills the client
// alone.
func ownProcessGroup(cmd *exec.Cmd) {}

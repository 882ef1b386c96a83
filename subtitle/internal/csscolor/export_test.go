package csscolor

// Names returns the named colors, without transparent, in no order.
func Names() []string {
	out := make([]string, 0, len(named))
	for n := range named {
		if n != "transparent" {
			out = append(out, n)
		}
	}
	return out
}

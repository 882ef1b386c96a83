// Package stl reads and writes EBU STL (EBU Tech 3264), the binary
// subtitle format of European broadcasters, and registers it with package
// subtitle as "stl" (alias "ebu-stl", extension .stl). Import it for its
// side effect:
//
//	import _ "github.com/subkit-dev/subkit/subtitle/stl"
//
// Files are read and written through go-astisub (pinned at v0.45.0); its
// types stay in this package. The reader gets the file's bytes as they
// are (the format is binary; Spec.Binary); the writer writes plain text,
// one TTI line a caption line, and keeps no styles or placement.
package stl

// Package edit applies the timing package's operations to caption
// documents: it takes the times and text out of a subtitle.Document, lets
// timing work on them (pure functions of times and text), and puts the
// results back, with messages that name the captions. The command line
// tool does its retiming and repairs through it.
package edit

// Package sami reads and writes SAMI (.smi), Microsoft's HTML-like
// caption format, common for Korean films: <SYNC Start=ms> marks, each
// with a <P Class=KRCC> paragraph per language, the languages declared as
// CSS classes in the head (".KRCC { Name: Korean; lang: ko-KR; }").
//
// A file may hold several languages; the reader reads one: the class or
// language tag ReadOptions.Language names (the CLI's --language), else
// the first declared, and reports the others as not read. A caption runs
// from its SYNC to the language's next SYNC; a SYNC whose paragraph is
// blank (&nbsp;) only ends the one before. <br> breaks lines; <i>, <b>,
// <u> and <font color> are kept (a color that is none is ignored, with a
// warning naming its line); other markup is dropped and reported.
//
// The writer writes one language, declared from the document's Lang,
// with the same markup, and a blank SYNC at a caption's end when the next
// does not start there. Importing the package registers the format with
// package subtitle.
package sami

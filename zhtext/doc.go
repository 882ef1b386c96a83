// Package zhtext writes Chinese caption text the way Chinese subtitlers
// write it: caption punctuation (Punctuate) and conversion between
// Simplified and Traditional Chinese at phrase level (Converter).
//
// The conversion is OpenCC's: its dictionaries (embedded under dict/, made
// by internal/gendict from the npm package opencc-js, Apache-2.0) applied
// as OpenCC applies them: phrases first, longest match, then characters,
// then the regional variants and phrases of Taiwan or Hong Kong.
package zhtext

// Package cuesettings parses WebVTT cue settings and REGION settings as the
// WebVTT parser algorithm does. The WebVTT reader and writer use it, and so
// does every writer that places a cue from its settings (Cue.Settings are
// kept in WebVTT syntax whatever the format read).
package cuesettings

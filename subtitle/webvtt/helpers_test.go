package webvtt

import "time"

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

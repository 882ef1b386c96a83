// Package audio finds where speech is in a sound file, with no speech
// model: it reads the samples (WAV natively, anything else through
// ffmpeg), keeps a few numbers for every 10 ms frame, and marks the
// stretches of speech in them.
//
// # Reading
//
// Open reads a WAV of 8 to 32-bit integer PCM or 32/64-bit float, at any
// rate and channel count, itself; any other file (a compressed WAV, MP3,
// AAC, a video) is decoded by `ffmpeg -i FILE -ac 1 -ar 16000 -f s16le -`,
// whose output is read through a pipe as it comes. Either way the samples
// pass through once and only the features are kept: an hour of audio is
// about 70 MB of features (58 MB of them the log-mel bands), where its
// samples at 16 kHz would be 230 MB as float32.
//
// # Features
//
// For each frame (10 ms hop, 25 ms Hann window) Analyze computes the power
// spectrum, and for each frequency bin of the speech band (150 Hz to 6 kHz)
// tracks the noise as the least smoothed power in a 3 s window around the
// frame (minimum statistics, with a bias factor). The frame's Score is the
// log of the mean over bins of power/noise: every bin is measured against
// its own noise, so pink or brown noise, hum and steady music beds count as
// flat. The floor of a bin also rises to a sound that has not risen there in
// the quarter second before the frame or will not fall in the quarter second
// after (a held or decaying note): a voice's harmonics move with its pitch
// and stop at each closure. Level (band energy), spectral Flatness and the energy of four
// 2.5 ms sub-blocks of the pre-emphasized signal are kept too, and 40
// log-mel band energies (100 Hz to 7.6 kHz, the same bands at any rate),
// which say what is said: LogMel computes them alone for a synthesized
// reference to compare with.
//
// # Detection
//
// Detect marks runs of frames whose Score stays above a low threshold and
// reaches a high one somewhere (hysteresis), drops runs struck on a steady
// beat (runs of the same length starting on a grid of 0.25 to 2 s around
// them: drums, ticks, chords played in time), and refines each run's onset
// and offset to a 2.5 ms sub-block, where the energy first rises a few dB
// over the median of the pause before it (and last stands over the pause
// after it).
//
// # Why plain Go
//
// The DSP here is one real FFT size per rate, a Hann window, a recursive
// smoother and a running minimum: about 300 lines. The Go audio libraries
// (go-audio/wav, go-dsp, gonum's fourier) would cover the WAV reading and
// the FFT, but not the streaming noise tracker or the detector, and they
// bring allocation per call (go-dsp) or a dependency larger than the code
// it replaces. A radix-2 FFT over precomputed twiddles, computing a real
// spectrum with a half-size complex transform, analyses an hour of 16 kHz
// audio in a few seconds of one core, so no faster library is needed.
package audio

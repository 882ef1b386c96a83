package extcheck_test

// The tests read and write captions in every format.
import _ "github.com/subkit-dev/subkit/subtitle/all"

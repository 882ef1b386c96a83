package align

// The search's cost of each frame in each state (frameCost, and flat for
// a unit's frame) is worked out on another goroutine a block of states
// ahead of the search, which takes the states one after another: on two
// cores the distances and the search's own sums run at the same time.

// costBlock is about how many cells (states × frames) a block of the
// costs holds.
const costBlock = 1 << 16

// cellCosts hands the search each state's costs, worked out ahead.
type cellCosts struct {
	off   []int // the cells before each state, as viterbi counts them
	ready chan costRows
	free  chan []float64
	done  chan struct{}
	cur   costRows
}

// costRows are the costs of states [from, to), the cells of state s at
// cells[off[s]-off[from]:].
type costRows struct {
	from, to int
	cells    []float64
}

// startCosts starts working out the costs of the states of st over the
// frames x, state s at frames [lo[s], hi[s]) (off as viterbi gives it).
func startCosts(st *states, x, bg, flat []float32, lo, hi, off []int, gapCap float64) *cellCosts {
	c := &cellCosts{off: off, ready: make(chan costRows, 2), free: make(chan []float64, 3), done: make(chan struct{})}
	for range 3 {
		c.free <- nil
	}
	go func() {
		defer close(c.ready)
		S := st.n()
		for from := 0; from < S; {
			to := from + 1
			for to < S && off[to+1]-off[from] <= costBlock {
				to++
			}
			var buf []float64
			select {
			case buf = <-c.free:
			case <-c.done:
				return
			}
			n := off[to] - off[from]
			if cap(buf) < n {
				buf = make([]float64, n)
			}
			buf = buf[:n]
			for s := from; s < to; s++ {
				v := st.vec[s]
				row := buf[off[s]-off[from] : off[s+1]-off[from]]
				for t := lo[s]; t < hi[s]; t++ {
					d := frameCost(v, x[t*dims:(t+1)*dims], bg, gapCap)
					if v != nil {
						d += float64(flat[t])
					}
					row[t-lo[s]] = d
				}
			}
			select {
			case c.ready <- costRows{from, to, buf}:
			case <-c.done:
				return
			}
			from = to
		}
	}()
	return c
}

// row is the costs of state s, the states taken in order; the row is
// good until the next block is taken.
func (c *cellCosts) row(s int) []float64 {
	if s >= c.cur.to {
		if c.cur.cells != nil {
			c.free <- c.cur.cells
		}
		c.cur = <-c.ready
	}
	return c.cur.cells[c.off[s]-c.off[c.cur.from] : c.off[s+1]-c.off[c.cur.from]]
}

// stop ends the work ahead (a search that ends early).
func (c *cellCosts) stop() { close(c.done) }

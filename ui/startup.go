package ui

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
)

// startupProbeEnv names the environment variable that makes the app report when its first
// frame is up and quit: docs/startup.sh measures cold start with it.
const startupProbeEnv = "GANZHAO_STARTUP_PROBE"

// probeStartup, when the variable is set, prints the wall-clock time (Unix nanoseconds) once
// the window is shown and the event loop has turned once more, then quits.
func probeStartup(a fyne.App) {
	if os.Getenv(startupProbeEnv) == "" {
		return
	}
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			fyne.DoAndWait(func() {}) // one more turn of the loop: the first frame is painted
			fmt.Fprintf(os.Stderr, "first-frame-unix-ns %d\n", time.Now().UnixNano())
			fyne.Do(a.Quit)
		}()
	})
}
